package report

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/handelskammaren/ila-desk/assets"
	"github.com/handelskammaren/ila-desk/data"
)

func mustFonts(t testing.TB) *fontSet {
	t.Helper()
	fs, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

func TestFontCoversSwedishAndLatin(t *testing.T) {
	fs := mustFonts(t)
	for _, r := range "abcdefghijklmnopqrstuvwxyzåäöABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖéèüÜßøæÆØ0123456789–—‘’“”…•·°′″€§½²×−→\u00A0\u202F" {
		if !fs.covers(r) {
			t.Errorf("the font lacks %q (%U)", r, r)
		}
	}
	if fs.missing != '□' {
		t.Errorf("got %q as the missing-glyph sign, want □", fs.missing)
	}
}

func TestCleanMakesAnyTextSettable(t *testing.T) {
	fs := mustFonts(t)
	for _, tc := range []struct{ name, in, want string }{
		{"swedish kept", "Kolbäck–Köping, Örebro", "Kolbäck–Köping, Örebro"},
		{"decomposed letters composed", "Ko\u0308ping och a\u030Ae", "Köping och åe"},
		{"control characters removed", "a\x00b\x07c\x1bd\x7fe\u0085f", "abcd" + "e\nf"},
		{"tabs become spaces", "a\tb", "a    b"},
		{"line endings unified", "a\r\nb\rc\u2028d", "a\nb\nc\nd"},
		{"invisible marks removed", "a\u200Bb\u200Dc\uFEFFd\u00ADe\u202Ef", "abcdef"},
		{"emoji replaced visibly", "Bra 👍🏽!", "Bra □!"},
		{"emoji sequence one sign per picture", "👨\u200D👩\u200D👧", "□□□"},
		{"variation selector dropped", "☺\uFE0F", string(fs.missing)},
		{"cjk replaced", "東京", "□□"},
		{"arabic replaced", "مرحبا", "□□□□□"},
		{"hebrew kept", "שלום", "שלום"},
		{"invalid utf-8 replaced", "a\xffb", "a□b"},
		{"odd spaces become spaces", "a\u2003b\u3000c", "a b c"},
		{"no-break spaces kept", "12\u202F500\u00A0kr", "12\u202F500\u00A0kr"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.name == "variation selector dropped" && fs.covers('☺') {
				tc.want = "☺"
			}
			if got := fs.clean(tc.in); got != tc.want {
				t.Errorf("clean(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestCleanOutputIsAlwaysInTheFont(t *testing.T) {
	fs := mustFonts(t)
	var all strings.Builder
	for r := rune(0); r < 0x20000; r += 7 {
		all.WriteRune(r)
	}
	for _, r := range fs.clean(all.String()) {
		if r != '\n' && r != ' ' && !fs.covers(r) {
			t.Fatalf("clean left %U, which the font lacks", r)
		}
	}
}

func TestVisualOrdersHebrewForDisplay(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"abc", "abc"},
		{"שלום", "םולש"},
		{"Hej שלום עולם!", "Hej םלוע םולש!"},
		{"א 123 ב", "ב 123 א"},
		{"(שלום)", "(םולש)"},
	} {
		if got := visual(tc.in); got != tc.want {
			t.Errorf("visual(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func newTestDoc(t testing.TB) *doc {
	return newLayoutDoc(mustFonts(t), Options{T: data.Render})
}

func TestWrapKeepsLinesWithinTheWidth(t *testing.T) {
	d := newTestDoc(t)
	long := strings.Repeat("x", 5000)
	for _, text := range []string{
		"Bommarna vid plankorsningen fälls i genomsnitt 38 gånger per dygn och står nere i upp till tolv minuter.",
		long,
		"Före " + long + " efter",
		"Kolbäck-Hallstahammar-Surahammar-Fagersta-Ludvika-Borlänge-Mora-Östersund-Kiruna",
		"",
		"\n\n",
	} {
		p := para{width: 60}.withDefaults()
		lines := d.wrap(plain(text), p)
		var got strings.Builder
		for _, l := range lines {
			if l.w > p.width+0.01 {
				t.Errorf("a line is %.2f mm wide, want at most %.2f", l.w, p.width)
			}
			for _, s := range l.segs {
				got.WriteString(s.text)
			}
		}
		if want := strings.ReplaceAll(strings.ReplaceAll(text, " ", ""), "\n", ""); strings.ReplaceAll(got.String(), " ", "") != want {
			t.Errorf("wrapping lost text: got %d characters, want %d", utf8.RuneCountInString(got.String()), utf8.RuneCountInString(want))
		}
	}
}

func TestWrapPrefersBreakingAtHyphens(t *testing.T) {
	d := newTestDoc(t)
	lines := d.wrap(plain("Kolbäck-Hallstahammar-Surahammar-Fagersta-Ludvika"), para{width: 50}.withDefaults())
	if len(lines) < 2 || !strings.HasSuffix(lines[0].segs[0].text, "-") {
		t.Errorf("first line %q, want it to end at a hyphen", lines[0].segs[0].text)
	}
}

func TestMarkdownBlocks(t *testing.T) {
	got := mdOutline(sampleProtocol + "\n\nRubrik\n======\n\n> Citat\n> fortsätter\n\n```\nkod *inte* kursiv\n```\n")
	want := "h1 p h2 p h2 ul0 ul0 ul1 ul0 h2 ol ol hr h3 p h1 q code"
	if got != want {
		t.Errorf("got blocks %s\nwant        %s", got, want)
	}
}

func TestInlineEmphasis(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"**fet** och *kursiv*", "[B:fet][: och ][I:kursiv]"},
		{"***båda***", "[BI:båda]"},
		{"snake_case_name och 2 * 3 * 4", "[:snake_case_name och 2 * 3 * 4]"},
		{"en ensam * stjärna", "[:en ensam * stjärna]"},
		{"__fet__ _kursiv_", "[B:fet][: ][I:kursiv]"},
		{`\*inte kursiv\*`, "[:*inte kursiv*]"},
		{"se [kartan](https://example.se)", "[:se kartan][: (https://example.se)]"},
		{"`E18`", "[:E18]"},
		{"**ej stängd", "[:**ej stängd]"},
		// Beyond what the old parser knew, as the window shows them.
		{"~~struken~~ text", "[~:struken][: text]"},
		{"se <https://example.se> &amp; &auml;r &#228;", "[:se https://example.se & är ä]"},
		{"`a &amp; \\*b*`", "[:a &amp; \\*b*]"},
		{"rad ett\nrad två  \nrad tre\\\nrad fyra", "[:rad ett\nrad två\nrad tre\nrad fyra]"},
		{"<E18> stängd", "[:<E18> stängd]"},
		{"![kartan](karta.png)", "[:kartan][: (karta.png)]"},
		{"[https://example.se](https://example.se)", "[:https://example.se]"},
	} {
		var b strings.Builder
		for _, s := range inlineSpans(tc.in) {
			st := string(s.st)
			if s.strike {
				st += "~"
			}
			b.WriteString("[" + st + ":" + s.text + "]")
		}
		if b.String() != tc.want {
			t.Errorf("inline(%q) = %s, want %s", tc.in, b.String(), tc.want)
		}
	}
}

// hostile are texts users paste by accident or on purpose.
var hostile = map[string]string{
	"emoji":       "Trafiken 🚚🚛🚂 står still 😡👍🏽 👨‍👩‍👧",
	"cjk":         "東京駅から大阪まで新幹線で二時間半。",
	"rtl":         "Arabic: مرحبا بالعالم — Hebrew: שלום עולם (123)",
	"control":     "nul\x00bell\x07esc\x1b[31mdel\x7f c1\u0085 tab\there",
	"long word":   strings.Repeat("Järnvägsövergångsbommsfundament", 170)[:5000],
	"huge field":  strings.Repeat("Köerna växer varje morgon vid plankorsningen. ", 2200)[:100000],
	"invalid":     "a\xff\xfe\xc3(b",
	"zalgo":       "Z\u0351\u0352\u0357a\u0310\u0311l\u0303g\u0301o",
	"brackets":    "(((((((\\\\)))))) \\( \\) %PDF-1.4 endstream endobj",
	"alias":       "{nb} {{.N}} {{ .Company }}",
	"only spaces": "   \n\n\t  ",
	"surrogates":  string([]byte{0xed, 0xa0, 0x80}),
}

// TestHostileTextGivesValidPDFs puts every hostile text in every field of
// every document.
func TestHostileTextGivesValidPDFs(t *testing.T) {
	names := make([]string, 0, len(hostile))
	for n := range hostile {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		s := hostile[name]
		t.Run(name, func(t *testing.T) {
			all := s // in every field, except the huge one: in one field per document
			if name == "huge field" {
				all = "kort"
			}
			sub := sampleSubmission()
			sub.Title, sub.Object, sub.Deficiency, sub.Impact = all, all, s, all
			sub.Place, sub.RoadRef, sub.AVSRef, sub.Company = all, all, all, all
			sub.Measures = append(sub.Measures, data.Measure{Text: all, Step: data.Step(9)})
			sub.CoSigners = []string{all}
			sub.Flows = data.Flows{data.FlowKind(all): 1e300}
			sub.Trail = append(sub.Trail, data.StatusChange{Status: data.Status(all), Comment: all})
			opt := testOptions(data.Swedish)
			opt.Company.Name = all
			photos := []Photo{{Caption: all, Data: testJPEG(50, 40, 1)}}
			mtg := sampleMeeting()
			mtg.Title, mtg.Location, mtg.Description = all, all, s
			mtg.Agenda = []data.AgendaItem{{Title: all, Notes: all}}
			docs := map[string]func(*bytes.Buffer) error{
				"submission": func(b *bytes.Buffer) error { return Submission(b, sub, photos, &mtg, opt) },
				"report": func(b *bytes.Buffer) error {
					return Report(b, []data.Submission{sub, sub}, ReportFilter{Title: all, Text: all, Municipalities: []string{all}}, opt)
				},
				"meeting book": func(b *bytes.Buffer) error {
					return MeetingBook(b, MeetingBookInput{Meeting: mtg, Arena: data.Arena{Name: all, Organiser: all},
						LatestProtocol: &data.Protocol{Title: all, Kind: all}, ProtocolText: all, Submissions: []data.Submission{sub}, Notes: s}, opt)
				},
				"protocol": func(b *bytes.Buffer) error { return Protocol(b, data.Protocol{Title: all, Kind: all}, s, all, opt) },
			}
			for doc, fn := range docs {
				pdf := renderPDF(t, fn)
				qpdfCheck(t, pdf)
				checkFooters(t, pdfPages(t, pdf))
				text := allText(bodyPages(t, pdf))
				if strings.ContainsAny(text, "\x00\x07\x1b\x7f") {
					t.Errorf("%s: control characters reached the page", doc)
				}
				switch name {
				case "emoji", "cjk":
					if !strings.Contains(text, "□") {
						t.Errorf("%s: characters the font lacks were dropped, want them shown as □", doc)
					}
				case "long word":
					if !strings.Contains(strings.ReplaceAll(text, "\n", ""), s) {
						t.Errorf("%s: the 5,000-character word is not all there", doc)
					}
				case "alias":
					if !strings.Contains(text, s) {
						t.Errorf("%s: got text without %q as typed", doc, s)
					}
				}
			}
		})
	}
}

func TestPhotosOfEveryKindPrintOrLeaveANote(t *testing.T) {
	gray := image.NewGray16(image.Rect(0, 0, 40, 30))
	for i := range gray.Pix {
		gray.Pix[i] = byte(i)
	}
	var png16 bytes.Buffer
	if err := png.Encode(&png16, gray); err != nil {
		t.Fatal(err)
	}
	pal := image.NewPaletted(image.Rect(0, 0, 30, 20), color.Palette{color.Black, color.White, color.Transparent})
	var palPNG bytes.Buffer
	if err := png.Encode(&palPNG, pal); err != nil {
		t.Fatal(err)
	}
	jpg := testJPEG(120, 80, 3)
	cases := []struct {
		name  string
		data  []byte
		shown bool
	}{
		{"jpeg", jpg, true},
		{"png with alpha", testPNG(60, 40), true},
		{"16-bit png", png16.Bytes(), true},
		{"palette png", palPNG.Bytes(), true},
		{"jpeg with exif rotation", withOrientation(jpg, 6), true},
		{"truncated png", testPNG(60, 40)[:80], false},
		{"truncated jpeg", jpg[:40], false},
		{"gif", []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"), false},
		{"text", []byte("not a picture"), false},
		{"empty", nil, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			photos := []Photo{{Caption: "Bildtext " + tc.name, Data: tc.data, MIME: "image/jpeg"}}
			pdf := renderPDF(t, func(b *bytes.Buffer) error {
				return Submission(b, sampleSubmission(), photos, nil, testOptions(data.Swedish))
			})
			qpdfCheck(t, pdf)
			text := allText(pdfPages(t, pdf))
			if !strings.Contains(text, "Bildtext "+tc.name) {
				t.Errorf("the caption is missing")
			}
			note := strings.Contains(text, "Bilden kan inte visas")
			images := bytes.Count(pdf, []byte("/Subtype /Image"))
			if tc.shown && (note || images == 0) {
				t.Errorf("got note=%v and %d images, want the picture shown", note, images)
			}
			if !tc.shown && (!note || images != 0) {
				t.Errorf("got note=%v and %d images, want a note instead of the picture", note, images)
			}
		})
	}
}

// withOrientation inserts an EXIF segment with the given orientation after
// the JPEG's start marker.
func withOrientation(jpg []byte, o uint16) []byte {
	tiff := []byte("MM\x00\x2a\x00\x00\x00\x08\x00\x01")
	entry := make([]byte, 12)
	binary.BigEndian.PutUint16(entry, 0x0112)
	binary.BigEndian.PutUint16(entry[2:], 3)
	binary.BigEndian.PutUint32(entry[4:], 1)
	binary.BigEndian.PutUint16(entry[8:], o)
	tiff = append(append(tiff, entry...), 0, 0, 0, 0)
	seg := append([]byte("Exif\x00\x00"), tiff...)
	app1 := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(app1[2:], uint16(len(seg)+2))
	out := append([]byte{}, jpg[:2]...)
	out = append(append(out, app1...), seg...)
	return append(out, jpg[2:]...)
}

func TestEXIFOrientationTurnsThePhoto(t *testing.T) {
	jpg := testJPEG(120, 80, 3)
	for _, tc := range []struct {
		o          uint16
		w, h, turn int
	}{{1, 120, 80, 1}, {3, 120, 80, 3}, {6, 80, 120, 6}, {8, 80, 120, 8}, {5, 80, 120, 6}} {
		im := prepareImage(withOrientation(jpg, tc.o))
		if !im.ok || im.w != tc.w || im.h != tc.h || im.orient != tc.turn {
			t.Errorf("orientation %d: got ok=%v %d×%d turn %d, want %d×%d turn %d", tc.o, im.ok, im.w, im.h, im.orient, tc.w, tc.h, tc.turn)
		}
	}
}

func TestNumbersFollowTheLanguage(t *testing.T) {
	sv, en := newTestDoc(t), newTestDoc(t)
	sv.opt.Lang, en.opt.Lang = data.Swedish, data.English
	for _, tc := range []struct {
		v      float64
		sv, en string
	}{
		{185000, "185\u202F000", "185,000"},
		{85.5, "85,5", "85.5"},
		{12, "12", "12"},
		{1234567.891, "1\u202F234\u202F567,89", "1,234,567.89"},
		{-3000, "−3\u202F000", "−3,000"},
	} {
		if got := sv.number(tc.v); got != tc.sv {
			t.Errorf("Swedish %v: got %q, want %q", tc.v, got, tc.sv)
		}
		if got := en.number(tc.v); got != tc.en {
			t.Errorf("English %v: got %q, want %q", tc.v, got, tc.en)
		}
	}
}

func TestPlanningLevelIsNamed(t *testing.T) {
	d := newTestDoc(t)
	for ref, want := range map[string]string{
		"E18": "National plan (NTP)", "rv 56": "National plan (NTP)", "Mälarbanan": "National plan (NTP)",
		"rv 66": "Regional transport plan (LTP)", "Stora gatan": "Municipal or private", "": "",
	} {
		if got := d.planningLevel(ref); got != want {
			t.Errorf("planningLevel(%q) = %q, want %q", ref, got, want)
		}
	}
}

// areaTranslations reads one area's translation file.
func areaTranslations(t *testing.T, area, lang string) map[string]string {
	t.Helper()
	b, err := assets.Translations.ReadFile(assets.TranslationsDir + "/" + area + "." + lang + ".json")
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s.%s.json: %v", area, lang, err)
	}
	return m
}

// TestTranslationsCoverEveryLabel checks that every label the package
// passes to its translator has a key in report.en.json and report.sv.json,
// and that the two files have the same keys.
func TestTranslationsCoverEveryLabel(t *testing.T) {
	// The package's own files map English to itself and have the same
	// keys. Other areas' files may not (Fyne's own strings have ids for
	// keys), so they are only used to look the labels up.
	ownEn, ownSv := areaTranslations(t, "report", "en"), areaTranslations(t, "report", "sv")
	for k, v := range ownEn {
		if k != v {
			t.Errorf("report.en.json maps %q to %q, want the key itself", k, v)
		}
		if s, ok := ownSv[k]; !ok || strings.TrimSpace(s) == "" {
			t.Errorf("report.sv.json lacks %q", k)
		}
	}
	for k := range ownSv {
		if _, ok := ownEn[k]; !ok {
			t.Errorf("report.en.json lacks %q, which report.sv.json has", k)
		}
	}
	en, sv := mustTranslations("en"), mustTranslations("sv")
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	atomic, _ := filepath.Glob("../atomicfile/*.go")
	re := regexp.MustCompile(`(?:\b(?:d\.t|d\.tf|t|NewProblem)\(\s*|\bmsg\w+\s*=\s*)"((?:[^"\\]|\\.)*)"`)
	n := 0
	for _, f := range append(files, atomic...) {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			n++
			key := strings.ReplaceAll(m[1], `\"`, `"`)
			if _, ok := en[key]; !ok {
				t.Errorf("%s: label %q has no translation key", f, key)
			}
			if s, ok := sv[key]; !ok || strings.TrimSpace(s) == "" {
				t.Errorf("%s: label %q has no Swedish translation", f, key)
			}
		}
	}
	if n < 100 {
		t.Errorf("found %d labels in the code, want over 100: is the pattern right?", n)
	}
}
