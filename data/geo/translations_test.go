package geo

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"
)

var placeholder = regexp.MustCompile(`{{\s*\.\w+\s*}}`)

func readTranslations(t *testing.T, lang string) map[string]string {
	t.Helper()
	name := filepath.Join("..", "..", "assets", "translations", "geo."+lang+".json")
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatalf("reading translations: %v", err)
	}
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("decoding %s: %v", name, err)
	}
	return m
}

// Every message the package uses is translated, both files have the same
// keys, and placeholders survive translation.
func TestTranslations(t *testing.T) {
	en := readTranslations(t, "en")
	sv := readTranslations(t, "sv")
	keys := func(m map[string]string) []string {
		var ks []string
		for k := range m {
			ks = append(ks, k)
		}
		slices.Sort(ks)
		return ks
	}
	want := slices.Clone(messages)
	slices.Sort(want)
	if got := keys(en); !slices.Equal(got, want) {
		t.Errorf("geo.en.json keys: got %q, want %q", got, want)
	}
	if got := keys(sv); !slices.Equal(got, want) {
		t.Errorf("geo.sv.json keys: got %q, want %q", got, want)
	}
	for _, msg := range messages {
		if got := en[msg]; got != msg {
			t.Errorf("English for %q: got %q, want the key itself", msg, got)
		}
		s, ok := sv[msg]
		if !ok {
			continue
		}
		if s == msg {
			t.Errorf("Swedish for %q: got the English text, want a translation", msg)
		}
		got := placeholder.FindAllString(s, -1)
		wantPH := placeholder.FindAllString(msg, -1)
		slices.Sort(got)
		slices.Sort(wantPH)
		if !slices.Equal(got, wantPH) {
			t.Errorf("Swedish for %q: got placeholders %q, want %q", msg, got, wantPH)
		}
	}
}
