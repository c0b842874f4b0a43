package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/handelskammaren/ila-desk/data"
)

// installShortcuts binds the window's keyboard shortcuts and file drops:
// Ctrl+S saves the open submission at once, Ctrl+P prints what is shown, and
// files dropped on the window become attachments of the open submission.
func (u *UI) installShortcuts() {
	c := u.win.Canvas()
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
		if e := u.openEditor(); e != nil {
			e.saveNow()
		}
	})
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyP, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
		u.printCurrent()
	})
	u.win.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) {
		e := u.openEditor()
		if e == nil || u.current != pageSubmissions {
			u.showError(problemDropNeedsSubmission)
			return
		}
		e.attachments.addFiles(uris)
	})
}

// flushEditor saves the open submission before the window closes or the
// screen changes; an error says it is not saved.
func (u *UI) flushEditor() error {
	if e := u.openEditor(); e != nil {
		return e.flush()
	}
	return nil
}

var problemDropNeedsSubmission = data.NewProblem("Open a submission first; dropped files become its attachments.", nil)
