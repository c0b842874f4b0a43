// Package locale loads ILA Desk's Swedish and English translations into
// fyne's lang package, picks the language (the system's, or the user's
// choice), and turns errors into sentences a person can act on.
package locale

import (
	"errors"
	"os"
	"sync"

	"fyne.io/fyne/v2/lang"

	"github.com/handelskammaren/ila-desk/assets"
	"github.com/handelskammaren/ila-desk/data"
)

var (
	mu      sync.Mutex
	current = data.English
)

// Load loads the translations. choice is the user's setting: "sv", "en", or
// "" to follow the system (LANGUAGE, LC_ALL, LC_MESSAGES, LANG): Swedish on a
// Swedish system, English otherwise.
func Load(choice string) error {
	mu.Lock()
	defer mu.Unlock()
	if choice == string(data.Swedish) || choice == string(data.English) {
		defer preferLanguage(choice)()
	}
	// Fyne's own translations are in the bundle already; for a key both
	// define, the file added last wins, so ours (fyne.sv.json and the rest)
	// replace Fyne's.
	if err := lang.AddTranslationsFS(assets.Translations, assets.TranslationsDir); err != nil {
		return err
	}
	// fyne's matcher decides the language; read its choice back from a key
	// that differs between the two.
	if lang.L("Overview") == "Översikt" {
		current = data.Swedish
	} else {
		current = data.English
	}
	return nil
}

// preferLanguage makes fyne's lang pick choice when translations are added
// next, and returns what undoes the part that must not outlast that.
//
// lang reads the language from the environment then (go-locale): LANGUAGE
// first, but only if the first of LC_ALL, LC_MESSAGES and LANG that is set is
// not C or POSIX, which turn LANGUAGE off. LANGUAGE stays set; a C or POSIX
// locale is lifted only while translations are added, so that child
// processes and libc keep it.
func preferLanguage(choice string) (restore func()) {
	os.Setenv("LANGUAGE", choice)
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(name)
		if v == "" {
			continue
		}
		if v != "C" && v != "POSIX" {
			break
		}
		os.Setenv(name, choice)
		return func() { os.Setenv(name, v) }
	}
	return func() {}
}

// Current is the language the UI speaks.
func Current() data.Language {
	mu.Lock()
	defer mu.Unlock()
	return current
}

// Explain turns an error into a sentence for a person in the UI's language.
// Problems are translated; anything else is named as unexpected with its
// detail, so a person can report it.
func Explain(err error) string {
	if err == nil {
		return ""
	}
	if p, ok := data.AsProblem(err); ok {
		return T(p.Msg, p.Args)
	}
	return T("Something unexpected went wrong: {{.Detail}}. Try again; if it keeps happening, report it to the chamber.",
		map[string]any{"Detail": err.Error()})
}

// T translates msg and fills its {{.Name}} placeholders from args.
func T(msg string, args map[string]any) string {
	if len(args) == 0 {
		return lang.L(msg)
	}
	translated := make(map[string]any, len(args))
	for k, v := range args {
		if p, ok := v.(data.Phrase); ok {
			v = lang.L(string(p))
		}
		translated[k] = v
	}
	return lang.L(msg, translated)
}

// IsProblem reports whether err carries a sentence for a person.
func IsProblem(err error) bool {
	var p *data.Problem
	return errors.As(err, &p)
}
