package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"sort"
	"unicode"

	"github.com/handelskammaren/ila-desk/data"
	"github.com/handelskammaren/ila-desk/data/geo"
)

const (
	// nearDistance is how close, in metres, another submission's point must
	// be to count as a possible duplicate.
	nearDistance = 500
	// similarTitle is the trigram similarity (Jaccard) from which two titles
	// count as the same object described twice.
	similarTitle = 0.6
	// metresPerDegree is a degree of latitude on geo.Distance's sphere.
	metresPerDegree = 2 * math.Pi * 6371008.8 / 360
)

// NearDuplicates finds the submissions that may describe the same thing as
// sub: those not in the trash whose point lies within 500 m of sub's, and
// those whose title is nearly the same (equal but for case and punctuation,
// or with a trigram similarity of at least 0.6). sub itself (by ID and UID)
// is left out, so it may be a stored submission or one being typed. Those
// near by place come first, nearest first; then those by title, most
// similar first.
func (s *Store) NearDuplicates(ctx context.Context, sub data.Submission) ([]SubmissionSummary, error) {
	var out []SubmissionSummary
	seen := map[int64]bool{}
	if here := sub.Point; here != nil && !math.IsNaN(here.Lat) && !math.IsNaN(here.Lon) && math.Abs(here.Lat) < 89 {
		// A box a little larger than the circle, so that the index does the
		// coarse work and the haversine the exact.
		dLat := nearDistance / metresPerDegree * 1.01
		dLon := dLat / math.Cos(here.Lat*math.Pi/180)
		rows, err := s.db.QueryContext(ctx, `SELECT `+summaryCols+` FROM submissions s
			WHERE s.deleted_unix IS NULL AND s.has_point = 1 AND s.lat BETWEEN ? AND ? AND s.lon BETWEEN ? AND ?
			AND s.id != ? AND s.uid != ?`,
			here.Lat-dLat, here.Lat+dLat, here.Lon-dLon, here.Lon+dLon, sub.ID, sub.UID)
		if err != nil {
			return nil, fmt.Errorf("near duplicates: %w", err)
		}
		near, err := collect(rows, "near duplicates", func(r *sql.Rows) (SubmissionSummary, error) { return scanSummary(r) })
		if err != nil {
			return nil, err
		}
		dist := map[int64]float64{}
		for _, x := range near {
			if x.Point == nil {
				continue
			}
			if d := geo.Distance(*here, *x.Point); d <= nearDistance {
				dist[x.ID] = d
				out = append(out, x)
				seen[x.ID] = true
			}
		}
		sort.SliceStable(out, func(i, j int) bool { return dist[out[i].ID] < dist[out[j].ID] })
	}

	want := trigrams(sub.Title, nil)
	if len(want) == 0 {
		return out, nil
	}
	// A title with fewer than 0.6·n trigrams cannot reach the threshold, and
	// a title has at most one more trigram than characters.
	minLen := int(math.Ceil(similarTitle*float64(len(want)))) - 1
	rows, err := s.db.QueryContext(ctx, `SELECT s.id, s.title FROM submissions s
		WHERE s.deleted_unix IS NULL AND s.id != ? AND s.uid != ? AND length(s.title) >= ?`, sub.ID, sub.UID, minLen)
	if err != nil {
		return nil, fmt.Errorf("similar titles: %w", err)
	}
	type match struct {
		id  int64
		sim float64
	}
	var matches []match
	var buf []uint64
	err = forEach(rows, func(r *sql.Rows) error {
		var id int64
		var title string
		if err := r.Scan(&id, &title); err != nil {
			return err
		}
		if seen[id] {
			return nil
		}
		buf = trigrams(title, buf[:0])
		if sim := jaccard(want, buf); sim >= similarTitle {
			matches = append(matches, match{id, sim})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("similar titles: %w", err)
	}
	if len(matches) == 0 {
		return out, nil
	}
	sort.SliceStable(matches, func(i, j int) bool { return matches[i].sim > matches[j].sim })
	ids := make([]int64, len(matches))
	for i, m := range matches {
		ids[i] = m.id
	}
	rows, err = s.db.QueryContext(ctx, `SELECT `+summaryCols+` FROM submissions s WHERE s.id IN (SELECT value FROM json_each(?))`, idsJSON(ids))
	if err != nil {
		return nil, fmt.Errorf("similar titles: %w", err)
	}
	similar, err := collect(rows, "similar titles", func(r *sql.Rows) (SubmissionSummary, error) { return scanSummary(r) })
	if err != nil {
		return nil, err
	}
	rank := make(map[int64]int, len(ids))
	for i, id := range ids {
		rank[id] = i
	}
	sort.Slice(similar, func(i, j int) bool { return rank[similar[i].ID] < rank[similar[j].ID] })
	return append(out, similar...), nil
}

// trigrams appends to buf the distinct trigrams of a title, sorted: the
// title is lower-cased, everything but letters and digits separates words,
// and each word is padded as "  word " (as PostgreSQL's pg_trgm does), so
// short words and word starts weigh in. Each trigram is its three runes
// packed into 63 bits. It allocates nothing when buf is large enough: it
// runs for every title in the store.
func trigrams(title string, buf []uint64) []uint64 {
	var a, b rune // the two runes before the next one
	inWord := false
	emit := func(c rune) {
		buf = append(buf, uint64(a)<<42|uint64(b)<<21|uint64(c))
		a, b = b, c
	}
	for _, r := range title {
		r = unicode.ToLower(r)
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if !inWord {
				a, b, inWord = ' ', ' ', true
			}
			emit(r)
		case inWord:
			emit(' ')
			inWord = false
		}
	}
	if inWord {
		emit(' ')
	}
	slices.Sort(buf)
	return slices.Compact(buf)
}

// jaccard is |a∩b| / |a∪b| of two sorted sets.
func jaccard(a, b []uint64) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	common := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			common++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return float64(common) / float64(len(a)+len(b)-common)
}
