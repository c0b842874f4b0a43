package photo_test

import (
	"encoding/binary"
	"testing"

	"github.com/handelskammaren/ila-desk/data/photo"
)

// jpegWithOrientation is the start of a JPEG with an EXIF block that holds
// orientation o, in the byte order bo.
func jpegWithOrientation(o uint16, bo binary.AppendByteOrder, mark string) []byte {
	tiff := []byte(mark)
	tiff = bo.AppendUint16(tiff, 42)
	tiff = bo.AppendUint32(tiff, 8)
	tiff = bo.AppendUint16(tiff, 1) // one entry
	tiff = bo.AppendUint16(tiff, 0x0112)
	tiff = bo.AppendUint16(tiff, 3) // SHORT
	tiff = bo.AppendUint32(tiff, 1)
	tiff = bo.AppendUint16(tiff, o)
	tiff = append(tiff, 0, 0)
	tiff = bo.AppendUint32(tiff, 0)
	seg := append([]byte("Exif\x00\x00"), tiff...)
	b := []byte{0xFF, 0xD8, 0xFF, 0xE1}
	b = binary.BigEndian.AppendUint16(b, uint16(len(seg)+2))
	b = append(b, seg...)
	return append(b, 0xFF, 0xDA, 0, 2)
}

func TestOrientation(t *testing.T) {
	for _, o := range []uint16{1, 3, 6, 8} {
		if got := photo.Orientation(jpegWithOrientation(o, binary.BigEndian, "MM")); got != int(o) {
			t.Errorf("big-endian orientation %d: got %d", o, got)
		}
		if got := photo.Orientation(jpegWithOrientation(o, binary.LittleEndian, "II")); got != int(o) {
			t.Errorf("little-endian orientation %d: got %d", o, got)
		}
	}
	for name, b := range map[string][]byte{
		"empty":        nil,
		"png":          []byte("\x89PNG\r\n\x1a\n"),
		"no exif":      {0xFF, 0xD8, 0xFF, 0xDA, 0, 2},
		"cut short":    jpegWithOrientation(6, binary.BigEndian, "MM")[:20],
		"bad tiff":     jpegWithOrientation(6, binary.BigEndian, "XX"),
		"out of range": jpegWithOrientation(9, binary.BigEndian, "MM"),
	} {
		if got := photo.Orientation(b); got != 1 {
			t.Errorf("%s: got %d, want 1 (upright)", name, got)
		}
	}
}

func FuzzOrientation(f *testing.F) {
	f.Add(jpegWithOrientation(6, binary.BigEndian, "MM"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if o := photo.Orientation(b); o < 1 || o > 8 {
			t.Fatalf("orientation %d out of 1–8", o)
		}
	})
}
