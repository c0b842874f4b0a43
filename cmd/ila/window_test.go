//go:build unix

package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite"
)

// What the test types, field by field: Swedish with å ä ö and spaces in
// every kind of field, a line long enough to wrap in the text areas (a
// space typed where a line wraps used to move), and line breaks.
const (
	wantTitle      = "Plankorsning i Kolbäck stoppar lastbilar"
	wantObject     = "Plankorsningen vid Kolbäcks station på väg 252"
	wantRoad       = "väg 252"
	wantPlace      = "Korsningen mellan väg 252 och Mälarbanan, söder om Kolbäcks station.\nTvå spår, bommar på båda sidor."
	wantCoords     = "59.5137, 15.9906"
	wantDeficiency = "Bommarna är nere i upp till tjugo minuter åt gången när godståg växlar på bangården, och köerna når då ända ut på E18-avfarten och in i Kolbäcks centrum.\nLastbilar till hamnen i Köping får vänta eller köra omvägar över Strömsholm."
	wantSince      = "Sedan tågtätheten ökade på Mälarbanan"
	wantFrequency  = "Varje vardag, värst mellan sju och nio"
	wantImpact     = "Förseningarna kostar oss två timmar per bil och dag, och chaufförerna står i kö."
	wantMeasure    = "Planskild korsning för vägtrafiken under järnvägen"
	wantAVS        = "ÅVS Kolbäck-Hallstahammar 2019"
	wantCompany    = "Kolbäcks Åkeri AB"
	wantContact    = "Åsa Öberg"
	wantEmail      = "asa.oberg@kolbacksakeri.se"
	wantPhone      = "0220-123 45"
	wantCaption    = "Bommarna nere, kö på väg 252 mot Strömsholm"
	wantComment    = "Klar för arenamötet i Västerås"
	photoName      = "bommar-kolback.jpg"
	protocolDoc    = "minnesanteckningar-2017-02-22.md"
	protocolText   = "# Minnesanteckningar från arenamötet\n\nPlankorsningen i Kolbäck tas upp med Trafikverket och Region Västmanland.\n"
	wantNote       = "Fråga Trafikverket om tidplanen för Kolbäck.\nTa med bilderna till mötet i Västerås."
)

var (
	wantCoSigners = []string{"Hallstahammars Bygg AB", "Mälardalens Frukt och Grönt AB"}
	// The flow fields take numbers as Swedes write them.
	typedFlows = []string{"12 000", "340", "", "", "45", "1 200"}
	wantFlows  = map[string]float64{"tonnes_year": 12000, "trucks_day": 340, "employees": 45, "commuters": 1200}
)

// TestWindowKeepsASwedishSubmissionTypedWithTheKeyboard builds the program,
// runs it in Xvfb with a Swedish keyboard and a Swedish UI, and with the
// keyboard (and a mouse click where a button's place depends on the data)
// attaches a document to a protocol, writes a submission in every field,
// attaches a photo, moves it to Ready, prints it, writes a note on the
// protocol and closes the window at once, then opens it again. Then it
// checks the database, the command line and both PDFs for exactly what was
// typed.
func TestWindowKeepsASwedishSubmissionTypedWithTheKeyboard(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the window test builds the program and drives its window in Xvfb (about a minute)")
	}
	needWindowTools(t)
	start := time.Now()
	s := newWindowSession(t)
	t.Logf("started Xvfb and built the program (race detector: %v) in %v", raceEnabled(), time.Since(start).Round(time.Millisecond))

	// First run: everything typed.
	s.start()
	s.attachProtocolDocument()
	s.writeSubmission()
	pdf1 := s.print("Plankorsning i Kolbäck.pdf")
	s.closeEditor("ctrl+w")
	s.writeProtocolNote()
	s.quit() // at once: only the save on closing keeps the note
	first := s.readSubmission()

	// Second run on the same database: the submission is in the list, and
	// opening and printing it changes nothing.
	s.start()
	s.openFromList()
	pdf2 := s.print("Efter omstart.pdf")
	s.closeEditor("Escape")
	s.quit()
	second := s.readSubmission()

	s.checkSubmission(first)
	// Opening and printing an unchanged submission writes nothing: not even
	// its "changed" time moves.
	if second.Updated != first.Updated {
		t.Errorf("printing the unchanged submission moved its changed time from %d to %d", first.Updated, second.Updated)
	}
	for _, d := range first.diff(second) {
		t.Errorf("opening and printing the submission after the restart changed it: %s", d)
	}
	s.checkProtocol()
	s.checkCommandLine()
	for _, pdf := range []string{pdf1, pdf2} {
		s.checkPDF(pdf)
	}
	t.Logf("the whole window test took %v", time.Since(start).Round(time.Millisecond))
}

// windowSession is the program under test, its files and its display.
type windowSession struct {
	t      *testing.T
	x      *xdisplay
	bin    string
	dir    string // the test's temporary folder
	home   string
	db     string
	pdfDir string
	opened string // where the stand-in xdg-open notes what it was asked to open
	env    []string
	app    *proc
	runs   int
	subID  int64
	photo  []byte
	began  time.Time
}

// logf logs a step with the time since the test began.
func (s *windowSession) logf(format string, args ...any) {
	s.t.Helper()
	s.t.Logf("%5.1fs "+format, append([]any{time.Since(s.began).Seconds()}, args...)...)
}

func newWindowSession(t *testing.T) *windowSession {
	dir := t.TempDir()
	s := &windowSession{t: t, dir: dir, began: time.Now(), home: filepath.Join(dir, "home"), db: filepath.Join(dir, "ila.db"),
		pdfDir: filepath.Join(dir, "pdf"), opened: filepath.Join(dir, "opened.txt")}
	s.x = startDisplay(t, dir) // first, so that a machine without an X server skips at once
	s.bin = buildProgram(t, dir)

	run := filepath.Join(dir, "run")
	bin := filepath.Join(dir, "bin")
	for _, d := range []string{s.home, filepath.Join(s.home, ".config"), filepath.Join(s.home, ".local", "share"),
		filepath.Join(s.home, ".cache"), s.pdfDir, run, bin, filepath.Join(dir, "apptmp")} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	// The program opens a printed PDF with xdg-open. The stand-in notes
	// the path and fails as xdg-open does when no program takes the file,
	// so the program says where the file is, the same on every machine.
	script := fmt.Sprintf("#!/bin/sh\nprintf '%%s\\n' \"$1\" >> '%s'\nexit 3\n", s.opened)
	if err := os.WriteFile(filepath.Join(bin, "xdg-open"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	// The only files in the home folder, so that the file dialogs, which
	// start there, list exactly one file of each kind.
	s.photo = testPhoto(t)
	if err := os.WriteFile(filepath.Join(s.home, photoName), s.photo, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(s.home, protocolDoc), []byte(protocolText), 0o600); err != nil {
		t.Fatal(err)
	}
	s.env = []string{
		"DISPLAY=" + s.x.name,
		"HOME=" + s.home,
		"XDG_CONFIG_HOME=" + filepath.Join(s.home, ".config"),
		"XDG_DATA_HOME=" + filepath.Join(s.home, ".local", "share"),
		"XDG_CACHE_HOME=" + filepath.Join(s.home, ".cache"),
		"XDG_RUNTIME_DIR=" + run,
		"TMPDIR=" + filepath.Join(dir, "apptmp"),
		// No sv_SE locale is needed: Fyne takes Swedish from LANGUAGE
		// when LANG is not C or POSIX.
		"LANG=C.UTF-8",
		"LANGUAGE=sv",
		"PATH=" + bin,
	}
	return s
}

// buildProgram builds the real program (with cgo, as make build does, so
// that the build cache is shared) into dir. Under go test -race the
// program gets the race detector too (its packages are then in the cache
// already), and a race it reports fails the test.
func buildProgram(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "ila")
	args := []string{"build", "-o", bin}
	if raceEnabled() {
		args = append(args, "-race")
	}
	cmd := exec.Command("go", append(args, ".")...)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// raceEnabled reports whether this test runs with the race detector.
func raceEnabled() bool {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, s := range bi.Settings {
		if s.Key == "-race" {
			return s.Value == "true"
		}
	}
	return false
}

// testPhoto is a small JPEG: a grey road under an orange barrier.
func testPhoto(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 320, 240))
	for y := 0; y < 240; y++ {
		for x := 0; x < 320; x++ {
			c := color.RGBA{R: 110, G: 150, B: 200, A: 255} // sky
			switch {
			case y > 150:
				c = color.RGBA{R: 90, G: 90, B: 95, A: 255} // road
			case y > 110 && y < 122 && (x/20)%2 == 0:
				c = color.RGBA{R: 240, G: 120, B: 20, A: 255} // barrier
			case y > 110 && y < 122:
				c = color.RGBA{R: 250, G: 250, B: 250, A: 255}
			}
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// start runs the program on the session's database and waits for its
// window. When the test fails while it runs, the screen and the program's
// output are saved first.
func (s *windowSession) start() {
	t := s.t
	t.Helper()
	s.runs++
	began := time.Now()
	cmd := exec.Command(s.bin, "--db", s.db)
	cmd.Env = s.env
	cmd.Dir = s.home
	run := s.runs
	app, err := startProc(t, "ila", cmd, filepath.Join(s.dir, fmt.Sprintf("ila-run%d.log", run)), 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	s.app = app
	// Runs before startProc's cleanup stops the program: t.Cleanup is last in, first out.
	t.Cleanup(func() {
		if t.Failed() {
			s.evidence(app, run)
		}
	})
	s.x.window(app, 30*time.Second)
	s.logf("run %d: window shown after %v", run, time.Since(began).Round(time.Millisecond))
}

// evidence saves a screenshot and the program's output where a person can
// look at them, and logs where.
func (s *windowSession) evidence(app *proc, run int) {
	dir := s.t.ArtifactDir()
	shot, err := s.x.screenshot(dir, fmt.Sprintf("failure-run%d.png", run))
	if err != nil {
		s.t.Logf("no screenshot: %v", err)
	}
	log := filepath.Join(dir, fmt.Sprintf("ila-run%d.log", run))
	os.WriteFile(log, []byte(app.output()), 0o644)
	s.t.Logf("run %d failed: screenshot %s, the program's output %s (kept with go test -artifacts); its last lines:\n%s",
		run, shot, log, app.tail(40))
}

// quit closes the window as a person does without a mouse: Ctrl+Q, which
// File → Quit shows (Xvfb has no window manager for Alt+F4). The program
// saves when it closes and must exit cleanly.
func (s *windowSession) quit() {
	t := s.t
	t.Helper()
	s.x.key("ctrl+q")
	if !s.app.wait(20 * time.Second) {
		t.Fatalf("the program still runs 20 s after Quit in the menu")
	}
	if s.app.err != nil {
		t.Fatalf("the program ended with %v; its output:\n%s", s.app.err, s.app.tail(40))
	}
	out := s.app.output()
	for _, bad := range []string{"panic:", "fatal error:", "WARNING: DATA RACE", "save before closing"} {
		if strings.Contains(out, bad) {
			t.Fatalf("the program's output holds %q:\n%s", bad, out)
		}
	}
	s.logf("run %d: the program closed", s.runs)
}

// Where the test reads the screen: the screens right of the sidebar, below
// the search bar; their upper part, where toolbars and the first rows are.
// A smaller picture reads faster.
var (
	contentArea = image.Rect(190, 60, 1280, 800)
	upperArea   = image.Rect(190, 60, 1280, 520)
)

// clickPhrase clicks the first word of phrase in area once OCR reads the
// phrase there.
func (s *windowSession) clickPhrase(area image.Rectangle, phrase ...string) {
	s.t.Helper()
	var at image.Point
	s.waitFor(fmt.Sprintf("%q on the screen", strings.Join(phrase, " ")), 15*time.Second, func() (bool, string) {
		p, ok, read := s.x.findPhrase(phrase, area)
		at = p
		return ok, read
	})
	s.x.click(at)
	s.logf("clicked %q at %v", strings.Join(phrase, " "), at)
}

// nextTab shows the editor's next tab with Ctrl+PageDown, which puts the
// focus in the tab's first field (Fyne's tabs take no key of their own).
func (s *windowSession) nextTab() {
	s.x.key("ctrl+Next")
}

// fields types values into the fields that follow one another, a Tab
// between them.
func (s *windowSession) fields(values ...string) {
	s.t.Helper()
	for i, v := range values {
		if i > 0 {
			s.x.key("Tab")
		}
		s.x.typeText(v)
	}
}

// attachProtocolDocument goes to Protokoll (Ctrl+4) and attaches a
// Markdown document to the protocol shown first.
func (s *windowSession) attachProtocolDocument() {
	s.x.key("ctrl+4")
	// The button's place depends on the protocol (a meeting link comes
	// before it), so it is found by its name; the sentence under it starts
	// with "Bifoga dokumentet".
	s.clickPhrase(upperArea, "Bifoga", "dokument")
	s.pickOnlyFile()
	s.waitDB("the document attached to the protocol", func(db *sql.DB) (bool, string) {
		var n int
		err := db.QueryRow(`SELECT count(*) FROM documents`).Scan(&n)
		return err == nil && n == 1, fmt.Sprintf("%d documents (%v)", n, err)
	})
	s.logf("attached the document to the protocol")
}

// pickOnlyFile picks the one file that Fyne's file-open dialog lists
// after "(Upp)": Tab to the favourites, Tab to the files, Down to the
// file (the last item, in the list view and in the grid view alike),
// Space selects it, Shift+Tab twice reaches Öppna, Space presses it
// (Fyne's buttons take Space, not Enter).
func (s *windowSession) pickOnlyFile() {
	s.x.key("Tab", "Tab", "Down", "space", "shift+Tab", "shift+Tab", "space")
}

// writeSubmission makes a new submission with Ctrl+N and fills every tab.
func (s *windowSession) writeSubmission() {
	x := s.x
	x.key("ctrl+n") // the title has the focus
	s.waitDB("a new submission", func(db *sql.DB) (bool, string) {
		err := db.QueryRow(`SELECT id FROM submissions WHERE deleted_unix IS NULL`).Scan(&s.subID)
		return err == nil, fmt.Sprint(err)
	})

	// Objekt och plats: title, object, modes (Väg, Järnväg), municipality
	// (Right three times: Arboga, Fagersta, Hallstahammar), road (a
	// SelectEntry, whose drop-down button takes a Tab of its own), place,
	// coordinates.
	s.fields(wantTitle, wantObject)
	x.key("Tab", "space", "Tab", "space", "Tab", "Tab", "Tab", "Tab", "Right", "Right", "Right", "Tab")
	x.typeText(wantRoad)
	x.key("Tab", "Tab")
	s.fields(wantPlace, wantCoords)
	x.key("ctrl+s") // save now rather than wait for the autosave
	s.waitSaved("Objekt och plats", func(g savedSubmission) bool {
		return g.Title == wantTitle && g.Object == wantObject && g.Modes == "road rail" && g.Municipality == "Hallstahammar" &&
			g.RoadRef == wantRoad && g.Place == wantPlace && g.HasPoint && g.Lat.Float64 == 59.5137 && g.Lon.Float64 == 15.9906
	})
	s.logf("typed the tab Objekt och plats")

	// Brist och flöden: deficiency, since, how often, six flows, the
	// consequences Tid and Säkerhet (first and fourth), the impact.
	s.nextTab()
	s.fields(append([]string{wantDeficiency, wantSince, wantFrequency}, typedFlows...)...)
	x.key("Tab", "space", "Tab", "Tab", "Tab", "space", "Tab", "Tab", "Tab")
	x.typeText(wantImpact)
	x.key("ctrl+s") // save now rather than wait for the autosave
	s.waitSaved("Brist och flöden", func(g savedSubmission) bool {
		return g.Deficiency == wantDeficiency && g.Since == wantSince && g.Frequency == wantFrequency &&
			reflect.DeepEqual(g.flows(), wantFlows) && g.Consequences == "time safety" && g.Impact == wantImpact
	})
	s.logf("typed the tab Brist och flöden")

	// Åtgärder: the focus is on "Lägg till åtgärd"; Enter adds a row and
	// puts the focus in its text. The row's step stands before the text in
	// the Tab order, as on screen: Shift+Tab reaches it, and Right moves it
	// from 2 Optimera to 3 Bygg om. Then past the text, the row's delete
	// button and "Lägg till åtgärd" to cost class "Under 50 MSEK" (Space on
	// the first radio), priority Hög (Right), urgency "Inom ett år" (Right
	// twice) and the ÅVS reference.
	s.nextTab()
	x.key("Return")
	x.typeText(wantMeasure)
	x.key("shift+Tab", "Right", "Tab", "Tab", "Tab", "Tab", "space", "Tab", "Tab", "Tab", "Right", "Tab", "Right", "Right", "Tab")
	x.typeText(wantAVS)
	x.key("ctrl+s") // save now rather than wait for the autosave
	s.waitSaved("Åtgärder", func(g savedSubmission) bool {
		return reflect.DeepEqual(g.Measures, []savedMeasure{{wantMeasure, 3}}) && g.CostClass == "under50" &&
			g.Priority == 1 && g.Urgency == "within_1y" && g.AVS == wantAVS
	})
	s.logf("typed the tab Åtgärder")

	// Avsändare: the arena meeting (Right twice: past "no meeting" to the
	// latest), company, contact, e-mail, phone, co-signers one per line.
	s.nextTab()
	x.key("Right", "Right", "Tab")
	s.fields(wantCompany, wantContact, wantEmail, wantPhone, strings.Join(wantCoSigners, "\n"))
	latest := s.latestMeeting()
	x.key("ctrl+s") // save now rather than wait for the autosave
	s.waitSaved("Avsändare", func(g savedSubmission) bool {
		return g.MeetingKey == latest && g.Company == wantCompany && g.Contact == wantContact && g.Email == wantEmail &&
			g.Phone == wantPhone && reflect.DeepEqual(g.CoSigners, wantCoSigners)
	})
	s.logf("typed the tab Avsändare")

	// Bilagor: the focus is on "Lägg till foto eller dokument…"; Enter
	// opens Fyne's file dialog in the folder used last (the home folder,
	// where the protocol document came from), and the photo is the one file
	// it lists. Then no widget has the focus: Tab goes to the sidebar, the
	// next to the caption, which comes first once the photo is there.
	s.nextTab()
	x.key("Return")
	s.pickOnlyFile()
	s.waitSaved("the photo", func(g savedSubmission) bool { return len(g.Attachments) == 1 })
	// The row comes once the window has read the photo back, with its
	// button Öppna (OCR does not read the faint placeholder Bildtext).
	s.waitFor("the photo's row", 15*time.Second, func() (bool, string) {
		_, ok, read := x.findPhrase([]string{"Öppna"}, contentArea)
		return ok, read
	})
	x.key("Tab", "Tab")
	x.typeText(wantCaption)
	x.key("ctrl+s") // save now rather than wait for the autosave
	s.waitSaved("the photo's caption", func(g savedSubmission) bool {
		return len(g.Attachments) == 1 && g.Attachments[0].Caption == wantCaption
	})
	s.logf("attached the photo")

	// Historik: the focus is on the new status; Right twice chooses Klar
	// (after Utkast). The comment before it in the Tab order, then Tab
	// twice to "Byt status" and Enter.
	s.nextTab()
	x.key("Right", "Right", "shift+Tab")
	x.typeText(wantComment)
	x.key("Tab", "Tab", "Return")
	s.waitSaved("the status Klar", func(g savedSubmission) bool {
		return g.Status == "ready" && len(g.Trail) == 2 && g.Trail[1] == savedStatus{"ready", wantComment}
	})
	s.logf("moved the submission to Klar")
}

// print prints the open submission with Ctrl+P into the PDF folder as
// name: the Save as dialog's file name has the focus, selected, and takes
// an absolute path. The stand-in xdg-open fails, so the program says where
// the file is; Enter closes that.
func (s *windowSession) print(name string) string {
	t, x := s.t, s.x
	t.Helper()
	path := filepath.Join(s.pdfDir, name)
	x.key("ctrl+p")
	// The document is gathered off the UI goroutine behind a progress
	// dialog; the save dialog, with its field Filnamn, comes after it.
	s.waitFor("the save dialog", 20*time.Second, func() (bool, string) {
		_, ok, read := x.findPhrase([]string{"Filnamn"}, image.Rect(0, 0, 1280, 800))
		return ok, read
	})
	x.typeText(path)
	x.key("Return")
	s.waitFor("the program to open "+path, 20*time.Second, func() (bool, string) {
		b, _ := os.ReadFile(s.opened)
		return strings.Contains(string(b), path+"\n"), fmt.Sprintf("it asked to open %q", b)
	})
	// Logged just before the program shows where the file is.
	s.waitFor("the program to say it could not open the PDF", 10*time.Second, func() (bool, string) {
		return strings.Contains(s.app.output(), "open "+path), "nothing in its output"
	})
	time.Sleep(500 * time.Millisecond) // the dialog is drawn on the next frame
	x.key("Return")
	if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
		t.Fatalf("no PDF at %s: %v", path, err)
	}
	s.logf("run %d: printed %s", s.runs, name)
	return path
}

// closeEditor closes the editor with key (Ctrl+W or Esc) and waits for the
// list of submissions, with its check box Papperskorg. (OCR does not read
// the highlighted button "Nytt inspel": dark text in a light box.)
func (s *windowSession) closeEditor(key string) {
	s.t.Helper()
	s.x.key(key)
	s.waitFor("the list of submissions after "+key, 15*time.Second, func() (bool, string) {
		_, ok, read := s.x.findPhrase([]string{"Papperskorg"}, upperArea)
		return ok, read
	})
	s.logf("run %d: %s closed the editor", s.runs, key)
}

// openFromList goes to Inspel (Ctrl+5) and opens the submission by
// clicking its title in the list (the list is the last of eleven Tab
// stops there).
func (s *windowSession) openFromList() {
	s.x.key("ctrl+5")
	s.clickPhrase(upperArea, "Plankorsning", "i")
	// The submission is read off the UI goroutine; the editor shows its
	// tabs when it is open.
	s.waitFor("the editor's tab Avsändare", 15*time.Second, func() (bool, string) {
		_, ok, read := s.x.findPhrase([]string{"Avsändare"}, upperArea)
		return ok, read
	})
}

// writeProtocolNote goes to Protokoll (Ctrl+4), where the protocol with the
// document is shown, clicks into the notes under the heading Anteckningar
// and types a note. The notes save themselves 0.6 s after the last key;
// the test closes the window before that.
func (s *windowSession) writeProtocolNote() {
	s.t.Helper()
	s.x.key("ctrl+4")
	var at image.Point
	s.waitFor("the heading Anteckningar", 15*time.Second, func() (bool, string) {
		p, ok, read := s.x.findPhrase([]string{"Anteckningar"}, contentArea)
		at = p
		return ok, read
	})
	s.x.click(image.Pt(at.X+150, at.Y+60)) // the notes field is right under its heading
	s.x.typeText(wantNote)
	s.logf("run %d: typed a note on the protocol", s.runs)
}

// waitFor polls cond until it holds, for at most timeout; it fails at
// once when the program has ended (a crash), with what the program wrote.
func (s *windowSession) waitFor(what string, timeout time.Duration, cond func() (bool, string)) {
	s.t.Helper()
	waitFor(s.t, what, timeout, func() (bool, string) {
		if s.app.exited() {
			s.t.Fatalf("the program ended (%v) while the test waited for %s; its output:\n%s", s.app.err, what, s.app.tail(40))
		}
		return cond()
	})
}

// waitDB polls the database, read-only while the program runs, until cond
// holds.
func (s *windowSession) waitDB(what string, cond func(db *sql.DB) (bool, string)) {
	s.t.Helper()
	s.waitFor(what, 15*time.Second, func() (bool, string) {
		db, err := openReadOnly(s.db)
		if err != nil {
			return false, err.Error()
		}
		defer db.Close()
		return cond(db)
	})
}

// waitSaved waits until the submission, as saved, satisfies cond.
func (s *windowSession) waitSaved(what string, cond func(savedSubmission) bool) {
	s.t.Helper()
	var last savedSubmission
	var lastErr error
	s.waitFor("the program to save "+what, 15*time.Second, func() (bool, string) {
		last, lastErr = s.tryReadSubmission()
		if lastErr != nil {
			return false, lastErr.Error()
		}
		return cond(last), fmt.Sprintf("%+v", last)
	})
}

func openReadOnly(path string) (*sql.DB, error) {
	u := url.URL{Scheme: "file", Path: path, RawQuery: "mode=ro&_pragma=busy_timeout(5000)"}
	return sql.Open("sqlite", u.String())
}

func (s *windowSession) latestMeeting() string {
	s.t.Helper()
	db, err := openReadOnly(s.db)
	if err != nil {
		s.t.Fatal(err)
	}
	defer db.Close()
	var key string
	// The editor offers the meetings newest first, after "no meeting".
	if err := db.QueryRow(`SELECT key FROM meetings ORDER BY start_unix DESC, id DESC LIMIT 1`).Scan(&key); err != nil {
		s.t.Fatal(err)
	}
	return key
}

// savedSubmission is the submission as the database holds it.
type savedSubmission struct {
	Title, Object, Modes, Municipality, RoadRef, Place string
	HasPoint                                           bool
	Lat, Lon                                           sql.NullFloat64
	Deficiency, Since, Frequency, Flows, Consequences  string
	Impact, CostClass                                  string
	Priority                                           int
	Urgency, AVS, MeetingKey                           string
	Company, Contact, Email, Phone, Status             string
	Updated                                            int64
	Deleted                                            sql.NullInt64
	Measures                                           []savedMeasure
	CoSigners                                          []string
	Trail                                              []savedStatus
	Attachments                                        []savedAttachment
}

type savedMeasure struct {
	Text string
	Step int
}

type savedStatus struct{ Status, Comment string }

type savedAttachment struct {
	Name, MIME, Caption string
	Data                []byte
}

// diff lists the fields where h differs from g, "field: got X, want Y"
// with g as wanted.
func (g savedSubmission) diff(h savedSubmission) []string {
	var out []string
	a, b := reflect.ValueOf(g), reflect.ValueOf(h)
	for i := range a.NumField() {
		x, y := a.Field(i).Interface(), b.Field(i).Interface()
		if reflect.DeepEqual(x, y) {
			continue
		}
		if a.Type().Field(i).Name == "Attachments" { // name the bytes, do not print them
			x, y = attachmentSummary(g.Attachments), attachmentSummary(h.Attachments)
		}
		out = append(out, fmt.Sprintf("%s: got %+v, want %+v", a.Type().Field(i).Name, y, x))
	}
	return out
}

func attachmentSummary(as []savedAttachment) []string {
	var out []string
	for _, a := range as {
		out = append(out, fmt.Sprintf("%s %s %q %d bytes", a.Name, a.MIME, a.Caption, len(a.Data)))
	}
	return out
}

func (g savedSubmission) flows() map[string]float64 {
	m := map[string]float64{}
	json.Unmarshal([]byte(g.Flows), &m)
	return m
}

func (s *windowSession) readSubmission() savedSubmission {
	s.t.Helper()
	g, err := s.tryReadSubmission()
	if err != nil {
		s.t.Fatal(err)
	}
	return g
}

func (s *windowSession) tryReadSubmission() (savedSubmission, error) {
	var g savedSubmission
	db, err := openReadOnly(s.db)
	if err != nil {
		return g, err
	}
	defer db.Close()
	err = db.QueryRow(`SELECT title, object, modes, municipality, road_ref, place, has_point, lat, lon,
		deficiency, deficiency_since, deficiency_freq, flows, consequences, impact, cost_class, priority,
		urgency, avs_ref, meeting_key, company, contact_person, contact_email, contact_phone, status,
		updated_unix, deleted_unix FROM submissions WHERE id = ?`, s.subID).Scan(
		&g.Title, &g.Object, &g.Modes, &g.Municipality, &g.RoadRef, &g.Place, &g.HasPoint, &g.Lat, &g.Lon,
		&g.Deficiency, &g.Since, &g.Frequency, &g.Flows, &g.Consequences, &g.Impact, &g.CostClass, &g.Priority,
		&g.Urgency, &g.AVS, &g.MeetingKey, &g.Company, &g.Contact, &g.Email, &g.Phone, &g.Status,
		&g.Updated, &g.Deleted)
	if err != nil {
		return g, fmt.Errorf("read submission %d: %w", s.subID, err)
	}
	rows, err := db.Query(`SELECT value ->> 'text', value ->> 'step' FROM submissions, json_each(submissions.measures) WHERE submissions.id = ? ORDER BY key`, s.subID)
	if err != nil {
		return g, err
	}
	for rows.Next() {
		var m savedMeasure
		rows.Scan(&m.Text, &m.Step)
		g.Measures = append(g.Measures, m)
	}
	rows.Close()
	rows, err = db.Query(`SELECT value FROM submissions, json_each(submissions.co_signers) WHERE submissions.id = ? ORDER BY key`, s.subID)
	if err != nil {
		return g, err
	}
	for rows.Next() {
		var n string
		rows.Scan(&n)
		g.CoSigners = append(g.CoSigners, n)
	}
	rows.Close()
	rows, err = db.Query(`SELECT status, comment FROM submission_trail WHERE submission_id = ? ORDER BY id`, s.subID)
	if err != nil {
		return g, err
	}
	for rows.Next() {
		var c savedStatus
		rows.Scan(&c.Status, &c.Comment)
		g.Trail = append(g.Trail, c)
	}
	rows.Close()
	rows, err = db.Query(`SELECT name, mime, caption, data FROM submission_attachments WHERE submission_id = ? ORDER BY id`, s.subID)
	if err != nil {
		return g, err
	}
	for rows.Next() {
		var a savedAttachment
		rows.Scan(&a.Name, &a.MIME, &a.Caption, &a.Data)
		g.Attachments = append(g.Attachments, a)
	}
	rows.Close()
	return g, rows.Err()
}

// checkSubmission checks every field for exactly what was typed.
func (s *windowSession) checkSubmission(g savedSubmission) {
	t := s.t
	t.Helper()
	texts := []struct{ name, got, want string }{
		{"title", g.Title, wantTitle},
		{"object", g.Object, wantObject},
		{"modes", g.Modes, "road rail"},
		{"municipality", g.Municipality, "Hallstahammar"},
		{"road", g.RoadRef, wantRoad},
		{"place", g.Place, wantPlace},
		{"deficiency", g.Deficiency, wantDeficiency},
		{"since", g.Since, wantSince},
		{"how often", g.Frequency, wantFrequency},
		{"consequences", g.Consequences, "time safety"},
		{"impact", g.Impact, wantImpact},
		{"cost class", g.CostClass, "under50"},
		{"urgency", g.Urgency, "within_1y"},
		{"ÅVS reference", g.AVS, wantAVS},
		{"meeting", g.MeetingKey, s.latestMeeting()},
		{"company", g.Company, wantCompany},
		{"contact", g.Contact, wantContact},
		{"e-mail", g.Email, wantEmail},
		{"phone", g.Phone, wantPhone},
		{"status", g.Status, "ready"},
	}
	for _, f := range texts {
		if f.got != f.want {
			t.Errorf("%s: got %q, want %q", f.name, f.got, f.want)
		}
		if strings.ContainsRune(f.got, '\t') {
			t.Errorf("%s holds a tab character: %q", f.name, f.got)
		}
	}
	if !g.HasPoint || g.Lat.Float64 != 59.5137 || g.Lon.Float64 != 15.9906 {
		t.Errorf("point: got %v %v, %v, want 59.5137, 15.9906", g.HasPoint, g.Lat, g.Lon)
	}
	if got := g.flows(); !reflect.DeepEqual(got, wantFlows) {
		t.Errorf("flows: got %v, want %v", got, wantFlows)
	}
	if g.Priority != 1 {
		t.Errorf("priority: got %d, want 1 (Hög)", g.Priority)
	}
	if want := []savedMeasure{{wantMeasure, 3}}; !reflect.DeepEqual(g.Measures, want) {
		t.Errorf("measures: got %+v, want %+v", g.Measures, want)
	}
	if !reflect.DeepEqual(g.CoSigners, wantCoSigners) {
		t.Errorf("co-signers: got %q, want %q", g.CoSigners, wantCoSigners)
	}
	if want := []savedStatus{{"draft", ""}, {"ready", wantComment}}; !reflect.DeepEqual(g.Trail, want) {
		t.Errorf("status trail: got %q, want %q", g.Trail, want)
	}
	if g.Deleted.Valid {
		t.Errorf("the submission is in the trash")
	}
	if len(g.Attachments) != 1 {
		t.Fatalf("attachments: got %d, want the photo", len(g.Attachments))
	}
	a := g.Attachments[0]
	if a.Name != photoName || a.MIME != "image/jpeg" || a.Caption != wantCaption || !bytes.Equal(a.Data, s.photo) {
		t.Errorf("photo: got %q %q caption %q, %d bytes (same as the file: %v); want %q image/jpeg caption %q, %d bytes",
			a.Name, a.MIME, a.Caption, len(a.Data), bytes.Equal(a.Data, s.photo), photoName, wantCaption, len(s.photo))
	}
}

// checkProtocol checks that the protocol shown first (the newest) holds
// the document, byte for byte, with its text searchable.
func (s *windowSession) checkProtocol() {
	t := s.t
	t.Helper()
	db, err := openReadOnly(s.db)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var newest, key, name, mime, text string
	var data []byte
	var searchable bool
	if err := db.QueryRow(`SELECT key FROM protocols ORDER BY date DESC, id DESC LIMIT 1`).Scan(&newest); err != nil {
		t.Fatal(err)
	}
	err = db.QueryRow(`SELECT p.key, d.name, d.mime, d.data, d.text, d.searchable FROM documents d JOIN protocols p ON p.id = d.protocol_id`).
		Scan(&key, &name, &mime, &data, &text, &searchable)
	if err != nil {
		t.Fatalf("the protocol's document: %v", err)
	}
	if key != newest || name != protocolDoc || !strings.HasPrefix(mime, "text/markdown") || string(data) != protocolText || !searchable {
		t.Errorf("document: got %s %q %s searchable %v, %d bytes; want %s %q text/markdown searchable, %d bytes",
			key, name, mime, searchable, len(data), newest, protocolDoc, len(protocolText))
	}
	if !strings.Contains(text, "Plankorsningen i Kolbäck tas upp med Trafikverket") {
		t.Errorf("the document's search text lacks its words: %q", text)
	}
	var note string
	if err := db.QueryRow(`SELECT text FROM notes WHERE target_kind = 'protocol' AND target_key = ?`, newest).Scan(&note); err != nil || note != wantNote {
		t.Errorf("the note on the protocol (typed just before the window closed): got %q (%v), want %q", note, err, wantNote)
	}
}

// checkCommandLine checks what the same program's command line lists.
func (s *windowSession) checkCommandLine() {
	t := s.t
	t.Helper()
	var subs []struct {
		Title, Status, Municipality string
		Modes                       []string
	}
	s.cli(&subs, "list", "submissions", "--json")
	if len(subs) != 1 || subs[0].Title != wantTitle || subs[0].Status != "ready" || subs[0].Municipality != "Hallstahammar" ||
		!reflect.DeepEqual(subs[0].Modes, []string{"road", "rail"}) {
		t.Errorf("list submissions: got %+v, want one: %q ready Hallstahammar [road rail]", subs, wantTitle)
	}
	var protos []struct{ Key, Document string }
	s.cli(&protos, "list", "protocols", "--json")
	if len(protos) == 0 || protos[0].Document != protocolDoc {
		t.Errorf("list protocols: got %+v, want the first with the document %s", protos, protocolDoc)
	}
	for _, p := range protos[min(1, len(protos)):] {
		if p.Document != "" {
			t.Errorf("list protocols: %s has the document %s too", p.Key, p.Document)
		}
	}
}

func (s *windowSession) cli(v any, args ...string) {
	s.t.Helper()
	cmd := exec.Command(s.bin, append([]string{"--db", s.db}, args...)...)
	cmd.Env = s.env
	out, err := cmd.Output()
	if err != nil {
		s.t.Fatalf("ila %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	if err := json.Unmarshal(out, v); err != nil {
		s.t.Fatalf("ila %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// checkPDF checks that the printed PDF's text holds what was typed. Lines
// break differently in a PDF, so runs of white space count as one space.
func (s *windowSession) checkPDF(path string) {
	t := s.t
	t.Helper()
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	failed := false
	want := []string{wantTitle, wantObject, wantPlace, wantDeficiency, wantSince, wantFrequency, wantImpact,
		wantMeasure, wantAVS, wantCompany, wantContact, wantEmail, wantPhone, wantCaption, "Hallstahammar", "12 000"}
	want = append(want, wantCoSigners...)
	for _, w := range want {
		if w = strings.Join(strings.Fields(w), " "); !strings.Contains(text, w) {
			t.Errorf("%s lacks %q", filepath.Base(path), w)
			failed = true
		}
	}
	if failed {
		t.Logf("the text of %s:\n%s", filepath.Base(path), out)
		dst := filepath.Join(t.ArtifactDir(), filepath.Base(path))
		if b, err := os.ReadFile(path); err == nil {
			os.WriteFile(dst, b, 0o644)
			t.Logf("the PDF is kept as %s (with go test -artifacts)", dst)
		}
	}
}
