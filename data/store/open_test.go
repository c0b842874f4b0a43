package store_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/store"
)

// schemaDB makes a database at path with the first n migrations applied, as
// a program of that schema left it.
func schemaDB(t *testing.T, path string, n int) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	files, _ := filepath.Glob(filepath.Join("migrations", "*.sql"))
	for i, f := range files[:n] {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(string(b)); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(fmt.Sprintf("PRAGMA user_version = %d", i+1)); err != nil {
			t.Fatal(err)
		}
	}
}

// filledDB makes a store at path with enough submissions for many pages,
// closes it and returns its bytes.
func filledDB(t *testing.T, path string) []byte {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	subs := make([]data.Submission, 200)
	for i := range subs {
		subs[i] = fullSubmission()
		subs[i].Title = fmt.Sprintf("Inspel %d", i)
		subs[i].Deficiency = strings.Repeat("Bommarna är nere. ", 40)
	}
	if _, err := store.InsertSubmissionsForTest(ctx, s, subs); err != nil {
		t.Fatal(err)
	}
	if err := store.Exec(ctx, s, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// assertUntouched fails when the file at path is not exactly want or has a
// -wal or -shm beside it.
func assertUntouched(t *testing.T, path string, want []byte) {
	t.Helper()
	got, _ := os.ReadFile(path)
	if !bytes.Equal(got, want) {
		t.Errorf("%s was changed", filepath.Base(path))
	}
	for _, x := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + x); err == nil {
			t.Errorf("a %s file was left beside the refused %s", x, filepath.Base(path))
		}
	}
}

func TestOpenTellsDamagedDatabases(t *testing.T) {
	dir := t.TempDir()
	good := filledDB(t, filepath.Join(dir, "good.db"))
	pageSize := 4096
	tests := []struct {
		name   string
		damage func(b []byte) []byte
	}{
		{"cut in half", func(b []byte) []byte { return b[:len(b)/2/pageSize*pageSize] }},
		{"cut within a page", func(b []byte) []byte { return b[:len(b)-1000] }},
		{"cut within the header", func(b []byte) []byte { return b[:60] }},
		{"header magic overwritten", func(b []byte) []byte { copy(b, make([]byte, 16)); return b }},
		{"page size broken", func(b []byte) []byte { b[16], b[17] = 0x03, 0x00; return b }},
		{"pages overwritten", func(b []byte) []byte {
			for i := 3 * pageSize; i < 8*pageSize; i++ {
				b[i] = byte(i * 7)
			}
			return b
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "ila.db")
			bad := tt.damage(bytes.Clone(good))
			if err := os.WriteFile(path, bad, 0o600); err != nil {
				t.Fatal(err)
			}
			s, err := store.Open(context.Background(), path)
			if err == nil {
				s.Close()
				t.Fatal("a damaged database was opened")
			}
			if !errors.Is(err, store.ErrDamaged) || errors.Is(err, store.ErrForeignFile) {
				t.Errorf("got %v, want ErrDamaged (not ErrForeignFile)", err)
			}
			var d *store.Damage
			if !errors.As(err, &d) || d.Backup != "" {
				t.Errorf("got %v, want a *store.Damage without a backup", err)
			}
			if p, ok := data.AsProblem(err); !ok || !strings.Contains(p.English(), "damaged") || !strings.Contains(p.English(), "no backup") {
				t.Errorf("got %v, want a problem saying it is damaged and there is no backup", err)
			}
			assertUntouched(t, path, bad)
		})
	}
}

func TestDamagedDatabaseOffersTheNewestBackup(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ila.db")
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	mustCreate(t, s, data.Submission{Title: "Säkerhetskopierad"})
	b, made, err := s.AutoBackup(ctx)
	if err != nil || !made {
		t.Fatalf("automatic backup: made %v, %v", made, err)
	}
	s.Close()
	raw, _ := os.ReadFile(path)
	copy(raw, make([]byte, 16))
	os.WriteFile(path, raw, 0o600)
	_, err = store.Open(ctx, path)
	var d *store.Damage
	if !errors.As(err, &d) || d.Backup != b.Path {
		t.Fatalf("got %v, want a *store.Damage offering %s", err, b.Path)
	}
	if p, _ := data.AsProblem(err); p == nil || !strings.Contains(p.English(), b.Path) {
		t.Errorf("problem %v does not name the backup", err)
	}
}

func TestOpenForeignWALDatabaseLeavesNothingBeside(t *testing.T) {
	path := filepath.Join(t.TempDir(), "other.db")
	db, _ := sql.Open("sqlite", path)
	if _, err := db.Exec("PRAGMA journal_mode = WAL; CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before, _ := os.ReadFile(path)
	if _, err := store.Open(context.Background(), path); !errors.Is(err, store.ErrForeignFile) {
		t.Fatalf("got %v, want ErrForeignFile", err)
	}
	assertUntouched(t, path, before)
}

// openReport is what a process found when it opened a database.
type openReport struct {
	Opened    bool   `json:"opened"`
	Problem   string `json:"problem"`
	ReadOnly  string `json:"read_only"` // Store.ReadOnly's sentence
	Damaged   bool   `json:"damaged"`
	NoPerm    bool   `json:"no_permission"`
	RO        bool   `json:"read_only_error"`
	Foreign   bool   `json:"foreign"`
	Company   string `json:"company"`     // read from it
	WriteErr  string `json:"write_err"`   // what a write said
	WriteIsRO bool   `json:"write_is_ro"` // the write's error is ErrReadOnly
	BackupErr string `json:"backup_err"`  // what a backup beside it said
}

func reportOpen(path string) openReport {
	var r openReport
	ctx := context.Background()
	s, err := store.Open(ctx, path)
	if err != nil {
		if p, ok := data.AsProblem(err); ok {
			r.Problem = p.English()
		} else {
			r.Problem = err.Error()
		}
		r.Damaged, r.NoPerm = errors.Is(err, store.ErrDamaged), errors.Is(err, store.ErrNoPermission)
		r.RO, r.Foreign = errors.Is(err, store.ErrReadOnly), errors.Is(err, store.ErrForeignFile)
		return r
	}
	defer s.Close()
	r.Opened = true
	if p := s.ReadOnly(); p != nil {
		r.ReadOnly = p.English()
	}
	c, err := s.Company(ctx)
	if err != nil {
		r.Company = "error: " + err.Error()
	} else {
		r.Company = c.Name
	}
	if err := s.SaveCompany(ctx, data.Company{Name: "Skrivet"}); err != nil {
		r.WriteErr = err.Error()
		r.WriteIsRO = errors.Is(err, store.ErrReadOnly)
	}
	if err := s.Backup(ctx, filepath.Join(filepath.Dir(path), "kopia.db")); err != nil {
		r.BackupErr = err.Error()
	}
	return r
}

// asOtherUser reports what a user without write (or read) permission
// finds when opening path: this process when it is not root (root may
// write any file), else a child process running as nobody.
func asOtherUser(t *testing.T, path string) openReport {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("file permissions of Unix")
	}
	if os.Geteuid() != 0 {
		return reportOpen(path)
	}
	// The child must be able to run the test binary: copy it where
	// nobody may read it.
	bin := filepath.Join(t.TempDir(), "store.test")
	copyExecutable(t, os.Args[0], bin)
	for d := filepath.Dir(bin); d != "/" && d != os.TempDir(); d = filepath.Dir(d) {
		os.Chmod(d, 0o755)
	}
	out, err := runAsNobody(bin, path)
	if err != nil {
		t.Fatalf("child as nobody: %v: %s", err, out)
	}
	var r openReport
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("child as nobody said %q: %v", out, err)
	}
	return r
}

func copyExecutable(t *testing.T, src, dst string) {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	out.Close()
}

// sharedDir is a folder every user may write in (as a user's own data
// folder is for that user), for the file-permission tests.
func sharedDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for d := dir; d != "/" && d != os.TempDir(); d = filepath.Dir(d) {
		os.Chmod(d, 0o755)
	}
	os.Chmod(dir, 0o777)
	return dir
}

func TestReadOnlyDatabaseOpensReadOnly(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(sharedDir(t), "ila.db")
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveCompany(ctx, data.Company{Name: "Mälarfrakt AB"}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	os.Chmod(path, 0o444)
	before, _ := os.ReadFile(path)
	r := asOtherUser(t, path)
	if !r.Opened || !strings.Contains(r.ReadOnly, "read-only") {
		t.Fatalf("read-only database: %+v, want it opened read-only and said so", r)
	}
	if r.Company != "Mälarfrakt AB" {
		t.Errorf("read from the read-only database: %q, want Mälarfrakt AB", r.Company)
	}
	if r.WriteErr == "" || !r.WriteIsRO {
		t.Errorf("a write to the read-only database said %q, want ErrReadOnly", r.WriteErr)
	}
	if r.BackupErr != "" {
		t.Errorf("a backup of the read-only database: %s, want it made", r.BackupErr)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the read-only database was changed")
	}
}

func TestReadOnlyOlderDatabaseSaysWhyNot(t *testing.T) {
	path := filepath.Join(sharedDir(t), "ila.db")
	schemaDB(t, path, 2)
	os.Chmod(path, 0o444)
	r := asOtherUser(t, path)
	if r.Opened || !r.RO || !strings.Contains(r.Problem, "older version") {
		t.Errorf("read-only database of an older schema: %+v, want a problem that says it cannot be brought up to date", r)
	}
	if got := pragma(t, path, "user_version"); got != 2 {
		t.Errorf("user_version %d, want 2: it was migrated", got)
	}
}

func TestUnreadableDatabaseHasItsOwnSentence(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(sharedDir(t), "ila.db")
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	os.Chmod(path, 0o000)
	defer os.Chmod(path, 0o600)
	r := asOtherUser(t, path)
	if r.Opened || !r.NoPerm || r.Foreign || !strings.Contains(r.Problem, "may not read") {
		t.Errorf("unreadable database: %+v, want ErrNoPermission and its own sentence", r)
	}
}

// openRaw opens the file with the driver alone, under the store.
func openRaw(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	return db
}
