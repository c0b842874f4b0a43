package store_test

import (
	"context"
	"database/sql"
	"encoding/json"

	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/geo"
	"github.com/handelskammaren/ila-desk/data/store"
)

func listTitles(t *testing.T, s *store.Store, q store.SubmissionQuery) []string {
	t.Helper()
	list, err := s.ListSubmissions(context.Background(), q)
	if err != nil {
		t.Fatalf("list %+v: %v", q, err)
	}
	ts := []string{}
	for _, x := range list {
		ts = append(ts, x.Title)
	}
	return ts
}

func TestListFiltersSortsAndCounts(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	c := withClock(t, s)
	subs := []data.Submission{
		{Title: "A", Modes: []data.Mode{data.ModeRoad}, Municipality: "Köping", Priority: data.PriorityLow, MeetingKey: "m1"},
		{Title: "B", Modes: []data.Mode{data.ModeRail, data.ModeRoad}, Municipality: "Västerås", Priority: data.PriorityNone, MeetingKey: "m2"},
		{Title: "C", Modes: []data.Mode{data.ModeSea}, Municipality: "Köping", Priority: data.PriorityHigh, MeetingKey: "m1"},
		{Title: "D", Modes: []data.Mode{data.ModeIntermodal}, Municipality: "Sala", Priority: data.PriorityMedium},
		{Title: "E", Modes: []data.Mode{data.ModeRail}, Municipality: "Köping", Priority: data.PriorityHigh, MeetingKey: "m1"},
	}
	ids := map[string]int64{}
	for _, sub := range subs {
		ids[sub.Title] = mustCreate(t, s, sub).ID
		c.add(time.Minute)
	}
	s.SetStatus(ctx, ids["B"], data.StatusReady, "")
	s.SetStatus(ctx, ids["D"], data.StatusReady, "") // D is now the last changed

	tests := []struct {
		name string
		q    store.SubmissionQuery
		want []string
	}{
		{"all, last changed first", store.SubmissionQuery{}, []string{"D", "B", "E", "C", "A"}},
		{"status", store.SubmissionQuery{Status: data.StatusReady}, []string{"D", "B"}},
		{"mode road includes mixed", store.SubmissionQuery{Mode: data.ModeRoad}, []string{"B", "A"}},
		{"mode rail", store.SubmissionQuery{Mode: data.ModeRail}, []string{"B", "E"}},
		{"mode prefix is not a mode", store.SubmissionQuery{Mode: "roa"}, []string{}},
		{"municipality", store.SubmissionQuery{Municipality: "Köping"}, []string{"E", "C", "A"}},
		{"meeting", store.SubmissionQuery{MeetingKey: "m1"}, []string{"E", "C", "A"}},
		{"combined", store.SubmissionQuery{Municipality: "Köping", Mode: data.ModeRail, MeetingKey: "m1"}, []string{"E"}},
		{"priority: high, medium, low, none", store.SubmissionQuery{Sort: store.SortPriority}, []string{"E", "C", "D", "A", "B"}},
		{"title", store.SubmissionQuery{Sort: store.SortTitle}, []string{"A", "B", "C", "D", "E"}},
		{"limit", store.SubmissionQuery{Sort: store.SortTitle, Limit: 2}, []string{"A", "B"}},
		{"offset", store.SubmissionQuery{Sort: store.SortTitle, Limit: 2, Offset: 2}, []string{"C", "D"}},
		{"offset past the end", store.SubmissionQuery{Offset: 10}, []string{}},
		{"nothing in the trash", store.SubmissionQuery{Trash: true}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := listTitles(t, s, tt.q); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			q := tt.q
			q.Limit, q.Offset = 0, 0
			n, err := s.CountSubmissions(ctx, q)
			if want := len(listTitles(t, s, q)); err != nil || n != want {
				t.Errorf("count: got %d (%v), want %d", n, err, want)
			}
		})
	}
	counts, err := s.SubmissionCounts(ctx)
	if err != nil || !reflect.DeepEqual(counts, map[data.Status]int{data.StatusDraft: 3, data.StatusReady: 2}) {
		t.Errorf("counts = %v (%v), want 3 drafts and 2 ready", counts, err)
	}

	list, _ := s.ListSubmissions(ctx, store.SubmissionQuery{Status: data.StatusReady})
	d := list[0]
	if d.Title != "D" || d.Status != data.StatusReady || d.Priority != data.PriorityMedium || d.Municipality != "Sala" ||
		!reflect.DeepEqual(d.Modes, []data.Mode{data.ModeIntermodal}) || !d.Updated.Equal(c.now()) || d.Deleted != nil {
		t.Errorf("summary of D: %+v", d)
	}
	// The old call without a query still lists everything.
	if all, err := s.ListSubmissions(ctx); err != nil || len(all) != 5 {
		t.Errorf("ListSubmissions(ctx): %d (%v), want 5", len(all), err)
	}
}

func TestListSortsTitlesInSwedishOrder(t *testing.T) {
	s := open(t)
	titles := []string{"Örebro–Arboga", "Zinkgruvan", "åkerby", "Ängsvägen", "arboga hamn", "Ådalen", "Ekbacken", "Östra infarten",
		"Ärlinghed", "Västerås C", "Wij", "\"Citat\" i början", "Éléphant", "10 minuter", "Bågen", "Backen"}
	for _, title := range titles {
		mustCreate(t, s, data.Submission{Title: title})
	}
	want := []string{"10 minuter", "arboga hamn", "Backen", "Bågen", "\"Citat\" i början", "Ekbacken", "Éléphant", "Västerås C", "Wij",
		"Zinkgruvan", "Ådalen", "åkerby", "Ängsvägen", "Ärlinghed", "Örebro–Arboga", "Östra infarten"}
	if got := listTitles(t, s, store.SubmissionQuery{Sort: store.SortTitle}); !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q,\nwant %q", got, want)
	}
}

func TestTitleKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Åkerby", "{kerby"},
		{"ÄLVEN", "|lven"},
		{"Ödet", "}det"},
		{"  Kolbäck–Ludvika, etapp 2 ", "kolb|ck ludvika etapp 2"},
		{"Æble {x}", "|ble x"},
		{"Müller", "myller"},
	}
	for _, tt := range tests {
		if got := store.TitleKey(tt.in); got != tt.want {
			t.Errorf("TitleKey(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestListSearch(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	kaj := mustCreate(t, s, data.Submission{Title: "Kajen är för kort", Object: "Kaj 7", Place: "Inre hamnen", RoadRef: "Köpings hamn",
		Municipality: "Köping", Deficiency: "Fartyg över 110 meter", Impact: "Omlastning kostar",
		Measures: []data.Measure{{Text: "Förlänga kajen med 40 meter", Step: 3}}})
	mustCreate(t, s, data.Submission{Title: "Plankorsningen i Kolbäck", Object: "Plankorsning", RoadRef: "Mälarbanan", Municipality: "Hallstahammar",
		Deficiency: "Bommarna nere länge", Measures: []data.Measure{{Text: "Planskild korsning", Step: 4}}})
	mustCreate(t, s, data.Submission{Title: "Vänstersväng på E18", RoadRef: "E18", Municipality: "Västerås", Place: "Trafikplats Hacksta"})

	tests := []struct {
		text string
		want []string
	}{
		{"kajen", []string{"Kajen är för kort"}},
		{"Kaj 7", []string{"Kajen är för kort"}},                // object
		{"inre", []string{"Kajen är för kort"}},                 // place
		{"Mälarbanan", []string{"Plankorsningen i Kolbäck"}},    // road ref
		{"hallstahammar", []string{"Plankorsningen i Kolbäck"}}, // municipality
		{"fartyg", []string{"Kajen är för kort"}},               // deficiency
		{"omlastning", []string{"Kajen är för kort"}},           // impact
		{"förlänga", []string{"Kajen är för kort"}},             // measure
		{"planskild", []string{"Plankorsningen i Kolbäck"}},     // measure
		{"hack", []string{"Vänstersväng på E18"}},               // prefix of the last word
		{"korsning", []string{"Plankorsningen i Kolbäck"}},      // measure text, whole word
		{"E18 västerås", []string{"Vänstersväng på E18"}},       // every word
		{"E18 köping", []string{}},                              // every word must match
		{"", []string{"Vänstersväng på E18", "Plankorsningen i Kolbäck", "Kajen är för kort"}},
	}
	for _, tt := range tests {
		if got := listTitles(t, s, store.SubmissionQuery{Text: tt.text}); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("search %q: got %q, want %q", tt.text, got, tt.want)
		}
	}
	for _, hostile := range []string{`"`, `*`, `-`, `NEAR(`, `AND OR NOT`, `'; DROP TABLE submissions; --`, `kaj"*`, `title:kaj`, `^kaj`, `%`, `_`, `\`, "\x00"} {
		if _, err := s.ListSubmissions(ctx, store.SubmissionQuery{Text: hostile}); err != nil {
			t.Errorf("search %q: %v, want no error", hostile, err)
		}
		if _, err := s.ListSubmissions(ctx, store.SubmissionQuery{Text: hostile, Trash: true}); err != nil {
			t.Errorf("trash search %q: %v, want no error", hostile, err)
		}
		if _, err := s.CountSubmissions(ctx, store.SubmissionQuery{Text: hostile}); err != nil {
			t.Errorf("count %q: %v, want no error", hostile, err)
		}
	}
	// Changing the measures re-indexes: the old text is gone, the new found.
	kaj.Measures = []data.Measure{{Text: "Muddra farleden", Step: 2}}
	mustSave(t, s, kaj)
	if got := listTitles(t, s, store.SubmissionQuery{Text: "förlänga"}); len(got) != 0 {
		t.Errorf("search for a removed measure: %q, want nothing", got)
	}
	if got := listTitles(t, s, store.SubmissionQuery{Text: "muddra"}); len(got) != 1 {
		t.Errorf("search for a new measure: %q, want the quay", got)
	}
	hits, _ := s.Search(ctx, "muddra", 10)
	if len(hits) != 1 || hits[0].Kind != "submission" || hits[0].Ref != kaj.ID || !strings.Contains(hits[0].Snippet, "«Muddra»") {
		t.Errorf("global search for the new measure: %+v, want the quay with a snippet", hits)
	}
}

// The list queries walk an index in the order asked for instead of sorting
// the whole table.
func TestListQueriesUseIndexes(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	tests := []struct {
		q     store.SubmissionQuery
		index string
	}{
		{store.SubmissionQuery{}, "submissions_updated"},
		{store.SubmissionQuery{Sort: store.SortPriority}, "submissions_priority"},
		{store.SubmissionQuery{Sort: store.SortTitle}, "submissions_title"},
		{store.SubmissionQuery{Status: data.StatusReady}, "submissions_status"},
		{store.SubmissionQuery{Municipality: "Köping"}, "submissions_municipality"},
		{store.SubmissionQuery{MeetingKey: "m1"}, "submissions_meeting"},
	}
	for _, tt := range tests {
		plan, err := store.QueryPlan(ctx, s, tt.q)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(plan, tt.index) || strings.Contains(plan, "TEMP B-TREE") {
			t.Errorf("plan for %+v:\n%s\nwant %s without a temporary sort", tt.q, plan, tt.index)
		}
	}
}

func TestNearDuplicates(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	// Köping port; 0.0027° of latitude is 300 m, 0.0072° is 800 m.
	base := data.Submission{Title: "Kajen i Köpings hamn är för kort", Point: &geo.Point{Lat: 59.505, Lon: 16.010}}
	here := mustCreate(t, s, base)
	near := mustCreate(t, s, data.Submission{Title: "Lastzon", Point: &geo.Point{Lat: 59.505 + 0.0027, Lon: 16.010}})
	east := mustCreate(t, s, data.Submission{Title: "Grind", Point: &geo.Point{Lat: 59.505, Lon: 16.010 + 0.0085}}) // ≈ 480 m east
	mustCreate(t, s, data.Submission{Title: "Rondellen", Point: &geo.Point{Lat: 59.505 + 0.0072, Lon: 16.010}})
	mustCreate(t, s, data.Submission{Title: "Ljuskorsningen", Point: &geo.Point{Lat: 59.505, Lon: 16.010 + 0.0095}}) // ≈ 540 m east
	similar := mustCreate(t, s, data.Submission{Title: "Kajen i Köpings hamn är alldeles för kort!"})
	same := mustCreate(t, s, data.Submission{Title: "KAJEN I KÖPINGS HAMN ÄR FÖR KORT."})
	mustCreate(t, s, data.Submission{Title: "Kajen i Västerås hamn"})
	trashed := mustCreate(t, s, data.Submission{Title: "Kajen i Köpings hamn är för kort", Point: &geo.Point{Lat: 59.505, Lon: 16.010}})
	s.TrashSubmission(ctx, trashed.ID)

	got, err := s.NearDuplicates(ctx, here)
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, x := range got {
		titles = append(titles, x.Title)
	}
	want := []string{near.Title, east.Title, same.Title, similar.Title}
	if !reflect.DeepEqual(titles, want) {
		t.Errorf("got %q, want %q (by distance, then by title)", titles, want)
	}
	// A submission being typed (no id yet) is compared the same way.
	typing := base
	typing.Title = ""
	got, _ = s.NearDuplicates(ctx, typing)
	if len(got) != 3 || got[0].ID != here.ID || got[1].ID != near.ID {
		t.Errorf("unsaved submission at the same place: %+v, want the one there, then 300 m and 480 m away", got)
	}
	if got, _ := s.NearDuplicates(ctx, data.Submission{Title: "Helt annat"}); len(got) != 0 {
		t.Errorf("unrelated title without place: %+v, want nothing", got)
	}
}

func TestUpsertSubmissionFromExchange(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	c := withClock(t, s)
	in := fullSubmission()
	in.ID = 4711 // another machine's id: ignored
	in.UID = "fedcba9876543210fedcba9876543210"
	in.Status = data.StatusSubmitted
	in.Created = time.Date(2017, 8, 1, 10, 0, 0, 0, data.Stockholm)
	in.Updated = time.Date(2017, 8, 2, 10, 0, 0, 0, data.Stockholm)
	in.Trail = []data.StatusChange{
		{Status: data.StatusDraft, At: in.Created},
		{Status: data.StatusReady, At: in.Created.Add(time.Hour), Comment: "klar"},
		{Status: data.StatusSubmitted, At: in.Updated, Comment: "till kammaren"},
	}
	in.Attachments = []data.Attachment{
		{UID: "a1", Name: "kaj.jpg", Caption: "Kajen", Data: jpegBytes(t, 400, 300, 1), Added: in.Created},
		{UID: "a2", Name: "pm.pdf", Data: pdfBytes(), Added: in.Created},
	}
	created, err := s.UpsertSubmissionFromExchange(ctx, in)
	if err != nil || !created {
		t.Fatalf("first import: created %v (%v), want true", created, err)
	}
	got, err := s.SubmissionByUID(ctx, in.UID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(editable(got), editable(in)) {
		t.Errorf("imported:\n got %+v\nwant %+v", editable(got), editable(in))
	}
	if got.ID == 4711 || got.Status != data.StatusSubmitted || !got.Created.Equal(in.Created) || !got.Updated.Equal(in.Updated) {
		t.Errorf("imported: id %d status %s created %v updated %v", got.ID, got.Status, got.Created, got.Updated)
	}
	if len(got.Trail) != 3 || got.Trail[2].Comment != "till kammaren" || !got.Trail[1].At.Equal(in.Trail[1].At) {
		t.Errorf("trail = %+v, want the imported one", got.Trail)
	}
	if len(got.Attachments) != 2 || got.Attachments[0].UID != "a1" || got.Attachments[0].MIME != "image/jpeg" || !got.Attachments[0].Added.Equal(in.Created) {
		t.Fatalf("attachments = %+v, want a1 (jpeg) and a2", got.Attachments)
	}
	if th, _ := s.AttachmentThumbnail(ctx, got.Attachments[0].ID); len(th) == 0 {
		t.Error("imported photo has no thumbnail")
	}

	// A local edit, then the sender's newer version arrives.
	local := got
	local.Title = "Lokalt ändrad"
	mustSave(t, s, local)
	c.add(time.Hour)
	in.Title = "Kajen, version 2"
	in.Status = data.StatusHandled
	in.Trail = append(in.Trail, data.StatusChange{Status: data.StatusHandled, At: in.Updated.Add(time.Hour)})
	in.Attachments = []data.Attachment{
		{UID: "a1", Name: "kaj.jpg", Caption: "Ny bildtext"}, // metadata only: bytes kept
		{UID: "a3", Name: "ny.png", Data: pngBytes(t, 50, 50)},
	}
	created, err = s.UpsertSubmissionFromExchange(ctx, in)
	if err != nil || created {
		t.Fatalf("second import: created %v (%v), want false", created, err)
	}
	again, _ := s.SubmissionByUID(ctx, in.UID)
	if again.ID != got.ID || again.Title != "Kajen, version 2" || again.Status != data.StatusHandled || len(again.Trail) != 4 {
		t.Errorf("re-import: id %d title %q status %s trail %d; want the same row updated", again.ID, again.Title, again.Status, len(again.Trail))
	}
	var names []string
	for _, a := range again.Attachments {
		names = append(names, a.UID+"="+a.Caption)
	}
	if !reflect.DeepEqual(names, []string{"a1=Ny bildtext", "a3="}) {
		t.Errorf("attachments after re-import: %q, want a1 with the new caption and a3", names)
	}
	if b, _ := s.AttachmentData(ctx, again.Attachments[0].ID); len(b) == 0 {
		t.Error("metadata-only re-import lost the photo's bytes")
	}
	if n, _ := s.CountSubmissions(ctx, store.SubmissionQuery{}); n != 1 {
		t.Errorf("%d submissions after re-import, want 1", n)
	}
	// The local edit is kept as a revision and can be restored.
	revs, _ := s.Revisions(ctx, again.ID)
	if len(revs) == 0 || revs[0].Title != "Lokalt ändrad" {
		t.Errorf("revisions after re-import: %+v, want the local edit first", revs)
	}

	// Refusals leave the store alone.
	_, err = s.UpsertSubmissionFromExchange(ctx, data.Submission{Title: "Utan UID"})
	if p, ok := data.AsProblem(err); !ok || p.Args["Title"] != "Utan UID" {
		t.Errorf("import without UID: %v, want a problem naming the title", err)
	}
	bad := in
	bad.Attachments = []data.Attachment{{UID: "x", Name: "virus.exe", Data: []byte("MZ\x90\x00")}}
	if _, err := s.UpsertSubmissionFromExchange(ctx, bad); err == nil {
		t.Error("import with an executable attachment succeeded")
	}
	bad = in
	bad.Status = "lost"
	if _, err := s.UpsertSubmissionFromExchange(ctx, bad); err == nil {
		t.Error("import with an unknown status succeeded")
	}
	bad = in
	bad.Attachments = []data.Attachment{{UID: "new", Name: "utan-data.pdf"}}
	if _, err := s.UpsertSubmissionFromExchange(ctx, bad); err == nil {
		t.Error("import of a new attachment without data succeeded")
	}
	after, _ := s.SubmissionByUID(ctx, in.UID)
	if !reflect.DeepEqual(after, again) {
		t.Error("a refused import changed the submission")
	}
}

// A database made by schema 1 keeps its submissions through migration 2.
func TestMigrationKeepsSubmissionsFromSchema1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ila.db")
	schema1, err := os.ReadFile(filepath.Join("migrations", "0001_foundation.sql"))
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{string(schema1), "PRAGMA user_version = 1",
		`INSERT INTO submissions (uid, title, object, modes, municipality, status, created_unix, updated_unix)
			VALUES ('u1', 'Ärendet om Östra hamnen', 'Kaj', 'sea road', 'Västerås', 'ready', 1500000000, 1500000100),
			       ('u2', 'Åkerby', '', 'road', 'Sala', 'weird', 1500000000, 1500000000)`} {
		if _, err := db.Exec(q); err != nil {
			db.Close()
			t.Fatal(err)
		}
	}
	db.Close()

	s, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("open schema 1: %v", err)
	}
	defer s.Close()
	ctx := context.Background()
	got, err := s.SubmissionByUID(ctx, "u1")
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != "Ärendet om Östra hamnen" || got.Object != "Kaj" || !reflect.DeepEqual(got.Modes, []data.Mode{data.ModeSea, data.ModeRoad}) ||
		got.Municipality != "Västerås" || got.Status != data.StatusReady || got.Created.Unix() != 1500000000 || got.Updated.Unix() != 1500000100 {
		t.Errorf("migrated: %+v", got)
	}
	if u2, _ := s.SubmissionByUID(ctx, "u2"); u2.Status != data.StatusDraft {
		t.Errorf("unknown old status became %q, want draft", u2.Status)
	}
	if titles := listTitles(t, s, store.SubmissionQuery{Sort: store.SortTitle}); !reflect.DeepEqual(titles, []string{"Åkerby", "Ärendet om Östra hamnen"}) {
		t.Errorf("migrated titles sort as %q, want Å before Ä", titles)
	}
	if titles := listTitles(t, s, store.SubmissionQuery{Text: "kaj"}); len(titles) != 1 {
		t.Errorf("search in migrated rows: %q, want the quay", titles)
	}
	if hits, _ := s.Search(ctx, "Östra", 10); len(hits) != 1 || hits[0].Kind != "submission" {
		t.Errorf("global search in migrated rows: %+v, want one submission", hits)
	}
	// And the migrated row works like any other.
	got.Deficiency = "Trångt"
	if _, err := s.SaveSubmission(ctx, got); err != nil {
		t.Errorf("save migrated: %v", err)
	}
	if n, _ := store.QueryInt(ctx, s, "PRAGMA foreign_key_check"); n != 0 {
		t.Error("foreign key check fails after migration")
	}
}

// submission.*.json hold exactly the texts of the submission rules in data
// and the store's problems.
func TestSubmissionTranslationFiles(t *testing.T) {
	want := append(data.SubmissionMessages(), store.StoreMessages...)
	slices.Sort(want)
	want = slices.Compact(want)
	for _, lang := range []string{"en", "sv"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "assets", "translations", "submission."+lang+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("submission.%s.json: %v", lang, err)
		}
		var keys []string
		for k, v := range m {
			keys = append(keys, k)
			if lang == "en" && v != k {
				t.Errorf("submission.en.json: %q translates to %q, want itself", k, v)
			}
			if strings.TrimSpace(v) == "" {
				t.Errorf("submission.%s.json: %q has no text", lang, k)
			}
		}
		slices.Sort(keys)
		if !slices.Equal(keys, want) {
			for _, k := range want {
				if _, ok := m[k]; !ok {
					t.Errorf("submission.%s.json lacks %q", lang, k)
				}
			}
			for _, k := range keys {
				if !slices.Contains(want, k) {
					t.Errorf("submission.%s.json has %q, which nothing uses", lang, k)
				}
			}
		}
	}
}

func TestTitleSimilarity(t *testing.T) {
	tests := []struct {
		a, b    string
		similar bool
	}{
		{"Kajen i Köping", "KAJEN I KÖPING!", true},
		{"Kajen i Köping", "Kajen, i Köping.", true},
		{"Kolbäcksbron", "Kolbäcksbrn", true},
		{"Plankorsningen vid Kolbäck", "Plankorsningen i Kolbäck", true},
		{"Kajen i Köping", "Kajen i Västerås", false},
		{"Plankorsningen vid Kolbäck", "Mötesspåret vid Ramnäs", false},
		{"E18", "E20", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got := store.TitleSimilarity(tt.a, tt.b)
		if (got >= 0.6) != tt.similar {
			t.Errorf("similarity(%q, %q) = %.2f, want similar=%v", tt.a, tt.b, got, tt.similar)
		}
		if back := store.TitleSimilarity(tt.b, tt.a); back != got {
			t.Errorf("similarity is not symmetric for %q, %q: %.2f and %.2f", tt.a, tt.b, got, back)
		}
	}
}
