package data

import (
	"slices"
	"strings"
)

// What Missing reports, in the order of the form; each is also a translation
// key in assets/translations/submission.*.json.
const (
	missTitle        = "A title"
	missObject       = "The object: the junction, road section, quay or crossing"
	missModes        = "At least one transport mode"
	missMunicipality = "The municipality"
	missPlace        = "The place: coordinates or a description"
	missDeficiency   = "The deficiency: what does not work"
	missImpact       = "At least one consequence, or the impact described in words"
	missMeasure      = "At least one proposed measure"
	missStep         = "The step of the four-step principle for every measure"
	missCostClass    = "The cost class (choose \"unknown\" if nobody knows yet)"
	missMeeting      = "The arena meeting it is meant for"
	missCompany      = "The submitting company"
	missContact      = "A contact person"
)

var missingMessages = []string{
	missTitle, missObject, missModes, missMunicipality, missPlace, missDeficiency,
	missImpact, missMeasure, missStep, missCostClass, missMeeting, missCompany, missContact,
}

// Missing lists what a submission still lacks before it is ready for the
// arena ("redo för arenan"), in the order of the form, as English phrases that
// are also translation keys. A cost class counts as chosen when it is any
// explicit value, "unknown" included: saying that nobody knows the cost is
// an answer. Measures without text do not count; every measure with text
// needs its four-step step.
func Missing(sub Submission) []string {
	var out []string
	blank := func(s string) bool { return strings.TrimSpace(s) == "" }
	if blank(sub.Title) {
		out = append(out, missTitle)
	}
	if blank(sub.Object) {
		out = append(out, missObject)
	}
	if !slices.ContainsFunc(sub.Modes, func(m Mode) bool { return slices.Contains(Modes, m) }) {
		out = append(out, missModes)
	}
	if blank(sub.Municipality) {
		out = append(out, missMunicipality)
	}
	if sub.Point == nil && blank(sub.Place) {
		out = append(out, missPlace)
	}
	if blank(sub.Deficiency) {
		out = append(out, missDeficiency)
	}
	if len(sub.Consequences) == 0 && blank(sub.Impact) {
		out = append(out, missImpact)
	}
	measures := describedMeasures(sub)
	if len(measures) == 0 {
		out = append(out, missMeasure)
	} else if slices.ContainsFunc(measures, func(m Measure) bool { return m.Step < StepRethink || m.Step > StepBuildNew }) {
		out = append(out, missStep)
	}
	if sub.CostClass == "" {
		out = append(out, missCostClass)
	}
	if blank(sub.MeetingKey) {
		out = append(out, missMeeting)
	}
	if blank(sub.Company) {
		out = append(out, missCompany)
	}
	if blank(sub.ContactPerson) {
		out = append(out, missContact)
	}
	return out
}

// Ready reports whether nothing is missing: the submission can be marked
// ready for the arena.
func Ready(sub Submission) bool { return len(Missing(sub)) == 0 }

// FourStepAdvice is the warning to show when FourStepWarning is true; also
// its translation key.
const FourStepAdvice = "All proposed measures rebuild or build new (steps 3–4). Trafikverket expects steps 1–2, rethinking and optimising, to be considered first: add what was considered, or say why it is not enough."

// FourStepWarning reports whether the proposal skips the first two steps of
// the four-step principle: there are measures, all of them rebuild or build
// new (step 3–4), and none rethinks or optimises (step 1–2). Trafikverket
// expects steps 1–2 to have been considered first, so the UI warns.
// Measures without text do not count.
func FourStepWarning(sub Submission) bool {
	measures := describedMeasures(sub)
	if len(measures) == 0 {
		return false
	}
	for _, m := range measures {
		if m.Step != StepRebuild && m.Step != StepBuildNew {
			return false
		}
	}
	return true
}

// describedMeasures are the measures with text.
func describedMeasures(sub Submission) []Measure {
	var ms []Measure
	for _, m := range sub.Measures {
		if strings.TrimSpace(m.Text) != "" {
			ms = append(ms, m)
		}
	}
	return ms
}
