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
// with m.Agenda. It returns the meeting as stored. It writes whatever the
// row holds; a form that read the meeting saves with SaveMeetingIfUnchanged.
func (s *Store) SaveMeeting(ctx context.Context, m data.Meeting) (data.Meeting, error) {
	m, _, err := s.saveMeeting(ctx, m, false, 0)
	return m, err
}

// SaveMeetingIfUnchanged is SaveMeeting for a form that read the meeting
// with MeetingForEdit: an existing meeting is saved only when it still has
// version, else the error is a *data.Problem around a *Conflict (or, when it
// was deleted meanwhile, around ErrNotFound) and nothing is written. It
// returns the meeting and its new version, for the next save.
func (s *Store) SaveMeetingIfUnchanged(ctx context.Context, m data.Meeting, version int64) (data.Meeting, int64, error) {
	return s.saveMeeting(ctx, m, true, version)
}

func (s *Store) saveMeeting(ctx context.Context, m data.Meeting, check bool, version int64) (data.Meeting, int64, error) {
	if !m.End.After(m.Start) {
		return m, 0, data.NewProblem("The meeting ends before it starts. Make the end later than the start.", nil)
	}
	var v int64
	err := s.inTx(ctx, "save meeting", func(tx *sql.Tx) error {
		var err error
		if v, err = nextVersion(ctx, tx); err != nil {
			return err
		}
		if m.ID == 0 {
			key, err := newKey(ctx, tx, "meetings", "meeting-"+content.FormatDate(m.Start))
			if err != nil {
				return err
			}
			m.Key, m.Origin = key, data.OriginUser
			if err := tx.QueryRowContext(ctx, `INSERT INTO meetings (key, title, kind, start_unix, end_unix, location, description, origin, version)
				VALUES (?, ?, ?, ?, ?, ?, ?, 'user', ?) RETURNING id`,
				m.Key, m.Title, m.Kind, m.Start.Unix(), m.End.Unix(), m.Location, m.Description, v).Scan(&m.ID); err != nil {
				return err
			}
		} else {
			if check {
				if err := checkVersion(ctx, tx, "meetings", "meeting", m.ID, version, m.Title); err != nil {
					return err
				}
			}
			if err := tx.QueryRowContext(ctx, `UPDATE meetings SET title = ?, kind = ?, start_unix = ?, end_unix = ?, location = ?, description = ?,
				version = ? WHERE id = ? RETURNING key, origin`,
				m.Title, m.Kind, m.Start.Unix(), m.End.Unix(), m.Location, m.Description, v, m.ID).Scan(&m.Key, &m.Origin); err != nil {
				if errors.Is(err, sql.ErrNoRows) {
					return fmt.Errorf("meeting %d: %w", m.ID, ErrNotFound)
				}
				return err
			}
		}
		return replaceAgenda(ctx, tx, m.ID, m.Agenda)
	})
	if err != nil {
		return m, 0, err
	}
	m, err = s.Meeting(ctx, m.ID)
	return m, v, err
}

// checkVersion refuses, with a *data.Problem, a save over row id of table
// when its version is not want: a *Conflict when it has another, ErrNotFound
// when it is gone. title names the record for the person.
func checkVersion(ctx context.Context, tx *sql.Tx, table, what string, id, want int64, title string) error {
	var v int64
	err := tx.QueryRowContext(ctx, "SELECT version FROM "+table+" WHERE id = ?", id).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return &data.Problem{Msg: msgRecordGone, Args: map[string]any{"Title": title}, Err: fmt.Errorf("%s %d: %w", what, id, ErrNotFound)}
	}
	if err != nil {
		return err
	}
	if v != want {
		return conflictProblem(msgRecordConflict, map[string]any{"Title": title}, &Conflict{What: what, ID: id, Version: v})
	}
	return nil
}

// versionOf reads the version of row id of table, in the same read as the
// row itself when q is a transaction.
func versionOf(ctx context.Context, q dbtx, table string, id int64) (int64, error) {
	var v int64
	err := q.QueryRowContext(ctx, "SELECT version FROM "+table+" WHERE id = ?", id).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNotFound
	}
	return v, err
}

// MeetingForEdit returns the meeting like Meeting, with the version that
// SaveMeetingIfUnchanged wants, both from one read.
func (r reader) MeetingForEdit(ctx context.Context, id int64) (data.Meeting, int64, error) {
	var m data.Meeting
	var v int64
	err := r.inRead(ctx, fmt.Sprintf("meeting %d", id), func(tx dbtx) error {
		var err error
		if v, err = versionOf(ctx, tx, "meetings", id); err != nil {
			return err
		}
		m, err = reader{rtx: tx}.Meeting(ctx, id)
		return err
	})
	return m, v, err
}

// DeleteMeeting removes a meeting and its agenda. Protocols that recorded it
// keep their entry but no longer point at it, so the content stays whole.
func (s *Store) DeleteMeeting(ctx context.Context, id int64) error {
	return s.inTx(ctx, "delete meeting", func(tx *sql.Tx) error {
		v, err := nextVersion(ctx, tx)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE protocols SET meeting_key = '', version = ? WHERE meeting_key = (SELECT key FROM meetings WHERE id = ?)`, v, id); err != nil {
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
// origin 'user') or updates the entry with that ID. Its document, if any,
// stays. It writes whatever the row holds; a form that read the protocol
// saves with SaveProtocolIfUnchanged.
func (s *Store) SaveProtocol(ctx context.Context, p data.Protocol) (data.Protocol, error) {
	p, _, err := s.saveProtocol(ctx, p, false, 0)
	return p, err
}

// SaveProtocolIfUnchanged is SaveProtocol for a form that read the
// protocol with ProtocolForEdit; see SaveMeetingIfUnchanged.
func (s *Store) SaveProtocolIfUnchanged(ctx context.Context, p data.Protocol, version int64) (data.Protocol, int64, error) {
	return s.saveProtocol(ctx, p, true, version)
}

func (s *Store) saveProtocol(ctx context.Context, p data.Protocol, check bool, version int64) (data.Protocol, int64, error) {
	var v int64
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
		var err error
		if v, err = nextVersion(ctx, tx); err != nil {
			return err
		}
		date := content.FormatDate(p.Date)
		if p.ID == 0 {
			key, err := newKey(ctx, tx, "protocols", "protocol-"+date)
			if err != nil {
				return err
			}
			return tx.QueryRowContext(ctx, `INSERT INTO protocols (key, date, title, kind, text, meeting_key, origin, version)
				VALUES (?, ?, ?, ?, ?, ?, 'user', ?) RETURNING id`, key, date, p.Title, p.Kind, p.Text, p.MeetingKey, v).Scan(&p.ID)
		}
		if check {
			if err := checkVersion(ctx, tx, "protocols", "protocol", p.ID, version, p.Title); err != nil {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, `UPDATE protocols SET date = ?, title = ?, kind = ?, text = ?, meeting_key = ?, version = ? WHERE id = ?`,
			date, p.Title, p.Kind, p.Text, p.MeetingKey, v, p.ID)
		if err != nil {
			return err
		}
		return affected(res, "protocol", p.ID)
	})
	if err != nil {
		return p, 0, err
	}
	p, err = s.Protocol(ctx, p.ID)
	return p, v, err
}

// ProtocolForEdit returns the protocol like Protocol, with the version that
// SaveProtocolIfUnchanged wants, both from one read.
func (r reader) ProtocolForEdit(ctx context.Context, id int64) (data.Protocol, int64, error) {
	var p data.Protocol
	var v int64
	err := r.inRead(ctx, fmt.Sprintf("protocol %d", id), func(tx dbtx) error {
		var err error
		if v, err = versionOf(ctx, tx, "protocols", id); err != nil {
			return err
		}
		p, err = reader{rtx: tx}.Protocol(ctx, id)
		return err
	})
	return p, v, err
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
// origin 'user') or updates the event with that ID. It writes whatever the
// row holds; a form that read the event saves with SaveEventIfUnchanged.
func (s *Store) SaveEvent(ctx context.Context, e data.Event) (data.Event, error) {
	e, _, err := s.saveEvent(ctx, e, false, 0)
	return e, err
}

// SaveEventIfUnchanged is SaveEvent for a form that read the event with
// EventForEdit; see SaveMeetingIfUnchanged.
func (s *Store) SaveEventIfUnchanged(ctx context.Context, e data.Event, version int64) (data.Event, int64, error) {
	return s.saveEvent(ctx, e, true, version)
}

func (s *Store) saveEvent(ctx context.Context, e data.Event, check bool, version int64) (data.Event, int64, error) {
	var v int64
	err := s.inTx(ctx, "save event", func(tx *sql.Tx) error {
		var err error
		if v, err = nextVersion(ctx, tx); err != nil {
			return err
		}
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
			return tx.QueryRowContext(ctx, `INSERT INTO events (key, date, title, summary, city, origin, version) VALUES (?, ?, ?, ?, ?, 'user', ?) RETURNING id`,
				e.Key, date, e.Title, e.Summary, e.City, v).Scan(&e.ID)
		}
		if check {
			if err := checkVersion(ctx, tx, "events", "event", e.ID, version, e.Title); err != nil {
				return err
			}
		}
		err = tx.QueryRowContext(ctx, `UPDATE events SET date = ?, title = ?, summary = ?, city = ?, version = ? WHERE id = ? RETURNING key, origin`,
			date, e.Title, e.Summary, e.City, v, e.ID).Scan(&e.Key, &e.Origin)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("event %d: %w", e.ID, ErrNotFound)
		}
		return err
	})
	if err != nil {
		return e, 0, err
	}
	return e, v, nil
}

// EventForEdit returns one event with the version that
// SaveEventIfUnchanged wants, both from one read.
func (r reader) EventForEdit(ctx context.Context, id int64) (data.Event, int64, error) {
	var e data.Event
	var date string
	var v int64
	err := r.q().QueryRowContext(ctx, `SELECT id, key, date, title, summary, city, origin, version FROM events WHERE id = ?`, id).
		Scan(&e.ID, &e.Key, &date, &e.Title, &e.Summary, &e.City, &e.Origin, &v)
	if errors.Is(err, sql.ErrNoRows) {
		return e, 0, fmt.Errorf("event %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return e, 0, fmt.Errorf("event %d: %w", id, err)
	}
	e.Date, err = content.ParseDate(date)
	return e, v, err
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
// 'user', placed last) or updates the contact with that ID. It writes
// whatever the row holds; a form that read the contact saves with
// SaveContactIfUnchanged.
func (s *Store) SaveContact(ctx context.Context, c data.Contact) (data.Contact, error) {
	c, _, err := s.saveContact(ctx, c, false, 0)
	return c, err
}

// SaveContactIfUnchanged is SaveContact for a form that read the contact
// with ContactForEdit; see SaveMeetingIfUnchanged.
func (s *Store) SaveContactIfUnchanged(ctx context.Context, c data.Contact, version int64) (data.Contact, int64, error) {
	return s.saveContact(ctx, c, true, version)
}

func (s *Store) saveContact(ctx context.Context, c data.Contact, check bool, version int64) (data.Contact, int64, error) {
	var v int64
	err := s.inTx(ctx, "save contact", func(tx *sql.Tx) error {
		var err error
		if v, err = nextVersion(ctx, tx); err != nil {
			return err
		}
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
			return tx.QueryRowContext(ctx, `INSERT INTO contacts (key, position, name, role, email, phone, origin, version) VALUES (?, ?, ?, ?, ?, ?, 'user', ?) RETURNING id`,
				c.Key, c.Position, c.Name, c.Role, c.Email, c.Phone, v).Scan(&c.ID)
		}
		if check {
			if err := checkVersion(ctx, tx, "contacts", "contact", c.ID, version, c.Name); err != nil {
				return err
			}
		}
		err = tx.QueryRowContext(ctx, `UPDATE contacts SET name = ?, role = ?, email = ?, phone = ?, version = ? WHERE id = ? RETURNING key, position, origin`,
			c.Name, c.Role, c.Email, c.Phone, v, c.ID).Scan(&c.Key, &c.Position, &c.Origin)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("contact %d: %w", c.ID, ErrNotFound)
		}
		return err
	})
	if err != nil {
		return c, 0, err
	}
	return c, v, nil
}

// ContactForEdit returns one contact with the version that
// SaveContactIfUnchanged wants, both from one read.
func (r reader) ContactForEdit(ctx context.Context, id int64) (data.Contact, int64, error) {
	var c data.Contact
	var v int64
	err := r.q().QueryRowContext(ctx, `SELECT id, key, position, name, role, email, phone, origin, version FROM contacts WHERE id = ?`, id).
		Scan(&c.ID, &c.Key, &c.Position, &c.Name, &c.Role, &c.Email, &c.Phone, &c.Origin, &v)
	if errors.Is(err, sql.ErrNoRows) {
		return c, 0, fmt.Errorf("contact %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return c, 0, fmt.Errorf("contact %d: %w", id, err)
	}
	return c, v, nil
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
