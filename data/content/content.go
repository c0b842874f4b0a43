// Package content reads and writes the arena content files the chamber ships:
// a versioned JSON document with the arena's agenda, meetings, protocols,
// events, contacts and offices. The default content is embedded in assets;
// newer files replace it through the same loader.
package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/mail"
	"strings"
	"time"

	"github.com/handelskammaren/ila-desk/data"
)

// Format names the file type; FormatVersion is the layout this program reads.
const (
	Format        = "ila-content"
	FormatVersion = 1
)

// MaxSize is the largest content file accepted.
const MaxSize = 8 << 20

// MaxVersion is the highest content version read or written. Versions count
// publications, one at a time; a billion leaves room for any numbering the
// chamber may choose (a date, 2026112601, does not fit, which is why the
// limit is stated) and keeps version+1 far from overflowing anywhere: in
// Go, in SQLite and in a JSON reader that has only doubles.
const MaxVersion = 999_999_999

// File is a content file.
type File struct {
	Format        string     `json:"format"`
	FormatVersion int        `json:"format_version"`
	Version       int        `json:"version"`   // content version; higher replaces lower
	Published     string     `json:"published"` // YYYY-MM-DD
	Arena         Arena      `json:"arena"`
	FocusAreas    []Focus    `json:"focus_areas"`
	Activities    []Activity `json:"activities"`
	Meetings      []Meeting  `json:"meetings"`
	Protocols     []Protocol `json:"protocols"`
	Events        []Event    `json:"events"`
	Contacts      []Contact  `json:"contacts"`
	Offices       []Office   `json:"offices"`
}

// Arena is the arena's description.
type Arena struct {
	Name       string `json:"name"`
	Organiser  string `json:"organiser"`
	Purpose    string `json:"purpose"`
	Goal       string `json:"goal"`
	Background string `json:"background"`
	URL        string `json:"url"`
	JoinEmail  string `json:"join_email"`
	JoinText   string `json:"join_text"`
}

// Focus is a focus area.
type Focus struct {
	Key   string `json:"key"`
	Title string `json:"title"`
	Body  string `json:"body"`
}

// Activity is one thing the arena does.
type Activity struct {
	Key  string `json:"key"`
	Text string `json:"text"`
}

// Meeting is an arena meeting; Start and End are local Stockholm times
// written "2017-02-22T09:00".
type Meeting struct {
	Key         string       `json:"key"`
	Title       string       `json:"title"`
	Kind        string       `json:"kind"`
	Start       string       `json:"start"`
	End         string       `json:"end"`
	Location    string       `json:"location"`
	Description string       `json:"description"`
	Agenda      []AgendaItem `json:"agenda"`
}

// AgendaItem is a point on a meeting's agenda.
type AgendaItem struct {
	Title string `json:"title"`
	Notes string `json:"notes"`
}

// Protocol is a protocol entry.
type Protocol struct {
	Key        string `json:"key"`
	Date       string `json:"date"`
	Title      string `json:"title"`
	Kind       string `json:"kind"`
	Text       string `json:"text"`
	MeetingKey string `json:"meeting_key"`
}

// Event is one of the chamber's events.
type Event struct {
	Key     string `json:"key"`
	Date    string `json:"date"`
	Title   string `json:"title"`
	Summary string `json:"summary"`
	City    string `json:"city"`
}

// Contact is a person at the chamber.
type Contact struct {
	Key   string `json:"key"`
	Name  string `json:"name"`
	Role  string `json:"role"`
	Email string `json:"email"`
	Phone string `json:"phone"`
}

// Office is one of the chamber's offices.
type Office struct {
	Key        string `json:"key"`
	Name       string `json:"name"`
	Street     string `json:"street"`
	PostBox    string `json:"post_box"`
	PostalCode string `json:"postal_code"`
	City       string `json:"city"`
	Phone      string `json:"phone"`
	Email      string `json:"email"`
}

// ErrInvalid is the cause of every problem Parse reports.
var ErrInvalid = errors.New("invalid content file")

func invalid(msg string, args map[string]any) error {
	return &data.Problem{Msg: msg, Args: args, Err: ErrInvalid}
}

const (
	timeLayout = "2006-01-02T15:04"
	dateLayout = "2006-01-02"
)

// Read parses and validates a content file from r.
func Read(r io.Reader) (*File, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("read content: %w", err)
	}
	return Parse(b)
}

// Parse parses and validates a content file. Every problem is a *data.Problem
// that names what is wrong.
func Parse(b []byte) (*File, error) {
	if len(b) > MaxSize {
		return nil, invalid("The content file is larger than {{.Max}} MB; it cannot be an ILA content file.", map[string]any{"Max": MaxSize >> 20})
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var f File
	if err := dec.Decode(&f); err != nil {
		return nil, decodeProblem(b, err)
	}
	if dec.More() {
		return nil, invalid("The content file has more after its closing brace. Use the file as the chamber sent it.", nil)
	}
	if err := f.Validate(); err != nil {
		return nil, err
	}
	return &f, nil
}

func decodeProblem(b []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		line := bytes.Count(b[:min(int(syn.Offset), len(b))], []byte("\n")) + 1
		return &data.Problem{Msg: "The content file is not valid JSON (line {{.Line}}). Use the file as the chamber sent it.", Args: map[string]any{"Line": line}, Err: fmt.Errorf("%w: %w", ErrInvalid, err)}
	case errors.As(err, &typ):
		return &data.Problem{Msg: "The field \"{{.Field}}\" in the content file has the wrong type.", Args: map[string]any{"Field": typ.Field}, Err: fmt.Errorf("%w: %w", ErrInvalid, err)}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return &data.Problem{Msg: "The content file has a field this program does not know: \"{{.Field}}\". It may be made for a newer version of ILA Desk.", Args: map[string]any{"Field": field}, Err: fmt.Errorf("%w: %w", ErrInvalid, err)}
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return &data.Problem{Msg: "The content file is empty or cut short. Use the file as the chamber sent it.", Err: fmt.Errorf("%w: %w", ErrInvalid, err)}
	}
	return &data.Problem{Msg: "The content file could not be read as JSON. Use the file as the chamber sent it.", Err: fmt.Errorf("%w: %w", ErrInvalid, err)}
}

// Validate checks every field and returns the first problem found.
func (f *File) Validate() error {
	if f.Format != Format {
		return invalid("This is not an ILA content file (its \"format\" is \"{{.Got}}\", want \"{{.Want}}\").", map[string]any{"Got": f.Format, "Want": Format})
	}
	if f.FormatVersion < 1 || f.FormatVersion > FormatVersion {
		return invalid("The content file has layout version {{.Got}}; this program reads version {{.Want}}. Update ILA Desk.", map[string]any{"Got": f.FormatVersion, "Want": FormatVersion})
	}
	if f.Version < 1 {
		return invalid("The content file has no version number (\"version\" must be 1 or more).", nil)
	}
	if f.Version > MaxVersion {
		return invalid("The content file's version {{.Got}} is out of range: ILA Desk reads versions 1 to {{.Max}}. Ask the chamber for a corrected file.",
			map[string]any{"Got": f.Version, "Max": data.GroupDigits(MaxVersion)})
	}
	if err := f.checkLengths(); err != nil {
		return err
	}
	if f.Published != "" {
		if _, err := time.Parse(dateLayout, f.Published); err != nil {
			return fieldProblem("published", data.Phrase("a date written YYYY-MM-DD"))
		}
	}
	if strings.TrimSpace(f.Arena.Name) == "" {
		return fieldProblem("arena.name", data.Phrase("the arena's name"))
	}
	if f.Arena.JoinEmail != "" && !validEmail(f.Arena.JoinEmail) {
		return fieldProblem("arena.join_email", data.Phrase("an e-mail address"))
	}
	keys := map[string]string{}
	key := func(where, k string) error {
		if strings.TrimSpace(k) == "" {
			return fieldProblem(where+".key", data.Phrase("a key that names the entry"))
		}
		if prev, ok := keys[k]; ok {
			return invalid("The key \"{{.Key}}\" is used twice in the content file ({{.First}} and {{.Second}}). Every entry needs its own key.", map[string]any{"Key": k, "First": prev, "Second": where})
		}
		keys[k] = where
		return nil
	}
	required := func(where, field, v string, what data.Phrase) error {
		if strings.TrimSpace(v) == "" {
			return fieldProblem(where+"."+field, what)
		}
		return nil
	}
	for i, x := range f.FocusAreas {
		w := fmt.Sprintf("focus_areas[%d]", i)
		if err := errors.Join(key(w, x.Key), required(w, "title", x.Title, data.Phrase("a title"))); err != nil {
			return first(err)
		}
	}
	for i, x := range f.Activities {
		w := fmt.Sprintf("activities[%d]", i)
		if err := errors.Join(key(w, x.Key), required(w, "text", x.Text, data.Phrase("a text"))); err != nil {
			return first(err)
		}
	}
	meetingKeys := map[string]bool{}
	for i, m := range f.Meetings {
		w := fmt.Sprintf("meetings[%d]", i)
		if err := errors.Join(key(w, m.Key), required(w, "title", m.Title, data.Phrase("a title"))); err != nil {
			return first(err)
		}
		meetingKeys[m.Key] = true
		start, err := ParseTime(m.Start)
		if err != nil {
			return fieldProblem(w+".start", data.Phrase("a time written YYYY-MM-DDTHH:MM"))
		}
		end, err := ParseTime(m.End)
		if err != nil {
			return fieldProblem(w+".end", data.Phrase("a time written YYYY-MM-DDTHH:MM"))
		}
		if !end.After(start) {
			return invalid("In the content file, meeting \"{{.Title}}\" ends ({{.End}}) before it starts ({{.Start}}).", map[string]any{"Title": m.Title, "Start": m.Start, "End": m.End})
		}
		for j, a := range m.Agenda {
			if err := required(fmt.Sprintf("%s.agenda[%d]", w, j), "title", a.Title, data.Phrase("a title")); err != nil {
				return err
			}
		}
	}
	for i, p := range f.Protocols {
		w := fmt.Sprintf("protocols[%d]", i)
		if err := errors.Join(key(w, p.Key), required(w, "title", p.Title, data.Phrase("a title"))); err != nil {
			return first(err)
		}
		if _, err := ParseDate(p.Date); err != nil {
			return fieldProblem(w+".date", data.Phrase("a date written YYYY-MM-DD"))
		}
		if p.MeetingKey != "" && !meetingKeys[p.MeetingKey] {
			return invalid("Protocol \"{{.Title}}\" refers to a meeting \"{{.Key}}\" that the content file does not have.", map[string]any{"Title": p.Title, "Key": p.MeetingKey})
		}
	}
	for i, e := range f.Events {
		w := fmt.Sprintf("events[%d]", i)
		if err := errors.Join(key(w, e.Key), required(w, "title", e.Title, data.Phrase("a title"))); err != nil {
			return first(err)
		}
		if _, err := ParseDate(e.Date); err != nil {
			return fieldProblem(w+".date", data.Phrase("a date written YYYY-MM-DD"))
		}
	}
	for i, c := range f.Contacts {
		w := fmt.Sprintf("contacts[%d]", i)
		if err := errors.Join(key(w, c.Key), required(w, "name", c.Name, data.Phrase("a name"))); err != nil {
			return first(err)
		}
		if c.Email != "" && !validEmail(c.Email) {
			return fieldProblem(w+".email", data.Phrase("an e-mail address"))
		}
	}
	for i, o := range f.Offices {
		w := fmt.Sprintf("offices[%d]", i)
		if err := errors.Join(key(w, o.Key), required(w, "name", o.Name, data.Phrase("a name"))); err != nil {
			return first(err)
		}
		if o.Email != "" && !validEmail(o.Email) {
			return fieldProblem(w+".email", data.Phrase("an e-mail address"))
		}
	}
	return nil
}

// checkLengths refuses a text longer, or a list with more entries, than
// data.Limits allows; the limits are named by the file's paths without
// indices ("meetings.description").
func (f *File) checkLengths() error {
	text := func(path, v string) error {
		if p := data.CheckText(path, v); p != nil {
			return invalid("The field \"{{.Field}}\" in the content file holds {{.Len}} characters; ILA Desk accepts at most {{.Max}}. Ask the chamber for a corrected file.",
				map[string]any{"Field": path, "Len": p.Args["Len"], "Max": p.Args["Max"]})
		}
		return nil
	}
	items := func(path string, n int) error {
		if p := data.CheckItems(path, n); p != nil {
			return invalid("The content file has {{.Len}} entries in \"{{.Field}}\"; ILA Desk accepts at most {{.Max}}. Ask the chamber for a corrected file.",
				map[string]any{"Field": path, "Len": p.Args["Len"], "Max": p.Args["Max"]})
		}
		return nil
	}
	type field struct{ name, value string }
	each := func(list string, i int, fields ...field) error {
		for _, x := range fields {
			if err := text(fmt.Sprintf("%s[%d].%s", list, i, x.name), x.value); err != nil {
				return err
			}
		}
		return nil
	}
	a := f.Arena
	for _, x := range []field{{"name", a.Name}, {"organiser", a.Organiser}, {"purpose", a.Purpose}, {"goal", a.Goal},
		{"background", a.Background}, {"url", a.URL}, {"join_email", a.JoinEmail}, {"join_text", a.JoinText}} {
		if err := text("arena."+x.name, x.value); err != nil {
			return err
		}
	}
	errs := []error{items("focus_areas", len(f.FocusAreas)), items("activities", len(f.Activities)),
		items("meetings", len(f.Meetings)), items("protocols", len(f.Protocols)), items("events", len(f.Events)),
		items("contacts", len(f.Contacts)), items("offices", len(f.Offices))}
	for i, x := range f.FocusAreas {
		errs = append(errs, each("focus_areas", i, field{"key", x.Key}, field{"title", x.Title}, field{"body", x.Body}))
	}
	for i, x := range f.Activities {
		errs = append(errs, each("activities", i, field{"key", x.Key}, field{"text", x.Text}))
	}
	for i, m := range f.Meetings {
		errs = append(errs, each("meetings", i, field{"key", m.Key}, field{"title", m.Title}, field{"kind", m.Kind},
			field{"location", m.Location}, field{"description", m.Description}),
			items(fmt.Sprintf("meetings[%d].agenda", i), len(m.Agenda)))
		for j, it := range m.Agenda {
			errs = append(errs, each(fmt.Sprintf("meetings[%d].agenda", i), j, field{"title", it.Title}, field{"notes", it.Notes}))
		}
	}
	for i, p := range f.Protocols {
		errs = append(errs, each("protocols", i, field{"key", p.Key}, field{"title", p.Title}, field{"kind", p.Kind},
			field{"text", p.Text}, field{"meeting_key", p.MeetingKey}))
	}
	for i, e := range f.Events {
		errs = append(errs, each("events", i, field{"key", e.Key}, field{"title", e.Title}, field{"summary", e.Summary}, field{"city", e.City}))
	}
	for i, c := range f.Contacts {
		errs = append(errs, each("contacts", i, field{"key", c.Key}, field{"name", c.Name}, field{"role", c.Role},
			field{"email", c.Email}, field{"phone", c.Phone}))
	}
	for i, o := range f.Offices {
		errs = append(errs, each("offices", i, field{"key", o.Key}, field{"name", o.Name}, field{"street", o.Street},
			field{"post_box", o.PostBox}, field{"postal_code", o.PostalCode}, field{"city", o.City}, field{"phone", o.Phone},
			field{"email", o.Email}))
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// NextVersion is the version that follows v, for publishing the content
// again: a *data.Problem when it would be past MaxVersion (or v is
// negative), so that no file is written that its own import refuses.
func NextVersion(v int) (int, error) {
	if v < 0 || v >= MaxVersion {
		return 0, versionProblem(v + 1)
	}
	return v + 1, nil
}

func versionProblem(v int) error {
	return data.NewProblem("The arena content cannot be written as version {{.Got}}: ILA Desk numbers versions from 1 to {{.Max}}, and a file outside them is not read back. Report this to the chamber.",
		map[string]any{"Got": v, "Max": data.GroupDigits(MaxVersion)})
}

// first returns the first error of a join.
func first(err error) error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()[0]
	}
	return err
}

func fieldProblem(field string, want data.Phrase) error {
	return invalid("The field \"{{.Field}}\" in the content file is missing or wrong; it must hold {{.Want}}.", map[string]any{"Field": field, "Want": want})
}

func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s
}

// ParseTime reads a local Stockholm time written "2006-01-02T15:04".
func ParseTime(s string) (time.Time, error) {
	t, err := time.ParseInLocation(timeLayout, s, data.Stockholm)
	if err != nil {
		return time.Time{}, fmt.Errorf("parse time %q: %w", s, err)
	}
	return t, nil
}

// ParseDate reads a civil date written "2006-01-02" as midnight in Stockholm.
func ParseDate(s string) (time.Time, error) {
	t, err := time.ParseInLocation(dateLayout, s, data.Stockholm)
	if err != nil {
		return time.Time{}, fmt.Errorf("parse date %q: %w", s, err)
	}
	return t, nil
}

// FormatTime writes t as a local Stockholm time for a content file.
func FormatTime(t time.Time) string { return t.In(data.Stockholm).Format(timeLayout) }

// FormatDate writes t's Stockholm date for a content file.
func FormatDate(t time.Time) string { return t.In(data.Stockholm).Format(dateLayout) }

// Encode writes f as indented JSON. It first checks f as Parse would, so
// that nothing is written that its own import refuses: a version outside 1
// to MaxVersion (a store at the highest version adding one) or any problem
// Validate finds is returned as a *data.Problem and nothing is written.
func Encode(w io.Writer, f *File) error {
	if f.Version < 1 || f.Version > MaxVersion {
		return versionProblem(f.Version)
	}
	if err := f.Validate(); err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(f); err != nil {
		return fmt.Errorf("write content: %w", err)
	}
	return nil
}
