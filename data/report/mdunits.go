package report

import "strings"

// goldmark takes time in proportion to the square of a paragraph's length
// for some texts (links that never close, emphasis that never matches,
// many runs of backticks) and to the square of the nesting of quotes and
// lists: 128 KB of "[a](" took 10 s, 512 KB two minutes. So it is given
// the text in units of whole lines of at most mdUnitMax bytes, cut where a
// block ends when one does (see mdUnits); a line longer than that is set as
// it is, and nesting deeper than mdMaxDepth, or a table wider than
// mdMaxColumns, is kept as text (see tame). The time is then in proportion
// to the text's length whatever it holds. Cut after blank lines, a long
// protocol of ordinary paragraphs is set as if parsed whole: only a link
// reference defined in another unit than its use is not found.
const (
	mdUnitMax    = 8 << 10
	mdMaxDepth   = 10
	mdMaxColumns = 20
)

// mdUnit is a piece of a Markdown text parsed on its own.
type mdUnit struct {
	src   string
	plain bool // one line longer than mdUnitMax, set as it is
	// joined: the unit begins inside the block the one before ends in,
	// so a paragraph goes on in it without a paragraph's space.
	joined bool
}

// mdUnits cuts src into units. A cut goes where a block surely ends, after
// a blank line followed by an unindented line, if the unit has one, else
// before an unindented line that does not underline or extend a table,
// else before any line. A unit that begins inside a fenced code block
// opens the fence again.
func mdUnits(src string) []mdUnit {
	src = strings.ReplaceAll(src, "\r\n", "\n")
	src = strings.ReplaceAll(src, "\r", "\n")
	if len(src) <= mdUnitMax && !needsTaming(src) {
		return []mdUnit{{src: src}}
	}
	type mdLine struct {
		text   string
		inside string // the line that opened the fence the line is inside, if it is
		cut    int    // a cut before the line: 2 where a block ends, 1 between lines of one, 0 none
	}
	var (
		units       []mdUnit
		lines       []mdLine // the current unit's, tamed
		size        int
		clean, soft = -1, -1 // the last cuts in lines of each kind
		joined      bool     // the current unit begins inside a block
		fence       string   // the open fence
		fenceLine   string   // the line that opened it
		prevBlank   = true
		prevPipe    bool
	)
	add := func(l mdLine) {
		if len(lines) == 0 && l.inside != "" {
			lines = append(lines, mdLine{text: l.inside})
			size += len(l.inside) + 1
		}
		switch l.cut {
		case 2:
			clean = len(lines)
		case 1:
			soft = len(lines)
		}
		lines = append(lines, l)
		size += len(l.text) + 1
	}
	// emit makes a unit of the first n lines.
	emit := func(n int) {
		if n == 0 {
			return
		}
		var b strings.Builder
		for _, l := range lines[:n] {
			b.WriteString(l.text)
			b.WriteByte('\n')
		}
		units = append(units, mdUnit{src: b.String(), joined: joined})
		joined = !isBlank(lines[n-1].text)
		rest := lines[n:]
		lines, size, clean, soft = nil, 0, -1, -1
		for _, l := range rest {
			add(l)
		}
	}
	for len(src) > 0 {
		ln, rest, _ := strings.Cut(src, "\n")
		src = rest
		l := mdLine{}
		if fence != "" {
			l.inside = fenceLine
			if closesFence(ln, fence) {
				fence = ""
			}
		}
		if len(ln) > mdUnitMax {
			emit(len(lines))
			units = append(units, mdUnit{src: ln, plain: true, joined: !prevBlank})
			joined, prevBlank, prevPipe = true, false, false
			continue
		}
		opens := l.inside == "" && openFence(ln) != ""
		blank := isBlank(ln)
		if l.inside == "" && !opens {
			switch col0 := ln != "" && ln[0] != ' ' && ln[0] != '\t'; {
			case col0 && prevBlank:
				l.cut = 2
			case col0 && !blank && !isUnderline(ln) && !(prevPipe && strings.Contains(ln, "|")):
				l.cut = 1
			}
		}
		if opens {
			fence, fenceLine = openFence(ln), ln
		}
		l.text = ln
		if l.inside == "" {
			l.text = tame(ln)
		}
		if size+len(l.text)+1 > mdUnitMax && len(lines) > 0 {
			switch {
			case l.cut == 2 || clean <= 0 && l.cut == 1:
				emit(len(lines)) // before this line
			case clean > 0:
				emit(clean)
			case soft > 0:
				emit(soft)
			default:
				emit(len(lines))
			}
		}
		add(l)
		prevBlank, prevPipe = blank, strings.Contains(ln, "|")
	}
	emit(len(lines))
	return units
}

func isBlank(s string) bool { return strings.TrimLeft(s, " \t") == "" }

// openFence returns the fence a line opens (``` or ~~~, three or more, at
// most three spaces in), or "".
func openFence(s string) string {
	t := strings.TrimLeft(s, " ")
	if len(s)-len(t) > 3 || len(t) < 3 || (t[0] != '`' && t[0] != '~') {
		return ""
	}
	n := 0
	for n < len(t) && t[n] == t[0] {
		n++
	}
	if n < 3 || (t[0] == '`' && strings.Contains(t[n:], "`")) {
		return ""
	}
	return t[:n]
}

func closesFence(s, fence string) bool {
	t := strings.TrimLeft(s, " ")
	return len(s)-len(t) <= 3 && strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]+" \t") == ""
}

// isUnderline tells a setext heading's underline (=== or ---).
func isUnderline(s string) bool {
	t := strings.TrimSpace(s)
	return t != "" && (strings.Trim(t, "=") == "" || strings.Trim(t, "-") == "")
}

// needsTaming reports whether some line of src needs tame.
func needsTaming(src string) bool {
	for src != "" {
		var ln string
		ln, src, _ = strings.Cut(src, "\n")
		if tame(ln) != ln {
			return true
		}
	}
	return false
}

// tame keeps a line that nests quotes and lists deeper than mdMaxDepth, or
// that would make a table of more than mdMaxColumns, as text, by escaping
// the marker that goes too deep or the table's delimiter row.
func tame(ln string) string {
	if strings.Count(ln, "|") > mdMaxColumns && isDelimiterRow(ln) {
		i := strings.IndexByte(ln, '-')
		return ln[:i] + `\` + ln[i:]
	}
	if isRule(ln) {
		return ln
	}
	depth := 0
	for i := 0; i < len(ln); {
		j := i
		for j < len(ln) && j-i < 3 && ln[j] == ' ' {
			j++
		}
		n := containerMarker(ln[j:])
		if n == 0 {
			return ln
		}
		if depth++; depth > mdMaxDepth {
			return ln[:j] + `\` + ln[j:]
		}
		i = j + n
	}
	return ln
}

// containerMarker is the length of the block quote or list marker s starts
// with (with the space after it), or 0.
func containerMarker(s string) int {
	switch {
	case s == "":
		return 0
	case s[0] == '>':
		if len(s) > 1 && s[1] == ' ' {
			return 2
		}
		return 1
	case (s[0] == '-' || s[0] == '*' || s[0] == '+') && len(s) > 1 && (s[1] == ' ' || s[1] == '\t'):
		return 2
	}
	n := 0
	for n < len(s) && n < 9 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n > 0 && n+1 < len(s) && (s[n] == '.' || s[n] == ')') && (s[n+1] == ' ' || s[n+1] == '\t') {
		return n + 2
	}
	return 0
}

// isRule matches a thematic break: three or more -, * or _, spaces allowed
// between.
func isRule(s string) bool {
	t := strings.TrimSpace(s)
	if len(t) < 3 || (t[0] != '-' && t[0] != '*' && t[0] != '_') {
		return false
	}
	return strings.Count(t, t[:1]) >= 3 && strings.Trim(t, t[:1]+" \t") == ""
}

// isDelimiterRow matches a table's delimiter row: |, -, : and spaces only.
func isDelimiterRow(s string) bool {
	return strings.Contains(s, "-") && strings.Trim(s, "|-: \t") == ""
}
