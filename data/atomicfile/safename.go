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

// SafeName makes a default file name from a document's title and date, safe
// on Windows, macOS and Linux: "2026-11-26 Plankorsning i Kolbäck.pdf".
// Characters Windows forbids (< > : " / \ | ? *) and control characters
// become spaces, runs of spaces become one, leading and trailing dots and
// spaces go, a reserved Windows device name (CON, PRN, AUX, NUL, COM1,
// LPT1 …) gets a leading underscore, and the name is cut to at most 100
// bytes without splitting a character. Swedish letters are kept. A zero
// date leaves the date out; ext is the extension, with or without its dot.
func SafeName(title string, date time.Time, ext string) string {
	ext = clean(strings.TrimPrefix(ext, "."))
	if ext != "" {
		ext = "." + strings.ReplaceAll(ext, " ", "")
	}
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
	if name == "" {
		name = "ILA Desk"
	}
	if reserved(name) {
		name = "_" + name
	}
	if budget := maxNameBytes - len(ext); len(name) > budget {
		name = trimEnds(cutUTF8(name, budget))
	}
	return name + ext
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
	return trimEnds(strings.Join(strings.Fields(b.String()), " "))
}

// trimEnds removes leading and trailing spaces and dots: Windows drops
// trailing ones silently, and a leading dot hides a file on macOS and Linux.
func trimEnds(s string) string { return strings.Trim(s, " .") }

// cutUTF8 cuts s to at most n bytes at a character boundary.
func cutUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

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
