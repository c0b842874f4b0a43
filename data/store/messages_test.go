package store_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handelskammaren/ila-desk/data/store"
)

// The sentences of opening, conflicts and backups are in app.*.json, in
// Swedish and as themselves in English, with the same placeholders.
func TestStoreSentencesAreTranslated(t *testing.T) {
	for _, lang := range []string{"sv", "en"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "assets", "translations", "app."+lang+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		for _, k := range store.AppMessages {
			v, ok := m[k]
			switch {
			case !ok:
				t.Errorf("app.%s.json lacks %q", lang, k)
			case lang == "en" && v != k:
				t.Errorf("app.en.json: %q translates to %q, want itself", k, v)
			case strings.Count(v, "{{") != strings.Count(k, "{{"):
				t.Errorf("app.%s.json: %q has other placeholders than its key", lang, v)
			}
		}
	}
}
