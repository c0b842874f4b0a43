package ui

import (
	"context"
	"database/sql"
	"math"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/geo"
	"github.com/handelskammaren/ila-desk/data/store"
)

// failWrites makes the store's writes matching the SQL trigger condition
// fail, as a full disk does, until the returned function is called. It works
// through a connection of its own, so the store under test is unchanged.
func failWrites(t *testing.T, u *UI, on string) (restore func()) {
	t.Helper()
	db, err := sql.Open("sqlite", u.st.Path())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TRIGGER test_disk_full ` + on + ` BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`); err != nil {
		t.Fatal(err)
	}
	done := false
	restore = func() {
		if done {
			return
		}
		done = true
		if _, err := db.Exec(`DROP TRIGGER test_disk_full`); err != nil {
			t.Error(err)
		}
		db.Close()
	}
	t.Cleanup(restore)
	return restore
}

// failSubmissionSaves makes SaveSubmission fail.
func failSubmissionSaves(t *testing.T, u *UI) func() {
	return failWrites(t, u, `BEFORE UPDATE OF title ON submissions`)
}

func storedSubmission(t *testing.T, u *UI, id int64) data.Submission {
	t.Helper()
	s, err := u.st.Submission(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestFailedSaveKeepsTheEditorOpenUntilItIsSaved(t *testing.T) {
	u := newTestUI(t, data.English)
	u.newSubmission()
	e := openedEditor(t, u)
	id := e.sub.ID
	restore := failSubmissionSaves(t, u)
	test.Type(e.fields.title, "Kajen i Köping")
	if err := e.flush(); err == nil {
		t.Fatal("flush on a full disk returned no error")
	}
	u.closeSubmission() // "All submissions"
	if openedEditor(t, u) != e || e.sub.Title != "Kajen i Köping" {
		t.Fatalf("the editor closed although its changes are not saved (editor %p, title %q)", openedEditor(t, u), e.sub.Title)
	}
	u.openSubmission(id) // e.g. from the search, or Duplicate
	if openedEditor(t, u) != e {
		t.Fatal("another editor replaced the one whose changes are not saved")
	}
	restore()
	u.closeSubmission() // nothing new was typed: the failed version is saved again
	if openedEditor(t, u) != nil {
		t.Error("the editor stays open after its changes were saved")
	}
	if got := storedSubmission(t, u, id).Title; got != "Kajen i Köping" {
		t.Errorf("stored title %q, want what was typed before the failed save", got)
	}
}

func TestReloadKeepsWhatWasJustTyped(t *testing.T) {
	u := newTestUI(t, data.English)
	u.newSubmission()
	e := openedEditor(t, u)
	test.Type(e.fields.title, "Plankorsningen i Kolbäck")
	e.reload() // as after removing an attachment, before the autosave ran
	settleAll(t, u)
	if e.sub.Title != "Plankorsningen i Kolbäck" || e.fields.title.Text != "Plankorsningen i Kolbäck" {
		t.Errorf("after reload the editor has %q / %q, want what was typed", e.sub.Title, e.fields.title.Text)
	}
	if got := storedSubmission(t, u, e.sub.ID).Title; got != "Plankorsningen i Kolbäck" {
		t.Errorf("stored title %q", got)
	}

	// When the save fails, reload keeps what was typed and takes the rest.
	failSubmissionSaves(t, u)
	e.fields.title.SetText("")
	test.Type(e.fields.title, "Kolbäck, plankorsning")
	e.setStatus(data.Statuses[1], "")
	settleAll(t, u)
	if e.sub.Title != "Kolbäck, plankorsning" {
		t.Errorf("after a failed save and a status change the title is %q, want what was typed", e.sub.Title)
	}
	if e.sub.Status != data.Statuses[1] {
		t.Errorf("status %q, want %q", e.sub.Status, data.Statuses[1])
	}
}

func TestOpeningTheOpenSubmissionShowsWhatWasJustTyped(t *testing.T) {
	u := newTestUI(t, data.English)
	u.newSubmission()
	e := openedEditor(t, u)
	test.Type(e.fields.object, "Bron över Kolbäcksån")
	u.openSubmission(e.sub.ID) // a search hit on the submission being edited
	if got := openedEditor(t, u).sub.Object; got != "Bron över Kolbäcksån" {
		t.Errorf("the reopened editor shows object %q, want what was typed", got)
	}
}

func TestOpeningASubmissionDoesNotChangeIt(t *testing.T) {
	u := newTestUI(t, data.English)
	ctx := context.Background()
	sub, err := u.st.CreateSubmission(ctx, data.Submission{Title: "Hamnen", Object: "Kaj 3",
		Point:     &geo.Point{Lat: 59.616234567, Lon: 16.552812345}, // from SWEREF 99 TM: more decimals than shown
		Modes:     []data.Mode{data.Modes[1], data.Modes[0]},
		CoSigners: []string{"Mälarfrakt AB ", "Köpings Hamn AB"}})
	if err != nil {
		t.Fatal(err)
	}
	u.openSubmission(sub.ID)
	e := openedEditor(t, u)
	if e.sub.Point.Lat != sub.Point.Lat || e.sub.Point.Lon != sub.Point.Lon || e.sub.Modes[0] != sub.Modes[0] || e.sub.CoSigners[0] != sub.CoSigners[0] {
		t.Errorf("opening changed the submission: point %v,%v modes %v co-signers %q; stored %v,%v %v %q",
			e.sub.Point.Lat, e.sub.Point.Lon, e.sub.Modes, e.sub.CoSigners, sub.Point.Lat, sub.Point.Lon, sub.Modes, sub.CoSigners)
	}
	e.fields.title.SetText("Hamnen 3")
	if err := e.flush(); err != nil {
		t.Fatal(err)
	}
	got := storedSubmission(t, u, sub.ID)
	if got.Title != "Hamnen 3" {
		t.Fatalf("stored title %q", got.Title)
	}
	if math.Abs(got.Point.Lat-sub.Point.Lat) > 1e-12 || math.Abs(got.Point.Lon-sub.Point.Lon) > 1e-12 {
		t.Errorf("editing the title moved the point from %v,%v to %v,%v", sub.Point.Lat, sub.Point.Lon, got.Point.Lat, got.Point.Lon)
	}
}

// widgetsIn lists the entries and buttons in o, in order.
func widgetsIn(o fyne.CanvasObject) (entries []fyne.Focusable, buttons []fyne.Tappable) {
	walkWidgets(o, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Entry, *textField, *textArea:
			entries = append(entries, w.(fyne.Focusable))
		case *widget.Button, *button:
			buttons = append(buttons, w.(fyne.Tappable))
		}
	})
	return entries, buttons
}

func TestRemovedMeasureRowWritesNothing(t *testing.T) {
	u := newTestUI(t, data.English)
	u.newSubmission()
	e := openedEditor(t, u)
	addMeasure(e, "Ett", data.StepRethink)
	addMeasure(e, "Två", data.StepOptimise)
	addMeasure(e, "Tre", data.StepRebuild)
	lastText, _ := widgetsIn(e.fields.measures.Objects[2])
	_, firstButtons := widgetsIn(e.fields.measures.Objects[0])
	test.Tap(firstButtons[0]) // remove the first measure
	if len(e.sub.Measures) != 2 {
		t.Fatalf("%d measures after removing one of three", len(e.sub.Measures))
	}
	// The old row of the third measure may keep the keyboard focus.
	test.Type(lastText[0], "!")
	if e.sub.Measures[0].Text != "Två" || e.sub.Measures[1].Text != "Tre" {
		t.Errorf("measures %+v, want Två and Tre unchanged", e.sub.Measures)
	}
}

func TestCaptionIsSavedWhenTheWindowCloses(t *testing.T) {
	u := newTestUI(t, data.English)
	u.newSubmission()
	e := openedEditor(t, u)
	if _, err := u.st.AddAttachment(context.Background(), e.sub.ID, data.Attachment{Name: "a.pdf", Data: []byte("%PDF-1.4\n%%EOF\n")}); err != nil {
		t.Fatal(err)
	}
	e.reload()
	settleAll(t, u)
	captions, _ := widgetsIn(e.attachments.list)
	test.Type(captions[0], "Skylten vid infarten")
	if err := u.saveAll(); err != nil {
		t.Fatal(err)
	}
	if got := storedSubmission(t, u, e.sub.ID).Attachments[0].Caption; got != "Skylten vid infarten" {
		t.Errorf("stored caption %q after closing, want what was typed", got)
	}
}

func TestClosingAsksWhenTheSubmissionCannotBeSaved(t *testing.T) {
	u := newTestUI(t, data.English)
	u.newSubmission()
	e := openedEditor(t, u)
	restore := failSubmissionSaves(t, u)
	test.Type(e.fields.title, "E18 vid Västerås")
	u.onClose()
	top := u.win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(strings.Join(texts(top), "\n"), "could not be saved") {
		t.Fatalf("closing with an unsaved submission shows no question")
	}
	restore()
	if err := u.saveAll(); err != nil {
		t.Fatal(err)
	}
	if got := storedSubmission(t, u, e.sub.ID).Title; got != "E18 vid Västerås" {
		t.Errorf("stored title %q", got)
	}
}

// TestNoteTypedBeforeSwitchingIsNotReplaced: the note of one meeting is
// written before the entry shows another, even while an earlier write is
// still under way; typing on the next meeting cannot take its place.
func TestNoteTypedBeforeSwitchingIsNotReplaced(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	s := selectMeeting(t, u, "meeting-2017-02-22")
	q := newUIQueue()
	s.notes.deliver = q.deliver
	typeInto(s.notes.entry, "Farleden")
	s.notes.writeMu.Lock() // a write of the note is under way
	go func() {
		time.Sleep(50 * time.Millisecond)
		s.notes.writeMu.Unlock()
	}()
	selectMeeting(t, u, "meeting-2017-05-16")
	typeInto(s.notes.entry, "Mälarbanan")
	savedNote(t, u, s.notes, q, noteMeeting, "meeting-2017-05-16", "Mälarbanan")
	if n, _ := u.st.Note(context.Background(), noteMeeting, "meeting-2017-02-22"); n.Text != "Farleden" {
		t.Errorf("note on the first meeting %q, want Farleden", n.Text)
	}
}

func TestFailedNoteIsKeptAndSavedLater(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	s := selectMeeting(t, u, "meeting-2017-02-22")
	q := newUIQueue()
	s.notes.deliver = q.deliver
	restore := failWrites(t, u, `BEFORE INSERT ON notes`)
	typeInto(s.notes.entry, "Farleden")
	selectMeeting(t, u, "meeting-2017-05-16") // the write fails
	typeInto(s.notes.entry, "Mälarbanan")
	selectMeeting(t, u, "meeting-2017-02-22")
	if s.notes.entry.Text != "Farleden" {
		t.Errorf("back on the first meeting the note shows %q, want the text not yet saved", s.notes.entry.Text)
	}
	restore()
	if err := u.saveNotesNow(); err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{"meeting-2017-02-22": "Farleden", "meeting-2017-05-16": "Mälarbanan"} {
		if n, _ := u.st.Note(context.Background(), noteMeeting, key); n.Text != want {
			t.Errorf("note on %s %q, want %q", key, n.Text, want)
		}
	}
}

func TestExportHasWhatWasJustTyped(t *testing.T) {
	u := newTestUI(t, data.English)
	u.newSubmission()
	e := openedEditor(t, u)
	test.Type(e.fields.title, "Rv 56 vid Heby")
	u.exportPackage(store.SubmissionQuery{}) // File → Export for the chamber…, within the autosave delay
	if got := storedSubmission(t, u, e.sub.ID).Title; got != "Rv 56 vid Heby" {
		t.Errorf("the package is made from title %q, want what was typed", got)
	}
}

func TestAFailedAutosaveOpensNoDialogAndIsTriedAgain(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	pressShortcut(t, u, fyne.KeyN)
	e := openedEditor(t, u)
	restore := failSubmissionSaves(t, u)
	test.Type(e.fields.title, "Plankorsning")
	settle(t, u, "the failed save reported", func() bool { return e.saveProblem.box.Visible() })
	if topDialog(u) != nil {
		t.Fatalf("a failed autosave opened a dialog: %s", overlayText(u))
	}
	test.Type(e.fields.title, " i Kolbäck") // keys typed meanwhile go where they belong
	if e.fields.title.Text != "Plankorsning i Kolbäck" {
		t.Errorf("the title shows %q", e.fields.title.Text)
	}
	restore()
	settle(t, u, "the retried save", func() bool {
		return !e.saveProblem.box.Visible() && storedSubmission(t, u, e.sub.ID).Title == "Plankorsning i Kolbäck"
	})
}

// otherProcess changes submission id through a store of its own on the same
// database file, as a second program (an import-package) does.
func otherProcess(t *testing.T, u *UI, id int64, change func(*data.Submission)) {
	t.Helper()
	ctx := context.Background()
	other, err := store.Open(ctx, u.st.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	sub, err := other.Submission(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	change(&sub)
	if _, err := other.SaveSubmission(ctx, sub); err != nil {
		t.Fatal(err)
	}
}

func TestAStaleEditorAsksInsteadOfOverwritingAnotherProgramsChange(t *testing.T) {
	for _, choice := range []string{"Behåll mina", "Visa den andra versionen"} {
		t.Run(choice, func(t *testing.T) {
			u := newTestUI(t, data.Swedish)
			sub := fullSubmission(t, u)
			u.openSubmission(sub.ID)
			e := openedEditor(t, u)
			otherProcess(t, u, sub.ID, func(s *data.Submission) { s.Deficiency = "Importerad brist" })
			e.showTab(1)
			test.Type(e.fields.deficiency, " och mer")
			e.saveNow()
			settle(t, u, "the conflict shown", func() bool { return e.conflict.Visible() })
			if topDialog(u) != nil {
				t.Fatalf("the conflict opened a dialog: %s", overlayText(u))
			}
			if got := storedSubmission(t, u, sub.ID).Deficiency; got != "Importerad brist" {
				t.Fatalf("the stale editor wrote over the other program's change: %q", got)
			}
			mine := e.sub.Deficiency
			test.Tap(buttonIn(e.conflict, map[string]string{"Behåll mina": "Behåll mina", "Visa den andra versionen": "Visa den andra versionen"}[choice]))
			settleAll(t, u)
			stored := storedSubmission(t, u, sub.ID).Deficiency
			want, other := mine, "Importerad brist"
			if choice != "Behåll mina" {
				want, other = other, mine
			}
			if stored != want || e.sub.Deficiency != want {
				t.Errorf("after %q the store holds %q and the editor %q, want %q", choice, stored, e.sub.Deficiency, want)
			}
			// The version not chosen is in the history.
			revs, err := u.st.Revisions(context.Background(), sub.ID)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, r := range revs {
				if s, err := u.st.RevisionState(context.Background(), sub.ID, r.ID); err == nil && s.Deficiency == other {
					found = true
				}
			}
			if !found {
				t.Errorf("after %q the history holds no revision with %q", choice, other)
			}
		})
	}
}

func TestANoteChangedElsewhereKeepsBothTexts(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	s := selectMeeting(t, u, "meeting-2017-02-22")
	ctx := context.Background()
	other, err := store.Open(ctx, u.st.Path())
	if err != nil {
		t.Fatal(err)
	}
	if err := other.SaveNote(ctx, data.Note{TargetKind: noteMeeting, TargetKey: "meeting-2017-02-22", Text: "Skrivet i det andra fönstret."}); err != nil {
		t.Fatal(err)
	}
	other.Close()
	typeInto(s.notes.entry, "Skrivet här.")
	if err := u.saveNotesNow(); err != nil {
		t.Fatal(err)
	}
	n, err := u.st.Note(ctx, noteMeeting, "meeting-2017-02-22")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(n.Text, "Skrivet i det andra fönstret.") || !strings.Contains(n.Text, "Skrivet här.") {
		t.Errorf("the stored note is %q, want both texts", n.Text)
	}
}
