package data

import (
	"net/mail"
	"strconv"
	"strings"
	"time"
)

// Field names of the coordinator's forms for arena content, as the keys of
// the Problems that the Validate methods return. The UI puts each message next
// to the widget of its field.
const (
	FieldArenaTitle = "title"
	FieldArenaDate  = "date"
	FieldArenaStart = "start" // a time "HH:MM"
	FieldArenaEnd   = "end"   // a time "HH:MM"
	FieldArenaName  = "name"
	FieldArenaEmail = "email"

	FieldArenaKind        = "kind"
	FieldArenaLocation    = "location"
	FieldArenaDescription = "description"
	FieldArenaText        = "text"    // a protocol's text
	FieldArenaCity        = "city"    // an event's city
	FieldArenaSummary     = "summary" // an event's short description
	FieldArenaRole        = "role"
	FieldArenaPhone       = "phone"
	FieldArenaAgenda      = "agenda" // the number of agenda items
)

// AgendaNotesField is the field name of the notes of agenda item i (from 0):
// "agenda[2].notes".
func AgendaNotesField(i int) string { return AgendaField(i) + ".notes" }

// checkLengths adds to ps a problem for every form field longer than its
// limit in Limits. fields maps a form's field name to the content file's
// name of the same field (its key in Limits) and the value typed. A field
// with a problem already keeps it.
func checkLengths(ps Problems, fields [][3]string) {
	for _, f := range fields {
		form, limit, v := f[0], f[1], f[2]
		if _, ok := ps[form]; ok {
			continue
		}
		if p := CheckText(limit, v); p != nil {
			ps[form] = p
		}
	}
}

// AgendaField is the field name of the title of agenda item i (from 0):
// "agenda[2]".
func AgendaField(i int) string { return "agenda[" + strconv.Itoa(i) + "]" }

// Problems maps a field name to what is wrong with it; empty when all is well.
type Problems map[string]*Problem

// Messages of the arena content forms; each is a translation key in
// assets/translations/arena.*.json.
const (
	msgArenaTitle    = "Enter a title."
	msgArenaName     = "Enter a name."
	msgArenaDate     = "Write the date as YYYY-MM-DD, for example 2017-02-22."
	msgArenaTime     = "Write the time as HH:MM, for example 09:00."
	msgArenaEndFirst = "The meeting ends before it starts. Make the end later than the start."
	msgArenaEmail    = "This is not an e-mail address. Write it like name@example.se, or leave the field empty."
	msgAgendaTitle   = "Give the agenda item a title, or remove it."
)

// Date and time layouts of the forms.
const (
	FormDateLayout = "2006-01-02"
	FormTimeLayout = "15:04"
)

// MeetingDraft is a meeting as the coordinator types it in a form.
type MeetingDraft struct {
	Title, Kind      string
	Date, Start, End string // "2017-02-22", "09:00", "12:00"
	Location         string
	Description      string
	Agenda           []AgendaItem
}

// DraftOfMeeting fills a form from a meeting.
func DraftOfMeeting(m Meeting) MeetingDraft {
	s, e := m.Start.In(Stockholm), m.End.In(Stockholm)
	return MeetingDraft{Title: m.Title, Kind: m.Kind, Date: s.Format(FormDateLayout), Start: s.Format(FormTimeLayout),
		End: e.Format(FormTimeLayout), Location: m.Location, Description: m.Description, Agenda: append([]AgendaItem(nil), m.Agenda...)}
}

// Validate checks every field of the form.
func (d MeetingDraft) Validate() Problems {
	_, ps := d.Meeting()
	return ps
}

// titleAndDate checks the title and the date every dated form has, and
// returns the problems found (an empty map when none) and the date.
func titleAndDate(title, date string) (Problems, time.Time) {
	ps := Problems{}
	if strings.TrimSpace(title) == "" {
		ps[FieldArenaTitle] = NewProblem(msgArenaTitle, nil)
	}
	day, err := time.ParseInLocation(FormDateLayout, strings.TrimSpace(date), Stockholm)
	if err != nil {
		ps[FieldArenaDate] = NewProblem(msgArenaDate, nil)
	}
	return ps, day
}

// Meeting reads the form into a meeting (without ID, key and origin); when a
// field is wrong it returns the problems instead.
func (d MeetingDraft) Meeting() (Meeting, Problems) {
	ps, day := titleAndDate(d.Title, d.Date)
	start, startOK := parseClock(d.Start)
	if !startOK {
		ps[FieldArenaStart] = NewProblem(msgArenaTime, nil)
	}
	end, endOK := parseClock(d.End)
	if !endOK {
		ps[FieldArenaEnd] = NewProblem(msgArenaTime, nil)
	}
	if startOK && endOK && end <= start {
		ps[FieldArenaEnd] = NewProblem(msgArenaEndFirst, nil)
	}
	for i, it := range d.Agenda {
		if strings.TrimSpace(it.Title) == "" {
			ps[AgendaField(i)] = NewProblem(msgAgendaTitle, nil)
		}
	}
	checkLengths(ps, [][3]string{{FieldArenaTitle, "meetings.title", d.Title}, {FieldArenaKind, "meetings.kind", d.Kind},
		{FieldArenaLocation, "meetings.location", d.Location}, {FieldArenaDescription, "meetings.description", d.Description}})
	if p := CheckItems("meetings.agenda", len(d.Agenda)); p != nil {
		ps[FieldArenaAgenda] = p
	}
	for i, it := range d.Agenda {
		checkLengths(ps, [][3]string{{AgendaField(i), "meetings.agenda.title", it.Title}, {AgendaNotesField(i), "meetings.agenda.notes", it.Notes}})
	}
	if len(ps) > 0 {
		return Meeting{}, ps
	}
	at := func(minutes int) time.Time {
		return time.Date(day.Year(), day.Month(), day.Day(), minutes/60, minutes%60, 0, 0, Stockholm)
	}
	m := Meeting{Title: strings.TrimSpace(d.Title), Kind: strings.TrimSpace(d.Kind), Start: at(start), End: at(end),
		Location: strings.TrimSpace(d.Location), Description: d.Description}
	if m.Kind == "" {
		m.Kind = "network"
	}
	for i, it := range d.Agenda {
		m.Agenda = append(m.Agenda, AgendaItem{Position: i, Title: strings.TrimSpace(it.Title), Notes: it.Notes})
	}
	return m, nil
}

// parseClock reads "HH:MM" (or "H:MM") as minutes after midnight.
func parseClock(s string) (int, bool) {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		return 0, false
	}
	return t.Hour()*60 + t.Minute(), true
}

// ProtocolDraft is a protocol entry as the coordinator types it.
type ProtocolDraft struct {
	Title, Kind, Date string
	Text              string
	MeetingKey        string
}

// DraftOfProtocol fills a form from a protocol entry.
func DraftOfProtocol(p Protocol) ProtocolDraft {
	return ProtocolDraft{Title: p.Title, Kind: p.Kind, Date: p.Date.In(Stockholm).Format(FormDateLayout), Text: p.Text, MeetingKey: p.MeetingKey}
}

// Protocol reads the form into a protocol entry (without ID, key and origin).
func (d ProtocolDraft) Protocol() (Protocol, Problems) {
	ps, day := titleAndDate(d.Title, d.Date)
	checkLengths(ps, [][3]string{{FieldArenaTitle, "protocols.title", d.Title}, {FieldArenaKind, "protocols.kind", d.Kind},
		{FieldArenaText, "protocols.text", d.Text}})
	if len(ps) > 0 {
		return Protocol{}, ps
	}
	p := Protocol{Title: strings.TrimSpace(d.Title), Kind: strings.TrimSpace(d.Kind), Date: day, Text: d.Text, MeetingKey: d.MeetingKey}
	if p.Kind == "" {
		p.Kind = "minutes"
	}
	return p, nil
}

// EventDraft is one of the chamber's events as the coordinator types it.
type EventDraft struct {
	Title, Date, Summary, City string
}

// DraftOfEvent fills a form from an event.
func DraftOfEvent(e Event) EventDraft {
	return EventDraft{Title: e.Title, Date: e.Date.In(Stockholm).Format(FormDateLayout), Summary: e.Summary, City: e.City}
}

// Event reads the form into an event (without ID, key and origin).
func (d EventDraft) Event() (Event, Problems) {
	ps, day := titleAndDate(d.Title, d.Date)
	checkLengths(ps, [][3]string{{FieldArenaTitle, "events.title", d.Title}, {FieldArenaSummary, "events.summary", d.Summary},
		{FieldArenaCity, "events.city", d.City}})
	if len(ps) > 0 {
		return Event{}, ps
	}
	return Event{Title: strings.TrimSpace(d.Title), Date: day, Summary: strings.TrimSpace(d.Summary), City: strings.TrimSpace(d.City)}, nil
}

// ContactDraft is a person at the chamber as the coordinator types them.
type ContactDraft struct {
	Name, Role, Email, Phone string
}

// DraftOfContact fills a form from a contact.
func DraftOfContact(c Contact) ContactDraft {
	return ContactDraft{Name: c.Name, Role: c.Role, Email: c.Email, Phone: c.Phone}
}

// Contact reads the form into a contact (without ID, key, position and origin).
func (d ContactDraft) Contact() (Contact, Problems) {
	ps := Problems{}
	if strings.TrimSpace(d.Name) == "" {
		ps[FieldArenaName] = NewProblem(msgArenaName, nil)
	}
	checkLengths(ps, [][3]string{{FieldArenaName, "contacts.name", d.Name}, {FieldArenaRole, "contacts.role", d.Role},
		{FieldArenaEmail, "contacts.email", d.Email}, {FieldArenaPhone, "contacts.phone", d.Phone}})
	email := strings.TrimSpace(d.Email)
	if _, long := ps[FieldArenaEmail]; email != "" && !long {
		// The same rule as the content file's: a bare address, nothing around it.
		if a, err := mail.ParseAddress(email); err != nil || a.Address != email || !strings.Contains(a.Address, ".") {
			ps[FieldArenaEmail] = NewProblem(msgArenaEmail, nil)
		}
	}
	if len(ps) > 0 {
		return Contact{}, ps
	}
	return Contact{Name: strings.TrimSpace(d.Name), Role: strings.TrimSpace(d.Role), Email: email, Phone: strings.TrimSpace(d.Phone)}, nil
}
