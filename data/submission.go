package data

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"time"

	"github.com/handelskammaren/ila-desk/data/geo"
)

// Mode is a transport mode.
type Mode string

const (
	ModeRoad       Mode = "road"
	ModeRail       Mode = "rail"
	ModeSea        Mode = "sea" // sjöfart/hamn
	ModeAir        Mode = "air"
	ModeIntermodal Mode = "intermodal"
)

// Modes lists the transport modes in display order.
var Modes = []Mode{ModeRoad, ModeRail, ModeSea, ModeAir, ModeIntermodal}

// Municipalities are the ten municipalities of Västmanland, in Swedish
// alphabetical order. OutsideCounty stands for anywhere else.
var Municipalities = []string{
	"Arboga", "Fagersta", "Hallstahammar", "Kungsör", "Köping",
	"Norberg", "Sala", "Skinnskatteberg", "Surahammar", "Västerås",
}

// OutsideCounty is the municipality value for places outside Västmanland.
const OutsideCounty = "utanför länet"

// Status is where a submission is in its life.
type Status string

const (
	StatusDraft     Status = "draft"     // utkast
	StatusReady     Status = "ready"     // klar
	StatusSubmitted Status = "submitted" // inlämnad
	StatusHandled   Status = "handled"   // behandlad i arenan
	StatusForwarded Status = "forwarded" // vidare till region/Trafikverket
	StatusResolved  Status = "resolved"  // åtgärdad
	StatusClosed    Status = "closed"    // avslutad
)

// Statuses lists the statuses in the order of the trail.
var Statuses = []Status{StatusDraft, StatusReady, StatusSubmitted, StatusHandled, StatusForwarded, StatusResolved, StatusClosed}

// Valid reports whether s is a known status.
func (s Status) Valid() bool {
	for _, k := range Statuses {
		if s == k {
			return true
		}
	}
	return false
}

// CostClass is the rough cost of the proposed measures. 50 MSEK is where the
// regional plan names a measure individually.
type CostClass string

const (
	CostUnknown CostClass = "unknown"
	CostUnder50 CostClass = "under50"
	CostOver50  CostClass = "over50"
)

// CostClasses lists the cost classes in display order.
var CostClasses = []CostClass{CostUnknown, CostUnder50, CostOver50}

// Step is a step of Trafikverket's four-step principle (fyrstegsprincipen).
type Step int

const (
	StepRethink  Step = 1 // Tänk om
	StepOptimise Step = 2 // Optimera
	StepRebuild  Step = 3 // Bygg om
	StepBuildNew Step = 4 // Bygg nytt
)

// Steps lists the four steps.
var Steps = []Step{StepRethink, StepOptimise, StepRebuild, StepBuildNew}

// Measure is a proposed measure with its four-step step.
type Measure struct {
	Text string `json:"text"`
	Step Step   `json:"step"`
}

// FlowKind is what an affected-flow number counts.
type FlowKind string

const (
	FlowTonnesYear FlowKind = "tonnes_year" // gods, ton/år
	FlowTrucksDay  FlowKind = "trucks_day"  // lastbilar/dygn
	FlowTrainsWeek FlowKind = "trains_week" // tåg/vecka
	FlowTEUYear    FlowKind = "teu_year"    // TEU/år
	FlowEmployees  FlowKind = "employees"   // anställda
	FlowCommuters  FlowKind = "commuters"   // pendlare/dag
)

// FlowKinds lists the flow kinds in display order.
var FlowKinds = []FlowKind{FlowTonnesYear, FlowTrucksDay, FlowTrainsWeek, FlowTEUYear, FlowEmployees, FlowCommuters}

// Flows holds the affected flows; a kind that is absent was not given.
type Flows map[FlowKind]float64

// MarshalJSON writes the flows as an object kind → number, {} when there are
// none. A number that is not finite (what the form keeps of a typed
// non-number; validation reports it) is written as the string "NaN", "+Inf"
// or "-Inf", which plain JSON numbers cannot hold.
func (f Flows) MarshalJSON() ([]byte, error) {
	m := make(map[FlowKind]any, len(f))
	for k, v := range f {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			m[k] = strconv.FormatFloat(v, 'g', -1, 64)
		} else {
			m[k] = v
		}
	}
	return json.Marshal(m)
}

// UnmarshalJSON reads what MarshalJSON writes; an empty object gives nil.
func (f *Flows) UnmarshalJSON(b []byte) error {
	var m map[FlowKind]flowNumber
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	if len(m) == 0 {
		*f = nil
		return nil
	}
	out := make(Flows, len(m))
	for k, v := range m {
		out[k] = float64(v)
	}
	*f = out
	return nil
}

// flowNumber is one number of Flows' JSON: a number, or a string that
// names a number that is not finite.
type flowNumber float64

func (n *flowNumber) UnmarshalJSON(b []byte) error {
	s := string(b)
	quoted := len(b) > 0 && b[0] == '"'
	if quoted {
		var err error
		if s, err = strconv.Unquote(s); err != nil {
			return fmt.Errorf("flow %s: %w", b, err)
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || quoted && !math.IsNaN(v) && !math.IsInf(v, 0) {
		return fmt.Errorf("flow %s is not a number", b)
	}
	*n = flowNumber(v)
	return nil
}

// Consequence is an area where the deficiency hurts the company.
type Consequence string

const (
	ConsTime        Consequence = "time"
	ConsCost        Consequence = "cost"
	ConsReliability Consequence = "reliability"
	ConsSafety      Consequence = "safety"
	ConsEnvironment Consequence = "environment"
	ConsRecruitment Consequence = "recruitment"
)

// Consequences lists the consequence areas in display order.
var Consequences = []Consequence{ConsTime, ConsCost, ConsReliability, ConsSafety, ConsEnvironment, ConsRecruitment}

// Priority is the submitter's priority.
type Priority int

const (
	PriorityNone   Priority = 0
	PriorityHigh   Priority = 1
	PriorityMedium Priority = 2
	PriorityLow    Priority = 3
)

// Urgency says how soon action is needed.
type Urgency string

const (
	UrgencyNone     Urgency = ""
	UrgencyAcute    Urgency = "acute"     // akut
	UrgencyYear     Urgency = "within_1y" // inom ett år
	UrgencyFewYears Urgency = "within_3y" // inom tre år
	UrgencyLongTerm Urgency = "long_term" // långsiktigt
)

// Urgencies lists the urgencies in display order.
var Urgencies = []Urgency{UrgencyAcute, UrgencyYear, UrgencyFewYears, UrgencyLongTerm}

// StatusChange is one step of a submission's status trail.
type StatusChange struct {
	Status  Status    `json:"status"`
	At      time.Time `json:"at"`
	Comment string    `json:"comment"`
}

// Attachment is a photo or document stored with a submission.
type Attachment struct {
	ID      int64     `json:"-"` // the store's; another store gives another
	UID     string    `json:"uid"`
	Name    string    `json:"name"`
	MIME    string    `json:"mime"`
	Caption string    `json:"caption"`
	Size    int64     `json:"size"`
	Data    []byte    `json:"-"` // nil when only the metadata was loaded
	Added   time.Time `json:"added"`
}

// IsPhoto reports whether the attachment is an image.
func (a Attachment) IsPhoto() bool { return a.MIME == "image/jpeg" || a.MIME == "image/png" }

// Submission is an inspel: a concrete object in the transport infrastructure
// that needs action, described well enough for the chamber to push it.
//
// The type is the one definition of a submission's fields. Its JSON form
// (the tags below) is both the submission in an exchange package
// (docs/exchange-format.md) and the state a revision of the store keeps (its
// editable fields only; see Editable), and the store derives the columns of
// the editable fields from it. docs/ARCHITECTURE.md says what adding a field
// takes.
type Submission struct {
	ID  int64  `json:"-"`             // the store's; another store gives another
	UID string `json:"uid,omitempty"` // stable across machines; the exchange package matches on it

	Title        string     `json:"title"`
	Object       string     `json:"object"` // the concrete object: a junction, a quay, a level crossing
	Modes        []Mode     `json:"modes"`
	Municipality string     `json:"municipality"`
	RoadRef      string     `json:"road_ref"` // "E18", "rv 56", "Mälarbanan"
	Place        string     `json:"place"`    // free place description
	Point        *geo.Point `json:"point"`    // WGS84; nil when not given

	Deficiency      string `json:"deficiency"`           // what does not work
	DeficiencySince string `json:"deficiency_since"`     // since when
	DeficiencyFreq  string `json:"deficiency_frequency"` // how often

	Flows        Flows         `json:"flows"`
	Consequences []Consequence `json:"consequences"`
	Impact       string        `json:"impact"` // the consequences for the company, in words

	Measures  []Measure `json:"measures"`
	CostClass CostClass `json:"cost_class"`
	Priority  Priority  `json:"priority"`
	Urgency   Urgency   `json:"urgency"`
	AVSRef    string    `json:"avs_ref"` // reference to an åtgärdsvalsstudie

	MeetingKey    string   `json:"meeting_key"` // the arena meeting it is meant for
	Company       string   `json:"company"`
	ContactPerson string   `json:"contact_person"`
	ContactEmail  string   `json:"contact_email"`
	ContactPhone  string   `json:"contact_phone"`
	CoSigners     []string `json:"co_signers"`

	// The fields from here on are not editable (see fixedFields).
	Status  Status         `json:"status,omitempty"`
	Trail   []StatusChange `json:"trail,omitempty"`
	Created time.Time      `json:"created,omitzero"`
	Updated time.Time      `json:"updated,omitzero"`
	Deleted *time.Time     `json:"-"` // set while in the trash

	// Version is the version of the editable fields as the store gave them:
	// a save that passes it is refused when they were changed elsewhere
	// since. 0 means unknown: the save then writes whatever is stored.
	Version int64 `json:"-"`

	Attachments []Attachment `json:"attachments,omitempty"`
}

// fixedFields are the fields of a Submission that are not typed in the form:
// its identity, where it is in its life (status, trail, dates), the trash,
// the version and the attachments. The store keeps them itself, a revision
// does not hold them, and saving leaves them alone. Every other field is
// editable, so a field added to the type is editable unless it is named
// here.
var fixedFields = map[string]bool{
	"ID": true, "UID": true, "Status": true, "Trail": true, "Created": true,
	"Updated": true, "Deleted": true, "Version": true, "Attachments": true,
}

// editableFields are the editable fields of Submission, in the type's order.
var editableFields = func() []reflect.StructField {
	t := reflect.TypeFor[Submission]()
	var fs []reflect.StructField
	for i := range t.NumField() {
		if f := t.Field(i); !fixedFields[f.Name] {
			fs = append(fs, f)
		}
	}
	return fs
}()

// EditableFields describes the editable fields of Submission, in the
// type's order: everything a person types in the form, which the store
// saves, a revision keeps and a restore puts back. Codecs that follow the
// type (the store's columns) read them from here.
func EditableFields() []reflect.StructField { return slices.Clone(editableFields) }

// Editable returns s with its editable fields only: the others are zero.
func (s Submission) Editable() Submission {
	return Submission{}.WithEditable(s)
}

// WithEditable returns s with the editable fields of e instead of its own.
func (s Submission) WithEditable(e Submission) Submission {
	dst, src := reflect.ValueOf(&s).Elem(), reflect.ValueOf(e)
	for _, f := range editableFields {
		dst.FieldByIndex(f.Index).Set(src.FieldByIndex(f.Index))
	}
	return s
}

// Compact makes the empty lists and maps of s nil, as the store gives them,
// so that a submission decoded from JSON, where an empty list is [], equals
// the same submission read from the store.
func (s *Submission) Compact() {
	v := reflect.ValueOf(s).Elem()
	for i := range v.NumField() {
		if f := v.Field(i); (f.Kind() == reflect.Slice || f.Kind() == reflect.Map) && !f.IsNil() && f.Len() == 0 {
			f.SetZero()
		}
	}
}

// Clone returns a copy of s whose lists, maps and point are copies too, so
// that a copy handed to another goroutine may be changed without touching
// the original. Every field of those kinds is copied, a field added later
// too. The bytes of the attachments (Attachment.Data) are shared: nothing
// changes them in place.
func (s Submission) Clone() Submission {
	c := s
	v := reflect.ValueOf(&c).Elem()
	for i := range v.NumField() {
		f := v.Field(i)
		switch {
		case f.Kind() == reflect.Slice && f.Len() == 0:
			f.SetZero()
		case f.Kind() == reflect.Slice:
			cp := reflect.MakeSlice(f.Type(), f.Len(), f.Len())
			reflect.Copy(cp, f)
			f.Set(cp)
		case f.Kind() == reflect.Map && !f.IsNil():
			cp := reflect.MakeMapWithSize(f.Type(), f.Len())
			for it := f.MapRange(); it.Next(); {
				cp.SetMapIndex(it.Key(), it.Value())
			}
			f.Set(cp)
		case f.Kind() == reflect.Pointer && !f.IsNil():
			cp := reflect.New(f.Type().Elem())
			cp.Elem().Set(f.Elem())
			f.Set(cp)
		}
	}
	return c
}
