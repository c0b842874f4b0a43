package printing_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/handelskammaren/ila-desk/assets"
	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/printing"
	"github.com/handelskammaren/ila-desk/data/report"
)

var samples = flag.String("samples", "", "write sample PDFs to this folder, to look at")

// TestWriteMeetingBookSample writes the meeting book of 22 February 2017
// from the default content, when -samples is given.
func TestWriteMeetingBookSample(t *testing.T) {
	if *samples == "" {
		t.Skip("no -samples folder")
	}
	st := seeded(t)
	ctx := context.Background()
	m, err := st.MeetingByKey(ctx, "meeting-2017-02-22")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := printing.MeetingBook(ctx, st, m.ID, svOpt())
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := doc.Write(&b); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(*samples, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(*samples, "meetingbook-2017-02-22.pdf"), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// svOpt is opt with Swedish labels read from the translation files, as the
// app's locale.T gives them.
func svOpt() report.Options {
	tr := map[string]string{}
	files, _ := fs.Glob(assets.Translations, assets.TranslationsDir+"/*.sv.json")
	for _, f := range files {
		b, err := assets.Translations.ReadFile(f)
		if err != nil {
			panic(err)
		}
		if err := json.Unmarshal(b, &tr); err != nil {
			panic(err)
		}
	}
	o := opt
	o.T = func(msg string, args map[string]any) string {
		if s, ok := tr[msg]; ok && s != "" {
			msg = s
		}
		return data.Render(msg, args)
	}
	return o
}
