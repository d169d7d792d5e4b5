package safetext

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestQuoteEscape: what may break or forge a line of output is quoted in a
// path and escaped in a message; the rest of Unicode is kept as it is.
func TestQuoteEscape(t *testing.T) {
	for _, c := range []struct{ in, path, text string }{
		{"a/b.md", "a/b.md", "a/b.md"},
		{"é/ü 你好.md", "é/ü 你好.md", "é/ü 你好.md"},
		{"a\nb.md", `"a\nb.md"`, `a\nb.md`},
		{"a\tb", `"a\tb"`, `a\tb`},
		{"e\x1b[31m", `"e\x1b[31m"`, `e\x1b[31m`},
		{"del\x7f", `"del\x7f"`, `del\x7f`},
		{"bad\xff", `"bad\xff"`, `bad\xff`},
		{"c1\u0085", `"c1\u0085"`, `c1\u0085`},
		{"ls\u2028ps\u2029", `"ls\u2028ps\u2029"`, `ls\u2028ps\u2029`},
		{"bidi\u202egnp.md", `"bidi\u202egnp.md"`, `bidi\u202egnp.md`},
		{"iso\u2066x\u2069", `"iso\u2066x\u2069"`, `iso\u2066x\u2069`},
		{"mark\u200e\u200f\u061c", `"mark\u200e\u200f\u061c"`, `mark\u200e\u200f\u061c`},
		{"ok\u00a0\u2027\u202f\u206a", "ok\u00a0\u2027\u202f\u206a", "ok\u00a0\u2027\u202f\u206a"},
		{"\u009f\u00a0", `"\u009f\u00a0"`, `\u009f` + "\u00a0"},
	} {
		assert.Equal(t, c.path, Quote(c.in), "%q", c.in)
		assert.Equal(t, c.text, Escape(c.in), "%q", c.in)
		assert.Equal(t, c.path != c.in, NeedsQuote(c.in), "%q", c.in)
		assert.Equal(t, "x"+c.text, string(AppendEscape([]byte("x"), c.in)), "%q", c.in)
	}
}
