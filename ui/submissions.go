package ui

import (
	"context"
	"strings"
	"sync/atomic"
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

// submissions lists the user's submissions (inspel) with search, filters,
// sort and counts, and hosts the editor of the one opened. The list is
// virtualised and loaded off the UI goroutine, so it stays smooth with
// thousands of rows.
type submissions struct {
	u *UI

	items      []store.SubmissionSummary
	generation atomic.Int64 // the newest load; older results are dropped
	list       *keyList
	empty      *fyne.Container
	body       *fyne.Container
	listView   fyne.CanvasObject
	count      *widget.Label

	search                        *textField
	status, mode, muni, meet, srt *selectField
	trash                         *check
	emptyTrash                    *button
	meetingKeys                   []string
	typing                        debouncer // the list's reload, once typing in its search pauses

	editor  *submissionEditor
	open    loader // reads the submission the editor is to show
	choices loader // reads the meetings the filter offers
	built   bool
}

func (s *submissions) buildUI() fyne.CanvasObject {
	s.list = &keyList{List: widget.List{
		Length: func() int { return len(s.items) },
		CreateItem: func() fyne.CanvasObject {
			title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			title.Truncation = fyne.TextTruncateEllipsis
			meta := widget.NewLabel("")
			meta.Truncation = fyne.TextTruncateEllipsis
			meta.Importance = widget.LowImportance
			status := widget.NewLabel("")
			return container.NewBorder(nil, nil, nil, status, container.NewVBox(title, meta))
		},
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(s.items) {
				return
			}
			it := s.items[id]
			c := o.(*fyne.Container)
			texts := c.Objects[0].(*fyne.Container)
			texts.Objects[0].(*widget.Label).SetText(titleOf(it.Title))
			modes := make([]string, len(it.Modes))
			for i, m := range it.Modes {
				modes[i] = locale.ModeName(m)
			}
			meta := []string{}
			if it.Municipality != "" {
				meta = append(meta, municipalityName(it.Municipality))
			}
			if len(modes) > 0 {
				meta = append(meta, strings.Join(modes, ", "))
			}
			meta = append(meta, locale.T("changed {{.When}}", map[string]any{"When": it.Updated.In(time.Local).Format("2006-01-02 15:04")}))
			texts.Objects[1].(*widget.Label).SetText(strings.Join(meta, " · "))
			c.Objects[1].(*widget.Label).SetText(locale.StatusName(it.Status))
		},
		OnSelected: func(id widget.ListItemID) {
			s.list.Unselect(id)
			if id < len(s.items) {
				if s.trash.Checked {
					s.onRestore(s.items[id])
					return
				}
				s.u.openSubmission(s.items[id].ID)
			}
		},
	}}
	s.list.init()

	s.search = newField()
	s.search.SetPlaceHolder(lang.L("Search submissions…"))
	limitTo(s.search, "search", nil)
	s.search.OnChanged = func(string) { s.reloadSoon() }
	any := lang.L("All")
	statusOpts := []string{any}
	for _, st := range data.Statuses {
		statusOpts = append(statusOpts, locale.StatusName(st))
	}
	s.status = newSelect(statusOpts, func(string) { s.reload() })
	modeOpts := []string{any}
	for _, m := range data.Modes {
		modeOpts = append(modeOpts, locale.ModeName(m))
	}
	s.mode = newSelect(modeOpts, func(string) { s.reload() })
	muniOpts := append(append([]string{any}, data.Municipalities...), lang.L("Outside the county"))
	s.muni = newSelect(muniOpts, func(string) { s.reload() })
	s.meet = newSelect([]string{any}, func(string) { s.reload() })
	s.srt = newSelect([]string{lang.L("Last changed"), lang.L("Priority"), lang.L("Title")}, func(string) { s.reload() })
	s.trash = newCheck(lang.L("Trash"), func(bool) { s.reload() })
	s.emptyTrash = newButton(lang.L("Empty the trash"), theme.DeleteIcon(), s.onEmptyTrash)
	s.emptyTrash.Hide()
	for _, sel := range []*selectField{s.status, s.mode, s.muni, s.meet} {
		sel.SetSelectedIndex(0)
	}
	s.srt.SetSelectedIndex(0)
	s.count = widget.NewLabel("")

	newBtn := newPrimaryButton(lang.L("New submission"), theme.ContentAddIcon(), func() { s.u.newSubmission() })
	actions := flow(newBtn,
		newButton(lang.L("Report"), theme.DocumentPrintIcon(), func() { s.u.printReport(s.query()) }),
		newButton(lang.L("Export for the chamber…"), theme.UploadIcon(), func() { s.u.exportPackage(s.query()) }),
		newButton(lang.L("Import package…"), theme.DownloadIcon(), s.u.importPackage),
	)
	filters := flow(
		labelledSelect(lang.L("Status"), s.status), labelledSelect(lang.L("Transport mode"), s.mode),
		labelledSelect(lang.L("Municipality"), s.muni), labelledSelect(lang.L("Arena meeting"), s.meet),
		labelledSelect(lang.L("Sort by"), s.srt))
	s.count.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(actions, s.search, filters, container.NewBorder(nil, nil, nil, flow(s.trash, s.emptyTrash), s.count))
	s.listView = container.NewBorder(container.NewPadded(top), nil, nil, nil, s.list.framed())

	intro := sentence(lang.L("You have no submissions yet. A submission points out a concrete object in the transport infrastructure that needs action."))
	intro.Wrapping = fyne.TextWrapWord
	intro.Alignment = fyne.TextAlignCenter
	s.empty = container.NewCenter(container.NewVBox(
		widget.NewIcon(theme.DocumentCreateIcon()),
		container.NewGridWrap(fyne.NewSize(460, intro.MinSize().Height*3), intro),
		container.NewCenter(newPrimaryButton(lang.L("New submission"), theme.ContentAddIcon(), func() { s.u.newSubmission() })),
		container.NewCenter(newButton(lang.L("Import package…"), theme.DownloadIcon(), s.u.importPackage)),
	))
	s.body = container.NewStack()
	s.built = true
	return s.body
}

func labelledSelect(label string, sel *selectField) fyne.CanvasObject {
	l := widget.NewLabel(label)
	l.Importance = widget.LowImportance
	return container.New(minWidth{w: 150}, container.NewVBox(l, sel))
}

func municipalityName(m string) string {
	if m == data.OutsideCounty {
		return lang.L("Outside the county")
	}
	return m
}

func (s *submissions) refresh() {
	if s.editor != nil {
		return // the open editor keeps its state
	}
	s.choices.run(s.u, func(ctx context.Context) func() {
		ms, err := s.u.st.Meetings(ctx)
		return func() {
			if err != nil {
				s.u.showError(err)
				return
			}
			s.showMeetingChoices(ms)
		}
	})
	s.reload()
}

// showMeetingChoices offers the meetings in the filter, newest first.
func (s *submissions) showMeetingChoices(ms []data.Meeting) {
	opts := []string{lang.L("All")}
	s.meetingKeys = []string{""}
	for i := len(ms) - 1; i >= 0; i-- {
		opts = append(opts, data.FormatShortDate(ms[i].Start, s.u.language()))
		s.meetingKeys = append(s.meetingKeys, ms[i].Key)
	}
	cur := s.meet.SelectedIndex()
	s.meet.OnChanged = nil
	s.meet.SetOptions(opts)
	if cur < 0 || cur >= len(opts) {
		cur = 0
	}
	s.meet.SetSelectedIndex(cur)
	s.meet.OnChanged = func(string) { s.reload() }
}

// query is the list's filter as the user set it.
func (s *submissions) query() store.SubmissionQuery {
	q := store.SubmissionQuery{Text: s.search.Text, Trash: s.trash.Checked}
	if i := s.status.SelectedIndex(); i > 0 {
		q.Status = data.Statuses[i-1]
	}
	if i := s.mode.SelectedIndex(); i > 0 {
		q.Mode = data.Modes[i-1]
	}
	if i := s.muni.SelectedIndex(); i > 0 {
		if i <= len(data.Municipalities) {
			q.Municipality = data.Municipalities[i-1]
		} else {
			q.Municipality = data.OutsideCounty
		}
	}
	if i := s.meet.SelectedIndex(); i > 0 && i < len(s.meetingKeys) {
		q.MeetingKey = s.meetingKeys[i]
	}
	switch s.srt.SelectedIndex() {
	case 1:
		q.Sort = store.SortPriority
	case 2:
		q.Sort = store.SortTitle
	default:
		q.Sort = store.SortUpdated
	}
	return q
}

// listSearchDelay is the pause in typing in the list's search field after
// which the list is queried.
const listSearchDelay = 150 * time.Millisecond

// reloadSoon reloads after a short pause in typing.
func (s *submissions) reloadSoon() {
	s.typing.trigger(func() { s.u.do(s.reload) })
}

// reload queries the store off the UI goroutine and shows the result if no
// newer query has started meanwhile.
func (s *submissions) reload() {
	if !s.built {
		return // the selects call this while they are being set up
	}
	q := s.query()
	gen := s.generation.Add(1)
	if s.trash.Checked {
		s.emptyTrash.Show()
	} else {
		s.emptyTrash.Hide()
	}
	s.u.background(func() func() {
		items, err := s.u.st.ListSubmissions(s.u.ctx, q)
		var total int
		if err == nil {
			total, err = s.u.st.CountSubmissions(s.u.ctx, store.SubmissionQuery{})
		}
		return func() {
			if gen != s.generation.Load() {
				return
			}
			if err != nil {
				s.u.showError(err)
				return
			}
			s.apply(items, total, q)
		}
	})
}

func (s *submissions) apply(items []store.SubmissionSummary, total int, q store.SubmissionQuery) {
	s.items = items
	switch {
	case s.editor != nil:
		// The editor was opened while the list loaded; it stays in front.
	case total == 0 && !q.Trash:
		s.body.Objects = []fyne.CanvasObject{s.empty}
	default:
		s.body.Objects = []fyne.CanvasObject{s.listView}
	}
	switch {
	case q.Trash:
		s.count.SetText(locale.T("{{.N}} in the trash. Tap one to restore it.", map[string]any{"N": len(items)}))
	case len(items) == total:
		s.count.SetText(locale.T("{{.N}} submissions", map[string]any{"N": total}))
	default:
		s.count.SetText(locale.T("{{.N}} of {{.Total}} submissions", map[string]any{"N": len(items), "Total": total}))
	}
	s.body.Refresh()
	s.list.Refresh()
}

func (s *submissions) onRestore(it store.SubmissionSummary) {
	s.u.confirm(lang.L("Restore submission?"), locale.T("“{{.Title}}” is moved back to your submissions.", map[string]any{"Title": titleOf(it.Title)}),
		lang.L("Restore"), false, func() {
			s.u.act(func(ctx context.Context) error { return s.u.st.RestoreSubmission(ctx, it.ID) }, s.reload)
		})
}

func (s *submissions) onEmptyTrash() {
	s.u.confirm(lang.L("Empty the trash?"), lang.L("The submissions in the trash are deleted for good, with their attachments."),
		lang.L("Empty the trash"), true, func() {
			s.u.act(func(ctx context.Context) error {
				_, err := s.u.st.EmptyTrash(ctx)
				return err
			}, s.reload)
		})
}

// print prints the open submission, or a report of the list as filtered.
func (s *submissions) print() {
	if s.editor != nil {
		s.editor.onPrint()
		return
	}
	s.u.printReport(s.query())
}

// showEditor replaces the list with an editor.
func (s *submissions) showEditor(e *submissionEditor) {
	if s.editor != nil {
		s.editor.stopBackground()
		if !s.editor.discardIfUntouched() {
			s.editor.flush()
		}
	}
	s.editor = e
	s.body.Objects = []fyne.CanvasObject{e.buildUI()}
	s.body.Refresh()
}

// newSubmission creates a draft with the company as submitter and opens it
// with the cursor in its title. Unlike the rest of the window's store
// work it runs on the UI goroutine (a row written and read again, about a
// millisecond): a person presses Ctrl+N and types the title at once, and
// the keys must reach the title, not whatever had the focus while the
// draft was made.
func (u *UI) newSubmission() {
	if e := u.openEditor(); e != nil && e.flush() != nil {
		return
	}
	s := u.submissions
	s.open.stop() // a submission being opened would take the new one's place
	sub, err := createDraft(u.ctx, u.st, u.now())
	if err != nil {
		u.showError(err)
		return
	}
	e := s.show(sub)
	e.fresh = true
	u.win.Canvas().Focus(e.fields.title)
}

// createDraft stores a new submission with the company as submitter, for
// the next meeting when there is one.
func createDraft(ctx context.Context, st *store.Store, now time.Time) (data.Submission, error) {
	c, err := st.Company(ctx)
	if err != nil {
		return data.Submission{}, err
	}
	sub := data.Submission{Company: c.Name, ContactPerson: c.ContactPerson, ContactEmail: c.Email, ContactPhone: c.Phone}
	if m, upcoming, err := st.NextMeeting(ctx, now); err == nil && upcoming {
		sub.MeetingKey = m.Key
	}
	sub, err = st.CreateSubmission(ctx, sub)
	if err != nil {
		return data.Submission{}, err
	}
	return st.Submission(ctx, sub.ID)
}

// openSubmission shows submission id in the editor, read off the UI
// goroutine. The open editor is saved first, so that id is read as saved
// (it may be the one open); when that save fails, the open editor stays
// with what is not saved.
func (u *UI) openSubmission(id int64) {
	if e := u.openEditor(); e != nil && e.flush() != nil {
		return
	}
	s := u.submissions
	s.open.run(u, func(ctx context.Context) func() {
		sub, err := u.st.Submission(ctx, id)
		return func() {
			if err != nil {
				u.showError(err)
				return
			}
			s.show(sub)
		}
	})
}

// show opens sub in a new editor on the submissions screen.
func (s *submissions) show(sub data.Submission) *submissionEditor {
	s.u.goTo(pageSubmissions)
	e := newSubmissionEditor(s.u, sub)
	s.showEditor(e)
	return e
}

// openEditor is the editor being shown, if any.
func (u *UI) openEditor() *submissionEditor {
	if u.pages[pageSubmissions].view == nil {
		return nil
	}
	return u.submissions.editor
}

// closeSubmission saves and closes the editor and shows the list again. When
// the save fails the editor stays open, with what is not saved.
func (u *UI) closeSubmission() {
	s := u.submissions
	if s.editor != nil {
		if !s.editor.discardIfUntouched() && s.editor.flush() != nil {
			return
		}
		s.editor.stopBackground()
		s.editor = nil
	}
	s.refresh()
}
