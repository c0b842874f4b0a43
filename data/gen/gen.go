// Package gen makes realistic, reproducible test data for benchmarks and
// demonstrations: submissions (inspel) about the roads, railways and ports of
// Västmanland, with Swedish titles and texts. The same n and seed always
// give the same data.
package gen

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/geo"
)

// town is a municipality with its centre, where its submissions cluster.
type town struct {
	name     string
	lat, lon float64
	places   []string
}

var towns = []town{
	{"Västerås", 59.6162, 16.5528, []string{"Hacksta", "Erikslund", "Finnslätten", "Tillberga", "Hälla", "Kopparlunden", "Västerås hamn", "Barkarö", "Irsta", "Dingtuna"}},
	{"Köping", 59.5137, 15.9906, []string{"Köpings hamn", "Strandängen", "Malmön", "Kolsva", "Munktorp", "Glasbruket"}},
	{"Arboga", 59.3939, 15.8386, []string{"Sätra", "Jädersbruk", "Arboga station", "Medåker"}},
	{"Sala", 59.9182, 16.6031, []string{"Sala station", "Ransta", "Möklinta", "Kilbo", "Broddbo"}},
	{"Fagersta", 60.0042, 15.7933, []string{"Västanfors", "Fagersta C", "Semla", "Ängelsberg"}},
	{"Kungsör", 59.4167, 16.0833, []string{"Kungsörs hamn", "Valskog", "Kungsbyn"}},
	{"Hallstahammar", 59.6144, 16.2311, []string{"Kolbäck", "Strömsholm", "Eddesta"}},
	{"Surahammar", 59.7058, 16.2286, []string{"Ramnäs", "Virsbo", "Surahammar station"}},
	{"Norberg", 60.0667, 15.9167, []string{"Kärrgruvan", "Högfors", "Olsbenning"}},
	{"Skinnskatteberg", 59.8319, 15.6936, []string{"Riddarhyttan", "Färna", "Skinnskattebergs station"}},
}

// object is a kind of infrastructure object with the refs and modes it goes
// with and deficiencies and measures that fit it.
type object struct {
	names        []string
	refs         []string
	modes        []data.Mode
	deficiencies []string
	measures     [][2]string // text, step
}

var objects = []object{
	{
		names: []string{"Plankorsningen", "Korsningen vid stationen", "Plankorsningen vid bruket"},
		refs:  []string{"Mälarbanan", "Bergslagspendeln (Kolbäck–Ludvika)", "Dalabanan", "Svealandsbanan", "Västerås–Sala"},
		modes: []data.Mode{data.ModeRoad, data.ModeRail},
		deficiencies: []string{
			"Bommarna är nere upp till %d minuter per timme i rusningstid och lastbilarna blir stående.",
			"Korsningen saknar ljussignal; det har varit %d tillbud det senaste året.",
			"Långa godståg blockerar korsningen i %d minuter när de väntar på mötande tåg.",
		},
		measures: [][2]string{
			{"Samordna bomfällningen med tidtabellen", "2"},
			{"Informera åkerierna om alternativa vägar under rusningstid", "1"},
			{"Bygg en planskild korsning", "4"},
			{"Förläng mötesspåret så att godstågen kan stå utan att blockera", "3"},
		},
	},
	{
		names: []string{"Trafikplatsen", "Av- och påfarten", "Cirkulationsplatsen", "Vänstersvängen"},
		refs:  []string{"E18", "E20", "rv 56", "rv 66", "rv 68", "rv 70", "väg 250", "väg 233"},
		modes: []data.Mode{data.ModeRoad},
		deficiencies: []string{
			"Köerna på avfarten når ut på stora vägen varje morgon; vi förlorar %d minuter per transport.",
			"Påfarten är för kort för fullastade lastbilar; det har varit %d incidenter i år.",
			"Vänstersvängen saknar eget körfält och tung trafik väntar i genomsnitt %d minuter.",
		},
		measures: [][2]string{
			{"Justera signaltiderna efter godstrafiken", "2"},
			{"Förläng påfartens accelerationsfält", "3"},
			{"Bygg ett eget vänstersvängfält", "3"},
			{"Ny trafikplats med planskild anslutning", "4"},
			{"Styr om tung trafik till befintlig led med skyltning", "1"},
		},
	},
	{
		names: []string{"Kajen", "Hamnspåret", "Farleden", "Terminalytan"},
		refs:  []string{"Hamnen i Västerås", "Köpings hamn", "Mälarens farled"},
		modes: []data.Mode{data.ModeSea, data.ModeIntermodal},
		deficiencies: []string{
			"Fartyg längre än %d meter kan inte lägga till, så lasten går med lastbil från Södertälje.",
			"Hamnspåret har bara ett växelspår och tågen väntar %d minuter på växling.",
			"Kranen klarar inte containrar över %d ton.",
		},
		measures: [][2]string{
			{"Samordna ankomsttiderna mellan rederierna", "1"},
			{"Förläng kajen", "3"},
			{"Elektrifiera hamnspåret och bygg ett andra växelspår", "3"},
			{"Ny containerterminal med kombiterminal", "4"},
			{"Bättre digital information om lediga kajplatser", "2"},
		},
	},
	{
		names: []string{"Bussförbindelsen till flygplatsen", "Anslutningsvägen till flygplatsen"},
		refs:  []string{"Stockholm Västerås flygplats"},
		modes: []data.Mode{data.ModeAir, data.ModeRoad},
		deficiencies: []string{
			"Första bussen går %d minuter efter att morgonflyget har lämnat.",
			"Anslutningsvägen saknar belysning och gång- och cykelväg; %d anställda cyklar dit.",
		},
		measures: [][2]string{
			{"Anpassa busstidtabellen efter flygtiderna", "2"},
			{"Samåkning för anställda", "1"},
			{"Bygg gång- och cykelväg med belysning", "3"},
		},
	},
	{
		names: []string{"Mötesspåret", "Godsbangården", "Stationen"},
		refs:  []string{"Mälarbanan", "Svealandsbanan", "Bergslagspendeln (Kolbäck–Ludvika)", "Dalabanan"},
		modes: []data.Mode{data.ModeRail},
		deficiencies: []string{
			"Godstågen får vänta i upp till %d minuter på persontåg eftersom mötesspåret är för kort.",
			"Bangården har inte plats för tåg längre än %d meter.",
			"Lastplatsen vid stationen har lagts ner; närmaste ligger %d km bort.",
		},
		measures: [][2]string{
			{"Se över tågplanen så att godståg och persontåg inte möts här", "2"},
			{"Förläng mötesspåret till 750 meter", "3"},
			{"Bygg dubbelspår på sträckan", "4"},
			{"Öppna lastplatsen igen för vagnslast", "2"},
		},
	},
}

var (
	companies = []string{"Mälarfrakt AB", "Köpings Hamnlogistik AB", "Västerås Stål AB", "Bergslagens Åkeri AB", "Sala Trävaror AB",
		"Fagersta Verktyg AB", "Kungsörs Mekaniska AB", "Hallsta Logistik AB", "Arboga Livsmedel AB", "Norbergs Kalk AB",
		"Surahammars Bruk AB", "Skinnskattebergs Skog AB", "Östra Mälardalens Transport AB", "Åkerby Gods AB"}
	firstNames = []string{"Eva", "Per", "Anna", "Lars", "Karin", "Mikael", "Sara", "Johan", "Åsa", "Örjan", "Ingrid", "Björn", "Märta", "Göran"}
	lastNames  = []string{"Lind", "Ek", "Andersson", "Johansson", "Karlsson", "Nilsson", "Öberg", "Åström", "Bäckström", "Holm", "Sjögren", "Wallin"}
	impacts    = []string{
		"Leveranserna kommer fram för sent och vi missar fartygen.",
		"Varje försenad transport kostar oss omkring %d kronor.",
		"Vi har svårt att rekrytera när pendlingen tar för lång tid.",
		"Förarna kör omvägar som ökar utsläppen med %d ton per år.",
		"Kunderna kräver leveransprecision som vi inte kan hålla.",
	}
	sinces   = []string{"Sedan 2015", "Sedan tidtabellsskiftet", "Sedan ombyggnaden", "Sedan flera år", "Sedan i våras", ""}
	freqs    = []string{"Varje vardag", "Flera gånger i veckan", "Vid varje fartygsanlöp", "Under rusningstid", "Vintertid", ""}
	meetings = []string{"meeting-2017-02-22", "meeting-2017-05-16", "meeting-2017-09-13", "meeting-2017-11-21", ""}
	suffixes = []string{"", " behöver åtgärdas", " skapar köer", " är en flaskhals", " hindrar godstrafiken", " är farlig", " räcker inte"}
)

// Submissions returns n submissions made from seed. About one in twelve has
// its place outside the ten municipalities' centres without a point; the
// rest have a point near their municipality's centre. Statuses, priorities
// and dates (from 2016 on) are spread; none is trashed and none has
// attachments. ID and UID are left empty.
func Submissions(n int, seed int64) []data.Submission {
	r := rand.New(rand.NewPCG(uint64(seed), 0x1A5EED))
	pick := func(ss []string) string { return ss[r.IntN(len(ss))] }
	start := time.Date(2016, 1, 1, 8, 0, 0, 0, data.Stockholm)
	out := make([]data.Submission, n)
	for i := range out {
		tw := towns[r.IntN(len(towns))]
		ob := objects[r.IntN(len(objects))]
		place := pick(tw.places)
		name := pick(ob.names)
		s := data.Submission{
			Title:           name + " vid " + place + pick(suffixes),
			Object:          name + ", " + place,
			Modes:           append([]data.Mode(nil), ob.modes[:1+r.IntN(len(ob.modes))]...),
			Municipality:    tw.name,
			RoadRef:         pick(ob.refs),
			Place:           place + ", " + tw.name,
			Deficiency:      fmt.Sprintf(pick(ob.deficiencies), 5+r.IntN(60)),
			DeficiencySince: pick(sinces),
			DeficiencyFreq:  pick(freqs),
			Impact:          strings.Replace(pick(impacts), "%d", fmt.Sprint(1000*(1+r.IntN(50))), 1),
			CostClass:       data.CostClasses[r.IntN(len(data.CostClasses))],
			Priority:        data.Priority(r.IntN(4)),
			MeetingKey:      pick(meetings),
			Company:         pick(companies),
			ContactPerson:   pick(firstNames) + " " + pick(lastNames),
		}
		if r.IntN(12) > 0 {
			// Within about 8 km of the centre.
			lat := tw.lat + (r.Float64()-0.5)*0.15
			lon := tw.lon + (r.Float64()-0.5)*0.3
			s.Point = &geo.Point{Lat: lat, Lon: lon}
		}
		if r.IntN(3) > 0 {
			s.Urgency = data.Urgencies[r.IntN(len(data.Urgencies))]
		}
		if r.IntN(4) == 0 {
			s.AVSRef = fmt.Sprintf("ÅVS %s %d", place, 2012+r.IntN(6))
		}
		s.ContactEmail = strings.ToLower(asciiName(s.ContactPerson)) + "@" + strings.ToLower(asciiName(strings.TrimSuffix(s.Company, " AB"))) + ".se"
		s.ContactPhone = fmt.Sprintf("021-%02d %02d %02d", r.IntN(100), r.IntN(100), r.IntN(100))
		for _, k := range data.FlowKinds {
			if r.IntN(3) == 0 {
				s.Flows = setFlow(s.Flows, k, float64(r.IntN(100000)))
			}
		}
		for _, c := range data.Consequences {
			if r.IntN(3) == 0 {
				s.Consequences = append(s.Consequences, c)
			}
		}
		for _, m := range r.Perm(len(ob.measures))[:1+r.IntN(3)] {
			s.Measures = append(s.Measures, data.Measure{Text: ob.measures[m][0], Step: data.Step(ob.measures[m][1][0] - '0')})
		}
		if r.IntN(3) == 0 {
			s.CoSigners = []string{pick(companies)}
		}
		s.Created = start.Add(time.Duration(r.Int64N(int64(2 * 365 * 24 * time.Hour))))
		s.Updated = s.Created.Add(time.Duration(r.Int64N(int64(60 * 24 * time.Hour))))
		s.Status = data.Statuses[r.IntN(len(data.Statuses))]
		s.Trail = []data.StatusChange{{Status: data.StatusDraft, At: s.Created}}
		if s.Status != data.StatusDraft {
			s.Trail = append(s.Trail, data.StatusChange{Status: s.Status, At: s.Updated})
		}
		out[i] = s
	}
	return out
}

func setFlow(f data.Flows, k data.FlowKind, v float64) data.Flows {
	if f == nil {
		f = data.Flows{}
	}
	f[k] = v
	return f
}

// asciiName makes a name fit for an e-mail address: å ä → a, ö → o, spaces
// to dots.
func asciiName(s string) string {
	return strings.NewReplacer("å", "a", "ä", "a", "ö", "o", "Å", "A", "Ä", "A", "Ö", "O", " ", ".").Replace(s)
}
