package report

import (
	"io"
	"strconv"
	"strings"

	"github.com/handelskammaren/ila-desk/data"
)

// MeetingBook writes everything a member takes to an arena meeting as one
// numbered PDF: the invitation with its agenda, the latest protocol before
// the meeting (and the meeting's own, once it has one), the company's
// submissions for it and the user's notes, with a short table of contents
// on the first page.
func MeetingBook(w io.Writer, in MeetingBookInput, opt Options) error {
	t := translator(opt)
	mt := meetingTitle(in.Meeting, t)
	m := meta{title: mt, subject: t("Meeting book")}
	arena := in.Arena.Name
	if strings.TrimSpace(arena) == "" {
		arena = arenaName
	}
	return render(w, opt, m, func(d *doc) {
		d.headerLeft = arena
		d.headerRight = mt
		if !in.Meeting.Start.IsZero() {
			d.headerRight = mt + " · " + data.FormatShortDate(in.Meeting.Start, d.opt.Lang)
		}
		d.newPage()
		d.overline(d.t("Meeting book"))
		d.heading(0, mt, 30)
		if !in.Meeting.Start.IsZero() {
			d.paragraph(plain(data.FormatSpan(in.Meeting.Start, in.Meeting.End, d.opt.Lang)), para{size: 11, color: colMuted})
		}
		d.y += 4

		sections := []struct{ key, title string }{
			{"invitation", d.t("Invitation")},
			{"agenda", d.t("Meeting agenda")},
			{"protocol", d.t("Previous protocol")},
		}
		if in.OwnProtocol != nil {
			sections = append(sections, struct{ key, title string }{"own-protocol", d.t("Protocol of this meeting")})
		}
		sections = append(sections, []struct{ key, title string }{
			{"submissions", d.tf("Our submissions ({{.N}})", map[string]any{"N": len(in.Submissions)})},
			{"notes", d.t("My notes")},
		}...)
		d.heading(2, d.t("Contents"), 30)
		for i, s := range sections {
			d.tocEntry(s.key, strconv.Itoa(i+1)+".", s.title, "", 1)
		}
		d.y += 2

		section := func(key string, follow float64) {
			i := 0
			for i < len(sections)-1 && sections[i].key != key {
				i++
			}
			if follow == 0 {
				follow = minFollowMM
			}
			d.space(4)
			d.need(lineH(sizeH1) + follow + 8)
			d.markedHeading(1, strconv.Itoa(i+1)+". "+sections[i].title, follow, key, 0)
		}
		protocol := func(p data.Protocol, text string) {
			if strings.TrimSpace(text) == "" {
				text = p.Text
			}
			// Without text only a line follows the protocol's title: it
			// asks for no more room than that.
			follow := 20.0
			if strings.TrimSpace(text) == "" {
				follow = 13
			}
			d.protocolHead(p, 2, follow)
			if strings.TrimSpace(text) == "" {
				d.muted(d.t("Only this protocol's title and date are known; no text is attached to it."))
			} else {
				d.markdown(text, mdStyle{top: 3})
			}
		}

		// 1. The invitation.
		section("invitation", 0)
		mtg := in.Meeting
		var facts [][2]string
		if !mtg.Start.IsZero() {
			facts = append(facts, [2]string{d.t("When"), data.FormatSpan(mtg.Start, mtg.End, d.opt.Lang)})
		}
		place := mtg.Location
		if strings.TrimSpace(place) == "" {
			place = d.t("Place to be announced in the invitation") // as the window says it
		}
		facts = append(facts, [2]string{d.t("Where"), place})
		if in.Arena.Organiser != "" {
			facts = append(facts, [2]string{d.t("Organiser"), in.Arena.Organiser})
		}
		if in.Arena.JoinEmail != "" {
			facts = append(facts, [2]string{d.t("Questions and registration"), in.Arena.JoinEmail})
		}
		d.factsTable(facts, false)
		if strings.TrimSpace(mtg.Description) != "" {
			d.space(3)
			d.markdown(mtg.Description, mdStyle{top: 2})
		}

		// 2. The agenda.
		section("agenda", 0)
		if len(mtg.Agenda) == 0 {
			d.muted(d.t("No agenda has been published yet."))
		}
		for i, it := range mtg.Agenda {
			if i > 0 {
				d.space(1.5)
			}
			title := it.Title
			if strings.TrimSpace(title) == "" {
				title = "–"
			}
			d.listItem(strconv.Itoa(i+1)+".", []span{{text: title, st: bold}}, 0)
			if strings.TrimSpace(it.Notes) != "" {
				// Markdown, as the window shows them.
				d.markdown(it.Notes, mdStyle{top: 4, indent: 6, color: colMuted, size: 9.5})
			}
		}

		// 3. The protocol of the meeting before.
		section("protocol", 0)
		if p := in.LatestProtocol; p == nil {
			d.muted(d.t("There is no earlier protocol."))
		} else {
			protocol(*p, in.ProtocolText)
		}

		// The meeting's own protocol, once it has one.
		if p := in.OwnProtocol; p != nil {
			section("own-protocol", 0)
			protocol(*p, in.OwnProtocolText)
		}

		// The company's submissions. The heading keeps the first one's
		// start with it.
		if len(in.Submissions) > 0 {
			mt := in.Meeting
			section("submissions", 2+d.laySectionStart(0, in.Submissions[0], &mt).lead)
		} else {
			section("submissions", 0)
		}
		if len(in.Submissions) == 0 {
			d.muted(d.t("No submissions are meant for this meeting."))
		}
		for i, s := range in.Submissions {
			if i > 0 {
				d.space(7)
			}
			mt := in.Meeting
			d.submissionSection(i, s, &mt, i > 0)
		}

		// 5. The user's notes, and room to write by hand.
		// Without notes the heading stays with the lines to write on.
		follow := 0.0
		if strings.TrimSpace(in.Notes) == "" {
			follow = notesLines * writingGap
		}
		section("notes", follow)
		if strings.TrimSpace(in.Notes) != "" {
			d.markdown(in.Notes, mdStyle{top: 2})
			d.space(4)
		}
		d.writingLines(notesLines)
	})
}

// The notes section ends with at least notesLines ruled lines, writingGap
// millimetres apart, to write on by hand.
const (
	notesLines = 8
	writingGap = 9.0
)

func meetingTitle(m data.Meeting, t func(string) string) string {
	if strings.TrimSpace(m.Title) != "" {
		return m.Title
	}
	if m.Kind == "network" {
		return t("Network meeting")
	}
	return t("Arena meeting")
}

// writingLines rules lines for handwritten notes to the foot of the page,
// at least n of them.
func (d *doc) writingLines(n int) {
	const gap = writingGap
	if d.page == 0 || contentBottom-d.y+0.01 < float64(n)*gap {
		d.newPage()
	}
	for y := d.y + gap; y <= contentBottom+0.01; y += gap {
		d.hline(marginL, pageW-marginR, y, 0.2, colRule)
	}
	d.y = contentBottom
}

// protocolHead names a protocol: its title, date and kind. At level 0 it
// heads a document of its own. follow is the room it keeps below its
// title for its date and the start of its text.
func (d *doc) protocolHead(p data.Protocol, level int, follow float64) {
	title := p.Title
	if strings.TrimSpace(title) == "" {
		title = d.protocolKind(p.Kind)
	}
	if level == 0 {
		d.overline(d.t("Protocol of Infrastruktur & Logistikarenan (ILA)"))
	}
	d.heading(level, title, follow)
	var parts []string
	if !p.Date.IsZero() {
		parts = append(parts, data.FormatDate(p.Date, d.opt.Lang))
	}
	if kind := d.protocolKind(p.Kind); p.Kind != "" && !strings.EqualFold(kind, strings.TrimSpace(title)) {
		parts = append(parts, kind)
	}
	if len(parts) > 0 {
		// The date line belongs to the title: it does not keep it company
		// at the foot of a page.
		d.withHeading(func() { d.paragraph(plain(strings.Join(parts, "  ·  ")), para{size: 9.5, color: colMuted}) })
		d.y += 2
	}
}

func (d *doc) protocolKind(kind string) string {
	switch kind {
	case "minutes":
		return d.t("Minutes")
	case "network-meeting":
		return d.t("Network group meeting")
	case "":
		return d.t("Protocol")
	}
	return kind
}

// Protocol writes a protocol (minutes) as a PDF. text is its Markdown or
// plain text (when empty, the protocol's own Text); its headings, lists,
// emphasis, paragraphs and rules are kept. note, when given, is the user's
// own note, printed after the protocol and set apart from it.
func Protocol(w io.Writer, p data.Protocol, text string, note string, opt Options) error {
	t := translator(opt)
	title := p.Title
	if strings.TrimSpace(title) == "" {
		title = t("Protocol")
	}
	m := meta{title: title, subject: t("Protocol of Infrastruktur & Logistikarenan (ILA)")}
	return render(w, opt, m, func(d *doc) {
		d.headerLeft = arenaName
		d.headerRight = title
		if !p.Date.IsZero() {
			d.headerRight = data.FormatShortDate(p.Date, d.opt.Lang)
		}
		d.newPage()
		d.protocolHead(p, 0, 20)
		d.y += 2
		if strings.TrimSpace(text) == "" {
			text = p.Text
		}
		if strings.TrimSpace(text) == "" {
			d.muted(d.t("Only this protocol's title and date are known; no text is attached to it."))
		} else {
			d.markdown(text, mdStyle{top: 1})
		}
		if strings.TrimSpace(note) != "" {
			d.keepPoint() // the rule goes with the heading below it
			d.space(8)
			d.need(30)
			d.withHeading(func() { d.hline(marginL, pageW-marginR, d.y, 0.3, colRule) })
			d.y += 2
			d.heading(2, d.t("My note"), 0)
			d.withHeading(func() { d.muted(d.t("This note is your own and not part of the protocol.")) })
			d.space(2)
			d.markdown(note, mdStyle{top: 3})
		}
	})
}
