package ui

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/store"
	"github.com/handelskammaren/ila-desk/data/textextract"
	"github.com/handelskammaren/ila-desk/ui/locale"
)

// protocols is the protocol library: entries by date and the chosen one's
// text, its attached document and the user's notes.
type protocols struct {
	u                *UI
	load, detailLoad loader

	items    []data.Protocol
	list     *keyList
	add      *button // coordinator mode only
	detail   *fyne.Container
	notes    *noteEditor
	selected int64
}

// documentExts are the kinds of document a protocol takes.
var documentExts = []string{".pdf", ".md", ".markdown", ".txt"}

func (s *protocols) buildUI() fyne.CanvasObject {
	s.list = &keyList{List: widget.List{
		Length: func() int { return len(s.items) },
		CreateItem: func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, widget.NewIcon(theme.DocumentIcon()), nil, l)
		},
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			p := s.items[id]
			c := o.(*fyne.Container)
			c.Objects[0].(*widget.Label).SetText(p.Date.Format("2006-01-02") + " – " + p.Title)
			icon := theme.DocumentIcon()
			if p.Document != nil || p.Text != "" {
				icon = theme.FileTextIcon()
			}
			c.Objects[1].(*widget.Icon).SetResource(icon)
		},
		OnSelected: func(id widget.ListItemID) { s.showProtocol(s.items[id]) },
	}}
	s.list.init()
	s.notes = newNoteEditor(s.u)
	s.add = newButton(lang.L("Add"), theme.ContentAddIcon(), func() { s.u.editProtocol(data.Protocol{}) })
	s.detail = container.NewStack()
	left := container.New(minWidth{w: listWidth}, container.NewBorder(flow(s.add), nil, nil, nil, s.list.framed()))
	split := container.NewHSplit(left, vscroll(container.NewPadded(s.detail)))
	split.Offset = 0.35
	return split
}

// refresh reads the protocols off the UI goroutine and lists them.
func (s *protocols) refresh() {
	if s.u.prefs.coordinatorMode() {
		s.add.Show()
	} else {
		s.add.Hide()
	}
	s.load.run(s.u, func(ctx context.Context) func() {
		ps, err := s.u.st.Protocols(ctx)
		return func() {
			if err != nil {
				s.u.showError(err)
				return
			}
			s.show(ps)
		}
	})
}

// show lists the protocols and selects the one shown before, else the
// first.
func (s *protocols) show(ps []data.Protocol) {
	s.items = ps
	s.list.UnselectAll()
	s.list.Refresh()
	for i, p := range ps {
		if p.ID == s.selected {
			s.list.Select(i)
			s.list.ScrollTo(i)
			return
		}
	}
	if len(ps) > 0 {
		s.list.Select(0)
		return
	}
	s.selected = 0
	s.detail.Objects = []fyne.CanvasObject{sentence(lang.L("The protocol library is empty."))}
	s.detail.Refresh()
}

// open shows the protocol with the given id.
func (s *protocols) open(id int64) {
	s.selected = id
	for i, p := range s.items {
		if p.ID == id {
			s.list.Select(i)
			s.list.ScrollTo(i)
		}
	}
}

// protocolDetail is what the detail of a protocol needs from the store.
type protocolDetail struct {
	meeting    *data.Meeting // the linked meeting, if any
	docText    string        // the attached Markdown or text document's text
	docTextErr error
}

// showProtocol reads what the detail needs off the UI goroutine and shows
// it.
func (s *protocols) showProtocol(p data.Protocol) {
	s.selected = p.ID
	s.detailLoad.run(s.u, func(ctx context.Context) func() {
		var d protocolDetail
		if p.MeetingKey != "" {
			if m, err := s.u.st.MeetingByKey(ctx, p.MeetingKey); err == nil {
				d.meeting = &m
			}
		}
		if p.Document != nil && isTextDocument(p.Document.MIME) {
			doc, err := s.u.st.DocumentData(ctx, p.ID)
			// The extracted text is UTF-8 whatever the file's encoding.
			d.docText, d.docTextErr = doc.Text, err
		}
		return func() { s.showDetail(p, d) }
	})
}

// showDetail lays out the protocol's detail.
func (s *protocols) showDetail(p data.Protocol, d protocolDetail) {
	l := s.u.language()
	title := widget.NewLabelWithStyle(p.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	title.Wrapping = fyne.TextWrapWord
	facts := widget.NewForm(
		widget.NewFormItem(lang.L("Date"), sentence(data.FormatDate(p.Date, l))),
		widget.NewFormItem(lang.L("Kind"), sentence(locale.ProtocolKindName(p.Kind))),
	)
	if m := d.meeting; m != nil {
		facts.Append(lang.L("Meeting"), newLink(data.FormatShortDate(m.Start, l)+" – "+m.Title, func() { s.u.openMeeting(m.Key) }))
	}
	actions := flow(newButton(lang.L("Attach document"), theme.ContentAddIcon(), func() { s.onAttach(p) }),
		newButton(lang.L("Print / PDF…"), theme.DocumentPrintIcon(), func() { s.u.printProtocol(p.ID) }))
	if p.Document != nil {
		actions.Add(newButton(lang.L("Open"), theme.FileIcon(), func() { s.onOpenDocument(p) }))
	}
	if s.u.prefs.coordinatorMode() {
		actions.Add(newButton(lang.L("Edit"), theme.DocumentCreateIcon(), func() { s.u.editProtocol(p) }))
		actions.Add(newButton(lang.L("Delete"), theme.DeleteIcon(), func() { s.u.deleteProtocol(p) }))
	}
	box := container.NewVBox(title, facts, actions)
	if p.Text != "" {
		box.Add(newMarkdown(p.Text))
	} else if p.Document == nil {
		msg := sentence(lang.L("The chamber's page lists this protocol by its date and title only; its text is not in the app. Attach the document when you have it."))
		msg.Wrapping = fyne.TextWrapWord
		box.Add(msg)
	}
	if p.Document != nil {
		box.Add(s.documentView(p, d))
	}
	s.notes.show(noteProtocol, p.Key)
	box.Add(s.notes.view)
	s.detail.Objects = []fyne.CanvasObject{box}
	s.detail.Refresh()
}

// documentView describes the attached document and, for Markdown and text,
// shows its text.
func (s *protocols) documentView(p data.Protocol, dd protocolDetail) fyne.CanvasObject {
	d := p.Document
	box := container.NewVBox(heading(locale.T("Attached document: {{.Name}}", map[string]any{"Name": d.Name})))
	info := locale.T("{{.Size}}, added {{.Date}}.", map[string]any{"Size": sizeText(d.Size), "Date": data.FormatShortDate(d.Added, s.u.language())})
	if d.Searchable {
		info += " " + lang.L("Its text is searchable.")
	} else {
		info += " " + lang.L("Not searchable: no text could be read from the document. Open it to read it.")
	}
	il := widget.NewLabel(info)
	il.Wrapping = fyne.TextWrapWord
	if !d.Searchable {
		il.Importance = widget.WarningImportance
	}
	box.Add(il)
	if isTextDocument(d.MIME) {
		if dd.docTextErr != nil {
			s.u.showError(dd.docTextErr)
			return box
		}
		var t *widget.RichText
		if strings.HasPrefix(d.MIME, "text/markdown") {
			t = newMarkdown(dd.docText)
		} else {
			t = widget.NewRichTextWithText(dd.docText)
		}
		t.Wrapping = fyne.TextWrapWord
		box.Add(widget.NewCard("", "", t))
	}
	return box
}

func isTextDocument(mime string) bool {
	return strings.HasPrefix(mime, "text/markdown") || strings.HasPrefix(mime, "text/plain")
}

// print prints the protocol shown.
func (s *protocols) print() {
	if s.selected != 0 {
		s.u.printProtocol(s.selected)
	}
}

// onAttach asks for a document (PDF, Markdown or text) and stores it with p,
// after asking before it replaces one.
func (s *protocols) onAttach(p data.Protocol) {
	pick := func() {
		s.u.pickFile(documentExts, func(path string) {
			s.u.background(func() func() {
				doc, err := s.u.attachDocumentFile(p.ID, path)
				return func() { s.attached(p.ID, doc, err) }
			})
		})
	}
	if p.Document == nil {
		pick()
		return
	}
	s.u.confirm(lang.L("Replace the document?"),
		locale.T("This protocol already has the document {{.Name}}. The new one takes its place.", map[string]any{"Name": p.Document.Name}),
		lang.L("Replace"), true, pick)
}

// attached tells how an attachment went and shows the protocol again.
func (s *protocols) attached(protocolID int64, doc store.Document, err error) {
	if err != nil {
		s.u.inform(lang.L("The document was not attached"), locale.Explain(err))
		return
	}
	if !doc.Searchable {
		s.u.inform(lang.L("Attached, but not searchable"),
			locale.T("{{.Name}} is attached to the protocol, but no text could be read from it, so search will not find what it says. You can still open and read it.", map[string]any{"Name": doc.Name}))
	}
	s.selected = protocolID
	s.u.refreshAll()
}

// attachDocumentFile attaches the document at path; see attachDocument.
func (u *UI) attachDocumentFile(protocolID int64, path string) (store.Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return store.Document{}, &data.Problem{Msg: "Could not read {{.Name}}. Check that the file is still there and that you may read it.",
			Args: map[string]any{"Name": filepath.Base(path)}, Err: err}
	}
	defer f.Close()
	return u.attachDocument(protocolID, filepath.Base(path), f)
}

// attachDocument reads a document, checks its kind and size, extracts its
// text for search and stores it with the protocol. It runs off the UI
// goroutine. A document whose text cannot be read is still kept, marked as not
// searchable.
func (u *UI) attachDocument(protocolID int64, name string, r io.Reader) (store.Document, error) {
	b, err := io.ReadAll(io.LimitReader(r, textextract.MaxSize+1))
	if err != nil {
		return store.Document{}, &data.Problem{Msg: "Could not read {{.Name}}. Check that the file is still there and that you may read it.",
			Args: map[string]any{"Name": name}, Err: err}
	}
	mime, err := textextract.Detect(name, b)
	if err != nil {
		return store.Document{}, err
	}
	text, searchable, err := textextract.Extract(name, mime, b)
	if err != nil {
		fyne.LogError("extract text of "+name, err)
		text, searchable = "", false
	}
	doc := store.Document{DocumentInfo: data.DocumentInfo{Name: filepath.Base(name), MIME: mime, Size: int64(len(b)), Searchable: searchable},
		Data: b, Text: text}
	id, err := u.st.AttachDocument(u.ctx, protocolID, doc)
	doc.ID = id
	return doc, err
}

// onOpenDocument writes the protocol's document to a temporary file with the
// right extension and opens it in the system's viewer.
func (s *protocols) onOpenDocument(p data.Protocol) {
	s.u.openLoaded(func() (string, []byte, error) {
		doc, err := s.u.st.DocumentData(s.u.ctx, p.ID)
		if err != nil {
			return "", nil, err
		}
		name := doc.Name
		ext := strings.ToLower(filepath.Ext(name))
		if want := extensionFor(doc.MIME); want != "" && ext != want && !(want == ".md" && ext == ".markdown") {
			name += want
		}
		return name, doc.Data, nil
	})
}

// extensionFor is the file extension of a document's MIME type.
func extensionFor(mime string) string {
	switch {
	case strings.HasPrefix(mime, "application/pdf"):
		return ".pdf"
	case strings.HasPrefix(mime, "text/markdown"):
		return ".md"
	case strings.HasPrefix(mime, "text/plain"):
		return ".txt"
	}
	return ""
}

// openProtocol switches to the protocol library and shows protocol id.
func (u *UI) openProtocol(id int64) {
	s := u.protocols
	s.selected = id
	u.goTo(pageProtocols)
	s.open(id)
}
