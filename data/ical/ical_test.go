package ical_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"github.com/handelskammaren/ila-desk/assets"
	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/ical"
)

func stockholm(t *testing.T, s string) time.Time {
	t.Helper()
	tm, err := time.ParseInLocation("2006-01-02T15:04", s, data.Stockholm)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

func seedMeetings(t *testing.T) []data.Meeting {
	return []data.Meeting{
		{ID: 1, Key: "meeting-2017-02-22", Title: "Nätverksmöte ILA", Kind: "network",
			Start: stockholm(t, "2017-02-22T09:00"), End: stockholm(t, "2017-02-22T12:00"),
			Description: "Nätverksmöte för medlemmar i ILA-nätverket."},
		{ID: 2, Key: "meeting-2017-05-16", Title: "Nätverksmöte ILA", Kind: "network",
			Start: stockholm(t, "2017-05-16T15:00"), End: stockholm(t, "2017-05-16T17:00"),
			Location: "Handelskammaren, Vasagatan 20A, Västerås",
			Agenda: []data.AgendaItem{
				{Position: 1, Title: "Mälarbanan; kapacitet, punktlighet, godståg"},
				{Position: 2, Title: "Hamnen i Köping", Notes: "Farleden och slussen i Södertälje.\nInvesteringar 2017–2020."},
			}},
	}
}

func opts(now time.Time) ical.Options {
	return ical.Options{
		ArenaName: "Infrastruktur & Logistikarenan (ILA)",
		URL:       "https://www.handelskammarenmalardalen.se/",
		Now:       now,
	}
}

func write(t *testing.T, ms []data.Meeting, o ical.Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := ical.Write(&b, ms, o); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return b.Bytes()
}

func parse(t *testing.T, b []byte) *ics.Calendar {
	t.Helper()
	cal, err := ics.ParseCalendar(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the output does not parse: %v\n%s", err, b)
	}
	return cal
}

func prop(e *ics.VEvent, p ics.ComponentProperty) string {
	if v := e.GetProperty(p); v != nil {
		return v.Value
	}
	return ""
}

func calProp(cal *ics.Calendar, p ics.Property) string {
	for _, cp := range cal.CalendarProperties {
		if cp.IANAToken == string(p) {
			return cp.Value
		}
	}
	return ""
}

func TestWriteGivesStockholmTimesAsUTC(t *testing.T) {
	cal := parse(t, write(t, seedMeetings(t), opts(time.Date(2017, 1, 10, 12, 0, 0, 0, time.UTC))))
	evs := cal.Events()
	if len(evs) != 2 {
		t.Fatalf("got %d events, want 2", len(evs))
	}
	tests := []struct {
		ev         *ics.VEvent
		start, end string
	}{
		{evs[0], "20170222T080000Z", "20170222T110000Z"}, // winter: CET, UTC+1
		{evs[1], "20170516T130000Z", "20170516T150000Z"}, // summer: CEST, UTC+2
	}
	for _, tt := range tests {
		if got := prop(tt.ev, ics.ComponentPropertyDtStart); got != tt.start {
			t.Errorf("DTSTART got %s, want %s", got, tt.start)
		}
		if got := prop(tt.ev, ics.ComponentPropertyDtEnd); got != tt.end {
			t.Errorf("DTEND got %s, want %s", got, tt.end)
		}
	}
	start, err := evs[0].GetStartAt()
	if err != nil || !start.Equal(stockholm(t, "2017-02-22T09:00")) {
		t.Errorf("start read back as %v (%v), want 22 Feb 2017 09:00 Stockholm", start, err)
	}
	start, err = evs[1].GetStartAt()
	if err != nil || !start.Equal(time.Date(2017, 5, 16, 13, 0, 0, 0, time.UTC)) {
		t.Errorf("start read back as %v (%v), want 16 May 2017 13:00Z", start, err)
	}
}

func TestWriteHasTheCalendarProperties(t *testing.T) {
	b := write(t, seedMeetings(t), opts(time.Date(2017, 1, 10, 12, 0, 0, 0, time.UTC)))
	cal := parse(t, b)
	want := map[ics.Property]string{
		ics.PropertyVersion:    "2.0",
		ics.PropertyProductId:  ical.ProductID,
		ics.PropertyCalscale:   "GREGORIAN",
		ics.PropertyMethod:     "PUBLISH",
		ics.PropertyXWRCalName: "Infrastruktur & Logistikarenan (ILA)",
	}
	for p, v := range want {
		if got := calProp(cal, p); got != v {
			t.Errorf("%s got %q, want %q", p, got, v)
		}
	}
	if !bytes.HasPrefix(b, []byte("BEGIN:VCALENDAR\r\n")) || !bytes.HasSuffix(b, []byte("END:VCALENDAR\r\n")) {
		t.Errorf("the file does not begin and end with the VCALENDAR lines:\n%s", b)
	}
	e := cal.Events()[1]
	for p, v := range map[ics.ComponentProperty]string{
		ics.ComponentPropertyUniqueId: "meeting-2017-05-16@ila.handelskammarenmalardalen.se",
		ics.ComponentPropertySummary:  "Nätverksmöte ILA – Infrastruktur & Logistikarenan (ILA)",
		ics.ComponentPropertyLocation: "Handelskammaren, Vasagatan 20A, Västerås",
		ics.ComponentPropertyUrl:      "https://www.handelskammarenmalardalen.se/",
		ics.ComponentPropertyDtstamp:  "20170110T120000Z",
	} {
		if got := prop(e, p); got != v {
			t.Errorf("%s got %q, want %q", p, got, v)
		}
	}
}

func TestWriteUsesCRLFEverywhere(t *testing.T) {
	b := write(t, seedMeetings(t), opts(time.Now()))
	if n, m := bytes.Count(b, []byte("\n")), bytes.Count(b, []byte("\r\n")); n != m {
		t.Errorf("%d line feeds, of which %d after a CR; want all CRLF", n, m)
	}
	if bytes.Contains(bytes.ReplaceAll(b, []byte("\r\n"), nil), []byte("\r")) {
		t.Error("a lone CR in the output")
	}
}

func TestUIDIsStableAcrossExports(t *testing.T) {
	ms := seedMeetings(t)
	a := parse(t, write(t, ms, opts(time.Date(2017, 1, 1, 0, 0, 0, 0, time.UTC)))).Events()
	b := parse(t, write(t, ms, opts(time.Date(2017, 3, 1, 9, 30, 0, 0, time.UTC)))).Events()
	for i := range a {
		if a[i].Id() != b[i].Id() {
			t.Errorf("meeting %d: UID %q in the first export, %q in the second; want the same", i, a[i].Id(), b[i].Id())
		}
		if prop(a[i], ics.ComponentPropertyDtstamp) == prop(b[i], ics.ComponentPropertyDtstamp) {
			t.Errorf("meeting %d: DTSTAMP did not follow Now", i)
		}
	}
	if a[0].Id() == a[1].Id() {
		t.Errorf("two meetings share the UID %q", a[0].Id())
	}
	// The UID hangs on the content key, not the row id, so it survives a
	// content update that renumbers the rows.
	ms[0].ID = 99
	if got, want := ical.UID(ms[0]), a[0].Id(); got != want {
		t.Errorf("UID after a new row id: got %q, want %q", got, want)
	}
}

// TestUnknownPlaceIsSaidInTheUsersLanguage checks that a meeting without a
// place says so in the words the window uses ("Plats meddelas i kallelsen"),
// read from the app's own translation files: the calendar used to say
// "Platsen meddelas senare" where the window said otherwise.
func TestUnknownPlaceIsSaidInTheUsersLanguage(t *testing.T) {
	ms := seedMeetings(t)[:1]
	cal := parse(t, write(t, ms, opts(time.Now())))
	if got, want := prop(cal.Events()[0], ics.ComponentPropertyLocation), "Place to be announced in the invitation"; got != want {
		t.Errorf("English LOCATION got %q, want %q", got, want)
	}
	sv := translations(t, "sv")
	o := opts(time.Now())
	o.Lang = data.Swedish
	o.T = func(msg string, args map[string]any) string {
		if s, ok := sv[msg]; ok {
			msg = s
		}
		return data.Render(msg, args)
	}
	e := parse(t, write(t, ms, o)).Events()[0]
	if got, want := prop(e, ics.ComponentPropertyLocation), "Plats meddelas i kallelsen"; got != want {
		t.Errorf("Swedish LOCATION got %q, want %q, as in the window", got, want)
	}
	if d := prop(e, ics.ComponentPropertyDescription); !strings.Contains(d, "Tid: onsdag 22 februari 2017, 09:00–12:00 (svensk tid)") {
		t.Errorf("Swedish DESCRIPTION has no Swedish time:\n%s", d)
	}
}

func TestDescriptionListsTheAgendaAndSurvivesEscaping(t *testing.T) {
	b := write(t, seedMeetings(t), opts(time.Now()))
	if !bytes.Contains(unfold(b), []byte(`1. Mälarbanan\; kapacitet\, punktlighet\, godståg\n2. Hamnen i Köping\n`)) {
		t.Errorf("the agenda is not escaped as RFC 5545 TEXT:\n%s", unfold(b))
	}
	d := prop(parse(t, b).Events()[1], ics.ComponentPropertyDescription)
	want := "Agenda:\n1. Mälarbanan; kapacitet, punktlighet, godståg\n2. Hamnen i Köping\n   Farleden och slussen i Södertälje.\n   Investeringar 2017–2020.\n\n" +
		"Time: Tuesday 16 May 2017, 15:00–17:00 (Swedish time)\n\nMore about the arena: https://www.handelskammarenmalardalen.se/"
	if d != want {
		t.Errorf("DESCRIPTION read back as\n%q\nwant\n%q", d, want)
	}
}

func TestControlCharactersDoNotBreakTheFile(t *testing.T) {
	ms := seedMeetings(t)[:1]
	ms[0].Title = "Möte\r\nBEGIN:VEVENT"
	ms[0].Location = "Sal\x00 1\r\nX"
	ms[0].Description = "rad ett\r\nrad två\rrad tre"
	b := write(t, ms, opts(time.Now()))
	cal := parse(t, b)
	if n := len(cal.Events()); n != 1 {
		t.Fatalf("got %d events, want 1:\n%s", n, b)
	}
	e := cal.Events()[0]
	if got := prop(e, ics.ComponentPropertyLocation); got != "Sal 1 X" {
		t.Errorf("LOCATION got %q, want %q", got, "Sal 1 X")
	}
	if got := prop(e, ics.ComponentPropertyDescription); !strings.HasPrefix(got, "rad ett\nrad två\nrad tre\n") {
		t.Errorf("DESCRIPTION got %q", got)
	}
}

func TestLongSwedishTextIsFoldedOnCharacterBoundaries(t *testing.T) {
	ms := seedMeetings(t)[1:]
	long := strings.Repeat("Åtgärdsvalsstudie för godsflöden på Mälarbanan och E18 vid hamnen i Köping; ", 6)
	ms[0].Description = long + "\n" + strings.Repeat("åäö", 60) // no spaces: must be cut inside the word
	ms[0].Agenda = append(ms[0].Agenda, data.AgendaItem{Position: 3, Title: strings.Repeat("Länstransportplanen ", 8)})
	b := write(t, ms, opts(time.Now()))
	lines := strings.Split(strings.TrimSuffix(string(b), "\r\n"), "\r\n")
	folded := 0
	for i, l := range lines {
		if len(l) > 75 {
			t.Errorf("line %d has %d octets, want ≤ 75: %q", i+1, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d is not valid UTF-8 (a character was split): %q", i+1, l)
		}
		if strings.HasPrefix(l, " ") {
			folded++
		}
	}
	if folded < 10 {
		t.Errorf("only %d continuation lines; the long text was not folded", folded)
	}
	d := prop(parse(t, b).Events()[0], ics.ComponentPropertyDescription)
	if !strings.HasPrefix(d, strings.TrimSpace(long)+"\n"+strings.Repeat("åäö", 60)+"\n\n") {
		t.Errorf("DESCRIPTION did not survive folding:\n%q", d)
	}
}

func TestOrganizerIsWrittenWhenItHasAnAddress(t *testing.T) {
	o := opts(time.Now())
	o.Organizer = &ical.Organizer{Name: "Handelskammaren Mälardalen", Email: "thor-bjorn@handelskammarenmalardalen.se"}
	e := parse(t, write(t, seedMeetings(t), o)).Events()[0]
	p := e.GetProperty(ics.ComponentPropertyOrganizer)
	if p == nil || p.Value != "mailto:thor-bjorn@handelskammarenmalardalen.se" {
		t.Fatalf("ORGANIZER got %+v", p)
	}
	if cn := p.ICalParameters["CN"]; len(cn) != 1 || cn[0] != "Handelskammaren Mälardalen" {
		t.Errorf("ORGANIZER CN got %v", cn)
	}
	o.Organizer = &ical.Organizer{Name: "Utan adress"}
	if e := parse(t, write(t, seedMeetings(t), o)).Events()[0]; e.GetProperty(ics.ComponentPropertyOrganizer) != nil {
		t.Error("ORGANIZER written without an address")
	}
}

func TestNoMeetingsIsAnEmptyCalendar(t *testing.T) {
	cal := parse(t, write(t, nil, opts(time.Now())))
	if n := len(cal.Events()); n != 0 {
		t.Errorf("got %d events, want 0", n)
	}
}

// translations merges every translation file of lang, as the app does.
func translations(t *testing.T, lang string) map[string]string {
	t.Helper()
	files, err := fs.Glob(assets.Translations, assets.TranslationsDir+"/*."+lang+".json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no %s translations: %v", lang, err)
	}
	m := map[string]string{}
	for _, f := range files {
		b, err := assets.Translations.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
	return m
}

// unfold undoes RFC 5545 line folding.
func unfold(b []byte) []byte {
	return bytes.ReplaceAll(b, []byte("\r\n "), nil)
}
