package atomicfile_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/atomicfile"
)

func onlyEntries(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteCreatesANewFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "2026-11-26 Plankorsning i Kolbäck.pdf")
	if err := atomicfile.Write(path, func(w io.Writer) error { _, err := io.WriteString(w, "%PDF"); return err }); err != nil {
		t.Fatalf("got error %v, want none", err)
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != "%PDF" {
		t.Errorf("got %q, %v; want %q", b, err, "%PDF")
	}
	if names := onlyEntries(t, dir); len(names) != 1 {
		t.Errorf("got files %q, want only the target", names)
	}
	if runtime.GOOS != "windows" {
		if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o644 {
			t.Errorf("got mode %v, want -rw-r--r--", fi.Mode().Perm())
		}
	}
}

func TestWriteKeepsTheModeOfTheFileItReplaces(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no Unix permissions")
	}
	path := filepath.Join(t.TempDir(), "a.pdf")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := atomicfile.Write(path, func(w io.Writer) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("got mode %v, want -rw------- as before", fi.Mode().Perm())
	}
}

func TestWriteLeavesNothingWhenFnPanics(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.pdf")
	func() {
		defer func() {
			if recover() == nil {
				t.Error("the panic was swallowed, want it passed on")
			}
		}()
		atomicfile.Write(path, func(w io.Writer) error {
			io.WriteString(w, strings.Repeat("x", 1<<20))
			panic("boom")
		})
	}()
	if names := onlyEntries(t, dir); len(names) != 0 {
		t.Errorf("got files %q after a panic, want none", names)
	}
}

func TestWriteLargeOutputIsWhole(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.pdf")
	want := strings.Repeat("0123456789", 1<<20)
	if err := atomicfile.Write(path, func(w io.Writer) error {
		for i := 0; i < len(want); i += 4096 {
			if _, err := io.WriteString(w, want[i:min(i+4096, len(want))]); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != want {
		t.Errorf("got %d bytes, want %d", len(b), len(want))
	}
}

func TestWriteIntoAFileIsAProblem(t *testing.T) {
	file := filepath.Join(t.TempDir(), "not-a-folder")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	err := atomicfile.Write(filepath.Join(file, "a.pdf"), func(io.Writer) error { return nil })
	if _, ok := data.AsProblem(err); !ok {
		t.Errorf("got %v, want a problem a person can act on", err)
	}
}

func TestMissingFolderProblemNamesTheFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "saknas")
	err := atomicfile.Write(filepath.Join(dir, "a.pdf"), func(io.Writer) error { return nil })
	p, ok := data.AsProblem(err)
	if !ok {
		t.Fatalf("got %v, want a *data.Problem", err)
	}
	if want := "The folder " + dir + " does not exist. Choose another folder."; p.English() != want {
		t.Errorf("got %q, want %q", p.English(), want)
	}
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("got %v, want it to wrap os.ErrNotExist for logs", err)
	}
}

func TestReadOnlyFolderProblemNamesTheFolder(t *testing.T) {
	if os.Geteuid() == 0 || runtime.GOOS == "windows" {
		t.Skip("root may write anywhere; Windows folders have no mode bits")
	}
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o700)
	err := atomicfile.Write(filepath.Join(dir, "a.pdf"), func(io.Writer) error { return nil })
	p, ok := data.AsProblem(err)
	if !ok || p.English() != "ILA Desk may not write in "+dir+". Choose a folder you can write to." {
		t.Errorf("got %v, want the read-only folder problem", err)
	}
}

func TestWriteOverAFolderFailsAndCleansUp(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "a.pdf")
	if err := os.Mkdir(target, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(target, "keep"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := atomicfile.Write(target, func(w io.Writer) error { return nil }); err == nil {
		t.Fatal("got no error writing over a non-empty folder, want one")
	}
	if names := onlyEntries(t, dir); len(names) != 1 || names[0] != "a.pdf" {
		t.Errorf("got %q, want only the folder a.pdf", names)
	}
}

func TestWriteOverAFolderSaysSoBeforeWriting(t *testing.T) {
	dir := t.TempDir()
	called := false
	err := atomicfile.Write(dir, func(w io.Writer) error { called = true; return nil })
	var p *data.Problem
	if !errors.As(err, &p) || p.English() != dir+" is a folder. Choose a file name." {
		t.Errorf("got %v, want the problem that %s is a folder", err, dir)
	}
	if called {
		t.Error("the content was made although it cannot be written")
	}
}

func TestSafeNameIsSafeEverywhere(t *testing.T) {
	d := time.Date(2026, 11, 26, 15, 0, 0, 0, time.UTC)
	for _, tc := range []struct{ title, ext, want string }{
		{"Plankorsning i Kolbäck", "pdf", "2026-11-26 Plankorsning i Kolbäck.pdf"},
		{"Ko\u0308ping hamn", ".pdf", "2026-11-26 Köping hamn.pdf"},
		{"Rapport\u202Efdp.exe", ".pdf", "2026-11-26 Rapportfdp.exe.pdf"},
		{"a\x00b\x1fc", ".pdf", "2026-11-26 a b c.pdf"},
		{"...dold", ".pdf", "2026-11-26 dold.pdf"},
		{"Nätverksmöte", ".ics", "2026-11-26 Nätverksmöte.ics"},
		{"utan ändelse", "", "2026-11-26 utan ändelse"},
	} {
		if got := atomicfile.SafeName(tc.title, d, tc.ext); got != tc.want {
			t.Errorf("SafeName(%q, %q) = %q, want %q", tc.title, tc.ext, got, tc.want)
		}
	}
	for _, title := range []string{"con", "PRN", "aux.tar", "Nul", "COM1", "lpt9", "COM¹"} {
		got := atomicfile.SafeName(title, time.Time{}, ".pdf")
		if !strings.HasPrefix(got, "_") {
			t.Errorf("SafeName(%q) = %q, want a leading underscore for a reserved name", title, got)
		}
	}
	if got := atomicfile.SafeName("COM10", time.Time{}, ".pdf"); got != "COM10.pdf" {
		t.Errorf("got %q, want COM10.pdf: only COM0–9 are reserved", got)
	}
	if got := atomicfile.SafeName("", time.Time{}, ".pdf"); got != "ILA Desk.pdf" {
		t.Errorf("got %q for no title and no date, want ILA Desk.pdf", got)
	}
	for _, title := range []string{strings.Repeat("ö", 200), strings.Repeat("a", 95) + "   ...", strings.Repeat("😀", 60)} {
		got := atomicfile.SafeName(title, d, ".pdf")
		if len(got) > 100 || !utf8.ValidString(got) || !strings.HasSuffix(got, ".pdf") || strings.HasSuffix(strings.TrimSuffix(got, ".pdf"), " ") {
			t.Errorf("got %q (%d bytes), want ≤ 100 valid bytes ending in .pdf, no space before it", got, len(got))
		}
	}
}
