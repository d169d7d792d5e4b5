package article

import (
	"errors"
	"strings"
)

// The scanner reads the common TOML of real front matter straight into
// the Article and Params, without go-toml's syntax tree: key/value lines
// whose key is bare, quoted or dotted and whose value is a scalar (see
// scanScalar), a multi-line array of scalars or a one-line inline table of
// scalars; [table] and [[array]] headers; blank lines and comments. It
// never reports an error: on anything else, and on anything wrong
// (duplicate keys, a schema key of the wrong type, a value out of range),
// it leaves the expression to go-toml's parser, which reads it again from
// its first line and reports the error with its position. So what Parse
// accepts and rejects, the values and the positions of errors are those of
// the parser either way (FuzzGeneralMatchesGoToml and FuzzScannerMatchesParser).
//
// The scanner only changes the document when it has read a whole
// expression and found it correct, with one exception that does not
// matter: a duplicate key it detects by the assignment itself, after which
// the parser fails on the same key.

// plainLine reads the expression at offset i of text (the front matter
// from s.base on) if the scanner understands it, and returns the start of
// the line after it; otherwise it reports false.
func (s *decodeState) plainLine(text string, i int) (int, bool) {
	i = skipBlanks(text, i)
	if i == len(text) {
		return i, true
	}
	switch text[i] {
	case '\n':
		return i + 1, true
	case '\r', '#':
		next := endOfLine(text, i)
		return next, next >= 0
	case '[':
		return s.plainHeader(text, i)
	}
	names, i, ok := s.scanKey(text, i)
	if !ok || i == len(text) || text[i] != '=' {
		return 0, false
	}
	if i = skipBlanks(text, i+1); i == len(text) {
		return 0, false
	}
	if s.cur == rootTable {
		if idx := schemaIndexString(names[0]); idx >= 0 {
			return s.plainSchema(text, i, idx, len(names))
		}
		if s.d.DisallowUnknownKeys {
			return 0, false
		}
	}
	// A key, an inline table, its keys and their array values.
	if int(s.tables[s.cur].level)+len(names)+3 > MaxNesting {
		return 0, false
	}
	v, i, ok := s.plainValue(text, i, true)
	if !ok {
		return 0, false
	}
	next := endOfLine(text, i)
	if next < 0 || !s.plainSet(names, v) {
		return 0, false
	}
	return next, true
}

// plainSchema reads the value of schema key idx at offset i, written with
// a key of parts parts.
func (s *decodeState) plainSchema(text string, i, idx, parts int) (int, bool) {
	if parts > 1 || s.seen[idx] {
		return 0, false
	}
	v, i, ok := scanScalar(text, i)
	if !ok {
		return 0, false
	}
	next := endOfLine(text, i)
	if next < 0 || !s.d.setScanned(s.a, idx, &v) {
		return 0, false
	}
	s.seen[idx] = true
	return next, true
}

// plainSet stores v at the key names in the current table, as setKey
// does; on any error it reports false.
func (s *decodeState) plainSet(names []string, v any) bool {
	t := s.cur
	m := s.tableMap(t)
	level := int(s.tables[t].level)
	last := len(names) - 1
	for _, name := range names[:last] {
		level++
		var id int32
		_, inMap := m[name] // else no lookup: see scanTables
		ok := false
		if inMap {
			id, ok = s.lookup(t, name)
		}
		switch {
		case ok && s.tables[id].kind != kindKVTable:
			return false
		case !ok:
			if inMap {
				return false
			}
			sub := make(map[string]any, 8)
			m[name] = sub
			id = s.newTable(t, name, table{m: sub, level: int16(level), kind: kindKVTable}, true)
		}
		t, m = id, s.tables[id].m
	}
	n := len(m)
	m[names[last]] = v
	return len(m) != n
}

// errPlain is what key errors are on a plain line: the parser reads the
// line again and reports the error with its position. (The tables a plain
// header created before it failed are the ones the parser's pass would
// create too.)
var errPlain = errors.New("not a plain line")

// plainHeader reads a [table] or [[array]] header at offset i of text (at
// its '[').
func (s *decodeState) plainHeader(text string, i int) (int, bool) {
	array := strings.HasPrefix(text[i:], "[[")
	j := i + 1
	if array {
		j++
	}
	names, j, ok := s.scanKey(text, skipBlanks(text, j))
	if !ok {
		return 0, false
	}
	switch {
	case array && strings.HasPrefix(text[j:], "]]"):
		j += 2
	case !array && strings.HasPrefix(text[j:], "]"):
		j++
	default:
		return 0, false
	}
	next := endOfLine(text, j)
	if next < 0 || s.d.DisallowUnknownKeys || schemaIndexString(names[0]) >= 0 {
		return 0, false
	}
	s.expr = nil
	s.sectionHint = sectionKeys(text, next)
	err := s.openTable(names, array)
	s.sectionHint = -1
	if err != nil {
		return 0, false
	}
	return next, true
}

// scanKey reads a key of bare and quoted parts joined by dots at offset i
// of text, into s.names, and returns the offset after it and the blanks
// that follow.
func (s *decodeState) scanKey(text string, i int) ([]string, int, bool) {
	names := s.names[:0]
	for {
		name, next, ok := scanKeyPart(text, i)
		if !ok {
			return nil, 0, false
		}
		names = append(names, name)
		if i = skipBlanks(text, next); i < len(text) && text[i] == '.' {
			i = skipBlanks(text, i+1)
			continue
		}
		break
	}
	s.names = names
	return names, i, true
}

// scanKeyPart reads one bare or quoted part of a key.
func scanKeyPart(text string, i int) (string, int, bool) {
	if i == len(text) {
		return "", 0, false
	}
	if c := text[i]; c == '"' || c == '\'' {
		return scanSimpleString(text, i)
	}
	start := i
	for i < len(text) && isBareKeyChar(text[i]) {
		i++
	}
	return text[start:i], i, i > start
}

// plainValue reads a scalar, an array of scalars or, if inline is set, a
// one-line inline table of scalars and arrays of them, at offset i of text.
func (s *decodeState) plainValue(text string, i int, inline bool) (any, int, bool) {
	switch text[i] {
	case '[':
		return s.plainArray(text, i)
	case '{':
		if inline {
			return s.plainInline(text, i)
		}
		return nil, 0, false
	}
	v, next, ok := scanScalar(text, i)
	if !ok {
		return nil, 0, false
	}
	p, ok := v.param()
	return p, next, ok
}

// plainArray reads an array of scalars, over any number of lines, with
// comments and a trailing comma, at offset i of text (at its '[').
func (s *decodeState) plainArray(text string, i int) (any, int, bool) {
	var buf [16]any
	elems := buf[:0]
	i++
	for {
		var ok bool
		if i, ok = skipArraySpace(text, i); !ok {
			return nil, 0, false
		}
		if text[i] == ']' {
			break
		}
		v, next, ok := scanScalar(text, i)
		if !ok {
			return nil, 0, false
		}
		p, ok := v.param()
		if !ok {
			return nil, 0, false
		}
		elems = append(elems, p)
		if i, ok = skipArraySpace(text, next); !ok {
			return nil, 0, false
		}
		switch text[i] {
		case ',':
			i++
			continue
		case ']':
		default:
			return nil, 0, false
		}
		break
	}
	arr := make([]any, len(elems))
	copy(arr, elems)
	return arr, i + 1, true
}

// skipArraySpace skips blanks, line endings and comments inside an array
// and reports false at the end of text or on a bad comment.
func skipArraySpace(text string, i int) (int, bool) {
	for i < len(text) {
		switch text[i] {
		case ' ', '\t', '\n':
			i++
		case '\r', '#':
			if i = endOfLine(text, i); i < 0 {
				return 0, false
			}
		default:
			return i, true
		}
	}
	return 0, false
}

// plainInline reads a one-line inline table of bare or quoted keys (not
// dotted) and scalars or arrays of scalars, at offset i of text (at its '{').
func (s *decodeState) plainInline(text string, i int) (any, int, bool) {
	if i = skipBlanks(text, i+1); i < len(text) && text[i] == '}' {
		return map[string]any{}, i + 1, true
	}
	n := 1 + strings.Count(text[i:i+lineLen(text[i:])], ",")
	m := make(map[string]any, n)
	for {
		name, next, ok := scanKeyPart(text, i)
		if !ok {
			return nil, 0, false
		}
		if i = skipBlanks(text, next); i == len(text) || text[i] != '=' {
			return nil, 0, false
		}
		if i = skipBlanks(text, i+1); i == len(text) {
			return nil, 0, false
		}
		v, next, ok := s.plainValue(text, i, false)
		if !ok {
			return nil, 0, false
		}
		k := len(m)
		if m[name] = v; len(m) == k {
			return nil, 0, false
		}
		if i = skipBlanks(text, next); i == len(text) {
			return nil, 0, false
		}
		switch text[i] {
		case ',':
			if i = skipBlanks(text, i+1); i == len(text) || text[i] == '}' {
				return nil, 0, false
			}
			continue
		case '}':
			return m, i + 1, true
		}
		return nil, 0, false
	}
}

// lineLen returns the length of the first line of s, without its ending.
func lineLen(s string) int {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return i
	}
	return len(s)
}
