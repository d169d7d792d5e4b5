package article

import (
	"encoding/json"
	"errors"
	"io"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMarshalJSONRefusesWhatEncodeRefuses: one rule for both, with the
// same error; JSON's own refusals are ErrJSON.
func TestMarshalJSONRefusesWhatEncodeRefuses(t *testing.T) {
	deep := map[string]any{"x": 1}
	for range MaxNesting + 1 {
		deep = map[string]any{"x": deep}
	}
	at := func(y int, off int) time.Time { return time.Date(y, 1, 2, 3, 4, 5, 0, time.FixedZone("", off)) }
	tests := []struct {
		name string
		a    Article
	}{
		{"offset with seconds", Article{Date: at(2025, 30)}},
		{"offset past a day", Article{Date: at(2025, 24*3600)}},
		{"year 10000", Article{Date: at(10000, 0)}},
		{"year -1", Article{Date: at(-1, 0)}},
		{"invalid UTF-8 title", Article{Title: "a\xffb"}},
		{"invalid UTF-8 source", Article{Source: "\xe2\x82"}},
		{"schema key in params", Article{Params: map[string]any{"title": "x"}}},
		{"nil in params", Article{Params: map[string]any{"x": nil}}},
		{"uint past int64", Article{Params: map[string]any{"x": uint64(math.MaxUint64)}}},
		{"date in params", Article{Params: map[string]any{"x": []any{at(2025, 59)}}}},
		{"invalid UTF-8 in params", Article{Params: map[string]any{"x": "\xff"}}},
		{"invalid UTF-8 key in params", Article{Params: map[string]any{"\xff": "x"}}},
		{"too deep", Article{Params: deep}},
		{"a channel", Article{Params: map[string]any{"x": make(chan int)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			encErr := tt.a.Encode(io.Discard)
			require.ErrorIs(t, encErr, ErrEncode)
			b, err := tt.a.MarshalJSON()
			assert.Nil(t, b)
			require.ErrorIs(t, err, ErrEncode)
			assert.Equal(t, encErr.Error(), err.Error())
		})
	}

	// What JSON alone cannot write.
	for name, a := range map[string]Article{
		"NaN":            {Params: map[string]any{"x": math.NaN()}},
		"infinity":       {Params: map[string]any{"x": map[string]any{"y": math.Inf(-1)}}},
		"invalid body":   {Body: "<p>\xff</p>"},
		"float32 NaN":    {Params: map[string]any{"x": float32(math.NaN())}},
		"float32 in map": {Params: map[string]any{"x": map[string]float32{"y": float32(math.Inf(1))}}},
	} {
		require.NoError(t, a.Encode(io.Discard), name)
		_, err := a.MarshalJSON()
		assert.ErrorIs(t, err, ErrJSON, name)
	}
}

// TestUnmarshalJSONRefuses: schema keys inside params, keys written twice
// at any depth, and what Encode would refuse.
func TestUnmarshalJSONRefuses(t *testing.T) {
	deep := `{"params":{"a":` + strings.Repeat(`[`, MaxNesting+1) + strings.Repeat(`]`, MaxNesting+1) + `}}`
	for _, tt := range []struct{ in, msg string }{
		{`{"params":{"title":"x"}}`, "params.title: a key of the schema"},
		{`{"params":{"article_id":1,"x":2}}`, "params.article_id: a key of the schema"},
		{`{"title":"a","title":"b"}`, "title: duplicate key"},
		{`{"params":{"x":1},"params":{"y":2}}`, "params: duplicate key"},
		{`{"params":{"x":{"a":1,"a":2}}}`, "params.x.a: duplicate key"},
		{`{"params":{"x":[{"a":1,"a":2}]}}`, "params.x.0.a: duplicate key"},
		{`{"params":{"x":1,"x":1}}`, "params.x: duplicate key"},
		{`{"title":"a"} {}`, "data after the object"},
		{`{"title":"a"}x`, "data after the object"},
		{`{"title":"a"`, "EOF"},
		{deep, "nested more than"},
	} {
		orig := Article{Title: "keep"}
		a := orig
		err := a.UnmarshalJSON([]byte(tt.in))
		require.ErrorIs(t, err, ErrJSON, tt.in)
		assert.Contains(t, err.Error(), tt.msg, tt.in)
		assert.Equal(t, orig, a, "unchanged after %s", tt.in)
	}
	var a Article
	require.NoError(t, a.UnmarshalJSON([]byte(`{"params":{"Title":"x","x":{"title":"nested keys are not the schema's"}}}`+"\n\t ")))
	assert.Equal(t, map[string]any{"Title": "x", "x": map[string]any{"title": "nested keys are not the schema's"}}, a.Params)
}

// jsonWant returns what a Params value comes back as from JSON, computed
// apart from the code under test: integers as int64, TOML local dates and
// times as their text, time.Time as RFC 3339 text.
func jsonWant(v any) any {
	switch v := v.(type) {
	case int:
		return int64(v)
	case time.Time:
		return v.Format(time.RFC3339Nano)
	case toml.LocalDate, toml.LocalTime, toml.LocalDateTime:
		return v.(interface{ String() string }).String()
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = jsonWant(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = jsonWant(e)
		}
		return out
	}
	return v
}

// sameAsJSON fails unless got is want after a JSON round trip, field by
// field: the strings, flags and ids equal, the date the same instant in
// the same offset (or both zero), Params as jsonWant says.
func sameAsJSON(t *testing.T, want, got *Article, ctx any) {
	t.Helper()
	for _, f := range []struct {
		name      string
		want, got any
	}{
		{"title", want.Title, got.Title}, {"draft", want.Draft, got.Draft},
		{"summary", want.Summary, got.Summary}, {"description", want.Description, got.Description},
		{"source_link", want.SourceLink, got.SourceLink}, {"enclosure", want.Enclosure, got.Enclosure},
		{"article_id", want.ArticleID, got.ArticleID}, {"feed_item_id", want.FeedItemID, got.FeedItemID},
		{"url", want.URL, got.URL}, {"qrcode", want.QRCode, got.QRCode}, {"source", want.Source, got.Source},
		{"body", want.Body, got.Body},
	} {
		if f.want != f.got {
			t.Fatalf("%s: %q, back as %q (%q)", f.name, f.want, f.got, ctx)
		}
	}
	_, wo := want.Date.Zone()
	_, go_ := got.Date.Zone()
	if want.Date.IsZero() != got.Date.IsZero() || !want.Date.IsZero() && (!want.Date.Equal(got.Date) || wo != go_) {
		t.Fatalf("date: %v, back as %v (%q)", want.Date, got.Date, ctx)
	}
	var wp any = jsonWant(want.Params)
	if len(want.Params) == 0 {
		wp = map[string]any(nil)
	}
	if !reflect.DeepEqual(wp, got.Params) {
		t.Fatalf("params: %#v, back as %#v (%q)", wp, got.Params, ctx)
	}
}

// FuzzJSON: MarshalJSON succeeds exactly when Encode does (but for the two
// refusals of JSON's own), with Encode's error; its output is escaped for
// HTML and reads back field by field as the article written, checked
// against the article itself, not against a second marshalling. Any JSON
// UnmarshalJSON accepts can be encoded and marshalled, and comes back the
// same.
func FuzzJSON(f *testing.F) {
	f.Add([]byte(`{"title":"x","date":"2025-07-24T14:10:31+02:00","article_id":1,"params":{"a":[1,2.5,{"b":"c"}]},"body":"<p>"}`),
		"Meta <b>", "<p>a & b\u2028</p>", int64(1753366231), 7200, "tags", "x", 2.5)
	f.Add([]byte(`{"date":"Thu, 24 Jul 2025 14:10:31 GMT"}`), "t", "", int64(0), 30, "", "", 0.0)
	f.Add([]byte(`{"params":{"title":1}}`), "\xff", "\xff", int64(253402300800), 0, "title", "", math.NaN())
	f.Add([]byte(`{"params":{"x":{"a":1,"a":1}}}`), "", "b", int64(-62135596800-1), -(23*3600 + 59*60), "x", "\xe2\x82", math.Inf(1))
	f.Fuzz(func(t *testing.T, data []byte, title, body string, unix int64, off int, key, val string, fl float64) {
		a := &Article{Title: title, Body: body, Summary: val, ArticleID: unix, FeedItemID: int64(off)}
		if unix != 0 {
			a.Date = time.Unix(unix, int64(off)&0x3fffffff%1e9).In(time.FixedZone("", off))
		}
		if key != "" {
			a.Params = map[string]any{"f": fl, "l": []any{int64(off), val, map[string]any{key: true}}, key: val}
		}
		encErr := a.Encode(io.Discard)
		// JSON has no NaN or infinity (params["f"], unless key is "f"),
		// and no string of invalid UTF-8 (body, which Encode writes as is).
		badFloat := key != "" && key != "f" && (math.IsNaN(fl) || math.IsInf(fl, 0))
		jsonOnly := badFloat || !utf8.ValidString(body)
		b, err := a.MarshalJSON()
		switch {
		case encErr != nil:
			if err == nil || err.Error() != encErr.Error() || !errors.Is(err, ErrEncode) {
				t.Fatalf("Encode: %v; MarshalJSON: %v", encErr, err)
			}
		case jsonOnly:
			if !errors.Is(err, ErrJSON) {
				t.Fatalf("MarshalJSON of NaN, infinity or a bad body: %v", err)
			}
		case err != nil:
			t.Fatalf("Encode succeeds, MarshalJSON: %v", err)
		default:
			checkMarshalled(t, a, b)
		}

		var u Article
		if u.UnmarshalJSON(data) != nil {
			return
		}
		if err := u.Encode(io.Discard); err != nil {
			t.Fatalf("accepted %q, which Encode refuses: %v", data, err)
		}
		b, err = u.MarshalJSON()
		if err != nil {
			t.Fatalf("accepted %q but cannot marshal: %v", data, err)
		}
		checkMarshalled(t, &u, b)
	})
}

// checkMarshalled checks b, the JSON of a: valid, escaped for HTML, and
// read back (by UnmarshalJSON and by encoding/json) as a, field by field.
func checkMarshalled(t *testing.T, a *Article, b []byte) {
	t.Helper()
	if !json.Valid(b) {
		t.Fatalf("invalid JSON %q", b)
	}
	if i := strings.IndexAny(string(b), "<>&\u2028\u2029"); i >= 0 {
		t.Fatalf("unescaped %q in %q", b[i:min(i+3, len(b))], b)
	}
	var back Article
	if err := back.UnmarshalJSON(b); err != nil {
		t.Fatalf("cannot read own output %q: %v", b, err)
	}
	sameAsJSON(t, a, &back, b)

	// encoding/json reads the same strings, without our decoder.
	var plain map[string]any
	if err := json.Unmarshal(b, &plain); err != nil {
		t.Fatal(err)
	}
	if plain["title"] != a.Title || plain["body"] != a.Body || plain["url"] != a.URL || plain["summary"] != a.Summary {
		t.Fatalf("encoding/json reads %q otherwise", b)
	}
}
