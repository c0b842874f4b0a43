//go:build !unix

package store

// dirWritable reports whether a file can be made in dir. Windows has no
// cheap answer; opening the database says it when not.
func dirWritable(string) bool { return true }
