package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
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

// saveDelay is how long after a change the editor saves at the latest.
const saveDelay = 700 * time.Millisecond

// nearbyDelay is how long typing must pause before the near-duplicate check.
const nearbyDelay = 300 * time.Millisecond

// submissionEditor edits one submission. Every change goes into sub on the UI
// goroutine and is saved by the autosaver within a second; Ctrl+S saves at once.
type submissionEditor struct {
	u     *UI
	sub   data.Submission
	saver *autosaver[data.Submission]

	loading bool // set while widgets are filled from sub, so that fills are not changes
	// fresh is set on a submission just created with New submission, until
	// the user changes something in it: closed untouched, it is not kept.
	fresh bool

	tabContent []fyne.CanvasObject // each tab's content, shown once the tab is first chosen

	edits   int    // changes typed; a reload keeps those typed while it read
	reloads loader // reads the submission again (reload)

	near     loader    // the near-duplicate check; an older result is dropped
	nearSoon debouncer // starts it once typing pauses

	heading   *widget.Label
	status    *widget.Label
	saveState *widget.Label
	missing   *statusLine
	nearby    *statusLine
	fourStep  *statusLine
	// saveProblem says why the last save failed, until one succeeds.
	saveProblem *statusLine
	// limitLine says that a field is full, until the next change.
	limitLine *statusLine
	// conflict asks which version to keep when the submission was changed
	// elsewhere since the editor loaded it.
	conflict                     *fyne.Container
	conflictText                 *widget.Label
	conflictMine, conflictTheirs *button
	tabs                         *container.AppTabs
	head                         *fyne.Container // the buttons, title and save state above the tabs
	foot                         *fyne.Container // what follows from the fields, below the tabs

	fields      submissionFields
	attachments *attachmentsView
	history     *historyView
}

// newSubmissionEditor builds an editor on sub.
func newSubmissionEditor(u *UI, sub data.Submission) *submissionEditor {
	e := &submissionEditor{u: u, sub: sub, nearSoon: debouncer{delay: nearbyDelay}}
	e.saver = newAutosaver(saveDelay, func(s data.Submission) error {
		_, err := u.st.SaveSubmission(u.ctx, s)
		return err
	}, func(s data.Submission, err error) {
		e.u.do(func() { e.onSaved(err) })
	})
	e.saver.retryable = func(err error) bool {
		return !errors.Is(err, store.ErrConflict) && !errors.Is(err, store.ErrNotFound)
	}
	return e
}

func (e *submissionEditor) buildUI() fyne.CanvasObject {
	e.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	e.heading.SizeName = theme.SizeNameSubHeadingText
	e.heading.Truncation = fyne.TextTruncateEllipsis
	e.status = widget.NewLabel("")
	e.status.Importance = widget.HighImportance
	e.saveState = widget.NewLabel("")
	e.saveState.Importance = widget.LowImportance
	e.missing = newStatusLine(e.u, lang.L("Ready for the arena?"))
	e.nearby = newStatusLine(e.u, lang.L("Possibly submitted already"))
	e.nearby.box.Hide()
	e.saveProblem = newStatusLine(e.u, lang.L("Not saved yet"))
	e.saveProblem.box.Hide()
	e.limitLine = newStatusLine(e.u, lang.L("Too long"))
	e.limitLine.box.Hide()
	e.conflictText = sentence("")
	e.conflictText.Importance = widget.DangerImportance
	e.conflictMine = newPrimaryButton(lang.L("Keep mine"), nil, nil)
	e.conflictTheirs = newButton(lang.L("Show the other version"), nil, nil)
	e.conflict = container.NewVBox(e.conflictText, flow(e.conflictMine, e.conflictTheirs))
	e.conflict.Hide()
	e.fourStep = newStatusLine(e.u, lang.L("The four-step principle"))
	e.fourStep.set(lang.L(data.FourStepAdvice), widget.WarningImportance)

	toolbar := flow(
		newButton(lang.L("All submissions"), theme.NavigateBackIcon(), func() { e.u.closeSubmission() }),
		newButton(lang.L("Save"), theme.DocumentSaveIcon(), e.saveNow),
		newButton(lang.L("Print / PDF…"), theme.DocumentPrintIcon(), e.onPrint),
		newButton(lang.L("Duplicate"), theme.ContentCopyIcon(), e.onDuplicate),
		newButton(lang.L("Move to trash"), theme.DeleteIcon(), e.onTrash),
	)
	// The save indicator keeps the width of its longest text, so the title
	// beside it is not cut shorter when it changes.
	state := container.New(minWidth{w: saveStateWidth()}, e.saveState)
	e.head = container.NewVBox(
		toolbar,
		container.NewBorder(nil, nil, nil, container.NewHBox(e.status, state), e.heading),
	)
	// What follows from the fields stands below the tabs: when it grows or
	// shrinks as fields are filled, the form being typed in stays put.
	e.foot = container.NewVBox(widget.NewSeparator(), e.conflict, e.saveProblem.box, e.limitLine.box, e.missing.box, e.nearby.box, e.fourStep.box)

	e.fields = submissionFields{e: e}
	e.attachments = &attachmentsView{e: e}
	e.history = &historyView{e: e}
	// Every tab's widgets exist from the start (load fills them all), but a
	// tab joins the window only when first shown: laying out and measuring
	// all six at once kept the UI goroutine busy for two frames.
	e.tabContent = []fyne.CanvasObject{
		vscroll(e.fields.objectTab()),
		vscroll(e.fields.deficiencyTab()),
		vscroll(e.fields.measuresTab()),
		vscroll(e.fields.submitterTab()),
		e.attachments.buildUI(),
		vscroll(e.history.buildUI()),
	}
	names := []string{lang.L("Object"), lang.L("Deficiency"), lang.L("Measures"), lang.L("Submitter"), lang.L("Attachments"), lang.L("History")}
	items := make([]*container.TabItem, len(names))
	for i, n := range names {
		items[i] = container.NewTabItem(n, container.NewStack())
	}
	items[0].Content = e.tabContent[0]
	e.tabs = container.NewAppTabs(items...)
	// A tab chosen with the mouse gets the focus in its first field, as one
	// chosen with the keyboard does: Tab then goes on from there, not from
	// the sidebar.
	e.tabs.OnSelected = func(it *container.TabItem) {
		if i := e.tabs.SelectedIndex(); i >= 0 && it.Content != e.tabContent[i] {
			it.Content = e.tabContent[i]
			e.tabs.Refresh()
		}
		e.focusTab()
	}
	e.load()
	return container.NewBorder(container.NewPadded(e.head), container.NewPadded(e.foot), nil, nil, e.tabs)
}

// load fills every widget from e.sub.
func (e *submissionEditor) load() {
	// Filling a widget calls its OnChanged, which writes back what the widget
	// shows: coordinates rounded to five decimals, modes in list order, empty
	// lines dropped. Loading must not change the submission, so it is kept.
	sub := e.sub.Clone()
	e.loading = true
	e.fields.load()
	e.sub = sub
	e.attachments.refresh()
	e.history.refresh()
	e.loading = false
	e.updateDerived()
	e.saveState.SetText(locale.T("Saved {{.Time}}", map[string]any{"Time": savedTime(e.sub.Updated, e.u.now())}))
}

// changed is called by every field after it wrote into e.sub.
func (e *submissionEditor) changed() {
	if e.loading {
		return
	}
	e.fresh = false
	e.edits++
	e.limitLine.box.Hide()
	e.saveState.SetText(lang.L("Not saved yet…"))
	e.saver.changed(e.sub.Clone())
	e.updateDerived()
}

// updateDerived refreshes what follows from the fields: heading,
// completeness, the four-step warning and near duplicates.
func (e *submissionEditor) updateDerived() {
	e.heading.SetText(titleOf(e.sub.Title))
	e.status.SetText(locale.StatusName(e.sub.Status))
	if miss := data.Missing(e.sub); len(miss) == 0 {
		e.missing.set("✓ "+lang.L("Ready for the arena: everything a good submission holds is there."), widget.SuccessImportance)
	} else {
		parts := make([]string, len(miss))
		for i, m := range miss {
			parts[i] = lang.L(m)
		}
		e.missing.set(locale.T("Still missing before it is ready for the arena ({{.N}}): {{.List}}.",
			map[string]any{"N": len(miss), "List": strings.Join(parts, "; ")}), widget.MediumImportance)
	}
	if data.FourStepWarning(e.sub) {
		e.fourStep.box.Show()
	} else {
		e.fourStep.box.Hide()
	}
	e.checkNearby()
}

// checkNearby warns, off the UI goroutine, when another submission lies
// within 500 m or has a very similar title.
func (e *submissionEditor) checkNearby() {
	sub := e.sub.Clone()
	// Once typing pauses: a scan per keystroke only competes with the
	// typing for the processor.
	e.nearSoon.trigger(func() { e.near.run(e.u, func(ctx context.Context) func() { return e.nearbyResult(ctx, sub) }) })
}

// nearbyResult looks for near duplicates of sub and returns how to show them.
func (e *submissionEditor) nearbyResult(ctx context.Context, sub data.Submission) func() {
	near, err := e.u.st.NearDuplicates(ctx, sub)
	return func() {
		if err != nil || len(near) == 0 {
			e.nearby.box.Hide()
			return
		}
		titles := make([]string, 0, len(near))
		for _, n := range near {
			titles = append(titles, "“"+n.Title+"”")
		}
		e.nearby.set(locale.T("Possibly the same object as: {{.List}}. Check that it is not already submitted; if it is, add to that one instead.",
			map[string]any{"List": strings.Join(titles, ", ")}), widget.WarningImportance)
		e.nearby.box.Show()
	}
}

// onSaved shows how a save of the submission or of a caption went.
// A failed save opens no dialog: the keys typed meanwhile would go to it
// and be lost. The line below the tabs says what happened; the autosaver
// tries again by itself, and closing asks before anything is lost.
func (e *submissionEditor) onSaved(err error) {
	var c *store.Conflict
	if errors.As(err, &c) && c.Version != 0 {
		e.showConflict(c)
		return
	}
	if err != nil {
		fyne.LogError("save submission", err)
		e.saveState.SetText(lang.L("Not saved!"))
		e.saveProblem.set(locale.T("What you typed is not saved yet: {{.Reason}} ILA Desk tries again by itself; it is kept here until then.",
			map[string]any{"Reason": locale.Explain(err)}), widget.DangerImportance)
		e.saveProblem.box.Show()
		return
	}
	e.saveProblem.box.Hide()
	e.conflict.Hide()
	e.saveState.SetText(locale.T("Saved {{.Time}}", map[string]any{"Time": savedTime(e.u.now(), e.u.now())}))
}

// showConflict says that the submission was changed elsewhere (another
// window, an imported package) since the editor loaded it, and lets the
// user choose which version to go on with. Nothing is lost either way: the
// version not chosen is kept in the history.
func (e *submissionEditor) showConflict(c *store.Conflict) {
	e.saveState.SetText(lang.L("Not saved!"))
	when := ""
	if !c.Changed.IsZero() {
		when = " (" + data.FormatStamp(c.Changed, e.u.language(), false) + ")"
	}
	e.conflictText.SetText(locale.T("This submission was changed elsewhere{{.When}} since you opened it; what you typed is not saved yet. Keep yours (the other version stays in the history), or look at the other one (yours goes into the history).",
		map[string]any{"When": when}))
	version := c.Version
	e.conflictMine.OnTapped = func() { e.keepMine(version) }
	e.conflictTheirs.OnTapped = func() { e.takeTheirs(version) }
	e.conflict.Show()
}

// keepMine saves what the editor holds over the version changed elsewhere;
// the store keeps that one as a revision.
func (e *submissionEditor) keepMine(version int64) {
	e.conflict.Hide()
	e.sub.Version = version
	e.saver.changed(e.sub.Clone())
	e.flush()
}

// takeTheirs shows the version changed elsewhere. What the editor holds is
// saved first and then replaced by that version, so it stays in the
// history as a revision of its own.
func (e *submissionEditor) takeTheirs(version int64) {
	e.conflict.Hide()
	// The newest revision holds the version changed elsewhere: every
	// save, import and restore records what it leaves as one.
	revs, err := e.u.st.Revisions(e.u.ctx, e.sub.ID)
	if err != nil {
		e.u.showError(err)
		return
	}
	e.sub.Version = version
	e.saver.changed(e.sub.Clone())
	if err := e.flush(); err != nil {
		e.onSaved(err)
		return
	}
	if len(revs) == 0 {
		e.reload()
		return
	}
	sub, err := e.u.st.RestoreRevision(e.u.ctx, e.sub.ID, revs[0].ID)
	if err != nil {
		e.u.showError(err)
		return
	}
	e.sub = sub
	e.load()
}

// savedTime says when something was saved, in the computer's own time
// zone, as every save indicator of the window does: the time alone today,
// the date and time before.
func savedTime(t, now time.Time) string {
	t, now = t.In(time.Local), now.In(time.Local)
	if t.YearDay() == now.YearDay() && t.Year() == now.Year() {
		return t.Format("15:04:05")
	}
	return t.Format("2006-01-02 15:04")
}

// saveStateWidth is the width of the longest text a save indicator shows.
func saveStateWidth() float32 {
	w := float32(0)
	for _, s := range []string{
		locale.T("Saved {{.Time}}", map[string]any{"Time": "2026-12-01 20:53"}),
		lang.L("Not saved yet…"), lang.L("Not saved!"),
	} {
		w = fyne.Max(w, widget.NewLabel(s).MinSize().Width)
	}
	return w
}

// saveNow saves at once (Ctrl+S).
// Every change is already with the autosaver: saving now writes what is
// pending, and nothing when nothing changed, so that the submission's
// "changed" time stays what it was.
func (e *submissionEditor) saveNow() {
	e.flush()
}

// flush saves what is pending, captions included, and waits for it; called
// before the editor closes or the store is read again. An error means the
// latest changes are not saved: they stay in the editor, the user has been
// told, and the next change or flush tries again.
func (e *submissionEditor) flush() error {
	var err error
	if !e.fresh { // a fresh submission has nothing typed to save
		err = e.saver.flush()
	}
	if e.attachments != nil {
		if cerr := e.attachments.flush(); err == nil {
			err = cerr
		}
	}
	return err
}

// onLimit says that a field is full: what was typed past its limit is not
// taken.
func (e *submissionEditor) onLimit(problem error) {
	e.limitLine.set(problem.Error(), widget.WarningImportance)
	e.limitLine.box.Show()
}

// firstFields are, per tab, the field the keyboard's focus goes to when the
// tab is chosen from the keyboard.
func (e *submissionEditor) firstFields() []fyne.Focusable {
	return []fyne.Focusable{e.fields.title, e.fields.deficiency, e.fields.addMeasure, e.fields.meeting, e.attachments.add, e.history.next}
}

// showTab shows tab i and puts the focus in its first field, so that
// typing never goes into a field of a tab no longer shown.
func (e *submissionEditor) showTab(i int) {
	n := len(e.tabs.Items)
	i = (i%n + n) % n
	e.tabs.SelectIndex(i)
	e.focusTab()
}

// focusTab puts the focus in the first field of the tab shown.
func (e *submissionEditor) focusTab() {
	if f, i := e.firstFields(), e.tabs.SelectedIndex(); i >= 0 && i < len(f) {
		e.u.win.Canvas().Focus(f[i])
	}
}

// onPrint prints the submission as it is on screen. Coordinates that
// cannot be read would print the last good point as if it were the typed
// one: it asks to leave the point out instead.
func (e *submissionEditor) onPrint() {
	if err := e.fields.coordsErr; err != nil {
		e.u.confirm(lang.L("Print without the point?"),
			locale.T("The coordinates typed cannot be read: {{.Reason}} The PDF leaves the point out rather than print an old one. Correct the coordinates to print the point.",
				map[string]any{"Reason": locale.Explain(err)}),
			lang.L("Print without the point"), false, func() {
				sub := e.currentForPrint()
				sub.Point = nil
				e.u.printSubmission(sub)
			})
		return
	}
	e.u.printSubmission(e.currentForPrint())
}

// stopBackground drops the work the editor started off the UI goroutine,
// as it closes.
func (e *submissionEditor) stopBackground() {
	e.nearSoon.stop()
	e.near.stop()
}

// discardIfUntouched deletes a submission just created and never changed,
// as the editor closes: a new submission nobody typed into is not kept. It
// reports whether it did.
func (e *submissionEditor) discardIfUntouched() bool {
	if !e.fresh {
		return false
	}
	// Only what the editor shows counts as typed into; anything the store
	// holds besides (an attachment, a status) keeps the submission.
	if cur, err := e.u.st.Submission(e.u.ctx, e.sub.ID); err != nil || len(cur.Attachments) > 0 || len(cur.Trail) > 1 {
		return false
	}
	if err := e.u.st.DeleteSubmission(e.u.ctx, e.sub.ID); err != nil {
		fyne.LogError("remove the untouched new submission", err)
		return false
	}
	return true
}

// currentForPrint returns the submission as it is on screen, saved first.
func (e *submissionEditor) currentForPrint() data.Submission {
	e.saveNow()
	return e.sub.Clone()
}

func (e *submissionEditor) onDuplicate() {
	if e.flush() != nil {
		return // the copy would lack what is not saved
	}
	var dup data.Submission
	id, st := e.sub.ID, e.u.st
	e.u.act(func(ctx context.Context) (err error) {
		if dup, err = st.DuplicateSubmission(ctx, id); err != nil {
			return err
		}
		dup.Title = locale.T("{{.Title}} (copy)", map[string]any{"Title": dup.Title})
		dup, err = st.SaveSubmission(ctx, dup)
		return err
	}, func() { e.u.openSubmission(dup.ID) })
}

func (e *submissionEditor) onTrash() {
	e.u.confirm(lang.L("Move to trash?"),
		locale.T("“{{.Title}}” is moved to the trash. You can restore it from there until the trash is emptied.", map[string]any{"Title": titleOf(e.sub.Title)}),
		lang.L("Move to trash"), false, func() {
			if e.flush() != nil {
				return // the editor stays open with what is not saved
			}
			id := e.sub.ID
			e.u.act(func(ctx context.Context) error { return e.u.st.TrashSubmission(ctx, id) }, func() {
				if e.u.openEditor() == e {
					e.u.closeSubmission()
				}
			})
		})
}

// setStatus appends a status change to the trail.
func (e *submissionEditor) setStatus(s data.Status, comment string) {
	e.fresh = false
	id := e.sub.ID
	e.u.act(func(ctx context.Context) error { return e.u.st.SetStatus(ctx, id, s, comment) }, func() {
		if e.u.openEditor() == e {
			e.reload()
		}
	})
}

// reload saves what is pending, reads the submission from the store off
// the UI goroutine and refills the editor. When the save fails, what was
// typed stays: only what the editor does not write (status, trail,
// attachments, dates) is read.
func (e *submissionEditor) reload() {
	unsaved := e.flush() != nil
	id, edits := e.sub.ID, e.edits
	e.reloads.run(e.u, func(ctx context.Context) func() {
		sub, err := e.u.st.Submission(ctx, id)
		return func() {
			if e.u.openEditor() != e {
				return // closed meanwhile
			}
			if err != nil {
				e.u.showError(err)
				return
			}
			// Typed while the store was read: that is newer than what it gave.
			e.refill(sub, unsaved || e.edits != edits)
		}
	})
}

// refill shows sub, as read from the store, in the editor; with unsaved,
// only what the editor does not write.
func (e *submissionEditor) refill(sub data.Submission, unsaved bool) {
	if unsaved {
		e.sub.Status, e.sub.Trail, e.sub.Attachments = sub.Status, sub.Trail, sub.Attachments
		e.sub.Created, e.sub.Updated, e.sub.Deleted = sub.Created, sub.Updated, sub.Deleted
	} else {
		e.sub = sub
	}
	e.load()
}

// titleOf is a submission's title as the window names it: "Untitled
// submission" when it has none.
func titleOf(title string) string {
	if t := strings.TrimSpace(title); t != "" {
		return t
	}
	return lang.L("Untitled submission")
}

// fieldError returns the translated problem ValidateSubmission finds for
// field in s, or nil.
func fieldError(s data.Submission, field string) error {
	for _, p := range data.ValidateSubmission(s) {
		if p.Field == field {
			return errors.New(locale.Explain(p.Problem))
		}
	}
	return nil
}

// stepName is a four-step step with its number: "1 Tänk om".
func stepName(s data.Step) string {
	return fmt.Sprintf("%d %s", int(s), locale.Name(s))
}
