package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/content"
	"github.com/handelskammaren/ila-desk/data/store"
)

// twoStores opens the same database file twice, as two windows do.
func twoStores(t *testing.T) (a, b *store.Store) {
	t.Helper()
	a = open(t)
	b, err := store.Open(context.Background(), a.Path())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return a, b
}

// wantConflict fails unless err is a conflict for a person.
func wantConflict(t *testing.T, what string, err error) {
	t.Helper()
	var c *store.Conflict
	if !errors.Is(err, store.ErrConflict) || !errors.As(err, &c) {
		t.Errorf("%s: got %v, want ErrConflict", what, err)
		return
	}
	if p, ok := data.AsProblem(err); !ok || !strings.Contains(p.English(), "changed elsewhere") {
		t.Errorf("%s: %v is not a problem that says it was changed elsewhere", what, err)
	}
}

func TestSaveFromTheSameCopyFollowsItsOwnSaves(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	sub := mustCreate(t, s, data.Submission{Title: "P"})
	// An autosaver saves the copy it loaded again and again, without
	// taking the returned version: its own saves are no conflict.
	for _, title := range []string{"Pl", "Pla", "Plan"} {
		sub.Title = title
		mustSave(t, s, sub)
	}
	// Taking the returned version works as well.
	cur, _ := s.Submission(ctx, sub.ID)
	cur.Title = "Plank"
	next := mustSave(t, s, cur)
	next.Title = "Plankorsning"
	next = mustSave(t, s, next)
	// But the first copy, now older than the row, is refused.
	sub.Title = "gammal"
	if _, err := s.SaveSubmission(ctx, sub); err == nil {
		t.Error("a copy from before a save with a newer version was saved")
	}
	if got, _ := s.Submission(ctx, sub.ID); got.Title != "Plankorsning" {
		t.Errorf("title %q, want Plankorsning", got.Title)
	}
	_ = next
}

func TestRestoreAndImportChangeTheVersion(t *testing.T) {
	a, b := twoStores(t)
	ctx := context.Background()
	c := withClock(t, a)
	sub := mustCreate(t, a, fullSubmission())
	first := mustSave(t, a, sub)
	c.add(time.Minute)
	first.Title = "Andra"
	editor := mustSave(t, a, first) // A's editor holds this one

	// B restores the first revision: A's editor is stale.
	revs, _ := b.Revisions(ctx, sub.ID)
	if _, err := b.RestoreRevision(ctx, sub.ID, revs[len(revs)-1].ID); err != nil {
		t.Fatal(err)
	}
	editor.Impact = "Skrivet i A"
	_, err := a.SaveSubmission(ctx, editor)
	wantConflict(t, "save after a restore elsewhere", err)

	// A reloads; B imports a package with the same UID: stale again.
	editor, _ = a.Submission(ctx, sub.ID)
	imp := editor
	imp.Deficiency = "Från paketet"
	if _, err := b.UpsertSubmissionFromExchange(ctx, imp); err != nil {
		t.Fatal(err)
	}
	editor.Impact = "Skrivet i A"
	_, err = a.SaveSubmission(ctx, editor)
	wantConflict(t, "save after an import elsewhere", err)
	if got, _ := a.Submission(ctx, sub.ID); got.Deficiency != "Från paketet" || got.Impact == "Skrivet i A" {
		t.Errorf("after the refused save: %q / %q, want the import kept and A's text not written", got.Deficiency, got.Impact)
	}
}

// An import that updates a submission keeps what it replaces, whether the
// replaced state was saved here, made by an earlier import or never saved.
func TestImportKeepsWhatItReplaces(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	uid := store.NewUID()
	first := data.Submission{UID: uid, Title: "Kaj 4", Deficiency: "Första paketet", Status: data.StatusSubmitted}
	if _, _, err := s.ImportSubmissions(ctx, []data.Submission{first}); err != nil {
		t.Fatal(err)
	}
	second := first
	second.Deficiency = "Andra paketet"
	if _, _, err := s.ImportSubmissions(ctx, []data.Submission{second}); err != nil {
		t.Fatal(err)
	}
	got, _ := s.SubmissionByUID(ctx, uid)
	got.Deficiency = "Sparat i fönstret"
	saved := mustSave(t, s, got)
	third := second
	third.Deficiency = "Tredje paketet"
	if _, _, err := s.ImportSubmissions(ctx, []data.Submission{third}); err != nil {
		t.Fatal(err)
	}
	revs, err := s.Revisions(ctx, saved.ID)
	if err != nil {
		t.Fatal(err)
	}
	var held []string
	for _, r := range revs {
		sub, _ := store.RevisionSnapshotForTest(ctx, s, r.ID)
		held = append(held, sub.Deficiency)
	}
	want := "Sparat i fönstret,Andra paketet,Första paketet"
	if strings.Join(held, ",") != want {
		t.Errorf("revisions hold %q, want %s (newest first)", held, want)
	}
	if revs[1].Kind != store.RevisionKept || revs[0].Kind != store.RevisionSaved {
		t.Errorf("revision kinds %s, %s; want save, kept", revs[0].Kind, revs[1].Kind)
	}
}

// Saves while typing replace only the newest revision this store wrote: a
// revision another window wrote a moment ago stays.
func TestTypingDoesNotReplaceAnotherWindowsRevision(t *testing.T) {
	a, b := twoStores(t)
	ctx := context.Background()
	c := withClock(t, a)
	store.SetClock(t, b, c.now)
	sub := mustCreate(t, a, data.Submission{Title: "Start"})
	sub.Title = "Från A"
	mustSave(t, a, sub)
	c.add(5 * time.Second)
	other, _ := b.Submission(ctx, sub.ID)
	other.Title = "Från B"
	mustSave(t, b, other)
	revs, _ := a.Revisions(ctx, sub.ID)
	var titles []string
	for _, r := range revs {
		titles = append(titles, r.Title)
	}
	if strings.Join(titles, ",") != "Från B,Från A" {
		t.Errorf("revisions %q, want Från B, Från A", titles)
	}
}

func TestConditionalSavesRefuseChangesMadeElsewhere(t *testing.T) {
	a, b := twoStores(t)
	ctx := context.Background()

	t.Run("note", func(t *testing.T) {
		n, v, err := a.NoteForEdit(ctx, "meeting", "meeting-2017-05-16")
		if err != nil || v != 0 {
			t.Fatalf("no note yet: version %d, %v; want 0", v, err)
		}
		n.Text = "A:s första rad"
		if v, err = a.SaveNoteIfUnchanged(ctx, n, v); err != nil {
			t.Fatal(err)
		}
		if err := b.SaveNote(ctx, data.Note{TargetKind: "meeting", TargetKey: "meeting-2017-05-16", Text: "B:s text"}); err != nil {
			t.Fatal(err)
		}
		n.Text = "A:s andra rad"
		_, err = a.SaveNoteIfUnchanged(ctx, n, v)
		wantConflict(t, "note", err)
		if got, _ := a.Note(ctx, "meeting", "meeting-2017-05-16"); got.Text != "B:s text" {
			t.Errorf("note %q, want B's", got.Text)
		}
		// Removed and written again elsewhere: the old version does not
		// come back.
		_, v, _ = a.NoteForEdit(ctx, "meeting", "meeting-2017-05-16")
		b.SaveNote(ctx, data.Note{TargetKind: "meeting", TargetKey: "meeting-2017-05-16", Text: ""})
		b.SaveNote(ctx, data.Note{TargetKind: "meeting", TargetKey: "meeting-2017-05-16", Text: "Ny av B"})
		_, err = a.SaveNoteIfUnchanged(ctx, n, v)
		wantConflict(t, "note made again elsewhere", err)
	})

	t.Run("company", func(t *testing.T) {
		c, v, err := a.CompanyForEdit(ctx)
		if err != nil {
			t.Fatal(err)
		}
		c.Name = "Mälarfrakt AB"
		if v, err = a.SaveCompanyIfUnchanged(ctx, c, v); err != nil {
			t.Fatal(err)
		}
		c.Phone = "021-1"
		if v, err = a.SaveCompanyIfUnchanged(ctx, c, v); err != nil {
			t.Fatalf("second save with the returned version: %v", err)
		}
		if err := b.SaveCompany(ctx, data.Company{Name: "Köpings Hamnlogistik AB"}); err != nil {
			t.Fatal(err)
		}
		_, err = a.SaveCompanyIfUnchanged(ctx, c, v)
		wantConflict(t, "company", err)
		if got, _ := a.Company(ctx); got.Name != "Köpings Hamnlogistik AB" {
			t.Errorf("company %q, want B's", got.Name)
		}
	})

	t.Run("meeting", func(t *testing.T) {
		ms, _ := a.Meetings(ctx)
		m, v, err := a.MeetingForEdit(ctx, ms[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		other := m
		other.Title = "Ändrat av B"
		if _, err := b.SaveMeeting(ctx, other); err != nil {
			t.Fatal(err)
		}
		m.Location = "Ändrat av A"
		_, _, err = a.SaveMeetingIfUnchanged(ctx, m, v)
		wantConflict(t, "meeting", err)
		got, v2, _ := a.MeetingForEdit(ctx, m.ID)
		if got.Title != "Ändrat av B" || got.Location == "Ändrat av A" {
			t.Errorf("meeting %q at %q, want B's change only", got.Title, got.Location)
		}
		got.Location = "Ändrat av A"
		if _, _, err := a.SaveMeetingIfUnchanged(ctx, got, v2); err != nil {
			t.Errorf("save with the version just read: %v", err)
		}
		// Deleted elsewhere: its own sentence.
		if err := b.DeleteMeeting(ctx, m.ID); err != nil {
			t.Fatal(err)
		}
		_, _, err = a.SaveMeetingIfUnchanged(ctx, got, v2)
		if p, ok := data.AsProblem(err); !ok || !errors.Is(err, store.ErrNotFound) || !strings.Contains(p.English(), "deleted elsewhere") {
			t.Errorf("save of a meeting deleted elsewhere: got %v, want a problem around ErrNotFound", err)
		}
	})

	t.Run("protocol", func(t *testing.T) {
		ps, _ := a.Protocols(ctx)
		p, v, err := a.ProtocolForEdit(ctx, ps[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		other := p
		other.Text = "B:s anteckningar"
		if _, err := b.SaveProtocol(ctx, other); err != nil {
			t.Fatal(err)
		}
		p.Text = "A:s anteckningar"
		_, _, err = a.SaveProtocolIfUnchanged(ctx, p, v)
		wantConflict(t, "protocol", err)
		if got, _ := a.Protocol(ctx, p.ID); got.Text != "B:s anteckningar" {
			t.Errorf("protocol text %q, want B's", got.Text)
		}
	})

	t.Run("event and contact", func(t *testing.T) {
		es, _ := a.Events(ctx)
		e, v, err := a.EventForEdit(ctx, es[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		other := e
		other.City = "Sala"
		b.SaveEvent(ctx, other)
		e.Summary = "A"
		_, _, err = a.SaveEventIfUnchanged(ctx, e, v)
		wantConflict(t, "event", err)

		cs, _ := a.Contacts(ctx)
		c, cv, err := a.ContactForEdit(ctx, cs[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		oc := c
		oc.Phone = "021-2"
		b.SaveContact(ctx, oc)
		c.Email = "a@example.se"
		_, _, err = a.SaveContactIfUnchanged(ctx, c, cv)
		wantConflict(t, "contact", err)
	})

	t.Run("content import", func(t *testing.T) {
		ms, _ := a.Meetings(ctx)
		m, v, err := a.MeetingForEdit(ctx, ms[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		f := newerContent(t, 5, func(f *content.File) { f.Meetings[0].Title = "Från kammaren" })
		if _, err := b.ImportContent(ctx, f); err != nil {
			t.Fatal(err)
		}
		m.Title = "Från koordinatorn"
		_, _, err = a.SaveMeetingIfUnchanged(ctx, m, v)
		wantConflict(t, "meeting after a content import elsewhere", err)
	})
}

// A database of schema 2 comes through migration 3 with its submissions
// and revisions, and the first save after it keeps the state it replaces.
func TestMigrationToVersionsKeepsEverything(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ila.db")
	schemaDB(t, path, 2)
	db := openRaw(t, path)
	for _, q := range []string{
		`INSERT INTO submissions (id, uid, title, deficiency, created_unix, updated_unix) VALUES (1, 'u1', 'Gammal', 'Från schema 2', 1500000000, 1500000000)`,
		`INSERT INTO submission_revisions (submission_id, opened_unix, at_unix, title, snapshot) VALUES (1, 1499999000, 1499999000, 'Äldre', '{"title":"Äldre","deficiency":"Äldst"}')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.SubmissionByUID(ctx, "u1")
	if err != nil || got.Deficiency != "Från schema 2" || got.Version == 0 {
		t.Fatalf("migrated submission %+v (%v), want it with a version", got, err)
	}
	got.Deficiency = "Efter uppgraderingen"
	mustSave(t, s, got)
	revs, _ := s.Revisions(ctx, got.ID)
	var held []string
	for _, r := range revs {
		sub, _ := store.RevisionSnapshotForTest(ctx, s, r.ID)
		held = append(held, sub.Deficiency)
	}
	if strings.Join(held, ",") != "Efter uppgraderingen,Från schema 2,Äldst" {
		t.Errorf("revisions hold %q, want the new state, the migrated one and the old revision", held)
	}
}

// An editor still open on a submission deleted elsewhere cannot save over
// the new submission that took its id.
func TestStaleSaveDoesNotOverwriteASubmissionThatTookItsID(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	old := mustCreate(t, s, data.Submission{Title: "Borttagen"})
	if err := s.DeleteSubmission(ctx, old.ID); err != nil {
		t.Fatal(err)
	}
	taken := mustCreate(t, s, data.Submission{Title: "Ny"})
	if taken.ID != old.ID {
		t.Fatalf("the new submission got id %d, not the freed %d; the test needs it", taken.ID, old.ID)
	}
	old.Title = "Redigerad i ett fönster som inte visste"
	_, err := s.SaveSubmission(ctx, old)
	if p, ok := data.AsProblem(err); !ok || !errors.Is(err, store.ErrNotFound) || !strings.Contains(p.English(), "deleted elsewhere") {
		t.Errorf("save of a deleted submission: got %v, want a problem around ErrNotFound", err)
	}
	if got, _ := s.Submission(ctx, taken.ID); got.Title != "Ny" {
		t.Errorf("the submission that took the id is titled %q, want Ny", got.Title)
	}
}

func TestSnapshotReadsChosenSubmissions(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	a := mustCreate(t, s, data.Submission{Title: "A"})
	mustCreate(t, s, data.Submission{Title: "B"})
	c := mustCreate(t, s, data.Submission{Title: "C"})
	err := s.ReadSnapshot(ctx, func(r *store.Snapshot) error {
		subs, err := r.SubmissionsFull(ctx, store.SubmissionQuery{IDs: []int64{c.ID, a.ID}, Sort: store.SortTitle})
		if err != nil {
			return err
		}
		var titles []string
		for _, x := range subs {
			titles = append(titles, x.Title)
		}
		if strings.Join(titles, ",") != "A,C" {
			t.Errorf("chosen submissions %q, want A,C", titles)
		}
		company, err := r.Company(ctx)
		_ = company
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
