package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/content"
)

// Arena returns the arena's description; ErrNotFound before any content.
func (r reader) Arena(ctx context.Context) (data.Arena, error) {
	var a data.Arena
	err := r.q().QueryRowContext(ctx, `SELECT name, organiser, purpose, goal, background, url, join_email, join_text FROM arena WHERE id = 1`).
		Scan(&a.Name, &a.Organiser, &a.Purpose, &a.Goal, &a.Background, &a.URL, &a.JoinEmail, &a.JoinText)
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("arena: %w", ErrNotFound)
	}
	if err != nil {
		return a, fmt.Errorf("arena: %w", err)
	}
	return a, nil
}

// FocusAreas returns the focus areas in order.
func (r reader) FocusAreas(ctx context.Context) ([]data.FocusArea, error) {
	rows, err := r.q().QueryContext(ctx, `SELECT id, key, position, title, body FROM focus_areas ORDER BY position, id`)
	if err != nil {
		return nil, fmt.Errorf("focus areas: %w", err)
	}
	return collect(rows, "focus areas", func(r *sql.Rows) (data.FocusArea, error) {
		var x data.FocusArea
		return x, r.Scan(&x.ID, &x.Key, &x.Position, &x.Title, &x.Body)
	})
}

// Activities returns the arena's activities in order.
func (r reader) Activities(ctx context.Context) ([]data.Activity, error) {
	rows, err := r.q().QueryContext(ctx, `SELECT id, key, position, text FROM activities ORDER BY position, id`)
	if err != nil {
		return nil, fmt.Errorf("activities: %w", err)
	}
	return collect(rows, "activities", func(r *sql.Rows) (data.Activity, error) {
		var x data.Activity
		return x, r.Scan(&x.ID, &x.Key, &x.Position, &x.Text)
	})
}

const meetingCols = `id, key, title, kind, start_unix, end_unix, location, description, origin`

func scanMeeting(r interface{ Scan(...any) error }) (data.Meeting, error) {
	var m data.Meeting
	var start, end int64
	err := r.Scan(&m.ID, &m.Key, &m.Title, &m.Kind, &start, &end, &m.Location, &m.Description, &m.Origin)
	m.Start = time.Unix(start, 0).In(data.Stockholm)
	m.End = time.Unix(end, 0).In(data.Stockholm)
	return m, err
}

// Meetings returns all meetings by start time, each with its agenda.
func (r reader) Meetings(ctx context.Context) ([]data.Meeting, error) {
	rows, err := r.q().QueryContext(ctx, `SELECT `+meetingCols+` FROM meetings ORDER BY start_unix, id`)
	if err != nil {
		return nil, fmt.Errorf("meetings: %w", err)
	}
	ms, err := collect(rows, "meetings", func(r *sql.Rows) (data.Meeting, error) { return scanMeeting(r) })
	if err != nil {
		return nil, err
	}
	agenda, err := r.agendas(ctx)
	if err != nil {
		return nil, err
	}
	for i := range ms {
		ms[i].Agenda = agenda[ms[i].ID]
	}
	return ms, nil
}

// Meeting returns one meeting with its agenda.
func (r reader) Meeting(ctx context.Context, id int64) (data.Meeting, error) {
	m, err := scanMeeting(r.q().QueryRowContext(ctx, `SELECT `+meetingCols+` FROM meetings WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return m, fmt.Errorf("meeting %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return m, fmt.Errorf("meeting %d: %w", id, err)
	}
	rows, err := r.q().QueryContext(ctx, `SELECT id, position, title, notes FROM agenda_items WHERE meeting_id = ? ORDER BY position`, id)
	if err != nil {
		return m, fmt.Errorf("meeting %d agenda: %w", id, err)
	}
	m.Agenda, err = collect(rows, "agenda", func(r *sql.Rows) (data.AgendaItem, error) {
		var it data.AgendaItem
		return it, r.Scan(&it.ID, &it.Position, &it.Title, &it.Notes)
	})
	return m, err
}

// MeetingByKey returns the meeting with the given content key.
func (r reader) MeetingByKey(ctx context.Context, key string) (data.Meeting, error) {
	var id int64
	err := r.q().QueryRowContext(ctx, `SELECT id FROM meetings WHERE key = ?`, key).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return data.Meeting{}, fmt.Errorf("meeting %q: %w", key, ErrNotFound)
	}
	if err != nil {
		return data.Meeting{}, fmt.Errorf("meeting %q: %w", key, err)
	}
	return r.Meeting(ctx, id)
}

func (r reader) agendas(ctx context.Context) (map[int64][]data.AgendaItem, error) {
	rows, err := r.q().QueryContext(ctx, `SELECT meeting_id, id, position, title, notes FROM agenda_items ORDER BY meeting_id, position`)
	if err != nil {
		return nil, fmt.Errorf("agendas: %w", err)
	}
	defer rows.Close()
	out := map[int64][]data.AgendaItem{}
	for rows.Next() {
		var mid int64
		var it data.AgendaItem
		if err := rows.Scan(&mid, &it.ID, &it.Position, &it.Title, &it.Notes); err != nil {
			return nil, fmt.Errorf("agendas: %w", err)
		}
		out[mid] = append(out[mid], it)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("agendas: %w", err)
	}
	return out, nil
}

// NextMeeting returns the first meeting that has not ended at now, or, when
// none lies ahead, the latest past one; upcoming tells which. ErrNotFound when
// there are no meetings at all.
func (r reader) NextMeeting(ctx context.Context, now time.Time) (m data.Meeting, upcoming bool, err error) {
	var id int64
	err = r.q().QueryRowContext(ctx, `SELECT id FROM meetings WHERE end_unix > ? ORDER BY start_unix LIMIT 1`, now.Unix()).Scan(&id)
	if err == nil {
		m, err = r.Meeting(ctx, id)
		return m, true, err
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return m, false, fmt.Errorf("next meeting: %w", err)
	}
	err = r.q().QueryRowContext(ctx, `SELECT id FROM meetings ORDER BY start_unix DESC LIMIT 1`).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return m, false, fmt.Errorf("next meeting: %w", ErrNotFound)
	}
	if err != nil {
		return m, false, fmt.Errorf("next meeting: %w", err)
	}
	m, err = r.Meeting(ctx, id)
	return m, false, err
}

const protocolCols = `p.id, p.key, p.date, p.title, p.kind, p.text, p.meeting_key, p.origin,
	d.id, d.name, d.mime, d.size, d.searchable, d.added_unix`

func scanProtocol(r interface{ Scan(...any) error }) (data.Protocol, error) {
	var p data.Protocol
	var date string
	var did, dsize, dadded sql.NullInt64
	var dname, dmime sql.NullString
	var dsearch sql.NullBool
	if err := r.Scan(&p.ID, &p.Key, &date, &p.Title, &p.Kind, &p.Text, &p.MeetingKey, &p.Origin,
		&did, &dname, &dmime, &dsize, &dsearch, &dadded); err != nil {
		return p, err
	}
	d, err := content.ParseDate(date)
	if err != nil {
		return p, err
	}
	p.Date = d
	if did.Valid {
		p.Document = &data.DocumentInfo{ID: did.Int64, Name: dname.String, MIME: dmime.String, Size: dsize.Int64,
			Searchable: dsearch.Bool, Added: time.Unix(dadded.Int64, 0)}
	}
	return p, nil
}

// Protocols returns the protocol entries, newest first.
func (r reader) Protocols(ctx context.Context) ([]data.Protocol, error) {
	rows, err := r.q().QueryContext(ctx, `SELECT `+protocolCols+` FROM protocols p LEFT JOIN documents d ON d.protocol_id = p.id
		ORDER BY p.date DESC, p.id DESC`)
	if err != nil {
		return nil, fmt.Errorf("protocols: %w", err)
	}
	return collect(rows, "protocols", func(r *sql.Rows) (data.Protocol, error) { return scanProtocol(r) })
}

// Protocol returns one protocol entry.
func (r reader) Protocol(ctx context.Context, id int64) (data.Protocol, error) {
	p, err := scanProtocol(r.q().QueryRowContext(ctx, `SELECT `+protocolCols+` FROM protocols p LEFT JOIN documents d ON d.protocol_id = p.id
		WHERE p.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("protocol %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return p, fmt.Errorf("protocol %d: %w", id, err)
	}
	return p, nil
}

// Events returns the chamber's events by date.
func (r reader) Events(ctx context.Context) ([]data.Event, error) {
	rows, err := r.q().QueryContext(ctx, `SELECT id, key, date, title, summary, city, origin FROM events ORDER BY date, id`)
	if err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	return collect(rows, "events", func(r *sql.Rows) (data.Event, error) {
		var e data.Event
		var date string
		if err := r.Scan(&e.ID, &e.Key, &date, &e.Title, &e.Summary, &e.City, &e.Origin); err != nil {
			return e, err
		}
		d, err := content.ParseDate(date)
		e.Date = d
		return e, err
	})
}

// Contacts returns the chamber's contacts in order.
func (r reader) Contacts(ctx context.Context) ([]data.Contact, error) {
	rows, err := r.q().QueryContext(ctx, `SELECT id, key, position, name, role, email, phone, origin FROM contacts ORDER BY position, id`)
	if err != nil {
		return nil, fmt.Errorf("contacts: %w", err)
	}
	return collect(rows, "contacts", func(r *sql.Rows) (data.Contact, error) {
		var c data.Contact
		return c, r.Scan(&c.ID, &c.Key, &c.Position, &c.Name, &c.Role, &c.Email, &c.Phone, &c.Origin)
	})
}

// Offices returns the chamber's offices in order.
func (r reader) Offices(ctx context.Context) ([]data.Office, error) {
	rows, err := r.q().QueryContext(ctx, `SELECT id, key, position, name, street, post_box, postal_code, city, phone, email, origin
		FROM offices ORDER BY position, id`)
	if err != nil {
		return nil, fmt.Errorf("offices: %w", err)
	}
	return collect(rows, "offices", func(r *sql.Rows) (data.Office, error) {
		var o data.Office
		return o, r.Scan(&o.ID, &o.Key, &o.Position, &o.Name, &o.Street, &o.PostBox, &o.PostalCode, &o.City, &o.Phone, &o.Email, &o.Origin)
	})
}

// Company returns the company profile; an empty one before it is saved.
func (r reader) Company(ctx context.Context) (data.Company, error) {
	var c data.Company
	err := r.q().QueryRowContext(ctx, `SELECT name, org_number, contact_person, email, phone FROM company WHERE id = 1`).
		Scan(&c.Name, &c.OrgNumber, &c.ContactPerson, &c.Email, &c.Phone)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("company: %w", err)
	}
	return c, nil
}

// SaveCompany stores the company profile. It writes whatever is stored; a
// form that read the profile saves with SaveCompanyIfUnchanged.
func (s *Store) SaveCompany(ctx context.Context, c data.Company) error {
	_, err := s.saveCompany(ctx, c, false, 0)
	return err
}

// CompanyForEdit returns the company profile like Company, with the version
// that SaveCompanyIfUnchanged wants: 0 before it is first saved.
func (r reader) CompanyForEdit(ctx context.Context) (data.Company, int64, error) {
	var c data.Company
	var v int64
	err := r.q().QueryRowContext(ctx, `SELECT name, org_number, contact_person, email, phone, version FROM company WHERE id = 1`).
		Scan(&c.Name, &c.OrgNumber, &c.ContactPerson, &c.Email, &c.Phone, &v)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return c, 0, fmt.Errorf("company: %w", err)
	}
	return c, v, nil
}

// SaveCompanyIfUnchanged stores the company profile only when the stored
// one still has version, the one CompanyForEdit or the last save gave (0:
// none was saved yet). Otherwise it was changed elsewhere: the error is a
// *data.Problem around a *Conflict and nothing is written. It returns the
// new version.
func (s *Store) SaveCompanyIfUnchanged(ctx context.Context, c data.Company, version int64) (int64, error) {
	return s.saveCompany(ctx, c, true, version)
}

func (s *Store) saveCompany(ctx context.Context, c data.Company, check bool, version int64) (int64, error) {
	var v int64
	err := s.inTx(ctx, "save company", func(tx *sql.Tx) error {
		if check {
			var cur int64
			err := tx.QueryRowContext(ctx, `SELECT version FROM company WHERE id = 1`).Scan(&cur)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			if cur != version {
				return conflictProblem(msgCompanyConflict, nil, &Conflict{What: "company", Version: cur})
			}
		}
		var err error
		if v, err = nextVersion(ctx, tx); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO company (id, name, org_number, contact_person, email, phone, version) VALUES (1, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET name = excluded.name, org_number = excluded.org_number,
			contact_person = excluded.contact_person, email = excluded.email, phone = excluded.phone, version = excluded.version`,
			c.Name, c.OrgNumber, c.ContactPerson, c.Email, c.Phone, v)
		return err
	})
	return v, err
}

// collect scans every row with scan and closes rows.
func collect[T any](rows *sql.Rows, what string, scan func(*sql.Rows) (T, error)) ([]T, error) {
	defer rows.Close()
	var out []T
	for rows.Next() {
		x, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		out = append(out, x)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return out, nil
}
