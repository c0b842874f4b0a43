package report

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/handelskammaren/ila-desk/data"
)

// The tests here move content down a little at a time, so that every
// heading of a document lands at every height on its page once, and check
// after each step that no page ends with a heading and that the table of
// contents gives the page each heading is really on.

// headingsAtFoot returns, by page number, the last line of each page when
// that line is a heading (bold and at least the size of a minor heading).
// A heading directly above ruled writing lines or a photo without a
// caption cannot be told from a stranded one this way, so notesTitle (the
// notes section's heading, followed by ruled lines) is let through when
// its writing lines fit below it.
func headingsAtFoot(t *testing.T, pdf []byte, notesTitle string) map[int]string {
	t.Helper()
	styles := fontStyles(pdf)
	out := map[int]string{}
	for i, m := range regexp.MustCompile(`/Type /Page\n(?s:.*?)/Contents (\d+) 0 R`).FindAllSubmatch(pdf, -1) {
		var body []textRun
		lowest := 1e9
		for _, r := range textRuns(t, objectStream(t, pdf, string(m[1])), styles) {
			if r.y < (pageH-contentBottom)/ptToMM-1 || r.y > (pageH-contentTop)/ptToMM+1 {
				continue // running header or footer
			}
			body = append(body, r)
			lowest = min(lowest, r.y)
		}
		var last []textRun
		heading := len(body) > 0
		for _, r := range body {
			if abs(r.y-lowest) <= 0.5 {
				last = append(last, r)
				heading = heading && r.st == bold && r.size >= sizeH3-0.01
			}
		}
		if !heading {
			continue
		}
		text := strings.TrimSpace(runLines(last)[0])
		room := lowest - (pageH-contentBottom)/ptToMM // points below the baseline
		if notesTitle != "" && strings.HasSuffix(text, notesTitle) && room >= notesLines*writingGap/ptToMM {
			continue
		}
		out[i+1] = text
	}
	return out
}

func checkNoHeadingAtFoot(t *testing.T, name string, pdf []byte, notesTitle string) {
	t.Helper()
	for page, h := range headingsAtFoot(t, pdf, notesTitle) {
		t.Errorf("%s: page %d ends with the heading %q, want it on the next page with what follows it", name, page, h)
	}
}

// contentsRe reads a line of a table of contents: "4. Title . . . 2", or
// "4. Title  ·  Company . . . 2" in a report.
var contentsRe = regexp.MustCompile(`^(\d+\. .+?)(?:  ·  .*?)? \.(?: \.)*\s+(\d+)$`)

// checkContentsPages checks every numbered entry in the table of contents
// on page tocPage against the first page whose body has the entry's
// heading as a line of its own. It returns how many entries it checked.
func checkContentsPages(t *testing.T, name string, pages [][]string, tocPage int) int {
	t.Helper()
	n := 0
	for _, l := range pages[tocPage-1] {
		m := contentsRe.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		n++
		want, _ := strconv.Atoi(m[2])
		got := 0
		for i, p := range pages {
			for _, pl := range p {
				if pl == m[1] {
					got = i + 1
					break
				}
			}
			if got > 0 {
				break
			}
		}
		if got != want {
			t.Errorf("%s: contents say %q is on page %d, but the heading is on page %d", name, m[1], want, got)
		}
	}
	return n
}

// agenda returns n agenda items, every third with a note.
func agenda(n int) []data.AgendaItem {
	items := make([]data.AgendaItem, n)
	for i := range items {
		items[i].Title = fmt.Sprintf("Punkt %d: genomgång av läget", i+1)
		if i%3 == 1 {
			items[i].Notes = "Region Västmanland informerar om revideringen av länstransportplanen."
		}
	}
	return items
}

// TestMeetingBookKeepsHeadingsWithContentAndContentsRight moves the
// submissions section down the first pages, an agenda item at a time:
// with a short agenda, "4. Våra inspel (12)" used to be left alone at the
// foot of page 1 with its first submission on page 2, and with a slightly
// longer one the contents gave page 1 for it while it was on page 2. Four
// submissions show the same; the twelve of the report are kept for the
// first steps.
func TestMeetingBookKeepsHeadingsWithContentAndContentsRight(t *testing.T) {
	t.Parallel() // each renders dozens of documents
	for items := 0; items <= 26; items++ {
		subs := genSubmissions(4, 0)
		if items < 8 {
			subs = genSubmissions(12, 0)
		}
		for _, withProtocol := range []bool{false, true} {
			name := fmt.Sprintf("%d agenda items, protocol %v", items, withProtocol)
			mtg := sampleMeeting()
			mtg.Agenda = agenda(items)
			in := MeetingBookInput{Meeting: mtg, Submissions: subs}
			if withProtocol {
				in.LatestProtocol = &data.Protocol{Title: "Minnesanteckningar", Date: day(2017, 9, 13), Kind: "minutes"}
				in.ProtocolText = sampleProtocol
			}
			pdf := renderPDF(t, func(b *bytes.Buffer) error { return MeetingBook(b, in, testOptions(data.Swedish)) })
			pages := bodyPages(t, pdf)
			checkNoHeadingAtFoot(t, name, pdf, "Mina anteckningar")
			if n := checkContentsPages(t, name, pages, 1); n != 5 {
				t.Errorf("%s: read %d contents entries, want 5", name, n)
			}
		}
	}
}

// TestReportKeepsHeadingsWithContent lengthens the first submission a
// sentence at a time, which moves every later heading of the report.
// "Proposed measures" used to be left at the foot of a page when the
// measures table's first row did not fit below it.
func TestReportKeepsHeadingsWithContent(t *testing.T) {
	if testing.Short() {
		t.Skip("renders many reports")
	}
	t.Parallel()
	for extra := 0; extra <= 12; extra++ {
		name := fmt.Sprintf("%d extra sentences", extra)
		subs := genSubmissions(12, 4)
		subs[0].Deficiency += strings.Repeat(" "+genText[3], extra)
		for i := range subs {
			if i%2 == 0 { // a first measure of three lines: a taller first table row
				subs[i].Measures[0].Text = strings.Repeat(subs[i].Measures[0].Text+" ", 3)
			}
		}
		pdf := renderPDF(t, func(b *bytes.Buffer) error { return Report(b, subs, ReportFilter{}, testOptions(data.Swedish)) })
		checkNoHeadingAtFoot(t, name, pdf, "")
		if n := checkContentsPages(t, name, bodyPages(t, pdf), 1); n != len(subs) { // on the cover
			t.Errorf("%s: read %d contents entries, want %d", name, n, len(subs))
		}
	}
}

// TestSubmissionKeepsHeadingsWithContent lengthens the deficiency a
// sentence at a time, which moves every later section of the submission
// down its pages: the measures table, the signatures and the photo.
// Every other step is in English, whose labels have other widths.
func TestSubmissionKeepsHeadingsWithContent(t *testing.T) {
	t.Parallel() // each renders dozens of documents
	photos := []Photo{{Caption: "Kön mot plankorsningen", Data: testJPEG(400, 300, 1), MIME: "image/jpeg"}}
	for extra := 0; extra <= 40; extra++ {
		sub := sampleSubmission()
		sub.Deficiency += strings.Repeat(" "+genText[extra%len(genText)], extra)
		lang := data.Swedish
		if extra%2 == 1 {
			lang = data.English
		}
		name := fmt.Sprintf("%s, %d extra sentences", lang, extra)
		pdf := renderPDF(t, func(b *bytes.Buffer) error { return Submission(b, sub, photos, nil, testOptions(lang)) })
		checkNoHeadingAtFoot(t, name, pdf, "")
	}
}

// TestProtocolKeepsHeadingsWithContent lengthens the protocol's opening
// paragraph a sentence at a time.
func TestProtocolKeepsHeadingsWithContent(t *testing.T) {
	t.Parallel() // each renders dozens of documents
	p := data.Protocol{Date: day(2017, 2, 22), Title: "Minnesanteckningar", Kind: "minutes"}
	for extra := 0; extra <= 40; extra++ {
		text := strings.Repeat(genText[extra%len(genText)]+" ", extra) + "\n\n" + sampleProtocol + "\n\n" + sampleProtocol
		name := fmt.Sprintf("%d extra sentences", extra)
		pdf := renderPDF(t, func(b *bytes.Buffer) error {
			return Protocol(b, p, text, "Ring *Region Västmanland* om E18.", testOptions(data.Swedish))
		})
		checkNoHeadingAtFoot(t, name, pdf, "")
	}
}

// TestStrandedHeadingMovesWithItsContentsEntry sets a heading where it fits
// but what follows it (a block that cannot be split) does not: the heading
// must go to the next page with the block, and the contents must say so.
func TestStrandedHeadingMovesWithItsContentsEntry(t *testing.T) {
	pdf := renderPDF(t, func(b *bytes.Buffer) error {
		return render(b, testOptions(data.Swedish), meta{title: "Test"}, func(d *doc) {
			d.newPage()
			d.tocEntry("sec", "1.", "Avsnitt", "", 1)
			for d.y < contentBottom-35 {
				d.paragraph(plain("Fyllnad."), para{})
			}
			d.markedHeading(1, "1. Avsnitt", 0, "sec", 0)
			d.need(80)
			d.paragraph(plain("Innehåll som hör till avsnittet."), para{})
		})
	})
	pages := bodyPages(t, pdf)
	if len(pages) != 2 {
		t.Fatalf("got %d pages, want 2", len(pages))
	}
	checkNoHeadingAtFoot(t, "test", pdf, "")
	if n := checkContentsPages(t, "test", pages, 1); n != 1 {
		t.Errorf("read %d contents entries, want 1", n)
	}
	if got := pages[1][0]; got != "1. Avsnitt" {
		t.Errorf("page 2 begins with %q, want the heading", got)
	}
}

// TestDocumentsCanBeMadeAtTheSameTime makes documents in parallel, as the
// app may (printing one while exporting another); run with -race. gofpdf
// used to write into the font bytes all documents share.
func TestDocumentsCanBeMadeAtTheSameTime(t *testing.T) {
	for i := range 8 {
		t.Run(strconv.Itoa(i), func(t *testing.T) {
			t.Parallel()
			for range 3 {
				renderPDF(t, func(b *bytes.Buffer) error {
					if i%2 == 0 {
						return MeetingBook(b, MeetingBookInput{Meeting: sampleMeeting(), Submissions: genSubmissions(2, 0)}, testOptions(data.Swedish))
					}
					photos := []Photo{{Caption: "Kön", Data: testJPEG(40, 30, 1), MIME: "image/jpeg"}}
					return Submission(b, sampleSubmission(), photos, nil, testOptions(data.English))
				})
			}
		})
	}
}
