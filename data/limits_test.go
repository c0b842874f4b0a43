package data_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/handelskammaren/ila-desk/data"
)

// The example of issue 9, word for word in both languages.
func TestOverLongDeficiencySaysHowLongAndWhatToDo(t *testing.T) {
	s := complete()
	s.Deficiency = strings.Repeat("x", 60_000)
	var got *data.Problem
	for _, p := range data.ValidateSubmission(s) {
		if p.Field == data.FieldDeficiency {
			got = p.Problem
		}
	}
	if got == nil {
		t.Fatal("got no problem for a 60 000-character deficiency, want one")
	}
	if !errors.Is(got, data.ErrTooLong) {
		t.Errorf("got cause %v, want ErrTooLong", got.Err)
	}
	en := "Deficiency may be at most 20\u00a0000 characters; the text is 60\u00a0000. Shorten it or attach the rest as a file."
	if got.English() != en {
		t.Errorf("got %q, want %q", got.English(), en)
	}
	sv := readSubmissionTranslations(t, "sv")
	args := map[string]any{}
	for k, v := range got.Args {
		if p, ok := v.(data.Phrase); ok {
			v = sv[string(p)]
		}
		args[k] = v
	}
	want := "Brist får vara högst 20\u00a0000 tecken; texten är 60\u00a0000. Korta den eller lägg resten som bilaga."
	if s := data.Render(sv[got.Msg], args); s != want {
		t.Errorf("Swedish: got %q, want %q", s, want)
	}
}

// Every text field of a submission is refused one character past its
// limit, and accepted at it, counted in characters, not bytes.
func TestEveryTextFieldOfASubmissionHasItsLimit(t *testing.T) {
	fields := map[string]func(s *data.Submission, v string){
		data.FieldTitle:               func(s *data.Submission, v string) { s.Title = v },
		data.FieldObject:              func(s *data.Submission, v string) { s.Object = v },
		data.FieldRoadRef:             func(s *data.Submission, v string) { s.RoadRef = v },
		data.FieldPlace:               func(s *data.Submission, v string) { s.Place = v },
		data.FieldDeficiency:          func(s *data.Submission, v string) { s.Deficiency = v },
		data.FieldDeficiencySince:     func(s *data.Submission, v string) { s.DeficiencySince = v },
		data.FieldDeficiencyFreq:      func(s *data.Submission, v string) { s.DeficiencyFreq = v },
		data.FieldImpact:              func(s *data.Submission, v string) { s.Impact = v },
		data.MeasureField(1, "text"):  func(s *data.Submission, v string) { s.Measures[1].Text = v },
		data.FieldAVSRef:              func(s *data.Submission, v string) { s.AVSRef = v },
		data.FieldMeetingKey:          func(s *data.Submission, v string) { s.MeetingKey = v },
		data.FieldCompany:             func(s *data.Submission, v string) { s.Company = v },
		data.FieldContactPerson:       func(s *data.Submission, v string) { s.ContactPerson = v },
		data.FieldContactPhone:        func(s *data.Submission, v string) { s.ContactPhone = v },
		data.FieldCoSigners:           func(s *data.Submission, v string) { s.CoSigners = []string{"Köpings Hamn AB", v} },
		data.TrailField(0, "comment"): func(s *data.Submission, v string) { s.Trail[0].Comment = v },
		data.AttachmentField(0, "name"): func(s *data.Submission, v string) {
			s.Attachments[0].Name = v
		},
		data.AttachmentField(0, "caption"): func(s *data.Submission, v string) { s.Attachments[0].Caption = v },
	}
	for field, set := range fields {
		t.Run(field, func(t *testing.T) {
			max := data.Limit(field).Chars
			if _, ok := data.Limits[regexp.MustCompile(`\[\d+\]`).ReplaceAllString(field, "")]; !ok || max <= 0 {
				t.Fatalf("got limit %d, want one of its own in data.Limits", max)
			}
			base := func() data.Submission {
				s := complete()
				s.Trail = []data.StatusChange{{Status: data.StatusDraft}}
				s.Attachments = []data.Attachment{{Name: "a.jpg"}}
				return s
			}
			at := base()
			set(&at, strings.Repeat("ö", max)) // two bytes each
			if ps := problemsOf(data.ValidateSubmission(at), field); len(ps) > 0 {
				t.Errorf("at the limit (%d characters): got %v, want no problem", max, ps[0].Problem)
			}
			over := base()
			set(&over, strings.Repeat("ö", max+1))
			ps := problemsOf(data.ValidateSubmission(over), field)
			if len(ps) != 1 || !errors.Is(ps[0].Problem, data.ErrTooLong) {
				t.Fatalf("one past the limit: got %v, want one ErrTooLong problem for %s", ps, field)
			}
			if got := ps[0].Problem.Args["Limit"]; got != max {
				t.Errorf("got limit %v in the problem, want %d", got, max)
			}
			if label := ps[0].Problem.Args["Field"]; label == data.Phrase(field) {
				t.Errorf("the problem names the field %q, want its label", field)
			}
		})
	}
}

func problemsOf(ps []data.FieldProblem, field string) []data.FieldProblem {
	var out []data.FieldProblem
	for _, p := range ps {
		if p.Field == field {
			out = append(out, p)
		}
	}
	return out
}

func TestListsHaveAMostNumberOfEntries(t *testing.T) {
	s := complete()
	for range data.Limit(data.FieldMeasures).Items {
		s.Measures = append(s.Measures, data.Measure{Text: "Skylta om", Step: data.StepRethink})
	}
	for range data.Limit(data.FieldCoSigners).Items + 1 {
		s.CoSigners = append(s.CoSigners, "AB")
	}
	got := map[string]bool{}
	for _, p := range data.ValidateSubmission(s) {
		if errors.Is(p.Problem, data.ErrTooLong) {
			got[p.Field] = true
		}
	}
	if !got[data.FieldMeasures] || !got[data.FieldCoSigners] || len(got) != 2 {
		t.Errorf("got too-many problems for %v, want measures and cosigners", got)
	}
}

func TestLimitIgnoresIndices(t *testing.T) {
	for field, want := range map[string]string{
		"measures[12].text":           "measures.text",
		"meetings[0].agenda[3].notes": "meetings.agenda.notes",
		"trail[2].comment":            "trail.comment",
		"cosigners[7]":                "cosigners",
	} {
		if got, w := data.Limit(field), data.Limits[want]; got != w {
			t.Errorf("Limit(%q) = %+v, want that of %s, %+v", field, got, want, w)
		}
	}
	if got := data.Limit("no such field"); got != data.DefaultLimit {
		t.Errorf("got %+v for an unknown field, want DefaultLimit", got)
	}
}

// Every field a limit problem can name has a label a person reads.
func TestEveryLimitedFormFieldHasALabel(t *testing.T) {
	for field := range data.Limits {
		if strings.HasPrefix(field, "arena.") || strings.HasSuffix(field, ".key") || strings.HasPrefix(field, "offices") ||
			strings.HasPrefix(field, "focus_areas") || strings.HasPrefix(field, "activities") || strings.HasSuffix(field, "meeting_key") ||
			!strings.Contains(field, ".") && strings.HasSuffix(field, "s") && field != data.FieldCoSigners && field != data.FieldMeasures && field != data.FieldAttachments {
			continue // only the content file has these; it names them by their path
		}
		if data.FieldLabel(field) == field {
			t.Errorf("field %q has a limit but no label", field)
		}
	}
}

func TestCompanyProfileFieldsHaveLimits(t *testing.T) {
	c := data.Company{Name: strings.Repeat("A", 201), OrgNumber: strings.Repeat("5", 21), ContactPerson: strings.Repeat("E", 201),
		Email: strings.Repeat("e", 250) + "@x.se", Phone: strings.Repeat("0", 51)}
	got := map[string]bool{}
	for _, p := range data.ValidateCompany(c) {
		if !errors.Is(p.Problem, data.ErrTooLong) {
			t.Errorf("%s: got %q, want only the length problem", p.Field, p.Problem.English())
		}
		got[p.Field] = true
	}
	for _, f := range []string{data.FieldCompanyName, data.FieldCompanyOrg, data.FieldCompanyContact, data.FieldCompanyEmail, data.FieldCompanyPhone} {
		if !got[f] {
			t.Errorf("no length problem for %s", f)
		}
	}
}

func TestArenaFormsRefuseOverLongFields(t *testing.T) {
	long := func(key string) string { return strings.Repeat("x", data.Limit(key).Chars+1) }
	m := data.MeetingDraft{Title: "Möte", Date: "2017-02-22", Start: "09:00", End: "12:00", Location: long("meetings.location"),
		Description: long("meetings.description"), Agenda: []data.AgendaItem{{Title: "Hamnarna", Notes: long("meetings.agenda.notes")}}}
	ps := m.Validate()
	for _, f := range []string{data.FieldArenaLocation, data.FieldArenaDescription, data.AgendaNotesField(0)} {
		if p := ps[f]; p == nil || !errors.Is(p, data.ErrTooLong) {
			t.Errorf("meeting %s: got %v, want a length problem", f, p)
		}
	}
	if _, ps := (data.ProtocolDraft{Title: "P", Date: "2017-02-22", Text: long("protocols.text")}).Protocol(); ps[data.FieldArenaText] == nil {
		t.Error("protocol text: got no problem, want a length problem")
	}
	if _, ps := (data.EventDraft{Title: "E", Date: "2017-02-22", Summary: long("events.summary")}).Event(); ps[data.FieldArenaSummary] == nil {
		t.Error("event summary: got no problem, want a length problem")
	}
	if _, ps := (data.ContactDraft{Name: "N", Role: long("contacts.role")}).Contact(); ps[data.FieldArenaRole] == nil {
		t.Error("contact role: got no problem, want a length problem")
	}
}

func TestExcerptCutsLongQuotes(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"Kort", 10, "Kort"},
		{"Plankorsning i Kolbäck", 13, "Plankorsning…"},
		{strings.Repeat("ö", 100), 3, "ööö…"},
	} {
		if got := data.Excerpt(tc.in, tc.n); got != tc.want {
			t.Errorf("Excerpt(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}

func TestGroupDigits(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1\u00a0000", 20000: "20\u00a0000", 1234567: "1\u00a0234\u00a0567", -4500: "-4\u00a0500"} {
		if got := data.GroupDigits(n); got != want {
			t.Errorf("GroupDigits(%d) = %q, want %q", n, got, want)
		}
	}
}
