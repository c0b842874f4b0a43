package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/handelskammaren/ila-desk/data"
)

// Note returns the user's note on a meeting or protocol, an empty one if none.
func (r reader) Note(ctx context.Context, kind, key string) (data.Note, error) {
	n := data.Note{TargetKind: kind, TargetKey: key}
	var updated int64
	err := r.q().QueryRowContext(ctx, `SELECT text, updated_unix FROM notes WHERE target_kind = ? AND target_key = ?`, kind, key).
		Scan(&n.Text, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return n, nil
	}
	if err != nil {
		return n, fmt.Errorf("note %s %s: %w", kind, key, err)
	}
	n.Updated = time.Unix(updated, 0)
	return n, nil
}

// SaveNote stores a note; an empty text removes it. It writes whatever is
// stored; an editor that read the note saves with SaveNoteIfUnchanged.
func (s *Store) SaveNote(ctx context.Context, n data.Note) error {
	_, err := s.saveNote(ctx, n, false, 0)
	return err
}

// NoteForEdit returns the note like Note, with the version that
// SaveNoteIfUnchanged wants: 0 when there is no note.
func (r reader) NoteForEdit(ctx context.Context, kind, key string) (data.Note, int64, error) {
	n := data.Note{TargetKind: kind, TargetKey: key}
	var updated, v int64
	err := r.q().QueryRowContext(ctx, `SELECT text, updated_unix, version FROM notes WHERE target_kind = ? AND target_key = ?`, kind, key).
		Scan(&n.Text, &updated, &v)
	if errors.Is(err, sql.ErrNoRows) {
		return n, 0, nil
	}
	if err != nil {
		return n, 0, fmt.Errorf("note %s %s: %w", kind, key, err)
	}
	n.Updated = time.Unix(updated, 0)
	return n, v, nil
}

// SaveNoteIfUnchanged stores n (an empty text removes it) only when the
// stored note still has version, the one NoteForEdit or the last save gave
// (0: there was no note). Otherwise the note was changed elsewhere: the
// error is a *data.Problem around a *Conflict and nothing is written. It
// returns the note's new version (0 when removed).
func (s *Store) SaveNoteIfUnchanged(ctx context.Context, n data.Note, version int64) (int64, error) {
	return s.saveNote(ctx, n, true, version)
}

func (s *Store) saveNote(ctx context.Context, n data.Note, check bool, version int64) (int64, error) {
	var v int64
	err := s.inTx(ctx, "save note", func(tx *sql.Tx) error {
		if check {
			var cur, updated int64
			err := tx.QueryRowContext(ctx, `SELECT version, updated_unix FROM notes WHERE target_kind = ? AND target_key = ?`,
				n.TargetKind, n.TargetKey).Scan(&cur, &updated)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			if cur != version {
				c := &Conflict{What: "note", Key: n.TargetKind + "/" + n.TargetKey, Version: cur}
				if updated != 0 {
					c.Changed = time.Unix(updated, 0)
				}
				return conflictProblem(msgNoteConflict, map[string]any{"When": whenText(c.Changed)}, c)
			}
		}
		if strings.TrimSpace(n.Text) == "" {
			_, err := tx.ExecContext(ctx, `DELETE FROM notes WHERE target_kind = ? AND target_key = ?`, n.TargetKind, n.TargetKey)
			return err
		}
		var err error
		if v, err = nextVersion(ctx, tx); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO notes (target_kind, target_key, text, updated_unix, version) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (target_kind, target_key) DO UPDATE SET text = excluded.text, updated_unix = excluded.updated_unix,
			version = excluded.version`,
			n.TargetKind, n.TargetKey, n.Text, time.Now().Unix(), v)
		return err
	})
	return v, err
}

// NoteByID returns a note by its id, for search hits.
func (r reader) NoteByID(ctx context.Context, id int64) (data.Note, error) {
	var n data.Note
	var updated int64
	err := r.q().QueryRowContext(ctx, `SELECT target_kind, target_key, text, updated_unix FROM notes WHERE id = ?`, id).
		Scan(&n.TargetKind, &n.TargetKey, &n.Text, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return n, fmt.Errorf("note %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return n, fmt.Errorf("note %d: %w", id, err)
	}
	n.Updated = time.Unix(updated, 0)
	return n, nil
}

// Document is a stored document with its bytes.
type Document struct {
	data.DocumentInfo
	Data []byte
	Text string
}

// AttachDocument stores doc with the protocol, replacing any earlier one.
// Text is the extracted text used for search; Searchable says whether there was any.
func (s *Store) AttachDocument(ctx context.Context, protocolID int64, doc Document) (int64, error) {
	var id int64
	err := s.inTx(ctx, "attach document", func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM documents WHERE protocol_id = ?`, protocolID); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `INSERT INTO documents (protocol_id, name, mime, size, data, text, searchable, added_unix)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			protocolID, doc.Name, doc.MIME, len(doc.Data), doc.Data, doc.Text, doc.Searchable, time.Now().Unix()).Scan(&id)
	})
	return id, err
}

// DocumentData returns the bytes of a protocol's document.
func (r reader) DocumentData(ctx context.Context, protocolID int64) (Document, error) {
	var d Document
	var added int64
	err := r.q().QueryRowContext(ctx, `SELECT id, name, mime, size, data, text, searchable, added_unix FROM documents WHERE protocol_id = ?`, protocolID).
		Scan(&d.ID, &d.Name, &d.MIME, &d.Size, &d.Data, &d.Text, &d.Searchable, &added)
	if errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("document of protocol %d: %w", protocolID, ErrNotFound)
	}
	if err != nil {
		return d, fmt.Errorf("document of protocol %d: %w", protocolID, err)
	}
	d.Added = time.Unix(added, 0)
	return d, nil
}
