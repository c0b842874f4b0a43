package report

import (
	"time"

	"github.com/handelskammaren/ila-desk/data"
)

// Options are what every document needs besides its content.
type Options struct {
	// Lang is the language of dates and numbers; labels come from T.
	Lang data.Language
	// T translates an English label and fills its {{.Name}} placeholders;
	// the UI passes locale.T. Nil means English (data.Render).
	T func(msg string, args map[string]any) string
	// Created is the date printed in the footer and stored as the PDF's
	// creation date; the zero time means now. Fixing it makes the output
	// reproducible.
	Created time.Time
	// AppName and AppVersion name the creator in the PDF's metadata and
	// footer, "ILA Desk 1.2.0".
	AppName, AppVersion string
	// Company is the user's company: the author of the document and, in a
	// submission without a company of its own, the submitter.
	Company data.Company

	// noCompress leaves the content streams readable, for tests.
	noCompress bool
}

// Photo is a picture to print with a submission: JPEG or PNG bytes and the
// caption the user gave it.
type Photo struct {
	Caption string
	Data    []byte
	MIME    string
}

// ReportFilter describes which submissions a consolidated report holds. The
// caller selects the submissions; the report only names the selection on its
// cover, so a reader knows what was left out.
type ReportFilter struct {
	// Title replaces the default cover title when set.
	Title string
	// Meeting is the arena meeting the report is for, if any.
	Meeting *data.Meeting
	// Statuses, Modes and Municipalities list what was included; empty
	// means all.
	Statuses       []data.Status
	Modes          []data.Mode
	Municipalities []string
	// Text is a free-text search the selection was made with.
	Text string
	// From and To bound the submissions' dates; zero means open.
	From, To time.Time
}

// MeetingBookInput is the content of a meeting book: one numbered PDF a
// member prints or reads offline before an arena meeting.
type MeetingBookInput struct {
	Meeting data.Meeting
	Arena   data.Arena
	// LatestProtocol is the last protocol dated before the meeting's day,
	// if any, and ProtocolText its text (Markdown or plain); when
	// ProtocolText is empty the protocol's own Text is used.
	LatestProtocol *data.Protocol
	ProtocolText   string
	// OwnProtocol is the protocol of the meeting itself, when one is
	// linked to it (a book printed after the meeting), and
	// OwnProtocolText its text; it has a section of its own.
	OwnProtocol     *data.Protocol
	OwnProtocolText string
	// Submissions are the company's submissions for the meeting.
	Submissions []data.Submission
	// Notes are the user's own notes on the meeting (Markdown or plain).
	Notes string
}

func (o Options) creator() string {
	name := o.AppName
	if name == "" {
		name = "ILA Desk"
	}
	if o.AppVersion == "" {
		return name
	}
	return name + " " + o.AppVersion
}
