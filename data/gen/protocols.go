package gen

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/handelskammaren/ila-desk/data"
)

// GeneratedProtocol is a made-up protocol entry with its minutes: the fields
// of a content file's protocol, for benchmarks and demonstrations.
type GeneratedProtocol struct {
	Key        string
	Date       time.Time // midnight Stockholm time
	Title      string
	Kind       string // "minutes" or "network-meeting"
	MeetingKey string
	Text       string // about two printed pages of Swedish minutes
}

// Protocols returns n protocols made from seed, each with minutes of about
// two pages (6,000–8,000 characters) from an ILA network meeting: attendance,
// numbered items on Västmanland's roads, railways, ports and planning, and
// decisions. The sentences are drawn from templates with varied names and
// numbers, so that a search index over them has a realistic spread of common
// and rare words. The same n and seed always give the same protocols.
func Protocols(n int, seed int64) []GeneratedProtocol {
	r := rand.New(rand.NewPCG(uint64(seed), 0x9A0C0115))
	g := &minutesGen{r: r}
	first := time.Date(2008, 1, 15, 0, 0, 0, 0, data.Stockholm)
	out := make([]GeneratedProtocol, n)
	for i := range out {
		// Four meetings a year, spread over the years before the seed meetings.
		d := first.AddDate(0, 0, i*91+r.IntN(30))
		kind, title := "minutes", "Minnesanteckningar"
		if r.IntN(6) == 0 {
			kind, title = "network-meeting", "Nätverksgruppsmöte"
		}
		if r.IntN(4) == 0 {
			title += " – " + g.pick(topics).title
		}
		out[i] = GeneratedProtocol{
			Key:   fmt.Sprintf("protocol-gen-%05d", i+1),
			Date:  d,
			Title: title,
			Kind:  kind,
			Text:  g.minutes(d, 6000+r.IntN(1601)),
		}
	}
	return out
}

type minutesGen struct {
	r *rand.Rand
}

func (g *minutesGen) pick(ts []topic) topic { return ts[g.r.IntN(len(ts))] }

func (g *minutesGen) one(ss []string) string { return ss[g.r.IntN(len(ss))] }

// fill replaces the {slots} of a template with words from the vocabulary.
func (g *minutesGen) fill(s string) string {
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			return s
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return s
		}
		slot := s[i+1 : i+j]
		var w string
		switch slot {
		case "n":
			w = fmt.Sprint(2 + g.r.IntN(48))
		case "pct":
			w = fmt.Sprint(5 + g.r.IntN(40))
		case "msek":
			w = fmt.Sprint(10 * (2 + g.r.IntN(90)))
		case "tonnes":
			w = fmt.Sprintf("%d %03d", 20+g.r.IntN(900), g.r.IntN(1000))
		case "year":
			w = fmt.Sprint(2009 + g.r.IntN(20))
		default:
			words, ok := vocabulary[slot]
			if !ok {
				panic("gen: no words for {" + slot + "}")
			}
			w = g.one(words)
			// A rare word now and then, so that some terms are found in
			// only a handful of protocols.
			if slot == "detail" && g.r.IntN(20) == 0 {
				w = g.one(rareDetails)
			}
		}
		s = s[:i] + w + s[i+j+1:]
	}
}

func (g *minutesGen) person() string {
	return g.one(attendeeFirstNames) + " " + g.one(attendeeLastNames)
}

// minutes writes one protocol of about target characters (runes): items are
// added sentence by sentence until the text with its closing items reaches
// target.
func (g *minutesGen) minutes(d time.Time, target int) string {
	chair := g.one([]string{"Thord Andersson", "Thor-Björn Käck", g.person()})
	place := g.one(meetingPlaces)
	hours := g.one([]string{"09.00–12.00", "15.00–17.00", "12.00–15.00", "13.00–16.00"})

	var head strings.Builder
	fmt.Fprintf(&head, "Minnesanteckningar från nätverksmöte i Infrastruktur & Logistikarenan (ILA)\n\n")
	fmt.Fprintf(&head, "Datum: %s, kl. %s\nPlats: %s\nOrdförande: %s\n\n", d.Format("2006-01-02"), hours, place, chair)
	head.WriteString("Närvarande: ")
	for i, k := 0, 6+g.r.IntN(9); i < k; i++ {
		if i > 0 {
			head.WriteString(", ")
		}
		fmt.Fprintf(&head, "%s (%s)", g.person(), g.one(organisations))
	}
	head.WriteString("\n\n§ 1 Mötets öppnande\n")
	head.WriteString(sentence(chair + " hälsade alla välkomna och öppnade mötet. Dagordningen godkändes med ett tillägg under övriga frågor. " + g.fill(g.one(openers))))
	head.WriteString("\n\n§ 2 Föregående minnesanteckningar\n" + sentence(g.fill(g.one(previous))) + "\n\n")

	var body strings.Builder
	item := 3
	tail := func() string {
		return fmt.Sprintf("§ %d Övriga frågor\n%s\n\n§ %d Nästa möte\nNästa nätverksmöte hålls %s. Inbjudan med dagordning skickas ut senast två veckor innan.\n\n"+
			"§ %d Mötets avslutande\n%s tackade deltagarna och avslutade mötet.\n\nVid protokollet: %s\nJusteras: %s",
			item, sentence(g.fill(g.one(other))), item+1, d.AddDate(0, 3, 0).Format("2006-01-02"), item+2, chair, g.person(), g.person())
	}
	closing := tail()
	runes := func() int {
		return utf8.RuneCountInString(head.String()) + utf8.RuneCountInString(body.String()) + utf8.RuneCountInString(closing)
	}
	for _, k := range g.r.Perm(len(topics)) {
		if runes() >= target {
			break
		}
		t := topics[k]
		fmt.Fprintf(&body, "§ %d %s\n", item, t.title)
		item++
		closing = tail()
		order := g.r.Perm(len(t.sentences))
		for i, m := 0, 4+g.r.IntN(4); i < m && (i < 2 || runes() < target); i++ {
			if i > 0 {
				body.WriteByte(' ')
			}
			if g.r.IntN(3) == 0 {
				body.WriteString(sentence(g.fill(g.one(general))))
			} else {
				body.WriteString(sentence(g.fill(t.sentences[order[i%len(order)]])))
			}
		}
		body.WriteString("\n" + sentence(g.fill(g.one(decisions))) + "\n\n")
	}
	return head.String() + body.String() + closing
}

// sentence starts s with a capital letter and trims it.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

type topic struct {
	title     string
	sentences []string
}

var topics = []topic{
	{"E18 genom Västmanland", []string{
		"E18 mellan {road_stretch} har i dag {issue}, och köerna i rusningstid växer för varje år.",
		"Trafikverket redovisade att mötesfri väg på E18 förbi {town} är med i den nationella planen med byggstart tidigast {year}.",
		"Företagen vid {site} vittnade om att lastbilarna förlorar upp till {n} minuter per tur på E18 under morgonen.",
		"Trafikplatsen vid {site} behöver en längre påfart; fullastade lastbilar hinner inte upp i hastighet.",
		"Olyckorna på E18 vid {town} leder till omledning genom tätorten, vilket drabbar både boende och godstransporter.",
		"Arenan framförde att E18 är Mälardalens viktigaste godsstråk och att underhållet av beläggningen har eftersatts.",
	}},
	{"Mälarbanan och godstrafiken på järnväg", []string{
		"Kapaciteten på Mälarbanan räcker inte till fler godståg dagtid; {org} bekräftade att tåglägena är fullbokade.",
		"Mötesspåren mellan {rail_stretch} är för korta för 750 meter långa godståg.",
		"Punktligheten för persontågen på Mälarbanan var {pct} procent lägre under vintern, vilket även försenade godstågen.",
		"{org} efterlyste ett fjärde spår in mot Stockholm så att godståg och pendeltåg inte konkurrerar om samma spår.",
		"Godsflödena på järnväg från {site} uppgår till {tonnes} ton per år och väntas öka.",
		"Planskilda korsningar behövs där Mälarbanan korsar det lokala vägnätet vid {town}.",
		"Järnvägens signalsystem ska bytas till ERTMS; arenan vill veta hur godstrafiken påverkas under ombyggnaden.",
	}},
	{"Hamnen i Köping och sjöfarten på Mälaren", []string{
		"Hamnen i Köping hanterade {tonnes} ton gods förra året, främst spannmål, skrot och stålprodukter.",
		"Farleden genom Mälaren och slussen i Södertälje byggs ut så att större fartyg kan anlöpa Köping och Västerås.",
		"{org} presenterade planerna för en ny kaj och en utbyggd containerterminal i hamnen i Köping.",
		"Anslutningen mellan hamnen och järnvägen behöver ett nytt spår för att flytta gods från lastbil till tåg.",
		"Mälarhamnar AB räknar med att investeringarna på {msek} miljoner kronor ger fler fartygsanlöp från {year}.",
		"Sjöfarten på Mälaren avlastar E18 med motsvarande {n} lastbilar per dag, enligt hamnens beräkningar.",
	}},
	{"Västerås hamn och intermodala transporter", []string{
		"Västerås hamn är en nod där gods byter mellan fartyg, järnväg och lastbil.",
		"Kombiterminalen i Västerås har kapacitet för fler tåg, men det saknas tåglägen på Mälarbanan.",
		"{org} efterfrågade en samlad bild av godsflödena i länet för att kunna planera terminalerna.",
		"Intermodala transporter kräver att omlastningen är snabb; i dag tar den i genomsnitt {n} minuter per container.",
		"Arenan lyfte behovet av en gemensam logistikplan för hamnarna i Västerås och Köping.",
	}},
	{"Länstransportplanen för Västmanland", []string{
		"Region Västmanland informerade om revideringen av länstransportplanen för perioden {year}–{year}.",
		"Länstransportplanen omfattar {msek} miljoner kronor, varav en stor del redan är bunden i pågående objekt.",
		"Åtgärder under 50 miljoner kronor namnges inte i planen utan ryms i potter för trafiksäkerhet och mindre åtgärder.",
		"Arenan ska lämna ett gemensamt remissvar på länstransportplanen där näringslivets behov av godsstråk lyfts fram.",
		"{org} påpekade att {road} saknar bärighet för de tyngsta fordonen och bör prioriteras i länstransportplanen.",
		"Nationell plan och länstransportplan behöver samordnas så att {road} och anslutande vägar byggs i rätt ordning.",
	}},
	{"Åtgärdsvalsstudier", []string{
		"Trafikverket har inlett en åtgärdsvalsstudie för {road} förbi {town}; företagen bjuds in till workshop.",
		"En åtgärdsvalsstudie, ÅVS, prövar åtgärder enligt fyrstegsprincipen innan ombyggnad eller nybyggnad övervägs.",
		"Åtgärdsvalsstudien för {site} visade att steg 1- och steg 2-åtgärder inte räcker för att lösa bristen.",
		"Arenan vill att näringslivets godsflöden beskrivs med siffror i åtgärdsvalsstudien, inte bara persontrafiken.",
		"Resultatet av åtgärdsvalsstudien väntas under {year} och ska därefter prövas i länstransportplanen.",
	}},
	{"Riksvägarna 56, 66, 68 och 70", []string{
		"{road} har brister i bärighet och saknar omkörningsfält på långa sträckor.",
		"Tung trafik till och från {site} går på {road}, där tjälskador begränsar framkomligheten under våren.",
		"Trafikverket planerar en ny sträckning av {road} förbi {town} men finansieringen är inte klar.",
		"Företagen i Bergslagen är beroende av {road} för transporterna till hamnarna och till E18.",
		"Viltolyckorna på {road} har ökat med {pct} procent och viltstängsel efterfrågas.",
	}},
	{"Bergslagspendeln, Svealandsbanan och Dalabanan", []string{
		"Bergslagspendeln mellan Kolbäck och Ludvika är viktig för pendlingen till företagen i {town}.",
		"Svealandsbanan behöver fler mötesspår för att klara både regionaltåg och godståg.",
		"Dalabanan mellan Sala och Uppsala har låg hastighetsstandard och många plankorsningar.",
		"Kompetensförsörjningen i {town} förutsätter att pendeltågen går i tid; i dag är punktligheten {pct} procent under målet.",
		"{org} föreslog att stationen i {town} får bättre anslutning med buss och parkering.",
	}},
	{"Stockholm Västerås flygplats", []string{
		"Stockholm Västerås flygplats har ökat antalet avgångar och fraktflyget efterfrågar bättre vägförbindelser.",
		"Flygplatsens tillgänglighet med kollektivtrafik är svag, vilket försvårar för resenärer utan bil.",
		"{org} redogjorde för planerna att utveckla flygfrakten och ett logistikområde intill flygplatsen.",
		"Arenan betonade att tillgänglighet med flyg är viktig för de internationella företagen i regionen.",
	}},
	{"Godsflöden och näringslivets transportbehov", []string{
		"En enkät bland medlemsföretagen visar att {pct} procent har transportproblem som påverkar leveransprecisionen.",
		"Godsflödena i Västmanland domineras av stål, skogsprodukter, avfall och insatsvaror till tillverkningsindustrin.",
		"Företagen vid {site} skickar {n} lastbilar per dag, och flera vill flytta över gods till järnväg eller sjöfart.",
		"Godstransporter ska kunna flyta utan att störa eller störas av persontrafiken, enligt arenans fokusområde.",
		"{org} efterfrågade data om godsflöden per stråk för att kunna prioritera åtgärder.",
		"Tillförlitliga transporter är en förutsättning för att företagen ska kunna växa och anställa i regionen.",
	}},
	{"Mälarsjöfart och Nyckelstråket", []string{
		"Projektet Mälarsjöfart har lagt grunden för investeringarna i farleden och slussen i Södertälje.",
		"Nyckelstråket, från Stockholm via Västerås och Örebro till Göteborg, är ett prioriterat stråk för både gods och pendling.",
		"Arenan bygger vidare på arbetet i Mälardalsrådets En bättre sits och samverkar med grannlänen.",
		"{org} informerade om läget i samarbetet kring stråket och om kommande rapporter.",
	}},
	{"Trafiksäkerhet och plankorsningar", []string{
		"Plankorsningen vid {site} saknar bommar och har varit platsen för {n} tillbud de senaste åren.",
		"Långa godståg blockerar korsningen vid {site} när de väntar på mötande tåg.",
		"Trafikverket arbetar med att stänga eller bygga om de farligaste plankorsningarna i länet.",
		"Skolskjutsar och tung trafik delar väg vid {site}, vilket oroar både företag och boende.",
	}},
	{"Omvärldsbevakning och opinionsbildning", []string{
		"Arenan ska skriva en debattartikel om behovet av ökat underhåll av vägar och järnvägar i Västmanland.",
		"Handelskammaren har träffat riksdagsledamöter från länet för att lyfta infrastrukturfrågorna.",
		"{org} informerade om regeringens direktiv för den nya nationella planen för transportinfrastrukturen.",
		"Ett kunskapsmöte om {detail} planeras till hösten med medverkan från Trafikverket och Region Västmanland.",
		"Arenan vill ta fram en rapport om hur bristerna i infrastrukturen påverkar företagens kostnader.",
	}},
}

// general sentences fit under any item.
var general = []string{
	"{org} redogjorde för läget och svarade på frågor från deltagarna.",
	"Diskussionen handlade om {detail} och hur företagen påverkas.",
	"Flera deltagare framhöll att {detail} är avgörande för konkurrenskraften.",
	"Det framkom att {issue} är den största bristen enligt företagen vid {site}.",
	"Frågan om {detail} tas upp med {org} före nästa möte.",
	"Kostnaden för åtgärden uppskattas till {msek} miljoner kronor.",
	"Arenan noterade att {issue} har blivit värre sedan {year}.",
	"{org} lovade att återkomma med en tidplan.",
	"Deltagarna var överens om att {detail} måste beskrivas med konkreta exempel från företagen.",
	"Ett inspel om {detail} lämnas till {org} senast i {month}.",
}

var decisions = []string{
	"Beslut: arenan sammanställer företagens synpunkter och lämnar ett inspel till {org}.",
	"Beslut: informationen noterades.",
	"Beslut: en arbetsgrupp med företag från {town} tar fram ett underlag till nästa möte.",
	"Beslut: Handelskammaren bjuder in {org} till ett kunskapsmöte om {detail}.",
	"Beslut: frågan följs upp på nästa nätverksmöte.",
	"Beslut: arenan skriver en debattartikel om {detail} tillsammans med medlemsföretagen.",
}

var openers = []string{
	"Särskilt välkomna var representanterna för {org}.",
	"Mötet hölls i samband med en studieresa till {site}.",
	"En ny medlem från {town} presenterade sig.",
	"",
}

var previous = []string{
	"Minnesanteckningarna från föregående möte gicks igenom och lades till handlingarna.",
	"Föregående minnesanteckningar godkändes. Uppföljningen av frågan om {detail} pågår.",
	"Minnesanteckningarna lades till handlingarna efter en rättelse om {detail}.",
}

var other = []string{
	"{org} informerade om den kommande konferensen om {detail}.",
	"Inga övriga frågor anmäldes.",
	"Handelskammaren påminde om Almedalsveckan och om medlemsmötet i {town}.",
	"En deltagare tog upp problemen med {issue} vid {site}.",
}

var (
	attendeeFirstNames = []string{"Anna", "Per", "Karin", "Lars", "Eva", "Mikael", "Sara", "Johan", "Åsa", "Örjan",
		"Ingrid", "Björn", "Maria", "Göran", "Lena", "Henrik", "Elin", "Fredrik", "Sofia", "Magnus"}
	attendeeLastNames = []string{"Lindqvist", "Eriksson", "Andersson", "Johansson", "Karlsson", "Nilsson", "Öberg",
		"Åström", "Bäckström", "Holmgren", "Sjögren", "Wallin", "Berglund", "Lundberg", "Hedlund", "Forsberg"}
)

var meetingPlaces = []string{
	"Handelskammaren Mälardalen, Vasagatan 20A, Västerås",
	"Handelskammaren Mälardalen, Rudbecksgatan 7, Örebro",
	"Köpings hamn, Köping",
	"Västerås stadshus",
	"Arboga Lasarett, konferensrummet",
	"Sala Sparbank, Sala",
	"Digitalt möte",
}

var organisations = []string{
	"Trafikverket", "Region Västmanland", "Länsstyrelsen i Västmanland", "Mälarhamnar AB", "Köpings kommun",
	"Västerås stad", "Arboga kommun", "Sala kommun", "Fagersta kommun", "Hallstahammars kommun", "Mälardalsrådet",
	"Handelskammaren Mälardalen", "ABB", "Northvolt", "Outokumpu", "Sandvik", "Kanthal", "Volvo CE", "Bombardier",
	"Westinghouse", "Mälarenergi", "Eskilstuna Logistik", "Green Cargo", "Hector Rail", "SJ", "Tåg i Bergslagen",
	"Stockholm Västerås flygplats", "Åkeriföreningen", "Sveriges Åkeriföretag", "DB Schenker", "PostNord", "Lantmännen",
}

var vocabulary = map[string][]string{
	"org": organisations,
	"town": {"Västerås", "Köping", "Arboga", "Sala", "Fagersta", "Kungsör", "Hallstahammar", "Surahammar", "Norberg",
		"Skinnskatteberg", "Kolbäck", "Enköping", "Örebro", "Eskilstuna"},
	"site": {"Hacksta", "Erikslund", "Finnslätten", "Tillberga", "Kopparlunden", "Köpings hamn", "Västerås hamn",
		"Kolsva", "Munktorp", "Jädersbruk", "Ransta", "Västanfors", "Ängelsberg", "Valskog", "Strömsholm", "Ramnäs",
		"Virsbo", "Riddarhyttan", "Kvicksund", "Barkarö", "Dingtuna", "Irsta", "Logistikpark Köping"},
	"road": {"E18", "E20", "riksväg 56", "riksväg 66", "riksväg 68", "riksväg 70", "väg 250", "väg 233", "väg 252"},
	"road_stretch": {"Västerås och Köping", "Köping och Arboga", "Enköping och Västerås", "Arboga och Örebro",
		"trafikplats Gryta och trafikplats Hälla", "Kolbäck och Köping"},
	"rail_stretch": {"Kolbäck och Köping", "Västerås och Kolbäck", "Arboga och Köping", "Enköping och Västerås",
		"Sala och Västerås"},
	"issue": {"kapacitetsbrist", "trängsel i rusningstid", "dålig punktlighet", "bristande bärighet",
		"otillräckligt underhåll", "långa restider", "farliga korsningar", "köer vid avfarterna", "brist på uppställningsplatser",
		"låg hastighetsstandard", "för korta mötesspår", "saknade omkörningsfält"},
	"detail": {"godsflöden", "kapaciteten på Mälarbanan", "hamnens utbyggnad", "länstransportplanen",
		"åtgärdsvalsstudien", "underhållet av vägarna", "tåglägen för godståg", "kompetensförsörjningen",
		"pendlingen till Västerås", "omlastning mellan trafikslagen", "fyrstegsprincipen", "flygplatsens utveckling",
		"trafiksäkerheten", "bärigheten på det lägre vägnätet", "elektrifieringen av tunga transporter"},
	"month": {"januari", "februari", "mars", "april", "maj", "juni", "augusti", "september", "oktober", "november"},
}

// rareDetails turn up in few protocols: the "rare word" of a benchmark.
var rareDetails = []string{
	"Hjulstabron", "Kvicksundsbron", "rangerbangården i Hallsberg", "vätgasdrivna lastbilar", "elvägar",
	"sjöfartsstödet", "hamnpendeln", "containerfartyg på Mälaren", "tjälskador", "isbrytning på Mälaren",
	"Strömsholms kanal", "Kolbäcksån", "torrhamnar", "ERTMS-ombyggnaden", "Ängelsbergs bruk", "nattåg",
	"timmerterminalen i Fagersta", "rälsbussar", "drönarleveranser", "kustsjöfarten",
}
