package ui

import (
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/handelskammaren/ila-desk/data"
)

// installShortcuts takes files dropped on the window: they become
// attachments of the open submission. The keyboard shortcuts live in the
// main menu (mainMenu), where they work whatever has the focus and are shown
// next to their items.
func (u *UI) installShortcuts() {
	u.win.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) {
		e := u.openEditor()
		if e == nil || u.current != pageSubmissions {
			u.showError(problemDropNeedsSubmission)
			return
		}
		e.attachments.addFiles(uris)
	})
}

// saveOpenSubmission saves the open submission at once (Ctrl+S).
func (u *UI) saveOpenSubmission() {
	if e := u.openEditor(); e != nil && u.current == pageSubmissions {
		e.saveNow()
	}
}

// closeOpenSubmission saves and closes the open submission (Ctrl+W, Esc).
func (u *UI) closeOpenSubmission() {
	if u.current == pageSubmissions && u.openEditor() != nil {
		u.closeSubmission()
	}
}

// showShortcuts lists the keyboard shortcuts.
func (u *UI) showShortcuts() {
	mod := "Ctrl"
	if runtime.GOOS == "darwin" {
		mod = "⌘"
	}
	rows := []struct{ keys, what string }{
		{mod + "+N", lang.L("New submission")},
		{mod + "+S", lang.L("Save the open submission now (it is also saved by itself)")},
		{mod + "+P", lang.L("Print what is shown: the submission, the meeting or the protocol, or a report of the list")},
		{mod + "+W, Esc", lang.L("Close the open submission")},
		{mod + "+F", lang.L("Search everything")},
		{mod + "+PgDn, " + mod + "+PgUp", lang.L("Next or previous tab of the submission")},
		{mod + "+1 … " + mod + "+7", lang.L("Go to Overview … About")},
		{"Tab, Shift+Tab", lang.L("Next or previous field")},
		{"Enter", lang.L("Press the focused button or open the focused row")},
		{lang.L("Space"), lang.L("Tick a box, open a list of choices, press a button")},
		{"Esc", lang.L("Close a dialog or the search")},
		{"Alt", lang.L("Open the menu")},
	}
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(r.keys + " — " + r.what + "\n")
	}
	u.inform(lang.L("Keyboard shortcuts"), strings.TrimSpace(b.String()))
}

var problemDropNeedsSubmission = data.NewProblem("Open a submission first; dropped files become its attachments.", nil)

// flushEditor saves the open submission before the window closes or the
// screen changes; an error says it is not saved.
func (u *UI) flushEditor() error {
	if e := u.openEditor(); e != nil {
		return e.flush()
	}
	return nil
}
