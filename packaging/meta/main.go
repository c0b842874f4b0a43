// Command meta gives the packaging scripts the app's name, ID and version
// from FyneApp.toml (the one place they are written) and the installers'
// own values from packaging/package.toml, renders the packaging templates
// with them, and draws the icons every package needs from the app's icon.
//
//	go run ./packaging/meta env                  shell assignments: VERSION='0.1.0' …
//	go run ./packaging/meta render FILE [K=V…]   FILE as a text/template, to stdout
//	go run ./packaging/meta icons DIR            DIR/hicolor/NxN/apps/ID.png and DIR/ID.ico
//
// It runs from the repository's root (flags -fyne and -pkg say otherwise).
package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"text/template"
	"time"

	"github.com/BurntSushi/toml"
	"golang.org/x/image/draw"
)

// fyneApp is the part of FyneApp.toml that the packages use.
type fyneApp struct {
	Website string
	Details struct {
		Icon    string
		Name    string
		ID      string
		Version string
		Build   int
	}
	LinuxAndBSD struct {
		GenericName string
		Categories  []string
		Comment     string
		Keywords    []string
	}
}

// pkg is packaging/package.toml: what Fyne has no field for.
type pkg struct {
	ShortName, Package, Binary, Company, Maintainer, License string
	Summary, SummarySv, Description                          string
	UpgradeCode, ComponentExe, ComponentShortcut             string
}

// Data is what the templates see.
type Data struct {
	fyneApp
	Pkg                 pkg
	Name, ID, Version   string
	Build               int
	Major, Minor, Patch int
	Date                string // the release's day, from SOURCE_DATE_EPOCH
	Year                int
	IconPath            string
	Extra               map[string]string // K=V from the command line
}

var (
	semver   = regexp.MustCompile(`^(\d+)\.(\d+)\.(\d+)$`)
	guid     = regexp.MustCompile(`^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$`)
	pkgName  = regexp.MustCompile(`^[a-z0-9][a-z0-9+.-]+$`)
	iconSize = []int{16, 22, 24, 32, 48, 64, 128, 256, 512} // hicolor
	icoSize  = []int{16, 20, 24, 32, 40, 48, 64, 256}       // what Windows asks of an .ico
)

func main() {
	fyneFile := flag.String("fyne", "FyneApp.toml", "the app's metadata")
	pkgFile := flag.String("pkg", "packaging/package.toml", "the installers' own values")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: meta [-fyne FILE] [-pkg FILE] env | render TEMPLATE [KEY=VALUE…] | icons DIR")
	}
	flag.Parse()
	if err := run(*fyneFile, *pkgFile, flag.Args(), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "meta:", err)
		os.Exit(1)
	}
}

func run(fyneFile, pkgFile string, args []string, out io.Writer) error {
	if len(args) == 0 {
		return errors.New("no command (env, render or icons)")
	}
	d, err := load(fyneFile, pkgFile)
	if err != nil {
		return err
	}
	switch cmd := args[0]; {
	case cmd == "env" && len(args) == 1:
		return writeEnv(out, d)
	case cmd == "render" && len(args) >= 2:
		for _, kv := range args[2:] {
			k, v, ok := strings.Cut(kv, "=")
			if !ok {
				return fmt.Errorf("render: %q is not KEY=VALUE", kv)
			}
			d.Extra[k] = v
		}
		return render(out, args[1], d)
	case cmd == "icons" && len(args) == 2:
		return icons(args[1], d)
	default:
		return fmt.Errorf("unknown command or wrong arguments: %s", strings.Join(args, " "))
	}
}

func load(fyneFile, pkgFile string) (*Data, error) {
	d := &Data{Extra: map[string]string{}}
	if _, err := toml.DecodeFile(fyneFile, &d.fyneApp); err != nil {
		return nil, fmt.Errorf("read %s: %w", fyneFile, err)
	}
	if _, err := toml.DecodeFile(pkgFile, &d.Pkg); err != nil {
		return nil, fmt.Errorf("read %s: %w", pkgFile, err)
	}
	d.Name, d.ID, d.Version, d.Build = d.Details.Name, d.Details.ID, d.Details.Version, d.Details.Build
	m := semver.FindStringSubmatch(d.Version)
	if m == nil {
		// MSI and the Windows version resource take three numbers.
		return nil, fmt.Errorf("%s: Version %q is not MAJOR.MINOR.PATCH", fyneFile, d.Version)
	}
	d.Major, _ = strconv.Atoi(m[1])
	d.Minor, _ = strconv.Atoi(m[2])
	d.Patch, _ = strconv.Atoi(m[3])
	if d.Major > 255 || d.Minor > 255 || d.Patch > 65535 {
		return nil, fmt.Errorf("%s: Version %q is beyond what an MSI can hold (255.255.65535)", fyneFile, d.Version)
	}
	if d.Build < 1 {
		d.Build = 1
	}
	if d.ID == "" || d.Name == "" || d.Details.Icon == "" {
		return nil, fmt.Errorf("%s: Details needs Name, ID and Icon", fyneFile)
	}
	for name, g := range map[string]string{"UpgradeCode": d.Pkg.UpgradeCode, "ComponentExe": d.Pkg.ComponentExe, "ComponentShortcut": d.Pkg.ComponentShortcut} {
		if !guid.MatchString(g) {
			return nil, fmt.Errorf("%s: %s %q is not an upper-case GUID", pkgFile, name, g)
		}
	}
	if !pkgName.MatchString(d.Pkg.Package) || d.Pkg.Binary == "" || d.Pkg.ShortName == "" || d.Pkg.Company == "" {
		return nil, fmt.Errorf("%s: needs ShortName, Package (a Debian name), Binary and Company", pkgFile)
	}
	d.IconPath = filepath.Join(filepath.Dir(fyneFile), d.Details.Icon)

	// The release's day: the commit's (SOURCE_DATE_EPOCH, as reproducible
	// builds set it), so that two builds of one commit are the same.
	t := time.Now().UTC()
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		sec, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("SOURCE_DATE_EPOCH %q: %w", s, err)
		}
		t = time.Unix(sec, 0).UTC()
	}
	d.Date, d.Year = t.Format("2006-01-02"), t.Year()
	return d, nil
}

func writeEnv(w io.Writer, d *Data) error {
	vars := [][2]string{
		{"APP_NAME", d.Name}, {"APP_ID", d.ID}, {"VERSION", d.Version}, {"BUILD", strconv.Itoa(d.Build)},
		{"SHORT_NAME", d.Pkg.ShortName}, {"PACKAGE", d.Pkg.Package}, {"BINARY", d.Pkg.Binary},
		{"COMPANY", d.Pkg.Company}, {"SUMMARY", d.Pkg.Summary}, {"UPGRADE_CODE", d.Pkg.UpgradeCode},
		{"ICON", d.IconPath}, {"RELEASE_DATE", d.Date},
	}
	var b strings.Builder
	for _, v := range vars {
		// Single quotes keep every character but the quote itself.
		fmt.Fprintf(&b, "%s='%s'\n", v[0], strings.ReplaceAll(v[1], "'", `'\''`))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func render(w io.Writer, file string, d *Data) error {
	src, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("render: %w", err)
	}
	t, err := template.New(filepath.Base(file)).Option("missingkey=error").Funcs(template.FuncMap{
		"xml":     xmlEscape,
		"json":    jsonString,
		"join":    strings.Join,
		"debtext": debText,
		"paras":   paragraphs,
		"debfile": debFile,
	}).Parse(string(src))
	if err != nil {
		return fmt.Errorf("render %s: %w", file, err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, d); err != nil {
		return fmt.Errorf("render %s: %w", file, err)
	}
	_, err = w.Write(b.Bytes())
	return err
}

// jsonString is s as a JSON string, quotes included.
func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func xmlEscape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// paragraphs splits a text at its blank lines.
func paragraphs(s string) []string {
	var ps []string
	for _, p := range strings.Split(strings.TrimSpace(s), "\n\n") {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			ps = append(ps, p)
		}
	}
	return ps
}

// debText is a long description in a Debian control file: every line
// indented by one space, a blank line as " .", lines kept under 80.
func debText(s string) string {
	var lines []string
	for i, p := range paragraphs(s) {
		if i > 0 {
			lines = append(lines, " .")
		}
		line := ""
		for _, w := range strings.Fields(p) {
			if line != "" && len(line)+1+len(w) > 78 {
				lines = append(lines, " "+line)
				line = ""
			}
			if line != "" {
				line += " "
			}
			line += w
		}
		lines = append(lines, " "+line)
	}
	return strings.Join(lines, "\n")
}

// debFile is a file's text as the body of a field in a Debian control
// file (a license in debian/copyright): lines indented, blank ones " .".
func debFile(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if l = strings.TrimRight(l, " \t\r"); l == "" {
			l = "."
		}
		lines = append(lines, " "+l)
	}
	return strings.Join(lines, "\n"), nil
}

func icons(dir string, d *Data) error {
	f, err := os.Open(d.IconPath)
	if err != nil {
		return fmt.Errorf("icons: %w", err)
	}
	defer f.Close()
	src, err := png.Decode(f)
	if err != nil {
		return fmt.Errorf("icons: decode %s: %w", d.IconPath, err)
	}
	if b := src.Bounds(); b.Dx() != b.Dy() || b.Dx() < 256 {
		return fmt.Errorf("icons: %s is %dx%d, want a square of 256 or more", d.IconPath, b.Dx(), b.Dy())
	}
	scaled := map[int][]byte{}
	for _, n := range append(append([]int{}, iconSize...), icoSize...) {
		if scaled[n] != nil {
			continue
		}
		if scaled[n], err = scale(src, n); err != nil {
			return fmt.Errorf("icons: %dx%d: %w", n, n, err)
		}
	}
	for _, n := range iconSize {
		p := filepath.Join(dir, "hicolor", fmt.Sprintf("%dx%d", n, n), "apps", d.ID+".png")
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("icons: %w", err)
		}
		if err := os.WriteFile(p, scaled[n], 0o644); err != nil {
			return fmt.Errorf("icons: %w", err)
		}
	}
	var imgs [][]byte
	for _, n := range icoSize {
		imgs = append(imgs, scaled[n])
	}
	ico, err := encodeICO(icoSize, imgs)
	if err != nil {
		return fmt.Errorf("icons: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, d.ID+".ico"), ico, 0o644); err != nil {
		return fmt.Errorf("icons: %w", err)
	}
	return nil
}

func scale(src image.Image, n int) ([]byte, error) {
	dst := image.NewNRGBA(image.Rect(0, 0, n, n))
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
	var b bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&b, dst); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// encodeICO writes an .ico of PNG images (Windows Vista and later read
// PNG at every size).
func encodeICO(sizes []int, pngs [][]byte) ([]byte, error) {
	var b bytes.Buffer
	le := binary.LittleEndian
	_ = binary.Write(&b, le, [3]uint16{0, 1, uint16(len(pngs))}) // reserved, type icon, count
	offset := 6 + 16*len(pngs)
	for i, p := range pngs {
		n := sizes[i]
		if n > 256 {
			return nil, fmt.Errorf("an icon of %d pixels does not fit an .ico", n)
		}
		dim := uint8(n % 256) // 0 means 256
		_ = binary.Write(&b, le, struct {
			W, H, Colors, Reserved uint8
			Planes, Bits           uint16
			Size, Offset           uint32
		}{dim, dim, 0, 0, 1, 32, uint32(len(p)), uint32(offset)})
		offset += len(p)
	}
	for _, p := range pngs {
		b.Write(p)
	}
	return b.Bytes(), nil
}
