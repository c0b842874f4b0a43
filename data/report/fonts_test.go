package report

import (
	"encoding/binary"
	"testing"

	"github.com/handelskammaren/ila-desk/assets"
)

// TestSFNTGivesTheWidthsAndGlyphsOfTheTables checks parseFace, which reads
// the fonts with package sfnt, against a reading of the font's own tables
// (cmap format 4, head, hhea, hmtx) as gofpdf reads them when it embeds the
// font: every character of the BMP must have the same glyph coverage and
// the same advance, or text would be measured for one width and drawn at
// another, or a character gofpdf cannot draw would pass as covered.
func TestSFNTGivesTheWidthsAndGlyphsOfTheTables(t *testing.T) {
	for st, name := range fontFiles {
		b, err := assets.Fonts.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		got, err := parseFace(b)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want, err := tableFace(b)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		n := 0
		for r := rune(0); r < 0xFFFF; r++ {
			gh, wh := got.has[r>>6]&(1<<(uint(r)&63)) != 0, want.has[r>>6]&(1<<(uint(r)&63)) != 0
			if gh != wh || got.advance[r] != want.advance[r] {
				if n++; n <= 10 {
					t.Errorf("style %q, %U: got glyph %v advance %d, want glyph %v advance %d", st, r, gh, got.advance[r], wh, want.advance[r])
				}
			}
		}
		if n > 10 {
			t.Errorf("style %q: %d characters differ in all", st, n)
		}
		if want.has == [len(want.has)]uint64{} {
			t.Errorf("style %q: the reference found no characters", st)
		}
	}
}

func TestParseFaceRefusesWhatIsNoFont(t *testing.T) {
	for name, b := range map[string][]byte{"empty": nil, "text": []byte("not a font at all, just some text"), "truncated": mustFont(t)[:200]} {
		if _, err := parseFace(b); err == nil {
			t.Errorf("%s: got no error, want one", name)
		}
	}
}

func mustFont(t *testing.T) []byte {
	b, err := assets.Fonts.ReadFile(fontFiles[regular])
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// tableFace reads a face from the tables directly: what parseFace did before
// it used sfnt, kept as the reference.
func tableFace(b []byte) (*face, error) {
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
