package article_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/articlekit/article"
)

// The date forms Hugo reads: RFC 3339 and its relatives, time.Time's
// String, mail and Unix dates. A numeric offset is kept; a date without one
// is read in the Decoder's Location.
func ExampleDecoder_ParseDate() {
	d := article.Decoder{Location: time.FixedZone("CEST", 2*3600)}
	for _, s := range []string{
		"2017-07-08 16:52:23-07:00",
		"2017-09-25 22:55:55 +0100",
		"2017-09-25T22:55:55-0700",
		"2006-01-02 15:04:05.999999999 -0700 MST", // the numeric offset wins
		"Thu, 24 Jul 2025 14:10:31 GMT",
		"Mon Jan 02 15:04:05 -0700 2006", // RubyDate
		"Mon Jan  2 15:04:05 2006",       // ANSIC: no zone, read in Location
		"02 Jan 2006",
	} {
		t, err := d.ParseDate(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(t.Format(time.RFC3339Nano))
	}
	// Output:
	// 2017-07-08T16:52:23-07:00
	// 2017-09-25T22:55:55+01:00
	// 2017-09-25T22:55:55-07:00
	// 2006-01-02T15:04:05.999999999-07:00
	// 2025-07-24T14:10:31Z
	// 2006-01-02T15:04:05-07:00
	// 2006-01-02T15:04:05+02:00
	// 2006-01-02T00:00:00+02:00
}

// A zone abbreviation alone is refused, since the same letters name
// different zones, unless the Decoder is given a table. Strings that are
// not dates are never blamed on their zone.
func ExampleRFC822Zones() {
	const rss = "Thu, 24 Jul 2025 10:10:31 EDT"
	_, err := article.ParseDate(rss, nil)
	fmt.Println(err)

	d := article.Decoder{Zones: article.RFC822Zones()}
	t, _ := d.ParseDate(rss)
	fmt.Println(t.Format(time.RFC3339))

	// The table applies to the front matter too.
	a, _ := d.Decode(strings.NewReader("+++\ndate = \"Mon Jan  2 15:04:05 PST 2006\"\n+++\n"))
	fmt.Println(a.Date.Format(time.RFC3339))

	_, err = d.ParseDate("{{ .Date }}")
	fmt.Println(err)
	// Output:
	// invalid date: time zone "EDT" is ambiguous; if it means US Eastern Daylight Time, write -0400, or set Decoder.Zones to RFC822Zones()
	// 2025-07-24T10:10:31-04:00
	// 2006-01-02T15:04:05-08:00
	// invalid date: cannot read "{{ .Date }}": accepted forms are RFC 3339 (2006-01-02T15:04:05Z), 2006-01-02, 2006-01-02 15:04:05 with an optional offset, and RFC 1123, RFC 822, RFC 850, ANSIC, UnixDate and RubyDate dates
}

// Parse and Encode follow one rule for dates, so that each reads what the
// other writes: offsets from -23:59 to +23:59, no leap second, fractions of
// any length truncated to nanoseconds. The zero Time is written as "", and
// -00:00 reads as UTC, written back as Z.
func ExampleArticle_Encode_dates() {
	a, _ := article.Parse(strings.NewReader("+++\ndate = 2025-07-24T14:10:31.1234567891234-00:00\n+++\n"))
	a.DropSource() // the canonical layout, not the file again
	var b strings.Builder
	_ = a.Encode(&b)
	fmt.Println(strings.Split(b.String(), "\n")[2])

	_, err := article.Parse(strings.NewReader("+++\ndate = \"2016-12-31T23:59:60Z\"\n+++\n"))
	fmt.Println(err)

	far := &article.Article{Date: time.Date(2025, 1, 1, 0, 0, 0, 0, time.FixedZone("", 24*3600))}
	fmt.Println(far.Encode(&b))
	// Output:
	// date = "2025-07-24T14:10:31.123456789Z"
	// 2:1: date: invalid date: "2016-12-31T23:59:60Z": second 60 is a leap second, which time.Time cannot represent
	// article: date: cannot encode: offset +24:00 is not whole minutes from -23:59 to +23:59
}
