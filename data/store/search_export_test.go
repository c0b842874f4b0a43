package store

import (
	"context"
	"fmt"
	"strings"
	"unicode"
)

// likeSources are the texts the search index covers, table by table, as SQL
// expressions over the base tables (mirroring the triggers that feed it).
var likeSources = []struct{ table, expr, where string }{
	{"focus_areas", "title || ' ' || body", ""},
	{"activities", "text", ""},
	{"meetings", "title || ' ' || location || ' ' || description", ""},
	{"agenda_items", "title || ' ' || notes", ""},
	{"protocols", "title || ' ' || date || ' ' || text", ""},
	{"documents", "name || ' ' || text", ""},
	{"events", "title || ' ' || summary || ' ' || city", ""},
	{"submissions", "concat_ws(' ', title, object, road_ref, place, municipality, deficiency, impact, measures_text)", "deleted_unix IS NULL"},
	{"notes", "text", ""},
	{"contacts", "name || ' ' || role || ' ' || email", ""},
}

// SearchLikeForTest counts the items whose text holds every word of text,
// by scanning the base tables with LIKE '%word%': what search would cost
// without the FTS index, for the benchmark to compare with. It counts every
// match, as ranking them would need; SQLite's LIKE folds ASCII letters only.
func SearchLikeForTest(ctx context.Context, s *Store, text string) (int, error) {
	words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(words) == 0 {
		return 0, nil
	}
	var parts []string
	args := make([]any, len(words))
	for i, w := range words {
		args[i] = "%" + w + "%"
	}
	for _, src := range likeSources {
		var conds []string
		if src.where != "" {
			conds = append(conds, src.where)
		}
		for i := range words {
			conds = append(conds, fmt.Sprintf("(%s) LIKE ?%d", src.expr, i+1))
		}
		parts = append(parts, fmt.Sprintf("(SELECT count(*) FROM %s WHERE %s)", src.table, strings.Join(conds, " AND ")))
	}
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT "+strings.Join(parts, " + "), args...).Scan(&n)
	return n, err
}
