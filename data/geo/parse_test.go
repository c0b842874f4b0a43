package geo

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/handelskammaren/ila-desk/data/problem"
)

// Västerås in the forms used by the parser tests.
var (
	vasterasDec  = Point{59.6162, 16.5528}
	vasterasDMS  = Point{59 + 36.0/60 + 58.0/3600, 16 + 33.0/60 + 10.0/3600}
	vasterasGrid = FromGrid(Grid{N: 6609690, E: 587605})
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want Point
	}{
		// Decimal degrees.
		{"59.6162, 16.5528", vasterasDec},
		{"59.6162 16.5528", vasterasDec},
		{"59.6162,16.5528", vasterasDec},
		{"59.6162; 16.5528", vasterasDec},
		{"59,6162, 16,5528", vasterasDec},
		{"59,6162 16,5528", vasterasDec},
		{"59,6162,16,5528", vasterasDec},
		{"  59.6162, 16.5528 \n", vasterasDec},
		{"\u00a059.6162,\u202f16.5528\t", vasterasDec},
		{"59.616200, 16.552800", vasterasDec},
		{"N 59.6162 E 16.5528", vasterasDec},
		{"N59.6162 E16.5528", vasterasDec},
		{"N 59.6162, E 16.5528", vasterasDec},
		{"59.6162 N, 16.5528 E", vasterasDec},
		{"59.6162°N 16.5528°E", vasterasDec},
		{"59.6162° N, 16.5528° E", vasterasDec},
		{"59.6162°, 16.5528°", vasterasDec},
		{"59.6162N16.5528E", vasterasDec},
		{"n 59.6162 e 16.5528", vasterasDec},
		{"59.6162 N 16.5528 Ö", vasterasDec},
		{"N 59,6162 Ö 16,5528", vasterasDec},
		{"E 16.5528 N 59.6162", vasterasDec},
		{"16.5528°E 59.6162°N", vasterasDec},
		{"+59.6162, +16.5528", vasterasDec},
		{"WGS84: 59.6162, 16.5528", vasterasDec},
		{"(59.6162, 16.5528)", vasterasDec},
		{"59, 16", Point{59, 16}},
		{"59,16", Point{59, 16}},
		{"59,6162,16", Point{59.6162, 16}},
		// Degrees, minutes, seconds.
		{"59°36′58″N 16°33′10″E", vasterasDMS},
		{`59°36'58"N 16°33'10"E`, vasterasDMS},
		{"59°36'58''N 16°33'10''E", vasterasDMS},
		{"59°36’58”N 16°33’10”E", vasterasDMS},
		{"59º36'58\"N 16º33'10\"E", vasterasDMS},
		{"59° 36′ 58″ N, 16° 33′ 10″ E", vasterasDMS},
		{"N 59°36′58″ E 16°33′10″", vasterasDMS},
		{"N59°36′58″, E16°33′10″", vasterasDMS},
		{"59°36′58″N, 16°33′10″Ö", vasterasDMS},
		{"59°36′58″ 16°33′10″", vasterasDMS},
		{"16°33′10″E 59°36′58″N", vasterasDMS},
		{"59°36′58.3″N 16°33′10.1″E", Point{59 + 36.0/60 + 58.3/3600, 16 + 33.0/60 + 10.1/3600}},
		{"59°36′58,3″N 16°33′10,1″E", Point{59 + 36.0/60 + 58.3/3600, 16 + 33.0/60 + 10.1/3600}},
		{"59°36.97′N 16°33.17′E", Point{59 + 36.97/60, 16 + 33.17/60}},
		{"59°36,97′N 16°33,17′E", Point{59 + 36.97/60, 16 + 33.17/60}},
		{"59°36′N 16°33′E", Point{59.6, 16.55}},
		// SWEREF 99 TM.
		{"N 6609690 E 587605", vasterasGrid},
		{"N: 6609690, E: 587605", vasterasGrid},
		{"N:6609690 E:587605", vasterasGrid},
		{"6609690, 587605", vasterasGrid},
		{"6609690,587605", vasterasGrid},
		{"6609690 587605", vasterasGrid},
		{"6609690; 587605", vasterasGrid},
		{"E 587605 N 6609690", vasterasGrid},
		{"E 587605, N 6609690", vasterasGrid},
		{"587605 6609690", vasterasGrid},
		{"N 6 609 690 E 587 605", vasterasGrid},
		{"N 6 609 690, E 587 605", vasterasGrid},
		{"N 6\u00a0609\u00a0690, E 587\u00a0605", vasterasGrid},
		{"6 609 690 587 605", vasterasGrid},
		{"6 609 690, 587 605", vasterasGrid},
		{"SWEREF 99 TM: N 6609690, E 587605", vasterasGrid},
		{"SWEREF99TM 6609690 587605", vasterasGrid},
		{"N 6609690.0 E 587605.0", vasterasGrid},
		{"N 6609690,0 E 587605,0", vasterasGrid},
		{"N 6609690.5 E 587605.25", FromGrid(Grid{N: 6609690.5, E: 587605.25})},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := Parse(tc.in)
			if err != nil {
				t.Fatalf("got error %v, want %v", err, tc.want)
			}
			if math.Abs(got.Lat-tc.want.Lat) > 1e-9 || math.Abs(got.Lon-tc.want.Lon) > 1e-9 {
				t.Errorf("got %.9f, %.9f, want %.9f, %.9f", got.Lat, got.Lon, tc.want.Lat, tc.want.Lon)
			}
		})
	}
}

func TestParseRejects(t *testing.T) {
	tests := []struct {
		in   string
		want string // the Problem's message (translation key)
	}{
		{"", msgEmpty},
		{"   \t\n", msgEmpty},
		{"abc", msgUnreadable},
		{"59.6162", msgUnreadable},
		{"59.6162, 16.5528, 12", msgUnreadable},
		{"59 36 58 16 33 10", msgUnreadable},
		{"59.6162, 16.5528,", msgUnreadable},
		{", 59.6162, 16.5528", msgUnreadable},
		{"59.6162,, 16.5528", msgUnreadable},
		{"59.6.162, 16.5528", msgUnreadable},
		{".5, 16", msgUnreadable},
		{"59.6162 - 16.5528", msgUnreadable},
		{"-59.6162 S, 16.5528", msgUnreadable},
		{"N E 59.6162 16.5528", msgUnreadable},
		{"36′ 59°, 16°", msgUnreadable},
		{"59°36″, 16°", msgUnreadable},
		{"Lat 59.6162 Lon 16.5528", msgUnreadable},
		{"59.6162, 16.5528 x", msgUnreadable},
		{"1e5, 2e5", msgUnreadable},
		{"NaN, Inf", msgUnreadable},
		{"SWEREF 99 TM 59.6162, 16.5528", msgGridRange},
		{"N 6609690 W 587605", msgLatRange}, // W makes it degrees
		{"59, 616", msgLonRange},
		{"59:36:58, 16:33:10", msgUnreadable},
		{strings.Repeat("1,", 10) + "1", msgUnreadable},
		{strings.Repeat("5", 200), msgUnreadable},
		{"91, 10", msgLatRange},
		{"-91, 10", msgLatRange},
		{"95°N 16°E", msgLatRange},
		{"59, 181", msgLonRange},
		{"WGS84 6609690, 587605", msgLatRange},
		{"59°61′N 16°E", msgMinutes},
		{"59°60′N 16°E", msgMinutes},
		{"59°36′60″N 16°33′10″E", msgSeconds},
		{"59.5°30′N 16°E", msgFraction},
		{"59°36.5′58″N 16°33′10″E", msgFraction},
		{"N 59 N 16", msgSameAxis},
		{"16.5528 E, 59.6162 W", msgSameAxis},
		{"N 5000000 E 500000", msgGridRange},
		{"6609690, 1587605", msgGridRange},
		{"N 587605 E 6609690", msgGridRange},
		{"N 6 609 690 E 16", msgGridRange},
		{"60,15,15", msgAmbiguous},
		{"59.9139, 10.7522", msgOutside},      // Oslo
		{"60.1699, 24.9384", msgOutside},      // Helsinki
		{"55.6761, 12.5683", msgOutside},      // Copenhagen
		{"59.4370, 24.7536", msgOutside},      // Tallinn
		{"16.5528, 59.6162", msgSwapped},      // Västerås, swapped
		{"16,5528, 59,6162", msgSwapped},      // the same with decimal commas
		{"59.6162 S, 16.5528 E", msgOutside},  // southern hemisphere
		{"-59.6162, 16.5528", msgOutside},     // southern hemisphere
		{"N 6643000 E 263000", msgOutside},    // Norway, west of Idefjorden
		{"59°54′50″N 10°45′08″E", msgOutside}, // Oslo in DMS
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := Parse(tc.in)
			if err == nil {
				t.Fatalf("got %v and no error, want %q", got, tc.want)
			}
			p, ok := problem.As(err)
			if !ok {
				t.Fatalf("got error %T %v, want a *problem.Problem", err, err)
			}
			if p.Msg != tc.want {
				t.Errorf("got %q, want %q", p.English(), tc.want)
			}
			if got != (Point{}) {
				t.Errorf("got point %v with the error, want the zero Point", got)
			}
			if strings.Contains(p.English(), "{{") {
				t.Errorf("got unfilled placeholder in %q", p.English())
			}
		})
	}
}

func TestParseMessages(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"16.5528, 59.6162", `"16.5528, 59.6162" looks like longitude, latitude — swapped? In Sweden the latitude (55–69) comes first: 59.61620° N, 16.55280° E.`},
		{"59.9139, 10.7522", "The point 59.91390° N, 10.75220° E lies outside Sweden. Check that latitude and longitude are not swapped."},
		{"abc", `Could not read the coordinates "abc". Paste decimal degrees (59.6162, 16.5528), degrees-minutes-seconds (59°36′58″N 16°33′10″E) or SWEREF 99 TM (N 6609690 E 587605).`},
		{" 91, 10 ", `The latitude 91 in "91, 10" is out of range: latitude runs from 90° S to 90° N. Check that latitude comes first.`},
		{"59°61′N 16°E", `The minutes 61 in "59°61′N 16°E" must be less than 60. Check the degrees-minutes-seconds value.`},
		{strings.Repeat("x", 100), `Could not read the coordinates "` + strings.Repeat("x", 59) + `…". Paste decimal degrees (59.6162, 16.5528), degrees-minutes-seconds (59°36′58″N 16°33′10″E) or SWEREF 99 TM (N 6609690 E 587605).`},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			_, err := Parse(tc.in)
			if err == nil {
				t.Fatalf("got no error, want %q", tc.want)
			}
			if got := err.Error(); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestParseAny(t *testing.T) {
	tests := []struct {
		in      string
		want    Point
		wantErr string
	}{
		{in: "59.9139, 10.7522", want: Point{59.9139, 10.7522}},
		{in: "16.5528, 59.6162", want: Point{16.5528, 59.6162}},
		{in: "33°52′S 151°12′E", want: Point{-(33 + 52.0/60), 151.2}},
		{in: "40.7128 N, 74.0060 W", want: Point{40.7128, -74.0060}},
		{in: "-33.8688, -151.2093", want: Point{-33.8688, -151.2093}},
		// Several readings, one of them in Sweden.
		{in: "59,16,5", want: Point{59, 16.5}},
		{in: "60,15,15", wantErr: msgAmbiguous},
		{in: "91, 10", wantErr: msgLatRange},
		{in: "N 5000000 E 500000", wantErr: msgGridRange},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseAny(tc.in)
			if tc.wantErr != "" {
				p, ok := problem.As(err)
				if !ok || p.Msg != tc.wantErr {
					t.Fatalf("got %v, %v, want error %q", got, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("got error %v, want %v", err, tc.want)
			}
			if math.Abs(got.Lat-tc.want.Lat) > 1e-9 || math.Abs(got.Lon-tc.want.Lon) > 1e-9 {
				t.Errorf("got %.9f, %.9f, want %.9f, %.9f", got.Lat, got.Lon, tc.want.Lat, tc.want.Lon)
			}
		})
	}
}

// Problems are plain errors to callers that do not know about problem.Problem.
func TestParseErrorIsProblem(t *testing.T) {
	_, err := Parse("abc")
	var p *problem.Problem
	if !errors.As(err, &p) {
		t.Fatalf("got %T, want *problem.Problem", err)
	}
	if p.Args["Value"] != "abc" {
		t.Errorf("got Value %v, want %q", p.Args["Value"], "abc")
	}
}

func BenchmarkParse(b *testing.B) {
	for _, bc := range []struct{ name, in string }{
		{"decimal", "59.6162, 16.5528"},
		{"decimal comma", "59,6162, 16,5528"},
		{"DMS", "59°36′58.3″N 16°33′10.1″E"},
		{"SWEREF", "N 6 609 690, E 587 605"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := Parse(bc.in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
