package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handelskammaren/ila-desk/data/content"
)

func TestExportContentReadsBackExactlyOnAnotherMachine(t *testing.T) {
	dir := t.TempDir()
	coordinator, member := filepath.Join(dir, "coordinator.db"), filepath.Join(dir, "member.db")
	first := filepath.Join(dir, "first.json")
	code, out, errs := run(t, coordinator, "export-content", first)
	if code != ExitOK {
		t.Fatalf("export-content: exit %d, stderr %s", code, errs)
	}
	if !strings.Contains(out, "version 2") || !strings.Contains(out, first) || !strings.Contains(out, "4 meetings") {
		t.Errorf("export-content says %q; want the version, the path and what it wrote", out)
	}

	// The member's store has the default content (version 1); version 2 replaces it.
	code, out, errs = run(t, member, "import-content", first)
	if code != ExitOK || !strings.Contains(out, "updated from version 1 to 2") {
		t.Fatalf("import on the member's machine: exit %d, out %q, err %q", code, out, errs)
	}
	second := filepath.Join(dir, "second.json")
	if code, _, errs := run(t, member, "export-content", second); code != ExitOK {
		t.Fatalf("second export: exit %d, %s", code, errs)
	}
	a, b := readContent(t, first), readContent(t, second)
	if b.Version != 3 {
		t.Errorf("second export has version %d, want 3 (one more than the imported 2)", b.Version)
	}
	b.Version, b.Published = a.Version, a.Published
	var ab, bb bytes.Buffer
	content.Encode(&ab, a)
	content.Encode(&bb, b)
	if ab.String() != bb.String() {
		t.Errorf("export → import → export differs:\n%s\n---\n%s", ab.String(), bb.String())
	}

	// A second export on the coordinator's machine gets a higher version still.
	third := filepath.Join(dir, "third.json")
	if code, _, errs := run(t, coordinator, "export-content", third); code != ExitOK {
		t.Fatalf("third export: exit %d, %s", code, errs)
	}
	if v := readContent(t, third).Version; v != 3 {
		t.Errorf("the coordinator's next export has version %d, want 3", v)
	}
}

func TestExportContentNeedsAWritablePath(t *testing.T) {
	dir := t.TempDir()
	code, _, errs := run(t, filepath.Join(dir, "ila.db"), "export-content", filepath.Join(dir, "missing", "x.json"))
	if code != ExitFail || !strings.Contains(errs, "Could not write") {
		t.Errorf("exit %d, stderr %q; want exit 1 saying the file could not be written", code, errs)
	}
	if code, _, _ := run(t, filepath.Join(dir, "ila.db"), "export-content"); code != ExitUsage {
		t.Errorf("without a file: exit %d, want %d", code, ExitUsage)
	}
}

func readContent(t *testing.T, path string) *content.File {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := content.Parse(b)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return f
}
