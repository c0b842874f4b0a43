package geo

import (
	"math"
	"testing"
)

// places across Sweden, from the southern tip to the far north, east and west.
var places = []struct {
	name string
	p    Point
}{
	{"Smygehuk", Point{55.34, 13.36}},
	{"Malmö", Point{55.6050, 13.0038}},
	{"Göteborg", Point{57.7089, 11.9746}},
	{"Visby", Point{57.6348, 18.2948}},
	{"Stockholm", Point{59.3293, 18.0686}},
	{"Östersund", Point{63.1792, 14.6357}},
	{"Luleå", Point{65.5848, 22.1567}},
	{"Kiruna", Point{67.85, 20.22}},
	{"Treriksröset", Point{69.06, 20.55}},
	{"Haparanda", Point{65.83, 24.14}},
	{"Strömstad", Point{58.94, 11.17}},
}

// Lantmäteriet's test point for SWEREF 99 TM.
var (
	refPoint = Point{
		Lat: 59 + 58.0/60 + 55.23/3600,
		Lon: 17 + 50.0/60 + 6.12/3600,
	}
	refGrid = Grid{N: 6652797.165, E: 658185.201}
)

func TestToGridReference(t *testing.T) {
	// The published grid values are given to the millimetre and were
	// computed from exactly these DMS values, so 1 mm is a fair bound.
	g := ToGrid(refPoint)
	if d := math.Abs(g.N - refGrid.N); d > 0.001 {
		t.Errorf("N: got %.4f, want %.3f (off by %.4f m)", g.N, refGrid.N, d)
	}
	if d := math.Abs(g.E - refGrid.E); d > 0.001 {
		t.Errorf("E: got %.4f, want %.3f (off by %.4f m)", g.E, refGrid.E, d)
	}
}

func TestFromGridReference(t *testing.T) {
	p := FromGrid(refGrid)
	if d := Distance(p, refPoint); d > 0.001 {
		t.Errorf("got %.10f, %.10f, want %.10f, %.10f (%.4f m apart)",
			p.Lat, p.Lon, refPoint.Lat, refPoint.Lon, d)
	}
}

func TestRoundTripPoint(t *testing.T) {
	for _, tc := range places {
		t.Run(tc.name, func(t *testing.T) {
			got := FromGrid(ToGrid(tc.p))
			if math.Abs(got.Lat-tc.p.Lat) > 1e-9 || math.Abs(got.Lon-tc.p.Lon) > 1e-9 {
				t.Errorf("got %.12f, %.12f, want %.12f, %.12f", got.Lat, got.Lon, tc.p.Lat, tc.p.Lon)
			}
		})
	}
}

func TestRoundTripGrid(t *testing.T) {
	for _, tc := range places {
		t.Run(tc.name, func(t *testing.T) {
			// Start from whole metres, as users type grid coordinates.
			g0 := ToGrid(tc.p)
			g := Grid{N: math.Round(g0.N), E: math.Round(g0.E)}
			got := ToGrid(FromGrid(g))
			if math.Abs(got.N-g.N) > 0.001 || math.Abs(got.E-g.E) > 0.001 {
				t.Errorf("got N %.4f E %.4f, want N %.0f E %.0f", got.N, got.E, g.N, g.E)
			}
		})
	}
}

func TestToGridKnown(t *testing.T) {
	// On the central meridian the easting is the false easting, and the
	// equator maps to zero northing.
	tests := []struct {
		name string
		p    Point
		want Grid
	}{
		{"equator on central meridian", Point{0, 15}, Grid{N: 0, E: 500000}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ToGrid(tc.p)
			if math.Abs(got.N-tc.want.N) > 1e-6 || math.Abs(got.E-tc.want.E) > 1e-6 {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
	// Every place in Sweden lies east of the central meridian exactly when
	// its easting exceeds 500 000.
	for _, tc := range places {
		t.Run(tc.name+" side of meridian", func(t *testing.T) {
			g := ToGrid(tc.p)
			if got, want := g.E > falseEasting, tc.p.Lon > centralMerid; got != want {
				t.Errorf("got east of meridian %v, want %v (E %.0f)", got, want, g.E)
			}
		})
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		name      string
		a, b      Point
		want      float64
		tolerance float64
	}{
		{"same point", Point{59.6162, 16.5528}, Point{59.6162, 16.5528}, 0, 1e-9},
		// One minute of latitude is close to a nautical mile (1852 m).
		{"one minute north", Point{59, 16}, Point{59 + 1.0/60, 16}, 1853, 3},
		{"Västerås–Köping", Point{59.6162, 16.5528}, Point{59.5137, 15.9906}, 33500, 300},
		{"Stockholm–Göteborg", Point{59.3293, 18.0686}, Point{57.7089, 11.9746}, 398000, 2000},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Distance(tc.a, tc.b)
			if math.Abs(got-tc.want) > tc.tolerance {
				t.Errorf("got %.1f m, want %.0f ± %.0f m", got, tc.want, tc.tolerance)
			}
			if back := Distance(tc.b, tc.a); math.Abs(back-got) > 1e-6 {
				t.Errorf("reverse: got %.6f m, want %.6f m", back, got)
			}
		})
	}
}

func BenchmarkToGrid(b *testing.B) {
	p := Point{59.6162, 16.5528}
	for b.Loop() {
		ToGrid(p)
	}
}

func BenchmarkFromGrid(b *testing.B) {
	g := Grid{N: 6609690, E: 587605}
	for b.Loop() {
		FromGrid(g)
	}
}
