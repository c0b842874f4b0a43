package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteProtectedTargetIsReplacedOnlyWithForce(t *testing.T) {
	db, _ := seeded(t)
	tests := []struct {
		name   string
		args   func(out string) []string
		prefix string // how the file written starts
	}{
		{"pdf submission", func(out string) []string { return []string{"pdf", "submission", "1", "-o", out} }, "%PDF-"},
		{"pdf report", func(out string) []string { return []string{"pdf", "report", "-o", out} }, "%PDF-"},
		{"ics", func(out string) []string { return []string{"ics", "-o", out} }, "BEGIN:VCALENDAR"},
		{"export-content", func(out string) []string { return []string{"export-content", out} }, "{"},
		{"export-package", func(out string) []string { return []string{"export-package", "-o", out} }, "PK"},
		{"backup", func(out string) []string { return []string{"backup", "-o", out} }, "SQLite format 3"},
	}
	old := []byte("the file as the user protected it")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "target")
			if err := os.WriteFile(out, old, 0o444); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(out, 0o444); err != nil {
				t.Fatal(err)
			}

			code, stdout, errs := run(t, db, tt.args(out)...)
			if code != ExitFail {
				t.Errorf("without --force: exit %d, want %d", code, ExitFail)
			}
			if !strings.Contains(errs, "is write-protected, so ILA Desk did not replace it") || !strings.Contains(errs, "use --force to replace it") {
				t.Errorf("without --force: stderr %q, want the write-protected sentence and the hint to use --force", errs)
			}
			if stdout != "" {
				t.Errorf("without --force: stdout %q, want nothing said written", stdout)
			}
			if b, err := os.ReadFile(out); err != nil || !bytes.Equal(b, old) {
				t.Errorf("without --force the file holds %q (%v), want it unchanged", b, err)
			}
			if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o444 {
				t.Errorf("without --force the file's mode is %v (%v), want 0444", fi.Mode().Perm(), err)
			}
			if names := filesIn(t, dir); len(names) != 1 {
				t.Errorf("without --force the folder holds %v, want only the target", names)
			}

			code, stdout, errs = run(t, db, append(tt.args(out), "--force")...)
			if code != ExitOK {
				t.Fatalf("with --force: exit %d, stderr %q", code, errs)
			}
			if b, err := os.ReadFile(out); err != nil || !bytes.HasPrefix(b, []byte(tt.prefix)) {
				t.Errorf("with --force the file starts %q (%v), want %q", b[:min(len(b), 20)], err, tt.prefix)
			}
			if !strings.Contains(stdout, out) {
				t.Errorf("with --force: stdout %q, want it to name the file", stdout)
			}
			if tt.name == "export-content" && !strings.Contains(stdout, "version 2") {
				t.Errorf("with --force: stdout %q, want version 2 (the refused export took no version)", stdout)
			}
			if names := filesIn(t, dir); len(names) != 1 {
				t.Errorf("with --force the folder holds %v, want only the target", names)
			}
		})
	}
}

func TestForceIsAnOptionOnlyOfCommandsThatWriteAFile(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ila.db")
	for _, args := range [][]string{{"list", "meetings", "--force"}, {"import-package", "x.zip", "--force"}} {
		if code, _, errs := run(t, db, args...); code != ExitUsage || !strings.Contains(errs, "Unknown option") {
			t.Errorf("%v: exit %d, stderr %q; want %d and the option named unknown", args, code, errs, ExitUsage)
		}
	}
	_, help, _ := run(t, "", "--help")
	if !strings.Contains(help, "--force") {
		t.Errorf("help does not mention --force:\n%s", help)
	}
}

func filesIn(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}
