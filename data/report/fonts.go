package report

import (
	"errors"
	"fmt"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/handelskammaren/ila-desk/assets"
)

// The documents are set in Liberation Sans, embedded in the program so the
// printed page looks the same on every system and å, ä, ö never go missing.
const family = "LiberationSans"

// style is a font style as gofpdf names it.
type style string

const (
	regular    style = ""
	bold       style = "B"
	italic     style = "I"
	boldItalic style = "BI"
)

var fontFiles = map[style]string{
	regular:    "fonts/LiberationSans-Regular.ttf",
	bold:       "fonts/LiberationSans-Bold.ttf",
	italic:     "fonts/LiberationSans-Italic.ttf",
	boldItalic: "fonts/LiberationSans-BoldItalic.ttf",
}

// face is what the layout needs from one font file: its bytes for gofpdf and
// the advance width of every character it has, in thousandths of an em.
// gofpdf reads only the Unicode BMP (cmap format 4), so neither do we:
// a character outside it would be measured but not drawn.
type face struct {
	data    []byte
	advance [0x10000]uint16
	has     [0x10000 / 64]uint64
}

// fontSet is the family, loaded once per process and shared by all documents.
type fontSet struct {
	faces map[style]*face
	// covered holds the characters every style has; anything else is
	// replaced by missing so a character never shows in one style and not
	// in another.
	covered [0x10000 / 64]uint64
	missing rune
}

var (
	fontsOnce sync.Once
	fontsVal  *fontSet
	fontsErr  error
)

func loadFonts() (*fontSet, error) {
	fontsOnce.Do(func() {
		fs := &fontSet{faces: map[style]*face{}}
		for i := range fs.covered {
			fs.covered[i] = ^uint64(0)
		}
		for st, name := range fontFiles {
			b, err := assets.Fonts.ReadFile(name)
			if err != nil {
				fontsErr = fmt.Errorf("read font %s: %w", name, err)
				return
			}
			f, err := parseFace(b)
			if err != nil {
				fontsErr = fmt.Errorf("read font %s: %w", name, err)
				return
			}
			fs.faces[st] = f
			for i := range fs.covered {
				fs.covered[i] &= f.has[i]
			}
		}
		// U+25A1 WHITE SQUARE is the customary sign for a missing glyph;
		// fall back to the question mark if the font has no square.
		fs.missing = '?'
		if fs.covers('□') {
			fs.missing = '□'
		}
		fontsVal = fs
	})
	return fontsVal, fontsErr
}

func (fs *fontSet) covers(r rune) bool {
	return r >= 0 && r < 0x10000 && fs.covered[r>>6]&(1<<(uint(r)&63)) != 0
}

// width is the advance of s in style st at size pt, in millimetres.
func (fs *fontSet) width(st style, size float64, s string) float64 {
	f := fs.faces[st]
	var w int
	for _, r := range s {
		if r < 0x10000 {
			w += int(f.advance[r])
		}
	}
	return float64(w) * size / 1000 * ptToMM
}

func (fs *fontSet) runeWidth(st style, size float64, r rune) float64 {
	if r >= 0x10000 {
		return 0
	}
	return float64(fs.faces[st].advance[r]) * size / 1000 * ptToMM
}

const ptToMM = 25.4 / 72

var errBadFont = errors.New("not a TrueType font this program can read")

// parseFace reads, with package sfnt, the glyph of every character of the
// Unicode BMP (the plane gofpdf's subsetting reads, through the font's
// format 4 cmap) and each glyph's advance.
func parseFace(b []byte) (*face, error) {
	f, err := sfnt.Parse(b)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errBadFont, err)
	}
	upm := int(f.UnitsPerEm())
	if upm == 0 {
		return nil, errBadFont
	}
	// At a size of one em per font unit, an advance comes back unscaled:
	// in font units, as the hmtx table holds it.
	ppem := fixed.Int26_6(upm)
	var buf sfnt.Buffer
	fc := &face{data: b}
	for r := rune(0); r < 0xFFFF; r++ {
		g, err := f.GlyphIndex(&buf, r)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", errBadFont, err)
		}
		if g == 0 {
			continue
		}
		a, err := f.GlyphAdvance(&buf, g, ppem, font.HintingNone)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", errBadFont, err)
		}
		fc.advance[r] = uint16((int(a)*1000 + upm/2) / upm)
		fc.has[r>>6] |= 1 << (uint(r) & 63)
	}
	return fc, nil
}
