package data

import "time"

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
	Text string
	Step Step
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

// Flows holds the affected flows; a nil pointer means not given.
type Flows map[FlowKind]float64

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
	Status  Status
	At      time.Time
	Comment string
}

// Attachment is a photo or document stored with a submission.
type Attachment struct {
	ID      int64
	UID     string
	Name    string
	MIME    string
	Caption string
	Size    int64
	Data    []byte // nil when only the metadata was loaded
	Added   time.Time
}

// IsPhoto reports whether the attachment is an image.
func (a Attachment) IsPhoto() bool { return a.MIME == "image/jpeg" || a.MIME == "image/png" }

// Submission is an inspel: a concrete object in the transport infrastructure
// that needs action, described well enough for the chamber to push it.
type Submission struct {
	ID  int64
	UID string // stable across machines; the exchange package matches on it

	Title        string
	Object       string // the concrete object: a junction, a quay, a level crossing
	Modes        []Mode
	Municipality string
	RoadRef      string // "E18", "rv 56", "Mälarbanan"
	Place        string // free place description
	HasPoint     bool
	Lat, Lon     float64 // WGS84, when HasPoint

	Deficiency      string // what does not work
	DeficiencySince string // since when
	DeficiencyFreq  string // how often

	Flows        Flows
	Consequences []Consequence
	Impact       string // the consequences for the company, in words

	Measures  []Measure
	CostClass CostClass
	Priority  Priority
	Urgency   Urgency
	AVSRef    string // reference to an åtgärdsvalsstudie

	MeetingKey    string // the arena meeting it is meant for
	Company       string
	ContactPerson string
	ContactEmail  string
	ContactPhone  string
	CoSigners     []string

	Status  Status
	Trail   []StatusChange
	Created time.Time
	Updated time.Time
	Deleted *time.Time // set while in the trash

	// Version is the version of the editable fields as the store gave them:
	// a save that passes it is refused when they were changed elsewhere
	// since. 0 means unknown: the save then writes whatever is stored.
	Version int64

	Attachments []Attachment
}

// Clone returns a deep copy of s, so that a copy handed to another goroutine
// shares nothing with the original.
func (s Submission) Clone() Submission {
	c := s
	c.Modes = append([]Mode(nil), s.Modes...)
	c.Consequences = append([]Consequence(nil), s.Consequences...)
	c.Measures = append([]Measure(nil), s.Measures...)
	c.CoSigners = append([]string(nil), s.CoSigners...)
	c.Trail = append([]StatusChange(nil), s.Trail...)
	c.Attachments = append([]Attachment(nil), s.Attachments...)
	if s.Flows != nil {
		c.Flows = make(Flows, len(s.Flows))
		for k, v := range s.Flows {
			c.Flows[k] = v
		}
	}
	if s.Deleted != nil {
		d := *s.Deleted
		c.Deleted = &d
	}
	return c
}
