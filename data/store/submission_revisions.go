package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/handelskammaren/ila-desk/data"
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

// snapshotLabels names the fields of a snapshot, by JSON key, as the form
// labels them. Several keys share a label: the point is one field.
var snapshotLabels = map[string]string{
	"title": data.FieldLabel(data.FieldTitle), "object": data.FieldLabel(data.FieldObject),
	"modes": data.FieldLabel(data.FieldModes), "municipality": data.FieldLabel(data.FieldMunicipality),
	"road_ref": data.FieldLabel(data.FieldRoadRef), "place": data.FieldLabel(data.FieldPlace),
	"has_point": data.FieldLabel(data.FieldPoint), "lat": data.FieldLabel(data.FieldPoint), "lon": data.FieldLabel(data.FieldPoint),
	"deficiency": data.FieldLabel(data.FieldDeficiency), "deficiency_since": data.FieldLabel(data.FieldDeficiency),
	"deficiency_freq": data.FieldLabel(data.FieldDeficiency), "flows": data.FieldLabel(data.FieldFlows),
	"consequences": data.FieldLabel(data.FieldConsequences), "impact": data.FieldLabel(data.FieldImpact),
	"measures": data.FieldLabel(data.FieldMeasures), "cost_class": data.FieldLabel(data.FieldCostClass),
	"priority": data.FieldLabel(data.FieldPriority), "urgency": data.FieldLabel(data.FieldUrgency),
	"avs_ref": data.FieldLabel(data.FieldAVSRef), "meeting_key": data.FieldLabel(data.FieldMeetingKey),
	"company": data.FieldLabel(data.FieldCompany), "contact_person": data.FieldLabel(data.FieldContactPerson),
	"contact_email": data.FieldLabel(data.FieldContactEmail), "contact_phone": data.FieldLabel(data.FieldContactPhone),
	"cosigners": data.FieldLabel(data.FieldCoSigners),
}

// changedFields lists the labels of the fields whose values differ between
// two snapshots, in the order of the snapshot's fields.
func changedFields(older, newer string) []string {
	var a, b map[string]json.RawMessage
	if json.Unmarshal([]byte(older), &a) != nil || json.Unmarshal([]byte(newer), &b) != nil {
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

// snapshotKeys are the JSON keys of a snapshot in the order of its fields.
var snapshotKeys = func() []string {
	t := reflect.TypeOf(snapshot{})
	keys := make([]string, t.NumField())
	for i := range keys {
		keys[i], _, _ = strings.Cut(t.Field(i).Tag.Get("json"), ",")
	}
	return keys
}()

// snapshot is the JSON form of a submission's editable fields in a revision.
// Its field names are a stored format: add fields, do not rename them.
type snapshot struct {
	Title           string             `json:"title"`
	Object          string             `json:"object"`
	Modes           []data.Mode        `json:"modes,omitempty"`
	Municipality    string             `json:"municipality"`
	RoadRef         string             `json:"road_ref"`
	Place           string             `json:"place"`
	HasPoint        bool               `json:"has_point"`
	Lat             jfloat             `json:"lat"`
	Lon             jfloat             `json:"lon"`
	Deficiency      string             `json:"deficiency"`
	DeficiencySince string             `json:"deficiency_since"`
	DeficiencyFreq  string             `json:"deficiency_freq"`
	Flows           map[string]jfloat  `json:"flows,omitempty"`
	Consequences    []data.Consequence `json:"consequences,omitempty"`
	Impact          string             `json:"impact"`
	Measures        []snapshotMeasure  `json:"measures,omitempty"`
	CostClass       data.CostClass     `json:"cost_class"`
	Priority        data.Priority      `json:"priority"`
	Urgency         data.Urgency       `json:"urgency"`
	AVSRef          string             `json:"avs_ref"`
	MeetingKey      string             `json:"meeting_key"`
	Company         string             `json:"company"`
	ContactPerson   string             `json:"contact_person"`
	ContactEmail    string             `json:"contact_email"`
	ContactPhone    string             `json:"contact_phone"`
	CoSigners       []string           `json:"cosigners,omitempty"`
}

type snapshotMeasure struct {
	Text string    `json:"text"`
	Step data.Step `json:"step"`
}

func encodeSnapshot(sub data.Submission) string {
	sn := snapshot{
		Title: sub.Title, Object: sub.Object, Modes: sub.Modes, Municipality: sub.Municipality,
		RoadRef: sub.RoadRef, Place: sub.Place, HasPoint: sub.HasPoint,
		Deficiency: sub.Deficiency, DeficiencySince: sub.DeficiencySince, DeficiencyFreq: sub.DeficiencyFreq,
		Consequences: sub.Consequences, Impact: sub.Impact,
		CostClass: sub.CostClass, Priority: sub.Priority, Urgency: sub.Urgency, AVSRef: sub.AVSRef, MeetingKey: sub.MeetingKey,
		Company: sub.Company, ContactPerson: sub.ContactPerson, ContactEmail: sub.ContactEmail, ContactPhone: sub.ContactPhone,
		CoSigners: sub.CoSigners,
	}
	if sub.HasPoint {
		sn.Lat, sn.Lon = jfloat(sub.Lat), jfloat(sub.Lon)
	}
	if len(sub.Flows) > 0 {
		sn.Flows = make(map[string]jfloat, len(sub.Flows))
		for k, v := range sub.Flows {
			sn.Flows[string(k)] = jfloat(v)
		}
	}
	for _, m := range sub.Measures {
		sn.Measures = append(sn.Measures, snapshotMeasure(m))
	}
	b, err := json.Marshal(sn)
	if err != nil {
		panic("encode snapshot: " + err.Error()) // every field marshals, jfloat included
	}
	return string(b)
}

// applySnapshot sets the editable fields of sub from a snapshot.
func applySnapshot(sub *data.Submission, js string) error {
	var sn snapshot
	if err := json.Unmarshal([]byte(js), &sn); err != nil {
		return fmt.Errorf("decode revision: %w", err)
	}
	sub.Title, sub.Object, sub.Modes, sub.Municipality = sn.Title, sn.Object, sn.Modes, sn.Municipality
	sub.RoadRef, sub.Place, sub.HasPoint = sn.RoadRef, sn.Place, sn.HasPoint
	sub.Lat, sub.Lon = float64(sn.Lat), float64(sn.Lon)
	sub.Deficiency, sub.DeficiencySince, sub.DeficiencyFreq = sn.Deficiency, sn.DeficiencySince, sn.DeficiencyFreq
	sub.Flows = nil
	if len(sn.Flows) > 0 {
		sub.Flows = make(data.Flows, len(sn.Flows))
		for k, v := range sn.Flows {
			sub.Flows[data.FlowKind(k)] = float64(v)
		}
	}
	sub.Consequences, sub.Impact = sn.Consequences, sn.Impact
	sub.Measures = nil
	for _, m := range sn.Measures {
		sub.Measures = append(sub.Measures, data.Measure(m))
	}
	sub.CostClass, sub.Priority, sub.Urgency, sub.AVSRef, sub.MeetingKey = sn.CostClass, sn.Priority, sn.Urgency, sn.AVSRef, sn.MeetingKey
	sub.Company, sub.ContactPerson, sub.ContactEmail, sub.ContactPhone = sn.Company, sn.ContactPerson, sn.ContactEmail, sn.ContactPhone
	sub.CoSigners = sn.CoSigners
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
	return recordSnapshot(ctx, tx, id, encodeSnapshot(sub), sub.Title, now, version, kind, writer, into)
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
