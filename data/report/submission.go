package report

import (
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/geo"
)

// Submission writes one submission (inspel) as an A4 PDF to print, sign and
// send: the facts, the deficiency and its evidence, the proposed measures
// with their four-step step, the photos and a signature block. meeting is
// the arena meeting it is meant for, if known.
func Submission(w io.Writer, sub data.Submission, photos []Photo, meeting *data.Meeting, opt Options) error {
	t := translator(opt)
	title := sub.Title
	if strings.TrimSpace(title) == "" {
		title = t("Submission")
	}
	m := meta{title: title, subject: t("Submission to Infrastruktur & Logistikarenan (ILA)")}
	return render(w, opt, m, func(d *doc) {
		d.headerLeft = arenaName
		d.headerRight = submitter(sub, opt)
		d.newPage()
		d.overline(d.t("Submission to Infrastruktur & Logistikarenan (ILA)"))
		d.heading(0, title, 30)
		d.submissionMeta(sub)
		s := subDoc{sub: sub, photos: photos, meeting: meeting, compact: false}
		d.submissionBody(s)
		d.signatures(sub, title, opt)
	})
}

func translator(opt Options) func(string) string {
	if opt.T == nil {
		return func(s string) string { return s }
	}
	return func(s string) string { return opt.T(s, nil) }
}

// submitter is the company a submission comes from.
func submitter(sub data.Submission, opt Options) string {
	if strings.TrimSpace(sub.Company) != "" {
		return sub.Company
	}
	return opt.Company.Name
}

// overline is the small line above a document title that says what kind of
// document it is.
func (d *doc) overline(s string) {
	d.paragraph(plain(strings.ToUpper(s)), para{size: sizeSmall, st: bold, color: colAccent})
	d.y += 1
}

// submissionMeta is the line under a submission's title: status and dates.
func (d *doc) submissionMeta(sub data.Submission) {
	parts := []string{d.tf("Status: {{.Status}}", map[string]any{"Status": d.statusName(sub.Status)})}
	if !sub.Created.IsZero() {
		parts = append(parts, d.tf("Created {{.Date}}", map[string]any{"Date": data.FormatShortDate(sub.Created, d.opt.Lang)}))
	}
	if !sub.Updated.IsZero() && !sameDay(sub.Updated, sub.Created) {
		parts = append(parts, d.tf("Last changed {{.Date}}", map[string]any{"Date": data.FormatShortDate(sub.Updated, d.opt.Lang)}))
	}
	d.paragraph(plain(strings.Join(parts, "  ·  ")), para{size: 9.5, color: colMuted})
	d.y += 2
}

func sameDay(a, b time.Time) bool {
	a, b = a.In(data.Stockholm), b.In(data.Stockholm)
	return a.Year() == b.Year() && a.YearDay() == b.YearDay()
}

// subDoc is a submission and what goes with it when it is printed.
type subDoc struct {
	sub     data.Submission
	photos  []Photo
	meeting *data.Meeting
	compact bool // a section of a report or meeting book
	// facts is the facts table when laid out already (compact only).
	facts *laidTable
}

// photosOf picks the printable photos among a submission's attachments.
func photosOf(sub data.Submission) []Photo {
	var ps []Photo
	for _, a := range sub.Attachments {
		if a.IsPhoto() && len(a.Data) > 0 {
			ps = append(ps, Photo{Caption: a.Caption, Data: a.Data, MIME: a.MIME})
		}
	}
	return ps
}

// submissionBody draws everything about a submission below its title.
// The single-submission PDF uses sections (level 1) and tables; reports and
// meeting books use minor headings (level 3), run short lists into lines
// and print smaller photos, so a submission takes about a page.
func (d *doc) submissionBody(s subDoc) {
	sub := s.sub
	lvl := 1
	if s.compact {
		lvl = 3
	}
	if s.facts != nil {
		d.drawTable(s.facts)
	} else {
		d.factsTable(d.submissionFacts(sub, s.meeting), s.compact)
	}

	d.heading(lvl, d.t("Deficiency"), 0)
	if strings.TrimSpace(sub.Deficiency) == "" {
		d.muted(d.t("No deficiency has been described."))
	} else {
		d.text(sub.Deficiency)
	}
	var when [][2]string
	if v := strings.TrimSpace(sub.DeficiencySince); v != "" {
		when = append(when, [2]string{d.t("Since when"), v})
	}
	if v := strings.TrimSpace(sub.DeficiencyFreq); v != "" {
		when = append(when, [2]string{d.t("How often"), v})
	}
	if len(when) > 0 {
		d.space(2)
		if s.compact {
			d.labelled(when)
		} else {
			d.factsTable(when, false)
		}
	}

	if len(sub.Flows) > 0 {
		var rows []row
		var inline []string
		for _, k := range data.FlowKinds {
			v, ok := sub.Flows[k]
			if !ok {
				continue
			}
			name, unit := d.flowName(k)
			rows = append(rows, row{textCell(name), textCell(d.number(v) + "\u00A0" + unit)})
			inline = append(inline, d.number(v)+"\u00A0"+unit)
		}
		var unknown []string
		for k := range sub.Flows { // kinds this version does not know
			if !knownFlow(k) {
				unknown = append(unknown, string(k))
			}
		}
		sort.Strings(unknown)
		for _, k := range unknown {
			v := d.number(sub.Flows[data.FlowKind(k)])
			rows = append(rows, row{textCell(k), textCell(v)})
			inline = append(inline, v+"\u00A0"+k)
		}
		if s.compact {
			d.heading(lvl, d.t("Affected flows"), 0)
			d.text(strings.Join(inline, "  ·  "))
		} else {
			t := d.layTable([]column{{title: d.t("Flow"), width: 70}, {title: d.t("Volume"), width: 100}}, rows, tableStyle{header: true})
			d.heading(lvl, d.t("Affected flows"), t.lead())
			d.drawTable(t)
		}
	}

	if len(sub.Consequences) > 0 || strings.TrimSpace(sub.Impact) != "" {
		d.heading(lvl, d.t("Consequences for the company"), 0)
		if len(sub.Consequences) > 0 {
			names := make([]string, 0, len(sub.Consequences))
			seen := map[data.Consequence]bool{}
			for _, c := range sub.Consequences {
				if !seen[c] {
					names = append(names, d.consequenceName(c))
					seen[c] = true
				}
			}
			d.paragraph([]span{{text: d.t("Affects:") + " ", st: bold}, {text: strings.Join(names, ", ")}}, para{})
			d.space(1.5)
		}
		if strings.TrimSpace(sub.Impact) != "" {
			d.text(sub.Impact)
		}
	}

	if len(sub.Measures) == 0 {
		d.heading(lvl, d.t("Proposed measures"), 0)
		d.muted(d.t("No measures have been proposed."))
	} else {
		rows := make([]row, 0, len(sub.Measures))
		for i, m := range sub.Measures {
			rows = append(rows, row{textCell(strconv.Itoa(i+1) + "."), textCell(m.Text), textCell(d.stepName(m.Step))})
		}
		// The heading keeps the table's header and first row with it.
		t := d.layTable([]column{
			{title: "#", width: 10, align: 'R'},
			{title: d.t("Measure"), width: 118},
			{title: d.t("Four-step principle"), width: 42},
		}, rows, tableStyle{header: true, size: d.bodySize(s.compact)})
		d.heading(lvl, d.t("Proposed measures"), t.lead())
		d.drawTable(t)
	}

	if len(sub.CoSigners) > 0 {
		follow := 0.0
		if !s.compact && len(sub.CoSigners) <= smallTableRows {
			// A short list stays whole with its heading.
			follow = float64(len(sub.CoSigners)) * lineH(sizeBody)
		}
		d.heading(lvl, d.t("Co-signing companies"), follow)
		if s.compact {
			d.text(strings.Join(sub.CoSigners, ", "))
		} else {
			for _, c := range sub.CoSigners {
				d.listItem("•", plain(c), 0)
			}
		}
	}

	if s.compact {
		d.heading(lvl, d.t("Contact"), 0)
		var parts []string
		for _, f := range d.contactFacts(sub) {
			parts = append(parts, f[1])
		}
		d.text(strings.Join(parts, "  ·  "))
	} else {
		t := d.layFacts(d.contactFacts(sub))
		d.heading(lvl, d.t("Contact"), t.lead())
		d.drawTable(t)
	}

	if len(sub.Trail) > 0 {
		if s.compact {
			d.heading(lvl, d.t("Status history"), 0)
			var steps []string
			for _, c := range sub.Trail {
				st := d.statusName(c.Status)
				if !c.At.IsZero() {
					st += "\u00A0" + data.FormatShortDate(c.At, d.opt.Lang)
				}
				steps = append(steps, st)
			}
			d.text(strings.Join(steps, " → "))
		} else {
			rows := make([]row, 0, len(sub.Trail))
			for _, c := range sub.Trail {
				date := ""
				if !c.At.IsZero() {
					date = data.FormatShortDate(c.At, d.opt.Lang)
				}
				rows = append(rows, row{textCell(date), textCell(d.statusName(c.Status)), textCell(c.Comment)})
			}
			t := d.layTable([]column{
				{title: d.t("Date"), width: 38},
				{title: d.t("Status"), width: 52},
				{title: d.t("Comment"), width: 80},
			}, rows, tableStyle{header: true})
			d.heading(lvl, d.t("Status history"), t.lead())
			d.drawTable(t)
		}
	}

	photos := s.photos
	if photos == nil {
		photos = photosOf(sub)
	}
	if len(photos) > 0 {
		maxW, maxH := contentW, 120.0
		if s.compact {
			maxW, maxH = 110, 70
		}
		boxes := make([]photoBox, len(photos))
		for i, ph := range photos {
			boxes[i] = d.photoLayout(ph.Data, ph.Caption, maxW, maxH)
		}
		// The heading stays with the first photo, scaled down if need be.
		d.heading(lvl, d.t("Photos"), boxes[0].minFull()+1)
		d.photos(boxes)
	}
}

// labelled writes label–value pairs as one line of text: "Label: value".
func (d *doc) labelled(facts [][2]string) {
	var spans []span
	for i, f := range facts {
		if i > 0 {
			spans = append(spans, span{text: "   "})
		}
		spans = append(spans, span{text: f[0] + ": ", st: bold}, span{text: f[1]})
	}
	d.paragraph(spans, para{})
}

func (d *doc) bodySize(compact bool) float64 {
	if compact {
		return 9.5
	}
	return sizeBody
}

func knownFlow(k data.FlowKind) bool {
	for _, f := range data.FlowKinds {
		if f == k {
			return true
		}
	}
	return false
}

// submissionFacts are the label–value rows at the top of a submission.
func (d *doc) submissionFacts(sub data.Submission, meeting *data.Meeting) [][2]string {
	var rows [][2]string
	add := func(label, value string) {
		if strings.TrimSpace(value) != "" {
			rows = append(rows, [2]string{label, value})
		}
	}
	add(d.t("Object"), sub.Object)
	add(d.t("Transport mode"), d.modeNames(sub.Modes))
	add(d.t("Municipality"), d.municipalityName(sub.Municipality))
	add(d.t("Road or railway"), sub.RoadRef)
	add(d.t("Planning level"), d.planningLevel(sub.RoadRef))
	add(d.t("Place"), sub.Place)
	if p := sub.Point; p != nil && finite(p.Lat) && finite(p.Lon) {
		add(d.t("Coordinates (WGS84)"), geo.FormatDecimal(*p))
		add(d.t("Coordinates (SWEREF 99 TM)"), geo.FormatGrid(geo.ToGrid(*p)))
	}
	add(d.t("Cost class"), d.costName(sub.CostClass))
	add(d.t("Priority"), d.priorityName(sub.Priority))
	add(d.t("Urgency"), d.urgencyName(sub.Urgency))
	add(d.t("ÅVS reference"), sub.AVSRef)
	// Only a known meeting is named: its key alone means nothing to a reader.
	if meeting != nil {
		m := meeting.Title
		if !meeting.Start.IsZero() {
			m = strings.TrimPrefix(m+", "+data.FormatSpan(meeting.Start, meeting.End, d.opt.Lang), ", ")
		}
		add(d.t("Meant for meeting"), m)
	}
	return rows
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

func (d *doc) contactFacts(sub data.Submission) [][2]string {
	var rows [][2]string
	add := func(label, value string) {
		if strings.TrimSpace(value) != "" {
			rows = append(rows, [2]string{label, value})
		}
	}
	company := submitter(sub, d.opt)
	add(d.t("Company"), company)
	if company == d.opt.Company.Name {
		add(d.t("Organisation number"), d.opt.Company.OrgNumber)
	}
	add(d.t("Contact person"), sub.ContactPerson)
	add(d.t("E-mail"), sub.ContactEmail)
	add(d.t("Phone"), sub.ContactPhone)
	if len(rows) == 0 {
		rows = append(rows, [2]string{d.t("Company"), d.t("Not given")})
	}
	return rows
}

// factsTable draws label–value rows with shaded labels, kept whole on one
// page; compact pairs them, two facts to a row.
func (d *doc) factsTable(facts [][2]string, compact bool) {
	if len(facts) == 0 {
		return
	}
	if compact {
		d.drawTable(d.layCompactFacts(facts))
		return
	}
	d.drawTable(d.layFacts(facts))
}

// layFacts lays out label–value rows, one fact to a row.
func (d *doc) layFacts(facts [][2]string) *laidTable {
	rows := make([]row, len(facts))
	for i, f := range facts {
		rows[i] = row{textCell(f[0]), textCell(f[1])}
	}
	return d.layTable([]column{{width: 50}, {width: 120}}, rows, tableStyle{labelShade: true})
}

// layCompactFacts lays out label–value rows two facts to a row.
func (d *doc) layCompactFacts(facts [][2]string) *laidTable {
	var rows []row
	for i := 0; i < len(facts); i += 2 {
		r := row{textCell(facts[i][0]), textCell(facts[i][1]), nil, nil}
		if i+1 < len(facts) {
			r[2], r[3] = textCell(facts[i+1][0]), textCell(facts[i+1][1])
		}
		rows = append(rows, r)
	}
	return d.layTable([]column{{width: 32}, {width: 53}, {width: 32}, {width: 53}}, rows, tableStyle{labelShade: true, size: 9.5})
}

// signatures draws the block the submitter signs by hand, and one for each
// co-signing company, each kept whole on one page. The section, its heading
// and all its blocks, stays together on one page where it fits on one;
// where it does not, the heading keeps its first block with it and the last
// block never stands alone on a page when the one before could share it.
func (d *doc) signatures(sub data.Submission, title string, opt Options) {
	const before, between = 4.0, 7.0
	titles := []string{d.tf("Signed for {{.Company}}", map[string]any{"Company": orDash(submitter(sub, opt))})}
	for _, c := range sub.CoSigners {
		titles = append(titles, d.tf("Co-signed for {{.Company}}", map[string]any{"Company": orDash(c)}))
	}
	blocks := make([]sigBlock, len(titles))
	for i, t := range titles {
		blocks[i] = d.laySignature(t)
	}
	intro := []span{{text: d.t("Submission:") + " ", st: bold}, {text: title}}
	introP := para{color: colMuted}.withDefaults()
	introH := float64(len(d.wrap(intro, introP)))*introP.lineH + before
	all := introH
	for i, b := range blocks {
		if i > 0 {
			all += between
		}
		all += b.h
	}
	follow := all
	if all > keepWholeMax {
		follow = introH + blocks[0].h
	}
	d.heading(1, d.t("Signatures"), follow)
	// The line naming the submission belongs to the heading: it does not
	// keep it company at the foot of a page without a block.
	d.withHeading(func() { d.paragraph(intro, introP) })
	d.space(before)
	n := len(blocks)
	for i, b := range blocks {
		if i > 0 {
			d.space(between)
		}
		if i == n-2 && d.y+b.h <= contentBottom+0.01 && d.y+b.h+between+blocks[n-1].h > contentBottom+0.01 &&
			b.h+between+blocks[n-1].h <= contentBottom-contentTop {
			d.newPage() // the last block goes with this one, not alone
		}
		d.signatureBlock(b)
	}
}

// sigBlock is a signature block laid out: its title and height.
type sigBlock struct {
	lines []line
	p     para
	h     float64
}

func (d *doc) laySignature(title string) sigBlock {
	p := para{size: sizeBody, st: bold}.withDefaults()
	lines := d.wrap(plain(title), p)
	return sigBlock{lines: lines, p: p, h: float64(len(lines))*p.lineH + 2*sigLineGap + 6}
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "–"
	}
	return s
}

// sigLineGap is the room above each line to sign or write on.
const sigLineGap = 13.0

func (d *doc) signatureBlock(b sigBlock) {
	const colW, gap = 78.0, 14.0
	d.need(b.h)
	d.lines(b.lines, b.p)
	field := func(x, y float64, label string) {
		d.hline(x, x+colW, y, 0.3, colText)
		d.textAt(x, y+3.6, regular, sizeSmall, colMuted, d.fs.clean(label))
	}
	y := d.y + sigLineGap
	field(marginL, y, d.t("Place and date"))
	field(marginL+colW+gap, y, d.t("Signature"))
	y += sigLineGap
	field(marginL+colW+gap, y, d.t("Name in block letters"))
	d.y = y + 6
}
