package store

import (
	"errors"
	"path/filepath"
	"runtime"
	"testing"
)

func TestDataDirFollowsEachSystemsConvention(t *testing.T) {
	home := func() (string, error) { return "/home/anna", nil }
	for _, tc := range []struct {
		name string
		goos string
		env  map[string]string
		want string
	}{
		{"windows: the roaming AppData", "windows",
			map[string]string{"APPDATA": `C:\Users\anna\AppData\Roaming`, "LOCALAPPDATA": `C:\Users\anna\AppData\Local`},
			filepath.Join(`C:\Users\anna\AppData\Roaming`, "ILA Desk")},
		{"windows without APPDATA: the profile's AppData\\Roaming", "windows", nil,
			filepath.Join("/home/anna", "AppData", "Roaming", "ILA Desk")},
		{"macOS: Application Support", "darwin",
			map[string]string{"XDG_DATA_HOME": "/elsewhere"},
			filepath.Join("/home/anna", "Library", "Application Support", "ILA Desk")},
		{"linux: XDG_DATA_HOME", "linux",
			map[string]string{"XDG_DATA_HOME": "/data/anna"},
			filepath.Join("/data/anna", "ila-desk")},
		{"linux without XDG_DATA_HOME: ~/.local/share", "linux", nil,
			filepath.Join("/home/anna", ".local", "share", "ila-desk")},
		{"linux: a relative XDG_DATA_HOME is ignored", "linux",
			map[string]string{"XDG_DATA_HOME": "data"},
			filepath.Join("/home/anna", ".local", "share", "ila-desk")},
		{"freebsd: XDG as on linux", "freebsd", nil,
			filepath.Join("/home/anna", ".local", "share", "ila-desk")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := dataDir(tc.goos, func(k string) string { return tc.env[k] }, home)
			if err != nil {
				t.Fatalf("dataDir: %v", err)
			}
			if got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

func TestDataDirWithoutHomeSaysSo(t *testing.T) {
	noHome := func() (string, error) { return "", errors.New("$HOME is not defined") }
	for _, goos := range []string{"windows", "darwin", "linux"} {
		if _, err := dataDir(goos, func(string) string { return "" }, noHome); err == nil {
			t.Errorf("%s: got no error without a home directory, want one", goos)
		}
	}
	empty := func() (string, error) { return "", nil }
	if _, err := dataDir("linux", func(string) string { return "" }, empty); err == nil {
		t.Error("got no error for an empty home directory, want one")
	}
}

func TestDefaultPathKeepsTheBackupsInTheDataFolder(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", dir) // linux and the BSDs
	t.Setenv("APPDATA", dir)       // windows
	t.Setenv("HOME", dir)          // macOS
	p, err := DefaultPath()
	if err != nil {
		t.Fatalf("DefaultPath: %v", err)
	}
	want, _ := dataDir(runtime.GOOS, func(k string) string {
		return map[string]string{"XDG_DATA_HOME": dir, "APPDATA": dir}[k]
	}, func() (string, error) { return dir, nil })
	if got := filepath.Dir(p); got != want {
		t.Errorf("database in %s, want %s", got, want)
	}
	if got := filepath.Base(p); got != "ila.db" {
		t.Errorf("database file %s, want ila.db", got)
	}
	if got := BackupDir(p); got != filepath.Join(want, "backups") {
		t.Errorf("backups in %s, want %s", got, filepath.Join(want, "backups"))
	}
}
