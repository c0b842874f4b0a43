package report

import (
	"bytes"
	"html"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// The protocols, meeting descriptions, agenda notes and the user's notes are
// Markdown or plain text. The window shows them with Fyne's RichText, which
// parses them with goldmark and the table, strikethrough and task-list
// extensions; the paper is set from the same parse, so both show the same
// headings, paragraphs, emphasis, lists, links, code, quotes, tables and
// rules. Plain text comes out as paragraphs.
//
// A single line break is kept (a hard line break), where CommonMark joins
// the lines: minutes are typed line by line, and joining "Närvarande: A"
// with the next line would garble them.

// mdParser is safe for concurrent use: each Parse keeps its state in a
// context of its own.
var mdParser = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList)).Parser()

// mdStyle sets how a Markdown text is set: how its headings map onto the
// document's own (in a protocol # is a section; inside a meeting book's
// section it is a subsection), and its indent, size and colour.
type mdStyle struct {
	top    int     // the document level of a # heading; 0: 1
	indent float64 // mm
	size   float64 // 0: body text
	color  rgb     // zero: the text colour
}

// mdKind is what a Markdown text last drew, for the space before the next.
type mdKind int

const (
	mdNone mdKind = iota // nothing yet, in the text or in a quote
	mdPara
	mdItem // the first paragraph of a list item
	mdHeading
	mdCode
	mdRule
)

// mdCtx is where blocks are set: inside which quotes and how deep in lists.
type mdCtx struct {
	indent float64   // mm from the left margin
	bars   []float64 // the rules of the quotes around
	depth  int       // list nesting
}

// mdMarker is a list item's marker, drawn with the item's first line.
type mdMarker struct {
	text string
	task int // 0: none; 1: an open task; 2: a task done
}

type mdRenderer struct {
	d      *doc
	src    []byte
	st     mdStyle
	prev   mdKind
	join   bool      // the first block continues the unit before
	marker *mdMarker // the marker of the list item whose first block is next
}

// markdown sets Markdown text at the cursor.
func (d *doc) markdown(src string, st mdStyle) {
	if st.top == 0 {
		st.top = 1
	}
	if st.size == 0 {
		st.size = sizeBody
	}
	if st.color == (rgb{}) {
		st.color = colText
	}
	r := &mdRenderer{d: d, st: st}
	c := mdCtx{indent: st.indent}
	for _, u := range mdUnits(src) {
		r.join = u.joined
		if u.plain {
			r.gap(mdPara, c)
			d.paragraph(plain(u.src), r.para(c))
			r.prev = mdPara
			continue
		}
		r.src = []byte(u.src)
		r.blocks(mdParser.Parse(text.NewReader(r.src)), c)
	}
}

// para is the paragraph style of body text in c.
func (r *mdRenderer) para(c mdCtx) para {
	p := para{size: r.st.size, color: r.st.color, indent: c.indent, bars: c.bars}
	if len(c.bars) > 0 {
		p.st, p.color = italic, colMuted
	}
	return p.withDefaults()
}

// gap is the space before a block of kind k.
func (r *mdRenderer) gap(k mdKind, c mdCtx) {
	var h float64
	switch {
	case r.marker != nil && r.prev == mdItem:
		h = 0.6
	case r.prev == mdNone:
	case r.join && k == r.prev && (k == mdPara || k == mdCode):
		// A block cut in two for parsing goes on as one.
	case k == mdRule:
		h = 3
	default:
		h = 2
	}
	r.join = false
	r.space(h, c)
}

// space moves down h, and draws the quotes' rules beside the space.
func (r *mdRenderer) space(h float64, c mdCtx) {
	y := r.d.y
	r.d.space(h)
	if r.d.y > y {
		for _, b := range c.bars {
			r.d.vline(marginL+b, y, r.d.y, 0.8, colRule)
		}
	}
}

func (r *mdRenderer) blocks(n ast.Node, c mdCtx) {
	for b := n.FirstChild(); b != nil; b = b.NextSibling() {
		r.block(b, c)
	}
}

func (r *mdRenderer) block(n ast.Node, c mdCtx) {
	d := r.d
	switch n := n.(type) {
	case *ast.Heading:
		r.markerHere(c)
		r.join = false
		d.heading(min(r.st.top+min(n.Level, 3)-1, 4), r.plainText(n), 0)
		r.prev = mdHeading
	case *ast.Paragraph, *ast.TextBlock:
		r.paragraph(r.spans(n), c)
	case *ast.List:
		r.list(n, c)
	case *ast.Blockquote:
		r.markerHere(c)
		r.gap(mdPara, c)
		qc := c
		qc.bars = append(append([]float64(nil), c.bars...), c.indent+2)
		qc.indent += 6
		r.prev = mdNone
		r.blocks(n, qc)
		r.prev = mdPara
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		r.code(string(r.lines(n)), c)
	case *ast.HTMLBlock:
		// Raw HTML is set as typed: a page must not lose what a person wrote.
		b := r.lines(n)
		if n.HasClosure() {
			b = append(append(b, '\n'), n.ClosureLine.Value(r.src)...)
		}
		r.paragraph(plain(strings.TrimRight(string(b), "\n")), c)
	case *ast.ThematicBreak:
		r.markerHere(c)
		r.gap(mdRule, c)
		d.need(4)
		d.hline(marginL+c.indent, pageW-marginR, d.y+1, 0.3, colRule)
		d.y += 2
		d.space(1)
		r.prev = mdRule
	case *east.Table:
		r.table(n, c)
	default:
		r.blocks(n, c)
	}
}

// paragraph sets spans as a paragraph, or as the first paragraph of a list
// item with its marker.
func (r *mdRenderer) paragraph(spans []span, c mdCtx) {
	r.gap(mdPara, c)
	p := r.para(c)
	if m := r.marker; m != nil {
		r.marker = nil
		r.d.markedLines(r.d.wrap(spans, p), p, r.drawMarker(m, c))
		r.prev = mdItem
		return
	}
	r.d.paragraph(spans, p)
	r.prev = mdPara
}

// drawMarker returns what draws m beside a line at y: right-aligned in
// the hanging indent before the item's text, which begins at c.indent.
func (r *mdRenderer) drawMarker(m *mdMarker, c mdCtx) func(y float64) {
	d, size := r.d, r.st.size
	lh := lineH(size)
	right := marginL + c.indent - 1.8
	return func(y float64) {
		if m.task == 0 {
			d.textAt(right-d.width(m.text, regular, size), y+0.5*lh+0.3*size*ptToMM, regular, size, colAccent, m.text)
			return
		}
		// A box, ticked when the task is done.
		s := 0.3 * size
		x, top := right-s, y+0.5*lh-0.5*s
		d.strokeRect(x, top, s, s, 0.25, colAccent)
		if m.task == 2 {
			d.line(x+0.2*s, top+0.55*s, x+0.42*s, top+0.8*s, 0.35, colAccent)
			d.line(x+0.42*s, top+0.8*s, x+0.85*s, top+0.2*s, 0.35, colAccent)
		}
	}
}

// markerHere draws a pending list marker where the next block begins, for
// an item that does not begin with a paragraph.
func (r *mdRenderer) markerHere(c mdCtx) {
	m := r.marker
	if m == nil {
		return
	}
	r.gap(mdPara, c)
	r.marker = nil
	r.d.need(lineH(r.st.size))
	r.drawMarker(m, c)(r.d.y)
	r.prev = mdNone // the block begins beside the marker
}

// emptyItem draws the marker of an item that has no blocks on a line of
// its own.
func (r *mdRenderer) emptyItem(c mdCtx) {
	if r.marker == nil {
		return
	}
	r.markerHere(c)
	r.d.y += lineH(r.st.size)
	r.prev = mdItem
}

func (r *mdRenderer) list(l *ast.List, c mdCtx) {
	r.markerHere(c) // an item that begins with a list: "- - a"
	n := l.Start
	for it := l.FirstChild(); it != nil; it = it.NextSibling() {
		m := &mdMarker{text: "•"}
		switch {
		case l.IsOrdered():
			m.text = strconv.Itoa(n) + "."
			n++
		case c.depth > 0:
			m.text = "–"
		}
		if tb := it.FirstChild(); tb != nil {
			if cb, ok := tb.FirstChild().(*east.TaskCheckBox); ok {
				m.task = 1
				if cb.IsChecked {
					m.task = 2
				}
			}
		}
		ic := c
		ic.depth++
		if c.depth < 4 {
			ic.indent += 6
		}
		r.marker = m
		r.blocks(it, ic)
		r.emptyItem(ic)
	}
}

func (r *mdRenderer) code(s string, c mdCtx) {
	r.markerHere(c)
	r.gap(mdCode, c)
	col := colMuted
	p := para{size: sizeSmall, indent: c.indent + 6, bars: c.bars}
	r.d.paragraph([]span{{text: strings.TrimSuffix(s, "\n"), color: &col}}, p)
	r.prev = mdCode
}

// lines is the raw text of a block's lines.
func (r *mdRenderer) lines(n ast.Node) []byte {
	var b []byte
	ls := n.Lines()
	for i := 0; i < ls.Len(); i++ {
		seg := ls.At(i)
		b = append(b, seg.Value(r.src)...)
	}
	return b
}

// table sets a table with columns as wide as their content, shared out
// fairly when that is wider than the page.
func (r *mdRenderer) table(t *east.Table, c mdCtx) {
	r.markerHere(c)
	r.gap(mdPara, c)
	d := r.d
	n := len(t.Alignments)
	if n == 0 {
		return
	}
	cols := make([]column, n)
	natural := make([]float64, n)
	var rows []row
	for rw := t.FirstChild(); rw != nil; rw = rw.NextSibling() {
		_, head := rw.(*east.TableHeader)
		var cells row
		i := 0
		for cl := rw.FirstChild(); cl != nil && i < n; cl = cl.NextSibling() {
			spans := r.spans(cl)
			var w float64
			for _, sp := range spans {
				st := sp.st
				if head {
					st = bold
				}
				w += d.width(d.fs.clean(sp.text), st, r.st.size)
			}
			natural[i] = max(natural[i], w+2*cellPadX+0.5)
			if head {
				cols[i].title = r.plainText(cl)
			} else {
				cells = append(cells, cell(spans))
			}
			i++
		}
		if !head {
			rows = append(rows, cells)
		}
	}
	widths := fairWidths(natural, contentW)
	for i := range cols {
		cols[i].width = widths[i]
		switch t.Alignments[i] {
		case east.AlignRight:
			cols[i].align = 'R'
		case east.AlignCenter:
			cols[i].align = 'C'
		}
	}
	d.table(cols, rows, tableStyle{header: true, size: r.st.size})
	r.prev = mdPara
}

// fairWidths gives each column its natural width while the narrower ones
// leave room, and the wider ones equal shares of what is left.
func fairWidths(natural []float64, total float64) []float64 {
	order := make([]int, len(natural))
	for i := range order {
		order[i] = i
	}
	// Narrowest first; insertion sort keeps equal widths in column order.
	for i := 1; i < len(order); i++ {
		for j := i; j > 0 && natural[order[j]] < natural[order[j-1]]; j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	var sum float64
	for _, w := range natural {
		sum += w
	}
	out := make([]float64, len(natural))
	left := total
	for k, i := range order {
		w := natural[i]
		if sum > total {
			w = min(w, left/float64(len(order)-k))
		}
		out[i] = w
		left -= w
	}
	return out
}

// mdInline is the style inline text is in.
type mdInline struct {
	st     style
	strike bool
	color  *rgb
}

func (s mdInline) with(b, i bool) mdInline {
	bb := s.st == bold || s.st == boldItalic || b
	ii := s.st == italic || s.st == boldItalic || i
	switch {
	case bb && ii:
		s.st = boldItalic
	case bb:
		s.st = bold
	case ii:
		s.st = italic
	}
	return s
}

// spans turns the inline content of n into styled spans.
func (r *mdRenderer) spans(n ast.Node) []span {
	var b spanBuf
	r.inline(n, mdInline{}, &b)
	b.flush()
	return b.out
}

// spanBuf collects spans, joining text in one style: appending each piece
// to the span's text would copy it for every piece, n² for a paragraph of
// many lines.
type spanBuf struct {
	out  []span
	cur  strings.Builder
	in   mdInline
	open bool
}

func (b *spanBuf) add(s string, in mdInline) {
	if s == "" {
		return
	}
	if !b.open || b.in != in {
		b.flush()
		b.in, b.open = in, true
	}
	b.cur.WriteString(s)
}

func (b *spanBuf) flush() {
	if b.open {
		b.out = append(b.out, span{text: b.cur.String(), st: b.in.st, strike: b.in.strike, color: b.in.color})
		b.cur.Reset()
		b.open = false
	}
}

func (r *mdRenderer) inline(n ast.Node, in mdInline, out *spanBuf) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			s := mdText(c.Segment.Value(r.src), c.IsRaw())
			if c.SoftLineBreak() || c.HardLineBreak() {
				s += "\n" // every line break is kept (see above)
			}
			out.add(s, in)
		case *ast.String:
			out.add(mdText(c.Value, c.IsRaw() || c.IsCode()), in)
		case *ast.CodeSpan:
			out.add(r.codeText(c), mdInline{st: in.st, strike: in.strike, color: &colMuted})
		case *ast.Emphasis:
			r.inline(c, in.with(c.Level >= 2, c.Level == 1), out)
		case *east.Strikethrough:
			s := in
			s.strike = true
			r.inline(c, s, out)
		case *ast.Link:
			r.inline(c, in, out)
			r.target(string(c.Destination), r.plainText(c), in, out)
		case *ast.Image:
			r.inline(c, in, out)
			r.target(string(c.Destination), "", in, out)
		case *ast.AutoLink:
			out.add(string(c.Label(r.src)), in)
		case *ast.RawHTML:
			// Set as typed, as an HTML block is.
			for i := 0; i < c.Segments.Len(); i++ {
				seg := c.Segments.At(i)
				out.add(string(seg.Value(r.src)), in)
			}
		case *east.TaskCheckBox:
			// The item's marker shows it.
		default:
			r.inline(c, in, out)
		}
	}
}

// target follows a link's text with its address, which a page cannot be
// clicked to open, unless the text is the address.
func (r *mdRenderer) target(dest, label string, in mdInline, out *spanBuf) {
	dest = strings.TrimSpace(mdText([]byte(dest), false))
	if dest == "" || dest == label || dest == "mailto:"+label {
		return
	}
	out.add(" ("+dest+")", mdInline{st: in.st, strike: in.strike, color: &colMuted})
}

// codeText is a code span's text, its line breaks spaces.
func (r *mdRenderer) codeText(c *ast.CodeSpan) string {
	var b strings.Builder
	for t := c.FirstChild(); t != nil; t = t.NextSibling() {
		switch t := t.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(r.src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		}
	}
	return b.String()
}

// plainText is the text of n without its styles, on one line: a heading's,
// a table header's, a link's.
func (r *mdRenderer) plainText(n ast.Node) string {
	var b strings.Builder
	for _, s := range r.spans(n) {
		b.WriteString(s.text)
	}
	return strings.TrimSpace(strings.ReplaceAll(b.String(), "\n", " "))
}

// mdText resolves a text's backslash escapes and character references, as
// goldmark's own HTML renderer does; raw text (code) is kept as it is.
func mdText(b []byte, raw bool) string {
	if raw || (bytes.IndexByte(b, '\\') < 0 && bytes.IndexByte(b, '&') < 0) {
		return string(b)
	}
	var out strings.Builder
	out.Grow(len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == '\\' && i+1 < len(b) && util.IsPunct(b[i+1]) {
			out.WriteByte(b[i+1])
			i++
			continue
		}
		if c == '&' {
			if n := entityLen(b[i:]); n > 0 {
				out.WriteString(html.UnescapeString(string(b[i : i+n])))
				i += n - 1
				continue
			}
		}
		out.WriteByte(c)
	}
	return out.String()
}

// entityLen is the length of the character reference b starts with
// (&name;, &#123; or &#x1F;), or 0.
func entityLen(b []byte) int {
	const longest = 33 // &CounterClockwiseContourIntegral;
	i := 1
	digit := func(c byte, hex bool) bool {
		return c >= '0' && c <= '9' || hex && (c|0x20 >= 'a' && c|0x20 <= 'f')
	}
	switch {
	case len(b) > 2 && b[1] == '#' && (b[2] == 'x' || b[2] == 'X'):
		i = 3
		for i < len(b) && i < 3+6 && digit(b[i], true) {
			i++
		}
		if i == 3 {
			return 0
		}
	case len(b) > 1 && b[1] == '#':
		i = 2
		for i < len(b) && i < 2+7 && digit(b[i], false) {
			i++
		}
		if i == 2 {
			return 0
		}
	default:
		for i < len(b) && i < longest && (util.IsAlphaNumeric(b[i])) {
			i++
		}
		if i == 1 {
			return 0
		}
	}
	if i >= len(b) || b[i] != ';' {
		return 0
	}
	if ref := string(b[:i+1]); html.UnescapeString(ref) == ref {
		return 0 // not a name HTML knows
	}
	return i + 1
}

// listItem draws a marker in a hanging indent and the item text beside it.
func (d *doc) listItem(marker string, spans []span, indent float64) {
	const gap = 6.0
	p := para{indent: indent + gap}.withDefaults()
	mw := d.width(marker, regular, sizeBody)
	d.markedLines(d.wrap(spans, p), p, func(y float64) {
		d.textAt(marginL+indent+gap-1.8-mw, y+0.5*p.lineH+0.3*sizeBody*ptToMM, regular, sizeBody, colAccent, marker)
	})
}

// markedLines sets lines with a marker drawn beside the first: the two
// start on the same page.
func (d *doc) markedLines(lines []line, p para, marker func(y float64)) {
	if len(lines) == 0 {
		return
	}
	if d.page == 0 || d.y+p.lineH > contentBottom+0.01 || (len(lines) > 1 && d.y+2*p.lineH > contentBottom+0.01) {
		d.newPage()
	}
	marker(d.y)
	d.lines(lines, p)
}
