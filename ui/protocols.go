package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/ui/locale"
)

// protocols is the protocol library: entries by date and the chosen one's text.
type protocols struct {
	u *UI

	items    []data.Protocol
	list     *widget.List
	detail   *fyne.Container
	selected int64
}

func (s *protocols) buildUI() fyne.CanvasObject {
	s.list = &widget.List{
		Length: func() int { return len(s.items) },
		CreateItem: func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, widget.NewIcon(theme.DocumentIcon()), nil, widget.NewLabel(""))
		},
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			p := s.items[id]
			o.(*fyne.Container).Objects[0].(*widget.Label).SetText(p.Date.Format("2006-01-02") + " – " + p.Title)
		},
		OnSelected: func(id widget.ListItemID) { s.showProtocol(s.items[id]) },
	}
	s.list.ExtendBaseWidget(s.list)
	s.detail = container.NewStack()
	split := container.NewHSplit(s.list, container.NewVScroll(container.NewPadded(s.detail)))
	split.Offset = 0.35
	return split
}

func (s *protocols) refresh() {
	ps, err := s.u.st.Protocols(s.u.ctx)
	if err != nil {
		s.u.showError(err)
		return
	}
	s.items = ps
	s.list.Refresh()
	for i, p := range ps {
		if p.ID == s.selected {
			s.list.Select(i)
			return
		}
	}
	if len(ps) > 0 {
		s.list.Select(0)
	}
}

// open shows the protocol with the given id.
func (s *protocols) open(id int64) {
	s.selected = id
	for i, p := range s.items {
		if p.ID == id {
			s.list.Select(i)
		}
	}
}

func (s *protocols) showProtocol(p data.Protocol) {
	s.selected = p.ID
	title := widget.NewLabelWithStyle(p.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	facts := widget.NewForm(
		widget.NewFormItem(lang.L("Date"), widget.NewLabel(data.FormatDate(p.Date, s.u.language()))),
		widget.NewFormItem(lang.L("Kind"), widget.NewLabel(locale.ProtocolKindName(p.Kind))),
	)
	box := container.NewVBox(title, facts)
	switch {
	case p.Text != "":
		t := widget.NewRichTextFromMarkdown(p.Text)
		t.Wrapping = fyne.TextWrapWord
		box.Add(t)
	case p.Document == nil:
		l := widget.NewLabel(lang.L("The chamber's page lists this protocol by its date and title only; its text is not in the app. Attach the document when you have it."))
		l.Wrapping = fyne.TextWrapWord
		box.Add(l)
	}
	if p.Document != nil {
		box.Add(widget.NewLabel(locale.T("Attached document: {{.Name}}", map[string]any{"Name": p.Document.Name})))
	}
	s.detail.Objects = []fyne.CanvasObject{box}
	s.detail.Refresh()
}

// openProtocol switches to the protocol library and shows protocol id.
func (u *UI) openProtocol(id int64) {
	s := u.pages[pageProtocols].screen.(*protocols)
	s.selected = id
	u.goTo(pageProtocols)
	s.open(id)
}
