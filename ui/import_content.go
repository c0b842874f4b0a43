package ui

import (
	"os"
	"path/filepath"

	"fyne.io/fyne/v2/lang"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/content"
	"github.com/handelskammaren/ila-desk/data/store"
	"github.com/handelskammaren/ila-desk/ui/locale"
)

// onImportContent asks for a content file from the chamber and installs it
// when it is newer than what the store holds.
func (u *UI) onImportContent() {
	u.pickFile([]string{".json"}, func(path string) {
		u.background(func() func() {
			res, err := u.importContent(path)
			return func() {
				if err != nil {
					u.inform(lang.L("The content was not imported"), locale.Explain(err))
					return
				}
				u.inform(lang.L("Arena content"), locale.DescribeImport(res))
				u.refreshAll()
			}
		})
	})
}

func (u *UI) importContent(path string) (store.ImportResult, error) {
	r, err := os.Open(path)
	if err != nil {
		return store.ImportResult{}, &data.Problem{Msg: "Could not read {{.Name}}. Check that the file is still there and that you may read it.",
			Args: map[string]any{"Name": filepath.Base(path)}, Err: err}
	}
	defer r.Close()
	f, err := content.Read(r)
	if err != nil {
		return store.ImportResult{}, err
	}
	return u.st.ImportContent(u.ctx, f)
}
