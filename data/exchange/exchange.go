// Package exchange writes and reads the exchange package: a zip file with a
// versioned JSON manifest of submissions (every field, the status trail and
// the measures) and their attachments. Companies send it to the chamber; the
// chamber's coordinators import it. The format is documented in
// docs/exchange-format.md. Reading is defensive: a package from outside is
// checked whole before anything of it is used.
package exchange

import (
	"archive/zip"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/store"
)

// Format names the manifest; FormatVersion is the layout this program writes
// and the newest it reads.
const (
	Format        = "ila-exchange"
	FormatVersion = 1
	ManifestName  = "manifest.json"
	attachmentDir = "attachments/"
)

// Limits on what is read from a package (and written to one). The sizes
// are uncompressed; they are checked from the zip's central directory
// before anything is unpacked, and again while reading, whatever the
// headers claim.
const (
	MaxEntries        = 10_000
	MaxManifestSize   = 64 << 20
	MaxAttachmentSize = store.MaxAttachmentSize // what the store accepts
	MaxTotalSize      = 1 << 30                 // all attachments together
	MaxSubmissions    = 20_000
	// MaxRatio bounds how much an entry, and the package as a whole, may
	// expand: photos and PDFs hardly compress (ILA Desk stores them
	// uncompressed), and a manifest of real text deflates 3–10 times
	// (that of 20,000 generated submissions 8.8 times). A zip bomb expands
	// a thousandfold. Below RatioFloor any ratio is
	// accepted: a small manifest of repeated values may compress well.
	MaxRatio   = 100
	RatioFloor = 1 << 20
)

// limits are the numbers Open checks; tests use smaller ones.
type limits struct {
	entries                     int
	manifest, attachment, total int64
	ratio, ratioFloor           int64
}

var defaultLimits = limits{entries: MaxEntries, manifest: MaxManifestSize, attachment: MaxAttachmentSize,
	total: MaxTotalSize, ratio: MaxRatio, ratioFloor: RatioFloor}

// Manifest is the JSON document at the root of a package.
type Manifest struct {
	Format        string       `json:"format"`
	FormatVersion int          `json:"format_version"`
	Created       time.Time    `json:"created"`
	Generator     string       `json:"generator"`
	Company       Company      `json:"company"`
	Submissions   []Submission `json:"submissions"`
}

// Company is the sending company.
type Company struct {
	Name          string `json:"name"`
	OrgNumber     string `json:"org_number"`
	ContactPerson string `json:"contact_person"`
	Email         string `json:"email"`
	Phone         string `json:"phone"`
}

// Submission is one submission in the manifest: the JSON form of
// data.Submission, which is also the state the store's revisions keep, with
// the attachments' checksums in place of its attachments.
type Submission struct {
	data.Submission
	Attachments []Attachment `json:"attachments"`
}

// Attachment describes a file in attachments/ by its UID, with the SHA-256
// of its bytes.
type Attachment struct {
	data.Attachment
	SHA256 string `json:"sha256"`
}

// Write writes a package with subs to w. Attachment bytes come from
// sub.Attachments[i].Data, or from load when Data is nil; they are written
// one at a time, so memory holds one attachment at most. Write refuses, with
// a *data.Problem, what Read would refuse: a text longer or a list longer
// than data.Limits allows, more than MaxSubmissions submissions, an
// attachment over MaxAttachmentSize, more than MaxTotalSize of attachments
// or a manifest over MaxManifestSize. The package is then unusable: write
// it through atomicfile so that nothing is left of it.
func Write(w io.Writer, subs []data.Submission, company data.Company, generator string, now time.Time,
	load func(a data.Attachment) ([]byte, error)) error {
	if err := checkOutgoing(subs, company); err != nil {
		return err
	}
	m := Manifest{Format: Format, FormatVersion: FormatVersion, Created: now.UTC(), Generator: generator,
		Company: Company{Name: company.Name, OrgNumber: company.OrgNumber, ContactPerson: company.ContactPerson,
			Email: company.Email, Phone: company.Phone},
		Submissions: []Submission{}}
	zw := zip.NewWriter(w)
	var total int64
	for _, s := range subs {
		es := fromSubmission(s)
		for i, a := range s.Attachments {
			b := a.Data
			if b == nil {
				var err error
				if b, err = load(a); err != nil {
					return fmt.Errorf("write package: attachment %s: %w", a.Name, err)
				}
			}
			if int64(len(b)) > MaxAttachmentSize {
				return data.NewProblem(msgOutAttachmentSize, map[string]any{"Title": data.Excerpt(s.Title, 60),
					"Name": data.Excerpt(a.Name, 60), "Max": MaxAttachmentSize >> 20})
			}
			if total += int64(len(b)); total > MaxTotalSize {
				return data.NewProblem(msgOutTotal, map[string]any{"Max": MaxTotalSize >> 20})
			}
			sum := sha256.Sum256(b)
			es.Attachments[i].Size = int64(len(b))
			es.Attachments[i].SHA256 = hex.EncodeToString(sum[:])
			f, err := zw.CreateHeader(&zip.FileHeader{Name: attachmentDir + a.UID, Method: zip.Store, Modified: now})
			if err != nil {
				return fmt.Errorf("write package: %w", err)
			}
			if _, err := f.Write(b); err != nil {
				return fmt.Errorf("write package: %w", err)
			}
		}
		m.Submissions = append(m.Submissions, es)
	}
	f, err := zw.CreateHeader(&zip.FileHeader{Name: ManifestName, Method: zip.Deflate, Modified: now})
	if err != nil {
		return fmt.Errorf("write package: %w", err)
	}
	cw := &countingWriter{w: f}
	enc := json.NewEncoder(cw)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(m); err != nil {
		return fmt.Errorf("write package: %w", err)
	}
	if cw.n > MaxManifestSize {
		return data.NewProblem(msgOutManifest, map[string]any{"N": len(subs)})
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("write package: %w", err)
	}
	return nil
}

// Messages of Write; translation keys in app.*.json.
const (
	msgOutTooMany        = "A package holds at most {{.Max}} submissions; {{.N}} were chosen. Export them in two or more packages."
	msgOutTooLong        = "\"{{.Title}}\" cannot be sent: {{.Field}} is {{.Len}} characters long, and a package may hold at most {{.Max}}. Shorten it or attach the rest as a file, then export again."
	msgOutTooMuch        = "\"{{.Title}}\" cannot be sent: {{.Field}} has {{.Len}} entries, and a package may hold at most {{.Max}}. Remove some, then export again."
	msgOutCompany        = "Your company profile cannot be sent: {{.Field}} is {{.Len}} characters long, and a package may hold at most {{.Max}}. Shorten it under Företag, then export again."
	msgOutInvalid        = "\"{{.Title}}\" cannot be sent: its {{.Field}} is not valid. Correct it, then export again."
	msgOutAttachmentSize = "\"{{.Title}}\" cannot be sent: its attachment {{.Name}} is larger than {{.Max}} MB. Remove it or attach a smaller file, then export again."
	msgOutTotal          = "The attachments add up to more than {{.Max}} MB, more than one package may hold. Export the submissions in two or more packages."
	msgOutManifest       = "The {{.N}} submissions are too long together for one package. Export them in two or more packages."
	msgOutEntries        = "The submissions have {{.N}} attachments together; a package holds at most {{.Max}}. Export them in two or more packages."
	msgInCompany         = "The package's sender has a {{.Field}} of {{.Len}} characters; ILA Desk accepts at most {{.Max}}. It was refused; ask the sender to shorten it."
)

// checkOutgoing refuses what Read would refuse of subs, before anything is
// written.
func checkOutgoing(subs []data.Submission, company data.Company) error {
	if len(subs) > MaxSubmissions {
		return data.NewProblem(msgOutTooMany, map[string]any{"Max": data.GroupDigits(MaxSubmissions), "N": data.GroupDigits(len(subs))})
	}
	if err := checkSender(company, msgOutCompany, data.ErrTooLong); err != nil {
		return err
	}
	entries := 1 // the manifest
	for i, s := range subs {
		entries += len(s.Attachments)
		args := map[string]any{"Title": data.Excerpt(s.Title, 60)}
		for _, fp := range data.ValidateSubmission(s) {
			if !errors.Is(fp.Problem, data.ErrTooLong) {
				continue
			}
			for k, v := range fp.Problem.Args {
				args[k] = v
			}
			if errors.Is(fp.Problem, data.ErrTooMany) {
				return data.NewProblem(msgOutTooMuch, args)
			}
			return data.NewProblem(msgOutTooLong, args)
		}
		if _, err := toSubmission(i, fromSubmission(s)); err != nil {
			args["Field"] = "value"
			if p, ok := data.AsProblem(err); ok && p.Args["Field"] != nil {
				args["Field"] = p.Args["Field"]
			}
			return data.NewProblem(msgOutInvalid, args)
		}
	}
	if entries > MaxEntries {
		return data.NewProblem(msgOutEntries, map[string]any{"N": data.GroupDigits(entries - 1), "Max": data.GroupDigits(MaxEntries - 1)})
	}
	return nil
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// fromSubmission is the manifest entry of s: its times in UTC, and its
// empty lists and maps written as [] and {} rather than null.
func fromSubmission(s data.Submission) Submission {
	c := s.Clone()
	c.Created, c.Updated = c.Created.UTC(), c.Updated.UTC()
	for i := range c.Trail {
		c.Trail[i].At = c.Trail[i].At.UTC()
	}
	v := reflect.ValueOf(&c).Elem()
	for i := range v.NumField() {
		if f := v.Field(i); f.Kind() == reflect.Slice && f.IsNil() {
			f.Set(reflect.MakeSlice(f.Type(), 0, 0))
		} else if f.Kind() == reflect.Map && f.IsNil() {
			f.Set(reflect.MakeMap(f.Type()))
		}
	}
	e := Submission{Submission: c, Attachments: make([]Attachment, len(c.Attachments))}
	for i, a := range c.Attachments {
		a.ID, a.Data, a.Added = 0, nil, a.Added.UTC()
		e.Attachments[i] = Attachment{Attachment: a}
	}
	e.Submission.Attachments = nil
	return e
}

// Package is a read and checked package.
type Package struct {
	Manifest Manifest
	// Submissions are the package's submissions. After Read their
	// attachments' Data hold the bytes; after Open, Data is nil and
	// AttachmentData reads them.
	Submissions []data.Submission

	files map[string]*zip.File // attachments by UID
	sums  map[string]string    // the SHA-256 the manifest gives, by UID
	lim   limits
}

// ErrRefused is the cause of every problem Read reports.
var ErrRefused = errors.New("exchange package refused")

func refused(msg string, args map[string]any) error {
	return &data.Problem{Msg: msg, Args: args, Err: ErrRefused}
}

var uidPattern = regexp.MustCompile(`^[0-9a-f]{32}$`)

// Read reads and checks a whole package from r (of the given size), like
// Open, and then reads every attachment into its Data. It holds all the
// attachments in memory, up to MaxTotalSize; Open with AttachmentData holds
// one at a time. Anything wrong refuses the whole package with a
// *data.Problem: nothing of it should be used.
func Read(r io.ReaderAt, size int64) (*Package, error) {
	p, err := Open(r, size)
	if err != nil {
		return nil, err
	}
	for i := range p.Submissions {
		for j, a := range p.Submissions[i].Attachments {
			b, err := p.AttachmentData(a)
			if err != nil {
				return nil, err
			}
			p.Submissions[i].Attachments[j].Data = b
		}
	}
	return p, nil
}

// Open reads and checks a whole package from r (of the given size): the zip's
// layout, the sizes its directory declares (each entry, all together, how
// much they expand, that no two share their bytes), the manifest, and
// every attachment's size and checksum. The attachments are read as
// streams and none is kept, so Open's memory is that of the manifest
// (at most MaxManifestSize) whatever the attachments hold. Their Data are
// nil; AttachmentData reads one again. r must stay readable while the
// Package is used. Anything wrong refuses the whole package with a
// *data.Problem: nothing of it should be used.
func Open(r io.ReaderAt, size int64) (*Package, error) {
	return open(r, size, defaultLimits)
}

func open(r io.ReaderAt, size int64, lim limits) (*Package, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, refused("The file is not an exchange package from ILA Desk (it is not a zip file). Ask the sender for the file ILA Desk exported.", nil)
	}
	if len(zr.File) > lim.entries {
		return nil, refused("The package holds {{.N}} files, more than ILA Desk accepts ({{.Max}}). It was not made by ILA Desk.", map[string]any{"N": len(zr.File), "Max": lim.entries})
	}
	var manifest *zip.File
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		name := f.Name
		switch {
		case name == ManifestName:
			if manifest != nil {
				return nil, refused("The package holds two manifests. It was not made by ILA Desk.", nil)
			}
			manifest = f
		case strings.HasPrefix(name, attachmentDir) && uidPattern.MatchString(strings.TrimPrefix(name, attachmentDir)):
			if files[name] != nil {
				return nil, refused("The package holds the file {{.Name}} twice. It was not made by ILA Desk.", map[string]any{"Name": name})
			}
			files[name] = f
		case name == "attachments/" && f.FileInfo().IsDir():
		default:
			return nil, refused("The package holds a file ILA Desk does not expect: \"{{.Name}}\". It was refused whole for safety.", map[string]any{"Name": data.Excerpt(name, 80)})
		}
	}
	if manifest == nil {
		return nil, refused("The package has no manifest.json. Ask the sender for the file ILA Desk exported.", nil)
	}
	if err := checkDeclaredSizes(zr.File, manifest, size, lim); err != nil {
		return nil, err
	}
	m, err := readManifest(manifest, lim)
	if err != nil {
		return nil, err
	}
	if m.Format != Format {
		return nil, refused("The file is not an exchange package from ILA Desk (its format is \"{{.Got}}\").", map[string]any{"Got": data.Excerpt(m.Format, 40)})
	}
	if m.FormatVersion < 1 || m.FormatVersion > FormatVersion {
		return nil, refused("The package has format version {{.Got}}; this program reads up to version {{.Want}}. Update ILA Desk.", map[string]any{"Got": m.FormatVersion, "Want": FormatVersion})
	}
	if len(m.Submissions) > MaxSubmissions {
		return nil, refused("The package holds {{.N}} submissions, more than ILA Desk accepts ({{.Max}}).", map[string]any{"N": len(m.Submissions), "Max": MaxSubmissions})
	}
	sender := data.Company{Name: m.Company.Name, OrgNumber: m.Company.OrgNumber, ContactPerson: m.Company.ContactPerson,
		Email: m.Company.Email, Phone: m.Company.Phone}
	if err := checkSender(sender, msgInCompany, ErrRefused); err != nil {
		return nil, err
	}
	p := &Package{Manifest: m, files: map[string]*zip.File{}, sums: map[string]string{}, lim: lim}
	seen := map[string]bool{}
	var total int64
	for i, es := range m.Submissions {
		s, err := toSubmission(i, es)
		if err != nil {
			return nil, err
		}
		if seen[s.UID] {
			return nil, refused("Submission {{.UID}} is in the package twice.", map[string]any{"UID": s.UID})
		}
		seen[s.UID] = true
		for j, a := range es.Attachments {
			f := files[attachmentDir+a.UID]
			if f == nil || p.files[a.UID] != nil {
				return nil, refused("The attachment \"{{.Name}}\" of \"{{.Title}}\" is missing from the package.", map[string]any{"Name": data.Excerpt(a.Name, 60), "Title": data.Excerpt(s.Title, 60)})
			}
			p.files[a.UID] = f
			p.sums[a.UID] = strings.ToLower(a.SHA256)
			n, err := p.verify(f, a.Name, nil)
			if err != nil {
				return nil, err
			}
			if total += n; total > lim.total {
				return nil, refused("The package's files add up to more than {{.Max}} MB. It was refused.", map[string]any{"Max": lim.total >> 20})
			}
			s.Attachments[j].Size = n
		}
		p.Submissions = append(p.Submissions, s)
	}
	if len(p.files) != len(files) {
		return nil, refused("The package holds files that no submission names. It was refused whole for safety.", nil)
	}
	return p, nil
}

// AttachmentData reads the bytes of attachment a (by its UID) from the
// package, checking their size and checksum again: the file may have
// changed since Open.
func (p *Package) AttachmentData(a data.Attachment) ([]byte, error) {
	f := p.files[a.UID]
	if f == nil {
		return nil, fmt.Errorf("attachment %s: %w", a.UID, store.ErrNotFound)
	}
	// The size is known and checked: one allocation of the right size.
	buf := make([]byte, 0, min(f.UncompressedSize64, uint64(p.lim.attachment)))
	w := &sliceWriter{b: buf}
	if _, err := p.verify(f, a.Name, w); err != nil {
		return nil, err
	}
	return w.b, nil
}

type sliceWriter struct{ b []byte }

func (w *sliceWriter) Write(p []byte) (int, error) {
	w.b = append(w.b, p...)
	return len(p), nil
}

// verify reads attachment f as a stream, counting its bytes against the
// limits and hashing them, and copies them to w when w is not nil. It
// returns the size.
func (p *Package) verify(f *zip.File, name string, w io.Writer) (int64, error) {
	uid := strings.TrimPrefix(f.Name, attachmentDir)
	h := sha256.New()
	dst := io.Writer(h)
	if w != nil {
		dst = io.MultiWriter(h, w)
	}
	n, err := copyEntry(dst, f, p.lim.attachment, p.lim)
	if err != nil {
		return 0, err
	}
	if hex.EncodeToString(h.Sum(nil)) != p.sums[uid] {
		return 0, refused("The attachment \"{{.Name}}\" is damaged (its checksum does not match). Ask the sender to export the package again.", map[string]any{"Name": data.Excerpt(name, 60)})
	}
	return n, nil
}

// checkDeclaredSizes checks what the zip's central directory says, before
// anything is unpacked: each entry within its limit and not expanding more
// than the ratio allows, the attachments within the total, the package as
// a whole not expanding more than the ratio allows, and no two entries
// sharing bytes (a bomb can point many entries at one compressed stream).
func checkDeclaredSizes(files []*zip.File, manifest *zip.File, size int64, lim limits) error {
	type span struct{ start, end int64 }
	spans := make([]span, 0, len(files))
	var all, attachments uint64
	for _, f := range files {
		limit := lim.attachment
		if f == manifest {
			limit = lim.manifest
		}
		if f.UncompressedSize64 > uint64(limit) {
			return tooLarge(f.Name, limit)
		}
		if implausible(f.UncompressedSize64, f.CompressedSize64, lim) {
			return tooCompressed(f.Name, f.UncompressedSize64, f.CompressedSize64)
		}
		all += f.UncompressedSize64
		if f != manifest {
			attachments += f.UncompressedSize64
		}
		off, err := f.DataOffset()
		if err != nil || off < 0 || f.CompressedSize64 > uint64(size) || off > size-int64(f.CompressedSize64) {
			return damaged(f.Name, err)
		}
		if f.CompressedSize64 > 0 {
			spans = append(spans, span{off, off + int64(f.CompressedSize64)})
		}
	}
	if attachments > uint64(lim.total) {
		return refused("The package's files add up to more than {{.Max}} MB. It was refused.", map[string]any{"Max": lim.total >> 20})
	}
	if implausible(all, uint64(size), lim) {
		return refused("The package would unpack to {{.Size}} MB from a file of {{.Packed}} MB, which no real package does. It was refused for safety; ask the sender to export it again with ILA Desk.",
			map[string]any{"Size": all >> 20, "Packed": fmt.Sprintf("%.1f", float64(size)/(1<<20))})
	}
	slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.start, b.start) })
	for i := 1; i < len(spans); i++ {
		if spans[i].start < spans[i-1].end {
			return refused("The package is damaged or crafted: two of its files share the same bytes. It was refused for safety; ask the sender to export it again with ILA Desk.", nil)
		}
	}
	return nil
}

// implausible reports whether n bytes unpacked from packed bytes expand more
// than the ratio allows.
func implausible(n, packed uint64, lim limits) bool {
	return n > uint64(lim.ratioFloor) && n/uint64(lim.ratio) > packed
}

func tooLarge(name string, limit int64) error {
	return refused("The file {{.Name}} in the package is larger than {{.Max}} MB. It was refused.", map[string]any{"Name": data.Excerpt(name, 80), "Max": limit >> 20})
}

func tooCompressed(name string, n, packed uint64) error {
	ratio := "∞"
	if packed > 0 {
		ratio = data.GroupDigits(int(n / packed))
	}
	return refused("The file {{.Name}} in the package expands {{.Ratio}}-fold when unpacked, which no real photo, document or manifest does. The package was refused for safety; ask the sender to export it again with ILA Desk.",
		map[string]any{"Name": data.Excerpt(name, 80), "Ratio": ratio})
}

func damaged(name string, err error) error {
	return &data.Problem{Msg: "The package is damaged: {{.Name}} cannot be read. Ask the sender to export it again.", Args: map[string]any{"Name": data.Excerpt(name, 80)}, Err: fmt.Errorf("%w: %w", ErrRefused, err)}
}

// copyEntry copies entry f to w, refusing it past limit bytes and past the
// ratio whatever its header claims, and returns the size.
func copyEntry(w io.Writer, f *zip.File, limit int64, lim limits) (int64, error) {
	rc, err := f.Open()
	if err != nil {
		return 0, damaged(f.Name, err)
	}
	defer rc.Close()
	cr := &countingReader{r: rc}
	n, err := io.Copy(w, io.LimitReader(cr, limit+1))
	switch {
	case n > limit:
		return 0, tooLarge(f.Name, limit)
	case implausible(uint64(n), f.CompressedSize64, lim):
		return 0, tooCompressed(f.Name, uint64(n), f.CompressedSize64)
	case err != nil:
		return 0, damaged(f.Name, err)
	}
	return n, nil
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// readManifest decodes the manifest as a stream, never more than the
// manifest's limit of it.
func readManifest(f *zip.File, lim limits) (Manifest, error) {
	var m Manifest
	rc, err := f.Open()
	if err != nil {
		return m, damaged(f.Name, err)
	}
	defer rc.Close()
	cr := &countingReader{r: io.LimitReader(rc, lim.manifest+1)}
	dec := json.NewDecoder(cr)
	dec.DisallowUnknownFields()
	err = dec.Decode(&m)
	switch {
	case cr.n > lim.manifest:
		return m, tooLarge(f.Name, lim.manifest)
	case implausible(uint64(cr.n), f.CompressedSize64, lim):
		return m, tooCompressed(f.Name, uint64(cr.n), f.CompressedSize64)
	case err == nil:
		return m, nil
	case errors.Is(err, zip.ErrFormat), errors.Is(err, zip.ErrChecksum):
		return m, damaged(f.Name, err)
	}
	var syn *json.SyntaxError
	if errors.As(err, &syn) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return m, refused("The package's manifest is not valid JSON. Ask the sender to export it again.", nil)
	}
	return m, &data.Problem{Msg: "The package's manifest could not be read: it does not follow the exchange format. Ask the sender to export it again.", Err: fmt.Errorf("%w: %w", ErrRefused, err)}
}

// checkSender returns a problem with msg when a field of the sending
// company is longer than the company profile allows.
func checkSender(c data.Company, msg string, cause error) error {
	for _, p := range data.ValidateCompany(c) {
		if errors.Is(p.Problem, data.ErrTooLong) {
			return &data.Problem{Msg: msg, Args: p.Problem.Args, Err: cause}
		}
	}
	return nil
}

// toSubmission checks one manifest entry and converts it.
func toSubmission(i int, e Submission) (data.Submission, error) {
	title := data.Excerpt(e.Title, 60)
	bad := func(field string) error {
		return refused("Submission {{.N}} (\"{{.Title}}\") in the package has an invalid {{.Field}}. It was refused whole.", map[string]any{"N": i + 1, "Title": title, "Field": field})
	}
	if !uidPattern.MatchString(e.UID) {
		return data.Submission{}, bad("uid")
	}
	s := e.Submission
	s.ID, s.Deleted, s.Version = 0, nil, 0
	s.Compact()
	s.Attachments = nil
	if p := s.Point; p != nil && (math.IsNaN(p.Lat) || math.IsNaN(p.Lon) || math.Abs(p.Lat) > 90 || math.Abs(p.Lon) > 180) {
		return s, bad("point")
	}
	if !s.Status.Valid() {
		return s, bad("status")
	}
	for _, c := range s.Trail {
		if !c.Status.Valid() {
			return s, bad("status trail")
		}
	}
	for _, a := range e.Attachments {
		if !uidPattern.MatchString(a.UID) {
			return s, bad("attachment uid")
		}
		a.ID, a.Data = 0, nil
		s.Attachments = append(s.Attachments, a.Attachment)
	}
	for _, p := range data.ValidateSubmission(s) {
		if errors.Is(p.Problem, data.ErrTooLong) {
			args := map[string]any{"N": i + 1, "Title": title}
			for k, v := range p.Problem.Args {
				args[k] = v
			}
			if errors.Is(p.Problem, data.ErrTooMany) {
				return s, refused("In submission {{.N}} (\"{{.Title}}\") of the package, {{.Field}} has {{.Len}} entries; ILA Desk accepts at most {{.Max}}. The package was refused whole; ask the sender to remove some.", args)
			}
			return s, refused("In submission {{.N}} (\"{{.Title}}\") of the package, {{.Field}} is {{.Len}} characters long; ILA Desk accepts at most {{.Max}}. The package was refused whole; ask the sender to shorten it or attach the rest as a file.", args)
		}
		// Empty title or object are drafts the sender may still finish; wrong
		// kinds of values are not.
		if p.Field == data.FieldTitle || p.Field == data.FieldObject || p.Field == data.FieldContactEmail {
			continue
		}
		return s, bad(p.Field)
	}
	return s, nil
}
