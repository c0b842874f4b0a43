package atomicfile_test

import (
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/handelskammaren/ila-desk/data/atomicfile"
)

// TestSafeNameCutsAtAWordAndKeepsBracketsBalanced cuts long titles: the
// name ends after a whole word and never with a bracket or quote opened
// and not closed. "…lastbilar (juni.pdf" used to be the result of a title
// whose parenthesis began just before the limit.
func TestSafeNameCutsAtAWordAndKeepsBracketsBalanced(t *testing.T) {
	d := time.Date(2026, 6, 3, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct{ name, title, want string }{
		{"parenthesis opened before the cut",
			"Köer vid infarten till Köpings hamn och Mälarhamnar för tunga lastbilar (juni–augusti 2026)",
			"2026-06-03 Köer vid infarten till Köpings hamn och Mälarhamnar för tunga lastbilar.pdf"},
		{"cut inside a word",
			"Plankorsningen i Kolbäck där väg 252 korsar Mälarbanan vid stationen och industriområdet öster",
			"2026-06-03 Plankorsningen i Kolbäck där väg 252 korsar Mälarbanan vid stationen och.pdf"},
		{"Swedish quotes opened before the cut",
			"Bärigheten på bron vid Strömsholm ”Nya bron” och gamla bron ”Kolbäcks bro vid Hallstahammar” idag",
			"2026-06-03 Bärigheten på bron vid Strömsholm ”Nya bron” och gamla bron.pdf"},
		{"square bracket and a dash before the cut",
			"Samlad rapport över alla inspel till Infrastruktur & Logistikarenan – [utkast för mötet i november]",
			"2026-06-03 Samlad rapport över alla inspel till Infrastruktur & Logistikarenan.pdf"},
		{"unbalanced in a short title", "Kö vid E18 (Köping", "2026-06-03 Kö vid E18 Köping.pdf"},
		{"stray closer in a short title", "E18) kö vid [Köping", "2026-06-03 E18 kö vid Köping.pdf"},
		{"balanced short title", "Hamnen (Köping) och ”Mälarhamnar”", "2026-06-03 Hamnen (Köping) och ”Mälarhamnar”.pdf"},
		{"apostrophe in a word", "Kalle's åkeri och O’Brien’s", "2026-06-03 Kalle's åkeri och O’Brien’s.pdf"},
		{"one long word is cut between characters", strings.Repeat("ö", 200), "2026-06-03 " + strings.Repeat("ö", 42) + ".pdf"},
		{"only a bracket", "(", "2026-06-03.pdf"},
		{"nothing but a bracket and no date", "", "ILA Desk.pdf"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			date := d
			if tc.name == "nothing but a bracket and no date" {
				date = time.Time{}
			}
			got := atomicfile.SafeName(tc.title, date, ".pdf")
			if got != tc.want {
				t.Errorf("SafeName(%q) =\n  %q, want\n  %q", tc.title, got, tc.want)
			}
			checkSafeName(t, tc.title, ".pdf", got)
		})
	}
	if got := atomicfile.SafeName("(CON", time.Time{}, ".pdf"); got != "_CON.pdf" {
		t.Errorf("SafeName(%q) = %q, want %q: a name that becomes reserved once balanced still gets its underscore", "(CON", got, "_CON.pdf")
	}
}

// FuzzSafeName holds SafeName to its promise for any title and extension:
// a name Windows and Linux both accept, never empty, within the limit, with
// its brackets and quotes balanced. Run with go test -fuzz FuzzSafeName.
func FuzzSafeName(f *testing.F) {
	for _, s := range []string{
		"Plankorsning i Kolbäck", "Köer för lastbilar (juni–augusti 2026)", "con", "aux.tar", "...dold",
		"a\x00b\x1fc", "Rapport\u202Efdp.exe", strings.Repeat("ö", 200), strings.Repeat("(a ", 40),
		"”Nya bron” och [utkast", "E18) kö", "\xff\xfe", "  .  ", "COM¹", "Kalle's ‘bil’",
	} {
		f.Add(s, ".pdf", int64(1795680000))
		f.Add(s, "", int64(0))
	}
	f.Add("x", strings.Repeat("e", 120), int64(0))
	f.Add("rapport", ".tar.gz", int64(-62135596800))
	f.Fuzz(func(t *testing.T, title, ext string, unix int64) {
		var date time.Time
		if unix != 0 && unix > -1e11 && unix < 1e11 {
			date = time.Unix(unix, 0).UTC()
		}
		got := atomicfile.SafeName(title, date, ext)
		checkSafeName(t, title, ext, got)
	})
}

// checkSafeName checks got against the rules for a file name that Windows,
// macOS and Linux all accept, and that SafeName promises beyond them.
func checkSafeName(t *testing.T, title, ext, got string) {
	t.Helper()
	switch {
	case got == "":
		t.Fatalf("SafeName(%q, %q) is empty", title, ext)
	case len(got) > 100:
		t.Errorf("SafeName(%q, %q) = %q has %d bytes, want at most 100", title, ext, got, len(got))
	case !utf8.ValidString(got):
		t.Errorf("SafeName(%q, %q) = %q is not valid UTF-8", title, ext, got)
	case strings.ContainsAny(got, `<>:"/\|?*`):
		t.Errorf("SafeName(%q, %q) = %q holds a character Windows forbids", title, ext, got)
	case strings.HasSuffix(got, " ") || strings.HasSuffix(got, "."):
		t.Errorf("SafeName(%q, %q) = %q ends with a space or dot, which Windows drops", title, ext, got)
	case strings.HasPrefix(got, " ") || strings.HasPrefix(got, "."):
		t.Errorf("SafeName(%q, %q) = %q begins with a space or dot", title, ext, got)
	case got == "." || got == "..":
		t.Errorf("SafeName(%q, %q) = %q", title, ext, got)
	}
	for _, r := range got {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			t.Errorf("SafeName(%q, %q) = %q holds the control or format character %U", title, ext, got, r)
		}
	}
	stem, _, _ := strings.Cut(got, ".")
	switch strings.ToUpper(strings.TrimRight(stem, " ")) {
	case "CON", "PRN", "AUX", "NUL", "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
		"LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "COM¹", "COM²", "COM³", "LPT¹", "LPT²", "LPT³":
		t.Errorf("SafeName(%q, %q) = %q is a reserved Windows device name", title, ext, got)
	}
	if !balanced(got) {
		t.Errorf("SafeName(%q, %q) = %q leaves a bracket or quote unbalanced", title, ext, got)
	}
}

// balanced reports whether the brackets of s nest and close and each kind
// of quote comes in pairs. An apostrophe between two letters ("Kalle's",
// "O’Brien") is not a quote.
func balanced(s string) bool {
	closer := map[rune]rune{')': '(', ']': '[', '}': '{'}
	var stack []rune
	quotes := map[rune]int{}
	rs := []rune(s)
	for i, r := range rs {
		switch r {
		case '(', '[', '{':
			stack = append(stack, r)
		case ')', ']', '}':
			if len(stack) == 0 || stack[len(stack)-1] != closer[r] {
				return false
			}
			stack = stack[:len(stack)-1]
		case '“', '”', '„', '«', '»':
			quotes['"']++
		case '\'', '‘', '’', '‚', '‹', '›':
			if i > 0 && i+1 < len(rs) && isWordRune(rs[i-1]) && isWordRune(rs[i+1]) {
				continue
			}
			quotes['\'']++
		}
	}
	return len(stack) == 0 && quotes['"']%2 == 0 && quotes['\'']%2 == 0
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
