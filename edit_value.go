package article

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2/unstable"
)

// Values of lossless encoding, written in the style of the value they
// replace.

// appendStyledString appends s in the style of the TOML string raw (the
// value it replaces, nil for the canonical basic string): a literal string
// stays literal and a multi-line string multi-line, unless s holds what
// that style cannot (a quote, a control character); then it is a basic
// string, of the same line count. Newlines inside a multi-line string are
// written raw only where they match the file's line ending eol.
func appendStyledString(b, raw []byte, s, eol string) ([]byte, error) {
	if !utf8.ValidString(s) {
		return b, fmt.Errorf("%w: invalid UTF-8", ErrEncode)
	}
	switch {
	case bytes.HasPrefix(raw, []byte("'''")):
		if literalMultilineOK(s, eol) {
			b = append(b, "'''"...)
			if multilineLead(raw, s, eol) {
				b = append(b, eol...)
			}
			b = append(b, s...)
			return append(b, "'''"...), nil
		}
		return appendMultilineBasic(b, raw, s, eol), nil
	case bytes.HasPrefix(raw, []byte(`"""`)):
		return appendMultilineBasic(b, raw, s, eol), nil
	case bytes.HasPrefix(raw, []byte("'")) && literalOK(s):
		b = append(b, '\'')
		b = append(b, s...)
		return append(b, '\''), nil
	}
	return appendString(b, s)
}

// literalOK reports whether s can be a TOML literal string: no apostrophe,
// no control character but the tab.
func literalOK(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '\'' || c == 0x7f || c < 0x20 && c != '\t' {
			return false
		}
	}
	return true
}

// literalMultilineOK reports whether s can be a multi-line literal string
// in a file with line ending eol: its line breaks are all eol, it holds no
// other control character but the tab, no three apostrophes in a row, does not end with an
// apostrophe, and no line of it starts with "+++" (Parse would read it as
// the end of the front matter).
func literalMultilineOK(s, eol string) bool {
	if strings.Contains(s, "'''") || strings.HasSuffix(s, "'") || strings.HasPrefix(s, "+++") {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\n':
			if eol == "\r\n" && (i == 0 || s[i-1] != '\r') {
				return false
			}
			if strings.HasPrefix(s[i+1:], "+++") {
				return false
			}
		case c == '\r':
			if eol != "\r\n" || i+1 == len(s) || s[i+1] != '\n' {
				return false
			}
		case c == 0x7f || c < 0x20 && c != '\t':
			return false
		}
	}
	return true
}

// multilineLead reports whether a multi-line string needs a line break
// right after its opening delimiter (which TOML drops): where the string it
// replaces had one, or where s itself begins with a line break.
func multilineLead(raw []byte, s, eol string) bool {
	return len(raw) > 3 && (raw[3] == '\n' || raw[3] == '\r') || strings.HasPrefix(s, eol)
}

// appendMultilineBasic appends s as a multi-line basic string: quotation
// marks, backslashes and control characters escaped, except the tab and the
// line breaks that are eol, and the first "+" of a line that starts with
// "+++".
func appendMultilineBasic(b, raw []byte, s, eol string) []byte {
	b = append(b, `"""`...)
	lineStart := false
	if multilineLead(raw, s, eol) {
		b = append(b, eol...)
		lineStart = true
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case strings.HasPrefix(s[i:], eol):
			b = append(b, eol...)
			i += len(eol) - 1
			lineStart = true
			continue
		case lineStart && strings.HasPrefix(s[i:], "+++"):
			b = append(b, `\u002B`...)
		case c == '\t':
			b = append(b, c)
		case needsEscape[c]:
			b = appendEscape(b, c)
		default:
			b = append(b, c)
		}
		lineStart = false
	}
	return append(b, `"""`...)
}

// appendStyledInt appends n in the style of the integer raw: hexadecimal,
// octal and binary stay so (for n ≥ 0), and underscores between digit
// groups stay, as groups of three.
func appendStyledInt(b, raw []byte, n int64) []byte {
	if n >= 0 && len(raw) > 2 && raw[0] == '0' {
		base := map[byte]int{'x': 16, 'o': 8, 'b': 2}[raw[1]]
		if base != 0 {
			b = append(b, raw[:2]...)
			start := len(b)
			b = strconv.AppendUint(b, uint64(n), base)
			if bytes.ContainsAny(raw[2:], "ABCDEF") {
				copy(b[start:], bytes.ToUpper(b[start:]))
			}
			return b
		}
	}
	if !bytes.ContainsRune(raw, '_') {
		return strconv.AppendInt(b, n, 10)
	}
	digits := strconv.AppendInt(nil, n, 10)
	if n < 0 {
		b = append(b, '-')
		digits = digits[1:]
	}
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b = append(b, '_')
		}
		b = append(b, c)
	}
	return b
}

// appendStyledDate appends t in the style of the date raw of kind kind:
// a native offset date-time stays native; a native local date or date-time
// stays local while t is in the zone orig was read in and its wall clock
// reads back there as t (not in the hour a change to summer time skips or
// the repeated hour of the change back, nor at an offset Parse refuses;
// a date while t is midnight), and becomes an offset date-time otherwise;
// a string stays a string, in RFC 3339.
func appendStyledDate(b, raw []byte, kind unstable.Kind, t, orig time.Time, eol string) ([]byte, error) {
	if err := checkEncodableDate(t); err != nil {
		return b, err
	}
	space := len(raw) > 10 && raw[10] == ' '
	layout := time.RFC3339Nano
	switch kind {
	case unstable.DateTime:
	case unstable.LocalDate, unstable.LocalDateTime:
		if t.Location() == orig.Location() && wallReadsBack(t) {
			layout = "2006-01-02T15:04:05.999999999"
			if kind == unstable.LocalDate && t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
				layout = "2006-01-02"
			}
		}
	default:
		return appendStyledString(b, raw, t.Format(time.RFC3339Nano), eol)
	}
	start := len(b)
	b = t.AppendFormat(b, layout)
	if space && len(b)-start > 10 {
		b[start+10] = ' '
	}
	return b, nil
}

// wallReadsBack reports whether t's wall clock, read in t's location as
// Parse reads a local date, is t, at an offset Parse accepts.
func wallReadsBack(t time.Time) bool {
	back := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
	_, off := back.Zone()
	return back.Equal(t) && validOffset(off)
}
