package report

import (
	"math"
	"strconv"
	"strings"

	"github.com/handelskammaren/ila-desk/data"
)

// arenaName is the arena's name as it heads every document.
const arenaName = "Infrastruktur & Logistikarenan (ILA)"

func (d *doc) statusName(s data.Status) string {
	switch s {
	case data.StatusDraft:
		return d.t("Draft")
	case data.StatusReady:
		return d.t("Ready")
	case data.StatusSubmitted:
		return d.t("Submitted")
	case data.StatusHandled:
		return d.t("Handled in the arena")
	case data.StatusForwarded:
		return d.t("Forwarded to region/Trafikverket")
	case data.StatusResolved:
		return d.t("Resolved")
	case data.StatusClosed:
		return d.t("Closed")
	}
	return string(s)
}

func (d *doc) modeName(m data.Mode) string {
	switch m {
	case data.ModeRoad:
		return d.t("Road")
	case data.ModeRail:
		return d.t("Rail")
	case data.ModeSea:
		return d.t("Shipping/port")
	case data.ModeAir:
		return d.t("Aviation")
	case data.ModeIntermodal:
		return d.t("Intermodal")
	}
	return string(m)
}

func (d *doc) modeNames(ms []data.Mode) string {
	names := make([]string, 0, len(ms))
	for _, m := range ms {
		names = append(names, d.modeName(m))
	}
	return strings.Join(names, ", ")
}

func (d *doc) municipalityName(m string) string {
	if m == data.OutsideCounty {
		return d.t("Outside the county")
	}
	return m
}

func (d *doc) stepName(s data.Step) string {
	switch s {
	case data.StepRethink:
		return d.t("1 Rethink")
	case data.StepOptimise:
		return d.t("2 Optimise")
	case data.StepRebuild:
		return d.t("3 Rebuild")
	case data.StepBuildNew:
		return d.t("4 Build new")
	}
	return d.t("Step not given")
}

func (d *doc) costName(c data.CostClass) string {
	switch c {
	case data.CostUnder50:
		return d.t("Under 50 MSEK")
	case data.CostOver50:
		return d.t("50 MSEK or more")
	}
	return d.t("Unknown")
}

func (d *doc) priorityName(p data.Priority) string {
	switch p {
	case data.PriorityHigh:
		return d.t("High")
	case data.PriorityMedium:
		return d.t("Medium")
	case data.PriorityLow:
		return d.t("Low")
	}
	return d.t("Not given")
}

func (d *doc) urgencyName(u data.Urgency) string {
	switch u {
	case data.UrgencyAcute:
		return d.t("Acute")
	case data.UrgencyYear:
		return d.t("Within a year")
	case data.UrgencyFewYears:
		return d.t("Within three years")
	case data.UrgencyLongTerm:
		return d.t("Long term")
	}
	return d.t("Not given")
}

func (d *doc) consequenceName(c data.Consequence) string {
	switch c {
	case data.ConsTime:
		return d.t("Time")
	case data.ConsCost:
		return d.t("Cost")
	case data.ConsReliability:
		return d.t("Reliability")
	case data.ConsSafety:
		return d.t("Safety")
	case data.ConsEnvironment:
		return d.t("Environment")
	case data.ConsRecruitment:
		return d.t("Recruitment")
	}
	return string(c)
}

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
