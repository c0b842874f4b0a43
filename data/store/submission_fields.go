package store

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strings"
	"time"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/geo"
)

// The columns of a submission's editable fields follow from data.Submission
// itself: each field that data.EditableFields names is kept in the column
// named by its JSON key (the key of the exchange format and of the revision
// snapshots), as its Go type says: a string as TEXT, an integer or a
// boolean as INTEGER, a floating-point number as REAL (NULL for NaN), and
// anything else (a list, a map, a struct) as TEXT holding its JSON form.
// The fields whose columns predate this rule are kept as they were
// (legacyColumns), and a few columns are derived from the fields for
// sorting and search (derivedColumns). So a field added to data.Submission
// needs only its column, added by a migration; TestEveryColumnIsInTheSchema
// fails until it is there, and exchange's TestEveryFieldSurvivesEveryPath
// proves that the field goes through the store, its revisions and the
// exchange package.

// codec is how a field is written to its columns and read back.
type codec uint8

const (
	asText    codec = iota // a string kind, as TEXT
	asInteger              // an integer kind, as INTEGER
	asBool                 // a bool, as INTEGER 0 or 1
	asReal                 // a float kind, as REAL; NaN as NULL
	asJSON                 // anything else, as TEXT holding its JSON form
	asWords                // a list of a string kind, as TEXT, space-separated
	asPoint                // a *geo.Point, as has_point, lat and lon
	derived                // written from the fields, never read
)

// legacyColumns are the fields whose columns were there before the columns
// followed the type, by JSON key: they keep their names and forms.
var legacyColumns = map[string]struct {
	cols  []string
	codec codec
}{
	// The list filter looks a mode up with instr in the space-separated list.
	"modes":                {[]string{"modes"}, asWords},
	"consequences":         {[]string{"consequences"}, asWords},
	"point":                {[]string{"has_point", "lat", "lon"}, asPoint},
	"deficiency_frequency": {[]string{"deficiency_freq"}, asText},
}

// derivedColumns are written with the editable fields and computed from
// them: the Swedish sort key of the title and the measures' texts, which
// the search index holds (migration 0002's triggers).
var derivedColumns = []struct {
	col   string
	value func(*data.Submission) any
}{
	{"title_key", func(s *data.Submission) any { return titleKey(s.Title) }},
	{"measures_text", func(s *data.Submission) any { return measuresText(s.Measures) }},
}

// column is one column of the editable fields.
type column struct {
	name   string
	field  int   // index of the field in data.Submission
	codec  codec // asPoint: has_point, lat and lon are three columns of one field
	part   int   // of asPoint: 0 has_point, 1 lat, 2 lon
	held   int   // where the scanner holds it before converting; -1 when scanned into the field
	derive func(*data.Submission) any
}

// editable is the table of the editable fields' columns; editableCols,
// editableSet and editableRead are its SQL.
var (
	editable     = editableColumns()
	editableCols = columnList(editable, false) // every column, for INSERT and UPDATE
	editableSet  = func() string {             // "title = ?, title_key = ?, …" for an UPDATE
		cols := strings.Split(editableCols, ", ")
		for i, c := range cols {
			cols[i] = c + " = ?"
		}
		return strings.Join(cols, ", ")
	}()
	editableRead = columnList(editable, true) // the columns read back (not the derived ones)
)

func editableColumns() []column {
	var out []column
	for _, f := range data.EditableFields() {
		key, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if key == "" || key == "-" {
			// A programming error every test meets at once.
			panic(fmt.Sprintf("store: the editable field %s of data.Submission has no JSON key: give it one (its name in the exchange format, the revisions and its column), or name it in data's fixedFields", f.Name))
		}
		i := f.Index[0]
		if l, ok := legacyColumns[key]; ok {
			for part, c := range l.cols {
				out = append(out, column{name: c, field: i, codec: l.codec, part: part})
			}
			continue
		}
		out = append(out, column{name: key, field: i, codec: codecOf(f.Type)})
	}
	for _, d := range derivedColumns {
		out = append(out, column{name: d.col, field: -1, codec: derived, derive: d.value})
	}
	n := 0
	for i := range out {
		out[i].held = -1
		if c := out[i].codec; c != asText && c != derived {
			out[i].held = n
			n++
		}
	}
	return out
}

// heldCount is how many columns the scanner holds before converting.
var heldCount = func() int {
	n := 0
	for _, c := range editable {
		if c.held >= 0 {
			n++
		}
	}
	return n
}()

// codecOf is how a field of type t is kept.
func codecOf(t reflect.Type) codec {
	switch t.Kind() {
	case reflect.String:
		return asText
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return asInteger
	case reflect.Bool:
		return asBool
	case reflect.Float32, reflect.Float64:
		return asReal
	}
	return asJSON
}

func columnList(cols []column, read bool) string {
	var names []string
	for _, c := range cols {
		if !read || c.codec != derived {
			names = append(names, c.name)
		}
	}
	return strings.Join(names, ", ")
}

// editableArgs are the values of sub's editable columns, in editableCols'
// order.
func editableArgs(sub *data.Submission) ([]any, error) {
	v := reflect.ValueOf(sub).Elem()
	args := make([]any, 0, len(editable))
	for _, c := range editable {
		if c.codec == derived {
			args = append(args, c.derive(sub))
			continue
		}
		f := v.Field(c.field)
		switch c.codec {
		case asText:
			args = append(args, f.String())
		case asInteger:
			args = append(args, f.Int())
		case asBool:
			args = append(args, f.Bool())
		case asReal:
			args = append(args, nullFloat(f.Float()))
		case asWords:
			ws := make([]string, f.Len())
			for i := range ws {
				ws[i] = f.Index(i).String()
			}
			args = append(args, strings.Join(ws, " "))
		case asPoint:
			p, _ := f.Interface().(*geo.Point)
			switch {
			case c.part == 0:
				args = append(args, p != nil)
			case p == nil:
				args = append(args, nil)
			case c.part == 1:
				args = append(args, nullFloat(p.Lat))
			default:
				args = append(args, nullFloat(p.Lon))
			}
		case asJSON:
			if f.Kind() == reflect.Slice && f.Len() == 0 {
				args = append(args, "[]")
				continue
			}
			b, err := json.Marshal(f.Interface())
			if err != nil {
				return nil, fmt.Errorf("encode %s: %w", c.name, err)
			}
			args = append(args, string(b))
		}
	}
	return args, nil
}

// nullFloat writes NULL for a number SQLite cannot keep as it is: NaN (and,
// for a point, an infinity, which no coordinate is).
func nullFloat(v float64) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return v
}

// held is where a column that needs converting is scanned before
// setScanned sets its field.
type held struct {
	i   int64
	b   bool
	f   sql.NullFloat64
	str string       // asWords: the driver's string, split without a copy
	raw sql.RawBytes // asJSON: decoded from a buffer used again for every row
}

// submissionScanner reads the rows of submissionCols. It is used for every
// row of one query: the destinations are made once, and point into x and
// the held values, so that a row costs only what its values need.
type submissionScanner struct {
	x                data.Submission
	v                reflect.Value // x
	created, updated int64
	deleted          sql.NullInt64
	h                []held
	dests            []any
}

func newSubmissionScanner() *submissionScanner {
	sc := &submissionScanner{h: make([]held, heldCount)}
	sc.v = reflect.ValueOf(&sc.x).Elem()
	sc.dests = make([]any, 0, strings.Count(submissionCols, ",")+1)
	sc.dests = append(sc.dests, &sc.x.ID, &sc.x.UID)
	for _, c := range editable {
		if c.codec == derived {
			continue
		}
		if c.held < 0 {
			sc.dests = append(sc.dests, sc.v.Field(c.field).Addr().Interface())
			continue
		}
		h := &sc.h[c.held]
		switch {
		case c.codec == asInteger:
			sc.dests = append(sc.dests, &h.i)
		case c.codec == asBool, c.codec == asPoint && c.part == 0:
			sc.dests = append(sc.dests, &h.b)
		case c.codec == asReal, c.codec == asPoint:
			sc.dests = append(sc.dests, &h.f)
		case c.codec == asWords:
			sc.dests = append(sc.dests, &h.str)
		default:
			sc.dests = append(sc.dests, &h.raw)
		}
	}
	sc.dests = append(sc.dests, &sc.x.Status, &sc.created, &sc.updated, &sc.deleted, &sc.x.Version)
	return sc
}

// scan reads the row r is at.
func (sc *submissionScanner) scan(r *sql.Rows) (data.Submission, error) {
	sc.x = data.Submission{}
	if err := r.Scan(sc.dests...); err != nil {
		return data.Submission{}, err
	}
	if err := sc.setScanned(); err != nil {
		return data.Submission{}, fmt.Errorf("submission %d: %w", sc.x.ID, err)
	}
	x := sc.x
	x.Created = time.Unix(sc.created, 0)
	x.Updated = time.Unix(sc.updated, 0)
	if sc.deleted.Valid {
		d := time.Unix(sc.deleted.Int64, 0)
		x.Deleted = &d
	}
	return x, nil
}

// setScanned sets the fields of x from what was held.
func (sc *submissionScanner) setScanned() error {
	for _, c := range editable {
		if c.held < 0 {
			continue
		}
		h, f := &sc.h[c.held], sc.v.Field(c.field)
		switch c.codec {
		case asInteger:
			f.SetInt(h.i)
		case asBool:
			f.SetBool(h.b)
		case asReal:
			if h.f.Valid {
				f.SetFloat(h.f.Float64)
			} else {
				f.SetFloat(math.NaN())
			}
		case asWords:
			n := countWords(h.str)
			if n == 0 {
				continue
			}
			list, i := reflect.MakeSlice(f.Type(), n, n), 0
			eachWord(h.str, func(w string) {
				list.Index(i).SetString(w)
				i++
			})
			f.Set(list)
		case asPoint:
			// has_point comes first: it makes the point that lat and lon fill.
			p := &sc.x.Point
			switch {
			case c.part == 0 && h.b:
				*p = &geo.Point{}
			case c.part == 0, *p == nil:
			case c.part == 1:
				(*p).Lat = h.f.Float64
			default:
				(*p).Lon = h.f.Float64
			}
		case asJSON:
			switch string(h.raw) {
			case "", "[]", "{}", "null":
				continue // empty: the field stays nil
			}
			if err := json.Unmarshal(h.raw, f.Addr().Interface()); err != nil {
				return fmt.Errorf("decode %s: %w", c.name, err)
			}
			if (f.Kind() == reflect.Slice || f.Kind() == reflect.Map) && f.Len() == 0 {
				f.SetZero()
			}
		}
	}
	return nil
}
