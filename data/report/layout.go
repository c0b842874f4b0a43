package report

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jung-kurt/gofpdf"

	"github.com/handelskammaren/ila-desk/data"
)

// Page geometry in millimetres (A4, 20 mm side margins). The running header
// and footer sit in the top and bottom margins.
const (
	pageW         = 210.0
	pageH         = 297.0
	marginL       = 20.0
	marginR       = 20.0
	contentW      = pageW - marginL - marginR
	contentTop    = 26.0
	contentBottom = 274.0
	headerBase    = 15.0 // baseline of the running header
	headerRule    = 18.0
	footerRule    = 279.0
	footerBase    = 284.0
)

// Type sizes in points and the line height that goes with body text.
const (
	sizeBody    = 10.0
	sizeSmall   = 8.5
	sizeTiny    = 7.5
	sizeTitle   = 20.0
	sizeH1      = 14.0
	sizeH2      = 12.0
	sizeH3      = 10.5
	lineFactor  = 1.42 // line height / font size
	cellPadX    = 2.0
	cellPadY    = 1.4
	minFollowMM = 14.0 // a heading keeps this much of what follows on its page
)

type rgb struct{ r, g, b int }

var (
	colText   = rgb{0x1A, 0x1A, 0x1A}
	colMuted  = rgb{0x5A, 0x62, 0x70}
	colAccent = rgb{0x0B, 0x3D, 0x6E} // the app icon's dark blue
	colRule   = rgb{0xB8, 0xC2, 0xCC}
	colGrid   = rgb{0xC8, 0xD0, 0xD8}
	colShade  = rgb{0xE8, 0xEE, 0xF4}
	colLabel  = rgb{0xF3, 0xF6, 0xF9}
)

func lineH(size float64) float64 { return size * ptToMM * lineFactor }

// span is a piece of text in one style. Text is raw: the layout cleans it.
type span struct {
	text   string
	st     style
	size   float64 // 0: the paragraph's size
	color  *rgb    // nil: the paragraph's colour
	strike bool    // struck through (Markdown ~~text~~)
}

func plain(s string) []span { return []span{{text: s}} }

// seg is a drawn piece of a line: text that shares style, size, colour and
// strike.
type seg struct {
	text   string
	st     style
	size   float64
	color  rgb
	strike bool
	x, w   float64
}

// line is one laid-out line of a paragraph, x relative to its left edge.
type line struct {
	segs []seg
	w    float64
	h    float64
}

// mark is where a numbered thing (a section, a submission) starts.
type mark struct {
	page int
	y    float64
}

// doc lays out a document and, unless dry, draws it with gofpdf. Every
// document is laid out at least twice: a dry pass that only measures, so the
// real pass knows the page count and on which page each section starts (for
// the footer's "Page N of M" and the table of contents). Both passes run the
// same code, so they paginate identically. When a dry pass leaves a heading
// at the foot of a page, another dry pass starts a page before it (see
// keeping).
type doc struct {
	fs  *fontSet
	pdf *gofpdf.Fpdf
	opt Options
	dry bool

	page  int
	y     float64
	total int             // pages, from the dry pass (0 in the dry pass)
	marks map[string]mark // this pass
	known map[string]mark // from the dry pass
	links map[string]int  // gofpdf link ids by mark key

	headerLeft, headerRight string
	noHeader                bool // the current page is a cover
	images                  map[string]*preparedImage
	styles                  map[style]bool // the styles text is set in
	keep                    keeping
	measured                int // characters measured by width and breakWord: the work of line breaking, for tests
}

// keeping keeps headings with what follows them. A heading, with what is
// drawn as part of it (the rule above a submission, the line of facts under
// its title), begins a group at a keep point; the group stays open until the
// first content after it is drawn. A page that ends while a group is open
// and partly on it has the group stranded at its foot, whatever the reason:
// a follow-on table's first row, a submission's minimum height, orphan
// control of the next paragraph. render then lays the document out again
// with a page break at the group's first keep point. The numbering of keep
// points depends only on the content, so it is the same in every pass.
type keeping struct {
	n         int          // keep points passed in this pass
	open      bool         // a group has begun and no content has followed it
	first     int          // the open group's first keep point
	drawn     bool         // part of the open group is on the current page
	atTop     bool         // and it begins at the top of the page
	depth     int          // > 0 while drawing part of a group
	furniture bool         // drawing the running header and footer
	breakAt   map[int]bool // from earlier passes: a page starts at these keep points
	stranded  []int        // first keep points of the groups this pass stranded
}

// maxLayoutPasses bounds the dry passes. Each pass after the first only
// adds page breaks before stranded headings, so a few always settle it.
const maxLayoutPasses = 8

// meta is the PDF's document information.
type meta struct {
	title, subject string
}

// render lays out body twice and writes the PDF to w. Nothing is written
// unless the whole document was made.
func render(w io.Writer, opt Options, m meta, body func(d *doc)) (err error) {
	// A bug here must cost the user one document, not the running app
	// with its unsaved work.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("make pdf: internal error: %v", r)
		}
	}()
	fs, err := loadFonts()
	if err != nil {
		return err
	}
	if opt.Created.IsZero() {
		opt.Created = time.Now()
	}
	if opt.T == nil {
		opt.T = data.Render
	}
	// Lay out until no heading is stranded, each pass breaking the page
	// before the headings the one before stranded. A heading that would
	// be stranded even at the top of a page adds nothing, so this ends.
	breaks := map[int]bool{}
	var dry *doc
	for pass := 1; ; pass++ {
		images := map[string]*preparedImage{}
		if dry != nil {
			images = dry.images // decoded once
		}
		dry = newLayoutDoc(fs, opt)
		dry.images, dry.keep.breakAt = images, breaks
		body(dry)
		var more []int
		for _, k := range dry.keep.stranded {
			if !breaks[k] {
				more = append(more, k)
			}
		}
		if len(more) == 0 || pass == maxLayoutPasses {
			break
		}
		next := make(map[int]bool, len(breaks)+len(more))
		for k := range breaks {
			next[k] = true
		}
		for _, k := range more {
			next[k] = true
		}
		breaks = next
	}

	pdf := gofpdf.NewCustom(&gofpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: "A4"})
	pdf.SetMargins(marginL, contentTop, marginR)
	pdf.SetAutoPageBreak(false, 0) // the layout breaks pages itself
	pdf.SetCompression(!opt.noCompress)
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(opt.Created)
	pdf.SetModificationDate(opt.Created)
	pdf.SetTitle(fs.clean(m.title), true)
	pdf.SetSubject(fs.clean(m.subject), true)
	if opt.Company.Name != "" {
		pdf.SetAuthor(fs.clean(opt.Company.Name), true)
	}
	pdf.SetCreator(fs.clean(opt.creator()), true)
	pdf.SetProducer("gofpdf", false)
	// Embed only the styles the layout pass set text in: each costs time
	// and about 20 kB. gofpdf gets its own copy of the font: while it cuts
	// the subset it appends to slices of the bytes it was given, which
	// would write into the font every document shares, under another
	// document being made at the same time.
	for _, st := range []style{regular, bold, italic, boldItalic} {
		if dry.styles[st] {
			pdf.AddUTF8FontFromBytes(family, string(st), bytes.Clone(fs.faces[st].data))
		}
	}
	out := &doc{fs: fs, pdf: pdf, opt: opt, total: dry.page, marks: map[string]mark{},
		known: dry.marks, links: map[string]int{}, images: dry.images, keep: keeping{breakAt: breaks}}
	body(out)
	pdf.Close()
	// gofpdf's errors are sticky: one check covers every call above.
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("make pdf: %w", err)
	}
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	return nil
}

// newLayoutDoc returns a doc for the measuring pass.
func newLayoutDoc(fs *fontSet, opt Options) *doc {
	return &doc{fs: fs, opt: opt, dry: true, marks: map[string]mark{},
		images: map[string]*preparedImage{}, styles: map[style]bool{}}
}

// t translates a label.
func (d *doc) t(msg string) string { return d.opt.T(msg, nil) }

// tf translates a label with placeholders.
func (d *doc) tf(msg string, args map[string]any) string { return d.opt.T(msg, args) }

// ---- pages -----------------------------------------------------------------

func (d *doc) newPage() {
	if k := &d.keep; k.open && k.drawn {
		if !k.atTop { // else a page break before it would change nothing
			k.stranded = append(k.stranded, k.first)
		}
		k.open = false
	}
	d.page++
	d.y = contentTop
	if !d.dry {
		d.pdf.AddPage()
	}
	d.keep.furniture = true
	d.furniture()
	d.keep.furniture = false
}

// coverPage starts a page without the running header.
func (d *doc) coverPage() {
	d.noHeader = true
	d.newPage()
	d.noHeader = false
}

// furniture draws the running header and footer of the current page.
func (d *doc) furniture() {
	if !d.noHeader {
		d.textAt(marginL, headerBase, regular, sizeSmall, colMuted, d.fit(d.headerLeft, regular, sizeSmall, contentW*0.6))
		right := d.fit(d.headerRight, regular, sizeSmall, contentW*0.38)
		d.textAt(pageW-marginR-d.width(right, regular, sizeSmall), headerBase, regular, sizeSmall, colMuted, right)
		d.hline(marginL, pageW-marginR, headerRule, 0.25, colRule)
	}
	d.hline(marginL, pageW-marginR, footerRule, 0.25, colRule)
	left := d.tf("Made {{.Date}} with {{.App}}", map[string]any{
		"Date": data.FormatShortDate(d.opt.Created, d.opt.Lang), "App": d.opt.creator()})
	d.textAt(marginL, footerBase, regular, sizeTiny, colMuted, d.fit(left, regular, sizeTiny, contentW*0.7))
	total := d.total
	if total < d.page {
		total = d.page
	}
	right := d.tf("Page {{.N}} of {{.M}}", map[string]any{"N": d.page, "M": total})
	right = d.fs.clean(right)
	d.textAt(pageW-marginR-d.width(right, regular, sizeTiny), footerBase, regular, sizeTiny, colMuted, right)
}

// need starts a new page unless h millimetres fit below the cursor.
func (d *doc) need(h float64) {
	if d.page == 0 || d.y+h > contentBottom+0.01 {
		d.newPage()
	}
}

// space moves down, but not at the top of a page.
func (d *doc) space(h float64) {
	if d.page == 0 || d.y <= contentTop+0.01 {
		return
	}
	d.y += h
}

// keepPoint is where a heading group may begin (see keeping): a page
// starts here if an earlier pass found the group stranded.
func (d *doc) keepPoint() {
	k := &d.keep
	i := k.n
	k.n++
	if k.breakAt[i] && d.page > 0 && d.y > contentTop+0.01 {
		d.newPage()
	}
	if !k.open {
		k.open, k.first, k.drawn = true, i, false
	}
}

// withHeading draws something that belongs to the heading group begun
// before it, so that it does not count as the content that must follow.
func (d *doc) withHeading(draw func()) {
	d.keep.depth++
	defer func() { d.keep.depth-- }()
	draw()
}

// ink is called by everything that draws on the page, in both passes: the
// first drawing outside a heading group closes the group.
func (d *doc) ink() {
	switch k := &d.keep; {
	case !k.open || k.furniture:
	case k.depth > 0:
		if !k.drawn {
			k.drawn, k.atTop = true, d.y <= contentTop+0.01
		}
	default:
		k.open = false
	}
}

// markHere records that key starts here and, in the real pass, makes it a
// link target and (level ≥ 0) an entry in the viewer's outline. A heading
// marks itself where it lands (markedHeading).
func (d *doc) markHere(key, outline string, level int) {
	d.marks[key] = mark{page: d.page, y: d.y}
	if d.dry {
		return
	}
	id := d.linkID(key)
	d.pdf.SetLink(id, d.y, d.page)
	if level >= 0 && outline != "" {
		d.pdf.Bookmark(d.fs.clean(outline), level, d.y)
	}
}

func (d *doc) linkID(key string) int {
	id, ok := d.links[key]
	if !ok {
		id = d.pdf.AddLink()
		d.links[key] = id
	}
	return id
}

// pageOf is the page key starts on, known from the dry pass (0 while dry).
func (d *doc) pageOf(key string) int { return d.known[key].page }

// ---- drawing primitives (no-ops while dry) ---------------------------------

func (d *doc) textAt(x, baseline float64, st style, size float64, c rgb, s string) {
	if s == "" {
		return
	}
	d.ink()
	if d.dry {
		d.styles[st] = true
		return
	}
	d.pdf.SetFont(family, string(st), size)
	d.pdf.SetTextColor(c.r, c.g, c.b)
	d.pdf.Text(x, baseline, visual(s))
}

// hline draws a horizontal line at y from x1 to x2.
func (d *doc) hline(x1, x2, y, w float64, c rgb) { d.line(x1, y, x2, y, w, c) }

// line draws a straight line from (x1, y1) to (x2, y2).
func (d *doc) line(x1, y1, x2, y2, w float64, c rgb) {
	d.ink()
	if d.dry {
		return
	}
	d.pdf.SetLineWidth(w)
	d.pdf.SetDrawColor(c.r, c.g, c.b)
	d.pdf.Line(x1, y1, x2, y2)
}

// vline draws a vertical line at x from y1 to y2.
func (d *doc) vline(x, y1, y2, w float64, c rgb) { d.line(x, y1, x, y2, w, c) }

func (d *doc) fillRect(x, y, w, h float64, c rgb) {
	d.ink()
	if d.dry {
		return
	}
	d.pdf.SetFillColor(c.r, c.g, c.b)
	d.pdf.Rect(x, y, w, h, "F")
}

func (d *doc) strokeRect(x, y, w, h, lw float64, c rgb) {
	d.ink()
	if d.dry {
		return
	}
	d.pdf.SetLineWidth(lw)
	d.pdf.SetDrawColor(c.r, c.g, c.b)
	d.pdf.Rect(x, y, w, h, "D")
}

// ---- measuring -------------------------------------------------------------

func (d *doc) width(s string, st style, size float64) float64 {
	d.measured += len(s)
	return d.fs.width(st, size, s)
}

// fit cleans s and shortens it with an ellipsis to at most w millimetres,
// for one-line places such as the running header.
func (d *doc) fit(s string, st style, size, w float64) string {
	s = strings.Join(strings.Fields(d.fs.clean(s)), " ")
	if d.width(s, st, size) <= w {
		return s
	}
	ell := "…"
	max := w - d.width(ell, st, size)
	var acc float64
	for i, r := range s {
		acc += d.fs.runeWidth(st, size, r)
		if acc > max {
			return strings.TrimRight(s[:i], " ") + ell
		}
	}
	return s
}

// ---- paragraphs --------------------------------------------------------------

// frag is a piece of a word in one style.
type frag struct {
	text   string
	st     style
	size   float64
	color  rgb
	strike bool
}

// token is a word (frags), a run of spaces (space > 0) or a line break.
type token struct {
	frags []frag
	space float64 // width of a space run, with sp its text
	sp    frag
	br    bool
	w     float64
}

// para describes how to set a paragraph.
type para struct {
	size   float64
	st     style
	color  rgb
	lineH  float64 // 0: from size
	indent float64
	width  float64 // 0: the content width less indent
	align  byte    // 'L', 'R', 'C'
	// bars are the x offsets from the left margin of the rules drawn down
	// the side of each line: a block quote's, one per level.
	bars []float64
}

func (p para) withDefaults() para {
	if p.size == 0 {
		p.size = sizeBody
	}
	if p.color == (rgb{}) {
		p.color = colText
	}
	if p.lineH == 0 {
		p.lineH = lineH(p.size)
	}
	if p.width == 0 {
		p.width = contentW - p.indent
	}
	if p.align == 0 {
		p.align = 'L'
	}
	return p
}

// tokens cleans the spans and splits them into words, spaces and breaks.
func (d *doc) tokens(spans []span, p para) []token {
	var toks []token
	var word *token
	endWord := func() {
		if word != nil {
			toks = append(toks, *word)
			word = nil
		}
	}
	for _, sp := range spans {
		f := frag{st: sp.st, size: sp.size, color: p.color, strike: sp.strike}
		if f.st == regular && p.st != regular {
			f.st = p.st
		}
		if f.size == 0 {
			f.size = p.size
		}
		if sp.color != nil {
			f.color = *sp.color
		}
		text := d.fs.clean(sp.text)
		for len(text) > 0 {
			switch text[0] {
			case '\n':
				endWord()
				toks = append(toks, token{br: true})
				text = text[1:]
			case ' ':
				endWord()
				n := 1
				for n < len(text) && text[n] == ' ' {
					n++
				}
				sf := f
				sf.text = text[:n]
				toks = append(toks, token{space: d.width(sf.text, f.st, f.size), sp: sf})
				text = text[n:]
			default:
				n := strings.IndexAny(text, " \n")
				if n < 0 {
					n = len(text)
				}
				wf := f
				wf.text = text[:n]
				if word == nil {
					word = &token{}
				}
				word.frags = append(word.frags, wf)
				word.w += d.width(wf.text, f.st, f.size)
				text = text[n:]
			}
		}
	}
	endWord()
	return toks
}

// wrap lays spans out in lines no wider than p.width. A word wider than the
// line is broken after a hyphen or slash if it can be, else between any two
// characters, so a 5,000-character token still fits.
func (d *doc) wrap(spans []span, p para) []line {
	p = p.withDefaults()
	toks := d.tokens(spans, p)
	var lines []line
	var cur line
	var pending []token // spaces waiting for the next word
	flush := func() {
		cur.h = p.lineH
		lines = append(lines, cur)
		cur = line{}
		pending = nil
	}
	addFrag := func(f frag, w float64) {
		if n := len(cur.segs); n > 0 {
			last := &cur.segs[n-1]
			if last.st == f.st && last.size == f.size && last.color == f.color && last.strike == f.strike {
				last.text += f.text
				last.w += w
				cur.w += w
				return
			}
		}
		cur.segs = append(cur.segs, seg{text: f.text, st: f.st, size: f.size, color: f.color, strike: f.strike, x: cur.w, w: w})
		cur.w += w
	}
	for i := 0; i < len(toks); i++ {
		tk := toks[i]
		switch {
		case tk.br:
			flush()
		case tk.space > 0:
			if len(cur.segs) > 0 {
				pending = append(pending, tk)
			}
		default:
			var sw float64
			for _, s := range pending {
				sw += s.space
			}
			if cur.w+sw+tk.w <= p.width+0.001 {
				for _, s := range pending {
					addFrag(s.sp, s.space)
				}
				pending = nil
				for _, f := range tk.frags {
					addFrag(f, d.width(f.text, f.st, f.size))
				}
				continue
			}
			if len(cur.segs) > 0 {
				flush()
				i-- // retry the word on a fresh line
				continue
			}
			// The word alone is too wide: set the part that fits and
			// carry the rest to the next line.
			head, rest := d.breakWord(tk, p.width)
			for _, f := range head.frags {
				addFrag(f, d.width(f.text, f.st, f.size))
			}
			flush()
			if len(rest.frags) > 0 {
				toks[i] = rest
				i--
			}
		}
	}
	if len(cur.segs) > 0 || len(lines) == 0 || (len(toks) > 0 && toks[len(toks)-1].br) {
		flush()
	}
	return lines
}

// breakWord splits a word so its head fits in w: after the last hyphen or
// slash that fits, else after the last character that fits (at least one).
// It looks only at the head, and the rest shares tk's frags, so breaking a
// word of n characters into lines takes time in proportion to n, not n²:
// a 1 MB word is set in milliseconds. tk's frags are changed in place.
func (d *doc) breakWord(tk token, w float64) (head, rest token) {
	var acc float64
	fitF, fitB := -1, 0 // the frag and byte offset after the last fitting rune
	hypF, hypB := -1, 0
	n, hypN := 0, 0
	done := false
	for fi, f := range tk.frags {
		for bi, r := range f.text {
			acc += d.fs.runeWidth(f.st, f.size, r)
			d.measured += utf8.RuneLen(r)
			if acc > w+0.001 && n > 0 {
				done = true
				break
			}
			end := bi + utf8.RuneLen(r)
			fitF, fitB = fi, end
			n++
			if (r == '-' || r == '/' || r == '–') && n > 3 {
				hypF, hypB, hypN = fi, end, n
			}
		}
		if done {
			break
		}
	}
	if fitF < 0 {
		return tk, token{}
	}
	if hypF >= 0 && hypN > n/2 && (hypF != fitF || hypB != fitB) {
		fitF, fitB = hypF, hypB
	}
	head.frags = make([]frag, fitF+1)
	copy(head.frags, tk.frags[:fitF+1])
	cut := tk.frags[fitF]
	head.frags[fitF].text = cut.text[:fitB]
	for _, f := range head.frags {
		head.w += d.width(f.text, f.st, f.size)
	}
	if cut.text = cut.text[fitB:]; cut.text != "" {
		rest.frags = tk.frags[fitF:]
		rest.frags[0] = cut
	} else {
		rest.frags = tk.frags[fitF+1:]
	}
	if len(rest.frags) > 0 {
		rest.w = max(0, tk.w-head.w)
	}
	return head, rest
}

// drawLine draws l with its top at y and its left edge at x, and the
// paragraph's bars beside it.
func (d *doc) drawLine(l line, x, y float64, p para) {
	d.ink()
	for _, b := range p.bars {
		d.vline(marginL+b, y, y+p.lineH, 0.8, colRule)
	}
	if d.dry {
		for _, s := range l.segs {
			if strings.TrimSpace(s.text) != "" {
				d.styles[s.st] = true
			}
		}
		return
	}
	off := 0.0
	switch p.align {
	case 'R':
		off = p.width - l.w
	case 'C':
		off = (p.width - l.w) / 2
	}
	for _, s := range l.segs {
		if strings.TrimSpace(s.text) == "" {
			continue
		}
		base := y + 0.5*p.lineH + 0.3*p.size*ptToMM
		text := strings.TrimRight(s.text, " ")
		d.textAt(x+off+s.x, base, s.st, s.size, s.color, text)
		if s.strike {
			// Through the middle of the lower-case letters.
			sy := base - 0.26*s.size*ptToMM
			d.hline(x+off+s.x, x+off+s.x+d.width(text, s.st, s.size), sy, 0.05*s.size*ptToMM, s.color)
		}
	}
}

// paragraph sets spans at the cursor and moves below them, breaking pages
// between lines. A paragraph never leaves a single first line at the bottom
// of a page or a single last line at the top of the next.
func (d *doc) paragraph(spans []span, p para) {
	p = p.withDefaults()
	lines := d.wrap(spans, p)
	d.lines(lines, p)
}

func (d *doc) lines(lines []line, p para) {
	for len(lines) > 0 {
		if d.page == 0 {
			d.newPage()
		}
		fit := int(math.Floor((contentBottom - d.y + 0.01) / p.lineH))
		if fit < 0 {
			fit = 0
		}
		if fit < len(lines) {
			if fit == 1 && len(lines) > 1 {
				fit = 0 // no orphan
			} else if len(lines)-fit == 1 && fit >= 3 {
				fit-- // no widow
			}
			if fit == 0 && d.y <= contentTop+0.01 {
				fit = 1 // a fresh page: must make progress
			}
		} else {
			fit = len(lines)
		}
		for _, l := range lines[:fit] {
			d.drawLine(l, marginL+p.indent, d.y, p)
			d.y += p.lineH
		}
		lines = lines[fit:]
		if len(lines) > 0 {
			d.newPage()
		}
	}
}

// text sets plain body text; a blank line starts a new paragraph.
func (d *doc) text(s string) {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	for i, p := range paragraphs(s) {
		if i > 0 {
			d.space(2.2)
		}
		d.paragraph(plain(p), para{})
	}
}

// paragraphs splits text at blank lines.
func paragraphs(s string) []string {
	var out []string
	var cur []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) == "" {
			if len(cur) > 0 {
				out = append(out, strings.Join(cur, "\n"))
				cur = nil
			}
			continue
		}
		cur = append(cur, l)
	}
	if len(cur) > 0 {
		out = append(out, strings.Join(cur, "\n"))
	}
	if len(out) == 0 {
		out = []string{""}
	}
	return out
}

// muted is a small grey remark in italics.
func (d *doc) muted(s string) {
	d.paragraph(plain(s), para{st: italic, color: colMuted})
}

// ---- headings ------------------------------------------------------------------

// headingStyle is how a heading of level is set: its paragraph, the space
// above and below it and the rule under it.
func headingStyle(level int) (p para, before, after, rule float64) {
	switch level {
	case 0:
		p = para{size: sizeTitle, st: bold, color: colAccent, lineH: lineH(sizeTitle) * 0.92}
		after = 2
	case 1:
		p = para{size: sizeH1, st: bold, color: colAccent}
		before, after, rule = 7, 1.5, 1.2 // the line under a section heading
	case 2:
		p = para{size: sizeH2, st: bold, color: colAccent}
		before, after = 5, 1
	case 3:
		p = para{size: sizeH3, st: bold, color: colText}
		before, after = 3.5, 0.5
	default:
		p = para{size: sizeBody, st: bold, color: colText}
		before, after = 3, 0.3
	}
	return p.withDefaults(), before, after, rule
}

// headingHeight is the room a one-line heading of level takes, with the
// space above it.
func headingHeight(level int) float64 {
	p, before, after, rule := headingStyle(level)
	return before + p.lineH + rule + after
}

// heading draws a section heading and keeps it with what follows. level 0 is
// the document title, 1 a section, 2 a subsection, 3 and 4 minor headings.
// follow is how much of what follows should fit below it (0: minFollowMM);
// a heading that is stranded all the same moves to the next page in the
// next layout pass (see keeping).
func (d *doc) heading(level int, s string, follow float64) {
	d.markedHeading(level, s, follow, "", -1)
}

// markedHeading is heading, also marked as where key starts (for the
// contents and links) and, with outline ≥ 0, an entry of that level in the
// viewer's outline. The mark is made where the heading lands, after any
// page break it needs.
func (d *doc) markedHeading(level int, s string, follow float64, key string, outline int) {
	d.keepPoint()
	p, before, after, rule := headingStyle(level)
	lines := d.wrap(plain(s), p)
	h := float64(len(lines)) * p.lineH
	if follow == 0 {
		follow = minFollowMM
	}
	d.space(before)
	if h+rule+after+follow >= contentBottom-contentTop {
		follow = minFollowMM // what follows splits anyway; keep its start
	}
	if h+rule+after+follow < contentBottom-contentTop {
		d.need(h + rule + after + follow)
	}
	if key != "" {
		d.markHere(key, s, outline)
	}
	d.withHeading(func() {
		d.lines(lines, p)
		if level == 1 {
			d.hline(marginL, pageW-marginR, d.y+0.6, 0.35, colAccent)
			d.y += rule
		}
	})
	d.y += after
}

// ---- tables ------------------------------------------------------------------

// column is a table column: its title, its share of the table's width and
// its alignment.
type column struct {
	title string
	width float64 // mm
	align byte
}

// cell is a table cell's content.
type cell []span

func textCell(s string) cell { return cell(plain(s)) }

type tableStyle struct {
	size       float64
	header     bool // draw the column titles (again on each page)
	labelShade bool // label–value tables: shade the even columns, the labels
}

// smallTableRows is the most rows a table may have to be kept whole on
// one page; a larger table may split between rows. A key–value block is
// kept whole whatever its length.
const smallTableRows = 10

// keepWholeMax is the tallest table kept whole: it leaves room for a
// heading above it on the same page.
const keepWholeMax = contentBottom - contentTop - 30

// table draws rows under a header row. A small table or a key–value block
// that fits on a page starts on the next page rather than split. A larger
// one splits between rows with the header repeated, never leaving one row
// alone at the foot or the head of a page; a row taller than half a page
// is split between lines.
func (d *doc) table(cols []column, rows []row, ts tableStyle) {
	d.drawTable(d.layTable(cols, rows, ts))
}

// laidTable is a table laid out in lines, ready to draw.
type laidTable struct {
	cols      []column
	ts        tableStyle
	lh        float64 // the line height of the cells
	hp        para    // the column titles' paragraph
	headLines [][]line
	headH     float64
	rows      []laidRow
}

type laidRow struct {
	cells [][]line
	n     int // lines in the tallest cell
	ps    []para
	shade []bool
}

func (r laidRow) height(lh float64) float64 { return float64(r.n)*lh + 2*cellPadY }

// layTable lays out the header and every row.
func (d *doc) layTable(cols []column, rows []row, ts tableStyle) *laidTable {
	if ts.size == 0 {
		ts.size = sizeBody
	}
	t := &laidTable{cols: cols, ts: ts, lh: lineH(ts.size), hp: para{size: sizeSmall, st: bold, color: colAccent}.withDefaults()}
	if ts.header {
		hp := t.hp
		for _, c := range cols {
			hp.width = c.width - 2*cellPadX
			hp.align = c.align
			ls := d.wrap(plain(c.title), hp)
			t.headLines = append(t.headLines, ls)
			if h := float64(len(ls))*hp.lineH + 2*cellPadY; h > t.headH {
				t.headH = h
			}
		}
	}
	t.rows = make([]laidRow, len(rows))
	for ri, r := range rows {
		var lr laidRow
		for ci, c := range cols {
			p := para{size: ts.size, lineH: t.lh, width: c.width - 2*cellPadX, align: c.align}
			var content cell
			if ci < len(r) {
				content = r[ci]
			}
			label := ts.labelShade && ci%2 == 0
			if label {
				// Labels are smaller but share the values' baseline.
				p.st, p.color = bold, colMuted
				small := make(cell, len(content))
				for k, sp := range content {
					sp.size = ts.size - 1.5
					small[k] = sp
				}
				content = small
			}
			p = p.withDefaults()
			ls := d.wrap(content, p)
			lr.cells = append(lr.cells, ls)
			lr.ps = append(lr.ps, p)
			lr.shade = append(lr.shade, label)
			if len(ls) > lr.n {
				lr.n = len(ls)
			}
		}
		t.rows[ri] = lr
	}
	return t
}

// height is the height of the whole table.
func (t *laidTable) height() float64 {
	h := t.headH
	for _, r := range t.rows {
		h += r.height(t.lh)
	}
	return h
}

// whole reports whether the table is kept whole on one page: a small
// table or a key–value block that fits on one.
func (t *laidTable) whole() bool {
	return (len(t.rows) <= smallTableRows || t.ts.labelShade) && t.height() <= keepWholeMax
}

// tallRow reports whether a row is too tall to move whole to the next
// page, and is split between its lines instead.
func (t *laidTable) tallRow(h float64) bool {
	return h > (contentBottom-contentTop-t.headH)*0.5
}

// lead is the height the table needs where it starts: all of it when it is
// kept whole, else its header and first two rows (no row alone at the
// foot of a page), or up to the first two lines of a row too tall to move
// whole. A heading above the table keeps this much below it.
func (t *laidTable) lead() float64 {
	if len(t.rows) == 0 {
		return 0
	}
	if t.whole() {
		return t.height()
	}
	h := t.headH
	for _, r := range t.rows[:min(2, len(t.rows))] {
		rowH := r.height(t.lh)
		if t.tallRow(rowH) {
			return h + math.Min(rowH, 2*t.lh+2*cellPadY) // a split row shows two lines at least
		}
		h += rowH
	}
	return h
}

// drawTable draws a laid-out table at the cursor.
func (d *doc) drawTable(t *laidTable) {
	cols, ts, lh, headH := t.cols, t.ts, t.lh, t.headH
	// The bottom edge of the last row drawn, owed until the next row or a
	// page break.
	openBottom, bottomY := false, 0.0
	closeGrid := func() {
		if openBottom {
			d.hline(marginL, marginL+tableW(cols), bottomY, 0.2, colGrid)
			openBottom = false
		}
	}
	breakPage := func() {
		closeGrid()
		d.newPage()
	}
	drawHead := func() {
		if !ts.header {
			return
		}
		d.fillRect(marginL, d.y, tableW(cols), headH, colShade)
		hp := t.hp
		x := marginL
		for i, c := range cols {
			hp.width = c.width - 2*cellPadX
			hp.align = c.align
			y := d.y + cellPadY
			for _, l := range t.headLines[i] {
				d.drawLine(l, x+cellPadX, y, hp)
				y += hp.lineH
			}
			x += c.width
		}
		d.gridBox(cols, d.y, headH)
		d.y += headH
		openBottom, bottomY = true, d.y
	}
	n := len(t.rows)
	onPage := 0 // rows begun on this page
	fits := func(h float64) bool { return h <= contentBottom-d.y+0.01 }
	for ri, lr := range t.rows {
		rowH := lr.height(lh)
		minH := math.Min(rowH, 2*lh+2*cellPadY) // a split row shows two lines at least
		if d.page == 0 {
			breakPage()
		}
		switch {
		case ri == 0:
			if !fits(t.lead()) && d.y > contentTop+0.01 {
				breakPage()
			}
			drawHead()
			onPage = 0
		case !fits(rowH) && (!t.tallRow(rowH) || !fits(minH)):
			breakPage()
			drawHead()
			onPage = 0
		case ri == n-2 && onPage >= 2 && fits(rowH) && !fits(rowH+t.rows[n-1].height(lh)) && !t.tallRow(t.rows[n-1].height(lh)):
			// The last row would stand alone on the next page: the one
			// before it goes along, leaving at least two here.
			breakPage()
			drawHead()
			onPage = 0
		}
		onPage++
		for from := 0; from < lr.n; {
			fit := int(math.Floor((contentBottom - d.y - 2*cellPadY + 0.01) / lh))
			if fit <= 0 {
				breakPage()
				drawHead()
				onPage = 1
				continue
			}
			to := min(from+fit, lr.n)
			h := float64(to-from)*lh + 2*cellPadY
			x := marginL
			for ci, c := range cols {
				if lr.shade[ci] {
					d.fillRect(x, d.y, c.width, h, colLabel)
				}
				y := d.y + cellPadY
				ls := lr.cells[ci]
				for li := from; li < to && li < len(ls); li++ {
					d.drawLine(ls[li], x+cellPadX, y, lr.ps[ci])
					y += lh
				}
				x += c.width
			}
			d.gridBox(cols, d.y, h)
			d.y += h
			openBottom, bottomY = true, d.y
			from = to
			if from < lr.n {
				breakPage()
				drawHead()
				onPage = 1
			}
		}
	}
	closeGrid()
}

// row is a table row.
type row = []cell

func tableW(cols []column) float64 {
	var w float64
	for _, c := range cols {
		w += c.width
	}
	return w
}

// gridBox draws the light grid of one row after its shading: its top edge,
// its sides and the lines between columns. The bottom edge is the next
// row's top, or drawn by the table when nothing follows on the page, so no
// shading is ever painted over a line.
func (d *doc) gridBox(cols []column, y, h float64) {
	if d.dry {
		return
	}
	w := tableW(cols)
	d.hline(marginL, marginL+w, y, 0.2, colGrid)
	d.vline(marginL, y, y+h, 0.2, colGrid)
	d.vline(marginL+w, y, y+h, 0.2, colGrid)
	x := marginL
	for _, c := range cols[:len(cols)-1] {
		x += c.width
		d.vline(x, y, y+h, 0.2, colGrid)
	}
}
