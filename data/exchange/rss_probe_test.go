package exchange_test

import (
	"context"
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/handelskammaren/ila-desk/data/exchange"
	"github.com/handelskammaren/ila-desk/data/store"
)

// TestRSSProbe measures one import for BENCHMARKS.md, run as a test binary
// under /usr/bin/time -v (see there): the peak RSS of a process that does
// only that. It is skipped unless ILA_RSS_PROBE is set:
//
//	ILA_RSS_PROBE=make:bomb|make:manifest|make:stored ILA_RSS_FILE=p.zip  writes a package
//	ILA_RSS_PROBE=read|open|import ILA_RSS_FILE=p.zip                     reads it
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
	case "import":
		st, serr := store.Open(context.Background(), filepath.Join(t.TempDir(), "ila.db"))
		if serr != nil {
			t.Fatal(serr)
		}
		defer st.Close()
		var c, u int
		c, u, err = exchange.ImportFile(context.Background(), st, path)
		fmt.Println("created", c, "updated", u)
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
