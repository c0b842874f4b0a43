package ui

import (
	"image/color"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The keyboard, as a person expects it of a desktop program: Enter presses
// the focused button and opens the focused list row, Esc closes the open
// dialog (or the search, or the editor), Tab moves through every field.
// Fyne's own widgets take only Space, so the window uses these instead.

// escapes maps each window's canvas to what Esc does there.
var escapes sync.Map // fyne.Canvas → func() bool

// escapeFrom runs the Esc action of the window o is in, and reports whether
// it did something.
func escapeFrom(o fyne.CanvasObject) bool {
	c := fyne.CurrentApp().Driver().CanvasForObject(o)
	if c == nil {
		return false
	}
	if f, ok := escapes.Load(c); ok {
		return f.(func() bool)()
	}
	return false
}

func isEnter(k *fyne.KeyEvent) bool { return k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter }

// button is a widget.Button that Enter presses too, and from which Esc
// closes the open dialog.
type button struct {
	widget.Button
}

// newButton is a button with a label, an optional icon and its action.
func newButton(label string, icon fyne.Resource, tapped func()) *button {
	b := &button{}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// newPrimaryButton is the highlighted button of a screen or dialog.
func newPrimaryButton(label string, icon fyne.Resource, tapped func()) *button {
	b := newButton(label, icon, tapped)
	b.Importance = widget.HighImportance
	return b
}

// FocusGained brings the button into view.
func (b *button) FocusGained() {
	b.Button.FocusGained()
	reveal(b)
}

// TypedKey presses the button on Enter and Space, and passes Esc to the
// window.
func (b *button) TypedKey(k *fyne.KeyEvent) {
	switch {
	case isEnter(k):
		if !b.Disabled() {
			b.Tapped(nil)
		}
	case k.Name == fyne.KeyEscape:
		escapeFrom(b)
	default:
		b.Button.TypedKey(k)
	}
}

// textField is a one-line entry from which Esc closes the open dialog, and
// which holds no more than its field's limit.
type textField struct {
	widget.Entry
	limit *fieldLimit
}

// FocusGained brings the field into view.
func (f *textField) FocusGained() {
	f.Entry.FocusGained()
	reveal(f)
}

// TypedRune types r unless the field is full.
func (f *textField) TypedRune(r rune) {
	if f.limit.refuses(&f.Entry, r) {
		return
	}
	f.Entry.TypedRune(r)
}

// TypedShortcut runs the shortcut; a paste past the limit is cut to it.
func (f *textField) TypedShortcut(s fyne.Shortcut) {
	f.Entry.TypedShortcut(s)
	if _, ok := s.(*fyne.ShortcutPaste); ok {
		f.limit.cut(&f.Entry)
	}
}

// newField is an empty one-line entry.
func newField() *textField {
	f := &textField{}
	f.ExtendBaseWidget(f)
	return f
}

// TypedKey passes Esc to the window and everything else to the entry.
func (f *textField) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && escapeFrom(f) {
		return
	}
	f.Entry.TypedKey(k)
}

// keyList is a widget.List whose focused row Enter opens, like a click.
type keyList struct {
	widget.List
	highlighted widget.ListItemID
	ring        *canvas.Rectangle // drawn round the list while it has the focus
}

// init follows the highlight and extends the base widget; a list built as
// a literal calls it once.
func (l *keyList) init() {
	prev := l.OnHighlighted
	l.OnHighlighted = func(id widget.ListItemID) {
		l.highlighted = id
		if prev != nil {
			prev(id)
		}
	}
	l.ExtendBaseWidget(l)
}

// FocusGained shows the ring round the list: Fyne marks the focused row
// only with the faint hover colour, which a keyboard user can miss.
func (l *keyList) FocusGained() {
	l.List.FocusGained()
	if l.ring != nil {
		l.ring.StrokeColor = theme.Color(theme.ColorNamePrimary)
		l.ring.Show()
		l.ring.Refresh()
	}
}

// FocusLost hides the ring.
func (l *keyList) FocusLost() {
	l.List.FocusLost()
	if l.ring != nil {
		l.ring.Hide()
	}
}

// framed is the list with its focus ring, to put in a layout in its place.
func (l *keyList) framed() fyne.CanvasObject {
	if l.ring == nil {
		l.ring = canvas.NewRectangle(color.Transparent)
		l.ring.StrokeWidth = 2
		l.ring.Hide()
	}
	return container.NewStack(l, l.ring)
}

// TypedKey opens the highlighted row on Enter, passes Esc to the window,
// and moves the highlight with the arrow keys.
func (l *keyList) TypedKey(k *fyne.KeyEvent) {
	switch {
	case isEnter(k):
		if n := l.Length(); l.highlighted >= 0 && l.highlighted < n {
			l.Unselect(l.highlighted) // selecting the selected row again must open it again
			l.Select(l.highlighted)
		}
	case k.Name == fyne.KeyEscape:
		escapeFrom(l)
	default:
		l.List.TypedKey(k)
	}
}

// link is a hyperlink that opens something in the window: a meeting, a
// protocol, a submission. Unlike a button its text wraps, so a long title
// never widens the window; Enter follows it as Space does.
type link struct {
	widget.Hyperlink
}

// newLink is a wrapping link with its action.
func newLink(text string, tapped func()) *link {
	l := &link{}
	l.Text, l.OnTapped, l.Wrapping = text, tapped, fyne.TextWrapWord
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey follows the link on Enter and Space, and passes Esc to the
// window.
func (l *link) TypedKey(k *fyne.KeyEvent) {
	switch {
	case isEnter(k):
		l.Tapped(nil)
	case k.Name == fyne.KeyEscape:
		escapeFrom(l)
	default:
		l.Hyperlink.TypedKey(k)
	}
}
