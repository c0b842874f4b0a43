package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// run runs the command line with args against a database in a temp dir.
func run(t *testing.T, db string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := Env{Stdout: &out, Stderr: &errb, Getenv: func(k string) string {
		if k == "LANGUAGE" {
			return "en"
		}
		return ""
	}}
	if db != "" {
		args = append([]string{"--db", db}, args...)
	}
	code = Run(context.Background(), args, env)
	return code, out.String(), errb.String()
}

func TestMain(m *testing.M) {
	os.Setenv("LANGUAGE", "en")
	os.Exit(m.Run())
}

func TestListMeetingsPrintsTheSeedMeetings(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ila.db")
	code, out, errs := run(t, db, "list", "meetings")
	if code != ExitOK {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	for _, want := range []string{"Wednesday 22 February 2017, 09:00–12:00", "Tuesday 16 May 2017, 15:00–17:00",
		"Wednesday 13 September 2017, 15:00–17:00", "Tuesday 21 November 2017, 12:00–15:00"} {
		if !strings.Contains(out, want) {
			t.Errorf("list meetings does not print %q:\n%s", want, out)
		}
	}
}

func TestListJSON(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ila.db")
	code, out, errs := run(t, db, "list", "protocols", "--json")
	if code != ExitOK {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	var rows []protocolRow
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if len(rows) != 4 || rows[0].Date != "2017-02-22" || rows[3].Title != "Nätverksgruppsmöte" {
		t.Errorf("got %+v, want the 4 seed protocols newest first", rows)
	}
	code, _, _ = run(t, db, "--json", "list", "submissions")
	if code != ExitUsage {
		t.Errorf("--json before the command: exit %d, want %d (it is an option of list)", code, ExitUsage)
	}
	code, out, _ = run(t, db, "list", "--json", "submissions")
	if code != ExitOK || strings.TrimSpace(out) != "[]" {
		t.Errorf("list --json submissions on an empty store: exit %d, output %q, want []", code, out)
	}
	code, out, _ = run(t, db, "list", "meetings", "--json")
	var ms []meetingRow
	if code != ExitOK || json.Unmarshal([]byte(out), &ms) != nil || len(ms) != 4 || ms[3].Start.UTC().Hour() != 11 {
		// 21 Nov 2017 12:00 in Stockholm is 11:00 UTC
		t.Errorf("list meetings --json: exit %d, %+v", code, ms)
	}
}

func TestUsageErrorsExitTwo(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ila.db")
	tests := [][]string{
		{"frobnicate"},
		{"list"},
		{"list", "parrots"},
		{"list", "meetings", "--colour"},
		{"import-content"},
		{"version", "extra"},
		{"--nope"},
	}
	for _, args := range tests {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, _, errs := run(t, db, args...)
			if code != ExitUsage {
				t.Errorf("exit %d, want %d", code, ExitUsage)
			}
			if !strings.Contains(errs, "Usage: ila") {
				t.Errorf("stderr does not show usage:\n%s", errs)
			}
		})
	}
}

func TestHelpListsSubcommands(t *testing.T) {
	code, out, _ := run(t, "", "--help")
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	for _, c := range commands() {
		if !strings.Contains(out, c.name) {
			t.Errorf("help does not list %s:\n%s", c.name, out)
		}
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := run(t, "", "version")
	if code != ExitOK || !strings.HasPrefix(out, "ila "+Version) {
		t.Errorf("version: exit %d, %q", code, out)
	}
}

func TestImportContentReportsOutcome(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ila.db")
	// The same version as the default: nothing changes.
	src, err := os.ReadFile(filepath.Join("..", "..", "..", "assets", "content", "arena.json"))
	if err != nil {
		t.Fatal(err)
	}
	same := filepath.Join(dir, "same.json")
	os.WriteFile(same, src, 0o644)
	code, out, errs := run(t, db, "import-content", same)
	if code != ExitOK || !strings.Contains(out, "Nothing changed") {
		t.Errorf("same version: exit %d, out %q, err %q; want a message that nothing changed", code, out, errs)
	}
	newer := filepath.Join(dir, "newer.json")
	os.WriteFile(newer, bytes.Replace(src, []byte(`"version": 1`), []byte(`"version": 2`), 1), 0o644)
	code, out, _ = run(t, db, "import-content", newer)
	if code != ExitOK || !strings.Contains(out, "updated from version 1 to 2") {
		t.Errorf("newer version: exit %d, out %q", code, out)
	}
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"format": "ila-content", "format_version": 1, "version": 3, "arena": {"name": "X"}, "meetings": [{"key": "m", "title": "T", "start": "2018-01-01T10:00", "end": "2018-01-01T09:00"}]}`), 0o644)
	code, _, errs = run(t, db, "import-content", bad)
	if code != ExitFail || !strings.Contains(errs, "ends (2018-01-01T09:00) before it starts") {
		t.Errorf("bad file: exit %d, stderr %q; want exit 1 naming the problem", code, errs)
	}
	code, _, errs = run(t, db, "import-content", filepath.Join(dir, "missing.json"))
	if code != ExitFail || !strings.Contains(errs, "Could not open") {
		t.Errorf("missing file: exit %d, stderr %q", code, errs)
	}
}

func TestForeignDatabaseIsRefused(t *testing.T) {
	db := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(db, []byte(strings.Repeat("hello\n", 50)), 0o644)
	code, _, errs := run(t, db, "list", "meetings")
	if code != ExitFail || !strings.Contains(errs, "is not an ILA Desk database") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}

func TestOutputFlagWithoutValueIsAUsageError(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ila.db")
	wd, _ := os.Getwd()
	os.Chdir(dir)
	defer os.Chdir(wd)
	for _, args := range [][]string{{"pdf", "submission", "1", "-o"}, {"export-package", "-o"}, {"ics", "-o"}} {
		code, _, _ := run(t, db, args...)
		if code != ExitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, ExitUsage)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "--")); err == nil {
		t.Error(`a file named "--" was written`)
	}
}

// TestEmptyDatabaseOptionIsAUsageError: --db "" (a script's unset variable)
// is refused rather than falling back to ILA_DB or the user's own database.
func TestEmptyDatabaseOptionIsAUsageError(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", dir) // the default database, should it be opened
	t.Setenv("HOME", dir)
	envDB := filepath.Join(dir, "env.db")
	for _, args := range [][]string{{"--db", "", "list", "meetings"}, {"list", "meetings", "--db", ""}, {"--db=", "version"}, {"--db", ""}} {
		var out, errb bytes.Buffer
		env := Env{Stdout: &out, Stderr: &errb, Getenv: func(k string) string {
			if k == "ILA_DB" {
				return envDB
			}
			return ""
		}}
		code := Run(context.Background(), args, env)
		if code != ExitUsage || !strings.Contains(errb.String(), "The option -db needs a value.") {
			t.Errorf("%q: exit %d, stderr %q; want %d and a sentence about -db", args, code, errb.String(), ExitUsage)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a database was opened: %v", entries)
	}
}
