package ui

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/atomicfile"
	"github.com/handelskammaren/ila-desk/data/store"
	"github.com/handelskammaren/ila-desk/ui/locale"
)

// typeFileName replaces the text of the focused file-name field, as a person
// does: select all, type.
func typeFileName(t *testing.T, u *UI, name string) {
	t.Helper()
	// A PDF is gathered off the UI goroutine before the dialog opens.
	settle(t, u, "the Save as dialog", func() bool {
		_, ok := u.win.Canvas().Focused().(*textField)
		return ok && u.dialogOpen()
	})
	f, ok := u.win.Canvas().Focused().(*textField)
	if !ok {
		t.Fatalf("the Save as dialog has the focus on %T, want the file name", u.win.Canvas().Focused())
	}
	f.TypedShortcut(&fyne.ShortcutSelectAll{})
	test.Type(f, name)
}

func TestPrintSavesThePDFAndSaysWhereWhenNothingCanOpenIt(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	dir := t.TempDir()
	u.prefs.setFolder(dir)
	var opened []string
	u.opener = func(p string) error { opened = append(opened, p); return errNoOpener }
	sub := fullSubmission(t, u)
	u.openSubmission(sub.ID)
	settleAll(t, u)
	pressShortcut(t, u, fyne.KeyP)
	typeFileName(t, u, "kolbäck")
	pressKey(t, u.win.Canvas(), fyne.KeyReturn)
	want := filepath.Join(dir, "kolbäck.pdf")
	settle(t, u, "the PDF written and the note shown", func() bool {
		return strings.Contains(overlayText(u), "Filen kunde inte öppnas")
	})
	b, err := os.ReadFile(want)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Fatalf("no PDF at %s (%v)", want, err)
	}
	if len(opened) != 1 || opened[0] != want {
		t.Errorf("opened %q, want the PDF", opened)
	}
	text := overlayText(u)
	if !strings.Contains(text, want) || strings.Contains(text, "xdg-open") || strings.Contains(text, "exec:") {
		t.Errorf("the note says %q, want the path in a sentence and no Go error", text)
	}
	copyButton := buttonIn(topDialog(u), "Kopiera sökvägen")
	if copyButton == nil {
		t.Fatalf("the note offers no Copy the path: %s", text)
	}
	test.Tap(copyButton)
	if got := u.app.Clipboard().Content(); got != want {
		t.Errorf("clipboard %q, want the path", got)
	}
}

func TestSaveAsAsksBeforeReplacingAndNeverEmptiesTheOldFile(t *testing.T) {
	u := newTestUI(t, data.English)
	dir := t.TempDir()
	u.prefs.setFolder(dir)
	old := filepath.Join(dir, "package.zip")
	if err := os.WriteFile(old, []byte("the user's old package"), 0o644); err != nil {
		t.Fatal(err)
	}
	var wrote atomic.Value // the path written, by the goroutine that writes
	wrote.Store("")
	written := func() string { return wrote.Load().(string) }
	save := func() {
		u.saveFile("ILA.zip", ".zip", func(path string, _ ...atomicfile.Option) error {
			err := os.WriteFile(path, []byte("new"), 0o644)
			wrote.Store(path)
			return err
		}, false)
		typeFileName(t, u, "package") // no extension: it is added, and the file exists
		pressKey(t, u.win.Canvas(), fyne.KeyReturn)
	}
	save()
	if !strings.Contains(overlayText(u), "already exists") {
		t.Fatalf("no question before replacing; the window shows %q", overlayText(u))
	}
	pressKey(t, u.win.Canvas(), fyne.KeyEscape) // no, keep it
	settleAll(t, u)
	if b, _ := os.ReadFile(old); string(b) != "the user's old package" || written() != "" {
		t.Fatalf("after saying no: old file %q, written %q; want the old file whole and nothing written", b, written())
	}
	if _, err := os.Stat(filepath.Join(dir, "package")); err == nil {
		t.Error("a stray empty file without the extension was left")
	}
	closeAll(t, u)
	save()
	test.Tap(buttonIn(topDialog(u), "Replace"))
	settle(t, u, "the file written", func() bool { return written() != "" && strings.Contains(overlayText(u), "Saved as") })
	if b, _ := os.ReadFile(old); string(b) != "new" || written() != old {
		t.Errorf("after Replace: %q in %s, want the new content in the old file", b, written())
	}
}

func TestSaveAsRefusesBadNamesAndFoldersInASentence(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	dir := t.TempDir()
	u.prefs.setFolder(dir)
	s := u.saveAs("x.pdf", ".pdf", func(string) { t.Error("saved despite a bad name") })
	typeFileName(t, u, "a/b:c")
	pressKey(t, u.win.Canvas(), fyne.KeyReturn)
	if !strings.Contains(s.msg.Text, "kan inte innehålla") {
		t.Errorf("message %q, want a sentence about the characters", s.msg.Text)
	}
	s.folder.SetText(filepath.Join(dir, "finns-inte"))
	typeFileName(t, u, "ok")
	pressKey(t, u.win.Canvas(), fyne.KeyReturn)
	if !strings.Contains(s.msg.Text, "finns inte") {
		t.Errorf("message %q, want a sentence that the folder does not exist", s.msg.Text)
	}
}

func TestFileDialogsSpeakSwedishAndShowWholeNames(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	dir := t.TempDir()
	long := "Inlämning till handelskammaren om plankorsningen i Kolbäck.pdf"
	if err := os.WriteFile(filepath.Join(dir, long), []byte("%PDF-1.4\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	u.prefs.setFolder(dir)
	u.pickFile([]string{".pdf"}, func(string) {})
	got := overlayText(u)
	for _, want := range []string{"Öppna fil", "Hem", "Dator", long} {
		if !strings.Contains(got, want) {
			t.Errorf("the file dialog does not show %q; it shows %q", want, got)
		}
	}
	for _, english := range []string{"Home", "Computer", "Open File"} {
		if strings.Contains(got, english) {
			t.Errorf("the Swedish file dialog shows the English %q", english)
		}
	}
	if d := topDialog(u).Size(); d.Width < 700 {
		t.Errorf("the file dialog is %v wide, want room for real file names", d.Width)
	}
}

func TestAWriteProtectedFileIsReplacedOnlyWhenTheUserSaysSo(t *testing.T) {
	u := newTestUI(t, data.English)
	dir := t.TempDir()
	u.prefs.setFolder(dir)
	path := filepath.Join(dir, "meetings.ics")
	if err := os.WriteFile(path, []byte("old"), 0o444); err != nil {
		t.Fatal(err)
	}
	u.saveFile("meetings.ics", ".ics", func(p string, opts ...atomicfile.Option) error {
		return atomicfile.Write(p, func(w io.Writer) error { _, err := w.Write([]byte("new")); return err }, opts...)
	}, false)
	pressKey(t, u.win.Canvas(), fyne.KeyReturn) // Save, then yes, replace the existing file
	test.Tap(buttonIn(topDialog(u), "Replace"))
	settle(t, u, "the question about the write-protected file", func() bool { return strings.Contains(overlayText(u), "write-protected") })
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Fatalf("the write-protected file was replaced before the user agreed: %q", b)
	}
	test.Tap(buttonIn(topDialog(u), "Replace"))
	settle(t, u, "the file written", func() bool { return strings.Contains(overlayText(u), "Saved as") })
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("after agreeing, the file holds %q, want the new content", b)
	}
}

// pickInFileDialog chooses name in the open file dialog and presses its
// Open button, as a person does with the mouse.
func pickInFileDialog(t *testing.T, u *UI, name, open string) {
	t.Helper()
	top := topDialog(u)
	var item fyne.Tappable
	walkWidgets(top, func(o fyne.CanvasObject) {
		// The innermost tappable that shows the name: the file's row.
		if tp, ok := o.(fyne.Tappable); ok {
			if _, isButton := o.(*widget.Button); !isButton && strings.Contains(strings.Join(texts(o), " "), name) {
				item = tp
			}
		}
	})
	if item == nil {
		t.Fatalf("the file dialog does not list %s: %s", name, overlayText(u))
	}
	test.Tap(item)
	b := buttonIn(top, open)
	if b == nil {
		t.Fatalf("the file dialog has no %q button", open)
	}
	test.Tap(b)
}

func TestBackUpAndRestoreFromTheWindow(t *testing.T) {
	u := newTestUI(t, data.English)
	dir := t.TempDir()
	u.prefs.setFolder(dir)
	sub := fullSubmission(t, u)
	u.onBackup()
	typeFileName(t, u, "before")
	pressKey(t, u.win.Canvas(), fyne.KeyReturn)
	settle(t, u, "the backup written", func() bool { return strings.Contains(overlayText(u), "Saved as") })
	closeAll(t, u)
	sub.Title = "Changed after the backup"
	if _, err := u.st.SaveSubmission(context.Background(), sub); err != nil {
		t.Fatal(err)
	}
	u.onRestore()
	pickInFileDialog(t, u, "before.db", "Open")
	yes := buttonIn(topDialog(u), "Restore")
	if yes == nil {
		t.Fatalf("no question before restoring; the window shows %q", overlayText(u))
	}
	test.Tap(yes)
	settle(t, u, "the backup restored", func() bool { return strings.Contains(overlayText(u), "The backup is restored") })
	if got := storedSubmission(t, u, sub.ID).Title; got == "Changed after the backup" {
		t.Errorf("after the restore the title is %q, want the one backed up", got)
	}
}

func TestTheWindowSaysWhyTheDatabaseCannotBeOpenedAndRestoresABackup(t *testing.T) {
	test.NewTempApp(t)
	if err := locale.Load("sv"); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "ila.db")
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(dir, "backup.db")
	if err := st.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	st.Close()
	damage := &store.Damage{Path: path, Backup: backup, Detail: "test"}
	problem := &data.Problem{Msg: "The database {{.Path}} is damaged.", Args: map[string]any{"Path": path}, Err: damage}
	w := test.NewWindow(nil)
	restored := false
	w.SetContent(openProblemView(w, path, problem, func() { restored = true }))
	got := strings.Join(texts(w.Content()), " ")
	if !strings.Contains(got, "kan inte öppna") || !strings.Contains(got, path) {
		t.Errorf("the window says %q, want why and where", got)
	}
	var restore *button
	walkWidgets(w.Content(), func(o fyne.CanvasObject) {
		if b, ok := o.(*button); ok && strings.HasPrefix(b.Text, "Återställ") {
			restore = b
		}
	})
	if restore == nil {
		t.Fatalf("no restore button offered: %q", got)
	}
	os.WriteFile(path, []byte("not a database any more"), 0o600)
	test.Tap(restore)
	if !restored {
		t.Fatal("the restore did not finish")
	}
	if st, err := store.Open(ctx, path); err != nil {
		t.Errorf("after the restore the database does not open: %v", err)
	} else {
		st.Close()
	}
}
