package article

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
)

// scanned is one scalar the scanner read: its kind, in go-toml's terms,
// and its value, decoded for strings, integers, floats and booleans, as
// written for dates and times.
type scanned struct {
	kind unstable.Kind
	text string // a string's value; the token of a date or time
	n    int64  // an integer's value; 1 for true
	f    float64
}

// scanScalar reads a scalar at offset i of text: a basic or literal
// string on one line, with the escapes scanSimpleString handles; a
// multi-line string without escapes or carriage returns; a decimal
// integer (sign and underscores allowed); a decimal float, inf or nan; a
// boolean; an offset or local date-time, local date or local time with
// seconds. It reports false for anything else, including an integer or a
// date out of range (the parser then reports it).
func scanScalar(text string, i int) (scanned, int, bool) {
	switch c := text[i]; {
	case c == '"' || c == '\'':
		if strings.HasPrefix(text[i:], `"""`) || strings.HasPrefix(text[i:], `'''`) {
			v, next, ok := scanMultiline(text, i)
			return scanned{kind: unstable.String, text: v}, next, ok
		}
		v, next, ok := scanSimpleString(text, i)
		return scanned{kind: unstable.String, text: v}, next, ok
	case c == 't':
		if strings.HasPrefix(text[i:], "true") {
			return scanned{kind: unstable.Bool, n: 1}, i + 4, true
		}
	case c == 'f':
		if strings.HasPrefix(text[i:], "false") {
			return scanned{kind: unstable.Bool}, i + 5, true
		}
	case c >= '0' && c <= '9':
		if digitsAt(text, i, 4) && byteAt(text, i+4) == '-' {
			return scanDate(text, i)
		}
		if digitsAt(text, i, 2) && byteAt(text, i+2) == ':' {
			end, ok := scanClock(text, i)
			if !ok {
				return scanned{}, 0, false
			}
			v := scanned{kind: unstable.LocalTime, text: text[i:end]}
			return v, end, v.valid()
		}
		return scanNumber(text, i)
	case c == '+' || c == '-' || c == 'i' || c == 'n':
		return scanNumber(text, i)
	}
	return scanned{}, 0, false
}

func byteAt(s string, i int) byte {
	if i < len(s) {
		return s[i]
	}
	return 0
}

// digitsAt reports whether s holds n decimal digits at i.
func digitsAt(s string, i, n int) bool {
	if i+n > len(s) {
		return false
	}
	for _, c := range []byte(s[i : i+n]) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// scanNumber reads a decimal integer or float, inf or nan, with an
// optional sign.
func scanNumber(text string, i int) (scanned, int, bool) {
	start := i
	if c := text[i]; c == '+' || c == '-' {
		i++
	}
	if strings.HasPrefix(text[i:], "inf") || strings.HasPrefix(text[i:], "nan") {
		f, msg := tomlFloat([]byte(text[start : i+3]))
		return scanned{kind: unstable.Float, f: f}, i + 3, msg == ""
	}
	digits := i
	i, under := scanDigits(text, i)
	if i == digits || text[digits] == '0' && i-digits > 1 {
		return scanned{}, 0, false
	}
	float := false
	if byteAt(text, i) == '.' {
		j, u := scanDigits(text, i+1)
		if j == i+1 {
			return scanned{}, 0, false
		}
		i, under, float = j, under || u, true
	}
	if c := byteAt(text, i); c == 'e' || c == 'E' {
		j := i + 1
		if c := byteAt(text, j); c == '+' || c == '-' {
			j++
		}
		k, u := scanDigits(text, j)
		if k == j {
			return scanned{}, 0, false
		}
		i, under, float = k, under || u, true
	}
	tok := text[start:i]
	if float {
		if under {
			return scanned{}, 0, false
		}
		f, err := strconv.ParseFloat(tok, 64)
		return scanned{kind: unstable.Float, f: f}, i, err == nil
	}
	n, msg := tomlInteger([]byte(tok))
	return scanned{kind: unstable.Integer, n: n, text: tok}, i, msg == ""
}

// scanDigits reads decimal digits with single underscores between them
// and reports whether there were underscores. A misplaced underscore
// ends the digits before it.
func scanDigits(text string, i int) (int, bool) {
	under := false
	start := i
	for i < len(text) {
		c := text[i]
		if c >= '0' && c <= '9' {
			i++
			continue
		}
		if c == '_' && i > start && i+1 < len(text) && text[i+1] >= '0' && text[i+1] <= '9' {
			under = true
			i++
			continue
		}
		break
	}
	return i, under
}

// scanDate reads a date, a local date-time or an offset date-time at i.
func scanDate(text string, i int) (scanned, int, bool) {
	if !digitsAt(text, i+5, 2) || byteAt(text, i+7) != '-' || !digitsAt(text, i+8, 2) {
		return scanned{}, 0, false
	}
	j := i + 10
	v := scanned{kind: unstable.LocalDate}
	if c := byteAt(text, j); c == 'T' || c == 't' || c == ' ' && digitsAt(text, j+1, 2) && byteAt(text, j+3) == ':' {
		end, ok := scanClock(text, j+1)
		if !ok {
			return scanned{}, 0, false
		}
		j = end
		v.kind = unstable.LocalDateTime
		switch byteAt(text, j) {
		case 'Z', 'z':
			v.kind = unstable.DateTime
			j++
		case '+', '-':
			if !digitsAt(text, j+1, 2) || byteAt(text, j+3) != ':' || !digitsAt(text, j+4, 2) {
				return scanned{}, 0, false
			}
			v.kind = unstable.DateTime
			j += 6
		}
	}
	v.text = text[i:j]
	return v, j, v.valid()
}

// scanClock reads HH:MM:SS with an optional fraction at i and returns the
// offset after it.
func scanClock(text string, i int) (int, bool) {
	if !digitsAt(text, i, 2) || byteAt(text, i+2) != ':' || !digitsAt(text, i+3, 2) ||
		byteAt(text, i+5) != ':' || !digitsAt(text, i+6, 2) {
		return 0, false
	}
	i += 8
	if byteAt(text, i) == '.' {
		j := i + 1
		for j < len(text) && text[j] >= '0' && text[j] <= '9' {
			j++
		}
		if j == i+1 {
			return 0, false
		}
		i = j
	}
	return i, true
}

// valid reports whether a date or time is one go-toml accepts; it
// allocates nothing.
func (v *scanned) valid() bool {
	s := v.text
	switch v.kind {
	case unstable.LocalDate:
		_, ok := localDateOf(s)
		return ok
	case unstable.LocalTime:
		_, ok := localTimeOf(s)
		return ok
	case unstable.LocalDateTime:
		_, ok := localDateTimeOf(s)
		return ok
	case unstable.DateTime:
		n := zoneLen(s)
		_, ok := localDateTimeOf(s[:len(s)-n])
		_, zok := zoneOffsetOf(s[len(s)-n:])
		return ok && zok
	}
	return true
}

// param returns the value as go-toml's decoder puts it in a
// map[string]any, or false if that decoder would fail.
func (v *scanned) param() (any, bool) {
	s := v.text
	switch v.kind {
	case unstable.String:
		return s, true
	case unstable.Bool:
		return v.n == 1, true
	case unstable.Integer:
		return v.n, true
	case unstable.Float:
		return v.f, true
	case unstable.DateTime:
		n := zoneLen(s)
		dt, ok := localDateTimeOf(s[:len(s)-n])
		off, zok := zoneOffsetOf(s[len(s)-n:])
		if !ok || !zok {
			return nil, false
		}
		zone := time.UTC
		if off != 0 {
			zone = time.FixedZone("", off)
		}
		return time.Date(dt.Year, time.Month(dt.Month), dt.Day, dt.Hour, dt.Minute, dt.Second, dt.Nanosecond, zone), true
	case unstable.LocalDateTime:
		dt, ok := localDateTimeOf(s)
		return dt, ok
	case unstable.LocalDate:
		d, ok := localDateOf(s)
		return d, ok
	case unstable.LocalTime:
		t, ok := localTimeOf(s)
		return t, ok
	}
	return nil, false
}

// The date and time readers below take tokens scanDate and scanClock
// checked the shape of, and apply go-toml's ranges.

// localDateOf reads YYYY-MM-DD.
func localDateOf(s string) (toml.LocalDate, bool) {
	d := toml.LocalDate{Year: atoiDigits(s[0:4]), Month: atoiDigits(s[5:7]), Day: atoiDigits(s[8:10])}
	return d, len(s) == 10 && d.Month >= 1 && d.Month <= 12 && d.Day >= 1 && d.Day <= daysIn(d.Month, d.Year)
}

// localTimeOf reads HH:MM:SS with an optional fraction, of which it keeps
// nine digits.
func localTimeOf(s string) (toml.LocalTime, bool) {
	t := toml.LocalTime{Hour: atoiDigits(s[0:2]), Minute: atoiDigits(s[3:5]), Second: atoiDigits(s[6:8])}
	if t.Hour > 23 || t.Minute > 59 || t.Second > 59 {
		return t, false
	}
	if len(s) > 9 {
		frac := s[9:]
		t.Precision = min(len(frac), 9)
		t.Nanosecond = atoiDigits(frac[:t.Precision])
		for range 9 - t.Precision {
			t.Nanosecond *= 10
		}
	}
	return t, true
}

// localDateTimeOf reads a date, a separator and a time.
func localDateTimeOf(s string) (toml.LocalDateTime, bool) {
	if len(s) < 19 {
		return toml.LocalDateTime{}, false
	}
	d, ok := localDateOf(s[:10])
	t, tok := localTimeOf(s[11:])
	return toml.LocalDateTime{LocalDate: d, LocalTime: t}, ok && tok
}

// zoneLen returns the length of the offset at the end of an offset
// date-time token: 1 for Z, 6 for ±HH:MM.
func zoneLen(s string) int {
	if c := s[len(s)-1]; c == 'Z' || c == 'z' {
		return 1
	}
	return 6
}

// zoneOffsetOf reads Z or ±HH:MM as seconds east of UTC.
func zoneOffsetOf(z string) (int, bool) {
	if len(z) == 1 {
		return 0, true
	}
	h, m := atoiDigits(z[1:3]), atoiDigits(z[4:6])
	off := h*3600 + m*60
	if z[0] == '-' {
		off = -off
	}
	return off, h <= 23 && m <= 59
}

// atoiDigits converts decimal digits (at most nine) to an int.
func atoiDigits(s string) int {
	n := 0
	for _, c := range []byte(s) {
		n = n*10 + int(c-'0')
	}
	return n
}

// scanMultiline reads a multi-line basic or literal string without
// carriage returns, control characters or, for a basic one, backslashes,
// at offset i of text (at its first quote).
func scanMultiline(text string, i int) (string, int, bool) {
	q := text[i]
	j := i + 3
	if byteAt(text, j) == '\n' {
		j++
	}
	start := j
	for j < len(text) {
		c := text[j]
		switch {
		case c == q:
			if j+2 < len(text) && text[j+1] == q && text[j+2] == q {
				end := j
				j += 3
				for n := 0; n < 2 && j < len(text) && text[j] == q; n++ {
					j++
					end++
				}
				return text[start:end], j, true
			}
		case c == '\\' && q == '"':
			return "", 0, false
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(text[j:])
			if r == utf8.RuneError && size == 1 {
				return "", 0, false
			}
			j += size
			continue
		case c < 0x20 && c != '\t' && c != '\n' || c == 0x7f:
			return "", 0, false
		}
		j++
	}
	return "", 0, false
}

// setScanned stores the scalar v of schema key idx, as setField does, or
// reports false where setField would fail.
func (d Decoder) setScanned(a *Article, idx int, v *scanned) bool {
	switch idx {
	case keyDate:
		var t time.Time
		var err error
		switch v.kind {
		case unstable.String:
			t, err = d.parseDate(v.text)
		case unstable.DateTime, unstable.LocalDateTime, unstable.LocalDate:
			t, err = parseTOMLDateTime(v.text, v.kind, d.location())
		default:
			return false
		}
		if err != nil {
			return false
		}
		a.Date = t
		return true
	case keyDraft:
		if v.kind != unstable.Bool {
			return false
		}
		a.Draft = v.n == 1
		return true
	case keyArticleID, keyFeedItemID:
		if v.kind != unstable.Integer {
			return false
		}
		n, err := parseTOMLInt([]byte(v.text))
		if err != nil {
			return false
		}
		if idx == keyArticleID {
			a.ArticleID = n
		} else {
			a.FeedItemID = n
		}
		return true
	}
	return v.kind == unstable.String && d.setSimpleString(a, idx, v.text)
}
