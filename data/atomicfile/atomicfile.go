// Package atomicfile writes files so that a reader never sees half of one:
// the content goes to a temporary file beside the target, is flushed to
// disk, and only then renamed over the target. A failed or interrupted
// export leaves the old file (or none) and no stray temporary file. It also
// makes default file names that are safe on Windows, macOS and Linux.
package atomicfile

import (
	"bufio"
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
	msgNoFolder  = "The folder {{.Dir}} does not exist. Choose another folder."
	msgReadOnly  = "ILA Desk may not write in {{.Dir}}. Choose a folder you can write to."
	msgInUse     = "The file {{.Name}} is open in another program or write-protected. Close it there, or save under another name."
	msgDiskFull  = "There is not enough room on the disk for {{.Name}}. Free some space or choose another folder."
	msgNotFolder = "{{.Dir}} is a file, not a folder. Choose a folder."
	msgIsFolder  = "{{.Path}} is a folder. Choose a file name."
)

// Write writes the file at path with what fn writes, all or nothing: fn
// writes to a temporary file in the same folder, which is synced, closed and
// renamed over path. If fn or any step fails, the temporary file is removed
// and path is untouched. A missing or read-only folder, a full disk or a
// target locked by another program is a *data.Problem that says what to do.
func Write(path string, fn func(w io.Writer) error) error {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	dir = filepath.Clean(dir)
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return problem(msgNoFolder, dir, base, err)
	case err != nil:
		return problem(msgReadOnly, dir, base, err)
	case !info.IsDir():
		return problem(msgNotFolder, dir, base, nil)
	}
	mode := fs.FileMode(0o644)
	if old, err := os.Stat(path); err == nil && old.IsDir() {
		return data.NewProblem(msgIsFolder, map[string]any{"Path": path}) // before fn does all its work
	} else if err == nil && old.Mode().IsRegular() {
		mode = old.Mode().Perm() // replacing a file keeps its permissions
	}

	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return createProblem(dir, base, err)
	}
	tmp := f.Name()
	done := false
	defer func() {
		// On any failure, and when fn panics, leave nothing behind.
		if !done {
			f.Close()
			os.Remove(tmp)
		}
	}()

	bw := bufio.NewWriterSize(f, 256<<10)
	if err := fn(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return writeProblem(dir, base, fmt.Errorf("write %s: %w", tmp, err))
	}
	if err := f.Chmod(mode); err != nil && runtime.GOOS != "windows" {
		return fmt.Errorf("set permissions of %s: %w", tmp, err)
	}
	if err := f.Sync(); err != nil {
		return writeProblem(dir, base, fmt.Errorf("sync %s: %w", tmp, err))
	}
	if err := f.Close(); err != nil {
		return writeProblem(dir, base, fmt.Errorf("close %s: %w", tmp, err))
	}
	if err := os.Rename(tmp, path); err != nil {
		if errors.Is(err, fs.ErrPermission) {
			return problem(msgInUse, dir, base, err)
		}
		return fmt.Errorf("rename %s to %s: %w", tmp, path, err)
	}
	done = true
	syncDir(dir)
	return nil
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

func createProblem(dir, name string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return problem(msgNoFolder, dir, name, err)
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return problem(msgReadOnly, dir, name, err)
	case errors.Is(err, syscall.ENOSPC):
		return problem(msgDiskFull, dir, name, err)
	}
	return fmt.Errorf("create temporary file in %s: %w", dir, err)
}

func writeProblem(dir, name string, err error) error {
	if errors.Is(err, syscall.ENOSPC) {
		return problem(msgDiskFull, dir, name, err)
	}
	return err
}
