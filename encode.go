package article

import (
	"fmt"
	"io"
	"math"
	"reflect"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"
)

// Encode writes a. An Article that [Parse] returned is written losslessly,
// as an edit of the file it came from; an Article built in code, or one
// whose source was dropped with [Article.DropSource], is written in the
// canonical layout.
//
// # Lossless encoding
//
// If the caller changed nothing, Encode writes the file byte for byte:
// byte order mark, blank lines before the opener, comments, key order,
// spacing, string styles, native TOML dates, inline tables, CRLF line
// endings, the separator line and the body. Otherwise it changes only what
// changed:
//
//   - A changed value is replaced in place, in the style of the old one
//     where it can be: a literal string stays literal unless the new text
//     needs escapes, a multi-line string stays multi-line, a native date
//     stays native (a local date stays local while the new Date is in the
//     zone it was read in), a hexadecimal or underscored integer keeps its
//     form. The rest of the line, its comment included, is kept; a comment
//     aligned with others keeps its column where the spaces allow.
//   - A schema field that was absent and is now set adds one line, after
//     the nearest schema key that precedes it in the canonical order and is
//     in the file, or else after the last top-level key (before the first
//     table).
//   - A schema field set to its zero value ("", 0, a Time whose IsZero is
//     true) loses its line, comment and all. Draft is the exception: false
//     is a value, and a file that had draft = true gets draft = false.
//   - Params are compared with what the file holds, key by key and table by
//     table: changed values are replaced in place, deleted keys lose their
//     lines, deleted tables their sections; new keys go after the last key
//     of their table (of the dotted keys that define it, or after the last
//     top-level key), new tables go at the end of their parent's section
//     (of the front matter for a top-level table). An array of [[tables]]
//     is edited element by element, new elements after the last one. A
//     table that loses its last key stays, as an empty [table].
//   - Inside an array or an inline table, only what changed is rewritten:
//     elements common to the start and end of the old and new arrays keep
//     their bytes, changed elements are replaced in place in their style,
//     removed ones lose their line (where they had one to themselves, with
//     the comment on it) or their text and comma, and new ones are written
//     as their neighbour is: on lines of their own with its indentation in
//     an array written one element per line, keeping the array's
//     trailing-comma style; on the same line with its separator otherwise.
//     Comment lines between elements stay. An inline table keeps its keys'
//     order and bytes; a new key goes after the last, with the spacing of
//     the last key. An array or inline table that becomes empty, or whose
//     old form the editor does not read (a dotted key in an inline table),
//     is written whole.
//   - New lines use the file's line ending, its most frequent spelling of
//     " = " and the indentation of the line they follow.
//   - A changed body replaces the body; the separator line is kept, and
//     added where Parse would otherwise take the new body's first line for
//     one.
//
// Params values of types other than those Parse produces (an int instead
// of an int64, say) count as changed. If an edit cannot be made in place
// (the result would not parse, as TOML forbids some combinations of dotted
// keys and tables), Encode writes the canonical layout instead.
//
// # Canonical layout
//
//	+++
//	title = "…"
//	date = "2025-07-24T14:10:31Z"
//	draft = false
//	summary = "…"
//	description = "…"
//	source_link = "…"
//	enclosure = "…"
//	article_id = 116410
//	feed_item_id = 17489
//	url = "…"
//	qrcode = "…"
//	source = "…"
//	+++
//
//	<body>
//
// All twelve schema keys are always written, in this order, empty or not, so
// that every file has the same shape; a zero Date (one whose IsZero is
// true, at the zero instant whatever its offset) is written as date = "",
// which Parse reads back as the zero Time. Strings are TOML basic strings,
// escaped only where TOML requires it (quotation mark, backslash and control
// characters); the date is an RFC 3339 string in the offset Date carries.
// Two dates therefore come back in another form than they were read in:
// "0001-01-01T00:00:00Z" (the zero Time) and "0001-01-01T01:00:00+01:00"
// (the same instant) as "", and an offset of -00:00
// (which Parse reads as UTC) as Z.
// The Params keys follow, sorted, plain values before tables, so that keys
// outside the schema survive a round trip. Then comes the closing "+++", an
// empty line and the body exactly as it is; an empty body is written as
// nothing, not even the empty line. [Format] rewrites a file in this layout.
//
// # Errors
//
// Encode fails with ErrEncode, writing nothing, if a string is not valid
// UTF-8, Date's year is outside 0000 to 9999 or its offset is not whole
// minutes from -23:59 to +23:59 (the dates Parse reads; the same holds for
// time.Time values in Params), or a Params key repeats a schema key, holds
// a value TOML cannot represent (nil, for instance) or is nested deeper
// than MaxNesting, the depth Parse accepts. Lossless encoding checks only
// the values that changed.
func (a *Article) Encode(w io.Writer) error {
	if a.unchangedWithoutParams() {
		_, err := io.WriteString(w, a.src.text)
		return err
	}
	b, err := a.AppendEncoded(make([]byte, 0, a.encodedSizeHint()))
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// AppendEncoded appends what Encode writes to b and returns the extended
// buffer, for callers that encode many articles into a reused buffer.
func (a *Article) AppendEncoded(b []byte) ([]byte, error) {
	if a.src.ok {
		return a.appendLossless(b)
	}
	return a.appendCanonical(b)
}

// appendCanonical appends a in the canonical layout.
func (a *Article) appendCanonical(b []byte) ([]byte, error) {
	start := len(b)
	b = append(b, "+++\n"...)
	b, err := appendStringKey(b, "title", a.Title)
	if err != nil {
		return b[:start], err
	}
	b = append(b, "date = \""...)
	if !a.Date.IsZero() {
		if err := checkEncodableDate(a.Date); err != nil {
			return b[:start], fmt.Errorf("article: date: %w", err)
		}
		b = a.Date.AppendFormat(b, time.RFC3339Nano)
	}
	b = append(b, "\"\ndraft = "...)
	b = strconv.AppendBool(b, a.Draft)
	b = append(b, '\n')
	for _, kv := range [...]struct{ key, val string }{
		{"summary", a.Summary}, {"description", a.Description},
		{"source_link", a.SourceLink}, {"enclosure", a.Enclosure},
	} {
		if b, err = appendStringKey(b, kv.key, kv.val); err != nil {
			return b[:start], err
		}
	}
	b = append(b, "article_id = "...)
	b = strconv.AppendInt(b, a.ArticleID, 10)
	b = append(b, "\nfeed_item_id = "...)
	b = strconv.AppendInt(b, a.FeedItemID, 10)
	b = append(b, '\n')
	for _, kv := range [...]struct{ key, val string }{
		{"url", a.URL}, {"qrcode", a.QRCode}, {"source", a.Source},
	} {
		if b, err = appendStringKey(b, kv.key, kv.val); err != nil {
			return b[:start], err
		}
	}
	if len(a.Params) > 0 {
		for k := range a.Params {
			if schemaIndex([]byte(k)) >= 0 {
				return b[:start], fmt.Errorf("article: Params[%q]: %w: the key belongs to the schema", k, ErrEncode)
			}
		}
		if b, err = appendTable(b, nil, reflect.ValueOf(a.Params), 0); err != nil {
			return b[:start], fmt.Errorf("article: Params: %w", err)
		}
	}
	b = append(b, "+++\n"...)
	if a.Body != "" {
		b = append(b, '\n')
		b = append(b, a.Body...)
	}
	return b, nil
}

func (a *Article) encodedSizeHint() int {
	return 256 + len(a.Title) + len(a.Summary) + len(a.Description) + len(a.SourceLink) +
		len(a.Enclosure) + len(a.URL) + len(a.QRCode) + len(a.Source) + len(a.Body) + 64*len(a.Params)
}

func checkEncodableDate(t time.Time) error {
	if y := t.Year(); y < 0 || y > 9999 {
		return fmt.Errorf("%w: year %d outside 0000 to 9999", ErrEncode, y)
	}
	if _, off := t.Zone(); !validOffset(off) {
		return fmt.Errorf("%w: offset %s is not whole minutes from -23:59 to +23:59", ErrEncode, formatOffset(off))
	}
	return nil
}

func appendStringKey(b []byte, key, val string) ([]byte, error) {
	b = append(b, key...)
	b = append(b, " = "...)
	b, err := appendString(b, val)
	if err != nil {
		return b, fmt.Errorf("article: %s: %w", key, err)
	}
	return append(b, '\n'), nil
}

const hexDigits = "0123456789ABCDEF"

// appendString appends s as a TOML basic string.
func appendString(b []byte, s string) ([]byte, error) {
	if !utf8.ValidString(s) {
		return b, fmt.Errorf("%w: invalid UTF-8", ErrEncode)
	}
	b = append(b, '"')
	for len(s) > 0 {
		// Copy the run of bytes that need no escape in one go.
		i := 0
		for i < len(s) && !needsEscape[s[i]] {
			i++
		}
		b = append(b, s[:i]...)
		if i == len(s) {
			break
		}
		b = appendEscape(b, s[i])
		s = s[i+1:]
	}
	return append(b, '"'), nil
}

// appendEscape appends the escape of a byte that needsEscape: the short
// escapes TOML has, \uXXXX for the other control characters. It is the one
// escape table of the package; basic and multi-line strings share it.
func appendEscape(b []byte, c byte) []byte {
	switch c {
	case '"':
		return append(b, '\\', '"')
	case '\\':
		return append(b, '\\', '\\')
	case '\b':
		return append(b, '\\', 'b')
	case '\t':
		return append(b, '\\', 't')
	case '\n':
		return append(b, '\\', 'n')
	case '\f':
		return append(b, '\\', 'f')
	case '\r':
		return append(b, '\\', 'r')
	}
	return append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
}

// needsEscape marks the bytes a TOML basic string cannot hold as they are:
// the quotation mark, the backslash and the control characters.
var needsEscape = func() (t [256]bool) {
	for c := 0; c < 0x20; c++ {
		t[c] = true
	}
	t['"'], t['\\'], t[0x7f] = true, true, true
	return t
}()

// appendKey appends a key, bare when TOML allows it.
func appendKey(b []byte, k string) ([]byte, error) {
	bare := k != ""
	for i := 0; i < len(k) && bare; i++ {
		bare = isBareKeyChar(k[i])
	}
	if bare {
		return append(b, k...), nil
	}
	return appendString(b, k)
}

func isBareKeyChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

var (
	timeType          = reflect.TypeFor[time.Time]()
	localDateType     = reflect.TypeFor[toml.LocalDate]()
	localTimeType     = reflect.TypeFor[toml.LocalTime]()
	localDateTimeType = reflect.TypeFor[toml.LocalDateTime]()
)

// appendTable writes the map m as the body of the table at path: its plain
// keys first, then its tables as [path.key] sections, each sorted by key.
func appendTable(b []byte, path []string, m reflect.Value, depth int) ([]byte, error) {
	if depth > MaxNesting {
		return b, fmt.Errorf("%w: nested more than %d levels", ErrEncode, MaxNesting)
	}
	b, tables, err := appendPlainKeys(b, m, depth, " = ", "\n")
	if err != nil {
		return b, err
	}
	for _, k := range tables {
		sub := append(path[:len(path):len(path)], k)
		b = append(b, '[')
		for i, p := range sub {
			if i > 0 {
				b = append(b, '.')
			}
			if b, err = appendKey(b, p); err != nil {
				return b, err
			}
		}
		b = append(b, "]\n"...)
		v := deref(m.MapIndex(reflect.ValueOf(k).Convert(m.Type().Key())))
		if b, err = appendTable(b, sub, v, depth+1); err != nil {
			return b, fmt.Errorf("%s: %w", shortString(k), err)
		}
	}
	return b, nil
}

// appendPlainKeys writes the keys of the map m that are not tables as
// key, sep, value, eol lines, sorted by key, and returns the keys of its
// tables, sorted, for the caller to write as sections. Encode and the
// lossless editor (with the file's spacing and line endings) share it.
func appendPlainKeys(b []byte, m reflect.Value, depth int, sep, eol string) ([]byte, []string, error) {
	keys, err := sortedKeys(m)
	if err != nil {
		return b, nil, err
	}
	var tables []string
	for _, k := range keys {
		v := deref(m.MapIndex(reflect.ValueOf(k).Convert(m.Type().Key())))
		if isTable(v) {
			tables = append(tables, k)
			continue
		}
		if b, err = appendKey(b, k); err != nil {
			return b, nil, err
		}
		b = append(b, sep...)
		if b, err = appendValue(b, v, depth+1); err != nil {
			return b, nil, fmt.Errorf("%s: %w", shortString(k), err)
		}
		b = append(b, eol...)
	}
	return b, tables, nil
}

func sortedKeys(m reflect.Value) ([]string, error) {
	if m.Type().Key().Kind() != reflect.String {
		return nil, fmt.Errorf("%w: map keys of type %s", ErrEncode, m.Type().Key())
	}
	keys := make([]string, 0, m.Len())
	for _, k := range m.MapKeys() {
		keys = append(keys, k.String())
	}
	slices.Sort(keys)
	return keys, nil
}

// deref removes interfaces and pointers.
func deref(v reflect.Value) reflect.Value {
	for v.IsValid() && (v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer) {
		if v.IsNil() {
			return reflect.Value{}
		}
		v = v.Elem()
	}
	return v
}

func isTable(v reflect.Value) bool {
	return v.IsValid() && v.Kind() == reflect.Map
}

// appendValue appends a TOML value for v; maps become inline tables.
func appendValue(b []byte, v reflect.Value, depth int) ([]byte, error) {
	if depth > MaxNesting {
		return b, fmt.Errorf("%w: nested more than %d levels", ErrEncode, MaxNesting)
	}
	if !v.IsValid() {
		return b, fmt.Errorf("%w: nil has no TOML form", ErrEncode)
	}
	switch v.Type() {
	case timeType:
		t := v.Interface().(time.Time)
		if err := checkEncodableDate(t); err != nil {
			return b, err
		}
		return t.AppendFormat(b, time.RFC3339Nano), nil
	case localDateType, localTimeType, localDateTimeType:
		text, err := v.Interface().(interface{ MarshalText() ([]byte, error) }).MarshalText()
		if err != nil {
			return b, fmt.Errorf("%w: %v", ErrEncode, err)
		}
		return append(b, text...), nil
	}
	var err error
	switch v.Kind() {
	case reflect.String:
		return appendString(b, v.String())
	case reflect.Bool:
		return strconv.AppendBool(b, v.Bool()), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.AppendInt(b, v.Int(), 10), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if v.Uint() > math.MaxInt64 {
			return b, fmt.Errorf("%w: %d does not fit a TOML integer", ErrEncode, v.Uint())
		}
		return strconv.AppendUint(b, v.Uint(), 10), nil
	case reflect.Float32, reflect.Float64:
		return appendFloat(b, v.Float(), v.Type().Bits()), nil
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			return append(b, "[]"...), nil
		}
		b = append(b, '[')
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				b = append(b, ", "...)
			}
			if b, err = appendValue(b, deref(v.Index(i)), depth+1); err != nil {
				return b, err
			}
		}
		return append(b, ']'), nil
	case reflect.Map:
		keys, err := sortedKeys(v)
		if err != nil {
			return b, err
		}
		b = append(b, '{')
		for i, k := range keys {
			if i > 0 {
				b = append(b, ", "...)
			}
			if b, err = appendKey(b, k); err != nil {
				return b, err
			}
			b = append(b, " = "...)
			if b, err = appendValue(b, deref(v.MapIndex(reflect.ValueOf(k).Convert(v.Type().Key()))), depth+1); err != nil {
				return b, fmt.Errorf("%s: %w", shortString(k), err)
			}
		}
		return append(b, '}'), nil
	}
	return b, fmt.Errorf("%w: values of type %s", ErrEncode, v.Type())
}

// appendFloat writes f so that TOML reads it back as a float.
func appendFloat(b []byte, f float64, bits int) []byte {
	switch {
	case math.IsNaN(f):
		return append(b, "nan"...)
	case math.IsInf(f, 1):
		return append(b, "inf"...)
	case math.IsInf(f, -1):
		return append(b, "-inf"...)
	}
	start := len(b)
	b = strconv.AppendFloat(b, f, 'g', -1, bits)
	for _, c := range b[start:] {
		if c == '.' || c == 'e' {
			return b
		}
	}
	return append(b, ".0"...)
}
