package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestQuotePath(t *testing.T) {
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
		assert.Equal(t, c.path, quotePath(c.in), "%q", c.in)
		assert.Equal(t, c.text, safeText(c.in), "%q", c.in)
	}
	assert.Equal(t, stdinName, displayName("-"))
	assert.Equal(t, `"a\nb"`, displayName("a\nb"))
}

func TestOpenerLine(t *testing.T) {
	for _, c := range []struct {
		src  string
		line int
	}{
		{"+++\nx = 1\n+++\n", 1},
		{"\ufeff+++\n", 1},
		{"\n\n+++\n", 3},
		{"\r\n \t\r\n+++ \t\r\n", 3},
		{"\ufeff\n+++\n", 2},
		{"text\n+++\n", 1},
		{"\n\n", 1},
		{"", 1},
		{"\n \n", 1},
	} {
		assert.Equal(t, c.line, openerLine([]byte(c.src)), "%q", c.src)
	}
}
