package article

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// scannerShapes are front matter blocks at the edges of what the scanner
// reads itself and what it leaves to go-toml's parser: each kind of key,
// scalar, array, inline table and header, just inside and just outside.
var scannerShapes = []string{
	// keys
	"\"quoted\" = 1\n'literal' = 2\n\"with space\" = 3\n\"\" = 4", "\"esc\\\"aped\" = 1", "\"\\u00e9\" = 1",
	"a.b.c = 1\na.b.d = 2\na . e = 3\n\"a\".'f' = 4", "a.b = 1\na.b.c = 2", "a. = 1", "a..b = 1", ".a = 1",
	"title.x = 1", "\"title\" = \"t\"", "'date' = 2024-01-02", "a = 1\n\"a\" = 2",
	// strings
	"s = \"\"\nt = ''", "s = \"a\\tb\\\\c\\\"d\"", "s = \"\\e\"", "s = \"\\x41\"", "s = 'it''s'",
	"s = \"\"\"\nline 1\nline 2\"\"\"", "s = '''\nline 1\n'''", "s = \"\"\"a\"\"\"\"", "s = \"\"\"a\"\"\"\"\"", "s = \"\"\"a\"\"\"\"\"\"",
	"s = '''a''''", "s = '''a'''''", "s = \"\"\"\"\"\"", "s = \"\"\"\r\nx\"\"\"", "s = '''\\n'''", "s = \"\"\"\\n\"\"\"",
	"s = \"\"\"\tx\"\"\"", "s = \"\"\"é\"\"\"", "s = \"\"\"\x01\"\"\"", "s = \"\"\"unterminated", "s = \"\"\"x\"\"\" y",
	"s = \"\xff\"", "s = '\x7f'", "s = \"é ☃ 😀\"",
	// numbers
	"i = +1\nj = -1\nk = 1_000\nl = -0\nm = +0\nn = 0", "i = 1_", "i = _1", "i = 1__0", "i = 00", "i = -01", "i = +",
	"i = 9223372036854775807\nj = -9223372036854775808", "i = 9223372036854775808", "i = 0x1f\nj = 0o7\nk = 0b1",
	"f = 1.0\ng = -1.5\nh = 1e3\ni = 1E+3\nj = 1e-3\nk = 6.02e23\nl = -0.0", "f = 1_0.5_5", "f = 1e1_0", "f = 1.e3",
	"f = .5", "f = 5.", "f = 1e", "f = 1e+", "f = inf\ng = -inf\nh = +inf\ni = nan\nj = -nan\nk = +nan", "f = infinity", "f = 1e999",
	"f = 0.1e-400", "b = true\nc = false", "b = True", "b = truex", "b = tru",
	// dates
	"d = 2024-01-02\ne = 2024-01-02T03:04:05\nf = 2024-01-02T03:04:05Z\ng = 2024-01-02T03:04:05+05:30",
	"d = 2024-01-02 03:04:05\ne = 2024-01-02t03:04:05z\nf = 2024-01-02T03:04:05.123456789-07:00",
	"d = 2024-01-02 # c\ne = 2024-01-02 x", "d = 2024-01-02 03:04", "d = 2024-01-02T03:04", "d = 2024-1-02",
	"d = 2024-02-30", "d = 2024-01-02T24:00:00", "d = 2024-01-02T03:04:05+24:00", "d = 2024-01-02T03:04:05+0530",
	"t = 03:04:05\nu = 03:04:05.5\nv = 23:59:60", "t = 03:04", "t = 03:04:05Z", "t = 3:04:05",
	"f = 2024-01-02T03:04:05.1234567891234Z", "d = 12345-01-02", "d = 2024-01-02T03:04:05.Z",
	"date = 2024-01-02\ntitle = 'x'", "date = 2024-01-02T03:04:05+02:00", "date = 03:04:05", "date = 2024-13-01",
	"date = \"2024-01-02\"", "date = 1", "draft = 1", "article_id = \"1\"", "article_id = 1_000", "article_id = +5",
	"feed_item_id = 9223372036854775808", "title = 1", "title = \"\"\"\nx\"\"\"", "title = \"a\"\ntitle = \"b\"",
	// arrays
	"a = [1, 2, 3]\nb = ['x', \"y\"]\nc = [\n  1,\n  2, # two\n]\nd = [ ]\ne = [\n]", "a = [1, [2]]", "a = [{x = 1}]",
	"a = [1,]", "a = [,]", "a = [1 2]", "a = [1,,2]", "a = [\n# c\n1]", "a = [1 # c é\n]", "a = [1 # \x01\n]",
	"a = [\r\n1,\r\n]", "a = [1, 'x', 2024-01-02, 1.5, true]", "a = [1", "a = [1]]",
	// inline tables
	"t = {}\nu = { }\nv = {a = 1}\nw = { a = 1, 'b' = \"x\", c = [1, 2] }", "t = {a = 1,}", "t = {a = 1, a = 2}",
	"t = {a.b = 1}", "t = {a = {b = 1}}", "t = {\na = 1}", "t = {a = 1} x", "t = {a = 1}\nt.b = 2", "t = {a = 1}\n[t]",
	"t = {a = 1 b = 2}", "t = {a = 1, }", "t = { , }",
	// headers
	"[a]\nx = 1\n[\"b c\"]\ny = 2\n[ a . 'd' ]\nz = 3", "[[a]]\nx = 1\n[[ a ]]\nx = 2", "[[a] ]", "[ [a]]", "[a]]", "[a] x",
	"[a.\"b\".c]\n[a.b]", "[]", "[[]]", "[a.]", "['title']", "[\"draft\".x]",
	// comments and line endings
	"a = 1 # é ☃\n# ünïcödé\nb = 2", "a = 1 # \xff", "a = 1 # \x7f", "# \r\na = 1", "a = 1\r\nb = [\r\n  2,\r\n]\r\n",
	"a = 1\rb = 2",
}

func TestScannerMatchesParser(t *testing.T) {
	for _, fm := range append(scannerShapes, generalShapes...) {
		t.Run(fm, func(t *testing.T) {
			checkScannerMatchesParser(t, fm)
			checkGeneralMatchesGoToml(t, fm)
		})
	}
}

// checkScannerMatchesParser decodes fm with the scanner and with go-toml's
// parser alone: the same Article and Params, or the same error, position
// and message, for every Decoder option that changes what the scanner does.
func checkScannerMatchesParser(t *testing.T, fm string) {
	t.Helper()
	src := "+++\n" + fm + "\n+++\n"
	l, err := split(src)
	if err != nil {
		return
	}
	for _, d := range []Decoder{{}, {DisallowUnknownKeys: true}} {
		var a, b Article
		scanErr := d.decodeGeneral(&a, src, l)
		d.parserOnly = true
		parseErr := d.decodeGeneral(&b, src, l)
		if parseErr != nil {
			require.Error(t, scanErr, "the scanner accepts what the parser rejects: %v\n%s", parseErr, fm)
			require.Equal(t, parseErr.Error(), scanErr.Error(), "%s", fm)
			continue
		}
		require.NoError(t, scanErr, "%s", fm)
		require.Equal(t, canonValue(b.Params), canonValue(a.Params), "%s", fm)
		pa, pb := a.Params, b.Params
		a.Params, b.Params = nil, nil
		requireSameArticle(t, &b, &a)
		a.Params, b.Params = pa, pb
	}
}

// FuzzScannerMatchesParser: whatever the scanner reads itself decodes as
// go-toml's parser does, and where it gives up, the parser's error is the
// same; on top of that, both match go-toml's own decoder
// (checkGeneralMatchesGoToml).
func FuzzScannerMatchesParser(f *testing.F) {
	for _, fm := range append(scannerShapes, generalShapes...) {
		f.Add(fm)
	}
	f.Fuzz(func(t *testing.T, fm string) {
		if len(fm) > 1<<16 || strings.Count(fm, ".") > MaxNesting {
			return
		}
		checkScannerMatchesParser(t, fm)
		checkGeneralMatchesGoToml(t, fm)
	})
}
