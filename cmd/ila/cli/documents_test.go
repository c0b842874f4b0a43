package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/store"
)

// seeded makes a database with the default content and two submissions.
func seeded(t *testing.T) (db string, ids []int64) {
	t.Helper()
	db = filepath.Join(t.TempDir(), "ila.db")
	if code, _, errs := run(t, db, "list", "meetings"); code != ExitOK {
		t.Fatalf("seed: %s", errs)
	}
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, s := range []data.Submission{
		{Title: "Plankorsningen i Kolbäck", Object: "Plankorsning", Municipality: "Hallstahammar", MeetingKey: "meeting-2017-11-21",
			Measures: []data.Measure{{Text: "Planskild korsning", Step: data.StepBuildNew}}, HasPoint: true, Lat: 59.5617, Lon: 16.2322},
		{Title: "Kajen i Köpings hamn", Object: "Kaj 4", Municipality: "Köping"},
	} {
		c, err := st.CreateSubmission(context.Background(), s)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	return db, ids
}

func TestPDFCommandsWriteValidPDFs(t *testing.T) {
	db, ids := seeded(t)
	dir := t.TempDir()
	tests := [][]string{
		{"pdf", "submission", "1"},
		{"pdf", "report"},
		{"pdf", "report", "--meeting", "4", "--status", "draft"},
		{"pdf", "meeting", "4"},
		{"pdf", "protocol", "1"},
	}
	_ = ids
	for i, args := range tests {
		out := filepath.Join(dir, strings.Join(args, "-")+".pdf")
		code, stdout, errs := run(t, db, append(args, "-o", out)...)
		if code != ExitOK {
			t.Errorf("%v: exit %d: %s", args, code, errs)
			continue
		}
		b, err := os.ReadFile(out)
		if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b[len(b)-1024:], []byte("%%EOF")) {
			t.Errorf("%v (#%d): %s is not a whole PDF (%v)", args, i, out, err)
		}
		if !strings.Contains(stdout, out) {
			t.Errorf("%v: output %q does not name the file", args, stdout)
		}
	}
}

func TestPDFCommandErrors(t *testing.T) {
	db, _ := seeded(t)
	dir := t.TempDir()
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"pdf", "submission", "99", "-o", filepath.Join(dir, "x.pdf")}, ExitFail, "no submission with ID 99"},
		{[]string{"pdf", "submission", "abc", "-o", filepath.Join(dir, "x.pdf")}, ExitFail, "is not an ID"},
		{[]string{"pdf", "report", "--status", "lost", "-o", filepath.Join(dir, "x.pdf")}, ExitFail, "lost"},
		{[]string{"pdf", "submission", "1", "-o", filepath.Join(dir, "missing", "x.pdf")}, ExitFail, "does not exist"},
		{[]string{"pdf", "submission", "1"}, ExitUsage, "Usage"},
		{[]string{"pdf", "poster", "1", "-o", filepath.Join(dir, "x.pdf")}, ExitUsage, "Usage"},
	}
	for _, tt := range tests {
		code, _, errs := run(t, db, tt.args...)
		if code != tt.code || !strings.Contains(errs, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d mentioning %q", tt.args, code, errs, tt.code, tt.want)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("failed commands left %d files behind", len(entries))
	}
}

func TestExportImportPackageRoundTripWithoutDuplicates(t *testing.T) {
	db, _ := seeded(t)
	zip := filepath.Join(t.TempDir(), "inspel.zip")
	if code, _, errs := run(t, db, "export-package", "-o", zip); code != ExitOK {
		t.Fatalf("export: %s", errs)
	}
	other := filepath.Join(t.TempDir(), "chamber.db")
	code, out, errs := run(t, other, "import-package", zip)
	if code != ExitOK || !strings.Contains(out, "2 new submissions, 0 updated") {
		t.Fatalf("first import: exit %d, %q %q", code, out, errs)
	}
	code, out, _ = run(t, other, "import-package", zip)
	if code != ExitOK || !strings.Contains(out, "0 new submissions, 2 updated") {
		t.Errorf("re-import: exit %d, %q; want it to update, not duplicate", code, out)
	}
	_, list, _ := run(t, other, "list", "submissions")
	if strings.Count(list, "Plankorsningen i Kolbäck") != 1 {
		t.Errorf("after two imports the list holds:\n%s", list)
	}
	bad := filepath.Join(t.TempDir(), "bad.zip")
	os.WriteFile(bad, []byte("not a zip"), 0o644)
	code, _, errs = run(t, other, "import-package", bad)
	if code != ExitFail || !strings.Contains(errs, "not a zip file") {
		t.Errorf("bad package: exit %d, %q", code, errs)
	}
}

func TestCoord(t *testing.T) {
	code, out, _ := run(t, "", "coord", "59°58′55.23″N", "17°50′06.12″E")
	if code != ExitOK || !strings.Contains(out, "N 6 652 797, E 658 185") {
		t.Errorf("coord: exit %d, %q", code, out)
	}
	code, _, errs := run(t, "", "coord", "16.55,", "59.61")
	if code != ExitFail || !strings.Contains(errs, "swapped? In Sweden the latitude (55–69) comes first: 59.61000° N, 16.55000° E") {
		t.Errorf("swapped pair: exit %d, %q", code, errs)
	}
}
