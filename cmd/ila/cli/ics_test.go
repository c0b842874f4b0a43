package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	ics "github.com/arran4/golang-ical"
)

func readCalendar(t *testing.T, path string) *ics.Calendar {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("the calendar was not written: %v", err)
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the calendar does not parse: %v\n%s", err, b)
	}
	return cal
}

func TestICSWritesEveryMeeting(t *testing.T) {
	dir := t.TempDir()
	db, out := filepath.Join(dir, "ila.db"), filepath.Join(dir, "ila.ics")
	code, stdout, errs := run(t, db, "ics", "-o", out)
	if code != ExitOK {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	if !strings.Contains(stdout, "Wrote 4 meetings to "+out) {
		t.Errorf("stdout %q does not say what was written", stdout)
	}
	evs := readCalendar(t, out).Events()
	if len(evs) != 4 {
		t.Fatalf("got %d events, want the 4 seed meetings", len(evs))
	}
	if got, want := evs[3].Id(), "meeting-2017-11-21@ila.handelskammarenmalardalen.se"; got != want {
		t.Errorf("UID got %q, want %q", got, want)
	}
	if p := evs[0].GetProperty(ics.ComponentPropertyDtStart); p == nil || p.Value != "20170222T080000Z" {
		t.Errorf("DTSTART of the first meeting got %+v, want 20170222T080000Z", p)
	}
	if p := evs[0].GetProperty(ics.ComponentPropertyUrl); p == nil || p.Value != "https://www.handelskammarenmalardalen.se/" {
		t.Errorf("URL got %+v, want the chamber's page", p)
	}
	if p := evs[0].GetProperty(ics.ComponentPropertyLocation); p == nil || p.Value != "Place to be announced in the invitation" {
		t.Errorf("LOCATION got %+v, want it to say the place is not known", p)
	}
	left, _ := filepath.Glob(filepath.Join(dir, "*.tmp"))
	if len(left) != 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

func TestICSOneMeetingByIDOrKey(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ila.db")
	code, stdout, _ := run(t, db, "list", "meetings", "--json")
	var ms []meetingRow
	if code != ExitOK || json.Unmarshal([]byte(stdout), &ms) != nil || len(ms) != 4 {
		t.Fatalf("list meetings --json: exit %d, %q", code, stdout)
	}
	for _, which := range []string{strconv.FormatInt(ms[1].ID, 10), ms[1].Key} {
		out := filepath.Join(dir, "one-"+which+".ics")
		// Options after the arguments work as everywhere else.
		code, stdout, errs := run(t, db, "ics", "--meeting", which, "-o", out)
		if code != ExitOK {
			t.Fatalf("--meeting %s: exit %d, stderr %s", which, code, errs)
		}
		if !strings.Contains(stdout, "Wrote the meeting to") {
			t.Errorf("--meeting %s: stdout %q", which, stdout)
		}
		evs := readCalendar(t, out).Events()
		if len(evs) != 1 || evs[0].Id() != "meeting-2017-05-16@ila.handelskammarenmalardalen.se" {
			t.Errorf("--meeting %s: got %d events, want the one of 16 May", which, len(evs))
		}
	}
}

func TestICSToStandardOutput(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ila.db")
	code, stdout, errs := run(t, db, "ics", "-o", "-")
	if code != ExitOK {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	if !strings.HasPrefix(stdout, "BEGIN:VCALENDAR\r\n") || strings.Count(stdout, "BEGIN:VEVENT\r\n") != 4 {
		t.Errorf("stdout is not the calendar:\n%s", stdout)
	}
}

func TestICSUsageErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ila.db")
	for _, args := range [][]string{
		{"ics"},
		{"ics", "--meeting", "1"},
		{"ics", "-o"},
		{"ics", "-o", "x.ics", "extra"},
		{"ics", "--colour", "-o", "x.ics"},
	} {
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
	_, _, errs := run(t, db, "ics")
	if !strings.Contains(errs, "-o FILE") {
		t.Errorf("missing -o: stderr %q does not say what is missing", errs)
	}
}

func TestICSUnknownMeetingIsAProblem(t *testing.T) {
	dir := t.TempDir()
	db, out := filepath.Join(dir, "ila.db"), filepath.Join(dir, "x.ics")
	for _, which := range []string{"9999", "meeting-1999-01-01"} {
		code, _, errs := run(t, db, "ics", "--meeting", which, "-o", out)
		want := "There is no meeting with ID " + which + ". See the IDs with: ila list meetings"
		if code != ExitFail || !strings.Contains(errs, want) {
			t.Errorf("--meeting %s: exit %d, stderr %q; want exit 1 and %q", which, code, errs, want)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a file was written for an unknown meeting (stat: %v)", err)
	}
}

func TestICSIntoAMissingFolderIsAProblem(t *testing.T) {
	dir := t.TempDir()
	db, out := filepath.Join(dir, "ila.db"), filepath.Join(dir, "no", "such", "folder", "x.ics")
	code, _, errs := run(t, db, "ics", "-o", out)
	if code != ExitFail || !strings.Contains(errs, filepath.Dir(out)) || strings.Contains(errs, "Something unexpected") {
		t.Errorf("exit %d, stderr %q; want exit 1 and a sentence naming the missing folder", code, errs)
	}
}

func TestICSReplacesAnEarlierExport(t *testing.T) {
	dir := t.TempDir()
	db, out := filepath.Join(dir, "ila.db"), filepath.Join(dir, "ila.ics")
	if err := os.WriteFile(out, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := run(t, db, "ics", "-o", out); code != ExitOK {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	if n := len(readCalendar(t, out).Events()); n != 4 {
		t.Errorf("got %d events after overwriting, want 4", n)
	}
}
