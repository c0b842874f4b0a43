package textextract

import (
	"bytes"
	"context"
	"io"
	"regexp"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/ledongthuc/pdf"
)

// Timeout is how long reading the text of one PDF may take. A file that
// needs longer is kept as not searchable.
const Timeout = 5 * time.Second

// timeout is Timeout; tests shorten it.
var timeout = Timeout

// Limits that keep a hostile PDF from making the reader run away with time
// or memory. Real documents stay far below them.
const (
	maxPages       = 5000
	maxPageContent = 1 << 20 // decoded content stream bytes of one page
	maxCmap        = 1 << 20 // decoded bytes of one font's ToUnicode map
	maxCmapInt     = 1 << 16 // the largest number a ToUnicode map may hold
	maxFonts       = 256     // fonts on one page
	// decodeBudget caps (content bytes × font map entries) on a page: the
	// library looks each character up in the map one entry at a time.
	decodeBudget = 1_000_000_000
)

// extractPDF returns the text of a PDF, or "" when it has none that can be
// read within the time and limits. It never panics: the library's panics are
// recovered, and its work runs in a goroutine so that a file that would keep
// it busy is given up on after timeout. That goroutine reads the file through
// a reader that fails once the time is up, which stops it at its next read.
func extractPDF(b []byte) string {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	done := make(chan string, 1)
	go func() {
		text := ""
		defer func() {
			_ = recover() // a panic in the library means: no text
			done <- text
		}()
		text = readPDF(ctx, b)
	}()
	select {
	case text := <-done:
		return text
	case <-ctx.Done():
		return ""
	}
}

// ctxReaderAt fails every read once ctx is done.
type ctxReaderAt struct {
	ctx context.Context
	r   io.ReaderAt
}

func (c ctxReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.ReadAt(p, off)
}

func readPDF(ctx context.Context, b []byte) string {
	if i := bytes.Index(b[:min(len(b), 1024)], pdfMagic); i > 0 {
		b = b[i:] // the reader wants the header first
	}
	if preflight(b) != nil {
		return ""
	}
	r, err := pdf.NewReader(ctxReaderAt{ctx, bytes.NewReader(b)}, int64(len(b)))
	if err != nil {
		return ""
	}
	var out strings.Builder
	for _, p := range pages(ctx, r) {
		if ctx.Err() != nil || out.Len() > MaxText {
			break
		}
		out.WriteString(pageText(p))
		out.WriteString("\n\n")
	}
	if ctx.Err() != nil {
		return "" // the caller has given up; what we have may be cut anywhere
	}
	return out.String()
}

// pages walks the page tree itself rather than trusting its /Count, with
// limits on depth and nodes so that a tree that loops ends.
func pages(ctx context.Context, r *pdf.Reader) []pdf.Page {
	var out []pdf.Page
	nodes := 0
	var walk func(v pdf.Value, depth int)
	walk = func(v pdf.Value, depth int) {
		nodes++
		if depth > 64 || nodes > 4*maxPages || len(out) >= maxPages || ctx.Err() != nil {
			return
		}
		kids := v.Key("Kids")
		if v.Key("Type").Name() == "Pages" || kids.Kind() == pdf.Array {
			for i := 0; i < kids.Len(); i++ {
				walk(kids.Index(i), depth+1)
			}
			return
		}
		if v.Kind() == pdf.Dict {
			out = append(out, pdf.Page{V: v})
		}
	}
	walk(r.Trailer().Key("Root").Key("Pages"), 0)
	return out
}

// pageText is the text of one page, or "" when the page is beyond the limits
// or the library fails on it.
func pageText(p pdf.Page) (text string) {
	defer func() {
		if recover() != nil {
			text = ""
		}
	}()
	content := streamSize(p.V.Key("Contents"), maxPageContent)
	if content < 0 {
		return ""
	}
	fonts := resources(p).Key("Font")
	names := fonts.Keys()
	if len(names) > maxFonts {
		return ""
	}
	// Our own font map: given one, the library does not look the page's
	// resources up through /Parent itself, which never ends on a loop.
	byName := make(map[string]*font, len(names))
	entries := 1
	for _, n := range names {
		f := fonts.Key(n)
		byName[n] = &font{f: &pdf.Font{V: f}}
		tu := f.Key("ToUnicode")
		if tu.Kind() != pdf.Stream {
			continue
		}
		b, e := cmapEntries(tu)
		if e < 0 {
			return ""
		}
		entries = max(entries, e)
		if identityUCS(b) {
			byName[n].enc = utf16BE{}
		}
	}
	if content*entries > decodeBudget {
		return ""
	}
	return showText(p, byName)
}

// wordGap is the TJ adjustment, in thousandths of an em, beyond which a
// layout gap is taken for a space between words. TeX and some other
// producers set word spaces this way, with no space character.
const wordGap = -200

// showText walks the page's content stream like the library's
// GetPlainText, and also breaks words and lines where the layout does: a
// move to another line (T*, ', ", Td or TD with a vertical move, Tm to
// another height) starts a line, and a horizontal move or a TJ gap wider than
// a word space is a space. Without these, words run together and cannot be
// found.
func showText(p pdf.Page, fonts map[string]*font) string {
	var b strings.Builder
	var enc pdf.TextEncoding
	show := func(raw string) {
		if enc == nil {
			b.WriteString(raw)
		} else {
			b.WriteString(enc.Decode(raw))
		}
	}
	var lineY float64
	pdf.Interpret(p.V.Key("Contents"), func(stk *pdf.Stack, op string) {
		args := make([]pdf.Value, stk.Len())
		for i := len(args) - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		switch op {
		case "BT", "T*":
			b.WriteByte('\n')
		case "Td", "TD":
			if len(args) == 2 {
				switch {
				case args[1].Float64() != 0:
					b.WriteByte('\n')
				case args[0].Float64() != 0:
					b.WriteByte(' ')
				}
			}
		case "Tm":
			if len(args) == 6 {
				if y := args[5].Float64(); y != lineY {
					b.WriteByte('\n')
					lineY = y
				} else {
					b.WriteByte(' ')
				}
			}
		case "Tf":
			enc = nil
			if len(args) == 2 {
				if f, ok := fonts[args[0].Name()]; ok {
					enc = f.encoder()
				}
			}
		case "Tj":
			if len(args) == 1 {
				show(args[0].RawString())
			}
		case "'":
			b.WriteByte('\n')
			if len(args) == 1 {
				show(args[0].RawString())
			}
		case "\"":
			b.WriteByte('\n')
			if len(args) == 3 {
				show(args[2].RawString())
			}
		case "TJ":
			if len(args) != 1 {
				return
			}
			for i, v := 0, args[0]; i < v.Len(); i++ {
				switch x := v.Index(i); x.Kind() {
				case pdf.String:
					show(x.RawString())
				case pdf.Integer, pdf.Real:
					if x.Float64() < wordGap {
						b.WriteByte(' ')
					}
				}
			}
		}
	})
	return b.String()
}

// resources finds the page's resources, inherited through at most 32
// parents.
func resources(p pdf.Page) pdf.Value {
	v := p.V
	for range 32 {
		if v.IsNull() {
			break
		}
		if r := v.Key("Resources"); !r.IsNull() {
			return r
		}
		v = v.Key("Parent")
	}
	return pdf.Value{}
}

// streamSize reads the decoded bytes of a content stream (or an array of
// them) and returns their size, or -1 when they are over limit or would
// make the library's reader loop.
func streamSize(v pdf.Value, limit int) int {
	var parts []pdf.Value
	switch v.Kind() {
	case pdf.Stream:
		parts = []pdf.Value{v}
	case pdf.Array:
		for i := 0; i < v.Len() && i < 1024; i++ {
			parts = append(parts, v.Index(i))
		}
	}
	n := 0
	for _, s := range parts {
		b, ok := readStream(s, limit-n)
		if !ok {
			return -1
		}
		n += len(b)
	}
	return n
}

func readStream(v pdf.Value, limit int) ([]byte, bool) {
	if v.Kind() != pdf.Stream {
		return nil, true // the library skips what is not a stream
	}
	rc := v.Reader()
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, int64(limit)+1))
	if len(b) > limit || (err != nil && len(b) == 0) {
		return nil, false
	}
	if openHexString(b) {
		return nil, false
	}
	_, ok := lexSafe(b, 0)
	return b, ok
}

// cmapEntries checks a font's ToUnicode map and returns it with how many
// mappings it declares, or -1 when it is too large, holds a number no map
// needs (the library loops that many times) or would make the reader loop.
func cmapEntries(v pdf.Value) ([]byte, int) {
	b, ok := readStream(v, maxCmap)
	if !ok {
		return nil, -1
	}
	entries, ok := lexSafe(b, maxCmapInt)
	if !ok {
		return nil, -1
	}
	return b, int(entries)
}

// font is a page's font and the decoder of its strings, made when the page
// first shows text in it.
type font struct {
	f   *pdf.Font
	enc pdf.TextEncoding
}

func (f *font) encoder() pdf.TextEncoding {
	if f.enc == nil {
		f.enc = f.f.Encoder()
	}
	return f.enc
}

// identityRange is the whole of the ToUnicode map gofpdf (and FPDF's other
// UTF-8 ports) writes: every two-byte code is the UTF-16 of its character.
var identityRange = regexp.MustCompile(`(?i)^\s*1\s+beginbfrange\s*<0000>\s*<FFFF>\s*<0000>\s*endbfrange\s*$`)

// identityUCS reports whether a ToUnicode map is that identity. The
// library reads it wrong: within a range it adds to the last byte only, so
// every character past U+00FF (–, €, ”, ł, Hebrew) came out as a control
// character and was lost.
func identityUCS(cmap []byte) bool {
	if bytes.Contains(cmap, []byte("beginbfchar")) || bytes.Count(cmap, []byte("beginbfrange")) != 1 {
		return false
	}
	start := bytes.Index(cmap, []byte("beginbfrange"))
	end := bytes.Index(cmap, []byte("endbfrange"))
	if end < start {
		return false
	}
	// From the count before beginbfrange to endbfrange.
	from := bytes.LastIndexAny(cmap[:start], "\n\r")
	return identityRange.Match(cmap[from+1 : end+len("endbfrange")])
}

// utf16BE decodes strings of two-byte codes that are UTF-16BE.
type utf16BE struct{}

func (utf16BE) Decode(raw string) string {
	u := make([]uint16, len(raw)/2)
	for i := range u {
		u[i] = uint16(raw[2*i])<<8 | uint16(raw[2*i+1])
	}
	return string(utf16.Decode(u))
}

// openHexString reports whether b ends inside a hex string ("<" with no ">"
// after it). The library's reader would spin on it for ever at the end of a
// stream.
func openHexString(b []byte) bool {
	lt := bytes.LastIndexByte(b, '<')
	return lt >= 0 && lt > bytes.LastIndexByte(b, '>')
}
