package ui

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"github.com/handelskammaren/ila-desk/data/gen"
	"github.com/handelskammaren/ila-desk/data/store"
)

// blockMeter stands for the UI goroutine: it runs what the window hands to
// it (u.do) and the person's actions, and keeps the longest of those
// stretches — the longest time the window could not draw.
type blockMeter struct {
	q       chan func()
	longest time.Duration
	what    string
	all     []time.Duration
}

func (m *blockMeter) time(what string, f func()) {
	t0 := time.Now()
	f()
	d := time.Since(t0)
	m.all = append(m.all, d)
	if d > m.longest {
		m.longest, m.what = d, what
	}
}

// p is the q-th quantile of the stretches measured.
func (m *blockMeter) p(q float64) time.Duration {
	if len(m.all) == 0 {
		return 0
	}
	s := slices.Clone(m.all)
	slices.Sort(s)
	return s[int(q*float64(len(s)-1))]
}

// settle runs what is handed to the UI goroutine until cond holds and
// nothing more comes for a moment.
func (m *blockMeter) settle(b *testing.B, cond func() bool) {
	b.Helper()
	quiet := 0
	for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); {
		select {
		case f := <-m.q:
			m.time("handed over", f)
			quiet = 0
		case <-time.After(5 * time.Millisecond):
			quiet++
			if quiet >= 3 && cond() {
				return
			}
		}
	}
	b.Fatal("the window's work did not finish")
}

// BenchmarkUIGoroutineBlock measures the longest stretch the UI goroutine
// is busy in each of the things a person does with 10,000 submissions in
// the store: opening the list, opening a submission, typing 200
// characters, attaching a 12-megapixel photo, printing a report of 1,000
// submissions. One frame is 16 ms.
func BenchmarkUIGoroutineBlock(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	b.Setenv("HOME", dir)
	b.Setenv("XDG_CACHE_HOME", filepath.Join(dir, ".cache"))
	st, err := store.Open(ctx, filepath.Join(dir, "ila.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	var ids []int64
	for _, s := range gen.Submissions(10_000, 1) {
		saved, err := st.CreateSubmission(ctx, s)
		if err != nil {
			b.Fatal(err)
		}
		ids = append(ids, saved.ID)
	}
	photo := filepath.Join(dir, "foto.jpg")
	img := image.NewRGBA(image.Rect(0, 0, 4000, 3000))
	for y := 0; y < 3000; y += 7 {
		for x := 0; x < 4000; x += 5 {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 90, 255})
		}
	}
	var jb bytes.Buffer
	if err := jpeg.Encode(&jb, img, &jpeg.Options{Quality: 85}); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(photo, jb.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	a := test.NewTempApp(b)
	m := &blockMeter{q: make(chan func(), 4096)}
	u := newUI(a, st, prefs{a.Preferences()}, "bench", time.Now, func(f func()) { m.q <- f })
	u.opener = func(string) error { return nil }
	u.prefs.setFolder(dir)
	u.win.Resize(fyne.NewSize(1100, 720))
	s := u.pages[pageSubmissions].screen.(*submissions)

	scenario := func(name string, run func(b *testing.B)) {
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				closeAll(b, u)
				m.longest, m.what, m.all = 0, "", nil
				run(b)
			}
			b.ReportMetric(float64(m.longest.Microseconds())/1000, "ms-longest")
			b.ReportMetric(float64(m.p(0.5).Microseconds())/1000, "ms-p50")
			b.ReportMetric(float64(m.p(0.99).Microseconds())/1000, "ms-p99")
			b.Logf("%s: longest stretch %v (%s) of %d", name, m.longest.Round(100*time.Microsecond), m.what, len(m.all))
		})
	}
	scenario("open-list-10k", func(b *testing.B) {
		m.time("close", func() { u.closeOpenSubmission(); u.goTo(pageOverview) })
		m.settle(b, func() bool { return true })
		m.longest, m.all = 0, nil
		m.time("show the list", func() { u.goTo(pageSubmissions) })
		m.settle(b, func() bool { return len(s.items) == len(ids) })
	})
	scenario("open-submission", func(b *testing.B) {
		m.time("open", func() { u.openSubmission(ids[len(ids)/2]) })
		m.settle(b, func() bool { return u.openEditor() != nil })
	})
	scenario("type-200-characters", func(b *testing.B) {
		u.openSubmission(ids[10])
		m.settle(b, func() bool { return true })
		e := u.openEditor()
		e.showTab(1)
		m.longest, m.all = 0, nil
		for i := 0; i < 200; i++ {
			m.time("a keystroke", func() { test.Type(e.fields.deficiency, string(rune('a'+i%26))) })
			select {
			case f := <-m.q:
				m.time("handed over", f)
			default:
			}
		}
		m.settle(b, func() bool { return true })
	})
	scenario("attach-12MP-photo", func(b *testing.B) {
		u.openSubmission(ids[20])
		m.settle(b, func() bool { return true })
		e := u.openEditor()
		n := len(e.sub.Attachments)
		m.longest, m.all = 0, nil
		m.time("drop the photo", func() { e.attachments.addFiles([]fyne.URI{storage.NewFileURI(photo)}) })
		m.settle(b, func() bool { return len(e.sub.Attachments) == n+1 })
	})
	scenario("report-1000", func(b *testing.B) {
		q := store.SubmissionQuery{IDs: ids[:1000]}
		m.time("print the report", func() { u.printReport(q) })
		m.settle(b, func() bool { _, ok := u.win.Canvas().Focused().(*textField); return ok && u.dialogOpen() })
		out := filepath.Join(dir, fmt.Sprintf("rapport-%d.pdf", time.Now().UnixNano()))
		m.time("save as", func() {
			f := u.win.Canvas().Focused().(*textField)
			f.SetText(out)
			f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		})
		m.settle(b, func() bool { _, err := os.Stat(out); return err == nil })
	})
}
