package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/handelskammaren/ila-desk/data"
)

// dbtx is what *sql.DB, *sql.Tx and cachedTx have in common, so that readers can run
// inside a write transaction or on their own.
type dbtx interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// now is the store's clock: time.Now unless a test set another.
func (s *Store) now() time.Time { return s.clock() }

// NewUID returns a random identifier of 32 hex digits (128 bits from
// crypto/rand), the form of submission and attachment UIDs.
func NewUID() string {
	var b [16]byte
	rand.Read(b[:]) // never fails (crypto/rand panics on the rare systems where it would)
	return hex.EncodeToString(b[:])
}

// titleKey is a sort key for a title that gives Swedish alphabetical order
// with byte comparison: lower case, å ä ö after z (as "{", "|", "}", which
// follow "z" in ASCII), æ and ø as ä and ö, ü as y, other accented Latin
// letters as their base letter, punctuation dropped, spaces collapsed.
func titleKey(title string) string {
	var b strings.Builder
	b.Grow(len(title))
	space := false
	for _, r := range strings.ToLower(title) {
		if f, ok := swedishFold[r]; ok {
			r = f
		}
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '{' || r == '|' || r == '}':
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		case unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r):
			space = true
		}
	}
	return b.String()
}

var swedishFold = map[rune]rune{
	'å': '{', 'ä': '|', 'æ': '|', 'ö': '}', 'ø': '}',
	'á': 'a', 'à': 'a', 'â': 'a', 'ã': 'a', 'ā': 'a',
	'é': 'e', 'è': 'e', 'ê': 'e', 'ë': 'e',
	'í': 'i', 'ì': 'i', 'î': 'i', 'ï': 'i',
	'ó': 'o', 'ò': 'o', 'ô': 'o', 'õ': 'o',
	'ú': 'u', 'ù': 'u', 'û': 'u',
	'ü': 'y', 'ý': 'y', 'ÿ': 'y',
	'ç': 'c', 'ñ': 'n', 'š': 's', 'ž': 'z', 'ł': 'l',
	// Braces would collide with the stand-ins above; they are punctuation.
	'{': ' ', '|': ' ', '}': ' ',
}

// splitModes reads a space-separated list of modes; nil when there is none.
func splitModes(s string) []data.Mode {
	var out []data.Mode
	if n := countWords(s); n > 0 {
		out = make([]data.Mode, 0, n) // one allocation: the list shows every row's
		eachWord(s, func(w string) { out = append(out, data.Mode(w)) })
	}
	return out
}

// countWords counts the space-separated words of s.
func countWords(s string) int {
	n := 0
	eachWord(s, func(string) { n++ })
	return n
}

// eachWord calls fn with each space-separated word of s, in order; the
// words are parts of s, not copies.
func eachWord(s string, fn func(w string)) {
	for s != "" {
		s = strings.TrimLeft(s, " \t\n\r")
		end := strings.IndexAny(s, " \t\n\r")
		if end < 0 {
			end = len(s)
		}
		if end > 0 {
			fn(s[:end])
		}
		s = s[end:]
	}
}

// jfloat reads a float64 that was written so as to survive JSON even when
// it was not finite: NaN and ±Inf as the strings "NaN", "+Inf", "-Inf".
// Revisions written before the snapshot was the exchange form kept the
// point's coordinates so (see legacySnapshot).
type jfloat float64

func (f *jfloat) UnmarshalJSON(b []byte) error {
	s := string(b)
	if u, err := strconv.Unquote(s); err == nil {
		s = u
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return fmt.Errorf("number %s: %w", b, err)
	}
	*f = jfloat(v)
	return nil
}

// measuresText is what the search index knows of the measures.
func measuresText(ms []data.Measure) string {
	var ts []string
	for _, m := range ms {
		if t := strings.TrimSpace(m.Text); t != "" {
			ts = append(ts, t)
		}
	}
	return strings.Join(ts, " · ")
}

// unixOrNow is t in Unix seconds, or now when t is zero.
func unixOrNow(t, now time.Time) int64 {
	if t.IsZero() {
		return now.Unix()
	}
	return t.Unix()
}

// idsJSON writes ids as a JSON array for json_each, which lets one query take
// any number of ids without building SQL.
func idsJSON(ids []int64) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(id, 10))
	}
	b.WriteByte(']')
	return b.String()
}

// write runs fn in a write transaction (see inTx) whose statements are
// prepared once and reused, and schedules a checkpoint after it (see
// submission_checkpoint.go).
func (s *Store) write(ctx context.Context, op string, fn func(tx dbtx) error) error {
	c := s.stmts()
	defer c.prepareWanted(ctx, s.db)
	if err := s.inTx(ctx, op, func(tx *sql.Tx) error { return fn(newCachedTx(tx, c)) }); err != nil {
		return err
	}
	s.checkpointer().wrote()
	return nil
}

// stmtCache holds the prepared statements of one database. database/sql
// prepares a Stmt again on each connection that runs it and keeps it there,
// so a save compiles its SQL and the search triggers once per connection
// instead of every time.
type stmtCache struct {
	stmts  sync.Map // query → *sql.Stmt
	wanted sync.Map // query → struct{}: met in a transaction, prepared after it
}

func (s *Store) stmts() *stmtCache { return s.cache }

// close closes the prepared statements.
func (c *stmtCache) close() {
	c.stmts.Range(func(q, st any) bool {
		st.(*sql.Stmt).Close()
		c.stmts.Delete(q)
		return true
	})
}

// prepareWanted prepares the statements met in transactions since the last
// call. It runs outside transactions: DB.Prepare takes a connection of its
// own, which inside a transaction could wait for ever on a pool of one.
func (c *stmtCache) prepareWanted(ctx context.Context, db *sql.DB) {
	c.wanted.Range(func(q, _ any) bool {
		c.wanted.Delete(q)
		if _, ok := c.stmts.Load(q); ok {
			return true
		}
		st, err := db.PrepareContext(ctx, q.(string))
		if err != nil {
			return true // the statement runs unprepared, and reports its error there
		}
		if _, loaded := c.stmts.LoadOrStore(q, st); loaded {
			st.Close()
		}
		return true
	})
}

// cachedTx runs the statements of a transaction through the prepared
// statements of its database. One not prepared there yet is prepared on the
// transaction the first time it runs, kept for the rest of the transaction
// (an import runs the same few statements thousands of times), and prepared
// for the database after the transaction.
type cachedTx struct {
	tx    *sql.Tx
	cache *stmtCache
	local map[string]*sql.Stmt // this transaction's statements
}

func newCachedTx(tx *sql.Tx, c *stmtCache) *cachedTx {
	return &cachedTx{tx: tx, cache: c, local: map[string]*sql.Stmt{}}
}

// stmt returns the prepared form of query on the transaction's connection,
// or nil when it cannot be prepared (then it runs directly and reports its
// error there).
func (c *cachedTx) stmt(ctx context.Context, query string) *sql.Stmt {
	if st, ok := c.local[query]; ok {
		return st
	}
	var st *sql.Stmt
	if shared, ok := c.cache.stmts.Load(query); ok {
		st = c.tx.StmtContext(ctx, shared.(*sql.Stmt))
	} else {
		c.cache.wanted.Store(query, struct{}{})
		var err error
		if st, err = c.tx.PrepareContext(ctx, query); err != nil {
			return nil
		}
	}
	c.local[query] = st
	return st
}

func (c *cachedTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := c.stmt(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return c.tx.ExecContext(ctx, query, args...)
}

func (c *cachedTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := c.stmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return c.tx.QueryContext(ctx, query, args...)
}

func (c *cachedTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := c.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return c.tx.QueryRowContext(ctx, query, args...)
}
