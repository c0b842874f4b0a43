package ui

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/gen"
	"github.com/handelskammaren/ila-desk/data/store"
)

// BenchmarkSubmissionList10k measures what a user waits for on the list with
// 10,000 submissions: the query off the UI goroutine (load) and the list
// redrawing on it (apply), for the unfiltered list and a typed search.
func BenchmarkSubmissionList10k(b *testing.B) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(b.TempDir(), "ila.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	for _, s := range gen.Submissions(10_000, 1) {
		if _, err := st.CreateSubmission(ctx, s); err != nil {
			b.Fatal(err)
		}
	}
	a := test.NewTempApp(b)
	u := newUI(a, st, prefs{a.Preferences()}, "bench", time.Now, func(f func()) { f() })
	u.win.Resize(fyne.NewSize(1100, 720))
	u.goTo(pageSubmissions)
	s := u.pages[pageSubmissions].screen.(*submissions)
	for _, q := range []struct {
		name string
		q    store.SubmissionQuery
	}{{"all", store.SubmissionQuery{}}, {"search", store.SubmissionQuery{Text: "plankorsning"}}, {"filter", store.SubmissionQuery{Mode: data.ModeRail, Sort: store.SortTitle}}} {
		b.Run(q.name, func(b *testing.B) {
			var load, apply time.Duration
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				items, err := st.ListSubmissions(ctx, q.q)
				if err != nil {
					b.Fatal(err)
				}
				total, _ := st.CountSubmissions(ctx, store.SubmissionQuery{})
				t1 := time.Now()
				s.apply(items, total, q.q)
				test.WidgetRenderer(s.list).Layout(s.list.Size())
				load += t1.Sub(t0)
				apply += time.Since(t1)
			}
			b.ReportMetric(float64(load.Microseconds())/float64(b.N)/1000, "ms-load")
			b.ReportMetric(float64(apply.Microseconds())/float64(b.N)/1000, "ms-apply")
			b.ReportMetric(float64(len(s.items)), "rows")
		})
	}
}
