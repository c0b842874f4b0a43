// Package ical writes the arena's meetings as an iCalendar file (RFC 5545)
// that Outlook, Google Calendar and Apple Calendar import: one VEVENT per
// meeting, with a UID that stays the same across exports so that importing a
// newer file updates the events instead of duplicating them.
//
// Times are written in UTC ("20170222T080000Z"), not as TZID=Europe/Stockholm
// local times with a VTIMEZONE. The store keeps each meeting as an instant,
// so UTC is an exact copy of it; every client reads UTC the same way and shows
// it in the user's own zone. A TZID form is only as right as the VTIMEZONE we
// would have to write by hand: Outlook uses the embedded rules verbatim while
// Google ignores them and looks the name up itself, so a mistake there shows
// up in one program and not another. The Stockholm wall-clock time is still
// written in the description for people reading the event elsewhere.
package ical

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"

	ics "github.com/arran4/golang-ical"

	"github.com/handelskammaren/ila-desk/data"
)

// UIDDomain is the right-hand side of every event's UID. It names the
// chamber, so UIDs do not collide with other calendars' events.
const UIDDomain = "ila.handelskammarenmalardalen.se"

// ProductID is the calendar's PRODID.
const ProductID = "-//Handelskammaren Mälardalen//ILA Desk//SV"

// MIMEType is the media type of the files Write produces.
const MIMEType = "text/calendar; charset=utf-8"

// Organizer is who arranges the meetings; written as ORGANIZER when Email is set.
type Organizer struct {
	Name  string
	Email string
}

// Options says how to write the calendar.
type Options struct {
	ArenaName string // in every SUMMARY and as the calendar's name
	URL       string // the chamber's page for the arena (data.Arena.URL)
	Now       time.Time
	Organizer *Organizer // optional

	// T translates the labels in the file (see locale.T); nil means English.
	T func(msg string, args map[string]any) string
	// Lang is the language T speaks; it sets how dates are written.
	Lang data.Language
}

func (o Options) translate(msg string, args map[string]any) string {
	if o.T == nil {
		return data.Render(msg, args)
	}
	return o.T(msg, args)
}

// UID is the calendar UID of the meeting: its content key at UIDDomain, so
// the same meeting has the same UID in every export.
func UID(m data.Meeting) string {
	key := m.Key
	if key == "" {
		key = "meeting-id-" + strconv.FormatInt(m.ID, 10)
	}
	return key + "@" + UIDDomain
}

// Write writes ms as an iCalendar file with CRLF line endings.
func Write(w io.Writer, ms []data.Meeting, opt Options) error {
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	cal := ics.NewCalendarFor("Handelskammaren Mälardalen")
	cal.SetProductId(ProductID)
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ics.MethodPublish)
	if name := clean(opt.ArenaName); name != "" {
		cal.SetXWRCalName(name)
	}
	for _, m := range ms {
		cal.AddVEvent(event(m, opt))
	}
	// The library escapes TEXT values and folds lines at 75 octets on rune
	// boundaries (never inside "å"); the tests hold it to both.
	var buf bytes.Buffer
	if err := cal.SerializeTo(&buf, ics.WithNewLineWindows); err != nil {
		return fmt.Errorf("write calendar: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write calendar: %w", err)
	}
	return nil
}

func event(m data.Meeting, opt Options) *ics.VEvent {
	T := opt.translate
	e := ics.NewEvent(UID(m))
	e.SetDtStampTime(opt.Now.UTC())
	e.SetStartAt(m.Start)
	e.SetEndAt(m.End)
	e.SetSummary(summary(m.Title, opt.ArenaName))

	place := clean(m.Location)
	if place == "" {
		place = T("Place to be announced in the invitation", nil) // as the window says it
	}
	e.SetLocation(place)
	e.SetDescription(description(m, opt))
	if u := strings.TrimSpace(opt.URL); u != "" {
		e.SetURL(u)
	}
	if o := opt.Organizer; o != nil && strings.TrimSpace(o.Email) != "" {
		var params []ics.PropertyParameter
		if n := clean(o.Name); n != "" {
			params = append(params, ics.WithCN(n))
		}
		e.SetOrganizer("mailto:"+strings.TrimSpace(o.Email), params...)
	}
	return e
}

// summary is the meeting's title with the arena's name, unless the title
// already names it.
func summary(title, arena string) string {
	title, arena = clean(title), clean(arena)
	switch {
	case arena == "" || strings.Contains(title, arena):
		return title
	case title == "":
		return arena
	}
	return title + " – " + arena
}

// description is what the event's notes show: the meeting's description, the
// numbered agenda, the time in Stockholm and the arena's page.
func description(m data.Meeting, opt Options) string {
	T := opt.translate
	var parts []string
	if d := cleanText(m.Description); d != "" {
		parts = append(parts, d)
	}
	if len(m.Agenda) > 0 {
		var b strings.Builder
		b.WriteString(T("Agenda:", nil))
		for i, it := range m.Agenda {
			fmt.Fprintf(&b, "\n%d. %s", i+1, clean(it.Title))
			if n := cleanText(it.Notes); n != "" {
				b.WriteString("\n   " + strings.ReplaceAll(n, "\n", "\n   "))
			}
		}
		parts = append(parts, b.String())
	}
	parts = append(parts, T("Time: {{.Span}} (Swedish time)", map[string]any{"Span": data.FormatSpan(m.Start, m.End, lang(opt.Lang))}))
	if u := strings.TrimSpace(opt.URL); u != "" {
		parts = append(parts, T("More about the arena: {{.URL}}", map[string]any{"URL": u}))
	}
	return strings.Join(parts, "\n\n")
}

func lang(l data.Language) data.Language {
	if l == data.Swedish {
		return data.Swedish
	}
	return data.English
}

// clean makes s one line: control characters become spaces, runs of
// space one space. RFC 5545 allows no control characters in text.
func clean(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r)
	}), " ")
}

// cleanText keeps the line breaks of s (as LF, which the library writes as
// "\n") and cleans each line.
func cleanText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = clean(l)
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}
