package report

import (
	"math"
	"strconv"
	"strings"

	"github.com/handelskammaren/ila-desk/data"
)

// arenaName is the arena's name as it heads every document.
const arenaName = "Infrastruktur & Logistikarenan (ILA)"

// label is a domain value's name in the document's language.
func (d *doc) label(v interface{ Label() data.Phrase }) string { return d.t(string(v.Label())) }

// A value the user never set prints as "Not given", never as a default
// the user did not choose; a value this version does not know prints as
// it was stored.

func (d *doc) statusName(s data.Status) string {
	if strings.TrimSpace(string(s)) == "" {
		return d.t("Not given")
	}
	return d.label(s)
}

func (d *doc) modeName(m data.Mode) string { return d.label(m) }

func (d *doc) modeNames(ms []data.Mode) string {
	names := make([]string, 0, len(ms))
	for _, m := range ms {
		if strings.TrimSpace(string(m)) != "" {
			names = append(names, d.modeName(m))
		}
	}
	return strings.Join(names, ", ")
}

func (d *doc) municipalityName(m string) string {
	if m == data.OutsideCounty {
		return d.t("Outside the county")
	}
	return m
}

// stepName is a step with its number: "1 Tänk om".
func (d *doc) stepName(s data.Step) string {
	if s < data.StepRethink || s > data.StepBuildNew {
		return d.label(s)
	}
	return strconv.Itoa(int(s)) + " " + d.label(s)
}

// costName says "Unknown" only when the user chose unknown
// (data.CostUnknown); data's label says it for no choice too.
func (d *doc) costName(c data.CostClass) string {
	switch c {
	case "":
		return d.t("Not given")
	case data.CostUnknown, data.CostUnder50, data.CostOver50:
		return d.label(c)
	}
	return string(c)
}

func (d *doc) priorityName(p data.Priority) string { return d.label(p) }

func (d *doc) urgencyName(u data.Urgency) string {
	if u == data.UrgencyNone {
		return d.t("Not given")
	}
	for _, k := range data.Urgencies {
		if u == k {
			return d.label(u)
		}
	}
	return string(u)
}

func (d *doc) consequenceName(c data.Consequence) string { return d.label(c) }

// flowName names an affected flow and its unit.
func (d *doc) flowName(k data.FlowKind) (name, unit string) {
	switch k {
	case data.FlowTonnesYear:
		return d.t("Goods"), d.t("tonnes/year")
	case data.FlowTrucksDay:
		return d.t("Lorries"), d.t("lorries/day")
	case data.FlowTrainsWeek:
		return d.t("Trains"), d.t("trains/week")
	case data.FlowTEUYear:
		return d.t("Containers"), d.t("TEU/year")
	case data.FlowEmployees:
		return d.t("Employees"), d.t("employees")
	case data.FlowCommuters:
		return d.t("Commuters"), d.t("commuters/day")
	}
	return string(k), ""
}

// number writes a flow value the way the reader's language does: 12 500,5
// in Swedish (narrow no-break space, decimal comma), 12,500.5 in English.
func (d *doc) number(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	neg := v < 0
	v = math.Abs(v)
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if v >= 1e15 {
		s = strconv.FormatFloat(v, 'g', 6, 64)
	} else if strings.Contains(s, ".") {
		s = strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
	}
	intPart, frac, _ := strings.Cut(s, ".")
	sep, dec := ",", "."
	if d.opt.Lang == data.Swedish {
		sep, dec = "\u202F", ","
	}
	if !strings.ContainsAny(intPart, "e") && len(intPart) > 3 {
		var b strings.Builder
		for i, r := range intPart {
			if i > 0 && (len(intPart)-i)%3 == 0 {
				b.WriteString(sep)
			}
			b.WriteRune(r)
		}
		intPart = b.String()
	}
	if frac != "" {
		intPart += dec + frac
	}
	if neg {
		intPart = "−" + intPart
	}
	return intPart
}

// planningLevel names the plan that funds measures on the road or railway
// ref (data.PlanningLevel), or "" when the ref does not say.
func (d *doc) planningLevel(ref string) string {
	switch p := data.PlanningLevel(ref); p {
	case data.PlanNational:
		return d.t("National plan (NTP)")
	case data.PlanRegional:
		return d.t("Regional transport plan (LTP)")
	case data.PlanLocal:
		return d.t("Municipal or private")
	}
	return ""
}
