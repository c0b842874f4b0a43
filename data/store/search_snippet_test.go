package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/handelskammaren/ila-desk/data"
)

// numbered returns "w0 w1 … w(n-1)".
func numbered(n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = "w" + strconv.Itoa(i)
	}
	return strings.Join(ws, " ")
}

func TestSnippetMarksMatchingWords(t *testing.T) {
	tests := []struct{ name, text, query, want string }{
		{"prefix", "Kajen vid hamnarna i Köping", "hamn", "Kajen vid «hamnarna» i Köping"},
		{"upper-case query, Swedish letters", "Järnvägen Kolbäck–Hallstahammar behöver mötesspår", "JÄRNVÄG",
			"«Järnvägen» Kolbäck–Hallstahammar behöver mötesspår"},
		{"upper-case text", "Åtgärdsvalsstudie för ÅVS Kolbäck", "åvs", "Åtgärdsvalsstudie för «ÅVS» Kolbäck"},
		{"å is not a", "Kåge och Kage", "kag", "Kåge och «Kage»"},
		{"a is not å", "Kåge och Kage", "KÅG", "«Kåge» och Kage"},
		{"ö is not o", "Köping och Koping", "kop", "Köping och «Koping»"},
		{"every word, each marked", "Hamnen i Köping och hamnarna i Västerås", "hamn köping",
			"«Hamnen» i «Köping» och «hamnarna» i Västerås"},
		{"a word of one letter is matched whole", "i Köping finns industri i", "i", "«i» Köping finns industri «i»"},
		{"a repeated word", "Hamnen i Köping", "hamnen hamnen", "«Hamnen» i Köping"},
		{"words split as the index splits them", "Thor-Björn Käck (E18/E20)", "e20", "Thor-Björn Käck (E18/«E20»)"},
		{"a combining mark stays in its word, as in the index", "Ko\u0308ping och Köping", "köping", "Ko\u0308ping och «Köping»"},
		{"digits", "riksväg 56 och riksväg 68", "riksväg 68", "«riksväg» 56 och «riksväg» «68»"},
		{"no match: the start", "Hamnen i Köping", "Västerås", "Hamnen i Köping"},
		{"no words", "— · —", "hamn", ""},
		{"empty", "", "hamn", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := snippet(tt.text, searchWords(tt.query)); got != tt.want {
				t.Errorf("snippet(%q, %q) = %q, want %q", tt.text, tt.query, got, tt.want)
			}
		})
	}
}

func TestSnippetCutsAroundTheMatch(t *testing.T) {
	long := numbered(40) // w0 … w39
	tests := []struct{ name, text, query, want string }{
		{"match at the start", long, "w0", "«w0» w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11…"},
		{"match early: from the start", long, "w7", "w0 w1 w2 w3 w4 w5 w6 «w7» w8 w9 w10 w11…"},
		{"match in the middle", long, "w20", "…w16 w17 w18 w19 «w20» w21 w22 w23 w24 w25 w26 w27…"},
		{"match at the end: as many words before", long + ".", "w39", "…w28 w29 w30 w31 w32 w33 w34 w35 w36 w37 w38 «w39»."},
		{"starts with the sentence of the match", numbered(20) + ". Kajen i Köping " + numbered(20), "köping",
			"…Kajen i «Köping» w0 w1 w2 w3 w4 w5 w6 w7 w8…"},
		{"no match: the first words", "(" + long + ")", "hamn", "(w0 w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11…"},
		{"the first place with every word", numbered(30) + " Köping " + numbered(30) + " hamnen i Köping " + numbered(30), "hamnen köping",
			"…w26 w27 w28 w29 «hamnen» i «Köping» w0 w1 w2 w3 w4…"},
		{"short text: all of it", "Kort text om hamnen.", "hamnen", "Kort text om «hamnen»."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := snippet(tt.text, searchWords(tt.query)); got != tt.want {
				t.Errorf("snippet(%.40q…, %q) = %q, want %q", tt.text, tt.query, got, tt.want)
			}
		})
	}
}

// TestSnippetOfHostileText checks that any text gives a short snippet in
// valid UTF-8, with the match marked.
func TestSnippetOfHostileText(t *testing.T) {
	tests := []struct{ name, text, query, wantIn string }{
		{"invalid UTF-8", "hamnen \xff\xfe i \xc3 Köping", "köping", "«Köping»"},
		{"markers in the text", "«citat» om »hamnen« här", "hamnen", "»«hamnen»«"},
		{"control characters", "a\x00b\x1b[31m hamnen\r\n\tslut", "hamnen", "«hamnen»"},
		{"emoji and right-to-left", "🚚🚛 שלום hamnen עולם 東京駅", "hamnen", "«hamnen»"},
		{"combining marks", "Ko\u0308ping hamnen", "hamnen", "«hamnen»"},
		{"FTS syntax in the query", "Kajen vid hamnarna", `"hamn* -köping NEAR(`, "«hamnarna»"},
		{"a word too long to show", strings.Repeat("hamn", 100_000) + " slut", "hamn", "«hamnhamnhamnhamnhamnhamnhamnhamnhamnhamn…»"},
		{"a long run of separators", "hamnen" + strings.Repeat(" -", 100_000) + " slut", "slut", "«slut»"},
		{"the match after a megabyte", strings.Repeat("ord ", 250_000) + "Kvicksundsbron.", "kvicksund", "ord «Kvicksundsbron»."},
		{"no match in a megabyte", strings.Repeat("ord ", 250_000), "hamn", "ord ord…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := snippet(tt.text, searchWords(tt.query))
			if !strings.Contains(got, tt.wantIn) {
				t.Errorf("snippet = %q, want it to contain %q", got, tt.wantIn)
			}
			if !utf8.ValidString(got) {
				t.Errorf("snippet %q is not valid UTF-8", got)
			}
			if n := utf8.RuneCountInString(got); n > 2+snippetTokens*(snippetMaxWord+snippetMaxSpace+4) {
				t.Errorf("snippet has %d runes, want a short one", n)
			}
		})
	}
}

func FuzzSnippet(f *testing.F) {
	f.Add("Kajen vid hamnarna i Köping", "hamn köping")
	f.Add("\xff«»\x00 ÅÄÖ åäö", "Å")
	f.Add(numbered(50), "w49 w0")
	f.Fuzz(func(t *testing.T, text, query string) {
		got := snippet(text, searchWords(query))
		if !utf8.ValidString(got) {
			t.Errorf("snippet %q is not valid UTF-8", got)
		}
		if len(searchWords(query)) > 0 && strings.Count(got, "«") < strings.Count(text, "«") {
			t.Errorf("snippet %q lost a marker", got)
		}
	})
}

func TestMatchExpr(t *testing.T) {
	tests := []struct{ text, want string }{
		{"hamn", `"hamn"*`},
		{"hamnen Köping", `"hamnen"* "Köping"*`},
		{"E 18 k", `"E" "18"*`}, // a one-letter word inside: the whole word; last: left out for now
		{"k", `"k"`},            // alone: the whole word
		{`"hamn* -köping NEAR(`, `"hamn"* "köping"* "NEAR"*`},
		{`'; DROP TABLE meetings; --`, `"DROP"* "TABLE"* "meetings"*`},
	}
	for _, tt := range tests {
		if got := matchExpr(searchWords(tt.text)); got != tt.want {
			t.Errorf("matchExpr(%q) = %s, want %s", tt.text, got, tt.want)
		}
	}
}

// TestSearchSnippetsAndOrder searches a store: the snippets show the match
// in the hit's text, or its start when only the title matched, and the
// hits come in the order of FTS5's rank, equal scores included.
func TestSearchSnippetsAndOrder(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "ila.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for i, sub := range []data.Submission{
		{Title: "Kajen i Köping", Deficiency: "Kajens bärighet räcker inte för de nya mobilkranarna i hamnen."},
		{Title: "Hamnspåret", Deficiency: "Spåret till hamnen i Köping är för kort för hela tåg."},
		{Title: "Plankorsningen i Kolbäck", Deficiency: "Bommarna står nere i tolv minuter när två tåg möts."},
		{Title: "Godsstråket genom Bergslagen", Deficiency: "Godstågen till Köping och Frövi väntar på förbigång."},
		// Three alike: their scores are equal.
		{Title: "Kön vid hamnen", Deficiency: "Lastbilarna köar till hamnen i Köping."},
		{Title: "Kön vid hamnen", Deficiency: "Lastbilarna köar till hamnen i Köping."},
		{Title: "Kön vid hamnen", Deficiency: "Lastbilarna köar till hamnen i Köping."},
	} {
		sub.Municipality = "Köping"
		if i == 2 {
			sub.Municipality = "Hallstahammar"
		}
		if _, err := s.CreateSubmission(ctx, sub); err != nil {
			t.Fatal(err)
		}
	}
	hits, err := s.Search(ctx, "mobilkran", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 1 || !strings.Contains(hits[0].Snippet, "«mobilkranarna»") {
		t.Errorf("search mobilkran: got %+v, want one hit with «mobilkranarna» in its snippet", hits)
	}
	hits, _ = s.Search(ctx, "Plankorsningen", 10)
	if len(hits) != 1 || strings.Contains(hits[0].Snippet, "«") || hits[0].Snippet == "" {
		t.Errorf("search Plankorsningen (in the title only): got %+v, want the start of the text without a mark", hits)
	}

	for _, q := range []string{"Köping", "hamn", "tåg", "i", "kö", "hamnen köping"} {
		hits, err := s.Search(ctx, q, 60)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range hits {
			got = append(got, h.Kind+" "+strconv.FormatInt(h.Ref, 10))
		}
		rows, err := s.db.QueryContext(ctx, `SELECT kind, ref FROM search WHERE search MATCH ? ORDER BY rank LIMIT 60`, matchExpr(searchWords(q)))
		if err != nil {
			t.Fatal(err)
		}
		want, err := collect(rows, "rank", func(r *sql.Rows) (string, error) {
			var kind string
			var ref int64
			err := r.Scan(&kind, &ref)
			return kind + " " + strconv.FormatInt(ref, 10), err
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(want) == 0 {
			t.Errorf("search %q: nothing found, want hits", q)
		}
		if !slices.Equal(got, want) {
			t.Errorf("search %q: got %v, want %v, the order of rank", q, got, want)
		}
	}
}

func TestATrailingLetterDoesNotEmptyTheResults(t *testing.T) {
	ws := searchWords("E18 k")
	if len(ws) != 1 || ws[0].text != "E18" {
		t.Errorf("words of \"E18 k\" = %+v, want only E18 while the last word is one letter", ws)
	}
	if ws := searchWords("k"); len(ws) != 1 || ws[0].prefix {
		t.Errorf("a lone letter = %+v, want it matched as a whole word", ws)
	}
}
