// Package exchange writes and reads the exchange package: a zip file with a
// versioned JSON manifest of submissions (every field, the status trail and
// the measures) and their attachments. Companies send it to the chamber; the
// chamber's coordinators import it. The format is documented in
// docs/exchange-format.md. Reading is defensive: a package from outside is
// checked whole before anything of it is used.
package exchange

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strings"
	"time"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/store"
)

// Format names the manifest; FormatVersion is the layout this program writes
// and the newest it reads.
const (
	Format        = "ila-exchange"
	FormatVersion = 1
	ManifestName  = "manifest.json"
	attachmentDir = "attachments/"
)

// Limits on what is read from a package.
const (
	MaxEntries        = 10_000
	MaxManifestSize   = 64 << 20
	MaxAttachmentSize = store.MaxAttachmentSize // what the store accepts
	MaxTotalSize      = 1 << 30
	MaxSubmissions    = 20_000
)

// Manifest is the JSON document at the root of a package.
type Manifest struct {
	Format        string       `json:"format"`
	FormatVersion int          `json:"format_version"`
	Created       time.Time    `json:"created"`
	Generator     string       `json:"generator"`
	Company       Company      `json:"company"`
	Submissions   []Submission `json:"submissions"`
}

// Company is the sending company.
type Company struct {
	Name          string `json:"name"`
	OrgNumber     string `json:"org_number"`
	ContactPerson string `json:"contact_person"`
	Email         string `json:"email"`
	Phone         string `json:"phone"`
}

// Submission is one submission in the manifest.
type Submission struct {
	UID             string             `json:"uid"`
	Title           string             `json:"title"`
	Object          string             `json:"object"`
	Modes           []string           `json:"modes"`
	Municipality    string             `json:"municipality"`
	RoadRef         string             `json:"road_ref"`
	Place           string             `json:"place"`
	Point           *Point             `json:"point"`
	Deficiency      string             `json:"deficiency"`
	DeficiencySince string             `json:"deficiency_since"`
	DeficiencyFreq  string             `json:"deficiency_frequency"`
	Flows           map[string]float64 `json:"flows"`
	Consequences    []string           `json:"consequences"`
	Impact          string             `json:"impact"`
	Measures        []Measure          `json:"measures"`
	CostClass       string             `json:"cost_class"`
	Priority        int                `json:"priority"`
	Urgency         string             `json:"urgency"`
	AVSRef          string             `json:"avs_ref"`
	MeetingKey      string             `json:"meeting_key"`
	Company         string             `json:"company"`
	ContactPerson   string             `json:"contact_person"`
	ContactEmail    string             `json:"contact_email"`
	ContactPhone    string             `json:"contact_phone"`
	CoSigners       []string           `json:"co_signers"`
	Status          string             `json:"status"`
	Trail           []StatusChange     `json:"trail"`
	Created         time.Time          `json:"created"`
	Updated         time.Time          `json:"updated"`
	Attachments     []Attachment       `json:"attachments"`
}

// Point is a WGS84 position.
type Point struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}

// Measure is a proposed measure with its four-step step.
type Measure struct {
	Text string `json:"text"`
	Step int    `json:"step"`
}

// StatusChange is one step of the status trail.
type StatusChange struct {
	Status  string    `json:"status"`
	At      time.Time `json:"at"`
	Comment string    `json:"comment"`
}

// Attachment describes a file in attachments/ by its UID.
type Attachment struct {
	UID     string    `json:"uid"`
	Name    string    `json:"name"`
	MIME    string    `json:"mime"`
	Caption string    `json:"caption"`
	Size    int64     `json:"size"`
	SHA256  string    `json:"sha256"`
	Added   time.Time `json:"added"`
}

// Write writes a package with subs to w. Attachment bytes come from
// sub.Attachments[i].Data, or from load when Data is nil.
func Write(w io.Writer, subs []data.Submission, company data.Company, generator string, now time.Time,
	load func(a data.Attachment) ([]byte, error)) error {
	m := Manifest{Format: Format, FormatVersion: FormatVersion, Created: now.UTC(), Generator: generator,
		Company: Company{Name: company.Name, OrgNumber: company.OrgNumber, ContactPerson: company.ContactPerson,
			Email: company.Email, Phone: company.Phone},
		Submissions: []Submission{}}
	zw := zip.NewWriter(w)
	for _, s := range subs {
		es := fromSubmission(s)
		for i, a := range s.Attachments {
			b := a.Data
			if b == nil {
				var err error
				if b, err = load(a); err != nil {
					return fmt.Errorf("write package: attachment %s: %w", a.Name, err)
				}
			}
			sum := sha256.Sum256(b)
			es.Attachments[i].Size = int64(len(b))
			es.Attachments[i].SHA256 = hex.EncodeToString(sum[:])
			f, err := zw.CreateHeader(&zip.FileHeader{Name: attachmentDir + a.UID, Method: zip.Store, Modified: now})
			if err != nil {
				return fmt.Errorf("write package: %w", err)
			}
			if _, err := f.Write(b); err != nil {
				return fmt.Errorf("write package: %w", err)
			}
		}
		m.Submissions = append(m.Submissions, es)
	}
	f, err := zw.CreateHeader(&zip.FileHeader{Name: ManifestName, Method: zip.Deflate, Modified: now})
	if err != nil {
		return fmt.Errorf("write package: %w", err)
	}
	enc := json.NewEncoder(f)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(m); err != nil {
		return fmt.Errorf("write package: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("write package: %w", err)
	}
	return nil
}

func fromSubmission(s data.Submission) Submission {
	e := Submission{UID: s.UID, Title: s.Title, Object: s.Object, Municipality: s.Municipality, RoadRef: s.RoadRef,
		Place: s.Place, Deficiency: s.Deficiency, DeficiencySince: s.DeficiencySince, DeficiencyFreq: s.DeficiencyFreq,
		Impact: s.Impact, CostClass: string(s.CostClass), Priority: int(s.Priority), Urgency: string(s.Urgency),
		AVSRef: s.AVSRef, MeetingKey: s.MeetingKey, Company: s.Company, ContactPerson: s.ContactPerson,
		ContactEmail: s.ContactEmail, ContactPhone: s.ContactPhone, CoSigners: append([]string{}, s.CoSigners...),
		Status: string(s.Status), Created: s.Created.UTC(), Updated: s.Updated.UTC(),
		Modes: []string{}, Consequences: []string{}, Measures: []Measure{}, Trail: []StatusChange{},
		Flows: map[string]float64{}, Attachments: []Attachment{}}
	if s.HasPoint {
		e.Point = &Point{Lat: s.Lat, Lon: s.Lon}
	}
	for _, m := range s.Modes {
		e.Modes = append(e.Modes, string(m))
	}
	for _, c := range s.Consequences {
		e.Consequences = append(e.Consequences, string(c))
	}
	for k, v := range s.Flows {
		e.Flows[string(k)] = v
	}
	for _, m := range s.Measures {
		e.Measures = append(e.Measures, Measure{Text: m.Text, Step: int(m.Step)})
	}
	for _, c := range s.Trail {
		e.Trail = append(e.Trail, StatusChange{Status: string(c.Status), At: c.At.UTC(), Comment: c.Comment})
	}
	for _, a := range s.Attachments {
		e.Attachments = append(e.Attachments, Attachment{UID: a.UID, Name: a.Name, MIME: a.MIME, Caption: a.Caption,
			Size: a.Size, Added: a.Added.UTC()})
	}
	return e
}

// Package is a read and checked package.
type Package struct {
	Manifest    Manifest
	Submissions []data.Submission // with attachment bytes in Attachments[i].Data
}

// ErrRefused is the cause of every problem Read reports.
var ErrRefused = errors.New("exchange package refused")

func refused(msg string, args map[string]any) error {
	return &data.Problem{Msg: msg, Args: args, Err: ErrRefused}
}

var uidPattern = regexp.MustCompile(`^[0-9a-f]{32}$`)

// Read reads and checks a whole package from r (of the given size). Anything
// wrong refuses the whole package with a *data.Problem: nothing of it should
// be used.
func Read(r io.ReaderAt, size int64) (*Package, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, refused("The file is not an exchange package from ILA Desk (it is not a zip file). Ask the sender for the file ILA Desk exported.", nil)
	}
	if len(zr.File) > MaxEntries {
		return nil, refused("The package holds {{.N}} files, more than ILA Desk accepts ({{.Max}}). It was not made by ILA Desk.", map[string]any{"N": len(zr.File), "Max": MaxEntries})
	}
	var manifest *zip.File
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		name := f.Name
		switch {
		case name == ManifestName:
			if manifest != nil {
				return nil, refused("The package holds two manifests. It was not made by ILA Desk.", nil)
			}
			manifest = f
		case strings.HasPrefix(name, attachmentDir) && uidPattern.MatchString(strings.TrimPrefix(name, attachmentDir)):
			if files[name] != nil {
				return nil, refused("The package holds the file {{.Name}} twice. It was not made by ILA Desk.", map[string]any{"Name": name})
			}
			files[name] = f
		case name == "attachments/" && f.FileInfo().IsDir():
		default:
			return nil, refused("The package holds a file ILA Desk does not expect: \"{{.Name}}\". It was refused whole for safety.", map[string]any{"Name": name})
		}
	}
	if manifest == nil {
		return nil, refused("The package has no manifest.json. Ask the sender for the file ILA Desk exported.", nil)
	}
	mb, err := readEntry(manifest, MaxManifestSize)
	if err != nil {
		return nil, err
	}
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(mb))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return nil, refused("The package's manifest is not valid JSON. Ask the sender to export it again.", nil)
		}
		return nil, &data.Problem{Msg: "The package's manifest could not be read: it does not follow the exchange format. Ask the sender to export it again.", Err: fmt.Errorf("%w: %w", ErrRefused, err)}
	}
	if m.Format != Format {
		return nil, refused("The file is not an exchange package from ILA Desk (its format is \"{{.Got}}\").", map[string]any{"Got": m.Format})
	}
	if m.FormatVersion < 1 || m.FormatVersion > FormatVersion {
		return nil, refused("The package has format version {{.Got}}; this program reads up to version {{.Want}}. Update ILA Desk.", map[string]any{"Got": m.FormatVersion, "Want": FormatVersion})
	}
	if len(m.Submissions) > MaxSubmissions {
		return nil, refused("The package holds {{.N}} submissions, more than ILA Desk accepts ({{.Max}}).", map[string]any{"N": len(m.Submissions), "Max": MaxSubmissions})
	}
	p := &Package{Manifest: m}
	seen := map[string]bool{}
	used := map[string]bool{}
	var total int64
	for i, es := range m.Submissions {
		s, err := toSubmission(i, es)
		if err != nil {
			return nil, err
		}
		if seen[s.UID] {
			return nil, refused("Submission {{.UID}} is in the package twice.", map[string]any{"UID": s.UID})
		}
		seen[s.UID] = true
		for j, a := range es.Attachments {
			f := files[attachmentDir+a.UID]
			if f == nil || used[a.UID] {
				return nil, refused("The attachment \"{{.Name}}\" of \"{{.Title}}\" is missing from the package.", map[string]any{"Name": a.Name, "Title": s.Title})
			}
			used[a.UID] = true
			b, err := readEntry(f, MaxAttachmentSize)
			if err != nil {
				return nil, err
			}
			total += int64(len(b))
			if total > MaxTotalSize {
				return nil, refused("The package's files add up to more than {{.Max}} MB. It was refused.", map[string]any{"Max": MaxTotalSize >> 20})
			}
			sum := sha256.Sum256(b)
			if hex.EncodeToString(sum[:]) != strings.ToLower(a.SHA256) {
				return nil, refused("The attachment \"{{.Name}}\" is damaged (its checksum does not match). Ask the sender to export the package again.", map[string]any{"Name": a.Name})
			}
			s.Attachments[j].Data = b
			s.Attachments[j].Size = int64(len(b))
		}
		p.Submissions = append(p.Submissions, s)
	}
	if len(used) != len(files) {
		return nil, refused("The package holds files that no submission names. It was refused whole for safety.", nil)
	}
	return p, nil
}

// readEntry reads one zip entry, refusing it past limit bytes whatever its
// header claims.
func readEntry(f *zip.File, limit int64) ([]byte, error) {
	if f.UncompressedSize64 > uint64(limit) {
		return nil, refused("The file {{.Name}} in the package is larger than {{.Max}} MB. It was refused.", map[string]any{"Name": f.Name, "Max": limit >> 20})
	}
	rc, err := f.Open()
	if err != nil {
		return nil, &data.Problem{Msg: "The package is damaged: {{.Name}} cannot be read. Ask the sender to export it again.", Args: map[string]any{"Name": f.Name}, Err: fmt.Errorf("%w: %w", ErrRefused, err)}
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, &data.Problem{Msg: "The package is damaged: {{.Name}} cannot be read. Ask the sender to export it again.", Args: map[string]any{"Name": f.Name}, Err: fmt.Errorf("%w: %w", ErrRefused, err)}
	}
	if int64(len(b)) > limit {
		return nil, refused("The file {{.Name}} in the package is larger than {{.Max}} MB. It was refused.", map[string]any{"Name": f.Name, "Max": limit >> 20})
	}
	return b, nil
}

// toSubmission checks one manifest entry and converts it.
func toSubmission(i int, e Submission) (data.Submission, error) {
	bad := func(field string) error {
		return refused("Submission {{.N}} (\"{{.Title}}\") in the package has an invalid {{.Field}}. It was refused whole.", map[string]any{"N": i + 1, "Title": e.Title, "Field": field})
	}
	if !uidPattern.MatchString(e.UID) {
		return data.Submission{}, bad("uid")
	}
	s := data.Submission{UID: e.UID, Title: e.Title, Object: e.Object, Municipality: e.Municipality, RoadRef: e.RoadRef,
		Place: e.Place, Deficiency: e.Deficiency, DeficiencySince: e.DeficiencySince, DeficiencyFreq: e.DeficiencyFreq,
		Impact: e.Impact, CostClass: data.CostClass(e.CostClass), Priority: data.Priority(e.Priority),
		Urgency: data.Urgency(e.Urgency), AVSRef: e.AVSRef, MeetingKey: e.MeetingKey, Company: e.Company,
		ContactPerson: e.ContactPerson, ContactEmail: e.ContactEmail, ContactPhone: e.ContactPhone,
		CoSigners: e.CoSigners, Status: data.Status(e.Status), Created: e.Created, Updated: e.Updated}
	if e.Point != nil {
		if math.IsNaN(e.Point.Lat) || math.IsNaN(e.Point.Lon) || math.Abs(e.Point.Lat) > 90 || math.Abs(e.Point.Lon) > 180 {
			return s, bad("point")
		}
		s.HasPoint, s.Lat, s.Lon = true, e.Point.Lat, e.Point.Lon
	}
	for _, m := range e.Modes {
		s.Modes = append(s.Modes, data.Mode(m))
	}
	for _, c := range e.Consequences {
		s.Consequences = append(s.Consequences, data.Consequence(c))
	}
	if len(e.Flows) > 0 {
		s.Flows = data.Flows{}
		for k, v := range e.Flows {
			s.Flows[data.FlowKind(k)] = v
		}
	}
	for _, m := range e.Measures {
		s.Measures = append(s.Measures, data.Measure{Text: m.Text, Step: data.Step(m.Step)})
	}
	if !s.Status.Valid() {
		return s, bad("status")
	}
	for _, c := range e.Trail {
		st := data.Status(c.Status)
		if !st.Valid() {
			return s, bad("status trail")
		}
		s.Trail = append(s.Trail, data.StatusChange{Status: st, At: c.At, Comment: c.Comment})
	}
	for _, p := range data.ValidateSubmission(s) {
		// Empty title or object are drafts the sender may still finish; wrong
		// kinds of values are not.
		if p.Field == data.FieldTitle || p.Field == data.FieldObject || p.Field == data.FieldContactEmail {
			continue
		}
		return s, bad(p.Field)
	}
	for _, a := range e.Attachments {
		if !uidPattern.MatchString(a.UID) {
			return s, bad("attachment uid")
		}
		s.Attachments = append(s.Attachments, data.Attachment{UID: a.UID, Name: a.Name, MIME: a.MIME, Caption: a.Caption, Added: a.Added})
	}
	return s, nil
}
