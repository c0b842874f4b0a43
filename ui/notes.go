package ui

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/ui/locale"
)

// noteSaveDelay is how long after the last keystroke a note is saved.
const noteSaveDelay = 600 * time.Millisecond

// Note targets, as the store names them.
const (
	noteMeeting  = "meeting"
	noteProtocol = "protocol"
)

// noteEditor is the user's private note on a meeting or a protocol: a
// multi-line entry that saves itself shortly after typing stops. The write
// happens off the UI goroutine so typing never waits for the disk. Notes stay
// in the local store only and are keyed by the item's content key, so they
// outlive content updates.
type noteEditor struct {
	u      *UI
	entry  *widget.Entry
	status *widget.Label
	view   fyne.CanvasObject

	// UI goroutine only.
	kind, key string
	loading   bool

	mu      sync.Mutex // guards the fields below
	timer   *time.Timer
	pending *data.Note // typed but not yet written
	saving  bool       // a write is running

	writeMu sync.Mutex // one write at a time, so the last text wins

	// deliver runs a function on the UI goroutine (u.do), unless a test
	// runs it on its own goroutine.
	deliver func(func())
}

// newNoteEditor builds a note editor and registers it with the window, which
// flushes it when the user leaves the screen or closes the window.
func newNoteEditor(u *UI) *noteEditor {
	n := &noteEditor{u: u, deliver: func(f func()) { u.do(f) }}
	n.entry = widget.NewMultiLineEntry()
	n.entry.Wrapping = fyne.TextWrapWord
	n.entry.SetMinRowsVisible(5)
	n.entry.SetPlaceHolder(lang.L("Your own notes. Only you see them; they stay on this computer."))
	n.entry.OnChanged = n.onChanged
	n.status = widget.NewLabel("")
	n.status.Importance = widget.LowImportance
	head := widget.NewLabelWithStyle(lang.L("Notes"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	n.view = container.NewVBox(
		container.NewHBox(widget.NewIcon(theme.DocumentCreateIcon()), head, n.status),
		n.entry,
	)
	u.notes = append(u.notes, n)
	return n
}

// show loads the note on the given item into the editor, first saving what
// was typed on the previous one.
func (n *noteEditor) show(kind, key string) {
	if n.kind == kind && n.key == key {
		return
	}
	n.flush()
	n.kind, n.key = kind, key
	note, err := n.u.st.Note(n.u.ctx, kind, key)
	if err != nil {
		fyne.LogError("load note", err)
		n.status.SetText(locale.Explain(err))
	} else {
		n.status.SetText("")
	}
	n.loading = true
	n.entry.SetText(note.Text)
	n.loading = false
}

// onChanged schedules a save; called on the UI goroutine for every keystroke.
func (n *noteEditor) onChanged(text string) {
	if n.loading || n.key == "" {
		return
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	n.pending = &data.Note{TargetKind: n.kind, TargetKey: n.key, Text: text}
	if n.timer != nil {
		n.timer.Stop()
	}
	n.timer = time.AfterFunc(noteSaveDelay, func() { n.save(true) })
}

// save writes the pending text, if any. notify says whether to tell the user
// through the UI goroutine (not while the window closes).
func (n *noteEditor) save(notify bool) {
	n.writeMu.Lock()
	defer n.writeMu.Unlock()
	n.mu.Lock()
	note := n.pending
	n.pending = nil
	n.saving = note != nil
	n.mu.Unlock()
	if note == nil {
		return
	}
	err := n.u.st.SaveNote(n.u.ctx, *note)
	if err != nil {
		fyne.LogError("save note", err)
	}
	if notify {
		at := time.Now().Format("15:04")
		n.deliver(func() {
			if err != nil {
				n.status.SetText(locale.T("Not saved: {{.Reason}}", map[string]any{"Reason": locale.Explain(err)}))
				n.status.Importance = widget.DangerImportance
			} else {
				n.status.SetText(locale.T("Saved {{.Time}}", map[string]any{"Time": at}))
				n.status.Importance = widget.LowImportance
			}
			n.status.Refresh()
		})
	}
	n.mu.Lock()
	n.saving = false
	n.mu.Unlock()
}

// flush starts writing what was typed now instead of after the delay.
func (n *noteEditor) flush() {
	n.mu.Lock()
	if n.timer != nil {
		n.timer.Stop()
	}
	has := n.pending != nil
	n.mu.Unlock()
	if has {
		// The user has moved on: no need to tell them, and the status line
		// may already show another note.
		go n.save(false)
	}
}

// busy reports whether typed text is not yet written.
func (n *noteEditor) busy() bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.pending != nil || n.saving
}

// flushNotes starts saving every note editor's typed text; called when the
// user leaves a screen.
func (u *UI) flushNotes() {
	for _, n := range u.notes {
		n.flush()
	}
}

// saveNotesNow writes every note editor's typed text before it returns;
// called when the window closes, before the store does.
func (u *UI) saveNotesNow() {
	for _, n := range u.notes {
		n.mu.Lock()
		if n.timer != nil {
			n.timer.Stop()
		}
		n.mu.Unlock()
		n.save(false)
	}
}
