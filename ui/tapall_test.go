package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/handelskammaren/ila-desk/data"
)

// A person trying the app taps everything they see. These tests do the
// same: on every screen (with data, in coordinator mode) they find every
// button, link, check box and list row by walking the widget tree, tap it,
// let the work it starts finish, and close whatever opened — with no
// panic and no "Something went wrong".

// tappable is something a person can tap, with what it says.
type tappable struct {
	what string
	tap  func()
}

// tappables lists what can be tapped in o, in order.
func tappables(o fyne.CanvasObject) []tappable {
	var out []tappable
	walkWidgets(o, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *button:
			if !w.Disabled() {
				out = append(out, tappable{"button " + w.Text, func() { test.Tap(w) }})
			}
		case *widget.Button:
			if !w.Disabled() {
				out = append(out, tappable{"button " + w.Text, func() { test.Tap(w) }})
			}
		case *link:
			out = append(out, tappable{"link " + w.Text, func() { test.Tap(w) }})
		case *widget.Hyperlink:
			out = append(out, tappable{"hyperlink " + w.Text, func() { test.Tap(w) }})
		case *selectField:
			if !w.Disabled() {
				out = append(out, tappable{"select " + w.Selected, func() { test.Tap(w) }})
			}
		case *check:
			if !w.Disabled() {
				// Tapped twice: both ways are tried, and the setting is
				// as it was for what is tapped next.
				out = append(out, tappable{"check " + w.Text, func() { test.Tap(w); test.Tap(w) }})
			}
		case *keyList:
			for i := 0; i < w.Length(); i++ {
				out = append(out, tappable{fmt.Sprintf("list row %d", i), func() { w.Unselect(i); w.Select(i) }})
			}
		}
	})
	return out
}

// closeAll closes the dialogs and pop-ups a tap opened, the way a person
// does: Esc, then anything left over.
func closeAll(t testing.TB, u *UI) {
	t.Helper()
	for i := 0; i < 10 && u.dialogOpen(); i++ {
		u.onEscape()
	}
	for o := u.win.Canvas().Overlays().Top(); o != nil; o = u.win.Canvas().Overlays().Top() {
		u.win.Canvas().Overlays().Remove(o)
	}
	u.dialogs = nil
}

// settleAll runs the work handed to the UI goroutine until no background
// work (a store query, a file written) is under way and none has come for a
// moment.
func settleAll(t testing.TB, u *UI) {
	t.Helper()
	v, _ := queues.Load(u)
	q := v.(uiQueue)
	quiet := 0
	for deadline := time.Now().Add(10 * time.Second); quiet < 3; {
		if time.Now().After(deadline) {
			t.Fatalf("the window's background work did not finish in 10 s (%d pieces under way)", u.pending.Load())
		}
		select {
		case f := <-q:
			f()
			quiet = 0
		case <-time.After(5 * time.Millisecond):
			if u.pending.Load() == 0 {
				quiet++
			}
		}
	}
}

// overlayText is the text of whatever covers the window.
func overlayText(u *UI) string {
	var b strings.Builder
	for _, o := range u.win.Canvas().Overlays().List() {
		b.WriteString(strings.Join(texts(o), " "))
	}
	return b.String()
}

// tapEverything taps, one at a time, everything open() shows, starting
// afresh from open() before each tap.
func tapEverything(t *testing.T, u *UI, where string, open func() fyne.CanvasObject) int {
	t.Helper()
	first := tappables(open())
	n := len(first)
	names := make([]string, n)
	for i, it := range first {
		names[i] = it.what
	}
	t.Logf("%s: %s", where, strings.Join(names, ", "))
	for i := 0; i < n; i++ {
		closeAll(t, u)
		items := tappables(open())
		if i >= len(items) {
			break
		}
		it := items[i]
		it.tap()
		settleAll(t, u)
		if text := overlayText(u); strings.Contains(text, "Something went wrong") || strings.Contains(text, "Något gick fel") {
			t.Errorf("%s: tapping %s showed an error: %s", where, it.what, text)
		}
		closeAll(t, u)
		settleAll(t, u)
	}
	return n
}

func TestTapEverythingOnEveryScreen(t *testing.T) {
	for _, l := range []data.Language{data.Swedish, data.English} {
		t.Run(string(l), func(t *testing.T) {
			u := newTestUI(t, l)
			u.opener = func(string) error { return errNoOpener } // no viewer here: the sentence path
			u.prefs.setCoordinatorMode(true)
			sub := fullSubmission(t, u)
			ctx := context.Background()
			if _, err := u.st.AddAttachment(ctx, sub.ID, data.Attachment{Name: "karta.pdf", Data: []byte("%PDF-1.4\n%%EOF\n")}); err != nil {
				t.Fatal(err)
			}
			total := 0
			for i := range u.pages {
				if i == pageSubmissions {
					continue
				}
				total += tapEverything(t, u, u.pages[i].name, func() fyne.CanvasObject {
					u.goTo(i)
					settleAll(t, u)
					return u.pages[i].view
				})
			}
			total += tapEverything(t, u, "the submission list", func() fyne.CanvasObject {
				u.goTo(pageSubmissions)
				u.closeOpenSubmission()
				settleAll(t, u)
				return u.pages[pageSubmissions].view
			})
			e := func() *submissionEditor { return openedEditor(t, u) }
			for tab := 0; tab < 6; tab++ {
				total += tapEverything(t, u, fmt.Sprintf("the editor's tab %d", tab), func() fyne.CanvasObject {
					if cur := e(); cur == nil || cur.sub.ID != sub.ID {
						u.openSubmission(sub.ID)
						settleAll(t, u)
					}
					settleAll(t, u)
					e().tabs.SelectIndex(tab)
					return e().tabs.Items[tab].Content
				})
			}
			total += tapEverything(t, u, "the editor's buttons", func() fyne.CanvasObject {
				if cur := e(); cur == nil || cur.sub.ID != sub.ID {
					u.openSubmission(sub.ID)
					settleAll(t, u)
				}
				settleAll(t, u)
				return container.NewVBox(e().head, e().foot)
			})
			for _, m := range u.win.MainMenu().Items {
				for _, it := range m.Items {
					if it.IsSeparator || it.Action == nil || it.IsQuit { // Quit has a test of its own
						continue
					}
					closeAll(t, u)
					it.Action()
					settleAll(t, u)
					if text := overlayText(u); strings.Contains(text, "Something went wrong") || strings.Contains(text, "Något gick fel") {
						t.Errorf("menu %s → %s showed an error: %s", m.Label, it.Label, text)
					}
					total++
				}
			}
			closeAll(t, u)
			t.Logf("tapped %d things", total)
			if total < 100 {
				t.Errorf("tapped only %d things: the walk misses the screens' widgets", total)
			}
		})
	}
}
