package ui

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/atomicfile"
	"github.com/handelskammaren/ila-desk/ui/locale"
)

// Files the user picks, saves and opens. Fyne's file-save dialog creates
// and empties the chosen file before the program has written anything, and
// asks in English before it replaces one; so saving goes through a dialog
// of ILA Desk's own that takes only a folder and a name, asks in the user's
// language before it replaces a file, and leaves the old file whole until
// the new one is written (atomicfile). Opening a file hands it to the
// system's viewer, and says where the file is when there is none.

// fileDialogSize is the size of a file dialog, when the window has room:
// wide enough for real file names.
var fileDialogSize = fyne.NewSize(960, 680)

// pickFile asks for a file with one of exts and calls picked with its path
// on the UI goroutine.
func (u *UI) pickFile(exts []string, picked func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			u.showError(&data.Problem{Msg: "Could not open the file. Check that it is still there and that you may read it.", Err: err})
			return
		}
		if r == nil {
			return // cancelled
		}
		path := r.URI().Path()
		r.Close()
		u.prefs.setFolder(filepath.Dir(path))
		picked(path)
	}, u.win)
	if len(exts) > 0 {
		d.SetFilter(storage.NewExtensionFileFilter(withUpperCase(exts)))
	}
	if l := listable(u.prefs.folder()); l != nil {
		d.SetLocation(l)
	}
	u.showFileDialog(d)
}

// showFileDialog shows one of Fyne's file dialogs as large as the window
// allows, in the list view (the grid cuts long names mid-word), with its
// favourites named in the user's language.
func (u *UI) showFileDialog(d *dialog.FileDialog) {
	u.pushDialog(d, d.Dismiss)
	// A file dialog has no size until it is shown: Resize before Show
	// dereferences nil in Fyne 2.8.
	d.Show()
	d.Resize(u.fitSize(fileDialogSize))
	d.SetView(dialog.ListView)
	translateFavourites(u.win.Canvas().Overlays().Top())
}

// translateFavourites makes the favourites list of a Fyne file dialog
// (Home, Computer, Documents …) speak the user's language: Fyne 2.8 sets
// those names without looking them up. The list is found through the
// dialog's public containers; when Fyne lays the dialog out otherwise, the
// names stay as Fyne gives them (and a test says so).
func translateFavourites(o fyne.CanvasObject) bool {
	if o == nil {
		return false
	}
	switch w := o.(type) {
	case *widget.PopUp:
		return translateFavourites(w.Content)
	case *fyne.Container:
		for _, c := range w.Objects {
			if translateFavourites(c) {
				return true
			}
		}
	case *container.Split:
		return translateFavourites(w.Leading) || translateFavourites(w.Trailing)
	case *widget.List:
		if w.Length == nil || w.CreateItem == nil || w.UpdateItem == nil || w.Length() == 0 {
			return false
		}
		probe := w.CreateItem()
		w.UpdateItem(0, probe)
		if l := firstLabel(probe); l == nil || l.Text != "Home" {
			return false // not the favourites
		}
		update := w.UpdateItem
		w.UpdateItem = func(id widget.ListItemID, item fyne.CanvasObject) {
			update(id, item)
			if l := firstLabel(item); l != nil {
				l.SetText(lang.L(l.Text))
			}
		}
		w.Refresh()
		return true
	default:
		// The overlay around a pop-up is a type of Fyne's internal package,
		// whose exported Content field holds the pop-up.
		v := reflect.ValueOf(o)
		if v.Kind() == reflect.Pointer && v.Elem().Kind() == reflect.Struct {
			if f := v.Elem().FieldByName("Content"); f.IsValid() && f.CanInterface() {
				if c, ok := f.Interface().(fyne.CanvasObject); ok {
					return translateFavourites(c)
				}
			}
		}
	}
	return false
}

// firstLabel is the first label among o and the containers inside it.
func firstLabel(o fyne.CanvasObject) *widget.Label {
	switch w := o.(type) {
	case *widget.Label:
		return w
	case *fyne.Container:
		for _, c := range w.Objects {
			if l := firstLabel(c); l != nil {
				return l
			}
		}
	}
	return nil
}

// withUpperCase adds the upper-case form of each extension: photos from
// cameras are often named IMG_0001.JPG.
func withUpperCase(exts []string) []string {
	out := append([]string{}, exts...)
	for _, e := range exts {
		if up := strings.ToUpper(e); up != e {
			out = append(out, up)
		}
	}
	return out
}

// listable is dir as a folder the file dialogs can start in, or nil.
func listable(dir string) fyne.ListableURI {
	if dir == "" {
		return nil
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return nil
	}
	l, err := storage.ListerForURI(storage.NewFileURI(dir))
	if err != nil {
		return nil
	}
	return l
}

// defaultFolder is where files are saved first: the user's documents
// folder, else the home folder.
func defaultFolder() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	if out, err := exec.Command("xdg-user-dir", "DOCUMENTS").Output(); err == nil {
		if d := strings.TrimSpace(string(out)); d != "" && d != home {
			if fi, err := os.Stat(d); err == nil && fi.IsDir() {
				return d
			}
		}
	}
	for _, n := range []string{"Documents", "Dokument"} {
		d := filepath.Join(home, n)
		if fi, err := os.Stat(d); err == nil && fi.IsDir() {
			return d
		}
	}
	return home
}

// saveDialog is the "Save as" dialog: a folder, a name, Save and Cancel.
type saveDialog struct {
	u      *UI
	ext    string
	folder *textField
	name   *textField
	msg    *widget.Label
	dlg    *dialog.CustomDialog
	done   func(path string)
}

// saveAs asks where to save a file named like name with extension ext and
// calls save with the chosen path, on the UI goroutine, once the user has
// agreed to replace a file that is there.
func (u *UI) saveAs(name, ext string, save func(path string)) *saveDialog {
	s := &saveDialog{u: u, ext: ext, done: save}
	s.folder = newField()
	folder := u.prefs.folder()
	if listable(folder) == nil {
		folder = defaultFolder()
	}
	s.folder.SetText(folder)
	s.name = newField()
	s.name.SetText(name)
	s.name.OnSubmitted = func(string) { s.onSave() }
	s.folder.OnSubmitted = func(string) { s.onSave() }
	s.msg = widget.NewLabel("")
	s.msg.Wrapping = fyne.TextWrapWord
	s.msg.Importance = widget.DangerImportance
	browse := newButton(lang.L("Choose folder…"), theme.FolderOpenIcon(), s.onBrowse)
	form := widget.NewForm(
		widget.NewFormItem(lang.L("File name"), s.name),
		widget.NewFormItem(lang.L("Save in"), container.NewBorder(nil, nil, nil, browse, s.folder)),
	)
	width := u.fitSize(fyne.NewSize(640, 0)).Width
	body := container.NewVBox(form, container.New(&widthLayout{width: width}, s.msg))
	ok := newPrimaryButton(lang.L("Save"), theme.DocumentSaveIcon(), s.onSave)
	cancel := newButton(lang.L("Cancel"), nil, func() { s.dlg.Hide() })
	s.dlg = u.showDialog(lang.L("Save as"), body, nil, ok, cancel)
	u.win.Canvas().Focus(s.name)
	s.selectBaseName()
	return s
}

// selectBaseName selects the name without its extension, so typing
// replaces it.
func (s *saveDialog) selectBaseName() {
	s.name.TypedShortcut(&fyne.ShortcutSelectAll{})
}

func (s *saveDialog) onBrowse() {
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil || l == nil {
			return
		}
		s.folder.SetText(l.Path())
		s.u.win.Canvas().Focus(s.name)
	}, s.u.win)
	if l := listable(s.folder.Text); l != nil {
		d.SetLocation(l)
	}
	d.SetTitleText(lang.L("Choose a folder"))
	d.SetConfirmText(lang.L("Choose"))
	s.u.showFileDialog(d)
}

// path is the file the dialog names, or a problem to show.
func (s *saveDialog) path() (string, error) {
	name := strings.TrimSpace(s.name.Text)
	folder := strings.TrimSpace(s.folder.Text)
	if name == "" {
		return "", data.NewProblem("Write a file name.", nil)
	}
	if filepath.IsAbs(name) {
		folder, name = filepath.Dir(name), filepath.Base(name)
	}
	if strings.HasPrefix(folder, "~") {
		if home, err := os.UserHomeDir(); err == nil {
			folder = filepath.Join(home, strings.TrimPrefix(folder, "~"))
		}
	}
	if strings.ContainsAny(name, `<>:"/\|?*`) || strings.ContainsFunc(name, func(r rune) bool { return r < ' ' }) {
		return "", data.NewProblem("A file name cannot hold any of < > : \" / \\ | ? *. Remove them and try again.", nil)
	}
	if fi, err := os.Stat(folder); err != nil || !fi.IsDir() {
		return "", &data.Problem{Msg: "The folder {{.Folder}} does not exist. Choose a folder that exists.", Args: map[string]any{"Folder": folder}}
	}
	if !strings.EqualFold(filepath.Ext(name), s.ext) {
		name += s.ext
	}
	return filepath.Join(folder, name), nil
}

func (s *saveDialog) onSave() {
	path, err := s.path()
	if err != nil {
		s.msg.SetText(locale.Explain(err))
		return
	}
	s.msg.SetText("")
	fi, err := os.Stat(path)
	switch {
	case err == nil && fi.IsDir():
		s.msg.SetText(locale.T("{{.Name}} is a folder. Choose another name.", map[string]any{"Name": filepath.Base(path)}))
		return
	case err == nil:
		s.u.confirm(lang.L("Replace the file?"),
			locale.T("{{.Name}} already exists in {{.Folder}}. Replacing it overwrites what it holds.",
				map[string]any{"Name": filepath.Base(path), "Folder": filepath.Dir(path)}),
			lang.L("Replace"), true, func() { s.finish(path) })
		return
	}
	s.finish(path)
}

func (s *saveDialog) finish(path string) {
	s.dlg.Hide()
	s.u.prefs.setFolder(filepath.Dir(path))
	s.done(path)
}

// saveFile asks where to save a file named like name, writes it with write
// off the UI goroutine, and then opens it or says where it is. A
// write-protected file is replaced only when the user says so.
func (u *UI) saveFile(name, ext string, write func(path string, opts ...atomicfile.Option) error, open bool) {
	u.saveAs(name, ext, func(path string) { u.writeFile(path, write, open) })
}

// writeFile writes path with write, off the UI goroutine, with opts.
func (u *UI) writeFile(path string, write func(path string, opts ...atomicfile.Option) error, open bool, opts ...atomicfile.Option) {
	progress := dialog.NewCustomWithoutButtons(lang.L("Writing…"), widget.NewProgressBarInfinite(), u.win)
	progress.Show()
	u.background(func() func() {
		err := write(path, opts...)
		return func() {
			progress.Hide()
			if errors.Is(err, atomicfile.ErrWriteProtected) && len(opts) == 0 {
				u.confirm(lang.L("Replace a write-protected file?"),
					locale.T("{{.Name}} is write-protected: someone marked it as not to be changed. Replace it anyway?", map[string]any{"Name": filepath.Base(path)}),
					lang.L("Replace"), true, func() { u.writeFile(path, write, open, atomicfile.ReplaceProtected) })
				return
			}
			if err != nil {
				u.inform(lang.L("The file was not written"), locale.Explain(err))
				return
			}
			if open {
				u.openPath(path, false)
				return
			}
			u.showSaved(path, lang.L("Saved"), locale.T("Saved as {{.Path}}.", map[string]any{"Path": path}))
		}
	})
}

// showSaved says where a file is, and offers to copy its path and to open
// its folder where the system can.
func (u *UI) showSaved(path, title, text string) {
	var d *dialog.CustomDialog
	ok := newPrimaryButton(lang.L("OK"), nil, func() { d.Hide() })
	buttons := []*button{ok, newButton(lang.L("Copy the path"), theme.ContentCopyIcon(), func() {
		u.app.Clipboard().SetContent(path)
		d.Hide()
	})}
	if canOpenFiles() {
		buttons = append(buttons, newButton(lang.L("Open the folder"), theme.FolderOpenIcon(), func() {
			d.Hide()
			u.openFolder(filepath.Dir(path))
		}))
	}
	d = u.showDialog(title, u.message(text), nil, buttons...)
}

// openPath opens a file in the system's viewer, off the UI goroutine; when
// that fails it says where the file is. copy says the file is a temporary
// copy (of an attachment or a document), not one the user saved.
func (u *UI) openPath(path string, copy bool) {
	u.background(func() func() {
		err := u.opener(path)
		if err == nil {
			return nil
		}
		fyne.LogError("open "+path, err)
		msg := "The file is saved as {{.Path}}, but this computer has no program set up to open it from ILA Desk. Open it from its folder, or copy the path into the program you read it with."
		if copy {
			msg = "This computer has no program set up to open the file from ILA Desk. A copy of it is at {{.Path}} until ILA Desk closes: open it from its folder, or copy the path into the program you read it with."
		}
		return func() {
			u.showSaved(path, lang.L("The file could not be opened"), locale.T(msg, map[string]any{"Path": path}))
		}
	})
}

// openFolder shows a folder in the system's file manager.
func (u *UI) openFolder(dir string) {
	u.background(func() func() {
		err := u.opener(dir)
		if err == nil {
			return nil
		}
		fyne.LogError("open "+dir, err)
		return func() {
			u.showSaved(dir, lang.L("The folder could not be opened"),
				locale.T("This computer has no file manager that ILA Desk can start. The folder is {{.Path}}.", map[string]any{"Path": dir}))
		}
	})
}

// errNoOpener says the system has no program to open files with.
var errNoOpener = errors.New("no program to open files: xdg-open is not installed")

// canOpenFiles reports whether the system has a way to open files: Windows
// and macOS always do; other systems need xdg-open.
func canOpenFiles() bool {
	switch runtime.GOOS {
	case "windows", "darwin":
		return true
	}
	_, err := exec.LookPath("xdg-open")
	return err == nil
}

// systemOpener opens path with the system's viewer. On Linux it runs
// xdg-open and waits a moment for it: xdg-open exits with an error when no
// program takes the file, and that must reach the user.
func systemOpener(a fyne.App) func(path string) error {
	return func(path string) error {
		switch runtime.GOOS {
		case "windows", "darwin":
			return a.OpenURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(path)})
		}
		if !canOpenFiles() {
			return errNoOpener
		}
		ctx, cancel := context.WithTimeout(context.Background(), 4*time.Second)
		defer cancel()
		cmd := exec.Command("xdg-open", path)
		if err := cmd.Start(); err != nil {
			return err
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			return err
		case <-ctx.Done():
			return nil // still starting the viewer: it took the file
		}
	}
}

// openBytes writes b to a private temporary file named name and opens it in
// the system's viewer, off the UI goroutine.
func (u *UI) openBytes(name string, b []byte) {
	u.openLoaded(func() (string, []byte, error) { return name, b, nil })
}

// openLoaded reads a stored file with load, writes it to a private
// temporary file and opens it in the system's viewer, all off the UI
// goroutine.
func (u *UI) openLoaded(load func() (name string, b []byte, err error)) {
	u.background(func() func() {
		name, b, err := load()
		var path string
		if err == nil {
			path, err = writeOpened(name, b)
		}
		if err != nil {
			return func() { u.showError(err) }
		}
		return func() { u.openPath(path, true) }
	})
}

// openedDir is the folder of the copies ILA Desk hands to other programs: in
// the user's own cache folder, readable by the user alone, never a link.
func openedDir() (string, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		return "", &data.Problem{Msg: "ILA Desk has no folder for temporary files: {{.Err}}", Args: map[string]any{"Err": err.Error()}, Err: err}
	}
	dir := filepath.Join(base, "ila-desk", "opened")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", &data.Problem{Msg: "ILA Desk could not create its folder for temporary files, {{.Dir}}. Check that you may write there.", Args: map[string]any{"Dir": dir}, Err: err}
	}
	fi, err := os.Lstat(dir)
	if err != nil || !fi.IsDir() || fi.Mode()&os.ModeSymlink != 0 || !ownedByUser(fi) {
		return "", &data.Problem{Msg: "ILA Desk's folder for temporary files, {{.Dir}}, is not a folder of yours. Remove it and try again.", Args: map[string]any{"Dir": dir}}
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return "", fmt.Errorf("protect %s: %w", dir, err)
	}
	return dir, nil
}

// writeOpened writes b as name in a new folder of its own inside openedDir,
// so that the viewer shows the file's real name.
func writeOpened(name string, b []byte) (string, error) {
	dir, err := openedDir()
	if err != nil {
		return "", err
	}
	sub, err := os.MkdirTemp(dir, "")
	if err != nil {
		return "", fmt.Errorf("temporary folder: %w", err)
	}
	name = filepath.Base(name)
	if name == "." || name == string(filepath.Separator) {
		name = "document"
	}
	path := filepath.Join(sub, name)
	if err := os.WriteFile(path, b, 0o600); err != nil {
		return "", atomicfile.Explain(path, err)
	}
	return path, nil
}

// CleanOpenedFiles removes the copies handed to other programs. It runs at
// start and when the window closes; a copy a program still holds open on
// Windows stays until the next start.
func CleanOpenedFiles() {
	dir, err := openedDir()
	if err != nil {
		return
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		os.RemoveAll(filepath.Join(dir, e.Name()))
	}
}
