package ui

import (
	"context"
	"regexp"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/store"
	"github.com/handelskammaren/ila-desk/ui/locale"
)

// searchDelay is how long typing must pause before the search runs.
const searchDelay = 150 * time.Millisecond

// searchLimit is the most hits shown.
const searchLimit = 60

// searchBar is the one search field at the top of the window. It searches as
// the user types, off the UI goroutine, and shows the hits grouped by kind in
// place of the current screen; a hit opens its item, Escape clears.
type searchBar struct {
	u       *UI
	entry   *searchEntry
	list    *resultList
	summary *widget.Label
	view    fyne.CanvasObject
	shown   bool // the results replace the screen

	rows      []searchRow // UI goroutine only
	highlight int
	query     string // the text whose hits are shown

	gen  atomic.Int64 // the latest query; older results are dropped
	soon debouncer    // runs the query once typing pauses (searchDelay)

	// deliver runs a function on the UI goroutine (u.do), unless a test
	// runs it on its own goroutine.
	deliver func(func())
}

// searchHit is a store hit with what is needed to show and open it.
type searchHit struct {
	store.Hit
	noteKind, noteKey string // for notes: what the note is on
}

// searchRow is a group heading or a hit in the results.
type searchRow struct {
	heading string
	hit     searchHit
}

// searchGroups orders the kinds of hits under their headings.
var searchGroups = []struct {
	heading string // translation key
	kinds   []string
}{
	{"The arena's agenda", []string{"focus", "activity"}},
	{"Meetings", []string{"meeting"}},
	{"Protocols", []string{"protocol"}},
	{"Submissions", []string{"submission"}},
	{"Notes", []string{"note"}},
	{"The chamber's events", []string{"event"}},
	{"Contacts", []string{"contact"}},
}

// searchEntry is the search field: Escape clears it, Down moves to the hits.
type searchEntry struct {
	widget.Entry
	bar *searchBar
}

func (e *searchEntry) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyEscape:
		e.bar.clear()
	case fyne.KeyDown:
		e.bar.focusResults()
	default:
		e.Entry.TypedKey(k)
	}
}

// resultList is the list of hits: Return opens the highlighted hit, Escape
// clears the search, Up from the first row goes back to the field.
type resultList struct {
	widget.List
	bar *searchBar
}

func (l *resultList) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyEscape:
		l.bar.clear()
	case fyne.KeyReturn, fyne.KeyEnter:
		l.bar.openRow(l.bar.highlight)
	case fyne.KeyUp:
		if l.bar.highlight <= l.bar.firstHit() {
			l.bar.u.win.Canvas().Focus(l.bar.entry)
			return
		}
		l.List.TypedKey(k)
		l.skipHeading(-1)
	case fyne.KeyDown:
		l.List.TypedKey(k)
		l.skipHeading(1)
	default:
		l.List.TypedKey(k)
	}
}

// skipHeading moves the highlight off a group heading, in direction d.
func (l *resultList) skipHeading(d int) {
	b := l.bar
	if i := b.highlight; i >= 0 && i < len(b.rows) && b.rows[i].heading != "" && i+d >= 0 && i+d < len(b.rows) {
		l.Highlight(i + d)
	}
}

// newSearchBar builds the search field and registers Ctrl+F on the window.
func (u *UI) newSearchBar() fyne.CanvasObject {
	s := &searchBar{u: u, soon: debouncer{delay: searchDelay}, deliver: func(f func()) { u.do(f) }}
	u.search = s
	s.entry = &searchEntry{bar: s}
	s.entry.ExtendBaseWidget(s.entry)
	s.entry.SetPlaceHolder(lang.L("Search agenda, meetings, protocols, submissions and notes (Ctrl+F)"))
	s.entry.ActionItem = widget.NewIcon(theme.SearchIcon())
	s.entry.OnChanged = s.onChanged
	s.entry.OnSubmitted = func(string) { s.openRow(s.firstHit()) }

	s.summary = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.summary.Wrapping = fyne.TextWrapWord
	s.list = &resultList{bar: s}
	s.list.Length = func() int { return len(s.rows) }
	s.list.CreateItem = func() fyne.CanvasObject {
		head := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		head.SizeName = theme.SizeNameSubHeadingText
		title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.Truncation = fyne.TextTruncateEllipsis
		snippet := widget.NewRichText()
		snippet.Truncation = fyne.TextTruncateEllipsis
		return container.NewVBox(head, title, snippet)
	}
	s.list.UpdateItem = func(id widget.ListItemID, o fyne.CanvasObject) {
		box := o.(*fyne.Container)
		head, title, snippet := box.Objects[0].(*widget.Label), box.Objects[1].(*widget.Label), box.Objects[2].(*widget.RichText)
		r := s.rows[id]
		if r.heading != "" {
			head.SetText(r.heading)
			head.Show()
			title.Hide()
			snippet.Hide()
		} else {
			head.Hide()
			title.SetText(r.hit.Title)
			title.Show()
			snippet.Segments = snippetSegments(r.hit.Snippet)
			snippet.Refresh()
			snippet.Show()
		}
		s.list.SetItemHeight(id, box.MinSize().Height)
	}
	s.list.OnSelected = func(id widget.ListItemID) {
		s.list.Unselect(id)
		s.openRow(id)
	}
	s.list.OnHighlighted = func(id widget.ListItemID) { s.highlight = id }
	s.list.ExtendBaseWidget(s.list)
	hint := sentence(lang.L("Down arrow moves through the hits, Enter opens, Esc closes."))
	hint.Importance = widget.LowImportance
	s.view = container.NewBorder(container.NewVBox(s.summary, hint), nil, nil, nil, s.list)

	return container.NewPadded(s.entry)
}

// focus puts the cursor in the search field with its text selected.
func (s *searchBar) focus() {
	s.u.win.Canvas().Focus(s.entry)
	s.entry.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// onChanged runs on the UI goroutine for every keystroke: it schedules the
// query after a short pause.
func (s *searchBar) onChanged(text string) {
	gen := s.gen.Add(1)
	s.soon.stop()
	if strings.TrimSpace(text) == "" {
		s.hide()
		return
	}
	s.soon.trigger(func() { s.run(gen, text) })
}

// run queries the store off the UI goroutine and shows the hits, unless the
// user has typed on since.
func (s *searchBar) run(gen int64, text string) {
	if s.gen.Load() != gen {
		return
	}
	hits, err := searchStore(s.u.ctx, s.u.st, text)
	s.deliver(func() {
		if s.gen.Load() != gen {
			return // stale: a newer query is on its way
		}
		s.apply(text, hits, err)
	})
}

// searchStore finds the hits for text and looks up what notes are on.
func searchStore(ctx context.Context, st *store.Store, text string) ([]searchHit, error) {
	raw, err := st.Search(ctx, text, searchLimit)
	if err != nil {
		return nil, err
	}
	var protocols map[string]string // key → title, loaded for the first note on a protocol
	hits := make([]searchHit, 0, len(raw))
	for _, h := range raw {
		sh := searchHit{Hit: h}
		if h.Kind == "note" {
			n, err := st.NoteByID(ctx, h.Ref)
			if err != nil {
				continue // deleted since the index answered
			}
			sh.noteKind, sh.noteKey = n.TargetKind, n.TargetKey
			on := n.TargetKey
			switch n.TargetKind {
			case noteMeeting:
				if m, err := st.MeetingByKey(ctx, n.TargetKey); err == nil {
					on = m.Title + " " + m.Start.Format("2006-01-02")
				}
			case noteProtocol:
				if protocols == nil {
					protocols = map[string]string{}
					ps, err := st.Protocols(ctx)
					if err != nil {
						return nil, err
					}
					for _, p := range ps {
						protocols[p.Key] = p.Title + " " + p.Date.Format("2006-01-02")
					}
				}
				if t, ok := protocols[n.TargetKey]; ok {
					on = t
				}
			}
			sh.Title = locale.T("Your note on {{.Item}}", map[string]any{"Item": on})
		}
		hits = append(hits, sh)
	}
	return hits, nil
}

// apply shows the hits grouped under headings in place of the screen.
func (s *searchBar) apply(text string, hits []searchHit, err error) {
	s.query = text
	s.rows = s.rows[:0]
	switch {
	case err != nil:
		fyne.LogError("search", err)
		s.summary.SetText(locale.Explain(err))
	case len(hits) == 0:
		s.summary.SetText(locale.T("No hits for \"{{.Query}}\"", map[string]any{"Query": strings.TrimSpace(text)}))
	default:
		if len(hits) == 1 {
			s.summary.SetText(locale.T("One hit for \"{{.Query}}\"", map[string]any{"Query": strings.TrimSpace(text)}))
		} else {
			s.summary.SetText(locale.T("{{.N}} hits for \"{{.Query}}\"", map[string]any{"N": len(hits), "Query": strings.TrimSpace(text)}))
		}
		for _, g := range searchGroups {
			first := true
			for _, h := range hits {
				if !contains(g.kinds, h.Kind) {
					continue
				}
				if first {
					s.rows = append(s.rows, searchRow{heading: lang.L(g.heading)})
					first = false
				}
				s.rows = append(s.rows, searchRow{hit: h})
			}
		}
	}
	s.highlight = s.firstHit()
	s.list.UnselectAll()
	s.list.Refresh()
	s.list.ScrollToTop()
	s.show()
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// firstHit is the row of the first hit, or -1.
func (s *searchBar) firstHit() int {
	for i, r := range s.rows {
		if r.heading == "" {
			return i
		}
	}
	return -1
}

// show puts the results in place of the screen.
func (s *searchBar) show() {
	s.shown = true
	s.u.content.Objects = []fyne.CanvasObject{s.view}
	s.u.content.Refresh()
}

// hide puts the current screen back.
func (s *searchBar) hide() {
	if !s.shown {
		return
	}
	s.shown = false
	if v := s.u.pages[s.u.current].view; v != nil {
		s.u.content.Objects = []fyne.CanvasObject{v}
		s.u.content.Refresh()
	}
}

// clear empties the field and shows the screen again.
func (s *searchBar) clear() {
	s.reset()
	s.hide()
	s.u.win.Canvas().Focus(s.entry)
}

// focusResults moves the keyboard focus to the first hit.
func (s *searchBar) focusResults() {
	if !s.shown || s.firstHit() < 0 {
		return
	}
	s.u.win.Canvas().Focus(s.list)
	s.list.Highlight(s.firstHit())
}

// openRow opens the hit in row i and closes the search.
func (s *searchBar) openRow(i int) {
	if i < 0 || i >= len(s.rows) || s.rows[i].heading != "" {
		return
	}
	h := s.rows[i].hit
	s.reset()
	s.hide()
	s.u.openHit(h)
}

// openHit shows the item a search hit names.
func (u *UI) openHit(h searchHit) {
	switch h.Kind {
	case "meeting":
		var m data.Meeting
		u.act(func(ctx context.Context) (err error) {
			m, err = u.st.Meeting(ctx, h.Ref)
			return err
		}, func() { u.openMeeting(m.Key) })
	case "protocol":
		u.openProtocol(h.Ref)
	case "note":
		switch h.noteKind {
		case noteMeeting:
			u.openMeeting(h.noteKey)
		case noteProtocol:
			var ps []data.Protocol
			u.act(func(ctx context.Context) (err error) {
				ps, err = u.st.Protocols(ctx)
				return err
			}, func() {
				for _, p := range ps {
					if p.Key == h.noteKey {
						u.openProtocol(p.ID)
						return
					}
				}
			})
		}
	case "submission":
		u.openSubmission(h.Ref)
	case "event", "contact":
		u.goTo(pageAbout)
	default: // focus areas and activities
		u.goTo(pageAgenda)
	}
}

// leaveScreen runs before another screen is shown: it saves typed notes and
// closes the search results.
func (u *UI) leaveScreen() {
	u.flushNotes()
	if s := u.search; s != nil && s.shown {
		s.shown = false // the new screen takes the results' place
		s.reset()
	}
}

// reset empties the field without searching and drops queries under way.
func (s *searchBar) reset() {
	s.gen.Add(1)
	s.soon.stop()
	s.entry.OnChanged = nil
	s.entry.SetText("")
	s.entry.OnChanged = s.onChanged
}

// snippetSegments renders a store snippet with the match, marked « », in bold.
func snippetSegments(snippet string) []widget.RichTextSegment {
	var segs []widget.RichTextSegment
	add := func(text string, strong bool) {
		if text == "" {
			return
		}
		style := widget.RichTextStyleInline
		if strong {
			style = widget.RichTextStyleStrong
		}
		segs = append(segs, &widget.TextSegment{Text: text, Style: style})
	}
	rest := plainSnippet(snippet)
	for {
		open := strings.Index(rest, "«")
		if open < 0 {
			break
		}
		add(rest[:open], false)
		rest = rest[open+len("«"):]
		end := strings.Index(rest, "»")
		if end < 0 {
			add(rest, true)
			rest = ""
			break
		}
		add(rest[:end], true)
		rest = rest[end+len("»"):]
	}
	add(rest, false)
	return segs
}

// Markdown's heading and emphasis marks, which a snippet shows as they are;
// they are noise in a one-line preview.
var (
	spaces       = regexp.MustCompile(`\s+`)
	headingMarks = regexp.MustCompile(`(^| )#{1,6} `)
)

// plainSnippet is a snippet on one line without Markdown marks.
func plainSnippet(s string) string {
	s = spaces.ReplaceAllString(s, " ")
	s = headingMarks.ReplaceAllString(s, "$1")
	return strings.NewReplacer("**", "", "__", "").Replace(s)
}
