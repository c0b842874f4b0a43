package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/handelskammaren/ila-desk/data"
)

// growing are texts that used to take time in proportion to the square of
// their length: one word (each line's rest was measured again), a word of
// many emphasised pieces (each line copied the rest of the pieces), lone
// asterisks, underscores and brackets (each looked ahead to the end of the
// text for its closer) and a paragraph of many one-letter lines (each line
// was appended to the paragraph's text); words of four letters, which were
// always linear, are there to compare.
var growing = map[string]func(n int) string{
	"one word":         func(n int) string { return strings.Repeat("x", n) },
	"words":            func(n int) string { return strings.Repeat("abcd ", n/5) },
	"emphasised word":  func(n int) string { return strings.Repeat("*a*b", n/4) },
	"lone asterisks":   func(n int) string { return strings.Repeat("*a", n/2) },
	"open brackets":    func(n int) string { return strings.Repeat("[", n-1) + "]" },
	"unclosed links":   func(n int) string { return strings.Repeat("[a](", n/4) },
	"underscores":      func(n int) string { return strings.Repeat("_a", n/2) + " " },
	"one-letter lines": func(n int) string { return strings.Repeat("a\n", n/2) },
}

// TestLineBreakingWorkIsLinear counts the characters line breaking
// measures: at most 8 times the text's length, whatever its length. Before,
// breaking one word of n characters measured about n²/200 of them (for
// 100,000 characters, 500 times the text).
func TestLineBreakingWorkIsLinear(t *testing.T) {
	for _, name := range []string{"one word", "words", "emphasised word"} {
		for _, n := range []int{25_000, 50_000, 100_000} {
			d := newTestDoc(t)
			text := growing[name](n)
			spans := plain(text)
			if strings.Contains(text, "*") {
				spans = emphasised(text)
			}
			lines := d.wrap(spans, para{}.withDefaults())
			if len(lines) < n/200 {
				t.Fatalf("%s of %d characters: got %d lines, want the text broken into lines", name, n, len(lines))
			}
			if per := float64(d.measured) / float64(len(text)); per > 8 {
				t.Errorf("%s of %d characters: measured %d characters, %.0f per character of the text; want at most 8",
					name, n, d.measured, per)
			}
		}
	}
}

// emphasised is the spans of *a*b*a*b…: italic a, regular b, as Markdown
// gives them.
func emphasised(text string) []span {
	var spans []span
	it := false
	for _, piece := range strings.Split(text, "*") {
		if piece != "" {
			st := regular
			if it {
				st = italic
			}
			spans = append(spans, span{text: piece, st: st})
		}
		it = !it
	}
	return spans
}

// TestMarkdownKeepsEveryCharacterOfHostileText: whatever the text holds,
// the page has all of it: nothing is lost or doubled.
func TestMarkdownKeepsEveryCharacterOfHostileText(t *testing.T) {
	for name, gen := range growing {
		text := gen(2_000)
		got := markdownText(t, text, mdStyle{})
		strip := strings.NewReplacer("*", "", "_", "", "\n", "", " ", "")
		if strip.Replace(got) != strip.Replace(text) {
			t.Errorf("%s: got %d characters back, want %d", name, len(strip.Replace(got)), len(strip.Replace(text)))
		}
	}
}

// BenchmarkLineBreaking lays out each growing text as Markdown at 128 K,
// 256 K, 512 K and 1 M characters (1×, 2×, 4×, 8×): with linear line
// breaking ns/char stays about the same as the size doubles; before, it
// doubled (the time four times) per doubling for all but the words
// (BENCHMARKS.md).
func BenchmarkLineBreaking(b *testing.B) {
	for _, name := range []string{"one word", "words", "emphasised word", "lone asterisks", "open brackets", "unclosed links", "underscores", "one-letter lines"} {
		for _, n := range []int{128 << 10, 256 << 10, 512 << 10, 1 << 20} {
			text := growing[name](n)
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

// BenchmarkSubmission1MBWord prints a submission whose deficiency is one
// word of 1 MB, far past its limit, as one stored before the limits would
// be: 18 s before line breaking was made linear.
func BenchmarkSubmission1MBWord(b *testing.B) {
	sub := sampleSubmission()
	sub.Deficiency = strings.Repeat("x", 1<<20)
	opt := testOptions(data.Swedish)
	opt.noCompress = false
	for b.Loop() {
		if err := Submission(io.Discard, sub, nil, nil, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// atLimits is a submission with every text field and list at its limit in
// data.Limits, the text realistic Swedish prose.
func atLimits() data.Submission {
	prose := "Köerna växer varje morgon vid plankorsningen och lastbilarna till hamnen står still i upp till tolv minuter. "
	fill := func(field string) string {
		n := data.Limit(field).Chars
		s := strings.Repeat(prose, n/len([]rune(prose))+1)
		return string([]rune(s)[:n])
	}
	s := sampleSubmission()
	s.Title, s.Object, s.RoadRef, s.Place = fill(data.FieldTitle), fill(data.FieldObject), fill(data.FieldRoadRef), fill(data.FieldPlace)
	s.Deficiency, s.DeficiencySince, s.DeficiencyFreq = fill(data.FieldDeficiency), fill(data.FieldDeficiencySince), fill(data.FieldDeficiencyFreq)
	s.Impact, s.AVSRef = fill(data.FieldImpact), fill(data.FieldAVSRef)
	s.Company, s.ContactPerson, s.ContactPhone = fill(data.FieldCompany), fill(data.FieldContactPerson), fill(data.FieldContactPhone)
	s.Measures = nil
	for i := range data.Limit(data.FieldMeasures).Items {
		s.Measures = append(s.Measures, data.Measure{Text: fill(data.MeasureField(i, "text")), Step: data.Steps[i%4]})
	}
	s.CoSigners = nil
	for range data.Limit(data.FieldCoSigners).Items {
		s.CoSigners = append(s.CoSigners, fill(data.FieldCoSigners))
	}
	trail := s.Trail
	s.Trail = nil
	for i := range data.Limit(data.FieldTrail).Items {
		c := trail[i%len(trail)]
		c.Comment = fill(data.TrailField(i, "comment"))
		s.Trail = append(s.Trail, c)
	}
	return s
}

// TestSubmissionAtLimitsIsValid: the benchmark's submission is exactly at
// the limits, not past them.
func TestSubmissionAtLimitsIsValid(t *testing.T) {
	for _, p := range data.ValidateSubmission(atLimits()) {
		t.Errorf("%s: %s", p.Field, p.Problem.English())
	}
}

// BenchmarkSubmissionAtLimits prints a submission with every field at its
// limit (about 220,000 characters, 30 measures, 50 co-signers, 100 status
// changes), compressed as the app writes it: the budget is well under a
// second.
func BenchmarkSubmissionAtLimits(b *testing.B) {
	sub := atLimits()
	opt := testOptions(data.Swedish)
	opt.noCompress = false
	var out bytes.Buffer
	for b.Loop() {
		out.Reset()
		if err := Submission(&out, sub, nil, nil, opt); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(out.Len())/1e6, "MB")
	b.ReportMetric(float64(bytes.Count(out.Bytes(), []byte("/Type /Page\n"))), "pages")
}
