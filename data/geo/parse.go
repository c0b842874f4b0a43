package geo

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/handelskammaren/ila-desk/data/problem"
)

// Ranges of SWEREF 99 TM coordinates that occur in Sweden. They do not
// overlap with each other or with degrees, so the magnitude of a number tells
// what it is.
const (
	minNorthing = 6_100_000
	maxNorthing = 7_700_000
	minEasting  = 250_000
	maxEasting  = 950_000

	// gridMagnitude is the size from which an unmarked number is taken for
	// metres rather than degrees. Numbers between 180 and this are most
	// likely mistyped degrees, and get a degree range message.
	gridMagnitude = 1000
)

const (
	// maxInputRunes bounds the work on pasted text; real coordinates are
	// far shorter.
	maxInputRunes = 120
	// maxChoices bounds the readings tried for ambiguous commas and spaces
	// (2^maxChoices); real input has at most four.
	maxChoices = 8
	// maxShownRunes shortens the input quoted in messages.
	maxShownRunes = 60
)

// Parse reads a position in Sweden from text a user pasted: decimal degrees
// ("59.6162, 16.5528", "59,6162 16,5528", "N 59.6162 E 16.5528",
// "59.6162°N 16.5528°E"), degrees-minutes-seconds ("59°36′58″N 16°33′10″E",
// "59°36.97′N 16°33.17′E") or SWEREF 99 TM ("N 6609690 E 587605",
// "6609690, 587605", "N 6 609 690 E 587 605"). Latitude comes first unless
// hemisphere letters (N, S, E, W and Swedish Ö, V) say otherwise; the
// coordinate system follows from labels or the size of the numbers.
//
// Every error is a *problem.Problem. A point outside Sweden is refused with a
// message that suggests latitude and longitude may be swapped; use ParseAny
// to read coordinates anywhere.
func Parse(s string) (Point, error) {
	cands, perr := readings(s)
	if len(cands) == 0 {
		return Point{}, perr
	}
	var in []Point
	for _, c := range cands {
		if InSweden(c) {
			in = appendDistinct(in, c)
		}
	}
	switch len(in) {
	case 0:
		for _, c := range cands {
			if sw := (Point{Lat: c.Lon, Lon: c.Lat}); InSweden(sw) {
				args := valueArgs(s)
				args["Fixed"] = FormatDecimal(sw)
				return Point{}, problem.New(msgSwapped, args)
			}
		}
		return Point{}, problem.New(msgOutside, map[string]any{"Point": FormatDecimal(cands[0])})
	case 1:
		return in[0], nil
	}
	return Point{}, problem.New(msgAmbiguous, valueArgs(s))
}

// ParseAny reads coordinates like Parse but accepts points anywhere on
// Earth. SWEREF 99 TM input must still lie in the range used in Sweden,
// since that is how it is told apart from degrees.
func ParseAny(s string) (Point, error) {
	cands, perr := readings(s)
	if len(cands) == 0 {
		return Point{}, perr
	}
	if len(cands) == 1 {
		return cands[0], nil
	}
	// Several readings: a Swedish desk most likely means the Swedish one.
	var in []Point
	for _, c := range cands {
		if InSweden(c) {
			in = append(in, c)
		}
	}
	if len(in) == 1 {
		return in[0], nil
	}
	return Point{}, problem.New(msgAmbiguous, valueArgs(s))
}

// appendDistinct appends p unless ps already holds the same point.
func appendDistinct(ps []Point, p Point) []Point {
	for _, q := range ps {
		if math.Abs(q.Lat-p.Lat) < 1e-9 && math.Abs(q.Lon-p.Lon) < 1e-9 {
			return ps
		}
	}
	return append(ps, p)
}

// readings returns every distinct point s can be read as. A comma between
// digits may be a decimal comma or a separator, and a space before a group of
// three digits may be a thousands separator or not; each combination is
// tried, and the readings that make sense are kept. When none does, the error
// is the most specific one met (a range error beats "could not read").
func readings(s string) ([]Point, *problem.Problem) {
	s = strings.TrimFunc(s, isJunkSpace)
	// Some pages show points as "(59.6162, 16.5528)" or "[…]".
	if len(s) >= 2 && (s[0] == '(' && s[len(s)-1] == ')' || s[0] == '[' && s[len(s)-1] == ']') {
		s = strings.TrimFunc(s[1:len(s)-1], isJunkSpace)
	}
	if s == "" {
		return nil, problem.New(msgEmpty, nil)
	}
	unread := problem.New(msgUnreadable, valueArgs(s))
	if utf8.RuneCountInString(s) > maxInputRunes {
		return nil, unread
	}
	norm, hint := normalize(s)
	atoms, ok := lex(norm)
	if !ok {
		return nil, unread
	}
	choice := make([]int, len(atoms))
	n := 0
	for i := range atoms {
		choice[i] = -1
		if isChoice(atoms, i) {
			choice[i] = n
			n++
		}
	}
	if n > maxChoices {
		return nil, unread
	}
	var (
		cands []Point
		base  = rankedErr{rank: rankUnreadable, p: unread}
		best  = base
	)
	for mask := range 1 << n {
		items, ok := build(atoms, choice, mask)
		if !ok {
			continue
		}
		p, e := interpret(items, hint, s, base)
		if e.p != nil {
			if e.rank > best.rank {
				best = e
			}
			continue
		}
		cands = appendDistinct(cands, p)
	}
	return cands, best.p
}

// isJunkSpace reports runes that may surround pasted text: white space and
// the invisible marks some web pages and editors add.
func isJunkSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\uFEFF' || r == '\u200B' || r == '\u200E' || r == '\u200F'
}

func valueArgs(s string) map[string]any {
	s = strings.TrimFunc(s, isJunkSpace)
	if utf8.RuneCountInString(s) > maxShownRunes {
		r := []rune(s)
		s = string(r[:maxShownRunes-1]) + "…"
	}
	return map[string]any{"Value": s}
}

// Hints from a coordinate system name in the input.
const (
	hintNone = iota
	hintDegrees
	hintGrid
)

// systemNames are names users paste along with the numbers, longest first so
// "SWEREF 99 TM" is removed whole.
var systemNames = []struct {
	name string
	hint int
}{
	{"SWEREF 99 TM", hintGrid}, {"SWEREF99 TM", hintGrid},
	{"SWEREF 99TM", hintGrid}, {"SWEREF99TM", hintGrid},
	{"SWEREF 99", hintGrid}, {"SWEREF99", hintGrid},
	{"WGS 84", hintDegrees}, {"WGS-84", hintDegrees}, {"WGS84", hintDegrees},
}

// runeMap folds the many ways of writing degree, minute and second marks and
// minus signs into one each.
var runeMap = map[rune]rune{
	'º': '°', '˚': '°', 'ᵒ': '°',
	'′': '\'', '’': '\'', '‘': '\'', '´': '\'', '`': '\'', 'ʹ': '\'', 'ʼ': '\'',
	'″': '"', '“': '"', '”': '"', 'ʺ': '"', '〃': '"', '„': '"',
	'−': '-', '﹣': '-', '－': '-',
	'，': ',', '；': ';', '：': ':',
}

// normalize upper-cases s, folds look-alike marks, turns two apostrophes into
// a second mark and removes a coordinate system name (with a colon after
// it), returning what the name suggests.
func normalize(s string) (string, int) {
	s = strings.Map(func(r rune) rune {
		if m, ok := runeMap[r]; ok {
			return m
		}
		return unicode.ToUpper(r)
	}, s)
	s = strings.ReplaceAll(s, "''", "\"")
	hint := hintNone
	for _, sn := range systemNames {
		i := strings.Index(s, sn.name)
		if i < 0 {
			continue
		}
		rest := strings.TrimLeftFunc(s[i+len(sn.name):], unicode.IsSpace)
		rest = strings.TrimPrefix(rest, ":")
		s = s[:i] + " " + rest
		hint = sn.hint
		break
	}
	return s, hint
}

type atomKind uint8

const (
	aDigits atomKind = iota
	aDot
	aComma
	aSpace
	aDeg
	aMin
	aSec
	aLetter
	aSign
	aSemi
	aColon
)

// atom is one lexical piece of the input.
type atom struct {
	kind atomKind
	text string // the digits of aDigits
	r    rune   // the letter of aLetter, the sign of aSign
}

// lex splits normalised input into atoms; it fails on anything that cannot
// be part of a coordinate.
func lex(s string) ([]atom, bool) {
	var atoms []atom
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r >= '0' && r <= '9':
			j := i
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			atoms = append(atoms, atom{kind: aDigits, text: s[i:j]})
			i = j
			continue
		case isJunkSpace(r):
			if len(atoms) == 0 || atoms[len(atoms)-1].kind != aSpace {
				atoms = append(atoms, atom{kind: aSpace})
			}
		case r == '.':
			atoms = append(atoms, atom{kind: aDot})
		case r == ',':
			atoms = append(atoms, atom{kind: aComma})
		case r == ';':
			atoms = append(atoms, atom{kind: aSemi})
		case r == ':':
			atoms = append(atoms, atom{kind: aColon})
		case r == '°':
			atoms = append(atoms, atom{kind: aDeg})
		case r == '\'':
			atoms = append(atoms, atom{kind: aMin})
		case r == '"':
			atoms = append(atoms, atom{kind: aSec})
		case r == '-' || r == '+':
			atoms = append(atoms, atom{kind: aSign, r: r})
		case strings.ContainsRune("NSEWÖV", r):
			atoms = append(atoms, atom{kind: aLetter, r: r})
		default:
			return nil, false
		}
		i += size
	}
	return atoms, true
}

// isChoice reports whether atoms[i] can be read two ways: a comma between
// digits (decimal comma or separator) or a space before a three-digit group
// (thousands separator or separator).
func isChoice(atoms []atom, i int) bool {
	if i == 0 || i+1 >= len(atoms) || atoms[i-1].kind != aDigits || atoms[i+1].kind != aDigits {
		return false
	}
	switch atoms[i].kind {
	case aComma:
		return true
	case aSpace:
		return len(atoms[i+1].text) == 3
	}
	return false
}

type mark uint8

const (
	markNone mark = iota
	markDeg
	markMin
	markSec
)

// number is one number as read, with the unit mark after it.
type number struct {
	val     float64
	text    string // as written, with a decimal point
	frac    bool   // has decimals
	grouped bool   // was written with thousands separators
	mark    mark
	neg     bool // written with a minus sign
	signed  bool // written with a sign
}

type itemKind uint8

const (
	iNum itemKind = iota
	iLetter
	iSep
)

type item struct {
	kind   itemKind
	num    number
	letter rune
}

// build turns atoms into numbers, letters and separators, reading each
// ambiguous comma or space as joining (decimal comma, thousands separator)
// when its bit in mask is set. It fails when that reading is impossible.
func build(atoms []atom, choice []int, mask int) ([]item, bool) {
	joined := func(i int) bool {
		return i < len(atoms) && choice[i] >= 0 && mask&(1<<choice[i]) != 0
	}
	var items []item
	var sign rune
	for i := 0; i < len(atoms); {
		a := atoms[i]
		if sign != 0 && a.kind != aDigits {
			return nil, false // a sign must touch its number
		}
		switch a.kind {
		case aSpace:
			i++
		case aColon:
			// Only as in "N: 6609690".
			if len(items) == 0 || items[len(items)-1].kind != iLetter {
				return nil, false
			}
			i++
		case aComma, aSemi:
			items = append(items, item{kind: iSep})
			i++
		case aLetter:
			items = append(items, item{kind: iLetter, letter: a.r})
			i++
		case aSign:
			sign = a.r
			i++
		case aDigits:
			n, next, ok := buildNumber(atoms, i, joined)
			if !ok {
				return nil, false
			}
			n.signed = sign != 0
			n.neg = sign == '-'
			sign = 0
			items = append(items, item{kind: iNum, num: n})
			i = next
		default: // a lone dot or unit mark
			return nil, false
		}
	}
	if sign != 0 {
		return nil, false
	}
	return items, true
}

// buildNumber reads the number starting at atoms[i] and returns it with the
// index of the atom after it.
func buildNumber(atoms []atom, i int, joined func(int) bool) (number, int, bool) {
	var n number
	intPart := atoms[i].text
	j := i + 1
	for joined(j) && atoms[j].kind == aSpace {
		// Thousands groups: "6 609 690"; the first group has 1–3 digits.
		if !n.grouped && len(intPart) > 3 {
			return n, 0, false
		}
		n.grouped = true
		intPart += atoms[j+1].text
		j += 2
	}
	fracPart := ""
	if j+1 < len(atoms) && atoms[j].kind == aDot && atoms[j+1].kind == aDigits {
		fracPart = atoms[j+1].text
		j += 2
	} else if joined(j) && atoms[j].kind == aComma {
		fracPart = atoms[j+1].text
		j += 2
	}
	if joined(j) {
		// Decimals followed by a decimal comma or thousands group.
		return n, 0, false
	}
	if j < len(atoms) {
		switch atoms[j].kind {
		case aDeg:
			n.mark = markDeg
			j++
		case aMin:
			n.mark = markMin
			j++
		case aSec:
			n.mark = markSec
			j++
		}
	}
	n.text = intPart
	if fracPart != "" {
		n.text += "." + fracPart
		n.frac = true
	}
	v, err := strconv.ParseFloat(n.text, 64)
	if err != nil || math.IsInf(v, 0) {
		return n, 0, false
	}
	n.val = v
	return n, j, true
}

// component is one coordinate as written: an optional hemisphere letter
// before or after one to three numbers (degrees, minutes, seconds).
type component struct {
	nums           []number
	prefix, suffix rune
	closed         bool
}

// canTake reports whether n continues c, as minutes after degrees or
// seconds after minutes.
func (c *component) canTake(n number) bool {
	if c.closed {
		return false
	}
	if len(c.nums) == 0 {
		return true
	}
	last := c.nums[len(c.nums)-1].mark
	return (last == markDeg && n.mark == markMin) || (last == markMin && n.mark == markSec)
}

// group splits items into components. A letter right after a component's
// numbers belongs to it unless the component already has a letter in front.
func group(items []item) ([]*component, bool) {
	var comps []*component
	var cur *component
	afterSep := false
	for _, it := range items {
		switch it.kind {
		case iSep:
			if cur == nil || len(cur.nums) == 0 || afterSep {
				return nil, false
			}
			cur.closed = true
			afterSep = true
		case iLetter:
			switch {
			case cur != nil && !cur.closed && len(cur.nums) == 0:
				return nil, false // two letters in a row
			case cur != nil && !cur.closed && cur.prefix == 0:
				cur.suffix = it.letter
				cur.closed = true
			default:
				if cur != nil {
					cur.closed = true
				}
				cur = &component{prefix: it.letter}
				comps = append(comps, cur)
			}
			afterSep = false
		case iNum:
			if cur == nil || !cur.canTake(it.num) {
				if cur != nil {
					cur.closed = true
				}
				cur = &component{}
				comps = append(comps, cur)
			}
			cur.nums = append(cur.nums, it.num)
			afterSep = false
		}
	}
	if cur == nil || len(cur.nums) == 0 || afterSep {
		return nil, false
	}
	return comps, true
}

const (
	axisUnknown = iota
	axisLat     // N, S, or a northing
	axisLon     // E, W, Ö, V, or an easting
)

// coord is a component reduced to a value.
type coord struct {
	axis    int
	neg     bool
	val     float64 // absolute value: degrees, or metres for the grid
	marked  bool    // written with °, ′ or ″
	plain   bool    // a single unmarked, unsigned number (may be metres)
	grouped bool    // written with thousands separators, so metres
	text    string  // the number as written, for messages
}

const (
	rankUnreadable = iota
	rankSpecific
)

// rankedErr is a Problem with how specific it is, so readings can report
// the most helpful one.
type rankedErr struct {
	rank int
	p    *problem.Problem
}

// interpret turns one reading of the input into a point; unread is the
// "could not read" error for input.
func interpret(items []item, hint int, input string, unread rankedErr) (Point, rankedErr) {
	comps, ok := group(items)
	if !ok || len(comps) != 2 {
		return Point{}, unread
	}
	var cs [2]coord
	for i, c := range comps {
		var e rankedErr
		cs[i], e = reduce(c, input, unread)
		if e.p != nil {
			return Point{}, e
		}
	}
	a, b := cs[0], cs[1]
	switch {
	case a.axis != axisUnknown && a.axis == b.axis:
		return Point{}, rankedErr{rankSpecific, problem.New(msgSameAxis, valueArgs(input))}
	case a.axis == axisLon || b.axis == axisLat:
		a, b = b, a
	}
	isGrid := a.plain && b.plain && !a.neg && !b.neg && hint != hintDegrees &&
		(hint == hintGrid || a.grouped || b.grouped || math.Max(a.val, b.val) >= gridMagnitude)
	if isGrid {
		return gridPoint(a, b, cs[0].axis != axisUnknown || cs[1].axis != axisUnknown, input)
	}
	if hint == hintGrid {
		return Point{}, unread
	}
	if a.val > 90 {
		return Point{}, rangeErr(msgLatRange, a, input)
	}
	if b.val > 180 {
		return Point{}, rangeErr(msgLonRange, b, input)
	}
	p := Point{Lat: a.val, Lon: b.val}
	if a.neg {
		p.Lat = -p.Lat
	}
	if b.neg {
		p.Lon = -p.Lon
	}
	return p, rankedErr{}
}

func rangeErr(msg string, c coord, input string) rankedErr {
	args := valueArgs(input)
	args["Number"] = c.text
	return rankedErr{rankSpecific, problem.New(msg, args)}
}

// gridPoint reads a (northing) and b (easting) as SWEREF 99 TM. Without
// labels the numbers may come in either order, since the ranges do not
// overlap.
func gridPoint(a, b coord, labelled bool, input string) (Point, rankedErr) {
	inN := func(v float64) bool { return v >= minNorthing && v <= maxNorthing }
	inE := func(v float64) bool { return v >= minEasting && v <= maxEasting }
	if !labelled && inE(a.val) && inN(b.val) {
		a, b = b, a
	}
	if !inN(a.val) || !inE(b.val) {
		return Point{}, rankedErr{rankSpecific, problem.New(msgGridRange, valueArgs(input))}
	}
	return FromGrid(Grid{N: a.val, E: b.val}), rankedErr{}
}

// reduce checks one component and computes its value.
func reduce(c *component, input string, unread rankedErr) (coord, rankedErr) {
	var out coord
	letter := c.prefix
	if letter == 0 {
		letter = c.suffix
	}
	switch letter {
	case 'N':
		out.axis = axisLat
	case 'S':
		out.axis, out.neg = axisLat, true
	case 'E', 'Ö':
		out.axis = axisLon
	case 'W', 'V':
		out.axis, out.neg = axisLon, true
	}
	first := c.nums[0]
	if first.signed && letter != 0 {
		// "-59 S" or "+59 N": nobody writes both, so refuse to guess.
		return out, unread
	}
	if first.neg {
		out.neg = true
	}
	want := []mark{first.mark, markMin, markSec}
	if first.mark != markNone && first.mark != markDeg {
		return out, unread
	}
	for i, n := range c.nums {
		if i > 0 && (n.signed || n.mark != want[i]) {
			return out, unread
		}
		if n.frac && i < len(c.nums)-1 {
			return out, rankedErr{rankSpecific, problem.New(msgFraction, valueArgs(input))}
		}
		if n.grouped && (len(c.nums) > 1 || n.mark != markNone) {
			return out, unread
		}
	}
	out.val = first.val
	out.text = first.text
	out.grouped = first.grouped
	out.marked = first.mark != markNone
	out.plain = !out.marked && !first.signed
	if len(c.nums) > 1 {
		m := c.nums[1]
		if m.val >= 60 {
			args := valueArgs(input)
			args["Number"] = m.text
			return out, rankedErr{rankSpecific, problem.New(msgMinutes, args)}
		}
		out.val += m.val / 60
		out.text += "°" + m.text + "′"
	}
	if len(c.nums) > 2 {
		sec := c.nums[2]
		if sec.val >= 60 {
			args := valueArgs(input)
			args["Number"] = sec.text
			return out, rankedErr{rankSpecific, problem.New(msgSeconds, args)}
		}
		out.val += sec.val / 3600
		out.text += sec.text + "″"
	}
	if out.marked && len(c.nums) == 1 {
		out.text += "°"
	}
	return out, rankedErr{}
}
