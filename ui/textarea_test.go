package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/handelskammaren/ila-desk/data"
)

// pressKey presses a key as the real window (Fyne's GLFW driver) hands it
// on: Tab moves the focus unless the focused widget takes Tab itself; other
// keys go to the focused widget, or to the canvas when nothing has the
// focus.
func pressKey(t *testing.T, c fyne.Canvas, name fyne.KeyName) {
	t.Helper()
	f := c.Focused()
	if name == fyne.KeyTab {
		if tb, ok := f.(fyne.Tabbable); !ok || !tb.AcceptsTab() {
			c.FocusNext()
			return
		}
	}
	ev := &fyne.KeyEvent{Name: name}
	switch {
	case f != nil:
		f.TypedKey(ev)
	case c.OnTypedKey() != nil:
		c.OnTypedKey()(ev)
	default:
		t.Fatalf("nothing takes the key %s", name)
	}
}

func TestTextAreaKeepsASpaceTypedWhereTheLineWraps(t *testing.T) {
	test.NewTempApp(t)
	const typed = "E18-avfarten och Kolbäcksvägen i Köping"
	// At some of these widths the space after "E18-avfarten" falls exactly
	// where the line wraps.
	for w := float32(60); w <= 240; w += 2 {
		a := newTextArea(4)
		win := test.NewWindow(a)
		win.Resize(fyne.NewSize(w, 200))
		a.Resize(fyne.NewSize(w, 200))
		win.Canvas().Focus(a)
		test.Type(a, typed)
		if a.Text != typed {
			t.Errorf("width %v: text %q, want %q", w, a.Text, typed)
		}
		win.Close()
	}
}

func TestTextAreaTabMovesTheFocusAndIsNotStored(t *testing.T) {
	test.NewTempApp(t)
	first, second := newTextArea(2), widget.NewEntry()
	win := test.NewWindow(container.NewVBox(first, second))
	c := win.Canvas()
	c.Focus(first)
	test.Type(first, "Brist\tvid")
	pressKey(t, c, fyne.KeyTab)
	if first.Text != "Bristvid" {
		t.Errorf("text %q, want no tab character in it", first.Text)
	}
	if c.Focused() != second {
		t.Errorf("after Tab the focus is on %T, want the next field", c.Focused())
	}
}

func TestTabMovesThroughTheEditorsMultiLineFields(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	u.newSubmission()
	e := openedEditor(t, u)
	c := u.win.Canvas()
	c.Focus(e.fields.place)
	test.Type(e.fields.place, "Vid Kolbäck")
	pressKey(t, c, fyne.KeyTab)
	if c.Focused() == e.fields.place {
		t.Fatal("Tab left the focus in Plats")
	}
	if strings.Contains(e.fields.place.Text, "\t") || strings.Contains(e.sub.Place, "\t") {
		t.Errorf("Plats holds a tab: %q", e.sub.Place)
	}
	if c.Focused() != e.fields.coords {
		t.Errorf("after Tab in Plats the focus is on %T, want the coordinates", c.Focused())
	}
}
