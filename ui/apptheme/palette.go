package apptheme

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// The chamber's blue. In light it is the primary colour as it is; in dark a
// lighter tint of the same hue stands in, since the deep blue itself reaches
// only ~2.4:1 on a dark background.
var (
	chamberBlue     = rgb(0x00558c) // 7.8:1 on white, white on it 7.8:1
	chamberBlueTint = rgb(0x73b5e6) // 8.3:1 on the dark background, its text 8.0:1
)

// Which colour Fyne draws each text with, and on what, is listed in the test
// (apptheme_test.go); every value here was chosen against those pairs.
// Fyne uses Disabled not only for disabled widgets but for every
// LowImportance label, so it is a readable secondary grey, not a faint one.
//
// Both variants set every colour name Fyne 2.8 has, so none falls back to
// Fyne's own low-contrast values.

var light = map[fyne.ThemeColorName]color.Color{
	theme.ColorNameBackground:        rgb(0xffffff),
	theme.ColorNameForeground:        rgb(0x111214),
	theme.ColorNameDisabled:          rgb(0x54575e), // secondary text, LowImportance labels
	theme.ColorNamePlaceHolder:       rgb(0x54575e),
	theme.ColorNameButton:            rgb(0xe8ebef),
	theme.ColorNameDisabledButton:    rgb(0xeff0f2),
	theme.ColorNameInputBackground:   rgb(0xf4f5f7),
	theme.ColorNameInputBorder:       rgb(0x7b808a),
	theme.ColorNameMenuBackground:    rgb(0xf7f7f8),
	theme.ColorNameOverlayBackground: rgb(0xffffff),
	theme.ColorNameHeaderBackground:  rgb(0xf0f2f5),

	theme.ColorNameHover:     rgba(0x000000, 0x1a),
	theme.ColorNamePressed:   rgba(0x000000, 0x24),
	theme.ColorNameSelection: rgba(0x00558c, 0x30),
	// Focus fills focused buttons, selects and the active menu row under
	// Foreground, and rings hyperlinks and checks: a mid blue, dark enough
	// to stand 3:1 off white, light enough for dark text on it.
	theme.ColorNameFocus: rgba(0x0074f8, 0xcc),

	theme.ColorNamePrimary:             chamberBlue,
	theme.ColorNameForegroundOnPrimary: rgb(0xffffff),
	theme.ColorNameHyperlink:           rgb(0x0068ad), // lighter than the primary, to stand 3:1 apart from text

	theme.ColorNameError:               rgb(0xa8231c),
	theme.ColorNameForegroundOnError:   rgb(0xffffff),
	theme.ColorNameSuccess:             rgb(0x19662e),
	theme.ColorNameForegroundOnSuccess: rgb(0xffffff),
	theme.ColorNameWarning:             rgb(0x844c00),
	theme.ColorNameForegroundOnWarning: rgb(0xffffff),

	theme.ColorNameSeparator:                 rgb(0x8b9099),
	theme.ColorNameScrollBar:                 rgba(0x000000, 0x99),
	theme.ColorNameScrollBarBackground:       rgb(0xdbdbdb),
	theme.ColorNameShadow:                    rgba(0x000000, 0x44),
	theme.ColorNameInnerWindowBorder:         rgb(0xffffff),
	theme.ColorNameInnerWindowBorderInactive: rgb(0xf9f9f9),
}

var dark = map[fyne.ThemeColorName]color.Color{
	theme.ColorNameBackground:        rgb(0x121417),
	theme.ColorNameForeground:        rgb(0xf8f8f8),
	theme.ColorNameDisabled:          rgb(0xa9adb4), // secondary text, LowImportance labels
	theme.ColorNamePlaceHolder:       rgb(0xa9adb4),
	theme.ColorNameButton:            rgb(0x2a2d33),
	theme.ColorNameDisabledButton:    rgb(0x22252a),
	theme.ColorNameInputBackground:   rgb(0x1c1f24),
	theme.ColorNameInputBorder:       rgb(0x7a7f88),
	theme.ColorNameMenuBackground:    rgb(0x25282d),
	theme.ColorNameOverlayBackground: rgb(0x181b20),
	theme.ColorNameHeaderBackground:  rgb(0x1a1d21),

	theme.ColorNameHover:     rgba(0xffffff, 0x12),
	theme.ColorNamePressed:   rgba(0xffffff, 0x40),
	theme.ColorNameSelection: rgba(0x73b5e6, 0x33),
	// See light: a steel blue that lifts the dark background to 3:1 and
	// keeps light text 4.5:1 on it.
	theme.ColorNameFocus: rgba(0x607cac, 0xcc),

	theme.ColorNamePrimary:             chamberBlueTint,
	theme.ColorNameForegroundOnPrimary: rgb(0x0b1a26),
	theme.ColorNameHyperlink:           rgb(0x4a92cc), // darker than the primary, to stand 3:1 apart from text

	theme.ColorNameError:               rgb(0xff8f87),
	theme.ColorNameForegroundOnError:   rgb(0x141414),
	theme.ColorNameSuccess:             rgb(0x6fdc8c),
	theme.ColorNameForegroundOnSuccess: rgb(0x141414),
	theme.ColorNameWarning:             rgb(0xffb74d),
	theme.ColorNameForegroundOnWarning: rgb(0x141414),

	theme.ColorNameSeparator:                 rgb(0x6e737c),
	theme.ColorNameScrollBar:                 rgba(0xffffff, 0x99),
	theme.ColorNameScrollBarBackground:       rgb(0x1c1f24),
	theme.ColorNameShadow:                    rgba(0x000000, 0x77),
	theme.ColorNameInnerWindowBorder:         rgb(0x1b1e23),
	theme.ColorNameInnerWindowBorderInactive: rgb(0x16181c),
}

// rgb is an opaque colour from 0xRRGGBB.
func rgb(hex uint32) color.NRGBA { return rgba(hex, 0xff) }

// rgba is 0xRRGGBB with alpha a.
func rgba(hex uint32, a uint8) color.NRGBA {
	return color.NRGBA{R: uint8(hex >> 16), G: uint8(hex >> 8), B: uint8(hex), A: a}
}
