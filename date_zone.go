package article

import (
	"fmt"
	"strings"
	"time"
)

// Time zones of date strings: numeric offsets, abbreviations and the
// tables that give abbreviations a meaning.

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

// fixedZone returns the zone of an offset, UTC for zero as go-toml does.
func fixedZone(off int) *time.Location {
	if off == 0 {
		return time.UTC
	}
	return time.FixedZone("", off)
}

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
