package exchange_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/exchange"
	"github.com/handelskammaren/ila-desk/data/geo"
)

var now = time.Date(2026, 11, 26, 9, 30, 0, 0, time.UTC)

func sample() data.Submission {
	return data.Submission{
		UID: "0123456789abcdef0123456789abcdef", Title: "Plankorsning i Kolbäck", Object: "Plankorsningen vid Kolbäcks station",
		Modes: []data.Mode{data.ModeRoad, data.ModeRail}, Municipality: "Hallstahammar", RoadRef: "Mälarbanan",
		Place: "Söder om stationen", Point: &geo.Point{Lat: 59.5617, Lon: 16.2322},
		Deficiency: "Bommarna är nere 25 min/h", DeficiencySince: "2016", DeficiencyFreq: "dagligen",
		Flows: data.Flows{data.FlowTrucksDay: 140, data.FlowEmployees: 320}, Consequences: []data.Consequence{data.ConsTime, data.ConsSafety},
		Impact: "Förseningar", Measures: []data.Measure{{Text: "Skylta om", Step: data.StepRethink}, {Text: "Planskild korsning", Step: data.StepBuildNew}},
		CostClass: data.CostOver50, Priority: data.PriorityHigh, Urgency: data.UrgencyYear, AVSRef: "ÅVS Kolbäck 2015",
		MeetingKey: "meeting-2017-11-21", Company: "Mälarfrakt AB", ContactPerson: "Åsa Öberg", ContactEmail: "asa@malarfrakt.se",
		ContactPhone: "021-10 20 30", CoSigners: []string{"Köpings Hamn AB"}, Status: data.StatusSubmitted,
		Trail:   []data.StatusChange{{Status: data.StatusDraft, At: now.Add(-48 * time.Hour)}, {Status: data.StatusSubmitted, At: now, Comment: "Till mötet"}},
		Created: now.Add(-48 * time.Hour), Updated: now,
		Attachments: []data.Attachment{{UID: "fedcba9876543210fedcba9876543210", Name: "korsning.jpg", MIME: "image/jpeg", Caption: "Kön", Data: []byte("\xff\xd8\xff photo"), Added: now}},
	}
}

func pack(t *testing.T, subs ...data.Submission) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := exchange.Write(&b, subs, data.Company{Name: "Mälarfrakt AB"}, "ILA Desk test", now, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestRoundTripKeepsEveryField(t *testing.T) {
	in := sample()
	b := pack(t, in)
	p, err := exchange.Read(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	if len(p.Submissions) != 1 {
		t.Fatalf("got %d submissions, want 1", len(p.Submissions))
	}
	got := p.Submissions[0]
	want := in
	want.Attachments[0].Size = int64(len(in.Attachments[0].Data))
	// Times come back in UTC; compare instants.
	for _, pair := range [][2]time.Time{{got.Created, want.Created}, {got.Updated, want.Updated}} {
		if !pair[0].Equal(pair[1]) {
			t.Errorf("time %v, want %v", pair[0], pair[1])
		}
	}
	got.Created, got.Updated, want.Created, want.Updated = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	for i := range got.Trail {
		if !got.Trail[i].At.Equal(want.Trail[i].At) {
			t.Errorf("trail %d at %v, want %v", i, got.Trail[i].At, want.Trail[i].At)
		}
		got.Trail[i].At, want.Trail[i].At = time.Time{}, time.Time{}
	}
	got.Attachments[0].Added, want.Attachments[0].Added = time.Time{}, time.Time{}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip changed the submission:\ngot  %+v\nwant %+v", got, want)
	}
}

// rezip rewrites a package's entries through edit.
func rezip(t *testing.T, b []byte, edit func(name string, body []byte) (string, []byte)) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, _ := f.Open()
		var body bytes.Buffer
		body.ReadFrom(rc)
		rc.Close()
		name, nb := edit(f.Name, body.Bytes())
		if name == "" {
			continue
		}
		w, _ := zw.Create(name)
		w.Write(nb)
	}
	zw.Close()
	return out.Bytes()
}

func editManifest(t *testing.T, b []byte, edit func(m map[string]any)) []byte {
	return rezip(t, b, func(name string, body []byte) (string, []byte) {
		if name != exchange.ManifestName {
			return name, body
		}
		var m map[string]any
		json.Unmarshal(body, &m)
		edit(m)
		nb, _ := json.Marshal(m)
		return name, nb
	})
}

func firstSub(m map[string]any) map[string]any {
	return m["submissions"].([]any)[0].(map[string]any)
}

func TestHostilePackagesAreRefusedWhole(t *testing.T) {
	good := pack(t, sample())
	tests := []struct {
		name string
		file []byte
		want string
	}{
		{"not a zip", []byte("PK not really"), "not a zip file"},
		{"path escape", rezip(t, good, func(n string, b []byte) (string, []byte) {
			if strings.HasPrefix(n, "attachments/") {
				return "../../etc/passwd", b
			}
			return n, b
		}), `"../../etc/passwd"`},
		{"absolute path", rezip(t, good, func(n string, b []byte) (string, []byte) {
			if strings.HasPrefix(n, "attachments/") {
				return "/tmp/x", b
			}
			return n, b
		}), `"/tmp/x"`},
		{"no manifest", rezip(t, good, func(n string, b []byte) (string, []byte) {
			if n == exchange.ManifestName {
				return "", nil
			}
			return n, b
		}), "no manifest.json"},
		{"bad json", rezip(t, good, func(n string, b []byte) (string, []byte) {
			if n == exchange.ManifestName {
				return n, b[:len(b)/2]
			}
			return n, b
		}), "not valid JSON"},
		{"wrong version", editManifest(t, good, func(m map[string]any) { m["format_version"] = 7 }), "format version 7"},
		{"wrong format", editManifest(t, good, func(m map[string]any) { m["format"] = "zip-bomb" }), `"zip-bomb"`},
		{"unknown field", editManifest(t, good, func(m map[string]any) { m["evil"] = true }), "does not follow the exchange format"},
		{"bad status", editManifest(t, good, func(m map[string]any) { firstSub(m)["status"] = "hacked" }), "invalid status"},
		{"bad step", editManifest(t, good, func(m map[string]any) {
			firstSub(m)["measures"] = []any{map[string]any{"text": "x", "step": 9}}
		}), "invalid measures[0].step"},
		{"bad uid", editManifest(t, good, func(m map[string]any) { firstSub(m)["uid"] = "../x" }), "invalid uid"},
		{"checksum", rezip(t, good, func(n string, b []byte) (string, []byte) {
			if strings.HasPrefix(n, "attachments/") {
				return n, []byte("tampered")
			}
			return n, b
		}), "damaged"},
		{"missing attachment", rezip(t, good, func(n string, b []byte) (string, []byte) {
			if strings.HasPrefix(n, "attachments/") {
				return "", nil
			}
			return n, b
		}), "is missing from the package"},
		{"stray file", rezip(t, good, func(n string, b []byte) (string, []byte) {
			if strings.HasPrefix(n, "attachments/") {
				return "attachments/00000000000000000000000000000000", b
			}
			return n, b
		}), "is missing from the package"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := exchange.Read(bytes.NewReader(tt.file), int64(len(tt.file)))
			if err == nil {
				t.Fatalf("read succeeded with %d submissions; want it refused", len(p.Submissions))
			}
			if !errors.Is(err, exchange.ErrRefused) {
				t.Errorf("error %v is not ErrRefused", err)
			}
			pr, ok := data.AsProblem(err)
			if !ok || !strings.Contains(pr.English(), tt.want) {
				t.Errorf("got %v, want a problem containing %q", err, tt.want)
			}
		})
	}
}

func TestHugeEntryIsRefusedWithoutReadingIt(t *testing.T) {
	// A manifest that claims to be small but inflates past the limit.
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	w, _ := zw.Create(exchange.ManifestName)
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for i := 0; i < (exchange.MaxManifestSize>>20)+2; i++ {
		w.Write(chunk)
	}
	zw.Close()
	b := out.Bytes()
	_, err := exchange.Read(bytes.NewReader(b), int64(len(b)))
	if p, ok := data.AsProblem(err); !ok || !strings.Contains(p.English(), "larger than") {
		t.Errorf("got %v, want a problem that the entry is too large", err)
	}
}

func FuzzRead(f *testing.F) {
	f.Add(pack(&testing.T{}, sample()))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := exchange.Read(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			if _, ok := data.AsProblem(err); !ok {
				t.Fatalf("error %v is not a Problem", err)
			}
			return
		}
		for _, s := range p.Submissions {
			if !s.Status.Valid() {
				t.Fatalf("accepted invalid status %q", s.Status)
			}
		}
	})
}
