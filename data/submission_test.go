package data_test

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/geo"
)

// filled is a submission with every field set, found by reflection, so that
// a field added to the type is covered without being named here.
func filled(t *testing.T) data.Submission {
	t.Helper()
	var s data.Submission
	v := reflect.ValueOf(&s).Elem()
	for i := range v.NumField() {
		f := v.Field(i)
		switch f.Kind() {
		case reflect.String:
			f.SetString("value of " + v.Type().Field(i).Name)
		case reflect.Int, reflect.Int64:
			f.SetInt(int64(i + 1))
		case reflect.Bool:
			f.SetBool(true)
		case reflect.Float64:
			f.SetFloat(float64(i) + 0.5)
		case reflect.Slice:
			f.Set(reflect.MakeSlice(f.Type(), 2, 2))
		case reflect.Map:
			m := reflect.MakeMap(f.Type())
			m.SetMapIndex(reflect.New(f.Type().Key()).Elem(), reflect.ValueOf(1.5).Convert(f.Type().Elem()))
			f.Set(m)
		case reflect.Pointer:
			f.Set(reflect.New(f.Type().Elem()))
		case reflect.Struct:
			if f.Type() != reflect.TypeFor[time.Time]() {
				t.Fatalf("filled: no value for field %s of type %s; add one", v.Type().Field(i).Name, f.Type())
			}
			f.Set(reflect.ValueOf(time.Unix(1_500_000_000+int64(i), 0)))
		default:
			t.Fatalf("filled: no value for field %s of kind %s; add one", v.Type().Field(i).Name, f.Kind())
		}
	}
	return s
}

func TestEditableKeepsEveryFieldButTheStoresOwn(t *testing.T) {
	fixed := map[string]bool{"ID": true, "UID": true, "Status": true, "Trail": true, "Created": true,
		"Updated": true, "Deleted": true, "Version": true, "Attachments": true}
	s := filled(t)
	e := s.Editable()
	ev, sv := reflect.ValueOf(e), reflect.ValueOf(s)
	for i := range ev.NumField() {
		name := ev.Type().Field(i).Name
		switch {
		case fixed[name] && !ev.Field(i).IsZero():
			t.Errorf("Editable kept %s; want it zero: the store keeps it itself", name)
		case !fixed[name] && !reflect.DeepEqual(ev.Field(i).Interface(), sv.Field(i).Interface()):
			t.Errorf("Editable dropped %s; want it kept", name)
		}
	}
	var names []string
	for _, f := range data.EditableFields() {
		names = append(names, f.Name)
	}
	if len(names)+len(fixed) != ev.NumField() {
		t.Errorf("EditableFields gives %v; want every field but %v", names, fixed)
	}

	// WithEditable takes the editable fields and leaves the others.
	var other data.Submission
	other.ID, other.Title, other.Status = 7, "other", data.StatusClosed
	got := other.WithEditable(s)
	if want := s; got.ID != 7 || got.Status != data.StatusClosed || got.Title != want.Title || !reflect.DeepEqual(got.Editable(), want.Editable()) {
		t.Errorf("WithEditable: got %+v, want the id and status of the one and the editable fields of the other", got)
	}
}

func TestCloneCopiesEveryListMapAndPointer(t *testing.T) {
	s := filled(t)
	c := s.Clone()
	if !reflect.DeepEqual(c, s) {
		t.Fatalf("clone differs:\n got %+v\nwant %+v", c, s)
	}
	cv, sv := reflect.ValueOf(&c).Elem(), reflect.ValueOf(s)
	for i := range cv.NumField() {
		f, name := cv.Field(i), cv.Type().Field(i).Name
		switch f.Kind() {
		case reflect.Slice, reflect.Pointer:
			if f.Pointer() == sv.Field(i).Pointer() {
				t.Errorf("the clone shares %s with the original", name)
			}
		case reflect.Map:
			f.SetMapIndex(reflect.ValueOf(data.FlowKind("changed")).Convert(f.Type().Key()), reflect.ValueOf(2.0).Convert(f.Type().Elem()))
			if sv.Field(i).Len() != 1 {
				t.Errorf("a change to the clone's %s changed the original", name)
			}
		}
	}
	if got := (data.Submission{Modes: []data.Mode{}}).Clone().Modes; got != nil {
		t.Errorf("clone of an empty list: got %#v, want nil as before", got)
	}
}

func TestCompactMakesEmptyListsAndMapsNil(t *testing.T) {
	s := data.Submission{Modes: []data.Mode{}, Flows: data.Flows{}, Measures: []data.Measure{}, CoSigners: []string{"a"}}
	s.Compact()
	if s.Modes != nil || s.Flows != nil || s.Measures != nil || len(s.CoSigners) != 1 {
		t.Errorf("got %+v, want the empty lists and the map nil and the co-signer kept", s)
	}
}

func TestFlowsJSONKeepsNumbersThatAreNotFinite(t *testing.T) {
	in := data.Flows{data.FlowTrucksDay: math.NaN(), data.FlowTonnesYear: math.Inf(1), data.FlowTrainsWeek: math.Inf(-1),
		data.FlowEmployees: 1e6, data.FlowCommuters: 250000.5}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"commuters":250000.5,"employees":1000000,"tonnes_year":"+Inf","trains_week":"-Inf","trucks_day":"NaN"}`
	if string(b) != want {
		t.Errorf("got %s, want %s", b, want)
	}
	var out data.Flows
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if len(out) != len(in) || !math.IsNaN(out[data.FlowTrucksDay]) || !math.IsInf(out[data.FlowTonnesYear], 1) ||
		!math.IsInf(out[data.FlowTrainsWeek], -1) || out[data.FlowEmployees] != 1e6 || out[data.FlowCommuters] != 250000.5 {
		t.Errorf("read back %v, want %v", out, in)
	}
	if b, _ := json.Marshal(data.Flows(nil)); string(b) != "{}" {
		t.Errorf("no flows: got %s, want {}", b)
	}
	for _, bad := range []string{`{"trucks_day":"12"}`, `{"trucks_day":true}`, `{"trucks_day":"many"}`} {
		if err := json.Unmarshal([]byte(bad), &out); err == nil {
			t.Errorf("%s: read %v, want an error", bad, out)
		}
	}
	if err := json.Unmarshal([]byte(`{}`), &out); err != nil || out != nil {
		t.Errorf("{}: got %v (%v), want nil", out, err)
	}
}

// The JSON form is the exchange format's: the keys docs/exchange-format.md
// lists, the point as {"lat", "lon"} or null.
func TestSubmissionJSONUsesTheExchangeKeys(t *testing.T) {
	s := data.Submission{ID: 3, Version: 9, Title: "Bron", Point: &geo.Point{Lat: 59.6, Lon: 16.5}}
	b, err := json.Marshal(s.Editable())
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	json.Unmarshal(b, &m)
	if string(m["point"]) != `{"lat":59.6,"lon":16.5}` || string(m["title"]) != `"Bron"` {
		t.Errorf("got %s, want the point and title under their exchange keys", b)
	}
	for _, k := range []string{"id", "ID", "version", "Version", "uid", "status", "trail", "created", "updated", "attachments"} {
		if _, ok := m[k]; ok {
			t.Errorf("the editable fields' JSON has %q: %s", k, b)
		}
	}
}
