package store_test

import (
	"context"
	"math"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/geo"
	"github.com/handelskammaren/ila-desk/data/store"
)

// oldShapeSnapshot is a revision as ILA Desk wrote it before the snapshot
// became the exchange form (the point as has_point, lat and lon, the
// frequency as deficiency_freq, the co-signers as cosigners, numbers that
// are not finite as strings, & and < escaped), of oldShapeState.
const oldShapeSnapshot = `{"title":"Plankorsningen i Kolbäck stoppar lastbilarna","object":"Plankorsning väg 252/Mälarbanan","modes":["road","rail"],"municipality":"Hallstahammar","road_ref":"väg 252","place":"Söder om stationen i Kolbäck","has_point":true,"lat":59.5636,"lon":16.2431,"deficiency":"Bommarna är nere upp till 40 minuter per timme.","deficiency_since":"Sedan tidtabellsskiftet 2016","deficiency_freq":"Varje vardag 7–9 och 15–18","flows":{"employees":1e+06,"tonnes_year":250000.5,"trucks_day":"NaN"},"consequences":["time","safety"],"impact":"Leveranserna till Köpings hamn missar fartygen \u0026 \u003ctågen\u003e.","measures":[{"text":"Samordna bomfällningen med tidtabellen","step":2},{"text":"Planskild korsning","step":4}],"cost_class":"over50","priority":1,"urgency":"within_1y","avs_ref":"ÅVS Kolbäck 2015","meeting_key":"meeting-2017-09-13","company":"Mälarfrakt AB","contact_person":"Eva Lind","contact_email":"eva.lind@malarfrakt.se","contact_phone":"021-12 34 56","cosigners":["Köpings Hamnlogistik AB","Hallsta Åkeri"]}`

// oldShapeWithoutPoint is an old revision of a submission without a point.
const oldShapeWithoutPoint = `{"title":"Utan punkt","object":"","municipality":"","road_ref":"","place":"","has_point":false,"lat":0,"lon":0,"deficiency":"","deficiency_since":"","deficiency_freq":"","impact":"","cost_class":"","priority":0,"urgency":"","avs_ref":"","meeting_key":"","company":"","contact_person":"","contact_email":"","contact_phone":""}`

func oldShapeState() data.Submission {
	s := fullSubmission()
	s.Flows = data.Flows{data.FlowTrucksDay: math.NaN(), data.FlowTonnesYear: 250000.5, data.FlowEmployees: 1e6}
	s.Impact = "Leveranserna till Köpings hamn missar fartygen & <tågen>."
	return s
}

// sameEditable compares the editable fields, NaN equal to NaN.
func sameEditable(t *testing.T, what string, got, want data.Submission) {
	t.Helper()
	gf, wf := got.Flows, want.Flows
	got, want = editable(got), editable(want)
	got.Flows, want.Flows = nil, nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got %+v\nwant %+v", what, got, want)
	}
	if len(gf) != len(wf) {
		t.Errorf("%s: flows %v, want %v", what, gf, wf)
	}
	for k, w := range wf {
		if g, ok := gf[k]; !ok || g != w && !(math.IsNaN(g) && math.IsNaN(w)) {
			t.Errorf("%s: flow %s = %v, want %v", what, k, g, w)
		}
	}
}

// A revision stored in the old shape is read, shown and restored like a
// new one, and the history compares it with new ones field by field.
func TestRevisionsInTheOldShapeStillRestore(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	c := withClock(t, s)
	sub := mustCreate(t, s, data.Submission{Title: "Utan punkt"})
	for _, snap := range []string{oldShapeWithoutPoint, oldShapeSnapshot} {
		if err := store.Exec(ctx, s, `INSERT INTO submission_revisions (submission_id, opened_unix, at_unix, title, snapshot, kind)
			VALUES (?, 1499999000, 1499999000, 'Äldre', ?, 'kept')`, sub.ID, snap); err != nil {
			t.Fatal(err)
		}
	}
	revs, err := s.Revisions(ctx, sub.ID)
	if err != nil || len(revs) != 2 {
		t.Fatalf("revisions: %+v (%v), want the two old ones", revs, err)
	}
	old, err := s.RevisionState(ctx, sub.ID, revs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	sameEditable(t, "the old revision read", old, oldShapeState())
	if none, _ := store.RevisionSnapshotForTest(ctx, s, revs[1].ID); none.Point != nil || none.Title != "Utan punkt" {
		t.Errorf("the old revision without a point reads as %+v, want no point", none)
	}
	// Everything but the title and the object differs between the two old
	// ones; the labels come in form order, the point as one field.
	if !slices.Contains(revs[0].Changed, "Coordinates") || !slices.Contains(revs[0].Changed, "Co-signing companies") ||
		slices.Contains(revs[0].Changed, "has_point") {
		t.Errorf("changed between the old revisions: %q, want the fields by their labels", revs[0].Changed)
	}

	c.add(time.Minute)
	restored, err := s.RestoreRevision(ctx, sub.ID, revs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	want := oldShapeState()
	sameEditable(t, "restored", restored, want)
	if got, _ := s.Submission(ctx, sub.ID); got.Point == nil || *got.Point != *want.Point || got.DeficiencyFreq != want.DeficiencyFreq {
		t.Errorf("stored after the restore: point %v, frequency %q; want %v, %q", got.Point, got.DeficiencyFreq, want.Point, want.DeficiencyFreq)
	}

}

// An old revision and a new one of the same state are the same: the history
// does not keep the state twice and shows only what changed.
func TestOldAndNewRevisionsOfOneStateAreNoChange(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	sub := mustCreate(t, s, data.Submission{Title: "Utan punkt"})
	// As another program left it: its state must be kept before it is replaced.
	if err := store.Exec(ctx, s, `UPDATE submissions SET writer = '' WHERE id = ?`, sub.ID); err != nil {
		t.Fatal(err)
	}
	if err := store.Exec(ctx, s, `INSERT INTO submission_revisions (submission_id, opened_unix, at_unix, title, snapshot, kind)
		VALUES (?, 1499999000, 1499999000, 'Utan punkt', ?, 'kept')`, sub.ID, oldShapeWithoutPoint); err != nil {
		t.Fatal(err)
	}
	sub.Title = "Med titel"
	mustSave(t, s, sub)
	revs, err := s.Revisions(ctx, sub.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(revs) != 2 {
		t.Fatalf("got %d revisions, want 2: the old one already held the state the save replaced", len(revs))
	}
	if !reflect.DeepEqual(revs[0].Changed, []string{"Title"}) {
		t.Errorf("the save changed %q, want only the title", revs[0].Changed)
	}
}

// A database of schema 3 keeps the measures and co-signers of its
// submissions, in their order, when migration 4 moves them into the row,
// and search still finds the measures.
func TestMigrationMovesMeasuresAndCoSignersIntoTheRow(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ila.db")
	schemaDB(t, path, 3)
	db := openRaw(t, path)
	for _, q := range []string{
		`INSERT INTO submissions (id, uid, title, object, deficiency, measures_text, has_point, lat, lon, created_unix, updated_unix)
			VALUES (1, 'u1', 'Kajen', 'Kaj 7', 'För kort', 'Förläng kajen · Muddra farleden', 1, 59.505, 16.01, 1500000000, 1500000000),
			       (2, 'u2', 'Tom', '', '', '', 0, NULL, NULL, 1500000000, 1500000000)`,
		`INSERT INTO submission_measures (submission_id, position, text, step) VALUES (1, 1, 'Muddra farleden', 2), (1, 0, 'Förläng kajen', 3)`,
		`INSERT INTO submission_cosigners (submission_id, position, name) VALUES (1, 1, 'Hallsta "Åkeri"'), (1, 0, 'Köpings Hamn AB')`,
		`INSERT INTO submission_revisions (submission_id, opened_unix, at_unix, title, snapshot, version, kind)
			VALUES (1, 1499999000, 1499999000, 'Äldre', '` + oldShapeSnapshot + `', 0, 'kept')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.SubmissionByUID(ctx, "u1")
	if err != nil {
		t.Fatal(err)
	}
	wantMeasures := []data.Measure{{Text: "Förläng kajen", Step: data.StepRebuild}, {Text: "Muddra farleden", Step: data.StepOptimise}}
	if !reflect.DeepEqual(got.Measures, wantMeasures) || !reflect.DeepEqual(got.CoSigners, []string{"Köpings Hamn AB", `Hallsta "Åkeri"`}) {
		t.Errorf("migrated: measures %+v, co-signers %q; want %+v and both companies in order", got.Measures, got.CoSigners, wantMeasures)
	}
	if got.Point == nil || *got.Point != (geo.Point{Lat: 59.505, Lon: 16.01}) {
		t.Errorf("migrated point %v, want 59.505, 16.01", got.Point)
	}
	if empty, _ := s.SubmissionByUID(ctx, "u2"); empty.Measures != nil || empty.CoSigners != nil || empty.Point != nil {
		t.Errorf("migrated empty submission: %+v, want no measures, co-signers or point", empty)
	}
	if titles := listTitles(t, s, store.SubmissionQuery{Text: "farleden"}); !reflect.DeepEqual(titles, []string{"Kajen"}) {
		t.Errorf("search for a measure after the migration: %q, want the quay", titles)
	}
	revs, _ := s.Revisions(ctx, got.ID)
	if len(revs) != 1 {
		t.Fatalf("revisions %+v, want the old one", revs)
	}
	old, err := s.RevisionState(ctx, got.ID, revs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	sameEditable(t, "old revision after the migration", old, oldShapeState())

	// The migrated row saves like any other, measures and search included.
	got.Measures = append(got.Measures, data.Measure{Text: "Ny kaj vid Norra hamnen", Step: data.StepBuildNew})
	mustSave(t, s, got)
	if again, _ := s.SubmissionByUID(ctx, "u1"); len(again.Measures) != 3 {
		t.Errorf("after a save: measures %+v, want three", again.Measures)
	}
	if titles := listTitles(t, s, store.SubmissionQuery{Text: "Norra"}); !reflect.DeepEqual(titles, []string{"Kajen"}) {
		t.Errorf("search for a new measure: %q, want the quay", titles)
	}
	if n, _ := store.QueryInt(ctx, s, `SELECT count(*) FROM sqlite_schema WHERE name IN ('submission_measures', 'submission_cosigners')`); n != 0 {
		t.Errorf("%d of the old list tables are left", n)
	}
}
