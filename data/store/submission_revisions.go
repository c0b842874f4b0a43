package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/geo"
)

const (
	// revisionWindow is how long saves while typing replace the newest
	// revision instead of adding one.
	revisionWindow = 30 * time.Second
	// keepRevisions is how many revisions a submission keeps.
	keepRevisions = 50
)

// RevisionKind says how a revision came about.
type RevisionKind string

const (
	// RevisionSaved is a state saved from an editor.
	RevisionSaved RevisionKind = "save"
	// RevisionKept is a state someone else left (another program's save,
	// an import, a program before versions), kept when it was replaced.
	RevisionKept RevisionKind = "kept"
	// RevisionRestored is a state put back with RestoreRevision.
	RevisionRestored RevisionKind = "restore"

	// revisionImported marks an import's write in replaceEditable; imported
	// states are not recorded when written but kept when replaced.
	revisionImported RevisionKind = "import"
)

// Revision is a saved state of a submission's editable fields.
type Revision struct {
	ID    int64
	At    time.Time // when this state was saved
	Title string    // the title in this state
	Kind  RevisionKind
	// Changed names the fields that differ from the revision before, as
	// English labels (translation keys), in form order; nil for the first.
	Changed []string
	First   bool // the oldest revision kept
}

// The state a revision keeps (its snapshot) is the JSON form of the
// submission's editable fields: data.Submission's own, which is also the
// submission of an exchange package. Revisions written before that kept
// another shape, which decodeSnapshot still reads (legacySnapshot).

// snapshotKeys are the JSON keys of a snapshot, in the order of the fields.
var snapshotKeys = func() []string {
	var keys []string
	for _, f := range data.EditableFields() {
		key, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		keys = append(keys, key)
	}
	return keys
}()

// snapshotFieldNames are the field names (data.Field…) of the keys whose
// history is shown under another field's label or whose field name is not
// the key: the deficiency's "since" and "how often" are part of the
// deficiency in the history.
var snapshotFieldNames = map[string]string{
	"deficiency_since":     data.FieldDeficiency,
	"deficiency_frequency": data.FieldDeficiency,
	"co_signers":           data.FieldCoSigners,
}

// snapshotLabels names the fields of a snapshot, by JSON key, as the form
// labels them (data.FieldLabel). A key whose field has no label is left
// out, and the history would show the key itself (a test checks there is
// none).
var snapshotLabels = func() map[string]string {
	m := map[string]string{}
	for _, key := range snapshotKeys {
		field := key
		if f, ok := snapshotFieldNames[key]; ok {
			field = f
		}
		if l := data.FieldLabel(field); l != field {
			m[key] = l
		}
	}
	return m
}()

// changedFields lists the labels of the fields whose values differ between
// two snapshots, in the order of the snapshot's fields.
func changedFields(older, newer string) []string {
	a, b := snapshotValues(older), snapshotValues(newer)
	if a == nil || b == nil {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for _, key := range snapshotKeys {
		if string(a[key]) == string(b[key]) {
			continue
		}
		l, ok := snapshotLabels[key]
		if !ok {
			l = key
		}
		if !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	return out
}

// snapshotValues are the values of a snapshot by key, as the snapshot of
// the same state is written now, whatever shape it was stored in; nil when
// it cannot be read.
func snapshotValues(js string) map[string]json.RawMessage {
	js, err := canonicalSnapshot(js)
	if err != nil {
		return nil
	}
	var m map[string]json.RawMessage
	if json.Unmarshal([]byte(js), &m) != nil {
		return nil
	}
	return m
}

// canonicalSnapshot is js as the snapshot of its state is written now.
func canonicalSnapshot(js string) (string, error) {
	sub, err := decodeSnapshot(js)
	if err != nil {
		return "", err
	}
	return encodeSnapshot(sub)
}

// encodeSnapshot is the snapshot of sub's editable fields, as the store
// keeps them: a point whose coordinates are not finite (the columns keep
// NULL for them, read back as 0) is written as read back.
func encodeSnapshot(sub data.Submission) (string, error) {
	e := sub.Editable()
	if p := e.Point; p != nil && (nullFloat(p.Lat) == nil || nullFloat(p.Lon) == nil) {
		q := *p
		if nullFloat(q.Lat) == nil {
			q.Lat = 0
		}
		if nullFloat(q.Lon) == nil {
			q.Lon = 0
		}
		e.Point = &q
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(e); err != nil {
		return "", fmt.Errorf("encode revision: %w", err)
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}

// legacySnapshot holds what revisions written before the snapshot was the
// exchange form kept differently: the point as has_point, lat and lon, the
// frequency as deficiency_freq and the co-signers as cosigners. Its keys
// are a stored format: never remove them.
type legacySnapshot struct {
	HasPoint       *bool     `json:"has_point"`
	Lat            jfloat    `json:"lat"`
	Lon            jfloat    `json:"lon"`
	DeficiencyFreq *string   `json:"deficiency_freq"`
	CoSigners      *[]string `json:"cosigners"`
}

// decodeSnapshot reads a snapshot, of either shape, into the editable
// fields of a submission.
func decodeSnapshot(js string) (data.Submission, error) {
	var sub data.Submission
	if err := json.Unmarshal([]byte(js), &sub); err != nil {
		return data.Submission{}, fmt.Errorf("decode revision: %w", err)
	}
	var old legacySnapshot
	if err := json.Unmarshal([]byte(js), &old); err != nil {
		return data.Submission{}, fmt.Errorf("decode revision: %w", err)
	}
	if old.HasPoint != nil {
		sub.Point = nil
		if *old.HasPoint {
			sub.Point = &geo.Point{Lat: float64(old.Lat), Lon: float64(old.Lon)}
		}
	}
	if old.DeficiencyFreq != nil {
		sub.DeficiencyFreq = *old.DeficiencyFreq
	}
	if old.CoSigners != nil {
		sub.CoSigners = *old.CoSigners
	}
	sub.Compact()
	return sub.Editable(), nil
}

// applySnapshot sets the editable fields of sub from a snapshot.
func applySnapshot(sub *data.Submission, js string) error {
	e, err := decodeSnapshot(js)
	if err != nil {
		return err
	}
	*sub = sub.WithEditable(e)
	return nil
}

// newest is what replaceEditable needs to know of a submission's newest
// revision.
type newest struct {
	ok      bool // there is one
	id      int64
	opened  int64
	version int64
	kind    RevisionKind
	writer  string
}

func newestRevision(ctx context.Context, tx dbtx, id int64) (newest, error) {
	var n newest
	err := tx.QueryRowContext(ctx, `SELECT id, opened_unix, version, kind, writer FROM submission_revisions
		WHERE submission_id = ? ORDER BY id DESC LIMIT 1`, id).Scan(&n.id, &n.opened, &n.version, &n.kind, &n.writer)
	if errors.Is(err, sql.ErrNoRows) {
		return n, nil
	}
	if err != nil {
		return n, fmt.Errorf("read revisions: %w", err)
	}
	n.ok = true
	return n, nil
}

// recordRevision keeps the state sub of submission id, at version, as a
// revision of the given kind written by writer; when into is not 0 it
// replaces that revision (saves while typing) instead of adding one.
func recordRevision(ctx context.Context, tx dbtx, id int64, sub data.Submission, now time.Time, version int64, kind RevisionKind, writer string, into int64) error {
	snap, err := encodeSnapshot(sub)
	if err != nil {
		return err
	}
	return recordSnapshot(ctx, tx, id, snap, sub.Title, now, version, kind, writer, into)
}

// recordSnapshot is recordRevision of an encoded snapshot.
func recordSnapshot(ctx context.Context, tx dbtx, id int64, snap, title string, now time.Time, version int64, kind RevisionKind, writer string, into int64) error {
	if into != 0 {
		_, err := tx.ExecContext(ctx, `UPDATE submission_revisions SET at_unix = ?, title = ?, snapshot = ?, version = ? WHERE id = ?`,
			now.Unix(), title, snap, version, into)
		if err != nil {
			return fmt.Errorf("write revision: %w", err)
		}
		return nil
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO submission_revisions (submission_id, opened_unix, at_unix, title, snapshot, version, kind, writer)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		id, now.Unix(), now.Unix(), title, snap, version, string(kind), writer); err != nil {
		return fmt.Errorf("write revision: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM submission_revisions WHERE submission_id = ? AND id <=
		(SELECT id FROM submission_revisions WHERE submission_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)`, id, id, keepRevisions); err != nil {
		return fmt.Errorf("prune revisions: %w", err)
	}
	return nil
}

// keepState adds the state of submission id at version, encoded as snap
// with its title, as a kept revision, so that what is about to be replaced
// can be restored, unless the newest revision already holds it (then that
// one is marked with the version). It reports whether it added one.
func keepState(ctx context.Context, tx dbtx, id int64, snap, title string, version int64, now time.Time, n newest) (bool, error) {
	if n.ok {
		var newestSnap string
		if err := tx.QueryRowContext(ctx, `SELECT snapshot FROM submission_revisions WHERE id = ?`, n.id).Scan(&newestSnap); err != nil {
			return false, fmt.Errorf("read revisions: %w", err)
		}
		if newestSnap != snap {
			// It may hold the same state written in an older shape.
			if c, err := canonicalSnapshot(newestSnap); err == nil {
				newestSnap = c
			}
		}
		if newestSnap == snap {
			if _, err := tx.ExecContext(ctx, `UPDATE submission_revisions SET version = ? WHERE id = ?`, version, n.id); err != nil {
				return false, fmt.Errorf("write revision: %w", err)
			}
			return false, nil
		}
	}
	return true, recordSnapshot(ctx, tx, id, snap, title, now, version, RevisionKept, "", 0)
}

// Revisions lists the saved states of a submission, newest first.
func (s *Store) Revisions(ctx context.Context, id int64) ([]Revision, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, at_unix, title, snapshot, kind FROM submission_revisions WHERE submission_id = ? ORDER BY id DESC`, id)
	if err != nil {
		return nil, fmt.Errorf("revisions of submission %d: %w", id, err)
	}
	var snaps []string
	revs, err := collect(rows, fmt.Sprintf("revisions of submission %d", id), func(r *sql.Rows) (Revision, error) {
		var v Revision
		var at int64
		var snap string
		err := r.Scan(&v.ID, &at, &v.Title, &snap, &v.Kind)
		v.At = time.Unix(at, 0)
		snaps = append(snaps, snap)
		return v, err
	})
	if err != nil {
		return nil, err
	}
	for i := range revs {
		if i == len(revs)-1 {
			revs[i].First = true
			continue
		}
		revs[i].Changed = changedFields(snaps[i+1], snaps[i])
	}
	return revs, nil
}

// RestoreRevision puts the editable fields of revision revID back into
// submission id and returns the submission, with a new Version. The state it
// replaces is kept as a revision first (unless it is the newest one), and the
// restored state becomes the newest revision,
// so a restore can itself be undone by restoring the revision before it.
// Status, trail and attachments are not touched. ErrNotFound when the
// revision does not belong to the submission.
func (s *Store) RestoreRevision(ctx context.Context, id, revID int64) (data.Submission, error) {
	now := s.now()
	var out data.Submission
	err := s.write(ctx, fmt.Sprintf("restore revision %d of submission %d", revID, id), func(tx dbtx) error {
		var snap string
		err := tx.QueryRowContext(ctx, `SELECT snapshot FROM submission_revisions WHERE id = ? AND submission_id = ?`, revID, id).Scan(&snap)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		cur, err := loadSubmission(ctx, tx, id)
		if err != nil {
			return err
		}
		row, err := readRowState(ctx, tx, id)
		if err != nil {
			return err
		}
		restored := cur
		if err := applySnapshot(&restored, snap); err != nil {
			return err
		}
		if _, err := s.replaceEditable(ctx, tx, id, row, restored, now, RevisionRestored, 0, nil); err != nil {
			return err
		}
		out, err = loadSubmission(ctx, tx, id)
		return err
	})
	return out, err
}

// RevisionState is submission id as revision revID left it: the editable
// fields from the revision, the rest (status, trail, attachments) as the
// submission is now; for showing what a version held. ErrNotFound when the
// revision does not belong to the submission.
func (s *Store) RevisionState(ctx context.Context, id, revID int64) (data.Submission, error) {
	var snap string
	err := s.db.QueryRowContext(ctx, `SELECT snapshot FROM submission_revisions WHERE id = ? AND submission_id = ?`, revID, id).Scan(&snap)
	if errors.Is(err, sql.ErrNoRows) {
		return data.Submission{}, ErrNotFound
	}
	if err != nil {
		return data.Submission{}, fmt.Errorf("read revision %d of submission %d: %w", revID, id, err)
	}
	cur, err := s.Submission(ctx, id)
	if err != nil {
		return data.Submission{}, err
	}
	if err := applySnapshot(&cur, snap); err != nil {
		return data.Submission{}, fmt.Errorf("revision %d of submission %d: %w", revID, id, err)
	}
	return cur, nil
}
