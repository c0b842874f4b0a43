package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/gen"
	"github.com/handelskammaren/ila-desk/data/store"
)

// BenchmarkImportWhileAnotherProcessSaves imports a package of 20,000
// submissions (first new, then again as updates) while another process
// saves one submission every 20 ms, as an editor's autosave does. It
// reports how long each import holds the database and how long the other
// process's saves waited meanwhile: every save must succeed, and its wait
// is bounded by the import's transaction.
func BenchmarkImportWhileAnotherProcessSaves(b *testing.B) {
	const n = 20_000
	ctx := context.Background()
	subs := gen.Submissions(n, 5)
	for i := range subs {
		subs[i].UID = fmt.Sprintf("%032x", i+1)
	}
	for b.Loop() {
		path := filepath.Join(b.TempDir(), "ila.db")
		s, err := store.Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		editor, err := s.CreateSubmission(ctx, data.Submission{Title: "Öppen i ett annat fönster"})
		if err != nil {
			b.Fatal(err)
		}
		saver := startChild(b, "saver", "ILA_CHILD_DB="+path, "ILA_CHILD_ARG="+strconv.FormatInt(editor.ID, 10))
		saver.expect(b, "ready")
		for pass, what := range []string{"create", "update"} {
			if pass == 1 {
				for i := range subs {
					subs[i].Deficiency += " (uppdaterad)"
				}
			}
			t0 := time.Now()
			if _, _, err := s.ImportSubmissions(ctx, subs); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(time.Since(t0).Seconds(), what+"-s")
			time.Sleep(300 * time.Millisecond)
		}
		saver.stop()
		lines := saver.wait(b)
		if errs := errorLines(lines); len(errs) > 0 {
			b.Fatalf("the other process's saves failed: %q", errs)
		}
		// The saves' own durations; the long ones are those that waited.
		var waits []time.Duration
		for _, l := range lines {
			var k int
			var ns int64
			if _, err := fmt.Sscanf(l, "saved %d %d", &k, &ns); err == nil {
				waits = append(waits, time.Duration(ns))
			}
		}
		slices.Sort(waits)
		if len(waits) == 0 {
			b.Fatal("no saves")
		}
		b.ReportMetric(float64(len(waits)), "saves")
		b.ReportMetric(float64(waits[len(waits)/2].Microseconds())/1000, "save-p50-ms")
		b.ReportMetric(waits[len(waits)-1].Seconds(), "save-max-s")
		s.Close()
	}
}

// BenchmarkOpenChecks opens a database of 10,000 submissions: Open reads
// the whole file for PRAGMA quick_check before it writes anything.
func BenchmarkOpenChecks(b *testing.B) {
	ctx := context.Background()
	s, _ := benchStore(b)
	path := s.Path()
	s.Close()
	b.Run("open", func(b *testing.B) {
		for b.Loop() {
			s, err := store.Open(ctx, path)
			if err != nil {
				b.Fatal(err)
			}
			s.Close()
		}
	})
	b.Run("quick_check", func(b *testing.B) {
		db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		for b.Loop() {
			var res string
			if err := db.QueryRow("PRAGMA quick_check").Scan(&res); err != nil || res != "ok" {
				b.Fatal(res, err)
			}
		}
	})
}

// BenchmarkBackup copies a database of 10,000 submissions with VACUUM INTO
// and checks the copy.
func BenchmarkBackup(b *testing.B) {
	ctx := context.Background()
	s, _ := benchStore(b)
	dir := b.TempDir()
	i := 0
	for b.Loop() {
		i++
		if err := s.Backup(ctx, filepath.Join(dir, fmt.Sprintf("kopia-%d.db", i))); err != nil {
			b.Fatal(err)
		}
	}
}
