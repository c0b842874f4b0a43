package geo

import (
	"math"
	"strconv"
	"testing"

	"github.com/handelskammaren/ila-desk/data/problem"
)

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"59.6162, 16.5528", "59,6162, 16,5528", "59,6162 16,5528", "59,16",
		"N 59.6162 E 16.5528", "59.6162°N 16.5528°E", "E 16.5528 N 59.6162",
		"59°36′58″N 16°33′10″E", `59°36'58.3"N 16°33'10.1"E`, "59°36.97′N 16°33.17′E",
		"N 6609690 E 587605", "N: 6609690, E: 587605", "6609690,587605",
		"N 6 609 690, E 587 605", "6 609 690 587 605", "SWEREF 99 TM 6609690 587605",
		"(59.6162, 16.5528)", "91, 10", "59°61′N 16°E", "16.5528, 59.6162", "", "abc",
		"60,15,15", "-59.6162, -16.5528", "59.61620° N, 16.55280° E",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Parse(s)
		if err != nil {
			if _, ok := problem.As(err); !ok {
				t.Fatalf("Parse(%q): got error %T %v, want a *problem.Problem", s, err, err)
			}
			return
		}
		if math.IsNaN(p.Lat) || math.IsNaN(p.Lon) || math.IsInf(p.Lat, 0) || math.IsInf(p.Lon, 0) {
			t.Fatalf("Parse(%q): got %v, want a finite point", s, p)
		}
		if !InSweden(p) {
			t.Fatalf("Parse(%q): got %v, want a point in Sweden", s, p)
		}
		// Written out in full, the point reads back exactly.
		full := strconv.FormatFloat(p.Lat, 'f', -1, 64) + ", " + strconv.FormatFloat(p.Lon, 'f', -1, 64)
		q, err := ParseAny(full)
		if err != nil {
			t.Fatalf("ParseAny(%q): got error %v, want %v", full, err, p)
		}
		if math.Abs(q.Lat-p.Lat) > 1e-9 || math.Abs(q.Lon-p.Lon) > 1e-9 {
			t.Fatalf("ParseAny(%q): got %v, want %v", full, q, p)
		}
		// The display formats round to about a metre. The result must lie
		// within that rounding, and once rounded must read back to within
		// 1e-6°. ParseAny is used because rounding may cross the outline of
		// Sweden by a metre; the Sweden check is not what is tested here.
		for _, fm := range formats {
			text := fm.format(p)
			q, err := ParseAny(text)
			if err != nil {
				t.Fatalf("%s: ParseAny(%q): got error %v, want %v", fm.name, text, err, p)
			}
			if d := Distance(p, q); d > fm.tol {
				t.Fatalf("%s: ParseAny(%q): got %v, %.2f m from %v, want within %.2f m", fm.name, text, q, d, p, fm.tol)
			}
			text2 := fm.format(q)
			r, err := ParseAny(text2)
			if err != nil {
				t.Fatalf("%s: ParseAny(%q): got error %v, want %v", fm.name, text2, err, q)
			}
			if math.Abs(r.Lat-q.Lat) > 1e-6 || math.Abs(r.Lon-q.Lon) > 1e-6 {
				t.Fatalf("%s: ParseAny(%q): got %v, want %v", fm.name, text2, r, q)
			}
		}
	})
}
