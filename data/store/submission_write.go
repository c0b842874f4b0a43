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
)

// msgNoUID is the problem of an imported submission without UID; a
// translation key in assets/translations/submission.*.json.
const msgNoUID = "The submission \"{{.Title}}\" has no identity (UID), so it cannot be imported. Ask the sender to export it again with ILA Desk."

// editableCols are the columns SaveSubmission writes, in editableArgs' order.
const editableCols = `title, title_key, object, modes, municipality, road_ref, place, has_point, lat, lon,
	deficiency, deficiency_since, deficiency_freq, flows, consequences, impact, measures_text,
	cost_class, priority, urgency, avs_ref, meeting_key,
	company, contact_person, contact_email, contact_phone`

const editableCount = 26

func editableArgs(sub data.Submission) []any {
	return []any{sub.Title, titleKey(sub.Title), sub.Object, joinModes(sub.Modes), sub.Municipality, sub.RoadRef, sub.Place,
		sub.HasPoint, nullFloat(sub.HasPoint, sub.Lat), nullFloat(sub.HasPoint, sub.Lon),
		sub.Deficiency, sub.DeficiencySince, sub.DeficiencyFreq, encodeFlows(sub.Flows), joinConsequences(sub.Consequences),
		sub.Impact, measuresText(sub.Measures),
		string(sub.CostClass), int(sub.Priority), string(sub.Urgency), sub.AVSRef, sub.MeetingKey,
		sub.Company, sub.ContactPerson, sub.ContactEmail, sub.ContactPhone}
}

// editableSet is "title = ?, title_key = ?, …" for an UPDATE.
var editableSet = func() string {
	cols := strings.Split(editableCols, ",")
	for i, c := range cols {
		cols[i] = strings.TrimSpace(c) + " = ?"
	}
	return strings.Join(cols, ", ")
}()

// insertSubmission writes a new submission row with its measures and
// co-signers (not its trail or attachments) and returns its id.
func insertSubmission(ctx context.Context, tx dbtx, sub data.Submission, status data.Status, created, updated int64) (int64, error) {
	args := append([]any{sub.UID}, editableArgs(sub)...)
	args = append(args, string(status), created, updated)
	res, err := tx.ExecContext(ctx, `INSERT INTO submissions (uid, `+editableCols+`, status, created_unix, updated_unix)
		VALUES (?`+strings.Repeat(", ?", editableCount+3)+`)`, args...)
	if err != nil {
		return 0, fmt.Errorf("insert submission: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	return id, writeLists(ctx, tx, id, sub, false)
}

// updateSubmission writes the editable fields of row id and replaces its
// measures and co-signers; ErrNotFound when there is no such row.
func updateSubmission(ctx context.Context, tx dbtx, id int64, sub data.Submission, updated int64) error {
	args := append(editableArgs(sub), updated, id)
	res, err := tx.ExecContext(ctx, `UPDATE submissions SET `+editableSet+`, updated_unix = ? WHERE id = ?`, args...)
	if err != nil {
		return fmt.Errorf("update submission: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return ErrNotFound
	}
	return writeLists(ctx, tx, id, sub, true)
}

// writeLists writes the measures and co-signers of submission id, replacing
// what was there when replace is set.
func writeLists(ctx context.Context, tx dbtx, id int64, sub data.Submission, replace bool) error {
	if replace {
		if _, err := tx.ExecContext(ctx, `DELETE FROM submission_measures WHERE submission_id = ?`, id); err != nil {
			return fmt.Errorf("clear measures: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM submission_cosigners WHERE submission_id = ?`, id); err != nil {
			return fmt.Errorf("clear co-signers: %w", err)
		}
	}
	for i, m := range sub.Measures {
		if _, err := tx.ExecContext(ctx, `INSERT INTO submission_measures (submission_id, position, text, step) VALUES (?, ?, ?, ?)`,
			id, i, m.Text, int(m.Step)); err != nil {
			return fmt.Errorf("write measures: %w", err)
		}
	}
	for i, c := range sub.CoSigners {
		if _, err := tx.ExecContext(ctx, `INSERT INTO submission_cosigners (submission_id, position, name) VALUES (?, ?, ?)`,
			id, i, c); err != nil {
			return fmt.Errorf("write co-signers: %w", err)
		}
	}
	return nil
}

func addTrail(ctx context.Context, tx dbtx, id int64, c data.StatusChange) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO submission_trail (submission_id, status, at_unix, comment) VALUES (?, ?, ?, ?)`,
		id, string(c.Status), c.At.Unix(), c.Comment)
	if err != nil {
		return fmt.Errorf("write status trail: %w", err)
	}
	return nil
}

// CreateSubmission stores a new submission with the editable fields of sub
// and returns it as stored: with its id, a new random UID (sub.UID is kept
// when set), Created and Updated now, status draft and a trail of that one
// step. sub's status, trail and attachments are ignored; add attachments
// with AddAttachment.
func (s *Store) CreateSubmission(ctx context.Context, sub data.Submission) (data.Submission, error) {
	now := s.now()
	if sub.UID == "" {
		sub.UID = NewUID()
	}
	var out data.Submission
	err := s.write(ctx, "create submission", func(tx dbtx) error {
		id, err := insertSubmission(ctx, tx, sub, data.StatusDraft, now.Unix(), now.Unix())
		if err != nil {
			return err
		}
		if err := addTrail(ctx, tx, id, data.StatusChange{Status: data.StatusDraft, At: now}); err != nil {
			return err
		}
		out, err = loadSubmission(ctx, tx, id)
		return err
	})
	return out, err
}

// SaveSubmission stores the editable fields of sub (everything but its UID,
// status, trail, attachments, dates) in the row sub.ID, bumps Updated and
// records a revision, and returns the submission as stored. Saves follow
// typing: a save within 30 seconds of the newest revision's first write
// replaces that revision instead of adding one, and only the newest 50
// revisions are kept. Nothing is validated (see data.ValidateSubmission):
// what was typed is kept. ErrNotFound when there is no such submission.
func (s *Store) SaveSubmission(ctx context.Context, sub data.Submission) (data.Submission, error) {
	now := s.now()
	var out data.Submission
	err := s.write(ctx, fmt.Sprintf("save submission %d", sub.ID), func(tx dbtx) error {
		if err := updateSubmission(ctx, tx, sub.ID, sub, now.Unix()); err != nil {
			return err
		}
		if err := recordRevision(ctx, tx, sub.ID, sub, now, true); err != nil {
			return err
		}
		var err error
		out, err = loadSubmission(ctx, tx, sub.ID)
		return err
	})
	return out, err
}

// SetStatus moves a submission to status and appends the step, with the
// time and comment, to its trail. An unknown status is a *data.Problem.
func (s *Store) SetStatus(ctx context.Context, id int64, status data.Status, comment string) error {
	if err := data.CheckStatus(status); err != nil {
		return err
	}
	now := s.now()
	return s.write(ctx, fmt.Sprintf("set status of submission %d", id), func(tx dbtx) error {
		res, err := tx.ExecContext(ctx, `UPDATE submissions SET status = ?, updated_unix = ? WHERE id = ?`, string(status), now.Unix(), id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return ErrNotFound
		}
		return addTrail(ctx, tx, id, data.StatusChange{Status: status, At: now, Comment: comment})
	})
}

// DuplicateSubmission stores a copy of submission id and returns it: the same
// editable fields (the title too; the UI adds a translated "(copy)" if it
// wants one) and copies of the attachments, with a new UID, status draft, a
// fresh trail, no revisions, Created and Updated now.
func (s *Store) DuplicateSubmission(ctx context.Context, id int64) (data.Submission, error) {
	now := s.now()
	var out data.Submission
	err := s.write(ctx, fmt.Sprintf("duplicate submission %d", id), func(tx dbtx) error {
		src, err := loadSubmission(ctx, tx, id)
		if err != nil {
			return err
		}
		src.UID = NewUID()
		newID, err := insertSubmission(ctx, tx, src, data.StatusDraft, now.Unix(), now.Unix())
		if err != nil {
			return err
		}
		if err := addTrail(ctx, tx, newID, data.StatusChange{Status: data.StatusDraft, At: now}); err != nil {
			return err
		}
		for _, a := range src.Attachments {
			// Copied inside SQLite: the bytes never pass through Go.
			if _, err := tx.ExecContext(ctx, `INSERT INTO submission_attachments
				(submission_id, uid, name, mime, caption, size, added_unix, thumbnail, data)
				SELECT ?, ?, name, mime, caption, size, added_unix, thumbnail, data FROM submission_attachments WHERE id = ?`,
				newID, NewUID(), a.ID); err != nil {
				return fmt.Errorf("copy attachment %d: %w", a.ID, err)
			}
		}
		out, err = loadSubmission(ctx, tx, newID)
		return err
	})
	return out, err
}

// TrashSubmission moves a submission to the trash: it leaves the lists
// (except SubmissionQuery{Trash: true}), the counts and search until it is
// restored or the trash is emptied. Trashing it again changes nothing.
func (s *Store) TrashSubmission(ctx context.Context, id int64) error {
	now := s.now()
	return s.write(ctx, fmt.Sprintf("trash submission %d", id), func(tx dbtx) error {
		return execOne(ctx, tx, `UPDATE submissions SET deleted_unix = coalesce(deleted_unix, ?) WHERE id = ?`, now.Unix(), id)
	})
}

// RestoreSubmission takes a submission out of the trash.
func (s *Store) RestoreSubmission(ctx context.Context, id int64) error {
	return s.write(ctx, fmt.Sprintf("restore submission %d", id), func(tx dbtx) error {
		return execOne(ctx, tx, `UPDATE submissions SET deleted_unix = NULL WHERE id = ?`, id)
	})
}

// EmptyTrash deletes the submissions in the trash for good, with their
// attachments and revisions, and returns how many there were.
func (s *Store) EmptyTrash(ctx context.Context) (int, error) {
	var n int64
	err := s.write(ctx, "empty trash", func(tx dbtx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM submissions WHERE deleted_unix IS NOT NULL`)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return int(n), err
}

// DeleteSubmission deletes one submission for good, whether in the trash or
// not, with its attachments and revisions.
func (s *Store) DeleteSubmission(ctx context.Context, id int64) error {
	return s.write(ctx, fmt.Sprintf("delete submission %d", id), func(tx dbtx) error {
		return execOne(ctx, tx, `DELETE FROM submissions WHERE id = ?`, id)
	})
}

// execOne runs a statement that must touch a row; ErrNotFound when none.
func execOne(ctx context.Context, tx dbtx, query string, args ...any) error {
	res, err := tx.ExecContext(ctx, query, args...)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}

// UpsertSubmissionFromExchange writes a submission received from another
// machine, matched by UID: a new UID is inserted (created is true), a known
// one overwritten. Everything is written in one transaction: the editable
// fields, status, trail (an empty trail becomes one step of the status at
// Created), Created and Updated as given (now when zero), and the
// attachments, matched by their UID: each in sub.Attachments is added or
// replaced (one with nil Data keeps its stored bytes and takes the new name
// and caption), and stored attachments the import does not list are removed.
// Attachments are checked like AddAttachment's. Before a known submission is
// overwritten its current state is kept as a revision, so the import can be
// undone with RestoreRevision. The trash state and sub.ID are ignored.
//
// The import always wins; a caller that wants to keep a newer local version
// compares Updated with SubmissionByUID's first.
func (s *Store) UpsertSubmissionFromExchange(ctx context.Context, sub data.Submission) (created bool, err error) {
	p, err := prepareExchange(sub)
	if err != nil {
		return false, err
	}
	now := s.now()
	err = s.write(ctx, fmt.Sprintf("import submission %s", sub.UID), func(tx dbtx) error {
		created, err = upsertExchange(ctx, tx, p, now)
		return err
	})
	return created, err
}

// ImportSubmissions writes the submissions of an exchange package like
// UpsertSubmissionFromExchange, all in one transaction: either every one is
// written or, on any error, none.
func (s *Store) ImportSubmissions(ctx context.Context, subs []data.Submission) (created, updated int, err error) {
	ps := make([]exchangeSub, len(subs))
	for i, sub := range subs {
		if ps[i], err = prepareExchange(sub); err != nil {
			return 0, 0, err
		}
	}
	now := s.now()
	err = s.write(ctx, "import submissions", func(tx dbtx) error {
		created, updated = 0, 0
		for _, p := range ps {
			c, err := upsertExchange(ctx, tx, p, now)
			if err != nil {
				return fmt.Errorf("import %q: %w", p.sub.Title, err)
			}
			if c {
				created++
			} else {
				updated++
			}
		}
		return nil
	})
	if err != nil {
		return 0, 0, err
	}
	return created, updated, nil
}

// exchangeSub is a submission from an exchange package, checked and with
// its attachments prepared.
type exchangeSub struct {
	sub  data.Submission
	atts []prepared
}

// prepareExchange checks sub and makes its attachments' thumbnails before
// any write lock is taken: decoding photos is the slow part.
func prepareExchange(sub data.Submission) (exchangeSub, error) {
	if strings.TrimSpace(sub.UID) == "" {
		return exchangeSub{}, data.NewProblem(msgNoUID, map[string]any{"Title": sub.Title})
	}
	if sub.Status == "" {
		sub.Status = data.StatusDraft
	}
	if err := data.CheckStatus(sub.Status); err != nil {
		return exchangeSub{}, err
	}
	for _, c := range sub.Trail {
		if err := data.CheckStatus(c.Status); err != nil {
			return exchangeSub{}, err
		}
	}
	atts := make([]prepared, len(sub.Attachments))
	for i, a := range sub.Attachments {
		if a.UID == "" {
			a.UID = NewUID()
		}
		if a.Data == nil {
			atts[i] = prepared{Attachment: a, metaOnly: true}
			continue
		}
		p, err := prepareAttachment(a)
		if err != nil {
			return exchangeSub{}, err
		}
		atts[i] = p
	}
	return exchangeSub{sub: sub, atts: atts}, nil
}

// upsertExchange writes one prepared submission inside a transaction.
func upsertExchange(ctx context.Context, tx dbtx, p exchangeSub, now time.Time) (created bool, err error) {
	sub, atts := p.sub, p.atts
	createdAt, updatedAt := unixOrNow(sub.Created, now), unixOrNow(sub.Updated, now)
	var id int64
	err = tx.QueryRowContext(ctx, `SELECT id FROM submissions WHERE uid = ?`, sub.UID).Scan(&id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		created = true
		if id, err = insertSubmission(ctx, tx, sub, sub.Status, createdAt, updatedAt); err != nil {
			return created, err
		}
	case err != nil:
		return created, err
	default:
		cur, err := loadSubmission(ctx, tx, id)
		if err != nil {
			return created, err
		}
		if err := keepRevision(ctx, tx, id, cur, now); err != nil {
			return created, err
		}
		if err := updateSubmission(ctx, tx, id, sub, updatedAt); err != nil {
			return created, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE submissions SET status = ?, created_unix = ? WHERE id = ?`,
			string(sub.Status), createdAt, id); err != nil {
			return created, err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM submission_trail WHERE submission_id = ?`, id); err != nil {
			return created, err
		}
	}
	trail := sub.Trail
	if len(trail) == 0 {
		trail = []data.StatusChange{{Status: sub.Status, At: time.Unix(createdAt, 0)}}
	}
	for _, c := range trail {
		if c.At.IsZero() {
			c.At = time.Unix(createdAt, 0)
		}
		if err := addTrail(ctx, tx, id, c); err != nil {
			return created, err
		}
	}
	return created, mirrorAttachments(ctx, tx, id, atts, now)
}

// mirrorAttachments makes the attachments of submission id those in atts,
// matched by UID.
func mirrorAttachments(ctx context.Context, tx dbtx, id int64, atts []prepared, now time.Time) error {
	keep := make([]string, 0, len(atts))
	for _, p := range atts {
		a := p.Attachment
		keep = append(keep, a.UID)
		added := unixOrNow(a.Added, now)
		if p.metaOnly {
			res, err := tx.ExecContext(ctx, `UPDATE submission_attachments SET name = ?, caption = ?, added_unix = ?
				WHERE submission_id = ? AND uid = ?`, a.Name, a.Caption, added, id, a.UID)
			if err != nil {
				return fmt.Errorf("update attachment %s: %w", a.Name, err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return fmt.Errorf("import attachment %s: no data", a.Name)
			}
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO submission_attachments
			(submission_id, uid, name, mime, caption, size, added_unix, thumbnail, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (submission_id, uid) DO UPDATE SET name = excluded.name, mime = excluded.mime, caption = excluded.caption,
				size = excluded.size, added_unix = excluded.added_unix, thumbnail = excluded.thumbnail, data = excluded.data`,
			id, a.UID, a.Name, a.MIME, a.Caption, a.Size, added, p.thumbnail, a.Data); err != nil {
			return fmt.Errorf("write attachment %s: %w", a.Name, err)
		}
	}
	uids, err := json.Marshal(keep)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `DELETE FROM submission_attachments WHERE submission_id = ? AND uid NOT IN (SELECT value FROM json_each(?))`,
		id, string(uids))
	if err != nil {
		return fmt.Errorf("remove attachments: %w", err)
	}
	return nil
}
