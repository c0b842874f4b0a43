package ui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/printing"
	"github.com/handelskammaren/ila-desk/data/store"
	"github.com/handelskammaren/ila-desk/ui/locale"
)

// meetings lists the arena's meetings, upcoming first, with a detail view:
// agenda, place, protocol, the user's submissions for the meeting and their
// private notes.
type meetings struct {
	u                *UI
	load, detailLoad loader

	rows     []meetingRow
	list     *keyList
	notice   *widget.Label
	add      *button // coordinator mode only
	detail   *fyne.Container
	notes    *noteEditor
	selected string // key of the shown meeting
}

// meetingRow is a group heading or a meeting in the list.
type meetingRow struct {
	heading string
	meeting data.Meeting
}

func (s *meetings) buildUI() fyne.CanvasObject {
	s.notice = widget.NewLabel("")
	s.notice.Wrapping = fyne.TextWrapWord
	s.notice.Importance = widget.WarningImportance
	s.list = &keyList{List: widget.List{
		Length: func() int { return len(s.rows) },
		CreateItem: func() fyne.CanvasObject {
			head := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			when := widget.NewLabel("")
			when.Truncation = fyne.TextTruncateEllipsis
			where := widget.NewLabel("")
			where.Importance = widget.LowImportance
			where.Truncation = fyne.TextTruncateEllipsis
			return container.NewVBox(head, when, where)
		},
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			r := s.rows[id]
			head, when, where := box.Objects[0].(*widget.Label), box.Objects[1].(*widget.Label), box.Objects[2].(*widget.Label)
			if r.heading != "" {
				head.SetText(r.heading)
				head.Show()
				when.Hide()
				where.Hide()
			} else {
				head.Hide()
				// "tis 21 nov 2017, 12:00–15:00" then title and place.
				when.SetText(data.FormatCompactSpan(r.meeting.Start, r.meeting.End, s.u.language()))
				where.SetText(r.meeting.Title + " · " + placeOf(r.meeting))
				when.Show()
				where.Show()
			}
			s.list.SetItemHeight(id, box.MinSize().Height)
		},
		OnSelected: func(id widget.ListItemID) {
			if s.rows[id].heading != "" {
				s.list.Unselect(id)
				return
			}
			s.showMeeting(s.rows[id].meeting)
		},
	}}
	s.list.init()
	s.notes = newNoteEditor(s.u)
	exportAll := newButton(lang.L("Export all"), theme.DownloadIcon(), s.onExportAll)
	s.add = newButton(lang.L("Add"), theme.ContentAddIcon(), func() { s.u.editMeeting(data.Meeting{}) })
	tools := flow(exportAll, s.add)
	s.detail = container.NewStack()
	// The list keeps room for its dates whatever the meeting shown: the
	// detail wraps its text and buttons instead of pushing the divider.
	left := container.New(minWidth{w: listWidth}, container.NewBorder(container.NewVBox(tools, s.notice), nil, nil, nil, s.list.framed()))
	split := container.NewHSplit(left, vscroll(container.NewPadded(s.detail)))
	split.Offset = 0.4
	return split
}

// refresh reads the meetings off the UI goroutine and lists them.
func (s *meetings) refresh() {
	if s.u.prefs.coordinatorMode() {
		s.add.Show()
	} else {
		s.add.Hide()
	}
	s.load.run(s.u, func(ctx context.Context) func() {
		ms, err := s.u.st.Meetings(ctx)
		return func() {
			if err != nil {
				s.u.showError(err)
				return
			}
			s.show(ms)
		}
	})
}

// show lists the meetings, upcoming first, and selects the one shown
// before, else the next, else the latest.
func (s *meetings) show(ms []data.Meeting) {
	now := s.u.now()
	var upcoming, past []data.Meeting
	for _, m := range ms {
		if m.End.After(now) {
			upcoming = append(upcoming, m)
		} else {
			past = append([]data.Meeting{m}, past...) // newest first
		}
	}
	s.rows = s.rows[:0]
	s.rows = append(s.rows, meetingRow{heading: lang.L("Upcoming")})
	for _, m := range upcoming {
		s.rows = append(s.rows, meetingRow{meeting: m})
	}
	s.rows = append(s.rows, meetingRow{heading: lang.L("Earlier")})
	for _, m := range past {
		s.rows = append(s.rows, meetingRow{meeting: m})
	}
	if len(upcoming) == 0 {
		s.notice.SetText(lang.L("No meeting lies ahead: the chamber has not published new dates yet. The latest meeting is shown."))
		s.notice.Show()
	} else {
		s.notice.Hide()
	}
	s.list.UnselectAll()
	s.list.Refresh()
	// Show the chosen meeting again, else the next one, else the latest.
	for i, r := range s.rows {
		if r.heading == "" && r.meeting.Key == s.selected {
			s.list.Select(i)
			s.list.ScrollTo(i)
			return
		}
	}
	for i, r := range s.rows {
		if r.heading == "" {
			s.list.Select(i)
			return
		}
	}
	s.selected = ""
	s.detail.Objects = []fyne.CanvasObject{sentence(lang.L("The chamber has not published any meeting dates."))}
	s.detail.Refresh()
}

// listWidth is the least width of a list beside a detail view: room for
// "ons 13 sep 2017, 15:00–17:00" and the buttons above it.
const listWidth = 250

// openMeeting switches to the meetings screen and shows the meeting with the
// given key.
func (u *UI) openMeeting(key string) {
	s := u.meetings
	s.selected = key
	u.goTo(pageMeetings)
}

// heading is a bold label for a part of a detail view.
func heading(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// showMeeting reads what the detail needs off the UI goroutine and shows it.
func (s *meetings) showMeeting(m data.Meeting) {
	s.selected = m.Key
	s.detailLoad.run(s.u, func(ctx context.Context) func() {
		ps, err := s.u.st.Protocols(ctx)
		var subs []store.SubmissionSummary
		if err == nil {
			subs, err = s.u.st.ListSubmissions(ctx, store.SubmissionQuery{MeetingKey: m.Key})
		}
		return func() {
			if err != nil {
				s.u.showError(err)
				return
			}
			s.showDetail(m, ps, subs)
		}
	})
}

// showDetail lays out the meeting's detail.
func (s *meetings) showDetail(m data.Meeting, ps []data.Protocol, subs []store.SubmissionSummary) {
	l := s.u.language()
	title := widget.NewLabelWithStyle(m.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	title.Wrapping = fyne.TextWrapWord
	facts := widget.NewForm(
		widget.NewFormItem(lang.L("When"), sentence(data.FormatSpan(m.Start, m.End, l))),
		widget.NewFormItem(lang.L("Place"), sentence(placeOf(m))),
		widget.NewFormItem(lang.L("Kind"), sentence(locale.MeetingKindName(m.Kind))),
	)
	actions := flow(newButton(lang.L("Add to calendar"), theme.CalendarIcon(), func() {
		s.u.exportCalendar([]data.Meeting{m}, m.Title, m.Start)
	}), newButton(lang.L("Print / PDF…"), theme.DocumentPrintIcon(), func() { s.u.printMeeting(m.ID) }))
	if s.u.prefs.coordinatorMode() {
		actions.Add(newButton(lang.L("Edit"), theme.DocumentCreateIcon(), func() { s.u.editMeeting(m) }))
		actions.Add(newButton(lang.L("Delete"), theme.DeleteIcon(), func() { s.u.deleteMeeting(m) }))
	}
	box := container.NewVBox(title, facts, actions)
	if m.Description != "" {
		box.Add(newMarkdown(m.Description))
	}

	box.Add(heading(lang.L("Meeting agenda")))
	if len(m.Agenda) == 0 {
		box.Add(sentence(lang.L("No agenda has been published for this meeting.")))
	}
	for i, it := range m.Agenda {
		lbl := widget.NewLabel(fmt.Sprintf("%d. %s", i+1, it.Title))
		lbl.Wrapping = fyne.TextWrapWord
		box.Add(lbl)
		if it.Notes != "" {
			box.Add(container.NewPadded(newMarkdown(it.Notes)))
		}
	}

	box.Add(heading(lang.L("Protocol")))
	linked := false
	for _, p := range ps {
		if p.MeetingKey == m.Key {
			linked = true
			box.Add(newLink(data.FormatShortDate(p.Date, l)+" – "+p.Title, func() { s.u.openProtocol(p.ID) }))
		}
	}
	if !linked {
		box.Add(sentence(lang.L("No protocol is linked to this meeting.")))
	}

	box.Add(heading(lang.L("Your submissions for this meeting")))
	if len(subs) == 0 {
		none := sentence(lang.L("None. Choose this meeting in a submission to bring it here."))
		none.Wrapping = fyne.TextWrapWord
		none.Importance = widget.LowImportance
		box.Add(none)
	}
	for _, sub := range subs {
		box.Add(newLink(titleOf(sub.Title)+" · "+locale.StatusName(sub.Status), func() { s.u.openSubmission(sub.ID) }))
	}

	s.notes.show(noteMeeting, m.Key)
	box.Add(s.notes.view)
	s.detail.Objects = []fyne.CanvasObject{box}
	s.detail.Refresh()
}

// print prints the meeting shown as a meeting book.
func (s *meetings) print() {
	if s.selected == "" {
		return
	}
	key := s.selected
	s.u.preparePDF(func(ctx context.Context) (printing.Document, error) {
		m, err := s.u.st.MeetingByKey(ctx, key)
		if err != nil {
			return printing.Document{}, err
		}
		return printing.MeetingBook(ctx, s.u.st, m.ID, s.u.reportOptions())
	})
}

// onExportAll writes every meeting to one calendar file.
func (s *meetings) onExportAll() {
	var ms []data.Meeting
	name := lang.L("Arena meetings")
	s.u.act(func(ctx context.Context) (err error) {
		if ms, err = s.u.st.Meetings(ctx); err != nil {
			return err
		}
		if len(ms) == 0 {
			return data.NewProblem("There are no meetings to export yet.", nil)
		}
		if a, err := s.u.st.Arena(ctx); err == nil && a.Name != "" {
			name = a.Name
		}
		return nil
	}, func() { s.u.exportCalendar(ms, name, s.u.now()) })
}
