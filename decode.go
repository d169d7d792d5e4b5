package article

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/pelletier/go-toml/v2/unstable"
)

// decodeState carries one decode of the general path.
type decodeState struct {
	d     Decoder
	str   string // the whole file, shared by the fields without escapes
	fm    []byte // a copy of the front matter from base on, for go-toml's parser; nil until it is needed
	base  int    // the offset in the file of fm[0]
	pbase int    // the offset in fm of the parser's input
	l     layout
	a     *Article
	p     unstable.Parser
	keys
	seen   [numKeys]bool
	expr   *unstable.Node // the expression being decoded, for errors; nil on a plain line
	w      limitWriter    // what Decode reads an in-memory reader into
	noPool bool           // too large to keep in the pool
	used   bool           // decodeRest ran: release has fields to reset
	names  []string       // scratch: the parts of a header
	valErr error          // the first value error of expr, reported after key errors
}

func (d Decoder) decode(str string) (*Article, error) {
	s := getState()
	defer s.release()
	return d.decodeWith(s, str)
}

// decodeWith decodes str with the state s, which it leaves for the
// caller to release.
func (d Decoder) decodeWith(s *decodeState, str string) (*Article, error) {
	l, err := split(str)
	if err != nil {
		return nil, err
	}
	// Every string field is a substring of str unless it has escapes.
	a := &Article{Body: str[l.body:]}
	var seen [numKeys]bool
	if n := d.simplePrefix(a, str[l.fmStart:l.fmEnd], &seen); n < l.fmEnd-l.fmStart {
		if err := d.decodeRest(s, a, str, l, n, seen); err != nil {
			return nil, err
		}
	}
	a.setSource(d, str, l)
	return a, nil
}

// decodeGeneral decodes the whole front matter with the general decoder.
func (d Decoder) decodeGeneral(a *Article, str string, l layout) error {
	s := getState()
	defer s.release()
	return d.decodeRest(s, a, str, l, 0, [numKeys]bool{})
}

// decodeRest decodes the front matter from offset base on, in one pass
// over the syntax tree of go-toml's parser: schema keys into a's fields,
// every other key into Params, with the value types, duplicate-key rules,
// errors and positions of go-toml's own decoder into a map[string]any
// (FuzzGeneralMatchesGoToml checks this). The lines before base are
// top-level schema keys the fast path decoded (seen). Keys are tracked in
// a hash map (see keys.go), so time is linear in the number of keys;
// nesting is limited to MaxNesting.
func (d Decoder) decodeRest(s *decodeState, a *Article, str string, l layout, base int, seen [numKeys]bool) error {
	text := str[l.fmStart+base : l.fmEnd]
	s.used = true
	s.d, s.str, s.l, s.a, s.base, s.seen = d, str, l, a, l.fmStart+base, seen
	// A key with more parts than MaxNesting fails anyway; the parser is
	// stopped before it, as its syntax tree would hold every part.
	deep := deepKeyOffset(text)
	if deep >= 0 {
		text = text[:deep]
	}
	if len(text) > 4096 {
		// Every header adds a table (at most two per line): size the
		// list of tables and the map that finds them once, rather than
		// grow them step by step. A state sized so is not pooled.
		if n := strings.Count(text, "\n[") + 2; n > 256 {
			s.tables = make([]table, 0, n)
			s.namedHint = n
			s.noPool = true
			s.keys.hint = max(s.keys.hint, topTables(text))
		}
	}
	s.keys.init()
	// Every key/value has an "=": sizing Params from the number of them
	// before the first header spares the map its growth steps. (The count
	// includes the schema keys and the "=" of inline tables: a little too
	// large at worst.)
	s.keys.hint = max(s.keys.hint, sectionKeys(text, 0))
	// Lines of one plain key and a plain value are read directly; for
	// anything else go-toml's parser reads one expression, starting at
	// that line (expressions in TOML start on a line of their own).
	p := &s.p
	var err error
	for pos := 0; pos < len(text); {
		if !d.parserOnly {
			if next, ok := s.plainLine(text, pos); ok {
				pos = next
				continue
			}
		}
		if s.fm == nil {
			// The parser reads a copy, made once, when the scanner first
			// leaves an expression to it.
			fm := []byte(text)
			s.fm = fm[:len(fm):len(fm)]
		}
		s.pbase = pos
		p.Reset(s.fm[pos:])
		if !p.NextExpression() {
			err = p.Error()
			break
		}
		e := p.Expression()
		s.expr, s.valErr = e, nil
		if e.Kind == unstable.KeyValue {
			err = s.keyValue(e)
		} else {
			err = s.header(e)
		}
		if err == nil {
			err = s.valErr
		}
		if err != nil {
			return err
		}
		pos = s.expressionEnd(text, e)
	}
	if deep >= 0 {
		// The parser saw the text up to the deep key only. An error at the
		// end of that text comes from the cut, not from the file.
		var perr *unstable.ParserError
		if err == nil || errors.As(err, &perr) && s.fmOffset(perr.Highlight) >= s.base+lastNonBlank(text) {
			return s.deepKeyError(str[s.base:l.fmEnd], deep)
		}
	}
	if err != nil {
		return s.syntaxError(err)
	}
	s.finishArrays()
	if len(s.params) > 0 {
		a.Params = s.params
	}
	return nil
}

// topTables counts the [table] headers of text of one bare or quoted
// part: each adds a key to Params.
func topTables(text string) int {
	n := 0
	for i := 0; ; {
		j := strings.Index(text[i:], "\n[")
		if j < 0 {
			return n
		}
		i += j + 2
		if i < len(text) && text[i] != '[' && strings.IndexByte(text[i:i+lineLen(text[i:])], '.') < 0 {
			n++
		}
	}
}

// sectionKeys estimates the number of keys of the table whose keys start
// at offset i of text: the "=" signs up to the next line that starts with
// "[".
func sectionKeys(text string, i int) int {
	rest := text[i:]
	if end := strings.Index(rest, "\n["); end >= 0 {
		rest = rest[:end]
	}
	return strings.Count(rest, "=")
}

// statePool keeps decodeStates, with their parser's node arena and their
// tables, for reuse: it spares every general decode a few kilobytes of
// allocation, as go-toml's own decoder pool does. A state holds nothing of
// a decode once released, and no result depends on which state is used.
var statePool = sync.Pool{New: func() any { return new(decodeState) }}

func getState() *decodeState { return statePool.Get().(*decodeState) }

// maxPooledFrontMatter is the largest front matter whose state is reused:
// the parser's arena grows with the largest expression, and a huge one
// should not stay in the pool.
const maxPooledFrontMatter = 64 << 10

// release clears s of the decode and returns it to the pool.
func (s *decodeState) release() {
	if !s.used {
		// Only the read used it.
		s.w = limitWriter{}
		statePool.Put(s)
		return
	}
	big := s.noPool || len(s.fm) > maxPooledFrontMatter || len(s.tables) > 256 || len(s.named) > 256 || len(s.arrays) > 256
	if s.fm != nil {
		s.p.Reset(nil)
	}
	clear(s.tables)
	clear(s.arrays)
	clear(s.names[:cap(s.names)])
	// Field by field: assigning the whole state, parser included, costs
	// more than the small decodes it serves.
	s.d, s.str, s.fm, s.base, s.pbase, s.l, s.a = Decoder{}, "", nil, 0, 0, layout{}, nil
	s.params, s.hint, s.tables, s.cur, s.arrays, s.sectionHint, s.namedHint = nil, 0, s.tables[:0], 0, s.arrays[:0], 0, 0
	s.seen, s.expr, s.w, s.noPool, s.names, s.valErr, s.used = [numKeys]bool{}, nil, limitWriter{}, false, s.names[:0], nil, false
	if big {
		return
	}
	clear(s.named)
	statePool.Put(s)
}

// lastNonBlank returns the offset of the last byte of s that is not a
// space, tab or line ending, or 0.
func lastNonBlank(s string) int {
	i := len(s) - 1
	for i > 0 && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i--
	}
	return max(i, 0)
}

// fmOffset converts a slice of the front matter to its offset in the file.
// A slice that is not part of the front matter maps to its end.
func (s *decodeState) fmOffset(b []byte) int {
	off := cap(s.fm) - cap(b)
	if b == nil || off < 0 || off > len(s.fm) {
		off = len(s.fm)
	}
	return s.base + off
}

// errorAt builds a ParseError for the file offset off.
func (s *decodeState) errorAt(off int, key string, err error) *ParseError {
	line, col := position(s.str, off)
	return &ParseError{Line: line, Column: col, Key: key, Err: err}
}

// position converts a byte offset into a 1-based line and byte column.
func position(src string, off int) (line, col int) {
	if off > len(src) {
		off = len(src)
	}
	line = 1 + strings.Count(src[:off], "\n")
	col = off - (strings.LastIndexByte(src[:off], '\n') + 1) + 1
	return line, col
}

func (s *decodeState) nodeOffset(n *unstable.Node) int {
	return s.base + s.pbase + int(n.Raw.Offset)
}

// expressionEnd returns the offset in text of the line after expression e,
// which the parser read from s.pbase on.
func (s *decodeState) expressionEnd(text string, e *unstable.Node) int {
	r := e.Raw
	if e.Kind != unstable.KeyValue {
		// A header's Raw is not set: its line goes on after its key.
		for it := e.Key(); it.Next(); {
			r = it.Node().Raw
		}
	}
	end := s.pbase + int(r.Offset+r.Length)
	if i := strings.IndexByte(text[end:], '\n'); i >= 0 {
		return end + i + 1
	}
	return len(text)
}

// syntaxError converts an error of go-toml's parser.
func (s *decodeState) syntaxError(err error) error {
	var perr *unstable.ParserError
	if errors.As(err, &perr) {
		if tooDeepForGoTOML(perr) {
			return s.errorAt(s.fmOffset(perr.Highlight), shortKey(perr.Key),
				fmt.Errorf("%w: more than %d levels", ErrNestingTooDeep, MaxNesting))
		}
		return s.errorAt(s.fmOffset(perr.Highlight), shortKey(perr.Key),
			fmt.Errorf("%w: %s", ErrSyntax, perr.Message))
	}
	return s.errorAt(s.base, "", fmt.Errorf("%w: %v", ErrSyntax, err))
}

// keyValue decodes a key/value expression: a schema key into its field,
// anything else into the current table of Params.
func (s *decodeState) keyValue(e *unstable.Node) error {
	it := e.Key()
	it.Next()
	first := it.Node()
	if s.cur == rootTable {
		if idx := schemaIndex(first.Data); idx >= 0 {
			if !it.IsLast() {
				return s.schemaTableError(first, idx)
			}
			if s.seen[idx] {
				return s.errorAt(s.nodeOffset(first), schemaKeys[idx], ErrDuplicateKey)
			}
			s.seen[idx] = true
			return s.setField(s.a, idx, first, e.Value())
		}
		if s.d.DisallowUnknownKeys {
			return s.errorAt(s.nodeOffset(first), shortString(string(first.Data)), unknownKeyError(string(first.Data)))
		}
	}
	return s.setKey(s.cur, it, e.Value())
}

// header decodes a [table] or [[array table]] header.
func (s *decodeState) header(e *unstable.Node) error {
	it := e.Key()
	it.Next()
	first := it.Node()
	if idx := schemaIndex(first.Data); idx >= 0 {
		return s.schemaTableError(first, idx)
	}
	if s.d.DisallowUnknownKeys {
		return s.errorAt(s.nodeOffset(first), shortString(string(first.Data)), unknownKeyError(string(first.Data)))
	}
	names := s.names[:0]
	for it := e.Key(); it.Next(); {
		names = append(names, s.keyName(it.Node()))
	}
	s.names = names
	return s.openTable(names, e.Kind == unstable.ArrayTable)
}

// schemaTableError reports title.x = 1, [title] or [[title]]: a schema key
// used as a table.
func (s *decodeState) schemaTableError(first *unstable.Node, idx int) error {
	return s.errorAt(s.nodeOffset(first), schemaKeys[idx],
		fmt.Errorf("%w: expected %s, got a table", ErrType, schemaKinds[idx]))
}

// exprKey returns the offset of the current expression's key and the key,
// dotted and shortened, for errors.
func (s *decodeState) exprKey() (int, string) {
	it := s.expr.Key()
	off := -1
	var parts []string
	n := 0
	for it.Next() {
		k := it.Node()
		if off < 0 {
			off = s.nodeOffset(k)
		}
		if n += len(k.Data) + 1; n > maxQuoted+1 {
			parts = append(parts, "…")
			break
		}
		parts = append(parts, string(k.Data))
	}
	return off, strings.Join(parts, ".")
}

// keyError reports a key defined twice, or a table and a value at the same
// key, at the key of the current expression, as go-toml does.
func (s *decodeState) keyError(format, name string, args ...any) error {
	if s.expr == nil {
		return errPlain
	}
	off, key := s.exprKey()
	err := ErrDuplicateKey
	if format != "key %s is already defined" {
		err = fmt.Errorf("%w: %s", ErrDuplicateKey, fmt.Sprintf(format, append([]any{shortString(name)}, args...)...))
	}
	return s.errorAt(off, key, err)
}

// depthError reports nesting beyond MaxNesting at the current expression.
func (s *decodeState) depthError() error {
	if s.expr == nil {
		return errPlain
	}
	off, key := s.exprKey()
	return s.errorAt(off, key, fmt.Errorf("%w: more than %d levels", ErrNestingTooDeep, MaxNesting))
}

// valueError records the first error in a value of the current expression;
// key errors anywhere in the expression take precedence, as in go-toml.
func (s *decodeState) valueError(b []byte, msg string) {
	if s.valErr != nil {
		return
	}
	off := s.fmOffset(b)
	_, key := s.exprKey()
	s.valErr = s.errorAt(off, key, fmt.Errorf("%w: %s", ErrSyntax, msg))
}

var schemaKinds = [numKeys]string{
	keyTitle: "a string", keyDate: "a date", keyDraft: "a boolean",
	keySummary: "a string", keyDescription: "a string", keySourceLink: "a string",
	keyEnclosure: "a string", keyArticleID: "an integer", keyFeedItemID: "an integer",
	keyURL: "a string", keyQRCode: "a string", keySource: "a string",
}

var kindNames = map[unstable.Kind]string{
	unstable.String: "a string", unstable.Bool: "a boolean", unstable.Float: "a float",
	unstable.Integer: "an integer", unstable.LocalDate: "a local date",
	unstable.LocalTime: "a local time", unstable.LocalDateTime: "a local date-time",
	unstable.DateTime: "a date-time", unstable.Array: "an array",
	unstable.InlineTable: "an inline table",
}

// setField stores the value v of schema key idx.
func (s *decodeState) setField(a *Article, idx int, key, v *unstable.Node) error {
	name := schemaKeys[idx]
	typeErr := func() error {
		return s.errorAt(s.nodeOffset(key), name,
			fmt.Errorf("%w: expected %s, got %s", ErrType, schemaKinds[idx], kindNames[v.Kind]))
	}
	switch idx {
	case keyDate:
		t, err := s.readDate(v)
		if err != nil {
			return s.errorAt(s.nodeOffset(key), name, err)
		}
		a.Date = t
	case keyDraft:
		if v.Kind != unstable.Bool {
			return typeErr()
		}
		a.Draft = len(v.Data) == 4 // "true"
	case keyArticleID, keyFeedItemID:
		if v.Kind != unstable.Integer {
			return typeErr()
		}
		n, err := parseTOMLInt(v.Data)
		if err != nil {
			return s.errorAt(s.nodeOffset(key), name, err)
		}
		if idx == keyArticleID {
			a.ArticleID = n
		} else {
			a.FeedItemID = n
		}
	default:
		if v.Kind != unstable.String {
			return typeErr()
		}
		str := s.stringOf(v.Data)
		switch idx {
		case keyTitle:
			a.Title = str
		case keySummary:
			a.Summary = str
		case keyDescription:
			a.Description = str
		case keySourceLink:
			a.SourceLink = str
		case keyEnclosure:
			a.Enclosure = str
		case keyURL:
			a.URL = str
		case keyQRCode:
			a.QRCode = str
		case keySource:
			a.Source = str
		}
	}
	return nil
}

// stringOf returns b as a string: a substring of the file when b is the
// front matter's text at the same place (a string without escapes), a copy
// otherwise.
func (s *decodeState) stringOf(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	// A slice of fm starts cap(fm)-cap(b) bytes into it; for any other
	// slice that number means nothing, so the bytes are compared too.
	off := cap(s.fm) - cap(b)
	if off >= 0 && off+len(b) <= len(s.fm) {
		if t := s.str[s.base+off : s.base+off+len(b)]; t == string(b) {
			return t
		}
	}
	return string(b)
}

// parseTOMLInt converts an integer token that go-toml's parser accepted
// (decimal, 0x, 0o or 0b, with underscores between digits) to an int64.
func parseTOMLInt(b []byte) (int64, error) {
	neg := false
	base := uint64(10)
	switch {
	case len(b) > 2 && b[0] == '0' && (b[1] == 'x' || b[1] == 'o' || b[1] == 'b'):
		base = map[byte]uint64{'x': 16, 'o': 8, 'b': 2}[b[1]]
		b = b[2:]
	case len(b) > 0 && (b[0] == '+' || b[0] == '-'):
		neg = b[0] == '-'
		b = b[1:]
	}
	limit := uint64(1<<63 - 1)
	if neg {
		limit++
	}
	var v uint64
	digits := 0
	for _, c := range b {
		var d uint64
		switch {
		case c == '_':
			continue
		case c >= '0' && c <= '9':
			d = uint64(c - '0')
		case c >= 'a' && c <= 'f':
			d = uint64(c-'a') + 10
		case c >= 'A' && c <= 'F':
			d = uint64(c-'A') + 10
		default:
			return 0, fmt.Errorf("%w: invalid integer", ErrSyntax)
		}
		if d >= base {
			return 0, fmt.Errorf("%w: invalid integer", ErrSyntax)
		}
		if v > (limit-d)/base {
			return 0, fmt.Errorf("%w: integer out of the range of int64", ErrType)
		}
		v = v*base + d
		digits++
	}
	if digits == 0 {
		return 0, fmt.Errorf("%w: invalid integer", ErrSyntax)
	}
	if neg {
		return int64(-v), nil //nolint:gosec // v <= 1<<63, wraps to the intended value
	}
	return int64(v), nil //nolint:gosec // v <= MaxInt64
}

// readDate converts the value of date.
func (s *decodeState) readDate(v *unstable.Node) (time.Time, error) {
	switch v.Kind {
	case unstable.String:
		return s.d.parseDate(s.stringOf(v.Data))
	case unstable.DateTime, unstable.LocalDateTime, unstable.LocalDate:
		return parseTOMLDateTime(s.stringOf(v.Data), v.Kind, s.d.location())
	}
	return time.Time{}, fmt.Errorf("%w: expected a date, got %s", ErrType, kindNames[v.Kind])
}
