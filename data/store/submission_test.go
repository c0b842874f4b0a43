package store_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/geo"
	"github.com/handelskammaren/ila-desk/data/store"
)

// clock is a settable clock for a store.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// withClock gives the store a clock starting at 2017-09-01 08:00 Stockholm.
func withClock(t *testing.T, s *store.Store) *clock {
	c := &clock{t: time.Date(2017, 9, 1, 8, 0, 0, 0, data.Stockholm)}
	store.SetClock(t, s, c.now)
	return c
}

// fullSubmission has every editable field set.
func fullSubmission() data.Submission {
	return data.Submission{
		Title:           "Plankorsningen i Kolbäck stoppar lastbilarna",
		Object:          "Plankorsning väg 252/Mälarbanan",
		Modes:           []data.Mode{data.ModeRoad, data.ModeRail},
		Municipality:    "Hallstahammar",
		RoadRef:         "väg 252",
		Place:           "Söder om stationen i Kolbäck",
		Point:           &geo.Point{Lat: 59.5636, Lon: 16.2431},
		Deficiency:      "Bommarna är nere upp till 40 minuter per timme.",
		DeficiencySince: "Sedan tidtabellsskiftet 2016",
		DeficiencyFreq:  "Varje vardag 7–9 och 15–18",
		Flows:           data.Flows{data.FlowTrucksDay: 140, data.FlowTonnesYear: 250000.5, data.FlowEmployees: 0},
		Consequences:    []data.Consequence{data.ConsTime, data.ConsSafety},
		Impact:          "Leveranserna till Köpings hamn missar fartygen.",
		Measures: []data.Measure{
			{Text: "Samordna bomfällningen med tidtabellen", Step: data.StepOptimise},
			{Text: "Planskild korsning", Step: data.StepBuildNew},
		},
		CostClass:     data.CostOver50,
		Priority:      data.PriorityHigh,
		Urgency:       data.UrgencyYear,
		AVSRef:        "ÅVS Kolbäck 2015",
		MeetingKey:    "meeting-2017-09-13",
		Company:       "Mälarfrakt AB",
		ContactPerson: "Eva Lind",
		ContactEmail:  "eva.lind@malarfrakt.se",
		ContactPhone:  "021-12 34 56",
		CoSigners:     []string{"Köpings Hamnlogistik AB", "Hallsta Åkeri"},
	}
}

// editable keeps the fields SaveSubmission writes, for comparisons.
func editable(s data.Submission) data.Submission {
	s.ID, s.UID, s.Status, s.Trail, s.Created, s.Updated, s.Deleted, s.Attachments = 0, "", "", nil, time.Time{}, time.Time{}, nil, nil
	s.Version = 0
	return s
}

func mustCreate(t *testing.T, s *store.Store, sub data.Submission) data.Submission {
	t.Helper()
	got, err := s.CreateSubmission(context.Background(), sub)
	if err != nil {
		t.Fatalf("create %q: %v", sub.Title, err)
	}
	return got
}

func mustSave(t *testing.T, s *store.Store, sub data.Submission) data.Submission {
	t.Helper()
	got, err := s.SaveSubmission(context.Background(), sub)
	if err != nil {
		t.Fatalf("save %q: %v", sub.Title, err)
	}
	return got
}

// The fixture sets every field, so a field added to data.Submission and
// forgotten by the store shows up here.
func TestFullSubmissionFixtureSetsEveryEditableField(t *testing.T) {
	v := reflect.ValueOf(fullSubmission())
	skip := map[string]bool{"ID": true, "UID": true, "Status": true, "Trail": true, "Created": true, "Updated": true, "Deleted": true, "Attachments": true, "Version": true}
	for i := 0; i < v.NumField(); i++ {
		name := v.Type().Field(i).Name
		if !skip[name] && v.Field(i).IsZero() {
			t.Errorf("fullSubmission leaves %s empty; set it so the round trip covers it", name)
		}
	}
}

func TestCreateAndSaveRoundTripEveryField(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	c := withClock(t, s)
	start := c.now()

	created := mustCreate(t, s, fullSubmission())
	if !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(created.UID) {
		t.Errorf("UID = %q, want 32 hex digits", created.UID)
	}
	if created.ID == 0 || created.Status != data.StatusDraft || !created.Created.Equal(start) || !created.Updated.Equal(start) {
		t.Errorf("created: id %d, status %q, created %v, updated %v; want an id, draft, %v", created.ID, created.Status, created.Created, created.Updated, start)
	}
	if len(created.Trail) != 1 || created.Trail[0].Status != data.StatusDraft || !created.Trail[0].At.Equal(start) {
		t.Errorf("trail = %+v, want one draft step at %v", created.Trail, start)
	}
	got, err := s.Submission(ctx, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(editable(got), fullSubmission()) {
		t.Errorf("read back:\n got %+v\nwant %+v", editable(got), fullSubmission())
	}
	if !reflect.DeepEqual(got, created) {
		t.Errorf("Submission differs from what CreateSubmission returned:\n got %+v\nwant %+v", got, created)
	}

	// Change every field.
	c.add(time.Minute)
	changed := data.Submission{
		ID: created.ID, UID: "ignored", Status: data.StatusClosed, // not editable: ignored
		Title: "Kajen i Köping är för kort", Object: "Kaj 7, Köpings hamn", Modes: []data.Mode{data.ModeSea},
		Municipality: "Köping", RoadRef: "Köpings hamn", Place: "Inre hamnen", Point: &geo.Point{Lat: 59.505, Lon: 16.01},
		Deficiency: "Fartyg över 110 m kan inte lägga till.", DeficiencySince: "Alltid", DeficiencyFreq: "Varje vecka",
		Flows: data.Flows{data.FlowTEUYear: 1200}, Consequences: []data.Consequence{data.ConsCost}, Impact: "Omlastning i Västerås.",
		Measures: []data.Measure{{Text: "Förläng kajen", Step: data.StepRebuild}}, CostClass: data.CostUnder50,
		Priority: data.PriorityLow, Urgency: data.UrgencyLongTerm, AVSRef: "–", MeetingKey: "meeting-2017-11-21",
		Company: "Köpings Hamnlogistik AB", ContactPerson: "Per Ek", ContactEmail: "per@khl.se", ContactPhone: "0221-1",
		CoSigners: []string{"Mälarfrakt AB"},
	}
	saved := mustSave(t, s, changed)
	want := changed
	want.UID, want.Status = created.UID, data.StatusDraft
	want.Trail, want.Created, want.Updated = created.Trail, created.Created, time.Unix(start.Add(time.Minute).Unix(), 0)
	if saved.Version <= created.Version {
		t.Errorf("version after save %d, want more than the created %d", saved.Version, created.Version)
	}
	want.Version = saved.Version
	if !reflect.DeepEqual(saved, want) {
		t.Errorf("saved:\n got %+v\nwant %+v", saved, want)
	}
	got, _ = s.Submission(ctx, created.ID)
	if !reflect.DeepEqual(got, saved) {
		t.Errorf("read after save:\n got %+v\nwant %+v", got, saved)
	}

	// Clearing works too: lists and the point go away.
	cleared := mustSave(t, s, data.Submission{ID: created.ID, Title: "Tom"})
	if !reflect.DeepEqual(editable(cleared), data.Submission{Title: "Tom"}) {
		t.Errorf("cleared: got %+v, want only the title", editable(cleared))
	}
}

// What was typed is kept, even where it is wrong; validation reports it.
func TestSaveKeepsWhatWasTyped(t *testing.T) {
	s := open(t)
	sub := mustCreate(t, s, data.Submission{Title: "Fel överallt"})
	sub.Flows = data.Flows{data.FlowTrucksDay: math.NaN(), data.FlowTonnesYear: math.Inf(1), data.FlowTrainsWeek: -3, "pallets": 2}
	sub.Measures = []data.Measure{{Text: "", Step: 0}, {Text: "Ny bro", Step: 9}}
	sub.ContactEmail, sub.Municipality, sub.Priority, sub.CostClass = "inte en adress", "Eskilstuna", 7, "billig"
	sub.Modes, sub.Consequences = []data.Mode{"buss"}, []data.Consequence{"buller"}
	saved := mustSave(t, s, sub)
	if v := saved.Flows[data.FlowTrucksDay]; !math.IsNaN(v) {
		t.Errorf("trucks/day = %v, want NaN kept", v)
	}
	if v := saved.Flows[data.FlowTonnesYear]; !math.IsInf(v, 1) {
		t.Errorf("tonnes/year = %v, want +Inf kept", v)
	}
	if saved.Flows[data.FlowTrainsWeek] != -3 || saved.Flows["pallets"] != 2 {
		t.Errorf("flows = %v, want -3 trains and 2 pallets kept", saved.Flows)
	}
	if !reflect.DeepEqual(saved.Measures, sub.Measures) || saved.ContactEmail != sub.ContactEmail || saved.Municipality != "Eskilstuna" ||
		saved.Priority != 7 || saved.CostClass != "billig" || saved.Modes[0] != "buss" || saved.Consequences[0] != "buller" {
		t.Errorf("saved %+v, want the wrong values kept as typed", saved)
	}
	if len(data.ValidateSubmission(saved)) == 0 {
		t.Error("validation found nothing in the saved submission")
	}
}

func TestCreateKeepsAGivenUID(t *testing.T) {
	s := open(t)
	sub := fullSubmission()
	sub.UID = "0123456789abcdef0123456789abcdef"
	got := mustCreate(t, s, sub)
	if got.UID != sub.UID {
		t.Errorf("UID = %q, want %q", got.UID, sub.UID)
	}
	byUID, err := s.SubmissionByUID(context.Background(), sub.UID)
	if err != nil || byUID.ID != got.ID {
		t.Errorf("SubmissionByUID: got id %d (%v), want %d", byUID.ID, err, got.ID)
	}
	if _, err := s.CreateSubmission(context.Background(), sub); err == nil {
		t.Error("a second submission with the same UID was stored")
	}
}

func TestMissingSubmissionIsNotFound(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	checks := map[string]error{}
	_, checks["Submission"] = s.Submission(ctx, 999)
	_, checks["SubmissionByUID"] = s.SubmissionByUID(ctx, "nope")
	_, checks["SaveSubmission"] = s.SaveSubmission(ctx, data.Submission{ID: 999, Title: "x"})
	checks["SetStatus"] = s.SetStatus(ctx, 999, data.StatusReady, "")
	_, checks["DuplicateSubmission"] = s.DuplicateSubmission(ctx, 999)
	checks["TrashSubmission"] = s.TrashSubmission(ctx, 999)
	checks["RestoreSubmission"] = s.RestoreSubmission(ctx, 999)
	checks["DeleteSubmission"] = s.DeleteSubmission(ctx, 999)
	_, checks["RestoreRevision"] = s.RestoreRevision(ctx, 999, 1)
	_, checks["AddAttachment"] = s.AddAttachment(ctx, 999, data.Attachment{Name: "a.pdf", Data: pdfBytes()})
	_, checks["AttachmentData"] = s.AttachmentData(ctx, 999)
	_, checks["AttachmentThumbnail"] = s.AttachmentThumbnail(ctx, 999)
	checks["SetAttachmentCaption"] = s.SetAttachmentCaption(ctx, 999, "x")
	checks["RemoveAttachment"] = s.RemoveAttachment(ctx, 999)
	for name, err := range checks {
		if !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s of a missing row: got %v, want ErrNotFound", name, err)
		}
	}
}

func TestStatusTrailInOrder(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	c := withClock(t, s)
	sub := mustCreate(t, s, fullSubmission())
	steps := []struct {
		status  data.Status
		comment string
	}{
		{data.StatusReady, ""},
		{data.StatusSubmitted, "Inlämnat till Thord"},
		{data.StatusHandled, "Togs upp 13 september"},
		{data.StatusForwarded, "Till Region Västmanland"},
	}
	for _, st := range steps {
		c.add(time.Hour)
		if err := s.SetStatus(ctx, sub.ID, st.status, st.comment); err != nil {
			t.Fatal(err)
		}
	}
	got, _ := s.Submission(ctx, sub.ID)
	if got.Status != data.StatusForwarded {
		t.Errorf("status = %q, want forwarded", got.Status)
	}
	if len(got.Trail) != len(steps)+1 {
		t.Fatalf("trail has %d steps, want %d", len(got.Trail), len(steps)+1)
	}
	for i, st := range steps {
		step := got.Trail[i+1]
		at := sub.Created.Add(time.Duration(i+1) * time.Hour)
		if step.Status != st.status || step.Comment != st.comment || !step.At.Equal(at) {
			t.Errorf("trail step %d: got %+v, want %s %q at %v", i+1, step, st.status, st.comment, at)
		}
	}
	if !got.Updated.Equal(c.now()) {
		t.Errorf("updated = %v, want the last status change %v", got.Updated, c.now())
	}
	err := s.SetStatus(ctx, sub.ID, "lost", "")
	if p, ok := data.AsProblem(err); !ok || p.Args["Value"] != "lost" {
		t.Errorf("unknown status: got %v, want a problem naming it", err)
	}
	if got, _ := s.Submission(ctx, sub.ID); len(got.Trail) != len(steps)+1 {
		t.Error("a refused status was added to the trail")
	}
}

func TestRevisionsCoalesceWhileTyping(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	c := withClock(t, s)
	sub := mustCreate(t, s, data.Submission{Title: "P"})
	start := c.now()
	for i, title := range []string{"Pl", "Pla", "Plan", "Plank"} {
		c.add([]time.Duration{0, 10 * time.Second, 10 * time.Second, 9 * time.Second}[i])
		sub.Title = title
		mustSave(t, s, sub)
	}
	revs, err := s.Revisions(ctx, sub.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(revs) != 1 || revs[0].Title != "Plank" || !revs[0].At.Equal(start.Add(29*time.Second)) {
		t.Fatalf("after four saves within 29 s: got %+v, want one revision Plank at +29 s", revs)
	}
	c.add(time.Second) // 30 s after the revision was opened
	sub.Title = "Plankorsning"
	mustSave(t, s, sub)
	revs, _ = s.Revisions(ctx, sub.ID)
	if len(revs) != 2 || revs[0].Title != "Plankorsning" || revs[1].Title != "Plank" {
		t.Errorf("after a save at +30 s: got %+v, want Plankorsning, Plank", revs)
	}
	// Continuous typing still gives a revision per 30 s, not one for ever:
	// saves at +35 … +90 s open new ones at +60 and +90 s.
	for i := 0; i < 12; i++ {
		c.add(5 * time.Second)
		sub.Title = fmt.Sprintf("Plankorsning %d", i)
		mustSave(t, s, sub)
	}
	revs, _ = s.Revisions(ctx, sub.ID)
	if len(revs) != 4 {
		t.Errorf("after 60 s of saves every 5 s: got %d revisions, want 4", len(revs))
	}
}

func TestRevisionsKeepTheNewest50(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	c := withClock(t, s)
	sub := mustCreate(t, s, data.Submission{Title: "start"})
	for i := 1; i <= 60; i++ {
		c.add(31 * time.Second)
		sub.Title = fmt.Sprintf("version %d", i)
		mustSave(t, s, sub)
	}
	revs, _ := s.Revisions(ctx, sub.ID)
	if len(revs) != 50 {
		t.Fatalf("got %d revisions, want 50", len(revs))
	}
	if revs[0].Title != "version 60" || revs[49].Title != "version 11" {
		t.Errorf("revisions run %q … %q, want version 60 … version 11", revs[0].Title, revs[49].Title)
	}
	other := mustCreate(t, s, data.Submission{Title: "other"})
	mustSave(t, s, other)
	if revs, _ := s.Revisions(ctx, sub.ID); len(revs) != 50 {
		t.Errorf("another submission's revision changed this one's: %d, want 50", len(revs))
	}
}

func TestRestoreRevisionCanBeUndone(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	c := withClock(t, s)
	sub := mustCreate(t, s, fullSubmission())
	a := mustSave(t, s, sub)
	c.add(time.Minute)
	b := a
	b.Title, b.Measures, b.Flows = "B", nil, data.Flows{data.FlowCommuters: 30}
	mustSave(t, s, b)
	c.add(time.Minute)
	cur := b
	cur.Title, cur.Point = "C", nil
	mustSave(t, s, cur)
	if err := s.SetStatus(ctx, sub.ID, data.StatusReady, ""); err != nil {
		t.Fatal(err)
	}

	revs, _ := s.Revisions(ctx, sub.ID)
	if len(revs) != 3 || revs[2].Title != a.Title {
		t.Fatalf("revisions %+v, want C, B, A", revs)
	}
	c.add(time.Minute)
	restored, err := s.RestoreRevision(ctx, sub.ID, revs[2].ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(editable(restored), editable(a)) {
		t.Errorf("restored:\n got %+v\nwant %+v", editable(restored), editable(a))
	}
	if restored.Status != data.StatusReady || len(restored.Trail) != 2 {
		t.Errorf("restore changed the status or trail: %s, %d steps", restored.Status, len(restored.Trail))
	}
	revs, _ = s.Revisions(ctx, sub.ID)
	var titles []string
	for _, r := range revs {
		titles = append(titles, r.Title)
	}
	if strings.Join(titles, ",") != a.Title+",C,B,"+a.Title {
		t.Errorf("revisions after restore: %q, want A (restored), C, B, A", titles)
	}
	// Undo the restore: C comes back.
	undone, err := s.RestoreRevision(ctx, sub.ID, revs[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	if undone.Title != "C" || undone.Point != nil || undone.Flows[data.FlowCommuters] != 30 {
		t.Errorf("after undoing the restore: %+v, want C without point", editable(undone))
	}
	// A revision of another submission cannot be restored here.
	other := mustCreate(t, s, data.Submission{Title: "other"})
	mustSave(t, s, other)
	orevs, _ := s.Revisions(ctx, other.ID)
	if _, err := s.RestoreRevision(ctx, sub.ID, orevs[0].ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("restoring another submission's revision: got %v, want ErrNotFound", err)
	}
}

func TestTrashRestoreAndEmpty(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	keep := mustCreate(t, s, data.Submission{Title: "Mötesspår vid Ramnäs", Deficiency: "Godståg väntar"})
	gone := mustCreate(t, s, data.Submission{Title: "Vänstersväng vid Tillberga", Deficiency: "Godstrafiken köar"})
	att, err := s.AddAttachment(ctx, gone.ID, data.Attachment{Name: "karta.pdf", Data: pdfBytes()})
	if err != nil {
		t.Fatal(err)
	}
	titles := func(q store.SubmissionQuery) string {
		t.Helper()
		list, err := s.ListSubmissions(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var ts []string
		for _, x := range list {
			ts = append(ts, x.Title)
		}
		return strings.Join(ts, ",")
	}
	searchFinds := func(text string, id int64) bool {
		t.Helper()
		hits, err := s.Search(ctx, text, 50)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range hits {
			if h.Kind == "submission" && h.Ref == id {
				return true
			}
		}
		return false
	}

	if err := s.TrashSubmission(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.TrashSubmission(ctx, gone.ID); err != nil {
		t.Errorf("trashing twice: %v, want no error", err)
	}
	if got := titles(store.SubmissionQuery{}); got != keep.Title {
		t.Errorf("list after trashing: %q, want only %q", got, keep.Title)
	}
	if got := titles(store.SubmissionQuery{Trash: true}); got != gone.Title {
		t.Errorf("trash: %q, want %q", got, gone.Title)
	}
	if got := titles(store.SubmissionQuery{Trash: true, Text: "tillberga"}); got != gone.Title {
		t.Errorf("trash searched for tillberga: %q, want %q", got, gone.Title)
	}
	if got := titles(store.SubmissionQuery{Trash: true, Text: "Vänster tillb"}); got != gone.Title {
		t.Errorf("trash searched for two words: %q, want %q", got, gone.Title)
	}
	if got := titles(store.SubmissionQuery{Trash: true, Text: "tillberga ramnäs"}); got != "" {
		t.Errorf("trash searched for words in different submissions: %q, want nothing", got)
	}
	if got := titles(store.SubmissionQuery{Trash: true, Text: "ramnäs"}); got != "" {
		t.Errorf("trash searched for ramnäs: %q, want nothing", got)
	}
	if searchFinds("Tillberga", gone.ID) {
		t.Error("search finds a trashed submission")
	}
	if got := titles(store.SubmissionQuery{Text: "gods"}); got != keep.Title {
		t.Errorf("list searched for gods: %q, want only the one outside the trash", got)
	}
	if n, _ := s.CountSubmissions(ctx, store.SubmissionQuery{}); n != 1 {
		t.Errorf("count = %d, want 1", n)
	}
	if counts, _ := s.SubmissionCounts(ctx); counts[data.StatusDraft] != 1 {
		t.Errorf("counts = %v, want 1 draft", counts)
	}
	if got, err := s.Submission(ctx, gone.ID); err != nil || got.Deleted == nil {
		t.Errorf("trashed submission: deleted %v (%v), want it readable with Deleted set", got.Deleted, err)
	}

	if err := s.RestoreSubmission(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	if !searchFinds("Tillberga", gone.ID) {
		t.Error("search does not find a restored submission")
	}
	if got, _ := s.Submission(ctx, gone.ID); got.Deleted != nil {
		t.Error("restored submission still has Deleted set")
	}

	s.TrashSubmission(ctx, gone.ID)
	n, err := s.EmptyTrash(ctx)
	if err != nil || n != 1 {
		t.Fatalf("empty trash: %d (%v), want 1", n, err)
	}
	if _, err := s.Submission(ctx, gone.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("emptied submission: got %v, want ErrNotFound", err)
	}
	if _, err := s.AttachmentData(ctx, att.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("attachment of an emptied submission: got %v, want ErrNotFound", err)
	}
	if got := titles(store.SubmissionQuery{}); got != keep.Title {
		t.Errorf("list after emptying the trash: %q, want %q", got, keep.Title)
	}
	if n, _ := s.EmptyTrash(ctx); n != 0 {
		t.Errorf("emptying an empty trash: %d, want 0", n)
	}
}

func TestDeleteSubmission(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	sub := mustCreate(t, s, data.Submission{Title: "Bort"})
	if err := s.DeleteSubmission(ctx, sub.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Submission(ctx, sub.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("deleted submission: got %v, want ErrNotFound", err)
	}
	if hits, _ := s.Search(ctx, "Bort", 10); len(hits) != 0 {
		t.Errorf("search finds a deleted submission: %+v", hits)
	}
}

func TestDuplicateSubmission(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	c := withClock(t, s)
	src := mustCreate(t, s, fullSubmission())
	mustSave(t, s, src)
	s.SetStatus(ctx, src.ID, data.StatusSubmitted, "")
	photo, err := s.AddAttachment(ctx, src.ID, data.Attachment{Name: "bommar.jpg", Caption: "Kön", Data: jpegBytes(t, 640, 480, 1)})
	if err != nil {
		t.Fatal(err)
	}
	c.add(time.Hour)

	dup, err := s.DuplicateSubmission(ctx, src.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(editable(dup), fullSubmission()) {
		t.Errorf("copy:\n got %+v\nwant %+v", editable(dup), fullSubmission())
	}
	if dup.ID == src.ID || dup.UID == src.UID || dup.Status != data.StatusDraft || len(dup.Trail) != 1 || !dup.Created.Equal(c.now()) {
		t.Errorf("copy: id %d uid %s status %s trail %d created %v; want new id and UID, a fresh draft now", dup.ID, dup.UID, dup.Status, len(dup.Trail), dup.Created)
	}
	if len(dup.Attachments) != 1 {
		t.Fatalf("copy has %d attachments, want 1", len(dup.Attachments))
	}
	a := dup.Attachments[0]
	if a.ID == photo.ID || a.UID == photo.UID || a.Name != photo.Name || a.Caption != "Kön" || a.MIME != "image/jpeg" || a.Size != photo.Size {
		t.Errorf("copied attachment %+v, want a new id and UID with the same name, caption, type and size as %+v", a, photo)
	}
	b1, _ := s.AttachmentData(ctx, photo.ID)
	b2, _ := s.AttachmentData(ctx, a.ID)
	if string(b1) != string(b2) {
		t.Error("the copied attachment's bytes differ")
	}
	if th, _ := s.AttachmentThumbnail(ctx, a.ID); len(th) == 0 {
		t.Error("the copied photo has no thumbnail")
	}
	if revs, _ := s.Revisions(ctx, dup.ID); len(revs) != 0 {
		t.Errorf("copy has %d revisions, want none", len(revs))
	}
	// The copies are independent.
	if err := s.RemoveAttachment(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Submission(ctx, src.ID); len(got.Attachments) != 1 {
		t.Error("removing the copy's attachment removed the original's")
	}
}

func TestSubmissionsFull(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	c := withClock(t, s)
	var want []data.Submission
	for i := 0; i < 5; i++ {
		sub := fullSubmission()
		sub.Title = fmt.Sprintf("Inspel %d", i)
		sub.Measures = sub.Measures[:i%3]
		created := mustCreate(t, s, sub)
		if i%2 == 0 {
			if _, err := s.AddAttachment(ctx, created.ID, data.Attachment{Name: "bilaga.pdf", Data: pdfBytes()}); err != nil {
				t.Fatal(err)
			}
			s.SetStatus(ctx, created.ID, data.StatusReady, "klar")
		}
		got, _ := s.Submission(ctx, created.ID)
		want = append([]data.Submission{got}, want...) // newest first
		c.add(time.Minute)
	}
	got, err := s.SubmissionsFull(ctx, store.SubmissionQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SubmissionsFull differs from Submission one by one:\n got %+v\nwant %+v", got, want)
	}
	got, _ = s.SubmissionsFull(ctx, store.SubmissionQuery{Status: data.StatusReady, Sort: store.SortTitle})
	if len(got) != 3 || got[0].Title != "Inspel 0" || got[2].Title != "Inspel 4" || got[1].Attachments[0].Data != nil {
		t.Errorf("ready by title: %d submissions, want Inspel 0, 2, 4 with attachment metadata only", len(got))
	}
}

func TestRevisionsSayWhatEachOneChanged(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	c := withClock(t, s)
	sub := mustCreate(t, s, data.Submission{Title: "Plankorsning"})
	mustSave(t, s, sub)
	c.add(31 * time.Second)
	sub.Deficiency, sub.DeficiencyFreq = "Bommarna fälls 40 gånger", "varje vardag"
	sub.Point = &geo.Point{Lat: 59.5137, Lon: 15.9906}
	mustSave(t, s, sub)
	c.add(31 * time.Second)
	sub.Title, sub.CoSigners = "Plankorsning i Kolbäck", []string{"Köpings Mekaniska"}
	mustSave(t, s, sub)
	revs, err := s.Revisions(ctx, sub.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(revs) != 3 {
		t.Fatalf("got %d revisions, want 3", len(revs))
	}
	want := [][]string{
		{"Title", "Co-signing companies"},
		{"Coordinates", "Deficiency"},
		nil,
	}
	for i, r := range revs {
		if !slices.Equal(r.Changed, want[i]) {
			t.Errorf("revision %d (%s) changed %q, want %q", i, r.Title, r.Changed, want[i])
		}
	}
	if !revs[2].First || revs[0].First {
		t.Errorf("First: got %v %v %v, want only the oldest", revs[0].First, revs[1].First, revs[2].First)
	}
}
