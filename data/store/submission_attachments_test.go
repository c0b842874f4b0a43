package store_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/store"
)

func pdfBytes() []byte {
	return []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
}

// picture is w×h with a red left half and a blue right half, so that
// orientation can be seen.
func picture(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{200, 30, 30, 255}
			if x >= w/2 {
				c = color.RGBA{30, 30, 200, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

// jpegBytes encodes a w×h picture as JPEG with an EXIF orientation tag
// (none when orientation is 1).
func jpegBytes(t testing.TB, w, h, orientation int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, picture(w, h), &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	if orientation == 1 {
		return b
	}
	// APP1 "Exif\0\0" + big-endian TIFF with one IFD entry: 0x0112 SHORT.
	var tiff bytes.Buffer
	tiff.WriteString("MM\x00\x2a")
	binary.Write(&tiff, binary.BigEndian, uint32(8))
	binary.Write(&tiff, binary.BigEndian, uint16(1))
	binary.Write(&tiff, binary.BigEndian, []uint16{0x0112, 3})
	binary.Write(&tiff, binary.BigEndian, uint32(1))
	binary.Write(&tiff, binary.BigEndian, []uint16{uint16(orientation), 0})
	binary.Write(&tiff, binary.BigEndian, uint32(0))
	payload := append([]byte("Exif\x00\x00"), tiff.Bytes()...)
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	seg = append(seg, payload...)
	return append(append(append([]byte{}, b[:2]...), seg...), b[2:]...)
}

func pngBytes(t testing.TB, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, picture(w, h)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestAttachmentsRoundTrip(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	c := withClock(t, s)
	sub := mustCreate(t, s, data.Submission{Title: "Kajen"})
	c.add(time.Minute)

	tests := []struct {
		name, mime string
		data       []byte
		thumbW     int
		thumbH     int
		thumbMIME  string
	}{
		{"kaj.jpg", "image/jpeg", jpegBytes(t, 1024, 768, 1), 256, 192, "image/jpeg"},
		{"karta.png", "image/png", pngBytes(t, 300, 600), 128, 256, "image/png"},
		{"liten.png", "image/png", pngBytes(t, 40, 30), 40, 30, "image/png"},
		{"utredning.pdf", "application/pdf", pdfBytes(), 0, 0, ""},
		{"scan.jpg.pdf", "application/pdf", pdfBytes(), 0, 0, ""}, // the name does not decide
		{"utan-filändelse", "image/jpeg", jpegBytes(t, 100, 100, 1), 100, 100, "image/jpeg"},
	}
	var ids []int64
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := s.AddAttachment(ctx, sub.ID, data.Attachment{Name: tt.name, MIME: "text/plain", Caption: "Bild av " + tt.name, Data: tt.data})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, a.ID)
			if a.ID == 0 || len(a.UID) != 32 || a.MIME != tt.mime || a.Size != int64(len(tt.data)) || a.Data != nil || !a.Added.Equal(c.now()) {
				t.Errorf("added %+v, want an id, a UID, type %s, size %d, no data, added now", a, tt.mime, len(tt.data))
			}
			got, err := s.AttachmentData(ctx, a.ID)
			if err != nil || !bytes.Equal(got, tt.data) {
				t.Errorf("data: %d bytes (%v), want the %d bytes added", len(got), err, len(tt.data))
			}
			th, err := s.AttachmentThumbnail(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if tt.thumbW == 0 {
				if th != nil {
					t.Errorf("a document got a %d-byte thumbnail, want none", len(th))
				}
				return
			}
			cfg, format, err := image.DecodeConfig(bytes.NewReader(th))
			if err != nil {
				t.Fatalf("thumbnail: %v", err)
			}
			if "image/"+format != tt.thumbMIME || cfg.Width != tt.thumbW || cfg.Height != tt.thumbH {
				t.Errorf("thumbnail %s %d×%d, want %s %d×%d", format, cfg.Width, cfg.Height, tt.thumbMIME, tt.thumbW, tt.thumbH)
			}
		})
	}

	got, _ := s.Submission(ctx, sub.ID)
	if len(got.Attachments) != len(tests) {
		t.Fatalf("submission lists %d attachments, want %d", len(got.Attachments), len(tests))
	}
	for i, a := range got.Attachments {
		if a.Name != tests[i].name || a.Data != nil || a.Caption != "Bild av "+tests[i].name {
			t.Errorf("attachment %d: %+v, want %s with caption and no data", i, a, tests[i].name)
		}
	}
	if !got.Updated.Equal(c.now()) {
		t.Errorf("updated = %v, want the time of the last attachment %v", got.Updated, c.now())
	}

	c.add(time.Minute)
	if err := s.SetAttachmentCaption(ctx, ids[0], "Kajen från vattnet"); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveAttachment(ctx, ids[3]); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Submission(ctx, sub.ID)
	if len(got.Attachments) != len(tests)-1 || got.Attachments[0].Caption != "Kajen från vattnet" || !got.Updated.Equal(c.now()) {
		t.Errorf("after caption and removal: %d attachments, caption %q, updated %v", len(got.Attachments), got.Attachments[0].Caption, got.Updated)
	}
}

func TestAttachmentRefusals(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	sub := mustCreate(t, s, data.Submission{Title: "Kajen"})
	damaged := jpegBytes(t, 200, 200, 1)
	damaged = append(damaged[:300:300], bytes.Repeat([]byte{0x00}, 50)...)
	big := append(pdfBytes(), make([]byte, store.MaxAttachmentSize)...)

	tests := []struct {
		name    string
		data    []byte
		msg     string
		english string
	}{
		{"mote.jpg", []byte("Det här är text, inte en bild.\n"), "The file {{.Name}} is not a JPEG or PNG picture or a PDF document. Save it in one of those formats and attach it again.",
			"The file mote.jpg is not a JPEG or PNG picture or a PDF document. Save it in one of those formats and attach it again."},
		{"karta.gif", []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"), "The file {{.Name}} is not a JPEG or PNG picture or a PDF document. Save it in one of those formats and attach it again.", ""},
		{"index.html", []byte("<html><body>hej</body></html>"), "The file {{.Name}} is not a JPEG or PNG picture or a PDF document. Save it in one of those formats and attach it again.", ""},
		{"tom.pdf", nil, "The file {{.Name}} is empty. Choose another file.", "The file tom.pdf is empty. Choose another file."},
		{"stor.pdf", big, "The file {{.Name}} is {{.Size}} MB; an attachment may be at most {{.Limit}} MB. Make it smaller (a photo can be saved at a lower resolution) and attach it again.",
			"The file stor.pdf is 20.0 MB; an attachment may be at most 20 MB. Make it smaller (a photo can be saved at a lower resolution) and attach it again."},
		{"trasig.jpg", damaged, "The picture {{.Name}} could not be read; it may be damaged. Open it in an image program, save it again and attach it once more.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.AddAttachment(ctx, sub.ID, data.Attachment{Name: tt.name, MIME: "image/jpeg", Data: tt.data})
			p, ok := data.AsProblem(err)
			if !ok || p.Msg != tt.msg {
				t.Fatalf("got %v, want the problem %q", err, tt.msg)
			}
			if tt.english != "" && p.English() != tt.english {
				t.Errorf("message: got %q, want %q", p.English(), tt.english)
			}
		})
	}
	if got, _ := s.Submission(ctx, sub.ID); len(got.Attachments) != 0 {
		t.Errorf("refused files were stored: %+v", got.Attachments)
	}
	// Exactly the limit is fine.
	limit := append(pdfBytes(), make([]byte, store.MaxAttachmentSize-len(pdfBytes()))...)
	if _, err := s.AddAttachment(ctx, sub.ID, data.Attachment{Name: "gräns.pdf", Data: limit}); err != nil {
		t.Errorf("a file of exactly %d bytes: %v, want it accepted", store.MaxAttachmentSize, err)
	}
}

// A phone held upright writes its photo sideways with EXIF orientation 6;
// the thumbnail must stand upright: red (the picture's left) on top.
func TestThumbnailFollowsEXIFOrientation(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	sub := mustCreate(t, s, data.Submission{Title: "Foto"})
	tests := []struct {
		orientation   int
		w, h          int
		redAt, blueAt image.Point
	}{
		{1, 256, 128, image.Pt(10, 64), image.Pt(245, 64)},
		{3, 256, 128, image.Pt(245, 64), image.Pt(10, 64)},
		{6, 128, 256, image.Pt(64, 10), image.Pt(64, 245)},
		{8, 128, 256, image.Pt(64, 245), image.Pt(64, 10)},
	}
	for _, tt := range tests {
		a, err := s.AddAttachment(ctx, sub.ID, data.Attachment{Name: "foto.jpg", Data: jpegBytes(t, 600, 300, tt.orientation)})
		if err != nil {
			t.Fatal(err)
		}
		th, _ := s.AttachmentThumbnail(ctx, a.ID)
		img, err := jpeg.Decode(bytes.NewReader(th))
		if err != nil {
			t.Fatal(err)
		}
		if b := img.Bounds(); b.Dx() != tt.w || b.Dy() != tt.h {
			t.Errorf("orientation %d: thumbnail %d×%d, want %d×%d", tt.orientation, b.Dx(), b.Dy(), tt.w, tt.h)
			continue
		}
		if r, _, bl, _ := img.At(tt.redAt.X, tt.redAt.Y).RGBA(); r < bl {
			t.Errorf("orientation %d: not red at %v", tt.orientation, tt.redAt)
		}
		if r, _, bl, _ := img.At(tt.blueAt.X, tt.blueAt.Y).RGBA(); bl < r {
			t.Errorf("orientation %d: not blue at %v", tt.orientation, tt.blueAt)
		}
	}
}

func TestAttachmentNamesStayAsGiven(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	sub := mustCreate(t, s, data.Submission{Title: "Namn"})
	name := strings.Repeat("å", 3) + " ../../etc/passwd.pdf"
	a, err := s.AddAttachment(ctx, sub.ID, data.Attachment{Name: name, Data: pdfBytes()})
	if err != nil || a.Name != name {
		t.Errorf("name %q (%v), want %q kept: whoever writes it to disk cleans it", a.Name, err, name)
	}
}

func TestAPictureOverThePixelBudgetIsKeptWithoutAThumbnail(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	sub := mustCreate(t, s, data.Submission{Title: "Stor bild"})
	// A PNG whose header claims 10000×10000 pixels of 16-bit RGBA: a few
	// bytes on disk, 800 MB decoded. Its pixels are never read.
	a, err := s.AddAttachment(ctx, sub.ID, data.Attachment{Name: "stor.png", Data: pngClaiming(10000, 10000)})
	if err != nil {
		t.Fatalf("the picture was refused: %v", err)
	}
	thumb, err := s.AttachmentThumbnail(ctx, a.ID)
	if err != nil || len(thumb) != 0 {
		t.Errorf("thumbnail %d bytes, %v; want none for a picture over the budget", len(thumb), err)
	}
}

// pngClaiming is a PNG signature, a header for w×h 16-bit RGBA pixels and
// the end chunk: what a picture's header says, without its pixels.
func pngClaiming(w, h uint32) []byte {
	chunk := func(kind string, data []byte) []byte {
		var b bytes.Buffer
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(kind)
		b.Write(data)
		binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(kind), data...)))
		return b.Bytes()
	}
	var ihdr bytes.Buffer
	binary.Write(&ihdr, binary.BigEndian, w)
	binary.Write(&ihdr, binary.BigEndian, h)
	ihdr.Write([]byte{16, 6, 0, 0, 0}) // 16 bits, RGBA, deflate, no filter, no interlace
	out := []byte("\x89PNG\r\n\x1a\n")
	out = append(out, chunk("IHDR", ihdr.Bytes())...)
	return append(out, chunk("IEND", nil)...)
}
