// Package store keeps ILA Desk's data in one SQLite file: the arena content,
// the company profile, notes and submissions. It owns all SQL; callers get and
// give the domain types of package data.
package store

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
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

// Errors behind the problems a person may meet when opening a database.
var (
	ErrNewerSchema = errors.New("schema is newer than this program")
	ErrForeignFile = errors.New("not an ILA Desk database")
)

func foreignFile(path string, cause error) error {
	if cause == nil {
		cause = ErrForeignFile
	} else {
		cause = fmt.Errorf("%w: %w", ErrForeignFile, cause)
	}
	return &data.Problem{
		Msg:  "The file {{.Path}} is not an ILA Desk database. Choose another file with --db; this one has not been changed.",
		Args: map[string]any{"Path": path},
		Err:  cause,
	}
}

// Store is an open ILA Desk database. It is safe for concurrent use.
type Store struct {
	db   *sql.DB
	path string

	clock func() time.Time // time.Now; tests set another
	cache *stmtCache       // prepared statements of the submission writes
	ckpt  *checkpointer    // background WAL checkpoints after writes
}

// DefaultPath is the database file in the user's data directory by the
// conventions of the operating system.
func DefaultPath() (string, error) {
	var dir string
	switch runtime.GOOS {
	case "windows":
		dir = os.Getenv("LOCALAPPDATA")
		if dir == "" {
			d, err := os.UserConfigDir()
			if err != nil {
				return "", fmt.Errorf("find data directory: %w", err)
			}
			dir = d
		}
		dir = filepath.Join(dir, "ILA Desk")
	case "darwin":
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("find data directory: %w", err)
		}
		dir = filepath.Join(home, "Library", "Application Support", "ILA Desk")
	default:
		dir = os.Getenv("XDG_DATA_HOME")
		if dir == "" || !filepath.IsAbs(dir) {
			home, err := os.UserHomeDir()
			if err != nil {
				return "", fmt.Errorf("find data directory: %w", err)
			}
			dir = filepath.Join(home, ".local", "share")
		}
		dir = filepath.Join(dir, "ila-desk")
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

var sqliteMagic = []byte("SQLite format 3\x00")

// UseClock makes the store stamp what it writes with the time now gives
// instead of the system clock's: for tests and demonstrations that need the
// same times on every run. Call it before the store is shared.
func (s *Store) UseClock(now func() time.Time) { s.clock = now }

// Open opens the database at path, creating it (mode 0600) and its folder when
// missing, and brings its schema up to date. A file that is not ours, or whose
// schema is newer than this program, is refused and left untouched.
func Open(ctx context.Context, path string) (*Store, error) {
	ms, err := migrations()
	if err != nil {
		return nil, err
	}
	if err := inspect(ctx, path, len(ms)); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("open store: create folder: %w", err)
	}
	// Create the file ourselves so that it gets mode 0600; SQLite gives its
	// -wal and -shm files the same mode.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	f.Close()

	// busy_timeout first so that the pragmas after it wait for other writers.
	dsn, err := fileURI(path, "_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_pragma=cache_size(-32000)&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	s := &Store{db: db, path: path, clock: time.Now, cache: new(stmtCache), ckpt: &checkpointer{db: db}}
	if err := s.migrate(ctx, ms); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// inspect refuses files that are not ours or are newer than us, before
// anything is written to them.
func inspect(ctx context.Context, path string, latest int) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("open store: %w", err)
	}
	head := make([]byte, 100)
	n, err := io.ReadFull(f, head)
	f.Close()
	if n == 0 && (err == io.EOF || err == nil) {
		return nil // an empty file: ours to fill
	}
	if n < 100 || !bytes.Equal(head[:16], sqliteMagic) {
		return foreignFile(path, nil)
	}
	dsn, err := fileURI(path, "mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		return fmt.Errorf("open store: %w", err)
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return fmt.Errorf("open store: %w", err)
	}
	defer db.Close()
	var appID, version, tables int
	if err := db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return foreignFile(path, err)
	}
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return foreignFile(path, err)
	}
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
		return foreignFile(path, err)
	}
	switch {
	case appID == 0 && tables == 0 && version == 0:
		return nil // an empty SQLite database
	case appID != ApplicationID:
		return foreignFile(path, nil)
	case version > latest:
		return &data.Problem{
			Msg:  "The database {{.Path}} was made by a newer version of ILA Desk (schema {{.Have}}; this program knows {{.Want}}). Update ILA Desk; the file has not been changed.",
			Args: map[string]any{"Path": path, "Have": version, "Want": latest},
			Err:  ErrNewerSchema,
		}
	}
	return nil
}

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

func (s *Store) migrate(ctx context.Context, ms []migration) error {
	var have int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&have); err != nil {
		return fmt.Errorf("migrate: read version: %w", err)
	}
	for _, m := range ms[min(have, len(ms)):] {
		if err := s.apply(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

// apply runs one migration and records its version in the same transaction,
// so that a crash leaves either both or neither.
func (s *Store) apply(ctx context.Context, m migration) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrate %s: %w", m.name, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("migrate %s: %w", m.name, err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
		return fmt.Errorf("migrate %s: set version: %w", m.name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migrate %s: commit: %w", m.name, err)
	}
	return nil
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

// inTx runs fn in a write transaction and commits when it returns nil.
func (s *Store) inTx(ctx context.Context, op string, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
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
