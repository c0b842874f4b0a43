//go:build unix

package main

import (
	"bufio"
	"bytes"
	"fmt"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode"
)

// The window test drives the real program in a private X server (Xvfb)
// with xdotool, as a person at a Swedish keyboard would, and reads the
// screen with tesseract where a button's place depends on the data. This
// file holds the machinery: processes, the display, the keyboard, OCR and
// screenshots.

// windowTools are the programs the window test needs, with the Debian
// package of each.
var windowTools = []struct{ cmd, pkg string }{
	{"Xvfb", "xvfb"},
	{"xdotool", "xdotool"},
	{"setxkbmap", "x11-xkb-utils"},
	{"import", "imagemagick"},
	{"convert", "imagemagick"},
	{"tesseract", "tesseract-ocr"},
	{"pdftotext", "poppler-utils"},
}

// windowPackages is what to install for the window test (Debian/Ubuntu).
const windowPackages = "xvfb xdotool x11-xkb-utils xkb-data imagemagick tesseract-ocr tesseract-ocr-swe poppler-utils"

// needWindowTools skips the test, naming what is missing, unless every
// program of windowTools is installed.
func needWindowTools(t *testing.T) {
	t.Helper()
	var missing, pkgs []string
	for _, w := range windowTools {
		if _, err := exec.LookPath(w.cmd); err != nil {
			missing = append(missing, w.cmd)
			pkgs = append(pkgs, w.pkg)
		}
	}
	if len(missing) > 0 {
		t.Skipf("no %s: install %s to test the real window (all it needs, Debian/Ubuntu: %s)",
			strings.Join(missing, ", "), strings.Join(pkgs, " "), windowPackages)
	}
}

// proc is a program the test started, in a process group of its own so
// that it and everything it starts can be stopped together.
type proc struct {
	name string
	cmd  *exec.Cmd
	log  string        // file with its stdout and stderr
	done chan struct{} // closed when it has exited
	err  error         // what Wait returned; read after done
}

// startProc starts cmd with its output in logPath; t.Cleanup stops it if
// it still runs (TERM to the group, KILL after grace).
func startProc(t *testing.T, name string, cmd *exec.Cmd, logPath string, grace time.Duration) (*proc, error) {
	t.Helper()
	f, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd.Stdout, cmd.Stderr = f, f
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		f.Close()
		return nil, err
	}
	p := &proc{name: name, cmd: cmd, log: logPath, done: make(chan struct{})}
	go func() {
		p.err = cmd.Wait()
		f.Close()
		close(p.done)
	}()
	t.Cleanup(func() { p.stop(grace) })
	return p, nil
}

// exited reports whether the program has ended.
func (p *proc) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// wait waits up to d for the program to end and reports whether it did.
func (p *proc) wait(d time.Duration) bool {
	select {
	case <-p.done:
		return true
	case <-time.After(d):
		return false
	}
}

// stop ends the program's process group: TERM, then KILL after grace.
func (p *proc) stop(grace time.Duration) {
	if p.exited() {
		// Not its group either: once the group is empty, its number may
		// belong to someone else's process. (The program's only child, the
		// xdg-open stand-in, ends by itself.)
		return
	}
	syscall.Kill(-p.cmd.Process.Pid, syscall.SIGTERM)
	if !p.wait(grace) {
		syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
		p.wait(10 * time.Second)
	}
}

// output is what the program has written so far.
func (p *proc) output() string {
	b, _ := os.ReadFile(p.log)
	return string(b)
}

// tail is the last n lines of what the program wrote.
func (p *proc) tail(n int) string {
	lines := strings.Split(strings.TrimRight(p.output(), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// xdisplay is a private X server with a Swedish keyboard.
type xdisplay struct {
	t       *testing.T
	name    string // ":N"
	dir     string // screenshots and OCR files
	env     []string
	ocrLang string
	dark    *bool // the theme is dark; nil until the first OCR
	server  *proc
	shots   int
}

// startDisplay starts Xvfb on a free display (Xvfb picks it and tells us
// through -displayfd) and sets the Swedish keyboard. It skips the test
// when no X server can start. -noreset keeps the keyboard layout when the
// last client (the program between its two runs) disconnects; the long
// autorepeat delay keeps a key that xdotool, slowed by a busy machine,
// holds for a moment from typing twice.
func startDisplay(t *testing.T, dir string) *xdisplay {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp", "-noreset",
		"-ardelay", "60000", "-arinterval", "60000")
	cmd.ExtraFiles = []*os.File{w}
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TMPDIR="+dir)
	// Xvfb removes its lock file and socket in /tmp when it gets TERM.
	server, err := startProc(t, "Xvfb", cmd, filepath.Join(dir, "xvfb.log"), 5*time.Second)
	w.Close()
	if err != nil {
		t.Skipf("no X server: Xvfb does not start: %v", err)
	}
	got := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		got <- strings.TrimSpace(line)
	}()
	var num string
	select {
	case num = <-got:
	case <-time.After(20 * time.Second):
	}
	if _, err := strconv.Atoi(num); err != nil {
		why := "did not start within 20 s"
		if server.wait(time.Second) {
			why = fmt.Sprintf("ended (%v)", server.err)
		}
		server.stop(time.Second)
		t.Skipf("no X server: Xvfb %s; its output:\n%s", why, server.tail(20))
	}
	x := &xdisplay{t: t, name: ":" + num, dir: dir, server: server}
	tmp := filepath.Join(dir, "tmp")
	if err := os.MkdirAll(tmp, 0o700); err != nil {
		t.Fatal(err)
	}
	// TMPDIR and MAGICK_TEMPORARY_PATH keep the tools' temporary files in
	// the test's folder; one OCR thread keeps tesseract from fighting the
	// program for the CPU.
	x.env = append(os.Environ(), "DISPLAY="+x.name, "TMPDIR="+tmp, "MAGICK_TEMPORARY_PATH="+tmp, "OMP_THREAD_LIMIT=1")
	if out, err := x.run("setxkbmap", "-display", x.name, "se"); err != nil {
		t.Skipf("no Swedish keyboard layout on the X server (setxkbmap se: %v %s): install x11-xkb-utils xkb-data", err, out)
	}
	if out, _ := x.run("setxkbmap", "-display", x.name, "-query"); !strings.Contains(out, "se") {
		t.Skipf("the X server did not take the Swedish keyboard layout: %s", out)
	}
	// Swedish alone reads the window best and fastest; without it,
	// English (fold makes å ä ö match a a o).
	x.ocrLang = "eng"
	if out, err := x.run("tesseract", "--list-langs"); err == nil && strings.Contains(out, "swe") {
		x.ocrLang = "swe"
	}
	return x
}

// run runs a tool against the display and returns its output.
func (x *xdisplay) run(name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Env = x.env
	cmd.Dir = x.dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		return "", err
	}
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return out.String(), err
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		<-done
		return out.String(), fmt.Errorf("%s did not finish within 60 s", name)
	}
}

// must runs a tool and fails the test when it fails.
func (x *xdisplay) must(name string, args ...string) string {
	x.t.Helper()
	out, err := x.run(name, args...)
	if err != nil {
		x.t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return out
}

// window waits for p's visible window and gives it the keyboard focus
// (there is no window manager to do it). The pointer is parked in the
// corner of the screen, so that it hovers over nothing that matters.
func (x *xdisplay) window(p *proc, timeout time.Duration) string {
	x.t.Helper()
	deadline := time.Now().Add(timeout)
	var id string
	for id == "" {
		if p.exited() {
			x.t.Fatalf("the program exited before it showed a window (%v); its output:\n%s", p.err, p.tail(40))
		}
		if time.Now().After(deadline) {
			x.t.Fatalf("no window after %v; the program's output:\n%s", timeout, p.tail(40))
		}
		out, err := x.run("xdotool", "search", "--onlyvisible", "--pid", strconv.Itoa(p.cmd.Process.Pid))
		if err == nil {
			id, _, _ = strings.Cut(strings.TrimSpace(out), "\n")
		}
		if id == "" {
			time.Sleep(50 * time.Millisecond)
		}
	}
	x.must("xdotool", "mousemove", "1279", "799")
	x.focus(id)
	return id
}

// focus gives window id the keyboard focus and waits until it has it.
func (x *xdisplay) focus(id string) {
	x.t.Helper()
	x.waitFor("the window to have the keyboard focus", 10*time.Second, func() (bool, string) {
		x.run("xdotool", "windowfocus", id)
		out, _ := x.run("xdotool", "getwindowfocus")
		return strings.TrimSpace(out) == id, "focus is on window " + strings.TrimSpace(out)
	})
	// The program gets FocusIn after the server has moved the focus.
	time.Sleep(300 * time.Millisecond)
}

// key presses keys one after the other (xdotool key names: Tab, Return,
// shift+Tab, ctrl+n, space, Right).
func (x *xdisplay) key(keys ...string) {
	x.t.Helper()
	x.must("xdotool", append([]string{"key", "--delay", "30"}, keys...)...)
}

// keysyms names the keys of the characters that are not letters or
// digits. Everything is typed with xdotool key, one process per text:
// xdotool type drops spaces and letters outside ASCII here, and key finds
// Shift and AltGr itself (@ is AltGr+2 on the Swedish keyboard). ^ ` ~
// are dead keys on it, and é has no key of its own (xdotool key drops
// it), so they are left out.
var keysyms = map[rune]string{
	' ': "space", '\n': "Return",
	'å': "aring", 'ä': "adiaeresis", 'ö': "odiaeresis", 'Å': "Aring", 'Ä': "Adiaeresis", 'Ö': "Odiaeresis",
	'!': "exclam", '"': "quotedbl", '#': "numbersign", '$': "dollar", '%': "percent", '&': "ampersand",
	'\'': "apostrophe", '(': "parenleft", ')': "parenright", '*': "asterisk", '+': "plus", ',': "comma",
	'-': "minus", '.': "period", '/': "slash", ':': "colon", ';': "semicolon", '<': "less", '=': "equal",
	'>': "greater", '?': "question", '@': "at", '[': "bracketleft", '\\': "backslash", ']': "bracketright",
	'_': "underscore", '{': "braceleft", '|': "bar", '}': "braceright",
}

// typeText types s on the Swedish keyboard, a key press per character.
func (x *xdisplay) typeText(s string) {
	x.t.Helper()
	keys := []string{"key", "--delay", "12"}
	for _, r := range s {
		switch k, ok := keysyms[r]; {
		case ok:
			keys = append(keys, k)
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			keys = append(keys, string(r))
		default:
			x.t.Fatalf("typeText cannot type %q (in %q): add its key to keysyms", r, s)
		}
	}
	if len(keys) > 3 {
		x.must("xdotool", keys...)
	}
}

// click clicks at p and parks the pointer in the corner again. Fyne reads
// the pointer's position once a frame, so a press that comes with the move
// lands where the pointer was before: the pointer rests first.
func (x *xdisplay) click(p image.Point) {
	x.t.Helper()
	x.must("xdotool", "mousemove", strconv.Itoa(p.X), strconv.Itoa(p.Y), "sleep", "0.2", "click", "1", "sleep", "0.1", "mousemove", "1279", "799")
}

// screenshot saves the screen as name in dir and returns its path.
func (x *xdisplay) screenshot(dir, name string) (string, error) {
	path := filepath.Join(dir, name)
	out, err := x.run("import", "-display", x.name, "-window", "root", path)
	if err != nil {
		return "", fmt.Errorf("import: %v: %s", err, out)
	}
	return path, nil
}

// word is a word on the screen and its centre in screen pixels; line
// tells tesseract's lines apart (block, paragraph, line).
type word struct {
	text string
	at   image.Point
	line string
}

// scan reads the words in area of the screen with tesseract, the way
// ../shared/tools/shot does: grey, a threshold, twice the size, sparse
// text; a dark theme's picture is inverted first, so that the text is
// dark on light. It returns what it read.
func (x *xdisplay) scan(area image.Rectangle) []word {
	x.t.Helper()
	x.shots++
	shot, err := x.screenshot(x.dir, fmt.Sprintf("ocr-%02d.png", x.shots))
	if err != nil {
		x.t.Fatal(err)
	}
	crop := fmt.Sprintf("%dx%d+%d+%d", area.Dx(), area.Dy(), area.Min.X, area.Min.Y)
	if x.dark == nil {
		// The theme does not change while the test runs: ask once.
		mean, err := strconv.ParseFloat(strings.TrimSpace(x.must("convert", shot, "-crop", crop, "+repage", "-colorspace", "Gray", "-format", "%[fx:mean]", "info:")), 64)
		dark := err != nil || mean < 0.5
		x.dark = &dark
	}
	big := filepath.Join(x.dir, "ocr-big.png")
	args := []string{shot, "-crop", crop, "+repage", "-colorspace", "Gray", "-threshold", "55%"}
	if *x.dark {
		args = append(args, "-negate")
	}
	x.must("convert", append(args, "-resize", "200%", big)...)
	tsv := x.must("tesseract", big, "-", "-l", x.ocrLang, "--psm", "11", "tsv")
	var words []word
	for _, line := range strings.Split(tsv, "\n")[1:] {
		f := strings.Split(line, "\t")
		if len(f) < 12 || strings.TrimSpace(f[11]) == "" {
			continue
		}
		left, _ := strconv.Atoi(f[6])
		top, _ := strconv.Atoi(f[7])
		w, _ := strconv.Atoi(f[8])
		h, _ := strconv.Atoi(f[9])
		words = append(words, word{text: f[11], at: image.Pt(area.Min.X+(left+w/2)/2, area.Min.Y+(top+h/2)/2), line: f[2] + "." + f[3] + "." + f[4]})
	}
	return words
}

// fold is a word as OCR is compared: lower case, without diacritics (OCR
// without Swedish data reads å as a) and without punctuation around it.
func fold(s string) string {
	s = strings.ToLower(strings.TrimFunc(s, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }))
	return strings.NewReplacer("å", "a", "ä", "a", "ö", "o", "é", "e", "à", "a").Replace(s)
}

// findPhrase is the centre of the first word of phrase where its words
// stand one after the other on one line, each equal to the one read: the
// button "Bifoga dokument", not the sentence "Bifoga dokumentet när …".
// Else it says what it read.
func (x *xdisplay) findPhrase(phrase []string, area image.Rectangle) (image.Point, bool, string) {
	words := x.scan(area)
	for i := range words {
		n := 0
		for n < len(phrase) && i+n < len(words) && words[i+n].line == words[i].line && fold(words[i+n].text) == fold(phrase[n]) {
			n++
		}
		if n == len(phrase) {
			return words[i].at, true, ""
		}
	}
	texts := make([]string, len(words))
	for i, w := range words {
		texts[i] = w.text
	}
	return image.Point{}, false, "the screen reads: " + strings.Join(texts, " ")
}

// waitFor polls cond until it holds, for at most timeout; on timeout the
// test fails with what cond last said.
func (x *xdisplay) waitFor(what string, timeout time.Duration, cond func() (bool, string)) {
	x.t.Helper()
	waitFor(x.t, what, timeout, cond)
}

func waitFor(t *testing.T, what string, timeout time.Duration, cond func() (bool, string)) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		ok, state := cond()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited %v for %s; got %s", timeout, what, state)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
