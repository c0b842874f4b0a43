package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/exchange"
	"github.com/handelskammaren/ila-desk/data/store"
)

// tapButton taps the button labelled label in the window (or the dialog on
// top of it), failing when there is none, and waits for what it started.
func tapButton(t *testing.T, u *UI, label string) {
	t.Helper()
	in := u.win.Content()
	if top := topDialog(u); top != nil {
		in = top
	}
	b := buttonIn(in, label)
	if b == nil {
		t.Fatalf("no button %q; the window shows %q", label, strings.Join(texts(in), " "))
	}
	test.Tap(b)
	settleAll(t, u)
}

func TestDuplicateTrashAndRestoreWithTheButtons(t *testing.T) {
	u := newTestUI(t, data.English)
	ctx := context.Background()
	sub := fullSubmission(t, u)
	u.openSubmission(sub.ID)
	settleAll(t, u)

	tapButton(t, u, "Duplicate")
	e := openedEditor(t, u)
	if e == nil || e.sub.ID == sub.ID {
		t.Fatalf("Duplicate did not open the copy (editor %v)", e)
	}
	want := sub.Title + " (copy)"
	if e.fields.title.Text != want || storedSubmission(t, u, e.sub.ID).Title != want {
		t.Errorf("the copy is titled %q on screen and %q in the store, want %q", e.fields.title.Text, storedSubmission(t, u, e.sub.ID).Title, want)
	}
	copyID := e.sub.ID

	tapButton(t, u, "Move to trash")
	if !strings.Contains(overlayText(u), "is moved to the trash") {
		t.Fatalf("no question before trashing; the window shows %q", overlayText(u))
	}
	tapButton(t, u, "Move to trash") // the dialog's button
	if u.openEditor() != nil {
		t.Error("the editor stays open after the submission went to the trash")
	}
	if got := storedSubmission(t, u, copyID); got.Deleted == nil {
		t.Error("the copy is not in the trash")
	}
	if n, _ := u.st.CountSubmissions(ctx, store.SubmissionQuery{}); n != 1 {
		t.Errorf("%d submissions outside the trash, want the original only", n)
	}

	s := u.submissions
	test.Tap(s.trash)
	settleAll(t, u)
	if len(s.items) != 1 || s.items[0].ID != copyID {
		t.Fatalf("the trash lists %+v, want the copy", s.items)
	}
	s.list.Select(0)
	settleAll(t, u)
	tapButton(t, u, "Restore")
	if got := storedSubmission(t, u, copyID); got.Deleted != nil {
		t.Error("Restore left the copy in the trash")
	}
	if len(s.items) != 0 {
		t.Errorf("the trash still lists %d after the restore", len(s.items))
	}
}

func TestImportAPackageFromTheWindow(t *testing.T) {
	u := newTestUI(t, data.English)
	ctx := context.Background()
	// A package from another company's computer.
	dir := t.TempDir()
	other, err := store.Open(ctx, filepath.Join(t.TempDir(), "other.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.CreateSubmission(ctx, data.Submission{Title: "Kajen i Köpings hamn", Company: "Mälarhamnar AB"}); err != nil {
		t.Fatal(err)
	}
	if _, err := exchange.ExportFile(ctx, other, filepath.Join(dir, "paket.zip"), store.SubmissionQuery{}, "test", time.Now()); err != nil {
		t.Fatal(err)
	}
	u.prefs.setFolder(dir)
	screenText(t, u, pageSubmissions)
	tapButton(t, u, "Import package…")
	pickInFileDialog(t, u, "paket.zip", "Open")
	settle(t, u, "the package imported", func() bool {
		return strings.Contains(overlayText(u), "Imported the package: 1 new submissions, 0 updated.")
	})
	closeAll(t, u)
	settleAll(t, u)
	s := u.submissions
	if len(s.items) != 1 || s.items[0].Title != "Kajen i Köpings hamn" {
		t.Errorf("after the import the list shows %+v, want the imported submission", s.items)
	}
}

func TestKeysTypedRightAfterCtrlNGoIntoTheTitle(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	screenText(t, u, pageSubmissions)
	pressShortcut(t, u, fyne.KeyN)
	// At once, as a person types: into whatever has the focus now.
	focused := u.win.Canvas().Focused()
	if focused == nil {
		t.Fatal("nothing has the focus right after Ctrl+N: the keys typed would be lost")
	}
	test.Type(focused, "Plankorsning")
	e := openedEditor(t, u)
	if e == nil || e.fields.title.Text != "Plankorsning" {
		t.Fatalf("the keys typed right after Ctrl+N went elsewhere: editor %v, list search %q", e != nil, u.submissions.search.Text)
	}
	if u.submissions.search.Text != "" {
		t.Errorf("the list's search field got %q", u.submissions.search.Text)
	}
}
