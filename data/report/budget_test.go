package report

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"runtime"
	"testing"
)

// bombPNG is a PNG whose header claims w×h pixels of 16-bit RGBA while its
// data holds a few rows: a small file that decodes to a huge picture.
func bombPNG(w, h int) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		c := crc32.NewIEEE()
		c.Write([]byte(typ))
		c.Write(data)
		b.WriteString(typ)
		b.Write(data)
		binary.Write(&b, binary.BigEndian, c.Sum32())
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 16, 6
	chunk("IHDR", ihdr)
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(make([]byte, 4096))
	zw.Close()
	chunk("IDAT", z.Bytes())
	chunk("IEND", nil)
	return b.Bytes()
}

// TestPictureOverTheBudgetIsNotDecoded: a 25-megapixel 16-bit PNG takes
// 200 MB to decode and 100 MB more to convert for gofpdf, past
// picture.Budget. It prints as a placeholder, decided from its header:
// before, the PDF code decoded anything under 30 megapixels, whatever its
// depth, and allocated the 200 MB first.
func TestPictureOverTheBudgetIsNotDecoded(t *testing.T) {
	b := bombPNG(5000, 5000)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	im := prepareImage(b)
	runtime.ReadMemStats(&after)
	if im.ok {
		t.Error("got the picture accepted, want a placeholder")
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 16<<20 {
		t.Errorf("refusing it allocated %d MB, want under 16 MB", n>>20)
	}
}
