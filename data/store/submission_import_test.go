package store_test

import (
	"bytes"
	"context"
	"errors"
	"image"
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

// loader serves attachments' bytes by UID to ImportSubmissionsFrom and
// counts the reads.
type loader struct {
	files map[string][]byte
	reads map[string]int
	fail  func(uid string, read int) error // nil: every read succeeds
}

func (l *loader) load(a data.Attachment) ([]byte, error) {
	if l.reads == nil {
		l.reads = map[string]int{}
	}
	l.reads[a.UID]++
	if l.fail != nil {
		if err := l.fail(a.UID, l.reads[a.UID]); err != nil {
			return nil, err
		}
	}
	b, ok := l.files[a.UID]
	if !ok {
		return nil, errors.New("no such attachment in the package")
	}
	return b, nil
}

var errCannotDeliver = errors.New("the package cannot deliver this attachment")

func TestImportSubmissionsFromAFailingLoadImportsNothing(t *testing.T) {
	photo, doc := store.NewUID(), store.NewUID()
	tests := []struct {
		name string
		fail func(uid string, read int) error
	}{
		// Documents are first read under the write lock, after the
		// updated submission has been written in the transaction.
		{"a document, under the write lock", func(uid string, _ int) error {
			if uid == doc {
				return errCannotDeliver
			}
			return nil
		}},
		// Photos are read once before the lock for their thumbnails.
		{"a photo, before the write lock", func(uid string, _ int) error {
			if uid == photo {
				return errCannotDeliver
			}
			return nil
		}},
		{"a photo, read again under the write lock", func(uid string, read int) error {
			if uid == photo && read == 2 {
				return errCannotDeliver
			}
			return nil
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			s := open(t)
			first := data.Submission{UID: store.NewUID(), Title: "Kaj 4 i Köpings hamn", Status: data.StatusSubmitted}
			if _, _, err := s.ImportSubmissions(ctx, []data.Submission{first}); err != nil {
				t.Fatal(err)
			}
			updated := first
			updated.Title = "Kaj 4 i Köpings hamn (uppdaterad)"
			updated.Attachments = []data.Attachment{{UID: store.NewUID(), Name: "karta.png", MIME: "image/png"}}
			added := data.Submission{UID: store.NewUID(), Title: "Plankorsning vid Kolbäck", Attachments: []data.Attachment{
				{UID: doc, Name: "utredning.pdf", MIME: "application/pdf"},
				{UID: photo, Name: "korsning.jpg", MIME: "image/jpeg"},
			}}
			l := &loader{files: map[string][]byte{
				updated.Attachments[0].UID: pngBytes(t, 300, 200),
				doc:                        pdfBytes(),
				photo:                      jpegBytes(t, 640, 480, 1),
			}, fail: tt.fail}

			_, _, err := s.ImportSubmissionsFrom(ctx, []data.Submission{updated, added}, l.load)
			if !errors.Is(err, errCannotDeliver) {
				t.Fatalf("got %v, want the load's error", err)
			}
			got, err := s.SubmissionByUID(ctx, first.UID)
			if err != nil || got.Title != first.Title || len(got.Attachments) != 0 {
				t.Errorf("after the failed import the first submission is %q with %d attachments (%v); want %q with none",
					got.Title, len(got.Attachments), err, first.Title)
			}
			if _, err := s.SubmissionByUID(ctx, added.UID); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("the new submission: got %v, want ErrNotFound (not imported)", err)
			}
			revs, err := s.Revisions(ctx, got.ID)
			if err != nil || len(revs) != 0 {
				t.Errorf("the failed import left %d revisions (%v), want none", len(revs), err)
			}
		})
	}
}

func TestImportSubmissionsFromStoresWhatLoadGives(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	sub := data.Submission{UID: store.NewUID(), Title: "Plankorsning vid Kolbäck", Attachments: []data.Attachment{
		{UID: store.NewUID(), Name: "utredning.pdf", MIME: "application/pdf", Caption: "Utredningen"},
		{UID: store.NewUID(), Name: "korsning.jpg", MIME: "image/jpeg", Caption: "Korsningen"},
		{UID: store.NewUID(), Name: "karta.png", MIME: "image/png"},
		{UID: store.NewUID(), Name: "utan-typ"}, // no MIME given: the bytes decide
	}}
	files := map[string][]byte{
		sub.Attachments[0].UID: pdfBytes(),
		sub.Attachments[1].UID: jpegBytes(t, 1024, 768, 1),
		sub.Attachments[2].UID: pngBytes(t, 300, 600),
		sub.Attachments[3].UID: jpegBytes(t, 100, 50, 1),
	}
	// The map changes after the first read of the PNG: what is stored and
	// thumbnailed is what the store read under the write lock.
	changed := pngBytes(t, 600, 300)
	l := &loader{files: files}
	l.fail = func(uid string, read int) error {
		if uid == sub.Attachments[2].UID && read == 1 {
			defer func() { files[uid] = changed }()
		}
		return nil
	}
	created, updated, err := s.ImportSubmissionsFrom(ctx, []data.Submission{sub}, l.load)
	if err != nil || created != 1 || updated != 0 {
		t.Fatalf("import: %d created, %d updated, %v; want 1, 0", created, updated, err)
	}
	got, err := s.SubmissionByUID(ctx, sub.UID)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		mime          string
		thumbW, thumb int
	}{{"application/pdf", 0, 0}, {"image/jpeg", 256, 192}, {"image/png", 256, 128}, {"image/jpeg", 100, 50}}
	if len(got.Attachments) != len(want) {
		t.Fatalf("got %d attachments, want %d", len(got.Attachments), len(want))
	}
	for i, a := range got.Attachments {
		in := sub.Attachments[i]
		if a.UID != in.UID || a.Name != in.Name || a.Caption != in.Caption || a.MIME != want[i].mime || a.Size != int64(len(files[in.UID])) {
			t.Errorf("attachment %d: got %s %q %q %s %d bytes, want %s %q %q %s %d bytes", i, a.UID, a.Name, a.Caption, a.MIME, a.Size,
				in.UID, in.Name, in.Caption, want[i].mime, len(files[in.UID]))
		}
		b, err := s.AttachmentData(ctx, a.ID)
		if err != nil || !bytes.Equal(b, files[in.UID]) {
			t.Errorf("attachment %d: %d bytes stored (%v), want the %d bytes load gave last", i, len(b), err, len(files[in.UID]))
		}
		th, err := s.AttachmentThumbnail(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if want[i].thumbW == 0 {
			if th != nil {
				t.Errorf("attachment %d: a document got a thumbnail", i)
			}
			continue
		}
		cfg, _, err := image.DecodeConfig(bytes.NewReader(th))
		if err != nil || cfg.Width != want[i].thumbW || cfg.Height != want[i].thumb {
			t.Errorf("attachment %d: thumbnail %d×%d (%v), want %d×%d", i, cfg.Width, cfg.Height, err, want[i].thumbW, want[i].thumb)
		}
	}
	// Photos are read twice (their thumbnails are made before the write
	// lock), documents once; none is read more.
	for i, n := range []int{1, 2, 2, 2} {
		if r := l.reads[sub.Attachments[i].UID]; r != n {
			t.Errorf("attachment %d was read %d times, want %d", i, r, n)
		}
	}
}
