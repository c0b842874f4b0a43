package atomicfile

import (
	"errors"
	"io/fs"
	"syscall"
)

// ownedByUs is true on Windows: the user's folders are the user's, and
// the program cannot read a file's owner without more of the Windows API.
func ownedByUs(fs.FileInfo) bool { return true }

// isFull reports ERROR_DISK_FULL and ERROR_HANDLE_DISK_FULL.
func isFull(err error) bool {
	return errors.Is(err, syscall.Errno(112)) || errors.Is(err, syscall.Errno(39)) || errors.Is(err, syscall.ENOSPC)
}
