//go:build unix

package atomicfile_test

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/atomicfile"
)

// withUmask runs fn with the process's umask set to mask.
func withUmask(t *testing.T, mask int, fn func()) {
	t.Helper()
	old := syscall.Umask(mask)
	defer syscall.Umask(old)
	fn()
}

func write(t *testing.T, path, text string, opts ...atomicfile.Option) error {
	t.Helper()
	return atomicfile.Write(path, func(w io.Writer) error { _, err := io.WriteString(w, text); return err }, opts...)
}

func modeOf(t *testing.T, path string) os.FileMode {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Perm()
}

// Issue 9, item 11: with umask 077 exports came out 0644.
func TestNewFileFollowsTheUmask(t *testing.T) {
	for _, tc := range []struct {
		umask int
		want  os.FileMode
	}{{0o077, 0o600}, {0o027, 0o640}, {0o022, 0o644}, {0o002, 0o664}} {
		path := filepath.Join(t.TempDir(), "a.pdf")
		withUmask(t, tc.umask, func() {
			if err := write(t, path, "%PDF"); err != nil {
				t.Fatal(err)
			}
		})
		if got := modeOf(t, path); got != tc.want {
			t.Errorf("umask %03o: got mode %03o, want %03o", tc.umask, got, tc.want)
		}
	}
}

func TestPrivateFileIsTheOwnersOnly(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "paket.zip")
	withUmask(t, 0o002, func() {
		if err := write(t, path, "PK", atomicfile.Private); err != nil {
			t.Fatal(err)
		}
	})
	if got := modeOf(t, path); got != 0o600 {
		t.Errorf("new private file: got mode %03o, want 600", got)
	}
	old := filepath.Join(dir, "old.zip")
	if err := os.WriteFile(old, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chmod(old, 0o664)
	if err := write(t, old, "PK", atomicfile.Private); err != nil {
		t.Fatal(err)
	}
	if got := modeOf(t, old); got != 0o600 {
		t.Errorf("replaced private file: got mode %03o, want 600: no more than the owner's permissions", got)
	}
}

// Issue 9, item 11: a write-protected file was replaced without a word.
func TestWriteProtectedFileIsReplacedOnlyWhenAsked(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "protokoll.pdf")
	if err := os.WriteFile(path, []byte("signed"), 0o444); err != nil {
		t.Fatal(err)
	}
	called := false
	err := atomicfile.Write(path, func(w io.Writer) error { called = true; return nil })
	if !errors.Is(err, atomicfile.ErrWriteProtected) {
		t.Fatalf("got %v, want ErrWriteProtected", err)
	}
	p, ok := data.AsProblem(err)
	if !ok || !strings.Contains(p.English(), "write-protected") {
		t.Errorf("got %v, want a sentence saying the file is write-protected", err)
	}
	if called {
		t.Error("the content was made although it was not to be written")
	}
	if b, _ := os.ReadFile(path); string(b) != "signed" {
		t.Errorf("got %q, want the protected file untouched", b)
	}
	if err := write(t, path, "new", atomicfile.ReplaceProtected); err != nil {
		t.Fatalf("replacing when asked: got %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("got %q after replacing it when asked, want new", b)
	}
	if got := modeOf(t, path); got != 0o444 {
		t.Errorf("got mode %03o, want 444: the replacement stays write-protected", got)
	}
	if names := onlyEntries(t, dir); len(names) != 1 {
		t.Errorf("got files %q, want only the target", names)
	}
}

func TestOwnersWriteBitAloneProtectsTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.ics")
	if err := os.WriteFile(path, []byte("old"), 0o464); err != nil { // group may write, the owner not
		t.Fatal(err)
	}
	os.Chmod(path, 0o464)
	if err := write(t, path, "new"); !errors.Is(err, atomicfile.ErrWriteProtected) {
		t.Errorf("got %v, want ErrWriteProtected", err)
	}
}

// mountTmpfs mounts a small tmpfs in a new temporary folder, when the test
// runs as root and may mount; it skips the test otherwise.
func mountTmpfs(t *testing.T, size string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("mounting a small disk needs root")
	}
	dir := filepath.Join(t.TempDir(), "disk")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs: %v %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v %s", dir, err, out)
		}
	})
	return dir
}

// A real full disk: a 256 KB tmpfs and a 1 MB file. Before, the error
// reached the person as "Something unexpected went wrong: … no space left
// on device".
func TestFullDiskMidWriteSaysSoAndKeepsTheOldFile(t *testing.T) {
	dir := mountTmpfs(t, "256k")
	path := filepath.Join(dir, "rapport.pdf")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := atomicfile.Write(path, func(w io.Writer) error {
		for range 64 {
			if _, err := w.Write(make([]byte, 16<<10)); err != nil {
				return err // as every writer does: the error as it came
			}
		}
		return nil
	})
	p, ok := data.AsProblem(err)
	if !ok || p.English() != "There is not enough room on the disk for rapport.pdf. Free some space or choose another folder." {
		t.Fatalf("got %v, want the full-disk sentence", err)
	}
	if !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("got %v, want it to wrap ENOSPC for logs", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("got %q, want the old file untouched", b)
	}
	if names := onlyEntries(t, dir); len(names) != 1 {
		t.Errorf("got files %q, want only the old file", names)
	}
}

func TestReadOnlyDiskSaysSo(t *testing.T) {
	dir := mountTmpfs(t, "256k")
	if out, err := exec.Command("mount", "-o", "remount,ro", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot remount read-only: %v %s", err, out)
	}
	err := write(t, filepath.Join(dir, "a.pdf"), "%PDF")
	p, ok := data.AsProblem(err)
	if !ok || !strings.Contains(p.English(), "read-only disk") {
		t.Errorf("got %v, want the read-only disk sentence", err)
	}
}

// TestKilledExportLeavesATempFileThatRemoveStaleRemoves kills a process in
// the middle of an export, as a user closing a hung window would.
func TestKilledExportLeavesATempFileThatRemoveStaleRemoves(t *testing.T) {
	if dir := os.Getenv("ILA_ATOMICFILE_CHILD"); dir != "" {
		atomicfile.Write(filepath.Join(dir, "export.zip"), func(w io.Writer) error {
			w.Write(make([]byte, 1<<20))
			os.WriteFile(filepath.Join(dir, "ready"), nil, 0o644)
			time.Sleep(time.Minute)
			return nil
		})
		os.Exit(0)
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledExportLeavesATempFileThatRemoveStaleRemoves$")
	cmd.Env = append(os.Environ(), "ILA_ATOMICFILE_CHILD="+dir)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for i := 0; ; i++ {
		if _, err := os.Stat(filepath.Join(dir, "ready")); err == nil {
			break
		}
		if i > 1000 {
			cmd.Process.Kill()
			t.Fatal("the child never got to write")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cmd.Process.Kill()
	cmd.Wait()
	var temps []string
	for _, n := range onlyEntries(t, dir) {
		if atomicfile.IsTempName(n) {
			temps = append(temps, n)
		}
	}
	if len(temps) != 1 {
		t.Fatalf("got temporary files %q after the kill, want one", temps)
	}
	if removed, err := atomicfile.RemoveStale(dir, time.Hour); err != nil || len(removed) != 0 {
		t.Errorf("got %q, %v; want a fresh temporary file kept", removed, err)
	}
	old := time.Now().Add(-atomicfile.StaleAge - time.Minute)
	os.Chtimes(filepath.Join(dir, temps[0]), old, old)
	removed, err := atomicfile.RemoveStale(dir, atomicfile.StaleAge)
	if err != nil || len(removed) != 1 {
		t.Fatalf("got %q, %v; want the stale temporary file removed", removed, err)
	}
	if names := onlyEntries(t, dir); len(names) != 1 || names[0] != "ready" {
		t.Errorf("got files %q, want only the child's marker", names)
	}
}

func TestRemoveStaleRemovesOnlyOldTempFilesOfOurs(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-time.Hour)
	files := map[string]bool{ // name: want removed
		".rapport.pdf.ila-0123456789abcdef.tmp": true,
		".inspel.zip.1234567.tmp":               true, // the name earlier versions used
		".fresh.pdf.ila-fedcba9876543210.tmp":   false,
		".notes.txt.1234567.tmp":                false, // not a file type of ours
		".a.pdf.ila-0123.tmp":                   false,
		".a.pdf.ila-0123456789ABCDEF.tmp":       false,
		"rapport.pdf":                           false,
		".other.tmp":                            false,
	}
	for name := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(name, ".fresh") {
			os.Chtimes(p, old, old)
		}
	}
	os.Mkdir(filepath.Join(dir, ".dir.pdf.ila-0000000000000000.tmp"), 0o700)
	target := filepath.Join(t.TempDir(), "elsewhere")
	os.WriteFile(target, []byte("keep"), 0o600)
	link := filepath.Join(dir, ".link.pdf.ila-1111111111111111.tmp")
	os.Symlink(target, link)
	os.Lchown(link, os.Getuid(), os.Getgid())
	removed, err := atomicfile.RemoveStale(dir, atomicfile.StaleAge)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, p := range removed {
		got[filepath.Base(p)] = true
	}
	for name, want := range files {
		if got[name] != want {
			t.Errorf("%s: removed %v, want %v", name, got[name], want)
		}
	}
	if len(got) != 2 {
		t.Errorf("removed %q, want only the two stale temporary files", removed)
	}
	if b, _ := os.ReadFile(target); string(b) != "keep" {
		t.Error("a link's target was touched")
	}
	if removed, err := atomicfile.RemoveStale(filepath.Join(dir, "missing"), 0); err != nil || removed != nil {
		t.Errorf("missing folder: got %q, %v; want nothing and no error", removed, err)
	}
}

func TestWriteRemovesStaleTempFilesOfItsTarget(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-time.Hour)
	mine, other := filepath.Join(dir, ".a.pdf.ila-0123456789abcdef.tmp"), filepath.Join(dir, ".b.pdf.ila-0123456789abcdef.tmp")
	for _, p := range []string{mine, other} {
		os.WriteFile(p, []byte("half"), 0o600)
		os.Chtimes(p, old, old)
	}
	if err := write(t, filepath.Join(dir, "a.pdf"), "%PDF"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(mine); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the stale temporary file of a.pdf is still there (%v)", err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("the one of b.pdf was removed too: %v", err)
	}
}
