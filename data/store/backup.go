package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	sqlite "modernc.org/sqlite"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/atomicfile"
)

// Backups. The store copies the whole database with VACUUM INTO: a
// consistent, compact copy read in one read transaction, while other
// connections go on writing. Automatic backups go to the folder "backups"
// beside the database, named by their day (ila-2026-12-01.db for ila.db);
// AutoBackup makes at most one a day and keeps the newest 7 and, of the
// older ones, the newest of each of 4 weeks.

const (
	keepDaily  = 7
	keepWeekly = 4
	backupAge  = 24 * time.Hour
)

// errTargetChecked ends the write with which Backup checks its target.
var errTargetChecked = errors.New("target checked")

// Sentences of backups and restores; translation keys in app.*.json.
const (
	msgBackupNotOurs    = "The file {{.Path}} is not a backup of an ILA Desk database. Choose a backup (in the folder backups beside the database, or one made with Back up); nothing has been changed."
	msgBackupDamaged    = "The backup {{.Path}} is damaged, so it was not restored; nothing has been changed. Choose another backup."
	msgBackupNewer      = "The backup {{.Path}} was made by a newer version of ILA Desk (schema {{.Have}}; this program knows {{.Want}}), so it was not restored. Update ILA Desk first; nothing has been changed."
	msgBackupUnread     = "The backup {{.Path}} could not be read. Check the file name and that you may read it; nothing has been changed."
	msgBackupIsTheDB    = "{{.Path}} is the database itself. Choose another file for the backup."
	msgBackupNotWritten = "The backup could not be written to {{.Path}}. Check that the folder exists, that you may write there and that the disk has room; the database is unchanged."
)

// BackupInfo is one backup file.
type BackupInfo struct {
	Path string
	Made time.Time // when it was written (the file's time)
	Day  string    // YYYY-MM-DD from its name
	Size int64
}

// BackupDir is the folder of the automatic backups of the database at
// dbPath: "backups" beside it.
func BackupDir(dbPath string) string {
	return filepath.Join(filepath.Dir(dbPath), "backups")
}

// stem is the database file's name without its extension: "ila" for ila.db.
func stem(dbPath string) string {
	base := filepath.Base(dbPath)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// Backups lists the automatic backups of the database at dbPath, newest
// first; none when the folder does not exist.
func Backups(dbPath string) ([]BackupInfo, error) {
	dir := BackupDir(dbPath)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list backups: %w", err)
	}
	prefix := stem(dbPath) + "-"
	var out []BackupInfo
	for _, e := range entries {
		day, ok := backupDay(e.Name(), prefix)
		if !ok || !e.Type().IsRegular() {
			continue
		}
		fi, err := e.Info()
		if err != nil {
			continue
		}
		out = append(out, BackupInfo{Path: filepath.Join(dir, e.Name()), Made: fi.ModTime(), Day: day, Size: fi.Size()})
	}
	slices.SortFunc(out, func(a, b BackupInfo) int {
		if c := strings.Compare(b.Day, a.Day); c != 0 {
			return c
		}
		return b.Made.Compare(a.Made)
	})
	return out, nil
}

// backupDay is the day in an automatic backup's name, "<stem>-YYYY-MM-DD.db".
func backupDay(name, prefix string) (string, bool) {
	rest, ok := strings.CutPrefix(name, prefix)
	if !ok {
		return "", false
	}
	day, ok := strings.CutSuffix(rest, ".db")
	if !ok {
		return "", false
	}
	if _, err := time.Parse("2006-01-02", day); err != nil {
		return "", false
	}
	return day, true
}

// LatestBackup is the newest automatic backup of the database at dbPath.
func LatestBackup(dbPath string) (BackupInfo, bool) {
	bs, err := Backups(dbPath)
	if err != nil || len(bs) == 0 {
		return BackupInfo{}, false
	}
	return bs[0], true
}

// LatestBackup is the newest automatic backup of the store's database.
func (s *Store) LatestBackup() (BackupInfo, bool) { return LatestBackup(s.path) }

// Backup writes a copy of the whole database to path, all or nothing: to a
// new file beside it first, checked with quick_check, then renamed over
// path. Other writers carry on meanwhile; the copy holds every transaction
// committed before it began. The file gets mode 0600. A write-protected
// file at path is replaced only with atomicfile.ReplaceProtected in opts;
// otherwise the error is atomicfile.ErrWriteProtected, before anything is
// copied.
func (s *Store) Backup(ctx context.Context, path string, opts ...atomicfile.Option) error {
	if same(path, s.path) {
		return data.NewProblem(msgBackupIsTheDB, map[string]any{"Path": path})
	}
	// atomicfile.Write's own check of the target, so that there is one
	// rule of what is write-protected: fn fails at once and nothing is
	// written. Any other fault shows again when the copy is written.
	err := atomicfile.Write(path, func(io.Writer) error { return errTargetChecked }, opts...)
	if errors.Is(err, atomicfile.ErrWriteProtected) {
		return err
	}
	notWritten := func(err error) error {
		return data.NewProblem(msgBackupNotWritten, map[string]any{"Path": path}).Wrap(err)
	}
	tmp, err := reserve(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return notWritten(err)
	}
	ok := false
	defer func() {
		if !ok {
			os.Remove(tmp)
		}
	}()
	db := s.db
	if s.readOnly != nil {
		// A read-only store's connections refuse every write (query_only),
		// VACUUM INTO's new file too; a connection of its own, which may
		// only read the database (mode=ro), may write the copy.
		uri, err := fileURI(s.path, fmt.Sprintf("mode=ro&_pragma=busy_timeout(%d)", busyTimeout.Milliseconds()))
		if err != nil {
			return notWritten(err)
		}
		if db, err = sql.Open("sqlite", uri); err != nil {
			return notWritten(err)
		}
		defer db.Close()
	}
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return notWritten(err)
	}
	if err := checkCopy(ctx, tmp, "PRAGMA quick_check"); err != nil {
		return notWritten(err)
	}
	if err := syncFile(tmp); err != nil {
		return notWritten(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return notWritten(err)
	}
	ok = true
	syncDir(filepath.Dir(path))
	return nil
}

// AutoBackup makes the day's automatic backup when the newest one is a day
// old or more (or there is none), then removes the old ones beyond what is
// kept (the newest 7, and the newest of each of the 4 weeks before theirs).
// It reports the backup it made; made is false when none was due. A
// read-only store makes none.
func (s *Store) AutoBackup(ctx context.Context) (b BackupInfo, made bool, err error) {
	if s.readOnly != nil {
		return b, false, nil
	}
	now := s.now()
	dir := BackupDir(s.path)
	cleanTemp(dir, now)
	if latest, ok := s.LatestBackup(); ok && now.Sub(latest.Made) < backupAge && latest.Made.Before(now.Add(time.Minute)) {
		return latest, false, nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return b, false, fmt.Errorf("automatic backup: %w", err)
	}
	day := now.Format("2006-01-02")
	path := filepath.Join(dir, stem(s.path)+"-"+day+".db")
	if err := s.Backup(ctx, path); err != nil {
		return b, false, fmt.Errorf("automatic backup: %w", err)
	}
	os.Chtimes(path, now, now) // the store's clock, which tests set
	if err := PruneBackups(s.path); err != nil {
		return b, true, err
	}
	fi, err := os.Stat(path)
	if err != nil {
		return b, true, fmt.Errorf("automatic backup: %w", err)
	}
	return BackupInfo{Path: path, Made: fi.ModTime(), Day: day, Size: fi.Size()}, true, nil
}

// PruneBackups removes the automatic backups of the database at dbPath
// that are not kept: kept are the newest 7 and the newest of each of the 4
// ISO weeks before the weeks of those.
func PruneBackups(dbPath string) error {
	bs, err := Backups(dbPath)
	if err != nil {
		return err
	}
	for _, b := range bs[len(keptBackups(bs)):] {
		if err := os.Remove(b.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("remove old backup: %w", err)
		}
	}
	return nil
}

// keptBackups reorders bs (newest first) so that the ones to keep come
// first, and returns them: the newest keepDaily, then the newest of each of
// the keepWeekly ISO weeks before theirs.
func keptBackups(bs []BackupInfo) []BackupInfo {
	week := func(b BackupInfo) string {
		t, err := time.Parse("2006-01-02", b.Day)
		if err != nil {
			return ""
		}
		y, w := t.ISOWeek()
		return fmt.Sprintf("%d-%02d", y, w)
	}
	keep := min(len(bs), keepDaily)
	covered := map[string]bool{}
	for _, b := range bs[:keep] {
		covered[week(b)] = true
	}
	weeks := 0
	for i := keep; i < len(bs) && weeks < keepWeekly; i++ {
		wk := week(bs[i])
		if wk == "" || covered[wk] {
			continue
		}
		covered[wk] = true
		weeks++
		bs[keep], bs[i] = bs[i], bs[keep]
		keep++
	}
	return bs[:keep]
}

// cleanTemp removes backup files of ours that a killed program left
// unfinished, an hour or more ago.
func cleanTemp(dir string, now time.Time) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") || !strings.Contains(e.Name(), ".tmp-") {
			continue
		}
		if fi, err := e.Info(); err == nil && fi.Mode().IsRegular() && now.Sub(fi.ModTime()) > time.Hour {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// RestoreResult says what a restore did.
type RestoreResult struct {
	// KeptAs is where the database as it was before is kept ("" when there
	// was none).
	KeptAs string
	// FromSchema is the schema version of the backup; it was brought up to
	// date when older than SchemaVersion.
	FromSchema int
}

// Restore replaces everything in the store with the backup at path. The
// backup is checked first (ours, not newer than this program,
// integrity_check ok) and, when it is from an older schema, migrated in a
// copy; then the database as it is now is kept aside in BackupDir
// ("<stem>-before-restore-<time>.db"), and only then is the backup copied
// into the database through SQLite's online backup, so that other
// connections, in this or another process, see a database that changed as
// by any write. Versions move past every version handed out before, so an
// editor open elsewhere cannot save over the restored data unawares.
func (s *Store) Restore(ctx context.Context, path string) (RestoreResult, error) {
	var res RestoreResult
	if s.readOnly != nil {
		return res, s.readOnly
	}
	src, version, cleanup, err := prepareRestore(ctx, path, s.path)
	if err != nil {
		return res, err
	}
	defer cleanup()
	res.FromSchema = version

	kept, err := keptPath(s.path, "before-restore", s.now())
	if err != nil {
		return res, err
	}
	if err := s.Backup(ctx, kept); err != nil {
		return res, err
	}
	res.KeptAs = kept
	var counter int64
	if err := s.db.QueryRowContext(ctx, `SELECT n FROM edit_counter WHERE id = 1`).Scan(&counter); err != nil {
		return res, fmt.Errorf("restore: %w", err)
	}
	if err := s.restoreFrom(ctx, src); err != nil {
		return res, err
	}
	if err := s.inTx(ctx, "restore", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE edit_counter SET n = max(n, ?) + 1 WHERE id = 1`, counter)
		return err
	}); err != nil {
		return res, err
	}
	s.lineage.m.Clear()
	return res, nil
}

// restoreFrom copies the database at src into the store's with SQLite's
// online backup, waiting while another connection writes.
func (s *Store) restoreFrom(ctx context.Context, src string) error {
	uri, err := fileURI(src, "mode=ro")
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	defer conn.Close()
	deadline := time.Now().Add(writeWait)
	for {
		err = conn.Raw(func(dc any) error {
			r, ok := dc.(interface {
				NewRestore(string) (*sqlite.Backup, error)
			})
			if !ok {
				return errors.New("the SQLite driver cannot restore")
			}
			b, err := r.NewRestore(uri)
			if err != nil {
				return err
			}
			_, serr := b.Step(-1)
			ferr := b.Finish()
			return errors.Join(serr, ferr)
		})
		if err == nil || !isBusy(err) || time.Now().After(deadline) || ctx.Err() != nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		if isBusy(err) {
			return busyProblem(s.path, err)
		}
		return fmt.Errorf("restore: %w", err)
	}
	return nil
}

// RestoreFile puts the backup at backupPath in place of the database at
// dbPath when that cannot be opened (it is damaged, or missing): for a
// store that is open, use Store.Restore. The backup is checked and migrated
// like Restore's; the file at dbPath (with its -wal and -shm) is moved aside
// into BackupDir ("<stem>-damaged-<time>.db"), never deleted. No process
// may have the database open meanwhile.
func RestoreFile(ctx context.Context, dbPath, backupPath string) (RestoreResult, error) {
	var res RestoreResult
	src, version, cleanup, err := prepareRestore(ctx, backupPath, dbPath)
	if err != nil {
		return res, err
	}
	defer cleanup()
	res.FromSchema = version
	if err := os.MkdirAll(filepath.Dir(dbPath), 0o700); err != nil {
		return res, fmt.Errorf("restore: %w", err)
	}
	// The copy that will become the database, beside it.
	tmp, err := reserve(filepath.Dir(dbPath), "."+filepath.Base(dbPath)+".tmp-*")
	if err != nil {
		return res, fmt.Errorf("restore: %w", err)
	}
	defer os.Remove(tmp)
	if err := copyFile(tmp, src); err != nil {
		return res, fmt.Errorf("restore: %w", err)
	}
	if exists(dbPath) {
		kept, err := keptPath(dbPath, "damaged", time.Now())
		if err != nil {
			return res, err
		}
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if !exists(dbPath + suffix) {
				continue
			}
			if err := os.Rename(dbPath+suffix, kept+suffix); err != nil {
				return res, fmt.Errorf("restore: keep the old database: %w", err)
			}
		}
		res.KeptAs = kept
	}
	if err := os.Rename(tmp, dbPath); err != nil {
		return res, fmt.Errorf("restore: %w", err)
	}
	syncDir(filepath.Dir(dbPath))
	return res, nil
}

// prepareRestore checks the backup at path and returns the file to restore
// from: the backup itself, or a migrated copy of it (removed by cleanup).
func prepareRestore(ctx context.Context, path, dbPath string) (src string, version int, cleanup func(), err error) {
	cleanup = func() {}
	if same(path, dbPath) {
		return "", 0, cleanup, data.NewProblem(msgBackupIsTheDB, map[string]any{"Path": path})
	}
	latest := SchemaVersion()
	version, err = checkBackup(ctx, path, latest)
	if err != nil {
		return "", 0, cleanup, err
	}
	if version == latest {
		return path, version, cleanup, nil
	}
	// An older schema: bring a copy up to date.
	dir, err := os.MkdirTemp(filepath.Dir(dbPath), ".ila-restore-*")
	if err != nil {
		return "", 0, cleanup, fmt.Errorf("restore: %w", err)
	}
	cleanup = func() { os.RemoveAll(dir) }
	cp := filepath.Join(dir, "restore.db")
	if err := copyFile(cp, path); err != nil {
		cleanup()
		return "", 0, func() {}, fmt.Errorf("restore: %w", err)
	}
	st, err := Open(ctx, cp)
	if err != nil {
		cleanup()
		return "", 0, func() {}, fmt.Errorf("restore: migrate the backup: %w", err)
	}
	_, cerr := st.db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
	if err := errors.Join(cerr, st.Close()); err != nil {
		cleanup()
		return "", 0, func() {}, fmt.Errorf("restore: migrate the backup: %w", err)
	}
	return cp, version, cleanup, nil
}

// checkBackup makes sure the file at path is a whole ILA Desk database of a
// schema this program knows, with integrity_check, and returns its schema
// version. It only reads the file.
func checkBackup(ctx context.Context, path string, latest int) (int, error) {
	args := map[string]any{"Path": path}
	f, err := os.Open(path)
	if err != nil {
		return 0, data.NewProblem(msgBackupUnread, args).Wrap(err)
	}
	head := make([]byte, 100)
	n, _ := io.ReadFull(f, head)
	fi, serr := f.Stat()
	f.Close()
	if serr != nil {
		return 0, data.NewProblem(msgBackupUnread, args).Wrap(serr)
	}
	if err := checkHeader(path, head[:n], fi.Size(), busyFile(path)); err != nil {
		if errors.Is(err, ErrDamaged) {
			return 0, data.NewProblem(msgBackupDamaged, args).Wrap(err)
		}
		return 0, data.NewProblem(msgBackupNotOurs, args).Wrap(err)
	}
	dsn, err := fileURI(path, "mode=ro")
	if err != nil {
		return 0, err
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var appID, version int
	if err := db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return 0, backupProblem(path, err)
	}
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return 0, backupProblem(path, err)
	}
	switch {
	case appID != ApplicationID || version == 0:
		return 0, data.NewProblem(msgBackupNotOurs, args).Wrap(ErrForeignFile)
	case version > latest:
		return 0, data.NewProblem(msgBackupNewer, map[string]any{"Path": path, "Have": version, "Want": latest}).Wrap(ErrNewerSchema)
	}
	if err := check(ctx, db, "PRAGMA integrity_check"); err != nil {
		return 0, backupProblem(path, err)
	}
	return version, nil
}

func backupProblem(path string, err error) error {
	args := map[string]any{"Path": path}
	if damagedCode(err) || errors.Is(err, errCheckFailed) {
		return data.NewProblem(msgBackupDamaged, args).Wrap(fmt.Errorf("%w: %w", ErrDamaged, err))
	}
	return data.NewProblem(msgBackupNotOurs, args).Wrap(err)
}

// checkCopy runs a check pragma on a database file.
func checkCopy(ctx context.Context, path, pragma string) error {
	dsn, err := fileURI(path, "mode=ro")
	if err != nil {
		return err
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	return check(ctx, db, pragma)
}

// keptPath is a new name in BackupDir for the database as it was before a
// restore: "<stem>-<why>-YYYYMMDD-HHMMSS.db".
func keptPath(dbPath, why string, now time.Time) (string, error) {
	dir := BackupDir(dbPath)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	base := filepath.Join(dir, stem(dbPath)+"-"+why+"-"+now.Format("20060102-150405"))
	p := base + ".db"
	for i := 2; exists(p); i++ {
		p = fmt.Sprintf("%s-%d.db", base, i)
	}
	return p, nil
}

// reserve makes a new empty file with mode 0600 in dir, named by pattern,
// and returns its path: VACUUM INTO writes into an empty file.
func reserve(dir, pattern string) (string, error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return "", err
	}
	name := f.Name()
	if err := errors.Join(f.Chmod(0o600), f.Close()); err != nil {
		os.Remove(name)
		return "", err
	}
	return name, nil
}

func copyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return errors.Join(out.Sync(), out.Close())
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	return errors.Join(f.Sync(), f.Close())
}

// syncDir makes a rename durable; some systems cannot, which is no error.
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		f.Sync()
		f.Close()
	}
}

// same reports whether two paths name the same file.
func same(a, b string) bool {
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	if err1 == nil && err2 == nil {
		return os.SameFile(fa, fb)
	}
	aa, _ := filepath.Abs(a)
	ab, _ := filepath.Abs(b)
	return aa == ab
}
