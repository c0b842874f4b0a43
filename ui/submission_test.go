package ui

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/handelskammaren/ila-desk/data"
)

func TestNewSubmissionIsAutosaved(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	q := queueOf(u)
	ctx := context.Background()
	if err := u.st.SaveCompany(ctx, data.Company{Name: "Mälarfrakt AB", ContactPerson: "Åsa Öberg"}); err != nil {
		t.Fatal(err)
	}
	u.newSubmission()
	e := openedEditor(t, u)
	if e == nil {
		t.Fatal("no editor after New submission")
	}
	if e.sub.Company != "Mälarfrakt AB" || e.sub.ContactPerson != "Åsa Öberg" {
		t.Errorf("new submission's submitter = %q/%q, want the company profile", e.sub.Company, e.sub.ContactPerson)
	}
	test.Type(e.fields.title, "Plankorsningen i Kolbäck")
	test.Type(e.fields.object, "Plankorsning vid Kolbäcks station")
	id := e.sub.ID
	// The autosave runs within a second without any further action.
	q.runUntil(t, "the autosave", func() bool {
		s, err := u.st.Submission(ctx, id)
		return err == nil && s.Title == "Plankorsningen i Kolbäck" && s.Object == "Plankorsning vid Kolbäcks station"
	})
}

func TestEditorShowsBothCoordinateSystemsAndWarnsOutsideCounty(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	u.newSubmission()
	e := openedEditor(t, u)
	e.fields.municipality.SetSelected("Västerås")
	test.Type(e.fields.coords, "N 6609690 E 587605")
	info := e.fields.coordInfo.Text
	if !strings.Contains(info, "SWEREF 99 TM: N 6 609 690, E 587 605") || !strings.Contains(info, "WGS84: 59.6") {
		t.Errorf("coordinate info = %q, want both systems", info)
	}
	if e.sub.Point == nil {
		t.Error("a valid SWEREF point was not stored in the submission")
	}
	e.fields.coords.SetText("")
	test.Type(e.fields.coords, "59.2741, 15.2066") // Örebro
	if !strings.Contains(e.fields.coordInfo.Text, "utanför Västmanland") {
		t.Errorf("no warning for a point outside the county: %q", e.fields.coordInfo.Text)
	}
	// Garbage typed over the point keeps what was typed and shows a
	// message; the last good point stays.
	replaceText(e.fields.coords, "norr om bron")
	if e.fields.coords.Text != "norr om bron" {
		t.Errorf("entry text = %q, want what was typed kept", e.fields.coords.Text)
	}
	if err := e.fields.coords.Validate(); err == nil {
		t.Error("unreadable coordinates gave no validation message")
	}
	if p := e.sub.Point; p == nil || p.Lat != 59.2741 || p.Lon != 15.2066 {
		t.Errorf("after unreadable coordinates the submission's point is %v, want the last good one (59.2741, 15.2066)", p)
	}
}

func TestFlowNumbersAreValidatedWithoutLosingText(t *testing.T) {
	u := newTestUI(t, data.English)
	u.newSubmission()
	e := openedEditor(t, u)
	w := e.fields.flows[data.FlowTrucksDay]
	test.Type(w, "12 000")
	if got := e.sub.Flows[data.FlowTrucksDay]; got != 12000 {
		t.Errorf("trucks/day = %v, want 12000 from \"12 000\"", got)
	}
	w.SetText("")
	test.Type(w, "many")
	if w.Text != "many" {
		t.Errorf("typed text lost: %q", w.Text)
	}
	if err := w.Validate(); err == nil || !strings.Contains(err.Error(), "not a number") {
		t.Errorf("validation = %v, want a message that it is not a number", err)
	}
}

func TestFourStepWarningAndCompleteness(t *testing.T) {
	u := newTestUI(t, data.English)
	u.newSubmission()
	e := openedEditor(t, u)
	addMeasure(e, "Ny bro", data.StepBuildNew)
	if !e.fourStep.box.Visible() {
		t.Error("no four-step warning with only a step-4 measure")
	}
	addMeasure(e, "Samordna leveranstider", data.StepOptimise)
	if e.fourStep.box.Visible() {
		t.Error("four-step warning stays although a step-2 measure was added")
	}
	if !strings.Contains(e.missing.full, "Still missing") {
		t.Errorf("completeness = %q, want what is missing", e.missing.full)
	}
}

func TestDroppedPhotoBecomesAnAttachment(t *testing.T) {
	u := newTestUI(t, data.English)
	u.newSubmission()
	e := openedEditor(t, u)
	img := image.NewRGBA(image.Rect(0, 0, 400, 300))
	img.Set(10, 10, color.RGBA{200, 0, 0, 255})
	var b bytes.Buffer
	png.Encode(&b, img)
	path := filepath.Join(t.TempDir(), "korsning.png")
	os.WriteFile(path, b.Bytes(), 0o644)
	e.attachments.addFiles([]fyne.URI{storage.NewFileURI(path)})
	settle(t, u, "the photo attached", func() bool { return len(e.sub.Attachments) > 0 })
	sub, err := u.st.Submission(context.Background(), e.sub.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(sub.Attachments) != 1 || sub.Attachments[0].Name != "korsning.png" || !sub.Attachments[0].IsPhoto() {
		t.Errorf("attachments = %+v, want the dropped photo", sub.Attachments)
	}
	if len(e.sub.Attachments) != 1 {
		t.Error("the editor does not show the new attachment")
	}
}

func TestListFiltersAndCounts(t *testing.T) {
	u := newTestUI(t, data.English)
	q := queueOf(u)
	ctx := context.Background()
	for _, s := range []data.Submission{
		{Title: "Kaj i Köpings hamn", Municipality: "Köping", Modes: []data.Mode{data.ModeSea}},
		{Title: "E18 vid Västerås", Municipality: "Västerås", Modes: []data.Mode{data.ModeRoad}},
		{Title: "Mälarbanan Kolbäck", Municipality: "Hallstahammar", Modes: []data.Mode{data.ModeRail}},
	} {
		if _, err := u.st.CreateSubmission(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	u.goTo(pageSubmissions)
	s := u.pages[pageSubmissions].screen.(*submissions)
	q.runUntil(t, "the list", func() bool { return len(s.items) == 3 })
	s.mode.SetSelectedIndex(1 + 1) // rail
	q.runUntil(t, "the rail filter", func() bool { return len(s.items) == 1 && s.items[0].Title == "Mälarbanan Kolbäck" })
	if !strings.Contains(s.count.Text, "1 of 3") {
		t.Errorf("count = %q, want 1 of 3", s.count.Text)
	}
	s.mode.SetSelectedIndex(0)
	test.Type(s.search, "hamn")
	q.runUntil(t, "the search", func() bool { return len(s.items) == 1 && s.items[0].Title == "Kaj i Köpings hamn" })
	if !strings.Contains(s.count.Text, "1 of 3") {
		t.Errorf("count = %q after the search, want 1 of 3", s.count.Text)
	}
	// The trash holds none of them: with the box ticked the list is empty.
	test.Tap(s.trash)
	q.runUntil(t, "the trash", func() bool { return len(s.items) == 0 })
	if !strings.Contains(s.count.Text, "0 in the trash") {
		t.Errorf("count = %q in the trash, want 0 in the trash", s.count.Text)
	}
}

// replaceText selects all in the field and types text, as a person does.
func replaceText(f fyne.Focusable, text string) {
	f.(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutSelectAll{})
	test.Type(f, text)
}

func TestSwappedCoordinatesSayWhatIsWrongAndPrintNothingStale(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	u.prefs.setFolder(t.TempDir())
	u.opener = func(string) error { return nil }
	pressShortcut(t, u, fyne.KeyN)
	e := openedEditor(t, u)
	test.Type(e.fields.title, "Hamnen i Västerås")
	replaceText(e.fields.coords, "59.6162, 16.5528")
	e.saveNow()
	replaceText(e.fields.coords, "16.5528, 59.6162")
	if got := e.fields.coordsNote.text(); !strings.Contains(got, "omkastade") || !strings.Contains(got, "59.61620° N, 16.55280° E") {
		t.Errorf("the note under the field says %q, want that the numbers look swapped and the right order", got)
	}
	if got := e.fields.coordInfo.Text; !strings.Contains(got, "senaste giltiga punkt") || !strings.Contains(got, "59.61620° N") {
		t.Errorf("the lines below say %q, want that the point kept is the last good one", got)
	}
	e.saveNow()
	if got := storedSubmission(t, u, e.sub.ID); got.Point == nil || got.Point.Lat != 59.6162 {
		t.Errorf("the store holds %v; want the last good point kept", got.Point)
	}
	// Printing now would show the old point as if it were the typed one.
	pressShortcut(t, u, fyne.KeyP)
	if !strings.Contains(overlayText(u), "utan punkten") {
		t.Fatalf("printing with unreadable coordinates did not ask; the window shows %q", overlayText(u))
	}
	closeAll(t, u)
	replaceText(e.fields.coords, "59°36′58″N 16°33′10″E")
	if got := e.fields.coordsNote.text(); got != "" {
		t.Errorf("after correcting, the note still says %q", got)
	}
	if !strings.Contains(e.fields.coordInfo.Text, "SWEREF 99 TM") {
		t.Errorf("after correcting, the lines below say %q, want both systems", e.fields.coordInfo.Text)
	}
}

func TestNothingMovesWhileTheFormIsFilled(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	u.win.Resize(fyne.NewSize(smallWidth, smallHeight))
	pressShortcut(t, u, fyne.KeyN)
	e := openedEditor(t, u)
	c := u.win.Canvas()
	where := func(o fyne.CanvasObject) fyne.Position {
		return fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	}
	tabsAt := where(e.tabs)
	headingWidth := e.heading.Size().Width
	for _, f := range []func(){
		func() { test.Type(e.fields.title, "Plankorsningen i Kolbäck stoppar lastbilar") },
		func() { test.Type(e.fields.object, "Plankorsning") },
		func() { test.Tap(e.fields.modes.checks[0]) },
		func() { e.fields.municipality.SetSelected("Hallstahammar") },
		func() { test.Type(e.fields.coords, "59.6144, 16.2311") },
	} {
		f()
		c.Content().Refresh()
		if got := where(e.tabs); got != tabsAt {
			t.Errorf("the form moved from %v to %v as fields were filled (missing: %q)", tabsAt, got, e.missing.full)
		}
	}
	e.saveNow()
	if got := e.heading.Size().Width; got != headingWidth {
		t.Errorf("the title's room changed from %v to %v when the save indicator changed to %q", headingWidth, got, e.saveState.Text)
	}
}

func TestMeetingListKeepsItsWidthWhateverMeetingIsShown(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	u.prefs.setCoordinatorMode(true)
	u.win.Resize(fyne.NewSize(smallWidth, smallHeight))
	s := selectMeeting(t, u, "meeting-2017-11-21")
	width := s.list.Size().Width
	if width < listWidth-2*theme.Padding() {
		t.Errorf("the meeting list is %v wide, want room for its dates (%v)", width, listWidth)
	}
	for _, key := range []string{"meeting-2017-02-22", "meeting-2017-05-16", "meeting-2017-09-13"} {
		selectMeeting(t, u, key)
		if got := s.list.Size().Width; got != width {
			t.Errorf("showing %s changed the list's width from %v to %v", key, width, got)
		}
	}
}

func TestFieldsHoldNoMoreThanTheirLimitAndSaySo(t *testing.T) {
	u := newTestUI(t, data.Swedish)
	pressShortcut(t, u, fyne.KeyN)
	e := openedEditor(t, u)
	max := data.Limit(data.FieldTitle).Chars
	test.Type(e.fields.title, strings.Repeat("å", max+5))
	if got := len([]rune(e.fields.title.Text)); got != max {
		t.Errorf("the title holds %d characters after typing %d, want the limit %d", got, max+5, max)
	}
	if !e.limitLine.box.Visible() || !strings.Contains(e.limitLine.full, "200") {
		t.Errorf("the editor says %q, want a sentence with the limit", e.limitLine.full)
	}
	// A paste past the limit is cut to it, and said.
	long := strings.Repeat("Bommarna fälls. ", data.Limit(data.FieldDeficiency).Chars/16+10)
	u.app.Clipboard().SetContent(long)
	e.fields.deficiency.TypedShortcut(&fyne.ShortcutPaste{Clipboard: u.app.Clipboard()})
	if got := len([]rune(e.sub.Deficiency)); got != data.Limit(data.FieldDeficiency).Chars {
		t.Errorf("after pasting %d characters the deficiency holds %d, want the limit", len([]rune(long)), got)
	}
	if !strings.Contains(e.limitLine.full, "20") {
		t.Errorf("after the paste the editor says %q", e.limitLine.full)
	}
	e.saveNow()
	if got := storedSubmission(t, u, e.sub.ID); len([]rune(got.Title)) != max {
		t.Errorf("stored title of %d characters, want %d", len([]rune(got.Title)), max)
	}
}

// addMeasure presses Add measure, types text into the new measure and
// chooses its step, as a person does.
func addMeasure(e *submissionEditor, text string, step data.Step) {
	test.Tap(e.fields.addMeasure)
	last := len(e.fields.measureTexts) - 1
	test.Type(e.fields.measureTexts[last], text)
	e.fields.measureSteps[last].SetSelectedIndex(int(step) - 1)
}
