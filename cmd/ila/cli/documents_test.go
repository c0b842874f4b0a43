package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ledongthuc/pdf"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/geo"
	"github.com/handelskammaren/ila-desk/data/store"
	"github.com/handelskammaren/ila-desk/data/textextract"
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
			Measures: []data.Measure{{Text: "Planskild korsning", Step: data.StepBuildNew}}, Point: &geo.Point{Lat: 59.5617, Lon: 16.2322}},
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

// TestPDFCommandsWriteValidPDFs reads each PDF back: a whole file whose
// page tree the reader opens, each page numbered "Page i of n" with n its
// page count, holding what the command was asked to print and nothing it
// was not.
func TestPDFCommandsWriteValidPDFs(t *testing.T) {
	db, ids := seeded(t)
	dir := t.TempDir()
	kolback, koping := "Plankorsningen i Kolbäck", "Kajen i Köpings hamn"
	tests := []struct {
		args      []string
		want, not []string
	}{
		{[]string{"pdf", "submission", strconv.FormatInt(ids[0], 10)},
			[]string{kolback, "Hallstahammar", "Planskild korsning", "59.56170° N, 16.23220° E", "Meant for meeting Nätverksmöte ILA, Tuesday 21 November 2017"}, []string{koping}},
		{[]string{"pdf", "report"}, []string{"Consolidated report", kolback, koping}, nil},
		// Meeting 4 is the one of 21 November 2017 (the default content's
		// fourth); only the first submission is meant for it.
		{[]string{"pdf", "report", "--meeting", "4", "--status", "draft"}, []string{kolback, "21 November 2017", "Draft"}, []string{koping}},
		{[]string{"pdf", "meeting", "4"}, []string{"MEETING BOOK", "Nätverksmöte ILA", "Tuesday 21 November 2017, 12:00–15:00", "4. Our submissions (1)", kolback}, []string{koping}},
		{[]string{"pdf", "protocol", "1"}, []string{"Nätverksgruppsmöte", "Tuesday 19 April 2016"}, nil},
	}
	for _, tc := range tests {
		out := filepath.Join(dir, strings.Join(tc.args, "-")+".pdf")
		code, stdout, errs := run(t, db, append(tc.args, "-o", out)...)
		if code != ExitOK {
			t.Errorf("%v: exit %d: %s", tc.args, code, errs)
			continue
		}
		if !strings.Contains(stdout, out) {
			t.Errorf("%v: output %q does not name the file", tc.args, stdout)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimSpace(b), []byte("%%EOF")) {
			t.Errorf("%v: %s is not a whole PDF: %.8q … %q", tc.args, out, b, b[max(0, len(b)-8):])
			continue
		}
		r, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Errorf("%v: the PDF reader cannot open it: %v", tc.args, err)
			continue
		}
		pages := r.NumPage()
		text, searchable, err := textextract.Extract(out, textextract.PDF, b)
		if err != nil || !searchable {
			t.Errorf("%v: no text could be read (searchable %v, %v)", tc.args, searchable, err)
			continue
		}
		// Each page's footer, in order: the layout and the drawing agree.
		var footers []string
		for _, m := range footerRe.FindAllStringSubmatch(text, -1) {
			footers = append(footers, m[1]+"/"+m[2])
		}
		var want []string
		for i := 1; i <= pages; i++ {
			want = append(want, fmt.Sprintf("%d/%d", i, pages))
		}
		if pages == 0 || !slices.Equal(footers, want) {
			t.Errorf("%v: %d pages with the footers %v, want %v", tc.args, pages, footers, want)
		}
		flat := strings.Join(strings.Fields(text), " ")
		for _, w := range tc.want {
			if !strings.Contains(flat, w) {
				t.Errorf("%v: the PDF lacks %q:\n%s", tc.args, w, flat)
			}
		}
		for _, w := range tc.not {
			if strings.Contains(flat, w) {
				t.Errorf("%v: the PDF has %q, which it was not asked to print", tc.args, w)
			}
		}
	}
}

var footerRe = regexp.MustCompile(`Page (\d+) of (\d+)`)

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
