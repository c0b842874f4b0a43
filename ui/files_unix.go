//go:build unix

package ui

import (
	"os"
	"syscall"
)

// ownedByUser reports whether the user running ILA Desk owns fi.
func ownedByUser(fi os.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return !ok || int(st.Uid) == os.Getuid()
}
