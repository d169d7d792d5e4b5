package article

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pelletier/go-toml/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// castLayouts is spf13/cast's list of date layouts (v1.10.0), the one Hugo
// reads front matter dates with, without the forms that have no year
// (Kitchen and the Stamps).
var castLayouts = []string{
	"2006-01-02",
	time.RFC3339,
	"2006-01-02T15:04:05",
	time.RFC1123Z,
	time.RFC1123,
	time.RFC822Z,
	time.RFC822,
	time.RFC850,
	"2006-01-02 15:04:05.999999999 -0700 MST",
	"2006-01-02T15:04:05-0700",
	"2006-01-02 15:04:05Z0700",
	"2006-01-02 15:04:05",
	time.ANSIC,
	time.UnixDate,
	time.RubyDate,
	"2006-01-02 15:04:05Z07:00",
	"02 Jan 2006",
	"2006-01-02 15:04:05 -07:00",
	"2006-01-02 15:04:05 -0700",
}

// TestParseDateCastLayouts writes reference times in every layout of cast's
// list, in several zones and with and without fractional seconds, and
// checks ParseDate against Go's own reading of the same text: the same wall
// clock, and the offset our zone rules give.
func TestParseDateCastLayouts(t *testing.T) {
	loc := time.FixedZone("", 5*3600+1800) // for dates without a zone
	zones := []*time.Location{
		time.UTC,
		time.FixedZone("", -7*3600),    // unnamed: MST writes -0700
		time.FixedZone("EDT", -4*3600), // an RFC 822 abbreviation
		time.FixedZone("CEST", 2*3600), // an abbreviation no table has
		time.FixedZone("IST", 5*3600+30*60),
	}
	count := 0
	for _, layout := range castLayouts {
		numeric := strings.Contains(layout, "-07") || strings.Contains(layout, "Z07")
		abbr := strings.Contains(layout, "MST")
		variants := []string{layout}
		if strings.Contains(layout, ":05") && !strings.Contains(layout, ".999") {
			variants = append(variants, strings.Replace(layout, ":05", ":05.999999999", 1))
		}
		for _, l := range variants {
			for _, zone := range zones {
				for _, ns := range []int{0, 5e8, 123456789} {
					ref := time.Date(2025, 7, 4, 9, 5, 7, ns, zone)
					s := ref.Format(l)
					t.Run(s, func(t *testing.T) {
						count++
						// Go's reading of the text gives the wall clock. (A
						// zone without a name writes -0700 for MST.)
						name := zone.String()
						oracle := layout
						if name == "" {
							oracle = strings.Replace(layout, "MST", "-0700", 1)
						}
						wall, err := time.ParseInLocation(oracle, s, loc)
						require.NoError(t, err)
						_, refOff := ref.Zone()
						var wantOff int
						switch {
						case numeric:
							wantOff = refOff
						case abbr && name == "UTC":
							wantOff = 0
						case abbr && name == "EDT":
							_, err := ParseDate(s, loc)
							require.ErrorIs(t, err, ErrDate)
							assert.EqualError(t, err, `invalid date: time zone "EDT" is ambiguous; `+
								`if it means US Eastern Daylight Time, write -0400, or set Decoder.Zones to RFC822Zones()`)
							wantOff = -4 * 3600
						case abbr && name != "":
							_, err := Decoder{Zones: RFC822Zones()}.ParseDate(s)
							require.ErrorIs(t, err, ErrDate)
							assert.Contains(t, err.Error(), "time zone \""+name+"\" is ambiguous")
							assert.Contains(t, err.Error(), "add it to Decoder.Zones")
							assert.NotContains(t, err.Error(), "-04")
							return
						case abbr:
							wantOff = refOff // an unnamed zone writes -0700 for MST
						default:
							_, wantOff = wall.Zone()
						}
						got, err := Decoder{Location: loc, Zones: RFC822Zones()}.ParseDate(s)
						require.NoError(t, err)
						_, off := got.Zone()
						assert.Equal(t, wantOff, off, "offset")
						assert.Equal(t, wall.Format("2006-01-02 15:04:05.999999999"),
							got.Format("2006-01-02 15:04:05.999999999"), "wall clock")
						if numeric || abbr {
							want := time.Date(wall.Year(), wall.Month(), wall.Day(), wall.Hour(), wall.Minute(),
								wall.Second(), wall.Nanosecond(), ref.Location())
							assert.True(t, got.Equal(want), "instant: want %v, got %v", want, got)
						}
					})
				}
			}
		}
	}
	t.Logf("%d cases", count)
}

// TestParseDateForms pins each accepted form to its value.
func TestParseDateForms(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	utc := func(y int, mo time.Month, d, h, mi, s, ns int) time.Time {
		return time.Date(y, mo, d, h, mi, s, ns, time.UTC)
	}
	tests := []struct {
		in     string
		d      Decoder
		want   time.Time
		offset int // seconds east of UTC
	}{
		// From the issue: what real files carry.
		{"2017-07-08 16:52:23-07:00", Decoder{}, utc(2017, 7, 8, 23, 52, 23, 0), -7 * 3600},
		{"2017-09-25 22:55:55 +0100", Decoder{}, utc(2017, 9, 25, 21, 55, 55, 0), 3600},
		{"2017-09-25T22:55:55-0700", Decoder{}, utc(2017, 9, 26, 5, 55, 55, 0), -7 * 3600},
		{"02 Jan 2006", Decoder{}, utc(2006, 1, 2, 0, 0, 0, 0), 0},
		{"2 jan 2006", Decoder{Location: ny}, utc(2006, 1, 2, 5, 0, 0, 0), -5 * 3600},
		{"2006-01-02 15:04:05.999999999 -0700 MST", Decoder{}, utc(2006, 1, 2, 22, 4, 5, 999999999), -7 * 3600},
		{"2025-07-24 10:10:31.5 +0300 +03", Decoder{}, utc(2025, 7, 24, 7, 10, 31, 5e8), 3 * 3600},
		{"2025-07-24 10:10:31 +0000 UTC", Decoder{}, utc(2025, 7, 24, 10, 10, 31, 0), 0},
		{"Mon Jan  2 15:04:05 2006", Decoder{}, utc(2006, 1, 2, 15, 4, 5, 0), 0},
		{"Mon Jan 12 15:04:05.25 2006", Decoder{Location: ny}, utc(2006, 1, 12, 20, 4, 5, 25e7), -5 * 3600},
		{"Mon Jan  2 15:04:05 UTC 2006", Decoder{}, utc(2006, 1, 2, 15, 4, 5, 0), 0},
		{"Mon Jan  2 15:04:05 MST 2006", Decoder{Zones: RFC822Zones()}, utc(2006, 1, 2, 22, 4, 5, 0), -7 * 3600},
		{"Mon Jan 02 15:04:05 -0700 2006", Decoder{}, utc(2006, 1, 2, 22, 4, 5, 0), -7 * 3600},
		{"Mon Jan 02 15:04:05.123 -0700 2006", Decoder{}, utc(2006, 1, 2, 22, 4, 5, 123e6), -7 * 3600},
		// RFC 3339 and its relatives.
		{"2025-07-24T14:10:31Z", Decoder{}, utc(2025, 7, 24, 14, 10, 31, 0), 0},
		{"2025-07-24t14:10:31.000000001z", Decoder{}, utc(2025, 7, 24, 14, 10, 31, 1), 0},
		{"2025-07-24T14:10Z", Decoder{}, utc(2025, 7, 24, 14, 10, 0, 0), 0},
		{"2025-07-24 14:10", Decoder{}, utc(2025, 7, 24, 14, 10, 0, 0), 0},
		{"2025-07-24T16:10:31+02:00", Decoder{}, utc(2025, 7, 24, 14, 10, 31, 0), 2 * 3600},
		{"2025-07-24T14:10:31-00:00", Decoder{}, utc(2025, 7, 24, 14, 10, 31, 0), 0},
		{"2025-07-24T14:10:31+23:59", Decoder{}, utc(2025, 7, 23, 14, 11, 31, 0), 23*3600 + 59*60},
		{"2025-07-24T14:10:31-23:59", Decoder{}, utc(2025, 7, 25, 14, 9, 31, 0), -23*3600 - 59*60},
		{"2025-07-24 14:10:31 Z", Decoder{}, utc(2025, 7, 24, 14, 10, 31, 0), 0},
		{"2025-07-24 14:10:31 GMT", Decoder{Location: ny}, utc(2025, 7, 24, 14, 10, 31, 0), 0},
		{"2025-07-24 14:10:31 EDT", Decoder{Zones: RFC822Zones()}, utc(2025, 7, 24, 18, 10, 31, 0), -4 * 3600},
		{"2025-07-24 14:10:31Z UTC", Decoder{}, utc(2025, 7, 24, 14, 10, 31, 0), 0},
		{"2025-07-24T14:10:31-0400  EDT  ", Decoder{}, utc(2025, 7, 24, 18, 10, 31, 0), -4 * 3600},
		{"2025-07-24 14:10:31", Decoder{Location: ny}, utc(2025, 7, 24, 18, 10, 31, 0), -4 * 3600},
		{"0000-01-01", Decoder{}, utc(0, 1, 1, 0, 0, 0, 0), 0},
		{"9999-12-31T23:59:59.999999999Z", Decoder{}, utc(9999, 12, 31, 23, 59, 59, 999999999), 0},
		{"2024-02-29", Decoder{}, utc(2024, 2, 29, 0, 0, 0, 0), 0},
		{"2025-07-24T14:10:31." + strings.Repeat("9", 45) + "Z", Decoder{}, utc(2025, 7, 24, 14, 10, 31, 999999999), 0},
		// Mail forms: day with or without a zero, weekday optional and
		// unchecked, seconds optional, two-digit years.
		{"Thu, 24 Jul 2025 10:10:31 -0400", Decoder{}, utc(2025, 7, 24, 14, 10, 31, 0), -4 * 3600},
		{"Thu, 24 Jul 2025 10:10:31 -04:00", Decoder{}, utc(2025, 7, 24, 14, 10, 31, 0), -4 * 3600},
		{"Thu, 24 Jul 2025 10:10:31.75 -0400 EDT", Decoder{}, utc(2025, 7, 24, 14, 10, 31, 75e7), -4 * 3600},
		{"Thu, 24 Jul 2025 14:10:31 GMT", Decoder{}, utc(2025, 7, 24, 14, 10, 31, 0), 0},
		{"Thu, 24 Jul 2025 14:10:31 UT", Decoder{}, utc(2025, 7, 24, 14, 10, 31, 0), 0},
		{"Thu, 24 Jul 2025 14:10:31", Decoder{Location: ny}, utc(2025, 7, 24, 18, 10, 31, 0), -4 * 3600},
		{"Mon, 24 Jul 2025 14:10:31 Z", Decoder{}, utc(2025, 7, 24, 14, 10, 31, 0), 0},
		{"Fri, 4 Jul 2025 10:10:31 +0100", Decoder{}, utc(2025, 7, 4, 9, 10, 31, 0), 3600},
		{"24 Jul 2025 14:10 PST", Decoder{Zones: RFC822Zones()}, utc(2025, 7, 24, 22, 10, 0, 0), -8 * 3600},
		{"24 Jul 25 14:10 +0000", Decoder{}, utc(2025, 7, 24, 14, 10, 0, 0), 0},
		{"24 Jul 69 14:10 +0000", Decoder{}, utc(1969, 7, 24, 14, 10, 0, 0), 0},
		{"Thursday, 24-Jul-25 14:10:31 GMT", Decoder{}, utc(2025, 7, 24, 14, 10, 31, 0), 0},
		{"Thursday, 24-Jul-25 16:10:31.5 +0200", Decoder{}, utc(2025, 7, 24, 14, 10, 31, 5e8), 2 * 3600},
		{"Thu, 24 Jul 2025 14:10:31 EST", Decoder{Zones: map[string]*time.Location{"EST": ny}},
			utc(2025, 7, 24, 18, 10, 31, 0), -4 * 3600},
		{"Thu, 24 Jul 2025 14:10:31 XYZ", Decoder{Zones: map[string]*time.Location{"XYZ": nil}},
			utc(2025, 7, 24, 14, 10, 31, 0), 0},
		// A one-digit hour, as time.Parse and so Hugo read it (found by
		// FuzzParseDate's oracle).
		{"0001-01-01 0:00:00+00:00", Decoder{}, utc(1, 1, 1, 0, 0, 0, 0), 0},
		{"2025-07-24T9:05:31Z", Decoder{}, utc(2025, 7, 24, 9, 5, 31, 0), 0},
		{"2025-07-24 9:05 -0700", Decoder{}, utc(2025, 7, 24, 16, 5, 0, 0), -7 * 3600},
		// A run of spaces before the time, as time.Parse reads a space of
		// its layout (found by FuzzParseDate's oracle in CI).
		{"0001-01-01  1:00:00 +0000", Decoder{}, utc(1, 1, 1, 1, 0, 0, 0), 0},
		{"2025-07-24   14:10:31 -07:00", Decoder{}, utc(2025, 7, 24, 21, 10, 31, 0), -7 * 3600},
		{"2025-07-24  14:10:31Z", Decoder{}, utc(2025, 7, 24, 14, 10, 31, 0), 0},
		{"2025-07-24  14:10", Decoder{Location: ny}, utc(2025, 7, 24, 18, 10, 0, 0), -4 * 3600},
		// A comma before the fraction, as time.Parse reads it (the mail
		// forms used to drop such a fraction without a word).
		{"2025-07-24 14:10:31,5 -0700", Decoder{}, utc(2025, 7, 24, 21, 10, 31, 5e8), -7 * 3600},
		{"2025-07-24T14:10:31,25Z", Decoder{}, utc(2025, 7, 24, 14, 10, 31, 25e7), 0},
		{"Thu, 24 Jul 2025 14:10:31,5 +0000", Decoder{}, utc(2025, 7, 24, 14, 10, 31, 5e8), 0},
		{"Thu Jul 24 9:10:31,125 2025", Decoder{}, utc(2025, 7, 24, 9, 10, 31, 125e6), 0},
		{"", Decoder{}, time.Time{}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := tt.d.ParseDate(tt.in)
			require.NoError(t, err)
			assert.True(t, tt.want.Equal(got), "got %v, want %v", got, tt.want)
			_, off := got.Zone()
			assert.Equal(t, tt.offset, off, "offset")
			assert.NotEqual(t, time.Local, got.Location())

			// The front matter reads the string the same way.
			src := "+++\ndate = " + fmt.Sprintf("%q", tt.in) + "\n+++\n"
			a, err := tt.d.Decode(strings.NewReader(src))
			require.NoError(t, err)
			assert.True(t, got.Equal(a.Date))
		})
	}
}

func TestParseDateRejectsForms(t *testing.T) {
	tests := []struct {
		in   string
		d    Decoder
		want string // the whole message after "invalid date: ", or a part of it
	}{
		// Not dates: never blamed on a zone.
		{"{{ .Date }}", Decoder{}, `cannot read "{{ .Date }}": accepted forms are`},
		{"next tuesday", Decoder{}, `cannot read "next tuesday": accepted forms are`},
		{"Thu, 24 Jul 2025 14:10:31 }}", Decoder{}, "cannot read"},
		{"Thu, 24 Jul 2025 14:10:31 EDT MST", Decoder{}, "cannot read"},
		{"Thu, 24 Jul 2025 14:10:31 -0400 EDT MST", Decoder{}, "cannot read"},
		{"hello 12:00 EDT", Decoder{}, "cannot read"},
		{"2025-07-24 EDT", Decoder{}, "cannot read"},
		{"2025-07-24 14:10:31 }}", Decoder{}, "cannot read"},
		{"2025-07-24T14:10:31EDT", Decoder{}, "cannot read"},
		{"2025-07-24T14:10:31EDT -0400", Decoder{}, "cannot read"},
		{"24 Jul 2025", Decoder{}, ""}, // accepted: see below
		{"3:04PM", Decoder{}, "cannot read"},
		{"Jan  2 15:04:05", Decoder{}, "cannot read"},
		{"Jan  2 15:04:05.000", Decoder{}, "cannot read"},
		{"2025/07/24", Decoder{}, "cannot read"},
		{"July 24, 2025", Decoder{}, "cannot read"},
		{"20250724", Decoder{}, "cannot read"},
		{"2025-7-24", Decoder{}, "cannot read"},
		{"2025-07-24T14:10:31+01", Decoder{}, "cannot read"},
		{"2025-07-24T14:10:31+1:00", Decoder{}, "cannot read"},
		{"2025-07-24T14:10:31.Z", Decoder{}, "cannot read"},
		{"2025-07-24T14:10.5Z", Decoder{}, "cannot read"},
		{"2025-07-24T14Z", Decoder{}, "cannot read"},
		{"2025-07-24T", Decoder{}, "cannot read"},
		{"2025-07-24T9:5:31Z", Decoder{}, "cannot read"},
		{"2025-07-24T9Z", Decoder{}, "cannot read"},
		{"2025-07-24T:05:31Z", Decoder{}, "cannot read"},
		{"2025-07-24 14:10:31\t+0100", Decoder{}, "cannot read"},
		{"2025-07-24\t14:10:31", Decoder{}, "cannot read"},
		{"2025-07-24  ", Decoder{}, "cannot read"},
		{"2025-07-24T 14:10:31Z", Decoder{}, "cannot read"},
		{"2025-07-24 T14:10:31Z", Decoder{}, "cannot read"},
		{"2025-07-24 14:10:31 +0100\n", Decoder{}, "cannot read"},
		{" 2025-07-24", Decoder{}, "cannot read"},
		{"24 Jul 2025 14:10.5 +0000", Decoder{}, "cannot read"},
		{"Thu, 24 Jul 2025 14:10:31.", Decoder{}, "cannot read"},
		{"Thu, 24 Jul 2025 14:10:31,", Decoder{}, "cannot read"},
		{"Thu, 24 Jul 2025 14:10:31.5.5 +0000", Decoder{}, "cannot read"},
		{"Thu, 24 Jul 2025 14:10:31,5.25 +0000", Decoder{}, "cannot read"},
		{"2025-07-24T14:10:31,Z", Decoder{}, "cannot read"},
		{"Thu, 24 Jul 2025 14:10,5 +0000", Decoder{}, "cannot read"},
		{"Thu, 24 Jul 2025 14:10:31 0100", Decoder{}, "cannot read"},
		// Dates with a field out of range: told which.
		{"2025-13-01", Decoder{}, `"2025-13-01": month 13 is out of range`},
		{"2025-02-29", Decoder{}, `"2025-02-29": day 29 is out of range for February 2025`},
		{"2025-07-24T24:00:00Z", Decoder{}, "hour 24 is out of range"},
		{"2025-07-24T23:60:00Z", Decoder{}, "minute 60 is out of range"},
		{"2025-07-24T23:59:61Z", Decoder{}, "second 61 is out of range"},
		{"2025-07-24T14:10:31+24:00", Decoder{}, "offset +24:00 is out of range; offsets run from -23:59 to +23:59"},
		{"2025-07-24T14:10:31-23:60", Decoder{}, "offset -23:60 is out of range"},
		{"2025-07-24 14:10:31 +9959", Decoder{}, "offset +9959 is out of range"},
		{"0001-01-01 2:00:00 +0060", Decoder{}, "offset +0060 is out of range"}, // time.Parse reads +01:00
		{"Thu, 24 Jul 2025 14:10:31 +2400", Decoder{}, "offset +2400 is out of range"},
		// The leap second is RFC 3339; time.Time cannot hold it.
		{"2016-12-31T23:59:60Z", Decoder{}, `"2016-12-31T23:59:60Z": second 60 is a leap second, which time.Time cannot represent`},
		{"Sat, 31 Dec 2016 23:59:60 GMT", Decoder{}, "second 60 is a leap second"},
		// Abbreviations: the hint fits the zone and names the table.
		{"Thu, 24 Jul 2025 14:10:31 EDT", Decoder{}, `time zone "EDT" is ambiguous; if it means US Eastern Daylight Time, write -0400, or set Decoder.Zones to RFC822Zones()`},
		{"Thu, 24 Jul 2025 14:10:31 EST", Decoder{}, `time zone "EST" is ambiguous; if it means US Eastern Standard Time, write -0500, or set Decoder.Zones to RFC822Zones()`},
		{"Thu, 24 Jul 2025 14:10:31 PST", Decoder{}, `if it means US Pacific Standard Time, write -0800`},
		{"Thu, 24 Jul 2025 14:10:31 CDT", Decoder{}, `if it means US Central Daylight Time, write -0500`},
		{"Thu, 24 Jul 2025 14:10:31 MDT", Decoder{}, `if it means US Mountain Daylight Time, write -0600`},
		{"2025-07-24 14:10:31 EST", Decoder{Zones: map[string]*time.Location{}}, `write -0500, or add it to Decoder.Zones (RFC822Zones has it)`},
		{"Thu, 24 Jul 2025 14:10:31 CEST", Decoder{}, `time zone "CEST" is ambiguous; write the offset it means as +hhmm or -hhmm, or read it with Decoder.Zones (RFC822Zones has the US zones)`},
		{"Thu, 24 Jul 2025 14:10:31 IST", Decoder{Zones: RFC822Zones()}, `time zone "IST" is ambiguous; write the offset it means as +hhmm or -hhmm, or add it to Decoder.Zones`},
		{"Mon Jan  2 15:04:05 MST 2006", Decoder{}, `time zone "MST" is ambiguous; if it means US Mountain Standard Time, write -0700`},
		{"Thu, 24 Jul 2025 14:10:31 edt", Decoder{Zones: RFC822Zones()}, `time zone "edt" is ambiguous`},
		// A zone whose offset Encode could not write.
		{"2025-07-24", Decoder{Location: time.FixedZone("LMT", 30)}, `the offset of zone "LMT" at that time, +00:00:30, is not whole minutes`},
		{"Thu, 24 Jul 2025 14:10:31 X", Decoder{Zones: map[string]*time.Location{"X": time.FixedZone("X", 24*3600)}}, "+24:00"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := tt.d.ParseDate(tt.in)
			if tt.want == "" {
				require.NoError(t, err)
				assert.Equal(t, "2025-07-24T00:00:00Z", got.Format(time.RFC3339))
				return
			}
			require.ErrorIs(t, err, ErrDate)
			assert.True(t, got.IsZero())
			assert.Contains(t, err.Error(), "invalid date: ")
			assert.Contains(t, err.Error(), tt.want)
			if !strings.Contains(tt.want, "cannot read") {
				assert.NotContains(t, err.Error(), "accepted forms", "a date that parses is told what is wrong")
			}
			if strings.Contains(tt.want, "cannot read") {
				assert.NotContains(t, err.Error(), "zone", "only a date that otherwise parses is blamed on its zone")
			}
			assert.NotContains(t, err.Error(), "write RFC 3339")
		})
	}
}

// TestDateMessagesStaySmall: an error quotes at most a short prefix of the
// value, whatever its size and shape.
func TestDateMessagesStaySmall(t *testing.T) {
	big := 1 << 20
	for name, s := range map[string]string{
		"15 MiB":          strings.Repeat("x", 15<<20), // the case of the issue
		"junk":            strings.Repeat("x", big),
		"words":           strings.Repeat("a ", big/2),
		"iso then junk":   "2025-07-24T14:10:31" + strings.Repeat("x", big),
		"iso then spaces": "2025-07-24T14:10:31 " + strings.Repeat("a ", big/2),
		"mail then junk":  "Thu, 24 Jul 2025 14:10:31 " + strings.Repeat("-", big),
		"fraction junk":   "Thu, 24 Jul 2025 14:10:31." + strings.Repeat("1", big) + "x",
		"fraction zone":   "2025-07-24T14:10:31." + strings.Repeat("1", big) + "+24:00",
		"long zone":       "2025-07-24T14:10:31 " + strings.Repeat("A", big),
		"utf8":            strings.Repeat("é", 100),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := ParseDate(s, nil)
			require.ErrorIs(t, err, ErrDate)
			assert.Less(t, len(err.Error()), 400, err.Error())

			// The same in a file (cut to 1 MiB: the TOML parse of the
			// rest would only cost time).
			if len(s) > 1<<20 {
				s = s[:1<<20] + s[len(s)-10:]
			}
			_, err = Parse(strings.NewReader("+++\ndate = \"" + s + "\"\n+++\n"))
			require.ErrorIs(t, err, ErrDate)
			assert.Less(t, len(err.Error()), 400)
		})
	}
	// The cut keeps whole runes and says how long the value was.
	assert.Equal(t, `"`+strings.Repeat("é", 20)+`"… (200 bytes)`, quoteValue(strings.Repeat("é", 100)))
	assert.Equal(t, `"`+strings.Repeat("x", 39)+`"… (41 bytes)`, quoteValue(strings.Repeat("x", 39)+"é"))
}

// TestDateFractionsAnyLength: a fraction of more than 40 digits is read the
// same way in a date string, a TOML date on date and a TOML date in Params:
// truncated to nanoseconds.
func TestDateFractionsAnyLength(t *testing.T) {
	frac := "123456789" + strings.Repeat("9", 50)
	want := time.Date(2025, 7, 24, 14, 10, 31, 123456789, time.UTC)
	for _, src := range []string{
		"+++\ndate = \"2025-07-24T14:10:31." + frac + "Z\"\n+++\n",
		"+++\ndate = 2025-07-24T14:10:31." + frac + "Z\n+++\n",
		"+++\ndate = 2025-07-24T14:10:31." + frac + "Z\nx = 1\n+++\n",
	} {
		a, err := Parse(strings.NewReader(src))
		require.NoError(t, err, src)
		assert.True(t, want.Equal(a.Date), "%v", a.Date)
	}
	var m map[string]any
	require.NoError(t, toml.Unmarshal([]byte("x = 2025-07-24T14:10:31."+frac+"Z"), &m))
	assert.True(t, want.Equal(m["x"].(time.Time)))

	a, err := Parse(strings.NewReader("+++\ndate = 2025-07-24T14:10:31." + strings.Repeat("0", 1<<20) + "1Z\n+++\n"))
	require.NoError(t, err)
	assert.True(t, a.Date.Equal(want.Truncate(time.Second)))
}

// TestDateLeapSecond: refused everywhere, with a message that does not ask
// for RFC 3339.
func TestDateLeapSecond(t *testing.T) {
	for _, src := range []string{
		"+++\ndate = \"2016-12-31T23:59:60Z\"\n+++\n",
		"+++\ndate = 2016-12-31T23:59:60Z\n+++\n",
		"+++\ndate = 2016-12-31 23:59:60\n+++\n",
	} {
		_, err := Parse(strings.NewReader(src))
		require.ErrorIs(t, err, ErrDate, src)
		assert.Contains(t, err.Error(), "second 60 is a leap second")
		assert.NotContains(t, err.Error(), "RFC 3339")
	}
	var m map[string]any
	assert.Error(t, toml.Unmarshal([]byte("x = 2016-12-31T23:59:60Z"), &m), "go-toml refuses it in Params too")
	_, err := Parse(strings.NewReader("+++\nx = 2016-12-31T23:59:60Z\n+++\n"))
	assert.Error(t, err)
}

// TestDateOffsetLimit: Parse and Encode draw the offset line at the same
// place, on date and in Params.
func TestDateOffsetLimit(t *testing.T) {
	for _, src := range []string{
		"+++\ndate = \"2025-07-24T14:10:31+24:00\"\n+++\n",
		"+++\ndate = 2025-07-24T14:10:31+24:00\n+++\n",
		"+++\ndate = 2025-07-24T14:10:31-24:00\n+++\n",
		"+++\ndate = 2025-07-24T14:10:31+23:60\n+++\n",
		"+++\nx = 2025-07-24T14:10:31+24:00\n+++\n",
	} {
		_, err := Parse(strings.NewReader(src))
		assert.Error(t, err, src)
	}
	for _, zone := range []*time.Location{
		time.FixedZone("", 99*3600+59*60), time.FixedZone("", 24*3600), time.FixedZone("", -24*3600),
		time.FixedZone("", 3600+1), time.FixedZone("", -30),
	} {
		tm := time.Date(2025, 7, 24, 14, 10, 31, 0, zone)
		for _, a := range []*Article{{Date: tm}, {Params: map[string]any{"x": tm}}, {Params: map[string]any{"x": []any{tm}}}} {
			var buf bytes.Buffer
			err := a.Encode(&buf)
			require.ErrorIs(t, err, ErrEncode, "%v", tm)
			assert.Contains(t, err.Error(), "not whole minutes from -23:59 to +23:59")
			assert.Zero(t, buf.Len())
		}
	}
	for _, off := range []int{maxOffset, -maxOffset} {
		tm := time.Date(2025, 7, 24, 14, 10, 31, 0, time.FixedZone("", off))
		a := &Article{Date: tm, Params: map[string]any{"x": tm}}
		b, err := Parse(bytes.NewReader(encode(t, a)))
		require.NoError(t, err)
		requireSameArticle(t, a, b)
	}
}

// TestDateZeroAndUnknownOffset pins the two dates that re-encode
// differently from how they were written.
func TestDateZeroAndUnknownOffset(t *testing.T) {
	for _, in := range []string{`""`, `"0001-01-01T00:00:00Z"`, `0001-01-01T00:00:00Z`, `"0001-01-01"`} {
		a, err := Parse(strings.NewReader("+++\ndate = " + in + "\n+++\n"))
		require.NoError(t, err)
		assert.True(t, a.Date.IsZero(), in)
		a.DropSource() // the canonical layout, not the file again
		assert.Contains(t, string(encode(t, a)), "\ndate = \"\"\n", in)
	}
	for _, in := range []string{`"2025-07-24T14:10:31-00:00"`, `2025-07-24T14:10:31-00:00`, `"Thu, 24 Jul 2025 14:10:31 -0000"`} {
		a, err := Parse(strings.NewReader("+++\ndate = " + in + "\n+++\n"))
		require.NoError(t, err)
		assert.Equal(t, time.UTC, a.Date.Location(), in)
		a.DropSource()
		assert.Contains(t, string(encode(t, a)), "\ndate = \"2025-07-24T14:10:31Z\"\n", in)
	}
}

func BenchmarkParseDate(b *testing.B) {
	for _, s := range []string{
		"2025-07-24T14:10:31Z", "2025-07-24T14:10:31.123456789+02:00", "2025-07-24 14:10:31 +0100",
		"Thu, 24 Jul 2025 14:10:31 +0000", "Mon Jan  2 15:04:05 MST 2006",
	} {
		d := Decoder{Zones: RFC822Zones()}
		b.Run(s, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := d.ParseDate(s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestZoneSyntax: the shapes of the zone fields after a time, each at its
// bounds: abbreviations of one to ten ASCII letters, numeric zone names of
// a sign and two to four digits, offsets of four digits with or without a
// colon.
func TestZoneSyntax(t *testing.T) {
	for z, want := range map[string]bool{
		"A": true, "az": true, "AZ": true, "ZA": true, "EDT": true, "ABCDEFGHIJ": true,
		"": false, "ABCDEFGHIJK": false, "A@": false, "A[": false, "A`": false, "A{": false, "E1": false,
	} {
		assert.Equal(t, want, isAbbreviation(z), "isAbbreviation(%q)", z)
	}
	for z, want := range map[string]bool{
		"+03": true, "-0530": true, "+030": true, "EDT": true,
		"+0": false, "+05300": false, "0530": false, "+0a": false, "+03x": false, "+x3": false, "-053:": false,
	} {
		assert.Equal(t, want, isZoneName(z), "isZoneName(%q)", z)
	}
	for z, want := range map[string]bool{
		"Z": true, "z": true, "+0000": true, "-23:59": true,
		"+000": false, "+00000": false, "0000": false, "+00:0": false, "+0:000": false, "+00-00": false, "+0a00": false, "Zz": false,
	} {
		assert.Equal(t, want, isNumericZone(z), "isNumericZone(%q)", z)
	}
}

// TestScanISOStrict: a TOML date-time keeps TOML's syntax: one T, t or
// space before the time, two digits of hour, a period before the
// fraction. (go-toml's lexer refuses the others before the scanner sees
// them; this holds the scanner to it on its own.)
func TestScanISOStrict(t *testing.T) {
	for _, s := range []string{"2025-07-24T14:10:31,5Z", "2025-07-24  14:10:31", "2025-07-24T9:10:31Z"} {
		f, rest, err := scanISO(s, false)
		assert.True(t, err != nil || rest != "" && f.nsec == 0, "%q: %+v, rest %q", s, f, rest)
		_, _, err = scanISO(s, true)
		assert.NoError(t, err, "%q as a string date", s)
	}
}
