package ui

import (
	"bytes"
	"context"
	"fmt"
	"image"
	_ "image/jpeg" // thumbnails
	_ "image/png"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/store"
	"github.com/handelskammaren/ila-desk/ui/locale"
)

// attachmentsView lists a submission's photos and documents with thumbnails
// and captions; files come by the file dialog or by dropping them on the window.
type attachmentsView struct {
	e      *submissionEditor
	list   *fyne.Container
	busy   *widget.ProgressBarInfinite // shown while files are being attached
	add    *button
	savers []*autosaver[string] // the rows' captions
}

func (v *attachmentsView) buildUI() fyne.CanvasObject {
	v.list = container.NewVBox()
	add := newButton(lang.L("Add photo or document…"), theme.MailAttachmentIcon(), v.onAdd)
	v.add = add
	info := hint(locale.T("Photos (JPEG, PNG) and documents (PDF) up to {{.MB}} MB each. You can also drop files on the window.",
		map[string]any{"MB": store.MaxAttachmentSize >> 20}))
	v.busy = widget.NewProgressBarInfinite()
	v.busy.Hide()
	return container.NewBorder(container.NewPadded(container.NewVBox(container.NewHBox(add), info, v.busy)), nil, nil, nil,
		vscroll(container.NewPadded(v.list)))
}

// flush saves the captions typed and waits for it; an error says one is not
// saved.
func (v *attachmentsView) flush() error {
	var first error
	for _, a := range v.savers {
		if err := a.flush(); first == nil {
			first = err
		}
	}
	return first
}

func (v *attachmentsView) refresh() {
	v.flush() // the rows are made anew; a caption that fails to save was reported
	v.savers = nil
	v.list.RemoveAll()
	if len(v.e.sub.Attachments) == 0 {
		v.list.Add(hint(lang.L("No attachments yet.")))
	}
	for _, a := range v.e.sub.Attachments {
		v.list.Add(v.row(a))
	}
	v.list.Refresh()
}

func (v *attachmentsView) row(a data.Attachment) fyne.CanvasObject {
	var thumb fyne.CanvasObject = widget.NewIcon(theme.FileIcon())
	if a.IsPhoto() {
		// The thumbnail is read and decoded off the UI goroutine; the row
		// shows a photo icon of the same size until it comes.
		box := container.New(minWidth{w: 96}, container.NewGridWrap(fyne.NewSize(96, 72), widget.NewIcon(theme.FileImageIcon())))
		thumb = box
		id, u := a.ID, v.e.u
		u.background(func() func() {
			b, err := u.st.AttachmentThumbnail(u.ctx, id)
			if err != nil || len(b) == 0 {
				return nil
			}
			img, _, err := image.Decode(bytes.NewReader(b))
			if err != nil {
				return nil
			}
			return func() {
				ci := canvas.NewImageFromImage(img)
				ci.FillMode = canvas.ImageFillContain
				ci.SetMinSize(fyne.NewSize(96, 72))
				box.Objects = []fyne.CanvasObject{ci}
				box.Refresh()
			}
		})
	} else {
		ic := widget.NewIcon(theme.FileApplicationIcon())
		thumb = container.NewGridWrap(fyne.NewSize(96, 72), ic)
	}
	caption := newField()
	caption.SetText(a.Caption)
	caption.SetPlaceHolder(lang.L("Caption"))
	limitTo(caption, data.AttachmentField(0, "caption"), v.e.onLimit)
	id := a.ID
	saveCaption := newAutosaver(saveDelay, func(c string) error {
		return v.e.u.st.SetAttachmentCaption(v.e.u.ctx, id, c)
	}, func(_ string, err error) {
		v.e.u.do(func() { v.e.onSaved(err) })
	})
	v.savers = append(v.savers, saveCaption)
	caption.OnChanged = func(s string) {
		for i := range v.e.sub.Attachments {
			if v.e.sub.Attachments[i].ID == id {
				v.e.sub.Attachments[i].Caption = s
			}
		}
		v.e.fresh = false
		v.e.edits++
		v.e.saveState.SetText(lang.L("Not saved yet…"))
		saveCaption.changed(s)
	}
	name := widget.NewLabel(fmt.Sprintf("%s · %s", a.Name, sizeText(a.Size)))
	name.Truncation = fyne.TextTruncateEllipsis
	open := newButton(lang.L("Open"), theme.VisibilityIcon(), func() { v.open(a) })
	remove := newButton(lang.L("Remove"), theme.DeleteIcon(), func() {
		v.e.u.confirm(lang.L("Remove attachment?"),
			locale.T("“{{.Name}}” is removed from the submission.", map[string]any{"Name": a.Name}),
			lang.L("Remove"), true, func() {
				saveCaption.flush()
				e := v.e
				e.u.act(func(ctx context.Context) error { return e.u.st.RemoveAttachment(ctx, id) }, func() {
					if e.u.openEditor() == e {
						e.reload()
					}
				})
			})
	})
	return container.NewBorder(nil, nil, thumb, container.NewHBox(open, remove), container.NewVBox(name, caption))
}

// attachmentExts are the kinds of file a submission takes.
var attachmentExts = []string{".jpg", ".jpeg", ".png", ".pdf"}

func (v *attachmentsView) onAdd() {
	v.e.u.pickFile(attachmentExts, func(path string) {
		v.addFiles([]fyne.URI{storage.NewFileURI(path)})
	})
}

// addFiles attaches files, off the UI goroutine (a photo from a camera
// takes a good part of a second to read and thumbnail), and then shows the
// attachments.
func (v *attachmentsView) addFiles(uris []fyne.URI) {
	e := v.e
	e.fresh = false
	id := e.sub.ID
	v.busy.Show()
	edits := e.edits
	e.u.background(func() func() {
		var problems []string
		for _, u := range uris {
			if err := v.addFrom(id, u); err != nil {
				problems = append(problems, locale.Explain(err))
			}
		}
		// Read back in the same step, so that the rows show the moment the
		// store has them.
		sub, err := e.u.st.Submission(e.u.ctx, id)
		return func() {
			v.busy.Hide()
			if len(problems) > 0 {
				e.u.inform(lang.L("The file was not attached"), strings.Join(problems, "\n\n"))
			}
			if e.u.openEditor() != e {
				return
			}
			if err != nil {
				e.u.showError(err)
				return
			}
			// What was typed meanwhile stays; the attachments come from the store.
			e.refill(sub, e.edits != edits || e.saver.unsaved())
			e.tabs.SelectIndex(4)
		}
	})
}

// addFrom reads one file (up to just over the limit, so that a too large
// file is named as such) and stores it with submission id.
func (v *attachmentsView) addFrom(id int64, u fyne.URI) error {
	r, err := storage.Reader(u)
	if err != nil {
		return &data.Problem{Msg: "Could not open {{.Path}}. Check the file name and that you may read it.",
			Args: map[string]any{"Path": u.Path()}, Err: err}
	}
	defer r.Close()
	b, err := io.ReadAll(io.LimitReader(r, store.MaxAttachmentSize+1))
	if err != nil {
		return &data.Problem{Msg: "Could not read {{.Name}}. Check that the file is still there and that you may read it.",
			Args: map[string]any{"Name": u.Name()}, Err: err}
	}
	_, err = v.e.u.st.AddAttachment(v.e.u.ctx, id, data.Attachment{Name: u.Name(), Data: b})
	return err
}

// open writes the attachment to a temporary file and opens it in the
// system's viewer.
func (v *attachmentsView) open(a data.Attachment) {
	v.e.u.openLoaded(func() (string, []byte, error) {
		b, err := v.e.u.st.AttachmentData(v.e.u.ctx, a.ID)
		return a.Name, b, err
	})
}

func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d kB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}
