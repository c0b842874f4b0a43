package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/handelskammaren/ila-desk/data/store"
	"github.com/handelskammaren/ila-desk/ui/locale"
)

// submissions lists the user's submissions (inspel).
type submissions struct {
	u *UI

	items []store.SubmissionSummary
	list  *widget.List
	empty *fyne.Container
	body  *fyne.Container
}

func (s *submissions) buildUI() fyne.CanvasObject {
	s.list = &widget.List{
		Length: func() int { return len(s.items) },
		CreateItem: func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, nil, widget.NewLabel(""), widget.NewLabel(""))
		},
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			it := s.items[id]
			c := o.(*fyne.Container)
			c.Objects[0].(*widget.Label).SetText(it.Title)
			c.Objects[1].(*widget.Label).SetText(locale.StatusName(it.Status))
		},
	}
	s.list.ExtendBaseWidget(s.list)
	intro := widget.NewLabel(lang.L("You have no submissions yet. A submission points out a concrete object in the transport infrastructure that needs action."))
	intro.Wrapping = fyne.TextWrapWord
	intro.Alignment = fyne.TextAlignCenter
	s.empty = container.NewCenter(container.NewVBox(
		widget.NewIcon(theme.DocumentCreateIcon()),
		intro,
		container.NewCenter(&widget.Button{Text: lang.L("New submission"), Icon: theme.ContentAddIcon(),
			Importance: widget.HighImportance, OnTapped: func() { s.u.newSubmission() }}),
	))
	s.body = container.NewStack()
	return s.body
}

func (s *submissions) refresh() {
	items, err := s.u.st.ListSubmissions(s.u.ctx)
	if err != nil {
		s.u.showError(err)
		return
	}
	s.items = items
	if len(items) == 0 {
		s.body.Objects = []fyne.CanvasObject{s.empty}
	} else {
		s.body.Objects = []fyne.CanvasObject{s.list}
	}
	s.body.Refresh()
	s.list.Refresh()
}

// newSubmission starts a new submission. (Replaced by the editor.)
func (u *UI) newSubmission() { u.goTo(pageSubmissions) }
