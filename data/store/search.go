package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode"
)

// Hit is one search result.
type Hit struct {
	Kind    string // focus, activity, meeting, protocol, event, submission, note, contact
	Ref     int64  // the id of the item to open (for notes: the note's id)
	Title   string
	Snippet string // the matching text with the match between « and »
}

// MatchQuery turns what a person typed into an FTS5 query: every word is
// quoted, so FTS syntax (quotes, *, -, NEAR, AND) is plain text, and the last
// word is matched as a prefix so that results follow typing. It returns "" when the text
// holds no word.
func MatchQuery(text string) string {
	words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
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

// Search finds up to limit items matching text, best first.
func (s *Store) Search(ctx context.Context, text string, limit int) ([]Hit, error) {
	q := MatchQuery(text)
	if q == "" {
		return nil, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT kind, ref, title, snippet(search, 3, '«', '»', '…', 12)
		FROM search WHERE search MATCH ? ORDER BY rank LIMIT ?`, q, limit)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", text, err)
	}
	hits, err := collect(rows, "search", func(r *sql.Rows) (Hit, error) {
		var h Hit
		return h, r.Scan(&h.Kind, &h.Ref, &h.Title, &h.Snippet)
	})
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", text, err)
	}
	return hits, nil
}
