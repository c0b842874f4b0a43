package textextract

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/jung-kurt/gofpdf"

	"github.com/handelskammaren/ila-desk/assets"
)

func gofpdfSeed(f *testing.F, compress bool) []byte {
	font, err := assets.Fonts.ReadFile("fonts/LiberationSans-Regular.ttf")
	if err != nil {
		f.Fatal(err)
	}
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.SetCreationDate(time.Date(2017, 2, 22, 12, 0, 0, 0, time.UTC))
	pdf.SetCompression(compress)
	pdf.AddUTF8FontFromBytes("L", "", font)
	pdf.SetFont("L", "", 11)
	pdf.AddPage()
	pdf.MultiCell(0, 6, "Åtgärdsvalsstudie för E18 vid hamnen i Köping.", "", "L", false)
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		f.Fatal(err)
	}
	return b.Bytes()
}

// FuzzExtract feeds Extract broken and hostile documents: it must never
// panic, must return within the timeout, and must keep its promises about
// the text.
func FuzzExtract(f *testing.F) {
	f.Add("a.pdf", gofpdfSeed(f, false))
	f.Add("a.pdf", gofpdfSeed(f, true))
	f.Add("a.pdf", onePage("BT /F1 12 Tf 72 700 Td (Hamnen i K\xf6ping) Tj ET", ""))
	f.Add("a.pdf", onePage("BT /F1 12 Tf 72 700 Td <0002000100030004> Tj ET", goodCmap))
	f.Add("a.pdf", buildPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [2 0 R] /Count 1 >>"))
	f.Add("a.pdf", []byte("%PDF-1.7\n1 0 obj "+flateStream("/Type /ObjStm /N 1 /First 4", "5 0 << /Size 7 >>")+" endobj\n"))
	f.Add("a.txt", []byte("Hamnen i K\xf6ping\r\n"))
	f.Add("a.md", []byte("# Rubrik\n\nText med åäö."))
	f.Add("a.txt", []byte{0xFF, 0xFE, 'K', 0, 0xF6, 0})

	f.Fuzz(func(t *testing.T, name string, b []byte) {
		start := time.Now()
		mime, err := Detect(name, b)
		if err != nil {
			mime = PDF // a refused file still must not break the PDF reader
		}
		text, searchable, err := Extract(name, mime, b)
		if took := time.Since(start); took > timeout+2*time.Second {
			t.Errorf("Extract took %v, want at most the timeout %v", took, timeout)
		}
		if err != nil {
			return
		}
		if len(text) > MaxText {
			t.Errorf("text of %d bytes, want at most %d", len(text), MaxText)
		}
		if !strings.ContainsRune(text, 0) && searchable != hasWords(text) {
			t.Errorf("searchable %v for text %q", searchable, text)
		}
		if !utf8Valid(text) {
			t.Errorf("text is not valid UTF-8: %q", text)
		}
	})
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }
