// Package picture tells from a picture's header alone how much memory
// decoding it would take, and refuses to decode what exceeds a budget. A
// small file can claim a huge picture: a 0.8 MB PNG of 10000×10000 16-bit
// pixels decodes to 800 MB, and Go's decoders allocate the whole picture as
// soon as they have read its size. Everything in ILA Desk that decodes a
// photo (the PDFs, the store's thumbnails) asks here first.
package picture

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
)

// Budget is the most memory, in bytes, that decoding one picture may take:
// the pixels in Go's image type plus the decoder's own working memory. It is
// 256 MiB: a 170-megapixel JPEG as cameras write it (4:2:0, baseline), a
// 34-megapixel progressive one, a 64-megapixel 8-bit PNG or a 32-megapixel
// 16-bit one. Phones take 12–50 megapixels, so every real photo fits, and
// two decodes at once still leave room on a machine with 2 GB.
const Budget = 256 << 20

// ErrTooLarge is the cause of the error Check returns for a picture whose
// decoding would take more than Budget.
var ErrTooLarge = errors.New("picture too large to decode")

// ErrNotPicture is the cause of the error for bytes that are not a JPEG or
// PNG picture with a readable header.
var ErrNotPicture = errors.New("not a JPEG or PNG picture")

// Header is what a picture's header says about it.
type Header struct {
	Format        string // "jpeg" or "png"
	Width, Height int
	// Decoded is the memory, in bytes, that decoding takes: the picture in
	// the image type the decoder returns, plus the coefficients of a
	// progressive JPEG or the passes of an interlaced PNG.
	Decoded int64
}

// Pixels is Width×Height.
func (h Header) Pixels() int64 { return int64(h.Width) * int64(h.Height) }

// ReadHeader reads the header of a JPEG or PNG picture, without decoding
// its pixels.
func ReadHeader(b []byte) (Header, error) {
	switch {
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return pngHeader(b)
	case bytes.HasPrefix(b, []byte("\xFF\xD8")):
		return jpegHeader(b)
	}
	return Header{}, ErrNotPicture
}

// Check reads the header and returns an error with ErrTooLarge as its cause
// when decoding the picture would take more than Budget.
func Check(b []byte) (Header, error) {
	h, err := ReadHeader(b)
	if err != nil {
		return h, err
	}
	if h.Decoded > Budget {
		return h, fmt.Errorf("%w: %d×%d pixels would take %d MB, more than %d MB", ErrTooLarge,
			h.Width, h.Height, h.Decoded>>20, Budget>>20)
	}
	return h, nil
}

// Decode checks the picture with Check and, when it fits in Budget,
// decodes it.
func Decode(b []byte) (image.Image, Header, error) {
	h, err := Check(b)
	if err != nil {
		return nil, h, err
	}
	var img image.Image
	if h.Format == "png" {
		img, err = png.Decode(bytes.NewReader(b))
	} else {
		img, err = jpeg.Decode(bytes.NewReader(b))
	}
	if err != nil {
		return nil, h, fmt.Errorf("decode %s: %w", h.Format, err)
	}
	return img, h, nil
}

func pngHeader(b []byte) (Header, error) {
	cfg, err := png.DecodeConfig(bytes.NewReader(b))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 || len(b) < 29 {
		return Header{}, fmt.Errorf("%w: %v", ErrNotPicture, err)
	}
	h := Header{Format: "png", Width: cfg.Width, Height: cfg.Height}
	// The image type the decoder returns, by the colour model the header
	// gives: 1 byte a pixel for grey and palettes, 2 for 16-bit grey, 4 for
	// 8-bit colour, 8 for 16-bit colour.
	// Grey with a transparent colour (tRNS) becomes colour with alpha.
	var per int64
	switch cfg.ColorModel {
	case color.GrayModel:
		per = 1
		if pngHasTRNS(b) {
			per = 4
		}
	case color.Gray16Model:
		per = 2
		if pngHasTRNS(b) {
			per = 8
		}
	case color.RGBAModel, color.NRGBAModel:
		per = 4
	case color.RGBA64Model, color.NRGBA64Model:
		per = 8
	default: // a palette
		per = 1
	}
	h.Decoded = h.Pixels() * per
	// The decoder also keeps two rows of the raw data; an interlaced PNG is
	// decoded pass by pass into pictures of their own, then copied: twice
	// the memory.
	h.Decoded += 2 * (int64(cfg.Width)*8 + 1)
	if b[28] == 1 {
		h.Decoded *= 2
	}
	return h, nil
}

// pngHasTRNS reports whether a tRNS chunk comes before the image data.
func pngHasTRNS(b []byte) bool {
	for i := 8; i+8 <= len(b); {
		n := int64(binary.BigEndian.Uint32(b[i:]))
		switch string(b[i+4 : i+8]) {
		case "tRNS":
			return true
		case "IDAT", "IEND":
			return false
		}
		next := int64(i) + 12 + n
		if next > int64(len(b)) {
			return false
		}
		i = int(next)
	}
	return false
}

// jpegHeader reads the frame header (SOFn) for the size, the components and
// their sampling, and whether the picture is progressive.
func jpegHeader(b []byte) (Header, error) {
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(b))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return Header{}, fmt.Errorf("%w: %v", ErrNotPicture, err)
	}
	h := Header{Format: "jpeg", Width: cfg.Width, Height: cfg.Height}
	f, ok := jpegFrame(b)
	if !ok {
		// The decoder read a size, but not a frame this parser knows:
		// count the most any JPEG can take, 15 bytes a pixel.
		h.Decoded = h.Pixels() * 15
		return h, nil
	}
	// The picture is allocated in whole blocks of 8×8 pixels per component,
	// in whole MCUs: pad the size to them.
	mcuW, mcuH := 8*f.hmax, 8*f.vmax
	w := int64((cfg.Width + mcuW - 1) / mcuW * mcuW)
	hh := int64((cfg.Height + mcuH - 1) / mcuH * mcuH)
	var samples int64 // bytes of all components at their sampling
	for _, c := range f.comps {
		samples += w * hh * int64(c.h*c.v) / int64(f.hmax*f.vmax)
	}
	h.Decoded = samples
	if len(f.comps) == 4 {
		h.Decoded += w * hh * 4 // CMYK is converted into a picture of its own
	}
	if f.progressive {
		h.Decoded += samples * 4 // a block of 64 int32 coefficients per 64 samples
	}
	return h, nil
}

type jpegComponent struct{ h, v int }

type frame struct {
	progressive bool
	comps       []jpegComponent
	hmax, vmax  int
}

// jpegFrame finds the frame header: segments are walked from the start of
// the file until a SOFn marker.
func jpegFrame(b []byte) (frame, bool) {
	for i := 2; i+4 <= len(b); {
		if b[i] != 0xFF {
			return frame{}, false
		}
		m := b[i+1]
		if m == 0xFF { // fill
			i++
			continue
		}
		if m == 0x01 || m >= 0xD0 && m <= 0xD9 { // no length
			i += 2
			continue
		}
		n := int(binary.BigEndian.Uint16(b[i+2:]))
		if n < 2 || i+2+n > len(b) {
			return frame{}, false
		}
		seg := b[i+4 : i+2+n]
		if m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC {
			if len(seg) < 6 {
				return frame{}, false
			}
			nc := int(seg[5])
			if nc < 1 || nc > 4 || len(seg) < 6+3*nc {
				return frame{}, false
			}
			f := frame{progressive: m == 0xC2 || m == 0xC6 || m == 0xCA || m == 0xCE}
			for k := 0; k < nc; k++ {
				hv := seg[6+3*k+1]
				c := jpegComponent{h: int(hv >> 4), v: int(hv & 15)}
				if c.h < 1 || c.h > 4 || c.v < 1 || c.v > 4 {
					return frame{}, false
				}
				f.comps = append(f.comps, c)
				f.hmax, f.vmax = max(f.hmax, c.h), max(f.vmax, c.v)
			}
			return f, true
		}
		i += 2 + n
	}
	return frame{}, false
}
