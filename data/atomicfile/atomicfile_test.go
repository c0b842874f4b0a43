package atomicfile_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/atomicfile"
)

func TestWriteReplacesWhole(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.pdf")
	os.WriteFile(path, []byte("old"), 0o644)
	if err := atomicfile.Write(path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("content %q, want new", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("folder holds %d files, want only the target", len(entries))
	}
}

func TestFailedWriteLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.pdf")
	os.WriteFile(path, []byte("old"), 0o644)
	boom := errors.New("boom")
	err := atomicfile.Write(path, func(w io.Writer) error { io.WriteString(w, "half"); return boom })
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("target changed to %q after a failed write", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("a failed write left %d files, want 1", len(entries))
	}
}

func TestMissingFolderIsAProblem(t *testing.T) {
	err := atomicfile.Write(filepath.Join(t.TempDir(), "nope", "a.pdf"), func(io.Writer) error { return nil })
	if p, ok := data.AsProblem(err); !ok || !strings.Contains(p.English(), "does not exist") {
		t.Errorf("got %v, want a problem saying the folder does not exist", err)
	}
}

func TestReadOnlyFolderIsAProblem(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root may write anywhere")
	}
	dir := t.TempDir()
	os.Chmod(dir, 0o500)
	defer os.Chmod(dir, 0o700)
	err := atomicfile.Write(filepath.Join(dir, "a.pdf"), func(io.Writer) error { return nil })
	if p, ok := data.AsProblem(err); !ok || !strings.Contains(p.English(), "may not write") {
		t.Errorf("got %v, want a problem saying the folder is not writable", err)
	}
}

func TestSafeName(t *testing.T) {
	d := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	tests := []struct{ title, want string }{
		{"Plankorsning i Kolbäck", "2026-11-26 Plankorsning i Kolbäck.pdf"},
		{`E18: "Köping/Arboga" <kö>?*|`, "2026-11-26 E18 Köping Arboga kö.pdf"},
		{"  rad\tett\nrad två  ", "2026-11-26 rad ett rad två.pdf"},
		{"slutar med punkt...", "2026-11-26 slutar med punkt.pdf"},
		{"", "2026-11-26.pdf"},
	}
	for _, tt := range tests {
		if got := atomicfile.SafeName(tt.title, d, ".pdf"); got != tt.want {
			t.Errorf("SafeName(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
	if got := atomicfile.SafeName("CON", time.Time{}, ".pdf"); got != "_CON.pdf" {
		t.Errorf("reserved name: got %q, want _CON.pdf", got)
	}
	long := atomicfile.SafeName(strings.Repeat("åäö", 100), d, ".pdf")
	if len(long) > 100 || !utf8.ValidString(long) || !strings.HasSuffix(long, ".pdf") {
		t.Errorf("long name %q (%d bytes): want ≤ 100 bytes, valid UTF-8, ending .pdf", long, len(long))
	}
}
