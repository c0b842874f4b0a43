package ui

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestPreferencesLiveInTheDataFolderAndTakeOverFynes(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the data folder is set through XDG_DATA_HOME here")
	}
	home := t.TempDir()
	t.Setenv("XDG_DATA_HOME", home)
	dir := filepath.Join(home, "ila-desk")
	if err := os.MkdirAll(dir, 0o700); err != nil { // the store makes it
		t.Fatal(err)
	}
	// What an earlier ILA Desk kept in Fyne's preferences is taken over.
	a := test.NewTempApp(t)
	a.Preferences().SetString(prefLanguage, "en")
	a.Preferences().SetBool(prefCoordinatorMode, true)
	a.Preferences().SetFloat(prefWindowWidth, 900)
	p, closePrefs := openPrefs(a)
	if p.language() != "en" || !p.coordinatorMode() || p.windowSize().Width != 900 {
		t.Errorf("the earlier preferences were not taken over: %q %v %v", p.language(), p.coordinatorMode(), p.windowSize())
	}
	p.setFolder("/home/asa/Dokument")
	closePrefs()
	b, err := os.ReadFile(filepath.Join(dir, "preferences.json"))
	if err != nil || !strings.Contains(string(b), `"/home/asa/Dokument"`) || !strings.Contains(string(b), `"en"`) {
		t.Fatalf("the preferences file in the data folder holds %q (%v)", b, err)
	}
	// The next start reads the file, whatever Fyne's preferences say.
	b2 := test.NewTempApp(t)
	b2.Preferences().SetString(prefLanguage, "sv")
	q, closeQ := openPrefs(b2)
	defer closeQ()
	if q.language() != "en" || q.folder() != "/home/asa/Dokument" {
		t.Errorf("after a restart: language %q, folder %q; want the file's", q.language(), q.folder())
	}
}
