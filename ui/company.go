package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/store"
	"github.com/handelskammaren/ila-desk/ui/apptheme"
	"github.com/handelskammaren/ila-desk/ui/locale"
)

// company is the company profile and the app's settings.
type company struct {
	u *UI

	name, orgNumber, contact, email, phone *textField
	language, look                         *selectField
	status                                 *widget.Label
	notes                                  []*fieldNote // under the fields that are checked
	version                                int64        // of the profile as last read or saved
	load                                   loader
	save                                   *button // disabled while a save is under way
}

// Language choices in the settings, in the order shown.
var languageChoices = []string{"", string(data.Swedish), string(data.English)}

func languageLabel(code string) string {
	switch code {
	case string(data.Swedish):
		return "Svenska"
	case string(data.English):
		return "English"
	}
	return lang.L("Follow the system")
}

func (s *company) buildUI() fyne.CanvasObject {
	s.name = newField()
	s.orgNumber = newField()
	s.orgNumber.SetPlaceHolder(example("556036-0793"))
	s.contact = newField()
	s.email = newField()
	s.phone = newField()
	for field, e := range map[string]*textField{data.FieldCompanyName: s.name, data.FieldCompanyOrg: s.orgNumber, data.FieldCompanyEmail: s.email} {
		field := field
		e.Validator = func(string) error { return companyError(s.form(), field) }
	}
	s.status = sentence("")
	s.status.Importance = widget.LowImportance
	// Every field has its line under it, so that the rows stand evenly and
	// a message does not move the form.
	name, nameNote := noted(s.name, lang.L("As the company is registered."))
	org, orgNote := noted(s.orgNumber, lang.L("Ten digits, as in the company register."))
	contact, contactNote := noted(s.contact, lang.L("Who the chamber asks about your submissions."))
	email, emailNote := noted(s.email, lang.L("The contact person's e-mail."))
	phone, phoneNote := noted(s.phone, lang.L("A direct number or the switchboard."))
	for _, l := range []struct {
		w     *textField
		field string
		note  *fieldNote
	}{{s.name, data.FieldCompanyName, nameNote}, {s.orgNumber, data.FieldCompanyOrg, orgNote},
		{s.contact, data.FieldCompanyContact, contactNote}, {s.email, data.FieldCompanyEmail, emailNote},
		{s.phone, data.FieldCompanyPhone, phoneNote}} {
		limitTo(l.w, l.field, l.note.show)
	}
	s.notes = []*fieldNote{nameNote, orgNote, emailNote}
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Company name"), name),
		widget.NewFormItem(lang.L("Organisation number"), org),
		widget.NewFormItem(lang.L("Contact person"), contact),
		widget.NewFormItem(lang.L("E-mail"), email),
		widget.NewFormItem(lang.L("Phone"), phone),
	)
	s.save = newPrimaryButton(lang.L("Save"), theme.DocumentSaveIcon(), s.onSave)

	labels := make([]string, len(languageChoices))
	for i, c := range languageChoices {
		labels[i] = languageLabel(c)
	}
	s.language = newSelect(labels, func(label string) {
		for _, c := range languageChoices {
			if languageLabel(c) == label && c != s.u.prefs.language() {
				s.u.prefs.setLanguage(c)
				s.u.inform(lang.L("Language"), lang.L("The new language is used the next time ILA Desk starts."))
			}
		}
	})
	modes := apptheme.Modes()
	s.look = newSelect([]string{lang.L("Follow the system"), lang.L("Light"), lang.L("Dark")}, nil)
	for i, m := range modes {
		if m == s.u.prefs.appearance() {
			s.look.SetSelectedIndex(i)
		}
	}
	s.look.OnChanged = func(string) {
		if i := s.look.SelectedIndex(); i >= 0 {
			s.u.prefs.setAppearance(modes[i])
			s.u.app.Settings().SetTheme(apptheme.New(modes[i]))
		}
	}
	settings := widget.NewForm(widget.NewFormItem(lang.L("Language"), s.language), widget.NewFormItem(lang.L("Theme"), s.look))
	settings.Items = append(settings.Items, s.u.settingsItems()...)

	title := widget.NewLabelWithStyle(lang.L("Company"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	hint := sentence(lang.L("Your company is the default submitter of new submissions."))
	hint.Wrapping = fyne.TextWrapWord
	return vscroll(container.NewPadded(container.NewVBox(
		title, hint,
		widget.NewCard("", "", container.NewVBox(form, container.NewBorder(nil, nil, s.save, nil, s.status))),
		card(lang.L("Settings"), "", settings),
	)))
}

// refresh reads the profile off the UI goroutine and fills the form.
func (s *company) refresh() {
	s.load.run(s.u, func(ctx context.Context) func() {
		c, version, err := s.u.st.CompanyForEdit(ctx)
		return func() {
			if err != nil {
				s.u.showError(err)
				return
			}
			s.fill(c, version)
		}
	})
}

// fill shows the profile read with its version.
func (s *company) fill(c data.Company, version int64) {
	s.version = version
	s.name.SetText(c.Name)
	s.orgNumber.SetText(c.OrgNumber)
	s.contact.SetText(c.ContactPerson)
	s.email.SetText(c.Email)
	s.phone.SetText(c.Phone)
	s.language.SetSelected(languageLabel(s.u.prefs.language()))
}

// form is the company as typed.
func (s *company) form() data.Company {
	return data.Company{Name: s.name.Text, OrgNumber: s.orgNumber.Text, ContactPerson: s.contact.Text, Email: s.email.Text, Phone: s.phone.Text}
}

// companyError is the translated problem with field in c, or nil.
func companyError(c data.Company, field string) error {
	for _, p := range data.ValidateCompany(c) {
		if p.Field == field {
			return errors.New(locale.Explain(p.Problem))
		}
	}
	return nil
}

// onSave saves the profile when every field is right; otherwise the messages
// stand next to the fields, what was typed stays, and nothing is saved.
func (s *company) onSave() {
	c := s.form()
	if ps := data.ValidateCompany(c); len(ps) > 0 {
		for _, e := range []*textField{s.name, s.orgNumber, s.email} {
			e.Validate()
		}
		for _, n := range s.notes {
			n.reveal()
		}
		s.status.SetText(lang.L("Correct the marked fields; nothing was saved."))
		s.status.Importance = widget.DangerImportance
		s.status.Refresh()
		return
	}
	c.OrgNumber, _ = data.NormaliseOrgNumber(c.OrgNumber)
	s.orgNumber.SetText(c.OrgNumber)
	s.status.Importance = widget.LowImportance
	if s.save.Disabled() {
		return // a save is under way
	}
	s.save.Disable()
	version := s.version
	s.u.background(func() func() {
		v, err := s.u.st.SaveCompanyIfUnchanged(s.u.ctx, c, version)
		return func() { s.saved(v, err) }
	})
}

// saved shows how the save of the profile went.
func (s *company) saved(v int64, err error) {
	s.save.Enable()
	var conflict *store.Conflict
	if errors.As(err, &conflict) {
		// Changed elsewhere: what was typed stays, and a second Save
		// saves it over the other version, knowingly.
		s.version = conflict.Version
		s.status.SetText(locale.Explain(err) + " " + lang.L("Press Save again to save yours over it."))
		s.status.Importance = widget.DangerImportance
		s.status.Refresh()
		return
	}
	if err != nil {
		s.u.showError(err)
		return
	}
	s.version = v
	s.status.SetText(lang.L("Saved."))
}
