// Package printing gathers what each printable document needs from the store
// and has package report lay it out: a submission, the consolidated report,
// a meeting book and a protocol. The window and the command line both print
// through it, so the two give the same PDF.
//
// Its problems are worded for both: when the record to print is not in the
// store, the problem wraps ErrNotFound and says nothing of how to list the
// IDs, which the command line adds (only it has an "ila list").
package printing

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/report"
	"github.com/handelskammaren/ila-desk/data/store"
)

// ErrNotFound is wrapped by the problem returned when the submission,
// meeting or protocol to print is not in the store.
var ErrNotFound = errors.New("nothing to print by that id")

// Document is a document ready to be written.
type Document struct {
	Title string    // for the default file name
	Date  time.Time // for the default file name
	// Write writes the PDF.
	Write func(w io.Writer) error
	// AsIs, when set, is an attached PDF to open as it is instead.
	AsIs []byte
}

// withCompany fills the options' company from the store when unset, and the
// translator.
func withCompany(ctx context.Context, st *store.Store, opt report.Options) (report.Options, error) {
	if opt.T == nil {
		opt.T = data.Render
	}
	if opt.Company.Name == "" {
		c, err := st.Company(ctx)
		if err != nil {
			return opt, err
		}
		opt.Company = c
	}
	return opt, nil
}

func created(opt report.Options) time.Time {
	if opt.Created.IsZero() {
		return time.Now()
	}
	return opt.Created
}

// photos loads the photo attachments of sub.
func photos(ctx context.Context, st *store.Store, sub data.Submission) ([]report.Photo, error) {
	var out []report.Photo
	for _, a := range sub.Attachments {
		if !a.IsPhoto() {
			continue
		}
		b, err := st.AttachmentData(ctx, a.ID)
		if err != nil {
			return nil, fmt.Errorf("photo %s: %w", a.Name, err)
		}
		out = append(out, report.Photo{Caption: a.Caption, Data: b, MIME: a.MIME})
	}
	return out, nil
}

// Submission prepares the PDF of one submission.
func Submission(ctx context.Context, st *store.Store, id int64, opt report.Options) (Document, error) {
	sub, err := st.Submission(ctx, id)
	if err != nil {
		return Document{}, notFound("There is no submission with ID {{.ID}}: it may have been deleted. Choose one that is listed.", err, id)
	}
	return submissionDoc(ctx, st, sub, opt)
}

// SubmissionValue prepares the PDF of a submission as given (the editor's
// current state).
func SubmissionValue(ctx context.Context, st *store.Store, sub data.Submission, opt report.Options) (Document, error) {
	return submissionDoc(ctx, st, sub, opt)
}

func submissionDoc(ctx context.Context, st *store.Store, sub data.Submission, opt report.Options) (Document, error) {
	opt, err := withCompany(ctx, st, opt)
	if err != nil {
		return Document{}, err
	}
	ph, err := photos(ctx, st, sub)
	if err != nil {
		return Document{}, err
	}
	// A meeting that is no longer in the store is not named; any other
	// failure to read it is the store's, and stops the print.
	var meeting *data.Meeting
	if sub.MeetingKey != "" {
		switch m, err := st.MeetingByKey(ctx, sub.MeetingKey); {
		case err == nil:
			meeting = &m
		case !errors.Is(err, store.ErrNotFound):
			return Document{}, fmt.Errorf("read the submission's meeting: %w", err)
		}
	}
	title := sub.Title
	if strings.TrimSpace(title) == "" {
		title = opt.T("Submission", nil)
	}
	return Document{Title: title, Date: created(opt), Write: func(w io.Writer) error {
		return report.Submission(w, sub, ph, meeting, opt)
	}}, nil
}

// Report prepares the consolidated report of the submissions q selects.
func Report(ctx context.Context, st *store.Store, q store.SubmissionQuery, opt report.Options) (Document, error) {
	opt, err := withCompany(ctx, st, opt)
	if err != nil {
		return Document{}, err
	}
	subs, err := st.SubmissionsFull(ctx, q)
	if err != nil {
		return Document{}, err
	}
	rf := report.ReportFilter{Text: q.Text}
	if q.Status != "" {
		rf.Statuses = []data.Status{q.Status}
	}
	if q.Mode != "" {
		rf.Modes = []data.Mode{q.Mode}
	}
	if q.Municipality != "" {
		rf.Municipalities = []string{q.Municipality}
	}
	title := opt.T("ILA report", nil)
	if q.MeetingKey != "" {
		m, err := st.MeetingByKey(ctx, q.MeetingKey)
		if err != nil {
			return Document{}, notFound("There is no meeting {{.ID}}: it may have been deleted. Choose one that is listed.", err, q.MeetingKey)
		}
		rf.Meeting = &m
		title += " " + m.Start.Format("2006-01-02")
	}
	return Document{Title: title, Date: created(opt), Write: func(w io.Writer) error {
		return report.Report(w, subs, rf, opt)
	}}, nil
}

// MeetingBook prepares the meeting book of meeting id: invitation, agenda,
// the latest protocol before it, its own protocol once there is one, the
// company's submissions for it and the user's notes.
func MeetingBook(ctx context.Context, st *store.Store, id int64, opt report.Options) (Document, error) {
	opt, err := withCompany(ctx, st, opt)
	if err != nil {
		return Document{}, err
	}
	m, err := st.Meeting(ctx, id)
	if err != nil {
		return Document{}, notFound("There is no meeting with ID {{.ID}}: it may have been deleted. Choose one that is listed.", err, id)
	}
	in := report.MeetingBookInput{Meeting: m}
	if in.Arena, err = st.Arena(ctx); err != nil && !errors.Is(err, store.ErrNotFound) {
		return Document{}, err
	}
	ps, err := st.Protocols(ctx)
	if err != nil {
		return Document{}, err
	}
	in.LatestProtocol, in.OwnProtocol = meetingProtocols(ps, m)
	if p := in.LatestProtocol; p != nil {
		if in.ProtocolText, err = protocolText(ctx, st, *p); err != nil {
			return Document{}, err
		}
	}
	if p := in.OwnProtocol; p != nil {
		if in.OwnProtocolText, err = protocolText(ctx, st, *p); err != nil {
			return Document{}, err
		}
	}
	if in.Submissions, err = st.SubmissionsFull(ctx, store.SubmissionQuery{MeetingKey: m.Key}); err != nil {
		return Document{}, err
	}
	n, err := st.Note(ctx, "meeting", m.Key)
	if err != nil {
		return Document{}, err
	}
	in.Notes = n.Text
	return Document{Title: m.Title, Date: m.Start, Write: func(w io.Writer) error {
		return report.MeetingBook(w, in, opt)
	}}, nil
}

// meetingProtocols picks the protocols a meeting book of m shows: prev, the
// latest protocol dated before the meeting's day, and own, the protocol
// linked to m itself (its minutes, once the meeting has been held). A
// protocol dated the day of the meeting is never the previous one: its
// date is midnight, before the meeting began, but it records that day.
func meetingProtocols(ps []data.Protocol, m data.Meeting) (prev, own *data.Protocol) {
	day := civilDay(m.Start)
	for i := range ps {
		p := &ps[i]
		switch {
		case m.Key != "" && p.MeetingKey == m.Key:
			if own == nil {
				own = p
			}
		case m.Start.IsZero() || p.Date.IsZero() || !civilDay(p.Date).Before(day):
		case prev == nil || p.Date.After(prev.Date):
			prev = p
		}
	}
	return prev, own
}

// civilDay is t's date in Stockholm, as midnight UTC, for comparing days.
func civilDay(t time.Time) time.Time {
	y, m, d := t.In(data.Stockholm).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Protocol prepares protocol id for print: its text with its Markdown
// structure, or, when a PDF is attached, that PDF as it is.
func Protocol(ctx context.Context, st *store.Store, id int64, opt report.Options) (Document, error) {
	opt, err := withCompany(ctx, st, opt)
	if err != nil {
		return Document{}, err
	}
	p, err := st.Protocol(ctx, id)
	if err != nil {
		return Document{}, notFound("There is no protocol with ID {{.ID}}: it may have been deleted. Choose one that is listed.", err, id)
	}
	doc := Document{Title: p.Title, Date: p.Date}
	if p.Document != nil && p.Document.MIME == "application/pdf" {
		d, err := st.DocumentData(ctx, id)
		if err != nil {
			return Document{}, err
		}
		doc.AsIs = d.Data
		doc.Write = func(w io.Writer) error {
			_, err := w.Write(d.Data)
			return err
		}
		return doc, nil
	}
	text, err := protocolText(ctx, st, p)
	if err != nil {
		return Document{}, err
	}
	n, err := st.Note(ctx, "protocol", p.Key)
	if err != nil {
		return Document{}, err
	}
	doc.Write = func(w io.Writer) error { return report.Protocol(w, p, text, n.Text, opt) }
	return doc, nil
}

// protocolText is a protocol's own text, or the text of its attached
// Markdown or text document.
func protocolText(ctx context.Context, st *store.Store, p data.Protocol) (string, error) {
	if p.Text != "" || p.Document == nil || p.Document.MIME == "application/pdf" {
		return p.Text, nil
	}
	d, err := st.DocumentData(ctx, p.ID)
	if err != nil {
		return "", err
	}
	return string(d.Data), nil
}

// notFound is the problem msg when err is the store's ErrNotFound, else
// err itself: the store failed.
func notFound(msg string, err error, id any) error {
	if errors.Is(err, store.ErrNotFound) {
		return &data.Problem{Msg: msg, Args: map[string]any{"ID": id}, Err: fmt.Errorf("%w: %w", ErrNotFound, err)}
	}
	return err
}
