package ui

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/handelskammaren/ila-desk/assets"
	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/content"
	"github.com/handelskammaren/ila-desk/data/store"
	"github.com/handelskammaren/ila-desk/ui/locale"
)

// newTestUI builds the window on a fresh store with the default content, in
// language l, with the clock at 26 November 2026.
func newTestUI(t *testing.T, l data.Language) *UI {
	t.Helper()
	if err := locale.Load(string(l)); err != nil {
		t.Fatal(err)
	}
	// What the window writes beside the store (copies opened in other
	// programs, files saved in the home folder) stays in the test's folder.
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CACHE_HOME", filepath.Join(home, ".cache"))
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "ila.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f, err := content.Parse(assets.DefaultContent)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.ImportContent(ctx, f); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	// Work handed to the UI goroutine waits in a queue that tests drain when
	// they need it, so that it never runs on a background goroutine.
	q := make(uiQueue, 4096)
	u := newUI(a, st, prefs{a.Preferences()}, "test", func() time.Time { return time.Date(2026, 11, 26, 10, 0, 0, 0, data.Stockholm) }, q.deliver)
	u.win.Resize(fyne.NewSize(1100, 720))
	queues.Store(u, q)
	// Save what is pending before the store closes (cleanups run last first).
	t.Cleanup(func() { u.flushEditor() })
	// Work the test left under way ends before the next test loads its
	// language (Fyne's translations are global) and before the store closes.
	t.Cleanup(func() { settleAll(t, u) })
	return u
}

// queues holds each test window's queue of work for the UI goroutine.
var queues sync.Map // *UI → uiQueue

// queueOf is the queue of work handed to u's UI goroutine.
func queueOf(u *UI) uiQueue {
	q, _ := queues.Load(u)
	return q.(uiQueue)
}

// settle runs the work handed to u's UI goroutine until cond holds.
func settle(t *testing.T, u *UI, what string, cond func() bool) {
	t.Helper()
	q, _ := queues.Load(u)
	q.(uiQueue).runUntil(t, what, cond)
}

// texts collects the visible text of o and everything inside it.
func texts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch w := o.(type) {
		case *widget.Label:
			out = append(out, w.Text)
			return
		case *widget.RichText:
			out = append(out, segmentsText(w.Segments))
			return
		case *widget.Button:
			out = append(out, w.Text)
			return
		case *widget.Hyperlink:
			out = append(out, w.Text)
			return
		case *widget.Entry:
			out = append(out, w.Text)
			return
		case *widget.Card:
			out = append(out, w.Title, w.Subtitle)
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
			return
		}
		if w, ok := o.(fyne.Widget); ok {
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

// segmentsText is the text of rich-text segments, list items included.
func segmentsText(segs []widget.RichTextSegment) string {
	var b strings.Builder
	for _, s := range segs {
		switch s := s.(type) {
		case *widget.ListSegment:
			b.WriteString(segmentsText(s.Segments()))
		case *widget.ParagraphSegment:
			b.WriteString(segmentsText(s.Texts) + "\n")
		case *widget.TextSegment:
			b.WriteString(s.Text)
			if !s.Inline() {
				b.WriteString("\n")
			}
		default:
			if t, ok := s.(interface{ Textual() string }); ok {
				b.WriteString(t.Textual())
			}
		}
	}
	return b.String()
}

// screenText shows page i and returns its text joined by newlines.
func screenText(t *testing.T, u *UI, i int) string {
	t.Helper()
	u.goTo(i)
	settleAll(t, u) // the screens read the store off the UI goroutine
	return strings.Join(texts(u.win.Content()), "\n")
}

func wantContains(t *testing.T, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("screen does not show %q; it shows:\n%s", w, got)
		}
	}
}

func TestOverviewShowsLatestMeetingInSwedish(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	got := screenText(t, u, pageOverview)
	wantContains(t, got, "Senaste mötet", "tisdag 21 november 2017, 12:00–15:00", "Nytt inspel", "Översikt", "Protokoll")
}

func TestOverviewShowsLatestMeetingInEnglish(t *testing.T) {
	u := newTestUI(t, data.English)
	got := screenText(t, u, pageOverview)
	wantContains(t, got, "Latest meeting", "Tuesday 21 November 2017, 12:00–15:00", "New submission")
}

func TestOverviewShowsNextMeetingWhenOneLiesAhead(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	u.now = func() time.Time { return time.Date(2017, 6, 1, 12, 0, 0, 0, data.Stockholm) }
	got := screenText(t, u, pageOverview)
	wantContains(t, got, "Nästa möte", "onsdag 13 september 2017, 15:00–17:00")
}

func TestAgendaShowsFocusAreasAndActivities(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	got := screenText(t, u, pageAgenda)
	wantContains(t, got, "Fokusområden", "Hamnarna i Västerås och Köping", "Tillgänglighet med flyg",
		"Aktiviteter", "Vi kommer skriva debattartiklar och driva påverkansarbetet")
}

func TestMeetingsAreGroupedAndSayNoneLiesAhead(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	got := screenText(t, u, pageMeetings)
	wantContains(t, got, "Kommande", "Tidigare", "Inget möte ligger framåt i tiden",
		"tisdag 21 november 2017, 12:00–15:00", "ons 22 feb 2017, 09:00–12:00", "Plats meddelas i kallelsen")
}

func TestMeetingDetailLinksItsProtocol(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	screenText(t, u, pageMeetings)
	s := u.pages[pageMeetings].screen.(*meetings)
	for i, r := range s.rows {
		if r.meeting.Key == "meeting-2017-02-22" {
			s.list.Select(i)
		}
	}
	settleAll(t, u)
	got := strings.Join(texts(s.detail), "\n")
	wantContains(t, got, "onsdag 22 februari 2017, 09:00–12:00", "22 februari 2017 – Minnesanteckningar")
}

func TestProtocolsListsTheSeedEntries(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	got := screenText(t, u, pageProtocols)
	wantContains(t, got, "2017-02-22 – Minnesanteckningar", "2016-04-19 – Nätverksgruppsmöte",
		"anger bara datum och rubrik")
}

func TestSubmissionsEmptyStateOffersNewSubmission(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	q := queueOf(u)
	s := u.pages[pageSubmissions].screen.(*submissions)
	screenText(t, u, pageSubmissions)
	q.runUntil(t, "the list to load", func() bool { return len(s.body.Objects) == 1 && s.body.Objects[0] == s.empty })
	wantContains(t, strings.Join(texts(u.win.Content()), "\n"), "Du har inga inspel än", "Nytt inspel")
}

func TestCompanyProfileIsSaved(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	screenText(t, u, pageCompany)
	s := u.pages[pageCompany].screen.(*company)
	test.Type(s.name, "Mälarhamnar AB")
	test.Type(s.orgNumber, "556036-0793")
	test.Tap(s.save)
	settleAll(t, u)
	c, err := u.st.Company(context.Background())
	if err != nil || c.Name != "Mälarhamnar AB" || c.OrgNumber != "556036-0793" {
		t.Errorf("saved company = %+v (%v), want Mälarhamnar AB 556036-0793", c, err)
	}
}

func TestAboutShowsContactsOfficesAndEvents(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	got := screenText(t, u, pageAbout)
	wantContains(t, got, "Thord Andersson", "Thor-Björn Käck", "thor-bjorn@handelskammarenmalardalen.se",
		"Rudbecksgatan 7", "Vasagatan 20A", "021-498 95 30", "Handelskammaren Mälardalen i Almedalen", "Bli medlem i nätverket")
}

func TestWindowTitleAndSize(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	if got := u.win.Title(); got != "ILA – Infrastruktur & Logistikarenan" {
		t.Errorf("title = %q", got)
	}
	if got := u.prefs.windowSize(); got != fyne.NewSize(1100, 720) {
		t.Errorf("first-start size = %v, want 1100×720", got)
	}
	u.prefs.setWindowSize(1300, 800)
	if got := u.prefs.windowSize(); got != fyne.NewSize(1300, 800) {
		t.Errorf("remembered size = %v, want 1300×800", got)
	}
}

func TestWindowOpensWithinTheScreen(t *testing.T) {
	tests := []struct {
		size, screen, want fyne.Size
	}{
		{fyne.NewSize(1100, 720), fyne.NewSize(800, 600), fyne.NewSize(800, 560)},
		{fyne.NewSize(1100, 720), fyne.NewSize(1280, 800), fyne.NewSize(1100, 720)},
		{fyne.NewSize(1100, 720), fyne.NewSize(1024, 768), fyne.NewSize(1024, 720)},
		{fyne.NewSize(1300, 900), fyne.NewSize(1280, 760), fyne.NewSize(1280, 720)},
		{fyne.NewSize(820, 600), fyne.NewSize(640, 480), fyne.NewSize(640, 440)}, // a tiny screen: the window fits it anyway
	}
	for _, tt := range tests {
		if got := fitWindow(tt.size, tt.screen.Width, tt.screen.Height); got != tt.want {
			t.Errorf("a %v window on a %v screen: got %v, want %v", tt.size, tt.screen, got, tt.want)
		}
	}
	u := newTestUI(t, data.Swedish)
	u.fitScreen(800, 600)
	if got := u.win.Canvas().Size(); got.Width > 800 || got.Height > 560 {
		t.Errorf("on an 800×600 screen the window is %v, want within 800×560", got)
	}
}

func TestCompanyProfileRefusesABadOrgNumberAndKeepsTheText(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	screenText(t, u, pageCompany)
	s := u.pages[pageCompany].screen.(*company)
	test.Type(s.name, "Mälarhamnar AB")
	test.Type(s.orgNumber, "556036-0794")
	test.Tap(s.save)
	settleAll(t, u)
	if c, _ := u.st.Company(context.Background()); c.Name != "" {
		t.Errorf("saved %+v despite a wrong check digit", c)
	}
	if s.orgNumber.Text != "556036-0794" {
		t.Errorf("typed org number lost: %q", s.orgNumber.Text)
	}
	if err := s.orgNumber.Validate(); err == nil || !strings.Contains(err.Error(), "Kontrollsiffran") {
		t.Errorf("validation = %v, want a Swedish message about the check digit", err)
	}
}

// openedEditor is the editor shown once the window has done what it was
// asked (the submission is read off the UI goroutine), or nil.
func openedEditor(t testing.TB, u *UI) *submissionEditor {
	t.Helper()
	settleAll(t, u)
	return u.openEditor()
}
