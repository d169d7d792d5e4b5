package article

import (
	"fmt"
	"strings"
	"time"
	"unsafe"

	"github.com/pelletier/go-toml/v2/unstable"
)

// parseTOMLDateTime converts a TOML date-time token: it allows a space or a
// lower-case t between date and time, a lower-case z, and (TOML 1.1) no
// seconds.
func parseTOMLDateTime(b []byte, kind unstable.Kind, loc *time.Location) (time.Time, error) {
	var buf [64]byte
	if len(b) > len(buf)-3 {
		return time.Time{}, fmt.Errorf("%w: %q", ErrDate, b)
	}
	n := copy(buf[:], b)
	if kind == unstable.LocalDate {
		return parseIn("2006-01-02", buf[:n], loc)
	}
	if n > 10 {
		buf[10] = 'T'
	}
	if c := buf[n-1]; c == 'z' {
		buf[n-1] = 'Z'
	}
	// Insert ":00" when the time has hours and minutes only.
	if n >= 16 && (n == 16 || buf[16] != ':') {
		copy(buf[19:], buf[16:n])
		copy(buf[16:], ":00")
		n += 3
	}
	if kind == unstable.LocalDateTime {
		return parseIn("2006-01-02T15:04:05", buf[:n], loc)
	}
	return parseIn(time.RFC3339, buf[:n], time.UTC)
}

func parseIn(layout string, b []byte, loc *time.Location) (time.Time, error) {
	t, err := time.ParseInLocation(layout, unsafe.String(unsafe.SliceData(b), len(b)), loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: %q is not a valid date", ErrDate, string(b))
	}
	return t, nil
}

// Date layouts accepted in strings, besides RFC 3339. Those with a numeric
// offset keep it; the others are read in the decoder's Location.
var (
	localLayouts = []string{"2006-01-02", "2006-01-02T15:04:05", "2006-01-02 15:04:05"}
	// RFC 1123, 822 and 850 with a numeric offset, with or without the day
	// of the week, the seconds, and a leading zero in the day.
	mailLayouts = []string{
		"Mon, 2 Jan 2006 15:04:05 -0700", "2 Jan 2006 15:04:05 -0700",
		"Mon, 2 Jan 2006 15:04 -0700", "2 Jan 2006 15:04 -0700",
		"Mon, 2 Jan 06 15:04:05 -0700", "2 Jan 06 15:04:05 -0700",
		"Mon, 2 Jan 06 15:04 -0700", "2 Jan 06 15:04 -0700",
		"Monday, 2-Jan-06 15:04:05 -0700",
	}
)

// ParseDate reads a date as the date key accepts it in a string: RFC 3339
// (fractional seconds allowed), "2006-01-02", "2006-01-02T15:04:05",
// "2006-01-02 15:04:05", or RFC 1123, RFC 822 or RFC 850 with a numeric
// offset or one of the zones GMT, UT, UTC and Z. Values without an offset
// are read in loc (UTC if nil); values with one keep it. Other zone
// abbreviations, such as EDT or CST, are ambiguous and rejected with
// ErrDate. An empty string is the zero Time.
func ParseDate(s string, loc *time.Location) (time.Time, error) {
	if loc == nil {
		loc = time.UTC
	}
	return parseDate(s, loc)
}

func parseDate(s string, loc *time.Location) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if len(s) >= 10 && s[4] == '-' && isDigits(s[:4]) {
		if t, err := time.ParseInLocation(time.RFC3339, s, time.UTC); err == nil {
			return t, nil
		}
		for _, l := range localLayouts {
			if t, err := time.ParseInLocation(l, s, loc); err == nil {
				return t, nil
			}
		}
		return time.Time{}, fmt.Errorf("%w: cannot read %q; write RFC 3339, such as 2006-01-02T15:04:05Z", ErrDate, s)
	}
	// Mail and RSS dates: the last field is the zone.
	i := strings.LastIndexByte(s, ' ')
	if i < 0 {
		return time.Time{}, fmt.Errorf("%w: cannot read %q; write RFC 3339, such as 2006-01-02T15:04:05Z", ErrDate, s)
	}
	zone := s[i+1:]
	if len(zone) > 0 && (zone[0] < '0' || zone[0] > '9') && zone[0] != '+' && zone[0] != '-' {
		switch zone {
		case "GMT", "UT", "UTC", "Z":
			s = s[:i+1] + "+0000"
		default:
			return time.Time{}, fmt.Errorf("%w: time zone %q is ambiguous; write a numeric offset such as -0400", ErrDate, zone)
		}
	}
	for _, l := range mailLayouts {
		if t, err := time.ParseInLocation(l, s, time.UTC); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%w: cannot read %q; write RFC 3339, such as 2006-01-02T15:04:05Z", ErrDate, s)
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
