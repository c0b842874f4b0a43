package data

import (
	"sort"
	"strings"
	"testing"
	"time"
)

func fields(ps Problems) string {
	var fs []string
	for f := range ps {
		fs = append(fs, f)
	}
	sort.Strings(fs)
	return strings.Join(fs, ",")
}

func TestMeetingDraftNamesEveryWrongField(t *testing.T) {
	tests := []struct {
		name string
		d    MeetingDraft
		want string // the fields with problems, sorted
		msg  string // the message of the first of them, if given
	}{
		{"good", MeetingDraft{Title: "Nätverksmöte", Date: "2017-02-22", Start: "09:00", End: "12:00"}, "", ""},
		{"one-digit hour", MeetingDraft{Title: "Möte", Date: "2017-02-22", Start: "9:00", End: "12:00"}, "", ""},
		{"empty title", MeetingDraft{Title: "  ", Date: "2017-02-22", Start: "09:00", End: "12:00"}, "title", msgArenaTitle},
		{"end before start", MeetingDraft{Title: "Möte", Date: "2017-02-22", Start: "15:00", End: "12:00"}, "end", msgArenaEndFirst},
		{"end at start", MeetingDraft{Title: "Möte", Date: "2017-02-22", Start: "15:00", End: "15:00"}, "end", msgArenaEndFirst},
		{"bad time", MeetingDraft{Title: "Möte", Date: "2017-02-22", Start: "9.00", End: "25:00"}, "end,start", msgArenaTime},
		{"bad date", MeetingDraft{Title: "Möte", Date: "22/2 2017", Start: "09:00", End: "12:00"}, "date", msgArenaDate},
		{"impossible date", MeetingDraft{Title: "Möte", Date: "2017-02-30", Start: "09:00", End: "12:00"}, "date", msgArenaDate},
		{"untitled agenda item", MeetingDraft{Title: "Möte", Date: "2017-02-22", Start: "09:00", End: "12:00",
			Agenda: []AgendaItem{{Title: "Hamnarna"}, {Title: ""}}}, "agenda[1]", msgAgendaTitle},
		{"everything", MeetingDraft{}, "date,end,start,title", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := tt.d.Validate()
			if got := fields(ps); got != tt.want {
				t.Fatalf("problems in %q, want %q", got, tt.want)
			}
			if tt.msg != "" {
				f := strings.Split(tt.want, ",")[0]
				if ps[f].Msg != tt.msg {
					t.Errorf("%s: got %q, want %q", f, ps[f].Msg, tt.msg)
				}
			}
		})
	}
}

func TestMeetingDraftGivesStockholmTimes(t *testing.T) {
	m, ps := MeetingDraft{Title: " Nätverksmöte ", Date: "2017-11-21", Start: "12:00", End: "15:00",
		Agenda: []AgendaItem{{Title: "Hamnarna"}}}.Meeting()
	if len(ps) != 0 {
		t.Fatalf("problems: %v", ps)
	}
	if want := time.Date(2017, 11, 21, 11, 0, 0, 0, time.UTC); !m.Start.Equal(want) {
		t.Errorf("start %v, want %v", m.Start, want)
	}
	if m.End.Sub(m.Start) != 3*time.Hour || m.Title != "Nätverksmöte" || m.Kind != "network" || len(m.Agenda) != 1 {
		t.Errorf("got %+v", m)
	}
	back := DraftOfMeeting(m)
	if back.Date != "2017-11-21" || back.Start != "12:00" || back.End != "15:00" {
		t.Errorf("draft of the meeting: %+v", back)
	}
}

func TestContactDraftChecksEmail(t *testing.T) {
	for _, tt := range []struct {
		email string
		ok    bool
	}{
		{"", true},
		{"thord@handelskammarenmalardalen.se", true},
		{"thord", false},
		{"thord@", false},
		{"Thord <thord@example.se>", false},
		{"thord@localhost", false},
	} {
		_, ps := ContactDraft{Name: "Thord Andersson", Email: tt.email}.Contact()
		if got := ps[FieldArenaEmail] == nil; got != tt.ok {
			t.Errorf("%q: accepted %v, want %v", tt.email, got, tt.ok)
		}
	}
	if _, ps := (ContactDraft{Email: "x@example.se"}).Contact(); ps[FieldArenaName] == nil {
		t.Error("a contact without a name was accepted")
	}
}

func TestProtocolAndEventDraftsCheckDateAndTitle(t *testing.T) {
	if _, ps := (ProtocolDraft{Title: "Minnesanteckningar", Date: "2017-2-22"}).Protocol(); fields(ps) != "date" {
		t.Errorf("protocol with date 2017-2-22: problems in %q, want date", fields(ps))
	}
	p, ps := ProtocolDraft{Title: "Minnesanteckningar", Date: "2017-02-22"}.Protocol()
	if len(ps) != 0 || p.Kind != "minutes" || p.Date.Day() != 22 {
		t.Errorf("got %+v, %v", p, ps)
	}
	if _, ps := (EventDraft{Date: "2017-07-04"}).Event(); fields(ps) != "title" {
		t.Errorf("event without title: problems in %q, want title", fields(ps))
	}
}
