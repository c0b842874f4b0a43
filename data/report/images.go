package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"

	"github.com/jung-kurt/gofpdf"

	"github.com/handelskammaren/ila-desk/data/photo"
	"github.com/handelskammaren/ila-desk/data/picture"
)

// preparedImage is a photo checked and, if needed, converted so gofpdf
// takes it without error: gofpdf's error is sticky, so one odd picture
// would otherwise cost the user the whole document.
type preparedImage struct {
	name   string // gofpdf's registration name
	data   []byte
	kind   string // "JPG" or "PNG"
	w, h   int    // pixels as displayed, after the EXIF orientation
	orient int    // EXIF orientation reduced to a rotation: 1, 3, 6 or 8
	ok     bool
	reg    bool
}

// prepare checks a photo once per document; both passes share the result.
func (d *doc) prepare(b []byte) *preparedImage {
	sum := sha256.Sum256(b)
	key := hex.EncodeToString(sum[:12])
	if im, ok := d.images[key]; ok {
		return im
	}
	im := prepareImage(b)
	im.name = "photo-" + key
	d.images[key] = im
	return im
}

func prepareImage(b []byte) *preparedImage {
	im := &preparedImage{orient: 1}
	switch {
	case bytes.HasPrefix(b, []byte("\xFF\xD8\xFF")):
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(b))
		if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
			return im
		}
		im.kind, im.data, im.w, im.h = "JPG", b, cfg.Width, cfg.Height
		switch cfg.ColorModel {
		case color.GrayModel, color.YCbCrModel, color.CMYKModel:
		default:
			// Decoded only to be encoded again: within the pixel budget
			// (picture.Budget), else a placeholder.
			img, _, err := picture.Decode(b)
			if err != nil {
				return im
			}
			var buf bytes.Buffer
			if jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}) != nil {
				return im
			}
			im.data = buf.Bytes()
		}
		im.orient = rotation(photo.Orientation(b))
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) && len(b) > 33:
		// Decoding the whole picture proves the data is sound; gofpdf
		// itself reads only part of it and fails later on bad data. The
		// header says first what decoding takes; a picture past the budget
		// (picture.Budget, with the copy a 16-bit or interlaced one needs)
		// is shown as a placeholder without being decoded.
		h, err := picture.ReadHeader(b)
		depth, interlace := b[24], b[28]
		convert := depth > 8 || interlace != 0
		need := h.Decoded
		if convert {
			need += 4 * h.Pixels()
		}
		if err != nil || h.Format != "png" || need > picture.Budget {
			return im
		}
		img, _, err := picture.Decode(b)
		if err != nil {
			return im
		}
		im.kind, im.data, im.w, im.h = "PNG", b, h.Width, h.Height
		if convert {
			// gofpdf reads neither 16-bit nor interlaced PNGs.
			rgba := image.NewNRGBA(img.Bounds())
			draw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, draw.Src)
			var buf bytes.Buffer
			if png.Encode(&buf, rgba) != nil {
				return im
			}
			im.data = buf.Bytes()
		}
	default:
		return im
	}
	if im.orient == 6 || im.orient == 8 {
		im.w, im.h = im.h, im.w
	}
	im.ok = true
	return im
}

// rotation reduces an EXIF orientation to the turn the page can make:
// mirrored orientations (2, 4, 5, 7; rare outside selfies) print unmirrored.
func rotation(o int) int {
	switch o {
	case 3, 4:
		return 3
	case 5, 6:
		return 6
	case 7, 8:
		return 8
	}
	return 1
}

// photoBox is the size a photo takes: the picture (or the note that
// replaces it) and its caption.
type photoBox struct {
	im         *preparedImage
	w, h       float64
	maxW       float64 // the column the picture is centred in
	capLines   []line
	capP       para
	capH, full float64
}

// Photos flow two to a page: each with its caption takes at most half the
// text area, photoGap apart. One that does not fit in what is left of a
// page is scaled down to fit there, to no less than minPhotoScale of its
// size, rather than leave that room empty.
const (
	photoGap      = 4.0
	photoSlot     = (contentBottom - contentTop - photoGap) / 2
	minPhotoScale = 0.7
)

// photoLayout sizes a picture to at most maxW by maxH millimetres and, with
// its caption, half the text area, never enlarged beyond 110 dpi.
func (d *doc) photoLayout(b []byte, caption string, maxW, maxH float64) photoBox {
	pb := photoBox{im: d.prepare(b), maxW: maxW}
	pb.capP = para{size: sizeSmall, st: italic, color: colMuted, width: maxW, align: 'C'}.withDefaults()
	if caption != "" {
		pb.capLines = d.wrap(plain(caption), pb.capP)
	}
	pb.capH = float64(len(pb.capLines)) * pb.capP.lineH
	if !pb.im.ok {
		pb.w, pb.h = maxW, 18
	} else {
		const dpi = 110.0
		w := float64(pb.im.w) / dpi * 25.4
		h := float64(pb.im.h) / dpi * 25.4
		if half := photoSlot - 1.5 - pb.capH; maxH > half {
			maxH = max(half, 20) // a caption of many lines may push past half
		}
		if w > maxW {
			h, w = h*maxW/w, maxW
		}
		if h > maxH {
			w, h = w*maxH/h, maxH
		}
		pb.w, pb.h = w, h
	}
	pb.full = pb.h + 1.5 + pb.capH
	return pb
}

// minFull is the least height the photo takes when scaled down to fit.
func (pb photoBox) minFull() float64 {
	if !pb.im.ok {
		return pb.full
	}
	return pb.h*minPhotoScale + 1.5 + pb.capH
}

// fitTo scales the picture down, keeping its shape, so that it and its
// caption take at most room, unless that would take it below
// minPhotoScale; then it is left as it is, for the next page.
func (pb photoBox) fitTo(room float64) photoBox {
	if !pb.im.ok || pb.full <= room || room < pb.minFull() {
		return pb
	}
	k := (room - 1.5 - pb.capH) / pb.h
	pb.w, pb.h = pb.w*k, pb.h*k
	pb.full = pb.h + 1.5 + pb.capH
	return pb
}

// photos draws pictures one under the other, two to a page where they fit,
// each kept with its caption.
func (d *doc) photos(boxes []photoBox) {
	for i, pb := range boxes {
		if i > 0 {
			d.space(photoGap)
		}
		if d.page > 0 {
			pb = pb.fitTo(contentBottom - d.y)
		}
		d.photo(pb)
	}
}

// photo draws a picture centred in the column with its caption below. A
// picture that cannot be shown leaves a framed note in its place instead of
// disappearing.
func (d *doc) photo(pb photoBox) {
	im, w, h, maxW := pb.im, pb.w, pb.h, pb.maxW
	d.need(pb.full)
	capX := marginL + (contentW-maxW)/2
	if !im.ok {
		x := marginL + (contentW-w)/2
		d.strokeRect(x, d.y, w, h, 0.3, colGrid)
		np := para{size: sizeSmall, color: colMuted, width: w - 6, align: 'C'}.withDefaults()
		ls := d.wrap(plain(d.t("This picture could not be shown: only JPEG and PNG pictures can be printed.")), np)
		y := d.y + (h-float64(len(ls))*np.lineH)/2
		for _, l := range ls {
			d.drawLine(l, x+3, y, np)
			y += np.lineH
		}
		d.y += h + 1.5
		d.captionLines(pb.capLines, pb.capP, capX)
		return
	}
	x := marginL + (contentW-w)/2
	d.ink()
	if !d.dry {
		if !im.reg {
			d.pdf.RegisterImageOptionsReader(im.name, gofpdf.ImageOptions{ImageType: im.kind}, bytes.NewReader(im.data))
			im.reg = true
		}
		opts := gofpdf.ImageOptions{ImageType: im.kind}
		if im.orient == 1 {
			d.pdf.ImageOptions(im.name, x, d.y, w, h, false, opts, 0, "")
		} else {
			cx, cy := x+w/2, d.y+h/2
			rw, rh := w, h
			angle := 180.0
			switch im.orient {
			case 6:
				rw, rh, angle = h, w, -90
			case 8:
				rw, rh, angle = h, w, 90
			}
			d.pdf.TransformBegin()
			d.pdf.TransformRotate(angle, cx, cy)
			d.pdf.ImageOptions(im.name, cx-rw/2, cy-rh/2, rw, rh, false, opts, 0, "")
			d.pdf.TransformEnd()
		}
		d.strokeRect(x, d.y, w, h, 0.2, colGrid)
	}
	d.y += h + 1.5
	d.captionLines(pb.capLines, pb.capP, capX)
}

func (d *doc) captionLines(ls []line, p para, x float64) {
	for _, l := range ls {
		d.drawLine(l, x, d.y, p)
		d.y += p.lineH
	}
}
