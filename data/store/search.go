package store

import (
	"context"
	"database/sql"
	"fmt"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Hit is one search result.
type Hit struct {
	Kind    string // focus, activity, meeting, protocol, event, submission, note, contact
	Ref     int64  // the id of the item to open (for notes: the note's id)
	Title   string
	Snippet string // the matching text with the match between « and »
}

// MatchQuery turns what a person typed into an FTS5 query: every word is
// quoted, so FTS syntax (quotes, *, -, NEAR, AND) is plain text, and matched
// as a prefix, so that results follow typing. It returns "" when the text
// holds no word.
func MatchQuery(text string) string {
	words := splitWords(text)
	if len(words) == 0 {
		return ""
	}
	var b strings.Builder
	for i, w := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(`"` + w + `"*`)
	}
	return b.String()
}

func splitWords(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// Search finds up to limit items matching text, best first. Every word must
// occur; each is matched as a prefix, as in MatchQuery, except a word of one
// letter, which is matched whole: as a prefix it would match a large part of
// the index, which is slow to rank and finds nothing in particular. A
// one-letter word typed last after others is left out until it grows.
//
// Two things keep it fast (see BENCHMARKS.md, "Search"). The snippet is cut
// here from the hit's text rather than by FTS5's snippet(), which tokenises
// each hit's whole text again and loads the positions of every matching
// term. And the best rows are chosen by bm25(search), which is what rank
// means for this table (its rank is not configured), in a query of their
// own: there SQLite keeps only the best rows while it scores the matches,
// where ORDER BY rank has FTS5 score and sort every match first. Only then
// are the chosen rows' texts read. Equal scores keep the order of rank, the
// order of rowid.
func (s *Store) Search(ctx context.Context, text string, limit int) ([]Hit, error) {
	ws := searchWords(text)
	if len(ws) == 0 {
		return nil, nil
	}
	rows, err := s.db.QueryContext(ctx, `WITH best(id, score) AS MATERIALIZED (
			SELECT rowid, bm25(search) FROM search WHERE search MATCH ?1 ORDER BY 2, 1 LIMIT ?2)
		SELECT s.kind, s.ref, s.title, s.body FROM best JOIN search s ON s.rowid = best.id
		ORDER BY best.score, best.id`, matchExpr(ws), limit)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", text, err)
	}
	hits, err := collect(rows, "search", func(r *sql.Rows) (Hit, error) {
		var h Hit
		var body sql.NullString
		if err := r.Scan(&h.Kind, &h.Ref, &h.Title, &body); err != nil {
			return h, err
		}
		h.Snippet = snippet(body.String, ws)
		return h, nil
	})
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", text, err)
	}
	return hits, nil
}

// searchWord is a word of a search as the index matches it: folded to lower
// case as the unicode61 tokenizer folds (diacritics kept, so å is not a),
// and matched as the start of a word or as a whole word.
type searchWord struct {
	text   string
	folded []rune
	prefix bool
}

func searchWords(text string) []searchWord {
	var ws []searchWord
	for _, w := range splitWords(text) {
		sw := searchWord{text: w}
		for _, r := range w {
			sw.folded = append(sw.folded, fold(r))
		}
		sw.prefix = len(sw.folded) > 1
		ws = append(ws, sw)
	}
	// A one-letter last word is usually the start of a word still being
	// typed: leave it out rather than show nothing until the next letter.
	if n := len(ws); n > 1 && !ws[n-1].prefix {
		ws = ws[:n-1]
	}
	return ws
}

// matchExpr is the FTS5 query for ws: every word quoted, so FTS syntax is
// plain text.
func matchExpr(ws []searchWord) string {
	var b strings.Builder
	for i, w := range ws {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(`"` + w.text + `"`)
		if w.prefix {
			b.WriteByte('*')
		}
	}
	return b.String()
}

// fold lower-cases a letter, as the tokenizer does before indexing.
func fold(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	}
	return unicode.ToLower(r)
}

// matches reports whether tok, a word of the text, matches w.
func (w searchWord) matches(tok string) bool {
	i := 0
	for _, r := range tok {
		if i == len(w.folded) {
			return w.prefix
		}
		if fold(r) != w.folded[i] {
			return false
		}
		i++
	}
	return i == len(w.folded)
}

// Snippet sizes. A snippet has snippetTokens words, as snippet(…, 12) had,
// and runs of separators or words too long to read are cut short.
const (
	snippetTokens   = 12
	snippetLead     = 4    // words before the first match, when no sentence starts nearer
	snippetAfter    = 3    // words kept after the matches at least, when there are so many
	snippetScan     = 4096 // words read past the first match looking for all the words together
	snippetMaxWord  = 40   // runes of a word shown
	snippetMaxSpace = 24   // runes of separators shown between two words
)

// token is a word of a text as the unicode61 tokenizer splits text: a run
// of letters, digits, marks and private-use characters.
type token struct {
	start, end int    // byte offsets
	sentence   bool   // the separators before it end a sentence (or it starts the text)
	hits       uint64 // the words of the search it matches, a bit each
}

func isTokenRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r) || unicode.Is(unicode.Co, r)
}

// tokenizer returns the words of a text one at a time, so that a snippet
// reads no further into a long text than it needs.
type tokenizer struct {
	text string
	pos  int
}

func (t *tokenizer) next() (token, bool) {
	s, i := t.text, t.pos
	sentence := i == 0
	for i < len(s) {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if isTokenRune(r) {
			break
		}
		switch r {
		case '.', '!', '?', ':', '\n':
			sentence = true
		}
		i += size
	}
	if i >= len(s) {
		t.pos = len(s)
		return token{}, false
	}
	start := i
	for i < len(s) {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if !isTokenRune(r) {
			break
		}
		i += size
	}
	t.pos = i
	return token{start: start, end: i, sentence: sentence}, true
}

// snippet cuts about snippetTokens words of text around the first place
// where the most different words of ws occur within that many words: for
// one word, its first match. It prefers to start where a sentence starts,
// puts every matching word in it between « and », and "…" where text is
// left out. When no word of text matches (the item was found by its
// title), the snippet is the start of text. Only the first 64 different
// words of ws count.
func snippet(text string, ws []searchWord) string {
	const n = snippetTokens
	ws = distinct(ws)
	want := len(ws)
	tz := tokenizer{text: text}
	var toks []token // the words read, less those dropped before any match
	base := 0        // the index in text of toks[0]
	var head []token // the first n words, for when nothing matches
	best, first, last := 0, -1, -1
	ended := false
	for {
		t, ok := tz.next()
		if !ok {
			ended = true
			break
		}
		word := text[t.start:t.end]
		for k, w := range ws {
			if w.matches(word) {
				t.hits |= 1 << k
			}
		}
		toks = append(toks, t)
		if base == 0 && len(head) < n {
			head = append(head, t)
		}
		i := len(toks) - 1
		if t.hits != 0 && best < want {
			// The words matched within the n words ending here.
			var seen uint64
			from := i
			for j := i; j >= 0 && j > i-n; j-- {
				if toks[j].hits != 0 {
					seen |= toks[j].hits
					from = j
				}
			}
			if c := bits.OnesCount64(seen); c > best {
				best, first, last = c, from, i
			}
		}
		if first >= 0 && i-first >= n && (best == want || i-first > snippetScan) {
			break // one word more than any window can show
		}
		if first < 0 && len(toks) == 4*n {
			// Keep the words a window ending at a match could show.
			base += len(toks) - (n - 1)
			toks = toks[:copy(toks, toks[len(toks)-(n-1):])]
		}
	}
	if first < 0 {
		if len(head) == 0 {
			return ""
		}
		return writeSnippet(text, head, 0, base+len(toks) > len(head))
	}

	// The window [s, s+n) shows first to last.
	s := 0
	if base+last > n-1-snippetAfter {
		lo := max(0, last-(n-1))
		s = max(lo, first-snippetLead)
		for j := first; j >= max(lo, first-(n-1-snippetAfter)); j-- {
			if toks[j].sentence {
				s = j
				break
			}
		}
	}
	e := min(s+n, len(toks))
	if e-s < n && ended {
		s = max(0, e-n) // the text ends: show more before the match
	}
	return writeSnippet(text, toks[s:e], base+s, e < len(toks) || !ended)
}

// distinct drops repeated words, and all but the first 64.
func distinct(ws []searchWord) []searchWord {
	var out []searchWord
	for _, w := range ws {
		dup := false
		for _, o := range out {
			dup = dup || o.prefix == w.prefix && string(o.folded) == string(w.folded)
		}
		if !dup && len(out) < 64 {
			out = append(out, w)
		}
	}
	return out
}

// writeSnippet writes the words toks of text, the first of them word number
// first, with what lies between them.
func writeSnippet(text string, toks []token, first int, more bool) string {
	var b strings.Builder
	if first > 0 {
		b.WriteString("…")
	} else {
		writeCut(&b, text[:toks[0].start], snippetMaxSpace)
	}
	for i, t := range toks {
		if i > 0 {
			writeCut(&b, text[toks[i-1].end:t.start], snippetMaxSpace)
		}
		if t.hits != 0 {
			b.WriteString("«")
		}
		writeCut(&b, text[t.start:t.end], snippetMaxWord)
		if t.hits != 0 {
			b.WriteString("»")
		}
	}
	if more {
		b.WriteString("…")
	} else {
		writeCut(&b, text[toks[len(toks)-1].end:], snippetMaxSpace)
	}
	out := b.String()
	if !utf8.ValidString(out) {
		out = strings.ToValidUTF8(out, "\uFFFD")
	}
	return out
}

// writeCut writes s, or its first limit runes and "…" when it is longer.
func writeCut(b *strings.Builder, s string, limit int) {
	if len(s) <= limit { // bytes ≥ runes
		b.WriteString(s)
		return
	}
	n := 0
	for i := range s {
		if n == limit {
			b.WriteString(s[:i])
			b.WriteString("…")
			return
		}
		n++
	}
	b.WriteString(s)
}
