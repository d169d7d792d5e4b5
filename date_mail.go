package article

import (
	"strings"
	"time"
)

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

// maxDateFields bounds the fields of a date, counted at spaces: no form
// has more than 7 ("Thu, 24 Jul 2025 10:10:31.75 -0400 EDT").
const maxDateFields = 10

// splitFields splits s at runs of spaces into buf, recording where each
// field ends in ends. It fails on other white space, which no form has,
// and on more than maxDateFields fields.
func splitFields(s string, buf *[maxDateFields]string, ends *[maxDateFields]int) ([]string, bool) {
	n := 0
	for i := 0; i < len(s); {
		if s[i] == ' ' {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] != ' ' {
			if c := s[j]; c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' {
				return nil, false
			}
			j++
		}
		if n == maxDateFields {
			return nil, false
		}
		buf[n], ends[n] = s[i:j], j
		n++
		i = j
	}
	return buf[:n], true
}

// maxMailDate bounds the length of a mail date, without its fraction; the
// longest real one, RFC 850 on a Wednesday with two zones, is 45 bytes.
const maxMailDate = 80

// parseMail reads the mail and Unix forms. The zone is taken apart before
// time.Parse sees the rest, so that only a value that is otherwise a date
// is ever blamed on its zone.
func (d Decoder) parseMail(s string) (time.Time, error) {
	// The fraction, after HH:MM:SS and a period or a comma, may be of any
	// length: read it here.
	var f dateFields
	if i := fractionStart(s); i >= 0 {
		var n int
		if f.nsec, n = scanFraction(s[i+1:]); n == 0 || len(s)-n-1 > maxMailDate {
			return time.Time{}, errNotDate
		}
		s = s[:i] + s[i+1+n:]
	}
	if len(s) > maxMailDate {
		return time.Time{}, errNotDate
	}
	var buf [maxDateFields]string
	var ends [maxDateFields]int
	fields, ok := splitFields(s, &buf, &ends)
	if !ok {
		return time.Time{}, errNotDate
	}
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
	// core is what time.Parse reads: s up to the end of the time, which
	// needs no copy in the common forms.
	core := s[:ends[ti]]
	leap := false
	if tf := fields[ti]; strings.Count(tf, ":") == 2 && strings.HasSuffix(tf, ":60") {
		leap = true
		core = core[:len(core)-2] + "59"
	}
	zone := fields[ti+1:]
	if n := len(zone); n > 0 && len(zone[n-1]) == 4 && isDigit(zone[n-1][0]) {
		// The year after the time (ANSIC, UnixDate, RubyDate): the zone
		// is between them.
		core += " " + zone[n-1]
		zone = zone[:n-1]
	}
	var t time.Time
	err := errNotDate
	for _, layout := range mailLayouts {
		if t, err = time.Parse(layout, core); err == nil {
			break
		}
	}
	if err != nil || t.Nanosecond() != 0 {
		// A fraction time.Parse found is one fractionStart did not: not
		// a form of the list.
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

// fractionStart returns the offset of the period or comma that starts a
// fraction of a second in a mail date s, right after HH:MM:SS, or -1.
func fractionStart(s string) int {
	for i := 6; i < len(s) && i <= maxMailDate; i++ {
		if (s[i] == '.' || s[i] == ',') && s[i-3] == ':' && s[i-6] == ':' {
			return i
		}
	}
	return -1
}
