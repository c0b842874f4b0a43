package report

import (
	"bytes"
	"testing"
	"unicode/utf8"

	"github.com/handelskammaren/ila-desk/data"
)

// FuzzText sends arbitrary text through the text path: cleaning, Markdown,
// wrapping and drawing, in a short protocol, and the layout of a submission. Nothing may
// panic, every document must be complete, and cleaned text must hold only
// characters the font has.
func FuzzText(f *testing.F) {
	for _, s := range hostile {
		if len(s) < 2000 {
			f.Add(s)
		}
	}
	f.Add(sampleProtocol)
	f.Add("# Rubrik\n\n- **fet *kursiv* text**\n1. ett\n   2) två\n---\n> citat `kod` [länk](url)")
	fs, err := loadFonts()
	if err != nil {
		f.Fatal(err)
	}
	opt := testOptions(data.English)
	f.Fuzz(func(t *testing.T, s string) {
		c := fs.clean(s)
		if !utf8.ValidString(c) {
			t.Fatalf("clean(%q) is not valid UTF-8", s)
		}
		for _, r := range c {
			if r != '\n' && r != ' ' && !fs.covers(r) {
				t.Fatalf("clean(%q) kept %U, which the font lacks", s, r)
			}
		}
		_ = visual(c)
		var b bytes.Buffer
		if err := Protocol(&b, data.Protocol{Title: s}, s, s, opt); err != nil {
			t.Fatalf("Protocol: %v", err)
		}
		if !bytes.HasSuffix(bytes.TrimSpace(b.Bytes()), []byte("%%EOF")) {
			t.Fatal("Protocol: the PDF is incomplete")
		}
		// A submission laid out without drawing covers tables, lists and
		// broken words at a fraction of the cost of a second PDF.
		sub := data.Submission{Title: s, Object: s, Deficiency: s, Measures: []data.Measure{{Text: s}}, CoSigners: []string{s},
			Trail: []data.StatusChange{{Comment: s}}}
		d := newTestDoc(t)
		d.headerLeft, d.headerRight = s, s
		d.newPage()
		d.heading(0, s, 0)
		d.submissionBody(subDoc{sub: sub})
		d.signatures(sub, s, opt)
	})
}
