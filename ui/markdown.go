package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// The arena's texts (protocols, meeting descriptions, agenda notes) are
// Markdown typed line by line: "Närvarande: A" and the next name are two
// lines. The PDF keeps a single line break (data/report/markdown.go), where
// CommonMark, and Fyne's RichText with it, would join the lines; the screen
// keeps it too, so that screen and paper agree.

// lineBreak marks, in the source handed to Fyne, where a single line break
// was; it becomes a new line in the rich text. (U+2028 LINE SEPARATOR: text
// to Markdown, and a line break in meaning.)
const lineBreak = "\u2028"

// mdParser parses as Fyne's RichText does (goldmark with these extensions).
var mdParser = goldmark.New(goldmark.WithExtensions(extension.Strikethrough, extension.TaskList, extension.Table)).Parser()

// newMarkdown is a wrapping rich text of the Markdown md, with its single
// line breaks kept.
func newMarkdown(md string) *widget.RichText {
	r := widget.NewRichText()
	r.Wrapping = fyne.TextWrapWord
	setMarkdown(r, md)
	return r
}

// setMarkdown shows the Markdown md in r, with its single line breaks kept.
func setMarkdown(r *widget.RichText, md string) {
	r.ParseMarkdown(markLineBreaks(md))
	for _, s := range r.Segments {
		keepLineBreaks(s)
	}
	r.Refresh()
}

// markLineBreaks puts lineBreak at the end of every line of a paragraph
// that goes on on the next: a soft line break, which goldmark would join
// with a space, or a hard one, which Fyne drops.
func markLineBreaks(md string) string {
	src := []byte(md)
	var at []int
	_ = ast.Walk(mdParser.Parse(text.NewReader(src)), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := n.(*ast.Text); ok && entering && (t.SoftLineBreak() || t.HardLineBreak()) {
			at = append(at, t.Segment.Stop)
		}
		return ast.WalkContinue, nil
	})
	if len(at) == 0 {
		return md
	}
	var b strings.Builder
	b.Grow(len(md) + len(at)*len(lineBreak))
	last := 0
	for _, i := range at {
		if i < last || i > len(src) {
			continue
		}
		b.Write(src[last:i])
		b.WriteString(lineBreak)
		last = i
	}
	b.Write(src[last:])
	return b.String()
}

// keepLineBreaks turns the marks of markLineBreaks in s, and in what it
// holds, into new lines (Fyne put a space after each: the joined line).
func keepLineBreaks(s widget.RichTextSegment) {
	fix := func(t string) string {
		if !strings.Contains(t, lineBreak) {
			return t
		}
		return strings.ReplaceAll(strings.ReplaceAll(t, lineBreak+" ", "\n"), lineBreak, "\n")
	}
	switch s := s.(type) {
	case *widget.TextSegment:
		s.Text = fix(s.Text)
	case *widget.HyperlinkSegment:
		s.Text = fix(s.Text)
	case *widget.ParagraphSegment:
		for _, c := range s.Texts {
			keepLineBreaks(c)
		}
	case *widget.ListSegment:
		for _, c := range s.Items {
			keepLineBreaks(c)
		}
	case *widget.TableSegment:
		for _, h := range s.Headers {
			for _, c := range h {
				keepLineBreaks(c)
			}
		}
		for _, row := range s.Rows {
			for _, cell := range row {
				for _, c := range cell {
					keepLineBreaks(c)
				}
			}
		}
	}
}
