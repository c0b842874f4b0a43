package geo

import "testing"

func TestInSweden(t *testing.T) {
	tests := []struct {
		name string
		p    Point
		want bool
	}{
		// Inside, including islands, ports and places near the borders.
		{"Smygehuk", Point{55.34, 13.36}, true},
		{"Falsterbo", Point{55.40, 12.83}, true},
		{"Malmö harbour", Point{55.615, 12.985}, true},
		{"Landskrona", Point{55.8708, 12.8302}, true},
		{"Ven", Point{55.907, 12.696}, true},
		{"Helsingborg", Point{56.0465, 12.6945}, true},
		{"Ystad", Point{55.4295, 13.8200}, true},
		{"Trelleborg", Point{55.3751, 13.1569}, true},
		{"Karlskrona", Point{56.1612, 15.5869}, true},
		{"Kalmar", Point{56.6634, 16.3568}, true},
		{"Borgholm, Öland", Point{56.8790, 16.6560}, true},
		{"Öland south cape", Point{56.197, 16.400}, true},
		{"Visby, Gotland", Point{57.6348, 18.2948}, true},
		{"Fårösund", Point{57.86, 19.05}, true},
		{"Gotska Sandön", Point{58.37, 19.25}, true},
		{"Sandhamn", Point{59.2870, 18.9120}, true},
		{"Stockholm", Point{59.3293, 18.0686}, true},
		{"Öregrund", Point{60.3400, 18.4440}, true},
		{"Gävle", Point{60.6749, 17.1413}, true},
		{"Sundsvall", Point{62.3908, 17.3069}, true},
		{"Umeå", Point{63.8258, 20.2630}, true},
		{"Holmön", Point{63.80, 20.87}, true},
		{"Luleå", Point{65.5848, 22.1567}, true},
		{"Kalix", Point{65.8553, 23.1434}, true},
		{"Haparanda", Point{65.83, 24.14}, true},
		{"Pajala", Point{67.2129, 23.3669}, true},
		{"Karesuando", Point{68.4419, 22.4833}, true},
		{"Treriksröset", Point{69.06, 20.55}, true},
		{"Kiruna", Point{67.85, 20.22}, true},
		{"Abisko", Point{68.3495, 18.8306}, true},
		{"Riksgränsen", Point{68.4308, 18.1245}, true},
		{"Ritsem", Point{67.7237, 17.4727}, true},
		{"Hemavan", Point{65.8167, 15.0931}, true},
		{"Gäddede", Point{64.5021, 14.1527}, true},
		{"Storlien", Point{63.3171, 12.1008}, true},
		{"Östersund", Point{63.1792, 14.6357}, true},
		{"Grövelsjön", Point{62.1016, 12.3082}, true},
		{"Idre", Point{61.8590, 12.7180}, true},
		{"Charlottenberg", Point{59.8837, 12.2927}, true},
		{"Töcksfors", Point{59.5086, 11.8398}, true},
		{"Strömstad", Point{58.94, 11.17}, true},
		{"Koster", Point{58.89, 11.00}, true},
		{"Göteborg harbour", Point{57.6900, 11.9000}, true},
		{"Västerås", Point{59.6162, 16.5528}, true},
		// Outside.
		{"Oslo", Point{59.9139, 10.7522}, false},
		{"Helsinki", Point{60.1699, 24.9384}, false},
		{"Copenhagen centre", Point{55.6761, 12.5683}, false},
		{"Copenhagen airport", Point{55.6180, 12.6560}, false},
		{"Helsingør", Point{56.0361, 12.6136}, false},
		{"Tallinn", Point{59.4370, 24.7536}, false},
		{"Rønne, Bornholm", Point{55.1003, 14.7065}, false},
		{"Anholt", Point{56.70, 11.5667}, false},
		{"Mariehamn, Åland", Point{60.0973, 19.9348}, false},
		{"Vaasa", Point{63.0951, 21.6165}, false},
		{"Oulu", Point{65.0121, 25.4651}, false},
		{"Kemi", Point{65.7364, 24.5637}, false},
		{"Narvik", Point{68.4385, 17.4272}, false},
		{"Mo i Rana", Point{66.3128, 14.1428}, false},
		{"Trondheim", Point{63.4305, 10.3951}, false},
		{"Røros", Point{62.5747, 11.3842}, false},
		{"Kongsvinger", Point{60.1907, 11.9977}, false},
		{"Halden", Point{59.1243, 11.3875}, false},
		{"Riga", Point{56.9496, 24.1052}, false},
		{"Swapped Västerås", Point{16.5528, 59.6162}, false},
		{"Null Island", Point{0, 0}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := InSweden(tc.p); got != tc.want {
				t.Errorf("InSweden(%v): got %v, want %v", tc.p, got, tc.want)
			}
		})
	}
}

// The outline must stay inside the SWEREF 99 TM range Parse accepts, or a
// point in Sweden could be formatted as grid coordinates Parse refuses.
func TestSwedenOutlineInGridRange(t *testing.T) {
	if n := len(sweden); n < 30 || n > 80 {
		t.Errorf("outline has %d vertices, want a coarse outline of 30–80", n)
	}
	for _, v := range sweden {
		g := ToGrid(v)
		if g.N < minNorthing || g.N > maxNorthing || g.E < minEasting || g.E > maxEasting {
			t.Errorf("vertex %v: got grid %s, want N %d–%d, E %d–%d",
				v, FormatGrid(g), minNorthing, maxNorthing, minEasting, maxEasting)
		}
	}
}

func TestInVastmanland(t *testing.T) {
	tests := []struct {
		name string
		p    Point
		want bool
	}{
		{"Västerås", Point{59.6162, 16.5528}, true},
		{"Köping", Point{59.5137, 15.9906}, true},
		{"Arboga", Point{59.3939, 15.8386}, true},
		{"Sala", Point{59.9182, 16.6031}, true},
		{"Fagersta", Point{60.0042, 15.7933}, true},
		{"Kungsör", Point{59.4167, 16.0833}, true},
		{"Hallstahammar", Point{59.6144, 16.2311}, true},
		{"Surahammar", Point{59.7058, 16.2286}, true},
		{"Norberg", Point{60.0667, 15.9167}, true},
		{"Skinnskatteberg", Point{59.8319, 15.6936}, true},
		{"Västerås airport", Point{59.5894, 16.6336}, true},
		{"port of Västerås", Point{59.600, 16.525}, true},
		{"port of Köping", Point{59.505, 16.010}, true},
		{"Örebro", Point{59.2741, 15.2066}, false},
		{"Uppsala", Point{59.8586, 17.6389}, false},
		{"Eskilstuna", Point{59.3706, 16.5077}, false},
		{"Enköping", Point{59.6361, 17.0777}, false},
		{"Avesta", Point{60.1455, 16.1679}, false},
		{"Stockholm", Point{59.3293, 18.0686}, false},
		{"Lindesberg", Point{59.5939, 15.2304}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := InVastmanland(tc.p); got != tc.want {
				t.Errorf("InVastmanland(%v): got %v, want %v", tc.p, got, tc.want)
			}
		})
	}
}

func TestMunicipalityCentres(t *testing.T) {
	if got, want := len(MunicipalityCentres), 10; got != want {
		t.Errorf("got %d municipalities, want %d", got, want)
	}
	for name, p := range MunicipalityCentres {
		t.Run(name, func(t *testing.T) {
			if !InVastmanland(p) {
				t.Errorf("InVastmanland(%v): got false, want true", p)
			}
			if !InSweden(p) {
				t.Errorf("InSweden(%v): got false, want true", p)
			}
		})
	}
}
