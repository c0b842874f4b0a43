// Package textextract recognises the documents a user may attach to a
// protocol (PDF, Markdown, plain text) and pulls out their text for search.
// A document whose text cannot be read is still worth keeping: extraction
// never fails for that reason, it reports the document as not searchable.
package textextract

import (
	"bytes"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/handelskammaren/ila-desk/data"
)

// MaxSize is the largest document accepted, in bytes.
const MaxSize = 25 << 20

// MaxText is the most text kept for search from one document, in bytes; a
// longer text is cut at a character boundary.
const MaxText = 4 << 20

// Media types returned by Detect. Text types carry the charset of the bytes;
// Extract always returns UTF-8.
const (
	PDF          = "application/pdf"
	Markdown     = "text/markdown; charset=utf-8"
	Text         = "text/plain; charset=utf-8"
	TextWindows  = "text/plain; charset=windows-1252"
	TextUTF16LE  = "text/plain; charset=utf-16le"
	TextUTF16BE  = "text/plain; charset=utf-16be"
	markdownBase = "text/markdown"
	textBase     = "text/plain"
)

// pdfMagic starts every PDF; readers accept it anywhere in the first KiB.
var pdfMagic = []byte("%PDF-")

func tooLarge(name string) error {
	return &data.Problem{Msg: "{{.Name}} is larger than {{.Max}} MB. ILA Desk attaches documents up to {{.Max}} MB; save a smaller copy (for example a PDF without pictures) and attach that.",
		Args: map[string]any{"Name": name, "Max": MaxSize >> 20}}
}

func unsupported(name string) error {
	return &data.Problem{Msg: "ILA Desk can attach PDF, Markdown and text files. {{.Name}} is none of these.",
		Args: map[string]any{"Name": name}}
}

// Detect tells what kind of document b is, from its content and its name:
// PDF by its header whatever the name; Markdown (.md, .markdown) and text
// (.txt, .text or no extension) by their name when the bytes are text. Text
// that is not UTF-8 is taken as Windows-1252 (what Swedish Windows writes),
// or UTF-16 when it starts with a byte-order mark. Anything else is refused
// with a Problem naming the file.
func Detect(name string, b []byte) (string, error) {
	base := filepath.Base(name)
	if len(b) > MaxSize {
		return "", tooLarge(base)
	}
	if isPDF(b) {
		return PDF, nil
	}
	ext := strings.ToLower(filepath.Ext(name))
	switch ext {
	case ".pdf":
		return "", &data.Problem{Msg: "{{.Name}} is named as a PDF but is not one; it may be damaged or only partly downloaded. Open it in a PDF reader, save it again and attach the new copy.",
			Args: map[string]any{"Name": base}}
	case ".md", ".markdown", ".txt", ".text", "":
	default:
		return "", unsupported(base)
	}
	cs, ok := charset(b)
	if !ok {
		return "", unsupported(base)
	}
	if ext == ".md" || ext == ".markdown" {
		if cs != "utf-8" {
			return markdownBase + "; charset=" + cs, nil
		}
		return Markdown, nil
	}
	return textBase + "; charset=" + cs, nil
}

func isPDF(b []byte) bool {
	return bytes.Contains(b[:min(len(b), 1024)], pdfMagic)
}

// charset names the encoding of text b, or reports that b is not text: it
// holds NUL bytes or other control characters that no text file has.
func charset(b []byte) (string, bool) {
	switch {
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return "utf-16le", true
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return "utf-16be", true
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return "", false
	}
	ctl := 0
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctl++
		}
	}
	if ctl > len(b)/100+2 {
		return "", false
	}
	if utf8.Valid(b) {
		return "utf-8", true
	}
	return "windows-1252", true
}

// Extract returns the text of a document of type mime (as from Detect) for
// search, and whether there was any. A PDF without readable text (a scan, a
// damaged or hostile file) gives searchable false and no error: the document
// is kept all the same. Errors are Problems for files too large or of a type
// ILA Desk does not attach.
func Extract(name, mime string, b []byte) (text string, searchable bool, err error) {
	base := filepath.Base(name)
	if len(b) > MaxSize {
		return "", false, tooLarge(base)
	}
	mt, params := splitMIME(mime)
	switch mt {
	case PDF:
		text = tidy(extractPDF(b))
	case markdownBase, textBase:
		cs := params["charset"]
		if cs == "" {
			cs, _ = charset(b)
		}
		text = tidyText(decode(b, cs))
	default:
		return "", false, unsupported(base)
	}
	return text, hasWords(text), nil
}

func splitMIME(mime string) (string, map[string]string) {
	parts := strings.Split(mime, ";")
	params := map[string]string{}
	for _, p := range parts[1:] {
		if k, v, ok := strings.Cut(p, "="); ok {
			params[strings.ToLower(strings.TrimSpace(k))] = strings.ToLower(strings.Trim(strings.TrimSpace(v), `"`))
		}
	}
	return strings.ToLower(strings.TrimSpace(parts[0])), params
}

// decode turns b in charset cs into UTF-8.
func decode(b []byte, cs string) string {
	switch cs {
	case "utf-16le", "utf-16be":
		return decodeUTF16(b, cs == "utf-16be")
	case "windows-1252", "cp1252", "iso-8859-1", "latin1", "latin-1":
		if !utf8.Valid(b) {
			return decodeWindows1252(b)
		}
	}
	return strings.ToValidUTF8(string(bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))), "")
}

func decodeUTF16(b []byte, bigEndian bool) string {
	if len(b) >= 2 && (b[0] == 0xFF && b[1] == 0xFE || b[0] == 0xFE && b[1] == 0xFF) {
		b = b[2:]
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	return string(utf16.Decode(u))
}

// windows1252 maps the bytes 0x80–0x9F, where Windows-1252 differs from
// Latin-1; the five bytes it leaves undefined keep their Latin-1 value, as
// Windows itself does.
var windows1252 = [32]rune{
	'€', 0x81, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0x8D, 'Ž', 0x8F,
	0x90, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0x9D, 'ž', 'Ÿ',
}

// decodeWindows1252 decodes Windows-1252, a superset of the printable
// Latin-1 (ISO 8859-1) range.
func decodeWindows1252(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b) + len(b)/8)
	for _, c := range b {
		switch {
		case c < 0x80:
			sb.WriteByte(c)
		case c < 0xA0:
			sb.WriteRune(windows1252[c-0x80])
		default:
			sb.WriteRune(rune(c))
		}
	}
	return sb.String()
}

// tidy makes text pulled from a PDF fit for the index: line ends are LF,
// control characters and replacement characters (glyphs without a known
// meaning) are dropped, runs of space become one space and runs of blank
// lines one blank line, and the whole is at most MaxText bytes.
func tidy(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(min(len(s), MaxText))
	breaks, space := 0, false
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\f' || r == '\v' || r == 0x85 || r == 0x2028 || r == 0x2029:
			breaks++
			continue
		case unicode.IsSpace(r):
			space = true
			continue
		case r == utf8.RuneError || r == 0xFEFF || unicode.IsControl(r):
			continue
		}
		sep := ""
		switch {
		case b.Len() == 0:
		case breaks >= 2:
			sep = "\n\n"
		case breaks > 0:
			sep = "\n"
		case space:
			sep = " "
		}
		if b.Len()+len(sep)+utf8.RuneLen(r) > MaxText {
			break
		}
		b.WriteString(sep)
		b.WriteRune(r)
		breaks, space = 0, false
	}
	return b.String()
}

// tidyText keeps a text document as it is, but for its line ends (LF), a
// byte-order mark and control characters other than tab, and cuts it at
// MaxText bytes.
func tidyText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	var b strings.Builder
	b.Grow(min(len(s), MaxText))
	for _, r := range s {
		if r == 0xFEFF || r != '\n' && r != '\t' && unicode.IsControl(r) {
			continue
		}
		if b.Len()+utf8.RuneLen(r) > MaxText {
			break
		}
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String())
}

// hasWords reports whether s holds at least one word of two letters or more.
func hasWords(s string) bool {
	run := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if run++; run >= 2 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}
