package article

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

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

// The zones of RFC 822, section 5, other than UT, GMT and Z: all of them
// are US zones, and other countries use some of the same letters.
var rfc822Zones = [...]struct {
	abbr  string
	hours int
	name  string
}{
	{"EST", -5, "US Eastern Standard Time"}, {"EDT", -4, "US Eastern Daylight Time"},
	{"CST", -6, "US Central Standard Time"}, {"CDT", -5, "US Central Daylight Time"},
	{"MST", -7, "US Mountain Standard Time"}, {"MDT", -6, "US Mountain Daylight Time"},
	{"PST", -8, "US Pacific Standard Time"}, {"PDT", -7, "US Pacific Daylight Time"},
}

// RFC822Zones returns a new table of the eight zone abbreviations RFC 822
// defines besides UT, GMT and Z, each a fixed offset of a US zone: EST
// -05:00, EDT -04:00, CST -06:00, CDT -05:00, MST -07:00, MDT -06:00, PST
// -08:00 and PDT -07:00. Set it as [Decoder.Zones] when your feeds are known
// to mean these zones by those letters ("CST" is also China Standard Time,
// +08:00, and Cuba Standard Time, -05:00). Each call returns a new map,
// which the caller may change.
func RFC822Zones() map[string]*time.Location {
	m := make(map[string]*time.Location, len(rfc822Zones))
	for _, z := range rfc822Zones {
		m[z.abbr] = time.FixedZone(z.abbr, z.hours*3600)
	}
	return m
}

// ParseDate reads s as the date key of the front matter reads a string,
// with dates without an offset read in loc (UTC if nil). It is
// Decoder{Location: loc}.ParseDate(s); see [Decoder.ParseDate] for the
// forms accepted.
func ParseDate(s string, loc *time.Location) (time.Time, error) {
	return Decoder{Location: loc}.ParseDate(s)
}

// ParseDate reads s as the date key of the front matter reads a string: in
// every layout of the list Hugo reads dates with (spf13/cast's) that names
// a full calendar date, with fractional seconds after the seconds where the
// layout has seconds.
//
// ISO 8601 and RFC 3339 forms, a date and an optional time, the time after
// T, t or a space, the offset optionally after a space:
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
// A fraction of a second may have any number of digits; those past the
// ninth are dropped. Second 60, a leap second, is refused (time.Time has
// none), as is a date whose offset Encode could not write: the same rules
// hold for TOML date-times in the front matter and for Encode, so that what
// one writes the other reads back equal.
//
// An empty string is the zero Time, and so is "0001-01-01T00:00:00Z";
// Encode writes the zero Time as date = "". Errors wrap ErrDate and quote
// at most the first 40 bytes of s.
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

// zoneError means a date that otherwise parses names an abbreviation that
// is neither built in nor in the table.
type zoneError struct {
	abbr     string
	hasTable bool
}

func (e *zoneError) Error() string {
	table := "or read it with Decoder.Zones (RFC822Zones has the US zones)"
	if e.hasTable {
		table = "or add it to Decoder.Zones"
	}
	for _, z := range rfc822Zones {
		if z.abbr == e.abbr {
			if e.hasTable {
				table = "or add it to Decoder.Zones (RFC822Zones has it)"
			} else {
				table = "or set Decoder.Zones to RFC822Zones()"
			}
			return fmt.Sprintf("time zone %q is ambiguous; if it means %s, write %s, %s",
				e.abbr, z.name, strings.ReplaceAll(formatOffset(z.hours*3600), ":", ""), table)
		}
	}
	return fmt.Sprintf("time zone %s is ambiguous; write the offset it means as +hhmm or -hhmm, %s",
		quoteValue(e.abbr), table)
}

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

// maxQuoted is the most bytes of a value an error message quotes.
const maxQuoted = 40

// quoteValue quotes s for an error message, cut after maxQuoted bytes.
func quoteValue(s string) string {
	if len(s) <= maxQuoted {
		return strconv.Quote(s)
	}
	cut := maxQuoted
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strconv.Quote(s[:cut]) + "… (" + strconv.Itoa(len(s)) + " bytes)"
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
		return time.Time{}, fmt.Errorf("the offset of %s at that time, %s, is not whole minutes from -23:59 to +23:59",
			loc, formatOffset(off))
	}
	return t, nil
}

// fixedZone returns the zone of an offset, UTC for zero as go-toml does.
func fixedZone(off int) *time.Location {
	if off == 0 {
		return time.UTC
	}
	return time.FixedZone("", off)
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
func scanISO(s string) (f dateFields, rest string, err error) {
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
	f.hour, ok1 = num2(s, 11)
	f.min, ok2 = num2(s, 14)
	if !ok1 || !ok2 || s[13] != ':' {
		return f, "", errNotDate
	}
	i := 16
	if i < len(s) && s[i] == ':' {
		if f.sec, ok3 = num2(s, i+1); !ok3 {
			return f, "", errNotDate
		}
		i += 3
		if i < len(s) && s[i] == '.' {
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
	f, rest, err := scanISO(s)
	if err != nil {
		return time.Time{}, err
	}
	if !f.hasTime && rest == "" {
		return f.in(d.location())
	}
	if len(rest) > maxZoneText {
		return time.Time{}, errNotDate
	}
	var zone []string
	switch {
	case rest == "":
	case rest[0] == ' ':
		zone = strings.Fields(rest)
		if len(zone) == 0 || strings.ContainsAny(rest, "\t\n\v\f\r") {
			return time.Time{}, errNotDate
		}
	default:
		// An offset written right after the time, then perhaps an
		// abbreviation after a space.
		first, second, spaced := strings.Cut(rest, " ")
		if !isNumericZone(first) {
			return time.Time{}, errNotDate
		}
		zone = []string{first}
		if spaced {
			if second == "" || strings.Contains(second, " ") {
				return time.Time{}, errNotDate
			}
			zone = append(zone, second)
		}
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

// isNumericZone reports whether z is Z, z, ±hh:mm or ±hhmm.
func isNumericZone(z string) bool {
	switch {
	case z == "Z" || z == "z":
		return true
	case len(z) == 5:
		return (z[0] == '+' || z[0] == '-') && isDigit(z[1]) && isDigit(z[2]) && isDigit(z[3]) && isDigit(z[4])
	case len(z) == 6:
		return (z[0] == '+' || z[0] == '-') && isDigit(z[1]) && isDigit(z[2]) && z[3] == ':' && isDigit(z[4]) && isDigit(z[5])
	}
	return false
}

// numericZone converts a zone isNumericZone accepts.
func numericZone(z string) (*time.Location, error) {
	if z == "Z" || z == "z" {
		return time.UTC, nil
	}
	h, _ := num2(z, 1)
	m, _ := num2(z, len(z)-2)
	if h > 23 || m > 59 {
		return nil, fmt.Errorf("offset %s is out of range; offsets run from -23:59 to +23:59", z)
	}
	off := (h*60 + m) * 60
	if z[0] == '-' {
		off = -off
	}
	return fixedZone(off), nil
}

// isAbbreviation reports whether z looks like a zone abbreviation: one to
// ten ASCII letters.
func isAbbreviation(z string) bool {
	if len(z) == 0 || len(z) > 10 {
		return false
	}
	for i := 0; i < len(z); i++ {
		if c := z[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// isZoneName reports whether z may stand beside a numeric offset as its
// name: an abbreviation, or a numeric name such as time.Time's String
// writes for zones without one ("+03", "+0530").
func isZoneName(z string) bool {
	if isAbbreviation(z) {
		return true
	}
	if len(z) < 3 || len(z) > 5 || z[0] != '+' && z[0] != '-' {
		return false
	}
	for i := 1; i < len(z); i++ {
		if !isDigit(z[i]) {
			return false
		}
	}
	return true
}

// zone interprets the zone fields after the time: none (d.Location), a
// numeric offset perhaps followed by a name, or an abbreviation alone.
func (d Decoder) zone(fields []string) (*time.Location, error) {
	switch len(fields) {
	case 0:
		return d.location(), nil
	case 1:
		z := fields[0]
		if isNumericZone(z) {
			return numericZone(z)
		}
		switch z {
		case "GMT", "UT", "UTC":
			return time.UTC, nil
		}
		if loc, ok := d.Zones[z]; ok {
			if loc == nil {
				return time.UTC, nil
			}
			return loc, nil
		}
		if isAbbreviation(z) {
			return nil, &zoneError{abbr: z, hasTable: d.Zones != nil}
		}
	case 2:
		if isNumericZone(fields[0]) && isZoneName(fields[1]) {
			return numericZone(fields[0])
		}
	}
	return nil, errNotDate
}

// Mail and Unix layouts, without their zone, which parseMail takes apart,
// and without fractions, which it reads itself.
var mailLayouts = [...]string{
	"Mon, 2 Jan 2006 15:04:05", "2 Jan 2006 15:04:05",
	"Mon, 2 Jan 2006 15:04", "2 Jan 2006 15:04",
	"Mon, 2 Jan 06 15:04:05", "2 Jan 06 15:04:05",
	"Mon, 2 Jan 06 15:04", "2 Jan 06 15:04",
	"Monday, 2-Jan-06 15:04:05",
	"Mon Jan 2 15:04:05 2006", // ANSIC; UnixDate and RubyDate with their zone taken out
}

// maxMailDate bounds the length of a mail date, without its fraction; the
// longest real one, RFC 850 on a Wednesday with two zones, is 45 bytes.
const maxMailDate = 80

// parseMail reads the mail and Unix forms. The zone is taken apart before
// time.Parse sees the rest, so that only a value that is otherwise a date
// is ever blamed on its zone.
func (d Decoder) parseMail(s string) (time.Time, error) {
	// The fraction, after HH:MM:SS, may be of any length: read it here.
	var f dateFields
	if i := strings.IndexByte(s, '.'); i >= 6 && i <= maxMailDate && s[i-3] == ':' && s[i-6] == ':' {
		var n int
		if f.nsec, n = scanFraction(s[i+1:]); n == 0 || len(s)-n-1 > maxMailDate {
			return time.Time{}, errNotDate
		}
		s = s[:i] + s[i+1+n:]
	}
	if len(s) > maxMailDate || strings.ContainsAny(s, "\t\n\v\f\r") {
		return time.Time{}, errNotDate
	}
	fields := strings.Fields(s)
	ti := -1 // the field of the time of day
	for i, fl := range fields {
		if strings.IndexByte(fl, ':') > 0 && isDigit(fl[0]) {
			ti = i
			break
		}
	}
	if ti < 0 {
		// Only "02 Jan 2006" has no time.
		t, err := time.Parse("2 Jan 2006", s)
		if err != nil || f.nsec != 0 {
			return time.Time{}, errNotDate
		}
		f.year, f.month, f.day = t.Year(), int(t.Month()), t.Day()
		return f.in(d.location())
	}
	leap := false
	if tf := fields[ti]; strings.Count(tf, ":") == 2 && strings.HasSuffix(tf, ":60") {
		leap = true
		fields[ti] = tf[:len(tf)-2] + "59"
	}
	core, zone := fields[:ti+1], fields[ti+1:]
	if n := len(zone); n > 0 && len(zone[n-1]) == 4 && isDigit(zone[n-1][0]) {
		// The year after the time (ANSIC, UnixDate, RubyDate): the zone
		// is between them.
		core = append(core[:ti+1:ti+1], zone[n-1])
		zone = zone[:n-1]
	}
	joined := strings.Join(core, " ")
	var t time.Time
	err := errNotDate
	for _, layout := range mailLayouts {
		if t, err = time.Parse(layout, joined); err == nil {
			break
		}
	}
	if err != nil {
		return time.Time{}, errNotDate
	}
	loc, err := d.zone(zone)
	if err != nil {
		return time.Time{}, err
	}
	f.year, f.month, f.day = t.Year(), int(t.Month()), t.Day()
	f.hour, f.min, f.sec = t.Hour(), t.Minute(), t.Second()
	if leap {
		f.sec = 60
	}
	return f.in(loc)
}

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
	f, rest, err := scanISO(s)
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
