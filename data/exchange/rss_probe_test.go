package exchange_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/handelskammaren/ila-desk/data/exchange"
	"github.com/handelskammaren/ila-desk/data/store"
)

// TestRSSProbe measures one import for BENCHMARKS.md, run as a test binary
// under /usr/bin/time -v (see there): the peak RSS of a process that does
// only that. It is skipped unless ILA_RSS_PROBE is set:
//
//	ILA_RSS_PROBE=make:bomb|make:manifest|make:stored|make:large|make:photos ILA_RSS_FILE=p.zip  writes a package
//	ILA_RSS_PROBE=read|open|import ILA_RSS_FILE=p.zip                                             reads it
//	ILA_RSS_PROBE=import:contended ILA_RSS_FILE=p.zip                                             imports it while
//	    another connection writes a row every 50 ms, and prints the longest such write
func TestRSSProbe(t *testing.T) {
	probe, path := os.Getenv("ILA_RSS_PROBE"), os.Getenv("ILA_RSS_FILE")
	if probe == "" || path == "" {
		t.Skip("set ILA_RSS_PROBE and ILA_RSS_FILE to measure")
	}
	var err error
	switch probe {
	case "make:bomb": // issue 9: 50 attachments of 20 MB of zeros, about 1 MB
		err = os.WriteFile(path, bomb(t), 0o600)
	case "make:manifest": // issue 9: a 60 MB deficiency in a small package
		err = os.WriteFile(path, hugeManifest(t), 0o600)
	case "make:stored": // an honest package: 10 documents of 20 MB, stored
		err = os.WriteFile(path, storedPackage(t, 10, exchange.MaxAttachmentSize), 0o600)
	case "make:large": // an honest package near the limit: 50 documents of 20 MB
		err = os.WriteFile(path, storedPackage(t, 50, exchange.MaxAttachmentSize), 0o600)
	case "make:photos": // an honest package of photos, each thumbnailed on import
		err = os.WriteFile(path, photoPackage(t, 20, 4000, 3000), 0o600)
	case "read", "open":
		f, ferr := os.Open(path)
		if ferr != nil {
			t.Fatal(ferr)
		}
		defer f.Close()
		fi, _ := f.Stat()
		if probe == "read" {
			_, err = exchange.Read(f, fi.Size())
		} else {
			_, err = exchange.Open(f, fi.Size())
		}
	case "import", "import:contended":
		ctx := context.Background()
		db := filepath.Join(t.TempDir(), "ila.db")
		st, serr := store.Open(ctx, db)
		if serr != nil {
			t.Fatal(serr)
		}
		defer st.Close()
		done, longest := make(chan struct{}), make(chan time.Duration)
		if probe == "import:contended" {
			other, serr := store.Open(ctx, db)
			if serr != nil {
				t.Fatal(serr)
			}
			defer other.Close()
			go func() {
				var most time.Duration
				for i := 0; ; i++ {
					select {
					case <-done:
						longest <- most
						return
					case <-time.After(50 * time.Millisecond):
					}
					start := time.Now()
					if err := other.MarkReminderSent(ctx, fmt.Sprint("probe", i)); err != nil {
						fmt.Println("other writer:", err)
					}
					most = max(most, time.Since(start))
				}
			}()
		}
		var c, u int
		c, u, err = exchange.ImportFile(ctx, st, path)
		fmt.Println("created", c, "updated", u)
		if probe == "import:contended" {
			close(done)
			fmt.Println("longest write of the other connection:", (<-longest).Round(time.Millisecond))
		}
	default:
		t.Fatalf("unknown probe %q", probe)
	}
	fmt.Println(probe, "->", err)
}

func storedPackage(t testing.TB, n, size int) []byte {
	var entries []entry
	var sizes []int64
	var sums []string
	for i := range n {
		x := make([]byte, size)
		rand.Read(x)
		copy(x, "%PDF-1.4\n") // a document the store takes as it is
		entries = append(entries, storedEntry("attachments/"+uid(i), x))
		sizes, sums = append(sizes, int64(size)), append(sums, sum(x))
	}
	return craft(t, append(entries, storedEntry(exchange.ManifestName, manifestFor(sample(), sizes, sums)))...)
}

// photoPackage is n w×h JPEG photos of noise (which compresses little, so
// that each is large), stored.
func photoPackage(t testing.TB, n, w, h int) []byte {
	var entries []entry
	var sizes []int64
	var sums []string
	for i := range n {
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		rand.Read(img.Pix)
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85}); err != nil {
			t.Fatal(err)
		}
		x := buf.Bytes()
		entries = append(entries, storedEntry("attachments/"+uid(i), x))
		sizes, sums = append(sizes, int64(len(x))), append(sums, sum(x))
	}
	return craft(t, append(entries, storedEntry(exchange.ManifestName, manifestFor(sample(), sizes, sums)))...)
}
