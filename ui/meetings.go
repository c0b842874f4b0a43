package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/ui/locale"
)

// meetings lists the arena's meetings, upcoming first, with a detail view.
type meetings struct {
	u *UI

	rows     []meetingRow
	list     *widget.List
	notice   *widget.Label
	detail   *fyne.Container
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
	s.list = &widget.List{
		Length: func() int { return len(s.rows) },
		CreateItem: func() fyne.CanvasObject {
			head := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			when := widget.NewLabel("")
			where := widget.NewLabel("")
			where.Importance = widget.LowImportance
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
				when.SetText(data.FormatSpan(r.meeting.Start, r.meeting.End, s.u.language()))
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
	}
	s.list.ExtendBaseWidget(s.list)
	s.detail = container.NewStack()
	left := container.NewBorder(s.notice, nil, nil, nil, s.list)
	split := container.NewHSplit(left, container.NewVScroll(container.NewPadded(s.detail)))
	split.Offset = 0.4
	return split
}

func (s *meetings) refresh() {
	ms, err := s.u.st.Meetings(s.u.ctx)
	if err != nil {
		s.u.showError(err)
		return
	}
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
	s.list.Refresh()
	// Show the chosen meeting again, else the next one, else the latest.
	for i, r := range s.rows {
		if r.heading == "" && r.meeting.Key == s.selected {
			s.list.Select(i)
			return
		}
	}
	for i, r := range s.rows {
		if r.heading == "" {
			s.list.Select(i)
			return
		}
	}
	s.detail.Objects = []fyne.CanvasObject{widget.NewLabel(lang.L("The chamber has not published any meeting dates."))}
	s.detail.Refresh()
}

func (s *meetings) showMeeting(m data.Meeting) {
	s.selected = m.Key
	l := s.u.language()
	title := widget.NewLabelWithStyle(m.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	facts := widget.NewForm(
		widget.NewFormItem(lang.L("When"), widget.NewLabel(data.FormatSpan(m.Start, m.End, l))),
		widget.NewFormItem(lang.L("Place"), widget.NewLabel(placeOf(m))),
		widget.NewFormItem(lang.L("Kind"), widget.NewLabel(locale.MeetingKindName(m.Kind))),
	)
	box := container.NewVBox(title, facts)
	if m.Description != "" {
		d := widget.NewRichTextFromMarkdown(m.Description)
		d.Wrapping = fyne.TextWrapWord
		box.Add(d)
	}
	box.Add(widget.NewLabelWithStyle(lang.L("Agenda"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	if len(m.Agenda) == 0 {
		box.Add(widget.NewLabel(lang.L("No agenda has been published for this meeting.")))
	}
	for i, it := range m.Agenda {
		lbl := widget.NewLabel(fmt.Sprintf("%d. %s", i+1, it.Title))
		lbl.Wrapping = fyne.TextWrapWord
		box.Add(lbl)
	}
	box.Add(widget.NewLabelWithStyle(lang.L("Protocol"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	ps, err := s.u.st.Protocols(s.u.ctx)
	if err != nil {
		s.u.showError(err)
		return
	}
	linked := false
	for _, p := range ps {
		if p.MeetingKey == m.Key {
			p := p
			linked = true
			box.Add(widget.NewButtonWithIcon(data.FormatShortDate(p.Date, l)+" – "+p.Title, theme.DocumentIcon(), func() {
				s.u.openProtocol(p.ID)
			}))
		}
	}
	if !linked {
		box.Add(widget.NewLabel(lang.L("No protocol is linked to this meeting.")))
	}
	s.detail.Objects = []fyne.CanvasObject{box}
	s.detail.Refresh()
}
