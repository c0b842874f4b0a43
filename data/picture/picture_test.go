package picture_test

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/handelskammaren/ila-desk/data/picture"
)

// PNGHeader makes a PNG of w×h pixels of the given bit depth and colour
// type (6: RGBA, 0: grey) whose image data is a few rows only: the header
// claims the size, as a bomb's does, without the file holding it.
func pngHeader(w, h int, depth, colourType byte) []byte {
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
	ihdr[8], ihdr[9] = depth, colourType
	chunk("IHDR", ihdr)
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(make([]byte, 1000))
	zw.Close()
	chunk("IDAT", z.Bytes())
	chunk("IEND", nil)
	return b.Bytes()
}

// allocated is the memory fn allocates.
func allocated(fn func()) int64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return int64(after.TotalAlloc - before.TotalAlloc)
}

// The PNG of issue 9: 10000×10000 16-bit pixels, 800 MB decoded; the
// thumbnailer took 880 MB and 5 s for it.
func TestHugePictureIsRefusedFromItsHeaderAlone(t *testing.T) {
	bomb := pngHeader(10000, 10000, 16, 6)
	var err error
	var h picture.Header
	n := allocated(func() { _, h, err = picture.Decode(bomb) })
	if !errors.Is(err, picture.ErrTooLarge) {
		t.Fatalf("got %v, want ErrTooLarge", err)
	}
	if h.Decoded != 800_000_000+2*(10000*8+1) {
		t.Errorf("got %d bytes to decode, want 800 MB and two rows", h.Decoded)
	}
	if n > 1<<20 {
		t.Errorf("refusing it allocated %d bytes, want under 1 MB", n)
	}
}

func TestPicturesWithinTheBudgetDecode(t *testing.T) {
	img, h, err := picture.Decode(encodePNG(t, image.NewNRGBA(image.Rect(0, 0, 300, 200))))
	if err != nil || img.Bounds().Dx() != 300 || h.Width != 300 || h.Height != 200 || h.Format != "png" {
		t.Errorf("got %v, %+v, %v; want a 300×200 PNG", img.Bounds(), h, err)
	}
	if _, err := picture.Check([]byte("GIF89a")); !errors.Is(err, picture.ErrNotPicture) {
		t.Errorf("got %v for a GIF, want ErrNotPicture", err)
	}
	// At the budget, not past it: 8192×8192 8-bit RGBA is 256 MiB and two rows.
	if _, err := picture.Check(pngHeader(8000, 8000, 8, 6)); err != nil {
		t.Errorf("8000×8000 RGBA: got %v, want it within the budget", err)
	}
	if _, err := picture.Check(pngHeader(8200, 8200, 8, 6)); !errors.Is(err, picture.ErrTooLarge) {
		t.Errorf("8200×8200 RGBA: got %v, want ErrTooLarge", err)
	}
}

func encodePNG(t *testing.T, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodeJPEG(t *testing.T, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestDecodedSizeIsAnUpperBound decodes pictures of every kind the decoders
// treat differently and compares the memory they allocated with what the
// header predicted: never more, and not much less.
func TestDecodedSizeIsAnUpperBound(t *testing.T) {
	const w, h = 480, 360
	rect := image.Rect(0, 0, w, h)
	pal := image.NewPaletted(rect, color.Palette{color.Black, color.White})
	pics := map[string][]byte{
		"png grey":        encodePNG(t, image.NewGray(rect)),
		"png grey 16":     encodePNG(t, image.NewGray16(rect)),
		"png rgba":        encodePNG(t, image.NewNRGBA(rect)),
		"png rgba 16":     encodePNG(t, image.NewNRGBA64(rect)),
		"png palette":     encodePNG(t, pal),
		"jpeg 4:2:0":      encodeJPEG(t, image.NewRGBA(rect)),
		"jpeg grey":       encodeJPEG(t, image.NewGray(rect)),
		"jpeg grey bytes": encodeJPEG(t, image.NewGray(image.Rect(0, 0, 37, 5))),
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "*"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		pics[filepath.Base(f)] = b
	}
	for name, b := range pics {
		t.Run(name, func(t *testing.T) {
			hd, err := picture.ReadHeader(b)
			if err != nil {
				t.Fatal(err)
			}
			var derr error
			used := allocated(func() { _, _, derr = picture.Decode(b) })
			if derr != nil {
				t.Fatal(derr)
			}
			// The decoders' fixed buffers (zlib's window, Huffman tables)
			// come on top of the pixels.
			const fixed = 192 << 10
			if used > hd.Decoded+fixed {
				t.Errorf("decoding allocated %d bytes, more than the %d predicted", used, hd.Decoded)
			}
			if hd.Decoded > 3*used+fixed {
				t.Errorf("predicted %d bytes, more than three times the %d allocated", hd.Decoded, used)
			}
		})
	}
}

func FuzzReadHeader(f *testing.F) {
	f.Add(pngHeader(10, 10, 8, 6))
	files, _ := filepath.Glob(filepath.Join("testdata", "*.jpg"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b[:min(len(b), 700)])
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		h, err := picture.Check(b)
		if err != nil {
			return
		}
		if h.Width <= 0 || h.Height <= 0 || h.Decoded < h.Pixels() || h.Decoded > picture.Budget {
			t.Fatalf("accepted %+v", h)
		}
	})
}
