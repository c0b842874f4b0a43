package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"
)

// richString is the text a rich text shows, its segments one after the other.
func richString(r *widget.RichText) string {
	var b strings.Builder
	var walk func(s widget.RichTextSegment)
	walk = func(s widget.RichTextSegment) {
		switch s := s.(type) {
		case *widget.ParagraphSegment:
			for _, c := range s.Texts {
				walk(c)
			}
		case *widget.ListSegment:
			for _, c := range s.Items {
				walk(c)
				b.WriteString("|")
			}
		default:
			b.WriteString(s.Textual())
		}
	}
	for _, s := range r.Segments {
		walk(s)
	}
	return b.String()
}

func TestMarkdownKeepsSingleLineBreaksAsThePDFDoes(t *testing.T) {
	for _, c := range []struct{ md, want string }{
		{"Närvarande: Anna Berg\nPer Ek, Köpings hamn", "Närvarande: Anna Berg\nPer Ek, Köpings hamn"},
		{"Beslut: *bifalles*\nnästa möte", "Beslut: bifalles\nnästa möte"},
		{"Första stycket\n\nAndra", "Första styckeAndra"}, // paragraphs stay paragraphs (no new line inside)
		{"- E18\n- Rv 56\n", "E18|Rv 56|"},
		{"rad ett  \nrad två", "rad ett\nrad två"}, // a hard break too
	} {
		r := newMarkdown(c.md)
		got := richString(r)
		if c.md == "Första stycket\n\nAndra" {
			if strings.Contains(got, "\n") || len(r.Segments) < 2 {
				t.Errorf("%q: shown as %q in %d segments, want two paragraphs", c.md, got, len(r.Segments))
			}
			continue
		}
		if got != c.want {
			t.Errorf("%q is shown as %q, want %q", c.md, got, c.want)
		}
		if strings.Contains(got, lineBreak) {
			t.Errorf("%q: the line break mark is left in %q", c.md, got)
		}
	}
}

func FuzzMarkLineBreaks(f *testing.F) {
	for _, s := range []string{"a\nb", "- a\n  b\n", "> q\n> r", "`a\nb`", "| a |\n|---|\n| b |", "*a\nb*", "a\r\nb", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, md string) {
		marked := markLineBreaks(md)
		if strings.Count(md, lineBreak) == 0 && strings.ReplaceAll(marked, lineBreak, "") != md {
			t.Fatalf("marking changed the text: %q → %q", md, marked)
		}
	})
}
