package main

import "github.com/go-gl/glfw/v3.4/glfw"

// screenSize is the usable area of the primary screen (without task bars)
// in Fyne's units, or zeros when it cannot be told. Fyne has no API for it;
// GLFW, which Fyne's window runs on, has. It must run on the main goroutine
// after the first window is made, when GLFW is set up.
func screenSize() (w, h float32) {
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return 0, 0
	}
	_, _, pw, ph := m.GetWorkarea()
	sx, sy := m.GetContentScale()
	if sx <= 0 || sy <= 0 {
		sx, sy = 1, 1
	}
	return float32(pw) / sx, float32(ph) / sy
}
