package article

import (
	"errors"
	"strconv"
	"strings"
)

// plainLine reads the line at offset i of text (the front matter from
// s.base on) if it is blank, a comment, a header of bare keys, or a bare
// key that is not a schema key with a plain value (see plainScalar) or a
// one-line array of them, and returns the start of the next line. On
// anything else, and on any error, it reports false, and the parser reads
// the line; what it reads, it reads as go-toml does
// (FuzzGeneralMatchesGoToml).
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
	start := i
	for i < len(text) && isBareKeyChar(text[i]) {
		i++
	}
	name := text[start:i]
	if name == "" || s.cur == rootTable && (s.d.DisallowUnknownKeys || schemaIndexString(name) >= 0) {
		return 0, false
	}
	if i = skipBlanks(text, i); i == len(text) || text[i] != '=' {
		return 0, false
	}
	if i = skipBlanks(text, i+1); i == len(text) {
		return 0, false
	}
	level := s.tables[s.cur].level + 1
	if level+1 > MaxNesting {
		return 0, false
	}
	var v any
	var ok bool
	if text[i] == '[' {
		v, i, ok = plainArray(text, i)
	} else {
		v, i, ok = plainScalar(text, i)
	}
	if !ok {
		return 0, false
	}
	next := endOfLine(text, i)
	if next < 0 {
		return 0, false
	}
	m := s.tableMap(s.cur)
	n := len(m)
	if m[name] = v; len(m) == n {
		// A duplicate: the parser's path reports it.
		return 0, false
	}
	return next, true
}

// errPlain is what key errors are on a plain line: the parser reads the
// line again and reports the error with its position. (The tables a plain
// header created before it failed are the ones the parser's pass would
// create too.)
var errPlain = errors.New("not a plain line")

// plainHeader reads a header of bare keys, such as [extra] or
// [[extra.links]], at offset i of text (at its '[').
func (s *decodeState) plainHeader(text string, i int) (int, bool) {
	array := strings.HasPrefix(text[i:], "[[")
	j := i + 1
	if array {
		j++
	}
	names := s.names[:0]
	for {
		start := j
		for j < len(text) && isBareKeyChar(text[j]) {
			j++
		}
		if j == start {
			return 0, false
		}
		names = append(names, text[start:j])
		if j < len(text) && text[j] == '.' {
			j++
			continue
		}
		break
	}
	s.names = names
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
	if err := s.openTable(names, array); err != nil {
		return 0, false
	}
	return next, true
}

// plainScalar reads a plain value at offset i of text: a one-line string
// with at most the escapes scanSimpleString handles, a decimal integer
// without sign or underscores, a float of the form 12.34, or a boolean.
// It returns the value as go-toml decodes it and the offset after it.
func plainScalar(text string, i int) (any, int, bool) {
	switch c := text[i]; {
	case c == '"' || c == '\'':
		str, next, ok := scanSimpleString(text, i)
		return str, next, ok
	case c == 't' && strings.HasPrefix(text[i:], "true"):
		return true, i + 4, true
	case c == 'f' && strings.HasPrefix(text[i:], "false"):
		return false, i + 5, true
	}
	start := i
	n, i, ok := scanSimpleInt(text, i, true)
	if !ok {
		return nil, 0, false
	}
	if i == len(text) || text[i] != '.' {
		return n, i, true
	}
	j := i + 1
	for j < len(text) && text[j] >= '0' && text[j] <= '9' {
		j++
	}
	if j == i+1 || j < len(text) && (text[j] == 'e' || text[j] == 'E' || text[j] == '_') {
		return nil, 0, false
	}
	f, err := strconv.ParseFloat(text[start:j], 64)
	if err != nil {
		return nil, 0, false
	}
	return f, j, true
}

// plainArray reads a one-line array of plain values, without comments,
// at offset i of text (at its '[').
func plainArray(text string, i int) ([]any, int, bool) {
	var buf [16]any
	elems := buf[:0]
	i = skipBlanks(text, i+1)
	for {
		if i == len(text) {
			return nil, 0, false
		}
		if text[i] == ']' {
			break
		}
		v, next, ok := plainScalar(text, i)
		if !ok {
			return nil, 0, false
		}
		elems = append(elems, v)
		if i = skipBlanks(text, next); i < len(text) && text[i] == ',' {
			i = skipBlanks(text, i+1)
			continue
		}
		if i == len(text) || text[i] != ']' {
			return nil, 0, false
		}
	}
	arr := make([]any, len(elems))
	copy(arr, elems)
	return arr, i + 1, true
}
