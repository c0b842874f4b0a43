package exchange

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// The sentences kept in constants (the translation test of ui/locale finds
// only literals) have both translations.
func TestMessagesInConstantsAreTranslated(t *testing.T) {
	msgs := []string{msgOutTooMany, msgOutTooLong, msgOutTooMuch, msgOutCompany, msgOutInvalid, msgOutAttachmentSize,
		msgOutTotal, msgOutManifest, msgOutEntries, msgInCompany}
	for _, lang := range []string{"sv", "en"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "assets", "translations", "app."+lang+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		for _, k := range msgs {
			if m[k] == "" {
				t.Errorf("app.%s.json lacks %q", lang, k)
			}
		}
	}
}
