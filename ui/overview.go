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

// overview is the start screen: the next meeting and the user's submissions.
type overview struct {
	u    *UI
	load loader

	meetingHeading *widget.Label
	meetingWhen    *widget.Label
	meetingWhere   *widget.Label
	meetingNote    *widget.Label
	submissions    *widget.Label
	purpose        *widget.RichText
}

func (s *overview) buildUI() fyne.CanvasObject {
	s.meetingHeading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.meetingWhen = widget.NewLabel("")
	s.meetingWhen.SizeName = theme.SizeNameSubHeadingText
	s.meetingWhere = sentence("")
	s.meetingNote = widget.NewLabel("")
	s.meetingNote.Wrapping = fyne.TextWrapWord
	s.meetingNote.Importance = widget.WarningImportance
	s.submissions = sentence("")
	s.purpose = widget.NewRichText()
	s.purpose.Wrapping = fyne.TextWrapWord

	meetingCard := widget.NewCard("", "", container.NewVBox(
		s.meetingHeading, s.meetingWhen, s.meetingWhere, s.meetingNote,
		flow(newButton(lang.L("All meetings"), theme.CalendarIcon(), func() { s.u.goTo(pageMeetings) })),
	))
	subCard := card(lang.L("Your submissions"), "", container.NewVBox(
		s.submissions,
		flow(
			newPrimaryButton(lang.L("New submission"), theme.ContentAddIcon(), func() { s.u.newSubmission() }),
			newButton(lang.L("Show submissions"), nil, func() { s.u.goTo(pageSubmissions) }),
		),
	))
	title := widget.NewLabelWithStyle(lang.L("Infrastructure & Logistics Arena"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	return vscroll(container.NewPadded(container.NewVBox(title, meetingCard, subCard, card(lang.L("About the arena"), "", s.purpose))))
}

// refresh reads the next meeting, the counts and the arena's purpose off
// the UI goroutine and shows them.
func (s *overview) refresh() {
	now, l := s.u.now(), s.u.language()
	s.load.run(s.u, func(ctx context.Context) func() {
		m, upcoming, merr := s.u.st.NextMeeting(ctx, now)
		counts, cerr := s.u.st.SubmissionCounts(ctx)
		a, aerr := s.u.st.Arena(ctx)
		return func() {
			s.showMeeting(m, upcoming, merr, now, l)
			s.showCounts(counts, cerr)
			if aerr != nil {
				s.u.showError(aerr)
				return
			}
			setMarkdown(s.purpose, a.Purpose)
		}
	})
}

func (s *overview) showMeeting(m data.Meeting, upcoming bool, err error, now time.Time, l data.Language) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		s.meetingHeading.SetText(lang.L("No meetings yet"))
		s.meetingWhen.SetText("")
		s.meetingWhere.SetText("")
		s.meetingNote.SetText(lang.L("The chamber has not published any meeting dates."))
	case err != nil:
		s.u.showError(err)
	default:
		if upcoming {
			s.meetingHeading.SetText(lang.L("Next meeting") + " · " + countdown(now, m.Start))
			s.meetingNote.SetText("")
		} else {
			s.meetingHeading.SetText(lang.L("Latest meeting"))
			s.meetingNote.SetText(lang.L("No meeting lies ahead: the chamber has not published new dates yet. When it does, import the new content under File."))
		}
		s.meetingWhen.SetText(data.FormatSpan(m.Start, m.End, l))
		s.meetingWhere.SetText(locale.MeetingKindName(m.Kind) + " · " + placeOf(m))
	}
}

func (s *overview) showCounts(counts map[data.Status]int, err error) {
	if err != nil {
		s.u.showError(err)
		return
	}
	total := 0
	var parts []string
	for _, st := range data.Statuses {
		if n := counts[st]; n > 0 {
			total += n
			parts = append(parts, fmt.Sprintf("%d %s", n, strings.ToLower(locale.StatusName(st))))
		}
	}
	if total == 0 {
		s.submissions.SetText(lang.L("You have no submissions yet. A submission points out a concrete object in the transport infrastructure that needs action."))
	} else {
		s.submissions.SetText(locale.T("You have {{.N}} submissions: {{.ByStatus}}.", map[string]any{"N": total, "ByStatus": strings.Join(parts, ", ")}))
	}
}

// placeOf is a meeting's place, or a note that it is not yet known.
func placeOf(m data.Meeting) string {
	if m.Location == "" {
		return lang.L("Place to be announced in the invitation")
	}
	return m.Location
}
