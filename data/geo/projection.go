package geo

import "math"

// Point is a position in WGS84 (in practice SWEREF 99, which agrees with WGS84
// to within a metre in Sweden) as decimal degrees; north and east are positive.
// Its JSON form, {"lat": 59.61, "lon": 16.55}, is the point of a submission in
// the exchange package and the store's revisions.
type Point struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}

// Grid is a position in SWEREF 99 TM (EPSG:3006) in metres: N is the northing,
// E the easting.
type Grid struct{ N, E float64 }

// Parameters of SWEREF 99 TM: the GRS80 ellipsoid and the transverse Mercator
// projection Lantmäteriet uses for the whole country.
const (
	grs80A        = 6378137.0
	grs80InvF     = 298.257222101
	centralMerid  = 15.0 // degrees east
	scaleFactor   = 0.9996
	falseNorthing = 0.0
	falseEasting  = 500000.0
)

// krüger holds the constants of Lantmäteriet's series ("Gauss Conformal
// Projection (Transverse Mercator), Krüger's formulas"), computed once since
// they depend only on the ellipsoid.
var krüger = newKrüger()

type krügerConsts struct {
	kA             float64 // k0 · â, the scaled rectifying radius
	a, b, c, d     float64 // geodetic → conformal latitude
	as, bs, cs, ds float64 // conformal → geodetic latitude (A*, B*, C*, D*)
	beta           [4]float64
	delta          [4]float64
	lambda0        float64
}

func newKrüger() krügerConsts {
	f := 1 / grs80InvF
	e2 := f * (2 - f)
	n := f / (2 - f)
	n2, n3, n4 := n*n, n*n*n, n*n*n*n
	aHat := grs80A / (1 + n) * (1 + n2/4 + n4/64)
	e4, e6, e8 := e2*e2, e2*e2*e2, e2*e2*e2*e2
	return krügerConsts{
		kA: scaleFactor * aHat,
		a:  e2,
		b:  (5*e4 - e6) / 6,
		c:  (104*e6 - 45*e8) / 120,
		d:  1237 * e8 / 1260,
		as: e2 + e4 + e6 + e8,
		bs: -(7*e4 + 17*e6 + 30*e8) / 6,
		cs: (224*e6 + 889*e8) / 120,
		ds: -4279 * e8 / 1260,
		beta: [4]float64{
			n/2 - 2*n2/3 + 5*n3/16 + 41*n4/180,
			13*n2/48 - 3*n3/5 + 557*n4/1440,
			61*n3/240 - 103*n4/140,
			49561 * n4 / 161280,
		},
		delta: [4]float64{
			n/2 - 2*n2/3 + 37*n3/96 - n4/360,
			n2/48 + n3/15 - 437*n4/1440,
			17*n3/480 - 37*n4/840,
			4397 * n4 / 161280,
		},
		lambda0: centralMerid * math.Pi / 180,
	}
}

// ToGrid projects p to SWEREF 99 TM with Lantmäteriet's forward series. The
// series are accurate to well below a millimetre within the projection's
// zone (all of Sweden).
func ToGrid(p Point) Grid {
	k := &krüger
	phi := p.Lat * math.Pi / 180
	lambda := p.Lon * math.Pi / 180
	s, c := math.Sincos(phi)
	s2 := s * s
	// Conformal latitude φ*.
	phiStar := phi - s*c*(k.a+s2*(k.b+s2*(k.c+s2*k.d)))
	dLambda := lambda - k.lambda0
	xiP := math.Atan2(math.Tan(phiStar), math.Cos(dLambda))
	etaP := math.Atanh(math.Cos(phiStar) * math.Sin(dLambda))
	x, y := xiP, etaP
	for j, b := range k.beta {
		m := float64(2 * (j + 1))
		x += b * math.Sin(m*xiP) * math.Cosh(m*etaP)
		y += b * math.Cos(m*xiP) * math.Sinh(m*etaP)
	}
	return Grid{N: k.kA*x + falseNorthing, E: k.kA*y + falseEasting}
}

// FromGrid converts SWEREF 99 TM coordinates back to latitude and longitude
// with Lantmäteriet's inverse series.
func FromGrid(g Grid) Point {
	k := &krüger
	xi := (g.N - falseNorthing) / k.kA
	eta := (g.E - falseEasting) / k.kA
	xiP, etaP := xi, eta
	for j, d := range k.delta {
		m := float64(2 * (j + 1))
		xiP -= d * math.Sin(m*xi) * math.Cosh(m*eta)
		etaP -= d * math.Cos(m*xi) * math.Sinh(m*eta)
	}
	phiStar := math.Asin(math.Sin(xiP) / math.Cosh(etaP))
	dLambda := math.Atan2(math.Sinh(etaP), math.Cos(xiP))
	s, c := math.Sincos(phiStar)
	s2 := s * s
	phi := phiStar + s*c*(k.as+s2*(k.bs+s2*(k.cs+s2*k.ds)))
	return Point{Lat: phi * 180 / math.Pi, Lon: (k.lambda0 + dLambda) * 180 / math.Pi}
}

// meanEarthRadius is the IUGG mean radius R1 = (2a+b)/3 of GRS80 in metres.
const meanEarthRadius = 6371008.8

// Distance returns the great-circle distance between a and b in metres
// (haversine on a sphere of mean radius). The error against the ellipsoid is
// below 0.5 %, plenty for "is the report within 500 m of the site".
func Distance(a, b Point) float64 {
	const rad = math.Pi / 180
	dLat := (b.Lat - a.Lat) * rad
	dLon := (b.Lon - a.Lon) * rad
	sLat := math.Sin(dLat / 2)
	sLon := math.Sin(dLon / 2)
	h := sLat*sLat + math.Cos(a.Lat*rad)*math.Cos(b.Lat*rad)*sLon*sLon
	return 2 * meanEarthRadius * math.Asin(math.Sqrt(math.Min(1, h)))
}
