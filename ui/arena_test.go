package ui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/handelskammaren/ila-desk/assets"
	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/content"
	"github.com/handelskammaren/ila-desk/data/store"
)

// waitFor polls cond until it holds; it fails the test after a generous
// limit, which only a hang reaches.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// uiQueue runs on the test's goroutine what the code hands to the UI
// goroutine, the way the real driver runs it on the main goroutine. (The test
// driver would run it on the background goroutine that calls fyne.Do.)
type uiQueue chan func()

func newUIQueue() uiQueue { return make(uiQueue, 64) }

func (q uiQueue) deliver(f func()) { q <- f }

// runUntil runs what is queued until cond holds and nothing is left to run.
func (q uiQueue) runUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	waitFor(t, what, func() bool {
		for {
			select {
			case f := <-q:
				f()
				continue
			default:
			}
			break
		}
		return cond() && len(q) == 0
	})
}

// selectMeeting shows the meeting with the given key on the meetings screen.
func selectMeeting(t *testing.T, u *UI, key string) *meetings {
	t.Helper()
	u.openMeeting(key)
	settleAll(t, u) // the meetings are read off the UI goroutine
	s := u.meetings
	if s.selected != key {
		t.Fatalf("meeting %s is not shown (shown: %q)", key, s.selected)
	}
	return s
}

// savedNote waits until the note editor has written want.
func savedNote(t *testing.T, u *UI, n *noteEditor, q uiQueue, kind, key, want string) {
	t.Helper()
	var got string
	q.runUntil(t, "the note to be saved", func() bool {
		if n.busy() {
			return false
		}
		note, err := u.st.Note(context.Background(), kind, key)
		if err != nil {
			t.Fatal(err)
		}
		got = note.Text
		return got == want
	})
}

func TestMeetingNoteIsSavedAutomatically(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	s := selectMeeting(t, u, "meeting-2017-02-22")
	q := newUIQueue()
	s.notes.deliver = q.deliver
	wantContains(t, strings.Join(texts(s.detail), "\n"), "Anteckningar", "Dina inspel till det här mötet")
	typed := "Ta upp farleden till Köpings hamn."
	typeInto(s.notes.entry, typed)
	savedNote(t, u, s.notes, q, noteMeeting, "meeting-2017-02-22", typed)
	if !strings.HasPrefix(s.notes.status.Text, "Sparat") {
		t.Errorf("status %q, want it to say the note is saved", s.notes.status.Text)
	}

	// Another meeting shows its own (empty) note; going back shows the text again.
	selectMeeting(t, u, "meeting-2017-05-16")
	if s.notes.entry.Text != "" {
		t.Errorf("the note of another meeting shows %q, want it empty", s.notes.entry.Text)
	}
	selectMeeting(t, u, "meeting-2017-02-22")
	if s.notes.entry.Text != typed {
		t.Errorf("back on the meeting the note shows %q, want %q", s.notes.entry.Text, typed)
	}
}

// typeInto types text where e's cursor is, as a person does.
func typeInto(e fyne.Focusable, text string) {
	test.Type(e, text)
}

func TestNoteIsSavedWhenLeavingTheScreen(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	screenText(t, u, pageProtocols)
	s := u.pages[pageProtocols].screen.(*protocols)
	p := s.items[0]
	q := newUIQueue()
	s.notes.deliver = q.deliver
	typeInto(s.notes.entry, "Saknar bilagan om E18.")
	u.goTo(pageAgenda) // before the delay has passed
	savedNote(t, u, s.notes, q, noteProtocol, p.Key, "Saknar bilagan om E18.")
}

func TestNotesSurviveAContentUpdate(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	ctx := context.Background()
	s := selectMeeting(t, u, "meeting-2017-11-21")
	q := newUIQueue()
	s.notes.deliver = q.deliver
	typeInto(s.notes.entry, "Fråga om Mälarbanan.")
	savedNote(t, u, s.notes, q, noteMeeting, "meeting-2017-11-21", "Fråga om Mälarbanan.")

	f, err := content.Parse(assets.DefaultContent)
	if err != nil {
		t.Fatal(err)
	}
	f.Version = 2
	for i := range f.Meetings {
		f.Meetings[i].Location = "Västerås, Vasagatan 20A"
	}
	if _, err := u.st.ImportContent(ctx, f); err != nil {
		t.Fatal(err)
	}
	u.refreshAll()
	s = selectMeeting(t, u, "meeting-2017-11-21")
	got := strings.Join(texts(s.detail), "\n")
	wantContains(t, got, "Västerås, Vasagatan 20A", "Fråga om Mälarbanan.")
	hits, err := searchStore(ctx, u.st, "Mälarbanan")
	if err != nil || len(hits) == 0 || hits[0].Kind != "note" || !strings.Contains(hits[0].Title, "Nätverksmöte") {
		t.Errorf("search for the note after the update: %+v, %v", hits, err)
	}
}

// search types text into the search field at once and waits for its hits.
func search(t *testing.T, u *UI, text string) string {
	t.Helper()
	q := newUIQueue()
	u.search.deliver = q.deliver
	u.search.entry.SetText(text)
	q.runUntil(t, "the hits for "+text, func() bool { return u.search.shown && u.search.query == text })
	return strings.Join(texts(u.content), "\n")
}

func TestSearchFindsThePortsAndOpensTheAgenda(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	got := search(t, u, "hamn")
	wantContains(t, got, "för \"hamn\"", "Arenans agenda", "Hamnarna i Västerås och Köping")
	s := u.search
	row := -1
	for i, r := range s.rows {
		if r.heading == "" && r.hit.Kind == "focus" && strings.Contains(r.hit.Title, "Hamnarna") {
			row = i
		}
	}
	if row < 0 {
		t.Fatalf("no focus-area hit among %+v", s.rows)
	}
	bold := false
	for _, seg := range snippetSegments(s.rows[row].hit.Snippet) {
		if ts, ok := seg.(*widget.TextSegment); ok && ts.Style.TextStyle.Bold && strings.Contains(strings.ToLower(ts.Text), "hamn") {
			bold = true
		}
	}
	if !bold {
		t.Errorf("the snippet %q does not show the match in bold", s.rows[row].hit.Snippet)
	}
	s.list.Select(row)
	if u.current != pageAgenda {
		t.Errorf("the hit opened page %d, want the agenda (%d)", u.current, pageAgenda)
	}
	if s.shown || s.entry.Text != "" {
		t.Errorf("the search stays open after a hit was opened (shown %v, text %q)", s.shown, s.entry.Text)
	}
	settleAll(t, u) // the agenda reads the store off the UI goroutine
	wantContains(t, strings.Join(texts(u.content), "\n"), "Fokusområden")
}

func TestSearchOpensMeetingsAndSaysWhenNothingMatches(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	got := search(t, u, "zzyzx")
	wantContains(t, got, "Inga träffar för \"zzyzx\"")
	u.search.clear()
	if u.search.shown {
		t.Error("Escape did not close the results")
	}

	meeting := search(t, u, "Nätverksmöte")
	wantContains(t, meeting, "Möten")
	for i, r := range u.search.rows {
		if r.heading == "" && r.hit.Kind == "meeting" {
			u.search.openRow(i)
			settleAll(t, u)
			break
		}
	}
	if u.current != pageMeetings || u.pages[pageMeetings].screen.(*meetings).selected == "" {
		t.Errorf("a meeting hit opened page %d, want the meetings page with the meeting", u.current)
	}
}

func TestHostileSearchesDoNotFail(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	for _, q := range []string{`"`, `*`, `-`, `hamn"`, `NEAR(hamn flyg)`, `hamn AND`, `OR`, `^hamn`, `'; DROP TABLE notes; --`,
		`title:hamn`, `(((`, `hamn*`, `-hamn`, `"" ""`, "\x00", `{}`, `å*ä-ö`} {
		if _, err := searchStore(context.Background(), u.st, q); err != nil {
			t.Errorf("search %q: %v", q, err)
		}
	}
	got := search(t, u, `NEAR("hamn" -flyg*`)
	if strings.Contains(got, "oväntat") {
		t.Errorf("a hostile query shows an error:\n%s", got)
	}
}

func TestMeetingFormShowsProblemsAndKeepsWhatWasTyped(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	u.prefs.setCoordinatorMode(true)
	wantContains(t, screenText(t, u, pageMeetings), "Lägg till", "Lägg till i kalender", "Redigera", "Ta bort", "Exportera alla")

	f := u.editMeeting(data.Meeting{})
	f.title.SetText("Nätverksmöte ILA")
	f.date.SetText("2018-02-21")
	f.start.SetText("15:00")
	f.end.SetText("12:00")
	f.place.SetText("Köping")
	if pressSave(t, u, f.editForm) {
		t.Fatal("a meeting that ends before it starts was saved")
	}
	if got := f.problemText(data.FieldArenaEnd); !strings.Contains(got, "slutar innan det börjar") {
		t.Errorf("message next to the end: %q, want it to say the meeting ends before it starts", got)
	}
	if got := f.problemText(data.FieldArenaTitle); got != "" {
		t.Errorf("message next to a good title: %q", got)
	}
	if f.title.Text != "Nätverksmöte ILA" || f.start.Text != "15:00" || f.end.Text != "12:00" || f.place.Text != "Köping" {
		t.Errorf("the form lost what was typed: %q %q %q %q", f.title.Text, f.start.Text, f.end.Text, f.place.Text)
	}

	f.date.SetText("21/2")
	f.end.SetText("17:00")
	pressSave(t, u, f.editForm)
	if got := f.problemText(data.FieldArenaDate); !strings.Contains(got, "ÅÅÅÅ-MM-DD") {
		t.Errorf("message next to the date: %q", got)
	}
	if got := f.problemText(data.FieldArenaEnd); got != "" {
		t.Errorf("the end's message stays after it was fixed: %q", got)
	}
	f.date.SetText("2018-02-21")
	f.agenda = append(f.agenda, &agendaRow{title: entry("Hamnarna", "")}, &agendaRow{title: entry("Flyget", "")})
	f.moveAgenda(1, -1)
	if !pressSave(t, u, f.editForm) {
		t.Fatalf("a good meeting was not saved: %v", f.msgs)
	}
	m, err := u.st.MeetingByKey(context.Background(), "meeting-2018-02-21")
	if err != nil {
		t.Fatal(err)
	}
	if m.Location != "Köping" || len(m.Agenda) != 2 || m.Agenda[0].Title != "Flyget" || m.Origin != data.OriginUser {
		t.Errorf("stored meeting: %+v", m)
	}
	settleAll(t, u)
	wantContains(t, strings.Join(texts(u.meetings.detail), "\n"), "1. Flyget", "2. Hamnarna")
}

func TestContactFormChecksTheEmail(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	u.prefs.setCoordinatorMode(true)
	wantContains(t, screenText(t, u, pageAbout), "Redigera kontakter och evenemang", "Lägg till kontakt", "Lägg till evenemang")
	f := u.editContact(data.Contact{})
	f.name.SetText("Åsa Öberg")
	f.email.SetText("asa.example.se")
	if pressSave(t, u, f.editForm) {
		t.Fatal("a bad e-mail address was saved")
	}
	if got := f.problemText(data.FieldArenaEmail); !strings.Contains(got, "ingen e-postadress") {
		t.Errorf("message next to the e-mail: %q", got)
	}
	f.email.SetText("asa@example.se")
	if !pressSave(t, u, f.editForm) {
		t.Fatal("a good contact was not saved")
	}
	wantContains(t, screenText(t, u, pageAbout), "Åsa Öberg", "asa@example.se")
}

func TestCoordinatorButtonsAreHiddenForMembers(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	got := screenText(t, u, pageMeetings)
	for _, hidden := range []string{"Redigera", "Ta bort"} {
		if strings.Contains(got, hidden) {
			t.Errorf("the meetings screen shows %q outside coordinator mode", hidden)
		}
	}
	if strings.Contains(screenText(t, u, pageAbout), "Redigera kontakter") {
		t.Error("the about screen shows the coordinator's card outside coordinator mode")
	}
}

func TestDueReminders(t *testing.T) {
	at := func(s string) time.Time {
		tm, err := content.ParseTime(s)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	ms := []data.Meeting{
		{Key: "past", Start: at("2018-02-01T09:00"), End: at("2018-02-01T12:00")},
		{Key: "today", Start: at("2018-02-10T15:00"), End: at("2018-02-10T17:00")},
		{Key: "in-3-days", Start: at("2018-02-13T09:00"), End: at("2018-02-13T12:00")},
		{Key: "in-4-days", Start: at("2018-02-14T09:00"), End: at("2018-02-14T12:00")},
		{Key: "sent", Start: at("2018-02-12T09:00"), End: at("2018-02-12T12:00")},
	}
	now := at("2018-02-10T09:00")
	sent := func(id string) bool { return strings.HasPrefix(id, "sent@") }
	keys := func(ms []data.Meeting) string {
		var ks []string
		for _, m := range ms {
			ks = append(ks, m.Key)
		}
		return strings.Join(ks, ",")
	}
	if got := keys(dueReminders(ms, now, 3, sent)); got != "today,in-3-days" {
		t.Errorf("3 days ahead: got %s, want today,in-3-days", got)
	}
	if got := keys(dueReminders(ms, now, 1, sent)); got != "today" {
		t.Errorf("1 day ahead: got %s, want today", got)
	}
	if got := keys(dueReminders(ms, at("2018-02-10T15:30"), 7, sent)); got != "in-3-days,in-4-days" {
		t.Errorf("after today's meeting started: got %s, want in-3-days,in-4-days", got)
	}
}

func TestRemindersAreSentOncePerMeeting(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	now := time.Date(2017, 9, 11, 8, 0, 0, 0, data.Stockholm) // two days before 13 September
	due, err := u.checkReminders(now)
	if err != nil || len(due) != 1 || due[0].Key != "meeting-2017-09-13" {
		t.Fatalf("due at %v: %+v, %v; want the meeting of 13 September", now, due, err)
	}
	u.sendReminders(now)
	if due, _ := u.checkReminders(now.Add(time.Hour)); len(due) != 0 {
		t.Errorf("an hour later: %d reminders due, want none (it was sent)", len(due))
	}
	u2 := newTestUI(t, data.Swedish)
	u2.prefs.setRemindersOn(false)
	if due, _ := u2.checkReminders(now); len(due) != 0 {
		t.Errorf("reminders off: %d due, want none", len(due))
	}
	u2.prefs.setRemindersOn(true)
	u2.prefs.setReminderDays(1)
	if due, _ := u2.checkReminders(now); len(due) != 0 {
		t.Errorf("one day ahead, two days before: %d due, want none", len(due))
	}
}

func TestAttachedMarkdownIsShownAndSearchable(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	screenText(t, u, pageProtocols)
	s := u.pages[pageProtocols].screen.(*protocols)
	p := s.items[0]
	md := "# Minnesanteckningar 22 februari\n\nVi diskuterade **farledsavgifterna** i Mälaren och kajen i Köping.\n"
	doc, err := u.attachDocument(p.ID, "minnesanteckningar.md", strings.NewReader(md))
	if err != nil {
		t.Fatal(err)
	}
	if !doc.Searchable {
		t.Error("a Markdown document was stored as not searchable")
	}
	s.attached(p.ID, doc, nil)
	settleAll(t, u)
	got := strings.Join(texts(s.detail), "\n")
	wantContains(t, got, "Bifogat dokument: minnesanteckningar.md", "farledsavgifterna", "Texten är sökbar", "Öppna")
	hits, err := searchStore(context.Background(), u.st, "farledsavgifterna")
	if err != nil || len(hits) != 1 || hits[0].Kind != "protocol" || hits[0].Ref != p.ID {
		t.Errorf("search for the document's text: %+v, %v; want the protocol", hits, err)
	}
}

func TestGarbagePDFIsKeptButNotSearchable(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	screenText(t, u, pageProtocols)
	s := u.pages[pageProtocols].screen.(*protocols)
	p := s.items[1]
	garbage := "%PDF-1.4\n" + strings.Repeat("\x00\x13\x37 inte en riktig pdf ", 20)
	doc, err := u.attachDocument(p.ID, "protokoll.pdf", strings.NewReader(garbage))
	if err != nil {
		t.Fatalf("a PDF whose text cannot be read was refused: %v", err)
	}
	if doc.Searchable {
		t.Error("garbage was stored as searchable")
	}
	stored, err := u.st.DocumentData(context.Background(), p.ID)
	if err != nil || string(stored.Data) != garbage {
		t.Fatalf("the document was not kept as it was (%v)", err)
	}
	s.attached(p.ID, doc, nil)
	settleAll(t, u)
	wantContains(t, strings.Join(texts(s.detail), "\n"), "Bifogat dokument: protokoll.pdf", "Inte sökbart")
}

func TestSnippetsLoseMarkdownMarks(t *testing.T) {
	for in, want := range map[string]string{
		"…i Mälaren och «kajen» i Köping.\n\n## Nästa möte 16 maj…": "…i Mälaren och kajen i Köping. Nästa möte 16 maj…",
		"Vi diskuterade **«farledsavgifterna»** i Mälaren":          "Vi diskuterade farledsavgifterna i Mälaren",
		"# «Hamnarna»": "Hamnarna",
	} {
		var b strings.Builder
		for _, seg := range snippetSegments(in) {
			b.WriteString(seg.(*widget.TextSegment).Text)
		}
		if b.String() != want {
			t.Errorf("snippet %q shows %q, want %q", in, b.String(), want)
		}
	}
}

func TestCoordinatorExportImportsBackExactly(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	ctx := context.Background()
	u.prefs.setCoordinatorMode(true)
	f := u.editMeeting(data.Meeting{})
	f.title.SetText("Nätverksmöte ILA")
	f.date.SetText("2018-02-21")
	f.place.SetText("Köping, Mälarhamnar")
	f.agenda = append(f.agenda, &agendaRow{title: entry("Hamnarna", "")})
	if !pressSave(t, u, f.editForm) {
		t.Fatal("the meeting was not saved")
	}
	c := u.editContact(data.Contact{})
	c.name.SetText("Åsa Öberg")
	c.email.SetText("asa@example.se")
	if !pressSave(t, u, c.editForm) {
		t.Fatal("the contact was not saved")
	}

	path := filepath.Join(t.TempDir(), "arena.json")
	first, err := u.writeContent(path)
	if err != nil {
		t.Fatal(err)
	}
	if first.Version != 2 {
		t.Errorf("exported version %d, want 2", first.Version)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	read, err := content.Parse(b)
	if err != nil {
		t.Fatalf("the exported file does not read back: %v", err)
	}
	member := newTestUI(t, data.Swedish)
	if res, err := member.st.ImportContent(ctx, read); err != nil || res.Outcome != store.ContentUpdated {
		t.Fatalf("import on a member's machine: %+v, %v", res, err)
	}
	second, err := member.st.ExportContent(ctx, first.Version)
	if err != nil {
		t.Fatal(err)
	}
	second.Published = first.Published
	var a, bb bytes.Buffer
	content.Encode(&a, first)
	content.Encode(&bb, second)
	if a.String() != bb.String() {
		t.Errorf("export → import → export differs:\n%s\n---\n%s", a.String(), bb.String())
	}
	wantContains(t, screenText(t, member, pageMeetings), "onsdag 21 februari 2018, 09:00–12:00")
	if v, _ := u.st.ContentVersion(ctx); v != 2 {
		t.Errorf("after the export the coordinator's store has version %d, want 2", v)
	}
}

func TestSearchFindsASubmissionAndOpensIt(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	sub, err := u.st.CreateSubmission(context.Background(), data.Submission{Title: "Plankorsning vid Kolbäck", Municipality: "Hallstahammar",
		Modes: []data.Mode{data.ModeRail}, MeetingKey: "meeting-2017-11-21"})
	if err != nil {
		t.Fatal(err)
	}
	// The meeting lists the user's own submission for it.
	s := selectMeeting(t, u, "meeting-2017-11-21")
	wantContains(t, strings.Join(texts(s.detail), "\n"), "Plankorsning vid Kolbäck")

	wantContains(t, search(t, u, "plankorsning"), "Inspel", "Plankorsning vid Kolbäck")
	for i, r := range u.search.rows {
		if r.hit.Kind == "submission" && r.hit.Ref == sub.ID {
			u.search.openRow(i)
			settleAll(t, u)
		}
	}
	if u.current != pageSubmissions {
		t.Errorf("the submission hit opened page %d, want submissions (%d)", u.current, pageSubmissions)
	}
}

func TestWithoutSystemNotificationsTheReminderAppearsInTheWindow(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	u.notifies = func() bool { return false }
	now := time.Date(2017, 9, 11, 8, 0, 0, 0, data.Stockholm) // two days before 13 September
	u.sendReminders(now)
	settle(t, u, "the reminder shown", func() bool { return topDialog(u) != nil })
	if got := overlayText(u); !strings.Contains(got, "Arenamöte") || !strings.Contains(got, "13 september 2017") {
		t.Errorf("the window shows %q, want the reminder of 13 September", got)
	}
}

func TestOverviewCountsDownToTheNextMeeting(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	u.now = func() time.Time { return time.Date(2017, 9, 10, 20, 0, 0, 0, data.Stockholm) }
	if got := screenText(t, u, pageOverview); !strings.Contains(got, "Nästa möte · Om 3 dagar") {
		t.Errorf("overview shows %q, want the countdown to 13 September", got)
	}
	for _, tt := range []struct {
		now  time.Time
		want string
	}{
		{time.Date(2017, 9, 12, 23, 30, 0, 0, data.Stockholm), "I morgon"},
		{time.Date(2017, 9, 13, 9, 0, 0, 0, data.Stockholm), "I dag"},
		{time.Date(2017, 9, 11, 0, 5, 0, 0, data.Stockholm), "Om 2 dagar"},
	} {
		if got := countdown(tt.now, time.Date(2017, 9, 13, 15, 0, 0, 0, data.Stockholm)); got != tt.want {
			t.Errorf("countdown at %v: %q, want %q", tt.now, got, tt.want)
		}
	}
}

func TestEventTeasersEndAtAWordAndSayTheyAreCut(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Almedalen är Sveriges största mötesplats för dem s…", "Almedalen är Sveriges största mötesplats för dem …"},
		{"Vill du lära dig mer om hur du på ett enkelt sätt …", "Vill du lära dig mer om hur du på ett enkelt sätt …"},
		{"Den 24 oktober 2017 gör vi en nystart för Rekryter…", "Den 24 oktober 2017 gör vi en nystart för …"},
		{"Hela texten.", "Hela texten."},
	} {
		if got, _ := teaser(tt.in); got != tt.want {
			t.Errorf("teaser(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	u := newTestUI(t, data.Swedish)
	got := screenText(t, u, pageAbout)
	if strings.Contains(got, "dem s…") || !strings.Contains(got, "visar bara början") {
		t.Errorf("the About screen shows a word cut mid-way or does not say the texts are cut:\n%s", got)
	}
}

func TestOpeningAnAttachmentWithoutAViewerSaysWhereTheCopyIs(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	u.opener = func(string) error { return errNoOpener }
	u.openBytes("karta.pdf", []byte("%PDF-1.4\n%%EOF\n"))
	settle(t, u, "the note shown", func() bool { return topDialog(u) != nil })
	got := overlayText(u)
	if !strings.Contains(got, "karta.pdf") || !strings.Contains(got, "kopia") || strings.Contains(got, "xdg-open") {
		t.Errorf("the window says %q, want where the copy is, in a sentence", got)
	}
}

// pressSave taps a coordinator form's Save button and reports whether the
// record was stored and the form closed.
func pressSave(t *testing.T, u *UI, f *editForm) bool {
	t.Helper()
	test.Tap(f.saveBtn)
	settleAll(t, u)
	return f.saved
}

func TestANoteTypedBeforeItIsReadIsKept(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	u.openMeeting("meeting-2017-02-22")
	s := u.meetings
	// One piece of the window's work at a time, until the detail is shown:
	// its note is then still being read.
	shown := func() bool {
		if s.notes == nil || len(s.detail.Objects) != 1 {
			return false
		}
		box, ok := s.detail.Objects[0].(*fyne.Container)
		return ok && slices.Contains(box.Objects, s.notes.view)
	}
	for q := queueOf(u); !shown(); {
		select {
		case f := <-q:
			f()
		case <-time.After(10 * time.Second):
			t.Fatal("the meeting's detail was not shown")
		}
	}
	typeInto(s.notes.entry, "Farleden")
	settleAll(t, u)
	if s.notes.entry.Text != "Farleden" {
		t.Errorf("the note shows %q once read, want what was typed before", s.notes.entry.Text)
	}
	if err := u.saveNotesNow(); err != nil {
		t.Fatal(err)
	}
	if n, _ := u.st.Note(context.Background(), noteMeeting, "meeting-2017-02-22"); n.Text != "Farleden" {
		t.Errorf("the store holds %q, want what was typed", n.Text)
	}
}
