package article

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/pelletier/go-toml/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// requireSameArticle compares two articles field by field: dates by instant
// and offset (the location pointers differ after a round trip), Params by
// value with NaN equal to itself. A date at the zero instant is no date,
// whatever its offset: Encode writes it as date = "", which reads back as
// the zero Time.
func requireSameArticle(t testing.TB, want, got *Article) {
	t.Helper()
	w, g := *want, *got
	require.True(t, w.Date.Equal(g.Date), "date: want %v, got %v", w.Date, g.Date)
	if !w.Date.IsZero() {
		_, wo := w.Date.Zone()
		_, gotOff := g.Date.Zone()
		require.Equal(t, wo, gotOff, "date offset")
	}
	w.Date, g.Date = time.Time{}, time.Time{}
	wp, gp := normalizeParams(w.Params), normalizeParams(g.Params)
	w.Params, g.Params = nil, nil
	w.src, g.src = source{}, source{} // the record of the file, not a value
	require.Equal(t, w, g)
	require.Equal(t, wp, gp, "params")
}

// normalizeParams makes Params comparable: empty is nil, NaN becomes a
// string, times become their RFC 3339 text with offset.
func normalizeParams(m map[string]any) map[string]any {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = normalizeValue(v)
	}
	return out
}

func normalizeValue(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = normalizeValue(e)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = normalizeValue(e)
		}
		return out
	case float64:
		if math.IsNaN(v) {
			return "NaN"
		}
	case time.Time:
		return v.Format(time.RFC3339Nano)
	}
	return v
}

func encode(t testing.TB, a *Article) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, a.Encode(&buf))
	return buf.Bytes()
}

func TestEncodeRoundTripBuiltArticles(t *testing.T) {
	tricky := "quote \" backslash \\ tab \t newline \n cr \r nul \x00 bell \x07 del \x7f esc \x1b unicode é 東京 🙂 \u2028 apostrophe ' +++ \"\"\""
	tests := []struct {
		name string
		a    Article
	}{
		{"zero", Article{}},
		{"tricky strings", Article{
			Title: tricky, Summary: tricky, Description: "\n+++\n", SourceLink: "'literal'",
			Enclosure: `C:\path`, URL: "/x", QRCode: "\"", Source: "''' triple",
			Body: "<p>body</p>\n",
		}},
		{"large ids", Article{ArticleID: 1<<53 + 1, FeedItemID: math.MaxInt64}},
		{"negative ids", Article{ArticleID: -1, FeedItemID: math.MinInt64}},
		{"offsets", Article{Date: time.Date(2025, 7, 24, 14, 10, 31, 0, time.FixedZone("IST", 5*3600+1800))}},
		{"negative offset", Article{Date: time.Date(2025, 1, 2, 3, 4, 5, 6, time.FixedZone("", -9*3600-1800))}},
		{"utc with nanos", Article{Date: time.Date(2025, 7, 24, 14, 10, 31, 123456789, time.UTC), Draft: true}},
		{"year zero", Article{Date: time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC)}},
		{"zero instant with an offset", Article{Date: time.Date(1, 1, 1, 1, 0, 0, 0, time.FixedZone("", 3600))}},
		{"body only newline", Article{Body: "\n"}},
		{"body leading blank lines", Article{Body: "\n\n<p>x</p>"}},
		{"body crlf", Article{Body: "\r\n<p>x</p>\r\n"}},
		{"body with delimiters", Article{Body: "+++\n+++\n"}},
		{"body invalid utf8", Article{Body: "\xff\xfe"}},
		{"params", Article{Title: "t", Params: map[string]any{
			"Title":   "case differs from the schema key",
			"a key":   "quoted",
			"":        "empty key",
			"é":       "non-ASCII key",
			"count":   int64(3),
			"ratio":   0.5,
			"whole":   2.0,
			"big":     1e300,
			"inf":     math.Inf(1),
			"ninf":    math.Inf(-1),
			"nan":     math.NaN(),
			"flag":    true,
			"when":    time.Date(2025, 1, 2, 3, 4, 5, 0, time.FixedZone("", 3600)),
			"day":     toml.LocalDate{Year: 2025, Month: 1, Day: 2},
			"clock":   toml.LocalTime{Hour: 3, Minute: 4, Second: 5, Nanosecond: 600000000, Precision: 1},
			"local":   toml.LocalDateTime{LocalDate: toml.LocalDate{Year: 2025, Month: 1, Day: 2}, LocalTime: toml.LocalTime{Hour: 3}},
			"list":    []any{"a", int64(1), []any{}, map[string]any{"x": "y"}},
			"empty":   []any{},
			"table":   map[string]any{"k": "v", "sub": map[string]any{"deep": map[string]any{"x": int64(1)}}, "arr": []any{map[string]any{}}},
			"empty t": map[string]any{},
		}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := encode(t, &tt.a)
			got, err := Parse(bytes.NewReader(src))
			require.NoError(t, err, "encoded:\n%s", src)
			requireSameArticle(t, &tt.a, got)
			if tt.a.Date.IsZero() {
				assert.Contains(t, string(src), "\ndate = \"\"\n")
			}
			// The encoding of what was parsed is the same bytes.
			assert.Equal(t, string(src), string(encode(t, got)))
		})
	}
}

func TestEncodeGoTypesInParams(t *testing.T) {
	a := &Article{Params: map[string]any{
		"ints":    []int{1, 2},
		"strs":    []string{"a"},
		"arr":     [2]bool{true, false},
		"u":       uint8(7),
		"f32":     float32(0.25),
		"m":       map[string]int{"b": 2, "a": 1},
		"ptr":     new(int),
		"section": map[string]string{"x": "y"},
	}}
	src := encode(t, a)
	got, err := Parse(bytes.NewReader(src))
	require.NoError(t, err, string(src))
	assert.Equal(t, map[string]any{
		"ints": []any{int64(1), int64(2)}, "strs": []any{"a"}, "arr": []any{true, false},
		"u": int64(7), "f32": 0.25, "m": map[string]any{"a": int64(1), "b": int64(2)}, "ptr": int64(0),
		"section": map[string]any{"x": "y"},
	}, got.Params)
	assert.Contains(t, string(src), "[m]\na = 1\nb = 2\n", "maps are tables, keys sorted")
}

func TestEncodeLayout(t *testing.T) {
	a := &Article{Title: "T", Date: time.Date(2025, 7, 24, 14, 10, 31, 0, time.UTC), ArticleID: 1, Body: "<p>b</p>",
		Params: map[string]any{"z": int64(1), "a": map[string]any{"k": "v"}, "b": "s"}}
	want := "+++\ntitle = \"T\"\ndate = \"2025-07-24T14:10:31Z\"\ndraft = false\nsummary = \"\"\ndescription = \"\"\n" +
		"source_link = \"\"\nenclosure = \"\"\narticle_id = 1\nfeed_item_id = 0\nurl = \"\"\nqrcode = \"\"\nsource = \"\"\n" +
		"b = \"s\"\nz = 1\n[a]\nk = \"v\"\n+++\n\n<p>b</p>"
	assert.Equal(t, want, string(encode(t, a)))

	b, err := a.AppendEncoded([]byte("prefix"))
	require.NoError(t, err)
	assert.Equal(t, "prefix"+want, string(b))
}

func TestEncodeEscapes(t *testing.T) {
	b, err := appendString(nil, "a\"b\\c\bd\te\nf\fg\rh\x00i\x1fj\x7fk'l/é")
	require.NoError(t, err)
	assert.Equal(t, `"a\"b\\c\bd\te\nf\fg\rh\u0000i\u001Fj\u007Fk'l/é"`, string(b))
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestEncodeErrors(t *testing.T) {
	tests := []struct {
		name string
		a    Article
	}{
		{"invalid utf8 title", Article{Title: "a\xffb"}},
		{"invalid utf8 source", Article{Source: "\xc3"}},
		{"year 10000", Article{Date: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}},
		{"negative year", Article{Date: time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC)}},
		{"offset with seconds", Article{Date: time.Date(2025, 1, 1, 0, 0, 0, 0, time.FixedZone("LMT", 30))}},
		{"schema key in params", Article{Params: map[string]any{"title": "x"}}},
		{"nil param", Article{Params: map[string]any{"x": nil}}},
		{"nil in array", Article{Params: map[string]any{"x": []any{nil}}}},
		{"huge uint", Article{Params: map[string]any{"x": uint64(math.MaxUint64)}}},
		{"func", Article{Params: map[string]any{"x": func() {}}}},
		{"int keys", Article{Params: map[string]any{"x": map[int]string{1: "a"}}}},
		{"invalid utf8 key", Article{Params: map[string]any{"\xff": "a"}}},
		{"invalid utf8 table key", Article{Params: map[string]any{"\xff": map[string]any{}}}},
		{"invalid utf8 param", Article{Params: map[string]any{"k": "\xff"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := tt.a.Encode(&buf)
			require.ErrorIs(t, err, ErrEncode)
			assert.Zero(t, buf.Len(), "nothing is written on error")
		})
	}
	cyclic := map[string]any{}
	cyclic["self"] = cyclic
	assert.ErrorIs(t, (&Article{Params: cyclic}).Encode(&bytes.Buffer{}), ErrEncode)

	assert.ErrorContains(t, (&Article{}).Encode(failWriter{}), "disk full")
}

func TestEncodeCanonicalIsFixpoint(t *testing.T) {
	// Whatever Parse accepts, its encoding is canonical: encoding the
	// parse of an encoding gives the same bytes.
	for _, in := range []string{
		"\uFEFF\r\n+++ \r\ntitle = 'lit'\r\ndate = 2025-07-24 14:10:31\r\nx = [1,2,]\r\n+++\r\n\r\nbody\r\n",
		"+++\n[a.b]\nc = 1\n[[arr]]\nx = 1\n[[arr]]\ny = 2\n+++\n",
		"+++\ns = \"\"\"\nmulti\nline\"\"\"\n+++\n",
	} {
		a, err := Parse(strings.NewReader(in))
		require.NoError(t, err, in)
		first := encode(t, a)
		b, err := Parse(bytes.NewReader(first))
		require.NoError(t, err, string(first))
		requireSameArticle(t, a, b)
		assert.Equal(t, string(first), string(encode(t, b)))
	}
}
