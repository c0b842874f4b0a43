package store_test

import (
	"context"
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/handelskammaren/ila-desk/assets"
	"github.com/handelskammaren/ila-desk/data/content"
	"github.com/handelskammaren/ila-desk/data/gen"
	"github.com/handelskammaren/ila-desk/data/store"
)

// The benchmark store: a year or two of heavy use, far more than one member
// company makes, so that search stays fast for a coordinator who gathers
// everyone's submissions.
const (
	searchBenchSubmissions = 10_000
	searchBenchProtocols   = 500
	searchBenchSeed        = 2017
	searchBenchLimit       = 60 // hits the search bar shows (ui.searchLimit)
)

// searchBenchQueries are what people type: whole words, words cut short while
// typing (the last word is matched as a prefix), two words, a rare word, a
// common one and one with no hits.
var searchBenchQueries = []struct{ name, text string }{
	{"word-Mälarbanan", "Mälarbanan"},
	{"word-Köping", "Köping"},
	{"word-hamnen", "hamnen"},
	{"word-E18", "E18"},
	{"word-plankorsningen", "plankorsningen"},
	{"word-åtgärdsvalsstudie", "åtgärdsvalsstudie"},
	{"prefix-hamn", "hamn"},
	{"prefix-järnv", "järnv"},
	{"prefix-godsfl", "godsfl"},
	{"prefix-kö", "kö"},
	{"prefix-tr", "tr"},
	{"two-hamnen-Köping", "hamnen Köping"},
	{"two-godståg-Mälarbanan", "godståg Mälarbanan"},
	{"two-E18-Arboga", "E18 Arboga"},
	{"two-riksväg-56", "riksväg 56"},
	{"two-prefix-länstransportplan-rev", "länstransportplanen rev"},
	{"rare-Hjulstabron", "Hjulstabron"},
	{"rare-Kvicksundsbron", "Kvicksundsbron"},
	{"common-Trafikverket", "Trafikverket"},
	{"common-och", "och"},
	{"none-tunnelbana", "tunnelbana"},
}

var (
	searchBenchOnce sync.Once
	searchBenchPath string
	searchBenchErr  error
)

// searchBenchStore opens the benchmark database, building it on first use. The
// file is kept in the system's temp folder under a name made from the schema
// version and a hash of the generated data, so later runs reuse it and a
// change to either builds a new one.
func searchBenchStore(b *testing.B) *store.Store {
	b.Helper()
	searchBenchOnce.Do(func() { searchBenchPath, searchBenchErr = buildSearchBenchDB() })
	if searchBenchErr != nil {
		b.Fatal(searchBenchErr)
	}
	st, err := store.Open(context.Background(), searchBenchPath)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

func buildSearchBenchDB() (string, error) {
	ctx := context.Background()
	subs := gen.Submissions(searchBenchSubmissions, searchBenchSeed)
	protos := gen.Protocols(searchBenchProtocols, searchBenchSeed)
	h := sha256.New()
	fmt.Fprintf(h, "schema %d\n%v\n%v\n", store.SchemaVersion(), subs, protos)
	path := filepath.Join(os.TempDir(), fmt.Sprintf("ila-search-bench-%x.db", h.Sum(nil)[:8]))
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}

	// Build beside the final name and rename, so that an interrupted build
	// is never taken for a finished one.
	tmp := path + fmt.Sprintf(".%d.building", os.Getpid())
	defer os.Remove(tmp)
	defer os.Remove(tmp + "-wal")
	defer os.Remove(tmp + "-shm")
	start := time.Now()
	st, err := store.Open(ctx, tmp)
	if err != nil {
		return "", err
	}
	defer st.Close()

	f, err := content.Parse(assets.DefaultContent)
	if err != nil {
		return "", err
	}
	// Four in five protocols carry their minutes as text in the content
	// file; the fifth has an attached document whose extracted text holds them.
	withDocument := func(i int) bool { return i%5 == 4 }
	for i, p := range protos {
		cp := content.Protocol{Key: p.Key, Date: p.Date.Format("2006-01-02"), Title: p.Title, Kind: p.Kind}
		if !withDocument(i) {
			cp.Text = p.Text
		}
		f.Protocols = append(f.Protocols, cp)
	}
	if _, err := st.ImportContent(ctx, f); err != nil {
		return "", fmt.Errorf("import protocols: %w", err)
	}
	stored, err := st.Protocols(ctx)
	if err != nil {
		return "", err
	}
	ids := map[string]int64{}
	for _, p := range stored {
		ids[p.Key] = p.ID
	}
	r := rand.New(rand.NewPCG(searchBenchSeed, 1))
	for i, p := range protos {
		if !withDocument(i) {
			continue
		}
		// A stand-in for the PDF's bytes, of a realistic size: the LIKE scan
		// has to step over them to reach the text.
		blob := make([]byte, 30<<10+r.IntN(60<<10))
		for j := range blob {
			blob[j] = byte(r.Uint32())
		}
		copy(blob, "%PDF-1.4\n")
		doc := store.Document{Data: blob, Text: p.Text}
		doc.Name = fmt.Sprintf("Minnesanteckningar %s.pdf", p.Date.Format("2006-01-02"))
		doc.MIME = "application/pdf"
		doc.Searchable = true
		if _, err := st.AttachDocument(ctx, ids[p.Key], doc); err != nil {
			return "", fmt.Errorf("attach document: %w", err)
		}
	}
	for _, s := range subs {
		if _, err := st.CreateSubmission(ctx, s); err != nil {
			return "", fmt.Errorf("create submission: %w", err)
		}
	}
	if err := st.Close(); err != nil {
		return "", err
	}
	fi, err := os.Stat(tmp)
	if err != nil {
		return "", err
	}
	fmt.Fprintf(os.Stderr, "built the search benchmark store (%d submissions, %d protocols, %.1f MB) in %v: %s\n",
		len(subs), len(protos), float64(fi.Size())/(1<<20), time.Since(start).Round(time.Second), path)
	return path, os.Rename(tmp, path)
}

// measurePercentiles runs q b.N times and reports the 50th, 95th and 99th percentile of
// the time one query takes, in milliseconds.
func measurePercentiles(b *testing.B, q func() (int, error)) {
	b.Helper()
	d := make([]time.Duration, 0, b.N)
	hits := 0
	b.ResetTimer()
	for range b.N {
		t0 := time.Now()
		n, err := q()
		d = append(d, time.Since(t0))
		if err != nil {
			b.Fatal(err)
		}
		hits = n
	}
	b.StopTimer()
	slices.Sort(d)
	at := func(p float64) float64 {
		i := min(len(d)-1, int(p*float64(len(d))))
		return float64(d[i].Microseconds()) / 1000
	}
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.95), "p95-ms")
	b.ReportMetric(at(0.99), "p99-ms")
	b.ReportMetric(float64(hits), "hits")
}

// BenchmarkSearch times Store.Search, the FTS5 query behind the search bar,
// for each query; "all" takes them in turn.
func BenchmarkSearch(b *testing.B) {
	st := searchBenchStore(b)
	ctx := context.Background()
	search := func(text string) func() (int, error) {
		return func() (int, error) {
			hits, err := st.Search(ctx, text, searchBenchLimit)
			return len(hits), err
		}
	}
	for _, q := range searchBenchQueries {
		b.Run(q.name, func(b *testing.B) { measurePercentiles(b, search(q.text)) })
	}
	b.Run("all", func(b *testing.B) {
		i := 0
		measurePercentiles(b, func() (int, error) {
			i++
			return search(searchBenchQueries[i%len(searchBenchQueries)].text)()
		})
	})
}

// BenchmarkSearchLike times the same queries as a LIKE '%…%' scan over the
// same texts in the base tables, for comparison.
func BenchmarkSearchLike(b *testing.B) {
	st := searchBenchStore(b)
	ctx := context.Background()
	for _, q := range searchBenchQueries {
		b.Run(q.name, func(b *testing.B) {
			measurePercentiles(b, func() (int, error) { return store.SearchLikeForTest(ctx, st, q.text) })
		})
	}
}
