package store_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/handelskammaren/ila-desk/assets"
	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/content"
	"github.com/handelskammaren/ila-desk/data/store"
)

// open opens a fresh store in a temp dir, filled with the default content.
func open(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "ila.db"))
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	f, err := content.Parse(assets.DefaultContent)
	if err != nil {
		t.Fatalf("parse default content: %v", err)
	}
	if _, err := s.ImportContent(context.Background(), f); err != nil {
		t.Fatalf("import default content: %v", err)
	}
	return s
}

func pragma(t *testing.T, path, name string) int {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v int
	if err := db.QueryRow("PRAGMA " + name).Scan(&v); err != nil {
		t.Fatalf("pragma %s: %v", name, err)
	}
	return v
}

func TestOpenCreatesSchemaOnEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "ila.db")
	s, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	s.Close()
	if got, want := pragma(t, path, "user_version"), store.SchemaVersion(); got != want {
		t.Errorf("user_version = %d, want %d", got, want)
	}
	if got := pragma(t, path, "application_id"); got != store.ApplicationID {
		t.Errorf("application_id = %#x, want %#x", got, store.ApplicationID)
	}
	if runtime.GOOS != "windows" {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != 0o600 {
			t.Errorf("file mode = %o, want 600", got)
		}
	}
	db, _ := sql.Open("sqlite", path)
	defer db.Close()
	var mode string
	if err := db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q (%v), want wal", mode, err)
	}
}

func TestReopenIsIdempotent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ila.db")
	ctx := context.Background()
	for i := 0; i < 3; i++ {
		s, err := store.Open(ctx, path)
		if err != nil {
			t.Fatalf("open #%d: %v", i+1, err)
		}
		if i == 0 {
			if err := s.SaveCompany(ctx, data.Company{Name: "Mälarfrakt AB"}); err != nil {
				t.Fatal(err)
			}
		}
		c, err := s.Company(ctx)
		if err != nil || c.Name != "Mälarfrakt AB" {
			t.Errorf("open #%d: company = %q (%v), want Mälarfrakt AB", i+1, c.Name, err)
		}
		s.Close()
	}
	if got, want := pragma(t, path, "user_version"), store.SchemaVersion(); got != want {
		t.Errorf("user_version = %d, want %d", got, want)
	}
}

func TestOpenRefusesNewerSchemaUntouched(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ila.db")
	s, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, _ := sql.Open("sqlite", path)
	if _, err := db.Exec("PRAGMA journal_mode = DELETE; PRAGMA user_version = 999"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before, _ := os.ReadFile(path)
	_, err = store.Open(context.Background(), path)
	if !errors.Is(err, store.ErrNewerSchema) {
		t.Fatalf("open newer schema: err = %v, want ErrNewerSchema", err)
	}
	if p, ok := data.AsProblem(err); !ok || !strings.Contains(p.English(), "newer version") {
		t.Errorf("error %v is not a problem that says the file is newer", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("the newer database was changed")
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		t.Error("a -wal file was created next to the refused database")
	}
}

func TestOpenRefusesForeignFilesUntouched(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte(strings.Repeat("not a database\n", 20)), 0o644)
	other := filepath.Join(dir, "other.db")
	db, _ := sql.Open("sqlite", other)
	if _, err := db.Exec("PRAGMA journal_mode = DELETE; CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	for _, path := range []string{text, other} {
		before, _ := os.ReadFile(path)
		_, err := store.Open(context.Background(), path)
		if !errors.Is(err, store.ErrForeignFile) {
			t.Errorf("open %s: err = %v, want ErrForeignFile", filepath.Base(path), err)
		}
		after, _ := os.ReadFile(path)
		if !bytes.Equal(before, after) {
			t.Errorf("%s was changed", filepath.Base(path))
		}
	}
}

// TestOpenTakesThePathLiterally opens paths that SQLite would read as a URI
// or cut at "?": the store is the file named, and a foreign database that
// such a path could point SQLite at is not touched.
func TestOpenTakesThePathLiterally(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir) // "file:…" is a relative folder name
	other := filepath.Join(dir, "other.db")
	db, _ := sql.Open("sqlite", other)
	if _, err := db.Exec("PRAGMA journal_mode = DELETE; CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before, _ := os.ReadFile(other)
	for _, path := range []string{other + "?x", other + "#x", "file:" + other, filepath.Join(dir, "100%25.db")} {
		s, err := store.Open(context.Background(), path)
		if err != nil {
			t.Errorf("open %s: %v", path, err)
			continue
		}
		if v, err := s.ContentVersion(context.Background()); err != nil || v != 0 {
			t.Errorf("open %s: content version %d, %v; want a new store", path, v, err)
		}
		s.Close()
		if info, err := os.Stat(path); err != nil || info.Size() == 0 {
			t.Errorf("open %s: the named file was not made a store (%v)", path, err)
		}
		if after, _ := os.ReadFile(other); !bytes.Equal(before, after) {
			t.Fatalf("open %s changed other.db", path)
		}
	}
}

func TestDefaultContentIsTheSeedPage(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	ms, err := s.Meetings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"2017-02-22 09:00–12:00 Wednesday",
		"2017-05-16 15:00–17:00 Tuesday",
		"2017-09-13 15:00–17:00 Wednesday",
		"2017-11-21 12:00–15:00 Tuesday",
	}
	if len(ms) != len(want) {
		t.Fatalf("got %d meetings, want %d", len(ms), len(want))
	}
	for i, m := range ms {
		got := m.Start.Format("2006-01-02 15:04") + "–" + m.End.Format("15:04") + " " + m.Start.Weekday().String()
		if got != want[i] {
			t.Errorf("meeting %d: got %s, want %s", i+1, got, want[i])
		}
		if m.Start.Location() != data.Stockholm {
			t.Errorf("meeting %d: location %v, want Europe/Stockholm", i+1, m.Start.Location())
		}
	}
	ps, err := s.Protocols(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range ps {
		got = append(got, p.Date.Format("2006-01-02")+" "+p.Title)
		if p.Text != "" {
			t.Errorf("protocol %s has text %q; the seed has none", p.Key, p.Text)
		}
	}
	if w := "2017-02-22 Minnesanteckningar,2016-11-21 Minnesanteckningar,2016-09-14 Minnesanteckningar,2016-04-19 Nätverksgruppsmöte"; strings.Join(got, ",") != w {
		t.Errorf("protocols = %v, want %s", got, w)
	}
	es, _ := s.Events(ctx)
	cs, _ := s.Contacts(ctx)
	os, _ := s.Offices(ctx)
	fa, _ := s.FocusAreas(ctx)
	if len(es) != 6 || len(cs) != 2 || len(os) != 2 || len(fa) != 5 {
		t.Errorf("got %d events, %d contacts, %d offices, %d focus areas; want 6, 2, 2, 5", len(es), len(cs), len(os), len(fa))
	}
	if v, _ := s.ContentVersion(ctx); v != 1 {
		t.Errorf("content version = %d, want 1", v)
	}
}

// newerContent returns the default content with a higher version and changes.
func newerContent(t *testing.T, version int, change func(f *content.File)) *content.File {
	t.Helper()
	f, err := content.Parse(assets.DefaultContent)
	if err != nil {
		t.Fatal(err)
	}
	f.Version = version
	if change != nil {
		change(f)
	}
	return f
}

func TestReimportSameOrOlderChangesNothing(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	for _, v := range []int{1, 0 + 1} {
		f := newerContent(t, v, func(f *content.File) { f.Meetings[0].Title = "Ändrad" })
		res, err := s.ImportContent(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if res.Outcome != store.ContentUnchanged {
			t.Errorf("import version %d over 1: outcome %v, want unchanged", v, res.Outcome)
		}
	}
	ms, _ := s.Meetings(ctx)
	if ms[0].Title != "Nätverksmöte ILA" {
		t.Errorf("meeting title = %q after importing the same version, want it unchanged", ms[0].Title)
	}
}

func TestNewerContentKeepsUserData(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	ps, _ := s.Protocols(ctx)
	var feb data.Protocol
	for _, p := range ps {
		if p.Key == "protocol-2017-02-22" {
			feb = p
		}
	}
	if _, err := s.AttachDocument(ctx, feb.ID, store.Document{DocumentInfo: data.DocumentInfo{Name: "mote.md", MIME: "text/markdown", Searchable: true},
		Data: []byte("# Minnesanteckningar\nHamnen i Köping."), Text: "Minnesanteckningar Hamnen i Köping."}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveNote(ctx, data.Note{TargetKind: "meeting", TargetKey: "meeting-2017-05-16", Text: "Ta upp E18 vid Köping"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveCompany(ctx, data.Company{Name: "Köpings Hamnlogistik AB"}); err != nil {
		t.Fatal(err)
	}
	insertSubmission(t, s, "Plankorsning i Kolbäck")

	f := newerContent(t, 2, func(f *content.File) {
		f.Meetings[1].Location = "Vasagatan 20A, Västerås"
		f.Meetings = append(f.Meetings, content.Meeting{Key: "meeting-2018-02-21", Title: "Nätverksmöte ILA", Kind: "network",
			Start: "2018-02-21T09:00", End: "2018-02-21T12:00", Agenda: []content.AgendaItem{{Title: "Hamnarna"}}})
		f.Protocols = f.Protocols[:len(f.Protocols)-1] // drop the one with the document
		f.Events = f.Events[:2]
	})
	res, err := s.ImportContent(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcome != store.ContentUpdated || res.OldVersion != 1 {
		t.Fatalf("outcome %+v, want updated from 1", res)
	}
	ms, _ := s.Meetings(ctx)
	if len(ms) != 5 || ms[1].Location != "Vasagatan 20A, Västerås" || len(ms[4].Agenda) != 1 {
		t.Errorf("meetings after update: %d, location %q; want 5 with the new location and agenda", len(ms), ms[1].Location)
	}
	n, _ := s.Note(ctx, "meeting", "meeting-2017-05-16")
	if n.Text != "Ta upp E18 vid Köping" {
		t.Errorf("note = %q after update, want it kept", n.Text)
	}
	p, err := s.Protocol(ctx, feb.ID)
	if err != nil || p.Document == nil || p.Document.Name != "mote.md" {
		t.Errorf("protocol with document after update: %+v (%v), want it kept with its document", p, err)
	}
	if c, _ := s.Company(ctx); c.Name != "Köpings Hamnlogistik AB" {
		t.Errorf("company = %q, want kept", c.Name)
	}
	subs, _ := s.ListSubmissions(ctx)
	if len(subs) != 1 {
		t.Errorf("got %d submissions after update, want 1", len(subs))
	}
	es, _ := s.Events(ctx)
	if len(es) != 2 {
		t.Errorf("got %d events, want the 2 of the new content", len(es))
	}
	hits, _ := s.Search(ctx, "Köping", 10)
	if len(hits) == 0 {
		t.Error("the kept document's text is no longer searchable")
	}
}

func TestImportRefusesInvalidContentWhole(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	f := newerContent(t, 2, func(f *content.File) {
		f.Meetings[0].Title = "Ändrad"
		f.Meetings[3].End = "2017-11-21T11:00" // before its start
	})
	if _, err := s.ImportContent(ctx, f); err == nil {
		t.Fatal("import of content with a meeting ending before its start succeeded")
	}
	ms, _ := s.Meetings(ctx)
	if ms[0].Title != "Nätverksmöte ILA" {
		t.Error("a refused import changed the store")
	}
	if v, _ := s.ContentVersion(ctx); v != 1 {
		t.Errorf("content version = %d after a refused import, want 1", v)
	}
}

func TestSearch(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	insertSubmission(t, s, "Järnvägen Kolbäck–Hallstahammar behöver mötesspår")
	insertSubmission(t, s, "Kajen vid hamnarna i Köping")
	tests := []struct {
		query, wantTitle string
	}{
		{"järnväg", "Järnvägen Kolbäck–Hallstahammar behöver mötesspår"},
		{"JÄRNVÄGEN", "Järnvägen Kolbäck–Hallstahammar behöver mötesspår"},
		{"hamn", "Kajen vid hamnarna i Köping"},
		{"flyget", "Tillgänglighet med flyg"},
		{"Käck", "Thor-Björn Käck"},
		{`"hamn* -köping`, "Kajen vid hamnarna i Köping"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			hits, err := s.Search(ctx, tt.query, 20)
			if err != nil {
				t.Fatalf("search: %v", err)
			}
			for _, h := range hits {
				if h.Title == tt.wantTitle {
					return
				}
			}
			t.Errorf("search %q: got %+v, want a hit titled %q", tt.query, hits, tt.wantTitle)
		})
	}
	// Diacritics are kept: "a" does not find "å".
	hits, _ := s.Search(ctx, "Kack", 20)
	if len(hits) != 0 {
		t.Errorf("search Kack found %+v; å/ä/ö must not fold to a/o", hits)
	}
	for _, q := range []string{`"`, `*`, `-`, `NEAR(`, `AND OR NOT`, `'; DROP TABLE meetings; --`, ``} {
		if _, err := s.Search(ctx, q, 5); err != nil {
			t.Errorf("search %q: %v, want no error", q, err)
		}
	}
}

func TestNextMeeting(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	m, upcoming, err := s.NextMeeting(ctx, mustTime(t, "2017-06-01T00:00"))
	if err != nil || !upcoming || m.Key != "meeting-2017-09-13" {
		t.Errorf("next after 1 June 2017: %s upcoming=%v (%v), want meeting-2017-09-13 upcoming", m.Key, upcoming, err)
	}
	m, upcoming, err = s.NextMeeting(ctx, mustTime(t, "2026-11-26T10:00"))
	if err != nil || upcoming || m.Key != "meeting-2017-11-21" {
		t.Errorf("next in 2026: %s upcoming=%v (%v), want the latest past meeting-2017-11-21", m.Key, upcoming, err)
	}
}
