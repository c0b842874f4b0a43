package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// walkWidgets calls visit for o and every visible object inside it, through
// containers and the objects widgets render, in order. The parts of one
// widget are not visited as widgets of their own when the widget is one a
// person works as a whole (an entry, a button, a select).
func walkWidgets(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	visit(o)
	switch w := o.(type) {
	case *fyne.Container:
		for _, c := range w.Objects {
			walkWidgets(c, visit)
		}
		return
	case *widget.Entry, *textField, *textArea, *widget.SelectEntry, *widget.Button, *button,
		*widget.Select, *selectField, *widget.Check, *check, *link, *widget.Label, *widget.Hyperlink, *widget.RichText, *widget.Icon:
		return
	}
	if w, ok := o.(fyne.Widget); ok {
		for _, c := range test.WidgetRenderer(w).Objects() {
			walkWidgets(c, visit)
		}
	}
}
