package geo

import (
	"math"
	"testing"
)

func TestFormat(t *testing.T) {
	tests := []struct {
		name    string
		p       Point
		decimal string
		dms     string
	}{
		{"Västerås", Point{59.6162, 16.5528}, "59.61620° N, 16.55280° E", "59°36′58.3″N 16°33′10.1″E"},
		{"Kiruna", Point{67.85, 20.22}, "67.85000° N, 20.22000° E", "67°51′00.0″N 20°13′12.0″E"},
		{"rounds up to a whole degree", Point{59.999999, 16.0000001}, "60.00000° N, 16.00000° E", "60°00′00.0″N 16°00′00.0″E"},
		{"small minutes and seconds", Point{59 + 5.0/60 + 3.26/3600, 16.0}, "59.08424° N, 16.00000° E", "59°05′03.3″N 16°00′00.0″E"},
		{"south and west", Point{-33.8688, -151.2093}, "33.86880° S, 151.20930° W", "33°52′07.7″S 151°12′33.5″W"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := FormatDecimal(tc.p); got != tc.decimal {
				t.Errorf("FormatDecimal: got %q, want %q", got, tc.decimal)
			}
			if got := FormatDMS(tc.p); got != tc.dms {
				t.Errorf("FormatDMS: got %q, want %q", got, tc.dms)
			}
		})
	}
}

func TestFormatGrid(t *testing.T) {
	tests := []struct {
		g    Grid
		want string
	}{
		{Grid{N: 6609690, E: 587605}, "N 6 609 690, E 587 605"},
		{Grid{N: 6609689.6, E: 587604.5}, "N 6 609 690, E 587 605"},
		{Grid{N: 7666000.4, E: 99999.4}, "N 7 666 000, E 99 999"},
		{Grid{N: 12, E: -1234}, "N 12, E -1 234"},
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			if got := FormatGrid(tc.g); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// formats pairs each formatter with the largest distance its rounding can
// move a point in Sweden (half the last digit, plus a little for the
// spherical Distance).
var formats = []struct {
	name   string
	format func(Point) string
	tol    float64 // metres
}{
	// 0.000005° is at most 0.56 m north–south and 0.32 m east–west.
	{"decimal", FormatDecimal, 0.7},
	// 0.05″ is at most 1.55 m north–south and 0.88 m east–west.
	{"DMS", FormatDMS, 2.0},
	// Half a metre on each grid axis.
	{"grid", func(p Point) string { return FormatGrid(ToGrid(p)) }, 0.75},
}

func TestFormatRoundTrip(t *testing.T) {
	pts := append([]struct {
		name string
		p    Point
	}{{"Västerås", Point{59.6162, 16.5528}}}, places...)
	for _, f := range formats {
		for _, pl := range pts {
			t.Run(f.name+"/"+pl.name, func(t *testing.T) {
				text := f.format(pl.p)
				got, err := Parse(text)
				if err != nil {
					t.Fatalf("Parse(%q): got error %v, want %v", text, err, pl.p)
				}
				if d := Distance(got, pl.p); d > f.tol {
					t.Errorf("Parse(%q): got %v, %.2f m from %v, want within %.2f m", text, got, d, pl.p, f.tol)
				}
				// Once rounded, a point formats and parses back to itself.
				again, err := Parse(f.format(got))
				if err != nil {
					t.Fatalf("Parse(%q): got error %v", f.format(got), err)
				}
				if math.Abs(again.Lat-got.Lat) > 1e-9 || math.Abs(again.Lon-got.Lon) > 1e-9 {
					t.Errorf("second round trip: got %v, want %v", again, got)
				}
			})
		}
	}
}
