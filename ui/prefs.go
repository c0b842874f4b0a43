package ui

import (
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"

	"github.com/handelskammaren/ila-desk/data/settings"
	"github.com/handelskammaren/ila-desk/data/store"
	"github.com/handelskammaren/ila-desk/ui/apptheme"
)

// Preference keys and defaults.
const (
	prefLanguage     = "language" // "", "sv" or "en"
	prefWindowWidth  = "window.width"
	prefWindowHeight = "window.height"

	defaultWidth  = 1100
	defaultHeight = 720

	// The smallest window every screen is laid out for (an 800×600 screen
	// less its task bar).
	minWindowWidth  = 800
	minWindowHeight = 560

	prefFolder     = "files.folder" // string: the folder files were last saved to or picked from
	prefAppearance = "appearance"   // string: "" follow the system, "light" or "dark"

	prefCoordinatorMode = "coordinator.mode"  // bool: show the editing of arena content
	prefReminders       = "reminders.enabled" // bool: notify before meetings
	prefReminderDays    = "reminders.days"    // int: how many days before

	defaultReminderDays = 3
	maxReminderDays     = 30
)

// coordinatorMode is whether the chamber's coordinator edits the arena content
// here; off for members.
func (p prefs) coordinatorMode() bool { return p.p.BoolWithFallback(prefCoordinatorMode, false) }

func (p prefs) setCoordinatorMode(on bool) { p.p.SetBool(prefCoordinatorMode, on) }

// remindersOn is whether a notification is sent before each meeting.
func (p prefs) remindersOn() bool { return p.p.BoolWithFallback(prefReminders, true) }

func (p prefs) setRemindersOn(on bool) { p.p.SetBool(prefReminders, on) }

// reminderDays is how many days before a meeting its reminder comes, 1–30.
func (p prefs) reminderDays() int {
	d := p.p.IntWithFallback(prefReminderDays, defaultReminderDays)
	if d < 1 || d > maxReminderDays {
		return defaultReminderDays
	}
	return d
}

func (p prefs) setReminderDays(d int) { p.p.SetInt(prefReminderDays, d) }

// prefs gives the preferences typed getters and setters.
type prefs struct{ p prefStore }

// prefStore is where the preferences are kept: the settings file in ILA
// Desk's data folder (settings.File), beside the database; Fyne's own
// preferences in tests.
type prefStore interface {
	BoolWithFallback(key string, fallback bool) bool
	SetBool(key string, v bool)
	IntWithFallback(key string, fallback int) int
	SetInt(key string, v int)
	FloatWithFallback(key string, fallback float64) float64
	SetFloat(key string, v float64)
	StringWithFallback(key, fallback string) string
	SetString(key, v string)
}

// openPrefs opens the settings file in the data folder. The first time,
// it takes over what Fyne's preferences held (ILA Desk kept them there
// before). Where there is no data folder, Fyne's preferences serve.
func openPrefs(a fyne.App) (p prefs, closeFile func()) {
	fallback := prefs{a.Preferences()}
	db, err := store.DefaultPath()
	if err == nil { // the store makes it, unless it was started on another database
		err = os.MkdirAll(filepath.Dir(db), 0o700)
	}
	if err != nil {
		fyne.LogError("find the preferences", err)
		return fallback, func() {}
	}
	f, err := settings.Open(filepath.Join(filepath.Dir(db), "preferences.json"))
	if err != nil {
		fyne.LogError("open the preferences", err)
	}
	if !f.Existed() {
		copyPrefs(a.Preferences(), f)
	}
	return prefs{f}, func() {
		if err := f.Close(); err != nil {
			fyne.LogError("save the preferences", err)
		}
	}
}

// copyPrefs copies the preferences ILA Desk knows that from holds into to.
func copyPrefs(from fyne.Preferences, to prefStore) {
	for _, k := range []string{prefCoordinatorMode, prefReminders} {
		if a, b := from.BoolWithFallback(k, false), from.BoolWithFallback(k, true); a == b {
			to.SetBool(k, a)
		}
	}
	if a, b := from.IntWithFallback(prefReminderDays, -1), from.IntWithFallback(prefReminderDays, -2); a == b {
		to.SetInt(prefReminderDays, a)
	}
	for _, k := range []string{prefWindowWidth, prefWindowHeight} {
		if a, b := from.FloatWithFallback(k, -1), from.FloatWithFallback(k, -2); a == b {
			to.SetFloat(k, a)
		}
	}
	for _, k := range []string{prefLanguage, prefAppearance, prefFolder} {
		if a, b := from.StringWithFallback(k, "\x00a"), from.StringWithFallback(k, "\x00b"); a == b {
			to.SetString(k, a)
		}
	}
}

// language is the user's choice of language, "" to follow the system.
func (p prefs) language() string { return p.p.StringWithFallback(prefLanguage, "") }

func (p prefs) setLanguage(l string) { p.p.SetString(prefLanguage, l) }

// appearance is the user's choice of light or dark; ModeSystem follows the
// system.
func (p prefs) appearance() apptheme.Mode {
	m, err := apptheme.ParseMode(p.p.StringWithFallback(prefAppearance, ""))
	if err != nil {
		fyne.LogError("read appearance", err)
	}
	return m
}

func (p prefs) setAppearance(m apptheme.Mode) { p.p.SetString(prefAppearance, string(m)) }

// folder is the folder the user last saved to or picked a file from, "" at
// first.
func (p prefs) folder() string { return p.p.StringWithFallback(prefFolder, "") }

func (p prefs) setFolder(dir string) { p.p.SetString(prefFolder, dir) }

// windowSize is the remembered size of the main window.
func (p prefs) windowSize() fyne.Size {
	w := p.p.FloatWithFallback(prefWindowWidth, defaultWidth)
	h := p.p.FloatWithFallback(prefWindowHeight, defaultHeight)
	if w < 600 || h < 400 || w > 20000 || h > 20000 {
		return fyne.NewSize(defaultWidth, defaultHeight)
	}
	return fyne.NewSize(float32(w), float32(h))
}

func (p prefs) setWindowSize(w, h float32) {
	p.p.SetFloat(prefWindowWidth, float64(w))
	p.p.SetFloat(prefWindowHeight, float64(h))
}
