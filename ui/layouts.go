package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Layouts that keep the window usable from 800×560 up: rows of buttons
// that wrap instead of widening the window, and text that wraps at the
// width it is given.

// flowLayout lays its objects out in a row and starts a new row where the
// next one does not fit, like words in a paragraph. Its width is that of
// its widest object, so a row of buttons never makes the window wider.
type flowLayout struct {
	width float32 // the width it was last laid out at; 0 before that
}

// flow is a row of objects that wraps where it must.
func flow(objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(&flowLayout{}, objs...)
}

// rows places the visible objects at width w and returns each one's
// position and the total height.
func (l *flowLayout) rows(objs []fyne.CanvasObject, w float32, place bool) float32 {
	pad := theme.Padding()
	x, y, rowH := float32(0), float32(0), float32(0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		if x > 0 && x+m.Width > w {
			x, y, rowH = 0, y+rowH+pad, 0
		}
		if place {
			o.Move(fyne.NewPos(x, y))
			o.Resize(m)
		}
		x += m.Width + pad
		rowH = fyne.Max(rowH, m.Height)
	}
	return y + rowH
}

func (l *flowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	l.rows(objs, size.Width, true)
}

// MinSize is as wide as the widest object, and as high as the rows are at
// the width last laid out (one row before the first layout).
func (l *flowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	widest, one := float32(0), float32(0)
	pad := theme.Padding()
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		widest = fyne.Max(widest, m.Width)
		if one > 0 {
			one += pad
		}
		one += m.Width
	}
	w := l.width
	if w <= 0 {
		w = one
	}
	return fyne.NewSize(widest, l.rows(objs, fyne.Max(w, widest), false))
}

// widthLayout gives its objects a fixed width and the height they need at
// that width: a wrapping label in a dialog would otherwise shrink to one
// word per line.
type widthLayout struct{ width float32 }

func (l *widthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
}

func (l *widthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		o.Resize(fyne.NewSize(l.width, o.Size().Height))
		h = fyne.Max(h, o.MinSize().Height)
	}
	return fyne.NewSize(l.width, h)
}

// minWidth is a layout that makes its objects at least w wide.
type minWidth struct{ w float32 }

func (l minWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l minWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := fyne.NewSize(l.w, 0)
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}

// sentence is a label for a sentence or more: it wraps at the width it is
// given instead of widening the window.
func sentence(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// scrolls are the vertical scroll containers made by vscroll, so that the
// one holding a widget that gets the keyboard focus can bring it into view
// (Fyne's scroll containers do not follow the focus). UI goroutine only.
var scrolls []*container.Scroll

// vscroll is a vertical scroll container that follows the keyboard focus.
func vscroll(content fyne.CanvasObject) *container.Scroll {
	s := container.NewVScroll(content)
	scrolls = append(scrolls, s)
	return s
}

// reveal scrolls the scroll container holding o so that o is in view. It
// forgets the containers no longer in a window.
func reveal(o fyne.CanvasObject) {
	d := fyne.CurrentApp().Driver()
	c := d.CanvasForObject(o)
	if c == nil {
		return
	}
	kept := scrolls[:0]
	for _, s := range scrolls {
		sc := d.CanvasForObject(s)
		if sc == nil && s.Size().IsZero() {
			continue // never shown, or gone with its screen
		}
		kept = append(kept, s)
		if sc != c || !s.Visible() || s.Content == nil {
			continue
		}
		op, os := d.AbsolutePositionForObject(o), o.Size()
		sp, ss := d.AbsolutePositionForObject(s), s.Size()
		cp, cs := d.AbsolutePositionForObject(s.Content), s.Content.Size()
		if op.X < cp.X || op.Y < cp.Y || op.Y+os.Height > cp.Y+cs.Height+1 || op.X >= cp.X+cs.Width {
			continue // not in this one
		}
		off := s.Offset.Y
		switch {
		case os.Height >= ss.Height || op.Y < sp.Y:
			off -= sp.Y - op.Y
		case op.Y+os.Height > sp.Y+ss.Height:
			off += op.Y + os.Height - (sp.Y + ss.Height)
		}
		off = fyne.Max(0, fyne.Min(off, cs.Height-ss.Height))
		if off != s.Offset.Y {
			s.Offset.Y = off
			s.Refresh()
		}
	}
	scrolls = kept
}
