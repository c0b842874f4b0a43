package main

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadTakesNameIDAndVersionFromFyneApp(t *testing.T) {
	d, err := load("../../FyneApp.toml", "../package.toml")
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	if d.ID != "se.handelskammarenmalardalen.ila" {
		t.Errorf("got ID %q, want se.handelskammarenmalardalen.ila", d.ID)
	}
	if d.Version == "" || d.Name == "" || d.Build < 1 {
		t.Errorf("got name %q, version %q, build %d; want all set", d.Name, d.Version, d.Build)
	}
	if got := filepath.ToSlash(d.IconPath); got != "../../assets/icon.png" {
		t.Errorf("got icon %s, want ../../assets/icon.png", got)
	}
}

func TestLoadRefusesAVersionAnMSICannotHold(t *testing.T) {
	dir := t.TempDir()
	for _, v := range []string{"1.2", "1.2.3-beta", "256.0.0"} {
		f := filepath.Join(dir, "FyneApp.toml")
		toml := "[Details]\nIcon = \"i.png\"\nName = \"X\"\nID = \"x.y\"\nVersion = \"" + v + "\"\nBuild = 1\n"
		if err := os.WriteFile(f, []byte(toml), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := load(f, "../package.toml"); err == nil {
			t.Errorf("version %s: got no error, want one", v)
		}
	}
}

func TestEnvQuotesForTheShell(t *testing.T) {
	d := &Data{Name: "it's & more", Version: "1.0.0", Build: 3}
	var b bytes.Buffer
	if err := writeEnv(&b, d); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `APP_NAME='it'\''s & more'`) {
		t.Errorf("got %s, want APP_NAME='it'\\''s & more'", b.String())
	}
}

func TestDebTextIndentsAndMarksParagraphs(t *testing.T) {
	got := debText("One two\nthree.\n\nFour.")
	want := " One two three.\n .\n Four."
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	long := debText(strings.Repeat("word ", 40))
	for _, l := range strings.Split(long, "\n") {
		if len(l) > 80 {
			t.Errorf("got a line of %d characters, want at most 80: %q", len(l), l)
		}
	}
}

func TestRenderRefusesAMissingValue(t *testing.T) {
	f := filepath.Join(t.TempDir(), "t.tmpl")
	if err := os.WriteFile(f, []byte("{{.Extra.Nope}}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := render(&bytes.Buffer{}, f, &Data{Extra: map[string]string{}}); err == nil {
		t.Error("got no error for a value not given, want one")
	}
}

func TestICOHeaderListsEachSize(t *testing.T) {
	b, err := encodeICO([]int{16, 256}, [][]byte{[]byte("aa"), []byte("bbb")})
	if err != nil {
		t.Fatal(err)
	}
	var h [3]uint16
	_ = binary.Read(bytes.NewReader(b), binary.LittleEndian, &h)
	if h != [3]uint16{0, 1, 2} {
		t.Errorf("got header %v, want [0 1 2]", h)
	}
	if b[6] != 16 || b[6+16] != 0 { // 256 is written as 0
		t.Errorf("got widths %d and %d, want 16 and 0", b[6], b[6+16])
	}
	if got := string(b[len(b)-5:]); got != "aabbb" {
		t.Errorf("got images %q, want aabbb", got)
	}
}
