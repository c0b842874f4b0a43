package gen_test

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/gen"
)

func TestProtocolsAreReproducible(t *testing.T) {
	a, b := gen.Protocols(20, 7), gen.Protocols(20, 7)
	if !reflect.DeepEqual(a, b) {
		t.Error("the same n and seed gave different protocols")
	}
	if c := gen.Protocols(20, 8); reflect.DeepEqual(a, c) {
		t.Error("another seed gave the same protocols")
	}
	if got := gen.Protocols(5, 7); !reflect.DeepEqual(got, a[:5]) {
		t.Error("a shorter run is not a prefix of a longer one with the same seed")
	}
}

func TestProtocolsLookLikeTwoPagesOfMinutes(t *testing.T) {
	ps := gen.Protocols(500, 1)
	if len(ps) != 500 {
		t.Fatalf("got %d protocols, want 500", len(ps))
	}
	keys := map[string]bool{}
	for i, p := range ps {
		if keys[p.Key] {
			t.Errorf("key %s used twice", p.Key)
		}
		keys[p.Key] = true
		n := utf8.RuneCountInString(p.Text)
		if n < 6000 || n > 8200 {
			t.Errorf("protocol %d has %d characters, want about 6,000–8,000", i, n)
		}
		if !utf8.ValidString(p.Text) || strings.Contains(p.Text, "{") {
			t.Errorf("protocol %d has invalid text or an unfilled slot", i)
		}
		if p.Date.Location() != data.Stockholm || p.Date.Hour() != 0 {
			t.Errorf("protocol %d date %v, want midnight Stockholm time", i, p.Date)
		}
		if p.Kind != "minutes" && p.Kind != "network-meeting" {
			t.Errorf("protocol %d kind %q", i, p.Kind)
		}
		if i > 0 && !p.Date.After(ps[i-1].Date) {
			t.Errorf("protocol %d is not after the one before", i)
		}
	}
	// Common words in almost all, rare ones in a few: what makes a search
	// benchmark realistic.
	count := func(w string) int {
		c := 0
		for _, p := range ps {
			if strings.Contains(p.Text, w) {
				c++
			}
		}
		return c
	}
	for _, w := range []string{"Trafikverket", "Mälarbanan", "godståg"} {
		if c := count(w); c < 400 {
			t.Errorf("%q in %d of 500 protocols, want a common word", w, c)
		}
	}
	for _, w := range []string{"Hjulstabron", "Kvicksundsbron"} {
		if c := count(w); c == 0 || c > 50 {
			t.Errorf("%q in %d of 500 protocols, want a rare word", w, c)
		}
	}
}
