package data

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Plan is the plan through which the state funds measures on a road or
// railway: the national plan (NTP), the county's regional plan (LTP), or
// none (municipal and private roads, ports and the airport).
type Plan string

const (
	PlanUnknown  Plan = ""         // no reference given, or one that cannot be read
	PlanNational Plan = "national" // nationell plan för transportinfrastrukturen (NTP)
	PlanRegional Plan = "regional" // länstransportplan (LTP)
	PlanLocal    Plan = "local"    // municipal or private: no state plan
)

// Labels of the planning levels; translation keys in submission.*.json.
const (
	labelPlanNational = "National plan (NTP)"
	labelPlanRegional = "Regional transport plan (LTP)"
	labelPlanLocal    = "Municipal or private"
	labelPlanUnknown  = "Planning level unknown"
)

// Label is the plan's English name, also its translation key.
func (p Plan) Label() string {
	switch p {
	case PlanNational:
		return labelPlanNational
	case PlanRegional:
		return labelPlanRegional
	case PlanLocal:
		return labelPlanLocal
	}
	return labelPlanUnknown
}

// RoadSuggestion is a road, railway, port or airport in and near Västmanland
// that the road-reference field offers.
type RoadSuggestion struct {
	Ref         string // as written in a submission, e.g. "rv 56"
	Description string // English, also the translation key
	Mode        Mode
}

// RoadSuggestions lists the network names of Västmanland in the order the
// field offers them: roads, railways, ports, the airport.
var RoadSuggestions = []RoadSuggestion{
	{"E18", "European route Stockholm–Västerås–Köping–Arboga–Örebro", ModeRoad},
	{"E20", "European route; joins E18 at Arboga", ModeRoad},
	{"rv 56", "National road Norrköping–Arboga–Kvicksund–Västerås–Sala–Gävle", ModeRoad},
	{"rv 66", "National road Västerås–Surahammar–Fagersta–Ludvika", ModeRoad},
	{"rv 68", "National road Örebro–Lindesberg–Fagersta–Norberg–Avesta", ModeRoad},
	{"rv 70", "National road Enköping–Sala–Avesta–Borlänge", ModeRoad},
	{"Mälarbanan", "Railway Stockholm–Västerås–Kolbäck–Köping–Arboga–Örebro", ModeRail},
	{"Svealandsbanan", "Railway Stockholm–Eskilstuna–Kungsör–Arboga", ModeRail},
	{"Dalabanan", "Railway Uppsala–Sala–Borlänge", ModeRail},
	{"Bergslagspendeln (Kolbäck–Ludvika)", "Railway Kolbäck–Hallstahammar–Surahammar–Fagersta–Ludvika", ModeRail},
	{"Västerås–Sala", "Railway between Västerås and Sala", ModeRail},
	{"Hamnen i Västerås", "Port of Västerås (Mälarhamnar)", ModeSea},
	{"Köpings hamn", "Port of Köping (Mälarhamnar)", ModeSea},
	{"Stockholm Västerås flygplats", "Stockholm Västerås Airport (ESOW)", ModeAir},
}

// nationalRoads are the riksvägar in the county funded through the national
// plan; the other state roads there are in the regional plan.
var nationalRoads = map[int]bool{56: true, 70: true}

// railways maps the ways people write the county's railways (in matchKey
// form) to the name used in RoadSuggestions.
var railways = map[string]string{
	"mälarbanan":                         "Mälarbanan",
	"svealandsbanan":                     "Svealandsbanan",
	"dalabanan":                          "Dalabanan",
	"bergslagspendeln":                   "Bergslagspendeln (Kolbäck–Ludvika)",
	"bergslagspendeln (kolbäck-ludvika)": "Bergslagspendeln (Kolbäck–Ludvika)",
	"kolbäck-ludvika":                    "Bergslagspendeln (Kolbäck–Ludvika)",
	"kolbäck-hallstahammar-surahammar-fagersta-ludvika": "Bergslagspendeln (Kolbäck–Ludvika)",
	"västerås-sala": "Västerås–Sala",
	"sala-västerås": "Västerås–Sala",
}

// facilities maps the ways people write the ports and the airport to their
// name in RoadSuggestions. They are owned by the municipalities, so they are
// in no state plan.
var facilities = map[string]string{
	"hamnen i västerås":            "Hamnen i Västerås",
	"västerås hamn":                "Hamnen i Västerås",
	"västerås hamnen":              "Hamnen i Västerås",
	"köpings hamn":                 "Köpings hamn",
	"köping hamn":                  "Köpings hamn",
	"hamnen i köping":              "Köpings hamn",
	"stockholm västerås flygplats": "Stockholm Västerås flygplats",
	"västerås flygplats":           "Stockholm Västerås flygplats",
	"stockholm västerås airport":   "Stockholm Västerås flygplats",
	"västerås airport":             "Stockholm Västerås flygplats",
	"esow":                         "Stockholm Västerås flygplats",
	"hässlö":                       "Stockholm Västerås flygplats",
	"hässlö flygplats":             "Stockholm Västerås flygplats",
}

// road is a numbered road read from a reference.
type road struct {
	european bool // E18
	number   int
}

// String writes the road the way Trafikverket does: "E18", "rv 56" for a
// riksväg (numbers below 100), "väg 250" for a länsväg.
func (r road) String() string {
	n := strconv.Itoa(r.number)
	switch {
	case r.european:
		return "E" + n
	case r.number < 100:
		return "rv " + n
	}
	return "väg " + n
}

// Prefixes of numbered roads, longest first so that "riksväg" wins over "r".
var (
	europeanPrefixes = []string{"europaväg", "europavag", "e"}
	numberedPrefixes = []string{"riksvägen", "riksväg", "riksvag", "rikväg", "rv", "länsvägen", "länsväg", "lansvag", "lv", "vägen", "väg", "vag", "road", "route", "v"}
)

// parseRoad reads a numbered road at the start of key (in matchKey form):
// "E18", "e 18", "E-18", "riksväg 56", "Rv56", "rv. 56", "väg 56",
// "länsväg 233", "lv 233", "väg 250", possibly followed by more text
// ("e18 vid köping"); whole reports whether the road was all of key. A bare
// number is not read: it could be anything.
func parseRoad(key string) (r road, whole, ok bool) {
	try := func(prefixes []string) (n int, whole, ok bool) {
		for _, p := range prefixes {
			rest, found := strings.CutPrefix(key, p)
			if !found {
				continue
			}
			rest = strings.TrimLeft(rest, " .-")
			end := 0
			for end < len(rest) && rest[end] >= '0' && rest[end] <= '9' {
				end++
			}
			if end == 0 || end > 4 {
				continue
			}
			after, _ := utf8.DecodeRuneInString(rest[end:])
			if unicode.IsLetter(after) {
				continue // "e18a" or "väg 5an" is a name, not a road
			}
			n, _ = strconv.Atoi(rest[:end])
			if n == 0 {
				continue
			}
			return n, end == len(rest), true
		}
		return 0, false, false
	}
	if n, whole, ok := try(europeanPrefixes); ok && n < 1000 {
		return road{european: true, number: n}, whole, true
	}
	if n, whole, ok := try(numberedPrefixes); ok {
		return road{number: n}, whole, true
	}
	return road{}, false, false
}

// matchKey is s lower-cased with its spaces collapsed and every dash written
// "-" without spaces around it, for comparing names.
func matchKey(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	s = strings.Map(func(r rune) rune {
		if r == '–' || r == '—' || r == '‒' || r == '−' {
			return '-'
		}
		return r
	}, s)
	s = strings.ReplaceAll(s, " -", "-")
	return strings.ReplaceAll(s, "- ", "-")
}

// NormaliseRoadRef writes a road, railway, port or airport reference the
// standard way: "riksväg 56", "Rv56" and "väg 56" become "rv 56", "e 18"
// becomes "E18", "lv 233" becomes "väg 233", "mälarbanan" becomes
// "Mälarbanan". Anything else is returned trimmed, with its spaces
// collapsed.
func NormaliseRoadRef(s string) string {
	key := matchKey(s)
	if r, whole, ok := parseRoad(key); ok && whole {
		return r.String()
	}
	if name, ok := railways[key]; ok {
		return name
	}
	if name, ok := facilities[key]; ok {
		return name
	}
	return strings.Join(strings.Fields(s), " ")
}

// PlanningLevel tells through which plan the state funds measures on the
// road or railway roadRef names, after Västmanland's division: E18, E20 (and
// any other European route), riksväg 56 and 70, every railway and the
// fairways of Mälaren are in the national plan; the other state roads
// (rv 66, rv 68, the länsvägar) in the regional plan; anything else that is
// named, such as a street, a private road, Strömsholms kanal, the ports or
// the airport, is municipal or private. A reference that starts with a road
// ("E18 vid Köping", "rv 56/rv 70") is judged by that road. An empty
// reference, or a bare number, gives PlanUnknown.
func PlanningLevel(roadRef string) Plan {
	key := matchKey(roadRef)
	if key == "" || allDigits(key) {
		return PlanUnknown
	}
	if r, _, ok := parseRoad(key); ok {
		if r.european || nationalRoads[r.number] {
			return PlanNational
		}
		return PlanRegional
	}
	if _, ok := railways[key]; ok {
		return PlanNational
	}
	if _, ok := facilities[key]; ok {
		return PlanLocal
	}
	if isRailway(key) || isFairway(key) {
		return PlanNational
	}
	return PlanLocal
}

// isRailway recognises railways not in the list by their name: Swedish
// railway names end in "banan" ("Godsstråket" aside), and people write
// "järnvägen Kolbäck–Ludvika" or "bandel 412".
func isRailway(key string) bool {
	for _, w := range strings.FieldsFunc(key, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if strings.HasSuffix(w, "banan") || strings.HasPrefix(w, "järnväg") || w == "bandel" || w == "godsstråket" {
			return true
		}
	}
	return false
}

// isFairway recognises the fairways of Mälaren and Södertälje kanal; they
// are the state's (Sjöfartsverket) and their upgrade (Mälarprojektet) was
// funded through the national plan. Strömsholms kanal is not: it belongs to
// the municipalities along it.
func isFairway(key string) bool {
	return strings.Contains(key, "farled") || strings.Contains(key, "södertälje kanal") || strings.Contains(key, "södertälje sluss")
}
