//go:build !windows

package main

// attachConsole does nothing outside Windows: there a program started from
// a terminal writes to it, and one started from a menu has nowhere to write
// (see console_windows.go).
func attachConsole() {}
