package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// fieldNote is the line under a field: a short hint, or, once something is
// typed, what is wrong with it in a sentence. The line is always there, so
// the form does not move when a message comes or goes. (Fyne's Form draws a
// field's error only when the item has a hint, on one line that does not
// wrap, and otherwise marks the field with a red border alone.)
type fieldNote struct {
	label *widget.Label
	hint  string
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
func noted(e *widget.Entry, hint string) (fyne.CanvasObject, *fieldNote) {
	n := newFieldNote(hint)
	touched := false
	check := func() {
		if (touched || e.Text != "") && e.Validator != nil {
			n.show(e.Validator(e.Text)) // not e.Validate: that calls back here
		} else {
			n.show(nil)
		}
	}
	changed := e.OnChanged
	e.OnChanged = func(s string) {
		touched = true
		if changed != nil {
			changed(s)
		}
		check()
	}
	e.SetOnValidationChanged(func(error) { check() })
	return container.NewVBox(e, n.label), n
}

// checkFlow is a set of check boxes that wraps onto more rows where the
// window is narrow (a horizontal CheckGroup would make it wider).
type checkFlow struct {
	box     *fyne.Container
	checks  []*widget.Check
	changed func(selected []string)
	loading bool
}

// newCheckFlow is one check box per label; changed gets the checked labels,
// in order, after every change by the user.
func newCheckFlow(labels []string, changed func([]string)) *checkFlow {
	c := &checkFlow{changed: changed}
	objs := make([]fyne.CanvasObject, len(labels))
	for i, l := range labels {
		ch := widget.NewCheck(l, func(bool) { c.onChanged() })
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
