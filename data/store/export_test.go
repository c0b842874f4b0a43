package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/handelskammaren/ila-desk/data"
)

// InsertSubmissionForTest adds a bare submission in Köping, by road.
func InsertSubmissionForTest(ctx context.Context, s *Store, title string) error {
	_, err := s.CreateSubmission(ctx, data.Submission{Title: title, Modes: []data.Mode{data.ModeRoad}, Municipality: "Köping"})
	return err
}

// SetClock makes the store read the time from now until the test ends.
func SetClock(t interface{ Cleanup(func()) }, s *Store, now func() time.Time) {
	s.clock = now
	t.Cleanup(func() { s.clock = time.Now })
}

// InsertSubmissionsForTest stores many submissions in one transaction, as
// CreateSubmission would one by one (keeping their Created, Updated and
// Status), for benchmarks. It returns their ids.
func InsertSubmissionsForTest(ctx context.Context, s *Store, subs []data.Submission) ([]int64, error) {
	ids := make([]int64, len(subs))
	now := time.Now()
	err := s.inTx(ctx, "insert submissions", func(tx *sql.Tx) error {
		for i, sub := range subs {
			if sub.UID == "" {
				sub.UID = NewUID()
			}
			if sub.Status == "" {
				sub.Status = data.StatusDraft
			}
			id, err := insertSubmission(ctx, tx, sub, sub.Status, unixOrNow(sub.Created, now), unixOrNow(sub.Updated, now), 1, "")
			if err != nil {
				return err
			}
			if err := addTrail(ctx, tx, id, data.StatusChange{Status: sub.Status, At: time.Unix(unixOrNow(sub.Created, now), 0)}); err != nil {
				return err
			}
			ids[i] = id
		}
		return nil
	})
	return ids, err
}

// Exec runs a statement on the store's database, for tests that need to
// look under the API.
func Exec(ctx context.Context, s *Store, query string, args ...any) error {
	_, err := s.db.ExecContext(ctx, query, args...)
	return err
}

// QueryInt runs a query that gives one integer.
func QueryInt(ctx context.Context, s *Store, query string, args ...any) (int64, error) {
	var n int64
	err := s.db.QueryRowContext(ctx, query, args...).Scan(&n)
	return n, err
}

// QueryPlan returns SQLite's plan for a list query, for tests of the indexes.
func QueryPlan(ctx context.Context, s *Store, q SubmissionQuery) (string, error) {
	where, args := q.where()
	order, more := q.orderLimit()
	rows, err := s.db.QueryContext(ctx, `EXPLAIN QUERY PLAN SELECT `+summaryCols+` FROM submissions s`+where+order, append(args, more...)...)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var plan string
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			return "", err
		}
		plan += detail + "\n"
	}
	return plan, rows.Err()
}

// TitleKey exposes the Swedish sort key.
var TitleKey = titleKey

// StoreMessages lists the English texts of the store's problems.
var StoreMessages = []string{msgNoUID, msgAttachmentTooLarge, msgAttachmentType, msgAttachmentEmpty, msgAttachmentDamaged}

// TitleSimilarity is the trigram similarity NearDuplicates uses.
func TitleSimilarity(a, b string) float64 {
	return jaccard(trigrams(a, nil), trigrams(b, nil))
}

// HoldWriteLockForTest holds the write lock of the store's database for d,
// calling locked once it has it: a stand-in for a long import.
func HoldWriteLockForTest(ctx context.Context, s *Store, d time.Duration, locked func()) error {
	return s.inTx(ctx, "hold the write lock", func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE edit_counter SET n = n WHERE id = 1`); err != nil {
			return err
		}
		locked()
		time.Sleep(d)
		return nil
	})
}

// RevisionSnapshotForTest returns the editable fields a revision holds.
func RevisionSnapshotForTest(ctx context.Context, s *Store, revID int64) (data.Submission, error) {
	var snap string
	if err := s.db.QueryRowContext(ctx, `SELECT snapshot FROM submission_revisions WHERE id = ?`, revID).Scan(&snap); err != nil {
		return data.Submission{}, err
	}
	var sub data.Submission
	err := applySnapshot(&sub, snap)
	return sub, err
}

// AppMessages lists the English texts of the store's problems whose
// translations are in app.*.json: opening, conflicts, backups.
var AppMessages = []string{msgSubmissionConflict, msgSubmissionGone, msgNoteConflict, msgCompanyConflict, msgRecordConflict, msgRecordGone,
	msgForeign, msgNewer, msgDamaged, msgDamagedNoBackup, msgNoPermission, msgReadOnly, msgReadOnlyOld, msgReadOnlyNew,
	msgReadOnlyCannot, msgBusy, msgOpenFolder, msgCannotCreate,
	msgBackupNotOurs, msgBackupDamaged, msgBackupNewer, msgBackupUnread, msgBackupIsTheDB, msgBackupNotWritten}

// UserVersionForTest reads the schema version of the file at path.
func UserVersionForTest(path string) (int, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var v int
	err = db.QueryRow("PRAGMA user_version").Scan(&v)
	return v, err
}
