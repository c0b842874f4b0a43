//go:build !unix && !windows

package atomicfile

import (
	"errors"
	"io/fs"
	"syscall"
)

// ownedByUs is true where files have no owner the program can read.
func ownedByUs(fs.FileInfo) bool { return true }

func isFull(err error) bool { return errors.Is(err, syscall.ENOSPC) }
