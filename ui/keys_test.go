package ui

import (
	"context"
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/store"
	"github.com/handelskammaren/ila-desk/ui/apptheme"
)

// pressShortcut presses Ctrl (Cmd) with key as the real window does: a
// main-menu item with that shortcut takes it first, whatever has the focus.
func pressShortcut(t *testing.T, u *UI, key fyne.KeyName) {
	t.Helper()
	want := (&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}).ShortcutName()
	for _, m := range u.win.MainMenu().Items {
		for _, it := range m.Items {
			if it.Shortcut != nil && it.Shortcut.ShortcutName() == want {
				it.Action()
				return
			}
		}
	}
	t.Fatalf("no menu item has the shortcut %s", want)
}

// topDialog is the dialog on top of the window, or nil.
func topDialog(u *UI) fyne.CanvasObject { return u.win.Canvas().Overlays().Top() }

// buttonIn is the button labelled label in o, or nil.
func buttonIn(o fyne.CanvasObject, label string) fyne.Tappable {
	var found fyne.Tappable
	walkWidgets(o, func(o fyne.CanvasObject) {
		switch b := o.(type) {
		case *button:
			if b.Text == label && found == nil {
				found = b
			}
		case *widget.Button:
			if b.Text == label && found == nil {
				found = b
			}
		}
	})
	return found
}

func TestKeyboardWritesANewSubmission(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	c := u.win.Canvas()
	pressShortcut(t, u, fyne.KeyN)
	e := openedEditor(t, u)
	if e == nil {
		t.Fatal("Ctrl+N opened no submission")
	}
	if c.Focused() != e.fields.title {
		t.Fatalf("after Ctrl+N the focus is on %T, want the title", c.Focused())
	}
	test.Type(c.Focused(), "Plankorsning i Kolbäck")
	pressKey(t, c, fyne.KeyTab)
	if c.Focused() != e.fields.object {
		t.Fatalf("Tab from the title went to %T, want the object", c.Focused())
	}
	test.Type(c.Focused(), "Mälarbanan km 112")
	pressShortcut(t, u, fyne.KeyS)
	got := storedSubmission(t, u, e.sub.ID)
	if got.Title != "Plankorsning i Kolbäck" || got.Object != "Mälarbanan km 112" {
		t.Errorf("after Ctrl+S the store holds %q / %q, want what was typed", got.Title, got.Object)
	}
	pressShortcut(t, u, fyne.KeyW)
	if openedEditor(t, u) != nil {
		t.Error("Ctrl+W left the submission open")
	}
}

func TestEscClosesTheEditorAndDialogsFirst(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	c := u.win.Canvas()
	pressShortcut(t, u, fyne.KeyN)
	e := openedEditor(t, u)
	test.Type(e.fields.title, "Hamnen i Västerås")
	u.inform("Test", "Ett meddelande.")
	pressKey(t, c, fyne.KeyEscape)
	if topDialog(u) != nil {
		t.Fatal("Esc left the information dialog open")
	}
	if openedEditor(t, u) == nil {
		t.Fatal("the Esc that closed the dialog closed the editor too")
	}
	c.Focus(e.fields.title)
	pressKey(t, c, fyne.KeyEscape)
	if openedEditor(t, u) != nil {
		t.Error("Esc in the title field left the submission open")
	}
	if got := storedSubmission(t, u, e.sub.ID); got.Title != "Hamnen i Västerås" {
		t.Errorf("closing with Esc stored %q, want what was typed", got.Title)
	}
}

func TestEnterClosesAnInformationDialog(t *testing.T) {
	u := newTestUI(t, data.English)
	u.inform("Saved", "Saved as /tmp/x.pdf.")
	if topDialog(u) == nil {
		t.Fatal("no dialog shown")
	}
	pressKey(t, u.win.Canvas(), fyne.KeyReturn)
	if topDialog(u) != nil {
		t.Error("Enter left the information dialog open")
	}
}

func TestEnterOpensTheFocusedListRow(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	sub := fullSubmission(t, u)
	screenText(t, u, pageSubmissions)
	settle(t, u, "the list loaded", func() bool { return len(u.pages[pageSubmissions].screen.(*submissions).items) == 1 })
	s := u.pages[pageSubmissions].screen.(*submissions)
	c := u.win.Canvas()
	c.Focus(s.list)
	pressKey(t, c, fyne.KeyReturn)
	if e := openedEditor(t, u); e == nil || e.sub.ID != sub.ID {
		t.Fatal("Enter on the focused row did not open the submission")
	}
}

func TestShortcutsAreShownInTheMenu(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	shown := map[fyne.KeyName]string{}
	for _, m := range u.win.MainMenu().Items {
		for _, it := range m.Items {
			if sc, ok := it.Shortcut.(*desktop.CustomShortcut); ok {
				shown[sc.KeyName] = it.Label
			}
		}
	}
	for _, k := range []fyne.KeyName{fyne.KeyN, fyne.KeyS, fyne.KeyP, fyne.KeyW, fyne.KeyF} {
		if shown[k] == "" {
			t.Errorf("no menu item shows Ctrl+%s", k)
		}
	}
}

func TestShortcutsWaitWhileADialogIsOpen(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	u.inform("Test", "Ett meddelande.")
	pressShortcut(t, u, fyne.KeyN)
	if openedEditor(t, u) != nil {
		t.Error("Ctrl+N behind an open dialog made a submission")
	}
	n, err := u.st.CountSubmissions(context.Background(), storeQueryAll())
	if err != nil || n != 0 {
		t.Errorf("%d submissions (%v), want none", n, err)
	}
}

func TestDestructiveConfirmStartsOnCancel(t *testing.T) {
	u := newTestUI(t, data.English)
	deleted := false
	u.confirm("Delete?", "It is gone for good.", "Delete", true, func() { deleted = true })
	pressKey(t, u.win.Canvas(), fyne.KeyReturn)
	if deleted {
		t.Error("Enter in a destructive confirmation deleted: the focus must start on Cancel")
	}
	if topDialog(u) != nil {
		t.Error("Enter on Cancel left the dialog open")
	}
}

func storeQueryAll() store.SubmissionQuery { return store.SubmissionQuery{} }

func TestThemeSettingSwitchesLightAndDarkAtOnce(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	screenText(t, u, pageCompany)
	s := u.pages[pageCompany].screen.(*company)
	background := func() color.Color {
		return u.app.Settings().Theme().Color(theme.ColorNameBackground, theme.VariantLight)
	}
	s.look.SetSelected("Mörkt")
	if l := apptheme.Luminance(background()); l > 0.2 {
		t.Errorf("Tema: Mörkt gave a background of luminance %.2f, want a dark one", l)
	}
	if got := u.prefs.appearance(); got != apptheme.ModeDark {
		t.Errorf("the setting is stored as %q, want dark", got)
	}
	s.look.SetSelected("Ljust")
	if l := apptheme.Luminance(background()); l < 0.8 {
		t.Errorf("Tema: Ljust gave a background of luminance %.2f, want a light one", l)
	}
	if got := s.look.Options; len(got) != 3 || got[0] != "Samma som systemet" {
		t.Errorf("Tema offers %q, want the system's, light and dark", got)
	}
}

func TestKeyboardMovesThroughTheEditorsTabsAndScreens(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	c := u.win.Canvas()
	pressShortcut(t, u, fyne.KeyN)
	e := openedEditor(t, u)
	pressShortcut(t, u, fyne.KeyPageDown)
	if got := e.tabs.SelectedIndex(); got != 1 {
		t.Fatalf("Ctrl+PageDown showed tab %d, want 1", got)
	}
	if c.Focused() != e.fields.deficiency {
		t.Errorf("after Ctrl+PageDown the focus is on %T, want the deficiency field of the tab shown", c.Focused())
	}
	test.Type(c.Focused(), "Bommarna fälls ofta")
	if e.sub.Deficiency != "Bommarna fälls ofta" {
		t.Errorf("typing after the tab change wrote %q into the deficiency", e.sub.Deficiency)
	}
	pressShortcut(t, u, fyne.KeyPageUp)
	pressShortcut(t, u, fyne.KeyPageUp)
	if got := e.tabs.SelectedIndex(); got != 5 {
		t.Errorf("Ctrl+PageUp twice from tab 1 showed tab %d, want the last (5)", got)
	}
	pressShortcut(t, u, fyne.Key3)
	if u.current != pageMeetings {
		t.Errorf("Ctrl+3 showed page %d, want Meetings", u.current)
	}
}

func TestCtrlQSavesWhatWasTypedAndCloses(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	pressShortcut(t, u, fyne.KeyN)
	e := openedEditor(t, u)
	test.Type(e.fields.title, "Hamnen i Köping")
	if u.ctx.Err() != nil {
		t.Fatal("the window's work is cancelled before it closes")
	}
	pressShortcut(t, u, fyne.KeyQ)
	if u.ctx.Err() == nil {
		t.Error("Ctrl+Q did not close the window: the work it started is not cancelled")
	}
	if got := storedSubmission(t, u, e.sub.ID); got.Title != "Hamnen i Köping" {
		t.Errorf("after Ctrl+Q the store holds %q, want what was typed", got.Title)
	}
}

func TestAddingAMeasurePutsTheFocusInItsText(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	pressShortcut(t, u, fyne.KeyN)
	e := openedEditor(t, u)
	e.showTab(2)
	test.Tap(e.fields.addMeasure)
	c := u.win.Canvas()
	if len(e.fields.measureTexts) != 1 || c.Focused() != e.fields.measureTexts[0] {
		t.Fatalf("after Add measure the focus is on %T, want the new measure's text", c.Focused())
	}
	test.Type(c.Focused(), "Samordna tågen")
	if got := e.sub.Measures[0].Text; got != "Samordna tågen" {
		t.Errorf("the measure holds %q", got)
	}
}

func TestTheFocusedFieldIsScrolledIntoView(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	u.win.Resize(fyne.NewSize(smallWidth, smallHeight))
	pressShortcut(t, u, fyne.KeyN)
	e := openedEditor(t, u)
	e.showTab(1)
	c := u.win.Canvas()
	c.Focus(e.fields.impact) // the last field of the tab, below the fold
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(e.fields.impact).Y
	tabs := d.AbsolutePositionForObject(e.tabs)
	if bottom := top + e.fields.impact.Size().Height; bottom > tabs.Y+e.tabs.Size().Height || top < tabs.Y {
		t.Errorf("the focused field lies at %v–%v, outside the tab's view %v–%v", top, bottom, tabs.Y, tabs.Y+e.tabs.Size().Height)
	}
}
