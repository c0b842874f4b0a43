package ui

import (
	"encoding/json"
	"io/fs"
	"strings"
	"testing"

	"github.com/handelskammaren/ila-desk/assets"
	"github.com/handelskammaren/ila-desk/data"
)

// swedishOnly is every Swedish translation that differs from its English
// text: seen in the English window, it is a leak.
func swedishOnly(t *testing.T) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	files, err := fs.Glob(assets.Translations, assets.TranslationsDir+"/*.sv.json")
	if err != nil {
		t.Fatal(err)
	}
	english := map[string]bool{}
	for _, f := range files {
		b, err := fs.ReadFile(assets.Translations, f)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		for k, v := range m {
			english[k] = true
			if v != k && !strings.Contains(v, "{{") {
				out[v] = true
			}
		}
	}
	for k := range english {
		delete(out, k) // a word both languages use
	}
	// The arena's content is Swedish in both languages: a title of its own
	// that a translation happens to share is not a leak.
	content := string(assets.DefaultContent)
	for v := range out {
		if strings.Contains(content, `"`+v+`"`) {
			delete(out, v)
		}
	}
	return out
}

func TestTheEnglishWindowShowsNoSwedishOfItsOwn(t *testing.T) {
	sv := swedishOnly(t)
	u := newTestUI(t, data.English)
	eachLineOnEveryScreen(t, u, func(where, line string) {
		if sv[line] {
			t.Errorf("%s shows the Swedish %q", where, line)
		}
	})
	for _, m := range u.win.MainMenu().Items {
		for _, it := range m.Items {
			if sv[it.Label] || sv[m.Label] {
				t.Errorf("the menu shows the Swedish %q / %q", m.Label, it.Label)
			}
		}
	}
}

func TestTheSwedishWindowShowsNoEnglish(t *testing.T) {
	en := map[string]bool{}
	files, err := fs.Glob(assets.Translations, assets.TranslationsDir+"/*.sv.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, _ := fs.ReadFile(assets.Translations, f)
		m := map[string]string{}
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		for k, v := range m {
			if v != k && !strings.Contains(k, "{{") && !strings.Contains(string(assets.DefaultContent), `"`+k+`"`) {
				en[k] = true
			}
		}
	}
	en["(Select one)"] = true // Fyne's own placeholder, which no lookup translates
	u := newTestUI(t, data.Swedish)
	eachLineOnEveryScreen(t, u, func(where, line string) {
		if en[line] {
			t.Errorf("%s shows the English %q", where, line)
		}
	})
}

// eachLineOnEveryScreen shows every screen, in coordinator mode and with a
// submission open on every tab, and calls visit with each line of text it
// shows.
func eachLineOnEveryScreen(t *testing.T, u *UI, visit func(where, line string)) {
	t.Helper()
	u.prefs.setCoordinatorMode(true)
	sub := fullSubmission(t, u)
	check := func(where string) {
		for _, s := range texts(u.win.Content()) {
			for _, line := range strings.Split(s, "\n") {
				visit(where, strings.TrimSpace(line))
			}
		}
	}
	for i := range u.pages {
		u.goTo(i)
		settleAll(t, u)
		check(u.pages[i].name)
	}
	u.openSubmission(sub.ID)
	e := openedEditor(t, u)
	for i, tab := range e.tabs.Items {
		e.tabs.SelectIndex(i)
		check("the editor's tab " + tab.Text)
	}
}
