package cli

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/store"
)

func TestCommandsMakeTheDailyBackup(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ila.db")
	if code, _, errs := run(t, db, "list", "meetings"); code != ExitOK {
		t.Fatalf("list: %s", errs)
	}
	want := filepath.Join(filepath.Dir(db), "backups", "ila-"+time.Now().Format("2006-01-02")+".db")
	if _, err := os.Stat(want); err != nil {
		t.Fatalf("no daily backup at %s: %v", want, err)
	}
	before, _ := os.Stat(want)
	run(t, db, "list", "protocols")
	if after, _ := os.Stat(want); !after.ModTime().Equal(before.ModTime()) {
		t.Error("a second command the same day made the backup again")
	}
}

func TestBackupAndRestore(t *testing.T) {
	db, _ := seeded(t)
	out := filepath.Join(t.TempDir(), "kopia.db")
	code, stdout, errs := run(t, db, "backup", "-o", out)
	if code != ExitOK || !strings.Contains(stdout, out) {
		t.Fatalf("backup: exit %d, %q %q", code, stdout, errs)
	}
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateSubmission(context.Background(), data.Submission{Title: "Efter kopian"}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	code, stdout, errs = run(t, db, "restore", out)
	if code != ExitOK || !strings.Contains(stdout, "kept in") {
		t.Fatalf("restore: exit %d, %q %q; want it to say where the database as it was is kept", code, stdout, errs)
	}
	_, list, _ := run(t, db, "list", "submissions")
	if strings.Contains(list, "Efter kopian") || !strings.Contains(list, "Kajen i Köpings hamn") {
		t.Errorf("after the restore the list holds:\n%s", list)
	}
	for _, args := range [][]string{{"backup"}, {"restore"}, {"restore", "a", "b"}} {
		if code, _, _ := run(t, db, args...); code != ExitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, ExitUsage)
		}
	}
	code, _, errs = run(t, db, "restore", filepath.Join(t.TempDir(), "saknas.db"))
	if code != ExitFail || !strings.Contains(errs, "could not be read") {
		t.Errorf("restore of a missing file: exit %d, %q", code, errs)
	}
}

func TestDamagedDatabaseNamesItsBackupAndIsRestored(t *testing.T) {
	db, _ := seeded(t) // the commands made the day's backup
	raw, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	copy(raw, make([]byte, 16)) // the header's first bytes gone
	os.WriteFile(db, raw, 0o600)
	code, _, errs := run(t, db, "list", "submissions")
	if code != ExitFail || !strings.Contains(errs, "is damaged") {
		t.Fatalf("damaged database: exit %d, %q; want a sentence that says it is damaged", code, errs)
	}
	bs, _ := store.Backups(db)
	if len(bs) == 0 || !strings.Contains(errs, bs[0].Path) {
		t.Fatalf("the sentence %q does not name the backup %v", errs, bs)
	}
	code, stdout, errs := run(t, db, "restore", bs[0].Path)
	if code != ExitOK {
		t.Fatalf("restore: exit %d, %q %q", code, stdout, errs)
	}
	code, list, errs := run(t, db, "list", "meetings")
	if code != ExitOK || !strings.Contains(list, "2017") {
		t.Errorf("after the restore: exit %d, %q %q", code, list, errs)
	}
}

func TestReadOnlyDatabaseIsReadAndSaysSo(t *testing.T) {
	if runtime.GOOS == "windows" || os.Geteuid() == 0 {
		t.Skip("needs a user that file permissions apply to (the store's tests cover root with a child process)")
	}
	db, _ := seeded(t)
	os.Chmod(db, 0o444)
	code, out, errs := run(t, db, "list", "submissions")
	if code != ExitOK || !strings.Contains(errs, "read-only") || !strings.Contains(out, "Kajen i Köpings hamn") {
		t.Errorf("read-only database: exit %d, %q %q; want the list and a sentence that it is read-only", code, out, errs)
	}
}

// Started without a terminal, the window is told why the database cannot
// be opened, and a restore it makes lets the window open.
func TestWindowIsToldWhyTheDatabaseCannotBeOpened(t *testing.T) {
	db, _ := seeded(t)
	raw, _ := os.ReadFile(db)
	copy(raw, make([]byte, 16))
	os.WriteFile(db, raw, 0o600)
	var told []error
	opened := false
	env := Env{Stdout: &strings.Builder{}, Stderr: &strings.Builder{}, Getenv: func(string) string { return "" },
		Window: func(st *store.Store) error { opened = true; return nil },
		OpenFailed: func(path string, err error) bool {
			told = append(told, err)
			var d *store.Damage
			if len(told) > 1 || !errors.As(err, &d) || d.Backup == "" {
				return false
			}
			_, rerr := store.RestoreFile(context.Background(), path, d.Backup)
			return rerr == nil
		}}
	if code := Run(context.Background(), []string{"--db", db}, env); code != ExitOK || !opened {
		t.Fatalf("exit %d, window opened %v, told %v; want the window after the restore", code, opened, told)
	}
	if len(told) != 1 || !errors.Is(told[0], store.ErrDamaged) {
		t.Errorf("the window was told %v, want once that the database is damaged", told)
	}
}
