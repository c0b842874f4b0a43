package printing_test

import (
	"bytes"
	"context"
	"path/filepath"
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

func TestMeetingBookTakesTheLatestProtocolBeforeTheMeeting(t *testing.T) {
	st := seeded(t)
	ctx := context.Background()
	m, err := st.MeetingByKey(ctx, "meeting-2017-05-16")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := printing.MeetingBook(ctx, st, m.ID, opt)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := doc.Write(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte("%PDF-")) {
		t.Error("the meeting book is not a PDF")
	}
	if doc.Title != "Nätverksmöte ILA" || !doc.Date.Equal(m.Start) {
		t.Errorf("document named %q %v, want the meeting's title and date", doc.Title, doc.Date)
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
	doc, err = printing.Protocol(ctx, st, ps[1].ID, opt)
	if err != nil || doc.AsIs != nil {
		t.Fatalf("a protocol without a document: AsIs %v, err %v; want a PDF made from its text", doc.AsIs != nil, err)
	}
}

func TestUnknownIDsAreProblems(t *testing.T) {
	st := seeded(t)
	ctx := context.Background()
	for name, f := range map[string]func() error{
		"submission": func() error { _, err := printing.Submission(ctx, st, 99, opt); return err },
		"meeting":    func() error { _, err := printing.MeetingBook(ctx, st, 99, opt); return err },
		"protocol":   func() error { _, err := printing.Protocol(ctx, st, 99, opt); return err },
	} {
		if _, ok := data.AsProblem(f()); !ok {
			t.Errorf("%s 99: want a problem for a person", name)
		}
	}
}
