package content_test

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/handelskammaren/ila-desk/assets"
	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/content"
)

func withVersion(v string) []byte {
	return []byte(strings.Replace(string(assets.DefaultContent), `"version": 1,`, `"version": `+v+`,`, 1))
}

// Issue 9, item 8: 9223372036854775807 was accepted, and export-content
// then wrote a negative version that its own import refused.
func TestVersionOutsideTheRangeIsRefused(t *testing.T) {
	for _, v := range []string{"9223372036854775807", strconv.Itoa(content.MaxVersion + 1), "-1"} {
		_, err := content.Parse(withVersion(v))
		if _, ok := data.AsProblem(err); !ok {
			t.Errorf("version %s: got %v, want it refused with a sentence", v, err)
		}
	}
	f, err := content.Parse(withVersion(strconv.Itoa(content.MaxVersion)))
	if err != nil || f.Version != content.MaxVersion {
		t.Errorf("version %d: got %v, want it accepted", content.MaxVersion, err)
	}
}

func TestEncodeWritesNoVersionItsImportRefuses(t *testing.T) {
	f, err := content.Parse(assets.DefaultContent)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []int{content.MaxVersion + 1, math.MinInt64, 0} {
		f.Version = v
		var b bytes.Buffer
		err := content.Encode(&b, f)
		if _, ok := data.AsProblem(err); !ok || b.Len() != 0 {
			t.Errorf("version %d: got %v and %d bytes written, want a problem and nothing written", v, err, b.Len())
		}
	}
	if _, err := content.NextVersion(content.MaxVersion); err == nil {
		t.Error("NextVersion(MaxVersion): got no error, want one")
	}
	if _, err := content.NextVersion(math.MaxInt); err == nil {
		t.Error("NextVersion(MaxInt): got no error, want one")
	}
	if v, err := content.NextVersion(41); v != 42 || err != nil {
		t.Errorf("NextVersion(41) = %d, %v; want 42", v, err)
	}
}

func TestEncodeWritesNothingItsImportRefuses(t *testing.T) {
	f, _ := content.Parse(assets.DefaultContent)
	f.Meetings[0].End = f.Meetings[0].Start
	var b bytes.Buffer
	if err := content.Encode(&b, f); err == nil || b.Len() != 0 {
		t.Errorf("got %v and %d bytes, want a problem and nothing written", err, b.Len())
	}
}

func TestOverLongContentFieldsAreRefused(t *testing.T) {
	edit := func(fn func(m map[string]any)) []byte {
		var m map[string]any
		json.Unmarshal(assets.DefaultContent, &m)
		fn(m)
		b, _ := json.Marshal(m)
		return b
	}
	first := func(m map[string]any, list string) map[string]any { return m[list].([]any)[0].(map[string]any) }
	tests := []struct {
		name string
		file []byte
		want string
	}{
		{"meeting description", edit(func(m map[string]any) {
			first(m, "meetings")["description"] = strings.Repeat("x", data.Limit("meetings.description").Chars+1)
		}), "\"meetings[0].description\" in the content file holds 20\u00a0001 characters; ILA Desk accepts at most 20\u00a0000"},
		{"protocol text", edit(func(m map[string]any) {
			first(m, "protocols")["text"] = strings.Repeat("å", data.Limit("protocols.text").Chars+1)
		}), "\"protocols[0].text\""},
		{"arena purpose", edit(func(m map[string]any) {
			m["arena"].(map[string]any)["purpose"] = strings.Repeat("x", 20_001)
		}), "\"arena.purpose\""},
		{"agenda items", edit(func(m map[string]any) {
			var agenda []any
			for range data.Limit("meetings.agenda").Items + 1 {
				agenda = append(agenda, map[string]any{"title": "Punkt", "notes": ""})
			}
			first(m, "meetings")["agenda"] = agenda
		}), "101 entries in \"meetings[0].agenda\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := content.Parse(tt.file)
			if p, ok := data.AsProblem(err); !ok || !strings.Contains(p.English(), tt.want) {
				t.Errorf("got %v, want a problem containing %q", err, tt.want)
			}
		})
	}
}
