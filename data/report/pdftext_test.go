package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/handelskammaren/ila-desk/assets"
)

// mustTranslations merges every translation file of lang, as the app does.
func mustTranslations(lang string) map[string]string {
	files, err := fs.Glob(assets.Translations, assets.TranslationsDir+"/*."+lang+".json")
	if err != nil || len(files) == 0 {
		panic(fmt.Sprintf("no %s translations: %v", lang, err))
	}
	m := map[string]string{}
	for _, f := range files {
		b, err := assets.Translations.ReadFile(f)
		if err != nil {
			panic(err)
		}
		if err := json.Unmarshal(b, &m); err != nil {
			panic(err)
		}
	}
	return m
}

// pdfPages reads the text of an uncompressed PDF from this package: each
// page's content stream, the strings of its Tj operators decoded from
// UTF-16, grouped into lines by baseline and ordered top to bottom, left to
// right. Two runs on a line are joined with a space when the font metrics
// say there is a gap between them. It stands in for pdftotext, which CI may
// not have, and unlike it is exact about what was drawn.
func pdfPages(t testing.TB, pdf []byte) [][]string {
	t.Helper()
	return readPages(t, pdf, false)
}

// bodyPages is pdfPages without the running header and footer.
func bodyPages(t testing.TB, pdf []byte) [][]string {
	t.Helper()
	return readPages(t, pdf, true)
}

func readPages(t testing.TB, pdf []byte, bodyOnly bool) [][]string {
	styles := fontStyles(pdf)
	pageRe := regexp.MustCompile(`/Type /Page\n(?s:.*?)/Contents (\d+) 0 R`)
	var pages [][]string
	for _, m := range pageRe.FindAllSubmatch(pdf, -1) {
		runs := textRuns(t, objectStream(t, pdf, string(m[1])), styles)
		if bodyOnly {
			kept := runs[:0]
			for _, r := range runs {
				if r.y > (pageH-contentBottom)/ptToMM-1 && r.y < (pageH-contentTop)/ptToMM+1 {
					kept = append(kept, r)
				}
			}
			runs = kept
		}
		pages = append(pages, runLines(runs))
	}
	return pages
}

// objectStream returns the uncompressed stream of object n.
func objectStream(t testing.TB, pdf []byte, n string) []byte {
	t.Helper()
	obj := []byte("\n" + n + " 0 obj\n")
	at := bytes.Index(pdf, obj)
	if at < 0 {
		t.Fatalf("object %s not found", n)
	}
	rest := pdf[at+len(obj):]
	lm := regexp.MustCompile(`^<</Length (\d+)>>\nstream\n`).FindSubmatch(rest)
	if lm == nil {
		t.Fatalf("object %s is compressed or malformed: %.40q", n, rest)
	}
	l, _ := strconv.Atoi(string(lm[1]))
	return rest[len(lm[0]) : len(lm[0])+l]
}

// fontStyles maps font resource names (hashes in gofpdf) to our styles
// through the BaseFont of each font object.
func fontStyles(pdf []byte) map[string]style {
	styles := map[string]style{}
	for _, m := range regexp.MustCompile(`/F([0-9a-f]+) (\d+) 0 R`).FindAllSubmatch(pdf, -1) {
		obj := []byte("\n" + string(m[2]) + " 0 obj\n")
		at := bytes.Index(pdf, obj)
		if at < 0 {
			continue
		}
		end := min(at+300, len(pdf))
		if bm := regexp.MustCompile(`/BaseFont /utf8liberationsans(\w*)`).FindSubmatch(pdf[at:end]); bm != nil {
			styles[string(m[1])] = style(bm[1])
		}
	}
	return styles
}

type textRun struct {
	x, y  float64 // points
	s     string
	st    style
	size  float64
	width float64 // points
}

var (
	tfRe = regexp.MustCompile(`^BT /F([0-9a-f]+) ([\d.]+) Tf ET`)
	tdRe = regexp.MustCompile(`^BT ([\d.-]+) ([\d.-]+) Td \(`)
)

// textRuns reads the text runs of a content stream in drawing order.
func textRuns(t testing.TB, s []byte, styles map[string]style) []textRun {
	fs, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	var runs []textRun
	var st style
	var size float64
	for i := 0; i < len(s); {
		k := bytes.Index(s[i:], []byte("BT "))
		if k < 0 {
			break
		}
		i += k
		if m := tfRe.FindSubmatch(s[i:]); m != nil {
			st = styles[string(m[1])]
			size, _ = strconv.ParseFloat(string(m[2]), 64)
			i += len(m[0])
			continue
		}
		m := tdRe.FindSubmatch(s[i:])
		if m == nil {
			i += 3
			continue
		}
		x, _ := strconv.ParseFloat(string(m[1]), 64)
		y, _ := strconv.ParseFloat(string(m[2]), 64)
		i += len(m[0])
		var raw []byte
		for ; i < len(s) && s[i] != ')'; i++ {
			if s[i] == '\\' && i+1 < len(s) {
				i++
				switch s[i] {
				case 'n':
					raw = append(raw, '\n')
				case 'r':
					raw = append(raw, '\r')
				case 't':
					raw = append(raw, '\t')
				default:
					raw = append(raw, s[i])
				}
				continue
			}
			raw = append(raw, s[i])
		}
		if len(raw)%2 != 0 {
			t.Fatalf("odd UTF-16 string %q", raw)
		}
		u := make([]uint16, len(raw)/2)
		for k := range u {
			u[k] = uint16(raw[2*k])<<8 | uint16(raw[2*k+1])
		}
		text := string(utf16.Decode(u))
		runs = append(runs, textRun{x: x, y: y, s: text, st: st, size: size,
			width: fs.width(st, size, text) / ptToMM})
	}
	return runs
}

func runLines(runs []textRun) []string {
	sort.SliceStable(runs, func(a, b int) bool {
		if d := runs[a].y - runs[b].y; d > 0.5 || d < -0.5 {
			return runs[a].y > runs[b].y
		}
		return runs[a].x < runs[b].x
	})
	var lines []string
	for k := 0; k < len(runs); {
		var b strings.Builder
		j := k
		for ; j < len(runs) && abs(runs[j].y-runs[k].y) <= 0.5; j++ {
			if j > k {
				prev := runs[j-1]
				if gap := runs[j].x - (prev.x + prev.width); gap > 0.12*prev.size {
					b.WriteString(" ")
				}
			}
			b.WriteString(runs[j].s)
		}
		lines = append(lines, strings.TrimSpace(b.String()))
		k = j
	}
	return lines
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// golden renders pages as the text kept in testdata.
func golden(pages [][]string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "pages: %d\n", len(pages))
	for i, p := range pages {
		fmt.Fprintf(&b, "\n== page %d\n", i+1)
		for _, l := range p {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

// qpdfCheck runs qpdf --check when qpdf is installed.
func qpdfCheck(t testing.TB, pdf []byte) {
	t.Helper()
	path, err := exec.LookPath("qpdf")
	if err != nil {
		return
	}
	f, err := os.CreateTemp(t.TempDir(), "*.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write(pdf); err != nil {
		t.Fatal(err)
	}
	f.Close()
	out, err := exec.Command(path, "--check", f.Name()).CombinedOutput()
	if err != nil || bytes.Contains(out, []byte("WARNING")) {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
}
