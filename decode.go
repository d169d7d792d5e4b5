package article

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
)

// decodeState carries one decode.
type decodeState struct {
	d   Decoder
	str string // the whole file, shared by the fields without escapes
	fm  []byte // a copy of the front matter, for go-toml's parser
	l   layout
	p   unstable.Parser
}

func (d Decoder) decode(str string) (*Article, error) {
	l, err := split(str)
	if err != nil {
		return nil, err
	}
	// Every string field is a substring of str unless it has escapes.
	a := &Article{Body: str[l.body:]}
	if !d.decodeSimple(a, str[l.fmStart:l.fmEnd]) {
		*a = Article{Body: str[l.body:]}
		if err := d.decodeGeneral(a, str, l); err != nil {
			return nil, err
		}
	}
	a.setSource(str, l)
	return a, nil
}

// decodeGeneral decodes any front matter with go-toml: the schema keys from
// its parser's syntax tree, other keys through its decoder into Params.
func (d Decoder) decodeGeneral(a *Article, str string, l layout) error {
	fm := []byte(str[l.fmStart:l.fmEnd])
	s := &decodeState{d: d, str: str, fm: fm[:len(fm):len(fm)], l: l}
	return s.decodeFrontMatter(a)
}

// fmOffset converts a slice of the front matter to its offset in the file.
// A slice that is not part of the front matter maps to its end.
func (s *decodeState) fmOffset(b []byte) int {
	off := cap(s.fm) - cap(b)
	if b == nil || off < 0 || off > len(s.fm) {
		off = len(s.fm)
	}
	return s.l.fmStart + off
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
	return s.l.fmStart + int(n.Raw.Offset)
}

// decodeFrontMatter fills a from the front matter. Top-level key/value
// pairs of the schema are decoded here directly from the TOML parser's
// syntax tree, which is what keeps Parse fast. Anything else (other keys,
// tables, dotted keys) is decoded by go-toml into a map for Params.
func (s *decodeState) decodeFrontMatter(a *Article) error {
	p := &s.p
	p.Reset(s.fm)
	var seen [numKeys]bool
	others := false
	for p.NextExpression() {
		e := p.Expression()
		var first *unstable.Node
		keys := e.Key()
		if keys.Next() {
			first = keys.Node()
		}
		if first == nil {
			continue
		}
		idx := schemaIndex(first.Data)
		switch {
		case e.Kind == unstable.KeyValue && idx >= 0 && keys.IsLast():
			if seen[idx] {
				return s.errorAt(s.nodeOffset(first), schemaKeys[idx], ErrDuplicateKey)
			}
			seen[idx] = true
			if err := s.setField(a, idx, first, e.Value()); err != nil {
				return err
			}
		case idx >= 0:
			// title.x = 1, [title] or [[title]]: a schema key used as a table.
			return s.errorAt(s.nodeOffset(first), schemaKeys[idx],
				fmt.Errorf("%w: expected %s, got a table", ErrType, schemaKinds[idx]))
		case s.d.DisallowUnknownKeys:
			return s.errorAt(s.nodeOffset(first), string(first.Data), ErrUnknownKey)
		default:
			others = true
		}
		if e.Kind != unstable.KeyValue {
			// Keys after a table header belong to that table: leave
			// them, and any schema-looking names among them, to go-toml.
			others = true
			break
		}
	}
	if err := p.Error(); err != nil {
		return s.syntaxError(err)
	}
	if others {
		return s.decodeParams(a)
	}
	return nil
}

// syntaxError converts an error of go-toml's parser.
func (s *decodeState) syntaxError(err error) error {
	var perr *unstable.ParserError
	if errors.As(err, &perr) {
		return s.errorAt(s.fmOffset(perr.Highlight), strings.Join(perr.Key, "."),
			fmt.Errorf("%w: %s", ErrSyntax, perr.Message))
	}
	return s.errorAt(s.l.fmStart, "", fmt.Errorf("%w: %v", ErrSyntax, err))
}

// decodeParams decodes the whole front matter into a map with go-toml and
// keeps the keys that are not in the schema.
func (s *decodeState) decodeParams(a *Article) error {
	var m map[string]any
	if err := toml.Unmarshal(s.fm, &m); err != nil {
		var derr *toml.DecodeError
		if errors.As(err, &derr) {
			row, col := derr.Position()
			e := &ParseError{Line: s.l.fmLine + row - 1, Column: col, Key: strings.Join(derr.Key(), ".")}
			if msg := strings.TrimPrefix(derr.Error(), "toml: "); strings.Contains(msg, "already defined") {
				e.Err = ErrDuplicateKey
			} else {
				e.Err = fmt.Errorf("%w: %s", ErrSyntax, msg)
			}
			return e
		}
		return s.errorAt(s.l.fmStart, "", fmt.Errorf("%w: %v", ErrSyntax, err))
	}
	for _, k := range schemaKeys {
		delete(m, k)
	}
	if len(m) > 0 {
		a.Params = m
	}
	return nil
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
		if t := s.str[s.l.fmStart+off : s.l.fmStart+off+len(b)]; t == string(b) {
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
