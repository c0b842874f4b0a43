package assets

import "embed"

// Fonts holds the TrueType family the PDF documents are set in (Liberation
// Sans: regular, bold, italic, bold italic; SIL Open Font License 1.1, see
// fonts/LICENSE.txt). Embedding them means every printed page has å, ä and ö
// whatever fonts the user's system has.
//
//go:embed fonts/*.ttf
var Fonts embed.FS
