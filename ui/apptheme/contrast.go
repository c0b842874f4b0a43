package apptheme

import (
	"image/color"
	"math"
)

// Contrast is the WCAG 2.2 contrast ratio of fg drawn on bg, from 1 (none)
// to 21 (black on white): (L1 + 0.05) / (L2 + 0.05) of the lighter and the
// darker relative luminance. A translucent fg is first composited over bg,
// as it is on screen. bg should be opaque: flatten a translucent one with
// Over onto what lies beneath it; as it stands it is read as drawn on black.
func Contrast(fg, bg color.Color) float64 {
	l1 := Luminance(Over(fg, bg))
	l2 := Luminance(bg)
	if l1 < l2 {
		l1, l2 = l2, l1
	}
	return (l1 + 0.05) / (l2 + 0.05)
}

// Over is top composited on bottom with the "source over" operator, in sRGB
// as Fyne's renderers blend (widget/button.go blendColor does the same).
func Over(top, bottom color.Color) color.Color {
	tr, tg, tb, ta := top.RGBA()
	br, bg, bb, ba := bottom.RGBA()
	mix := func(t, b uint32) uint16 { return uint16(t + b*(0xffff-ta)/0xffff) }
	return color.RGBA64{R: mix(tr, br), G: mix(tg, bg), B: mix(tb, bb), A: mix(ta, ba)}
}

// Luminance is the WCAG relative luminance of c, 0 for black to 1 for white.
// A translucent c counts as drawn on black.
func Luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA() // premultiplied: a translucent colour over black
	return 0.2126*linear(r) + 0.7152*linear(g) + 0.0722*linear(b)
}

// linear turns a 16-bit sRGB component into linear light (WCAG 2.2 uses the
// sRGB standard's 0.04045 threshold).
func linear(v uint32) float64 {
	c := float64(v) / 0xffff
	if c <= 0.04045 {
		return c / 12.92
	}
	return math.Pow((c+0.055)/1.055, 2.4)
}
