package data

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// TextLimit is how much one field may hold. The form, the importers (the
// exchange package, the content file) and validation all read their numbers
// from Limits, so what one accepts the others accept too.
type TextLimit struct {
	Chars int // most characters (Unicode code points) of one value; 0 for a list that only counts entries
	Items int // for a list (measures, co-signers, agenda …): most entries; 0 when the field is not a list
}

// Field names that only the limits use (the others are in validate.go,
// company.go and arena_validate.go).
const (
	FieldDeficiencySince = "deficiency_since"
	FieldDeficiencyFreq  = "deficiency_frequency"
	FieldTrail           = "trail"       // one comment: TrailField(i, "comment")
	FieldAttachments     = "attachments" // one caption: AttachmentField(i, "caption")
	FieldNote            = "note"        // a private note on a meeting or protocol
	FieldCompanyContact  = "company.contact_person"
	FieldCompanyPhone    = "company.phone"
)

// TrailField is the field name of a part of status change i (from 0) of
// the trail: "trail[2].comment".
func TrailField(i int, part string) string { return indexed(FieldTrail, i, part) }

// AttachmentField is the field name of a part ("name" or "caption") of
// attachment i (from 0): "attachments[0].caption".
func AttachmentField(i int, part string) string { return indexed(FieldAttachments, i, part) }

// CoSignerField is the field name of co-signing company i (from 0):
// "cosigners[3]".
func CoSignerField(i int) string { return FieldCoSigners + "[" + strconv.Itoa(i) + "]" }

func indexed(list string, i int, part string) string {
	return list + "[" + strconv.Itoa(i) + "]." + part
}

// Limits is the table of limits, by field name. Submission fields use the
// names of validate.go ("deficiency"); a part of a list entry is named
// without its index ("measures.text" for MeasureField(i, "text")). The
// company profile's fields start with "company.", and the arena content's
// are the content file's paths without indices ("meetings.description",
// "meetings.agenda.notes"), which the coordinator's forms use too.
//
// The numbers are far above what any real submission holds — a deficiency
// or an impact is a paragraph or two, 500–3 000 characters; 20 000 is eight
// printed pages — and low enough that a document with every field at its
// limit is laid out in a fraction of a second and a package of 20 000
// submissions stays inside the manifest's 64 MB. A field with no entry here
// has DefaultLimit. docs/exchange-format.md lists them for senders.
var Limits = map[string]TextLimit{
	// A submission, in the order of the form.
	FieldTitle:                    {Chars: 200},
	FieldObject:                   {Chars: 300},
	FieldMunicipality:             {Chars: 100},
	FieldRoadRef:                  {Chars: 100},
	FieldPlace:                    {Chars: 1_000},
	FieldDeficiency:               {Chars: 20_000},
	FieldDeficiencySince:          {Chars: 200},
	FieldDeficiencyFreq:           {Chars: 200},
	FieldImpact:                   {Chars: 20_000},
	FieldMeasures:                 {Items: 30},
	FieldMeasures + ".text":       {Chars: 2_000},
	FieldAVSRef:                   {Chars: 300},
	FieldMeetingKey:               {Chars: 100},
	FieldCompany:                  {Chars: 200},
	FieldContactPerson:            {Chars: 200},
	FieldContactEmail:             {Chars: 254}, // the longest address mail systems deliver
	FieldContactPhone:             {Chars: 50},
	FieldCoSigners:                {Chars: 200, Items: 50},
	FieldTrail:                    {Items: 100},
	FieldTrail + ".comment":       {Chars: 1_000},
	FieldAttachments:              {Items: 100},
	FieldAttachments + ".name":    {Chars: 255}, // a file name on every file system
	FieldAttachments + ".caption": {Chars: 500},
	FieldNote:                     {Chars: 50_000},
	FieldCompanyName:              {Chars: 200},
	FieldCompanyOrg:               {Chars: 20},
	FieldCompanyContact:           {Chars: 200},
	FieldCompanyEmail:             {Chars: 254},
	FieldCompanyPhone:             {Chars: 50},
	"arena.name":                  {Chars: 200},
	"arena.organiser":             {Chars: 200},
	"arena.purpose":               {Chars: 20_000},
	"arena.goal":                  {Chars: 20_000},
	"arena.background":            {Chars: 20_000},
	"arena.url":                   {Chars: 2_000},
	"arena.join_email":            {Chars: 254},
	"arena.join_text":             {Chars: 5_000},
	"focus_areas":                 {Items: 100},
	"focus_areas.key":             {Chars: 100},
	"focus_areas.title":           {Chars: 200},
	"focus_areas.body":            {Chars: 20_000},
	"activities":                  {Items: 200},
	"activities.key":              {Chars: 100},
	"activities.text":             {Chars: 2_000},
	"meetings":                    {Items: 2_000},
	"meetings.key":                {Chars: 100},
	"meetings.title":              {Chars: 200},
	"meetings.kind":               {Chars: 50},
	"meetings.location":           {Chars: 500},
	"meetings.description":        {Chars: 20_000},
	"meetings.agenda":             {Items: 100},
	"meetings.agenda.title":       {Chars: 500},
	"meetings.agenda.notes":       {Chars: 5_000},
	"protocols":                   {Items: 2_000},
	"protocols.key":               {Chars: 100},
	"protocols.title":             {Chars: 300},
	"protocols.kind":              {Chars: 50},
	"protocols.text":              {Chars: 200_000}, // a hundred pages of minutes
	"protocols.meeting_key":       {Chars: 100},
	"events":                      {Items: 2_000},
	"events.key":                  {Chars: 100},
	"events.title":                {Chars: 200},
	"events.summary":              {Chars: 5_000},
	"events.city":                 {Chars: 100},
	"contacts":                    {Items: 200},
	"contacts.key":                {Chars: 100},
	"contacts.name":               {Chars: 200},
	"contacts.role":               {Chars: 200},
	"contacts.email":              {Chars: 254},
	"contacts.phone":              {Chars: 50},
	"offices":                     {Items: 100},
	"offices.key":                 {Chars: 100},
	"offices.name":                {Chars: 200},
	"offices.street":              {Chars: 200},
	"offices.post_box":            {Chars: 100},
	"offices.postal_code":         {Chars: 20},
	"offices.city":                {Chars: 100},
	"offices.phone":               {Chars: 50},
	"offices.email":               {Chars: 254},
}

// DefaultLimit is the limit of a text field that Limits does not name.
var DefaultLimit = TextLimit{Chars: 1_000}

// longText is where a limit is high enough that the text is prose: its
// problem suggests attaching the rest as a file.
const longText = 1_000

// ErrTooLong is the cause of the problems CheckText and CheckItems return,
// so an importer can tell a text that is too long from a wrong value.
// ErrTooMany, the cause of CheckItems's, is also ErrTooLong.
var (
	ErrTooLong = errors.New("text too long")
	ErrTooMany = fmt.Errorf("%w: too many entries", ErrTooLong)
)

// Messages of the limits; translation keys in submission.*.json.
const (
	msgTooLongProse = "{{.Field}} may be at most {{.Max}} characters; the text is {{.Len}}. Shorten it or attach the rest as a file."
	msgTooLong      = "{{.Field}} may be at most {{.Max}} characters; this is {{.Len}}. Shorten it."
	msgTooMany      = "{{.Field}}: at most {{.Max}} entries; there are {{.Len}}. Remove some or merge them."
)

// Limit returns the limit of field, a field name as FieldProblem gives it:
// indices are ignored, so "measures[2].text" has the limit of
// "measures.text" and "meetings[0].agenda[3].notes" that of
// "meetings.agenda.notes". A field Limits does not name has DefaultLimit.
func Limit(field string) TextLimit {
	if l, ok := Limits[field]; ok {
		return l
	}
	if l, ok := Limits[limitKey(field)]; ok {
		return l
	}
	return DefaultLimit
}

// limitKey drops the indices from a field name: "measures[2].text" gives
// "measures.text".
func limitKey(field string) string {
	if !strings.Contains(field, "[") {
		return field
	}
	var b strings.Builder
	b.Grow(len(field))
	skip := false
	for i := 0; i < len(field); i++ {
		switch c := field[i]; {
		case c == '[':
			skip = true
		case c == ']':
			skip = false
		case !skip:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// CheckText returns a *Problem (with ErrTooLong as its cause) when s has
// more characters than field's limit allows, else nil. The problem names the
// field by its label, the limit and the length, in the user's language: "Brist
// får vara högst 20 000 tecken; texten är 60 000. Korta den eller lägg resten
// som bilaga."
func CheckText(field, s string) *Problem {
	max := Limit(field).Chars
	if max <= 0 || len(s) <= max { // a string has at least as many bytes as characters
		return nil
	}
	n := utf8.RuneCountInString(s)
	if n <= max {
		return nil
	}
	msg := msgTooLong
	if max >= longText {
		msg = msgTooLongProse
	}
	return &Problem{Msg: msg, Args: limitArgs(field, max, n), Err: ErrTooLong}
}

// CheckItems returns a *Problem (with ErrTooMany as its cause) when a list
// field has more than its limit of n entries, else nil.
func CheckItems(field string, n int) *Problem {
	max := Limit(field).Items
	if max <= 0 || n <= max {
		return nil
	}
	return &Problem{Msg: msgTooMany, Args: limitArgs(field, max, n), Err: ErrTooMany}
}

func limitArgs(field string, max, n int) map[string]any {
	return map[string]any{"Field": Phrase(FieldLabel(field)), "Max": GroupDigits(max), "Len": GroupDigits(n),
		"Limit": max, "Length": n}
}

// GroupDigits writes n with its digits in groups of three, as Swedish and
// SI-style English both read them: 20 000 (with no-break spaces, so a
// number is never split across lines).
func GroupDigits(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString("\u00a0")
		}
		b.WriteRune(c)
	}
	return b.String()
}

// Excerpt shortens s to at most n characters, ending with "…" when cut, for
// messages that quote what a person or a file wrote: a 60 MB title must not
// become a 60 MB sentence.
func Excerpt(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i, count := 0, 0
	for i < len(s) && count < n {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		count++
	}
	if i >= len(s) {
		return s
	}
	return strings.TrimRight(s[:i], " ") + "…"
}

// limitMessages are the texts of the limits, for the translation tests.
var limitMessages = []string{msgTooLongProse, msgTooLong, msgTooMany}
