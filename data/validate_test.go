package data_test

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"testing"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/geo"
)

// complete is a submission with every field filled correctly.
func complete() data.Submission {
	return data.Submission{
		Title:         "Plankorsningen i Kolbäck stoppar lastbilarna",
		Object:        "Plankorsning väg 252/Mälarbanan, Kolbäck",
		Modes:         []data.Mode{data.ModeRoad, data.ModeRail},
		Municipality:  "Hallstahammar",
		RoadRef:       "Mälarbanan",
		Place:         "Korsningen söder om stationen",
		Point:         &geo.Point{Lat: 59.5636, Lon: 16.2431},
		Deficiency:    "Bommarna är nere upp till 40 minuter per timme i rusningstid.",
		Flows:         data.Flows{data.FlowTrucksDay: 140, data.FlowEmployees: 0},
		Consequences:  []data.Consequence{data.ConsTime, data.ConsReliability},
		Impact:        "Leveranser till Köpings hamn missar fartygen.",
		Measures:      []data.Measure{{Text: "Samordna bomfällning med tidtabellen", Step: data.StepOptimise}, {Text: "Planskild korsning", Step: data.StepBuildNew}},
		CostClass:     data.CostOver50,
		Priority:      data.PriorityHigh,
		Urgency:       data.UrgencyYear,
		MeetingKey:    "meeting-2017-09-13",
		Company:       "Mälarfrakt AB",
		ContactPerson: "Eva Lind",
		ContactEmail:  "eva.lind@malarfrakt.se",
		Status:        data.StatusDraft,
	}
}

func TestValidateSubmission(t *testing.T) {
	type want struct{ field, msg string }
	tests := []struct {
		name   string
		change func(s *data.Submission)
		want   []want
	}{
		{"complete", func(s *data.Submission) {}, nil},
		{"empty status is a new draft", func(s *data.Submission) { s.Status = "" }, nil},
		{"empty optional fields", func(s *data.Submission) {
			s.Municipality, s.CostClass, s.Urgency, s.Priority, s.ContactEmail = "", "", "", 0, ""
			s.Modes, s.Flows, s.Measures, s.Consequences = nil, nil, nil, nil
		}, nil},
		{"outside the county", func(s *data.Submission) { s.Municipality = data.OutsideCounty }, nil},
		{"title and object blank", func(s *data.Submission) { s.Title, s.Object = "  ", "" }, []want{
			{"title", "The title is missing."},
			{"object", "The object is missing; name the junction, road section, quay or crossing."},
		}},
		{"unknown municipality", func(s *data.Submission) { s.Municipality = "Eskilstuna" }, []want{
			{"municipality", "\"{{.Value}}\" is not a municipality in Västmanland. Choose one from the list, or \"outside the county\"."},
		}},
		{"lower-case municipality", func(s *data.Submission) { s.Municipality = "köping" }, []want{
			{"municipality", "\"{{.Value}}\" is not a municipality in Västmanland. Choose one from the list, or \"outside the county\"."},
		}},
		{"unknown mode", func(s *data.Submission) { s.Modes = []data.Mode{"road", "bus"} }, []want{
			{"modes", "Unknown transport mode \"{{.Value}}\". Choose road, rail, shipping/port, aviation or intermodal."},
		}},
		{"bad flows", func(s *data.Submission) {
			s.Flows = data.Flows{data.FlowTonnesYear: -1, data.FlowTrucksDay: math.NaN(), data.FlowTrainsWeek: math.Inf(1),
				data.FlowTEUYear: 1e9, data.FlowEmployees: 999_999_999, "pallets": 3}
		}, []want{
			{"flows.tonnes_year", "The number must be zero or more."},
			{"flows.trucks_day", "This is not a number. Write digits only, e.g. 12000."},
			{"flows.trains_week", "This is not a number. Write digits only, e.g. 12000."},
			{"flows.teu_year", "The number is too large (at most 999 999 999). Check it for extra digits."},
			{"flows.pallets", "Unknown kind of flow \"{{.Value}}\". Remove it and enter the number under one of the listed kinds."},
		}},
		{"bad measures", func(s *data.Submission) {
			s.Measures = []data.Measure{{Text: "Ok", Step: 1}, {Text: " ", Step: 2}, {Text: "Ny bro", Step: 0}, {Text: "", Step: 5}}
		}, []want{
			{"measures[1].text", "Describe the measure, or remove it."},
			{"measures[2].step", "Choose which step of the four-step principle the measure belongs to (1–4)."},
			{"measures[3].text", "Describe the measure, or remove it."},
			{"measures[3].step", "Choose which step of the four-step principle the measure belongs to (1–4)."},
		}},
		{"bad e-mail", func(s *data.Submission) { s.ContactEmail = "eva.lind@malarfrakt" }, []want{
			{"contact_email", "The e-mail address \"{{.Value}}\" does not look right. Write it as name@company.se."},
		}},
		{"e-mail with a display name", func(s *data.Submission) { s.ContactEmail = "Eva <eva@malarfrakt.se>" }, []want{
			{"contact_email", "The e-mail address \"{{.Value}}\" does not look right. Write it as name@company.se."},
		}},
		{"unknown enumerations", func(s *data.Submission) {
			s.CostClass, s.Priority, s.Urgency, s.Status = "cheap", 7, "yesterday", "lost"
			s.Consequences = []data.Consequence{"noise"}
		}, []want{
			{"consequences", "Unknown consequence \"{{.Value}}\". Choose one from the list."},
			{"cost_class", "Unknown cost class \"{{.Value}}\". Choose under 50 MSEK, 50 MSEK or more, or unknown."},
			{"priority", "Unknown priority {{.Value}}. Choose high, medium or low."},
			{"urgency", "Unknown urgency \"{{.Value}}\". Choose one from the list."},
			{"status", "Unknown status \"{{.Value}}\". Choose one from the list."},
		}},
		{"point out of range", func(s *data.Submission) { s.Point.Lat = 95 }, []want{
			{"point", "The coordinates of the point are out of range. Paste them again."},
		}},
		{"NaN point", func(s *data.Submission) { s.Point.Lon = math.NaN() }, []want{
			{"point", "The coordinates of the point are out of range. Paste them again."},
		}},
		{"point ignored without HasPoint", func(s *data.Submission) { s.Point = nil }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := complete()
			tt.change(&s)
			before := s
			var got []want
			for _, p := range data.ValidateSubmission(s) {
				got = append(got, want{p.Field, p.Problem.Msg})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q,\nwant %q", got, tt.want)
			}
			if fmt.Sprintf("%#v", before) != fmt.Sprintf("%#v", s) { // not DeepEqual: NaN != NaN
				t.Error("ValidateSubmission changed the submission")
			}
		})
	}
}

func TestValidateSubmissionNamesTheValue(t *testing.T) {
	s := complete()
	s.Municipality = "Eskilstuna"
	ps := data.ValidateSubmission(s)
	if len(ps) != 1 || ps[0].Problem.English() != "\"Eskilstuna\" is not a municipality in Västmanland. Choose one from the list, or \"outside the county\"." {
		t.Errorf("got %v, want one problem naming Eskilstuna", ps)
	}
}

func TestCheckStatus(t *testing.T) {
	for _, s := range data.Statuses {
		if err := data.CheckStatus(s); err != nil {
			t.Errorf("CheckStatus(%q): got %v, want nil", s, err)
		}
	}
	for _, s := range []data.Status{"", "Draft", "deleted"} {
		if _, ok := data.AsProblem(data.CheckStatus(s)); !ok {
			t.Errorf("CheckStatus(%q): got no problem, want one", s)
		}
	}
}

func TestFieldLabel(t *testing.T) {
	tests := []struct{ field, want string }{
		{"title", "Title"},
		{"flows.trucks_day", "Trucks per day"},
		{"flows.pallets", "Affected flows"},
		{"measures[2].step", "Proposed measures"},
		{"contact_email", "E-mail"},
		{"nonsense", "nonsense"},
	}
	for _, tt := range tests {
		if got := data.FieldLabel(tt.field); got != tt.want {
			t.Errorf("FieldLabel(%q): got %q, want %q", tt.field, got, tt.want)
		}
	}
	for _, p := range data.ValidateSubmission(data.Submission{Flows: data.Flows{data.FlowCommuters: -1}, Measures: []data.Measure{{}}}) {
		if data.FieldLabel(p.Field) == p.Field {
			t.Errorf("field %q of a problem has no label", p.Field)
		}
	}
}

var placeholder = regexp.MustCompile(`{{\s*\.\w+\s*}}`)

// sameInSwedish are keys whose Swedish is the English word.
var sameInSwedish = []string{"Status", "Text"}

func readSubmissionTranslations(t *testing.T, lang string) map[string]string {
	t.Helper()
	name := filepath.Join("..", "assets", "translations", "submission."+lang+".json")
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatalf("reading translations: %v", err)
	}
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("decoding %s: %v", name, err)
	}
	return m
}

// Every text of the submission rules has an English and a Swedish entry, the
// Swedish one is a translation, and placeholders survive translation. (The
// store's test checks that the files hold nothing else.)
func TestSubmissionTranslations(t *testing.T) {
	en := readSubmissionTranslations(t, "en")
	sv := readSubmissionTranslations(t, "sv")
	for _, msg := range data.SubmissionMessages() {
		if got, ok := en[msg]; !ok || got != msg {
			t.Errorf("submission.en.json for %q: got %q, want the key itself", msg, got)
		}
		s, ok := sv[msg]
		if !ok {
			t.Errorf("submission.sv.json lacks %q", msg)
			continue
		}
		if s == msg && !slices.Contains(sameInSwedish, msg) {
			t.Errorf("Swedish for %q: got the English text, want a translation", msg)
		}
		got := placeholder.FindAllString(s, -1)
		want := placeholder.FindAllString(msg, -1)
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("Swedish for %q: got placeholders %q, want %q", msg, got, want)
		}
	}
}
