package article

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pelletier/go-toml/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// exported returns a copy of a's exported fields, without its source, so
// that articles can be compared with assert.Equal.
func exported(a *Article) Article {
	return Article{
		Title: a.Title, Date: a.Date, Draft: a.Draft, Summary: a.Summary,
		Description: a.Description, SourceLink: a.SourceLink, Enclosure: a.Enclosure,
		ArticleID: a.ArticleID, FeedItemID: a.FeedItemID, URL: a.URL, QRCode: a.QRCode,
		Source: a.Source, Params: a.Params, Body: a.Body,
	}
}

func TestMarshalJSONShape(t *testing.T) {
	a := &Article{
		Title:      `Meta "Declines" <b>`,
		Date:       time.Date(2025, 7, 24, 14, 10, 31, 0, time.FixedZone("", 2*3600)),
		ArticleID:  116410,
		FeedItemID: 17489,
		URL:        "/202507/116410-x",
		Body:       "<p>a & b</p>\n",
	}
	b, err := a.MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, `{"title":"Meta \"Declines\" \u003cb\u003e","date":"2025-07-24T14:10:31+02:00","draft":false,`+
		`"summary":"","description":"","source_link":"","enclosure":"","article_id":116410,`+
		`"feed_item_id":17489,"url":"/202507/116410-x","qrcode":"","source":"",`+
		`"body":"\u003cp\u003ea \u0026 b\u003c/p\u003e\n"}`, string(b))
	assert.True(t, json.Valid(b))

	// MarshalJSON escapes as json.Marshal does, and an Encoder told not to
	// escape HTML leaves the escapes in place.
	b2, err := json.Marshal(a)
	require.NoError(t, err)
	assert.Equal(t, string(b), string(b2))
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	require.NoError(t, enc.Encode(a))
	assert.Equal(t, string(b)+"\n", buf.String())

	// The zero date is "", params appear when set, floats keep a point.
	a = &Article{Params: map[string]any{"n": int64(3), "f": 3.0, "tags": []any{"x", true}, "t": map[string]any{"k": "v"}}}
	b, err = a.MarshalJSON()
	require.NoError(t, err)
	assert.Contains(t, string(b), `"date":""`)
	assert.Contains(t, string(b), `"params":{"f":3.0,"n":3,"t":{"k":"v"},"tags":["x",true]}`)
}

func TestJSONRoundTrip(t *testing.T) {
	files, err := filepath.Glob("testdata/articles/*.md")
	require.NoError(t, err)
	parse, err := filepath.Glob("testdata/parse/*.md")
	require.NoError(t, err)
	files = append(files, parse...)
	require.NotEmpty(t, files)
	n := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		a, err := Parse(bytes.NewReader(src))
		if err != nil {
			continue
		}
		if hasTOMLDates(a.Params) {
			continue // documented: they come back as strings
		}
		n++
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := a.MarshalJSON()
			require.NoError(t, err)
			var back Article
			require.NoError(t, json.Unmarshal(b, &back))
			assertSameArticle(t, exported(a), back)
		})
	}
	assert.Greater(t, n, 3)

	built := &Article{
		Title:  "Ünïcode — “quotes” and \u2028",
		Date:   time.Date(2026, 1, 2, 3, 4, 5, 600, time.FixedZone("", -(4*3600+30*60))),
		Draft:  true,
		Source: "x",
		Params: map[string]any{
			"big": int64(1 << 62), "neg": int64(-5), "pi": 3.14159, "e": 1e300,
			"nested": map[string]any{"list": []any{int64(1), 2.5, "s", []any{}}, "empty": map[string]any{}},
		},
		Body: "<p>\x00 control \t chars</p>",
	}
	b, err := built.MarshalJSON()
	require.NoError(t, err)
	var back Article
	require.NoError(t, back.UnmarshalJSON(b))
	assertSameArticle(t, *built, back)
}

// assertSameArticle compares two articles, dates by instant and offset.
func assertSameArticle(t *testing.T, want, got Article) {
	t.Helper()
	assert.True(t, want.Date.Equal(got.Date), "date %v != %v", want.Date, got.Date)
	_, wo := want.Date.Zone()
	_, goff := got.Date.Zone()
	assert.Equal(t, wo, goff, "offset")
	want.Date, got.Date = time.Time{}, time.Time{}
	if len(want.Params) == 0 {
		want.Params = nil
	}
	assert.Equal(t, want, got)
}

func hasTOMLDates(v any) bool {
	switch v := v.(type) {
	case time.Time, toml.LocalDate, toml.LocalDateTime, toml.LocalTime:
		return true
	case []any:
		for _, e := range v {
			if hasTOMLDates(e) {
				return true
			}
		}
	case map[string]any:
		for _, e := range v {
			if hasTOMLDates(e) {
				return true
			}
		}
	}
	return false
}

func TestJSONDatesInParams(t *testing.T) {
	a := &Article{Params: map[string]any{
		"t":  time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC),
		"ld": toml.LocalDate{Year: 2025, Month: 1, Day: 2},
	}}
	b, err := a.MarshalJSON()
	require.NoError(t, err)
	assert.Contains(t, string(b), `"params":{"ld":"2025-01-02","t":"2025-01-02T03:04:05Z"}`)
	var back Article
	require.NoError(t, back.UnmarshalJSON(b))
	assert.Equal(t, map[string]any{"ld": "2025-01-02", "t": "2025-01-02T03:04:05Z"}, back.Params)
}

func TestJSONErrors(t *testing.T) {
	_, err := (&Article{Params: map[string]any{"x": []any{1.0, nanValue()}}}).MarshalJSON()
	require.ErrorIs(t, err, ErrJSON)
	assert.Contains(t, err.Error(), "params.x: 1:")

	for _, in := range []string{
		``, `[]`, `null`, `{"title":1}`, `{"article_id":"1"}`, `{"article_id":1.5}`,
		`{"date":"2025-07-24 EDT"}`, `{"date":"yesterday"}`, `{"nope":1}`, `{"params":[1]}`,
		`{"params":{"x":null}}`, `{"params":{"x":1e999}}`, `{"draft":"yes"}`,
		`{"params":` + strings.Repeat(`{"a":`, 200) + `1` + strings.Repeat(`}`, 201),
	} {
		orig := Article{Title: "keep"}
		a := orig
		err := a.UnmarshalJSON([]byte(in))
		assert.ErrorIs(t, err, ErrJSON, "%s", in)
		assert.Equal(t, orig, a, "unchanged after %s", in)
	}

	// Missing keys and nulls are zero values; huge integers become floats.
	var a Article
	require.NoError(t, a.UnmarshalJSON([]byte(`{"title":null,"date":null,"params":{"n":123456789012345678901234}}`)))
	assert.Equal(t, Article{Params: map[string]any{"n": 1.2345678901234568e+23}}, a)
}

func nanValue() float64 {
	zero := 0.0
	return zero / zero
}

// appendJSONString escapes as encoding/json does by default.
func TestAppendJSONString(t *testing.T) {
	for _, s := range []string{
		"", "plain", `"q" \ b`, "<p>&</p>", "\x00\x01\x1f\x7f", "\b\f\n\r\t", "é 東京 😀",
		"bad \xff\xfe utf8 \xe2\x82", "\u2028\u2029", strings.Repeat("a\"", 100), "<script>&amp;</script>",
	} {
		var buf bytes.Buffer
		require.NoError(t, json.NewEncoder(&buf).Encode(s))
		assert.Equal(t, strings.TrimSuffix(buf.String(), "\n"), string(appendJSONString(nil, s)), "%q", s)
	}
}

func FuzzAppendJSONString(f *testing.F) {
	f.Add("a\"b\\c\x00\u2028\xff")
	f.Fuzz(func(t *testing.T, s string) {
		var buf bytes.Buffer
		if err := json.NewEncoder(&buf).Encode(s); err != nil {
			t.Fatal(err)
		}
		if want, got := strings.TrimSuffix(buf.String(), "\n"), string(appendJSONString(nil, s)); want != got {
			t.Fatalf("%q: got %s, want %s", s, got, want)
		}
	})
}

func BenchmarkMarshalJSON(b *testing.B) {
	src, err := os.ReadFile("testdata/bench/article.md")
	require.NoError(b, err)
	a, err := Parse(bytes.NewReader(src))
	require.NoError(b, err)
	out, err := a.MarshalJSON()
	require.NoError(b, err)
	b.Run("marshal", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(out)))
		for b.Loop() {
			if _, err := a.MarshalJSON(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("unmarshal", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(out)))
		for b.Loop() {
			var back Article
			if err := back.UnmarshalJSON(out); err != nil {
				b.Fatal(err)
			}
		}
	})
}
