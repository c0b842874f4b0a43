// Package settings keeps the user's preferences (language, theme, the last
// folder, the window's size…) in a small JSON file in ILA Desk's data
// folder, beside the database and its backups: %APPDATA%\ILA Desk on
// Windows, ~/Library/Application Support/ILA Desk on macOS, the XDG data
// folder on Linux. Changes are written atomically off the caller's
// goroutine, coalesced; Close writes what is pending.
package settings

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"sync"

	"github.com/handelskammaren/ila-desk/data/atomicfile"
)

// maxSize is the largest settings file read; a few hundred bytes is usual.
const maxSize = 1 << 20

// File is the preferences file. Its methods are safe for concurrent use.
type File struct {
	path string

	mu     sync.Mutex
	values map[string]any // bool, float64 or string, as JSON gives them
	err    error          // of the last write

	shut   bool          // Close was called: changes are kept in memory only
	dirty  chan struct{} // a change waits to be written
	closed chan struct{} // the writer has stopped
}

// Open reads the preferences at path. A file that does not exist gives no
// preferences (Existed says so); one that cannot be read as preferences is
// set aside as path + ".damaged" and the program starts with none: the
// error says so, and the File works all the same.
func Open(path string) (*File, error) {
	f := &File{path: path, values: map[string]any{}, dirty: make(chan struct{}, 1), closed: make(chan struct{})}
	err := f.read()
	go f.writer()
	return f, err
}

func (f *File) read() error {
	r, err := os.Open(f.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read the preferences %s: %w", f.path, err)
	}
	defer r.Close()
	b, err := io.ReadAll(io.LimitReader(r, maxSize+1))
	if err == nil && len(b) > maxSize {
		err = errors.New("the file is larger than preferences ever are")
	}
	if err == nil {
		err = json.Unmarshal(b, &f.values)
	}
	if err == nil && f.values == nil { // the file says null
		f.values = map[string]any{}
	}
	if err != nil {
		f.values = map[string]any{}
		r.Close()
		if rerr := os.Rename(f.path, f.path+".damaged"); rerr != nil {
			err = errors.Join(err, rerr)
		}
		return fmt.Errorf("the preferences %s could not be read and were set aside: %w", f.path, err)
	}
	return nil
}

// Existed reports whether the file held preferences when it was opened or
// has any now.
func (f *File) Existed() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.values) > 0
}

func (f *File) get(key string) (any, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	v, ok := f.values[key]
	return v, ok
}

func (f *File) set(key string, v any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.values[key] = v
	if f.shut {
		return
	}
	select {
	case f.dirty <- struct{}{}:
	default: // a write is already due; it takes this change too
	}
}

// BoolWithFallback is the boolean at key, or fallback.
func (f *File) BoolWithFallback(key string, fallback bool) bool {
	if v, ok := f.get(key); ok {
		if b, ok := v.(bool); ok {
			return b
		}
	}
	return fallback
}

// SetBool sets the boolean at key.
func (f *File) SetBool(key string, v bool) { f.set(key, v) }

// FloatWithFallback is the number at key, or fallback.
func (f *File) FloatWithFallback(key string, fallback float64) float64 {
	if v, ok := f.get(key); ok {
		if n, ok := v.(float64); ok {
			return n
		}
	}
	return fallback
}

// SetFloat sets the number at key; NaN and infinities, which JSON cannot
// hold, remove it.
func (f *File) SetFloat(key string, v float64) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		f.mu.Lock()
		delete(f.values, key)
		f.mu.Unlock()
		return
	}
	f.set(key, v)
}

// IntWithFallback is the whole number at key, or fallback.
func (f *File) IntWithFallback(key string, fallback int) int {
	n := f.FloatWithFallback(key, math.NaN())
	if math.IsNaN(n) || n != math.Trunc(n) || math.Abs(n) > 1<<53 {
		return fallback
	}
	return int(n)
}

// SetInt sets the whole number at key.
func (f *File) SetInt(key string, v int) { f.set(key, float64(v)) }

// StringWithFallback is the text at key, or fallback.
func (f *File) StringWithFallback(key, fallback string) string {
	if v, ok := f.get(key); ok {
		if s, ok := v.(string); ok {
			return s
		}
	}
	return fallback
}

// SetString sets the text at key.
func (f *File) SetString(key, v string) { f.set(key, v) }

// writer writes the file after each change, until Close.
func (f *File) writer() {
	defer close(f.closed)
	for range f.dirty {
		f.write()
	}
}

func (f *File) write() {
	f.mu.Lock()
	b, err := json.MarshalIndent(f.values, "", "  ")
	f.mu.Unlock()
	if err == nil {
		err = atomicfile.Write(f.path, func(w io.Writer) error {
			_, err := w.Write(append(b, '\n'))
			return err
		})
	}
	f.mu.Lock()
	f.err = err
	f.mu.Unlock()
}

// Close writes what is pending and stops the writer; it returns the error
// of the last write, if it failed.
func (f *File) Close() error {
	f.mu.Lock()
	if !f.shut {
		f.shut = true
		close(f.dirty)
	}
	f.mu.Unlock()
	<-f.closed
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return fmt.Errorf("write the preferences %s: %w", f.path, f.err)
	}
	return nil
}
