package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// agenda shows the arena's purpose, focus areas and activities as rich text.
type agenda struct {
	u    *UI
	text *widget.RichText
	load loader
}

func (s *agenda) buildUI() fyne.CanvasObject {
	s.text = widget.NewRichText()
	s.text.Wrapping = fyne.TextWrapWord
	return vscroll(container.NewPadded(s.text))
}

// refresh composes the page off the UI goroutine and shows it.
func (s *agenda) refresh() {
	s.load.run(s.u, func(ctx context.Context) func() {
		md, err := s.markdown(ctx)
		return func() {
			if err != nil {
				s.u.showError(err)
				return
			}
			setMarkdown(s.text, md)
		}
	})
}

// markdown composes the agenda page from the store's content.
func (s *agenda) markdown(ctx context.Context) (string, error) {
	var b strings.Builder
	a, err := s.u.st.Arena(ctx)
	if err != nil {
		return "", err
	}
	b.WriteString("# " + a.Name + "\n\n")
	b.WriteString(a.Purpose + "\n\n")
	b.WriteString("## " + lang.L("Focus areas") + "\n\n")
	focus, err := s.u.st.FocusAreas(ctx)
	if err != nil {
		return "", err
	}
	for _, f := range focus {
		b.WriteString("### " + f.Title + "\n\n" + f.Body + "\n\n")
	}
	b.WriteString("## " + lang.L("Activities") + "\n\n")
	acts, err := s.u.st.Activities(ctx)
	if err != nil {
		return "", err
	}
	for _, x := range acts {
		b.WriteString("- " + x.Text + "\n")
	}
	b.WriteString("\n## " + lang.L("Goal") + "\n\n" + a.Goal + "\n\n")
	b.WriteString("## " + lang.L("Background") + "\n\n" + a.Background + "\n")
	return b.String(), nil
}
