package geo

// polygon is a closed ring of points; the last point connects to the first.
type polygon []Point

// contains reports whether p lies inside the ring (even–odd rule). Latitude
// and longitude are treated as plane coordinates, which is fine for polygons
// this coarse and far from the poles and the antimeridian.
func (poly polygon) contains(p Point) bool {
	in := false
	j := len(poly) - 1
	for i := range poly {
		a, b := poly[i], poly[j]
		if (a.Lat > p.Lat) != (b.Lat > p.Lat) {
			lon := a.Lon + (p.Lat-a.Lat)/(b.Lat-a.Lat)*(b.Lon-a.Lon)
			if p.Lon < lon {
				in = !in
			}
		}
		j = i
	}
	return in
}

// sweden is a coarse outline of Sweden's territory (about 60 vertices). It is
// drawn generously out into the sea, so Gotland, Öland, the archipelagos and
// the ports pass, and along the land borders it errs on the foreign side by a
// few kilometres; it is tight only where a neighbour is close: the Öresund
// (Copenhagen, Helsingør), the Idefjord (Halden) and the Åland Sea.
var sweden = polygon{
	// South coast, west to east, then up the Baltic past Bornholm.
	{55.30, 12.75}, {55.28, 14.45}, {55.90, 15.10}, {55.85, 15.90},
	{56.05, 16.70}, {56.70, 18.05},
	// Gotland and the Stockholm archipelago, keeping Åland outside.
	{57.30, 19.15}, {58.00, 19.55}, {58.50, 19.45}, {59.40, 19.75},
	{59.95, 19.30}, {60.35, 19.25}, {60.75, 19.10},
	// Gulf of Bothnia, roughly along the sea border with Finland.
	{62.50, 19.80}, {63.50, 20.85}, {63.90, 21.30}, {64.70, 22.50},
	{65.40, 23.95}, {65.72, 24.20},
	// Finland: the Torne, Muonio and Könkämä rivers up to Treriksröset.
	{65.88, 24.20}, {66.40, 23.75}, {66.80, 24.05}, {67.35, 23.85},
	{67.95, 23.70}, {68.45, 22.65}, {69.10, 20.60},
	// Norway: the mountain border south to the Idefjord.
	{68.90, 19.95}, {68.62, 18.95}, {68.47, 18.05}, {68.10, 17.60},
	{67.85, 17.05}, {67.50, 16.25}, {67.10, 16.20}, {66.85, 15.55},
	{66.20, 14.65}, {65.60, 14.45}, {65.10, 14.15}, {64.55, 14.05},
	{64.00, 13.30}, {63.60, 12.15}, {63.30, 12.00}, {63.00, 12.10},
	{62.60, 12.05}, {62.00, 12.10}, {61.60, 12.45}, {61.20, 12.65},
	{60.90, 12.55}, {60.50, 12.50}, {60.20, 12.40}, {59.95, 12.10},
	{59.75, 11.78}, {59.45, 11.68}, {59.10, 11.72}, {59.00, 11.55},
	{59.08, 11.42}, {59.10, 11.25},
	// West coast: Skagerrak and Kattegat, keeping Danish islands outside.
	{59.05, 11.05}, {58.85, 10.85}, {58.30, 11.05}, {57.65, 11.40},
	{57.00, 11.95}, {56.65, 12.45}, {56.32, 12.35},
	// Öresund: between Helsingborg and Helsingør, west of Ven, east of
	// Copenhagen and Saltholm.
	{56.045, 12.655}, {55.92, 12.62}, {55.72, 12.83}, {55.40, 12.78},
}

// InSweden reports whether p lies in Sweden, including its islands and
// territorial sea, as far as a coarse outline can tell: points within a few
// kilometres of a land border may be misjudged.
func InSweden(p Point) bool {
	return sweden.contains(p)
}

// vastmanland approximates the outline of Västmanland county (Västmanlands
// län) to a few kilometres, with the southern edge in the middle of Mälaren.
var vastmanland = polygon{
	{59.98, 15.42}, {60.02, 15.62}, {60.18, 15.80}, {60.18, 16.05},
	{60.10, 16.20}, {60.18, 16.40}, {60.20, 16.65}, {59.98, 16.78},
	{59.75, 16.88}, {59.62, 16.98}, {59.50, 16.85}, {59.47, 16.45},
	{59.42, 16.25}, {59.33, 16.20}, {59.28, 15.95}, {59.25, 15.70},
	{59.38, 15.62}, {59.60, 15.55}, {59.70, 15.40},
}

// InVastmanland reports whether p lies in Västmanland county. The outline is
// approximate: points within a few kilometres of the county border may be
// misjudged, so use it to warn, not to refuse.
func InVastmanland(p Point) bool {
	return vastmanland.contains(p)
}

// MunicipalityCentres maps each of Västmanland's ten municipalities to the
// centre of its main town. Treat it as read-only.
var MunicipalityCentres = map[string]Point{
	"Arboga":          {59.3939, 15.8386},
	"Fagersta":        {60.0042, 15.7933},
	"Hallstahammar":   {59.6144, 16.2311},
	"Kungsör":         {59.4167, 16.0833},
	"Köping":          {59.5137, 15.9906},
	"Norberg":         {60.0667, 15.9167},
	"Sala":            {59.9182, 16.6031},
	"Skinnskatteberg": {59.8319, 15.6936},
	"Surahammar":      {59.7058, 16.2286},
	"Västerås":        {59.6162, 16.5528},
}
