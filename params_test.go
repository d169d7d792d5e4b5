package article

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/pelletier/go-toml/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const paramsFile = `+++
title = "Harbor Plan"
date = "2025-09-02T08:30:00Z"
article_id = 131072
tags = ["port", "climate"]
updated = 2025-09-03
weight = 2.5
stats.views = 1200
meta = { score = 7, labels = { lang = "en" } }

[author]
name = "Ada"
age = 36

[[related]]
id = 1
title = "Earlier"

[[related]]
id = 2
+++

<p>Body.</p>`

type paramsTarget struct {
	Title   string    `toml:"title"` // a schema key: never set
	Tags    []string  `toml:"tags"`
	Updated time.Time `toml:"updated"`
	Weight  float64   `toml:"weight"`
	Stats   struct {
		Views int `toml:"views"`
	} `toml:"stats"`
	Meta struct {
		Score  int               `toml:"score"`
		Labels map[string]string `toml:"labels"`
	} `toml:"meta"`
	Author struct {
		Name string `toml:"name"`
		Age  uint8  `toml:"age"`
	} `toml:"author"`
	Related []struct {
		ID    int    `toml:"id"`
		Title string `toml:"title"`
	} `toml:"related"`
	Missing string `toml:"missing"`
}

func TestDecodeParams(t *testing.T) {
	a, err := Parse(strings.NewReader(paramsFile))
	require.NoError(t, err)
	v := paramsTarget{Missing: "kept"}
	require.NoError(t, a.DecodeParams(&v))
	assert.Equal(t, "", v.Title, "schema keys are not params")
	assert.Equal(t, []string{"port", "climate"}, v.Tags)
	assert.Equal(t, time.Date(2025, 9, 3, 0, 0, 0, 0, time.Local), v.Updated, "go-toml reads local dates in time.Local")
	assert.Equal(t, 2.5, v.Weight)
	assert.Equal(t, 1200, v.Stats.Views)
	assert.Equal(t, 7, v.Meta.Score)
	assert.Equal(t, map[string]string{"lang": "en"}, v.Meta.Labels)
	assert.Equal(t, "Ada", v.Author.Name)
	assert.Equal(t, uint8(36), v.Author.Age)
	require.Len(t, v.Related, 2)
	assert.Equal(t, 1, v.Related[0].ID)
	assert.Equal(t, "Earlier", v.Related[0].Title)
	assert.Equal(t, 2, v.Related[1].ID)
	assert.Equal(t, "kept", v.Missing, "fields without a key are left alone")

	// A map gets Params, without the schema keys.
	var m map[string]any
	require.NoError(t, a.DecodeParams(&m))
	assert.Equal(t, a.Params, m)
	assert.NotContains(t, m, "title")

	// The same Article built in code decodes the same.
	b := &Article{Title: a.Title, Params: a.Params}
	var w paramsTarget
	require.NoError(t, b.DecodeParams(&w))
	v.Missing = ""
	assert.Equal(t, v, w)
}

func TestDecodeParamsErrors(t *testing.T) {
	for _, tt := range []struct {
		name      string
		fm        string // front matter lines after title
		target    any
		line, col int
		key       string
	}{
		{"top-level", "count = \"x\"", &struct {
			Count int `toml:"count"`
		}{}, 3, 1, "count"},
		{"indented", "  count   =   \"x\"", &struct {
			Count int `toml:"count"`
		}{}, 3, 3, "count"},
		{"table", "[author]\nname = \"Ada\"\nage = \"old\"", &struct {
			Author struct {
				Age int `toml:"age"`
			} `toml:"author"`
		}{}, 5, 1, "author.age"},
		{"range", "[author]\nage = 300", &struct {
			Author struct {
				Age uint8 `toml:"age"`
			} `toml:"author"`
		}{}, 4, 1, "author.age"},
		{"dotted", "x = 1\nstats.views = \"many\"", &struct {
			Stats struct {
				Views int `toml:"views"`
			} `toml:"stats"`
		}{}, 4, 7, "stats.views"},
		{"inline", "meta = { a = 1, views = \"x\" }", &struct {
			Meta struct {
				Views int `toml:"views"`
			} `toml:"meta"`
		}{}, 3, 17, "meta.views"},
		{"nested inline", "meta = { in = { n = true } }", &struct {
			Meta struct {
				In struct {
					N string `toml:"n"`
				} `toml:"in"`
			} `toml:"meta"`
		}{}, 3, 17, "meta.in.n"},
		{"array of tables", "[[related]]\nid = 1\n[[related]]\nid = \"two\"", &struct {
			Related []struct {
				ID int `toml:"id"`
			} `toml:"related"`
		}{}, 4, 1, "related.id"},
		{"table for a string", "[author]\nname = \"Ada\"", &struct {
			Author string `toml:"author"`
		}{}, 3, 2, "author"},
		{"string for a table", "author = \"Ada\"", &struct {
			Author struct{ Name string } `toml:"author"`
		}{}, 3, 1, "author"},
		{"array for a string", "tags = [1, 2]", &struct {
			Tags []string `toml:"tags"`
		}{}, 3, 1, "tags"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := "+++\ntitle = \"t\"\n" + tt.fm + "\n+++\n\nbody"
			a, err := Parse(strings.NewReader(src))
			require.NoError(t, err)
			err = a.DecodeParams(tt.target)
			require.Error(t, err)
			var pe *ParseError
			require.True(t, errors.As(err, &pe), "%v", err)
			assert.Equal(t, tt.line, pe.Line, "%v", err)
			assert.Equal(t, tt.col, pe.Column, "%v", err)
			assert.Equal(t, tt.key, pe.Key)
			assert.ErrorIs(t, err, ErrType)
			// The same values built in code: the key, no position.
			b := &Article{Params: a.Params}
			err = b.DecodeParams(tt.target)
			require.Error(t, err)
			assert.False(t, errors.As(err, &pe), "%v", err)
			assert.ErrorIs(t, err, ErrType)
			assert.Contains(t, err.Error(), "params: "+tt.key+": ")
		})
	}
}

func TestDecodeParamsPositions(t *testing.T) {
	// CRLF, a byte order mark, blank lines before the front matter and
	// multi-byte text before the key: lines count from the top of the
	// file, columns in bytes.
	src := "\uFEFF\r\n\r\n+++\r\ntitle = \"Zürich\"\r\nnote = \"é\"; n = \"x\"\r\n+++\r\n\r\nbody"
	src = strings.Replace(src, `note = "é"; n = "x"`, "m = { \"é\" = 1, n = \"x\" }", 1)
	a, err := Parse(strings.NewReader(src))
	require.NoError(t, err)
	var v struct {
		M struct {
			N int `toml:"n"`
		} `toml:"m"`
	}
	err = a.DecodeParams(&v)
	var pe *ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, 5, pe.Line)
	assert.Equal(t, len(`m = { "é" = 1, `)+1, pe.Column)
	assert.Equal(t, "5:17: m.n: wrong type: cannot decode TOML string into struct field struct { N int \"toml:\\\"n\\\"\" }.N of type int", err.Error())

	// A key added after Parse has no position in the file.
	a.Params["added"] = "x"
	var w struct {
		Added int `toml:"added"`
	}
	err = a.DecodeParams(&w)
	require.Error(t, err)
	assert.False(t, errors.As(err, &pe))
	assert.ErrorIs(t, err, ErrType)
	assert.Contains(t, err.Error(), "added")
}

func TestDecodeParamsMisuse(t *testing.T) {
	a := &Article{Params: map[string]any{"n": int64(1)}}
	var n int
	assert.Error(t, a.DecodeParams(n), "not a pointer")
	assert.Error(t, a.DecodeParams(nil))

	var nilArticle *Article
	var m map[string]any
	assert.NoError(t, nilArticle.DecodeParams(&m))
	assert.Empty(t, m)
	assert.NoError(t, (&Article{}).DecodeParams(&m))
	assert.Empty(t, m)

	bad := &Article{Params: map[string]any{"c": make(chan int)}}
	assert.ErrorIs(t, bad.DecodeParams(&m), ErrEncode)

	// Values of every kind that Parse puts in Params survive.
	c := &Article{Params: map[string]any{
		"d":  toml.LocalDate{Year: 2025, Month: 7, Day: 1},
		"t":  toml.LocalTime{Hour: 8, Minute: 30},
		"dt": time.Date(2025, 7, 1, 8, 30, 0, 0, time.FixedZone("", 7200)),
		"l":  []any{int64(1), "two", []any{3.5}},
	}}
	var got map[string]any
	require.NoError(t, c.DecodeParams(&got))
	assert.Equal(t, c.Params, got)
}
