package atomicfile

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// maxNameBytes keeps names well inside every file system's limit (255
// bytes) and short enough to read in a file dialog and to survive being
// zipped or mailed.
const maxNameBytes = 100

// maxExtBytes bounds the extension, so a name always has room left.
const maxExtBytes = 16

// SafeName makes a default file name from a document's title and date, safe
// on Windows, macOS and Linux: "2026-11-26 Plankorsning i Kolbäck.pdf".
// Characters Windows forbids (< > : " / \ | ? *) and control characters
// become spaces, runs of spaces become one, leading and trailing dots and
// spaces go, a reserved Windows device name (CON, PRN, AUX, NUL, COM1,
// LPT1 …) gets a leading underscore, and the name is cut to at most 100
// bytes after a whole word (inside a word only when it is one long word).
// Brackets and quotes are left balanced: a cut that would leave "(juni"
// open ends before the parenthesis, and a bracket or quote the title never
// closes is dropped. Swedish letters are kept. A zero date leaves the date
// out; ext is the extension, with or without its dot.
func SafeName(title string, date time.Time, ext string) string {
	ext = cleanExt(ext)
	prefix := ""
	if !date.IsZero() {
		prefix = date.Format("2006-01-02")
	}
	title = clean(title)
	name := prefix
	if title != "" {
		if name != "" {
			name += " "
		}
		name += title
	}
	budget := maxNameBytes - len(ext)
	cut := false
	if len(name) > budget {
		name, cut = cutAtWord(name, budget), true
	}
	name = balance(name, cut)
	if name == "" {
		name = "ILA Desk"
	}
	if reserved(name) {
		name = trimEnds(cutUTF8("_"+name, budget))
	}
	return name + ext
}

// cleanExt keeps the letters, digits and inner dots of an extension, at
// most maxExtBytes of them, and gives it its dot.
func cleanExt(ext string) string {
	ext = strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '-' || r == '_' {
			return r
		}
		return -1
	}, norm.NFC.String(ext))
	ext = strings.Trim(cutUTF8(strings.Trim(ext, "."), maxExtBytes), ".")
	if ext == "" {
		return ""
	}
	return "." + ext
}

// clean composes characters, replaces what a file name must not hold by
// spaces, drops invisible formatting characters (a right-to-left override
// can disguise an extension) and collapses spaces.
func clean(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			b.WriteByte(' ')
		case strings.ContainsRune(`<>:"/\|?*`, r), unicode.IsControl(r), unicode.IsSpace(r):
			b.WriteByte(' ')
		case unicode.Is(unicode.Cf, r):
		default:
			b.WriteRune(r)
		}
	}
	return tidy(b.String())
}

// tidy collapses runs of spaces and trims the ends.
func tidy(s string) string { return trimEnds(strings.Join(strings.Fields(s), " ")) }

// trimEnds removes leading and trailing spaces and dots: Windows drops
// trailing ones silently, and a leading dot hides a file on macOS and Linux.
func trimEnds(s string) string { return strings.Trim(s, " .") }

// cutAtWord cuts s to at most n bytes after its last whole word, and drops
// the punctuation a cut leaves dangling ("Kolbäck –", "Bygg &"). When the
// last word boundary would throw away more than half of s, it cuts inside
// the word at a character boundary instead.
func cutAtWord(s string, n int) string {
	if len(s) <= n {
		return s
	}
	head := cutUTF8(s, n)
	if s[len(head)] != ' ' { // the cut is inside a word
		if i := strings.LastIndexByte(head, ' '); i >= n/2 {
			head = head[:i]
		}
	}
	return strings.TrimRight(trimEnds(head), " .,;–—-&+")
}

// cutUTF8 cuts s to at most n bytes at a character boundary.
func cutUTF8(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// balance leaves s with its brackets nested and closed and each kind of
// quote paired. In a name that was cut, a bracket or quote opened late and
// left open by the cut goes with the words after it; any other bracket or
// quote without its partner is dropped on its own.
func balance(s string, cut bool) string {
	for {
		rs := []rune(s)
		lone, open := unmatched(rs)
		if len(lone) == 0 {
			return s
		}
		if cut && open >= 0 {
			if head := tidy(string(rs[:open])); len(head) >= len(s)/2 {
				s = strings.TrimRight(head, " .,;–—-&+")
				continue
			}
		}
		drop := make(map[int]bool, len(lone))
		for _, i := range lone {
			drop[i] = true
		}
		var b strings.Builder
		for i, r := range rs {
			if !drop[i] {
				b.WriteRune(r)
			}
		}
		// Dropping a mark can join an apostrophe to a word, or part a
		// quote from one; the loop checks again.
		s = tidy(b.String())
	}
}

// unmatched returns the positions of the brackets and quotes in rs that
// have no partner, and the first of them that opens something (-1 if
// none). Brackets must nest; the quotes “ ” „ « » are one kind and ‘ ’ ‚
// ‹ › ' another, each to come in pairs. An apostrophe inside a word
// ("Kalle's", "O’Brien") is not a quote.
func unmatched(rs []rune) (lone []int, open int) {
	var stack []int
	var dq, sq []int
	for i, r := range rs {
		switch r {
		case '(', '[', '{':
			stack = append(stack, i)
		case ')', ']', '}':
			if n := len(stack); n > 0 && rs[stack[n-1]] == opener(r) {
				stack = stack[:n-1]
			} else {
				lone = append(lone, i)
			}
		case '“', '”', '„', '«', '»':
			dq = append(dq, i)
		case '\'', '‘', '’', '‚', '‹', '›':
			if i > 0 && i+1 < len(rs) && wordRune(rs[i-1]) && wordRune(rs[i+1]) {
				continue
			}
			sq = append(sq, i)
		}
	}
	opens := stack
	if len(dq)%2 == 1 {
		opens = append(opens, dq[len(dq)-1])
	}
	if len(sq)%2 == 1 {
		opens = append(opens, sq[len(sq)-1])
	}
	open = -1
	for _, i := range opens {
		if open < 0 || i < open {
			open = i
		}
	}
	return append(lone, opens...), open
}

func opener(closer rune) rune {
	switch closer {
	case ')':
		return '('
	case ']':
		return '['
	}
	return '{'
}

func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// reserved reports Windows device names, which are reserved with any
// extension and in any case: "con.pdf" cannot be created either.
func reserved(name string) bool {
	stem, _, _ := strings.Cut(name, ".")
	stem = strings.ToUpper(strings.TrimRight(stem, " "))
	switch stem {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
		return true
	}
	if len(stem) >= 4 && (strings.HasPrefix(stem, "COM") || strings.HasPrefix(stem, "LPT")) {
		switch stem[3:] {
		case "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "¹", "²", "³":
			return true
		}
	}
	return false
}
