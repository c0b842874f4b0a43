package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/store"
)

func TestImportSubmissionsIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "ila.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	good := data.Submission{UID: store.NewUID(), Title: "Kaj 4 i Köpings hamn", Status: data.StatusSubmitted}
	created, updated, err := s.ImportSubmissions(ctx, []data.Submission{good})
	if err != nil || created != 1 || updated != 0 {
		t.Fatalf("first import: %d created, %d updated, %v; want 1, 0", created, updated, err)
	}
	good.Title = "Kaj 4 i Köpings hamn (uppdaterad)"
	bad := data.Submission{UID: store.NewUID(), Title: "Med trasig bilaga",
		Attachments: []data.Attachment{{UID: store.NewUID(), Name: "foto.jpg", Data: []byte("inte en bild")}}}
	if _, _, err := s.ImportSubmissions(ctx, []data.Submission{good, bad}); err == nil {
		t.Fatal("an import with a damaged attachment succeeded")
	}
	got, err := s.SubmissionByUID(ctx, good.UID)
	if err != nil || got.Title != "Kaj 4 i Köpings hamn" {
		t.Errorf("after a refused import the first submission is %q (%v); want it unchanged", got.Title, err)
	}
	if _, err := s.SubmissionByUID(ctx, bad.UID); err == nil {
		t.Error("the refused submission was stored")
	}
	created, updated, err = s.ImportSubmissions(ctx, []data.Submission{good})
	if err != nil || created != 0 || updated != 1 {
		t.Errorf("re-import: %d created, %d updated, %v; want 0, 1", created, updated, err)
	}
}
