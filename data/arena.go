package data

import (
	"time"
	// The meeting times are Europe/Stockholm; embedding the zone database keeps
	// them right on systems without one (Windows, minimal containers).
	_ "time/tzdata"
)

// Stockholm is the arena's time zone; every meeting time is shown in it.
var Stockholm = mustZone("Europe/Stockholm")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic("load time zone " + name + ": " + err.Error())
	}
	return loc
}

// Origin tells who made a row: the chamber's content file or the user.
type Origin string

const (
	OriginContent Origin = "content" // from a content file; replaced by newer content
	OriginUser    Origin = "user"    // made in this app; kept across content updates
)

// Arena is the arena's own description.
type Arena struct {
	Name       string // "Infrastruktur & Logistikarenan (ILA)"
	Organiser  string // "Handelskammaren Mälardalen"
	Purpose    string // Markdown
	Goal       string // Markdown
	Background string // Markdown
	URL        string
	JoinEmail  string // where to ask to join the network
	JoinText   string
}

// FocusArea is one of the arena's focus areas.
type FocusArea struct {
	ID       int64
	Key      string
	Position int
	Title    string
	Body     string // Markdown
}

// Activity is one of the things the arena does.
type Activity struct {
	ID       int64
	Key      string
	Position int
	Text     string
}

// Meeting is an arena meeting with its time span in Europe/Stockholm.
type Meeting struct {
	ID          int64
	Key         string // stable across content versions; also the base of the calendar UID
	Title       string
	Kind        string // e.g. "network"
	Start, End  time.Time
	Location    string
	Description string // Markdown
	Agenda      []AgendaItem
	Origin      Origin
}

// AgendaItem is one point on a meeting's agenda.
type AgendaItem struct {
	ID       int64
	Position int
	Title    string
	Notes    string
}

// Protocol is an entry in the protocol library. The chamber's content gives
// its date and title; the text or a document is added by whoever has it.
type Protocol struct {
	ID         int64
	Key        string
	Date       time.Time // a civil date, midnight Stockholm time
	Title      string
	Kind       string // "minutes", "network-meeting"
	Text       string // Markdown or plain text, may be empty
	MeetingKey string // the meeting it records, if known
	Document   *DocumentInfo
	Origin     Origin
}

// DocumentInfo describes a document stored with a protocol, without its bytes.
type DocumentInfo struct {
	ID         int64
	Name       string
	MIME       string
	Size       int64
	Searchable bool // false when no text could be extracted
	Added      time.Time
}

// Event is one of the chamber's events.
type Event struct {
	ID      int64
	Key     string
	Date    time.Time
	Title   string
	Summary string
	City    string
	Origin  Origin
}

// Contact is a person at the chamber.
type Contact struct {
	ID       int64
	Key      string
	Position int
	Name     string
	Role     string
	Email    string
	Phone    string
	Origin   Origin
}

// Office is one of the chamber's offices.
type Office struct {
	ID         int64
	Key        string
	Position   int
	Name       string
	Street     string
	PostBox    string
	PostalCode string
	City       string
	Phone      string
	Email      string
	Origin     Origin
}

// Company is the user's own company profile, the default submitter.
type Company struct {
	Name          string
	OrgNumber     string // NNNNNN-NNNN
	ContactPerson string
	Email         string
	Phone         string
}

// Note is a user's private note on a meeting or protocol. It is keyed by the
// item's content key so it survives content updates.
type Note struct {
	TargetKind string // "meeting" or "protocol"
	TargetKey  string
	Text       string
	Updated    time.Time
}
