package exchange_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/exchange"
	"github.com/handelskammaren/ila-desk/data/store"
)

// entry is a file of a crafted package: raw bytes as they go into the zip
// and what its headers declare.
type entry struct {
	name         string
	raw          []byte // as stored: deflated when method is zip.Deflate
	method       uint16
	crc          uint32
	uncompressed uint64 // declared
}

func storedEntry(name string, b []byte) entry {
	return entry{name: name, raw: b, method: zip.Store, crc: crc32.ChecksumIEEE(b), uncompressed: uint64(len(b))}
}

func deflatedEntry(name string, b []byte) entry {
	var z bytes.Buffer
	w, _ := flate.NewWriter(&z, flate.BestCompression)
	w.Write(b)
	w.Close()
	return entry{name: name, raw: z.Bytes(), method: zip.Deflate, crc: crc32.ChecksumIEEE(b), uncompressed: uint64(len(b))}
}

// craft writes entries into a zip as they are, headers included.
func craft(t testing.TB, entries ...entry) []byte {
	t.Helper()
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, e := range entries {
		w, err := zw.CreateRaw(&zip.FileHeader{Name: e.name, Method: e.method, CRC32: e.crc,
			CompressedSize64: uint64(len(e.raw)), UncompressedSize64: e.uncompressed})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(e.raw)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// manifestFor is a manifest with one submission whose attachments are the
// given bytes' sizes and checksums, under the UIDs uid(0), uid(1) …
func manifestFor(sub data.Submission, sizes []int64, sums []string) []byte {
	sub.Attachments = nil
	for i := range sizes {
		sub.Attachments = append(sub.Attachments, data.Attachment{UID: uid(i), Name: fmt.Sprintf("foto%d.jpg", i), MIME: "image/jpeg", Added: now})
	}
	var b bytes.Buffer
	if err := exchange.Write(&b, []data.Submission{sub}, data.Company{Name: "Mälarfrakt AB"}, "test", now,
		func(a data.Attachment) ([]byte, error) { return []byte("x"), nil }); err != nil {
		panic(err)
	}
	zr, _ := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	for _, f := range zr.File {
		if f.Name != exchange.ManifestName {
			continue
		}
		rc, _ := f.Open()
		var m map[string]any
		json.NewDecoder(rc).Decode(&m)
		rc.Close()
		for i, a := range firstSub(m)["attachments"].([]any) {
			a.(map[string]any)["size"] = sizes[i]
			a.(map[string]any)["sha256"] = sums[i]
		}
		out, _ := json.Marshal(m)
		return out
	}
	panic("no manifest")
}

func uid(i int) string { return fmt.Sprintf("%032x", i+1) }

func sum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func allocatedBy(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func refusedWith(t *testing.T, err error, want string) {
	t.Helper()
	if !errors.Is(err, exchange.ErrRefused) {
		t.Errorf("got %v, want the package refused (ErrRefused)", err)
	}
	if p, ok := data.AsProblem(err); !ok || !strings.Contains(p.English(), want) {
		t.Errorf("got %v, want a sentence containing %q", err, want)
	}
}

// bomb is the package of issue 9: about 1 MB, 50 attachments of 20 MB of
// zeros each, 1,000 MB unpacked. It was accepted, at 1.5 GB of memory.
func bomb(t testing.TB) []byte {
	zeros := make([]byte, exchange.MaxAttachmentSize)
	e := deflatedEntry("", zeros)
	var entries []entry
	var sizes []int64
	var sums []string
	for i := range 50 {
		e.name = "attachments/" + uid(i)
		entries = append(entries, e)
		sizes = append(sizes, int64(len(zeros)))
		sums = append(sums, sum(zeros))
	}
	entries = append(entries, storedEntry(exchange.ManifestName, manifestFor(sample(), sizes, sums)))
	return craft(t, entries...)
}

func TestZipBombIsRefusedBeforeAnythingIsUnpacked(t *testing.T) {
	b := bomb(t)
	if len(b) > 2<<20 {
		t.Fatalf("the bomb is %d bytes, want about 1 MB", len(b))
	}
	var err error
	n := allocatedBy(func() { _, err = exchange.Open(bytes.NewReader(b), int64(len(b))) })
	refusedWith(t, err, "expands 1\u00a00")
	if n > 4<<20 {
		t.Errorf("refusing it allocated %d MB, want under 4 MB", n>>20)
	}
	_, err = exchange.Read(bytes.NewReader(b), int64(len(b)))
	refusedWith(t, err, "which no real photo, document or manifest does")
}

// A bomb whose entries are each plausible but share one stream of bytes: 40
// entries of 1 MB stored, pointing at the same 1 MB of the file.
func TestEntriesSharingBytesAreRefused(t *testing.T) {
	data1 := make([]byte, 1<<20)
	rand.Read(data1)
	entries := []entry{}
	var sizes []int64
	var sums []string
	for i := range 40 {
		e := storedEntry("attachments/"+uid(i), data1)
		if i > 0 {
			e.raw = nil // written empty, pointed at the first one below
		}
		entries = append(entries, e)
		sizes = append(sizes, int64(len(data1)))
		sums = append(sums, sum(data1))
	}
	entries = append(entries, storedEntry(exchange.ManifestName, manifestFor(sample(), sizes, sums)))
	b := craft(t, entries...)
	// Point every central directory record of an attachment at the first
	// one's local header, with the first one's sizes.
	cd := bytes.Index(b, []byte("PK\x01\x02"))
	var firstOffset uint32
	for i, p := 0, cd; p >= 0 && p < len(b); i++ {
		rec := b[p:]
		if !bytes.HasPrefix(rec, []byte("PK\x01\x02")) {
			break
		}
		nameLen := int(binary.LittleEndian.Uint16(rec[28:]))
		extraLen := int(binary.LittleEndian.Uint16(rec[30:]))
		commentLen := int(binary.LittleEndian.Uint16(rec[32:]))
		name := string(rec[46 : 46+nameLen])
		if i == 0 {
			firstOffset = binary.LittleEndian.Uint32(rec[42:])
		} else if strings.HasPrefix(name, "attachments/") {
			binary.LittleEndian.PutUint32(rec[42:], firstOffset)
			binary.LittleEndian.PutUint32(rec[20:], uint32(len(data1))) // compressed size
		}
		p += 46 + nameLen + extraLen + commentLen
	}
	_, err := exchange.Open(bytes.NewReader(b), int64(len(b)))
	refusedWith(t, err, "two of its files share the same bytes")
}

// Headers that claim less than the entry holds, or more, are caught while
// it is read.
func TestHeadersThatLieAreCaughtWhileReading(t *testing.T) {
	real := bytes.Repeat([]byte("Köerna växer. "), 20_000) // 300 KB, deflates well
	for name, declared := range map[string]uint64{"claims less": 1000, "claims more": uint64(len(real)) + 5000} {
		t.Run(name, func(t *testing.T) {
			e := deflatedEntry("attachments/"+uid(0), real)
			e.uncompressed = declared
			b := craft(t, e, storedEntry(exchange.ManifestName, manifestFor(sample(), []int64{int64(len(real))}, []string{sum(real)})))
			_, err := exchange.OpenWithLimits(bytes.NewReader(b), int64(len(b)), 1<<20, 1<<30, 1000, 1<<20)
			refusedWith(t, err, "is damaged")
		})
	}
}

// The limits hold with a small package too: per entry, in total and for
// the ratio, whether the directory or the data shows it.
func TestSizeLimitsHoldForEveryEntryAndTheWhole(t *testing.T) {
	random := func(n int) []byte { b := make([]byte, n); rand.Read(b); return b }
	a, b2, c := random(30<<10), random(30<<10), random(30<<10)
	pkg := func(es ...[]byte) []byte {
		var entries []entry
		var sizes []int64
		var sums []string
		for i, x := range es {
			entries = append(entries, storedEntry("attachments/"+uid(i), x))
			sizes, sums = append(sizes, int64(len(x))), append(sums, sum(x))
		}
		return craft(t, append(entries, storedEntry(exchange.ManifestName, manifestFor(sample(), sizes, sums)))...)
	}
	p := pkg(a, b2, c)
	open := func(entry, total int64) error {
		_, err := exchange.OpenWithLimits(bytes.NewReader(p), int64(len(p)), entry, total, 100, 1<<20)
		return err
	}
	if err := open(32<<10, 1<<20); err != nil {
		t.Fatalf("within the limits: got %v", err)
	}
	refusedWith(t, open(20<<10, 1<<20), "is larger than")
	refusedWith(t, open(32<<10, 64<<10), "add up to more than")
	// 8 KB of zeros deflate to a few bytes: past a ratio of 100 once above
	// a floor of 4 KB.
	zeros := deflatedEntry("attachments/"+uid(0), make([]byte, 8<<10))
	z := craft(t, zeros, storedEntry(exchange.ManifestName, manifestFor(sample(), []int64{8 << 10}, []string{sum(make([]byte, 8<<10))})))
	_, err := exchange.OpenWithLimits(bytes.NewReader(z), int64(len(z)), 1<<20, 1<<30, 100, 4<<10)
	refusedWith(t, err, "expands")
	if _, err := exchange.OpenWithLimits(bytes.NewReader(z), int64(len(z)), 1<<20, 1<<30, 100, 16<<10); err != nil {
		t.Errorf("below the floor: got %v, want it accepted", err)
	}
}

// Open checks every attachment holding none of them; Read holds them all.
func TestOpenHoldsNoAttachmentInMemory(t *testing.T) {
	var entries []entry
	var sizes []int64
	var sums []string
	var files [][]byte
	for i := range 20 {
		x := make([]byte, 1<<20)
		rand.Read(x)
		files = append(files, x)
		entries = append(entries, storedEntry("attachments/"+uid(i), x))
		sizes, sums = append(sizes, int64(len(x))), append(sums, sum(x))
	}
	b := craft(t, append(entries, storedEntry(exchange.ManifestName, manifestFor(sample(), sizes, sums)))...)
	var p *exchange.Package
	var err error
	if n := allocatedBy(func() { p, err = exchange.Open(bytes.NewReader(b), int64(len(b))) }); err != nil || n > 4<<20 {
		t.Fatalf("Open: got %v and %d MB allocated, want no error and under 4 MB for 20 MB of attachments", err, n>>20)
	}
	for i, a := range p.Submissions[0].Attachments {
		if a.Data != nil || a.Size != 1<<20 {
			t.Errorf("attachment %d: got %d bytes held and size %d, want none held and size 1 MB", i, len(a.Data), a.Size)
		}
		got, err := p.AttachmentData(a)
		if err != nil || !bytes.Equal(got, files[i]) {
			t.Errorf("attachment %d: AttachmentData got %d bytes, %v; want the file", i, len(got), err)
		}
	}
	if n := allocatedBy(func() { _, err = exchange.Read(bytes.NewReader(b), int64(len(b))) }); err != nil || n < 20<<20 {
		t.Errorf("Read: got %v and %d MB allocated, want every attachment read", err, n>>20)
	}
}

// Issue 9, item 6: a package of a 60,000-character deficiency is refused
// with a sentence that says so.
func TestOverLongTextInAPackageIsRefusedWithASentence(t *testing.T) {
	good := pack(t, sample())
	b := editManifest(t, good, func(m map[string]any) { firstSub(m)["deficiency"] = strings.Repeat("x", 60_000) })
	_, err := exchange.Read(bytes.NewReader(b), int64(len(b)))
	refusedWith(t, err, "In submission 1 (\"Plankorsning i Kolbäck\") of the package, Deficiency is 60\u00a0000 characters long; ILA Desk accepts at most 20\u00a0000.")
	b = editManifest(t, good, func(m map[string]any) {
		var ms []any
		for range 31 {
			ms = append(ms, map[string]any{"text": "Skylta om", "step": 1})
		}
		firstSub(m)["measures"] = ms
	})
	_, err = exchange.Read(bytes.NewReader(b), int64(len(b)))
	refusedWith(t, err, "Proposed measures has 31 entries; ILA Desk accepts at most 30.")
	b = editManifest(t, good, func(m map[string]any) { m["company"].(map[string]any)["name"] = strings.Repeat("A", 300) })
	_, err = exchange.Read(bytes.NewReader(b), int64(len(b)))
	refusedWith(t, err, "The package's sender has a Company name of 300 characters")
}

// The 62 KB package carrying a 60 MB deficiency: refused from its
// directory, before the manifest is decoded.
func TestHugeManifestFromASmallPackageIsNotDecoded(t *testing.T) {
	b := hugeManifest(t)
	var err error
	n := allocatedBy(func() { _, err = exchange.Read(bytes.NewReader(b), int64(len(b))) })
	refusedWith(t, err, "expands")
	if n > 4<<20 {
		t.Errorf("refusing it allocated %d MB, want under 4 MB", n>>20)
	}
}

// hugeManifest is a package whose manifest holds one submission with a
// deficiency of 60 MB, deflated to a few tens of kilobytes.
func hugeManifest(t testing.TB) []byte {
	s := sample()
	s.Attachments = nil
	var m bytes.Buffer
	exchange.Write(&m, []data.Submission{s}, data.Company{Name: "M"}, "test", now, nil)
	zr, _ := zip.NewReader(bytes.NewReader(m.Bytes()), int64(m.Len()))
	rc, _ := zr.File[0].Open()
	var doc map[string]any
	json.NewDecoder(rc).Decode(&doc)
	firstSub(doc)["deficiency"] = strings.Repeat("x", 60<<20)
	body, _ := json.Marshal(doc)
	return craft(t, deflatedEntry(exchange.ManifestName, body))
}

func TestLongNamesAreQuotedInPart(t *testing.T) {
	good := pack(t, sample())
	b := editManifest(t, good, func(m map[string]any) {
		firstSub(m)["title"] = strings.Repeat("Kajen i Köping ", 70_000)
		firstSub(m)["status"] = "hacked"
	})
	_, err := exchange.Read(bytes.NewReader(b), int64(len(b)))
	if p, ok := data.AsProblem(err); !ok || len(p.English()) > 400 {
		t.Errorf("got a %d-byte message, want a sentence quoting the title in part", len(err.Error()))
	}
}

// Write refuses what Read would refuse, so no export makes a package its
// own import turns away.
func TestWriteRefusesWhatReadRefuses(t *testing.T) {
	write := func(subs []data.Submission, c data.Company) error {
		var b bytes.Buffer
		return exchange.Write(&b, subs, c, "test", now, nil)
	}
	long := sample()
	long.Deficiency = strings.Repeat("x", 20_001)
	if err := write([]data.Submission{long}, data.Company{}); err == nil ||
		!strings.Contains(err.Error(), "\"Plankorsning i Kolbäck\" cannot be sent: Deficiency is 20\u00a0001 characters long") {
		t.Errorf("over-long deficiency: got %v", err)
	}
	many := sample()
	for range 50 {
		many.CoSigners = append(many.CoSigners, "AB")
	}
	if err := write([]data.Submission{many}, data.Company{}); err == nil || !strings.Contains(err.Error(), "Co-signing companies has 51 entries") {
		t.Errorf("too many co-signers: got %v", err)
	}
	if err := write([]data.Submission{sample()}, data.Company{Name: strings.Repeat("A", 201)}); err == nil ||
		!strings.Contains(err.Error(), "Your company profile cannot be sent") {
		t.Errorf("over-long company name: got %v", err)
	}
	bad := sample()
	bad.Status = "hacked"
	if err := write([]data.Submission{bad}, data.Company{}); err == nil || !strings.Contains(err.Error(), "its status is not valid") {
		t.Errorf("invalid status: got %v", err)
	}
	subs := make([]data.Submission, exchange.MaxSubmissions+1)
	if err := write(subs, data.Company{}); err == nil || !strings.Contains(err.Error(), "at most 20\u00a0000 submissions") {
		t.Errorf("too many submissions: got %v", err)
	}
	if err := write([]data.Submission{sample()}, data.Company{Name: "Mälarfrakt AB"}); err != nil {
		t.Errorf("a good submission: got %v", err)
	}
}

// Issue 9, item 11: a package holds contact details; it is the owner's only.
func TestExportedPackageIsTheOwnersOnly(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix permissions")
	}
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "ila.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	path := filepath.Join(t.TempDir(), "inspel.zip")
	old := syscall.Umask(0o022)
	_, err = exchange.ExportFile(ctx, st, path, store.SubmissionQuery{IDs: []int64{}}, "test", now)
	syscall.Umask(old)
	if err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("got mode %03o, want 600", fi.Mode().Perm())
	}
}

// FuzzSizeAccounting builds packages of up to eight attachments from the
// fuzzer's bytes, each stored or deflated, of random or repeated bytes,
// with headers that may claim other sizes, and opens them with small
// limits. Whatever it accepts is within them: every attachment reads back
// whole at most the limit, they add up to at most the total, and none
// expands past the ratio above the floor; whatever it refuses, it refuses
// with a sentence.
func FuzzSizeAccounting(f *testing.F) {
	f.Add([]byte{8, 1, 0, 0, 200, 2, 1, 1, 100, 0})
	f.Add([]byte{255, 3, 4, 2, 255, 255, 1, 0, 255, 255, 2, 3})
	f.Add([]byte{16, 0, 1, 7, 16, 1, 1, 7})
	const entryLimit, total, ratio, floor = 16 << 10, 40 << 10, 20, 2 << 10
	f.Fuzz(func(t *testing.T, spec []byte) {
		var entries []entry
		var sizes []int64
		var sums []string
		for i := 0; i+4 <= len(spec) && i/4 < 8; i += 4 {
			n := int(spec[i])<<8 | int(spec[i+1])
			n = n % (24 << 10)
			body := bytes.Repeat([]byte{spec[i+2]}, n)
			if spec[i+3]&1 == 1 {
				for k := range body {
					body[k] = byte(k*7919 + k>>3)
				}
			}
			var e entry
			if spec[i+3]&2 == 2 {
				e = deflatedEntry("attachments/"+uid(i/4), body)
			} else {
				e = storedEntry("attachments/"+uid(i/4), body)
			}
			switch spec[i+3] >> 2 & 3 { // lie about the size
			case 1:
				e.uncompressed /= 2
			case 2:
				e.uncompressed += 1000
			case 3:
				e.uncompressed = 0
			}
			entries = append(entries, e)
			sizes, sums = append(sizes, int64(n)), append(sums, sum(body))
		}
		b := craft(t, append(entries, storedEntry(exchange.ManifestName, manifestFor(sample(), sizes, sums)))...)
		p, err := exchange.OpenWithLimits(bytes.NewReader(b), int64(len(b)), entryLimit, total, ratio, floor)
		if err != nil {
			if _, ok := data.AsProblem(err); !ok || !errors.Is(err, exchange.ErrRefused) {
				t.Fatalf("refused without a sentence: %v", err)
			}
			return
		}
		var sum int64
		for i, a := range p.Submissions[0].Attachments {
			got, err := p.AttachmentData(a)
			if err != nil {
				t.Fatalf("attachment %d: accepted by Open, then %v", i, err)
			}
			n := int64(len(got))
			if n != sizes[i] || a.Size != n || n > entryLimit {
				t.Fatalf("attachment %d: got %d bytes (size %d), want %d within %d", i, n, a.Size, sizes[i], entryLimit)
			}
			if n > floor && n > ratio*int64(len(entries[i].raw)) {
				t.Fatalf("attachment %d: %d bytes from %d accepted, past the ratio", i, n, len(entries[i].raw))
			}
			sum += n
		}
		if sum > total {
			t.Fatalf("accepted %d bytes of attachments, more than %d", sum, total)
		}
	})
}
