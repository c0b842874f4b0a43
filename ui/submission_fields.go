package ui

import (
	"context"
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/geo"
	"github.com/handelskammaren/ila-desk/ui/locale"
)

// submissionFields are the editor's form fields, one tab at a time.
type submissionFields struct {
	e *submissionEditor

	title, object                  *textField
	roadSuggest                    *widget.SelectEntry
	place                          *textArea
	coords                         *textField
	modes                          *checkFlow
	municipality                   *selectField
	planLevel, coordInfo           *widget.Label
	coordsNote                     *fieldNote
	coordsErr                      error // why the coordinates typed cannot be read; nil when they can
	deficiency, impact             *textArea
	since, frequency               *textField
	flows                          map[data.FlowKind]*textField
	consequences                   *checkFlow
	measures                       *fyne.Container
	costClass                      *widget.RadioGroup
	priority, urgency, meeting     *selectField
	avs                            *textField
	company, contact, email, phone *textField
	cosigners                      *textArea

	addMeasure   *button
	measureTexts []*textArea    // the shown measures' texts, in order
	measureSteps []*selectField // and their steps

	meetingKeys  []string // keys behind the meeting choices, "" first
	meetingsLoad loader   // reads the meetings offered
	measureRows  int      // counts rebuildMeasures; rows of an older count are gone
}

// entry is a one-line entry that writes into the submission on change and is
// validated as field.
func (f *submissionFields) entry(field string, set func(*data.Submission, string)) *textField {
	w := newField()
	f.bind(&w.Entry, field, set)
	limitTo(w, field, f.e.onLimit)
	return w
}

func (f *submissionFields) multiline(field string, set func(*data.Submission, string)) *textArea {
	w := newTextArea(4)
	f.bind(&w.Entry, field, set)
	if field != "" {
		limitTo(w, field, f.e.onLimit)
	}
	return w
}

func (f *submissionFields) bind(w *widget.Entry, field string, set func(*data.Submission, string)) {
	w.Validator = func(s string) error {
		if field == "" {
			return nil
		}
		c := f.e.sub
		set(&c, s)
		return fieldError(c, field)
	}
	w.OnChanged = func(s string) {
		set(&f.e.sub, s)
		f.e.changed()
	}
}

// checkGroup is a set of check boxes, one per value, named in the user's
// language; set gets the checked values in the order of values.
func checkGroup[T interface {
	~string
	Label() data.Phrase
}](values []T, set func([]T)) *checkFlow {
	labels := make([]string, len(values))
	for i, v := range values {
		labels[i] = locale.Name(v)
	}
	return newCheckFlow(labels, func(sel []string) {
		var out []T
		for i, v := range values {
			if slices.Contains(sel, labels[i]) {
				out = append(out, v)
			}
		}
		set(out)
	})
}

func labelled(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func hint(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.LowImportance
	return l
}

func (f *submissionFields) objectTab() fyne.CanvasObject {
	f.title = f.entry(data.FieldTitle, func(s *data.Submission, v string) { s.Title = v })
	f.title.SetPlaceHolder(lang.L("E.g. Level crossing at Kolbäck stops trucks"))
	f.object = f.entry(data.FieldObject, func(s *data.Submission, v string) { s.Object = v })
	f.object.SetPlaceHolder(lang.L("The junction, road section, quay or crossing"))

	f.modes = checkGroup(data.Modes, func(ms []data.Mode) {
		f.e.sub.Modes = ms
		f.e.changed()
	})

	munis := append(append([]string{}, data.Municipalities...), lang.L("Outside the county"))
	f.municipality = newSelect(munis, func(v string) {
		if v == lang.L("Outside the county") {
			v = data.OutsideCounty
		}
		f.e.sub.Municipality = v
		f.updateCoordInfo()
		f.e.changed()
	})
	f.municipality.PlaceHolder = lang.L("Choose municipality")

	refs := make([]string, len(data.RoadSuggestions))
	for i, r := range data.RoadSuggestions {
		refs[i] = r.Ref
	}
	f.planLevel = hint("")
	f.roadSuggest = widget.NewSelectEntry(refs)
	f.roadSuggest.SetPlaceHolder(lang.L("E.g. E18, rv 56, Mälarbanan"))
	f.roadSuggest.OnChanged = func(v string) {
		f.e.sub.RoadRef = v
		f.updatePlanLevel()
		f.e.changed()
	}
	f.place = f.multiline(data.FieldPlace, func(s *data.Submission, v string) { s.Place = v })
	f.place.SetMinRowsVisible(2)
	f.place.SetPlaceHolder(lang.L("Where exactly: the stretch, the junction, what is nearby"))

	f.coordInfo = hint("")
	f.coords = newField()
	f.coordsNote = newFieldNote("")
	f.coords.SetPlaceHolder(example("59.6162, 16.5528 · 59°36′58″N 16°33′10″E · N 6609690 E 587605"))
	f.coords.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		if _, err := geo.Parse(s); err != nil {
			return errors.New(locale.Explain(err))
		}
		return nil
	}
	f.coords.OnChanged = func(s string) {
		f.coordsErr = nil
		if strings.TrimSpace(s) == "" {
			f.e.sub.Point = nil
		} else if p, err := geo.Parse(s); err == nil {
			f.e.sub.Point = &p
		} else {
			// What was typed stays on screen and the store keeps the last
			// good point; the note says what is wrong and the lines below
			// say which point is kept.
			f.coordsErr = err
			f.updateCoordInfo()
			return
		}
		f.updateCoordInfo()
		f.e.changed()
	}

	title, _ := noted(f.title, lang.L("Short and concrete: what, and where."))
	object, _ := noted(f.object, "")
	form := widget.NewForm(
		&widget.FormItem{Text: lang.L("Title") + " *", Widget: title},
		&widget.FormItem{Text: lang.L("Object") + " *", Widget: object},
		&widget.FormItem{Text: lang.L("Transport modes"), Widget: f.modes.box},
		&widget.FormItem{Text: lang.L("Municipality"), Widget: f.municipality},
		&widget.FormItem{Text: lang.L("Road or railway"), Widget: container.NewVBox(f.roadSuggest, f.planLevel)},
		&widget.FormItem{Text: lang.L("Place"), Widget: f.place},
		&widget.FormItem{Text: lang.L("Coordinates"), Widget: container.NewVBox(f.coords, f.coordsNote.label, f.coordInfo)},
	)
	return container.NewPadded(form)
}

func (f *submissionFields) updatePlanLevel() {
	if strings.TrimSpace(f.e.sub.RoadRef) == "" {
		f.planLevel.SetText(lang.L("Choose or type the road or railway; the planning level follows from it."))
		return
	}
	f.planLevel.SetText(locale.T("Planning level: {{.Plan}}", map[string]any{"Plan": lang.L(data.PlanningLevel(f.e.sub.RoadRef).Label())}))
}

// updateCoordInfo shows the point in both systems and warns when it lies
// outside Västmanland while the municipality says inside.
func (f *submissionFields) updateCoordInfo() {
	s := f.e.sub
	f.coordsNote.show(nil)
	if f.coordsErr != nil {
		f.coordsNote.show(errors.New(locale.Explain(f.coordsErr)))
		if s.Point == nil {
			f.coordInfo.SetText(lang.L("No point is saved until the coordinates can be read."))
			f.coordInfo.Importance = widget.WarningImportance
			f.coordInfo.Refresh()
			return
		}
		p := *s.Point
		f.coordInfo.SetText(locale.T("The submission keeps its last good point until then: WGS84 {{.WGS}}, SWEREF 99 TM {{.Grid}}.",
			map[string]any{"WGS": geo.FormatDecimal(p), "Grid": geo.FormatGrid(geo.ToGrid(p))}))
		f.coordInfo.Importance = widget.WarningImportance
		f.coordInfo.Refresh()
		return
	}
	if s.Point == nil {
		f.coordInfo.SetText(lang.L("Paste a point from Lantmäteriet's or Trafikverket's map: decimal degrees, degrees-minutes-seconds or SWEREF 99 TM."))
		f.coordInfo.Importance = widget.LowImportance
		f.coordInfo.Refresh()
		return
	}
	p := *s.Point
	text := "WGS84: " + geo.FormatDecimal(p) + " (" + geo.FormatDMS(p) + ")\nSWEREF 99 TM: " + geo.FormatGrid(geo.ToGrid(p))
	f.coordInfo.Importance = widget.LowImportance
	if s.Municipality != "" && s.Municipality != data.OutsideCounty && !geo.InVastmanland(p) {
		text += "\n" + locale.T("The point lies outside Västmanland, but the municipality is {{.M}}. Check the point or the municipality.", map[string]any{"M": s.Municipality})
		f.coordInfo.Importance = widget.WarningImportance
	}
	f.coordInfo.SetText(text)
}

// flowUnits are the labels of the affected-flow fields.
func flowLabel(k data.FlowKind) string { return lang.L(data.FieldLabel(data.FlowField(k))) }

// parseNumber reads a number as Swedes write it: "12 000", "1,5", "12000".
func parseNumber(s string) (float64, bool) {
	s = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "", ",", ".").Replace(strings.TrimSpace(s))
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

func formatNumber(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatInt(int64(v), 10)
	}
	return strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1)
}

func (f *submissionFields) deficiencyTab() fyne.CanvasObject {
	f.deficiency = f.multiline(data.FieldDeficiency, func(s *data.Submission, v string) { s.Deficiency = v })
	f.deficiency.SetPlaceHolder(lang.L("What does not work? Describe the deficiency before any solution."))
	f.since = f.entry(data.FieldDeficiencySince, func(s *data.Submission, v string) { s.DeficiencySince = v })
	f.since.SetPlaceHolder(lang.L("E.g. since the new timetable in December 2016"))
	f.frequency = f.entry(data.FieldDeficiencyFreq, func(s *data.Submission, v string) { s.DeficiencyFreq = v })
	f.frequency.SetPlaceHolder(lang.L("E.g. every weekday 07–09, about 40 times a year"))

	f.flows = map[data.FlowKind]*textField{}
	flowForm := widget.NewForm()
	for _, k := range data.FlowKinds {
		k := k
		w := newField()
		w.Validator = func(s string) error {
			if strings.TrimSpace(s) == "" {
				return nil
			}
			v, ok := parseNumber(s)
			if !ok {
				v = math.NaN()
			}
			c := f.e.sub.Clone()
			if c.Flows == nil {
				c.Flows = data.Flows{}
			}
			c.Flows[k] = v
			return fieldError(c, data.FlowField(k))
		}
		w.OnChanged = func(s string) {
			if f.e.sub.Flows == nil {
				f.e.sub.Flows = data.Flows{}
			}
			if strings.TrimSpace(s) == "" {
				delete(f.e.sub.Flows, k)
			} else if v, ok := parseNumber(s); ok && v >= 0 {
				f.e.sub.Flows[k] = v
			} else {
				return // keep the typed text; the message says what is wrong
			}
			f.e.changed()
		}
		f.flows[k] = w
		field, _ := noted(w, "")
		flowForm.Append(flowLabel(k), field)
	}

	f.consequences = checkGroup(data.Consequences, func(cs []data.Consequence) {
		f.e.sub.Consequences = cs
		f.e.changed()
	})
	f.impact = f.multiline(data.FieldImpact, func(s *data.Submission, v string) { s.Impact = v })
	f.impact.SetPlaceHolder(lang.L("What it costs your company: hours lost, extra kilometres, missed deliveries, accidents, recruitment"))

	return container.NewPadded(container.NewVBox(
		widget.NewForm(
			&widget.FormItem{Text: lang.L("Deficiency"), Widget: f.deficiency},
			&widget.FormItem{Text: lang.L("Since when"), Widget: f.since},
			&widget.FormItem{Text: lang.L("How often"), Widget: f.frequency},
		),
		labelled(lang.L("Affected flows")),
		hint(lang.L("Numbers are optional, but they make the case. Write digits, e.g. 12 000.")),
		flowForm,
		labelled(lang.L("Consequences for the company")),
		f.consequences.box,
		f.impact,
	))
}

func (f *submissionFields) measuresTab() fyne.CanvasObject {
	f.measures = container.NewVBox()
	f.addMeasure = newButton(lang.L("Add measure"), theme.ContentAddIcon(), func() {
		f.e.sub.Measures = append(f.e.sub.Measures, data.Measure{Step: data.StepOptimise})
		f.rebuildMeasures()
		f.e.changed()
		// The new measure's text has the focus, so that one can write it
		// at once; the button that had it is gone.
		if len(f.measureTexts) > 0 {
			f.e.u.win.Canvas().Focus(f.measureTexts[len(f.measureTexts)-1])
		}
	})
	costValues := []data.CostClass{data.CostUnder50, data.CostOver50, data.CostUnknown}
	costs := make([]string, len(costValues))
	for i, c := range costValues {
		costs[i] = locale.Name(c)
	}
	f.costClass = widget.NewRadioGroup(costs, func(v string) {
		f.e.sub.CostClass = ""
		for i, c := range costs {
			if c == v {
				f.e.sub.CostClass = costValues[i]
			}
		}
		f.e.changed()
	})
	f.priority = newSelect([]string{locale.Name(data.PriorityHigh), locale.Name(data.PriorityMedium), locale.Name(data.PriorityLow)}, func(v string) {
		f.e.sub.Priority = data.Priority(f.priority.SelectedIndex() + 1)
		f.e.changed()
	})
	urgencies := make([]string, len(data.Urgencies))
	for i, u := range data.Urgencies {
		urgencies[i] = locale.Name(u)
	}
	f.urgency = newSelect(urgencies, func(string) {
		if i := f.urgency.SelectedIndex(); i >= 0 {
			f.e.sub.Urgency = data.Urgencies[i]
		}
		f.e.changed()
	})
	f.priority.PlaceHolder, f.urgency.PlaceHolder = lang.L("Not set"), lang.L("Not set")
	f.avs = f.entry(data.FieldAVSRef, func(s *data.Submission, v string) { s.AVSRef = v })
	f.avs.SetPlaceHolder(lang.L("Name or number of an existing åtgärdsvalsstudie, if known"))
	return container.NewPadded(container.NewVBox(
		labelled(lang.L("Proposed measures")),
		hint(lang.L("Tag each measure with its step of the four-step principle: 1 Rethink (influence demand and choice of mode), 2 Optimise (use existing infrastructure better), 3 Rebuild (limited rebuilding), 4 Build new. Show that steps 1–2 were considered before 3–4.")),
		f.measures, f.addMeasure,
		widget.NewForm(
			&widget.FormItem{Text: lang.L("Cost class"), Widget: f.costClass, HintText: lang.L("50 MSEK is where the regional plan names a measure individually.")},
			&widget.FormItem{Text: lang.L("Priority"), Widget: f.priority},
			&widget.FormItem{Text: lang.L("Urgency"), Widget: f.urgency},
			&widget.FormItem{Text: lang.L("ÅVS reference"), Widget: f.avs},
		),
	))
}

// rebuildMeasures lays out one row per measure: step, text, remove.
func (f *submissionFields) rebuildMeasures() {
	f.measures.RemoveAll()
	f.measureTexts, f.measureSteps = nil, nil
	f.measureRows++
	// A row's widgets write measure i only while they are shown: a removed
	// row may still have the keyboard focus, and its i may be out of range.
	rows := f.measureRows
	live := func() bool { return rows == f.measureRows }
	steps := make([]string, len(data.Steps))
	for i, s := range data.Steps {
		steps[i] = stepName(s)
	}
	for i := range f.e.sub.Measures {
		i := i
		m := f.e.sub.Measures[i]
		step := newSelect(steps, nil)
		if m.Step >= data.StepRethink && m.Step <= data.StepBuildNew {
			step.SetSelectedIndex(int(m.Step) - 1)
		}
		step.OnChanged = func(string) {
			if !live() {
				return
			}
			f.e.sub.Measures[i].Step = data.Step(step.SelectedIndex() + 1)
			f.e.changed()
		}
		text := newTextArea(2)
		limitTo(text, data.MeasureField(i, "text"), f.e.onLimit)
		text.SetText(m.Text)
		text.SetPlaceHolder(lang.L("Describe the measure"))
		text.Validator = func(s string) error {
			if !live() {
				return nil
			}
			c := f.e.sub.Clone()
			c.Measures[i].Text = s
			return fieldError(c, data.MeasureField(i, "text"))
		}
		text.OnChanged = func(s string) {
			if !live() {
				return
			}
			f.e.sub.Measures[i].Text = s
			f.e.changed()
		}
		remove := newButton("", theme.DeleteIcon(), func() {
			if !live() {
				return
			}
			f.e.sub.Measures = append(f.e.sub.Measures[:i:i], f.e.sub.Measures[i+1:]...)
			f.rebuildMeasures()
			f.e.changed()
		})
		noteText, _ := noted(text, "")
		f.measureTexts = append(f.measureTexts, text)
		f.measureSteps = append(f.measureSteps, step)
		// In the order they stand, step, text, remove, so that Tab goes
		// through them that way.
		stepBox := container.New(minWidth{w: 170}, step)
		f.measures.Add(container.New(layout.NewBorderLayout(nil, nil, stepBox, remove), stepBox, noteText, remove))
	}
	if len(f.e.sub.Measures) == 0 {
		f.measures.Add(hint(lang.L("No measure proposed yet.")))
	}
}

func (f *submissionFields) submitterTab() fyne.CanvasObject {
	f.meeting = newSelect(nil, func(string) {
		if i := f.meeting.SelectedIndex(); i >= 0 && i < len(f.meetingKeys) {
			f.e.sub.MeetingKey = f.meetingKeys[i]
		}
		f.e.changed()
	})
	f.meeting.PlaceHolder = lang.L("Choose the arena meeting")
	f.company = f.entry(data.FieldCompany, func(s *data.Submission, v string) { s.Company = v })
	f.contact = f.entry(data.FieldContactPerson, func(s *data.Submission, v string) { s.ContactPerson = v })
	f.email = f.entry(data.FieldContactEmail, func(s *data.Submission, v string) { s.ContactEmail = v })
	f.phone = f.entry(data.FieldContactPhone, func(s *data.Submission, v string) { s.ContactPhone = v })
	f.cosigners = f.multiline("", func(s *data.Submission, v string) {
		s.CoSigners = nil
		for _, line := range strings.Split(v, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				s.CoSigners = append(s.CoSigners, line)
			}
		}
	})
	f.cosigners.SetMinRowsVisible(3)
	// One company per line: at most the list's length of lines at the
	// line's length; ValidateSubmission says which line is too long.
	cs := data.Limit(data.FieldCoSigners)
	f.cosigners.limit = &fieldLimit{field: data.FieldCoSigners, max: cs.Items * (cs.Chars + 1), onLimit: f.e.onLimit}
	email, _ := noted(f.email, "")
	f.cosigners.SetPlaceHolder(lang.L("One company per line"))
	return container.NewPadded(widget.NewForm(
		&widget.FormItem{Text: lang.L("Arena meeting"), Widget: f.meeting},
		&widget.FormItem{Text: lang.L("Company"), Widget: f.company},
		&widget.FormItem{Text: lang.L("Contact person"), Widget: f.contact},
		&widget.FormItem{Text: lang.L("E-mail"), Widget: email},
		&widget.FormItem{Text: lang.L("Phone"), Widget: f.phone},
		&widget.FormItem{Text: lang.L("Co-signing companies"), Widget: f.cosigners},
	))
}

// load fills the fields from the submission.
func (f *submissionFields) load() {
	s := f.e.sub
	f.title.SetText(s.Title)
	f.object.SetText(s.Object)
	var modes []string
	for _, m := range s.Modes {
		modes = append(modes, locale.ModeName(m))
	}
	f.modes.SetSelected(modes)
	switch s.Municipality {
	case "":
		f.municipality.ClearSelected()
	case data.OutsideCounty:
		f.municipality.SetSelected(lang.L("Outside the county"))
	default:
		f.municipality.SetSelected(s.Municipality)
	}
	f.roadSuggest.SetText(s.RoadRef)
	f.updatePlanLevel()
	f.place.SetText(s.Place)
	if s.Point != nil {
		f.coords.SetText(geo.FormatDecimal(*s.Point))
	} else {
		f.coords.SetText("")
	}
	f.updateCoordInfo()
	f.deficiency.SetText(s.Deficiency)
	f.since.SetText(s.DeficiencySince)
	f.frequency.SetText(s.DeficiencyFreq)
	for k, w := range f.flows {
		if v, ok := s.Flows[k]; ok {
			w.SetText(formatNumber(v))
		} else {
			w.SetText("")
		}
	}
	var cons []string
	for _, c := range s.Consequences {
		cons = append(cons, locale.Name(c))
	}
	f.consequences.SetSelected(cons)
	f.impact.SetText(s.Impact)
	f.rebuildMeasures()
	if s.CostClass == "" {
		f.costClass.SetSelected("")
	} else {
		f.costClass.SetSelected(locale.Name(s.CostClass))
	}
	if s.Priority >= data.PriorityHigh && s.Priority <= data.PriorityLow {
		f.priority.SetSelectedIndex(int(s.Priority) - 1)
	} else {
		f.priority.ClearSelected()
	}
	f.urgency.ClearSelected()
	for i, u := range data.Urgencies {
		if u == s.Urgency {
			f.urgency.SetSelectedIndex(i)
		}
	}
	f.avs.SetText(s.AVSRef)
	f.loadMeetings()
	f.company.SetText(s.Company)
	f.contact.SetText(s.ContactPerson)
	f.email.SetText(s.ContactEmail)
	f.phone.SetText(s.ContactPhone)
	f.cosigners.SetText(strings.Join(s.CoSigners, "\n"))
}

// loadMeetings reads the meetings off the UI goroutine and offers them as
// targets, upcoming ones first.
func (f *submissionFields) loadMeetings() {
	f.meetingsLoad.run(f.e.u, func(ctx context.Context) func() {
		ms, err := f.e.u.st.Meetings(ctx)
		return func() {
			if err != nil {
				f.e.u.showError(err)
				return
			}
			// Filling the choice is not a change by the user.
			was := f.e.loading
			f.e.loading = true
			f.showMeetings(ms)
			f.e.loading = was
		}
	})
}

// showMeetings offers ms as the submission's meeting and selects its own.
func (f *submissionFields) showMeetings(ms []data.Meeting) {
	key := f.e.sub.MeetingKey
	defer func() { f.e.sub.MeetingKey = key }()
	l := f.e.u.language()
	opts := []string{lang.L("No meeting chosen")}
	f.meetingKeys = []string{""}
	for i := len(ms) - 1; i >= 0; i-- {
		m := ms[i]
		opts = append(opts, data.FormatDate(m.Start, l)+" – "+m.Title)
		f.meetingKeys = append(f.meetingKeys, m.Key)
	}
	f.meeting.SetOptions(opts)
	f.meeting.ClearSelected()
	for i, k := range f.meetingKeys {
		if k == key && k != "" {
			f.meeting.SetSelectedIndex(i)
		}
	}
}
