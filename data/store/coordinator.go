package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/content"
)

// The coordinator's edits of the arena content. A new row gets a key made
// from its date (or name) and origin 'user', so a content update keeps it; an
// edited row keeps its key and origin, so notes and documents stay attached.
// Each method is one transaction.

// newKey returns base, or base-2, base-3 … when table already has that key.
// table is one of ours, never user input.
func newKey(ctx context.Context, tx *sql.Tx, table, base string) (string, error) {
	key := base
	for n := 2; ; n++ {
		var one int
		err := tx.QueryRowContext(ctx, "SELECT 1 FROM "+table+" WHERE key = ?", key).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return key, nil
		}
		if err != nil {
			return "", fmt.Errorf("new key: %w", err)
		}
		key = base + "-" + strconv.Itoa(n)
	}
}

// slug is s in lower case ASCII letters and digits joined by hyphens, for keys.
func slug(s string) string {
	r := strings.NewReplacer("å", "a", "ä", "a", "ö", "o", "é", "e", "ü", "u", "Å", "a", "Ä", "a", "Ö", "o", "É", "e", "Ü", "u")
	s = strings.ToLower(r.Replace(s))
	f := strings.FieldsFunc(s, func(c rune) bool { return c > unicode.MaxASCII || !unicode.IsLetter(c) && !unicode.IsDigit(c) })
	return strings.Join(f, "-")
}

// affected turns "no row changed" into ErrNotFound.
func affected(res sql.Result, what string, id int64) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("%s %d: %w", what, id, ErrNotFound)
	}
	return nil
}

// SaveMeeting inserts m when m.ID is 0 (with a key "meeting-YYYY-MM-DD[-n]"
// and origin 'user') or updates the meeting with that ID, replacing its agenda
// with m.Agenda. It returns the meeting as stored.
func (s *Store) SaveMeeting(ctx context.Context, m data.Meeting) (data.Meeting, error) {
	if !m.End.After(m.Start) {
		return m, data.NewProblem("The meeting ends before it starts. Make the end later than the start.", nil)
	}
	err := s.inTx(ctx, "save meeting", func(tx *sql.Tx) error {
		if m.ID == 0 {
			key, err := newKey(ctx, tx, "meetings", "meeting-"+content.FormatDate(m.Start))
			if err != nil {
				return err
			}
			m.Key, m.Origin = key, data.OriginUser
			if err := tx.QueryRowContext(ctx, `INSERT INTO meetings (key, title, kind, start_unix, end_unix, location, description, origin)
				VALUES (?, ?, ?, ?, ?, ?, ?, 'user') RETURNING id`,
				m.Key, m.Title, m.Kind, m.Start.Unix(), m.End.Unix(), m.Location, m.Description).Scan(&m.ID); err != nil {
				return err
			}
		} else {
			if err := tx.QueryRowContext(ctx, `UPDATE meetings SET title = ?, kind = ?, start_unix = ?, end_unix = ?, location = ?, description = ?
				WHERE id = ? RETURNING key, origin`,
				m.Title, m.Kind, m.Start.Unix(), m.End.Unix(), m.Location, m.Description, m.ID).Scan(&m.Key, &m.Origin); err != nil {
				if errors.Is(err, sql.ErrNoRows) {
					return fmt.Errorf("meeting %d: %w", m.ID, ErrNotFound)
				}
				return err
			}
		}
		return replaceAgenda(ctx, tx, m.ID, m.Agenda)
	})
	if err != nil {
		return m, err
	}
	return s.Meeting(ctx, m.ID)
}

// DeleteMeeting removes a meeting and its agenda. Protocols that recorded it
// keep their entry but no longer point at it, so the content stays whole.
func (s *Store) DeleteMeeting(ctx context.Context, id int64) error {
	return s.inTx(ctx, "delete meeting", func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE protocols SET meeting_key = '' WHERE meeting_key = (SELECT key FROM meetings WHERE id = ?)`, id); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM meetings WHERE id = ?`, id)
		if err != nil {
			return err
		}
		return affected(res, "meeting", id)
	})
}

// SaveProtocol inserts p when p.ID is 0 (key "protocol-YYYY-MM-DD[-n]",
// origin 'user') or updates the entry with that ID. Its document, if any, stays.
func (s *Store) SaveProtocol(ctx context.Context, p data.Protocol) (data.Protocol, error) {
	err := s.inTx(ctx, "save protocol", func(tx *sql.Tx) error {
		if p.MeetingKey != "" {
			var one int
			if err := tx.QueryRowContext(ctx, `SELECT 1 FROM meetings WHERE key = ?`, p.MeetingKey).Scan(&one); err != nil {
				if errors.Is(err, sql.ErrNoRows) {
					return fmt.Errorf("meeting %q: %w", p.MeetingKey, ErrNotFound)
				}
				return err
			}
		}
		date := content.FormatDate(p.Date)
		if p.ID == 0 {
			key, err := newKey(ctx, tx, "protocols", "protocol-"+date)
			if err != nil {
				return err
			}
			return tx.QueryRowContext(ctx, `INSERT INTO protocols (key, date, title, kind, text, meeting_key, origin)
				VALUES (?, ?, ?, ?, ?, ?, 'user') RETURNING id`, key, date, p.Title, p.Kind, p.Text, p.MeetingKey).Scan(&p.ID)
		}
		res, err := tx.ExecContext(ctx, `UPDATE protocols SET date = ?, title = ?, kind = ?, text = ?, meeting_key = ? WHERE id = ?`,
			date, p.Title, p.Kind, p.Text, p.MeetingKey, p.ID)
		if err != nil {
			return err
		}
		return affected(res, "protocol", p.ID)
	})
	if err != nil {
		return p, err
	}
	return s.Protocol(ctx, p.ID)
}

// DeleteProtocol removes a protocol entry and its document.
func (s *Store) DeleteProtocol(ctx context.Context, id int64) error {
	return s.inTx(ctx, "delete protocol", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM protocols WHERE id = ?`, id)
		if err != nil {
			return err
		}
		return affected(res, "protocol", id)
	})
}

// SaveEvent inserts e when e.ID is 0 (key "event-YYYY-MM-DD-title[-n]",
// origin 'user') or updates the event with that ID.
func (s *Store) SaveEvent(ctx context.Context, e data.Event) (data.Event, error) {
	err := s.inTx(ctx, "save event", func(tx *sql.Tx) error {
		date := content.FormatDate(e.Date)
		if e.ID == 0 {
			base := "event-" + date
			if sl := slug(e.Title); sl != "" {
				base += "-" + firstWords(sl, 3)
			}
			key, err := newKey(ctx, tx, "events", base)
			if err != nil {
				return err
			}
			e.Key, e.Origin = key, data.OriginUser
			return tx.QueryRowContext(ctx, `INSERT INTO events (key, date, title, summary, city, origin) VALUES (?, ?, ?, ?, ?, 'user') RETURNING id`,
				e.Key, date, e.Title, e.Summary, e.City).Scan(&e.ID)
		}
		err := tx.QueryRowContext(ctx, `UPDATE events SET date = ?, title = ?, summary = ?, city = ? WHERE id = ? RETURNING key, origin`,
			date, e.Title, e.Summary, e.City, e.ID).Scan(&e.Key, &e.Origin)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("event %d: %w", e.ID, ErrNotFound)
		}
		return err
	})
	return e, err
}

// firstWords is the first n hyphen-separated words of a slug.
func firstWords(slug string, n int) string {
	parts := strings.SplitN(slug, "-", n+1)
	if len(parts) > n {
		parts = parts[:n]
	}
	return strings.Join(parts, "-")
}

// DeleteEvent removes one of the chamber's events.
func (s *Store) DeleteEvent(ctx context.Context, id int64) error {
	return s.inTx(ctx, "delete event", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM events WHERE id = ?`, id)
		if err != nil {
			return err
		}
		return affected(res, "event", id)
	})
}

// SaveContact inserts c when c.ID is 0 (key "contact-name[-n]", origin
// 'user', placed last) or updates the contact with that ID.
func (s *Store) SaveContact(ctx context.Context, c data.Contact) (data.Contact, error) {
	err := s.inTx(ctx, "save contact", func(tx *sql.Tx) error {
		if c.ID == 0 {
			base := "contact"
			if sl := slug(c.Name); sl != "" {
				base += "-" + sl
			}
			key, err := newKey(ctx, tx, "contacts", base)
			if err != nil {
				return err
			}
			c.Key, c.Origin = key, data.OriginUser
			if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(position) + 1, 0) FROM contacts`).Scan(&c.Position); err != nil {
				return err
			}
			return tx.QueryRowContext(ctx, `INSERT INTO contacts (key, position, name, role, email, phone, origin) VALUES (?, ?, ?, ?, ?, ?, 'user') RETURNING id`,
				c.Key, c.Position, c.Name, c.Role, c.Email, c.Phone).Scan(&c.ID)
		}
		err := tx.QueryRowContext(ctx, `UPDATE contacts SET name = ?, role = ?, email = ?, phone = ? WHERE id = ? RETURNING key, position, origin`,
			c.Name, c.Role, c.Email, c.Phone, c.ID).Scan(&c.Key, &c.Position, &c.Origin)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("contact %d: %w", c.ID, ErrNotFound)
		}
		return err
	})
	return c, err
}

// DeleteContact removes a contact.
func (s *Store) DeleteContact(ctx context.Context, id int64) error {
	return s.inTx(ctx, "delete contact", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM contacts WHERE id = ?`, id)
		if err != nil {
			return err
		}
		return affected(res, "contact", id)
	})
}

// reminderKey is the meta key that records a sent reminder.
func reminderKey(id string) string { return "reminder_sent:" + id }

// ReminderSent reports whether the reminder with the given id (a meeting's
// key and start) was sent.
func (s *Store) ReminderSent(ctx context.Context, id string) (bool, error) {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, reminderKey(id)).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("reminder %s: %w", id, err)
	}
	return true, nil
}

// MarkReminderSent records that the reminder with the given id was sent.
func (s *Store) MarkReminderSent(ctx context.Context, id string) error {
	return s.inTx(ctx, "mark reminder sent", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES (?, strftime('%s', 'now'))
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, reminderKey(id))
		return err
	})
}

// RaiseContentVersion records that the store's content now has version v,
// when v is higher than what it has: after the coordinator exported it, so
// the next export gets a higher number still.
func (s *Store) RaiseContentVersion(ctx context.Context, v int) error {
	return s.inTx(ctx, "raise content version", func(tx *sql.Tx) error {
		old, err := contentVersion(ctx, tx)
		if err != nil || v <= old {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, metaContentVersion, strconv.Itoa(v))
		return err
	})
}

// PublishContent exports the arena content as the next content version,
// hands it to write (which saves it where the members get it), and only when
// that succeeds counts the version as the store's own, so that the next
// export is newer still.
func (s *Store) PublishContent(ctx context.Context, write func(f *content.File) error) (*content.File, error) {
	v, err := s.ContentVersion(ctx)
	if err != nil {
		return nil, err
	}
	f, err := s.ExportContent(ctx, v+1)
	if err != nil {
		return nil, err
	}
	if err := write(f); err != nil {
		return nil, err
	}
	return f, s.RaiseContentVersion(ctx, f.Version)
}
