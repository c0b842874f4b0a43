package report

import (
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/handelskammaren/ila-desk/data"
)

// Report writes a consolidated report of submissions: a cover naming the
// selection and counting it by status, with the table of contents and its
// page numbers below, summary tables (by transport mode, municipality,
// four-step step, priority and status) and one compact section per
// submission, in the order given, each following the one before.
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
		entries := make([]tocLine, 0, len(subs)+1)
		entries = append(entries, d.layTocEntry("summary", "", d.t("Summary"), "", 0))
		for i, s := range subs {
			entries = append(entries, d.layTocEntry(subKey(i), strconv.Itoa(i+1)+".", subTitle(d, s), submitter(s, d.opt), 1))
		}
		contentsH := headingHeight(1)
		for _, e := range entries {
			contentsH += e.h
		}

		// The cover carries the contents: on the page alone they would
		// leave it nearly empty. When they do not fit below the cover's
		// usual place, the cover moves up; when they do not fit at all,
		// they run on to the next page and the summary follows them there.
		d.reportCover(title, subs, rf, contentsH)
		d.heading(1, d.t("Contents"), entries[0].h)
		for _, e := range entries {
			d.drawTocEntry(e)
		}

		// Summary.
		if d.page == 1 {
			d.newPage()
		}
		d.summaryTables(subs, func(follow float64) {
			d.markedHeading(1, d.t("Summary"), follow, "summary", 0)
		})

		// The submissions, straight after the summary.
		for i, s := range subs {
			d.space(9)
			d.submissionSection(i, s, nil, true)
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

// submissionLead is the least room a submission in a report or meeting
// book needs to start on a page: its title and some of its facts.
var submissionLead = lineH(sizeH2)*2 + 40

// sectionStart is what a submission section in a report or meeting book
// begins with, laid out: its title, its status line and its facts, which
// stay together on one page.
type sectionStart struct {
	title  string
	facts  *laidTable // nil without facts
	follow float64    // below the title: the status line and the facts
	lead   float64    // from the rule above the title to the end of the facts
}

func (d *doc) laySectionStart(i int, s data.Submission, meeting *data.Meeting) sectionStart {
	st := sectionStart{title: strconv.Itoa(i+1) + ". " + subTitle(d, s)}
	if f := d.submissionFacts(s, meeting); len(f) > 0 {
		st.facts = d.layCompactFacts(f)
	}
	p, before, after, _ := headingStyle(2)
	titleH := float64(len(d.wrap(plain(st.title), p))) * p.lineH
	st.follow = lineH(sectionMetaSize) + 1.5
	if st.facts != nil {
		st.follow += st.facts.lead()
	}
	st.lead = min(max(3+before+titleH+after+st.follow, submissionLead), contentBottom-contentTop)
	return st
}

// sectionMetaSize is the size of the status line under a section's title.
const sectionMetaSize = 9.0

// submissionSection is one submission inside a report or meeting book.
// rule draws a separating line above it, after the submission before.
func (d *doc) submissionSection(i int, s data.Submission, meeting *data.Meeting, rule bool) {
	st := d.laySectionStart(i, s, meeting)
	d.keepPoint() // the rule goes with the heading below it
	d.space(2)
	d.need(st.lead) // never start a submission at the foot of a page
	if rule && d.y > contentTop+0.01 {
		d.withHeading(func() { d.hline(marginL, pageW-marginR, d.y, 0.6, colAccent) })
		d.y += 3
	}
	d.markedHeading(2, st.title, st.follow, subKey(i), 1)
	parts := []string{d.statusName(s.Status)}
	if c := submitter(s, d.opt); c != "" {
		parts = append(parts, c)
	}
	d.withHeading(func() {
		d.paragraph(plain(strings.Join(parts, "  ·  ")), para{size: sectionMetaSize, color: colMuted})
	})
	d.y += 1.5
	d.submissionBody(subDoc{sub: s, meeting: meeting, compact: true, facts: st.facts})
}

// coverTop is where the cover's title begins when the contents fit below
// it; coverTopHigh when they do not.
const (
	coverTop     = 70.0
	coverTopHigh = contentTop + 6
)

// reportCover is the report's first page: the title and the facts of the
// selection, with room below for contentsH millimetres of contents.
func (d *doc) reportCover(title string, subs []data.Submission, rf ReportFilter, contentsH float64) {
	d.coverPage()
	facts := d.coverFacts(subs, rf)
	tp, _, after, _ := headingStyle(0)
	coverH := lineH(sizeSmall) + 1 + float64(len(d.wrap(plain(title), tp)))*tp.lineH + after + 8
	if len(facts) > 0 {
		coverH += d.layFacts(facts).height()
	}
	d.y = coverTop
	if coverTop+coverH+contentsH > contentBottom {
		d.y = coverTopHigh
	}
	d.overline(arenaName)
	d.heading(0, title, 20)
	d.hline(marginL, marginL+40, d.y+1, 0.8, colAccent)
	d.y += 8
	d.factsTable(facts, false)
}

// coverFacts are what the report's cover says of the selection: the
// meeting, the filters, the number of submissions and by status, the date
// and who compiled it.
func (d *doc) coverFacts(subs []data.Submission, rf ReportFilter) [][2]string {
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
	byStatus := countStatuses(subs)
	var counts []string
	for _, st := range statusesOf(byStatus) {
		if n := byStatus[st]; n > 0 {
			counts = append(counts, d.statusName(st)+"\u00A0"+strconv.Itoa(n))
		}
	}
	add(d.t("By status"), strings.Join(counts, "  ·  "))
	add(d.t("Date"), data.FormatDate(d.opt.Created, d.opt.Lang))
	add(d.t("Compiled by"), d.opt.Company.Name)
	return facts
}

// tocLine is an entry of a table of contents, laid out.
type tocLine struct {
	key, number string
	st          style
	p           para
	lines       []line
	h           float64
}

// tocEntry is one line of a table of contents: number, title, dot leaders
// and page number, linked to where the entry starts.
// extra, when given, follows the title in grey (a submission's company).
func (d *doc) tocEntry(key, number, title, extra string, level int) {
	d.drawTocEntry(d.layTocEntry(key, number, title, extra, level))
}

// layTocEntry lays out an entry of a table of contents, to measure it
// before it is drawn.
func (d *doc) layTocEntry(key, number, title, extra string, level int) tocLine {
	const numW, pageColW = 10.0, 14.0
	st := bold
	if level > 0 {
		st = regular
	}
	titleX := numW
	if number == "" {
		titleX = 0
	}
	p := para{st: st, indent: titleX, width: contentW - titleX - pageColW - 4}.withDefaults()
	spans := plain(title)
	if strings.TrimSpace(extra) != "" {
		c := colMuted
		spans = append(spans, span{text: "  ·  " + extra, st: regular, color: &c, size: sizeSmall})
	}
	lines := d.wrap(spans, p)
	return tocLine{key: key, number: number, st: st, p: p, lines: lines, h: float64(len(lines)) * p.lineH}
}

func (d *doc) drawTocEntry(e tocLine) {
	const numW = 10.0
	st, p, lines := e.st, e.p, e.lines
	d.need(e.h)
	top := d.y
	base := func(y float64) float64 { return y + 0.5*p.lineH + 0.3*sizeBody*ptToMM }
	if e.number != "" { // right-aligned in its column
		d.textAt(marginL+numW-2.5-d.width(e.number, st, sizeBody), base(top), st, sizeBody, colMuted, e.number)
	}
	d.lines(lines, p)
	if d.dry {
		return
	}
	lastY := d.y - p.lineH
	page := strconv.Itoa(d.pageOf(e.key))
	pw := d.width(page, st, sizeBody)
	d.textAt(pageW-marginR-pw, base(lastY), st, sizeBody, colText, page)
	// Dot leaders from the end of the title to the page number.
	from := marginL + p.indent + lines[len(lines)-1].w + 2
	to := pageW - marginR - pw - 2
	dot := d.width(".", regular, sizeBody)
	if n := int((to - from) / (dot * 2)); n > 0 {
		d.textAt(to-float64(n)*dot*2, base(lastY), regular, sizeBody, colRule, strings.Repeat(". ", n))
	}
	d.pdf.Link(marginL, top, contentW, d.y-top, d.linkID(e.key))
}

// summaryTables count the submissions by mode, municipality, step,
// priority and status. head draws the summary's heading, which keeps
// follow millimetres of the first table's start with it.
func (d *doc) summaryTables(subs []data.Submission, head func(follow float64)) {
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
	t := d.layTable(countCols(d.t("Transport mode")), rows, tableStyle{header: true})
	head(headingHeight(2) + t.lead())
	d.heading(2, d.t("By transport mode"), t.lead())
	d.drawTable(t)
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
	// A place outside the list is named as the user wrote it; only a
	// submission without one is "Not given".
	var other []string
	unset := 0
	for m, n := range byMun {
		switch {
		case strings.TrimSpace(m) == "":
			unset += n
		case !knownMunicipality(m):
			other = append(other, m)
		}
	}
	sort.Strings(other)
	for _, m := range other {
		rows = append(rows, row{textCell(m), num(byMun[m])})
	}
	if unset > 0 {
		rows = append(rows, row{textCell(d.t("Not given")), num(unset)})
	}
	d.headedTable(d.t("By municipality"), countCols(d.t("Municipality")), rows)

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
	d.headedTable(d.t("By step of the four-step principle"), []column{
		{title: d.t("Step"), width: 85},
		{title: d.t("Measures"), width: 30, align: 'R'},
		{title: d.t("Submissions"), width: 30, align: 'R'},
	}, rows)

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
	d.headedTable(d.t("By priority"), countCols(d.t("Priority")), rows)

	// By status: every submission is counted, also one without a status
	// or with one this version does not know.
	byStatus := countStatuses(subs)
	rows = nil
	for _, st := range statusesOf(byStatus) {
		rows = append(rows, row{textCell(d.statusName(st)), num(byStatus[st])})
	}
	d.headedTable(d.t("By status"), countCols(d.t("Status")), rows)
}

// countStatuses counts the submissions by status; a status of only
// spaces counts as none.
func countStatuses(subs []data.Submission) map[data.Status]int {
	n := map[data.Status]int{}
	for _, s := range subs {
		n[data.Status(strings.TrimSpace(string(s.Status)))]++
	}
	return n
}

// statusesOf lists the known statuses in trail order, then any others
// that occur, sorted, then the empty status if it occurs.
func statusesOf(count map[data.Status]int) []data.Status {
	out := append([]data.Status{}, data.Statuses...)
	var other []data.Status
	for st, n := range count {
		if n > 0 && st != "" && !st.Valid() {
			other = append(other, st)
		}
	}
	sort.Slice(other, func(i, j int) bool { return other[i] < other[j] })
	out = append(out, other...)
	if count[""] > 0 {
		out = append(out, "")
	}
	return out
}

// headedTable draws a summary table under its heading, which keeps as
// much of the table as stays together (all of a small one) with it.
func (d *doc) headedTable(title string, cols []column, rows []row) {
	t := d.layTable(cols, rows, tableStyle{header: true})
	d.heading(2, title, t.lead())
	d.drawTable(t)
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
