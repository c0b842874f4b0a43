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
func (s *Store) Note(ctx context.Context, kind, key string) (data.Note, error) {
	n := data.Note{TargetKind: kind, TargetKey: key}
	var updated int64
	err := s.db.QueryRowContext(ctx, `SELECT text, updated_unix FROM notes WHERE target_kind = ? AND target_key = ?`, kind, key).
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

// SaveNote stores a note; an empty text removes it.
func (s *Store) SaveNote(ctx context.Context, n data.Note) error {
	return s.inTx(ctx, "save note", func(tx *sql.Tx) error {
		if strings.TrimSpace(n.Text) == "" {
			_, err := tx.ExecContext(ctx, `DELETE FROM notes WHERE target_kind = ? AND target_key = ?`, n.TargetKind, n.TargetKey)
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO notes (target_kind, target_key, text, updated_unix) VALUES (?, ?, ?, ?)
			ON CONFLICT (target_kind, target_key) DO UPDATE SET text = excluded.text, updated_unix = excluded.updated_unix`,
			n.TargetKind, n.TargetKey, n.Text, time.Now().Unix())
		return err
	})
}

// NoteByID returns a note by its id, for search hits.
func (s *Store) NoteByID(ctx context.Context, id int64) (data.Note, error) {
	var n data.Note
	var updated int64
	err := s.db.QueryRowContext(ctx, `SELECT target_kind, target_key, text, updated_unix FROM notes WHERE id = ?`, id).
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
func (s *Store) DocumentData(ctx context.Context, protocolID int64) (Document, error) {
	var d Document
	var added int64
	err := s.db.QueryRowContext(ctx, `SELECT id, name, mime, size, data, text, searchable, added_unix FROM documents WHERE protocol_id = ?`, protocolID).
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
