package store_test

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/content"
	"github.com/handelskammaren/ila-desk/data/store"
)

func TestSaveMeetingInsertsWithDateKeyAndUpdatesAgenda(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	start := mustTime(t, "2018-02-21T09:00")
	m := data.Meeting{Title: "Nätverksmöte ILA", Kind: "network", Start: start, End: start.Add(3 * time.Hour),
		Agenda: []data.AgendaItem{{Title: "Hamnarna"}, {Title: "Flyget"}}}
	first, err := s.SaveMeeting(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	second, err := s.SaveMeeting(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	if first.Key != "meeting-2018-02-21" || second.Key != "meeting-2018-02-21-2" {
		t.Errorf("keys %q and %q, want meeting-2018-02-21 and meeting-2018-02-21-2", first.Key, second.Key)
	}
	if first.Origin != data.OriginUser || len(first.Agenda) != 2 || first.Agenda[1].Title != "Flyget" {
		t.Errorf("got %+v, want a user meeting with two agenda items", first)
	}

	// Reorder and drop an item, change the place.
	first.Agenda = []data.AgendaItem{{Title: "Flyget"}, {Title: "Godsstråken"}, {Title: "Hamnarna"}}
	first.Location = "Västerås, Vasagatan 20A"
	got, err := s.SaveMeeting(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	if got.Key != first.Key || got.Location != "Västerås, Vasagatan 20A" || len(got.Agenda) != 3 ||
		got.Agenda[0].Title != "Flyget" || got.Agenda[2].Title != "Hamnarna" {
		t.Errorf("after update: %+v", got)
	}
	hits, err := s.Search(ctx, "Godsstråken", 10)
	if err != nil || len(hits) != 1 || hits[0].Kind != "meeting" || hits[0].Ref != got.ID {
		t.Errorf("search for the new agenda item: %+v, %v", hits, err)
	}
	if _, err := s.SaveMeeting(ctx, data.Meeting{ID: 9999, Title: "X", Start: start, End: start.Add(time.Hour)}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("update of a missing meeting: got %v, want ErrNotFound", err)
	}
	if _, err := s.SaveMeeting(ctx, data.Meeting{Title: "X", Start: start, End: start}); err == nil {
		t.Error("a meeting that ends when it starts was stored")
	}
}

func TestDeleteMeetingUnlinksItsProtocol(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	m, err := s.MeetingByKey(ctx, "meeting-2017-02-22")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteMeeting(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.MeetingByKey(ctx, "meeting-2017-02-22"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("meeting still there: %v", err)
	}
	ps, _ := s.Protocols(ctx)
	for _, p := range ps {
		if p.MeetingKey == "meeting-2017-02-22" {
			t.Errorf("protocol %s still points at the deleted meeting", p.Key)
		}
	}
	if err := s.DeleteMeeting(ctx, m.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("second delete: got %v, want ErrNotFound", err)
	}
	// What is left is still a valid content file.
	f, err := s.ExportContent(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Validate(); err != nil {
		t.Errorf("exported content is invalid: %v", err)
	}
}

func TestSaveAndDeleteProtocolEventContact(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	day, _ := content.ParseDate("2018-02-21")
	p, err := s.SaveProtocol(ctx, data.Protocol{Title: "Minnesanteckningar", Kind: "minutes", Date: day, Text: "# Hamnarna\n\nKöping bygger ut."})
	if err != nil {
		t.Fatal(err)
	}
	if p.Key != "protocol-2018-02-21" || p.Origin != data.OriginUser {
		t.Errorf("protocol: %+v", p)
	}
	p.Title = "Minnesanteckningar, rättade"
	p.MeetingKey = "meeting-2017-02-22"
	if p, err = s.SaveProtocol(ctx, p); err != nil || p.Title != "Minnesanteckningar, rättade" || p.MeetingKey != "meeting-2017-02-22" {
		t.Errorf("update protocol: %+v, %v", p, err)
	}
	if _, err := s.SaveProtocol(ctx, data.Protocol{Title: "X", Date: day, MeetingKey: "meeting-1999-01-01"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("protocol for an unknown meeting: got %v, want ErrNotFound", err)
	}
	if err := s.DeleteProtocol(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Protocol(ctx, p.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("deleted protocol: %v", err)
	}

	e, err := s.SaveEvent(ctx, data.Event{Title: "Frukostmöte om Mälarhamnar", Date: day, City: "Västerås"})
	if err != nil || e.Key != "event-2018-02-21-frukostmote-om-malarhamnar" {
		t.Errorf("event: %+v, %v", e, err)
	}
	e.City = "Köping"
	if e, err = s.SaveEvent(ctx, e); err != nil || e.City != "Köping" || e.Origin != data.OriginUser {
		t.Errorf("update event: %+v, %v", e, err)
	}
	if err := s.DeleteEvent(ctx, e.ID); err != nil {
		t.Error(err)
	}

	c, err := s.SaveContact(ctx, data.Contact{Name: "Åsa Öberg", Role: "Koordinator", Email: "asa@example.se"})
	if err != nil || c.Key != "contact-asa-oberg" || c.Position != 2 {
		t.Errorf("contact: %+v, %v", c, err)
	}
	cs, _ := s.Contacts(ctx)
	if len(cs) != 3 || cs[2].Name != "Åsa Öberg" {
		t.Errorf("contacts: %+v, want the new one last", cs)
	}
	if err := s.DeleteContact(ctx, c.ID); err != nil {
		t.Error(err)
	}
	if err := s.DeleteContact(ctx, c.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("second delete: got %v, want ErrNotFound", err)
	}
}

func TestCoordinatorEditsSurviveExportAndImport(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	start := mustTime(t, "2018-02-21T09:00")
	m, err := s.SaveMeeting(ctx, data.Meeting{Title: "Nätverksmöte ILA", Kind: "network", Start: start, End: start.Add(3 * time.Hour),
		Location: "Köping", Agenda: []data.AgendaItem{{Title: "Hamnarna", Notes: "Köpings hamn"}}})
	if err != nil {
		t.Fatal(err)
	}
	day, _ := content.ParseDate("2018-02-21")
	if _, err := s.SaveProtocol(ctx, data.Protocol{Title: "Minnesanteckningar", Kind: "minutes", Date: day, MeetingKey: m.Key, Text: "Text"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveContact(ctx, data.Contact{Name: "Åsa Öberg", Email: "asa@example.se"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveEvent(ctx, data.Event{Title: "Hamndagen", Date: day, City: "Köping"}); err != nil {
		t.Fatal(err)
	}
	f1, err := s.ExportContent(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	var b1 bytes.Buffer
	if err := content.Encode(&b1, f1); err != nil {
		t.Fatal(err)
	}
	read, err := content.Read(bytes.NewReader(b1.Bytes()))
	if err != nil {
		t.Fatalf("the exported file does not read back: %v", err)
	}
	fresh, err := store.Open(ctx, filepath.Join(t.TempDir(), "other.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	if _, err := fresh.ImportContent(ctx, read); err != nil {
		t.Fatal(err)
	}
	f2, err := fresh.ExportContent(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	f2.Published = f1.Published
	var b2 bytes.Buffer
	if err := content.Encode(&b2, f2); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b1.Bytes(), b2.Bytes()) {
		t.Errorf("export → import → export differs:\nfirst:\n%s\nsecond:\n%s", b1.String(), b2.String())
	}
}

func TestRemindersAreRememberedPerID(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	if sent, err := s.ReminderSent(ctx, "meeting-2017-02-22@2017-02-22T09:00"); err != nil || sent {
		t.Fatalf("fresh store: sent %v, %v; want false", sent, err)
	}
	if err := s.MarkReminderSent(ctx, "meeting-2017-02-22@2017-02-22T09:00"); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkReminderSent(ctx, "meeting-2017-02-22@2017-02-22T09:00"); err != nil {
		t.Fatalf("marking twice: %v", err)
	}
	if sent, _ := s.ReminderSent(ctx, "meeting-2017-02-22@2017-02-22T09:00"); !sent {
		t.Error("reminder not remembered")
	}
	if sent, _ := s.ReminderSent(ctx, "meeting-2017-05-16@2017-05-16T15:00"); sent {
		t.Error("another meeting's reminder counts as sent")
	}
}
