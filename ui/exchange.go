package ui

import (
	"net/url"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/handelskammaren/ila-desk/data/atomicfile"
	"github.com/handelskammaren/ila-desk/data/exchange"
	"github.com/handelskammaren/ila-desk/data/store"
	"github.com/handelskammaren/ila-desk/ui/locale"
)

// exportPackage writes the submissions the list shows as an exchange
// package for the chamber.
func (u *UI) exportPackage(q store.SubmissionQuery) {
	q.Trash = false
	u.flushEditor() // the File menu offers this while a submission is open
	subs, err := u.st.SubmissionsFull(u.ctx, q)
	if err != nil {
		u.showError(err)
		return
	}
	if len(subs) == 0 {
		u.inform(lang.L("Nothing to export"), lang.L("The list shows no submissions. Change the filter, or write a submission first."))
		return
	}
	now := u.now()
	name := atomicfile.SafeName(locale.T("ILA submissions {{.Company}}", map[string]any{"Company": subs[0].Company}), now, ".zip")
	u.saveFile(name, ".zip", func(path string, opts ...atomicfile.Option) error {
		return exchange.ExportFile(u.ctx, u.st, path, subs, "ILA Desk "+u.version, time.Now(), opts...)
	}, false)
}

// importPackage reads an exchange package (the coordinator's way to gather
// the companies' submissions) and imports it whole.
func (u *UI) importPackage() {
	u.pickFile([]string{".zip"}, func(path string) {
		// The open submission is saved first and read again after the
		// import, so that neither overwrites the other unseen.
		if err := u.flushEditor(); err != nil {
			u.showError(err)
			return
		}
		go func() {
			created, updated, err := exchange.ImportFile(u.ctx, u.st, path)
			u.do(func() {
				if err != nil {
					u.inform(lang.L("The package was not imported"), locale.Explain(err))
					return
				}
				if e := u.openEditor(); e != nil {
					e.reload()
				}
				u.inform(lang.L("Package imported"),
					locale.T("Imported the package: {{.Created}} new submissions, {{.Updated}} updated.", map[string]any{"Created": created, "Updated": updated}))
				u.refreshAll()
			})
		}()
	})
}

func fileURL(path string) *url.URL {
	return &url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
}

func newProgress() fyne.CanvasObject {
	p := widget.NewProgressBarInfinite()
	return p
}
