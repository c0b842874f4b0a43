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

// insertSubmission writes a new submission row (not its trail or
// attachments) and returns its id. version is its first version; writer
// the handle that wrote it (” for an import).
func insertSubmission(ctx context.Context, tx dbtx, sub data.Submission, status data.Status, created, updated, version int64, writer string) (int64, error) {
	fields, err := editableArgs(&sub)
	if err != nil {
		return 0, fmt.Errorf("insert submission: %w", err)
	}
	args := append([]any{sub.UID}, fields...)
	args = append(args, string(status), created, updated, version, writer)
	res, err := tx.ExecContext(ctx, insertSQL, args...)
	if err != nil {
		return 0, fmt.Errorf("insert submission: %w", err)
	}
	return res.LastInsertId()
}

// insertSQL inserts a submission row: its UID, the editable columns, and
// the store's own.
var insertSQL = `INSERT INTO submissions (uid, ` + editableCols + `, status, created_unix, updated_unix, version, writer)
	VALUES (?` + strings.Repeat(", ?", len(editable)+5) + `)`

// updateSubmission writes the editable fields of row id, stamped with
// version and writer; ErrNotFound when there is no such row. It is the
// only writer of the editable fields of an existing row: every path that
// changes them comes through here, after replaceEditable has kept what it
// replaces.
func updateSubmission(ctx context.Context, tx dbtx, id int64, sub data.Submission, updated, version int64, writer string) error {
	fields, err := editableArgs(&sub)
	if err != nil {
		return fmt.Errorf("update submission: %w", err)
	}
	args := append(fields, updated, version, writer, id)
	res, err := tx.ExecContext(ctx, `UPDATE submissions SET `+editableSet+`, updated_unix = ?, version = ?, writer = ? WHERE id = ?`, args...)
	if err != nil {
		return fmt.Errorf("update submission: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return ErrNotFound
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
// when set), Created and Updated now, status draft, a trail of that one
// step and its first Version. sub's status, trail, attachments and version
// are ignored; add attachments with AddAttachment.
func (s *Store) CreateSubmission(ctx context.Context, sub data.Submission) (data.Submission, error) {
	now := s.now()
	if sub.UID == "" {
		sub.UID = NewUID()
	}
	var out data.Submission
	err := s.write(ctx, "create submission", func(tx dbtx) error {
		v, err := nextVersion(ctx, tx)
		if err != nil {
			return err
		}
		id, err := insertSubmission(ctx, tx, sub, data.StatusDraft, now.Unix(), now.Unix(), v, s.writer)
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
// Version, records a revision, and returns the submission as stored, with
// its new Version. Nothing is validated (see data.ValidateSubmission): what
// was typed is kept. ErrNotFound when there is no such submission.
//
// sub.Version is the version the caller loaded (Submission and every other
// reader set it). When it is not 0 and the row has another version now, the
// row was changed elsewhere (another window or program saved it, an import
// or a restore replaced it): nothing is written and the error is a
// *data.Problem around a *Conflict (errors.Is ErrConflict) that gives the
// version and time of the change; when the submission was deleted since,
// it is a *data.Problem around ErrNotFound. Saving again with the Version
// the last save returned, or again from the same loaded copy (the store
// remembers that its own saves moved the row on), is not a conflict.
// Version 0 saves whatever the row holds.
//
// Saves follow typing: a save within 30 seconds of the newest revision's
// first write replaces that revision instead of adding one, when this store
// wrote that revision and nobody wrote the submission since; only the newest
// 50 revisions are kept. A state that someone else wrote (another program,
// an import) is kept as a revision of its own before it is replaced.
func (s *Store) SaveSubmission(ctx context.Context, sub data.Submission) (data.Submission, error) {
	now := s.now()
	var out data.Submission
	err := s.write(ctx, fmt.Sprintf("save submission %d", sub.ID), func(tx dbtx) error {
		cur, err := readRowState(ctx, tx, sub.ID)
		if errors.Is(err, ErrNotFound) && sub.Version != 0 {
			return submissionGone(sub)
		}
		if err != nil {
			return err
		}
		if err := s.checkBase(sub, cur); err != nil {
			return err
		}
		if _, err := s.replaceEditable(ctx, tx, sub.ID, cur, sub, now, RevisionSaved, 0, nil); err != nil {
			return err
		}
		out, err = loadSubmission(ctx, tx, sub.ID)
		return err
	})
	if err != nil {
		return data.Submission{}, err
	}
	s.lineage.saved(sub.ID, sub.Version, out.Version)
	return out, nil
}

// rowState is what a write needs to know of a submission's row first.
type rowState struct {
	uid     string
	title   string
	version int64
	writer  string
	updated int64
}

func readRowState(ctx context.Context, tx dbtx, id int64) (rowState, error) {
	var r rowState
	err := tx.QueryRowContext(ctx, `SELECT uid, title, version, writer, updated_unix FROM submissions WHERE id = ?`, id).
		Scan(&r.uid, &r.title, &r.version, &r.writer, &r.updated)
	if errors.Is(err, sql.ErrNoRows) {
		return r, ErrNotFound
	}
	return r, err
}

// submissionGone is the problem of a save of a submission that was deleted
// since the caller loaded it.
func submissionGone(sub data.Submission) error {
	return &data.Problem{Msg: msgSubmissionGone, Args: map[string]any{"Title": sub.Title}, Err: ErrNotFound}
}

// checkBase refuses a save from a copy older than the row (see
// SaveSubmission).
func (s *Store) checkBase(sub data.Submission, cur rowState) error {
	if sub.Version == 0 || sub.Version == cur.version {
		return nil
	}
	if sub.UID != "" && sub.UID != cur.uid {
		// The id now belongs to another submission: the one loaded is gone.
		return submissionGone(sub)
	}
	if s.lineage.follows(sub.ID, sub.Version, cur.version) {
		return nil
	}
	c := &Conflict{What: "submission", ID: sub.ID, Version: cur.version, Changed: time.Unix(cur.updated, 0)}
	return conflictProblem(msgSubmissionConflict, map[string]any{"When": whenText(c.Changed), "Title": cur.title}, c)
}

// replaceEditable writes the editable fields of sub over submission id,
// whose row is cur, after keeping the state it replaces as a revision when
// the history does not hold it already: unless it is the newest revision,
// or a state this store wrote itself with a save or create (typing), it
// becomes a revision of its own first. Then the new state is recorded as
// kind says: a save's as the newest revision (replacing this store's own
// newest one within revisionWindow), a restore's as a revision of its own;
// an import's is not recorded now but kept when it is replaced. The new
// version is v, or the next one when v is 0 (an import stamps all its rows
// with one); it is returned. base, when not nil, is the state as read
// before the transaction: used when the row still has its version, it
// saves loading the row again.
func (s *Store) replaceEditable(ctx context.Context, tx dbtx, id int64, cur rowState, sub data.Submission, now time.Time, kind RevisionKind, v int64, base *baseState) (int64, error) {
	newest, err := newestRevision(ctx, tx, id)
	if err != nil {
		return 0, err
	}
	inHistory := newest.ok && newest.version == cur.version
	own := kind == RevisionSaved && cur.writer == s.writer && cur.writer != ""
	kept := false
	if !inHistory && !own {
		if base == nil || base.version != cur.version {
			old, err := loadSubmission(ctx, tx, id)
			if err != nil {
				return 0, err
			}
			snap, err := encodeSnapshot(old)
			if err != nil {
				return 0, err
			}
			base = &baseState{version: cur.version, snap: snap, title: old.Title}
		}
		if kept, err = keepState(ctx, tx, id, base.snap, base.title, cur.version, now, newest); err != nil {
			return 0, err
		}
	}
	if v == 0 {
		if v, err = nextVersion(ctx, tx); err != nil {
			return 0, err
		}
	}
	writer := ""
	if kind == RevisionSaved {
		writer = s.writer
	}
	if err := updateSubmission(ctx, tx, id, sub, now.Unix(), v, writer); err != nil {
		return 0, err
	}
	switch kind {
	case RevisionSaved:
		var into int64
		if !kept && newest.ok && newest.kind == RevisionSaved && newest.writer == s.writer && s.writer != "" &&
			newest.version == cur.version && now.Unix()-newest.opened < int64(revisionWindow/time.Second) {
			into = newest.id
		}
		err = recordRevision(ctx, tx, id, sub, now, v, RevisionSaved, s.writer, into)
	case RevisionRestored:
		err = recordRevision(ctx, tx, id, sub, now, v, RevisionRestored, s.writer, 0)
	}
	return v, err
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
		v, err := nextVersion(ctx, tx)
		if err != nil {
			return err
		}
		newID, err := insertSubmission(ctx, tx, src, data.StatusDraft, now.Unix(), now.Unix(), v, s.writer)
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
// overwritten its current state is kept as a revision (unless the history
// holds it already), so the import can be undone with RestoreRevision, and
// its Version changes, so that an editor open on it elsewhere cannot save
// over the import unawares. The trash state, sub.ID and sub.Version are
// ignored.
//
// The import always wins; a caller that wants to keep a newer local version
// compares Updated with SubmissionByUID's first.
func (s *Store) UpsertSubmissionFromExchange(ctx context.Context, sub data.Submission) (created bool, err error) {
	p, err := prepareExchange(sub, false)
	if err != nil {
		return false, err
	}
	now := s.now()
	err = s.write(ctx, fmt.Sprintf("import submission %s", sub.UID), func(tx dbtx) error {
		v, err := nextVersion(ctx, tx)
		if err != nil {
			return err
		}
		created, err = s.upsertExchange(ctx, tx, p, now, v, nil, nil)
		return err
	})
	return created, err
}

// ImportSubmissions writes the submissions of an exchange package like
// UpsertSubmissionFromExchange, all in one transaction: either every one is
// written or, on any error, none. It is ImportSubmissionsFrom with the
// attachments' bytes in their Data.
func (s *Store) ImportSubmissions(ctx context.Context, subs []data.Submission) (created, updated int, err error) {
	return s.ImportSubmissionsFrom(ctx, subs, nil)
}

// ImportSubmissionsFrom is ImportSubmissions for attachments that are not in
// memory: each attachment with nil Data is read with load (given the
// attachment as it is in subs), checked like AddAttachment's and written,
// one after the other inside the import's transaction, so that the import
// holds one attachment at a time however much the submissions carry. The
// thumbnails of photos are made before the write lock is taken, reading
// each photo once more, and only they are kept until the write (up to
// aheadBudget in all; any further are made under the lock). An error from
// load, or an attachment it gives that is refused, imports nothing.
// Attachments whose Data is set are checked before the write lock is
// taken, as in ImportSubmissions. With load nil an attachment with nil Data
// keeps its stored bytes (see UpsertSubmissionFromExchange).
func (s *Store) ImportSubmissionsFrom(ctx context.Context, subs []data.Submission, load func(data.Attachment) ([]byte, error)) (created, updated int, err error) {
	ps := make([]exchangeSub, len(subs))
	for i, sub := range subs {
		if ps[i], err = prepareExchange(sub, load != nil); err != nil {
			return 0, 0, err
		}
	}
	if load != nil {
		if err := thumbnailsAhead(ctx, ps, load); err != nil {
			return 0, 0, fmt.Errorf("import submissions: %w", err)
		}
	}
	// What the import will replace, read before the write lock is taken:
	// encoding those states for the history is then no work under it.
	bases, err := s.importBases(ctx, ps)
	if err != nil {
		return 0, 0, err
	}
	now := s.now()
	err = s.write(ctx, "import submissions", func(tx dbtx) error {
		created, updated = 0, 0
		v, err := nextVersion(ctx, tx)
		if err != nil {
			return err
		}
		for _, p := range ps {
			c, err := s.upsertExchange(ctx, tx, p, now, v, bases, load)
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

// baseState is a submission's editable state as read before a write, for
// the history: its version, its encoded snapshot and its title.
type baseState struct {
	version int64
	snap    string
	title   string
}

// importBases reads, in one read transaction, the submissions of the
// package that exist already, by UID.
func (s *Store) importBases(ctx context.Context, ps []exchangeSub) (map[string]*baseState, error) {
	uids := make([]string, len(ps))
	for i, p := range ps {
		uids[i] = p.sub.UID
	}
	list, err := json.Marshal(uids)
	if err != nil {
		return nil, err
	}
	bases := map[string]*baseState{}
	err = s.inRead(ctx, "read the submissions an import replaces", func(tx dbtx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id FROM submissions WHERE uid IN (SELECT value FROM json_each(?))`, string(list))
		if err != nil {
			return err
		}
		ids, err := collect(rows, "submissions", func(r *sql.Rows) (int64, error) {
			var id int64
			return id, r.Scan(&id)
		})
		if err != nil {
			return err
		}
		subs, err := loadSubmissions(ctx, tx, ids)
		if err != nil {
			return err
		}
		for _, sub := range subs {
			snap, err := encodeSnapshot(sub)
			if err != nil {
				return err
			}
			bases[sub.UID] = &baseState{version: sub.Version, snap: snap, title: sub.Title}
		}
		return nil
	})
	return bases, err
}

// exchangeSub is a submission from an exchange package, checked and with
// its attachments prepared.
type exchangeSub struct {
	sub  data.Submission
	atts []prepared
}

// prepareExchange checks sub and makes the thumbnails of the attachments it
// holds before any write lock is taken: decoding photos is the slow part.
// With load, an attachment without Data is to be loaded (upsertExchange
// does, one at a time); without, it keeps its stored bytes.
func prepareExchange(sub data.Submission, load bool) (exchangeSub, error) {
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
			atts[i] = prepared{Attachment: a, metaOnly: !load, deferred: load}
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

// rowByUID reads what an import needs of the row with a UID.
const rowByUID = `SELECT id, uid, title, version, writer, updated_unix FROM submissions WHERE uid = ?`

// upsertExchange writes one prepared submission inside a transaction,
// stamped with version v; load reads its deferred attachments.
func (s *Store) upsertExchange(ctx context.Context, tx dbtx, p exchangeSub, now time.Time, v int64, bases map[string]*baseState,
	load func(data.Attachment) ([]byte, error)) (created bool, err error) {
	sub := p.sub
	createdAt, updatedAt := unixOrNow(sub.Created, now), unixOrNow(sub.Updated, now)
	var id int64
	var cur rowState
	err = tx.QueryRowContext(ctx, rowByUID, sub.UID).Scan(&id, &cur.uid, &cur.title, &cur.version, &cur.writer, &cur.updated)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		created = true
		if id, err = insertSubmission(ctx, tx, sub, sub.Status, createdAt, updatedAt, v, ""); err != nil {
			return created, err
		}
	case err != nil:
		return created, err
	default:
		// What the import replaces is kept as a revision (unless the
		// history holds it), so that the import can be undone.
		if _, err := s.replaceEditable(ctx, tx, id, cur, sub, now, revisionImported, v, bases[sub.UID]); err != nil {
			return created, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE submissions SET status = ?, created_unix = ?, updated_unix = ? WHERE id = ?`,
			string(sub.Status), createdAt, updatedAt, id); err != nil {
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
	type step struct {
		Status  string `json:"s"`
		At      int64  `json:"t"`
		Comment string `json:"c"`
	}
	steps := make([]step, len(trail))
	for i, c := range trail {
		at := createdAt
		if !c.At.IsZero() {
			at = c.At.Unix()
		}
		steps[i] = step{string(c.Status), at, c.Comment}
	}
	b, err := json.Marshal(steps)
	if err != nil {
		return created, err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO submission_trail (submission_id, status, at_unix, comment)
		SELECT ?, value ->> '$.s', value ->> '$.t', value ->> '$.c' FROM json_each(?) ORDER BY key`, id, string(b)); err != nil {
		return created, fmt.Errorf("write status trail: %w", err)
	}
	return created, mirrorAttachments(ctx, tx, id, p, now, load)
}

// mirrorAttachments makes the attachments of submission id those of x,
// matched by UID. A deferred attachment is read with load, checked and
// written before the next is read: nothing keeps its bytes afterwards.
func mirrorAttachments(ctx context.Context, tx dbtx, id int64, x exchangeSub, now time.Time, load func(data.Attachment) ([]byte, error)) error {
	keep := make([]string, 0, len(x.atts))
	for i, p := range x.atts {
		if p.deferred {
			var err error
			if p, err = loadAttachment(p, x.sub.Attachments[i], load); err != nil {
				return err
			}
		}
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
