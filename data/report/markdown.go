package report

import (
	"strconv"
	"strings"
	"unicode"
)

// The protocols, meeting descriptions and notes are Markdown or plain text.
// This is a small renderer for what such texts use: ATX and setext headings,
// paragraphs, bullet and numbered lists (nested by indentation), block
// quotes, fenced code, horizontal rules, and inline **bold**, *italic*,
// `code` and [links](url). Plain text comes out as paragraphs. Unlike strict
// Markdown a single line break is kept: minutes are typed line by line, and
// joining "Närvarande: A" with the next line would garble them.

type blockKind int

const (
	blockPara blockKind = iota
	blockHeading
	blockBullet
	blockNumber
	blockQuote
	blockCode
	blockRule
)

type mdBlock struct {
	kind   blockKind
	level  int      // heading level 1–3; list depth 0–3
	number string   // the number of a numbered item, "3."
	text   string   // raw inline text (lines joined with \n)
	more   []string // continuation lines while parsing, joined into text at the block's end
}

// parseMarkdown splits text into blocks.
func parseMarkdown(src string) []mdBlock {
	src = strings.ReplaceAll(src, "\r\n", "\n")
	src = strings.ReplaceAll(src, "\r", "\n")
	lines := strings.Split(src, "\n")
	var blocks []mdBlock
	var cur *mdBlock
	// Continuation lines are collected and joined once at the block's end:
	// appending each to the text would copy it for every line, n² for a
	// long paragraph.
	end := func() {
		if cur != nil {
			if len(cur.more) > 0 {
				cur.text += "\n" + strings.Join(cur.more, "\n")
				cur.more = nil
			}
			blocks = append(blocks, *cur)
			cur = nil
		}
	}
	for i := 0; i < len(lines); i++ {
		ln := strings.ReplaceAll(lines[i], "\t", "    ")
		trim := strings.TrimSpace(ln)
		indent := len(ln) - len(strings.TrimLeft(ln, " "))

		if fence := codeFence(trim); fence != "" && indent < 4 {
			end()
			var body []string
			for i++; i < len(lines); i++ {
				if strings.HasPrefix(strings.TrimSpace(lines[i]), fence) {
					break
				}
				body = append(body, lines[i])
			}
			blocks = append(blocks, mdBlock{kind: blockCode, text: strings.Join(body, "\n")})
			continue
		}
		if trim == "" {
			end()
			continue
		}
		// A setext underline turns the paragraph line above into a heading.
		if cur != nil && cur.kind == blockPara && len(cur.more) == 0 && !strings.Contains(cur.text, "\n") && indent < 4 {
			if isRun(trim, '=') {
				cur.kind, cur.level = blockHeading, 1
				end()
				continue
			}
			if isRun(trim, '-') {
				cur.kind, cur.level = blockHeading, 2
				end()
				continue
			}
		}
		if indent < 4 && isRule(trim) {
			end()
			blocks = append(blocks, mdBlock{kind: blockRule})
			continue
		}
		if level, text, ok := atxHeading(trim); ok && indent < 4 {
			end()
			blocks = append(blocks, mdBlock{kind: blockHeading, level: level, text: text})
			continue
		}
		depth := min(indent/2, 3)
		if text, ok := bulletItem(trim); ok {
			end()
			cur = &mdBlock{kind: blockBullet, level: depth, text: text}
			continue
		}
		if num, text, ok := numberedItem(trim); ok {
			end()
			cur = &mdBlock{kind: blockNumber, level: depth, number: num, text: text}
			continue
		}
		if strings.HasPrefix(trim, ">") {
			text := strings.TrimPrefix(strings.TrimPrefix(trim, ">"), " ")
			if cur != nil && cur.kind == blockQuote {
				cur.more = append(cur.more, text)
			} else {
				end()
				cur = &mdBlock{kind: blockQuote, text: text}
			}
			continue
		}
		// A continuation line: belongs to the open paragraph, list item or
		// quote.
		if cur != nil {
			cur.more = append(cur.more, trim)
			continue
		}
		cur = &mdBlock{kind: blockPara, text: trim}
	}
	end()
	return blocks
}

func codeFence(s string) string {
	for _, f := range []string{"```", "~~~"} {
		if strings.HasPrefix(s, f) {
			return f
		}
	}
	return ""
}

func isRun(s string, c byte) bool {
	if len(s) < 2 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] != c {
			return false
		}
	}
	return true
}

// isRule matches ---, ***, ___ (three or more, spaces allowed between).
func isRule(s string) bool {
	s = strings.ReplaceAll(s, " ", "")
	if len(s) < 3 {
		return false
	}
	c := s[0]
	return (c == '-' || c == '*' || c == '_') && isRun(s, c)
}

func atxHeading(s string) (int, string, bool) {
	n := 0
	for n < len(s) && s[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || (n < len(s) && s[n] != ' ') {
		return 0, "", false
	}
	text := strings.TrimSpace(s[n:])
	// A closing run of #s is decoration.
	if t := strings.TrimRight(text, "#"); t != text && (t == "" || strings.HasSuffix(t, " ")) {
		text = strings.TrimSpace(t)
	}
	return min(n, 3), text, true
}

func bulletItem(s string) (string, bool) {
	for _, m := range []string{"- ", "* ", "+ ", "• ", "– "} {
		if strings.HasPrefix(s, m) {
			return strings.TrimSpace(s[len(m):]), true
		}
	}
	return "", false
}

func numberedItem(s string) (string, string, bool) {
	n := 0
	for n < len(s) && n < 9 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n == 0 || n+1 >= len(s) || (s[n] != '.' && s[n] != ')') || s[n+1] != ' ' {
		return "", "", false
	}
	num, _ := strconv.Atoi(s[:n])
	return strconv.Itoa(num) + ".", strings.TrimSpace(s[n+2:]), true
}

// inline turns Markdown emphasis into styled spans. A delimiter opens only
// when a matching one closes it later, so a lone * or an underscore inside
// a_word stays as typed. Whether a closer follows is looked up in tables
// made once per text (see closers), as is the next ] or ), so the time is in
// proportion to the text's length whatever it holds: 128,000 characters
// of lone asterisks took 8 s when each looked ahead to the end of the text.
func inline(s string) []span {
	var spans []span
	var buf strings.Builder
	b, it := false, false
	cur := func() style {
		switch {
		case b && it:
			return boldItalic
		case b:
			return bold
		case it:
			return italic
		}
		return regular
	}
	flush := func() {
		if buf.Len() > 0 {
			spans = append(spans, span{text: buf.String(), st: cur()})
			buf.Reset()
		}
	}
	rs := []rune(s)
	ahead := lookahead{rs: rs}
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == '\\' && i+1 < len(rs) && unicode.IsPunct(rs[i+1]) || r == '\\' && i+1 < len(rs) && unicode.IsSymbol(rs[i+1]):
			buf.WriteRune(rs[i+1])
			i++
		case r == '`':
			j := ahead.next('`', i+1)
			if j < 0 {
				buf.WriteRune(r)
				continue
			}
			flush()
			c := colMuted
			spans = append(spans, span{text: string(rs[i+1 : j]), st: regular, color: &c})
			i = j
		case r == '[':
			closeB := ahead.next(']', i+1)
			if closeB < 0 || closeB+1 >= len(rs) || rs[closeB+1] != '(' {
				buf.WriteRune(r)
				continue
			}
			closeP := ahead.next(')', closeB+2)
			if closeP < 0 {
				buf.WriteRune(r)
				continue
			}
			label, url := string(rs[i+1:closeB]), strings.TrimSpace(string(rs[closeB+2:closeP]))
			buf.WriteString(label)
			if url != "" && url != label {
				flush()
				c := colMuted
				spans = append(spans, span{text: " (" + url + ")", st: cur(), color: &c})
			}
			i = closeP
		case r == '*' || r == '_':
			n := 1
			for i+n < len(rs) && rs[i+n] == r && n < 3 {
				n++
			}
			var prev, next rune = ' ', ' '
			if i > 0 {
				prev = rs[i-1]
			}
			if i+n < len(rs) {
				next = rs[i+n]
			}
			canOpen := !unicode.IsSpace(next) && !(r == '_' && isWordRune(prev))
			canClose := !unicode.IsSpace(prev) && !(r == '_' && isWordRune(next))
			open := (n == 2 || n == 3) && b || n == 1 && it
			if n == 3 {
				open = b && it
			}
			switch {
			case open && canClose:
				flush()
				if n >= 2 {
					b = false
				}
				if n == 1 || n == 3 {
					it = false
				}
			case !open && canOpen && ahead.hasCloser(i+n, r, n):
				flush()
				if n >= 2 {
					b = true
				}
				if n == 1 || n == 3 {
					it = true
				}
			default:
				buf.WriteString(string(rs[i : i+n]))
			}
			i += n - 1
		default:
			buf.WriteRune(r)
		}
	}
	flush()
	return spans
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// lookahead answers inline's questions about what follows a position, from
// tables built on first use: each is one pass over the text.
type lookahead struct {
	rs      []rune
	nexts   map[rune][]int32 // nexts[r][i]: the first j ≥ i with rs[j] == r, or -1
	closers map[rune]*closers
}

// next returns the first j ≥ from with rs[j] == r, or -1.
func (a *lookahead) next(r rune, from int) int {
	if from >= len(a.rs) {
		return -1
	}
	t, ok := a.nexts[r]
	if !ok {
		t = make([]int32, len(a.rs)+1)
		t[len(a.rs)] = -1
		for j := len(a.rs) - 1; j >= 0; j-- {
			if a.rs[j] == r {
				t[j] = int32(j)
			} else {
				t[j] = t[j+1]
			}
		}
		if a.nexts == nil {
			a.nexts = map[rune][]int32{}
		}
		a.nexts[r] = t
	}
	return int(t[from])
}

// closers tells, for one delimiter, where runs of it end and whether a run
// that can close n of them (1–3) starts at or after a position.
type closers struct {
	runEnd []int32   // for a position in a run of the delimiter: where the run ends
	after  [3][]bool // after[n-1][i]: a whole run starting at ≥ i can close n
}

// hasCloser reports whether a run of n delimiters d that can close follows
// from: a run at least n long, not after a space, and for _ not before a
// letter or digit. The run that from may be inside counts from from.
func (a *lookahead) hasCloser(from int, d rune, n int) bool {
	rs := a.rs
	if from >= len(rs) {
		return false
	}
	c := a.closersOf(d)
	canClose := func(j, k int) bool {
		return k-j >= n && !unicode.IsSpace(rs[j-1]) && (d != '_' || k >= len(rs) || !isWordRune(rs[k]))
	}
	if rs[from] == d {
		k := int(c.runEnd[from])
		if canClose(from, k) {
			return true
		}
		from = k
	}
	return c.after[n-1][from]
}

func (a *lookahead) closersOf(d rune) *closers {
	if c, ok := a.closers[d]; ok {
		return c
	}
	rs := a.rs
	c := &closers{runEnd: make([]int32, len(rs))}
	for n := range c.after {
		c.after[n] = make([]bool, len(rs)+1)
	}
	for i := len(rs) - 1; i >= 0; i-- {
		if rs[i] == d {
			if i+1 < len(rs) && rs[i+1] == d {
				c.runEnd[i] = c.runEnd[i+1]
			} else {
				c.runEnd[i] = int32(i + 1)
			}
		}
		for n := range c.after {
			c.after[n][i] = c.after[n][i+1]
		}
		if rs[i] != d || i == 0 || rs[i-1] == d {
			continue // not the start of a run that can follow a position
		}
		k := int(c.runEnd[i])
		if unicode.IsSpace(rs[i-1]) || d == '_' && k < len(rs) && isWordRune(rs[k]) {
			continue
		}
		for n := 1; n <= min(k-i, 3); n++ {
			c.after[n-1][i] = true
		}
	}
	if a.closers == nil {
		a.closers = map[rune]*closers{}
	}
	a.closers[d] = c
	return c
}

// markdownLevels sets how Markdown headings map onto the document's own:
// in a protocol, # is a section; inside a meeting book's section it is a
// subsection.
type markdownLevels struct{ top int }

// markdown renders Markdown text at the cursor.
func (d *doc) markdown(src string, ml markdownLevels) {
	if ml.top == 0 {
		ml.top = 1
	}
	blocks := parseMarkdown(src)
	for i, bl := range blocks {
		switch bl.kind {
		case blockHeading:
			d.heading(min(ml.top+bl.level-1, 4), stripInline(bl.text), 0)
		case blockPara:
			if i > 0 {
				d.space(2)
			}
			d.paragraph(inline(bl.text), para{})
		case blockBullet, blockNumber:
			if i > 0 && blocks[i-1].kind != blockBullet && blocks[i-1].kind != blockNumber {
				d.space(2)
			} else if i > 0 {
				d.space(0.6)
			}
			marker := "•"
			if bl.kind == blockNumber {
				marker = bl.number
			}
			if bl.level > 0 && bl.kind == blockBullet {
				marker = "–"
			}
			d.listItem(marker, inline(bl.text), float64(bl.level)*6)
		case blockQuote:
			d.space(2)
			d.quote(inline(bl.text))
		case blockCode:
			d.space(2)
			c := colMuted
			d.paragraph([]span{{text: bl.text, color: &c}}, para{size: sizeSmall, indent: 6})
		case blockRule:
			d.space(3)
			d.need(4)
			d.hline(marginL, pageW-marginR, d.y+1, 0.3, colRule)
			d.y += 2
			d.space(1)
		}
	}
}

// listItem draws a marker in a hanging indent and the item text beside it.
func (d *doc) listItem(marker string, spans []span, indent float64) {
	const gap = 6.0
	p := para{indent: indent + gap}.withDefaults()
	lines := d.wrap(spans, p)
	if len(lines) == 0 {
		return
	}
	// The marker goes with the first line.
	if d.page == 0 || d.y+p.lineH > contentBottom+0.01 || (len(lines) > 1 && d.y+2*p.lineH > contentBottom+0.01) {
		d.newPage()
	}
	mw := d.width(marker, regular, sizeBody)
	d.textAt(marginL+indent+gap-1.8-mw, d.y+0.5*p.lineH+0.3*sizeBody*ptToMM, regular, sizeBody, colAccent, marker)
	d.lines(lines, p)
}

// quote draws a block quote with a bar at its left.
func (d *doc) quote(spans []span) {
	p := para{indent: 6, st: italic, color: colMuted}.withDefaults()
	lines := d.wrap(spans, p)
	for len(lines) > 0 {
		d.need(p.lineH)
		top := d.y
		n := min(len(lines), int((contentBottom-d.y+0.01)/p.lineH))
		d.lines(lines[:n], p)
		d.vline(marginL+2, top+0.5, d.y-0.5, 0.8, colRule)
		lines = lines[n:]
	}
}

// stripInline removes emphasis marks, for headings.
func stripInline(s string) string {
	var b strings.Builder
	for _, sp := range inline(s) {
		b.WriteString(sp.text)
	}
	return b.String()
}
