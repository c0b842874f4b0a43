package report

import (
	"io"
	"strconv"
	"strings"

	"github.com/handelskammaren/ila-desk/data"
)

// Report writes a consolidated report of submissions: a cover naming the
// selection, a table of contents with page numbers, summary tables (by
// transport mode, municipality, four-step step, priority and status) and
// one compact section per submission, in the order given.
func Report(w io.Writer, subs []data.Submission, rf ReportFilter, opt Options) error {
	t := translator(opt)
	title := rf.Title
	if strings.TrimSpace(title) == "" {
		title = t("Consolidated report of submissions")
	}
	m := meta{title: title, subject: t("Submissions to Infrastruktur & Logistikarenan (ILA)")}
	return render(w, opt, m, func(d *doc) {
		d.headerLeft = arenaName
		d.headerRight = title
		d.reportCover(title, subs, rf)

		// Contents.
		d.newPage()
		d.heading(1, d.t("Contents"), 0)
		d.tocEntry("summary", "", d.t("Summary"), "", 0)
		for i, s := range subs {
			d.tocEntry(subKey(i), strconv.Itoa(i+1)+".", subTitle(d, s), submitter(s, d.opt), 1)
		}

		// Summary.
		d.newPage()
		d.markedHeading(1, d.t("Summary"), 0, "summary", 0)
		d.summaryTables(subs)

		// The submissions.
		for i, s := range subs {
			if i == 0 {
				d.newPage()
			} else {
				d.space(9)
			}
			d.submissionSection(i, s, nil, i > 0)
		}
	})
}

func subKey(i int) string { return "sub-" + strconv.Itoa(i) }

func subTitle(d *doc, s data.Submission) string {
	if strings.TrimSpace(s.Title) == "" {
		return d.t("Untitled submission")
	}
	return s.Title
}

// submissionLead is the room a submission in a report or meeting book needs
// to start on a page: its title and some of its facts.
var submissionLead = lineH(sizeH2)*2 + 40

// submissionSection is one submission inside a report or meeting book.
// rule draws a separating line above it, after the submission before.
func (d *doc) submissionSection(i int, s data.Submission, meeting *data.Meeting, rule bool) {
	title := strconv.Itoa(i+1) + ". " + subTitle(d, s)
	d.keepPoint() // the rule goes with the heading below it
	d.space(2)
	d.need(submissionLead) // never start a submission at the foot of a page
	if rule && d.y > contentTop+0.01 {
		d.withHeading(func() { d.hline(marginL, pageW-marginR, d.y, 0.6, colAccent) })
		d.y += 3
	}
	d.markedHeading(2, title, 30, subKey(i), 1)
	parts := []string{d.statusName(s.Status)}
	if c := submitter(s, d.opt); c != "" {
		parts = append(parts, c)
	}
	d.withHeading(func() { d.paragraph(plain(strings.Join(parts, "  ·  ")), para{size: 9, color: colMuted}) })
	d.y += 1.5
	d.submissionBody(subDoc{sub: s, meeting: meeting, compact: true})
}

// reportCover is the report's first page.
func (d *doc) reportCover(title string, subs []data.Submission, rf ReportFilter) {
	d.coverPage()
	d.y = 70
	d.overline(arenaName)
	d.heading(0, title, 20)
	d.hline(marginL, marginL+40, d.y+1, 0.8, colAccent)
	d.y += 8

	var facts [][2]string
	add := func(label, value string) {
		if strings.TrimSpace(value) != "" {
			facts = append(facts, [2]string{label, value})
		}
	}
	if m := rf.Meeting; m != nil {
		v := m.Title
		if !m.Start.IsZero() {
			v = strings.TrimPrefix(v+", "+data.FormatSpan(m.Start, m.End, d.opt.Lang), ", ")
		}
		add(d.t("Meeting"), v)
	}
	if len(rf.Statuses) > 0 {
		names := make([]string, len(rf.Statuses))
		for i, s := range rf.Statuses {
			names[i] = d.statusName(s)
		}
		add(d.t("Status"), strings.Join(names, ", "))
	}
	if len(rf.Modes) > 0 {
		add(d.t("Transport mode"), d.modeNames(rf.Modes))
	}
	if len(rf.Municipalities) > 0 {
		names := make([]string, len(rf.Municipalities))
		for i, m := range rf.Municipalities {
			names[i] = d.municipalityName(m)
		}
		add(d.t("Municipality"), strings.Join(names, ", "))
	}
	add(d.t("Search"), rf.Text)
	switch {
	case !rf.From.IsZero() && !rf.To.IsZero():
		add(d.t("Period"), data.FormatShortDate(rf.From, d.opt.Lang)+" – "+data.FormatShortDate(rf.To, d.opt.Lang))
	case !rf.From.IsZero():
		add(d.t("Period"), d.tf("from {{.Date}}", map[string]any{"Date": data.FormatShortDate(rf.From, d.opt.Lang)}))
	case !rf.To.IsZero():
		add(d.t("Period"), d.tf("until {{.Date}}", map[string]any{"Date": data.FormatShortDate(rf.To, d.opt.Lang)}))
	}
	if len(facts) == 0 {
		add(d.t("Selection"), d.t("All submissions"))
	}
	add(d.t("Number of submissions"), strconv.Itoa(len(subs)))
	add(d.t("Date"), data.FormatDate(d.opt.Created, d.opt.Lang))
	add(d.t("Compiled by"), d.opt.Company.Name)
	d.factsTable(facts, false)
}

// tocEntry is one line of a table of contents: number, title, dot leaders
// and page number, linked to where the entry starts.
// extra, when given, follows the title in grey (a submission's company).
func (d *doc) tocEntry(key, number, title, extra string, level int) {
	const numW, pageColW = 10.0, 14.0
	indent := 0.0
	st := bold
	if level > 0 {
		st = regular
	}
	titleX := indent + numW
	if number == "" {
		titleX = indent
	}
	p := para{st: st, indent: titleX, width: contentW - titleX - pageColW - 4}.withDefaults()
	spans := plain(title)
	if strings.TrimSpace(extra) != "" {
		c := colMuted
		spans = append(spans, span{text: "  ·  " + extra, st: regular, color: &c, size: sizeSmall})
	}
	lines := d.wrap(spans, p)
	h := float64(len(lines)) * p.lineH
	d.need(h)
	top := d.y
	base := func(y float64) float64 { return y + 0.5*p.lineH + 0.3*sizeBody*ptToMM }
	if number != "" { // right-aligned in its column
		d.textAt(marginL+indent+numW-2.5-d.width(number, st, sizeBody), base(top), st, sizeBody, colMuted, number)
	}
	d.lines(lines, p)
	if d.dry {
		return
	}
	lastY := d.y - p.lineH
	page := strconv.Itoa(d.pageOf(key))
	pw := d.width(page, st, sizeBody)
	d.textAt(pageW-marginR-pw, base(lastY), st, sizeBody, colText, page)
	// Dot leaders from the end of the title to the page number.
	from := marginL + titleX + lines[len(lines)-1].w + 2
	to := pageW - marginR - pw - 2
	dot := d.width(".", regular, sizeBody)
	if n := int((to - from) / (dot * 2)); n > 0 {
		d.textAt(to-float64(n)*dot*2, base(lastY), regular, sizeBody, colRule, strings.Repeat(". ", n))
	}
	d.pdf.Link(marginL, top, contentW, d.y-top, d.linkID(key))
}

// summaryTables count the submissions by mode, municipality, step,
// priority and status.
func (d *doc) summaryTables(subs []data.Submission) {
	countCols := func(first string) []column {
		return []column{{title: first, width: 85}, {title: d.t("Submissions"), width: 30, align: 'R'}}
	}
	num := func(n int) cell { return textCell(strconv.Itoa(n)) }

	// By transport mode.
	byMode := map[data.Mode]int{}
	noMode := 0
	for _, s := range subs {
		seen := map[data.Mode]bool{}
		for _, m := range s.Modes {
			if !seen[m] {
				byMode[m]++
				seen[m] = true
			}
		}
		if len(s.Modes) == 0 {
			noMode++
		}
	}
	var rows []row
	for _, m := range data.Modes {
		rows = append(rows, row{textCell(d.modeName(m)), num(byMode[m])})
	}
	if noMode > 0 {
		rows = append(rows, row{textCell(d.t("Not given")), num(noMode)})
	}
	d.heading(2, d.t("By transport mode"), 40)
	d.table(countCols(d.t("Transport mode")), rows, tableStyle{header: true})
	d.y += 1
	d.paragraph(plain(d.t("A submission that names several transport modes is counted under each.")), para{size: sizeSmall, st: italic, color: colMuted})

	// By municipality.
	byMun := map[string]int{}
	for _, s := range subs {
		byMun[s.Municipality]++
	}
	rows = nil
	for _, m := range data.Municipalities {
		rows = append(rows, row{textCell(m), num(byMun[m])})
	}
	if n := byMun[data.OutsideCounty]; n > 0 {
		rows = append(rows, row{textCell(d.municipalityName(data.OutsideCounty)), num(n)})
	}
	other := 0
	for m, n := range byMun {
		if !knownMunicipality(m) {
			other += n
		}
	}
	if other > 0 {
		rows = append(rows, row{textCell(d.t("Not given")), num(other)})
	}
	d.heading(2, d.t("By municipality"), 40)
	d.table(countCols(d.t("Municipality")), rows, tableStyle{header: true})

	// By four-step step.
	measures := map[data.Step]int{}
	withStep := map[data.Step]int{}
	for _, s := range subs {
		seen := map[data.Step]bool{}
		for _, m := range s.Measures {
			st := m.Step
			if st < data.StepRethink || st > data.StepBuildNew {
				st = 0
			}
			measures[st]++
			if !seen[st] {
				withStep[st]++
				seen[st] = true
			}
		}
	}
	rows = nil
	steps := append([]data.Step{}, data.Steps...)
	if measures[0] > 0 {
		steps = append(steps, 0)
	}
	for _, st := range steps {
		rows = append(rows, row{textCell(d.stepName(st)), num(measures[st]), num(withStep[st])})
	}
	d.heading(2, d.t("By step of the four-step principle"), 40)
	d.table([]column{
		{title: d.t("Step"), width: 85},
		{title: d.t("Measures"), width: 30, align: 'R'},
		{title: d.t("Submissions"), width: 30, align: 'R'},
	}, rows, tableStyle{header: true})

	// By priority.
	byPrio := map[data.Priority]int{}
	for _, s := range subs {
		p := s.Priority
		if p < data.PriorityHigh || p > data.PriorityLow {
			p = data.PriorityNone
		}
		byPrio[p]++
	}
	rows = nil
	for _, p := range []data.Priority{data.PriorityHigh, data.PriorityMedium, data.PriorityLow, data.PriorityNone} {
		rows = append(rows, row{textCell(d.priorityName(p)), num(byPrio[p])})
	}
	d.heading(2, d.t("By priority"), 40)
	d.table(countCols(d.t("Priority")), rows, tableStyle{header: true})

	// By status.
	byStatus := map[data.Status]int{}
	for _, s := range subs {
		byStatus[s.Status]++
	}
	rows = nil
	for _, st := range data.Statuses {
		rows = append(rows, row{textCell(d.statusName(st)), num(byStatus[st])})
	}
	d.heading(2, d.t("By status"), 40)
	d.table(countCols(d.t("Status")), rows, tableStyle{header: true})
}

func knownMunicipality(m string) bool {
	if m == data.OutsideCounty {
		return true
	}
	for _, k := range data.Municipalities {
		if k == m {
			return true
		}
	}
	return false
}
