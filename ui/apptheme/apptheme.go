// Package apptheme is the ILA Desk look: the chamber's blue, readable
// contrast in light and dark.
//
// It wraps Fyne's default theme and replaces every colour, so that text
// reaches WCAG 2.2 AA (4.5:1) on the backgrounds Fyne draws it on, and
// borders, separators and the focus indicator reach 3:1; apptheme_test.go
// lists the pairs, with the Fyne source lines that draw them. Fonts and
// icons are Fyne's, and so are the sizes but one: the input border is 2,
// not 1, so that the focused entry's border is easy to see.
package apptheme

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Mode is the appearance the user chose. Its value is what is stored in the
// preferences; the zero value follows the system.
type Mode string

// The appearances.
const (
	ModeSystem Mode = ""      // follow the variant the OS and Fyne's settings ask for
	ModeLight  Mode = "light" // always light
	ModeDark   Mode = "dark"  // always dark
)

// Modes are the appearances in the order a setting should offer them.
func Modes() []Mode { return []Mode{ModeSystem, ModeLight, ModeDark} }

// ParseMode reads a stored appearance. An unknown value gives ModeSystem and
// an error, so a damaged preference falls back to following the system.
func ParseMode(s string) (Mode, error) {
	switch m := Mode(strings.ToLower(strings.TrimSpace(s))); m {
	case ModeSystem, ModeLight, ModeDark:
		return m, nil
	}
	return ModeSystem, fmt.Errorf("parse appearance %q: want %q, %q or %q", s, ModeSystem, ModeLight, ModeDark)
}

// New is the ILA Desk theme in mode m; a Mode that is not one of the
// constants follows the system. Install it with
// app.Settings().SetTheme(apptheme.New(m)).
func New(m Mode) fyne.Theme {
	m, _ = ParseMode(string(m)) // an unknown mode follows the system, as documented
	return &ilaTheme{mode: m, base: theme.DefaultTheme()}
}

// ilaTheme overrides the colours of base, and the variant in ModeLight and
// ModeDark.
type ilaTheme struct {
	mode Mode
	base fyne.Theme
}

var _ fyne.Theme = (*ilaTheme)(nil)

// variant is the variant to draw: the one Fyne asks for (the OS setting)
// unless the user chose light or dark.
func (t *ilaTheme) variant(v fyne.ThemeVariant) fyne.ThemeVariant {
	switch t.mode {
	case ModeLight:
		return theme.VariantLight
	case ModeDark:
		return theme.VariantDark
	}
	return v
}

// Color is our palette's colour for n. Fyne treats every variant but light
// as dark, and so do we. A name Fyne adds later comes from the base theme.
func (t *ilaTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	v = t.variant(v)
	p := dark
	if v == theme.VariantLight {
		p = light
	}
	if c, ok := p[n]; ok {
		return c
	}
	return t.base.Color(n, v)
}

func (t *ilaTheme) Font(s fyne.TextStyle) fyne.Resource { return t.base.Font(s) }

func (t *ilaTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base.Icon(n) }

// Size is Fyne's, but for the input border: an entry shows focus only by
// its border turning the primary colour, and at Fyne's 1 px that change is
// easy to miss; 2 px is the least WCAG 2.4.13 asks of a focus indicator.
func (t *ilaTheme) Size(n fyne.ThemeSizeName) float32 {
	if n == theme.SizeNameInputBorder {
		return inputBorder
	}
	return t.base.Size(n)
}

// inputBorder is the thickness of entry borders, in Fyne units.
const inputBorder = 2
