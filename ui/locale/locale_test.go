package locale

import (
	"encoding/json"
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/handelskammaren/ila-desk/assets"
)

var printMissing = flag.Bool("missing", false, "print the keys missing from the translation files as JSON")

// load reads every translation file of language l and merges them.
func load(t *testing.T, l string) map[string]string {
	t.Helper()
	out := map[string]string{}
	files, err := fs.Glob(assets.Translations, assets.TranslationsDir+"/*."+l+".json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no %s translation files (%v)", l, err)
	}
	for _, f := range files {
		b, err := fs.ReadFile(assets.Translations, f)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for k, v := range m {
			if prev, ok := out[k]; ok && prev != v {
				t.Errorf("key %q translated twice in %s files: %q and %q", k, l, prev, v)
			}
			out[k] = v
		}
	}
	return out
}

func TestSwedishAndEnglishHaveTheSameKeys(t *testing.T) {
	sv, en := load(t, "sv"), load(t, "en")
	for k := range sv {
		if _, ok := en[k]; !ok {
			t.Errorf("key %q is in Swedish but not in English", k)
		}
	}
	for k := range en {
		if _, ok := sv[k]; !ok {
			t.Errorf("key %q is in English but not in Swedish", k)
		}
	}
	for k, v := range sv {
		if strings.TrimSpace(v) == "" {
			t.Errorf("Swedish translation of %q is empty", k)
		}
		if strings.Count(k, "{{") != strings.Count(v, "{{") {
			t.Errorf("Swedish translation of %q has other placeholders: %q", k, v)
		}
	}
}

// translatable are the calls whose first string argument is a translation key.
var translatable = map[string]bool{"L": true, "X": true, "T": true, "NewProblem": true, "Phrase": true, "invalid": true, "refused": true, "notFound": true}

// keysInCode finds every literal passed to lang.L, locale.T, data.NewProblem,
// data.Phrase and the like, and every Problem{Msg: "…"} in the module's Go files.
func keysInCode(t *testing.T) map[string]string {
	t.Helper()
	root := filepath.Join("..", "..")
	keys := map[string]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		add := func(e ast.Expr) {
			if lit, ok := e.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil && s != "" && s != "{{.Err}}" {
					keys[s] = fset.Position(lit.Pos()).String()
				}
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				name := ""
				switch fn := n.Fun.(type) {
				case *ast.SelectorExpr:
					name = fn.Sel.Name
				case *ast.Ident:
					name = fn.Name
				}
				if translatable[name] && len(n.Args) > 0 {
					add(n.Args[0])
				}
			case *ast.KeyValueExpr:
				if id, ok := n.Key.(*ast.Ident); ok && id.Name == "Msg" {
					add(n.Value)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return keys
}

func TestEveryStringInTheCodeIsTranslated(t *testing.T) {
	sv, en := load(t, "sv"), load(t, "en")
	var missing []string
	for k, where := range keysInCode(t) {
		if _, ok := sv[k]; !ok {
			missing = append(missing, k)
			t.Errorf("%s: %q has no Swedish translation", where, k)
		} else if _, ok := en[k]; !ok {
			t.Errorf("%s: %q has no English entry", where, k)
		}
	}
	if *printMissing {
		sort.Strings(missing)
		m := map[string]string{}
		for _, k := range missing {
			m[k] = k
		}
		b, _ := json.MarshalIndent(m, "", "  ")
		os.Stdout.Write(b)
	}
}
