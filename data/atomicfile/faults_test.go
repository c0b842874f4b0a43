package atomicfile

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/handelskammaren/ila-desk/data"
)

// failingFile is a temporary file whose writes fail with err after room
// bytes, as a disk does when it fills up in the middle of an export.
type failingFile struct {
	*os.File
	room int
	err  error
}

func (f *failingFile) Write(p []byte) (int, error) {
	if len(p) > f.room {
		n, _ := f.File.Write(p[:f.room])
		f.room = 0
		return n, &fs.PathError{Op: "write", Path: f.Name(), Err: f.err}
	}
	f.room -= len(p)
	return f.File.Write(p)
}

// inject makes createTemp, Sync or rename fail for the rest of the test.
func inject(t *testing.T, create func(dir, base string, perm fs.FileMode) (file, string, error), ren func(a, b string) error) {
	t.Helper()
	oldCreate, oldRename := createTemp, rename
	if create != nil {
		createTemp = create
	}
	if ren != nil {
		rename = ren
	}
	t.Cleanup(func() { createTemp, rename = oldCreate, oldRename })
}

func failWritesAfter(room int, err error) func(dir, base string, perm fs.FileMode) (file, string, error) {
	return func(dir, base string, perm fs.FileMode) (file, string, error) {
		f, name, e := oldCreateTemp(dir, base, perm)
		if e != nil {
			return nil, "", e
		}
		return &failingFile{File: f.(*os.File), room: room, err: err}, name, nil
	}
}

var oldCreateTemp = createTemp

// exportLike writes 1 MB as exchange.Write and report do: each error
// wrapped with the operation, as an ordinary Go error.
func exportLike(w io.Writer) error {
	for range 64 {
		if _, err := w.Write(make([]byte, 16<<10)); err != nil {
			return fmt.Errorf("write package: %w", err)
		}
	}
	return nil
}

// Every fault gets its own sentence, also when it reaches the content's
// writer first, and the old file and the folder are as they were.
func TestEveryWriteFaultHasItsOwnSentence(t *testing.T) {
	errDisk := &fs.PathError{Op: "open", Err: syscall.EIO}
	tests := []struct {
		name   string
		create func(dir, base string, perm fs.FileMode) (file, string, error)
		ren    func(a, b string) error
		want   string
		cause  error
	}{
		{"disk full mid-write", failWritesAfter(300<<10, syscall.ENOSPC), nil, msgDiskFull, syscall.ENOSPC},
		{"quota used up mid-write", failWritesAfter(10, syscall.EDQUOT), nil, msgDiskFull, syscall.EDQUOT},
		{"disk error mid-write", failWritesAfter(0, syscall.EIO), nil, msgDiskError, syscall.EIO},
		{"disk full at once", func(string, string, fs.FileMode) (file, string, error) {
			return nil, "", &fs.PathError{Op: "open", Err: syscall.ENOSPC}
		}, nil, msgDiskFull, syscall.ENOSPC},
		{"no permission", func(string, string, fs.FileMode) (file, string, error) {
			return nil, "", &fs.PathError{Op: "open", Err: syscall.EACCES}
		}, nil, msgNoPermission, fs.ErrPermission},
		{"read-only disk", func(string, string, fs.FileMode) (file, string, error) {
			return nil, "", &fs.PathError{Op: "open", Err: syscall.EROFS}
		}, nil, msgReadOnlyDisk, syscall.EROFS},
		{"name too long", func(string, string, fs.FileMode) (file, string, error) {
			return nil, "", &fs.PathError{Op: "open", Err: syscall.ENAMETOOLONG}
		}, nil, msgNameTooLong, syscall.ENAMETOOLONG},
		{"disk error at open", func(string, string, fs.FileMode) (file, string, error) { return nil, "", errDisk }, nil, msgDiskError, syscall.EIO},
		{"target locked", nil, func(string, string) error {
			return &os.LinkError{Op: "rename", Err: syscall.EACCES}
		}, msgInUse, fs.ErrPermission},
		{"read-only at rename", nil, func(string, string) error {
			return &os.LinkError{Op: "rename", Err: syscall.EROFS}
		}, msgReadOnlyDisk, syscall.EROFS},
	}
	seen := map[string]string{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inject(t, tt.create, tt.ren)
			dir := t.TempDir()
			path := filepath.Join(dir, "inspel.zip")
			if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
				t.Fatal(err)
			}
			err := Write(path, exportLike)
			p, ok := data.AsProblem(err)
			if !ok || p.Msg != tt.want {
				t.Fatalf("got %v, want %q", err, tt.want)
			}
			if !errors.Is(err, tt.cause) {
				t.Errorf("got %v, want it to wrap %v", err, tt.cause)
			}
			if b, _ := os.ReadFile(path); string(b) != "old" {
				t.Errorf("got %q, want the old file untouched", b)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Errorf("got %d files, want only the old one", len(entries))
			}
			seen[tt.want] = tt.name
		})
	}
	if len(seen) != 6 {
		t.Errorf("got %d different sentences, want 6: %v", len(seen), seen)
	}
}

// A fault fn reports itself, without a write failing, is passed on as fn
// made it.
func TestFnsOwnErrorIsPassedOn(t *testing.T) {
	mine := data.NewProblem("The report is empty.", nil)
	err := Write(filepath.Join(t.TempDir(), "a.pdf"), func(io.Writer) error { return mine })
	if err != mine {
		t.Errorf("got %v, want fn's own problem", err)
	}
}

func TestExplainGivesWritesSentences(t *testing.T) {
	path := filepath.Join("/home/eva", "kopia.pdf")
	for errno, want := range map[syscall.Errno]string{syscall.ENOSPC: msgDiskFull, syscall.EROFS: msgReadOnlyDisk,
		syscall.EACCES: msgNoPermission, syscall.EIO: msgDiskError} {
		err := Explain(path, fmt.Errorf("write copy: %w", &fs.PathError{Op: "write", Path: path, Err: errno}))
		if p, ok := data.AsProblem(err); !ok || p.Msg != want || p.Args["Dir"] != "/home/eva" || p.Args["Name"] != "kopia.pdf" {
			t.Errorf("%v: got %v, want %q about kopia.pdf in /home/eva", errno, err, want)
		}
	}
	other := errors.New("something else")
	if got := Explain(path, other); got != other {
		t.Errorf("got %v, want other errors as they are", got)
	}
}

func TestTempNamesAreRecognisedAndFit(t *testing.T) {
	for _, base := range []string{"a.pdf", "2026-11-26 Plankorsning i Kolbäck.pdf", string(make([]byte, 250))} {
		name := tempName(base)
		if !IsTempName(name) {
			t.Errorf("tempName(%q) = %q, which IsTempName does not know", base, name)
		}
		if len(name) > 255 {
			t.Errorf("tempName of a %d-byte name is %d bytes, want at most 255", len(base), len(name))
		}
	}
}

func TestMessagesAreTranslated(t *testing.T) {
	for _, lang := range []string{"sv", "en"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "assets", "translations", "report."+lang+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		for _, k := range Messages {
			if m[k] == "" {
				t.Errorf("report.%s.json lacks %q", lang, k)
			}
		}
	}
}
