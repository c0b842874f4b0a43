package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/gen"
	"github.com/handelskammaren/ila-desk/data/store"
)

const benchSubmissions = 10_000

// benchStore is a store holding 10,000 generated submissions.
func benchStore(b *testing.B) (*store.Store, []int64) {
	b.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(b.TempDir(), "ila.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	ids, err := store.InsertSubmissionsForTest(ctx, s, gen.Submissions(benchSubmissions, 1))
	if err != nil {
		b.Fatal(err)
	}
	// Fresh statistics, as a long-used database has them.
	if err := store.Exec(ctx, s, "ANALYZE"); err != nil {
		b.Fatal(err)
	}
	return s, ids
}

// timings collects the duration of each operation and reports the median
// and 99th percentile.
type timings []time.Duration

func (ts timings) report(b *testing.B) {
	if len(ts) == 0 {
		return
	}
	slices.Sort(ts)
	at := func(p float64) float64 { return float64(ts[int(p*float64(len(ts)-1))].Nanoseconds()) }
	b.ReportMetric(at(0.50), "p50-ns")
	b.ReportMetric(at(0.99), "p99-ns")
}

func BenchmarkSaveSubmission(b *testing.B) {
	ctx := context.Background()
	s, _ := benchStore(b)
	subs, err := s.SubmissionsFull(ctx, store.SubmissionQuery{Limit: 500})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("typing", func(b *testing.B) {
		// One submission saved again and again, as the editor does while a
		// person types: the newest revision is replaced.
		sub := subs[0]
		var ts timings
		i := 0
		for b.Loop() {
			i++
			sub.Deficiency = fmt.Sprintf("%s %d", subs[0].Deficiency, i)
			t0 := time.Now()
			if _, err := s.SaveSubmission(ctx, sub); err != nil {
				b.Fatal(err)
			}
			ts = append(ts, time.Since(t0))
		}
		ts.report(b)
	})
	b.Run("many", func(b *testing.B) {
		// Saves spread over 500 submissions, with changed titles and
		// measures, so that the search index and sort keys change too.
		var ts timings
		i := 0
		for b.Loop() {
			sub := subs[i%len(subs)]
			i++
			sub.Title = fmt.Sprintf("%s (%d)", sub.Title, i)
			sub.Measures = append(sub.Measures, data.Measure{Text: fmt.Sprintf("Ny åtgärd %d", i), Step: data.StepOptimise})
			t0 := time.Now()
			if _, err := s.SaveSubmission(ctx, sub); err != nil {
				b.Fatal(err)
			}
			ts = append(ts, time.Since(t0))
		}
		ts.report(b)
	})
}

func BenchmarkListSubmissions(b *testing.B) {
	ctx := context.Background()
	s, _ := benchStore(b)
	queries := []struct {
		name string
		q    store.SubmissionQuery
	}{
		{"updated", store.SubmissionQuery{Limit: 200}},
		{"updated/offset5000", store.SubmissionQuery{Limit: 200, Offset: 5000}},
		{"title", store.SubmissionQuery{Sort: store.SortTitle, Limit: 200}},
		{"priority", store.SubmissionQuery{Sort: store.SortPriority, Limit: 200}},
		{"status", store.SubmissionQuery{Status: data.StatusReady, Limit: 200}},
		{"municipality+mode", store.SubmissionQuery{Municipality: "Köping", Mode: data.ModeRail, Limit: 200}},
		{"meeting+title", store.SubmissionQuery{MeetingKey: "meeting-2017-09-13", Sort: store.SortTitle, Limit: 200}},
		{"search/common", store.SubmissionQuery{Text: "kajen", Limit: 200}},
		{"search/two-words", store.SubmissionQuery{Text: "mötesspåret ramn", Limit: 200}},
		{"search/none", store.SubmissionQuery{Text: "zeppelinare", Limit: 200}},
	}
	for _, qq := range queries {
		b.Run(qq.name, func(b *testing.B) {
			var ts timings
			for b.Loop() {
				t0 := time.Now()
				if _, err := s.ListSubmissions(ctx, qq.q); err != nil {
					b.Fatal(err)
				}
				ts = append(ts, time.Since(t0))
			}
			ts.report(b)
		})
	}
	b.Run("count", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.CountSubmissions(ctx, store.SubmissionQuery{Status: data.StatusDraft}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("counts-by-status", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.SubmissionCounts(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkSubmission(b *testing.B) {
	ctx := context.Background()
	s, ids := benchStore(b)
	i := 0
	for b.Loop() {
		if _, err := s.Submission(ctx, ids[i%len(ids)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkSubmissionsFull1000(b *testing.B) {
	ctx := context.Background()
	s, _ := benchStore(b)
	for b.Loop() {
		subs, err := s.SubmissionsFull(ctx, store.SubmissionQuery{Limit: 1000})
		if err != nil || len(subs) != 1000 {
			b.Fatalf("%d submissions (%v)", len(subs), err)
		}
	}
}

func BenchmarkNearDuplicates(b *testing.B) {
	ctx := context.Background()
	s, ids := benchStore(b)
	sub, err := s.Submission(ctx, ids[0])
	if err != nil {
		b.Fatal(err)
	}
	var ts timings
	for b.Loop() {
		t0 := time.Now()
		if _, err := s.NearDuplicates(ctx, sub); err != nil {
			b.Fatal(err)
		}
		ts = append(ts, time.Since(t0))
	}
	ts.report(b)
}

func BenchmarkAddPhoto(b *testing.B) {
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(b.TempDir(), "ila.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	sub, _ := s.CreateSubmission(ctx, data.Submission{Title: "Foton"})
	photo := jpegBytes(b, 4000, 3000, 6) // a 12-megapixel phone photo
	b.SetBytes(int64(len(photo)))
	for b.Loop() {
		if _, err := s.AddAttachment(ctx, sub.ID, data.Attachment{Name: "foto.jpg", Data: photo}); err != nil {
			b.Fatal(err)
		}
	}
}
