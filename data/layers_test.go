package data_test

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// The layers of docs/ARCHITECTURE.md, checked over the import graph that
// `go list` reports, so that a forbidden import fails a test instead of
// slipping in. Only the packages' own imports count, not their tests'.

const module = "github.com/handelskammaren/ila-desk"

// pkg is a package of the module, named relative to it ("data/store"), and
// what it imports: other packages of the module relative too, the rest as
// they are.
type pkg struct {
	path    string
	imports []string
}

// layerRule forbids the packages it applies to some imports.
type layerRule struct {
	says    string // the rule, as the failure message quotes it
	applies func(pkg string) bool
	forbids func(imp string) bool
}

func under(dir string) func(string) bool {
	return func(p string) bool { return p == dir || strings.HasPrefix(p, dir+"/") }
}

func is(names ...string) func(string) bool {
	return func(p string) bool { return slices.Contains(names, p) }
}

func not(f func(string) bool) func(string) bool {
	return func(p string) bool { return !f(p) }
}

// ours tells a package of this module (named relative to it) from the
// rest: the standard library has no package under our top-level folders.
func ours(imp string) bool {
	first, _, _ := strings.Cut(imp, "/")
	return slices.Contains([]string{".", "assets", "cmd", "data", "packaging", "ui"}, first)
}

// oursExcept forbids every package of this module but the allowed ones.
func oursExcept(allowed ...string) func(string) bool {
	return func(imp string) bool { return ours(imp) && !slices.Contains(allowed, imp) }
}

var (
	fyne = func(imp string) bool {
		return strings.HasPrefix(imp, "fyne.io/") || strings.HasPrefix(imp, "github.com/go-gl/")
	}
	sql    = func(imp string) bool { return imp == "database/sql" || under("modernc.org/sqlite")(imp) }
	gofpdf = under("github.com/jung-kurt/gofpdf")
)

var layerRules = []layerRule{
	{"the domain and its services (data/...) know nothing of Fyne",
		under("data"), fyne},
	{"the UI (ui/...) knows nothing of SQL and writes no PDF itself",
		under("ui"), func(imp string) bool { return sql(imp) || gofpdf(imp) }},
	{"SQL lives in data/store alone",
		not(is("data/store")), sql},
	{"gofpdf lives behind data/report alone",
		not(is("data/report")), gofpdf},
	{"data/... imports neither ui/... nor cmd/...",
		under("data"), func(imp string) bool { return under("ui")(imp) || under("cmd")(imp) }},
	{"ui/... does not import cmd/...",
		under("ui"), under("cmd")},
	{"under data/, only the services data/exchange and data/printing use the store",
		func(p string) bool { return under("data")(p) && !is("data/store", "data/exchange", "data/printing")(p) }, is("data/store")},
	{"the PDF code (data/report) knows nothing of the store or of the services above it",
		is("data/report"), is("data/store", "data/printing", "data/exchange")},
	{"the domain package data imports only the leaves data/geo and data/problem",
		is("data"), oursExcept("data/geo", "data/problem")},
	{"data/geo imports only data/problem of this module (data imports geo)",
		is("data/geo"), oursExcept("data/problem")},
	{"the leaves (assets, data/problem, data/photo, data/picture, ui/apptheme, packaging/meta) import nothing of this module",
		is("assets", "data/problem", "data/photo", "data/picture", "ui/apptheme", "packaging/meta"), oursExcept()},
}

// namedByRules are the packages the rules name: if one is renamed or moved,
// its rule would hold for nothing.
var namedByRules = []string{"assets", "data", "data/exchange", "data/geo", "data/photo", "data/picture",
	"data/printing", "data/problem", "data/report", "data/store", "packaging/meta", "ui", "ui/apptheme"}

// checkLayers returns one sentence for every import that breaks a rule and
// for every package a rule names that is not in pkgs.
func checkLayers(pkgs []pkg) []string {
	var broken []string
	seen := map[string]bool{}
	for _, p := range pkgs {
		seen[p.path] = true
		for _, r := range layerRules {
			if !r.applies(p.path) {
				continue
			}
			for _, imp := range p.imports {
				if r.forbids(imp) {
					broken = append(broken, p.path+" imports "+imp+`, which breaks the rule "`+r.says+`"`)
				}
			}
		}
	}
	for _, name := range namedByRules {
		if !seen[name] {
			broken = append(broken, "the layer rules name "+name+", which go list does not show: update the rules in data/layers_test.go and docs/ARCHITECTURE.md")
		}
	}
	return broken
}

// listPackages asks go list for the module's packages and their non-test
// imports.
func listPackages(t *testing.T) []pkg {
	t.Helper()
	gobin, err := exec.LookPath("go") // go test puts its own go first on PATH
	if err != nil {
		t.Fatalf("no go command to list the packages: %v", err)
	}
	cmd := exec.Command(gobin, "list", "-deps=false", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, module+"/...")
	out, err := cmd.Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("go list: %v\n%s", err, stderr)
	}
	rel := func(p string) string {
		if p == module {
			return "."
		}
		if r, ok := strings.CutPrefix(p, module+"/"); ok {
			return r
		}
		return p
	}
	var pkgs []pkg
	for line := range strings.Lines(string(out)) {
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		p := pkg{path: rel(fields[0])}
		for _, imp := range fields[1:] {
			p.imports = append(p.imports, rel(imp))
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

func TestLayersHoldInTheImportGraph(t *testing.T) {
	pkgs := listPackages(t)
	if len(pkgs) < len(namedByRules) {
		t.Fatalf("go list gave %d packages, want at least %d", len(pkgs), len(namedByRules))
	}
	for _, b := range checkLayers(pkgs) {
		t.Error(b)
	}
}

// The checker itself: a graph shaped like the real one passes, and each
// forbidden import added to it is reported with its rule.
func TestLayersCheckerReportsEachBrokenRule(t *testing.T) {
	good := func() []pkg {
		return []pkg{
			{"assets", []string{"embed"}},
			{"data/problem", []string{"errors", "text/template"}},
			{"data/photo", []string{"encoding/binary"}},
			{"data/picture", []string{"image"}},
			{"data/geo", []string{"math", "data/problem"}},
			{"data", []string{"time", "data/geo", "data/problem"}},
			{"data/atomicfile", []string{"os", "data"}},
			{"data/store", []string{"database/sql", "modernc.org/sqlite", "data", "data/geo", "data/atomicfile"}},
			{"data/report", []string{"github.com/jung-kurt/gofpdf", "github.com/yuin/goldmark", "assets", "data"}},
			{"data/printing", []string{"data", "data/report", "data/store"}},
			{"data/exchange", []string{"archive/zip", "data", "data/store"}},
			{"ui/apptheme", []string{"fyne.io/fyne/v2"}},
			{"ui/locale", []string{"fyne.io/fyne/v2/lang", "data/store"}},
			{"ui", []string{"fyne.io/fyne/v2/widget", "data/printing", "data/store", "ui/locale"}},
			{"cmd/ila/cli", []string{"data/store", "data/report"}},
			{"cmd/ila", []string{"fyne.io/fyne/v2/app", "github.com/go-gl/glfw/v3.4/glfw", "ui", "cmd/ila/cli"}},
			{"packaging/meta", []string{"github.com/BurntSushi/toml"}},
		}
	}
	if b := checkLayers(good()); len(b) != 0 {
		t.Fatalf("a graph that keeps the rules is reported:\n%s", strings.Join(b, "\n"))
	}
	for _, c := range []struct {
		pkg, imp, rule string
	}{
		{"data/store", "fyne.io/fyne/v2", "know nothing of Fyne"},
		{"data", "github.com/go-gl/glfw/v3.4/glfw", "know nothing of Fyne"},
		{"ui", "database/sql", "knows nothing of SQL"},
		{"ui/locale", "modernc.org/sqlite", "knows nothing of SQL"},
		{"ui", "github.com/jung-kurt/gofpdf", "writes no PDF"},
		{"data/exchange", "database/sql", "SQL lives in data/store alone"},
		{"data/printing", "github.com/jung-kurt/gofpdf", "gofpdf lives behind data/report alone"},
		{"cmd/ila/cli", "github.com/jung-kurt/gofpdf", "gofpdf lives behind data/report alone"},
		{"data/printing", "ui/locale", "neither ui/... nor cmd/..."},
		{"data/store", "cmd/ila/cli", "neither ui/... nor cmd/..."},
		{"ui/locale", "cmd/ila/cli", "does not import cmd/..."},
		{"data/atomicfile", "data/store", "use the store"},
		{"data/report", "data/printing", "knows nothing of the store"},
		{"data", "data/atomicfile", "imports only the leaves"},
		{"data/geo", "data", "data/geo imports only data/problem"},
		{"data/problem", "data/geo", "the leaves"},
		{"assets", "data", "the leaves"},
		{"ui/apptheme", "ui/locale", "the leaves"},
		{"packaging/meta", "assets", "the leaves"},
	} {
		pkgs := good()
		for i := range pkgs {
			if pkgs[i].path == c.pkg {
				pkgs[i].imports = append(pkgs[i].imports, c.imp)
			}
		}
		b := checkLayers(pkgs)
		want := c.pkg + " imports " + c.imp + ", which breaks the rule"
		if !slices.ContainsFunc(b, func(s string) bool { return strings.HasPrefix(s, want) && strings.Contains(s, c.rule) }) {
			t.Errorf("%s importing %s: got %q, want a sentence starting %q that quotes the rule %q", c.pkg, c.imp, b, want, c.rule)
		}
	}

	// A package a rule names disappears: the rule would hold for nothing.
	var without []pkg
	for _, p := range good() {
		if p.path != "data/problem" {
			without = append(without, p)
		}
	}
	if b := checkLayers(without); !slices.ContainsFunc(b, func(s string) bool { return strings.Contains(s, "name data/problem, which go list does not show") }) {
		t.Errorf("data/problem gone: got %q, want it named as missing", b)
	}
}
