package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/geo"
)

// SubmissionSummary is a submission as the list shows it.
type SubmissionSummary struct {
	ID           int64
	UID          string
	Title        string
	Object       string
	Modes        []data.Mode
	Municipality string
	RoadRef      string
	Status       data.Status
	Priority     data.Priority
	MeetingKey   string
	Point        *geo.Point // WGS84; nil when not given
	Created      time.Time
	Updated      time.Time
	Deleted      *time.Time // set while in the trash
}

// Sort is the order of a submission list.
type Sort int

const (
	SortUpdated  Sort = iota // last changed first
	SortPriority             // high, medium, low, then none; last changed first within each
	SortTitle                // by title in Swedish alphabetical order (å, ä, ö after z)
)

// SubmissionQuery selects and orders submissions. The zero value lists every
// submission not in the trash, last changed first.
type SubmissionQuery struct {
	// Text is what a person typed in the search field: every word must occur
	// in the title, object, place, road reference, municipality, deficiency,
	// impact or measures; the last word may be the start of a word. Search
	// syntax is not interpreted, so any text is safe. In the trash (which
	// is not in the search index) every word must occur as a substring,
	// ignoring case only for A–Z.
	Text         string
	Status       data.Status // "" for any
	Mode         data.Mode   // "" for any; else submissions that include this mode
	Municipality string      // "" for any
	MeetingKey   string      // "" for any
	Trash        bool        // list the trash instead of the other submissions
	// IDs, when set, selects only these submissions (the other filters
	// still apply; an export of chosen submissions reads them with
	// Snapshot.SubmissionsFull).
	IDs    []int64
	Sort   Sort
	Limit  int // ≤ 0: no limit
	Offset int
}

const summaryCols = `s.id, s.uid, s.title, s.object, s.modes, s.municipality, s.road_ref, s.status, s.priority,
	s.meeting_key, s.has_point, s.lat, s.lon, s.created_unix, s.updated_unix, s.deleted_unix`

func scanSummary(r scanner) (SubmissionSummary, error) {
	// One value for everything scanned: one allocation rather than one each.
	var x struct {
		SubmissionSummary
		modes            string
		hasPoint         bool
		lat, lon         sql.NullFloat64
		created, updated int64
		deleted          sql.NullInt64
	}
	err := r.Scan(&x.ID, &x.UID, &x.Title, &x.Object, &x.modes, &x.Municipality, &x.RoadRef, &x.Status, &x.Priority,
		&x.MeetingKey, &x.hasPoint, &x.lat, &x.lon, &x.created, &x.updated, &x.deleted)
	x.Modes = splitModes(x.modes)
	if x.hasPoint {
		x.Point = &geo.Point{Lat: x.lat.Float64, Lon: x.lon.Float64}
	}
	x.Created = time.Unix(x.created, 0)
	x.Updated = time.Unix(x.updated, 0)
	if x.deleted.Valid {
		d := time.Unix(x.deleted.Int64, 0)
		x.Deleted = &d
	}
	return x.SubmissionSummary, err
}

// where turns q's filters into a WHERE clause over submissions s.
func (q SubmissionQuery) where() (string, []any) {
	var conds []string
	var args []any
	if q.Trash {
		conds = append(conds, "s.deleted_unix IS NOT NULL")
	} else {
		// Written exactly so: the partial indexes are on "deleted_unix IS NULL".
		conds = append(conds, "s.deleted_unix IS NULL")
	}
	if q.Status != "" {
		conds = append(conds, "s.status = ?")
		args = append(args, string(q.Status))
	}
	if q.Mode != "" {
		conds = append(conds, "instr(' ' || s.modes || ' ', ?) > 0")
		args = append(args, " "+string(q.Mode)+" ")
	}
	if q.Municipality != "" {
		conds = append(conds, "s.municipality = ?")
		args = append(args, q.Municipality)
	}
	if q.MeetingKey != "" {
		conds = append(conds, "s.meeting_key = ?")
		args = append(args, q.MeetingKey)
	}
	if len(q.IDs) > 0 {
		conds = append(conds, "s.id IN (SELECT value FROM json_each(?))")
		args = append(args, idsJSON(q.IDs))
	}
	if q.Trash {
		// Trashed submissions are not in the search index; the trash is
		// small, so a plain scan does. Every word must occur somewhere.
		if ws := words(q.Text); len(ws) > 0 {
			for i, w := range ws {
				ws[i] = "%" + likeEscaper.Replace(w) + "%"
			}
			list, _ := json.Marshal(ws) // strings always marshal
			conds = append(conds, `NOT EXISTS (SELECT 1 FROM json_each(?) w WHERE (s.title || ' ' || s.object || ' ' || s.place
				|| ' ' || s.road_ref || ' ' || s.municipality || ' ' || s.deficiency || ' ' || s.impact || ' ' || s.measures_text)
				NOT LIKE w.value ESCAPE '\')`)
			args = append(args, string(list))
		}
	} else if m := MatchQuery(q.Text); m != "" {
		conds = append(conds, `s.id IN (SELECT rowid - (8 << 40) FROM search WHERE search MATCH ? AND rowid BETWEEN (8 << 40) AND (9 << 40) - 1)`)
		args = append(args, m)
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// words splits text as MatchQuery does.
func words(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func (q SubmissionQuery) orderLimit() (string, []any) {
	var order string
	switch q.Sort {
	case SortPriority:
		order = " ORDER BY s.priority = 0, s.priority, s.updated_unix DESC, s.id DESC"
	case SortTitle:
		order = " ORDER BY s.title_key, s.title, s.id"
	default:
		order = " ORDER BY s.updated_unix DESC, s.id DESC"
	}
	limit := q.Limit
	if limit <= 0 {
		limit = -1
	}
	return order + " LIMIT ? OFFSET ?", []any{limit, max(q.Offset, 0)}
}

// ListSubmissions returns the submissions a query selects, in its order. With
// no query it lists every submission not in the trash, last changed first;
// at most one query is used.
func (r reader) ListSubmissions(ctx context.Context, query ...SubmissionQuery) ([]SubmissionSummary, error) {
	var q SubmissionQuery
	if len(query) > 0 {
		q = query[0]
	}
	where, args := q.where()
	order, more := q.orderLimit()
	rows, err := r.q().QueryContext(ctx, `SELECT `+summaryCols+` FROM submissions s`+where+order, append(args, more...)...)
	if err != nil {
		return nil, fmt.Errorf("list submissions: %w", err)
	}
	return collect(rows, "list submissions", func(r *sql.Rows) (SubmissionSummary, error) { return scanSummary(r) })
}

// CountSubmissions counts the submissions a query selects, ignoring its
// sort, limit and offset.
func (r reader) CountSubmissions(ctx context.Context, q SubmissionQuery) (int, error) {
	where, args := q.where()
	var n int
	if err := r.q().QueryRowContext(ctx, `SELECT count(*) FROM submissions s`+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count submissions: %w", err)
	}
	return n, nil
}

// SubmissionCounts counts the submissions outside the trash by status.
// Statuses without submissions are absent from the map.
func (r reader) SubmissionCounts(ctx context.Context) (map[data.Status]int, error) {
	rows, err := r.q().QueryContext(ctx, `SELECT status, count(*) FROM submissions WHERE deleted_unix IS NULL GROUP BY status`)
	if err != nil {
		return nil, fmt.Errorf("count submissions by status: %w", err)
	}
	counts := map[data.Status]int{}
	err = forEach(rows, func(r *sql.Rows) error {
		var st data.Status
		var n int
		if err := r.Scan(&st, &n); err != nil {
			return err
		}
		counts[st] = n
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("count submissions by status: %w", err)
	}
	return counts, nil
}

// queryIDs returns the ids a query selects, in its order.
func queryIDs(ctx context.Context, q dbtx, sq SubmissionQuery) ([]int64, error) {
	where, args := sq.where()
	order, more := sq.orderLimit()
	rows, err := q.QueryContext(ctx, `SELECT s.id FROM submissions s`+where+order, append(args, more...)...)
	if err != nil {
		return nil, fmt.Errorf("select submissions: %w", err)
	}
	return collect(rows, "select submissions", func(r *sql.Rows) (int64, error) {
		var id int64
		return id, r.Scan(&id)
	})
}

// forEach calls fn for every row and closes rows.
func forEach(rows *sql.Rows, fn func(*sql.Rows) error) error {
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
