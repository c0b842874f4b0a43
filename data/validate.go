package data

import (
	"math"
	"net/mail"
	"slices"
	"strconv"
	"strings"
)

// Field names of a submission, as FieldProblem.Field gives them. They are
// stable: the UI maps them to its widgets, and they match the keys of the
// exchange format.
const (
	FieldTitle         = "title"
	FieldObject        = "object"
	FieldModes         = "modes"
	FieldMunicipality  = "municipality"
	FieldRoadRef       = "road_ref"
	FieldPlace         = "place"
	FieldPoint         = "point"
	FieldDeficiency    = "deficiency"
	FieldFlows         = "flows" // one flow: FlowField(kind), e.g. "flows.trucks_day"
	FieldConsequences  = "consequences"
	FieldImpact        = "impact"
	FieldMeasures      = "measures" // one measure: MeasureField(i, "text"), e.g. "measures[2].step"
	FieldCostClass     = "cost_class"
	FieldPriority      = "priority"
	FieldUrgency       = "urgency"
	FieldMeetingKey    = "meeting_key"
	FieldCompany       = "company"
	FieldContactPerson = "contact_person"
	FieldContactEmail  = "contact_email"
	FieldStatus        = "status"
	FieldAVSRef        = "avs_ref"
	FieldContactPhone  = "contact_phone"
	FieldCoSigners     = "cosigners"
)

// FlowField is the field name of one affected flow: "flows.trucks_day".
func FlowField(k FlowKind) string { return FieldFlows + "." + string(k) }

// MeasureField is the field name of a part ("text" or "step") of the measure
// at index i (from 0): "measures[2].step".
func MeasureField(i int, part string) string {
	return FieldMeasures + "[" + strconv.Itoa(i) + "]." + part
}

// FieldProblem is something wrong with one field of a submission.
type FieldProblem struct {
	Field   string // a field name such as "title", "flows.trucks_day", "measures[2].step"
	Problem *Problem
}

// Messages of ValidateSubmission and CheckStatus; each is also a translation
// key in assets/translations/submission.*.json.
const (
	msgTitleMissing    = "The title is missing."
	msgObjectMissing   = "The object is missing; name the junction, road section, quay or crossing."
	msgMunicipality    = "\"{{.Value}}\" is not a municipality in Västmanland. Choose one from the list, or \"outside the county\"."
	msgMode            = "Unknown transport mode \"{{.Value}}\". Choose road, rail, shipping/port, aviation or intermodal."
	msgConsequence     = "Unknown consequence \"{{.Value}}\". Choose one from the list."
	msgFlowKind        = "Unknown kind of flow \"{{.Value}}\". Remove it and enter the number under one of the listed kinds."
	msgFlowNotNumber   = "This is not a number. Write digits only, e.g. 12000."
	msgFlowNegative    = "The number must be zero or more."
	msgFlowTooLarge    = "The number is too large (at most 999 999 999). Check it for extra digits."
	msgMeasureText     = "Describe the measure, or remove it."
	msgMeasureStep     = "Choose which step of the four-step principle the measure belongs to (1–4)."
	msgEmail           = "The e-mail address \"{{.Value}}\" does not look right. Write it as name@company.se."
	msgCostClass       = "Unknown cost class \"{{.Value}}\". Choose under 50 MSEK, 50 MSEK or more, or unknown."
	msgUrgency         = "Unknown urgency \"{{.Value}}\". Choose one from the list."
	msgPriority        = "Unknown priority {{.Value}}. Choose high, medium or low."
	msgStatus          = "Unknown status \"{{.Value}}\". Choose one from the list."
	msgPointOutOfRange = "The coordinates of the point are out of range. Paste them again."
)

// maxFlow bounds a flow number: nothing in a county moves a billion of
// anything, so a larger number is a typing error.
const maxFlow = 1e9

// ValidateSubmission checks what can be checked in a submission without the
// store: the title and object are given; the municipality, transport modes,
// consequences, cost class, urgency, priority and status are known values;
// flow numbers are finite, not negative and below a billion; every measure
// has a text and a step 1–4; the e-mail address is an address; a point has
// coordinates in range; no text is longer and no list has more entries than
// Limits allows (those problems have ErrTooLong as their cause). It returns
// the problems in the order of the form, nil when there are none.
//
// The problems never block saving: the UI saves what was typed and shows
// them next to the fields. See Missing for what a complete submission needs.
func ValidateSubmission(sub Submission) []FieldProblem {
	var ps []FieldProblem
	add := func(field, msg string, args map[string]any) {
		ps = append(ps, FieldProblem{Field: field, Problem: NewProblem(msg, args)})
	}
	// A value is quoted only in part: it may be far longer than a sentence.
	value := func(v any) map[string]any {
		if s, ok := v.(string); ok {
			v = Excerpt(s, 80)
		}
		return map[string]any{"Value": v}
	}
	text := func(field, s string) {
		if p := CheckText(field, s); p != nil {
			ps = append(ps, FieldProblem{Field: field, Problem: p})
		}
	}
	many := func(field string, n int) {
		if p := CheckItems(field, n); p != nil {
			ps = append(ps, FieldProblem{Field: field, Problem: p})
		}
	}

	if strings.TrimSpace(sub.Title) == "" {
		add(FieldTitle, msgTitleMissing, nil)
	}
	text(FieldTitle, sub.Title)
	if strings.TrimSpace(sub.Object) == "" {
		add(FieldObject, msgObjectMissing, nil)
	}
	text(FieldObject, sub.Object)
	for _, m := range sub.Modes {
		if !slices.Contains(Modes, m) {
			add(FieldModes, msgMode, value(string(m)))
		}
	}
	if m := sub.Municipality; m != "" && m != OutsideCounty && !slices.Contains(Municipalities, m) {
		add(FieldMunicipality, msgMunicipality, value(m))
	}
	text(FieldRoadRef, sub.RoadRef)
	text(FieldPlace, sub.Place)
	if p := sub.Point; p != nil && !(p.Lat >= -90 && p.Lat <= 90 && p.Lon >= -180 && p.Lon <= 180) {
		add(FieldPoint, msgPointOutOfRange, nil)
	}
	text(FieldDeficiency, sub.Deficiency)
	text(FieldDeficiencySince, sub.DeficiencySince)
	text(FieldDeficiencyFreq, sub.DeficiencyFreq)
	for _, k := range sortedFlowKinds(sub.Flows) {
		v := sub.Flows[k]
		switch {
		case !slices.Contains(FlowKinds, k):
			add(FlowField(k), msgFlowKind, value(string(k)))
		case math.IsNaN(v) || math.IsInf(v, 0):
			add(FlowField(k), msgFlowNotNumber, nil)
		case v < 0:
			add(FlowField(k), msgFlowNegative, nil)
		case v >= maxFlow:
			add(FlowField(k), msgFlowTooLarge, nil)
		}
	}
	for _, c := range sub.Consequences {
		if !slices.Contains(Consequences, c) {
			add(FieldConsequences, msgConsequence, value(string(c)))
		}
	}
	text(FieldImpact, sub.Impact)
	many(FieldMeasures, len(sub.Measures))
	for i, m := range sub.Measures {
		if strings.TrimSpace(m.Text) == "" {
			add(MeasureField(i, "text"), msgMeasureText, nil)
		}
		text(MeasureField(i, "text"), m.Text)
		if m.Step < StepRethink || m.Step > StepBuildNew {
			add(MeasureField(i, "step"), msgMeasureStep, nil)
		}
	}
	if c := sub.CostClass; c != "" && !slices.Contains(CostClasses, c) {
		add(FieldCostClass, msgCostClass, value(string(c)))
	}
	if sub.Priority < PriorityNone || sub.Priority > PriorityLow {
		add(FieldPriority, msgPriority, value(int(sub.Priority)))
	}
	if u := sub.Urgency; u != UrgencyNone && !slices.Contains(Urgencies, u) {
		add(FieldUrgency, msgUrgency, value(string(u)))
	}
	text(FieldAVSRef, sub.AVSRef)
	text(FieldMeetingKey, sub.MeetingKey)
	text(FieldCompany, sub.Company)
	text(FieldContactPerson, sub.ContactPerson)
	if p := CheckText(FieldContactEmail, sub.ContactEmail); p != nil {
		ps = append(ps, FieldProblem{Field: FieldContactEmail, Problem: p})
	} else if e := strings.TrimSpace(sub.ContactEmail); e != "" && !validEmail(e) {
		add(FieldContactEmail, msgEmail, value(e))
	}
	text(FieldContactPhone, sub.ContactPhone)
	many(FieldCoSigners, len(sub.CoSigners))
	for _, c := range sub.CoSigners {
		text(FieldCoSigners, c) // the form has one field for them all
	}
	if sub.Status != "" {
		if p := CheckStatus(sub.Status); p != nil {
			ps = append(ps, FieldProblem{Field: FieldStatus, Problem: p.(*Problem)})
		}
	}
	many(FieldTrail, len(sub.Trail))
	for i, c := range sub.Trail {
		text(TrailField(i, "comment"), c.Comment)
	}
	many(FieldAttachments, len(sub.Attachments))
	for i, a := range sub.Attachments {
		text(AttachmentField(i, "name"), a.Name)
		text(AttachmentField(i, "caption"), a.Caption)
	}
	return ps
}

// CheckStatus returns a *Problem when s is not a known status, else nil.
func CheckStatus(s Status) error {
	if s.Valid() {
		return nil
	}
	return NewProblem(msgStatus, map[string]any{"Value": string(s)})
}

// sortedFlowKinds lists the kinds in f: the known ones in display order, then
// any unknown ones alphabetically, so problems come out in a stable order.
func sortedFlowKinds(f Flows) []FlowKind {
	var ks []FlowKind
	for _, k := range FlowKinds {
		if _, ok := f[k]; ok {
			ks = append(ks, k)
		}
	}
	var unknown []FlowKind
	for k := range f {
		if !slices.Contains(FlowKinds, k) {
			unknown = append(unknown, k)
		}
	}
	slices.Sort(unknown)
	return append(ks, unknown...)
}

// validEmail accepts a bare address (name@domain.tld) and nothing more: no
// display name, no angle brackets, a dot in the domain.
func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s {
		return false
	}
	_, domain, _ := strings.Cut(s, "@")
	return strings.Contains(domain, ".") && !strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".")
}

// Labels of the fields, for lists of problems shown away from the form;
// translation keys in submission.*.json.
var fieldLabels = map[string]string{
	FieldTitle:         "Title",
	FieldObject:        "Object",
	FieldModes:         "Transport modes",
	FieldMunicipality:  "Municipality",
	FieldRoadRef:       "Road or railway",
	FieldPlace:         "Place",
	FieldPoint:         "Coordinates",
	FieldDeficiency:    "Deficiency",
	FieldFlows:         "Affected flows",
	FieldConsequences:  "Consequences",
	FieldImpact:        "Impact on the company",
	FieldMeasures:      "Proposed measures",
	FieldCostClass:     "Cost class",
	FieldPriority:      "Priority",
	FieldUrgency:       "Urgency",
	FieldMeetingKey:    "Arena meeting",
	FieldCompany:       "Company",
	FieldContactPerson: "Contact person",
	FieldContactEmail:  "E-mail",
	FieldStatus:        "Status",
	FieldAVSRef:        "ÅVS reference",
	FieldContactPhone:  "Phone",
	FieldCoSigners:     "Co-signing companies",

	FieldMeasures + ".text":       "Proposed measures",
	FieldDeficiencySince:          "Since when",
	FieldDeficiencyFreq:           "How often",
	FieldTrail:                    "Status history",
	FieldTrail + ".comment":       "Comment",
	FieldAttachments:              "Attachments",
	FieldAttachments + ".name":    "File name",
	FieldAttachments + ".caption": "Caption",
	FieldNote:                     "Note",
	FieldCompanyName:              "Company name",
	FieldCompanyOrg:               "Organisation number",
	FieldCompanyContact:           "Contact person",
	FieldCompanyEmail:             "E-mail",
	FieldCompanyPhone:             "Phone",
	"meetings.title":              "Title",
	"meetings.kind":               "Kind",
	"meetings.location":           "Place",
	"meetings.description":        "About the meeting",
	"meetings.agenda":             "Meeting agenda",
	"meetings.agenda.title":       "Agenda item",
	"meetings.agenda.notes":       "Notes",
	"protocols.title":             "Title",
	"protocols.kind":              "Kind",
	"protocols.text":              "Text",
	"events.title":                "Title",
	"events.city":                 "City",
	"events.summary":              "Short description",
	"contacts.name":               "Name",
	"contacts.role":               "Role",
	"contacts.email":              "E-mail",
	"contacts.phone":              "Phone",

	FlowField(FlowTonnesYear): "Goods, tonnes per year",
	FlowField(FlowTrucksDay):  "Trucks per day",
	FlowField(FlowTrainsWeek): "Trains per week",
	FlowField(FlowTEUYear):    "Containers, TEU per year",
	FlowField(FlowEmployees):  "Employees",
	FlowField(FlowCommuters):  "Commuters per day",
}

// FieldLabel is the English label of a field name (also its translation
// key): "flows.trucks_day" gives "Trucks per day", "measures[2].step" gives
// "Proposed measures". An unknown field gives the name itself.
func FieldLabel(field string) string {
	if l, ok := fieldLabels[field]; ok {
		return l
	}
	if l, ok := fieldLabels[limitKey(field)]; ok {
		return l
	}
	if strings.HasPrefix(field, FieldMeasures+"[") {
		return fieldLabels[FieldMeasures]
	}
	if strings.HasPrefix(field, FieldFlows+".") {
		return fieldLabels[FieldFlows]
	}
	return field
}

// SubmissionMessages lists every English text of the submission rules in
// this package (problems, field labels, missing items, planning levels, road
// descriptions): the keys this package needs in
// assets/translations/submission.*.json. It is for the translation tests.
func SubmissionMessages() []string {
	ms := []string{
		msgOrgFormat, msgOrgCheck,
		msgTitleMissing, msgObjectMissing, msgMunicipality, msgMode, msgConsequence,
		msgFlowKind, msgFlowNotNumber, msgFlowNegative, msgFlowTooLarge,
		msgMeasureText, msgMeasureStep, msgEmail, msgCostClass, msgUrgency,
		msgPriority, msgStatus, msgPointOutOfRange,
		labelPlanNational, labelPlanRegional, labelPlanLocal, labelPlanUnknown,
		FourStepAdvice,
	}
	for _, l := range fieldLabels {
		ms = append(ms, l)
	}
	for _, r := range RoadSuggestions {
		ms = append(ms, r.Description)
	}
	ms = append(ms, missingMessages...)
	ms = append(ms, limitMessages...)
	slices.Sort(ms)
	return slices.Compact(ms)
}
