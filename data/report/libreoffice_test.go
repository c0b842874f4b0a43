package report

import (
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/handelskammaren/ila-desk/data"
)

// reportHTML writes the content of Report as one HTML file with its photos
// beside it, for LibreOffice to convert: the same cover, contents (without
// page numbers, which HTML cannot know), summary tables and one section per
// submission with its facts, texts, tables and photo.
func reportHTML(dir string, subs []data.Submission, opt Options) (string, error) {
	d := newLayoutDoc(mustFontsNoT(), opt)
	e := html.EscapeString
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Samlad rapport</title><style>
@page { size: A4; margin: 20mm }
body { font-family: "Liberation Sans", sans-serif; font-size: 10pt; color: #1a1a1a }
h1, h2 { color: #0B3D6E } h1 { font-size: 20pt } h2 { font-size: 12pt; border-top: 1px solid #0B3D6E; padding-top: 4pt }
h3 { font-size: 10.5pt } table { border-collapse: collapse; width: 100% }
td, th { border: 0.5pt solid #c8d0d8; padding: 2pt 4pt; vertical-align: top } th { background: #e8eef4; color: #0B3D6E; text-align: left }
td.l { background: #f3f6f9; color: #5a6270; font-weight: bold; font-size: 8.5pt } .m { color: #5a6270 } .c { font-style: italic; text-align: center }
</style></head><body>`)
	fmt.Fprintf(&b, "<p class=m><b>%s</b></p><h1>%s</h1>", e(strings.ToUpper(arenaName)), e(d.t("Consolidated report of submissions")))
	fmt.Fprintf(&b, "<table><tr><td class=l>%s</td><td>%s</td></tr><tr><td class=l>%s</td><td>%d</td></tr><tr><td class=l>%s</td><td>%s</td></tr></table>",
		e(d.t("Selection")), e(d.t("All submissions")), e(d.t("Number of submissions")), len(subs), e(d.t("Date")), e(data.FormatDate(opt.Created, opt.Lang)))
	fmt.Fprintf(&b, `<h1 style="page-break-before: always">%s</h1><ol>`, e(d.t("Contents")))
	for _, s := range subs {
		fmt.Fprintf(&b, "<li>%s <span class=m>· %s</span></li>", e(subTitle(d, s)), e(s.Company))
	}
	b.WriteString("</ol>")

	fmt.Fprintf(&b, `<h1 style="page-break-before: always">%s</h1>`, e(d.t("Summary")))
	count := func(title, col string, rows [][2]string) {
		fmt.Fprintf(&b, "<h3>%s</h3><table><tr><th>%s</th><th>%s</th></tr>", e(title), e(col), e(d.t("Submissions")))
		for _, r := range rows {
			fmt.Fprintf(&b, "<tr><td>%s</td><td align=right>%s</td></tr>", e(r[0]), r[1])
		}
		b.WriteString("</table>")
	}
	byMode, byMun, byPrio, bySteps := map[data.Mode]int{}, map[string]int{}, map[data.Priority]int{}, map[data.Step]int{}
	for _, s := range subs {
		for _, m := range s.Modes {
			byMode[m]++
		}
		byMun[s.Municipality]++
		byPrio[s.Priority]++
		for _, m := range s.Measures {
			bySteps[m.Step]++
		}
	}
	var rows [][2]string
	for _, m := range data.Modes {
		rows = append(rows, [2]string{d.modeName(m), strconv.Itoa(byMode[m])})
	}
	count(d.t("By transport mode"), d.t("Transport mode"), rows)
	rows = nil
	for _, m := range data.Municipalities {
		rows = append(rows, [2]string{m, strconv.Itoa(byMun[m])})
	}
	count(d.t("By municipality"), d.t("Municipality"), rows)
	rows = nil
	for _, st := range data.Steps {
		rows = append(rows, [2]string{d.stepName(st), strconv.Itoa(bySteps[st])})
	}
	count(d.t("By step of the four-step principle"), d.t("Step"), rows)
	rows = nil
	for _, p := range []data.Priority{data.PriorityHigh, data.PriorityMedium, data.PriorityLow, data.PriorityNone} {
		rows = append(rows, [2]string{d.priorityName(p), strconv.Itoa(byPrio[p])})
	}
	count(d.t("By priority"), d.t("Priority"), rows)

	for i, s := range subs {
		if i == 0 {
			b.WriteString(`<div style="page-break-before: always"></div>`)
		}
		fmt.Fprintf(&b, "<h2>%d. %s</h2><p class=m>%s · %s</p><table>", i+1, e(subTitle(d, s)), e(d.statusName(s.Status)), e(s.Company))
		facts := d.submissionFacts(s, nil)
		for k := 0; k < len(facts); k += 2 {
			b.WriteString("<tr>")
			for _, f := range facts[k:min(k+2, len(facts))] {
				fmt.Fprintf(&b, "<td class=l>%s</td><td>%s</td>", e(f[0]), e(f[1]))
			}
			b.WriteString("</tr>")
		}
		b.WriteString("</table>")
		fmt.Fprintf(&b, "<h3>%s</h3><p>%s</p><p><b>%s:</b> %s &nbsp; <b>%s:</b> %s</p>", e(d.t("Deficiency")), e(s.Deficiency),
			e(d.t("Since when")), e(s.DeficiencySince), e(d.t("How often")), e(s.DeficiencyFreq))
		var flows []string
		for _, k := range data.FlowKinds {
			if v, ok := s.Flows[k]; ok {
				_, unit := d.flowName(k)
				flows = append(flows, e(d.number(v)+" "+unit))
			}
		}
		fmt.Fprintf(&b, "<h3>%s</h3><p>%s</p>", e(d.t("Affected flows")), strings.Join(flows, " · "))
		var cons []string
		for _, c := range s.Consequences {
			cons = append(cons, d.consequenceName(c))
		}
		fmt.Fprintf(&b, "<h3>%s</h3><p><b>%s</b> %s</p><p>%s</p>", e(d.t("Consequences for the company")), e(d.t("Affects:")), e(strings.Join(cons, ", ")), e(s.Impact))
		fmt.Fprintf(&b, "<h3>%s</h3><table><tr><th>#</th><th>%s</th><th>%s</th></tr>", e(d.t("Proposed measures")), e(d.t("Measure")), e(d.t("Four-step principle")))
		for k, m := range s.Measures {
			fmt.Fprintf(&b, "<tr><td>%d.</td><td>%s</td><td>%s</td></tr>", k+1, e(m.Text), e(d.stepName(m.Step)))
		}
		b.WriteString("</table>")
		if len(s.CoSigners) > 0 {
			fmt.Fprintf(&b, "<h3>%s</h3><p>%s</p>", e(d.t("Co-signing companies")), e(strings.Join(s.CoSigners, ", ")))
		}
		fmt.Fprintf(&b, "<h3>%s</h3><p>%s · %s · %s · %s</p>", e(d.t("Contact")), e(s.Company), e(s.ContactPerson), e(s.ContactEmail), e(s.ContactPhone))
		var trail []string
		for _, c := range s.Trail {
			trail = append(trail, e(d.statusName(c.Status)+" "+data.FormatShortDate(c.At, opt.Lang)))
		}
		fmt.Fprintf(&b, "<h3>%s</h3><p>%s</p>", e(d.t("Status history")), strings.Join(trail, " → "))
		for k, a := range s.Attachments {
			name := fmt.Sprintf("photo-%d-%d.jpg", i, k)
			if err := os.WriteFile(filepath.Join(dir, name), a.Data, 0o644); err != nil {
				return "", err
			}
			fmt.Fprintf(&b, `<h3>%s</h3><p align=center><img src="%s" width="416" height="312"></p><p class=c>%s</p>`, e(d.t("Photos")), name, e(a.Caption))
		}
	}
	b.WriteString("</body></html>")
	path := filepath.Join(dir, "report.html")
	return path, os.WriteFile(path, []byte(b.String()), 0o644)
}

func mustFontsNoT() *fontSet {
	fs, err := loadFonts()
	if err != nil {
		panic(err)
	}
	return fs
}

// BenchmarkReport1000LibreOffice converts the same 1,000 submissions from
// HTML to PDF with LibreOffice, to compare with BenchmarkReport1000. Run
// both with: go test -run '^$' -bench Report1000 -benchtime 1x ./data/report/
func BenchmarkReport1000LibreOffice(b *testing.B) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		b.Skip("soffice not installed (apt-get install --no-install-recommends libreoffice-writer-nogui)")
	}
	dir := b.TempDir()
	opt := testOptions(data.Swedish)
	src, err := reportHTML(dir, genSubmissions(1000, 10), opt)
	if err != nil {
		b.Fatal(err)
	}
	profile := "-env:UserInstallation=file://" + filepath.Join(dir, "profile")
	convert := func(in string) {
		cmd := exec.Command(soffice, profile, "--headless", "--norestore", "--convert-to", "pdf:writer_web_pdf_Export", "--outdir", dir, in)
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("soffice: %v\n%s", err, out)
		}
	}
	// A first run creates LibreOffice's profile; that is not conversion time.
	warm := filepath.Join(dir, "warm.html")
	if err := os.WriteFile(warm, []byte("<p>hej</p>"), 0o644); err != nil {
		b.Fatal(err)
	}
	convert(warm)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		convert(src)
	}
	b.StopTimer()
	out := strings.TrimSuffix(src, ".html") + ".pdf"
	fi, err := os.Stat(out)
	if err != nil {
		b.Fatalf("no PDF from soffice: %v", err)
	}
	b.ReportMetric(float64(fi.Size())/1e6, "MB")
	if n, err := exec.Command("pdfinfo", out).Output(); err == nil {
		for _, l := range strings.Split(string(n), "\n") {
			if strings.HasPrefix(l, "Pages:") {
				p, _ := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(l, "Pages:")))
				b.ReportMetric(float64(p), "pages")
			}
		}
	}
}
