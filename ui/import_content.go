package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"

	"github.com/handelskammaren/ila-desk/data/content"
	"github.com/handelskammaren/ila-desk/data/store"
	"github.com/handelskammaren/ila-desk/ui/locale"
)

// onImportContent asks for a content file from the chamber and installs it
// when it is newer than what the store holds.
func (u *UI) onImportContent() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		if r == nil {
			return // cancelled
		}
		defer r.Close()
		res, err := u.importContent(r)
		if err != nil {
			dialog.ShowInformation(lang.L("The content was not imported"), locale.Explain(err), u.win)
			return
		}
		dialog.ShowInformation(lang.L("Arena content"), locale.DescribeImport(res), u.win)
		u.refreshAll()
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
	d.Show()
}

func (u *UI) importContent(r fyne.URIReadCloser) (store.ImportResult, error) {
	f, err := content.Read(r)
	if err != nil {
		return store.ImportResult{}, err
	}
	return u.st.ImportContent(u.ctx, f)
}
