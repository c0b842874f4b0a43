package locale

import (
	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/store"
)

// StatusName is a submission status in the user's language.
func StatusName(s data.Status) string {
	switch s {
	case data.StatusDraft:
		return T("Draft", nil)
	case data.StatusReady:
		return T("Ready", nil)
	case data.StatusSubmitted:
		return T("Submitted", nil)
	case data.StatusHandled:
		return T("Handled in the arena", nil)
	case data.StatusForwarded:
		return T("Forwarded to region/Trafikverket", nil)
	case data.StatusResolved:
		return T("Resolved", nil)
	case data.StatusClosed:
		return T("Closed", nil)
	}
	return string(s)
}

// ModeName is a transport mode in the user's language.
func ModeName(m data.Mode) string {
	switch m {
	case data.ModeRoad:
		return T("Road", nil)
	case data.ModeRail:
		return T("Rail", nil)
	case data.ModeSea:
		return T("Shipping/port", nil)
	case data.ModeAir:
		return T("Aviation", nil)
	case data.ModeIntermodal:
		return T("Intermodal", nil)
	}
	return string(m)
}

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
