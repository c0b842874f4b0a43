package report

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/handelskammaren/ila-desk/data"
)

// mdOutline names the blocks of src as markdown sets them: h1–h3 for
// headings, p, ul0… for bullets at each depth, ol, q, code, hr.
func mdOutline(src string) string {
	var kinds []string
	for _, u := range mdUnits(src) {
		if u.plain {
			kinds = append(kinds, "p")
			continue
		}
		b := []byte(u.src)
		depth := -1
		_ = ast.Walk(mdParser.Parse(text.NewReader(b)), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			switch n := n.(type) {
			case *ast.List:
				if entering {
					depth++
				} else {
					depth--
				}
			case *ast.ListItem:
				if entering {
					if n.Parent().(*ast.List).IsOrdered() {
						kinds = append(kinds, "ol")
					} else {
						kinds = append(kinds, fmt.Sprintf("ul%d", depth))
					}
				}
			case *ast.Heading:
				if entering {
					kinds = append(kinds, fmt.Sprintf("h%d", min(n.Level, 3)))
				}
				return ast.WalkSkipChildren, nil
			case *ast.Paragraph:
				if entering && depth < 0 {
					kinds = append(kinds, "p")
				}
			case *ast.Blockquote:
				if entering {
					kinds = append(kinds, "q")
				}
				return ast.WalkSkipChildren, nil
			case *ast.FencedCodeBlock, *ast.CodeBlock:
				if entering {
					kinds = append(kinds, "code")
				}
			case *ast.ThematicBreak:
				if entering {
					kinds = append(kinds, "hr")
				}
			}
			return ast.WalkContinue, nil
		})
	}
	return strings.Join(kinds, " ")
}

// inlineSpans is the spans of s set as one paragraph.
func inlineSpans(s string) []span {
	r := &mdRenderer{src: []byte(s)}
	doc := mdParser.Parse(text.NewReader(r.src))
	if p := doc.FirstChild(); p != nil {
		return r.spans(p)
	}
	return nil
}

// markdownPDF is a document of src set as Markdown alone.
func markdownPDF(t testing.TB, src string, st mdStyle) []byte {
	t.Helper()
	return renderPDF(t, func(b *bytes.Buffer) error {
		return render(b, testOptions(data.Swedish), meta{}, func(d *doc) {
			d.newPage()
			d.markdown(src, st)
		})
	})
}

// markdownText is the text markdownPDF draws, line by line.
func markdownText(t testing.TB, src string, st mdStyle) string {
	t.Helper()
	return allText(bodyPages(t, markdownPDF(t, src, st)))
}

// TestMarkdownSetsWhatTheWindowShows sets the Markdown a protocol or a
// note may hold and checks the page shows each construct as the window's
// RichText does: here as text in lines.
func TestMarkdownSetsWhatTheWindowShows(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"a single line break is kept", "Närvarande: Anna\nOrdförande: Bertil", "Närvarande: Anna\nOrdförande: Bertil\n"},
		{"hard breaks too", "ett  \ntvå\\\ntre", "ett\ntvå\ntre\n"},
		{"setext heading", "Rubrik\n------\n\ntext", "Rubrik\ntext\n"},
		{"nested lists", "- a\n  - b\n    - c\n- d", "• a\n– b\n– c\n• d\n"},
		{"numbers count from the first", "3. tre\n1. fyra\n1. fem", "3. tre\n4. fyra\n5. fem\n"},
		{"a list in a quote", "> Citat\n> - punkt\n>\n> slut", "Citat\n• punkt\nslut\n"},
		{"code keeps its marks", "```\n**inte fet**\n```", "**inte fet**\n"},
		{"indented code", "    kod <b>", "kod <b>\n"},
		{"table", "| Åtgärd | Kostnad |\n|---|--:|\n| Bro | 10 |\n| Väg |", "Åtgärd Kostnad\nBro 10\nVäg\n"},
		{"tasks", "- [x] klart\n- [ ] kvar", "klart\nkvar\n"},
		{"raw html is kept", "<div>\nhej\n</div>", "<div>\nhej\n</div>\n"},
		{"rule", "ovan\n\n---\n\nnedan", "ovan\nnedan\n"},
		{"empty item", "-\n- b", "•\n• b\n"},
		{"a list item that begins with a list", "- - a", "• – a\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := markdownText(t, tc.src, mdStyle{}); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestMarkdownStylesShowInTheFonts: emphasis, quotes and code are set in
// the styles the window gives them.
func TestMarkdownStylesShowInTheFonts(t *testing.T) {
	pdf := markdownPDF(t, "**fet** *kursiv* ***båda*** `kod`\n\n> citat\n\n# Rubrik\n\n~~struken~~", mdStyle{})
	runs := styledRuns(t, pdf)
	for text, want := range map[string]string{"fet": "B", "kursiv": "I", "båda": "BI", "kod": "", "citat": "I", "Rubrik": "B", "struken": ""} {
		if got, ok := runs[text]; !ok || got != want {
			t.Errorf("%q: got style %q (drawn %v), want %q", text, got, ok, want)
		}
	}
}

// TestMarkdownUnitsCutWhereBlocksEnd: a long text is parsed in units of
// whole lines, none much longer than mdUnitMax, cut after a blank line
// where there is one; together they hold the whole text.
func TestMarkdownUnitsCutWhereBlocksEnd(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() < 5*mdUnitMax; i++ {
		fmt.Fprintf(&b, "## Punkt %d\n- **Beslut:** tidplanen gäller\n- Ansvar: region\n\n", i)
	}
	src := b.String()
	units := mdUnits(src)
	if len(units) < 5 {
		t.Fatalf("got %d units, want the text cut into at least 5", len(units))
	}
	var all strings.Builder
	for i, u := range units {
		if len(u.src) > mdUnitMax {
			t.Errorf("unit %d is %d bytes, want at most %d", i, len(u.src), mdUnitMax)
		}
		if u.joined || !strings.HasPrefix(u.src, "## Punkt") {
			t.Errorf("unit %d begins %.20q (joined %v), want a cut before a heading after a blank line", i, u.src, u.joined)
		}
		all.WriteString(u.src)
	}
	if all.String() != src {
		t.Error("the units together are not the text")
	}
	if got, want := mdOutline(src), mdOutline(strings.Repeat("## h\n- a\n- b\n\n", strings.Count(src, "## "))); got != want {
		t.Error("cutting changed the blocks")
	}
}

// TestMarkdownCutInsideABlockGoesOn: a block too long to parse at once is
// cut between lines; a fenced code block is opened again after the cut, so
// nothing in it turns into Markdown, and a paragraph goes on without a
// paragraph's space.
func TestMarkdownCutInsideABlockGoesOn(t *testing.T) {
	code := "```\n" + strings.Repeat("# kod, ingen rubrik\n", mdUnitMax/10) + "```\n"
	units := mdUnits(code)
	if len(units) < 2 {
		t.Fatalf("got %d units, want the code cut", len(units))
	}
	if got := mdOutline(code); strings.Contains(got, "h") || !strings.HasPrefix(got, "code") {
		t.Errorf("got blocks %.40s…, want code only", got)
	}
	para := strings.Repeat("rad\n", mdUnitMax/2)
	units = mdUnits(para)
	if len(units) < 2 || !units[1].joined {
		t.Fatalf("got %d units, the second joined %v; want it joined to the first", len(units), len(units) > 1 && units[1].joined)
	}
	ys := baselines(markdownPDF(t, para, mdStyle{}))
	// Every step between lines on a page is one line.
	for i := 1; i < len(ys); i++ {
		if step := ys[i-1] - ys[i]; step > 0 && abs(step-lineH(sizeBody)/ptToMM) > 0.05 && ys[i] > (pageH-contentBottom)/ptToMM {
			t.Fatalf("lines %d and %d are %.2f pt apart, want one line (%.2f pt): the cut shows", i-1, i, step, lineH(sizeBody)/ptToMM)
		}
	}
}

// TestMarkdownTamesWhatWouldTakeTooLong: nesting too deep and tables too
// wide are kept as text, and a line too long to parse is set as it is.
func TestMarkdownTamesWhatWouldTakeTooLong(t *testing.T) {
	deep := strings.Repeat("> ", mdMaxDepth+5) + "djupt"
	if got := mdOutline(deep); got != "q" {
		t.Errorf("deep quotes: got %s", got)
	}
	if tame(deep) == deep {
		t.Error("quotes nested past mdMaxDepth were not tamed")
	}
	if s := strings.Repeat("> ", mdMaxDepth) + "x"; tame(s) != s {
		t.Error("quotes nested to mdMaxDepth were tamed")
	}
	if s := strings.Repeat("- ", mdMaxDepth+4); tame(s) != s {
		t.Error("a rule of dashes was tamed")
	}
	wide := strings.Repeat("|a", mdMaxColumns+1) + "|\n" + strings.Repeat("|-", mdMaxColumns+1) + "|\n"
	if tame(strings.Repeat("|-", mdMaxColumns+1)+"|") == strings.Repeat("|-", mdMaxColumns+1)+"|" {
		t.Error("a delimiter row past mdMaxColumns was not tamed")
	}
	if got := mdOutline(wide); got != "p" {
		t.Errorf("a table too wide: got %s, want a paragraph", got)
	}
	long := strings.Repeat("*a", mdUnitMax)
	if us := mdUnits("före\n" + long + "\nefter"); len(us) != 3 || !us[1].plain || us[1].src != long {
		t.Errorf("a line longer than mdUnitMax: got %d units, want it alone and plain", len(us))
	}
}

// TestMarkdownInListsAndQuotesOfAgendaNotes: agenda notes are Markdown on
// the screen, and so in the meeting book.
func TestAgendaNotesAreMarkdown(t *testing.T) {
	mtg := sampleMeeting()
	mtg.Agenda = []data.AgendaItem{{Title: "Läget", Notes: "**Region** informerar:\n- tidplan\n- budget"}}
	pdf := renderPDF(t, func(b *bytes.Buffer) error {
		return MeetingBook(b, MeetingBookInput{Meeting: mtg}, testOptions(data.Swedish))
	})
	text := allText(pdfPages(t, pdf))
	if !strings.Contains(text, "Region informerar:\n• tidplan\n• budget") {
		t.Errorf("the agenda notes are not set as Markdown:\n%s", text)
	}
	if runs := styledRuns(t, pdf); runs["Region"] != "B" {
		t.Errorf("the bold in the notes is set in style %q, want B", runs["Region"])
	}
}

func TestFairWidthsShareOutTheWidth(t *testing.T) {
	for _, tc := range []struct {
		natural []float64
		total   float64
		want    []float64
	}{
		{[]float64{20, 30}, 100, []float64{20, 30}},
		{[]float64{20, 200, 300}, 170, []float64{20, 75, 75}},
		{[]float64{100, 100}, 100, []float64{50, 50}},
	} {
		if got := fairWidths(tc.natural, tc.total); fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("fairWidths(%v, %v) = %v, want %v", tc.natural, tc.total, got, tc.want)
		}
	}
}

// pathological are texts that take goldmark time in proportion to the
// square of their length, after those of cmark's pathological tests.
var pathological = map[string]func(n int) string{
	"unclosed links":      func(n int) string { return strings.Repeat("[a](b", n/5) },
	"mismatched emphasis": func(n int) string { return strings.Repeat("*a_ ", n/4) },
	"nested quotes":       func(n int) string { return strings.Repeat("> ", n/2) + "a" },
	"nested lists":        func(n int) string { return strings.Repeat("- ", n/2) + "a" },
	"wide table": func(n int) string {
		return strings.Repeat("|a", n/8) + "\n" + strings.Repeat("|-", n/8) + "\n" + strings.Repeat("|b\n", n/8)
	},
	"backticks": func(n int) string {
		var b strings.Builder
		for i := 1; b.Len() < n; i++ {
			b.WriteString("e" + strings.Repeat("`", i))
		}
		return b.String()
	},
	// The same in lines of 80 characters, one paragraph.
	"mismatched emphasis in lines": func(n int) string { return strings.Repeat(strings.Repeat("*a_ ", 20)+"\n", n/81) },
	"unclosed links in lines":      func(n int) string { return strings.Repeat(strings.Repeat("[a](b", 16)+"\n", n/81) },
}

// BenchmarkMarkdownPathological sets each pathological text at 128 K,
// 256 K and 512 K characters: ns/char stays about the same as the size
// doubles.
func BenchmarkMarkdownPathological(b *testing.B) {
	for _, name := range []string{"unclosed links", "mismatched emphasis", "nested quotes", "nested lists", "wide table", "backticks", "mismatched emphasis in lines", "unclosed links in lines"} {
		for _, n := range []int{128 << 10, 256 << 10, 512 << 10} {
			text := pathological[name](n)
			b.Run(fmt.Sprintf("%s/%dK", strings.ReplaceAll(name, " ", "_"), n>>10), func(b *testing.B) {
				for b.Loop() {
					d := newTestDoc(b)
					d.markdown(text, mdStyle{})
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(text)), "ns/char")
			})
		}
	}
}

// richMarkdown uses everything the window's RichText shows, for the
// samples.
const richMarkdown = `# Minnesanteckningar, arenamöte 13 september 2017

Närvarande: Anna Berg, Bertil Ek
Ordförande: Cecilia Dahl
Sekreterare: David Falk

## 1. Beslut
1. Inspel till länstransportplanen lämnas senast den **31 mars**.
2. Arbetsgruppen för *godsstråket* fortsätter
   - med Region Västmanland
   - och Trafikverket, se [planen](https://www.trafikverket.se/plan)
     - samråd i oktober
3. ~~Studiebesöket i Köping~~ flyttas till våren.

## 2. Att göra
- [x] Skicka kallelsen
- [ ] Boka lokal

> Trafikverket betonade **fyrstegsprincipen**:
> - steg 1 och 2 ska vara prövade
> - visa det i inspelet

## 3. Flöden
| Stråk | Lastbilar/dygn | Tåg/vecka |
|:--|--:|--:|
| E18 Köping–Västerås | 4 200 | – |
| Mälarbanan | – | 310 |
| Hamnen, *kaj 4* | 380 | 12 |

Kod för kartlagret: ` + "`ila:stråk/E18`" + `

` + "```" + `
Nästa möte: 16 maj 15:00–17:00
Plats: meddelas i kallelsen
` + "```" + `

---

Frågor till <ila@example.se> &amp; Handelskammaren.
`

// TestTasksShowABoxTickedWhenDone: a task's marker is a box, with a tick
// (two strokes more) when the task is done.
func TestTasksShowABoxTickedWhenDone(t *testing.T) {
	count := func(src string) (boxes, strokes int) {
		pdf := markdownPDF(t, src, mdStyle{})
		return bytes.Count(pdf, []byte(" re S")), bytes.Count(pdf, []byte(" l S"))
	}
	openBoxes, open := count("- [ ] kvar")
	doneBoxes, done := count("- [x] klart")
	if openBoxes != 1 || doneBoxes != 1 {
		t.Errorf("got %d and %d boxes, want one for each task", openBoxes, doneBoxes)
	}
	if done-open != 2 {
		t.Errorf("a done task has %d strokes more than an open one, want 2 (the tick)", done-open)
	}
}

// TestMarkdownFromManyGoroutinesGivesTheSameDocument: the window may make
// several documents at once, and they share one parser.
func TestMarkdownFromManyGoroutinesGivesTheSameDocument(t *testing.T) {
	want := markdownPDF(t, richMarkdown, mdStyle{})
	var wg sync.WaitGroup
	got := make([][]byte, 6)
	for i := range got {
		wg.Go(func() {
			var b bytes.Buffer
			if err := render(&b, testOptions(data.Swedish), meta{}, func(d *doc) {
				d.newPage()
				d.markdown(richMarkdown, mdStyle{})
			}); err == nil {
				got[i] = b.Bytes()
			}
		})
	}
	wg.Wait()
	for i, b := range got {
		if !bytes.Equal(b, want) {
			t.Errorf("document %d made at the same time as the others differs from one made alone", i)
		}
	}
}
