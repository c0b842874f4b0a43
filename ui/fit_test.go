package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/geo"
	"github.com/handelskammaren/ila-desk/data/store"
)

// The smallest window every screen must work in: an 800×600 screen less
// its task bar, less the menu bar Fyne draws inside the window.
const (
	smallWidth  = minWindowWidth
	smallHeight = minWindowHeight - 32
)

// widest names the deepest objects in o that are at least limit wide, to
// say in a failure what makes a screen too wide.
func widest(o fyne.CanvasObject, limit float32) string {
	var out []string
	var walk func(o fyne.CanvasObject, depth int)
	walk = func(o fyne.CanvasObject, depth int) {
		if o == nil || !o.Visible() || o.MinSize().Width < limit {
			return
		}
		before := len(out)
		switch w := o.(type) {
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c, depth+1)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c, depth+1)
			}
		}
		if len(out) == before {
			out = append(out, fmt.Sprintf("%T %q %.0f px", o, strings.Join(texts(o), " "), o.MinSize().Width))
		}
	}
	walk(o, 0)
	return strings.Join(out, "; ")
}

// fits fails the test when the window's content needs more than the small
// window.
func fits(t *testing.T, u *UI, what string) {
	t.Helper()
	m := u.win.Content().MinSize()
	if m.Width > smallWidth || m.Height > smallHeight {
		t.Errorf("%s needs %.0f×%.0f, want at most %d×%d; widest: %s", what, m.Width, m.Height, smallWidth, smallHeight,
			widest(u.win.Content(), smallWidth-200))
	}
	if top := u.win.Canvas().Overlays().Top(); top != nil {
		if d := top.MinSize(); d.Width > smallWidth || d.Height > smallHeight {
			t.Errorf("the dialog over %s needs %.0f×%.0f, want at most %d×%d", what, d.Width, d.Height, smallWidth, smallHeight)
		}
	}
}

// fullSubmission is a submission with every field filled, long texts
// included, as a user writes it.
func fullSubmission(t *testing.T, u *UI) data.Submission {
	t.Helper()
	ctx := context.Background()
	sub, err := u.st.CreateSubmission(ctx, data.Submission{
		Title: "Plankorsningen i Kolbäck stoppar lastbilarna till hamnen i Köping varje vardagsmorgon", Object: "Plankorsning, Mälarbanan km 112+300",
		Modes: data.Modes, Municipality: "Hallstahammar", RoadRef: "rv 56", Place: strings.Repeat("Vid infarten till industriområdet ", 8),
		Point: &geo.Point{Lat: 59.5137, Lon: 15.9906}, Deficiency: strings.Repeat("Bommarna fälls i tio minuter. ", 20),
		Flows:        data.Flows{data.FlowTrucksDay: 120, data.FlowTonnesYear: 250000, data.FlowEmployees: 400},
		Consequences: data.Consequences, Impact: "Förseningar", CostClass: data.CostOver50, Priority: data.PriorityHigh,
		Measures: []data.Measure{{Text: "Samordna tåg och lastbilstider", Step: data.StepRethink}, {Text: "Planskild korsning", Step: data.StepBuildNew}},
		Company:  "Köpings Mekaniska Verkstad AB", ContactPerson: "Åsa Öberg", ContactEmail: "asa.oberg@example.se",
		CoSigners: []string{"Mälarhamnar AB", "Arboga Logistik AB"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return sub
}

func TestEveryScreenFitsASmallWindow(t *testing.T) {
	for _, l := range []data.Language{data.Swedish, data.English} {
		t.Run(string(l), func(t *testing.T) {
			u := newTestUI(t, l)
			u.prefs.setCoordinatorMode(true)
			u.win.Resize(fyne.NewSize(smallWidth, smallHeight))
			sub := fullSubmission(t, u)
			if _, err := u.st.AddAttachment(context.Background(), sub.ID, data.Attachment{Name: strings.Repeat("foto-av-plankorsningen-", 4) + ".pdf", Data: []byte("%PDF-1.4\n%%EOF\n")}); err != nil {
				t.Fatal(err)
			}
			for i := range u.pages {
				u.goTo(i)
				fits(t, u, u.pages[i].name)
			}
			s := u.pages[pageSubmissions].screen.(*submissions)
			s.trash.SetChecked(true)
			fits(t, u, "the trash")
			s.trash.SetChecked(false)
			u.openSubmission(sub.ID)
			e := openedEditor(t, u)
			for i, tab := range e.tabs.Items {
				e.tabs.SelectIndex(i)
				fits(t, u, "the editor's tab "+tab.Text)
			}
			u.closeSubmission()
			// The coordinator's forms and the Save as dialog.
			u.editMeeting(data.Meeting{})
			fits(t, u, "the meeting form")
			u.onEscape()
			u.editProtocol(data.Protocol{})
			fits(t, u, "the protocol form")
			u.onEscape()
			u.saveAs(strings.Repeat("Ett långt filnamn ", 6)+".pdf", ".pdf", func(string) {})
			fits(t, u, "the Save as dialog")
			u.onEscape()
			if _, err := u.st.ListSubmissions(context.Background(), store.SubmissionQuery{}); err != nil {
				t.Fatal(err)
			}
		})
	}
}
