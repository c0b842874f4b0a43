package exchange_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/exchange"
)

// A package as the writer of format version 1 wrote it before a
// submission's JSON became data.Submission's own (testdata holds its
// manifest) is still read, to the same submissions.
func TestPackagesOfFormat1StillRead(t *testing.T) {
	manifest, err := os.ReadFile(filepath.Join("testdata", "format1-manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	in := sample()
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	for name, body := range map[string][]byte{
		exchange.ManifestName:                  manifest,
		"attachments/" + in.Attachments[0].UID: in.Attachments[0].Data,
	} {
		w, _ := zw.Create(name)
		w.Write(body)
	}
	zw.Close()
	p, err := exchange.Read(bytes.NewReader(zb.Bytes()), int64(zb.Len()))
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	if len(p.Submissions) != 2 {
		t.Fatalf("got %d submissions, want 2", len(p.Submissions))
	}
	got, want := p.Submissions[0], in
	want.Attachments[0].Size = int64(len(in.Attachments[0].Data))
	sameInstants(t, &got, &want)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("format 1 read as\n got %+v\nwant %+v", got, want)
	}
	draft := data.Submission{UID: "0123456789abcdef0123456789abcde0", Title: "Utkast utan punkt", Status: data.StatusDraft, Created: now, Updated: now}
	if got := p.Submissions[1]; !reflect.DeepEqual(got, draft) {
		t.Errorf("a draft of format 1 (empty lists, no point) read as\n got %+v\nwant %+v", got, draft)
	}
}

// sameInstants checks that the times of got and want are the same instants
// and then makes them equal, for a DeepEqual of the rest: they come back
// in UTC.
func sameInstants(t *testing.T, got, want *data.Submission) {
	t.Helper()
	pairs := [][2]*time.Time{{&got.Created, &want.Created}, {&got.Updated, &want.Updated}}
	for i := range got.Trail {
		if i < len(want.Trail) {
			pairs = append(pairs, [2]*time.Time{&got.Trail[i].At, &want.Trail[i].At})
		}
	}
	for i := range got.Attachments {
		if i < len(want.Attachments) {
			pairs = append(pairs, [2]*time.Time{&got.Attachments[i].Added, &want.Attachments[i].Added})
		}
	}
	for _, p := range pairs {
		if !p[0].Equal(*p[1]) {
			t.Errorf("time %v, want %v", *p[0], *p[1])
		}
		*p[0] = *p[1]
	}
}

// The manifest holds exactly the keys docs/exchange-format.md lists: the
// document stays the format's description when data.Submission changes.
func TestManifestHasTheDocumentedKeys(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "exchange-format.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	start, end := strings.Index(text, "| field | type | meaning |"), strings.Index(text, "## Limits")
	if start < 0 || end < start {
		t.Fatal("docs/exchange-format.md has no table of a submission's fields")
	}
	quoted := regexp.MustCompile(`"([a-z0-9_]+)"`)
	ticked := regexp.MustCompile("`([a-z0-9_]+)`")
	documented := map[string][]string{} // "" for the submission's keys, else the keys of that field's objects
	for _, line := range strings.Split(text[start:end], "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 4 || !strings.Contains(cells[1], "`") {
			continue
		}
		keys := ticked.FindAllStringSubmatch(cells[1], -1)
		for _, k := range keys {
			documented[""] = append(documented[""], k[1])
		}
		if len(keys) == 1 && strings.Contains(cells[2], "{") {
			for _, k := range quoted.FindAllStringSubmatch(cells[2], -1) {
				documented[keys[0][1]] = append(documented[keys[0][1]], k[1])
			}
		}
	}

	var m struct {
		Submissions []map[string]json.RawMessage `json:"submissions"`
	}
	body := manifestOf(t, pack(t, sample()))
	if err := json.Unmarshal(body, &m); err != nil || len(m.Submissions) != 1 {
		t.Fatalf("manifest: %v", err)
	}
	sub := m.Submissions[0]
	written := map[string][]string{"": keysOf(t, sub)}
	for field, raw := range sub {
		var obj map[string]json.RawMessage
		var list []map[string]json.RawMessage
		switch {
		case json.Unmarshal(raw, &list) == nil && len(list) > 0:
			written[field] = keysOf(t, list[0])
		case json.Unmarshal(raw, &obj) == nil && field != "flows":
			written[field] = keysOf(t, obj)
		}
	}
	for field, keys := range documented {
		slices.Sort(keys)
		if got := written[field]; !slices.Equal(got, keys) {
			t.Errorf("keys of %q: the writer writes %q, docs/exchange-format.md lists %q", field, got, keys)
		}
	}
	for field := range written {
		if _, ok := documented[field]; !ok {
			t.Errorf("the writer writes objects under %q that docs/exchange-format.md does not describe", field)
		}
	}
}

func keysOf(t *testing.T, m map[string]json.RawMessage) []string {
	t.Helper()
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// manifestOf returns the manifest of a package.
func manifestOf(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == exchange.ManifestName {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			var out bytes.Buffer
			out.ReadFrom(rc)
			return out.Bytes()
		}
	}
	t.Fatal("no manifest")
	return nil
}
