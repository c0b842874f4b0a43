package textextract

import (
	"bytes"
	"compress/zlib"
	"errors"
	"io"
)

// The PDF library sizes some tables and buffers from numbers in the file
// (the cross-reference /Size, /W and /Index, a subsection's first object and
// count, a predictor's /Columns). A hostile number there makes it allocate
// more memory than the machine has, which Go cannot recover from. preflight
// looks at those numbers before the library does and refuses the file when
// one is beyond what any real PDF needs.
//
// The search is by position, not by parsing: every "/Size" (and so on)
// anywhere in the bytes is checked, so a structure the library finds through
// an offset cannot hide from it inside what looks like stream data. Object
// streams are inflated and searched the same way, since the library reads
// objects from them. An encrypted object stream cannot be searched; that is
// the one place left where only the timeout protects.

const (
	maxObjects    = 1 << 21  // objects in one file (a table of 64 MB)
	maxColumns    = 1 << 20  // predictor columns
	maxWidth      = 1 << 20  // a number in a /W array
	maxObjStm     = 16 << 20 // inflated bytes of one object stream
	maxObjStmSum  = 64 << 20 // inflated bytes of all object streams
	maxObjStmNest = 2
)

var errUnsafe = errors.New("pdf: numbers beyond what the reader can take")

type preflightState struct {
	inflated  int
	encrypted bool
}

func preflight(b []byte) error {
	st := &preflightState{encrypted: bytes.Contains(b, []byte("/Encrypt"))}
	if err := checkXrefTables(b); err != nil {
		return err
	}
	return st.check(b, 0)
}

// check looks at every name in b that the library turns into a size.
func (st *preflightState) check(b []byte, depth int) error {
	for i := 0; i < len(b); i++ {
		if b[i] != '/' {
			continue
		}
		name, j := readName(b, i+1)
		var err error
		switch name {
		case "Size":
			err = checkInt(b, j, maxObjects)
		case "Columns":
			// A reference would take the number from elsewhere, unseen.
			if isRef(b, j) {
				return errUnsafe
			}
			err = checkInt(b, j, maxColumns)
		case "W":
			err = checkArray(b, j, func(ns []int64) bool {
				for _, n := range ns {
					if n > maxWidth {
						return false
					}
				}
				return true
			})
		case "Index":
			err = checkArray(b, j, func(ns []int64) bool {
				for k := 0; k+1 < len(ns); k += 2 {
					if ns[k] < 0 || ns[k+1] < 0 || ns[k]+ns[k+1] > maxObjects {
						return false
					}
				}
				return true
			})
		case "ObjStm":
			err = st.checkObjStm(b, j, depth)
		}
		if err != nil {
			return err
		}
		i = j - 1
	}
	return nil
}

// checkObjStm inflates the object stream whose dictionary holds the name
// ending at i and checks what is inside.
func (st *preflightState) checkObjStm(b []byte, i, depth int) error {
	if depth >= maxObjStmNest {
		return errUnsafe
	}
	k := bytes.Index(b[i:min(len(b), i+64<<10)], []byte("stream"))
	if k < 0 {
		return nil // no stream here: the library will not find one either
	}
	start := i + k + len("stream")
	if start < len(b) && b[start] == '\r' {
		start++
	}
	if start < len(b) && b[start] == '\n' {
		start++
	}
	zr, err := zlib.NewReader(bytes.NewReader(b[start:]))
	if err != nil {
		if st.encrypted {
			return nil
		}
		return errUnsafe // a filter we cannot look through
	}
	inner, _ := io.ReadAll(io.LimitReader(zr, maxObjStm+1))
	st.inflated += len(inner)
	if len(inner) > maxObjStm || st.inflated > maxObjStmSum {
		return errUnsafe
	}
	// The library reads object streams to their end with a reader that
	// spins on a hex string left open there.
	if openHexString(inner) {
		return errUnsafe
	}
	return st.check(inner, depth+1)
}

// checkXrefTables checks the subsections of every classic cross-reference
// table: "xref", then pairs of first object and count, each followed by
// count entries of three tokens.
func checkXrefTables(b []byte) error {
	for off := 0; ; {
		k := bytes.Index(b[off:], []byte("xref"))
		if k < 0 {
			return nil
		}
		i := off + k
		off = i + 4
		if i >= 5 && string(b[i-5:i]) == "start" {
			continue
		}
		j := off
		for {
			first, j1, ok1 := intAt(b, j)
			count, j2, ok2 := intAt(b, j1)
			if !ok1 || !ok2 {
				break
			}
			if first < 0 || count < 0 || first+count > maxObjects {
				return errUnsafe
			}
			j = j2
			for e := int64(0); e < 3*count; e++ {
				if j = skipToken(b, j); j < 0 {
					break
				}
			}
			if j < 0 {
				break
			}
		}
	}
}

func isSpace(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\f', '\r', ' ':
		return true
	}
	return false
}

func isDelim(c byte) bool {
	switch c {
	case '<', '>', '(', ')', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func unhex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// readName reads a name starting at i (after its slash), decoding #xx
// escapes as the library does, and returns it with the index after it.
func readName(b []byte, i int) (string, int) {
	var n []byte
	for i < len(b) && !isSpace(b[i]) && !isDelim(b[i]) {
		c := b[i]
		if c == '#' && i+2 < len(b) && unhex(b[i+1]) >= 0 && unhex(b[i+2]) >= 0 {
			c = byte(unhex(b[i+1])<<4 | unhex(b[i+2]))
			i += 2
		}
		n = append(n, c)
		i++
		if len(n) > 16 {
			// no name we look for is this long; skip the rest of it
			for i < len(b) && !isSpace(b[i]) && !isDelim(b[i]) {
				i++
			}
			return "", i
		}
	}
	return string(n), i
}

// skipSpace skips white space and comments.
func skipSpace(b []byte, i int) int {
	for i < len(b) {
		switch {
		case isSpace(b[i]):
			i++
		case b[i] == '%':
			for i < len(b) && b[i] != '\r' && b[i] != '\n' {
				i++
			}
		default:
			return i
		}
	}
	return i
}

// token returns the regular-character token at i (after space) and the
// index after it.
func token(b []byte, i int) ([]byte, int) {
	i = skipSpace(b, i)
	j := i
	for j < len(b) && !isSpace(b[j]) && !isDelim(b[j]) {
		j++
	}
	return b[i:j], j
}

// skipToken skips one token of a cross-reference entry, or returns -1.
func skipToken(b []byte, i int) int {
	t, j := token(b, i)
	if len(t) == 0 {
		return -1
	}
	return j
}

// parseInt parses an integer as the library does (optional sign, digits);
// values too large for int64 come back as the largest one.
func parseInt(t []byte) (int64, bool) {
	neg := false
	if len(t) > 0 && (t[0] == '+' || t[0] == '-') {
		neg = t[0] == '-'
		t = t[1:]
	}
	if len(t) == 0 {
		return 0, false
	}
	var n int64
	for _, c := range t {
		if c < '0' || c > '9' {
			return 0, false
		}
		if n > (1<<62)/10 {
			n = 1 << 62
			continue
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

// intAt reads an integer token at i.
func intAt(b []byte, i int) (int64, int, bool) {
	t, j := token(b, i)
	n, ok := parseInt(t)
	return n, j, ok
}

// checkInt refuses an integer at i that is negative or above limit; other
// values are the library's to reject.
func checkInt(b []byte, i int, limit int64) error {
	if n, _, ok := intAt(b, i); ok && (n < 0 || n > limit) {
		return errUnsafe
	}
	return nil
}

// isRef reports whether an indirect reference ("12 0 R") starts at i.
func isRef(b []byte, i int) bool {
	_, j, ok := intAt(b, i)
	if !ok {
		return false
	}
	_, j, ok = intAt(b, j)
	if !ok {
		return false
	}
	t, _ := token(b, j)
	return string(t) == "R"
}

// checkArray reads the integers of an array at i (nested arrays are
// skipped) and refuses it when ok says no.
func checkArray(b []byte, i int, ok func([]int64) bool) error {
	i = skipSpace(b, i)
	if i >= len(b) || b[i] != '[' {
		return nil
	}
	i++
	var ns []int64
	depth := 0
	for i < len(b) && len(ns) < 1<<16 {
		i = skipSpace(b, i)
		if i >= len(b) {
			break
		}
		switch b[i] {
		case '[':
			depth++
			i++
			continue
		case ']':
			if depth == 0 {
				return verdict(ok(ns))
			}
			depth--
			i++
			continue
		}
		t, j := token(b, i)
		if len(t) == 0 {
			i++ // a delimiter we do not follow
			continue
		}
		if n, isInt := parseInt(t); isInt && depth == 0 {
			ns = append(ns, n)
		}
		i = j
	}
	return verdict(ok(ns))
}

func verdict(ok bool) error {
	if ok {
		return nil
	}
	return errUnsafe
}

// lex calls fn with every bare token (number or operator) the library's
// PostScript reader would see in b, and stops with false when fn does. It
// follows the library's lexer closely, including where that lexer resumes
// after an error (it recovers and reads on from the bad byte), so that no
// number can hide in what looks like a string: "<zz 99999 beginbfrange>" is
// a broken hex string to a reader that gives up at "zz" and reads on.
func lex(b []byte, fn func(tok []byte) bool) bool {
	i := 0
	for i < len(b) {
		c := b[i]
		switch {
		case isSpace(c):
			i++
		case c == '%':
			for i < len(b) && b[i] != '\r' && b[i] != '\n' {
				i++
			}
		case c == '<' && i+1 < len(b) && b[i+1] == '<':
			i += 2
		case c == '<':
			i = lexHex(b, i+1)
		case c == '(':
			i = lexLiteral(b, i+1)
		case c == '/':
			i = lexName(b, i+1)
		case isDelim(c):
			i++ // [ ] { } >> or a stray delimiter the reader skips with an error
		default:
			j := i
			for j < len(b) && !isSpace(b[j]) && !isDelim(b[j]) {
				j++
			}
			if !fn(b[i:j]) {
				return false
			}
			i = j
		}
	}
	return true
}

// maxBegin is how many "begin" operators a stream may hold. The library
// looks every operator up through all dictionaries opened with begin, so a
// stream of "0 dict begin" makes its work grow with the square of its size;
// real streams open one or two.
const maxBegin = 16

// lexSafe reports whether a decoded stream keeps the library's reader within
// bounds: no integer above maxInt (when maxInt > 0) and few "begin"s. It
// returns the sum of the integers, which bounds the entries of a font map.
func lexSafe(b []byte, maxInt int64) (sum int64, ok bool) {
	begins := 0
	ok = lex(b, func(tok []byte) bool {
		if string(tok) == "begin" {
			begins++
			return begins <= maxBegin
		}
		if maxInt > 0 {
			if n, isInt := parseInt(tok); isInt {
				if n < 0 || n > maxInt {
					return false
				}
				sum += n
			}
		}
		return true
	})
	return sum, ok
}

// lexHex skips a hex string from i (after "<") the way the library reads it:
// pairs of digits, spaces skipped, until ">"; a bad pair ends it after the pair.
func lexHex(b []byte, i int) int {
	next := func() (byte, bool) {
		for i < len(b) {
			c := b[i]
			i++
			if !isSpace(c) {
				return c, true
			}
		}
		return 0, false
	}
	for {
		c, ok := next()
		if !ok || c == '>' {
			return i
		}
		c2, ok := next()
		if !ok || unhex(c) < 0 || unhex(c2) < 0 {
			return i
		}
	}
}

// lexLiteral skips a literal string from i (after "("): nested parentheses,
// and backslash escapes; an escape the library does not know ends the string
// after it.
func lexLiteral(b []byte, i int) int {
	depth := 1
	for i < len(b) {
		c := b[i]
		i++
		switch c {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return i
			}
		case '\\':
			if i >= len(b) {
				return i
			}
			e := b[i]
			i++
			switch e {
			case 'n', 'r', 'b', 't', 'f', '(', ')', '\\', '\r', '\n':
			case '0', '1', '2', '3', '4', '5', '6', '7':
				x := int(e - '0')
				for k := 0; k < 2 && i < len(b) && b[i] >= '0' && b[i] <= '7'; k++ {
					x = x*8 + int(b[i]-'0')
					i++
				}
				if x > 255 {
					return i
				}
			default:
				return i
			}
		}
	}
	return i
}

// lexName skips a name from i (after "/"); a bad #xx escape ends it after
// the two bytes.
func lexName(b []byte, i int) int {
	for i < len(b) && !isSpace(b[i]) && !isDelim(b[i]) {
		if b[i] == '#' {
			if i+2 >= len(b) || unhex(b[i+1]) < 0 || unhex(b[i+2]) < 0 {
				return min(i+3, len(b))
			}
			i += 3
			continue
		}
		i++
	}
	return i
}
