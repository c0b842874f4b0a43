package picture_test

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"context"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	_ "image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/picture"
	"github.com/handelskammaren/ila-desk/data/store"
)

// TestRSSProbe measures decoding the PNG of issue 9 (10000×10000 pixels
// of 16-bit RGBA, 0.8 MB) for BENCHMARKS.md, run as a test binary under
// /usr/bin/time -v. It is skipped unless ILA_RSS_PROBE is set:
//
//	ILA_RSS_PROBE=make ILA_RSS_FILE=bomb.png     writes the PNG
//	ILA_RSS_PROBE=image.Decode|picture.Decode|store ILA_RSS_FILE=bomb.png
//
// "store" attaches it with store.AddAttachment, which makes a thumbnail.
func TestRSSProbe(t *testing.T) {
	probe, path := os.Getenv("ILA_RSS_PROBE"), os.Getenv("ILA_RSS_FILE")
	if probe == "" || path == "" {
		t.Skip("set ILA_RSS_PROBE and ILA_RSS_FILE to measure")
	}
	if probe == "make" {
		if err := writeBombPNG(path, 10000, 10000); err != nil {
			t.Fatal(err)
		}
		return
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	switch probe {
	case "image.Decode":
		_, _, err = image.Decode(bytes.NewReader(b))
	case "picture.Decode":
		_, _, err = picture.Decode(b)
	case "store":
		ctx := context.Background()
		st, serr := store.Open(ctx, filepath.Join(t.TempDir(), "ila.db"))
		if serr != nil {
			t.Fatal(serr)
		}
		defer st.Close()
		id, serr := st.CreateSubmission(ctx, data.Submission{Title: "Bomb"})
		if serr != nil {
			t.Fatal(serr)
		}
		_, err = st.AddAttachment(ctx, id.ID, data.Attachment{Name: "bomb.png", Data: b})
	default:
		t.Fatalf("unknown probe %q", probe)
	}
	fmt.Printf("%s -> %v in %v\n", probe, err, time.Since(start).Round(time.Millisecond))
}

// writeBombPNG writes a real PNG of w×h black 16-bit RGBA pixels, row by
// row: 8 bytes a pixel when decoded, a thousandth of that on disk.
func writeBombPNG(path string, w, h int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	bw := bufio.NewWriter(f)
	chunk := func(typ string, data []byte) {
		binary.Write(bw, binary.BigEndian, uint32(len(data)))
		c := crc32.NewIEEE()
		c.Write([]byte(typ))
		c.Write(data)
		bw.WriteString(typ)
		bw.Write(data)
		binary.Write(bw, binary.BigEndian, c.Sum32())
	}
	bw.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 16, 6
	chunk("IHDR", ihdr)
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	row := make([]byte, 1+8*w)
	for range h {
		zw.Write(row)
	}
	zw.Close()
	chunk("IDAT", z.Bytes())
	chunk("IEND", nil)
	return bw.Flush()
}
