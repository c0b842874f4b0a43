package exchange_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/exchange"
	"github.com/handelskammaren/ila-desk/data/geo"
	"github.com/handelskammaren/ila-desk/data/store"
)

// localFields are the fields of data.Submission that belong to one
// database and do not travel: its row id and version (another store gives
// others) and whether it is in the trash (an import leaves that alone).
var localFields = map[string]bool{"ID": true, "Version": true, "Deleted": true}

// sampleOf gives valid values for the types whose values the domain
// constrains, and for the fields the store sets itself nothing: they get
// their values on the way (see TestEveryFieldSurvivesEveryPath).
var sampleOf = map[reflect.Type]any{
	reflect.TypeFor[[]data.Mode]():         []data.Mode{data.ModeRail, data.ModeSea},
	reflect.TypeFor[[]data.Consequence]():  []data.Consequence{data.ConsSafety, data.ConsCost},
	reflect.TypeFor[data.Flows]():          data.Flows{data.FlowTrucksDay: 140.5, data.FlowCommuters: 12},
	reflect.TypeFor[[]data.Measure]():      []data.Measure{{Text: "Planskild korsning", Step: data.StepBuildNew}, {Text: "Skylta om", Step: data.StepRethink}},
	reflect.TypeFor[data.CostClass]():      data.CostOver50,
	reflect.TypeFor[data.Priority]():       data.PriorityMedium,
	reflect.TypeFor[data.Urgency]():        data.UrgencyFewYears,
	reflect.TypeFor[*geo.Point]():          &geo.Point{Lat: 59.616234567, Lon: 16.552812345},
	reflect.TypeFor[[]string]():            []string{"Köpings Hamn AB", "Hallsta Åkeri"},
	reflect.TypeFor[data.Status]():         data.Status(""), // set by SetStatus below
	reflect.TypeFor[[]data.StatusChange](): []data.StatusChange(nil),
	reflect.TypeFor[[]data.Attachment]():   []data.Attachment(nil), // added with AddAttachment below
}

// sampleByName gives values for the string fields that must hold
// something particular.
var sampleByName = map[string]string{
	"UID":          "00112233445566778899aabbccddeeff",
	"Municipality": "Köping",
	"ContactEmail": "eva.lind@malarfrakt.se",
}

// every is a submission with every field that travels set to a valid
// value, found by reflection: a field added to data.Submission is in it
// without being named here (a type this does not know fails the test,
// asking for a sample).
func every(t *testing.T) data.Submission {
	t.Helper()
	var s data.Submission
	v := reflect.ValueOf(&s).Elem()
	for i := range v.NumField() {
		f, sf := v.Field(i), v.Type().Field(i)
		if localFields[sf.Name] {
			continue
		}
		if x, ok := sampleOf[f.Type()]; ok {
			f.Set(reflect.ValueOf(x))
			continue
		}
		switch f.Kind() {
		case reflect.String:
			if x, ok := sampleByName[sf.Name]; ok {
				f.SetString(x)
			} else {
				f.SetString("Värde för " + sf.Name + " – å, ä & ö")
			}
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			f.SetInt(2)
		case reflect.Bool:
			f.SetBool(true)
		case reflect.Float32, reflect.Float64:
			f.SetFloat(2.5)
		default:
			if f.Type().String() == "time.Time" {
				continue // Created and Updated: the store stamps them
			}
			t.Fatalf("every: no sample for data.Submission.%s of type %s; add one to sampleOf", sf.Name, f.Type())
		}
	}
	return s
}

func tinyPNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 4, 3))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	img.Set(0, 0, color.RGBA{R: 200, A: 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// Every field of data.Submission survives every path a submission takes:
// stored, kept as a revision and restored from it, written into a package,
// read from it and imported into another store. The submission is made by
// reflection, so a field added to the type is checked without being named,
// and one that a path forgets fails here.
func TestEveryFieldSurvivesEveryPath(t *testing.T) {
	ctx := context.Background()
	openStore := func(name string) *store.Store {
		s, err := store.Open(ctx, filepath.Join(t.TempDir(), name))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	a, b := openStore("a.db"), openStore("b.db")
	clock := now
	a.UseClock(func() time.Time { return clock })
	in := every(t)

	// Into store A, with a status change and an attachment.
	created, err := a.CreateSubmission(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	id := created.ID
	if err := a.SetStatus(ctx, id, data.StatusSubmitted, "Till mötet"); err != nil {
		t.Fatal(err)
	}
	photo := tinyPNG(t)
	if _, err := a.AddAttachment(ctx, id, data.Attachment{Name: "karta.png", Caption: "Kartan", Data: photo}); err != nil {
		t.Fatal(err)
	}

	// Kept as a revision, replaced, and restored from the revision.
	stored, err := a.Submission(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.SaveSubmission(ctx, stored); err != nil {
		t.Fatal(err)
	}
	revs, err := a.Revisions(ctx, id)
	if err != nil || len(revs) == 0 {
		t.Fatalf("revisions %v (%v), want the save's", revs, err)
	}
	clock = clock.Add(time.Hour) // a save of its own, not one more keystroke of the first
	cur, _ := a.Submission(ctx, id)
	if _, err := a.SaveSubmission(ctx, cur.WithEditable(data.Submission{Title: "Tömd"})); err != nil {
		t.Fatal(err)
	}
	if _, err := a.RestoreRevision(ctx, id, revs[0].ID); err != nil {
		t.Fatal(err)
	}
	restored, err := a.Submission(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(restored.Editable(), in.Editable()) {
		t.Errorf("store and revision changed the editable fields:\n got %+v\nwant %+v", restored.Editable(), in.Editable())
	}

	// Into a package and out of it, into store B.
	var pkg bytes.Buffer
	load := func(at data.Attachment) ([]byte, error) { return a.AttachmentData(ctx, at.ID) }
	if err := exchange.Write(&pkg, []data.Submission{restored}, data.Company{Name: "Mälarfrakt AB"}, "test", now, load); err != nil {
		t.Fatal(err)
	}
	p, err := exchange.Open(bytes.NewReader(pkg.Bytes()), int64(pkg.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := b.ImportSubmissionsFrom(ctx, p.Submissions, p.AttachmentData); err != nil {
		t.Fatal(err)
	}
	out, err := b.SubmissionByUID(ctx, in.UID)
	if err != nil {
		t.Fatal(err)
	}

	// Every field that travels arrived as store A held it, and is set.
	rv, ov := reflect.ValueOf(restored), reflect.ValueOf(out)
	for i := range rv.NumField() {
		name := rv.Type().Field(i).Name
		if localFields[name] {
			continue
		}
		want, got := rv.Field(i).Interface(), ov.Field(i).Interface()
		if name == "Attachments" {
			want, got = withoutIDs(restored.Attachments), withoutIDs(out.Attachments)
		}
		if rv.Field(i).IsZero() {
			t.Errorf("%s is empty in store A; the sample or the store lost it", name)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s changed on the way: got %+v, want %+v", name, got, want)
		}
	}
	if len(out.Attachments) == 1 {
		if got, err := b.AttachmentData(ctx, out.Attachments[0].ID); err != nil || !bytes.Equal(got, photo) {
			t.Errorf("the attachment's bytes in store B: %d bytes (%v), want the %d of the photo", len(got), err, len(photo))
		}
	}
}

func withoutIDs(as []data.Attachment) []data.Attachment {
	out := make([]data.Attachment, len(as))
	for i, a := range as {
		a.ID = 0
		out[i] = a
	}
	return out
}
