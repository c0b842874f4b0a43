package report

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/handelskammaren/ila-desk/data"
)

// The tests here check what stays together on a page: small tables and
// key–value blocks whole, large tables split without a lone row, photos
// two to a page with their captions, and the signatures as one section.

// pagesWith returns the sorted pages (1-based) that have a line for which
// match is true.
func pagesWith(pages [][]string, match func(string) bool) []int {
	var out []int
	for i, p := range pages {
		if slices.ContainsFunc(p, match) {
			out = append(out, i+1)
		}
	}
	return out
}

func countLines(pages [][]string, match func(string) bool) int {
	n := 0
	for _, p := range pages {
		for _, l := range p {
			if match(l) {
				n++
			}
		}
	}
	return n
}

func prefixed(prefixes ...string) func(string) bool {
	return func(l string) bool {
		for _, p := range prefixes {
			if strings.HasPrefix(l, p) {
				return true
			}
		}
		return false
	}
}

func equals(s string) func(string) bool { return func(l string) bool { return l == s } }

// TestSmallTablesAndBlocksStayWhole lengthens the deficiency of a
// submission with every field filled a sentence at a time, which moves
// each table and block below it down its pages. The five-row table of
// flows used to be split to leave its last row alone on the next page.
// A table of up to ten rows, a key–value block and the signature section
// must each stay on one page.
func TestSmallTablesAndBlocksStayWhole(t *testing.T) {
	t.Parallel() // renders dozens of documents
	groups := []struct {
		name  string
		match func(string) bool
		rows  int
	}{
		{"the facts", prefixed("Objekt ", "Trafikslag ", "Kommun ", "Väg eller järnväg ", "Planeringsnivå ", "Plats ",
			"Koordinater (WGS84) ", "Koordinater (SWEREF 99 TM) ", "Kostnadsklass ", "Prioritet ", "Angelägenhetsgrad ", "ÅVS-referens ", "Avsett för möte "), 13},
		{"when and how often", prefixed("Sedan när ", "Hur ofta "), 2},
		{"the flows", prefixed("Flöde Omfattning", "Gods ", "Lastbilar ", "Tåg ", "Anställda ", "Pendlare "), 6},
		{"the measures", prefixed("# Åtgärd Fyrstegsprincipen", "1. Samordna", "2. Skylta", "3. Bygg"), 4},
		{"the contact", prefixed("Företag ", "Organisationsnummer ", "Kontaktperson ", "E-post ", "Telefon "), 5},
		{"the status history", prefixed("Datum Status Kommentar", "2 oktober 2026 ", "20 oktober 2026 ", "3 november 2026 "), 4},
		{"the signatures", prefixed("Underskrifter", "Inspel: ", "Undertecknat för ", "Medundertecknat för ", "Ort och datum", "Namnförtydligande"), 1 + 1 + 4*3},
	}
	mtg := sampleMeeting()
	for extra := 0; extra <= 44; extra++ {
		sub := fullSubmission()
		sub.Deficiency += strings.Repeat(" "+genText[extra%len(genText)], extra)
		pdf := renderPDF(t, func(b *bytes.Buffer) error { return Submission(b, sub, nil, &mtg, testOptions(data.Swedish)) })
		pages := bodyPages(t, pdf)
		for _, g := range groups {
			if n := countLines(pages, g.match); n != g.rows {
				t.Errorf("%d extra sentences: %s has %d lines, want %d (a header repeated or a row lost?)", extra, g.name, n, g.rows)
			}
			if on := pagesWith(pages, g.match); len(on) != 1 {
				t.Errorf("%d extra sentences: %s is split over pages %v, want it whole on one page", extra, g.name, on)
			}
		}
		checkNoHeadingAtFoot(t, fmt.Sprintf("%d extra sentences", extra), pdf, "")
	}
}

// tableDoc draws filler lines, then a table of n rows, then a closing line.
func tableDoc(t *testing.T, filler, n int, header bool) [][]string {
	t.Helper()
	pdf := renderPDF(t, func(b *bytes.Buffer) error {
		return render(b, testOptions(data.Swedish), meta{title: "Test"}, func(d *doc) {
			d.newPage()
			for i := range filler {
				d.paragraph(plain("Fyllnad "+strconv.Itoa(i)+"."), para{})
			}
			rows := make([]row, n)
			for i := range rows {
				rows[i] = row{textCell(fmt.Sprintf("Rad %02d", i+1)), textCell("värde")}
			}
			d.table([]column{{title: "Namn", width: 60}, {title: "Värde", width: 60}}, rows, tableStyle{header: header})
			d.paragraph(plain("Slut."), para{})
		})
	})
	return bodyPages(t, pdf)
}

var tableRowRe = regexp.MustCompile(`^Rad \d\d värde$`)

// TestLargeTablesSplitWithoutALoneRow moves a table of 12 or 32 rows (one
// page and a part) down the page a line at a time: it may split, but every
// page it is on holds at least two of its rows, and a page it continues on
// begins with its header. A table of ten rows is never split.
func TestLargeTablesSplitWithoutALoneRow(t *testing.T) {
	t.Parallel()
	for _, n := range []int{10, 12, 32} {
		for filler := 0; filler <= 50; filler++ {
			name := fmt.Sprintf("%d rows after %d lines", n, filler)
			pages := tableDoc(t, filler, n, true)
			if got := countLines(pages, tableRowRe.MatchString); got != n {
				t.Fatalf("%s: %d rows drawn, want %d", name, got, n)
			}
			on := pagesWith(pages, tableRowRe.MatchString)
			if n <= smallTableRows && len(on) != 1 {
				t.Errorf("%s: split over pages %v, want it whole", name, on)
			}
			for _, p := range on {
				lines := pages[p-1]
				rows := countLines([][]string{lines}, tableRowRe.MatchString)
				if rows < 2 {
					t.Errorf("%s: page %d holds %d row of the table, want at least 2", name, p, rows)
				}
				first := slices.IndexFunc(lines, func(l string) bool { return l == "Namn Värde" || tableRowRe.MatchString(l) })
				if lines[first] != "Namn Värde" {
					t.Errorf("%s: the table's part on page %d begins with %q, want its header", name, p, lines[first])
				}
			}
		}
	}
}

// imageDraw is one picture drawn on a page, in points from the page's
// bottom left corner.
type imageDraw struct{ w, h, x, y float64 }

var imageRe = regexp.MustCompile(`q ([\d.]+) 0 0 ([\d.]+) ([\d.-]+) ([\d.-]+) cm /I\w+ Do Q`)

// pageImages lists the pictures drawn on each page of an uncompressed PDF.
func pageImages(t *testing.T, pdf []byte) [][]imageDraw {
	var out [][]imageDraw
	for _, m := range regexp.MustCompile(`/Type /Page\n(?s:.*?)/Contents (\d+) 0 R`).FindAllSubmatch(pdf, -1) {
		var ims []imageDraw
		for _, im := range imageRe.FindAllSubmatch(objectStream(t, pdf, string(m[1])), -1) {
			var v [4]float64
			for k := range v {
				v[k], _ = strconv.ParseFloat(string(im[k+1]), 64)
			}
			ims = append(ims, imageDraw{v[0], v[1], v[2], v[3]})
		}
		out = append(out, ims)
	}
	return out
}

// TestPhotosFlowTwoToAPage prints three photos, landscape, portrait and
// landscape. The portrait one used to go alone on a page two-thirds
// empty, after the first alone on the page before: photos are scaled to
// half a page at most, keep their shape, and two share a page, each with
// its caption under it.
func TestPhotosFlowTwoToAPage(t *testing.T) {
	photos := mixedPhotos()
	ratios := []float64{1200.0 / 800, 600.0 / 900, 900.0 / 500}
	for extra := 0; extra <= 30; extra += 3 {
		sub := fullSubmission()
		sub.Deficiency += strings.Repeat(" "+genText[extra%len(genText)], extra)
		pdf := renderPDF(t, func(b *bytes.Buffer) error { return Submission(b, sub, photos, nil, testOptions(data.Swedish)) })
		pages := bodyPages(t, pdf)
		images := pageImages(t, pdf)
		name := fmt.Sprintf("%d extra sentences", extra)
		var onPage []int
		var drawn []imageDraw
		for p, ims := range images {
			for _, im := range ims {
				onPage = append(onPage, p+1)
				drawn = append(drawn, im)
			}
		}
		if len(drawn) != 3 {
			t.Fatalf("%s: %d pictures drawn, want 3", name, len(drawn))
		}
		if extra == 0 && onPage[0] != onPage[1] {
			t.Errorf("%s: the first two photos are on pages %d and %d, want them to share a page", name, onPage[0], onPage[1])
		}
		// A photo goes to the next page only when it would not fit, even
		// scaled down, below the one before.
		for i := 1; i < len(drawn); i++ {
			if onPage[i] == onPage[i-1] {
				continue
			}
			bottom := pageH - drawn[i-1].y*ptToMM + lineH(sizeSmall) // its caption's foot, in mm from the top
			next := drawn[i].h*ptToMM*minPhotoScale + 1.5 + lineH(sizeSmall)
			if room := contentBottom - bottom - photoGap; room >= next {
				t.Errorf("%s: photo %d went to page %d, leaving %.0f mm empty below photo %d, where it would fit in %.0f mm", name, i+1, onPage[i], room, i, next)
			}
		}
		half := (contentBottom - contentTop) / 2 / ptToMM
		for i, im := range drawn {
			if got := im.w / im.h; abs(got-ratios[i]) > 0.01*ratios[i] {
				t.Errorf("%s: photo %d drawn %.1f × %.1f pt, aspect %.3f, want %.3f", name, i+1, im.w, im.h, got, ratios[i])
			}
			if im.h > half {
				t.Errorf("%s: photo %d is %.1f pt high, want at most half the page's text area, %.1f pt", name, i+1, im.h, half)
			}
			caption := photos[i].Caption
			if on := pagesWith(pages, equals(caption)); !slices.Equal(on, []int{onPage[i]}) {
				t.Errorf("%s: caption %q is on pages %v, want it on page %d with its photo", name, caption, on, onPage[i])
			}
		}
		checkNoHeadingAtFoot(t, name, pdf, "")
	}
}

// TestSignaturesStayTogether lengthens the deficiency of a submission with
// three co-signers: the last co-signer's block used to be left alone on a
// page. The section stays on one page; one too long for a page never
// leaves its last block alone.
func TestSignaturesStayTogether(t *testing.T) {
	t.Parallel()
	block := prefixed("Undertecknat för ", "Medundertecknat för ")
	photos := mixedPhotos()
	for extra := 0; extra <= 40; extra++ {
		sub := fullSubmission()
		sub.Deficiency += strings.Repeat(" "+genText[extra%len(genText)], extra)
		pdf := renderPDF(t, func(b *bytes.Buffer) error { return Submission(b, sub, photos, nil, testOptions(data.Swedish)) })
		pages := bodyPages(t, pdf)
		on := pagesWith(pages, prefixed("Underskrifter", "Undertecknat för ", "Medundertecknat för ", "Ort och datum", "Namnförtydligande"))
		if len(on) != 1 {
			t.Errorf("%d extra sentences: the signatures are on pages %v, want them together on one page", extra, on)
		}
	}
	for n := 5; n <= 9; n++ {
		sub := sampleSubmission()
		sub.CoSigners = nil
		for i := range n {
			sub.CoSigners = append(sub.CoSigners, fmt.Sprintf("Medföretag %d AB", i+1))
		}
		pdf := renderPDF(t, func(b *bytes.Buffer) error { return Submission(b, sub, nil, nil, testOptions(data.Swedish)) })
		pages := bodyPages(t, pdf)
		on := pagesWith(pages, block)
		last := on[len(on)-1]
		if k := countLines(pages[last-1:last], block); k < 2 {
			t.Errorf("%d co-signers: page %d holds %d signature block, want the last one with another", n, last, k)
		}
		checkNoHeadingAtFoot(t, fmt.Sprintf("%d co-signers", n), pdf, "")
	}
}

// TestReportCoverHoldsTheContents checks that the report's first page
// carries the contents with the facts of the selection: the cover and the
// contents used to be two nearly empty pages. The contents give the page
// each submission is really on, also when they run on to a second page.
func TestReportCoverHoldsTheContents(t *testing.T) {
	mtg := sampleMeeting()
	for _, n := range []int{3, 12, 30, 45} {
		subs := genSubmissions(n, 5)
		pdf := renderPDF(t, func(b *bytes.Buffer) error {
			return Report(b, subs, ReportFilter{Meeting: &mtg}, testOptions(data.Swedish))
		})
		pages := bodyPages(t, pdf)
		name := fmt.Sprintf("%d submissions", n)
		first := pages[0]
		for _, want := range []string{"Samlad rapport över inspel", "Innehåll", "Möte Nätverksmöte, tisdag 21 november 2017, 12:00–15:00",
			"Antal inspel " + strconv.Itoa(n)} {
			if !slices.Contains(first, want) {
				t.Errorf("%s: the first page lacks the line %q:\n%s", name, want, strings.Join(first, "\n"))
			}
		}
		if !slices.ContainsFunc(first, prefixed("Per status Utkast\u00A0", "Per status Klar\u00A0", "Per status Inlämnad\u00A0")) {
			t.Errorf("%s: the first page does not count the submissions by status:\n%s", name, strings.Join(first, "\n"))
		}
		got := 0
		for p := 1; p <= len(pages) && p <= 3; p++ {
			got += checkContentsPages(t, name, pages, p)
		}
		if got != n {
			t.Errorf("%s: read %d contents entries, want %d", name, got, n)
		}
		if n <= 30 {
			if k := checkContentsPages(t, name, pages, 1); k != n {
				t.Errorf("%s: %d contents entries on the first page, want all %d", name, k, n)
			}
		}
		// The summary follows the contents: on a page of its own only
		// when the contents end on the first.
		summary := pagesWith(pages, equals("Sammanställning"))
		contents := pagesWith(pages, func(l string) bool { return contentsRe.MatchString(l) })
		if len(summary) != 1 || summary[0] > contents[len(contents)-1]+1 {
			t.Errorf("%s: the summary is on pages %v and the contents on %v, want the summary right after them", name, summary, contents)
		}
		if len(contents) > 1 && summary[0] != contents[len(contents)-1] {
			t.Errorf("%s: the contents end on page %d and the summary begins on page %d, want it to follow on the same page", name, contents[len(contents)-1], summary[0])
		}
		checkNoHeadingAtFoot(t, name, pdf, "")
	}
}
