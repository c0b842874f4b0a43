package textextract_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jung-kurt/gofpdf"

	"github.com/handelskammaren/ila-desk/assets"
	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/textextract"
)

const minutes = "Minnesanteckningar från nätverksmötet den 22 februari 2017. " +
	"Närvarande: företrädare för hamnen i Köping, Västerås stad och Trafikverket. " +
	"Åtgärdsvalsstudien för E18 förbi Köping är klar; länstransportplanen ska revideras. " +
	"Godsflöden på Mälarbanan växer, och kapaciteten räcker inte till år 2025."

// makePDF writes text as a PDF, set in the Liberation Sans the program ships
// (so å, ä, ö are real glyphs with a Unicode map), deterministic and with or
// without compressed streams.
func makePDF(t testing.TB, text string, compress bool) []byte {
	t.Helper()
	font, err := assets.Fonts.ReadFile("fonts/LiberationSans-Regular.ttf")
	if err != nil {
		t.Fatalf("the shipped font is missing: %v", err)
	}
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.SetCreationDate(time.Date(2017, 2, 22, 12, 0, 0, 0, time.UTC))
	pdf.SetCatalogSort(true)
	pdf.SetCompression(compress)
	pdf.AddUTF8FontFromBytes("Liberation", "", font)
	pdf.SetFont("Liberation", "", 11)
	pdf.AddPage()
	pdf.MultiCell(0, 6, text, "", "L", false)
	pdf.AddPage()
	pdf.MultiCell(0, 6, "Sida två: Svealandsbanan och riksväg 56 vid Kvicksund.", "", "L", false)
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		t.Fatalf("make PDF: %v", err)
	}
	return b.Bytes()
}

func TestPDFTextIsExtracted(t *testing.T) {
	for _, compress := range []bool{false, true} {
		b := makePDF(t, minutes, compress)
		mime, err := textextract.Detect("minnesanteckningar.pdf", b)
		if err != nil || mime != textextract.PDF {
			t.Fatalf("Detect: got %q, %v; want %q", mime, err, textextract.PDF)
		}
		text, searchable, err := textextract.Extract("minnesanteckningar.pdf", mime, b)
		if err != nil || !searchable {
			t.Fatalf("compress %v: got searchable %v, err %v; want text", compress, searchable, err)
		}
		for _, w := range []string{"Minnesanteckningar", "nätverksmötet", "Köping", "Åtgärdsvalsstudien", "länstransportplanen",
			"Godsflöden", "Mälarbanan", "växer", "Svealandsbanan", "Kvicksund"} {
			if !strings.Contains(text, w) {
				t.Errorf("compress %v: the text has no %q:\n%s", compress, w, text)
			}
		}
	}
}

// TestCharactersPastLatin1AreRead: gofpdf maps every code to itself in one
// range of its ToUnicode map, which the PDF library reads wrong past
// U+00FF; dashes, quotes, the euro and letters of other alphabets must be
// found all the same.
func TestCharactersPastLatin1AreRead(t *testing.T) {
	const text = "Mötet 12:00–15:00 kostar 200 € – ”fika ingår” – i Łódź och Kraków; אבג"
	for _, compress := range []bool{false, true} {
		got, searchable, err := textextract.Extract("a.pdf", textextract.PDF, makePDF(t, text, compress))
		if err != nil || !searchable {
			t.Fatalf("compress %v: searchable %v, %v", compress, searchable, err)
		}
		for _, w := range strings.Fields(text) {
			if w == "אבג" {
				continue // set right to left, in whatever order gofpdf draws it
			}
			if !strings.Contains(got, w) {
				t.Errorf("compress %v: the text has no %q:\n%s", compress, w, got)
			}
		}
	}
}

func TestBrokenPDFsAreKeptButNotSearchable(t *testing.T) {
	good := makePDF(t, minutes, true)
	cases := map[string][]byte{
		"header only":      []byte("%PDF-1.4\n"),
		"cut in half":      good[:len(good)/2],
		"cut before EOF":   good[:len(good)-10],
		"garbage":          append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte{0xde, 0xad, 0xbe, 0xef}, 5000)...),
		"no startxref":     bytes.ReplaceAll(good, []byte("startxref"), []byte("startxyz!")),
		"zeroed middle":    zeroed(good, len(good)/3, len(good)/2),
		"huge xref size":   []byte("%PDF-1.7\n1 0 obj <</Type/XRef/Size 99999999999/W[1 2 1]>> stream\nx\nendstream endobj\nstartxref\n9\n%%EOF\n"),
		"huge xref table":  []byte("%PDF-1.4\nxref\n4000000000 3\n0000000000 65535 f \ntrailer <</Size 3>>\nstartxref\n9\n%%EOF\n"),
		"huge columns ref": []byte("%PDF-1.4\n1 0 obj <</DecodeParms <</Predictor 12 /Columns 7 0 R>> >> endobj\nstartxref\n9\n%%EOF\n"),
	}
	for name, b := range cases {
		t.Run(name, func(t *testing.T) {
			text, searchable, err := textextract.Extract("x.pdf", textextract.PDF, b)
			if err != nil {
				t.Errorf("got error %v; want none (the document is still kept)", err)
			}
			if searchable && name != "zeroed middle" {
				t.Errorf("searchable with text %q; want not searchable", text)
			}
		})
	}
}

func zeroed(b []byte, from, to int) []byte {
	c := bytes.Clone(b)
	for i := from; i < to; i++ {
		c[i] = 0
	}
	return c
}

func TestTextAndMarkdownPassThrough(t *testing.T) {
	md := "# Minnesanteckningar 2017-02-22\n\n1. Hamnen i Köping\n2. E18, Västerås–Köping\n\n    kod   med   luft\n"
	mime, err := textextract.Detect("protokoll.md", []byte(md))
	if err != nil || mime != textextract.Markdown {
		t.Fatalf("Detect .md: got %q, %v", mime, err)
	}
	text, searchable, err := textextract.Extract("protokoll.md", mime, []byte(md))
	if err != nil || !searchable || text != strings.TrimSpace(md) {
		t.Errorf("Markdown: got %q (searchable %v, err %v), want it unchanged", text, searchable, err)
	}

	txt := "Rad ett\r\nRad två med åäö\r\n"
	mime, err = textextract.Detect("protokoll.txt", []byte(txt))
	if err != nil || mime != textextract.Text {
		t.Fatalf("Detect .txt: got %q, %v", mime, err)
	}
	text, _, _ = textextract.Extract("protokoll.txt", mime, []byte(txt))
	if text != "Rad ett\nRad två med åäö" {
		t.Errorf("text: got %q, want CRLF turned into LF and nothing else changed", text)
	}
}

func TestWindowsTextIsDecoded(t *testing.T) {
	// "Hamnen i Köping – åtgärder för 5 €" as Swedish Windows (Windows-1252) writes it.
	b := []byte("Hamnen i K\xf6ping \x96 \xe5tg\xe4rder f\xf6r 5 \x80\r\n\xc5\xc4\xd6")
	mime, err := textextract.Detect("anteckningar.txt", b)
	if err != nil || mime != textextract.TextWindows {
		t.Fatalf("Detect: got %q, %v; want %q", mime, err, textextract.TextWindows)
	}
	text, searchable, err := textextract.Extract("anteckningar.txt", mime, b)
	if want := "Hamnen i Köping – åtgärder för 5 €\nÅÄÖ"; err != nil || !searchable || text != want {
		t.Errorf("got %q (searchable %v, err %v), want %q", text, searchable, err, want)
	}
	// Without a charset the bytes are sniffed.
	text, _, _ = textextract.Extract("anteckningar.txt", "text/plain", b)
	if !strings.Contains(text, "Köping") {
		t.Errorf("without charset: got %q", text)
	}
}

func TestUTF16TextWithByteOrderMarkIsDecoded(t *testing.T) {
	le := []byte{0xFF, 0xFE, 'K', 0, 0xF6, 0, 'p', 0, 'i', 0, 'n', 0, 'g', 0}
	mime, err := textextract.Detect("a.txt", le)
	if err != nil || mime != textextract.TextUTF16LE {
		t.Fatalf("Detect: got %q, %v", mime, err)
	}
	if text, _, _ := textextract.Extract("a.txt", mime, le); text != "Köping" {
		t.Errorf("got %q, want Köping", text)
	}
}

func TestDetectBySniffingAndName(t *testing.T) {
	pdf := makePDF(t, "Hej", false)
	tests := []struct {
		name string
		b    []byte
		want string // "" for a refusal
	}{
		{"protokoll.PDF", pdf, textextract.PDF},
		{"protokoll", pdf, textextract.PDF},                // no extension: the content says PDF
		{"protokoll.bin", pdf, textextract.PDF},            // a wrong name does not hide a PDF
		{"anteckningar", []byte("text"), textextract.Text}, // no extension: text
		{"README.markdown", []byte("# Rubrik"), textextract.Markdown},
		{"protokoll.docx", []byte("PK\x03\x04\x14\x00"), ""},
		{"bild.jpg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF"), ""},
		{"sida.html", []byte("<html>hej</html>"), ""},
		{"binär.txt", []byte("abc\x00\x01\x02def"), ""},
		{"trasig.pdf", []byte("this is not a pdf"), ""},
	}
	for _, tt := range tests {
		got, err := textextract.Detect(tt.name, tt.b)
		if got != tt.want {
			t.Errorf("Detect(%q): got %q (%v), want %q", tt.name, got, err, tt.want)
		}
		if tt.want == "" {
			p, ok := data.AsProblem(err)
			if !ok {
				t.Errorf("Detect(%q): error %v is not a Problem", tt.name, err)
				continue
			}
			if p.Args["Name"] != tt.name {
				t.Errorf("Detect(%q): the Problem names %v, want the file", tt.name, p.Args["Name"])
			}
		}
	}
	_, err := textextract.Detect("C:\\Users\\anna\\bild.jpg", []byte("\xff\xd8\xff"))
	if p, ok := data.AsProblem(err); !ok || p.Msg != "ILA Desk can attach PDF, Markdown and text files. {{.Name}} is none of these." {
		t.Errorf("got %v, want the Problem that lists what can be attached", err)
	}
}

func TestTooLargeFilesAreRefused(t *testing.T) {
	b := make([]byte, textextract.MaxSize+1)
	copy(b, "%PDF-1.4\n")
	for _, call := range []func() error{
		func() error { _, err := textextract.Detect("stor.pdf", b); return err },
		func() error { _, _, err := textextract.Extract("stor.pdf", textextract.PDF, b); return err },
	} {
		p, ok := data.AsProblem(call())
		if !ok || p.Args["Name"] != "stor.pdf" || p.Args["Max"] != 25 {
			t.Errorf("got %+v, want a Problem naming stor.pdf and the 25 MB limit", p)
		}
	}
}

func TestUnknownTypeIsRefusedByExtract(t *testing.T) {
	_, _, err := textextract.Extract("a.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", []byte("PK"))
	if _, ok := data.AsProblem(err); !ok {
		t.Errorf("got %v, want a Problem", err)
	}
}

func TestExtractedTextIsCapped(t *testing.T) {
	b := bytes.Repeat([]byte("Mälarbanan "), textextract.MaxText/5)
	text, _, err := textextract.Extract("lång.txt", textextract.Text, b)
	if err != nil || len(text) > textextract.MaxText || len(text) < textextract.MaxText-16 {
		t.Errorf("got %d bytes (%v), want at most and about %d", len(text), err, textextract.MaxText)
	}
	if !strings.HasSuffix(strings.TrimSpace(text), "Mälarbanan") && !strings.HasSuffix(text, "M") {
		// the cut falls on a character boundary, never inside "ä"
		if r := []rune(text); r[len(r)-1] == '\uFFFD' {
			t.Errorf("the cut split a character")
		}
	}
}

func TestScannedPDFWithoutTextIsNotSearchable(t *testing.T) {
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.SetCreationDate(time.Date(2017, 2, 22, 12, 0, 0, 0, time.UTC))
	pdf.AddPage()
	pdf.Rect(20, 20, 100, 100, "F") // a page with a picture and no text
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		t.Fatal(err)
	}
	text, searchable, err := textextract.Extract("skannad.pdf", textextract.PDF, b.Bytes())
	if err != nil || searchable {
		t.Errorf("got %q, searchable %v, err %v; want not searchable and no error", text, searchable, err)
	}
}

func TestPDFFromLibreOfficeIsRead(t *testing.T) {
	// Written by LibreOffice 7 from a text file: another producer than
	// gofpdf, with subset TrueType fonts and compressed streams.
	b, err := os.ReadFile(filepath.Join("testdata", "libreoffice-minnesanteckningar.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	text, searchable, err := textextract.Extract("minnesanteckningar.pdf", textextract.PDF, b)
	if err != nil || !searchable {
		t.Fatalf("got searchable %v, err %v", searchable, err)
	}
	for _, w := range []string{"Minnesanteckningar från nätverksmötet", "Åtgärdsvalsstudien för E18 förbi Köping", "Godsflöden på Mälarbanan växer"} {
		if !strings.Contains(text, w) {
			t.Errorf("the text has no %q:\n%s", w, text)
		}
	}
}
