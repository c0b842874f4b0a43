package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// textArea is a multi-line, word-wrapping entry as a form needs it:
//
//   - Tab and Shift+Tab move the focus to the next or previous field instead
//     of inserting a tab character, and a tab is never stored from the
//     keyboard (Fyne's multi-line Entry captures Tab).
//   - A space typed where the line wraps stays where it was typed. Fyne 2.8.1
//     cannot place the cursor after a trailing space that ends a wrapped line
//     (Entry.rowColFromTextPos has no row for it), so the next character went
//     in before the space: "E18-avfarten och" was stored as
//     "E18-avfartenoch ". textArea remembers where the cursor should be and
//     puts the next character there itself.
type textArea struct {
	widget.Entry

	// Where the next typed rune goes when Fyne could not put the cursor
	// there: the rune offset, with the text and cursor it was meant for.
	// want < 0 when the cursor is where it should be.
	want             int
	wantText         string
	wantRow, wantCol int

	limit *fieldLimit // the field's limit; nil for none
}

// newTextArea is an empty text area showing at least rows lines.
func newTextArea(rows int) *textArea {
	t := &textArea{want: -1}
	t.MultiLine = true
	t.Wrapping = fyne.TextWrapWord
	t.ExtendBaseWidget(t)
	t.SetMinRowsVisible(rows)
	return t
}

// FocusGained brings the text area into view.
func (t *textArea) FocusGained() {
	t.Entry.FocusGained()
	reveal(t)
}

// AcceptsTab tells the window to move the focus on Tab.
func (t *textArea) AcceptsTab() bool { return false }

// TypedKey moves the focus on Tab (the window does that itself; a canvas
// that hands Tab to the widget gets the same), passes Esc to the window and
// other keys to the entry.
func (t *textArea) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyTab {
		moveFocus(t, shiftHeld())
		return
	}
	if k.Name == fyne.KeyEscape && escapeFrom(t) {
		return
	}
	t.want = -1
	t.Entry.TypedKey(k)
}

// TypedRune inserts r where the cursor is meant to be.
func (t *textArea) TypedRune(r rune) {
	if r == '\t' {
		return
	}
	if t.Disabled() || t.limit.refuses(&t.Entry, r) {
		return
	}
	if t.SelectedText() != "" {
		t.want = -1
		t.Entry.TypedRune(r)
		return
	}
	if t.want >= 0 && t.Text == t.wantText && t.CursorRow == t.wantRow && t.CursorColumn == t.wantCol {
		pos := t.want
		t.want = -1
		rs := []rune(t.Text)
		if pos <= len(rs) {
			t.SetText(string(rs[:pos]) + string(r) + string(rs[pos:]))
			t.placeCursor(pos + 1)
			t.Refresh()
			return
		}
	}
	pos := t.CursorTextOffset()
	t.want = -1
	t.Entry.TypedRune(r)
	if t.CursorTextOffset() != pos+1 && !t.placeCursor(pos+1) {
		t.want, t.wantText, t.wantRow, t.wantCol = pos+1, t.Text, t.CursorRow, t.CursorColumn
	}
}

// TypedShortcut forgets the remembered cursor, since a shortcut (paste,
// undo) may move it. Pasted text is kept as it is, tabs included: only the
// Tab key is refused.
func (t *textArea) TypedShortcut(s fyne.Shortcut) {
	t.want = -1
	t.Entry.TypedShortcut(s)
	if _, ok := s.(*fyne.ShortcutPaste); ok {
		t.limit.cut(&t.Entry)
	}
}

// placeCursor puts the cursor at rune offset pos when some row and column
// stand for it, and reports whether one did.
func (t *textArea) placeCursor(pos int) bool {
	row, col := t.CursorRow, t.CursorColumn
	prev := -1
	for r := 0; ; r++ {
		t.CursorRow, t.CursorColumn = r, 0
		begin := t.CursorTextOffset()
		if begin <= prev || begin > pos {
			break
		}
		prev = begin
		t.CursorColumn = pos - begin
		if t.CursorTextOffset() == pos {
			return true
		}
	}
	t.CursorRow, t.CursorColumn = row, col
	return false
}

// shiftHeld reports whether Shift is down, where the driver knows.
func shiftHeld() bool {
	if d, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok {
		return d.CurrentKeyModifiers()&fyne.KeyModifierShift != 0
	}
	return false
}

// moveFocus moves the keyboard focus from o to the next focusable widget,
// or the previous one when back.
func moveFocus(o fyne.CanvasObject, back bool) {
	c := fyne.CurrentApp().Driver().CanvasForObject(o)
	if c == nil {
		return
	}
	if back {
		c.FocusPrevious()
	} else {
		c.FocusNext()
	}
}
