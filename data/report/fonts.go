package report

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sync"

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
// gofpdf reads only the Unicode BMP (cmap format 4), so neither do we.
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

// parseFace reads the tables of a TrueType file that give each character its
// glyph (cmap, format 4) and each glyph its advance (head, hhea, hmtx).
func parseFace(b []byte) (*face, error) {
	tables, err := ttfTables(b)
	if err != nil {
		return nil, err
	}
	head, hhea, hmtx, cmap := tables["head"], tables["hhea"], tables["hmtx"], tables["cmap"]
	if len(head) < 54 || len(hhea) < 36 || cmap == nil {
		return nil, errBadFont
	}
	unitsPerEm := int(binary.BigEndian.Uint16(head[18:]))
	numHMetrics := int(binary.BigEndian.Uint16(hhea[34:]))
	if unitsPerEm == 0 || numHMetrics == 0 || len(hmtx) < 4*numHMetrics {
		return nil, errBadFont
	}
	advanceOf := func(gid int) uint16 {
		if gid >= numHMetrics {
			gid = numHMetrics - 1
		}
		a := int(binary.BigEndian.Uint16(hmtx[4*gid:]))
		return uint16((a*1000 + unitsPerEm/2) / unitsPerEm)
	}
	sub, err := cmapFormat4(cmap)
	if err != nil {
		return nil, err
	}
	f := &face{data: b}
	err = eachFormat4(sub, func(r rune, gid int) {
		f.advance[r] = advanceOf(gid)
		f.has[r>>6] |= 1 << (uint(r) & 63)
	})
	return f, err
}

func ttfTables(b []byte) (map[string][]byte, error) {
	if len(b) < 12 {
		return nil, errBadFont
	}
	n := int(binary.BigEndian.Uint16(b[4:]))
	if len(b) < 12+16*n {
		return nil, errBadFont
	}
	t := make(map[string][]byte, n)
	for i := 0; i < n; i++ {
		rec := b[12+16*i:]
		off := int(binary.BigEndian.Uint32(rec[8:]))
		ln := int(binary.BigEndian.Uint32(rec[12:]))
		if off < 0 || ln < 0 || off+ln > len(b) {
			return nil, errBadFont
		}
		t[string(rec[:4])] = b[off : off+ln]
	}
	return t, nil
}

// cmapFormat4 finds the Windows Unicode BMP subtable (3,1), or a Unicode
// (0,x) one, as gofpdf does.
func cmapFormat4(cmap []byte) ([]byte, error) {
	if len(cmap) < 4 {
		return nil, errBadFont
	}
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	var found []byte
	for i := 0; i < n && 4+8*i+8 <= len(cmap); i++ {
		rec := cmap[4+8*i:]
		pid, eid := binary.BigEndian.Uint16(rec), binary.BigEndian.Uint16(rec[2:])
		off := int(binary.BigEndian.Uint32(rec[4:]))
		if off+4 > len(cmap) || binary.BigEndian.Uint16(cmap[off:]) != 4 {
			continue
		}
		if pid == 3 && eid == 1 {
			return cmap[off:], nil
		}
		if pid == 0 && found == nil {
			found = cmap[off:]
		}
	}
	if found == nil {
		return nil, errBadFont
	}
	return found, nil
}

func eachFormat4(t []byte, fn func(r rune, gid int)) error {
	if len(t) < 14 {
		return errBadFont
	}
	segs := int(binary.BigEndian.Uint16(t[6:])) / 2
	endAt, startAt := 14, 16+2*segs
	deltaAt, rangeAt := startAt+2*segs, startAt+4*segs
	if len(t) < rangeAt+2*segs {
		return errBadFont
	}
	u16 := func(p int) int {
		if p < 0 || p+2 > len(t) {
			return 0
		}
		return int(binary.BigEndian.Uint16(t[p:]))
	}
	for i := 0; i < segs; i++ {
		end, start := u16(endAt+2*i), u16(startAt+2*i)
		delta, ro := u16(deltaAt+2*i), u16(rangeAt+2*i)
		for c := start; c <= end && c < 0xFFFF; c++ {
			var g int
			if ro == 0 {
				g = (c + delta) & 0xFFFF
			} else {
				g = u16(rangeAt + 2*i + ro + 2*(c-start))
				if g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			if g != 0 {
				fn(rune(c), g)
			}
		}
	}
	return nil
}
