package ui

import (
	"errors"
	"slices"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/ui/locale"
)

// fieldNote is the line under a field: a short hint, or, once something is
// typed, what is wrong with it in a sentence. The line is always there, so
// the form does not move when a message comes or goes. (Fyne's Form draws a
// field's error only when the item has a hint, on one line that does not
// wrap, and otherwise marks the field with a red border alone.)
type fieldNote struct {
	label *widget.Label
	hint  string

	entry   *widget.Entry // the entry it is under, when it follows one
	touched bool          // the entry was typed in, or reveal was called
}

// newFieldNote is a note line showing hint.
func newFieldNote(hint string) *fieldNote {
	n := &fieldNote{label: widget.NewLabel(""), hint: hint}
	n.label.Wrapping = fyne.TextWrapWord
	n.show(nil)
	return n
}

// show shows what is wrong, or the hint when err is nil.
func (n *fieldNote) show(err error) {
	text, imp := n.hint, widget.LowImportance
	if err != nil {
		text, imp = err.Error(), widget.DangerImportance
	}
	if text == "" {
		text = " " // keeps the line's height
	}
	if n.label.Text == text && n.label.Importance == imp {
		return
	}
	n.label.Text, n.label.Importance = text, imp
	n.label.Refresh()
}

// text is what the note says, "" for an empty line.
func (n *fieldNote) text() string {
	if n.label.Text == " " {
		return ""
	}
	return n.label.Text
}

// noted puts a note line under an entry and shows the entry's validation
// in it, once the entry holds text or has been typed in.
func noted(w entryWidget, hint string) (fyne.CanvasObject, *fieldNote) {
	n := newFieldNote(hint)
	e := w.entry()
	n.entry = e
	changed := e.OnChanged
	e.OnChanged = func(s string) {
		n.touched = true
		if changed != nil {
			changed(s)
		}
		n.check()
	}
	e.SetOnValidationChanged(func(error) { n.check() })
	return container.NewVBox(w, n.label), n
}

// entryWidget is one of the window's entries: the widget in the tree and
// the Fyne entry inside it.
type entryWidget interface {
	fyne.CanvasObject
	entry() *widget.Entry
}

func (f *textField) entry() *widget.Entry { return &f.Entry }
func (t *textArea) entry() *widget.Entry  { return &t.Entry }

// check shows what is wrong with the entry's text, once it holds text or
// has been typed in.
func (n *fieldNote) check() {
	e := n.entry
	if (n.touched || e.Text != "") && e.Validator != nil {
		n.show(e.Validator(e.Text)) // not e.Validate: that calls back here
	} else {
		n.show(nil)
	}
}

// reveal shows what is wrong even with an entry nobody typed in (when the
// user asks to save).
func (n *fieldNote) reveal() {
	n.touched = true
	n.check()
}

// checkFlow is a set of check boxes that wraps onto more rows where the
// window is narrow (a horizontal CheckGroup would make it wider).
type checkFlow struct {
	box     *fyne.Container
	checks  []*check
	changed func(selected []string)
	loading bool
}

// newCheckFlow is one check box per label; changed gets the checked labels,
// in order, after every change by the user.
func newCheckFlow(labels []string, changed func([]string)) *checkFlow {
	c := &checkFlow{changed: changed}
	objs := make([]fyne.CanvasObject, len(labels))
	for i, l := range labels {
		ch := newCheck(l, func(bool) { c.onChanged() })
		c.checks = append(c.checks, ch)
		objs[i] = ch
	}
	c.box = flow(objs...)
	return c
}

func (c *checkFlow) onChanged() {
	if c.loading || c.changed == nil {
		return
	}
	c.changed(c.Selected())
}

// Selected is the checked labels, in order.
func (c *checkFlow) Selected() []string {
	var out []string
	for _, ch := range c.checks {
		if ch.Checked {
			out = append(out, ch.Text)
		}
	}
	return out
}

// SetSelected checks exactly the given labels, without calling changed.
func (c *checkFlow) SetSelected(sel []string) {
	c.loading = true
	defer func() { c.loading = false }()
	for _, ch := range c.checks {
		ch.SetChecked(slices.Contains(sel, ch.Text))
	}
}

// example is a placeholder that shows an example value, marked as one so
// that it is not taken for something typed: "E.g. Örebro".
func example(s string) string { return locale.T("E.g. {{.Example}}", map[string]any{"Example": s}) }

// newSelect is a widget.Select whose empty state reads "Choose…" in the
// user's language (Fyne's own placeholder is a fixed English text).
func newSelect(options []string, changed func(string)) *selectField {
	s := &selectField{}
	s.Options, s.OnChanged = options, changed
	s.PlaceHolder = lang.L("Choose…")
	s.ExtendBaseWidget(s)
	return s
}

// selectField is a widget.Select that comes into view when it gets the
// keyboard focus.
type selectField struct {
	widget.Select
}

// FocusGained brings the select into view.
func (s *selectField) FocusGained() {
	s.Select.FocusGained()
	reveal(s)
}

// check is a widget.Check that comes into view when it gets the keyboard
// focus.
type check struct {
	widget.Check
}

// newCheck is a check box with its label and action.
func newCheck(label string, changed func(bool)) *check {
	c := &check{}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

// FocusGained brings the check box into view.
func (c *check) FocusGained() {
	c.Check.FocusGained()
	reveal(c)
}

// statusLine is one line of what follows from a form (what is missing, a
// warning): a sentence cut to one line, so that it never changes the
// form's height as it changes, and a button that shows all of it.
type statusLine struct {
	box   *fyne.Container
	label *widget.Label
	full  string // the whole sentence
}

// newStatusLine is an empty status line; the More button shows the whole
// sentence in a dialog titled title.
func newStatusLine(u *UI, title string) *statusLine {
	s := &statusLine{label: widget.NewLabel("")}
	s.label.Truncation = fyne.TextTruncateEllipsis
	more := newButton(lang.L("More…"), nil, func() { u.inform(title, s.full) })
	more.Importance = widget.LowImportance
	s.box = container.NewBorder(nil, nil, nil, more, s.label)
	return s
}

// set shows text with the given importance.
func (s *statusLine) set(text string, imp widget.Importance) {
	s.full = text
	s.label.Text, s.label.Importance = text, imp
	s.label.Refresh()
}

// fieldLimit caps what can be typed or pasted into an entry at the
// documented limit of its field (data.Limits), and says so in a sentence
// when the cap stops the user. Nothing typed is lost silently: a paste that
// would go past the cap is cut to it, and the sentence says by how much.
type fieldLimit struct {
	field   string
	max     int                 // runes; 0 for no cap
	onLimit func(problem error) // tells the user; nil to stay quiet
}

// limitTo caps w at the limit of field and reports to onLimit.
func limitTo(w entryWidget, field string, onLimit func(error)) {
	l := &fieldLimit{field: field, max: data.Limit(field).Chars, onLimit: onLimit}
	switch x := w.(type) {
	case *textField:
		x.limit = l
	case *textArea:
		x.limit = l
	}
}

// refuses reports whether typing r into e would pass the cap, and tells the
// user when it does.
func (l *fieldLimit) refuses(e *widget.Entry, r rune) bool {
	if l == nil || l.max <= 0 {
		return false
	}
	if utf8.RuneCountInString(e.Text)-utf8.RuneCountInString(e.SelectedText())+1 <= l.max {
		return false
	}
	l.tell(e.Text + string(r))
	return true
}

// cut shortens e's text to the cap after a paste, and tells the user.
func (l *fieldLimit) cut(e *widget.Entry) {
	if l == nil || l.max <= 0 || utf8.RuneCountInString(e.Text) <= l.max {
		return
	}
	full := e.Text
	e.SetText(string([]rune(full)[:l.max]))
	e.CursorRow, e.CursorColumn = 0, 0
	l.tell(full)
}

func (l *fieldLimit) tell(text string) {
	if l.onLimit == nil {
		return
	}
	if err := data.CheckText(l.field, text); err != nil {
		l.onLimit(errors.New(locale.Explain(err)))
	}
}
