package geo

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// FormatDecimal writes p as decimal degrees with five decimals (about a
// metre), for example "59.61620° N, 16.55280° E".
func FormatDecimal(p Point) string {
	ns, ew := hemispheres(p)
	return fmt.Sprintf("%.5f° %c, %.5f° %c", math.Abs(p.Lat), ns, math.Abs(p.Lon), ew)
}

// FormatDMS writes p as degrees, minutes and seconds with a tenth of a second
// (about 3 m), as Google Maps does: "59°36′58.3″N 16°33′10.1″E".
func FormatDMS(p Point) string {
	ns, ew := hemispheres(p)
	return dms(p.Lat) + string(ns) + " " + dms(p.Lon) + string(ew)
}

// dms formats the absolute value of deg. It rounds the whole value to tenths
// of a second first, so 59.99999° becomes 60°00′00.0″ rather than 59°59′60.0″.
func dms(deg float64) string {
	tenths := int64(math.Round(math.Abs(deg) * 36000))
	d := tenths / 36000
	m := tenths % 36000 / 600
	s := tenths % 600
	return fmt.Sprintf("%d°%02d′%02d.%d″", d, m, s/10, s%10)
}

func hemispheres(p Point) (ns, ew rune) {
	ns, ew = 'N', 'E'
	if p.Lat < 0 {
		ns = 'S'
	}
	if p.Lon < 0 {
		ew = 'W'
	}
	return ns, ew
}

// FormatGrid writes g in whole metres with spaces between thousands, as
// Lantmäteriet does: "N 6 609 690, E 587 605".
func FormatGrid(g Grid) string {
	return "N " + groupThousands(strconv.FormatFloat(math.Round(g.N), 'f', 0, 64)) +
		", E " + groupThousands(strconv.FormatFloat(math.Round(g.E), 'f', 0, 64))
}

// groupThousands puts a space between groups of three digits in the integer
// digits of s (which may carry a minus sign).
func groupThousands(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	var b strings.Builder
	b.WriteString(sign)
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}
