package locale

import (
	"fyne.io/fyne/v2/lang"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/store"
)

// StatusName is a submission status in the user's language.
func StatusName(s data.Status) string { return lang.L(string(s.Label())) }

// ModeName is a transport mode in the user's language.
func ModeName(m data.Mode) string { return lang.L(string(m.Label())) }

// Name is any domain value's name in the user's language.
func Name(l interface{ Label() data.Phrase }) string { return lang.L(string(l.Label())) }

// MeetingKindName is a meeting kind in the user's language.
func MeetingKindName(kind string) string {
	switch kind {
	case "network":
		return T("Network meeting", nil)
	}
	return kind
}

// ProtocolKindName is a protocol kind in the user's language.
func ProtocolKindName(kind string) string {
	switch kind {
	case "minutes":
		return T("Minutes", nil)
	case "network-meeting":
		return T("Network group meeting", nil)
	}
	return kind
}

// DescribeImport says what an import of arena content did.
func DescribeImport(res store.ImportResult) string {
	args := map[string]any{"Old": res.OldVersion, "New": res.FileVersion}
	switch res.Outcome {
	case store.ContentInstalled:
		return T("Arena content version {{.New}} installed.", args)
	case store.ContentUpdated:
		return T("Arena content updated from version {{.Old}} to {{.New}}. Your notes, documents and submissions are kept.", args)
	default:
		return T("Nothing changed: the file has content version {{.New}} and the store already has version {{.Old}}.", args)
	}
}
