package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/content"
)

// ImportOutcome says what an import of a content file did.
type ImportOutcome int

const (
	ContentInstalled ImportOutcome = iota // the store had no content before
	ContentUpdated                        // a newer version replaced the chamber's content
	ContentUnchanged                      // same or older version: nothing changed
)

// ImportResult reports an import.
type ImportResult struct {
	Outcome     ImportOutcome
	OldVersion  int // 0 when the store had no content
	FileVersion int
}

const metaContentVersion = "content_version"

// ContentVersion is the version of the arena content in the store, 0 if none.
func (r reader) ContentVersion(ctx context.Context) (int, error) {
	return contentVersion(ctx, r.q())
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func contentVersion(ctx context.Context, q queryer) (int, error) {
	var v string
	err := q.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = ?", metaContentVersion).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("read content version: %w", err)
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("read content version %q: %w", v, err)
	}
	return n, nil
}

// ImportContent installs a validated content file when it is newer than what
// the store holds. The chamber's rows are replaced in one transaction; rows the
// user made (notes, documents, submissions, the coordinator's own entries) stay.
// Rows are matched on their keys so that their ids, and what hangs on them, survive.
func (s *Store) ImportContent(ctx context.Context, f *content.File) (ImportResult, error) {
	var res ImportResult
	res.FileVersion = f.Version
	if err := f.Validate(); err != nil {
		return res, err
	}
	err := s.inTx(ctx, "import content", func(tx *sql.Tx) error {
		old, err := contentVersion(ctx, tx)
		if err != nil {
			return err
		}
		res.OldVersion = old
		if f.Version <= old {
			res.Outcome = ContentUnchanged
			return nil
		}
		res.Outcome = ContentUpdated
		if old == 0 {
			res.Outcome = ContentInstalled
		}
		return replaceContent(ctx, tx, f)
	})
	return res, err
}

func replaceContent(ctx context.Context, tx *sql.Tx, f *content.File) error {
	// One version for every row the import writes: a form open on one of
	// them elsewhere cannot save over the new content unawares.
	v, err := nextVersion(ctx, tx)
	if err != nil {
		return err
	}
	a := f.Arena
	if _, err := tx.ExecContext(ctx, `INSERT INTO arena (id, name, organiser, purpose, goal, background, url, join_email, join_text)
		VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, organiser = excluded.organiser, purpose = excluded.purpose,
		goal = excluded.goal, background = excluded.background, url = excluded.url, join_email = excluded.join_email, join_text = excluded.join_text`,
		a.Name, a.Organiser, a.Purpose, a.Goal, a.Background, a.URL, a.JoinEmail, a.JoinText); err != nil {
		return fmt.Errorf("arena: %w", err)
	}

	var keys []string
	for i, x := range f.FocusAreas {
		keys = append(keys, x.Key)
		if _, err := tx.ExecContext(ctx, `INSERT INTO focus_areas (key, position, title, body, origin) VALUES (?, ?, ?, ?, 'content')
			ON CONFLICT (key) DO UPDATE SET position = excluded.position, title = excluded.title, body = excluded.body, origin = 'content'`,
			x.Key, i, x.Title, x.Body); err != nil {
			return fmt.Errorf("focus area %s: %w", x.Key, err)
		}
	}
	if err := dropStale(ctx, tx, "focus_areas", keys); err != nil {
		return err
	}

	keys = nil
	for i, x := range f.Activities {
		keys = append(keys, x.Key)
		if _, err := tx.ExecContext(ctx, `INSERT INTO activities (key, position, text, origin) VALUES (?, ?, ?, 'content')
			ON CONFLICT (key) DO UPDATE SET position = excluded.position, text = excluded.text, origin = 'content'`,
			x.Key, i, x.Text); err != nil {
			return fmt.Errorf("activity %s: %w", x.Key, err)
		}
	}
	if err := dropStale(ctx, tx, "activities", keys); err != nil {
		return err
	}

	keys = nil
	for _, m := range f.Meetings {
		keys = append(keys, m.Key)
		start, _ := content.ParseTime(m.Start) // validated
		end, _ := content.ParseTime(m.End)
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO meetings (key, title, kind, start_unix, end_unix, location, description, origin, version)
			VALUES (?, ?, ?, ?, ?, ?, ?, 'content', ?)
			ON CONFLICT (key) DO UPDATE SET title = excluded.title, kind = excluded.kind, start_unix = excluded.start_unix,
			end_unix = excluded.end_unix, location = excluded.location, description = excluded.description, origin = 'content',
			version = excluded.version
			RETURNING id`,
			m.Key, m.Title, m.Kind, start.Unix(), end.Unix(), m.Location, m.Description, v).Scan(&id); err != nil {
			return fmt.Errorf("meeting %s: %w", m.Key, err)
		}
		items := make([]data.AgendaItem, len(m.Agenda))
		for i, it := range m.Agenda {
			items[i] = data.AgendaItem{Title: it.Title, Notes: it.Notes}
		}
		if err := replaceAgenda(ctx, tx, id, items); err != nil {
			return fmt.Errorf("meeting %s: %w", m.Key, err)
		}
	}
	if err := dropStale(ctx, tx, "meetings", keys); err != nil {
		return err
	}

	keys = nil
	for _, p := range f.Protocols {
		keys = append(keys, p.Key)
		if _, err := tx.ExecContext(ctx, `INSERT INTO protocols (key, date, title, kind, text, meeting_key, origin, version)
			VALUES (?, ?, ?, ?, ?, ?, 'content', ?)
			ON CONFLICT (key) DO UPDATE SET date = excluded.date, title = excluded.title, kind = excluded.kind,
			text = excluded.text, meeting_key = excluded.meeting_key, origin = 'content', version = excluded.version`,
			p.Key, p.Date, p.Title, p.Kind, p.Text, p.MeetingKey, v); err != nil {
			return fmt.Errorf("protocol %s: %w", p.Key, err)
		}
	}
	// A protocol the chamber dropped but the user attached a document to is
	// the user's now: it stays, as theirs.
	if _, err := tx.ExecContext(ctx, `UPDATE protocols SET origin = 'user'
		WHERE origin = 'content' AND id IN (SELECT protocol_id FROM documents) AND key NOT IN (SELECT value FROM json_each(?))`,
		jsonList(keys)); err != nil {
		return fmt.Errorf("keep protocols with documents: %w", err)
	}
	if err := dropStale(ctx, tx, "protocols", keys); err != nil {
		return err
	}

	keys = nil
	for _, e := range f.Events {
		keys = append(keys, e.Key)
		if _, err := tx.ExecContext(ctx, `INSERT INTO events (key, date, title, summary, city, origin, version) VALUES (?, ?, ?, ?, ?, 'content', ?)
			ON CONFLICT (key) DO UPDATE SET date = excluded.date, title = excluded.title, summary = excluded.summary,
			city = excluded.city, origin = 'content', version = excluded.version`,
			e.Key, e.Date, e.Title, e.Summary, e.City, v); err != nil {
			return fmt.Errorf("event %s: %w", e.Key, err)
		}
	}
	if err := dropStale(ctx, tx, "events", keys); err != nil {
		return err
	}

	keys = nil
	for i, c := range f.Contacts {
		keys = append(keys, c.Key)
		if _, err := tx.ExecContext(ctx, `INSERT INTO contacts (key, position, name, role, email, phone, origin, version) VALUES (?, ?, ?, ?, ?, ?, 'content', ?)
			ON CONFLICT (key) DO UPDATE SET position = excluded.position, name = excluded.name, role = excluded.role,
			email = excluded.email, phone = excluded.phone, origin = 'content', version = excluded.version`,
			c.Key, i, c.Name, c.Role, c.Email, c.Phone, v); err != nil {
			return fmt.Errorf("contact %s: %w", c.Key, err)
		}
	}
	if err := dropStale(ctx, tx, "contacts", keys); err != nil {
		return err
	}

	keys = nil
	for i, o := range f.Offices {
		keys = append(keys, o.Key)
		if _, err := tx.ExecContext(ctx, `INSERT INTO offices (key, position, name, street, post_box, postal_code, city, phone, email, origin)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'content')
			ON CONFLICT (key) DO UPDATE SET position = excluded.position, name = excluded.name, street = excluded.street,
			post_box = excluded.post_box, postal_code = excluded.postal_code, city = excluded.city, phone = excluded.phone,
			email = excluded.email, origin = 'content'`,
			o.Key, i, o.Name, o.Street, o.PostBox, o.PostalCode, o.City, o.Phone, o.Email); err != nil {
			return fmt.Errorf("office %s: %w", o.Key, err)
		}
	}
	if err := dropStale(ctx, tx, "offices", keys); err != nil {
		return err
	}

	if _, err := tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, metaContentVersion, strconv.Itoa(f.Version)); err != nil {
		return fmt.Errorf("record content version: %w", err)
	}
	return nil
}

func replaceAgenda(ctx context.Context, tx *sql.Tx, meetingID int64, items []data.AgendaItem) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM agenda_items WHERE meeting_id = ?", meetingID); err != nil {
		return fmt.Errorf("agenda: %w", err)
	}
	for i, it := range items {
		if _, err := tx.ExecContext(ctx, "INSERT INTO agenda_items (meeting_id, position, title, notes) VALUES (?, ?, ?, ?)",
			meetingID, i, it.Title, it.Notes); err != nil {
			return fmt.Errorf("agenda item %d: %w", i+1, err)
		}
	}
	return nil
}

// dropStale deletes the chamber's rows of table whose keys the new content no
// longer has. The table name is one of ours, never user input.
func dropStale(ctx context.Context, tx *sql.Tx, table string, keys []string) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE origin = 'content' AND key NOT IN (SELECT value FROM json_each(?))",
		jsonList(keys)); err != nil {
		return fmt.Errorf("remove old %s: %w", table, err)
	}
	return nil
}

func jsonList(keys []string) string {
	b := []byte{'['}
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendQuote(b, k)
	}
	return string(append(b, ']'))
}

// ExportContent returns the store's arena content, the chamber's and the
// coordinator's own, as a content file with the given version, read from
// one snapshot: a content import or an edit in another process meanwhile
// cannot give a file that is half one and half the other.
func (s *Store) ExportContent(ctx context.Context, version int) (*content.File, error) {
	var f *content.File
	err := s.ReadSnapshot(ctx, func(r *Snapshot) error {
		var err error
		f, err = r.exportContent(ctx, version)
		return err
	})
	return f, err
}

// ExportContent is Store.ExportContent from the snapshot.
func (r *Snapshot) ExportContent(ctx context.Context, version int) (*content.File, error) {
	return r.exportContent(ctx, version)
}

func (r reader) exportContent(ctx context.Context, version int) (*content.File, error) {
	f := &content.File{Format: content.Format, FormatVersion: content.FormatVersion, Version: version,
		Published: content.FormatDate(time.Now())}
	a, err := r.Arena(ctx)
	if err != nil {
		return nil, fmt.Errorf("export content: %w", err)
	}
	f.Arena = content.Arena{Name: a.Name, Organiser: a.Organiser, Purpose: a.Purpose, Goal: a.Goal,
		Background: a.Background, URL: a.URL, JoinEmail: a.JoinEmail, JoinText: a.JoinText}
	focus, err := r.FocusAreas(ctx)
	if err != nil {
		return nil, fmt.Errorf("export content: %w", err)
	}
	f.FocusAreas = []content.Focus{}
	for _, x := range focus {
		f.FocusAreas = append(f.FocusAreas, content.Focus{Key: x.Key, Title: x.Title, Body: x.Body})
	}
	acts, err := r.Activities(ctx)
	if err != nil {
		return nil, fmt.Errorf("export content: %w", err)
	}
	f.Activities = []content.Activity{}
	for _, x := range acts {
		f.Activities = append(f.Activities, content.Activity{Key: x.Key, Text: x.Text})
	}
	ms, err := r.Meetings(ctx)
	if err != nil {
		return nil, fmt.Errorf("export content: %w", err)
	}
	f.Meetings = []content.Meeting{}
	for _, m := range ms {
		cm := content.Meeting{Key: m.Key, Title: m.Title, Kind: m.Kind, Start: content.FormatTime(m.Start),
			End: content.FormatTime(m.End), Location: m.Location, Description: m.Description, Agenda: []content.AgendaItem{}}
		for _, it := range m.Agenda {
			cm.Agenda = append(cm.Agenda, content.AgendaItem{Title: it.Title, Notes: it.Notes})
		}
		f.Meetings = append(f.Meetings, cm)
	}
	ps, err := r.Protocols(ctx)
	if err != nil {
		return nil, fmt.Errorf("export content: %w", err)
	}
	f.Protocols = []content.Protocol{}
	for _, p := range ps {
		f.Protocols = append(f.Protocols, content.Protocol{Key: p.Key, Date: content.FormatDate(p.Date), Title: p.Title,
			Kind: p.Kind, Text: p.Text, MeetingKey: p.MeetingKey})
	}
	es, err := r.Events(ctx)
	if err != nil {
		return nil, fmt.Errorf("export content: %w", err)
	}
	f.Events = []content.Event{}
	for _, e := range es {
		f.Events = append(f.Events, content.Event{Key: e.Key, Date: content.FormatDate(e.Date), Title: e.Title, Summary: e.Summary, City: e.City})
	}
	cs, err := r.Contacts(ctx)
	if err != nil {
		return nil, fmt.Errorf("export content: %w", err)
	}
	f.Contacts = []content.Contact{}
	for _, c := range cs {
		f.Contacts = append(f.Contacts, content.Contact{Key: c.Key, Name: c.Name, Role: c.Role, Email: c.Email, Phone: c.Phone})
	}
	os, err := r.Offices(ctx)
	if err != nil {
		return nil, fmt.Errorf("export content: %w", err)
	}
	f.Offices = []content.Office{}
	for _, o := range os {
		f.Offices = append(f.Offices, content.Office{Key: o.Key, Name: o.Name, Street: o.Street, PostBox: o.PostBox,
			PostalCode: o.PostalCode, City: o.City, Phone: o.Phone, Email: o.Email})
	}
	return f, nil
}
