// Package assets embeds what ships inside the program: the icon, the
// Swedish and English translations, and the arena's default content.
package assets

import (
	"embed"
	_ "embed"
)

// Icon is the application icon (PNG, 512×512).
//
//go:embed icon.png
var Icon []byte

// DefaultContent is the arena content the store is filled with on first start,
// derived from the arena's own page.
//
//go:embed content/arena.json
var DefaultContent []byte

// Translations holds one JSON file per area and language, named
// AREA.LANG.json (for example ui.sv.json); fyne's lang package merges them.
//
//go:embed translations/*.json
var Translations embed.FS

// TranslationsDir is the folder inside Translations.
const TranslationsDir = "translations"
