package ui

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // thumbnails
	_ "image/png"
	"io"
	"net/url"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
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
	savers []*autosaver[string] // the rows' captions
}

func (v *attachmentsView) buildUI() fyne.CanvasObject {
	v.list = container.NewVBox()
	add := widget.NewButtonWithIcon(lang.L("Add photo or document…"), theme.MailAttachmentIcon(), v.onAdd)
	info := hint(locale.T("Photos (JPEG, PNG) and documents (PDF) up to {{.MB}} MB each. You can also drop files on the window.",
		map[string]any{"MB": store.MaxAttachmentSize >> 20}))
	return container.NewBorder(container.NewPadded(container.NewVBox(container.NewHBox(add), info)), nil, nil, nil,
		container.NewVScroll(container.NewPadded(v.list)))
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
		if b, err := v.e.u.st.AttachmentThumbnail(v.e.u.ctx, a.ID); err == nil && len(b) > 0 {
			if img, _, err := image.Decode(bytes.NewReader(b)); err == nil {
				ci := canvas.NewImageFromImage(img)
				ci.FillMode = canvas.ImageFillContain
				ci.SetMinSize(fyne.NewSize(96, 72))
				thumb = ci
			}
		}
	} else {
		ic := widget.NewIcon(theme.FileApplicationIcon())
		thumb = container.NewGridWrap(fyne.NewSize(96, 72), ic)
	}
	caption := widget.NewEntry()
	caption.SetText(a.Caption)
	caption.SetPlaceHolder(lang.L("Caption"))
	id := a.ID
	saveCaption := newAutosaver(saveDelay, func(c string) error {
		return v.e.u.st.SetAttachmentCaption(v.e.u.ctx, id, c)
	}, func(_ string, err error) {
		if err != nil {
			v.e.u.do(func() { v.e.u.showError(err) })
		}
	})
	v.savers = append(v.savers, saveCaption)
	caption.OnChanged = func(s string) {
		for i := range v.e.sub.Attachments {
			if v.e.sub.Attachments[i].ID == id {
				v.e.sub.Attachments[i].Caption = s
			}
		}
		saveCaption.changed(s)
	}
	name := widget.NewLabel(fmt.Sprintf("%s · %s", a.Name, sizeText(a.Size)))
	name.Truncation = fyne.TextTruncateEllipsis
	open := widget.NewButtonWithIcon(lang.L("Open"), theme.VisibilityIcon(), func() { v.open(a) })
	remove := widget.NewButtonWithIcon(lang.L("Remove"), theme.DeleteIcon(), func() {
		dialog.ShowConfirm(lang.L("Remove attachment?"),
			locale.T("“{{.Name}}” is removed from the submission.", map[string]any{"Name": a.Name}),
			func(ok bool) {
				if !ok {
					return
				}
				saveCaption.flush()
				if err := v.e.u.st.RemoveAttachment(v.e.u.ctx, id); err != nil {
					v.e.u.showError(err)
					return
				}
				v.e.reload()
			}, v.e.u.win)
	})
	return container.NewBorder(nil, nil, thumb, container.NewHBox(open, remove), container.NewVBox(name, caption))
}

func (v *attachmentsView) onAdd() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			v.e.u.showError(err)
			return
		}
		if r == nil {
			return
		}
		defer r.Close()
		v.addFrom(r.URI().Name(), r)
	}, v.e.u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".jpg", ".jpeg", ".png", ".pdf", ".JPG", ".JPEG", ".PNG", ".PDF"}))
	d.Show()
}

// addFiles adds dropped files.
func (v *attachmentsView) addFiles(uris []fyne.URI) {
	for _, u := range uris {
		r, err := storage.Reader(u)
		if err != nil {
			v.e.u.showError(&data.Problem{Msg: "Could not open {{.Path}}. Check the file name and that you may read it.",
				Args: map[string]any{"Path": u.Path()}, Err: err})
			continue
		}
		v.addFrom(u.Name(), r)
		r.Close()
	}
}

// addFrom reads one file (up to just over the limit, so that a too large
// file is named as such) and stores it.
func (v *attachmentsView) addFrom(name string, r io.Reader) {
	b, err := io.ReadAll(io.LimitReader(r, store.MaxAttachmentSize+1))
	if err != nil {
		v.e.u.showError(err)
		return
	}
	if _, err := v.e.u.st.AddAttachment(v.e.u.ctx, v.e.sub.ID, data.Attachment{Name: name, Data: b}); err != nil {
		dialog.ShowInformation(lang.L("The file was not attached"), locale.Explain(err), v.e.u.win)
		return
	}
	v.e.reload()
	v.e.tabs.SelectIndex(4)
}

// open writes the attachment to a temporary file and opens it in the
// system's viewer.
func (v *attachmentsView) open(a data.Attachment) {
	b, err := v.e.u.st.AttachmentData(v.e.u.ctx, a.ID)
	if err != nil {
		v.e.u.showError(err)
		return
	}
	v.e.u.openBytes(a.Name, b)
}

// openBytes writes b to a temporary file named like name and opens it in the
// system's viewer.
func (u *UI) openBytes(name string, b []byte) {
	dir := filepath.Join(os.TempDir(), "ila-desk")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		u.showError(err)
		return
	}
	f, err := os.CreateTemp(dir, "*-"+filepath.Base(name))
	if err != nil {
		u.showError(err)
		return
	}
	_, err = f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		u.showError(err)
		return
	}
	if err := u.app.OpenURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(f.Name())}); err != nil {
		u.showError(err)
	}
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
