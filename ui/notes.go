package ui

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/store"
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
	entry  *textArea
	status *widget.Label
	view   fyne.CanvasObject

	// UI goroutine only.
	kind, key string
	loading   bool
	load      loader // saves what was typed and reads the next item's note
	edits     int    // keystrokes; a note read while typing went on is read again

	soon debouncer // saves once typing pauses (noteSaveDelay)

	mu       sync.Mutex            // guards the fields below
	pending  map[noteTarget]string // typed but not yet written, or whose write failed
	versions map[noteTarget]int64  // the version of each note as last read or written
	saving   bool                  // a write is running

	writeMu sync.Mutex // one write at a time, so the last text wins

	// deliver runs a function on the UI goroutine (u.do), unless a test
	// runs it on its own goroutine.
	deliver func(func())
}

// noteTarget is the item a note is on.
type noteTarget struct{ kind, key string }

// newNoteEditor builds a note editor and registers it with the window, which
// flushes it when the user leaves the screen or closes the window.
func newNoteEditor(u *UI) *noteEditor {
	n := &noteEditor{u: u, soon: debouncer{delay: noteSaveDelay}, deliver: func(f func()) { u.do(f) }}
	n.entry = newTextArea(5)
	n.entry.SetPlaceHolder(lang.L("Your own notes. Only you see them; they stay on this computer."))
	n.entry.OnChanged = n.onChanged
	limitTo(n.entry, data.FieldNote, func(problem error) {
		n.status.SetText(problem.Error())
		n.status.Importance = widget.WarningImportance
		n.status.Refresh()
	})
	n.status = widget.NewLabel("")
	n.status.Importance = widget.LowImportance
	head := widget.NewLabelWithStyle(lang.L("Notes"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	n.status.Wrapping = fyne.TextWrapWord
	n.view = container.NewVBox(
		container.NewBorder(nil, nil, container.NewHBox(widget.NewIcon(theme.DocumentCreateIcon()), head), nil, n.status),
		n.entry,
	)
	u.notes = append(u.notes, n)
	return n
}

// show loads the note on the given item into the editor, first saving what
// was typed on the previous one.
func (n *noteEditor) show(kind, key string) {
	if n.kind == kind && n.key == key {
		n.load.stop() // back on the item shown before another was read
		return
	}
	// Off the UI goroutine, write what was typed on the previous item
	// before reading this one's note (so that coming back reads what was
	// typed); a failed write stays pending. Until the note is read the
	// entry shows the previous item's, and typing goes there; when it shows
	// none yet, typing goes to this item at once.
	n.stopTimer()
	if n.key == "" {
		n.kind, n.key = kind, key
	}
	edits := n.edits
	n.load.run(n.u, func(ctx context.Context) func() {
		serr := n.save(false)
		note, version, err := n.u.st.NoteForEdit(ctx, kind, key)
		return func() {
			if serr != nil {
				n.u.showError(serr)
			}
			if n.edits != edits && (n.kind != kind || n.key != key) {
				n.show(kind, key) // typed on the previous item meanwhile: write it first
				return
			}
			n.showNote(kind, key, note, version, err)
		}
	})
}

// showNote puts the note read for an item in the entry, or what was typed
// on it and not written yet.
func (n *noteEditor) showNote(kind, key string, note data.Note, version int64, err error) {
	n.kind, n.key = kind, key
	if err == nil {
		n.setVersion(noteTarget{kind, key}, version)
	}
	if err != nil {
		fyne.LogError("load note", err)
		n.status.SetText(locale.Explain(err))
	} else {
		n.status.SetText("")
	}
	n.mu.Lock()
	if text, ok := n.pending[noteTarget{kind, key}]; ok {
		note.Text = text // typed earlier and not written yet
	}
	n.mu.Unlock()
	n.loading = true
	n.entry.SetText(note.Text)
	n.loading = false
}

// stopTimer cancels the delayed save; the caller saves.
func (n *noteEditor) stopTimer() {
	n.soon.stop()
}

// onChanged schedules a save; called on the UI goroutine for every keystroke.
func (n *noteEditor) onChanged(text string) {
	if n.loading || n.key == "" {
		return
	}
	n.edits++
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.pending == nil {
		n.pending = map[noteTarget]string{}
	}
	n.pending[noteTarget{n.kind, n.key}] = text
	n.soon.trigger(func() { n.save(true) })
}

// save writes the pending texts, if any. A text whose write fails stays
// pending, unless newer text came meanwhile, and the error is returned.
// notify says whether to tell the user through the UI goroutine (not while
// the window closes).
func (n *noteEditor) save(notify bool) error {
	n.writeMu.Lock()
	defer n.writeMu.Unlock()
	n.mu.Lock()
	notes := n.pending
	n.pending = nil
	n.saving = len(notes) > 0
	n.mu.Unlock()
	if len(notes) == 0 {
		return nil
	}
	var err error
	merged := map[noteTarget]string{}
	for t, text := range notes {
		werr := n.write(t, text, merged)
		if werr == nil {
			continue
		}
		fyne.LogError("save note", werr)
		if err == nil {
			err = werr
		}
		n.mu.Lock()
		if _, newer := n.pending[t]; !newer {
			if n.pending == nil {
				n.pending = map[noteTarget]string{}
			}
			n.pending[t] = text
		}
		n.mu.Unlock()
	}
	if len(merged) > 0 {
		n.deliver(func() { n.showMerged(merged) })
	}
	if notify {
		at := savedTime(n.u.now(), n.u.now())
		n.deliver(func() {
			if len(merged) > 0 && err == nil {
				return // showMerged said what happened
			}
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
	return err
}

// write saves text as the note on t, unless the note was changed elsewhere
// since it was read: then both texts are kept, the other first and what
// was typed here after it, and the merged text goes into merged.
func (n *noteEditor) write(t noteTarget, text string, merged map[noteTarget]string) error {
	note := data.Note{TargetKind: t.kind, TargetKey: t.key, Text: text}
	v, err := n.u.st.SaveNoteIfUnchanged(n.u.ctx, note, n.version(t))
	if errors.Is(err, store.ErrConflict) {
		cur, cv, rerr := n.u.st.NoteForEdit(n.u.ctx, t.kind, t.key)
		if rerr != nil {
			return rerr
		}
		if other := strings.TrimRight(cur.Text, "\n"); other != "" && other != strings.TrimRight(text, "\n") {
			note.Text = other + "\n\n" + text
		}
		if v, err = n.u.st.SaveNoteIfUnchanged(n.u.ctx, note, cv); err == nil {
			merged[t] = note.Text
		}
	}
	if err == nil {
		n.setVersion(t, v)
	}
	return err
}

// showMerged shows a merged note in the entry when it is the one shown, and
// says why the text grew.
func (n *noteEditor) showMerged(merged map[noteTarget]string) {
	text, ok := merged[noteTarget{n.kind, n.key}]
	if !ok {
		return
	}
	n.mu.Lock()
	_, typedSince := n.pending[noteTarget{n.kind, n.key}]
	n.mu.Unlock()
	if !typedSince {
		n.loading = true
		n.entry.SetText(text)
		n.loading = false
	}
	n.status.SetText(lang.L("The note was changed elsewhere meanwhile: both texts are kept, the other first."))
	n.status.Importance = widget.WarningImportance
	n.status.Refresh()
}

func (n *noteEditor) version(t noteTarget) int64 {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.versions[t]
}

func (n *noteEditor) setVersion(t noteTarget, v int64) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.versions == nil {
		n.versions = map[noteTarget]int64{}
	}
	n.versions[t] = v
}

// flush starts writing what was typed now instead of after the delay.
func (n *noteEditor) flush() {
	n.soon.stop()
	n.mu.Lock()
	has := len(n.pending) > 0
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
	return len(n.pending) > 0 || n.saving
}

// flushNotes starts saving every note editor's typed text; called when the
// user leaves a screen.
func (u *UI) flushNotes() {
	for _, n := range u.notes {
		n.flush()
	}
}

// saveNotesNow writes every note editor's typed text before it returns;
// called when the window closes, before the store does. An error says a
// note is not written.
func (u *UI) saveNotesNow() error {
	var first error
	for _, n := range u.notes {
		n.stopTimer()
		if err := n.save(false); first == nil {
			first = err
		}
	}
	return first
}
