//go:build !unix

package main

import "testing"

// The window test drives an X server (Xvfb) with xdotool; see
// window_test.go. Other systems have neither.
func TestWindowKeepsASwedishSubmissionTypedWithTheKeyboard(t *testing.T) {
	t.Skip("no Xvfb: the window test runs on Linux with xvfb xdotool x11-xkb-utils imagemagick tesseract-ocr poppler-utils")
}
