package article

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSourceKeys: the source record gives back the byte span of every
// top-level key and of its value, in files with a byte order mark, CRLF
// line ends and blank lines, quoted keys, dotted keys and tables.
func TestSourceKeys(t *testing.T) {
	for _, pre := range []string{"", "\uFEFF", "\n\n"} {
		for _, nl := range []string{"\n", "\r\n"} {
			fm := strings.Join([]string{
				`title = "A \"quoted\" title"`,
				`  date = 2025-07-24T14:10:31Z # comment`,
				`"article_id" = 7`,
				`tags = ["a", "b"]`,
				`inline = { a = 1, b = [2] }  # comment`,
				`site.name = "x"`,
				`site.x = 1`,
				`[extra]`,
				`url = "not top-level"`,
				`[[Items]]`,
				`n = 1`,
				`[extra.sub]`,
				`[[Items]]`,
				`['lit']`,
				`["esc\u0041"]`,
				`[site.more]`,
			}, nl)
			text := pre + "+++" + nl + fm + nl + "+++" + nl + nl + "<p>x</p>"
			a, err := Parse(strings.NewReader(text))
			require.NoError(t, err)
			type kv struct{ name, key, value string }
			var got []kv
			for _, k := range a.src.keys() {
				got = append(got, kv{k.name, text[k.key.start:k.key.end], text[k.value.start:k.value.end]})
			}
			assert.Equal(t, []kv{
				{"title", "title", `"A \"quoted\" title"`},
				{"date", "date", "2025-07-24T14:10:31Z"},
				{"article_id", `"article_id"`, "7"},
				{"tags", "tags", `["a", "b"]`},
				{"inline", "inline", `{ a = 1, b = [2] }`},
				{"site", "site", ""},
				{"extra", "extra", ""},
				{"Items", "Items", ""},
				{"lit", "'lit'", ""},
				{"escA", `"esc\u0041"`, ""},
			}, got, "%q %q", pre, nl)
		}
	}
	assert.Nil(t, (&Article{}).src.keys(), "no source, no keys")
}

// TestTextPos: lines and byte columns, in one sweep.
func TestTextPos(t *testing.T) {
	text := "\uFEFFab\r\ncd\n\né"
	tp := textPos{text: text}
	for _, tt := range []struct{ off, line, col int }{
		{0, 1, 1}, {3, 1, 4}, {5, 1, 6}, {7, 2, 1}, {8, 2, 2}, {10, 3, 1}, {11, 4, 1}, {13, 4, 3}, {99, 4, 3},
	} {
		line, col := tp.at(tt.off)
		assert.Equal(t, [2]int{tt.line, tt.col}, [2]int{line, col}, "offset %d", tt.off)
	}
}

// TestEditKeepsDecoderOptions: an Article read with a Location or Zones
// keeps its layout when edited, as one read with the zero Decoder does:
// the check of the edited file reads its date with the same Zones
// (before, a date in a zone of Zones failed that check, and the whole file
// was written in the canonical layout, comments and order lost).
func TestEditKeepsDecoderOptions(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	tests := []struct {
		name string
		d    Decoder
		date string
	}{
		{"zero Decoder", Decoder{}, `"2025-07-24T14:10:31+02:00"`},
		{"string date in a Location", Decoder{Location: ny}, `"2025-07-24 14:10:31"`},
		{"native local date in a Location", Decoder{Location: ny}, "2025-07-24T14:10:31"},
		{"zone from Zones", Decoder{Zones: map[string]*time.Location{"EST": ny}}, `"Thu, 24 Jul 2025 14:10:31 EST"`},
		{"zone from RFC822Zones", Decoder{Zones: RFC822Zones()}, `"Thu, 24 Jul 2025 14:10:31 PDT"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "+++\n# from the wire\ntitle = \"Old\"\ndate = " + tt.date + " # as filed\ntags = [\"a\"]\n+++\n\n<p>body</p>\n"
			a, err := tt.d.Decode(strings.NewReader(src))
			require.NoError(t, err)
			date := a.Date
			assert.Equal(t, src, string(encode(t, a)), "unchanged")

			a.Title = "New"
			a.Params["tags"] = []any{"a", "b"}
			got := string(encode(t, a))
			want := strings.Replace(strings.Replace(src, "Old", "New", 1), `["a"]`, `["a", "b"]`, 1)
			assert.Equal(t, want, got)
			back, err := tt.d.Decode(strings.NewReader(got))
			require.NoError(t, err)
			assert.True(t, date.Equal(back.Date))
		})
	}
}

// TestArticleSize: Parse allocates one Article per file, and every byte of
// it is cleared and scanned by the collector; it fits the 448-byte size
// class. A field that pushes it past costs every Parse the next class.
func TestArticleSize(t *testing.T) {
	assert.LessOrEqual(t, reflect.TypeOf(Article{}).Size(), uintptr(448))
}
