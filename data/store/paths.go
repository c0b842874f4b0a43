package store

import (
	"errors"
	"fmt"
	"path/filepath"
)

// dataDir is the folder of the user's ILA Desk data on the system goos:
//
//   - windows: %APPDATA%\ILA Desk (the roaming profile, so the database
//     follows the user to another desktop of the domain, as Windows expects
//     of documents the user made; the installer puts the program under
//     %LOCALAPPDATA%\Programs and its uninstall leaves this folder alone);
//   - darwin: ~/Library/Application Support/ILA Desk;
//   - others: $XDG_DATA_HOME/ila-desk, or ~/.local/share/ila-desk when
//     XDG_DATA_HOME is unset or not absolute (the XDG Base Directory
//     specification says to ignore a relative one).
//
// It depends only on its arguments, so each system's rule is tested on any.
func dataDir(goos string, getenv func(string) string, home func() (string, error)) (string, error) {
	switch goos {
	case "windows":
		if d := getenv("APPDATA"); d != "" {
			return filepath.Join(d, "ILA Desk"), nil
		}
		// What Windows sets APPDATA to; it is missing only in a stripped
		// environment (a service, or a test).
		h, err := homeDir(home)
		if err != nil {
			return "", err
		}
		return filepath.Join(h, "AppData", "Roaming", "ILA Desk"), nil
	case "darwin":
		h, err := homeDir(home)
		if err != nil {
			return "", err
		}
		return filepath.Join(h, "Library", "Application Support", "ILA Desk"), nil
	default:
		if d := getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
			return filepath.Join(d, "ila-desk"), nil
		}
		h, err := homeDir(home)
		if err != nil {
			return "", err
		}
		return filepath.Join(h, ".local", "share", "ila-desk"), nil
	}
}

func homeDir(home func() (string, error)) (string, error) {
	h, err := home()
	if err == nil && h == "" {
		err = errors.New("home directory is not set")
	}
	if err != nil {
		return "", fmt.Errorf("find data directory: %w", err)
	}
	return h, nil
}
