package content_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/handelskammaren/ila-desk/assets"
	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/content"
)

func TestDefaultContentParses(t *testing.T) {
	f, err := content.Parse(assets.DefaultContent)
	if err != nil {
		t.Fatalf("default content: %v", err)
	}
	if f.Version < 1 || len(f.Meetings) != 4 || len(f.Protocols) != 4 || len(f.Events) != 6 {
		t.Errorf("got version %d, %d meetings, %d protocols, %d events; want ≥1, 4, 4, 6",
			f.Version, len(f.Meetings), len(f.Protocols), len(f.Events))
	}
}

func TestMalformedFilesAreRefusedWithTheirProblem(t *testing.T) {
	good := string(assets.DefaultContent)
	tests := []struct {
		name, file, want string
	}{
		{"empty", ``, "empty or cut short"},
		{"not json", `<html>`, "not valid JSON (line 1)"},
		{"cut short", good[:len(good)/2], "empty or cut short"},
		{"wrong format", strings.Replace(good, `"ila-content"`, `"other"`, 1), `"format" is "other"`},
		{"newer layout", strings.Replace(good, `"format_version": 1`, `"format_version": 9`, 1), "layout version 9"},
		{"no version", strings.Replace(good, `"version": 1,`, `"version": 0,`, 1), "no version number"},
		{"unknown field", strings.Replace(good, `"version": 1,`, `"version": 1, "colour": "red",`, 1), `"colour"`},
		{"wrong type", strings.Replace(good, `"version": 1,`, `"version": "one",`, 1), `"version" in the content file has the wrong type`},
		{"bad time", strings.Replace(good, `"2017-02-22T09:00"`, `"22/2 9.00"`, 1), `"meetings[0].start"`},
		{"end before start", strings.Replace(good, `"2017-02-22T12:00"`, `"2017-02-22T08:00"`, 1), "ends (2017-02-22T08:00) before it starts"},
		{"duplicate key", strings.Replace(good, `"meeting-2017-05-16"`, `"meeting-2017-02-22"`, 1), `"meeting-2017-02-22" is used twice`},
		{"bad date", strings.Replace(good, `"date": "2016-04-19"`, `"date": "19 april"`, 1), `"protocols[0].date"`},
		{"dangling meeting", strings.Replace(good, `"meeting_key": "meeting-2017-02-22"`, `"meeting_key": "meeting-1999"`, 1), `"meeting-1999"`},
		{"bad email", strings.Replace(good, `"email": "thor-bjorn@handelskammarenmalardalen.se"`, `"email": "thor-bjorn at hk"`, 1), `"contacts[1].email"`},
		{"trailing", good + "{}", "more after its closing brace"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := content.Parse([]byte(tt.file))
			if err == nil {
				t.Fatal("got no error")
			}
			p, ok := data.AsProblem(err)
			if !ok {
				t.Fatalf("error %v is not a Problem", err)
			}
			if got := p.English(); !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want it to contain %q", got, tt.want)
			}
		})
	}
}

func TestEncodeRoundTrips(t *testing.T) {
	f, err := content.Parse(assets.DefaultContent)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := content.Encode(&b, f); err != nil {
		t.Fatal(err)
	}
	g, err := content.Parse(b.Bytes())
	if err != nil {
		t.Fatalf("re-parse: %v", err)
	}
	var b2 bytes.Buffer
	content.Encode(&b2, g)
	if !bytes.Equal(b.Bytes(), b2.Bytes()) {
		t.Error("encode → parse → encode changed the file")
	}
}

func FuzzParse(f *testing.F) {
	f.Add(assets.DefaultContent)
	f.Add([]byte(`{"format":"ila-content","format_version":1,"version":2,"arena":{"name":"A"}}`))
	f.Add([]byte(`{"meetings":[{"start":"2017-02-30T25:00"}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := content.Parse(b)
		if err != nil {
			if _, ok := data.AsProblem(err); !ok {
				t.Fatalf("error %v is not a Problem", err)
			}
			return
		}
		if err := c.Validate(); err != nil {
			t.Fatalf("parsed file fails validation: %v", err)
		}
		// What is read can be written, and what is written is read back.
		var out bytes.Buffer
		if err := content.Encode(&out, c); err != nil {
			t.Fatalf("a file read cannot be written: %v", err)
		}
		if _, err := content.Parse(out.Bytes()); err != nil {
			t.Fatalf("a file written is not read back: %v", err)
		}
	})
}
