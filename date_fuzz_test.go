package article

import (
	"bytes"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pelletier/go-toml/v2"
	"github.com/stretchr/testify/require"
)

// checkDateAgreement is the property Parse and Encode share: a time is
// encodable exactly when Parse reads its RFC 3339 text, in a string on date
// and as a TOML date-time on date and in Params; and then every reading
// gives it back, instant and offset.
func checkDateAgreement(t testing.TB, tm time.Time) {
	t.Helper()
	text := tm.Format(time.RFC3339Nano)
	a := &Article{Date: tm, Params: map[string]any{"when": tm}}
	var buf bytes.Buffer
	encErr := a.Encode(&buf)
	if _, off := tm.Zone(); off%60 != 0 {
		// RFC 3339 text cannot carry the seconds of such an offset, so
		// text is not tm: Encode must refuse it (and FuzzParseDate shows
		// that Parse never makes one).
		require.ErrorIs(t, encErr, ErrEncode)
		return
	}

	_, strErr := ParseDate(text, nil)
	_, nativeErr := Parse(strings.NewReader("+++\ndate = " + text + "\n+++\n"))
	var m map[string]any
	paramsErr := toml.Unmarshal([]byte("when = "+text), &m)
	if tm.IsZero() {
		strErr = nil // the zero Time is written as ""
	}
	ok := encErr == nil
	require.Equal(t, ok, strErr == nil, "%s: Encode error %v, string date error %v", text, encErr, strErr)
	require.Equal(t, ok, nativeErr == nil, "%s: Encode error %v, TOML date error %v", text, encErr, nativeErr)
	require.Equal(t, ok, paramsErr == nil, "%s: Encode error %v, go-toml error %v", text, encErr, paramsErr)
	if !ok {
		require.ErrorIs(t, encErr, ErrEncode)
		return
	}
	b, err := Parse(&buf)
	require.NoError(t, err, buf.String())
	requireSameArticle(t, a, b)
	got := b.Params["when"].(time.Time)
	_, wantOff := tm.Zone()
	_, gotOff := got.Zone()
	require.True(t, got.Equal(tm))
	require.Equal(t, wantOff, gotOff)
}

// TestDateAgreementProperty checks checkDateAgreement on random times,
// quick-check style, weighted towards the edges of every rule.
func TestDateAgreementProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	pick := func(edges []int, lo, hi int) int {
		if r.IntN(2) == 0 {
			return edges[r.IntN(len(edges))]
		}
		return lo + r.IntN(hi-lo+1)
	}
	n := 5000
	if testing.Short() {
		n = 1000
	}
	for range n {
		year := pick([]int{-1, 0, 1, 1969, 2016, 9999, 10000}, -20, 10020)
		off := pick([]int{0, 60, -60, maxOffset, -maxOffset, maxOffset + 60, -maxOffset - 60,
			24 * 3600, 99*3600 + 59*60, 30, -1}, -26*3600, 26*3600)
		if r.IntN(3) > 0 {
			off -= off % 60
		}
		ns := pick([]int{0, 1, 5e8, 999999999}, 0, 999999999)
		tm := time.Date(year, time.Month(1+r.IntN(12)), 1+r.IntN(31), r.IntN(24), r.IntN(60), r.IntN(60), ns,
			time.FixedZone("", off))
		if r.IntN(4) == 0 && off == 0 {
			tm = tm.UTC()
		}
		checkDateAgreement(t, tm)
	}
	checkDateAgreement(t, time.Time{})
}

// FuzzDateAgreement explores checkDateAgreement beyond the random sample.
func FuzzDateAgreement(f *testing.F) {
	f.Add(int64(0), 0)
	f.Add(time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC).UnixNano()/1e9*1e9, maxOffset)
	f.Add(int64(1_700_000_000_123_456_789), 24*3600)
	f.Add(int64(-62_135_596_800_000_000_0), -maxOffset)
	f.Fuzz(func(t *testing.T, ns int64, off int) {
		tm := time.Unix(0, ns).In(time.FixedZone("", off%(30*3600)))
		checkDateAgreement(t, tm)
	})
}

// FuzzParseDate: ParseDate never panics; its errors are ErrDate and short;
// whatever it accepts, Encode writes, and Parse reads back equal.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{
		"2025-07-24T14:10:31Z", "2025-07-24", "2025-07-24 14:10:31", "Thu, 24 Jul 2025 14:10:31 GMT",
		"Thu, 24 Jul 2025 14:10:31 EDT", "24 Jul 25 14:10 +0000", "Thursday, 24-Jul-25 14:10:31 UTC", " ", "x y",
		"2017-07-08 16:52:23-07:00", "2017-09-25 22:55:55 +0100", "2017-09-25T22:55:55-0700", "02 Jan 2006",
		"2006-01-02 15:04:05.999999999 -0700 MST", "Mon Jan  2 15:04:05 2006", "Mon Jan  2 15:04:05 MST 2006",
		"Mon Jan 02 15:04:05 -0700 2006", "{{ .Date }}", "next tuesday", "2016-12-31T23:59:60Z",
		"2025-07-24T14:10:31+24:00", "2025-07-24T14:10:31." + strings.Repeat("7", 45) + "Z",
		"0000-01-01T00:00:00+23:59", "9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00Z",
		"2025-07-24T14:10:31-00:00", "Sat, 31 Dec 2016 23:59:60 GMT", "2025-07-24 14:10:31 +0300 +03",
		"Thu, 24 Jul 2025 14:10:31,5 +0000", "2025-07-24 14:10:31,5 -0700",
	} {
		f.Add(s)
	}
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(f, err)
	decoders := []Decoder{{}, {Location: ny, Zones: RFC822Zones()}}
	f.Fuzz(func(t *testing.T, s string) {
		for _, d := range decoders {
			tm, err := d.ParseDate(s)
			if err != nil {
				require.ErrorIs(t, err, ErrDate)
				require.Less(t, len(err.Error()), 400)
				require.True(t, tm.IsZero())
				continue
			}
			require.NotEqual(t, time.Local, tm.Location())
			require.NoError(t, checkEncodableDate(tm), "ParseDate accepted %q as %v", s, tm)
			a := &Article{Date: tm}
			b, err := Parse(bytes.NewReader(encode(t, a)))
			require.NoError(t, err)
			requireSameArticle(t, a, b)
			back, err := d.ParseDate(tm.Format(time.RFC3339Nano))
			require.NoError(t, err)
			require.True(t, back.Equal(tm))
		}
		checkDateOracle(t, s)
	})
}

// oracleLayouts are the layouts, among those spf13/cast and Hugo try, that
// give the instant alone: a numeric offset, or Z. Whatever time.Parse
// reads with one of them, ParseDate must read as the same instant.
var oracleLayouts = []string{
	time.RFC3339Nano,
	time.RFC1123Z,
	time.RFC822Z,
	time.RubyDate,
	"2006-01-02T15:04:05-0700",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05-07:00",
}

// minute60 matches an offset written with minute 60, such as +0060, which
// time.Parse reads (as +01:00) and ParseDate refuses, as RFC 3339 and TOML
// do (TestParseDateRejectsForms).
var minute60 = regexp.MustCompile(`[+-][0-9]{2}:?60([^0-9]|$)`)

// checkDateOracle: an independent parser, time.Parse with oracleLayouts,
// and ParseDate agree on every date with an explicit offset that
// time.Parse reads, in the years an article's date can have, but for an
// offset with minute 60.
func checkDateOracle(t *testing.T, s string) {
	t.Helper()
	if minute60.MatchString(s) {
		return
	}
	for _, layout := range oracleLayouts {
		want, err := time.Parse(layout, s)
		if err != nil || want.Year() < 1 || want.Year() > 9999 || want.UTC().Year() < 1 || want.UTC().Year() > 9999 {
			continue
		}
		if _, off := want.Zone(); off%60 != 0 || off <= -24*3600 || off >= 24*3600 {
			continue // offsets run from -23:59 to +23:59, in minutes (RFC 3339)
		}
		got, err := Decoder{}.ParseDate(s)
		require.NoError(t, err, "time.Parse(%q) reads %q as %v", layout, s, want)
		require.True(t, got.Equal(want), "ParseDate(%q) = %v, time.Parse(%q) = %v", s, got, layout, want)
	}
}

// TestParseDateOracle runs checkDateOracle on every layout's own reference
// time, and on the variants time.Parse also reads: each space of it
// written as a run of spaces, and the hour with one digit.
func TestParseDateOracle(t *testing.T) {
	ref := time.Date(2025, 7, 24, 4, 10, 31, 0, time.FixedZone("", -7*3600))
	for _, layout := range oracleLayouts {
		s := ref.Format(layout)
		want, err := time.Parse(layout, s)
		require.NoError(t, err)
		checkDateOracle(t, s)
		got, err := Decoder{}.ParseDate(s)
		require.NoError(t, err, "%q (%s)", s, layout)
		require.True(t, got.Equal(want), "%q: %v", s, got)

		variants := []string{strings.ReplaceAll(s, " ", "   "), strings.Replace(s, "04:10", "4:10", 1)}
		for i := range s {
			if s[i] == ' ' {
				variants = append(variants, s[:i]+"  "+s[i+1:])
			}
		}
		if strings.Contains(s, ":31") { // a layout with seconds: a fraction after a comma
			variants = append(variants, strings.Replace(s, ":31", ":31,5", 1), strings.Replace(s, ":31", ":31,0625", 1))
		}
		for _, v := range variants {
			_, err := time.Parse(layout, v)
			require.NoError(t, err, "the variant %q of %q", v, s)
			checkDateOracle(t, v)
		}
	}
}

// FuzzTOMLDateMatchesGoTOML: a TOML date-time on date is read as go-toml
// reads it in any other key, refused when go-toml refuses it.
func FuzzTOMLDateMatchesGoTOML(f *testing.F) {
	for _, s := range []string{
		"2025-07-24T14:10:31Z", "2025-07-24t14:10:31.5z", "2025-07-24 14:10:31", "2025-07-24", "2025-07-24T14:10",
		"2025-07-24T14:10:31+24:00", "2025-07-24T14:10:31-23:59", "2025-07-24T14:10:31+0100", "2016-12-31T23:59:60Z",
		"2025-02-29", "2024-02-29T00:00:00." + strings.Repeat("5", 45) + "Z", "2025-07-24T14:10Z", "2025-07-24T14:10:31.Z",
		"0000-01-01T00:00:00-00:00", "2025-07-24T14:10:31Z-01:00", "2025-07-24 14:10:31 +01:00", "2025-07-24T9:05:31Z",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, tok string) {
		for i := 0; i < len(tok); i++ {
			if !strings.ContainsRune("0123456789:-+.TtZz ", rune(tok[i])) {
				return
			}
		}
		var m map[string]any
		tomlErr := toml.Unmarshal([]byte("x = "+tok), &m)
		var want time.Time
		isDate := false
		if tomlErr == nil {
			switch v := m["x"].(type) {
			case time.Time:
				want, isDate = v, true
			case toml.LocalDateTime:
				want, isDate = v.AsTime(time.UTC), true
			case toml.LocalDate:
				want, isDate = v.AsTime(time.UTC), true
			}
		}
		a, err := Parse(strings.NewReader("+++\ndate = " + tok + "\n+++\n"))
		if err != nil {
			require.False(t, isDate, "go-toml reads %q as %v, Parse refuses: %v", tok, want, err)
			return
		}
		require.True(t, isDate, "Parse reads %q as %v, go-toml does not (%v)", tok, a.Date, tomlErr)
		require.True(t, want.Equal(a.Date), "%q: go-toml %v, Parse %v", tok, want, a.Date)
		_, wo := want.Zone()
		_, gotOff := a.Date.Zone()
		require.Equal(t, wo, gotOff)
	})
}
