package textextract

import (
	"bytes"
	"compress/zlib"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// buildPDF writes objects 1… as a PDF with a correct cross-reference table;
// object 1 is the catalog.
func buildPDF(objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	var offs []int
	for i, o := range objs {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, x)
	return b.Bytes()
}

func stream(data string) string {
	return fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(data), data)
}

func flateStream(dict, data string) string {
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write([]byte(data))
	w.Close()
	return fmt.Sprintf("<< %s /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream", dict, z.Len(), z.String())
}

// onePage is a PDF with one page whose content is content; font 4 is a
// Type 0 font whose ToUnicode map is cmap, or Helvetica when cmap is "".
func onePage(content, cmap string) []byte {
	font := "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
	if cmap != "" {
		font = "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /ToUnicode 6 0 R >>"
	}
	return buildPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		font,
		stream(content),
		stream(cmap),
	)
}

const goodCmap = `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
2 beginbfchar
<0001> <00F6>
<0002> <0041>
endbfchar
1 beginbfrange
<0003> <0005> <0061>
endbfrange
endcmap
end
end`

func shortTimeout(t *testing.T) {
	old := timeout
	timeout = 300 * time.Millisecond
	t.Cleanup(func() { timeout = old })
}

func TestHandMadePDFsAreRead(t *testing.T) {
	text := tidy(extractPDF(onePage("BT /F1 12 Tf 72 700 Td (Hamnen i K\xf6ping) Tj ET", "")))
	if text != "Hamnen i Köping" {
		t.Errorf("WinAnsi font: got %q, want %q", text, "Hamnen i Köping")
	}
	text = tidy(extractPDF(onePage("BT /F1 12 Tf 72 700 Td <0002000100030004> Tj ET", goodCmap)))
	if text != "Aöab" {
		t.Errorf("Identity-H font with a ToUnicode map: got %q, want %q", text, "Aöab")
	}
}

func TestLayoutGapsBecomeSpacesAndLines(t *testing.T) {
	tests := []struct{ content, want string }{
		// TeX sets word spaces as TJ gaps; kerning (small gaps) joins letters.
		{"BT /F1 12 Tf [(Hamnen)-333(i)-333(K)20(\366ping)] TJ ET", "Hamnen i Köping"},
		// A line move without a space character ends the line.
		{"BT /F1 12 Tf 72 700 Td (Godsfl\366den)Tj 0 -14 Td (M\344larbanan)Tj ET", "Godsflöden\nMälarbanan"},
		{"BT /F1 12 Tf 1 0 0 1 72 700 Tm (E18) Tj 1 0 0 1 120 700 Tm (Arboga) Tj 1 0 0 1 72 686 Tm (Sala) Tj ET", "E18 Arboga\nSala"},
		{"BT /F1 12 Tf 14 TL (rad ett) Tj T* (rad tv\345) Tj (tre) ' ET", "rad ett\nrad två\ntre"},
		{"BT /F1 12 Tf 14 TL 0 0 (med avst\345nd) \" ET", "med avstånd"},
	}
	for _, tt := range tests {
		if got := tidy(extractPDF(onePage(tt.content, ""))); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.content, got, tt.want)
		}
	}
}

func TestPDFsThatWouldMakeTheReaderRunAway(t *testing.T) {
	shortTimeout(t)
	cases := map[string][]byte{
		// The library's lexer spins at the end of a stream inside a hex string.
		"open hex string in content": onePage("BT /F1 12 Tf (Hej) Tj <48656c6c", ""),
		"open hex string in cmap":    onePage("BT /F1 12 Tf <0001> Tj ET", goodCmap+"\n<0001"),
		// The library loops (and allocates) as many times as a cmap count says.
		"huge bfrange count": onePage("BT /F1 12 Tf <0001> Tj ET", strings.Replace(goodCmap, "1 beginbfrange", "999999999 beginbfrange", 1)),
		"count after a broken hex string": onePage("BT /F1 12 Tf <0001> Tj ET",
			strings.Replace(goodCmap, "1 beginbfrange", "<zz 999999999 beginbfrange", 1)),
		"count after a bad escape": onePage("BT /F1 12 Tf <0001> Tj ET",
			strings.Replace(goodCmap, "1 beginbfrange", "(\\q 999999999 beginbfrange", 1)),
		// Every operator is looked up through every dictionary opened with begin.
		"dictionaries without end": onePage(strings.Repeat("0 dict begin ", 1000)+"BT /F1 12 Tf (Hej) Tj ET", ""),
		// Page tree and resources that point back at themselves.
		"page tree loop": buildPDF(
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [2 0 R 2 0 R] /Count 1 >>"),
		"parent loop": buildPDF(
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 3 0 R /Contents 4 0 R >>",
			stream("BT /F1 12 Tf (Hej) Tj ET")),
		"count of a billion pages": buildPDF(
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [] /Count 1000000000 >>"),
		"flate bomb as content": buildPDF(
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
			flateStream("", strings.Repeat("1 ", 4<<20))),
	}
	for name, b := range cases {
		t.Run(name, func(t *testing.T) {
			text, searchable, err := Extract("x.pdf", PDF, b)
			if err != nil || (searchable && !strings.Contains(name, "loop")) {
				t.Errorf("got %q, searchable %v, err %v; want not searchable, no error", text, searchable, err)
			}
			// Without a deadline: the limits alone must end the work, so
			// that nothing keeps running after Extract has given up.
			readPDF(context.Background(), b)
		})
	}
}

func TestPreflightRefusesHugeSizes(t *testing.T) {
	cases := map[string]string{
		"xref stream size":          "1 0 obj << /Type /XRef /Size 99999999999 /W [1 2 1] >>",
		"negative size":             "<< /Size -5 >>",
		"xref stream widths":        "<< /Type /XRef /Size 10 /W [1 99999999999 1] >>",
		"xref stream index":         "<< /Type /XRef /Size 10 /Index [4000000000 5] >>",
		"index pair sum":            "<< /Index [0 3000000 3000000 3000000] >>",
		"escaped name":              "<< /Si#7ae 99999999999 >>",
		"columns":                   "<< /DecodeParms << /Predictor 12 /Columns 99999999999 >> >>",
		"columns by reference":      "<< /DecodeParms << /Predictor 12 /Columns 9 0 R >> >>",
		"xref table first":          "xref\n4000000000 2\n0000000000 65535 f \n0000000010 00000 n \ntrailer",
		"second xref subsection":    "xref\n0 1\n0000000000 65535 f \n9000000 9000000\n",
		"comment before value":      "<< /Size % a comment\n 99999999999 >>",
		"object stream content":     "1 0 obj " + flateStream("/Type /ObjStm /N 1 /First 4", "5 0 << /Size 99999999999 >>") + " endobj",
		"open hex in object stream": "1 0 obj " + flateStream("/Type /ObjStm /N 1 /First 4", "5 0 <414243") + " endobj",
	}
	for name, s := range cases {
		if preflight([]byte("%PDF-1.7\n"+s)) == nil {
			t.Errorf("%s: preflight let %q through", name, s)
		}
	}
	fine := map[string]string{
		"ordinary xref stream": "<< /Type /XRef /Size 120 /W [1 3 1] /Index [0 120] >>",
		"CID font widths":      "<< /W [1 [500 600] 10 20 300 3 [1000]] >>",
		"function sizes":       "<< /FunctionType 0 /Size [256] >>",
		"ordinary columns":     "<< /DecodeParms << /Predictor 12 /Columns 5 >> >>",
		"startxref":            "startxref\n99999999999\n%%EOF",
		"ordinary xref table":  "xref\n0 2\n0000000000 65535 f \n0000000010 00000 n \ntrailer",
	}
	for name, s := range fine {
		if err := preflight([]byte("%PDF-1.7\n" + s)); err != nil {
			t.Errorf("%s: preflight refused %q", name, s)
		}
	}
}

func TestLexFindsNumbersWhereTheLibraryDoes(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"1 beginbfchar <0001> <0041> endbfchar", []string{"1", "beginbfchar", "endbfchar"}},
		{"(a (nested) string 5) 6", []string{"6"}},
		{"(bad \\q escape) 7", []string{"escape", "7"}},
		{"(octal \\101 ok) 8", []string{"8"}},
		{"<41 42> <zz 9 op>", []string{"9", "op"}},
		{"<< /Name 10 >> % comment 11\n12", []string{"10", "12"}},
		{"/Bad#zz13 14", []string{"13", "14"}},
	}
	for _, tt := range tests {
		var got []string
		lex([]byte(tt.in), func(tok []byte) bool { got = append(got, string(tok)); return true })
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("lex(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}
