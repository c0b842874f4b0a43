package data_test

import (
	"reflect"
	"testing"

	"github.com/handelskammaren/ila-desk/data"
)

func TestMissing(t *testing.T) {
	tests := []struct {
		name   string
		change func(s *data.Submission)
		want   []string
	}{
		{"complete", func(s *data.Submission) {}, nil},
		{"place by description only", func(s *data.Submission) { s.Point = nil }, nil},
		{"place by point only", func(s *data.Submission) { s.Place = "" }, nil},
		{"impact in words only", func(s *data.Submission) { s.Consequences = nil }, nil},
		{"consequence only", func(s *data.Submission) { s.Impact = "" }, nil},
		{"cost unknown is a choice", func(s *data.Submission) { s.CostClass = data.CostUnknown }, nil},
		{"empty", func(s *data.Submission) { *s = data.Submission{} }, []string{
			"A title",
			"The object: the junction, road section, quay or crossing",
			"At least one transport mode",
			"The municipality",
			"The place: coordinates or a description",
			"The deficiency: what does not work",
			"At least one consequence, or the impact described in words",
			"At least one proposed measure",
			"The cost class (choose \"unknown\" if nobody knows yet)",
			"The arena meeting it is meant for",
			"The submitting company",
			"A contact person",
		}},
		{"blank texts", func(s *data.Submission) { s.Title, s.ContactPerson = " ", "\n" }, []string{"A title", "A contact person"}},
		{"only unknown modes", func(s *data.Submission) { s.Modes = []data.Mode{"bus"} }, []string{"At least one transport mode"}},
		{"no place", func(s *data.Submission) { s.Point, s.Place = nil, "" }, []string{"The place: coordinates or a description"}},
		{"no impact", func(s *data.Submission) { s.Consequences, s.Impact = nil, "" }, []string{"At least one consequence, or the impact described in words"}},
		{"only empty measures", func(s *data.Submission) { s.Measures = []data.Measure{{Step: 1}, {Text: " "}} }, []string{"At least one proposed measure"}},
		{"a measure without step", func(s *data.Submission) { s.Measures = append(s.Measures, data.Measure{Text: "Bredda vägen"}) },
			[]string{"The step of the four-step principle for every measure"}},
		{"no meeting or company", func(s *data.Submission) { s.MeetingKey, s.Company = "", "" },
			[]string{"The arena meeting it is meant for", "The submitting company"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := complete()
			tt.change(&s)
			got := data.Missing(s)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q,\nwant %q", got, tt.want)
			}
			if data.Ready(s) != (len(tt.want) == 0) {
				t.Errorf("Ready = %v, want %v", data.Ready(s), len(tt.want) == 0)
			}
		})
	}
}

func TestFourStepWarning(t *testing.T) {
	m := func(step data.Step) data.Measure { return data.Measure{Text: "Åtgärd", Step: step} }
	tests := []struct {
		name     string
		measures []data.Measure
		want     bool
	}{
		{"no measures", nil, false},
		{"only build new", []data.Measure{m(4)}, true},
		{"rebuild and build new", []data.Measure{m(3), m(4)}, true},
		{"optimise considered", []data.Measure{m(2), m(4)}, false},
		{"rethink only", []data.Measure{m(1)}, false},
		{"a step not chosen", []data.Measure{m(4), m(0)}, false},
		{"empty step-1 measure does not count", []data.Measure{m(4), {Text: "", Step: 1}}, true},
		{"only empty measures", []data.Measure{{Step: 4}}, false},
	}
	for _, tt := range tests {
		if got := data.FourStepWarning(data.Submission{Measures: tt.measures}); got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}
