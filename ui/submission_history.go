package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/store"
	"github.com/handelskammaren/ila-desk/ui/locale"
)

// historyView shows a submission's status trail as a timeline, lets the user
// move it on, and lists the saved versions with a way back to each.
type historyView struct {
	e         *submissionEditor
	load      loader // reads the saved versions
	timeline  *fyne.Container
	revisions *fyne.Container
	next      *selectField
	comment   *textField
}

func (v *historyView) buildUI() fyne.CanvasObject {
	v.timeline = container.NewVBox()
	v.revisions = container.NewVBox()
	names := make([]string, len(data.Statuses))
	for i, s := range data.Statuses {
		names[i] = locale.StatusName(s)
	}
	v.next = newSelect(names, nil)
	v.next.PlaceHolder = lang.L("New status")
	v.comment = newField()
	v.comment.SetPlaceHolder(lang.L("Comment (optional)"))
	limitTo(v.comment, data.TrailField(0, "comment"), v.e.onLimit)
	change := newButton(lang.L("Change status"), theme.ConfirmIcon(), func() {
		i := v.next.SelectedIndex()
		if i < 0 {
			return
		}
		v.e.setStatus(data.Statuses[i], v.comment.Text)
		v.comment.SetText("")
	})
	return container.NewPadded(container.NewVBox(
		labelled(lang.L("Status trail")),
		v.timeline,
		container.NewBorder(nil, nil, v.next, change, v.comment),
		widget.NewSeparator(),
		labelled(lang.L("Saved versions")),
		hint(lang.L("A version is kept at most every 30 seconds while you write; the last 50 are kept.")),
		v.revisions,
	))
}

func (v *historyView) refresh() {
	l := v.e.u.language()
	v.timeline.RemoveAll()
	for i, c := range v.e.sub.Trail {
		mark := "○"
		if i == len(v.e.sub.Trail)-1 {
			mark = "●"
		}
		line := widget.NewLabelWithStyle(mark+"  "+locale.StatusName(c.Status), fyne.TextAlignLeading, fyne.TextStyle{Bold: i == len(v.e.sub.Trail)-1})
		when := widget.NewLabel(data.FormatStamp(c.At, l, false))
		when.Importance = widget.LowImportance
		row := container.NewVBox(container.NewHBox(line, when))
		if c.Comment != "" {
			row.Add(hint("    " + c.Comment))
		}
		v.timeline.Add(row)
	}
	v.next.ClearSelected()
	id := v.e.sub.ID
	v.load.run(v.e.u, func(ctx context.Context) func() {
		revs, err := v.e.u.st.Revisions(ctx, id)
		return func() {
			if err != nil {
				v.e.u.showError(err)
				return
			}
			v.showRevisions(revs)
		}
	})
}

// showRevisions lists the saved versions, newest first, each with what it
// changed and a button that restores it.
func (v *historyView) showRevisions(revs []store.Revision) {
	l := v.e.u.language()
	v.revisions.RemoveAll()
	if len(revs) == 0 {
		v.revisions.Add(hint(lang.L("No earlier versions yet.")))
	}
	for _, r := range revs {
		r := r
		label := widget.NewLabel(data.FormatStamp(r.At, l, true) + " · " + r.Title)
		label.Truncation = fyne.TextTruncateEllipsis
		changed := lang.L("The oldest version kept.")
		if !r.First {
			names := make([]string, len(r.Changed))
			for i, c := range r.Changed {
				names[i] = lang.L(c)
			}
			changed = locale.T("Changed: {{.Fields}}", map[string]any{"Fields": strings.Join(names, ", ")})
			if len(names) == 0 {
				changed = lang.L("No field changed (saved again as it was).")
			}
		}
		restore := newButton(lang.L("Restore this version"), theme.HistoryIcon(), func() {
			v.e.u.confirm(lang.L("Restore this version?"),
				lang.L("The submission gets the content of this version. What it holds now is kept as a version of its own, so you can go back."),
				lang.L("Restore"), false, func() {
					if v.e.flush() != nil {
						return // restoring would drop what is not saved
					}
					e, id := v.e, v.e.sub.ID
					var sub data.Submission
					e.u.act(func(ctx context.Context) (err error) {
						sub, err = e.u.st.RestoreRevision(ctx, id, r.ID)
						return err
					}, func() {
						if e.u.openEditor() == e {
							e.sub = sub
							e.load()
						}
					})
				})
		})
		v.revisions.Add(container.NewBorder(nil, nil, nil, restore, container.NewVBox(label, hint(changed))))
	}
}
