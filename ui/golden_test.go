package ui

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/handelskammaren/ila-desk/data"
)

var update = flag.Bool("update", false, "write the golden files in testdata anew from what the screens render")

func TestMain(m *testing.M) {
	// Times in the window are the computer's own; the golden files are
	// written in Stockholm time whatever the machine's zone.
	time.Local = data.Stockholm
	os.Exit(m.Run())
}

// assertMarkup compares what the window renders with testdata/name, or
// writes it there under -update.
func assertMarkup(t *testing.T, u *UI, name string) {
	t.Helper()
	c := u.win.Canvas()
	// The real window lays out again whatever grew since the last frame;
	// the test canvas does when it is resized.
	size := c.Size()
	u.win.Resize(size.AddWidthHeight(1, 1))
	u.win.Resize(size)
	if *update {
		path := filepath.Join("testdata", name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(test.RenderToMarkup(c)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	test.AssertRendersToMarkup(t, name, c)
}

// goldenUI is a window whose store and clock give the same times on every
// run, in language l.
func goldenUI(t *testing.T, l data.Language) *UI {
	t.Helper()
	u := newTestUI(t, l)
	at := time.Date(2026, 11, 26, 9, 30, 0, 0, data.Stockholm)
	u.st.UseClock(func() time.Time { return at })
	return u
}

func TestScreensRenderAsBefore(t *testing.T) {
	for _, l := range []data.Language{data.Swedish, data.English} {
		t.Run(string(l), func(t *testing.T) {
			u := goldenUI(t, l)
			u.win.Resize(fyne.NewSize(1100, 720))
			settleAll(t, u)
			assertMarkup(t, u, "overview_"+string(l)+".xml")

			sub := fullSubmission(t, u)
			u.goTo(pageSubmissions)
			settle(t, u, "the list loaded", func() bool { return len(u.pages[pageSubmissions].screen.(*submissions).items) == 1 })
			assertMarkup(t, u, "submissions_"+string(l)+".xml")

			u.openSubmission(sub.ID)
			e := openedEditor(t, u)
			settleAll(t, u)
			for i := range e.tabs.Items {
				e.tabs.SelectIndex(i)
				settleAll(t, u)
				assertMarkup(t, u, "editor_tab"+string(rune('0'+i))+"_"+string(l)+".xml")
			}
		})
	}
}
