package article

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/pelletier/go-toml/v2/unstable"
)

// One rule for every date, in both directions (Parse and Encode):
//
//   - The year has four digits, 0000 to 9999.
//   - An offset is whole minutes from -23:59 to +23:59 (RFC 3339's
//     time-numoffset, and what go-toml accepts in any other key).
//   - Second 60 (a leap second) is refused: time.Time has none, and go-toml
//     refuses it too.
//   - A fraction of a second may have any number of digits; digits past the
//     ninth are dropped (truncated, not rounded), as TOML says.
//
// checkEncodableDate applies the first two to what Encode writes, and Parse
// applies them to what it reads, so that each accepts what the other writes.

// maxOffset is the largest offset a date may carry, in seconds (23:59).
const maxOffset = 24*3600 - 60

// validOffset reports whether off, in seconds east of UTC, follows the rule.
func validOffset(off int) bool {
	return off%60 == 0 && off >= -maxOffset && off <= maxOffset
}

// formatOffset writes off as ±hh:mm, or ±hh:mm:ss when it has seconds.
func formatOffset(off int) string {
	sign := byte('+')
	if off < 0 {
		sign, off = '-', -off
	}
	b := []byte{sign}
	b = append2(b, off/3600)
	b = append(b, ':')
	b = append2(b, off/60%60)
	if off%60 != 0 {
		b = append(b, ':')
		b = append2(b, off%60)
	}
	return string(b)
}

func append2(b []byte, n int) []byte {
	if n < 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, int64(n), 10)
}

// ParseDate reads a date string the way the date key of the front matter
// does, with dates without an offset read in loc (UTC if nil). It is
// Decoder{Location: loc}.ParseDate(s); see [Decoder.ParseDate] for the
// forms accepted.
func ParseDate(s string, loc *time.Location) (time.Time, error) {
	return Decoder{Location: loc}.ParseDate(s)
}

// ParseDate reads a date string the way the date key of the front matter
// does with d's options: in every layout of the list Hugo reads dates with (spf13/cast's) that names
// a full calendar date, with fractional seconds after the seconds where the
// layout has seconds.
//
// ISO 8601 and RFC 3339 forms, a date and an optional time, the time after
// T, t or one or more spaces (the hour may have one digit, as time.Parse
// reads it), the offset optionally after a space:
//
//	2006-01-02
//	2006-01-02T15:04:05Z07:00                (RFC 3339; also 2006-01-02T15:04:05.5Z)
//	2006-01-02T15:04:05                      (no offset)
//	2006-01-02T15:04:05-0700                 (offset without colon)
//	2006-01-02 15:04:05                      (and 15:04, without seconds, as TOML 1.1)
//	2006-01-02 15:04:05Z07:00, 2006-01-02 15:04:05Z0700
//	2006-01-02 15:04:05 -07:00, 2006-01-02 15:04:05 -0700
//	2006-01-02 15:04:05.999999999 -0700 MST  (time.Time's String)
//	2006-01-02 15:04:05 MST                  (zone abbreviation alone, see below)
//
// Mail and Unix forms, with month and weekday names in any case, the day
// with or without a leading zero, and the weekday unchecked:
//
//	Mon, 02 Jan 2006 15:04:05 -0700          (RFC 1123Z; also without the weekday)
//	Mon, 02 Jan 2006 15:04:05 MST            (RFC 1123)
//	02 Jan 06 15:04 -0700, 02 Jan 06 15:04 MST  (RFC 822Z and RFC 822)
//	Monday, 02-Jan-06 15:04:05 MST           (RFC 850)
//	Mon Jan _2 15:04:05 2006                 (ANSIC)
//	Mon Jan _2 15:04:05 MST 2006             (UnixDate)
//	Mon Jan 02 15:04:05 -0700 2006           (RubyDate)
//	02 Jan 2006
//
// Two-digit years are 1969 to 2068. The time of day forms of that list
// (Kitchen, Stamp), which have no year, are not accepted.
//
// Zones: a numeric offset, ±hh:mm or ±hhmm from -23:59 to +23:59, is kept
// (as UTC when it is zero, so -00:00 reads as Z and Encode writes it back
// as Z), and wins over an abbreviation written beside it. GMT, UT, UTC and
// Z mean UTC. Any other abbreviation is looked up in d.Zones and otherwise
// refused: "CST" may be US Central, China or Cuba Standard Time. A date
// without a zone is read in d.Location.
//
// A fraction of a second may have any number of digits, after a period
// or a comma (as time.Parse reads it); those past the ninth are dropped.
// Second 60, a leap second, is refused (time.Time has none), as is a date
// whose offset Encode could not write: the same rules hold for TOML
// date-times in the front matter and for Encode, so that what one writes
// the other reads back equal.
//
// An empty string is the zero Time, and "0001-01-01T00:00:00Z" (or any
// date at that instant, such as "0001-01-01T01:00:00+01:00") is a Time
// whose IsZero is true; Encode writes any of them as date = "". Errors
// wrap ErrDate and quote at most the first 40 bytes of s.
func (d Decoder) ParseDate(s string) (time.Time, error) {
	return d.parseDate(s)
}

func (d Decoder) parseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	var t time.Time
	var err error
	if isISODate(s) {
		t, err = d.parseISO(s)
	} else {
		t, err = d.parseMail(s)
	}
	if err != nil {
		return time.Time{}, dateError(s, err)
	}
	return t, nil
}

// errNotDate means the value has none of the accepted shapes.
var errNotDate = errors.New("not a date")

const acceptedForms = "accepted forms are RFC 3339 (2006-01-02T15:04:05Z), 2006-01-02, " +
	"2006-01-02 15:04:05 with an optional offset, and RFC 1123, RFC 822, RFC 850, " +
	"ANSIC, UnixDate and RubyDate dates"

// dateError wraps an error of the parsers with ErrDate and the value.
func dateError(s string, err error) error {
	var ze *zoneError
	switch {
	case errors.Is(err, errNotDate):
		return fmt.Errorf("%w: cannot read %s: %s", ErrDate, quoteValue(s), acceptedForms)
	case errors.As(err, &ze):
		return fmt.Errorf("%w: %v", ErrDate, err)
	}
	return fmt.Errorf("%w: %s: %v", ErrDate, quoteValue(s), err)
}

// quoteValue quotes s for an error message, cut after maxQuoted bytes.
func quoteValue(s string) string {
	p, cut := quotePrefix(s)
	if !cut {
		return strconv.Quote(s)
	}
	return strconv.Quote(p) + "… (" + strconv.Itoa(len(s)) + " bytes)"
}

// dateFields are the parts of a date as written. sec may be 60.
type dateFields struct {
	year, month, day, hour, min, sec, nsec int
	hasTime                                bool
}

// in builds the time in loc, refusing a leap second and an offset Encode
// could not write (possible only with a Location or a table entry).
func (f dateFields) in(loc *time.Location) (time.Time, error) {
	if f.sec == 60 {
		return time.Time{}, errors.New("second 60 is a leap second, which time.Time cannot represent")
	}
	t := time.Date(f.year, time.Month(f.month), f.day, f.hour, f.min, f.sec, f.nsec, loc)
	if _, off := t.Zone(); !validOffset(off) {
		return time.Time{}, fmt.Errorf("the offset of zone %q at that time, %s, is not whole minutes from -23:59 to +23:59",
			loc, formatOffset(off))
	}
	return t, nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// num2 reads two digits at s[i:].
func num2(s string, i int) (int, bool) {
	if i+2 > len(s) || !isDigit(s[i]) || !isDigit(s[i+1]) {
		return 0, false
	}
	return int(s[i]-'0')*10 + int(s[i+1]-'0'), true
}

// isISODate reports whether s starts as YYYY-.
func isISODate(s string) bool {
	return len(s) >= 5 && isDigit(s[0]) && isDigit(s[1]) && isDigit(s[2]) && isDigit(s[3]) && s[4] == '-'
}

// scanISO reads YYYY-MM-DD at the start of s, optionally followed by T, t
// or a space and HH:MM[:SS[.fraction]], and returns the fields and the rest
// of s. The fraction has any number of digits, truncated to nanoseconds.
// With str, s is a string date, read as time.Parse, and so Hugo, reads
// one: the hour may have one digit (H:MM), a run of spaces may stand for
// the space before the time, and a comma may start the fraction. A TOML
// date-time needs two digits, a single T, t or space, and a period.
func scanISO(s string, str bool) (f dateFields, rest string, err error) {
	var ok1, ok2, ok3 bool
	if len(s) < 10 || !isISODate(s) || s[7] != '-' {
		return f, "", errNotDate
	}
	f.year = int(s[0]-'0')*1000 + int(s[1]-'0')*100 + int(s[2]-'0')*10 + int(s[3]-'0')
	f.month, ok1 = num2(s, 5)
	f.day, ok2 = num2(s, 8)
	if !ok1 || !ok2 {
		return f, "", errNotDate
	}
	if f.month < 1 || f.month > 12 {
		return f, "", fmt.Errorf("month %02d is out of range", f.month)
	}
	if n := daysIn(f.month, f.year); f.day < 1 || f.day > n {
		return f, "", fmt.Errorf("day %02d is out of range for %s %04d", f.day, time.Month(f.month), f.year)
	}
	if len(s) == 10 {
		return f, "", nil
	}
	if c := s[10]; c != 'T' && c != 't' && c != ' ' {
		return f, "", errNotDate
	}
	f.hasTime = true
	i := 11
	for str && s[10] == ' ' && i < len(s) && s[i] == ' ' {
		i++
	}
	if str && len(s) > i+1 && isDigit(s[i]) && s[i+1] == ':' {
		f.hour, ok1 = int(s[i]-'0'), true
		i++
	} else {
		f.hour, ok1 = num2(s, i)
		i += 2
	}
	f.min, ok2 = num2(s, i+1)
	if !ok1 || !ok2 || s[i] != ':' {
		return f, "", errNotDate
	}
	i += 3
	if i < len(s) && s[i] == ':' {
		if f.sec, ok3 = num2(s, i+1); !ok3 {
			return f, "", errNotDate
		}
		i += 3
		if i < len(s) && (s[i] == '.' || str && s[i] == ',') {
			var n int
			if f.nsec, n = scanFraction(s[i+1:]); n == 0 {
				return f, "", errNotDate
			}
			i += 1 + n
		}
	}
	switch {
	case f.hour > 23:
		return f, "", fmt.Errorf("hour %02d is out of range", f.hour)
	case f.min > 59:
		return f, "", fmt.Errorf("minute %02d is out of range", f.min)
	case f.sec > 60:
		return f, "", fmt.Errorf("second %02d is out of range", f.sec)
	}
	return f, s[i:], nil
}

// scanFraction reads the digits at the start of s as a fraction of a
// second, keeping the first nine, and returns it with the count of digits.
func scanFraction(s string) (nsec, n int) {
	scale := 100_000_000
	for n < len(s) && isDigit(s[n]) {
		nsec += int(s[n]-'0') * scale
		scale /= 10
		n++
	}
	return nsec, n
}

func daysIn(month, year int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// parseISO reads the ISO 8601 forms of a string date.
func (d Decoder) parseISO(s string) (time.Time, error) {
	f, rest, err := scanISO(s, true)
	if err != nil {
		return time.Time{}, err
	}
	if !f.hasTime && rest == "" {
		return f.in(d.location())
	}
	if len(rest) > maxZoneText {
		return time.Time{}, errNotDate
	}
	// The zone fields: an offset, an offset and its name, or a name. Only
	// an offset may follow the time without a space.
	var buf [maxDateFields]string
	var ends [maxDateFields]int
	zone, ok := splitFields(rest, &buf, &ends)
	if !ok || rest != "" && len(zone) == 0 || rest != "" && rest[0] != ' ' && !isNumericZone(zone[0]) {
		return time.Time{}, errNotDate
	}
	loc, err := d.zone(zone)
	if err != nil {
		return time.Time{}, err
	}
	return f.in(loc)
}

// maxZoneText bounds what may follow the time in an ISO date: an offset
// and a name, " -07:00 ABCDEFGHIJ" at the longest.
const maxZoneText = 32

// parseTOMLDateTime converts a TOML date-time token of the given kind, as
// go-toml's decoder does for any other key: YYYY-MM-DD, then T, t or a
// space and HH:MM[:SS[.fraction]], then for an offset date-time Z, z or
// ±hh:mm. Local values are read in loc. It follows the same rules as
// ParseDate (offsets to ±23:59, no leap second, fractions truncated).
func parseTOMLDateTime(s string, kind unstable.Kind, loc *time.Location) (time.Time, error) {
	t, err := tomlDateTime(s, kind, loc)
	if errors.Is(err, errNotDate) {
		return time.Time{}, fmt.Errorf("%w: cannot read %s as a TOML date: write 2006-01-02, "+
			"2006-01-02T15:04:05 or 2006-01-02T15:04:05Z07:00", ErrDate, quoteValue(s))
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: %s: %v", ErrDate, quoteValue(s), err)
	}
	return t, nil
}

func tomlDateTime(s string, kind unstable.Kind, loc *time.Location) (time.Time, error) {
	f, rest, err := scanISO(s, false)
	if err != nil {
		return time.Time{}, err
	}
	switch {
	case kind == unstable.LocalDate && !f.hasTime && rest == "",
		kind == unstable.LocalDateTime && f.hasTime && rest == "":
		return f.in(loc)
	case kind == unstable.DateTime && f.hasTime && (rest == "Z" || rest == "z" || len(rest) == 6 && isNumericZone(rest)):
		zone, err := numericZone(rest)
		if err != nil {
			return time.Time{}, err
		}
		return f.in(zone)
	}
	return time.Time{}, errNotDate
}
