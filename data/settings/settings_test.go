package settings

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func TestPreferencesSurviveARestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "preferences.json")
	f, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if f.Existed() {
		t.Error("a new file says it held preferences")
	}
	f.SetString("language", "sv")
	f.SetBool("coordinator", true)
	f.SetInt("reminderDays", 3)
	f.SetFloat("windowWidth", 1024.5)
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	g, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if !g.Existed() || g.StringWithFallback("language", "") != "sv" || !g.BoolWithFallback("coordinator", false) ||
		g.IntWithFallback("reminderDays", 0) != 3 || g.FloatWithFallback("windowWidth", 0) != 1024.5 {
		t.Errorf("after a restart: %v", g.values)
	}
	if g.StringWithFallback("missing", "x") != "x" || g.BoolWithFallback("language", true) != true || g.IntWithFallback("windowWidth", 7) != 7 {
		t.Error("a missing key or one of another kind does not give the fallback")
	}
}

func TestADamagedFileIsSetAsideAndTheProgramGoesOn(t *testing.T) {
	path := filepath.Join(t.TempDir(), "preferences.json")
	if err := os.WriteFile(path, []byte(`{"language": "sv",`), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := Open(path)
	if err == nil || !strings.Contains(err.Error(), "set aside") {
		t.Errorf("a damaged file gave %v, want it said to be set aside", err)
	}
	if b, rerr := os.ReadFile(path + ".damaged"); rerr != nil || string(b) != `{"language": "sv",` {
		t.Errorf("the damaged file was not kept as it was: %q %v", b, rerr)
	}
	f.SetString("language", "en")
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	g, _ := Open(path)
	defer g.Close()
	if g.StringWithFallback("language", "") != "en" {
		t.Error("the preferences set after a damaged file were not written")
	}
}

func TestConcurrentChangesAreAllWrittenAndChangesAfterCloseDoNotPanic(t *testing.T) {
	path := filepath.Join(t.TempDir(), "preferences.json")
	f, _ := Open(path)
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f.SetInt(string(rune('a'+i)), i)
		}()
	}
	wg.Wait()
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	f.SetString("late", "x") // kept in memory, not written, no panic
	g, _ := Open(path)
	defer g.Close()
	for i := range 20 {
		if got := g.IntWithFallback(string(rune('a'+i)), -1); got != i {
			t.Errorf("key %c = %d, want %d", 'a'+i, got, i)
		}
	}
	if g.StringWithFallback("late", "") != "" {
		t.Error("a change after Close was written")
	}
}

func TestAWriteThatFailsIsReported(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "gone")
	f, _ := Open(filepath.Join(dir, "preferences.json")) // its folder does not exist
	f.SetString("language", "sv")
	if err := f.Close(); err == nil {
		t.Error("a write into a missing folder reported no error")
	}
}

func FuzzOpen(f *testing.F) {
	for _, s := range []string{`{}`, `{"a":1}`, `[]`, `null`, `{"a":{"b":[1,2]}}`, "", "\xff"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		path := filepath.Join(t.TempDir(), "preferences.json")
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		p, _ := Open(path)
		_ = p.StringWithFallback("a", "")
		_ = p.IntWithFallback("a", 0)
		_ = p.BoolWithFallback("a", false)
		p.SetString("a", "x")
		if err := p.Close(); err != nil {
			t.Fatal(err)
		}
	})
}
