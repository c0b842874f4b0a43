package report

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/geo"
)

// Fixed dates keep the output reproducible.
var (
	created = time.Date(2026, 11, 26, 10, 30, 0, 0, data.Stockholm)
	day     = func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 9, 0, 0, 0, data.Stockholm) }
)

// svT is a stand-in for the UI's locale.T in Swedish: it reads the
// package's own Swedish translation file.
func svT() func(string, map[string]any) string {
	tr := mustTranslations("sv")
	return func(msg string, args map[string]any) string {
		if s, ok := tr[msg]; ok && s != "" {
			msg = s
		}
		return data.Render(msg, args)
	}
}

func testOptions(lang data.Language) Options {
	o := Options{
		Lang:       lang,
		Created:    created,
		AppName:    "ILA Desk",
		AppVersion: "1.0.0",
		Company: data.Company{
			Name: "Mälardalens Åkeri AB", OrgNumber: "556677-8899",
			ContactPerson: "Åsa Öberg", Email: "asa.oberg@malardalensakeri.se", Phone: "021-12 34 56",
		},
		noCompress: true,
	}
	if lang == data.Swedish {
		o.T = svT()
	}
	return o
}

func sampleMeeting() data.Meeting {
	return data.Meeting{
		Key:   "2017-11-21-network",
		Title: "Nätverksmöte",
		Kind:  "network",
		Start: time.Date(2017, 11, 21, 12, 0, 0, 0, data.Stockholm),
		End:   time.Date(2017, 11, 21, 15, 0, 0, 0, data.Stockholm),
		Description: "Arenans fjärde nätverksmöte för året. Vi går igenom **inspelen** till " +
			"länstransportplanen och planerar vårens arbete.",
		Agenda: []data.AgendaItem{
			{Title: "Välkommen och presentationsrunda"},
			{Title: "Läget i länstransportplanen", Notes: "Region Västmanland informerar om revideringen."},
			{Title: "Genomgång av inkomna inspel"},
			{Title: "Övriga frågor och nästa möte"},
		},
	}
}

func sampleSubmission() data.Submission {
	return data.Submission{
		ID: 7, UID: "b1f0c3d2",
		Title:        "Plankorsning i Kolbäck",
		Object:       "Plankorsningen där väg 252 korsar Mälarbanan vid Kolbäcks station",
		Modes:        []data.Mode{data.ModeRoad, data.ModeRail},
		Municipality: "Hallstahammar",
		RoadRef:      "Mälarbanan",
		Place:        "Strax öster om Kolbäcks station, mellan industriområdet och E18",
		Point:        &geo.Point{Lat: 59.5628, Lon: 16.2397},
		Deficiency: "Bommarna vid plankorsningen fälls i genomsnitt 38 gånger per dygn och står nere " +
			"i upp till tolv minuter när två tåg möts vid stationen. Lastbilar med gods till och från " +
			"industriområdet köar då ut på länsvägen, och räddningstjänsten har vid två tillfällen " +
			"fått välja en längre väg.\n\nKöerna gör att våra leveranser till Västerås hamn missar " +
			"avgångar, och förarna tar risker när de väntar länge.",
		DeficiencySince: "Sedan trafikomläggningen i december 2023",
		DeficiencyFreq:  "Varje vardag, värst 06:30–08:00 och 15:30–17:30",
		Flows: data.Flows{
			data.FlowTonnesYear: 185000,
			data.FlowTrucksDay:  140,
			data.FlowEmployees:  320,
			data.FlowCommuters:  85.5,
		},
		Consequences: []data.Consequence{data.ConsTime, data.ConsCost, data.ConsSafety},
		Impact: "Varje dag förlorar vi omkring 25 förartimmar i kö, vilket motsvarar cirka " +
			"1,2 miljoner kronor om året. Förseningarna gör också att vi måste hålla större lager.",
		Measures: []data.Measure{
			{Text: "Samordna tågens möten så att bommarna inte står nere under två tåg i rad.", Step: data.StepOptimise},
			{Text: "Skylta om tung trafik till industriområdet via Trafikplats Kolbäck under rusningstid.", Step: data.StepRethink},
			{Text: "Bygg en planskild korsning (bro eller port) för väg 252 under Mälarbanan.", Step: data.StepBuildNew},
		},
		CostClass:     data.CostOver50,
		Priority:      data.PriorityHigh,
		Urgency:       data.UrgencyYear,
		AVSRef:        "TRV 2021/45678 ÅVS Kolbäck",
		MeetingKey:    "2017-11-21-network",
		Company:       "Mälardalens Åkeri AB",
		ContactPerson: "Åsa Öberg",
		ContactEmail:  "asa.oberg@malardalensakeri.se",
		ContactPhone:  "021-12 34 56",
		CoSigners:     []string{"Kolbäcks Mekaniska AB", "Hallstahammars Bygg & Transport AB"},
		Status:        data.StatusSubmitted,
		Trail: []data.StatusChange{
			{Status: data.StatusDraft, At: day(2026, 10, 2)},
			{Status: data.StatusReady, At: day(2026, 10, 20), Comment: "Granskad av styrelsen"},
			{Status: data.StatusSubmitted, At: day(2026, 11, 3), Comment: "Lämnad till arenan inför novembermötet"},
		},
		Created: day(2026, 10, 2),
		Updated: day(2026, 11, 3),
	}
}

// fullSubmission is sampleSubmission with every field filled: five flows,
// three measures, three co-signers.
func fullSubmission() data.Submission {
	sub := sampleSubmission()
	sub.Flows[data.FlowTrainsWeek] = 42
	sub.CoSigners = append(sub.CoSigners, "Västerås Stålservice AB")
	return sub
}

// mixedPhotos are three photos: landscape, portrait, landscape PNG.
func mixedPhotos() []Photo {
	return []Photo{
		{Caption: "Kön mot plankorsningen en vardag kl. 07:40, sedd från industriområdet", Data: testJPEG(1200, 800, 1), MIME: "image/jpeg"},
		{Caption: "Bommarna nere, sedda från perrongen", Data: testJPEG(600, 900, 2), MIME: "image/jpeg"},
		{Caption: "Översikt av korsningen", Data: testPNG(900, 500), MIME: "image/png"},
	}
}

const sampleProtocol = `# Minnesanteckningar, nätverksmöte 22 februari 2017

**Närvarande:** representanter för elva medlemsföretag, Region Västmanland och Trafikverket.

## 1. Inledning
Thord Andersson hälsade välkommen och gick igenom dagordningen.

## 2. Länstransportplanen
- Region Västmanland redovisade tidplanen för revideringen.
- Inspel ska vara inlämnade senast den *31 mars*.
  - Synpunkter på brister i vägnätet tas emot löpande.
- Trafikverket betonade **fyrstegsprincipen**: visa att steg 1 och 2 är prövade.

## 3. Hamnarna
1. Västerås hamn: muddringen av farleden går enligt plan.
2. Köpings hamn: nya kajen tas i bruk under hösten.

---

### Nästa möte
Tisdag 16 maj kl. 15:00–17:00. Plats meddelas i kallelsen.`

// testJPEG draws a photo-like picture: a sky, a road and a crossing gate.
func testJPEG(w, h int, seed uint64) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var c color.RGBA
			switch {
			case y < h/2:
				c = color.RGBA{uint8(120 + 60*y/h), uint8(160 + 50*y/h), 230, 255}
			case math.Abs(float64(x-w/2)) < float64(y-h/2)*0.8:
				c = color.RGBA{70, 70, 75, 255}
			default:
				c = color.RGBA{60, uint8(120 + r.IntN(30)), 50, 255}
			}
			img.Set(x, y, c)
		}
	}
	for x := w / 5; x < w*4/5; x++ { // the gate
		for y := h/2 - 4; y < h/2+4; y++ {
			if (x/20)%2 == 0 {
				img.Set(x, y, color.RGBA{220, 30, 30, 255})
			} else {
				img.Set(x, y, color.RGBA{250, 250, 250, 255})
			}
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 80}); err != nil {
		panic(err)
	}
	return b.Bytes()
}

func testPNG(w, h int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.NRGBA{uint8(x * 255 / w), 90, uint8(y * 255 / h), 200})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// Generated submissions for the report tests and benchmark.
var (
	genObjects = []string{"Korsningen", "Plankorsningen", "Cirkulationsplatsen", "Kajen", "Bron", "Anslutningen", "Vägavsnittet", "Bangården", "Terminalen", "Påfarten"}
	genPlaces  = []string{"vid Köpings hamn", "i Kolbäck", "norr om Sala", "vid Västerås flygplats", "i Fagersta centrum", "öster om Arboga", "vid Surahammars bruk", "söder om Kungsör", "vid Hallstahammars industriområde", "i Norbergs gruva"}
	genRefs    = []string{"E18", "E20", "rv 56", "rv 66", "rv 68", "rv 70", "Mälarbanan", "Svealandsbanan", "väg 250", ""}
	genText    = []string{
		"Tunga fordon får vänta länge på att svänga ut, och köerna växer snabbt under morgonens rusning.",
		"Vägen saknar vägren och mötesseparering, vilket gör omkörningar farliga för både gods- och persontrafik.",
		"Vid regn står vatten kvar i lågpunkten och sänker hastigheten till under 30 km/h.",
		"Godståg måste vänta på förbigång eftersom mötesspåret är för kort för 630 meter långa tåg.",
		"Kajens bärighet räcker inte för de nya mobilkranarna, så fartyg måste lossas med fartygets egna kranar.",
		"Belysningen är bristfällig och förarna upplever platsen som otrygg under vinterhalvåret.",
		"Skyltningen till terminalen är otydlig, och utländska förare kör ofta fel genom bostadsområdet.",
		"Busshållplatsen ligger i körbanan, vilket ger upprepade tvärstopp för lastbilar med släp.",
	}
	genMeasures = []string{
		"Inför samordnad signalreglering och prioritera tung trafik i rusningstid.",
		"Förläng mötesspåret så att tåg om 750 meter kan mötas.",
		"Bygg om korsningen till cirkulationsplats med plats för fordon om 25,25 meter.",
		"Informera åkerierna om alternativa vägar och samordna leveranstider.",
		"Bygg en ny planskild anslutning med accelerationsfält.",
		"Förstärk kajen och anlägg en ny uppställningsyta för containrar.",
	}
	genCompanies = []string{"Mälardalens Åkeri AB", "Köpings Hamnlogistik AB", "Västerås Stålservice AB", "Bergslagens Trä & Virke AB", "Sala Silvergruva Transport AB", "Arboga Verkstäder AB"}
	genPeople    = []string{"Åsa Öberg", "Lars Ekström", "Maria Johansson", "Örjan Lindqvist", "Karin Åkesson", "Per-Erik Nyström"}
)

// genPoint gives two submissions in three a point. It always draws three
// numbers, so the submissions after it are the same with or without one.
func genPoint(r *rand.Rand) *geo.Point {
	has, lat, lon := r.IntN(3) > 0, 59.3+r.Float64()*0.8, 15.6+r.Float64()*1.1
	if !has {
		return nil
	}
	return &geo.Point{Lat: lat, Lon: lon}
}

func genSubmissions(n int, photoEvery int) []data.Submission {
	r := rand.New(rand.NewPCG(1, 2))
	pick := func(xs []string) string { return xs[r.IntN(len(xs))] }
	subs := make([]data.Submission, n)
	for i := range subs {
		obj, place := pick(genObjects), pick(genPlaces)
		var b strings.Builder
		for k := 0; k < 2+r.IntN(4); k++ {
			b.WriteString(pick(genText) + " ")
		}
		s := data.Submission{
			ID:              int64(i + 1),
			Title:           obj + " " + place,
			Object:          obj + " " + place,
			Modes:           []data.Mode{data.Modes[r.IntN(len(data.Modes))]},
			Municipality:    data.Municipalities[r.IntN(len(data.Municipalities))],
			RoadRef:         pick(genRefs),
			Point:           genPoint(r),
			Deficiency:      strings.TrimSpace(b.String()),
			DeficiencySince: fmt.Sprintf("Sedan %d", 2010+r.IntN(15)),
			DeficiencyFreq:  "Dagligen",
			Flows:           data.Flows{data.FlowTrucksDay: float64(20 + r.IntN(400)), data.FlowEmployees: float64(10 + r.IntN(900))},
			Consequences:    []data.Consequence{data.Consequences[r.IntN(6)], data.Consequences[r.IntN(6)]},
			Impact:          pick(genText),
			CostClass:       data.CostClasses[r.IntN(3)],
			Priority:        data.Priority(r.IntN(4)),
			Urgency:         data.Urgencies[r.IntN(4)],
			Company:         pick(genCompanies),
			ContactPerson:   pick(genPeople),
			ContactEmail:    "kontakt@example.se",
			ContactPhone:    "021-10 20 30",
			Status:          data.Statuses[r.IntN(5)],
			Created:         created.AddDate(0, 0, -r.IntN(300)),
		}
		if r.IntN(4) == 0 {
			s.Modes = append(s.Modes, data.ModeIntermodal)
		}
		for k := 0; k < 1+r.IntN(3); k++ {
			s.Measures = append(s.Measures, data.Measure{Text: pick(genMeasures), Step: data.Steps[r.IntN(4)]})
		}
		if r.IntN(3) == 0 {
			s.CoSigners = []string{pick(genCompanies)}
		}
		s.Trail = []data.StatusChange{{Status: data.StatusDraft, At: s.Created}, {Status: s.Status, At: s.Created.AddDate(0, 0, 7)}}
		if photoEvery > 0 && i%photoEvery == 0 {
			// Every photo is distinct, as in real use: none is shared.
			s.Attachments = []data.Attachment{{Name: "foto.jpg", MIME: "image/jpeg", Caption: "Platsen sedd från " + place, Data: testJPEG(640, 480, uint64(i+1))}}
		}
		subs[i] = s
	}
	return subs
}
