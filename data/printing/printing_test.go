package printing_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/jpeg"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/handelskammaren/ila-desk/assets"
	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/content"
	"github.com/handelskammaren/ila-desk/data/printing"
	"github.com/handelskammaren/ila-desk/data/report"
	"github.com/handelskammaren/ila-desk/data/store"
)

func seeded(t *testing.T) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "ila.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f, _ := content.Parse(assets.DefaultContent)
	if _, err := st.ImportContent(ctx, f); err != nil {
		t.Fatal(err)
	}
	return st
}

var opt = report.Options{Lang: data.Swedish, Created: time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)}

// write writes doc and returns the strings the PDF draws, in order.
func write(t *testing.T, doc printing.Document) []string {
	t.Helper()
	var b bytes.Buffer
	if err := doc.Write(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte("%PDF-")) {
		t.Fatalf("got %.10q…, want a PDF", b.Bytes())
	}
	return pdfStrings(t, b.Bytes())
}

// TestMeetingBookTakesTheLatestProtocolBeforeTheMeeting: of the protocols in
// the store, the book gives the one dated last before the meeting's day,
// found here without the package's own rule.
func TestMeetingBookTakesTheLatestProtocolBeforeTheMeeting(t *testing.T) {
	st := seeded(t)
	ctx := context.Background()
	m, err := st.MeetingByKey(ctx, "meeting-2017-05-16")
	if err != nil {
		t.Fatal(err)
	}
	ps, err := st.Protocols(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var want *data.Protocol
	for i, p := range ps {
		if p.Date.Format("2006-01-02") < m.Start.Format("2006-01-02") && (want == nil || p.Date.After(want.Date)) {
			want = &ps[i]
		}
	}
	if want == nil {
		t.Fatal("the default content has no protocol before the meeting")
	}
	doc, err := printing.MeetingBook(ctx, st, m.ID, svOpt())
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "Nätverksmöte ILA" || !doc.Date.Equal(m.Start) {
		t.Errorf("document named %q %v, want the meeting's title and date", doc.Title, doc.Date)
	}
	wantDate := data.FormatDate(want.Date, data.Swedish)
	if got := after(write(t, doc), "3. Föregående protokoll", 2); !slices.Equal(got, []string{want.Title, wantDate}) {
		t.Errorf("under the heading 3. Föregående protokoll: got %q, want %q of %s (%s)", got, want.Title, wantDate, want.Key)
	}
}

func TestAnAttachedPDFProtocolIsPrintedAsItIs(t *testing.T) {
	st := seeded(t)
	ctx := context.Background()
	ps, _ := st.Protocols(ctx)
	pdf := []byte("%PDF-1.4\n% the chamber's own minutes\n%%EOF\n")
	if _, err := st.AttachDocument(ctx, ps[0].ID, store.Document{DocumentInfo: data.DocumentInfo{Name: "protokoll.pdf", MIME: "application/pdf"}, Data: pdf}); err != nil {
		t.Fatal(err)
	}
	doc, err := printing.Protocol(ctx, st, ps[0].ID, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(doc.AsIs, pdf) {
		t.Error("the attached PDF is not handed over as it is")
	}
	var b bytes.Buffer
	if err := doc.Write(&b); err != nil || !bytes.Equal(b.Bytes(), pdf) {
		t.Errorf("Write gave %d bytes (%v), want the attached PDF's %d", b.Len(), err, len(pdf))
	}
	doc, err = printing.Protocol(ctx, st, ps[1].ID, svOpt())
	if err != nil || doc.AsIs != nil {
		t.Fatalf("a protocol without a document: AsIs %v, err %v; want a PDF made from its text", doc.AsIs != nil, err)
	}
	// The PDF made is of the protocol asked for: its title and date.
	text := write(t, doc)
	if !slices.Contains(text, ps[1].Title) || !slices.Contains(text, data.FormatDate(ps[1].Date, data.Swedish)) {
		t.Errorf("the PDF of protocol %s lacks its title %q or date: %q", ps[1].Key, ps[1].Title, text)
	}
}

// TestUnknownIDsAreProblems: a record that is not in the store is a
// problem for a person, worded for the window as well as the command
// line (no "ila list"), that wraps ErrNotFound so the command line can add
// its hint.
func TestUnknownIDsAreProblems(t *testing.T) {
	st := seeded(t)
	ctx := context.Background()
	for name, f := range map[string]func() error{
		"submission": func() error { _, err := printing.Submission(ctx, st, 99, opt); return err },
		"meeting":    func() error { _, err := printing.MeetingBook(ctx, st, 99, opt); return err },
		"protocol":   func() error { _, err := printing.Protocol(ctx, st, 99, opt); return err },
		"report": func() error {
			_, err := printing.Report(ctx, st, store.SubmissionQuery{MeetingKey: "meeting-1999-01-01"}, opt)
			return err
		},
	} {
		err := f()
		p, ok := data.AsProblem(err)
		if !ok {
			t.Errorf("%s 99: got %v, want a problem for a person", name, err)
			continue
		}
		if !errors.Is(err, printing.ErrNotFound) || !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s 99: got %v, want it to wrap printing.ErrNotFound and store.ErrNotFound", name, err)
		}
		if msg := p.English(); strings.Contains(msg, "ila ") || !strings.Contains(msg, "99") && name != "report" {
			t.Errorf("%s 99: got %q, want the ID and no command-line hint", name, msg)
		}
	}
}

// TestStoreFailuresAreNotTakenForMissingRecords: when the store cannot be
// read, the error says so; it is neither "not found" nor a missing meeting.
func TestStoreFailuresAreNotTakenForMissingRecords(t *testing.T) {
	st := seeded(t)
	ctx := context.Background()
	m, err := st.MeetingByKey(ctx, "meeting-2017-11-21")
	if err != nil {
		t.Fatal(err)
	}
	sub, err := st.CreateSubmission(ctx, data.Submission{Title: "Kajen", MeetingKey: m.Key})
	if err != nil {
		t.Fatal(err)
	}
	// The meeting is the first thing read for a submission given as it
	// is with the company known and no photos: a failure to read it must
	// stop the print, not leave the meeting out.
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	withCompany := opt
	withCompany.Company = data.Company{Name: "Mälardalens Åkeri AB"}
	if _, err := printing.SubmissionValue(cancelled, st, sub, withCompany); !errors.Is(err, context.Canceled) {
		t.Errorf("reading the meeting failed: got %v, want the failure (context canceled)", err)
	}
	st.Close()
	for name, f := range map[string]func() error{
		"submission": func() error { _, err := printing.Submission(ctx, st, sub.ID, opt); return err },
		"meeting":    func() error { _, err := printing.MeetingBook(ctx, st, m.ID, opt); return err },
		"protocol":   func() error { _, err := printing.Protocol(ctx, st, 1, opt); return err },
		"report":     func() error { _, err := printing.Report(ctx, st, store.SubmissionQuery{}, opt); return err },
	} {
		if err := f(); err == nil || errors.Is(err, printing.ErrNotFound) {
			t.Errorf("%s from a closed store: got %v, want the store's error", name, err)
		}
	}
}

// TestSubmissionNamesItsMeetingWhenTheStoreHasIt: a submission meant for a
// meeting names it; one whose meeting is gone prints without it.
func TestSubmissionNamesItsMeetingWhenTheStoreHasIt(t *testing.T) {
	st := seeded(t)
	ctx := context.Background()
	for _, tc := range []struct {
		key  string
		want bool
	}{{"meeting-2017-11-21", true}, {"meeting-1999-01-01", false}} {
		sub, err := st.CreateSubmission(ctx, data.Submission{Title: "Plankorsningen i Kolbäck", MeetingKey: tc.key})
		if err != nil {
			t.Fatal(err)
		}
		doc, err := printing.Submission(ctx, st, sub.ID, svOpt())
		if err != nil {
			t.Fatalf("%s: %v", tc.key, err)
		}
		if doc.Title != sub.Title {
			t.Errorf("%s: document named %q, want %q", tc.key, doc.Title, sub.Title)
		}
		text := write(t, doc)
		if got := slices.Contains(text, "Avsett för möte"); got != tc.want {
			t.Errorf("%s: the meeting is named: got %v, want %v", tc.key, got, tc.want)
		}
	}
}

func TestSubmissionPrintsItsPhotosWithTheirCaptions(t *testing.T) {
	st := seeded(t)
	ctx := context.Background()
	sub, err := st.CreateSubmission(ctx, data.Submission{Title: "Kön vid bommarna"})
	if err != nil {
		t.Fatal(err)
	}
	var jpg bytes.Buffer
	if err := jpeg.Encode(&jpg, image.NewGray(image.Rect(0, 0, 40, 30)), nil); err != nil {
		t.Fatal(err)
	}
	for _, a := range []data.Attachment{
		{Name: "kon.jpg", MIME: "image/jpeg", Caption: "Kön en vardag kl. 07:40", Data: jpg.Bytes()},
		{Name: "yttrande.pdf", MIME: "application/pdf", Caption: "Yttrandet", Data: []byte("%PDF-1.4\n%%EOF\n")},
	} {
		if _, err := st.AddAttachment(ctx, sub.ID, a); err != nil {
			t.Fatal(err)
		}
	}
	if sub, err = st.Submission(ctx, sub.ID); err != nil {
		t.Fatal(err)
	}
	doc, err := printing.SubmissionValue(ctx, st, sub, svOpt())
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(write(t, doc), "\n")
	if !strings.Contains(text, "Kön en vardag kl. 07:40") {
		t.Error("the photo's caption is missing")
	}
	if strings.Contains(text, "Yttrandet") {
		t.Error("a document that is no photo is printed as one")
	}
}

// TestUntitledDocumentsAreNamedInTheUsersLanguage: the name offered for
// the file of an untitled submission and of the report is translated.
func TestUntitledDocumentsAreNamedInTheUsersLanguage(t *testing.T) {
	st := seeded(t)
	ctx := context.Background()
	for _, tc := range []struct {
		opt               report.Options
		submission, title string
	}{
		{svOpt(), "Inspel", "ILA rapport"},
		{opt, "Submission", "ILA report"}, // no translator: English
	} {
		doc, err := printing.SubmissionValue(ctx, st, data.Submission{}, tc.opt)
		if err != nil {
			t.Fatal(err)
		}
		if doc.Title != tc.submission {
			t.Errorf("an untitled submission: got %q, want %q", doc.Title, tc.submission)
		}
		doc, err = printing.Report(ctx, st, store.SubmissionQuery{}, tc.opt)
		if err != nil {
			t.Fatal(err)
		}
		if doc.Title != tc.title {
			t.Errorf("the report: got %q, want %q", doc.Title, tc.title)
		}
	}
}

// TestReportSelectsAndSaysWhatItSelects: the query picks the submissions,
// the report says by what, and a report for a meeting carries its date in
// its name.
func TestReportSelectsAndSaysWhatItSelects(t *testing.T) {
	st := seeded(t)
	ctx := context.Background()
	m, err := st.MeetingByKey(ctx, "meeting-2017-11-21")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []data.Submission{
		{Title: "Plankorsningen i Kolbäck", Municipality: "Hallstahammar", Modes: []data.Mode{data.ModeRail}, MeetingKey: m.Key},
		{Title: "Kajen i Köpings hamn", Municipality: "Köping", Modes: []data.Mode{data.ModeSea}, MeetingKey: m.Key},
		{Title: "Rondellen i Sala", Municipality: "Sala", Modes: []data.Mode{data.ModeRail}},
	} {
		if _, err := st.CreateSubmission(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	doc, err := printing.Report(ctx, st, store.SubmissionQuery{MeetingKey: m.Key, Mode: data.ModeRail, Municipality: "Hallstahammar", Status: data.StatusDraft}, svOpt())
	if err != nil {
		t.Fatal(err)
	}
	if want := "ILA rapport " + m.Start.Format("2006-01-02"); doc.Title != want {
		t.Errorf("document named %q, want %q", doc.Title, want)
	}
	text := strings.Join(write(t, doc), "\n")
	if !strings.Contains(text, "Plankorsningen i Kolbäck") || strings.Contains(text, "Kajen i Köpings hamn") || strings.Contains(text, "Rondellen i Sala") {
		t.Errorf("the report does not hold exactly the submission the query selects:\n%s", text)
	}
	for _, want := range []string{"Hallstahammar", "Utkast", m.Title} {
		if !strings.Contains(text, want) {
			t.Errorf("the report does not say it selects by %q", want)
		}
	}
}

// TestProtocolsPrintTheirAttachedMarkdown: a protocol whose text is an
// attached Markdown document prints that text, with its structure, on its
// own and in the meeting book, with the user's notes.
func TestProtocolsPrintTheirAttachedMarkdown(t *testing.T) {
	st := seeded(t)
	ctx := context.Background()
	own, err := st.MeetingByKey(ctx, "meeting-2017-02-22")
	if err != nil {
		t.Fatal(err)
	}
	ps, err := st.Protocols(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var p data.Protocol
	for _, q := range ps {
		if q.MeetingKey == own.Key {
			p = q
		}
	}
	md := "# Minnesanteckningar\n\nNärvarande: Anna\nOrdförande: Bertil\n\n- **Beslut:** tidplanen gäller\n"
	if _, err := st.AttachDocument(ctx, p.ID, store.Document{DocumentInfo: data.DocumentInfo{Name: "protokoll.md", MIME: "text/markdown; charset=utf-8"}, Data: []byte(md), Text: md}); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveNote(ctx, data.Note{TargetKind: "protocol", TargetKey: p.Key, Text: "Ring *Region Västmanland*."}); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveNote(ctx, data.Note{TargetKind: "meeting", TargetKey: own.Key, Text: "Ta med bilderna."}); err != nil {
		t.Fatal(err)
	}
	doc, err := printing.Protocol(ctx, st, p.ID, svOpt())
	if err != nil {
		t.Fatal(err)
	}
	text := write(t, doc)
	for _, want := range []string{"Närvarande: Anna", "Ordförande: Bertil", "Beslut:", "Region Västmanland", "Min anteckning"} {
		if !slices.Contains(text, want) {
			t.Errorf("the protocol lacks %q: %q", want, text)
		}
	}
	doc, err = printing.MeetingBook(ctx, st, own.ID, svOpt())
	if err != nil {
		t.Fatal(err)
	}
	text = write(t, doc)
	if got := after(text, "4. Protokoll från mötet", 1); !slices.Equal(got, []string{p.Title}) {
		t.Errorf("under 4. Protokoll från mötet: got %q, want %q", got, p.Title)
	}
	for _, want := range []string{"Närvarande: Anna", "Ta med bilderna."} {
		if !slices.Contains(text, want) {
			t.Errorf("the meeting book lacks %q", want)
		}
	}
}
