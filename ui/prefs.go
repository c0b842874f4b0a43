package ui

import "fyne.io/fyne/v2"

// Preference keys and defaults.
const (
	prefLanguage     = "language" // "", "sv" or "en"
	prefWindowWidth  = "window.width"
	prefWindowHeight = "window.height"

	defaultWidth  = 1100
	defaultHeight = 720
)

// prefs wraps fyne's preferences in typed getters.
type prefs struct{ p fyne.Preferences }

// language is the user's choice of language, "" to follow the system.
func (p prefs) language() string { return p.p.StringWithFallback(prefLanguage, "") }

func (p prefs) setLanguage(l string) { p.p.SetString(prefLanguage, l) }

// windowSize is the remembered size of the main window.
func (p prefs) windowSize() (float32, float32) {
	w := p.p.FloatWithFallback(prefWindowWidth, defaultWidth)
	h := p.p.FloatWithFallback(prefWindowHeight, defaultHeight)
	if w < 600 || h < 400 {
		return defaultWidth, defaultHeight
	}
	return float32(w), float32(h)
}

func (p prefs) setWindowSize(w, h float32) {
	p.p.SetFloat(prefWindowWidth, float64(w))
	p.p.SetFloat(prefWindowHeight, float64(h))
}
