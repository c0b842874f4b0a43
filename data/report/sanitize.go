package report

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// tabSpaces is what a tab becomes: a proportional font has no tab stops.
const tabSpaces = "    "

// clean makes any text safe to set: it composes characters (macOS and some
// PDF viewers hand out "a" + combining ring instead of "å"), turns line
// separators into \n and tabs into spaces, removes control and invisible
// formatting characters, and replaces every character the font lacks with a
// visible sign (□) so nothing silently disappears from a signed document.
func (fs *fontSet) clean(s string) string {
	if s == "" {
		return s
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if !isASCIIPrintable(s) && !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	if fs.settable(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	prevCR := false
	for _, r := range s {
		cr := r == '\r'
		switch {
		case r == '\n':
			if !prevCR {
				b.WriteByte('\n')
			}
		case cr, r == '\u2028', r == '\u2029', r == '\u0085':
			b.WriteByte('\n')
		case r == '\t':
			b.WriteString(tabSpaces)
		case r == '\u00A0' || r == '\u202F':
			b.WriteRune(r) // no-break spaces keep their meaning
		case r < 0x20 || (r >= 0x7F && r < 0xA0):
			// other control characters carry nothing printable
		case ignorable(r):
		case unicode.Is(unicode.Zs, r):
			b.WriteByte(' ')
		case fs.covers(r):
			b.WriteRune(r)
		default:
			b.WriteRune(fs.missing)
		}
		prevCR = cr
	}
	return b.String()
}

// ignorable reports characters that are invisible by design: formatting
// marks (zero-width space and joiners, bidi controls, soft hyphen, BOM),
// variation selectors, emoji skin-tone modifiers and tag characters. Left in,
// each would turn into a stray □ beside the character it modifies.
func ignorable(r rune) bool {
	switch {
	case unicode.Is(unicode.Cf, r), unicode.Is(unicode.Variation_Selector, r):
		return true
	case r == '\u034F', r >= '\u180B' && r <= '\u180F':
		return true
	case r >= 0x1F3FB && r <= 0x1F3FF: // skin tones
		return true
	case r >= 0xE0000 && r <= 0xE0FFF: // tags
		return true
	}
	return false
}

// settable reports whether s needs no change: every character is one the
// font has, a space or a line feed.
func (fs *fontSet) settable(s string) bool {
	for _, r := range s {
		if r == '\n' || r == ' ' {
			continue
		}
		if r < 0x20 || (r >= 0x7F && r < 0xA0) || r >= 0x10000 || !fs.covers(r) ||
			(r >= 0x2000 && unicode.Is(unicode.Zs, r) && r != '\u202F') || (r > 0xA0 && ignorable(r)) {
			return false
		}
	}
	return true
}

func isASCIIPrintable(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// isRTL reports letters of right-to-left scripts.
func isRTL(r rune) bool {
	return unicode.Is(unicode.Hebrew, r) || unicode.Is(unicode.Arabic, r) ||
		unicode.Is(unicode.Syriac, r) || unicode.Is(unicode.Thaana, r) || unicode.Is(unicode.Nko, r)
}

// visual puts runs of right-to-left text into display order. gofpdf draws
// characters left to right, so a Hebrew phrase would otherwise read
// backwards. This is a small part of the Unicode bidi algorithm: a run of RTL
// letters, with the spaces and punctuation between them, is reversed, while
// digits inside it keep their order. It is enough for a name or a phrase in a
// Swedish or English paragraph.
func visual(s string) string {
	hasRTL := false
	for _, r := range s {
		if r >= 0x0590 && isRTL(r) {
			hasRTL = true
			break
		}
	}
	if !hasRTL {
		return s
	}
	rs := []rune(s)
	out := make([]rune, 0, len(rs))
	for i := 0; i < len(rs); {
		if !isRTL(rs[i]) {
			out = append(out, rs[i])
			i++
			continue
		}
		// The run extends over neutrals and digits as long as another RTL
		// letter follows; trailing neutrals stay outside.
		j, end := i, i+1
		for j < len(rs) && (isRTL(rs[j]) || !unicode.IsLetter(rs[j])) {
			if isRTL(rs[j]) {
				end = j + 1
			}
			j++
		}
		out = append(out, reverseRun(rs[i:end])...)
		i = end
	}
	return string(out)
}

// reverseRun reverses runes but keeps each digit sequence in reading order.
func reverseRun(run []rune) []rune {
	out := make([]rune, 0, len(run))
	for k := len(run) - 1; k >= 0; {
		if unicode.IsDigit(run[k]) {
			s := k
			for s > 0 && (unicode.IsDigit(run[s-1]) ||
				(s > 1 && (run[s-1] == '.' || run[s-1] == ',') && unicode.IsDigit(run[s-2]))) {
				s--
			}
			out = append(out, run[s:k+1]...)
			k = s - 1
			continue
		}
		out = append(out, mirror(run[k]))
		k--
	}
	return out
}

// mirror swaps paired brackets, which change direction in reversed text.
func mirror(r rune) rune {
	switch r {
	case '(':
		return ')'
	case ')':
		return '('
	case '[':
		return ']'
	case ']':
		return '['
	case '{':
		return '}'
	case '}':
		return '{'
	case '<':
		return '>'
	case '>':
		return '<'
	case '«':
		return '»'
	case '»':
		return '«'
	}
	return r
}
