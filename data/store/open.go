package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	sqlite "modernc.org/sqlite"

	"github.com/handelskammaren/ila-desk/data"
)

// Errors behind the problems a person may meet when opening a database;
// errors.Is tells them apart.
var (
	ErrNewerSchema  = errors.New("schema is newer than this program")
	ErrForeignFile  = errors.New("not an ILA Desk database")
	ErrDamaged      = errors.New("database is damaged")
	ErrNoPermission = errors.New("no permission to read the database")
	ErrReadOnly     = errors.New("database is read-only")
	ErrBusy         = errors.New("database is busy")
)

// Sentences of opening; translation keys in assets/translations/app.*.json.
const (
	msgForeign         = "The file {{.Path}} is not an ILA Desk database. Choose another file with --db; this one has not been changed."
	msgNewer           = "The database {{.Path}} was made by a newer version of ILA Desk (schema {{.Have}}; this program knows {{.Want}}). Update ILA Desk; the file has not been changed."
	msgDamaged         = "The database {{.Path}} is damaged and cannot be opened; nothing has been written to it. Restore its latest backup, made {{.When}}: {{.Backup}} (Restore from backup in the window, or ila restore FILE); the damaged file is kept aside."
	msgDamagedNoBackup = "The database {{.Path}} is damaged and cannot be opened, and there is no backup of it. Keep the file as it is and ask the chamber for help; nothing has been written to it."
	msgNoPermission    = "ILA Desk may not read the database {{.Path}}. Make the file readable for your user (or start ILA Desk as the user who owns it); the file has not been changed."
	msgReadOnly        = "The database {{.Path}} is read-only, so ILA Desk opened it for reading only: you can look and export, but nothing you change can be saved. Make the file writable to work in it."
	msgReadOnlyOld     = "The database {{.Path}} is read-only and was made by an older version of ILA Desk, so it cannot be brought up to date and opened. Make the file writable, or copy it to a folder where you may write, and open it again."
	msgReadOnlyNew     = "The file {{.Path}} is read-only, so ILA Desk cannot make a database in it. Choose another file with --db, or make this one writable."
	msgReadOnlyCannot  = "The database {{.Path}} is read-only, and ILA Desk cannot open it even for reading: SQLite needs to write its lock files beside it. Copy the file to a folder where you may write and open the copy."
	msgBusy            = "The database {{.Path}} is busy: another program (or another ILA Desk window) has been writing to it for a long time. Nothing was lost; try again when it has finished."
	msgOpenFolder      = "{{.Path}} is a folder, not a database. Choose a file with --db."
	msgCannotCreate    = "ILA Desk cannot create the database {{.Path}}: you may not write in that folder. Choose another file with --db, in a folder where you may write."
)

// sqlite result codes the store tells apart (the primary code, the low byte).
const (
	codeBusy     = 5
	codeReadOnly = 8
	codeIOErr    = 10
	codeCorrupt  = 11
	codeCantOpen = 14
	codeNotADB   = 26
)

// sqliteCode is the primary SQLite result code in err's chain, or 0.
func sqliteCode(err error) int {
	var e *sqlite.Error
	if errors.As(err, &e) {
		return e.Code() & 0xff
	}
	return 0
}

func isBusy(err error) bool { return sqliteCode(err) == codeBusy }

// damagedCode reports whether err is SQLite finding the file damaged.
func damagedCode(err error) bool {
	switch sqliteCode(err) {
	case codeCorrupt, codeNotADB, codeIOErr:
		return true
	}
	return false
}

func foreignFile(path string, cause error) error {
	if cause == nil {
		cause = ErrForeignFile
	} else {
		cause = fmt.Errorf("%w: %w", ErrForeignFile, cause)
	}
	return &data.Problem{Msg: msgForeign, Args: map[string]any{"Path": path}, Err: cause}
}

func newerSchema(path string, have, want int) error {
	return &data.Problem{Msg: msgNewer, Args: map[string]any{"Path": path, "Have": have, "Want": want}, Err: ErrNewerSchema}
}

func busyProblem(path string, cause error) error {
	return &data.Problem{Msg: msgBusy, Args: map[string]any{"Path": path}, Err: fmt.Errorf("%w: %w", ErrBusy, cause)}
}

func noPermission(path string, cause error) error {
	return &data.Problem{Msg: msgNoPermission, Args: map[string]any{"Path": path}, Err: fmt.Errorf("%w: %w", ErrNoPermission, cause)}
}

func readOnlyUnopenable(path string, cause error) error {
	return &data.Problem{Msg: msgReadOnlyCannot, Args: map[string]any{"Path": path}, Err: fmt.Errorf("%w: %w", ErrReadOnly, cause)}
}

// Damage is the cause of the problem of a damaged database: where it is
// and the newest backup of it, if there is one. errors.Is(err, ErrDamaged)
// holds for it; errors.As gives the backup to offer.
type Damage struct {
	Path   string
	Backup string // the newest backup (see Backups); "" when there is none
	Detail string // what was found, for logs
}

func (d *Damage) Error() string {
	return fmt.Sprintf("database %s is damaged: %s", d.Path, d.Detail)
}

// Is makes errors.Is(err, ErrDamaged) true.
func (d *Damage) Is(target error) bool { return target == ErrDamaged }

// damaged is the problem of a damaged database at path, offering its
// newest backup.
func damaged(path, detail string) error {
	d := &Damage{Path: path, Detail: detail}
	if b, ok := LatestBackup(path); ok {
		d.Backup = b.Path
		return &data.Problem{Msg: msgDamaged, Args: map[string]any{"Path": path, "Backup": b.Path, "When": b.Made.Local().Format("2006-01-02")}, Err: d}
	}
	return &data.Problem{Msg: msgDamagedNoBackup, Args: map[string]any{"Path": path}, Err: d}
}

// inspection is what inspect found out about a file before it is opened.
type inspection struct {
	exists bool // there is a file (perhaps empty)
	// readOnly is set when the file may be read but not written; then
	// readOnlyWhyNot says why it cannot be opened even so, when it cannot.
	readOnly, readOnlyWhyNot *data.Problem
}

var sqliteMagic = []byte("SQLite format 3\x00")

// inspect looks at the file at path before anything is written to it and
// refuses, with a *data.Problem, a folder, a file that may not be read, one
// that is not ours, one that is damaged (cut short, a broken header, or it
// fails PRAGMA quick_check) and one whose schema is newer than latest. It
// reads the file through a read-only connection, and removes the -wal and
// -shm files that connection made when it refuses the file, so a refused
// file is left exactly as it was found.
func inspect(ctx context.Context, path string, latest int) (insp inspection, err error) {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return insp, nil
	}
	if errors.Is(err, fs.ErrPermission) {
		return insp, noPermission(path, err)
	}
	if err != nil {
		return insp, fmt.Errorf("open store: %w", err)
	}
	insp.exists = true
	if fi.IsDir() {
		return insp, &data.Problem{Msg: msgOpenFolder, Args: map[string]any{"Path": path}, Err: ErrForeignFile}
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrPermission) {
		return insp, noPermission(path, err)
	}
	if err != nil {
		return insp, fmt.Errorf("open store: %w", err)
	}
	head := make([]byte, 100)
	n, rerr := io.ReadFull(f, head)
	if fi2, err := f.Stat(); err == nil {
		fi = fi2 // the size after the header was read: another process may be creating the file
	}
	f.Close()
	writable := canWrite(path)
	if n == 0 && (rerr == io.EOF || rerr == nil) {
		if !writable {
			p := data.NewProblem(msgReadOnlyNew, map[string]any{"Path": path})
			insp.readOnly, insp.readOnlyWhyNot = p, p
		}
		return insp, nil // an empty file: ours to fill
	}
	if rerr != nil && rerr != io.ErrUnexpectedEOF && rerr != io.EOF {
		return insp, fmt.Errorf("open store: %w", rerr)
	}
	if err := checkHeader(path, head[:n], fi.Size(), busyFile(path)); err != nil {
		return insp, err
	}

	// Note the files beside it, so that what the inspection makes can go.
	hadWAL, hadSHM := exists(path+"-wal"), exists(path+"-shm")
	defer func() {
		if err != nil {
			removeIfMade(path+"-wal", hadWAL)
			removeIfMade(path+"-shm", hadSHM)
		}
	}()

	dsn, err := fileURI(path, fmt.Sprintf("mode=ro&_pragma=busy_timeout(%d)", busyTimeout.Milliseconds()))
	if err != nil {
		return insp, fmt.Errorf("open store: %w", err)
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return insp, fmt.Errorf("open store: %w", err)
	}
	defer db.Close()
	// A read-only file whose -wal has no -shm beside it cannot be read
	// when the folder is read-only too: tell that apart from damage.
	classify := func(err error) error {
		switch {
		case damagedCode(err):
			return damaged(path, err.Error())
		case sqliteCode(err) == codeCantOpen || sqliteCode(err) == codeReadOnly:
			if !writable {
				return readOnlyUnopenable(path, err)
			}
			return fmt.Errorf("open store: %w", err)
		case isBusy(err):
			return busyProblem(path, err)
		}
		return foreignFile(path, err)
	}
	// One statement, so one snapshot: another process may be creating this
	// very database (a first start at the same moment), and its first
	// migration sets the id, the tables and the version together.
	var appID, version, tables int
	if err := db.QueryRowContext(ctx, `SELECT (SELECT application_id FROM pragma_application_id),
		(SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_schema)`).Scan(&appID, &version, &tables); err != nil {
		return insp, classify(err)
	}
	switch {
	case appID == 0 && tables == 0 && version == 0:
		if !writable {
			p := data.NewProblem(msgReadOnlyNew, map[string]any{"Path": path})
			insp.readOnly, insp.readOnlyWhyNot = p, p
			return insp, p
		}
		return insp, nil // an empty SQLite database
	case appID != ApplicationID:
		return insp, foreignFile(path, nil)
	case version > latest:
		return insp, newerSchema(path, version, latest)
	}
	if err := quickCheck(ctx, db); err != nil {
		if damagedCode(err) || errors.Is(err, errCheckFailed) {
			return insp, damaged(path, err.Error())
		}
		return insp, classify(err)
	}
	if !writable {
		insp.readOnly = data.NewProblem(msgReadOnly, map[string]any{"Path": path}).Wrap(ErrReadOnly)
		if version < latest {
			insp.readOnlyWhyNot = data.NewProblem(msgReadOnlyOld, map[string]any{"Path": path}).Wrap(ErrReadOnly)
		}
	}
	return insp, nil
}

var errCheckFailed = errors.New("quick_check found damage")

// quickCheck runs PRAGMA quick_check: the structure of every page and
// record, without comparing indexes with their tables (integrity_check
// does that too, and takes longer). It reads the whole file.
func quickCheck(ctx context.Context, db *sql.DB) error {
	return check(ctx, db, "PRAGMA quick_check")
}

func check(ctx context.Context, db *sql.DB, pragma string) error {
	rows, err := db.QueryContext(ctx, pragma)
	if err != nil {
		return err
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return err
		}
		lines = append(lines, line)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(lines) == 1 && lines[0] == "ok" {
		return nil
	}
	return fmt.Errorf("%w: %s", errCheckFailed, strings.Join(lines, "; "))
}

// checkHeader refuses, by its first bytes and size, a file that is not an
// SQLite database (not ours) or is one cut short or with a broken header
// (damaged). An ILA Desk database is recognised by its application id even
// when the header's first bytes are gone. The size is not judged while
// another connection may be writing the file (busy: a -wal or -journal
// with content beside it), because a checkpoint writes the header before
// the pages that follow it; quick_check judges that file instead.
func checkHeader(path string, head []byte, size int64, busy bool) error {
	ours := len(head) >= 72 && binary.BigEndian.Uint32(head[68:72]) == ApplicationID
	if len(head) < 100 {
		if bytes.HasPrefix(sqliteMagic, head) || bytes.HasPrefix(head, sqliteMagic) {
			return damaged(path, fmt.Sprintf("only %d bytes", size))
		}
		return foreignFile(path, nil)
	}
	if !bytes.Equal(head[:16], sqliteMagic) {
		if ours {
			return damaged(path, "header does not start with the SQLite magic")
		}
		return foreignFile(path, nil)
	}
	pageSize := int64(binary.BigEndian.Uint16(head[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	if pageSize < 512 || pageSize > 65536 || pageSize&(pageSize-1) != 0 {
		return damaged(path, fmt.Sprintf("page size %d", pageSize))
	}
	if busy {
		return nil
	}
	if size%pageSize != 0 {
		return damaged(path, fmt.Sprintf("size %d is not a whole number of %d-byte pages", size, pageSize))
	}
	// The page count in the header is valid when the change counter
	// matches the version-valid-for number.
	pages := int64(binary.BigEndian.Uint32(head[28:32]))
	if bytes.Equal(head[24:28], head[92:96]) && pages*pageSize > size {
		return damaged(path, fmt.Sprintf("%d bytes, the header says %d pages of %d", size, pages, pageSize))
	}
	return nil
}

// busyFile reports whether the database at path has a journal with content
// beside it: another connection may be writing it.
func busyFile(path string) bool {
	for _, x := range []string{"-wal", "-journal"} {
		if fi, err := os.Stat(path + x); err == nil && fi.Size() > 0 {
			return true
		}
	}
	return false
}

// canWrite reports whether the file at path may be opened for writing.
func canWrite(path string) bool {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return false
	}
	f.Close()
	// SQLite writes its -wal and -shm beside the file.
	return dirWritable(filepath.Dir(path)) || (exists(path+"-wal") && exists(path+"-shm"))
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// removeIfMade removes path when it was not there before (had is false)
// and holds nothing: a -wal or -shm the inspection's connection made.
func removeIfMade(path string, had bool) {
	if had {
		return
	}
	fi, err := os.Lstat(path)
	if err != nil || !fi.Mode().IsRegular() {
		return
	}
	if strings.HasSuffix(path, "-wal") && fi.Size() != 0 {
		return
	}
	os.Remove(path)
}
