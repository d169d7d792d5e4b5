package article

import (
	"strings"
	"testing"

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
