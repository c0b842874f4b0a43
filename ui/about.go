package ui

import (
	"context"
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/ui/locale"
)

// about shows the chamber's contacts, offices and events.
type about struct {
	u    *UI
	box  *fyne.Container
	load loader
}

func (s *about) buildUI() fyne.CanvasObject {
	s.box = container.NewVBox()
	return vscroll(container.NewPadded(s.box))
}

// aboutContent is what the About screen shows, read from the store.
type aboutContent struct {
	arena    data.Arena
	contacts []data.Contact
	offices  []data.Office
	events   []data.Event
}

// refresh reads the content off the UI goroutine and shows it.
func (s *about) refresh() {
	s.load.run(s.u, func(ctx context.Context) func() {
		var c aboutContent
		var err error
		if c.arena, err = s.u.st.Arena(ctx); err == nil {
			if c.contacts, err = s.u.st.Contacts(ctx); err == nil {
				if c.offices, err = s.u.st.Offices(ctx); err == nil {
					c.events, err = s.u.st.Events(ctx)
				}
			}
		}
		return func() {
			if err != nil {
				s.u.showError(err)
				return
			}
			s.show(c)
		}
	})
}

// show lays out the About screen.
func (s *about) show(c aboutContent) {
	s.box.RemoveAll()
	title := widget.NewLabelWithStyle(lang.L("About"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	s.box.Add(title)

	a := c.arena
	join := container.NewVBox()
	if a.JoinText != "" {
		l := widget.NewLabel(a.JoinText)
		l.Wrapping = fyne.TextWrapWord
		join.Add(l)
	}
	if a.JoinEmail != "" {
		join.Add(widget.NewHyperlink(lang.L("Join the network"), mailto(a.JoinEmail, lang.L("Membership in the ILA network"))))
	}
	if a.URL != "" {
		if u, err := url.Parse(a.URL); err == nil {
			join.Add(widget.NewHyperlink(a.Organiser, u))
		}
	}
	s.box.Add(card(a.Name, a.Organiser, join))

	contacts := c.contacts
	cbox := container.NewVBox()
	for _, c := range contacts {
		row := flow(widget.NewLabelWithStyle(c.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), widget.NewLabel(c.Role))
		if c.Email != "" {
			row.Add(widget.NewHyperlink(c.Email, mailto(c.Email, "")))
		}
		if c.Phone != "" {
			row.Add(widget.NewHyperlink(c.Phone, tel(c.Phone)))
		}
		cbox.Add(row)
	}
	s.box.Add(card(lang.L("Contacts"), "", cbox))

	offices := c.offices
	obox := flow()
	for _, o := range offices {
		lines := []string{o.Street}
		if o.PostBox != "" {
			lines = append(lines, o.PostBox)
		}
		lines = append(lines, strings.TrimSpace(o.PostalCode+" "+o.City))
		v := container.NewVBox(widget.NewLabelWithStyle(o.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			widget.NewLabel(strings.Join(lines, "\n")))
		if o.Phone != "" {
			v.Add(widget.NewHyperlink(o.Phone, tel(o.Phone)))
		}
		if o.Email != "" {
			v.Add(widget.NewHyperlink(o.Email, mailto(o.Email, "")))
		}
		obox.Add(container.New(minWidth{w: 240}, v))
	}
	s.box.Add(card(lang.L("Offices"), "", obox))

	events := c.events
	ebox := container.NewVBox()
	cut := false
	for _, e := range events {
		head := widget.NewLabelWithStyle(data.FormatDate(e.Date, s.u.language())+" · "+e.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		head.Wrapping = fyne.TextWrapWord
		ebox.Add(head)
		if e.Summary != "" {
			text, wasCut := teaser(e.Summary)
			cut = cut || wasCut
			sum := sentence(text)
			sum.Importance = widget.LowImportance
			ebox.Add(sum)
		}
	}
	if cut {
		ebox.Add(hint(lang.L("The chamber's page shows only the beginning of these texts (…); ILA Desk does not make up the rest.")))
	}
	s.box.Add(card(lang.L("The chamber's events"), "", ebox))
	s.u.addCoordinatorCard(s.box, events, contacts)
	ver := widget.NewLabel(locale.T("ILA Desk {{.Version}}", map[string]any{"Version": s.u.version}))
	ver.Importance = widget.LowImportance
	s.box.Add(ver)
}

// teaser is a text the content gives cut short, ending in "…" (the
// chamber's page cuts its event texts mid-word): it ends it at the last
// whole word instead, and reports whether the text was cut.
func teaser(s string) (string, bool) {
	s = strings.TrimSpace(s)
	body, cut := strings.CutSuffix(s, "…")
	if !cut {
		body, cut = strings.CutSuffix(s, "...")
	}
	if !cut {
		return s, false
	}
	if !strings.HasSuffix(body, " ") {
		// The last word is cut: drop it, unless it is the only one.
		if i := strings.LastIndexAny(body, " \n"); i > 0 {
			body = body[:i]
		}
	}
	body = strings.TrimRight(body, " ,;:–-")
	return body + " …", true
}

// card is a card with a title and subtitle that wrap (Fyne's card titles
// do not, and would widen the window).
func card(title, subtitle string, content fyne.CanvasObject) fyne.CanvasObject {
	box := container.NewVBox()
	if title != "" {
		t := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		t.SizeName = theme.SizeNameSubHeadingText
		t.Wrapping = fyne.TextWrapWord
		box.Add(t)
	}
	if subtitle != "" {
		box.Add(sentence(subtitle))
	}
	box.Add(content)
	return widget.NewCard("", "", box)
}

// mailto is a mailto: link, with a subject when given.
func mailto(addr, subject string) *url.URL {
	u := &url.URL{Scheme: "mailto", Opaque: addr}
	if subject != "" {
		u.RawQuery = "subject=" + url.PathEscape(subject)
	}
	return u
}

// tel is a tel: link with the number's digits.
func tel(phone string) *url.URL {
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r == '+' {
			return r
		}
		return -1
	}, phone)
	if strings.HasPrefix(digits, "0") {
		digits = "+46" + digits[1:]
	}
	return &url.URL{Scheme: "tel", Opaque: digits}
}
