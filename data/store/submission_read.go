package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/handelskammaren/ila-desk/data"
)

// submissionCols are the columns submissionScanner reads, in its order: the
// editable fields' (see submission_fields.go) between the store's own.
var submissionCols = `id, uid, ` + editableRead + `, status, created_unix, updated_unix, deleted_unix, version`

type scanner interface{ Scan(...any) error }

// inRead runs fn in a read transaction, so that the several queries that
// load a submission see one state of the database; in a Snapshot, in its
// transaction.
func (r reader) inRead(ctx context.Context, op string, fn func(tx dbtx) error) error {
	if r.rtx != nil {
		if err := fn(r.rtx); err != nil {
			return fmt.Errorf("%s: %w", op, err)
		}
		return nil
	}
	c := r.cache
	defer c.prepareWanted(ctx, r.rdb)
	tx, err := r.rdb.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	defer tx.Rollback()
	if err := fn(newCachedTx(tx, c)); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	return nil
}

// Submission returns a submission with everything: measures, flows,
// co-signers, the status trail (oldest first) and the attachments' metadata
// (their Data is nil; see AttachmentData). A trashed submission is returned
// too, with Deleted set. A missing one gives ErrNotFound.
func (r reader) Submission(ctx context.Context, id int64) (data.Submission, error) {
	var sub data.Submission
	err := r.inRead(ctx, fmt.Sprintf("submission %d", id), func(tx dbtx) error {
		var err error
		sub, err = loadSubmission(ctx, tx, id)
		return err
	})
	return sub, err
}

// SubmissionByUID returns the submission with the given UID like Submission
// does; ErrNotFound when there is none.
func (r reader) SubmissionByUID(ctx context.Context, uid string) (data.Submission, error) {
	var sub data.Submission
	err := r.inRead(ctx, fmt.Sprintf("submission %s", uid), func(tx dbtx) error {
		var id int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM submissions WHERE uid = ?`, uid).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		sub, err = loadSubmission(ctx, tx, id)
		return err
	})
	return sub, err
}

// SubmissionsFull returns the submissions that q selects, in q's order, with
// everything Submission gives (attachments as metadata only). It is meant for
// reports and export; it loads any number of submissions with four queries.
func (r reader) SubmissionsFull(ctx context.Context, q SubmissionQuery) ([]data.Submission, error) {
	var subs []data.Submission
	err := r.inRead(ctx, "load submissions", func(tx dbtx) error {
		ids, err := queryIDs(ctx, tx, q)
		if err != nil {
			return err
		}
		subs, err = loadSubmissions(ctx, tx, ids)
		return err
	})
	return subs, err
}

func loadSubmission(ctx context.Context, q dbtx, id int64) (data.Submission, error) {
	subs, err := loadSubmissions(ctx, q, []int64{id})
	if err != nil {
		return data.Submission{}, err
	}
	if len(subs) == 0 {
		return data.Submission{}, ErrNotFound
	}
	return subs[0], nil
}

// loadSubmissions loads the submissions with the given ids, in that order;
// ids that do not exist are left out. Each child table is read with one
// query for all of them.
func loadSubmissions(ctx context.Context, q dbtx, ids []int64) ([]data.Submission, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	list := idsJSON(ids)
	const in = ` IN (SELECT value FROM json_each(?))`

	rows, err := q.QueryContext(ctx, `SELECT `+submissionCols+` FROM submissions WHERE id`+in, list)
	if err != nil {
		return nil, err
	}
	subs, err := collect(rows, "read submissions", newSubmissionScanner().scan)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*data.Submission, len(subs))
	for i := range subs {
		byID[subs[i].ID] = &subs[i]
	}

	if err := forRows(ctx, q, "status trail", `SELECT submission_id, status, at_unix, comment FROM submission_trail WHERE submission_id`+in+` ORDER BY submission_id, id`, list,
		func(r *sql.Rows) error {
			var id, at int64
			var c data.StatusChange
			if err := r.Scan(&id, &c.Status, &at, &c.Comment); err != nil {
				return err
			}
			c.At = time.Unix(at, 0)
			if sub := byID[id]; sub != nil {
				sub.Trail = append(sub.Trail, c)
			}
			return nil
		}); err != nil {
		return nil, err
	}
	if err := forRows(ctx, q, "attachments", `SELECT submission_id, `+attachmentCols+` FROM submission_attachments WHERE submission_id`+in+` ORDER BY submission_id, id`, list,
		func(r *sql.Rows) error {
			var id int64
			a, err := scanAttachment(r, &id)
			if err != nil {
				return err
			}
			if sub := byID[id]; sub != nil {
				sub.Attachments = append(sub.Attachments, a)
			}
			return nil
		}); err != nil {
		return nil, err
	}

	out := make([]data.Submission, 0, len(subs))
	for _, id := range ids {
		if sub := byID[id]; sub != nil {
			out = append(out, *sub)
		}
	}
	return out, nil
}

// forRows runs query with one argument and calls fn for every row.
func forRows(ctx context.Context, q dbtx, what, query string, arg any, fn func(r *sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, arg)
	if err != nil {
		return fmt.Errorf("read %s: %w", what, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return fmt.Errorf("read %s: %w", what, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read %s: %w", what, err)
	}
	return nil
}
