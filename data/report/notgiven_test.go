package report

import (
	"bytes"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/handelskammaren/ila-desk/data"
)

// TestUnsetFieldsSayNotGiven prints submissions whose optional fields were
// never chosen. "Kostnadsklass: Okänd" used to be printed when no cost
// class was chosen: only a user who chose "unknown" gets "Okänd"; a field
// never set says "Ej angiven" ("Not given"), never a made-up default.
func TestUnsetFieldsSayNotGiven(t *testing.T) {
	unset := sampleSubmission()
	unset.CostClass, unset.Priority, unset.Urgency, unset.Status = "", data.PriorityNone, data.UrgencyNone, ""
	unset.Trail = append(unset.Trail, data.StatusChange{At: day(2026, 11, 4), Comment: "Utan status"})
	unknown := sampleSubmission()
	unknown.CostClass = data.CostUnknown
	for _, tc := range []struct {
		name      string
		lang      data.Language
		sub       data.Submission
		want, not []string
	}{
		{"sv unset", data.Swedish, unset,
			[]string{"Kostnadsklass Ej angiven", "Prioritet Ej angiven", "Angelägenhetsgrad Ej angiven", "4 november 2026 Ej angiven Utan status"},
			[]string{"Okänd"}},
		{"en unset", data.English, unset,
			[]string{"Cost class Not given", "Priority Not given", "Urgency Not given", "4 November 2026 Not given Utan status"},
			[]string{"Unknown"}},
		{"sv unknown", data.Swedish, unknown, []string{"Kostnadsklass Okänd"}, []string{"Kostnadsklass Ej angiven"}},
		{"en unknown", data.English, unknown, []string{"Cost class Unknown"}, []string{"Cost class Not given"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pdf := renderPDF(t, func(b *bytes.Buffer) error { return Submission(b, tc.sub, nil, nil, testOptions(tc.lang)) })
			lines := strings.Split(allText(bodyPages(t, pdf)), "\n")
			for _, w := range tc.want {
				if !slices.Contains(lines, w) {
					t.Errorf("no line %q in\n%s", w, strings.Join(lines, "\n"))
				}
			}
			for _, n := range tc.not {
				for _, l := range lines {
					if strings.Contains(l, n) {
						t.Errorf("line %q says %q", l, n)
					}
				}
			}
			if tc.sub.Status == "" {
				status := map[data.Language]string{data.Swedish: "Status: Ej angiven", data.English: "Status: Not given"}[tc.lang]
				if !slices.ContainsFunc(lines, func(l string) bool { return strings.HasPrefix(l, status+"  ·  ") }) {
					t.Errorf("no line under the title begins %q", status)
				}
			}
		})
	}
}

// TestReportCountsSubmissionsWithoutStatus checks that the summary's
// table by status counts every submission: one without a status used to
// be left out, so the table added up to less than the report held.
func TestReportCountsSubmissionsWithoutStatus(t *testing.T) {
	subs := genSubmissions(6, 0)
	subs[1].Status, subs[4].Status = "", ""
	pdf := renderPDF(t, func(b *bytes.Buffer) error { return Report(b, subs, ReportFilter{}, testOptions(data.Swedish)) })
	lines := strings.Split(allText(bodyPages(t, pdf)), "\n")
	at := slices.Index(lines, "Per status")
	if at < 0 {
		t.Fatalf("no table by status in\n%s", strings.Join(lines, "\n"))
	}
	rowRe := regexp.MustCompile(`^(.+) (\d+)$`)
	total, notGiven := 0, 0
	for _, l := range lines[at+2:] { // after the heading and the column titles
		m := rowRe.FindStringSubmatch(l)
		if m == nil {
			break
		}
		n, _ := strconv.Atoi(m[2])
		total += n
		if m[1] == "Ej angiven" {
			notGiven = n
		}
	}
	if total != len(subs) || notGiven != 2 {
		t.Errorf("the table by status counts %d submissions, %d of them Ej angiven; want %d and 2", total, notGiven, len(subs))
	}
	if !slices.Contains(lines, "Ej angiven  ·  "+subs[1].Company) {
		t.Errorf("the second submission's status line does not say Ej angiven")
	}
}
