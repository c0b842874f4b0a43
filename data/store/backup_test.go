package store_test

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
	"github.com/handelskammaren/ila-desk/data/atomicfile"
	"github.com/handelskammaren/ila-desk/data/store"
)

func titlesOf(t *testing.T, s *store.Store) string {
	t.Helper()
	subs, err := s.ListSubmissions(context.Background(), store.SubmissionQuery{Sort: store.SortTitle})
	if err != nil {
		t.Fatal(err)
	}
	var ts []string
	for _, x := range subs {
		ts = append(ts, x.Title)
	}
	return strings.Join(ts, ",")
}

func TestBackupIsAWholeCopy(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	mustCreate(t, s, data.Submission{Title: "Kaj 4"})
	mustCreate(t, s, data.Submission{Title: "Plankorsning"})
	out := filepath.Join(t.TempDir(), "kopia.db")
	if err := s.Backup(ctx, out); err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" {
		if fi, _ := os.Stat(out); fi.Mode().Perm() != 0o600 {
			t.Errorf("backup mode %o, want 600", fi.Mode().Perm())
		}
	}
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 1 {
		t.Errorf("files beside the backup: %v, want only it", entries)
	}
	if err := s.Backup(ctx, s.Path()); err == nil {
		t.Error("a backup over the database itself was made")
	}
	b, err := store.Open(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if got := titlesOf(t, b); got != "Kaj 4,Plankorsning" {
		t.Errorf("backup holds %q, want Kaj 4,Plankorsning", got)
	}
}

func TestBackupReplacesAWriteProtectedFileOnlyWhenAsked(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	mustCreate(t, s, data.Submission{Title: "Kaj 4"})
	out := filepath.Join(t.TempDir(), "kopia.db")
	old := []byte("an older copy, write-protected")
	if err := os.WriteFile(out, old, 0o444); err != nil {
		t.Fatal(err)
	}
	err := s.Backup(ctx, out)
	if !errors.Is(err, atomicfile.ErrWriteProtected) {
		t.Fatalf("got %v, want ErrWriteProtected", err)
	}
	if b, _ := os.ReadFile(out); string(b) != string(old) {
		t.Errorf("the refused backup changed the file to %d bytes, want it unchanged", len(b))
	}
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 1 {
		t.Errorf("files beside the refused backup: %v, want only the old file", entries)
	}
	if err := s.Backup(ctx, out, atomicfile.ReplaceProtected); err != nil {
		t.Fatalf("with ReplaceProtected: %v", err)
	}
	b, err := store.Open(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if got := titlesOf(t, b); got != "Kaj 4" {
		t.Errorf("backup holds %q, want Kaj 4", got)
	}
}

func TestAutoBackupAtMostDaily(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	c := withClock(t, s)
	b1, made, err := s.AutoBackup(ctx)
	if err != nil || !made {
		t.Fatalf("first automatic backup: made %v, %v", made, err)
	}
	if filepath.Dir(b1.Path) != filepath.Join(filepath.Dir(s.Path()), "backups") || filepath.Base(b1.Path) != "ila-2017-09-01.db" {
		t.Errorf("backup at %s, want backups/ila-2017-09-01.db beside the database", b1.Path)
	}
	c.add(20 * time.Hour)
	if _, made, _ := s.AutoBackup(ctx); made {
		t.Error("a second backup within a day was made")
	}
	c.add(5 * time.Hour)
	if b2, made, err := s.AutoBackup(ctx); err != nil || !made || b2.Day != "2017-09-02" {
		t.Errorf("after 25 hours: %+v made %v, %v; want the backup of 2017-09-02", b2, made, err)
	}
	if latest, ok := s.LatestBackup(); !ok || latest.Day != "2017-09-02" {
		t.Errorf("latest backup %+v, want 2017-09-02", latest)
	}
}

func TestAutoBackupKeepsSevenDaysAndFourWeeks(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	c := withClock(t, s) // Friday 1 September 2017
	// 59 days of backups, one a day, then the 60th made by AutoBackup.
	dir := store.BackupDir(s.Path())
	os.MkdirAll(dir, 0o700)
	for i := 0; i < 59; i++ {
		day := c.now()
		p := filepath.Join(dir, "ila-"+day.Format("2006-01-02")+".db")
		if err := os.WriteFile(p, []byte("kopia"), 0o600); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(p, day, day)
		c.add(24 * time.Hour)
	}
	os.WriteFile(filepath.Join(dir, "annan-2017-09-01.db"), nil, 0o600) // not one of ours
	if _, made, err := s.AutoBackup(ctx); err != nil || !made {
		t.Fatalf("day 60: made %v, %v", made, err)
	}
	bs, err := store.Backups(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	var days []string
	for _, b := range bs {
		days = append(days, b.Day)
	}
	// The last day is 30 October (a Monday): 24–30 October every day, then
	// the newest of each week before: Sunday 22, 15, 8 and 1 October.
	want := "2017-10-30,2017-10-29,2017-10-28,2017-10-27,2017-10-26,2017-10-25,2017-10-24,2017-10-22,2017-10-15,2017-10-08,2017-10-01"
	if strings.Join(days, ",") != want {
		t.Errorf("kept %s\nwant %s", strings.Join(days, ","), want)
	}
	if _, err := os.Stat(filepath.Join(dir, "annan-2017-09-01.db")); err != nil {
		t.Error("a file that is not one of the automatic backups was removed")
	}
}

func TestRestoreReplacesEverythingAndKeepsTheCurrentAside(t *testing.T) {
	a, b := twoStores(t) // b: another window on the same file
	ctx := context.Background()
	kaj := mustCreate(t, a, data.Submission{Title: "Kaj 4", Deficiency: "Före"})
	backup := filepath.Join(t.TempDir(), "före.db")
	if err := a.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	kaj.Deficiency = "Efter"
	kaj = mustSave(t, a, kaj)
	mustCreate(t, a, data.Submission{Title: "Ny efter kopian"})
	editor, _ := b.Submission(ctx, kaj.ID) // open in the other window

	res, err := a.Restore(ctx, backup)
	if err != nil {
		t.Fatal(err)
	}
	if got := titlesOf(t, a); got != "Kaj 4" {
		t.Errorf("after the restore: %q, want Kaj 4 alone", got)
	}
	if got, _ := b.Submission(ctx, kaj.ID); got.Deficiency != "Före" {
		t.Errorf("the other window reads %q, want the restored Före", got.Deficiency)
	}
	editor.Impact = "Skrivet efter återställningen"
	_, err = b.SaveSubmission(ctx, editor)
	wantConflict(t, "save from a copy loaded before the restore", err)

	kept, err := store.Open(ctx, res.KeptAs)
	if err != nil {
		t.Fatalf("the database kept aside at %q: %v", res.KeptAs, err)
	}
	defer kept.Close()
	if got := titlesOf(t, kept); got != "Kaj 4,Ny efter kopian" {
		t.Errorf("kept aside: %q, want the database as it was", got)
	}
	if filepath.Dir(res.KeptAs) != store.BackupDir(a.Path()) {
		t.Errorf("kept at %s, want in %s", res.KeptAs, store.BackupDir(a.Path()))
	}
	// A new submission after the restore gets new versions still.
	n := mustCreate(t, a, data.Submission{Title: "Efter återställningen"})
	if n.Version <= kaj.Version {
		t.Errorf("version after the restore %d, want more than any before (%d)", n.Version, kaj.Version)
	}
}

func TestRestoreChecksTheBackupFirst(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	mustCreate(t, s, data.Submission{Title: "Kvar"})
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	filledDB(t, good)
	raw, _ := os.ReadFile(good)
	for i := 3 * 4096; i < 6*4096; i++ {
		raw[i] = byte(i)
	}
	damaged := filepath.Join(dir, "damaged.db")
	os.WriteFile(damaged, raw, 0o600)
	text := filepath.Join(dir, "notes.db")
	os.WriteFile(text, []byte(strings.Repeat("inte en databas\n", 50)), 0o600)
	newer := filepath.Join(dir, "newer.db")
	filledDB(t, newer)
	db := openRaw(t, newer)
	db.Exec("PRAGMA user_version = 99")
	db.Close()

	for _, tt := range []struct{ path, want string }{
		{damaged, "is damaged"}, {text, "not a backup"}, {newer, "newer version"}, {filepath.Join(dir, "missing.db"), "could not be read"},
	} {
		_, err := s.Restore(ctx, tt.path)
		if p, ok := data.AsProblem(err); !ok || !strings.Contains(p.English(), tt.want) {
			t.Errorf("restore %s: got %v, want a problem saying it %s", filepath.Base(tt.path), err, tt.want)
		}
		if got := titlesOf(t, s); got != "Kvar" {
			t.Errorf("after a refused restore of %s: %q, want the database unchanged", filepath.Base(tt.path), got)
		}
	}
	if bs, _ := os.ReadDir(store.BackupDir(s.Path())); len(bs) != 0 {
		t.Errorf("a refused restore kept %d files aside, want none", len(bs))
	}
}

func TestRestoreMigratesAnOlderBackup(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	old := filepath.Join(t.TempDir(), "schema2.db")
	schemaDB(t, old, 2)
	db := openRaw(t, old)
	if _, err := db.Exec(`INSERT INTO submissions (uid, title, created_unix, updated_unix) VALUES ('u1', 'Från schema 2', 1500000000, 1500000000)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	res, err := s.Restore(ctx, old)
	if err != nil {
		t.Fatal(err)
	}
	if res.FromSchema != 2 {
		t.Errorf("restored from schema %d, want 2", res.FromSchema)
	}
	got, err := s.SubmissionByUID(ctx, "u1")
	if err != nil || got.Title != "Från schema 2" {
		t.Fatalf("after restoring schema 2: %+v, %v", got, err)
	}
	got.Title = "Sparad efter"
	mustSave(t, s, got)
	if v := pragma(t, s.Path(), "user_version"); v != store.SchemaVersion() {
		t.Errorf("user_version %d after the restore, want %d", v, store.SchemaVersion())
	}
	if pragma(t, old, "user_version") != 2 {
		t.Error("the backup itself was migrated")
	}
}

func TestRestoreFileReplacesADamagedDatabase(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ila.db")
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	mustCreate(t, s, data.Submission{Title: "Räddad"})
	b, _, err := s.AutoBackup(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	raw, _ := os.ReadFile(path)
	damaged := raw[:len(raw)/2]
	os.WriteFile(path, damaged, 0o600)
	_, err = store.Open(ctx, path)
	var d *store.Damage
	if !errors.As(err, &d) {
		t.Fatalf("open: %v, want damaged", err)
	}
	res, err := store.RestoreFile(ctx, path, d.Backup)
	if err != nil {
		t.Fatal(err)
	}
	s, err = store.Open(ctx, path)
	if err != nil {
		t.Fatalf("open after restoring %s: %v", b.Path, err)
	}
	defer s.Close()
	if got := titlesOf(t, s); got != "Räddad" {
		t.Errorf("after the restore: %q, want Räddad", got)
	}
	if kept, _ := os.ReadFile(res.KeptAs); string(kept) != string(damaged) {
		t.Errorf("the damaged file was not kept as it was at %s", res.KeptAs)
	}
}
