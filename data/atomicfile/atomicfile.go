// Package atomicfile writes files so that a reader never sees half of one:
// the content goes to a temporary file beside the target, is flushed to
// disk, and only then renamed over the target. A failed or interrupted
// export leaves the old file (or none) and no stray temporary file; one left
// by a killed process is removed later (RemoveStale). New files get the
// permissions the user's umask allows, or the owner's only for files with
// personal data; a write-protected file is not replaced unless asked. It
// also makes default file names that are safe on Windows, macOS and Linux.
package atomicfile

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"syscall"

	"github.com/handelskammaren/ila-desk/data"
)

// The sentences a person sees when a file cannot be saved. They are also
// the translation keys (assets/translations/report.*.json).
const (
	msgNoFolder       = "The folder {{.Dir}} does not exist. Choose another folder."
	msgNoPermission   = "ILA Desk may not write in {{.Dir}}. Choose a folder you can write to."
	msgReadOnlyDisk   = "The folder {{.Dir}} is on a read-only disk (a locked memory card, a CD or a share mounted read-only). Choose another folder."
	msgInUse          = "The file {{.Name}} is open in another program or write-protected. Close it there, or save under another name."
	msgWriteProtected = "The file {{.Name}} in {{.Dir}} is write-protected, so ILA Desk did not replace it. Save under another name, or confirm that it may be replaced."
	msgDiskFull       = "There is not enough room on the disk for {{.Name}}. Free some space or choose another folder."
	msgDiskError      = "The disk reported an error while {{.Name}} was written, so it was not saved. Check the disk or memory stick, or choose another folder."
	msgNameTooLong    = "The name {{.Name}} is too long for the folder {{.Dir}}. Choose a shorter name."
	msgNotFolder      = "{{.Dir}} is a file, not a folder. Choose a folder."
	msgIsFolder       = "{{.Path}} is a folder. Choose a file name."
)

// Messages lists the sentences of this package, for the translation tests.
var Messages = []string{msgNoFolder, msgNoPermission, msgReadOnlyDisk, msgInUse, msgWriteProtected, msgDiskFull,
	msgDiskError, msgNameTooLong, msgNotFolder, msgIsFolder}

// ErrWriteProtected is the cause of the problem Write returns when the
// target is write-protected (no one may write it: chmod a-w, or the
// read-only attribute on Windows) and ReplaceProtected was not given. The
// window asks whether to replace it; the command line refuses unless told
// --force.
var ErrWriteProtected = errors.New("file is write-protected")

// Option changes how Write writes.
type Option int

const (
	// Private makes a new file readable and writable by its owner only
	// (0600), for files with personal data such as an exchange package's
	// contact details; a file it replaces keeps no more than its owner's
	// permissions. Without it a new file gets 0666 less the umask.
	Private Option = 1 << iota
	// ReplaceProtected replaces a write-protected target, for when the
	// person has confirmed it. The new file keeps the old one's
	// permissions, write protection included.
	ReplaceProtected
)

// Write writes the file at path with what fn writes, all or nothing: fn
// writes to a temporary file in the same folder, which is synced, closed and
// renamed over path. If fn or any step fails, the temporary file is removed
// and path is untouched. A missing folder, one ILA Desk may not write in, a
// read-only disk, a full disk, a disk error, a target locked by another
// program and a write-protected target (ErrWriteProtected) are each a
// *data.Problem with its own sentence, also when the error reached fn
// through w. Temporary files of path that a killed process left more than
// StaleAge ago are removed.
func Write(path string, fn func(w io.Writer) error, opts ...Option) error {
	var opt Option
	for _, o := range opts {
		opt |= o
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	dir = filepath.Clean(dir)
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return problem(msgNoFolder, dir, base, err)
	case errors.Is(err, syscall.ENOTDIR):
		return problem(msgNotFolder, dir, base, err)
	case err != nil:
		return classify(dir, base, fmt.Errorf("look at folder %s: %w", dir, err), msgNoPermission)
	case !info.IsDir():
		return problem(msgNotFolder, dir, base, nil)
	}
	perm := fs.FileMode(0o666) // less the umask, which the system applies
	if opt&Private != 0 {
		perm = 0o600
	}
	keep := fs.FileMode(0) // the permissions of the file replaced
	if old, err := os.Stat(path); err == nil && old.IsDir() {
		return data.NewProblem(msgIsFolder, map[string]any{"Path": path}) // before fn does all its work
	} else if err == nil && old.Mode().IsRegular() {
		if protected(old) && opt&ReplaceProtected == 0 {
			return problem(msgWriteProtected, dir, base, ErrWriteProtected)
		}
		keep = old.Mode().Perm()
		if opt&Private != 0 {
			keep &= 0o700
		}
	}

	f, tmp, err := createTemp(dir, base, perm)
	if err != nil {
		return classify(dir, base, fmt.Errorf("create temporary file in %s: %w", dir, err), msgNoPermission)
	}
	done := false
	defer func() {
		// On any failure, and when fn panics, leave nothing behind.
		if !done {
			f.Close()
			os.Remove(tmp)
		}
	}()

	rw := &recordingWriter{w: f}
	bw := bufio.NewWriterSize(rw, 256<<10)
	if err := fn(bw); err != nil {
		// A write that failed on the way to the disk says more than
		// what fn made of it.
		if rw.err != nil {
			return classify(dir, base, fmt.Errorf("write %s: %w", tmp, rw.err), msgNoPermission)
		}
		return err
	}
	if err := bw.Flush(); err != nil {
		return classify(dir, base, fmt.Errorf("write %s: %w", tmp, err), msgNoPermission)
	}
	if keep != 0 {
		if err := f.Chmod(keep); err != nil && runtime.GOOS != "windows" {
			return fmt.Errorf("set permissions of %s: %w", tmp, err)
		}
	}
	if err := f.Sync(); err != nil {
		return classify(dir, base, fmt.Errorf("sync %s: %w", tmp, err), msgNoPermission)
	}
	if err := f.Close(); err != nil {
		return classify(dir, base, fmt.Errorf("close %s: %w", tmp, err), msgNoPermission)
	}
	if err := rename(tmp, path); err != nil {
		return classify(dir, base, fmt.Errorf("rename %s to %s: %w", tmp, path, err), msgInUse)
	}
	done = true
	syncDir(dir)
	removeStaleOf(dir, base)
	return nil
}

// protected reports whether a file is write-protected: nobody may write it
// (chmod a-w), or it is ours and we may not (chmod u-w). On Windows the
// read-only attribute shows as no write permission at all.
func protected(fi fs.FileInfo) bool {
	m := fi.Mode().Perm()
	return m&0o222 == 0 || m&0o200 == 0 && ownedByUs(fi)
}

// file is what Write needs of the temporary file; tests give a failing one.
type file interface {
	io.Writer
	Chmod(fs.FileMode) error
	Sync() error
	Close() error
}

// createTemp creates the temporary file, with perm (less the umask), named
// after the target so that RemoveStale can tell it from anything else.
var createTemp = func(dir, base string, perm fs.FileMode) (file, string, error) {
	for range 100 {
		name := filepath.Join(dir, tempName(base))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, "", err
		}
		return f, name, nil
	}
	return nil, "", fmt.Errorf("no free temporary name in %s", dir)
}

// rename is os.Rename; tests make it fail.
var rename = os.Rename

// tempName is ".NAME.ila-XXXXXXXXXXXXXXXX.tmp": hidden, named after the
// target (cut to keep the whole within every file system's 255 bytes), with
// 16 random hex digits.
func tempName(base string) string {
	var r [8]byte
	_, _ = rand.Read(r[:])
	return "." + cutUTF8(base, 200) + tempMark + hex.EncodeToString(r[:]) + tempExt
}

const (
	tempMark = ".ila-"
	tempExt  = ".tmp"
)

// recordingWriter keeps the first error of the file it writes to.
type recordingWriter struct {
	w   io.Writer
	err error
}

func (r *recordingWriter) Write(p []byte) (int, error) {
	n, err := r.w.Write(p)
	if err != nil && r.err == nil {
		r.err = err
	}
	return n, err
}

// syncDir makes the rename itself durable. Windows cannot open a folder
// for this, and some file systems refuse; the file is written either way,
// so failures are ignored.
func syncDir(dir string) {
	if runtime.GOOS == "windows" {
		return
	}
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}

func problem(msg, dir, name string, err error) *data.Problem {
	p := data.NewProblem(msg, map[string]any{"Dir": dir, "Name": name})
	if err != nil {
		p = p.Wrap(err)
	}
	return p
}

// classify gives err the sentence of what it says happened: a full disk, a
// read-only disk, no permission (the sentence denied), a disk error, a name
// too long. Any other error is returned as it is.
func classify(dir, name string, err error, denied string) error {
	switch {
	case isFull(err):
		return problem(msgDiskFull, dir, name, err)
	case errors.Is(err, syscall.EROFS):
		return problem(msgReadOnlyDisk, dir, name, err)
	case errors.Is(err, fs.ErrNotExist):
		return problem(msgNoFolder, dir, name, err)
	case errors.Is(err, syscall.ENAMETOOLONG):
		return problem(msgNameTooLong, dir, name, err)
	case errors.Is(err, syscall.EIO):
		return problem(msgDiskError, dir, name, err)
	case errors.Is(err, fs.ErrPermission):
		return problem(denied, dir, name, err)
	}
	return err
}

// Explain gives an error from writing the file at path the sentence Write
// would give it (a full disk, a read-only disk, no permission, a disk
// error), for code that writes files otherwise; any other error is
// returned as it is.
func Explain(path string, err error) error {
	if err == nil {
		return nil
	}
	if _, ok := data.AsProblem(err); ok {
		return err
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	return classify(filepath.Clean(dir), base, err, msgNoPermission)
}
