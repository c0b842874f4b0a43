package data_test

import (
	"testing"

	"github.com/handelskammaren/ila-desk/data"
)

func TestNormaliseRoadRef(t *testing.T) {
	tests := []struct{ in, want string }{
		{"E18", "E18"},
		{"e 18", "E18"},
		{"E-18", "E18"},
		{"e20", "E20"},
		{"Europaväg 18", "E18"},
		{"riksväg 56", "rv 56"},
		{"Riksvägen 56", "rv 56"},
		{"Rv56", "rv 56"},
		{"RV 70", "rv 70"},
		{"rv. 66", "rv 66"},
		{"väg 56", "rv 56"},
		{"Väg 68", "rv 68"},
		{"väg 250", "väg 250"},
		{"lv 233", "väg 233"},
		{"länsväg 233", "väg 233"},
		{"mälarbanan", "Mälarbanan"},
		{"  SVEALANDSBANAN ", "Svealandsbanan"},
		{"Kolbäck - Ludvika", "Bergslagspendeln (Kolbäck–Ludvika)"},
		{"Sala-Västerås", "Västerås–Sala"},
		{"västerås hamn", "Hamnen i Västerås"},
		{"Hamnen i  Köping", "Köpings hamn"},
		{"Hässlö", "Stockholm Västerås flygplats"},
		{"Stockholmsvägen", "Stockholmsvägen"},
		{"  E18   vid Köping ", "E18 vid Köping"}, // only a whole reference is rewritten
		{"56", "56"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := data.NormaliseRoadRef(tt.in); got != tt.want {
			t.Errorf("NormaliseRoadRef(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPlanningLevel(t *testing.T) {
	tests := []struct {
		ref  string
		want data.Plan
	}{
		{"E18", data.PlanNational},
		{"e 20", data.PlanNational},
		{"E4", data.PlanNational},
		{"riksväg 56", data.PlanNational},
		{"Rv70", data.PlanNational},
		{"väg 56", data.PlanNational},
		{"E18 vid Köping", data.PlanNational},
		{"rv 56/rv 70", data.PlanNational},
		{"Mälarbanan", data.PlanNational},
		{"Svealandsbanan", data.PlanNational},
		{"Dalabanan", data.PlanNational},
		{"Bergslagspendeln (Kolbäck–Ludvika)", data.PlanNational},
		{"Kolbäck–Ludvika", data.PlanNational},
		{"Västerås–Sala", data.PlanNational},
		{"Mälarbanan vid Kolbäck", data.PlanNational},
		{"järnvägen genom Hallstahammar", data.PlanNational},
		{"Mälarens farled", data.PlanNational},
		{"Södertälje kanal", data.PlanNational},
		{"rv 66", data.PlanRegional},
		{"riksväg 68", data.PlanRegional},
		{"väg 250", data.PlanRegional},
		{"lv 233", data.PlanRegional},
		{"länsväg 252", data.PlanRegional},
		{"Hamnen i Västerås", data.PlanLocal},
		{"Köpings hamn", data.PlanLocal},
		{"Stockholm Västerås flygplats", data.PlanLocal},
		{"Strömsholms kanal", data.PlanLocal},
		{"Stockholmsvägen", data.PlanLocal},
		{"Enköpingsvägen", data.PlanLocal},
		{"Vasagatan", data.PlanLocal},
		{"", data.PlanUnknown},
		{"   ", data.PlanUnknown},
		{"56", data.PlanUnknown},
	}
	for _, tt := range tests {
		if got := data.PlanningLevel(tt.ref); got != tt.want {
			t.Errorf("PlanningLevel(%q): got %q, want %q", tt.ref, got, tt.want)
		}
	}
}

// Every suggestion is already in normal form and has the planning level the
// domain notes give it.
func TestRoadSuggestions(t *testing.T) {
	want := map[string]data.Plan{
		"E18": data.PlanNational, "E20": data.PlanNational, "rv 56": data.PlanNational, "rv 70": data.PlanNational,
		"rv 66": data.PlanRegional, "rv 68": data.PlanRegional,
		"Mälarbanan": data.PlanNational, "Svealandsbanan": data.PlanNational, "Dalabanan": data.PlanNational,
		"Bergslagspendeln (Kolbäck–Ludvika)": data.PlanNational, "Västerås–Sala": data.PlanNational,
		"Hamnen i Västerås": data.PlanLocal, "Köpings hamn": data.PlanLocal, "Stockholm Västerås flygplats": data.PlanLocal,
	}
	if len(data.RoadSuggestions) != len(want) {
		t.Errorf("got %d suggestions, want %d", len(data.RoadSuggestions), len(want))
	}
	for _, s := range data.RoadSuggestions {
		if got := data.NormaliseRoadRef(s.Ref); got != s.Ref {
			t.Errorf("NormaliseRoadRef(%q): got %q, want it unchanged", s.Ref, got)
		}
		if got := data.PlanningLevel(s.Ref); got != want[s.Ref] {
			t.Errorf("PlanningLevel(%q): got %q, want %q", s.Ref, got, want[s.Ref])
		}
		if s.Description == "" || s.Mode == "" {
			t.Errorf("suggestion %q lacks a description or mode", s.Ref)
		}
	}
}

func TestPlanLabel(t *testing.T) {
	for _, p := range []data.Plan{data.PlanNational, data.PlanRegional, data.PlanLocal, data.PlanUnknown} {
		if p.Label() == "" {
			t.Errorf("plan %q has no label", p)
		}
	}
	if data.PlanNational.Label() != "National plan (NTP)" {
		t.Errorf("got %q, want National plan (NTP)", data.PlanNational.Label())
	}
}
