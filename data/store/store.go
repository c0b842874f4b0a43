// Package store keeps ILA Desk's data in one SQLite file: the arena content,
// the company profile, notes and submissions. It owns all SQL; callers get and
// give the domain types of package data.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/handelskammaren/ila-desk/data"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// ApplicationID marks a SQLite file as an ILA Desk database ("ILAD").
const ApplicationID = 0x494C4144

//go:embed migrations/*.sql
var migrationFS embed.FS

// ErrNotFound is returned when a requested row does not exist.
var ErrNotFound = errors.New("not found")

// Store is an open ILA Desk database. It is safe for concurrent use, and
// other processes may use the same file at the same time.
type Store struct {
	reader // the read methods (see snapshot.go)

	db   *sql.DB
	path string

	clock func() time.Time // time.Now; tests set another
	cache *stmtCache       // prepared statements of the submission writes
	ckpt  *checkpointer    // background WAL checkpoints after writes

	writer   string        // this handle's token in the rows it writes (see 0003_versions.sql)
	lineage  lineage       // this handle's own saves, per submission (see SaveSubmission)
	readOnly *data.Problem // why nothing can be saved; nil when the store is writable
}

// DefaultPath is the database file in the user's data directory by the
// conventions of the operating system (see dataDir); the automatic backups
// go beside it (BackupDir).
func DefaultPath() (string, error) {
	dir, err := dataDir(runtime.GOOS, os.Getenv, os.UserHomeDir)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "ila.db"), nil
}

type migration struct {
	version int
	name    string
	sql     string
}

func migrations() ([]migration, error) {
	entries, err := migrationFS.ReadDir("migrations")
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	var ms []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with its number", e.Name())
		}
		b, err := migrationFS.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", e.Name(), err)
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: want number %d", m.name, i+1)
		}
	}
	return ms, nil
}

// SchemaVersion is the schema version this program writes.
func SchemaVersion() int {
	ms, err := migrations()
	if err != nil {
		return 0
	}
	return len(ms)
}

// UseClock makes the store stamp what it writes with the time now gives
// instead of the system clock's: for tests and demonstrations that need the
// same times on every run. Call it before the store is shared.
func (s *Store) UseClock(now func() time.Time) { s.clock = now }

// busyTimeout is how long SQLite waits for a lock another connection holds
// before a statement gives up with SQLITE_BUSY; writeWait is how long the
// store keeps trying to begin a write transaction in all. Together they
// bound the wait of a write behind another process's transaction (a long
// import holds the lock for seconds; see BENCHMARKS.md).
const (
	busyTimeout = 10 * time.Second
	writeWait   = 2 * time.Minute
)

// Open opens the database at path, creating it (mode 0600) and its folder when
// missing, and brings its schema up to date. Before anything is written the
// file is inspected (see inspect): a file that is not ours, whose schema is
// newer than this program, that is damaged or that may not be read is
// refused and left untouched, with a *data.Problem that says which. A file
// that may be read but not written is opened read-only: ReadOnly says why,
// and every write returns that problem.
func Open(ctx context.Context, path string) (*Store, error) {
	ms, err := migrations()
	if err != nil {
		return nil, err
	}
	insp, err := inspect(ctx, path, len(ms))
	if err != nil {
		return nil, err
	}
	if insp.readOnly != nil {
		return openReadOnly(ctx, path, insp)
	}
	cannot := func(err error) error {
		if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) {
			return &data.Problem{Msg: msgCannotCreate, Args: map[string]any{"Path": path}, Err: err}
		}
		return fmt.Errorf("open store: %w", err)
	}
	if !insp.exists {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, cannot(err)
		}
	}
	// Create the file ourselves so that it gets mode 0600; SQLite gives its
	// -wal and -shm files the same mode.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, cannot(err)
	}
	f.Close()

	// busy_timeout first so that the pragmas after it wait for other
	// writers; every write transaction begins IMMEDIATE (_txlock), so that
	// it holds the write lock from its first statement and cannot fail with
	// SQLITE_BUSY halfway, when a read would turn into a write.
	dsn, err := fileURI(path, fmt.Sprintf("_pragma=busy_timeout(%d)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_pragma=cache_size(-32000)&_pragma=temp_store(MEMORY)&_txlock=immediate",
		busyTimeout.Milliseconds()))
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	s := newStore(db, path)
	if err := s.migrate(ctx, ms); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

func newStore(db *sql.DB, path string) *Store {
	cache := new(stmtCache)
	return &Store{reader: reader{rdb: db, cache: cache}, db: db, path: path, clock: time.Now, cache: cache,
		ckpt: &checkpointer{db: db}, writer: NewUID()}
}

// openReadOnly opens a database the user may read but not write, when its
// schema is current: nothing in it can be changed, and nothing beside it is
// created that was not there.
func openReadOnly(ctx context.Context, path string, insp inspection) (*Store, error) {
	if insp.readOnlyWhyNot != nil {
		return nil, insp.readOnlyWhyNot
	}
	dsn, err := fileURI(path, fmt.Sprintf("mode=ro&_pragma=busy_timeout(%d)&_pragma=foreign_keys(1)&_pragma=query_only(1)", busyTimeout.Milliseconds()))
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, readOnlyUnopenable(path, err)
	}
	s := newStore(db, path)
	s.readOnly = insp.readOnly
	return s, nil
}

// ReadOnly is the problem that explains why nothing can be saved, when the
// store was opened read-only (the file may not be written); nil when it is
// writable. Show it to the person once; every write returns it too.
func (s *Store) ReadOnly() *data.Problem { return s.readOnly }

// fileURI is the SQLite URI of the file at path with the given query. The
// path is made absolute and escaped, so that SQLite opens exactly that file:
// a "?" or "#" in it, or a path that itself starts with "file:", must not
// open another file than the one inspect looked at.
func fileURI(path, query string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive: file:///C:/…
	}
	u := url.URL{Scheme: "file", Path: p, RawQuery: query}
	return u.String(), nil
}

// migrate applies the migrations the database lacks, one transaction each.
// Another process may be opening the same new file at the same moment, so
// each step takes the write lock first (BEGIN IMMEDIATE) and only then reads
// user_version: the process that waited sees what the other did and skips
// it, instead of running a migration twice.
func (s *Store) migrate(ctx context.Context, ms []migration) error {
	for {
		done, err := s.migrateStep(ctx, ms)
		if err != nil || done {
			return err
		}
	}
}

// migrateStep applies the next missing migration and records its version in
// the same transaction, so that a crash leaves either both or neither. It
// reports done when none is missing.
func (s *Store) migrateStep(ctx context.Context, ms []migration) (done bool, err error) {
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return false, fmt.Errorf("migrate: %w", err)
	}
	defer tx.Rollback()
	var have int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&have); err != nil {
		return false, fmt.Errorf("migrate: read version: %w", err)
	}
	if have > len(ms) {
		return false, newerSchema(s.path, have, len(ms))
	}
	if have == len(ms) {
		return true, nil
	}
	m := ms[have]
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return false, fmt.Errorf("migrate %s: %w", m.name, err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
		return false, fmt.Errorf("migrate %s: set version: %w", m.name, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("migrate %s: commit: %w", m.name, err)
	}
	return false, nil
}

// Path is the database file's path.
func (s *Store) Path() string { return s.path }

// Close stops the background checkpoints, drops the prepared statements and
// closes the database.
func (s *Store) Close() error {
	s.ckpt.stop()
	s.cache.close()
	return s.db.Close()
}

// beginWrite begins a write transaction. It begins IMMEDIATE (see the DSN),
// so it waits for the write lock here, up to busyTimeout at a time, and
// tries again while another connection, of this or another process, holds
// the lock, for writeWait in all: then it gives up with a *data.Problem
// (ErrBusy). Only the begin is tried again: nothing has run yet, so nothing
// is done twice.
func (s *Store) beginWrite(ctx context.Context) (*sql.Tx, error) {
	if s.readOnly != nil {
		return nil, s.readOnly
	}
	deadline := time.Now().Add(writeWait)
	for {
		tx, err := s.db.BeginTx(ctx, nil)
		if err == nil {
			return tx, nil
		}
		if !isBusy(err) || ctx.Err() != nil {
			return nil, err
		}
		if time.Now().After(deadline) {
			return nil, busyProblem(s.path, err)
		}
		t := time.NewTimer(20 * time.Millisecond)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		case <-t.C:
		}
	}
}

// inTx runs fn in a write transaction and commits when it returns nil.
func (s *Store) inTx(ctx context.Context, op string, fn func(tx *sql.Tx) error) error {
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s: commit: %w", op, err)
	}
	return nil
}
