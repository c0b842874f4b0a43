package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/handelskammaren/ila-desk/data"
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
	var n int
	var company data.Company
	u.act(func(ctx context.Context) (err error) {
		if n, err = u.st.CountSubmissions(ctx, q); err == nil {
			company, err = u.st.Company(ctx)
		}
		return err
	}, func() {
		if n == 0 {
			u.inform(lang.L("Nothing to export"), lang.L("The list shows no submissions. Change the filter, or write a submission first."))
			return
		}
		name := atomicfile.SafeName(locale.T("ILA submissions {{.Company}}", map[string]any{"Company": company.Name}), u.now(), ".zip")
		u.saveFile(name, ".zip", func(path string, opts ...atomicfile.Option) error {
			_, err := exchange.ExportFile(u.ctx, u.st, path, q, "ILA Desk "+u.version, time.Now(), opts...)
			return err
		}, false)
	})
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
		u.background(func() func() {
			created, updated, err := exchange.ImportFile(u.ctx, u.st, path)
			return func() {
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
			}
		})
	})
}
