package ui

import (
	"context"
	"errors"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/atomicfile"
	"github.com/handelskammaren/ila-desk/data/store"
	"github.com/handelskammaren/ila-desk/ui/locale"
)

// Backups from the window (File → Back up…, Restore from a backup…), and
// the window that says why the database cannot be opened when the program
// was started from a menu, where nobody reads stderr.

// onBackup writes a backup of the database where the user chooses.
func (u *UI) onBackup() {
	name := "ILA Desk " + u.now().Format("2006-01-02") + ".db"
	u.saveFile(name, ".db", func(path string, opts ...atomicfile.Option) error {
		return u.st.Backup(u.ctx, path, opts...)
	}, false)
}

// onRestore puts a backup the user picks in place of the database, after
// asking; the database as it was is kept aside, and the screens show the
// restored content.
func (u *UI) onRestore() {
	u.pickFile([]string{".db"}, func(path string) {
		u.confirm(lang.L("Restore from the backup?"),
			locale.T("Everything in ILA Desk is replaced by what {{.Name}} holds. The database as it is now is kept aside first, so nothing is lost.", map[string]any{"Name": filepath.Base(path)}),
			lang.L("Restore"), true, func() {
				if err := u.saveAll(); err != nil {
					u.showError(err)
					return
				}
				u.closeEditorWithoutSaving()
				var res store.RestoreResult
				u.run(lang.L("Restoring…"), func() (err error) {
					res, err = u.st.Restore(u.ctx, path)
					return err
				}, func() {
					u.refreshAll()
					text := lang.L("The backup is restored.")
					if res.KeptAs != "" {
						text = locale.T("The backup is restored. The database as it was is kept as {{.Path}}.", map[string]any{"Path": res.KeptAs})
					}
					u.inform(lang.L("Restored"), text)
				})
			})
	})
}

// closeEditorWithoutSaving drops the open editor (after everything was
// saved), so that nothing of the database before a restore is written
// over the restored one.
func (u *UI) closeEditorWithoutSaving() {
	if u.pages[pageSubmissions].view == nil {
		return
	}
	s := u.submissions
	s.editor = nil
	if u.current == pageSubmissions {
		s.refresh()
	}
}

// run does work off the UI goroutine behind a progress dialog, then done,
// or says what went wrong.
func (u *UI) run(title string, work func() error, done func()) {
	progress := u.showDialog(title, widget.NewProgressBarInfinite(), func() {})
	u.background(func() func() {
		err := work()
		return func() {
			progress.Hide()
			if err != nil {
				u.showError(err)
				return
			}
			done()
		}
	})
}

// ShowOpenProblem shows, in a window of its own, why the database at path
// cannot be opened, and offers the newest backup when the database is
// damaged and has one. It returns when the window closes, and reports
// whether a backup was put in place (the program then starts again).
func ShowOpenProblem(a fyne.App, path string, err error) (restored bool) {
	p, closePrefs := openPrefs(a)
	defer closePrefs()
	if lerr := locale.Load(p.language()); lerr != nil {
		fyne.LogError("load translations", lerr)
	}
	w := a.NewWindow(Title)
	w.SetContent(openProblemView(w, path, err, func() { restored = true; w.Close() }))
	w.Resize(fyne.NewSize(600, 320))
	w.ShowAndRun()
	return restored
}

// openProblemView is the open-problem window's content; onRestored runs
// once a backup is in place.
func openProblemView(w fyne.Window, path string, err error, onRestored func()) fyne.CanvasObject {
	head := widget.NewLabelWithStyle(lang.L("ILA Desk cannot open its database"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.SizeName = theme.SizeNameSubHeadingText
	msg := sentence(locale.Explain(err))
	where := hint(locale.T("The database: {{.Path}}", map[string]any{"Path": path}))
	status := sentence("")
	status.Importance = widget.DangerImportance
	quit := newButton(lang.L("Close"), nil, w.Close)
	buttons := flow(quit)
	var d *store.Damage
	if errors.As(err, &d) && d.Backup != "" {
		label := lang.L("Restore the latest backup")
		if info, ok := store.LatestBackup(path); ok {
			label = locale.T("Restore the backup of {{.When}}", map[string]any{"When": data.FormatStamp(info.Made, locale.Current(), false)})
		}
		restore := newPrimaryButton(label, theme.HistoryIcon(), nil)
		restore.OnTapped = func() {
			restore.Disable()
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
			defer cancel()
			if _, rerr := store.RestoreFile(ctx, path, d.Backup); rerr != nil {
				status.SetText(locale.Explain(rerr))
				restore.Enable()
				return
			}
			onRestored()
		}
		buttons = flow(restore, quit)
	}
	return container.NewPadded(container.NewVBox(head, msg, where, status, buttons))
}

// readOnlyBanner is the line above the screens when the database could be
// opened for reading only, or nil.
func (u *UI) readOnlyBanner() fyne.CanvasObject {
	p := u.st.ReadOnly()
	if p == nil {
		return nil
	}
	l := sentence(locale.Explain(p))
	l.Importance = widget.WarningImportance
	return container.NewPadded(l)
}
