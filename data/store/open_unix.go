//go:build unix

package store

import "syscall"

// dirWritable reports whether a file can be made in dir.
func dirWritable(dir string) bool {
	const wOK = 2 // W_OK
	return syscall.Access(dir, wOK) == nil
}
