package data_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"github.com/handelskammaren/ila-desk/data"
)

var placeholder = regexp.MustCompile(`{{\s*\.\w+\s*}}`)

// sameInSwedish are keys whose Swedish is the English word.
var sameInSwedish = []string{"Status"}

func readSubmissionTranslations(t *testing.T, lang string) map[string]string {
	t.Helper()
	name := filepath.Join("..", "assets", "translations", "submission."+lang+".json")
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

// Every text of the submission rules has an English and a Swedish entry, the
// Swedish one is a translation, and placeholders survive translation. (The
// store's test checks that the files hold nothing else.)
func TestSubmissionTranslations(t *testing.T) {
	en := readSubmissionTranslations(t, "en")
	sv := readSubmissionTranslations(t, "sv")
	for _, msg := range data.SubmissionMessages() {
		if got, ok := en[msg]; !ok || got != msg {
			t.Errorf("submission.en.json for %q: got %q, want the key itself", msg, got)
		}
		s, ok := sv[msg]
		if !ok {
			t.Errorf("submission.sv.json lacks %q", msg)
			continue
		}
		if s == msg && !slices.Contains(sameInSwedish, msg) {
			t.Errorf("Swedish for %q: got the English text, want a translation", msg)
		}
		got := placeholder.FindAllString(s, -1)
		want := placeholder.FindAllString(msg, -1)
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("Swedish for %q: got placeholders %q, want %q", msg, got, want)
		}
	}
}
