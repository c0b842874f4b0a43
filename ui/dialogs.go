package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Every dialog of the window is opened here, so that each one fits the
// window, wraps its text, has its default button focused (Enter presses it)
// and closes on Esc.

// shownDialog is a dialog on screen, with what Esc does to it.
type shownDialog struct {
	d      dialog.Dialog
	cancel func()
}

// dialogWidth is the width of a message in a dialog, when the window has room.
const dialogWidth = 520

// pushDialog records d as the topmost dialog until it closes.
func (u *UI) pushDialog(d dialog.Dialog, cancel func()) {
	u.dialogs = append(u.dialogs, shownDialog{d: d, cancel: cancel})
	d.SetOnClosed(func() { u.popDialog(d) })
}

func (u *UI) popDialog(d dialog.Dialog) {
	for i := len(u.dialogs) - 1; i >= 0; i-- {
		if u.dialogs[i].d == d {
			u.dialogs = append(u.dialogs[:i], u.dialogs[i+1:]...)
			return
		}
	}
}

// dialogOpen reports whether a dialog covers the window.
func (u *UI) dialogOpen() bool { return len(u.dialogs) > 0 }

// fitSize is want, made smaller where the window is smaller.
func (u *UI) fitSize(want fyne.Size) fyne.Size {
	c := u.win.Canvas().Size()
	margin := 2 * theme.Padding() * 4
	if c.Width > margin && want.Width > c.Width-margin {
		want.Width = c.Width - margin
	}
	if c.Height > margin && want.Height > c.Height-margin {
		want.Height = c.Height - margin
	}
	return want
}

// message is a wrapping text for a dialog, as wide as the window allows.
func (u *UI) message(text string) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	w := u.fitSize(fyne.NewSize(dialogWidth, 0)).Width
	return container.New(&widthLayout{width: w}, l)
}

// showDialog opens a dialog with body and buttons; the first button is
// the default one and has the focus. cancel is what Esc does; nil closes
// the dialog.
func (u *UI) showDialog(title string, body fyne.CanvasObject, cancel func(), buttons ...*button) *dialog.CustomDialog {
	d := dialog.NewCustomWithoutButtons(title, body, u.win)
	objs := make([]fyne.CanvasObject, len(buttons))
	for i, b := range buttons {
		objs[len(buttons)-1-i] = b // the default button stands last, at the right
	}
	d.SetButtons(objs)
	if cancel == nil {
		cancel = d.Hide
	}
	u.pushDialog(d, cancel)
	d.Show()
	if len(buttons) > 0 {
		u.win.Canvas().Focus(buttons[0])
	}
	return d
}

// inform tells the user something; Enter, Space or Esc closes it.
func (u *UI) inform(title, text string) *dialog.CustomDialog {
	var d *dialog.CustomDialog
	ok := newPrimaryButton(lang.L("OK"), nil, func() { d.Hide() })
	d = u.showDialog(title, u.message(text), nil, ok)
	return d
}

// confirm asks before doing something. yes is the label of the button that
// does it. When the action destroys something, the focus starts on Cancel,
// so that Enter does not destroy by accident.
func (u *UI) confirm(title, text, yes string, destructive bool, onYes func()) *dialog.CustomDialog {
	var d *dialog.CustomDialog
	ok := newButton(yes, nil, func() {
		d.Hide()
		onYes()
	})
	ok.Importance = widget.HighImportance
	if destructive {
		ok.Importance = widget.DangerImportance
	}
	cancel := newButton(lang.L("Cancel"), nil, func() { d.Hide() })
	d = u.showDialog(title, u.message(text), nil, ok, cancel)
	if destructive {
		u.win.Canvas().Focus(cancel)
	}
	return d
}

// onEscape is what Esc does in the window: it closes the topmost dialog,
// else the search results, else the open submission. It reports whether it
// did something.
func (u *UI) onEscape() bool {
	if n := len(u.dialogs); n > 0 {
		u.dialogs[n-1].cancel()
		return true
	}
	if u.search != nil && u.search.shown {
		u.search.clear()
		return true
	}
	if u.current == pageSubmissions && u.openEditor() != nil {
		u.closeSubmission()
		return true
	}
	return false
}

// onTypedKey takes the keys typed while no widget has the focus.
func (u *UI) onTypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape {
		u.onEscape()
	}
}
