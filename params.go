package article

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
)

// DecodeParams decodes a.Params, the front matter keys outside the schema,
// into v, which must be a non-nil pointer: typically to a struct whose
// fields carry `toml:"name"` tags, as go-toml/v2 reads them. Tables and
// arrays of tables decode into nested structs, maps and slices; TOML dates
// into time.Time or go-toml's local date types (a local date or date-time
// decoded into a time.Time is put in time.Local, by go-toml's rule: use
// toml.LocalDate or toml.LocalDateTime fields to keep it without a zone). Keys of Params without a
// field in v are ignored, and fields of v without a key in Params are left
// as they are. The schema keys (title, date, …) are not in Params, so a
// field tagged with one of them is not set.
//
//	var extra struct {
//		Tags   []string `toml:"tags"`
//		Author struct {
//			Name string `toml:"name"`
//		} `toml:"author"`
//	}
//	err := a.DecodeParams(&extra)
//
// Params is decoded as it is when DecodeParams is called, so changes made
// to it after Parse count. A value that does not fit its field (a string
// for an int, a number out of the field's range) is an error wrapping
// [ErrType] that names the key, dotted for nested keys. For an Article from
// [Parse], the error is a [*ParseError] whose Line and Column are those of
// the key in the file (its first occurrence, for a key inside an array of
// tables); for an Article built in code, or a key that is not in the file
// Parse read, there is no position to give and the error is not a
// ParseError. Params values that TOML cannot represent give an error
// wrapping [ErrEncode]. DecodeParams does not change a.
func (a *Article) DecodeParams(v any) error {
	var params map[string]any
	if a != nil {
		params = a.Params
	}
	data, err := toml.Marshal(params)
	if err != nil {
		return fmt.Errorf("article: params: %w: %w", ErrEncode, err)
	}
	err = toml.Unmarshal(data, v)
	if err == nil {
		return nil
	}
	var derr *toml.DecodeError
	if !errors.As(err, &derr) {
		return fmt.Errorf("article: params: %w", err) // v is not a pointer
	}
	key := derr.Key()
	msg := strings.TrimPrefix(derr.Error(), "toml: ")
	if a != nil && a.src.ok {
		if off, ok := paramKeyOffset(a.src.text[a.src.l.fmStart:a.src.l.fmEnd], key); ok {
			line, col := positionIn(a.src.text, a.src.l.fmStart+off)
			return &ParseError{Line: line, Column: col, Key: strings.Join(key, "."), Err: fmt.Errorf("%w: %s", ErrType, msg)}
		}
	}
	if len(key) == 0 {
		return fmt.Errorf("article: params: %w: %s", ErrType, msg)
	}
	return fmt.Errorf("article: params: %s: %w: %s", strings.Join(key, "."), ErrType, msg)
}

// positionIn converts a byte offset in text into a 1-based line and byte
// column.
func positionIn(text string, off int) (line, col int) {
	off = min(off, len(text))
	line = 1 + strings.Count(text[:off], "\n")
	col = off - (strings.LastIndexByte(text[:off], '\n') + 1) + 1
	return line, col
}

// paramKeyOffset returns the byte offset in fm, a front matter, of the
// first key that defines path: a key/value pair, a part of a dotted key, a
// table header or a key inside an inline table.
func paramKeyOffset(fm string, path []string) (int, bool) {
	if len(path) == 0 {
		return 0, false
	}
	var p unstable.Parser
	p.Reset([]byte(fm))
	var table []string // the path of the current table header
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			table = table[:0]
			keys := e.Key()
			for keys.Next() {
				n := keys.Node()
				table = append(table, string(n.Data))
				if slices.Equal(table, path) {
					return int(n.Raw.Offset), true
				}
			}
		case unstable.KeyValue:
			if off, ok := keyValueOffset(e, slices.Clone(table), path); ok {
				return off, true
			}
		}
	}
	return 0, false
}

// keyValueOffset looks for path in the key/value node kv, found in the
// table at base, and in the inline tables of its value.
func keyValueOffset(kv *unstable.Node, base, path []string) (int, bool) {
	full := base
	keys := kv.Key()
	for keys.Next() {
		n := keys.Node()
		full = append(full, string(n.Data))
		if slices.Equal(full, path) {
			return int(n.Raw.Offset), true
		}
	}
	if len(full) < len(path) && slices.Equal(full, path[:len(full)]) {
		return valueOffset(kv.Value(), full, path)
	}
	return 0, false
}

// valueOffset looks for path in the inline tables of the value v, found at
// the key full.
func valueOffset(v *unstable.Node, full, path []string) (int, bool) {
	switch v.Kind {
	case unstable.InlineTable:
		it := v.Children()
		for it.Next() {
			if off, ok := keyValueOffset(it.Node(), slices.Clone(full), path); ok {
				return off, true
			}
		}
	case unstable.Array:
		it := v.Children()
		for it.Next() {
			if off, ok := valueOffset(it.Node(), full, path); ok {
				return off, true
			}
		}
	}
	return 0, false
}
