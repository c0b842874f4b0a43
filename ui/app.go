// Package ui is ILA Desk's window: a navigation sidebar and one screen per
// part of the product, all working on the store. One file per screen; each
// screen is a struct that holds its widgets, builds them in buildUI and
// reloads from the store in refresh.
package ui

import (
	"context"
	"errors"
	"path/filepath"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/handelskammaren/ila-desk/assets"
	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/atomicfile"
	"github.com/handelskammaren/ila-desk/data/store"
	"github.com/handelskammaren/ila-desk/ui/apptheme"
	"github.com/handelskammaren/ila-desk/ui/locale"
)

// AppID is the application's unique ID (also in FyneApp.toml).
const AppID = "se.handelskammarenmalardalen.ila"

// Title is the main window's title.
const Title = "ILA – Infrastruktur & Logistikarenan"

// screen is one part of the window.
type screen interface {
	buildUI() fyne.CanvasObject
	refresh()
}

// UI is the main window and its screens.
type UI struct {
	app    fyne.App
	win    fyne.Window
	st     *store.Store
	prefs  prefs
	now    func() time.Time   // the clock; tests fix it
	do     func(func())       // runs a function on the UI goroutine: fyne.Do; tests queue it
	ctx    context.Context    // cancelled when the window closes
	cancel context.CancelFunc // cancels ctx

	pending atomic.Int64 // work started off the UI goroutine and not yet applied

	version string
	nav     *keyList
	content *fyne.Container
	pages   []page
	current int

	// The screens other parts of the window open things on; the others
	// are reached through u.pages only.
	meetings    *meetings
	protocols   *protocols
	submissions *submissions

	search  *searchBar    // the search field above the screens
	notes   []*noteEditor // note editors, saved when leaving a screen
	dialogs []shownDialog // the open dialogs, topmost last

	opener   func(path string) error // opens a file or folder in the system's program
	notifies func() bool             // whether the system shows notifications
}

type page struct {
	name   string
	icon   fyne.Resource
	screen screen
	view   fyne.CanvasObject // built on first show
}

// Page indexes, in sidebar order.
const (
	pageOverview = iota
	pageAgenda
	pageMeetings
	pageProtocols
	pageSubmissions
	pageCompany
	pageAbout
)

// Run loads the user's language, builds the main window on st and runs the
// app until the window closes.
// screen tells the usable size of the screen once the window exists, zeros
// when unknown; the window opens within it.
func Run(a fyne.App, st *store.Store, version string, screen func() (w, h float32)) error {
	p, closePrefs := openPrefs(a)
	defer closePrefs()
	if err := locale.Load(p.language()); err != nil {
		fyne.LogError("load translations", err)
	}
	CleanOpenedFiles()
	defer CleanOpenedFiles()
	u := newUI(a, st, p, version, time.Now, fyne.Do)
	go u.removeStaleTempFiles()
	if screen != nil {
		u.fitScreen(screen())
	}
	u.startReminders()
	u.win.ShowAndRun()
	// The window may close without onClose, when the program is told to
	// quit: save what was typed before the store closes.
	err := u.saveAll()
	u.cancel()
	return err
}

// New builds the main window without showing it.
func New(a fyne.App, st *store.Store, version string) *UI {
	return newUI(a, st, prefs{a.Preferences()}, version, time.Now, fyne.Do)
}

// newUI builds the window on st; now is the clock and do hands work to the
// UI goroutine (fyne.Do), both given before anything starts, since the
// first screen begins loading at once.
func newUI(a fyne.App, st *store.Store, p prefs, version string, now func() time.Time, do func(func())) *UI {
	u := &UI{app: a, st: st, prefs: p, now: now, do: do, version: version}
	u.ctx, u.cancel = context.WithCancel(context.Background())
	u.opener, u.notifies = systemOpener(a), notificationsAvailable
	a.Settings().SetTheme(apptheme.New(u.prefs.appearance()))
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	u.win = a.NewWindow(Title)
	u.meetings, u.protocols, u.submissions = &meetings{u: u}, &protocols{u: u}, &submissions{u: u, typing: debouncer{delay: listSearchDelay}}
	u.pages = []page{
		{name: lang.L("Overview"), icon: theme.HomeIcon(), screen: &overview{u: u}},
		{name: lang.L("Agenda"), icon: theme.ListIcon(), screen: &agenda{u: u}},
		{name: lang.L("Meetings"), icon: theme.CalendarIcon(), screen: u.meetings},
		{name: lang.L("Protocols"), icon: theme.DocumentIcon(), screen: u.protocols},
		{name: lang.L("Submissions"), icon: theme.DocumentCreateIcon(), screen: u.submissions},
		{name: lang.L("Company"), icon: theme.AccountIcon(), screen: &company{u: u}},
		{name: lang.L("About"), icon: theme.InfoIcon(), screen: &about{u: u}},
	}
	u.content = container.NewStack()
	u.nav = &keyList{List: widget.List{
		Length: func() int { return len(u.pages) },
		CreateItem: func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel("Protokoll och mer"))
		},
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Icon).SetResource(u.pages[id].icon)
			box.Objects[1].(*widget.Label).SetText(u.pages[id].name)
		},
		OnSelected: func(id widget.ListItemID) { u.show(id) },
	}}
	u.nav.init()
	split := container.NewHSplit(u.nav.framed(), u.content)
	split.Offset = 0.17
	top := container.NewVBox(u.newSearchBar())
	if b := u.readOnlyBanner(); b != nil {
		top.Add(b)
	}
	u.win.SetContent(container.NewBorder(top, nil, nil, nil, split))
	u.win.SetMainMenu(u.mainMenu())
	u.win.Resize(u.prefs.windowSize())
	u.win.SetCloseIntercept(u.onClose)
	escapes.Store(u.win.Canvas(), u.onEscape)
	u.win.Canvas().SetOnTypedKey(u.onTypedKey)
	u.installShortcuts()
	u.nav.Select(pageOverview)
	return u
}

// removeStaleTempFiles removes the half-written files a killed export or
// save left in the folders ILA Desk writes to.
func (u *UI) removeStaleTempFiles() {
	for _, dir := range []string{u.prefs.folder(), defaultFolder(), filepath.Dir(u.st.Path())} {
		if dir == "" {
			continue
		}
		if _, err := atomicfile.RemoveStale(dir, atomicfile.StaleAge); err != nil {
			fyne.LogError("remove stale temporary files in "+dir, err)
		}
	}
}

// fitScreen makes the window no larger than a screen of sw×sh (the area
// the task bars leave), with room for the window's title bar.
func (u *UI) fitScreen(sw, sh float32) {
	if sw <= 0 || sh <= 0 {
		return
	}
	u.win.Resize(fitWindow(u.prefs.windowSize(), sw, sh))
}

// titleBar is room left for the window manager's title bar and frame.
const titleBar = 40

// fitWindow is size made to fit a screen of sw×sh, never smaller than the
// smallest window ILA Desk is laid out for.
func fitWindow(size fyne.Size, sw, sh float32) fyne.Size {
	size.Width = fyne.Min(size.Width, sw)
	size.Height = fyne.Min(size.Height, sh-titleBar)
	return size.Max(fyne.NewSize(fyne.Min(minWindowWidth, sw), fyne.Min(minWindowHeight, sh-titleBar)))
}

// onClose saves everything typed and closes the window. When something
// cannot be saved it asks first, because closing would lose it.
func (u *UI) onClose() {
	s := u.win.Canvas().Size()
	u.prefs.setWindowSize(s.Width, s.Height)
	if err := u.saveAll(); err != nil {
		fyne.LogError("save before closing", err)
		u.confirm(lang.L("Close without saving?"),
			locale.T("What you typed last could not be saved: {{.Reason}} Close anyway? It is then lost.", map[string]any{"Reason": locale.Explain(err)}),
			lang.L("Close without saving"), true, u.close)
		return
	}
	u.close()
}

// close closes the window, once what was typed is saved (or given up):
// work still under way stops.
func (u *UI) close() {
	u.cancel()
	u.win.Close()
}

// saveAll writes every note and the open submission before it returns; an
// error says something is not saved.
func (u *UI) saveAll() error {
	if e := u.openEditor(); e != nil && e.discardIfUntouched() {
		return u.saveNotesNow()
	}
	return errors.Join(u.saveNotesNow(), u.flushEditor())
}

// Window is the main window.
func (u *UI) Window() fyne.Window { return u.win }

// show switches to page i, building it on first use and refreshing it.
func (u *UI) show(i int) {
	if u.current == pageSubmissions && i != pageSubmissions {
		u.flushEditor()
	}
	u.leaveScreen()
	p := &u.pages[i]
	if p.view == nil {
		p.view = p.screen.buildUI()
	}
	u.current = i
	p.screen.refresh()
	u.content.Objects = []fyne.CanvasObject{p.view}
	u.content.Refresh()
}

// goTo selects page i in the sidebar, which shows it.
func (u *UI) goTo(i int) {
	if u.current == i && u.pages[i].view != nil {
		u.pages[i].screen.refresh()
		return
	}
	u.nav.Select(i)
}

func (u *UI) mainMenu() *fyne.MainMenu {
	return fyne.NewMainMenu(
		fyne.NewMenu(lang.X("menu.file", "File"),
			u.menuItem(lang.L("New submission"), fyne.KeyN, u.newSubmission),
			u.menuItem(lang.L("Save"), fyne.KeyS, u.saveOpenSubmission),
			u.menuItem(lang.L("Print / PDF…"), fyne.KeyP, u.printCurrent),
			u.menuItem(lang.L("Close submission"), fyne.KeyW, u.closeOpenSubmission),
			fyne.NewMenuItemSeparator(),
			u.menuItem(lang.L("Export for the chamber…"), "", func() { u.exportPackage(store.SubmissionQuery{}) }),
			u.menuItem(lang.L("Import package…"), "", u.importPackage),
			fyne.NewMenuItemSeparator(),
			u.menuItem(lang.L("Back up…"), "", u.onBackup),
			u.menuItem(lang.L("Restore from a backup…"), "", u.onRestore),
			fyne.NewMenuItemSeparator(),
			u.menuItem(lang.L("Import arena content…"), "", u.onImportContent),
			u.menuItem(lang.L("Export arena content…"), "", u.onExportContent),
			fyne.NewMenuItemSeparator(),
			u.menuItem(lang.L("Search…"), fyne.KeyF, func() { u.search.focus() }),
			fyne.NewMenuItemSeparator(),
			u.quitItem()),
		fyne.NewMenu(lang.L("View"), u.viewItems()...),
		fyne.NewMenu(lang.L("Help"),
			u.menuItem(lang.L("Keyboard shortcuts"), "", u.showShortcuts),
			u.menuItem(lang.L("About ILA Desk"), "", func() { u.goTo(pageAbout) })),
	)
}

// quitItem is File → Quit with Ctrl+Q on every system (Fyne's own has no
// shortcut on Linux and Windows). It closes as the window's close button
// does: everything typed is saved first.
func (u *UI) quitItem() *fyne.MenuItem {
	it := u.menuItem(lang.L("Quit"), fyne.KeyQ, u.onClose)
	it.IsQuit = true
	return it
}

// viewItems are the View menu: every screen by Ctrl+1…7, and the editor's
// tabs by Ctrl+PageDown and Ctrl+PageUp (Fyne's tabs take no keyboard
// focus of their own).
func (u *UI) viewItems() []*fyne.MenuItem {
	items := []*fyne.MenuItem{
		u.menuItem(lang.L("Next tab"), fyne.KeyPageDown, func() { u.moveTab(1) }),
		u.menuItem(lang.L("Previous tab"), fyne.KeyPageUp, func() { u.moveTab(-1) }),
		fyne.NewMenuItemSeparator(),
	}
	for i := range u.pages {
		items = append(items, u.menuItem(u.pages[i].name, fyne.KeyName(rune('1'+i)), func() { u.goTo(i) }))
	}
	return items
}

// moveTab shows the editor's next (d = 1) or previous (d = -1) tab.
func (u *UI) moveTab(d int) {
	if e := u.openEditor(); e != nil && u.current == pageSubmissions {
		e.showTab(e.tabs.SelectedIndex() + d)
	}
}

// menuItem is a menu item with an optional Ctrl (Cmd on macOS) shortcut.
// The shortcut lives in the menu so that it works while a text field has
// the focus, and is shown next to the item. Nothing happens while a dialog
// covers the window: the dialog has the user's attention.
func (u *UI) menuItem(label string, key fyne.KeyName, action func()) *fyne.MenuItem {
	it := fyne.NewMenuItem(label, func() {
		if !u.dialogOpen() {
			action()
		}
	})
	if key != "" {
		it.Shortcut = &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
	}
	return it
}

// language is the UI's language for dates and names.
func (u *UI) language() data.Language { return locale.Current() }

// showError tells the user what went wrong in a sentence they can act on.
func (u *UI) showError(err error) {
	if err == nil {
		return
	}
	fyne.LogError("ila", err)
	u.inform(lang.L("Something went wrong"), locale.Explain(err))
}

// refreshAll reloads every built screen, after the store changed under them.
func (u *UI) refreshAll() {
	for i := range u.pages {
		if u.pages[i].view != nil {
			u.pages[i].screen.refresh()
		}
	}
}
