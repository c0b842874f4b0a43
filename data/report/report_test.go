package report

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/handelskammaren/ila-desk/data"
)

var update = flag.Bool("update", false, "rewrite golden files")

// render runs fn into a buffer and fails the test on error.
func renderPDF(t testing.TB, fn func(*bytes.Buffer) error) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := fn(&b); err != nil {
		t.Fatalf("got error %v, want none", err)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimSpace(b.Bytes()), []byte("%%EOF")) {
		t.Fatalf("output is not a complete PDF: %.20q … %q", b.Bytes(), tail(b.Bytes(), 20))
	}
	return b.Bytes()
}

func tail(b []byte, n int) []byte {
	if len(b) < n {
		return b
	}
	return b[len(b)-n:]
}

// checkGolden compares the extracted text and page count with
// testdata/name.golden, checks the footers number the pages and runs qpdf.
func checkGolden(t *testing.T, name string, pdf []byte) [][]string {
	t.Helper()
	pages := pdfPages(t, pdf)
	checkFooters(t, pages)
	qpdfCheck(t, pdf)
	got := golden(pages)
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return pages
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run go test -update to make it): %v", err)
	}
	if got != string(want) {
		t.Errorf("text of %s differs from %s (run go test -update if the change is right)\n%s", name, path, diff(string(want), got))
	}
	return pages
}

// diff shows the first differing lines.
func diff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n  got  " + strconv.Quote(g) + "\n  want " + strconv.Quote(w)
		}
	}
	return ""
}

var footerRe = regexp.MustCompile(`(?:Page|Sida) (\d+) (?:of|av) (\d+)$`)

// checkFooters checks that page i says "Page i of n" with n the page count:
// the layout pass and the drawing pass must agree.
func checkFooters(t *testing.T, pages [][]string) {
	t.Helper()
	for i, p := range pages {
		if len(p) == 0 {
			t.Errorf("page %d is empty", i+1)
			continue
		}
		m := footerRe.FindStringSubmatch(p[len(p)-1])
		if m == nil {
			t.Errorf("page %d: last line %q, want a page number", i+1, p[len(p)-1])
			continue
		}
		if m[1] != strconv.Itoa(i+1) || m[2] != strconv.Itoa(len(pages)) {
			t.Errorf("page %d says %q, want page %d of %d", i+1, m[0], i+1, len(pages))
		}
	}
}

func allText(pages [][]string) string {
	var b strings.Builder
	for _, p := range pages {
		for _, l := range p {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

func TestSubmissionSwedishMatchesGolden(t *testing.T) {
	sub := sampleSubmission()
	mtg := sampleMeeting()
	photos := []Photo{{Caption: "Kön mot plankorsningen en vardag kl. 07:40", Data: testJPEG(400, 300, 1), MIME: "image/jpeg"}}
	pdf := renderPDF(t, func(b *bytes.Buffer) error { return Submission(b, sub, photos, &mtg, testOptions(data.Swedish)) })
	pages := checkGolden(t, "submission_sv", pdf)
	text := allText(pages)
	for _, want := range []string{
		"Infrastruktur & Logistikarenan (ILA)", "Plankorsning i Kolbäck", "Status: Inlämnad",
		"Nationell plan (NTP)", "59.56280° N, 16.23970° E", "N 6 603 376, E 570 055",
		"2 Optimera", "1 Tänk om", "4 Bygg nytt", "185\u202F000\u00A0ton/år", "Ort och datum", "Underskrift",
		"Namnförtydligande", "Sida 1 av", "Skapad 26 november 2026 med ILA Desk 1.0.0",
		"Nätverksmöte, tisdag 21 november 2017, 12:00–15:00",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
}

func TestSubmissionEnglishMatchesGolden(t *testing.T) {
	sub := sampleSubmission()
	mtg := sampleMeeting()
	pdf := renderPDF(t, func(b *bytes.Buffer) error { return Submission(b, sub, nil, &mtg, testOptions(data.English)) })
	text := allText(checkGolden(t, "submission_en", pdf))
	for _, want := range []string{"Deficiency", "2 Optimise", "185,000\u00A0tonnes/year", "Place and date", "Page 1 of", "Meant for meeting"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
}

func TestSubmissionMetadata(t *testing.T) {
	pdf := renderPDF(t, func(b *bytes.Buffer) error {
		return Submission(b, sampleSubmission(), nil, nil, testOptions(data.Swedish))
	})
	for _, want := range []string{
		"/Title " + utf16Lit("Plankorsning i Kolbäck"),
		"/Author " + utf16Lit("Mälardalens Åkeri AB"),
		"/Creator " + utf16Lit("ILA Desk 1.0.0"),
		"/Subject " + utf16Lit("Inspel till Infrastruktur & Logistikarenan (ILA)"),
		"/CreationDate (D:20261126103000)",
	} {
		if !bytes.Contains(pdf, []byte(want)) {
			t.Errorf("PDF lacks %q", want)
		}
	}
}

// utf16Lit is how gofpdf writes a UTF-8 metadata string: UTF-16BE with a
// byte-order mark, escaped as a PDF literal.
func utf16Lit(s string) string {
	b := []byte{0xFE, 0xFF}
	for _, r := range s {
		b = append(b, byte(r>>8), byte(r))
	}
	e := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`, "\r", `\r`).Replace(string(b))
	return "(" + e + ")"
}

// TestOutputIsDeterministic renders the same input twice. gofpdf's catalog
// sort orders images by width only, so photos of equal width may be written
// in either order; the photos here differ in width.
func TestOutputIsDeterministic(t *testing.T) {
	opt := testOptions(data.Swedish)
	opt.noCompress = false
	subs := genSubmissions(6, 0)
	for i := range subs[:3] {
		subs[i].Attachments = []data.Attachment{{MIME: "image/jpeg", Caption: "Bild", Data: testJPEG(300+10*i, 200, uint64(i))}}
	}
	mk := func() []byte {
		return renderPDF(t, func(b *bytes.Buffer) error {
			return Report(b, subs, ReportFilter{}, opt)
		})
	}
	if a, b := mk(), mk(); !bytes.Equal(a, b) {
		t.Errorf("two runs with the same input and Options.Created gave different bytes (%d and %d)", len(a), len(b))
	}
}

func TestReportMatchesGolden(t *testing.T) {
	mtg := sampleMeeting()
	subs := append([]data.Submission{sampleSubmission()}, genSubmissions(3, 0)...)
	subs[2].Title = "" // an untitled draft still gets a heading
	rf := ReportFilter{Meeting: &mtg, Statuses: []data.Status{data.StatusSubmitted}, Municipalities: []string{"Köping", data.OutsideCounty}}
	pdf := renderPDF(t, func(b *bytes.Buffer) error { return Report(b, subs, rf, testOptions(data.Swedish)) })
	pages := checkGolden(t, "report_sv", pdf)
	text := allText(pages)
	for _, want := range []string{"Samlad rapport över inspel", "Innehåll", "Sammanställning", "Per trafikslag",
		"Per kommun", "Per steg i fyrstegsprincipen", "Per prioritet", "Inspel utan rubrik", "Köping, Utanför länet"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
}

// TestReportContentsGiveTheRightPages checks the table of contents against
// where each submission's heading really is. The contents begin on the
// cover and, for 40 submissions, run on to the second page.
func TestReportContentsGiveTheRightPages(t *testing.T) {
	subs := genSubmissions(40, 7)
	pdf := renderPDF(t, func(b *bytes.Buffer) error { return Report(b, subs, ReportFilter{}, testOptions(data.English)) })
	pages := pdfPages(t, pdf)
	checkFooters(t, pages)
	tocRe := regexp.MustCompile(`^(\d+\. .*?)  ·  .*?(\d+)$`)
	n := 0
	for _, l := range append(append([]string{}, pages[0]...), pages[1]...) {
		m := tocRe.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		n++
		page, _ := strconv.Atoi(m[2])
		if page < 1 || page > len(pages) {
			t.Errorf("contents give page %d for %q; the report has %d pages", page, m[1], len(pages))
			continue
		}
		found := false
		for _, pl := range pages[page-1] {
			found = found || pl == m[1]
		}
		if !found {
			t.Errorf("contents say %q is on page %d, but that page has no such heading", m[1], page)
		}
	}
	if n != len(subs) {
		t.Errorf("found %d contents entries on pages 1–2, want %d", n, len(subs))
	}
}

func TestMeetingBookMatchesGolden(t *testing.T) {
	mtg := sampleMeeting()
	mtg.Location = "Västerås, Handelskammarens lokaler, Vasagatan 20A"
	proto := data.Protocol{Key: "p1", Date: day(2017, 9, 13), Title: "Minnesanteckningar", Kind: "minutes"}
	in := MeetingBookInput{
		Meeting: mtg, Arena: data.Arena{Name: "Infrastruktur & Logistikarenan (ILA)", Organiser: "Handelskammaren Mälardalen"},
		LatestProtocol: &proto, ProtocolText: sampleProtocol,
		Submissions: []data.Submission{sampleSubmission()},
		Notes:       "Fråga om **E18** vid Köping.\n\n- Kolla tidplanen\n- Ta med bilder",
	}
	text := allText(checkGolden(t, "meetingbook_sv", renderPDF(t, func(b *bytes.Buffer) error {
		return MeetingBook(b, in, testOptions(data.Swedish))
	})))
	for _, want := range []string{"MÖTESUNDERLAG", "1. Kallelse", "2. Dagordning", "3. Föregående protokoll",
		"4. Våra inspel (1)", "5. Mina anteckningar", "Vasagatan 20A", "Läget i länstransportplanen", "Hamnarna"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
}

func TestMeetingBookSaysWhatIsMissing(t *testing.T) {
	for _, tc := range []struct {
		lang  data.Language
		proto *data.Protocol
		want  []string
	}{
		{data.Swedish, nil, []string{"Plats meddelas i kallelsen", "Ingen dagordning publicerad ännu.", "Det finns inget tidigare protokoll.", "Inga inspel är avsedda för det här mötet."}},
		{data.English, &data.Protocol{Date: day(2017, 9, 13), Title: "Minutes", Kind: "minutes"}, []string{"Place to be announced", "No agenda has been published yet.", "Only this protocol's title and date are known; no text is attached to it."}},
	} {
		t.Run(string(tc.lang), func(t *testing.T) {
			mtg := data.Meeting{Title: "Nätverksmöte", Start: day(2026, 2, 18), End: day(2026, 2, 18).Add(3 * time.Hour)}
			pdf := renderPDF(t, func(b *bytes.Buffer) error {
				return MeetingBook(b, MeetingBookInput{Meeting: mtg, LatestProtocol: tc.proto}, testOptions(tc.lang))
			})
			pages := pdfPages(t, pdf)
			checkFooters(t, pages)
			text := allText(pages)
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("text lacks %q", w)
				}
			}
		})
	}
}

func TestProtocolMatchesGolden(t *testing.T) {
	p := data.Protocol{Date: day(2017, 2, 22), Title: "Minnesanteckningar", Kind: "minutes"}
	checkGolden(t, "protocol_sv", renderPDF(t, func(b *bytes.Buffer) error {
		return Protocol(b, p, sampleProtocol, "Ring *Region Västmanland* om E18.", testOptions(data.Swedish))
	}))
}

func TestProtocolKeepsMarkdownStructure(t *testing.T) {
	p := data.Protocol{Date: day(2017, 2, 22), Title: "Minutes", Kind: "minutes"}
	pdf := renderPDF(t, func(b *bytes.Buffer) error {
		return Protocol(b, p, sampleProtocol, "", testOptions(data.English))
	})
	// Styles show in the font each run is set in.
	runs := styledRuns(t, pdf)
	for _, tc := range []struct{ text, font string }{
		{"Närvarande:", "B"},
		{"31 mars", "I"},
		{"fyrstegsprincipen", "B"},
		{"2. Länstransportplanen", "B"},
	} {
		if got := runs[tc.text]; got != tc.font {
			t.Errorf("%q is set in style %q, want %q", tc.text, got, tc.font)
		}
	}
	text := allText(pdfPages(t, pdf))
	for _, want := range []string{"• Region Västmanland redovisade", "– Synpunkter på brister", "1. Västerås hamn", "2. Köpings hamn"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks list item %q", want)
		}
	}
}

// styledRuns maps each drawn string to the style of the font it is set in.
func styledRuns(t *testing.T, pdf []byte) map[string]string {
	styles := fontStyles(pdf)
	out := map[string]string{}
	for _, m := range regexp.MustCompile(`/Type /Page\n(?s:.*?)/Contents (\d+) 0 R`).FindAllSubmatch(pdf, -1) {
		for _, r := range textRuns(t, objectStream(t, pdf, string(m[1])), styles) {
			out[r.s] = string(r.st)
		}
	}
	return out
}

func TestProtocolWithoutTextSaysSo(t *testing.T) {
	p := data.Protocol{Date: day(2016, 4, 19), Title: "Nätverksgruppsmöte", Kind: "network-meeting"}
	text := allText(pdfPages(t, renderPDF(t, func(b *bytes.Buffer) error {
		return Protocol(b, p, "", "", testOptions(data.Swedish))
	})))
	if !strings.Contains(text, "Endast protokollets titel och datum är kända; ingen text är bifogad.") {
		t.Errorf("text %q lacks the note that no text is attached", text)
	}
}

func TestPlainProtocolTextBecomesParagraphs(t *testing.T) {
	text := "Närvarande: Anna, Bertil\nOrdförande: Cecilia\n\nMötet öppnades kl. 15.00."
	pages := pdfPages(t, renderPDF(t, func(b *bytes.Buffer) error {
		return Protocol(b, data.Protocol{Title: "Möte"}, text, "", testOptions(data.Swedish))
	}))
	got := allText(pages)
	for _, want := range []string{"Närvarande: Anna, Bertil\nOrdförande: Cecilia\nMötet öppnades kl. 15.00."} {
		if !strings.Contains(got, want) {
			t.Errorf("got text\n%s\nwant it to contain the lines\n%s", got, want)
		}
	}
}

// TestLongTextBreaksAcrossPagesWithoutCuttingLines sets a deficiency of
// many pages and checks every line sits inside the text area and no word
// is lost.
func TestLongTextBreaksAcrossPagesWithoutCuttingLines(t *testing.T) {
	sub := sampleSubmission()
	var b strings.Builder
	for i := 0; b.Len() < 30000; i++ {
		b.WriteString("Ord" + strconv.Itoa(i) + " ")
	}
	sub.Deficiency = b.String()
	pdf := renderPDF(t, func(w *bytes.Buffer) error { return Submission(w, sub, nil, nil, testOptions(data.Swedish)) })
	pages := pdfPages(t, pdf)
	checkFooters(t, pages)
	if len(pages) < 5 {
		t.Fatalf("got %d pages, want the text to run over several", len(pages))
	}
	for _, y := range baselines(pdf) {
		top, bottom := (pageH-contentBottom)*72/25.4, (pageH-contentTop)*72/25.4
		header, footer := (pageH-headerBase)*72/25.4, (pageH-footerBase)*72/25.4
		if (y < top-0.5 || y > bottom+0.5) && abs(y-header) > 0.5 && abs(y-footer) > 0.5 {
			t.Errorf("a line has its baseline at %.2f pt, outside the text area %.2f–%.2f", y, top, bottom)
		}
	}
	all := strings.Fields(allText(pages))
	seen := map[string]bool{}
	for _, w := range all {
		seen[w] = true
	}
	for _, w := range strings.Fields(sub.Deficiency) {
		if !seen[w] {
			t.Fatalf("word %q is missing from the PDF", w)
		}
	}
}

func baselines(pdf []byte) []float64 {
	var ys []float64
	for _, m := range regexp.MustCompile(`BT [\d.]+ ([\d.]+) Td`).FindAllSubmatch(pdf, -1) {
		y, _ := strconv.ParseFloat(string(m[1]), 64)
		ys = append(ys, y)
	}
	return ys
}

func TestUserTextLooksLikeNoAlias(t *testing.T) {
	sub := sampleSubmission()
	sub.Deficiency = "Skylten säger {nb} och {{.N}} – det ska stå kvar."
	text := allText(pdfPages(t, renderPDF(t, func(b *bytes.Buffer) error {
		return Submission(b, sub, nil, nil, testOptions(data.Swedish))
	})))
	if !strings.Contains(text, sub.Deficiency) {
		t.Errorf("text lacks %q as typed", sub.Deficiency)
	}
}

// TestNoHeadingEndsAPage checks that no page's last line is a heading: a
// heading always has some of its section below it on the same page.
func TestNoHeadingEndsAPage(t *testing.T) {
	mtg := sampleMeeting()
	docs := map[string][]byte{
		"report": renderPDF(t, func(b *bytes.Buffer) error {
			return Report(b, genSubmissions(80, 3), ReportFilter{}, testOptions(data.Swedish))
		}),
		"meeting book": renderPDF(t, func(b *bytes.Buffer) error {
			return MeetingBook(b, MeetingBookInput{Meeting: mtg, ProtocolText: strings.Repeat(sampleProtocol+"\n\n", 6),
				LatestProtocol: &data.Protocol{Title: "Minnesanteckningar"}, Submissions: genSubmissions(12, 4)}, testOptions(data.Swedish))
		}),
	}
	for name, pdf := range docs {
		styles := fontStyles(pdf)
		for i, m := range regexp.MustCompile(`/Type /Page\n(?s:.*?)/Contents (\d+) 0 R`).FindAllSubmatch(pdf, -1) {
			var last *textRun
			for _, r := range textRuns(t, objectStream(t, pdf, string(m[1])), styles) {
				if r.y < (pageH-contentBottom)/ptToMM-1 || r.y > (pageH-contentTop)/ptToMM+1 {
					continue // running header or footer
				}
				if last == nil || r.y < last.y {
					r := r
					last = &r
				}
			}
			// The notes heading is followed by ruled lines, which are not text.
			if last != nil && last.st == bold && last.size >= sizeH3 && !strings.HasSuffix(last.s, "Mina anteckningar") {
				t.Errorf("%s: page %d ends with the heading %q", name, i+1, last.s)
			}
		}
	}
}

func TestEmptyInputsGiveValidDocuments(t *testing.T) {
	for name, fn := range map[string]func(*bytes.Buffer) error{
		"submission":   func(b *bytes.Buffer) error { return Submission(b, data.Submission{}, nil, nil, Options{}) },
		"report":       func(b *bytes.Buffer) error { return Report(b, nil, ReportFilter{}, Options{}) },
		"meeting book": func(b *bytes.Buffer) error { return MeetingBook(b, MeetingBookInput{}, Options{}) },
		"protocol":     func(b *bytes.Buffer) error { return Protocol(b, data.Protocol{}, "", "", Options{}) },
	} {
		t.Run(name, func(t *testing.T) {
			pdf := renderPDF(t, fn)
			qpdfCheck(t, pdf)
		})
	}
}

type failingWriter struct{}

var errDiskFull = errors.New("disk full")

func (failingWriter) Write([]byte) (int, error) { return 0, errDiskFull }

func TestWriteErrorIsReturned(t *testing.T) {
	err := Submission(failingWriter{}, sampleSubmission(), nil, nil, testOptions(data.Swedish))
	if !errors.Is(err, errDiskFull) {
		t.Errorf("got %v, want the writer's error", err)
	}
}
