package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/atomicfile"
	"github.com/handelskammaren/ila-desk/data/content"
	"github.com/handelskammaren/ila-desk/data/store"
	"github.com/handelskammaren/ila-desk/ui/locale"
)

// Coordinator mode: the chamber's coordinator adds, edits and removes the
// arena's meetings (with their agenda), protocols, events and contacts, and
// exports the result as a content file for the members. Every form checks
// each field and shows what is wrong next to it; a mistake never throws away
// what was typed.

// editForm is a coordinator's form: fields with a message line under each.
type editForm struct {
	u       *UI
	form    *widget.Form
	msgs    map[string]*widget.Label // field name → its message
	dlg     *dialog.CustomDialog
	first   fyne.Focusable // the first field, which has the focus when the form opens
	list    string         // the content list the form edits, for the fields' limits
	version int64          // of the record as read when the form opened, or last saved
	saveBtn *button        // disabled while a save is under way
	saved   bool           // the record is stored and the form closed
}

// commit stores the record off the UI goroutine with write, which returns
// the version it stored. When that went through, after runs and the form
// closes; otherwise it stays open with what was typed (see stored).
func (f *editForm) commit(write func(ctx context.Context) (int64, error), after func()) {
	if f.saveBtn.Disabled() {
		return // a save is under way
	}
	f.saveBtn.Disable()
	f.u.background(func() func() {
		v, err := write(f.u.ctx)
		return func() {
			f.saveBtn.Enable()
			if !f.stored(err, v) {
				return
			}
			f.saved = true
			f.dlg.Hide()
			after()
		}
	})
}

// stored reports whether a save went through. When the record was changed
// elsewhere since the form opened, the form stays open with what was
// typed and says so; a second Save saves it over the other version,
// knowingly. Other errors are shown.
func (f *editForm) stored(err error, version int64) bool {
	var c *store.Conflict
	if errors.As(err, &c) {
		f.version = c.Version
		m := f.message("form")
		m.SetText(locale.Explain(err) + " " + lang.L("Press Save again to save yours over it."))
		m.Show()
		return false
	}
	if err != nil {
		f.u.showError(err)
		return false
	}
	f.version = version
	return true
}

// newEditForm is a form for one of the content's lists ("meetings",
// "protocols", "events", "contacts"), whose fields have the limits of that
// list in the content file.
func newEditForm(u *UI, list string) *editForm {
	return &editForm{u: u, list: list, form: widget.NewForm(), msgs: map[string]*widget.Label{}}
}

// message returns the (hidden) message line of a field.
func (f *editForm) message(field string) *widget.Label {
	if l, ok := f.msgs[field]; ok {
		return l
	}
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	f.msgs[field] = l
	return l
}

// add appends a field with its label and message line.
func (f *editForm) add(field, label string, w fyne.CanvasObject) {
	if fw, ok := w.(fyne.Focusable); ok && f.first == nil {
		f.first = fw
	}
	if ew, ok := w.(entryWidget); ok {
		f.limit(ew, field)
	}
	f.form.Append(label, container.NewVBox(w, f.message(field)))
}

// limit caps w at the limit of field in the form's list and says so in the
// field's message line.
func (f *editForm) limit(w entryWidget, field string) {
	msg := f.message(field)
	limitTo(w, f.list+"."+field, func(problem error) {
		msg.SetText(problem.Error())
		msg.Show()
	})
}

// entry is a one-line entry with a placeholder.
func entry(text, placeholder string) *textField {
	e := newField()
	e.SetText(text)
	e.SetPlaceHolder(placeholder)
	return e
}

// problems shows ps next to their fields and hides the other messages. It
// reports whether there were none.
func (f *editForm) problems(ps data.Problems) bool {
	for field, l := range f.msgs {
		if p, ok := ps[field]; ok {
			l.SetText(locale.Explain(p))
			l.Show()
		} else {
			l.SetText("")
			l.Hide()
		}
	}
	return len(ps) == 0
}

// problemText is the message shown next to a field, "" when none.
func (f *editForm) problemText(field string) string {
	if l, ok := f.msgs[field]; ok && l.Visible() {
		return l.Text
	}
	return ""
}

// show opens the form in a dialog with Save and Cancel. save checks the
// form and, when it is right, commits it.
func (f *editForm) show(title string, body fyne.CanvasObject, save func()) {
	f.saveBtn = newPrimaryButton(lang.L("Save"), theme.DocumentSaveIcon(), save)
	cancel := newButton(lang.L("Cancel"), nil, func() { f.dlg.Hide() })
	f.dlg = f.u.showDialog(title, vscroll(container.NewVBox(f.message("form"), body)), nil, f.saveBtn, cancel)
	f.dlg.Resize(f.u.fitSize(fyne.NewSize(680, 620)))
	if f.first != nil {
		f.u.win.Canvas().Focus(f.first)
	}
}

// meetingForm edits a meeting and its agenda.
type meetingForm struct {
	*editForm
	m                              data.Meeting // the meeting edited; ID 0 for a new one
	title, date, start, end, place *textField
	description                    *textArea
	agenda                         []*agendaRow
	agendaBox                      *fyne.Container
	kind                           string
}

// agendaRow is one agenda item in the form; its notes are kept as they were.
type agendaRow struct {
	title *textField
	notes string
}

// editMeeting opens the form for m, or for a new meeting when m.ID is 0.
func (u *UI) editMeeting(m data.Meeting) *meetingForm {
	var version int64
	if m.ID != 0 { // the meeting as stored now, with its version
		fresh, v, err := u.st.MeetingForEdit(u.ctx, m.ID)
		if err != nil {
			u.showError(err)
			return nil
		}
		m, version = fresh, v
	}
	f := &meetingForm{editForm: newEditForm(u, "meetings"), m: m, kind: m.Kind}
	f.version = version
	d := data.MeetingDraft{Start: "09:00", End: "12:00"}
	if m.ID != 0 {
		d = data.DraftOfMeeting(m)
	}
	f.title = entry(d.Title, example(lang.L("Network meeting ILA")))
	f.date = entry(d.Date, lang.L("YYYY-MM-DD"))
	f.start = entry(d.Start, lang.L("HH:MM"))
	f.end = entry(d.End, lang.L("HH:MM"))
	f.place = entry(d.Location, lang.L("Leave empty while the place is not known"))
	f.description = newTextArea(4)
	f.description.SetText(d.Description)
	f.description.SetPlaceHolder(lang.L("Markdown: **bold**, *italic*, - lists"))
	f.add(data.FieldArenaTitle, lang.L("Title"), f.title)
	f.add(data.FieldArenaDate, lang.L("Date"), f.date)
	f.add(data.FieldArenaStart, lang.L("Starts"), f.start)
	f.add(data.FieldArenaEnd, lang.L("Ends"), f.end)
	f.add("location", lang.L("Place"), f.place)
	f.add("description", lang.L("About the meeting"), f.description)

	for _, it := range d.Agenda {
		f.agenda = append(f.agenda, &agendaRow{title: entry(it.Title, ""), notes: it.Notes})
	}
	f.agendaBox = container.NewVBox()
	f.layoutAgenda()
	addItem := newButton(lang.L("Add agenda item"), theme.ContentAddIcon(), func() {
		r := &agendaRow{title: entry("", lang.L("Agenda item"))}
		f.agenda = append(f.agenda, r)
		f.layoutAgenda()
		u.win.Canvas().Focus(r.title)
	})
	body := container.NewVBox(f.form, heading(lang.L("Meeting agenda")), f.agendaBox, container.NewHBox(addItem))

	title := lang.L("New meeting")
	if m.ID != 0 {
		title = lang.L("Edit meeting")
	}
	f.show(title, body, f.save)
	return f
}

// layoutAgenda shows the agenda rows in their order with their buttons.
func (f *meetingForm) layoutAgenda() {
	f.agendaBox.RemoveAll()
	for i, r := range f.agenda {
		up := newButton("", theme.MoveUpIcon(), func() { f.moveAgenda(i, -1) })
		down := newButton("", theme.MoveDownIcon(), func() { f.moveAgenda(i, 1) })
		remove := newButton("", theme.DeleteIcon(), func() {
			f.agenda = append(f.agenda[:i], f.agenda[i+1:]...)
			f.layoutAgenda()
		})
		if i == 0 {
			up.Disable()
		}
		if i == len(f.agenda)-1 {
			down.Disable()
		}
		msg := f.message(data.AgendaField(i))
		limitTo(r.title, f.list+".agenda.title", func(problem error) {
			msg.SetText(problem.Error())
			msg.Show()
		})
		num := widget.NewLabel(fmt.Sprintf("%d.", i+1))
		row := container.NewBorder(nil, nil, num, container.NewHBox(up, down, remove), r.title)
		f.agendaBox.Add(container.NewVBox(row, f.message(data.AgendaField(i))))
	}
	if len(f.agenda) == 0 {
		none := sentence(lang.L("No agenda items yet."))
		none.Importance = widget.LowImportance
		f.agendaBox.Add(none)
	}
}

// moveAgenda moves agenda item i by d places (-1 up, +1 down).
func (f *meetingForm) moveAgenda(i, d int) {
	j := i + d
	if j < 0 || j >= len(f.agenda) {
		return
	}
	f.agenda[i], f.agenda[j] = f.agenda[j], f.agenda[i]
	f.layoutAgenda()
}

// draft is what the form holds now.
func (f *meetingForm) draft() data.MeetingDraft {
	d := data.MeetingDraft{Title: f.title.Text, Kind: f.kind, Date: f.date.Text, Start: f.start.Text, End: f.end.Text,
		Location: f.place.Text, Description: f.description.Text}
	for _, r := range f.agenda {
		d.Agenda = append(d.Agenda, data.AgendaItem{Title: r.title.Text, Notes: r.notes})
	}
	return d
}

// save checks the form and stores the meeting.
func (f *meetingForm) save() {
	m, ps := f.draft().Meeting()
	// Messages for agenda rows that no longer exist must not linger.
	for field := range f.msgs {
		if strings.HasPrefix(field, "agenda[") {
			f.msgs[field].Hide()
		}
	}
	if !f.problems(ps) {
		return
	}
	m.ID = f.m.ID
	var saved data.Meeting
	f.commit(func(ctx context.Context) (v int64, err error) {
		saved, v, err = f.u.st.SaveMeetingIfUnchanged(ctx, m, f.version)
		return v, err
	}, func() {
		f.u.meetings.selected = saved.Key
		f.u.refreshAll()
	})
}

// deleteMeeting removes m after the user confirms.
func (u *UI) deleteMeeting(m data.Meeting) {
	u.confirm(lang.L("Delete the meeting?"),
		locale.T("\"{{.Title}}\" on {{.Date}} and its agenda are removed. A protocol of the meeting stays in the library.",
			map[string]any{"Title": m.Title, "Date": data.FormatDate(m.Start, u.language())}),
		lang.L("Delete"), true, func() {
			u.act(func(ctx context.Context) error { return u.st.DeleteMeeting(ctx, m.ID) }, func() {
				u.meetings.selected = ""
				u.refreshAll()
			})
		})
}

// protocolForm edits a protocol entry.
type protocolForm struct {
	*editForm
	p             data.Protocol
	title, date   *textField
	text          *textArea
	kind, meeting *selectField
	kinds         []string
	meetingKeys   []string // parallel to meeting's options; "" for none
}

// editProtocol opens the form for p, or for a new entry when p.ID is 0.
func (u *UI) editProtocol(p data.Protocol) *protocolForm {
	var version int64
	if p.ID != 0 {
		fresh, v, err := u.st.ProtocolForEdit(u.ctx, p.ID)
		if err != nil {
			u.showError(err)
			return nil
		}
		p, version = fresh, v
	}
	f := &protocolForm{editForm: newEditForm(u, "protocols"), p: p}
	f.version = version
	d := data.ProtocolDraft{Kind: "minutes", Date: u.now().Format(data.FormDateLayout)}
	if p.ID != 0 {
		d = data.DraftOfProtocol(p)
	}
	f.title = entry(d.Title, example(lang.L("Minutes")))
	f.date = entry(d.Date, lang.L("YYYY-MM-DD"))
	f.text = newTextArea(10)
	f.text.SetText(d.Text)
	f.text.SetPlaceHolder(lang.L("The protocol's text, in Markdown. Leave it empty and attach the document instead if you have it as a file."))

	f.kinds = []string{"minutes", "network-meeting"}
	if d.Kind != "" && !contains(f.kinds, d.Kind) {
		f.kinds = append(f.kinds, d.Kind)
	}
	kindNames := make([]string, len(f.kinds))
	for i, k := range f.kinds {
		kindNames[i] = locale.ProtocolKindName(k)
	}
	f.kind = newSelect(kindNames, nil)
	f.kind.SetSelectedIndex(max(0, indexOf(f.kinds, d.Kind)))

	ms, err := u.st.Meetings(u.ctx)
	if err != nil {
		u.showError(err)
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Start.After(ms[j].Start) })
	names := []string{lang.L("(none)")}
	f.meetingKeys = []string{""}
	for _, m := range ms {
		names = append(names, data.FormatShortDate(m.Start, u.language())+" – "+m.Title)
		f.meetingKeys = append(f.meetingKeys, m.Key)
	}
	f.meeting = newSelect(names, nil)
	f.meeting.SetSelectedIndex(max(0, indexOf(f.meetingKeys, d.MeetingKey)))

	f.add(data.FieldArenaTitle, lang.L("Title"), f.title)
	f.add(data.FieldArenaDate, lang.L("Date"), f.date)
	f.add("kind", lang.L("Kind"), f.kind)
	f.add("meeting", lang.L("Meeting"), f.meeting)
	f.add("text", lang.L("Text"), f.text)
	title := lang.L("New protocol")
	if p.ID != 0 {
		title = lang.L("Edit protocol")
	}
	f.show(title, f.form, f.save)
	return f
}

func indexOf(xs []string, x string) int {
	for i, y := range xs {
		if y == x {
			return i
		}
	}
	return -1
}

func (f *protocolForm) draft() data.ProtocolDraft {
	d := data.ProtocolDraft{Title: f.title.Text, Date: f.date.Text, Text: f.text.Text}
	if i := f.kind.SelectedIndex(); i >= 0 {
		d.Kind = f.kinds[i]
	}
	if i := f.meeting.SelectedIndex(); i >= 0 {
		d.MeetingKey = f.meetingKeys[i]
	}
	return d
}

func (f *protocolForm) save() {
	p, ps := f.draft().Protocol()
	if !f.problems(ps) {
		return
	}
	p.ID = f.p.ID
	var saved data.Protocol
	f.commit(func(ctx context.Context) (v int64, err error) {
		saved, v, err = f.u.st.SaveProtocolIfUnchanged(ctx, p, f.version)
		return v, err
	}, func() {
		f.u.protocols.selected = saved.ID
		f.u.refreshAll()
	})
}

// deleteProtocol removes p and its document after the user confirms.
func (u *UI) deleteProtocol(p data.Protocol) {
	msg := locale.T("\"{{.Title}}\" of {{.Date}} is removed from the library.", map[string]any{"Title": p.Title, "Date": data.FormatShortDate(p.Date, u.language())})
	if p.Document != nil {
		msg += " " + locale.T("Its document {{.Name}} is removed with it.", map[string]any{"Name": p.Document.Name})
	}
	u.confirm(lang.L("Delete the protocol?"), msg, lang.L("Delete"), true, func() {
		u.act(func(ctx context.Context) error { return u.st.DeleteProtocol(ctx, p.ID) }, func() {
			u.protocols.selected = 0
			u.refreshAll()
		})
	})
}

// eventForm edits one of the chamber's events.
type eventForm struct {
	*editForm
	e                 data.Event
	title, date, city *textField
	summary           *textArea
}

// editEvent opens the form for e, or for a new event when e.ID is 0.
func (u *UI) editEvent(e data.Event) *eventForm {
	var version int64
	if e.ID != 0 {
		fresh, v, err := u.st.EventForEdit(u.ctx, e.ID)
		if err != nil {
			u.showError(err)
			return nil
		}
		e, version = fresh, v
	}
	f := &eventForm{editForm: newEditForm(u, "events"), e: e}
	f.version = version
	d := data.EventDraft{}
	if e.ID != 0 {
		d = data.DraftOfEvent(e)
	}
	f.title = entry(d.Title, "")
	f.date = entry(d.Date, lang.L("YYYY-MM-DD"))
	f.city = entry(d.City, example("Örebro"))
	f.summary = newTextArea(3)
	f.summary.SetText(d.Summary)
	f.add(data.FieldArenaTitle, lang.L("Title"), f.title)
	f.add(data.FieldArenaDate, lang.L("Date"), f.date)
	f.add("city", lang.L("City"), f.city)
	f.add("summary", lang.L("Short description"), f.summary)
	title := lang.L("New event")
	if e.ID != 0 {
		title = lang.L("Edit event")
	}
	f.show(title, f.form, f.save)
	return f
}

func (f *eventForm) save() {
	e, ps := data.EventDraft{Title: f.title.Text, Date: f.date.Text, City: f.city.Text, Summary: f.summary.Text}.Event()
	if !f.problems(ps) {
		return
	}
	e.ID = f.e.ID
	f.commit(func(ctx context.Context) (int64, error) {
		_, v, err := f.u.st.SaveEventIfUnchanged(ctx, e, f.version)
		return v, err
	}, f.u.refreshAll)
}

// contactForm edits a person at the chamber.
type contactForm struct {
	*editForm
	c                        data.Contact
	name, role, email, phone *textField
}

// editContact opens the form for c, or for a new contact when c.ID is 0.
func (u *UI) editContact(c data.Contact) *contactForm {
	var version int64
	if c.ID != 0 {
		fresh, v, err := u.st.ContactForEdit(u.ctx, c.ID)
		if err != nil {
			u.showError(err)
			return nil
		}
		c, version = fresh, v
	}
	f := &contactForm{editForm: newEditForm(u, "contacts"), c: c}
	f.version = version
	d := data.DraftOfContact(c)
	f.name = entry(d.Name, "")
	f.role = entry(d.Role, example(lang.L("Project leader")))
	f.email = entry(d.Email, example("namn@handelskammarenmalardalen.se"))
	f.phone = entry(d.Phone, example("021-498 95 30"))
	f.add(data.FieldArenaName, lang.L("Name"), f.name)
	f.add("role", lang.L("Role"), f.role)
	f.add(data.FieldArenaEmail, lang.L("E-mail"), f.email)
	f.add("phone", lang.L("Phone"), f.phone)
	title := lang.L("New contact")
	if c.ID != 0 {
		title = lang.L("Edit contact")
	}
	f.show(title, f.form, f.save)
	return f
}

func (f *contactForm) save() {
	c, ps := data.ContactDraft{Name: f.name.Text, Role: f.role.Text, Email: f.email.Text, Phone: f.phone.Text}.Contact()
	if !f.problems(ps) {
		return
	}
	c.ID = f.c.ID
	f.commit(func(ctx context.Context) (int64, error) {
		_, v, err := f.u.st.SaveContactIfUnchanged(ctx, c, f.version)
		return v, err
	}, f.u.refreshAll)
}

// confirmDelete asks before calling del off the UI goroutine, then
// refreshes the screens.
func (u *UI) confirmDelete(title, msg string, del func(ctx context.Context) error) {
	u.confirm(title, msg, lang.L("Delete"), true, func() { u.act(del, u.refreshAll) })
}

// addCoordinatorCard adds, in coordinator mode, a card to the About screen
// for adding, editing and removing the chamber's events and contacts.
func (u *UI) addCoordinatorCard(box *fyne.Container, events []data.Event, contacts []data.Contact) {
	if !u.prefs.coordinatorMode() {
		return
	}
	l := u.language()
	row := func(text string, edit, del func()) fyne.CanvasObject {
		lbl := widget.NewLabel(text)
		lbl.Truncation = fyne.TextTruncateEllipsis
		return container.NewBorder(nil, nil, nil, container.NewHBox(
			newButton(lang.L("Edit"), theme.DocumentCreateIcon(), edit),
			newButton(lang.L("Delete"), theme.DeleteIcon(), del),
		), lbl)
	}
	c := container.NewVBox(heading(lang.L("Contacts")))
	for _, x := range contacts {
		c.Add(row(strings.TrimSpace(x.Name+" · "+x.Role), func() { u.editContact(x) }, func() {
			u.confirmDelete(lang.L("Delete the contact?"), locale.T("{{.Name}} is removed from the contacts.", map[string]any{"Name": x.Name}),
				func(ctx context.Context) error { return u.st.DeleteContact(ctx, x.ID) })
		}))
	}
	c.Add(container.NewHBox(newButton(lang.L("Add contact"), theme.ContentAddIcon(), func() { u.editContact(data.Contact{}) })))
	c.Add(heading(lang.L("The chamber's events")))
	for _, x := range events {
		c.Add(row(data.FormatShortDate(x.Date, l)+" · "+x.Title, func() { u.editEvent(x) }, func() {
			u.confirmDelete(lang.L("Delete the event?"), locale.T("\"{{.Title}}\" is removed from the events.", map[string]any{"Title": x.Title}),
				func(ctx context.Context) error { return u.st.DeleteEvent(ctx, x.ID) })
		}))
	}
	c.Add(container.NewHBox(newButton(lang.L("Add event"), theme.ContentAddIcon(), func() { u.editEvent(data.Event{}) })))
	box.Add(card(lang.L("Edit contacts and events"), lang.L("Coordinator mode"), c))
}

// onExportContent writes the store's arena content, with the next version
// number, to a file the members import.
func (u *UI) onExportContent() {
	var next int
	u.act(func(ctx context.Context) error {
		v, err := u.st.ContentVersion(ctx)
		if err == nil {
			next, err = content.NextVersion(v)
		}
		return err
	}, func() {
		name := atomicfile.SafeName(locale.T("ILA arena content v{{.N}}", map[string]any{"N": next}), u.now(), ".json")
		u.saveFile(name, ".json", func(path string, opts ...atomicfile.Option) error {
			_, err := u.writeContent(path, opts...)
			return err
		}, false)
	})
}

// writeContent writes the arena content as a content file one version newer
// than the store's, atomically; the store then counts that version as its
// own, so the next export is newer still.
func (u *UI) writeContent(path string, opts ...atomicfile.Option) (*content.File, error) {
	return u.st.PublishContent(u.ctx, func(f *content.File) error {
		return atomicfile.Write(path, func(w io.Writer) error { return content.Encode(w, f) }, opts...)
	})
}
