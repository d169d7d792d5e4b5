package article

import (
	"bytes"
	"errors"
	"math"
	"strconv"
	"time"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
)

// scalar converts a scalar value of Params to the type go-toml's decoder
// gives it in a map[string]any. A value it cannot convert (an integer out
// of range, an impossible date) is recorded with valueError and decodes as
// nil.
func (s *decodeState) scalar(v *unstable.Node) any {
	b := v.Data
	switch v.Kind {
	case unstable.String:
		return s.stringOf(b)
	case unstable.Bool:
		return b[0] == 't'
	case unstable.Integer:
		n, msg := tomlInteger(b)
		if msg != "" {
			s.valueError(b, msg)
		}
		return n
	case unstable.Float:
		f, msg := tomlFloat(b)
		if msg != "" {
			s.valueError(b, msg)
		}
		return f
	case unstable.DateTime:
		t, err := paramDateTime(b)
		if err != nil {
			s.valueErrorFrom(b, err)
		}
		return t
	case unstable.LocalDateTime:
		var t toml.LocalDateTime
		if err := t.UnmarshalText(b); err != nil {
			s.valueErrorFrom(b, err)
		}
		return t
	case unstable.LocalDate:
		var t toml.LocalDate
		if err := t.UnmarshalText(b); err != nil {
			s.valueErrorFrom(b, err)
		}
		return t
	case unstable.LocalTime:
		var t toml.LocalTime
		if err := t.UnmarshalText(b); err != nil {
			s.valueErrorFrom(b, err)
		}
		return t
	}
	s.valueError(b, "unsupported value kind "+v.Kind.String())
	return nil
}

// valueErrorFrom records an error of go-toml's date parsers, at the place
// it points to when that is inside b.
func (s *decodeState) valueErrorFrom(b []byte, err error) {
	var perr *unstable.ParserError
	if errors.As(err, &perr) {
		if off := cap(b) - cap(perr.Highlight); perr.Highlight != nil && off >= 0 && off <= len(b) {
			b = b[off:]
		}
		s.valueError(b, perr.Message)
		return
	}
	s.valueError(b, err.Error())
}

// tomlInteger converts an integer token as go-toml's decoder does, with
// its messages.
func tomlInteger(b []byte) (int64, string) {
	if len(b) > 2 && b[0] == '0' && (b[1] == 'x' || b[1] == 'o' || b[1] == 'b') {
		shift, name := uint(4), "hexadecimal"
		switch b[1] {
		case 'o':
			shift, name = 3, "octal"
		case 'b':
			shift, name = 1, "binary"
		}
		var v uint64
		for _, c := range b[2:] {
			var d byte
			switch {
			case c == '_':
				continue
			case c >= '0' && c <= '9':
				d = c - '0'
			case c >= 'a' && c <= 'f':
				d = c - 'a' + 10
			case c >= 'A' && c <= 'F':
				d = c - 'A' + 10
			}
			if v > math.MaxInt64>>shift {
				return 0, name + " number is too large to fit in a 64-bit signed integer"
			}
			v = v<<shift | uint64(d)
		}
		return int64(v), "" //nolint:gosec // v <= MaxInt64
	}
	i, neg := 0, false
	switch b[0] {
	case '-':
		neg = true
		i++
	case '+':
		i++
	}
	limit := uint64(math.MaxInt64)
	if neg {
		limit++
	}
	var v uint64
	for ; i < len(b); i++ {
		c := b[i]
		if c == '_' {
			continue
		}
		if v > limit/10 {
			return 0, "decimal number is too large to fit in a 64-bit signed integer"
		}
		if v = v*10 + uint64(c-'0'); v > limit {
			return 0, "decimal number is too large to fit in a 64-bit signed integer"
		}
	}
	if neg {
		return -int64(v), "" //nolint:gosec // v <= MaxInt64+1 wraps to the intended value
	}
	return int64(v), "" //nolint:gosec // v <= MaxInt64
}

// tomlFloat converts a float token as go-toml's decoder does: the parser
// has checked its syntax, strconv rounds it.
func tomlFloat(b []byte) (float64, string) {
	i := 0
	if b[0] == '+' || b[0] == '-' {
		i = 1
	}
	if len(b) == i+3 {
		switch b[i] {
		case 'i':
			if b[0] == '-' {
				return math.Inf(-1), ""
			}
			return math.Inf(1), ""
		case 'n':
			return math.NaN(), ""
		}
	}
	var buf [64]byte
	clean := buf[:0]
	if bytes.IndexByte(b, '_') >= 0 || len(b) > len(buf) {
		for _, c := range b {
			if c != '_' {
				clean = append(clean, c)
			}
		}
	} else {
		clean = b
	}
	f, err := strconv.ParseFloat(string(clean), 64)
	if err != nil {
		// strconv's message quotes the whole number; say only what is wrong.
		var ne *strconv.NumError
		if errors.As(err, &ne) {
			return 0, "unable to parse float: " + ne.Err.Error()
		}
		return 0, "unable to parse float"
	}
	return f, ""
}

// paramDateTime converts an offset date-time token as go-toml's decoder
// does: offset zero is time.UTC, any other a time.FixedZone without a name.
func paramDateTime(b []byte) (time.Time, error) {
	// The local part ends where the offset starts: after the seconds and
	// their fraction, if any.
	end := min(16, len(b))
	if end < len(b) && b[end] == ':' {
		end = min(end+3, len(b))
	}
	if end < len(b) && b[end] == '.' {
		for end++; end < len(b) && b[end] >= '0' && b[end] <= '9'; end++ {
		}
	}
	var dt toml.LocalDateTime
	if err := dt.UnmarshalText(b[:end]); err != nil {
		return time.Time{}, err
	}
	z := b[end:]
	zone := time.UTC
	switch {
	case len(z) == 0:
		return time.Time{}, unstable.NewParserError(z, "date-time is missing timezone")
	case z[0] == 'Z' || z[0] == 'z':
		z = z[1:]
	default:
		if len(z) != 6 {
			return time.Time{}, unstable.NewParserError(z, "invalid date-time timezone")
		}
		sign := 1
		switch z[0] {
		case '-':
			sign = -1
		case '+':
		default:
			return time.Time{}, unstable.NewParserError(z[:1], "invalid timezone offset character")
		}
		if z[3] != ':' {
			return time.Time{}, unstable.NewParserError(z[3:4], "expected a : separator")
		}
		h, bad := twoDigits(z[1:3])
		if bad != nil {
			return time.Time{}, unstable.NewParserError(bad, "expected digit (0-9)")
		}
		if h > 23 {
			return time.Time{}, unstable.NewParserError(z[1:3], "invalid timezone offset hours")
		}
		m, bad := twoDigits(z[4:6])
		if bad != nil {
			return time.Time{}, unstable.NewParserError(bad, "expected digit (0-9)")
		}
		if m > 59 {
			return time.Time{}, unstable.NewParserError(z[4:6], "invalid timezone offset minutes")
		}
		if off := sign * (h*3600 + m*60); off != 0 {
			zone = time.FixedZone("", off)
		}
		z = z[6:]
	}
	if len(z) > 0 {
		return time.Time{}, unstable.NewParserError(z, "extra bytes at the end of the timezone")
	}
	return time.Date(dt.Year, time.Month(dt.Month), dt.Day, dt.Hour, dt.Minute, dt.Second, dt.Nanosecond, zone), nil
}

// twoDigits reads two decimal digits, or returns the first byte that is
// not one.
func twoDigits(b []byte) (int, []byte) {
	for i := range 2 {
		if b[i] < '0' || b[i] > '9' {
			return 0, b[i : i+1]
		}
	}
	return int(b[0]-'0')*10 + int(b[1]-'0'), nil
}
