package article

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/pelletier/go-toml/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// generalShapes are front matter blocks for the general decoder: every
// kind of value, table and key rule of TOML, valid and not.
var generalShapes = []string{
	"a = 1\nb = -0x0\nc = 0o17\nd = 0b101\ne = +1_000\nf = 9223372036854775807\ng = -9223372036854775808",
	"a = 9223372036854775808", "a = -9223372036854775809", "a = 0x8000000000000000", "a = 0o1777777777777777777777", "a = 0b" + strings.Repeat("1", 64),
	"f = [1.5, -0.0, 1e300, 1e-300, 6.02_214e23, inf, -inf, nan, +nan, 1E5, 0.1]", "f = 1e400", "f = -1e400",
	"t = 1979-05-27T07:32:00Z\nu = 1979-05-27T00:32:00.999999-07:00\nv = 1979-05-27 07:32:00+00:00\nw = 1979-05-27t07:32z",
	"ld = 1979-05-27\nlt = 07:32:00\nlt2 = 00:32:00.999999999999\nldt = 1979-05-27T07:32:00\nnosecs = 07:32\nnosecs2 = 1979-05-27T07:32",
	"t = 1979-02-30T07:32:00Z", "t = 1979-05-27T25:32:00Z", "t = 1979-05-27T07:32:00+24:00", "t = 1979-05-27T07:32:00-23:59",
	"d = 1979-13-01", "d = 2024-02-29\ne = 2023-02-29", "lt = 24:00:00", "lt = 23:60:00", "lt = 23:59:60",
	"s = \"a\\u00e9\\U0001F600\\n\"\nl = 'C:\\path'\nm = '''\nx\n'''\nn = \"\"\"\\\n  y\"\"\"",
	"b = true\nc = false", "arr = []\nmixed = [1, \"a\", [2], {x = 1}]",
	"[t]\na = 1\n[t.u]\nb = 2\n[v]", "[a.b.c]\nx = 1\n[a]\ny = 2", "[a]\n[a]", "[a.b]\n[a]\nb = 1",
	"a.b = 1\n[a]", "a.b = 1\n[a.c]\nx = 1", "a = 1\n[a.b]", "a = {x = 1}\n[a]", "a = {x = 1}\na.y = 2",
	"a.b = 1\na.c = 2\na.d.e = 3", "a.b = 1\na = 2", "a = 1\na.b = 2", "a.b.c = 1\na.b = 2",
	"[[a]]\nx = 1\n[[a]]\nx = 2", "[[a]]\n[a]", "[a]\n[[a]]", "a = [1]\n[[a]]", "a = 1\n[[a]]",
	"[[a]]\n[a.b]\nx = 1\n[[a]]\n[a.b]\nx = 2", "[[a.b]]\nx = 1\n[[a.b]]\nx = 2\n[a]\ny = 3",
	"[[a]]\n[[a.b]]\nx = 1\n[[a]]\n[[a.b]]\nx = 2\n[[a.b]]", "[[a]]\nb.c = 1\n[[a]]\nb.c = 2",
	"[[a]]\n[a.b]\n[a.b]", "[a.b]\n[[a.b]]", "[[a.b]]\n[a.b]",
	"x = {a.b = 1, a.c = 2}", "x = {a = 1, a = 2}", "x = {a.b = 1, a = 2}", "x = {a = {b = 1}, a.c = 2}",
	"x = [{a = 1, a = 2}]", "x = [{a = 1}, {a = 1}]", "x = [[{a = 1, a = 2}]]", "x = {a = 0x8000000000000000, a = 1}",
	"x = [0x8000000000000000, 1979-13-01]", "x = {a = 1}\nx = 2", "\"quoted key\" = 1\n'lit.key' = 2\n\"a\".\"b\" = 3\n\"\" = 4",
	"a . b = 1\n[ c . d ]\ne = 2", "[\"x.y\"]\nz = 1", "# comment\na = 1 # trailing\n\n[t] # c\n",
	"a = [\n  1, # one\n  2,\n]", "x = {a = 1,}", "x = {\n a = 1\n}",
	"a = 1\nb = =", "a = \"unterminated", "a = 1 b = 2", "[t\na = 1", "a = [1, 2", "= 1", "a = 01", "a = 1__0", "a = \"\\q\"",
	"title = \"t\"\n[extra]\ntitle = \"x\"", "k = 1\nk2 = 2\n[tables.a]\nk = 1\n[tables.b]\nk = 2",
	"a = 1\r\nb = 'x' # c\r\nc = true\n\td = 0\ne = \"\\t\"\na = 2", "a = 1\na = 'x'", "a = 1 # é\nb = 2",
	"a = [1, 'x', \"y\\n\", true, 2.5,]\nb = [ ]\nc = []\nd = [0.1, 10.25, 0.0]", "a = [1,,2]", "a = [1 2]", "a = [1] x",
	"a = 1.5e3\nb = 1.5E-3\nc = 1_0.5", "a = 01.5", "a = 1.", "a = 1._5", "a = 1.5_0", "a = [1, [2]]", "a = [1, # c\n 2]",
	"a = 123456789012345678901234.5", "a = 12345678901234567.5", "a = 0.1000000000000000055511151231257827",
	"[ a ]\n[a . b]\n[\"a\".c]", "[a]b = 1", "[a] # c\n[[b]] # d\n[[b]]\n[b.c]\n[b.c]", "[[a.b]]\n[[a.b]]\n[a]\n[a.b.c]\nx = 1",
	"[title]", "[title.x]", "[[draft]]", "[x.title]\ntitle = 1", "x.y = 1\n[x.y]", "[a]\n[a.b]\n[a.b.c]\n[a]",
	"[t]\nx = 1\nx = 2", "title = 1", "x = 1\ntitle = \"t\"\ntitle = \"u\"",
	manyTables(40, "[t%d]\nx = %d\n") + "[t3]\n", manyTables(40, "[[a]]\nb.c%d = %d\n") + "[a.b]\n",
	manyTables(30, "[a.t%d]\nx.y = %d\n") + "[a.t7.x]\n", manyTables(30, "x%d = {a.b = %d}\n") + "x3.a.c = 1\n",
}

// manyTables repeats format (with %d twice) for 0 … n-1.
func manyTables(n int, format string) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, format, i, i)
	}
	return b.String()
}

func TestGeneralMatchesGoToml(t *testing.T) {
	for _, fm := range generalShapes {
		t.Run(fm, func(t *testing.T) { checkGeneralMatchesGoToml(t, fm) })
	}
}

// checkGeneralMatchesGoToml decodes fm with the general decoder and with
// go-toml's Unmarshal into a map: both accept it with the same Params, or
// both reject it at the same place. Errors go-toml cannot have (schema
// types, dates, the nesting limit) are left out.
func checkGeneralMatchesGoToml(t *testing.T, fm string) {
	t.Helper()
	src := "+++\n" + fm + "\n+++\n"
	l, err := split(src)
	if err != nil || l.fmEnd-l.fmStart != len(fm)+1 {
		return // fm itself holds a +++ line
	}
	var a Article
	ours := Decoder{}.decodeGeneral(&a, src, l)
	// Parse, where the fast path decodes the first lines and hands the
	// rest to the general decoder, gives the same result.
	full, fullErr := Decoder{}.decode(src)
	if ours != nil {
		require.Error(t, fullErr)
		require.Equal(t, ours.Error(), fullErr.Error())
	} else {
		require.NoError(t, fullErr, "%s", fm)
		a.Body = full.Body
		requireSameArticle(t, &a, full)
	}
	var m map[string]any
	theirs := toml.Unmarshal([]byte(src[l.fmStart:l.fmEnd]), &m)
	if ours != nil {
		if errors.Is(ours, ErrType) || errors.Is(ours, ErrDate) || errors.Is(ours, ErrNestingTooDeep) {
			return
		}
		require.Error(t, theirs, "we reject what go-toml accepts: %v\n%s", ours, fm)
		var pe *ParseError
		require.ErrorAs(t, ours, &pe)
		var de *toml.DecodeError
		require.ErrorAs(t, theirs, &de)
		row, col := de.Position()
		require.Equal(t, [2]int{l.fmLine() + row - 1, col}, [2]int{pe.Line, pe.Column},
			"ours: %v\ngo-toml: %v\n%s", ours, theirs, fm)
		return
	}
	require.NoError(t, theirs, "we accept what go-toml rejects:\n%s", fm)
	for _, k := range schemaKeys {
		delete(m, k)
	}
	require.Equal(t, canonValue(m), canonValue(a.Params), "%s", fm)
}

// canonValue makes decoded values comparable with require.Equal: times
// become their text with the zone's name, NaN a string; an empty map is nil.
func canonValue(v any) any {
	switch v := v.(type) {
	case map[string]any:
		if len(v) == 0 {
			return map[string]any(nil)
		}
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = canonValue(e)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = canonValue(e)
		}
		return out
	case float64:
		if math.IsNaN(v) {
			return "NaN"
		}
		if v == 0 && math.Signbit(v) {
			return "-0"
		}
	case time.Time:
		return fmt.Sprintf("time %s %q", v.Format(time.RFC3339Nano), v.Location().String())
	}
	return v
}

// FuzzGeneralMatchesGoToml: the one-pass general decoder builds exactly the
// Params go-toml's decoder builds, and rejects what it rejects, at the same
// line and column.
func FuzzGeneralMatchesGoToml(f *testing.F) {
	for _, fm := range generalShapes {
		f.Add(fm)
	}
	for _, fm := range deepShapes() {
		f.Add(fm)
	}
	for _, name := range []string{"testdata/bench/article-extra.md", "testdata/parse/02-canonical-params.md"} {
		src, err := os.ReadFile(name)
		require.NoError(f, err)
		l, err := split(string(src))
		require.NoError(f, err)
		f.Add(string(src[l.fmStart:l.fmEnd]))
	}
	f.Fuzz(func(t *testing.T, fm string) {
		if len(fm) > 1<<16 {
			return
		}
		checkGeneralMatchesGoToml(t, fm)
	})
}

// TestNestingLimit: Parse accepts nesting up to MaxNesting and refuses one
// level more, at the key of the expression, in every shape that nests;
// whatever it accepts, Encode writes.
func TestNestingLimit(t *testing.T) {
	dotted := func(n int) string { return strings.TrimSuffix(strings.Repeat("a.", n), ".") }
	arrays := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
	inline := func(n int) string { return strings.Repeat("{a=", n) + "1" + strings.Repeat("}", n) }
	tests := []struct {
		name string
		fm   func(n int) string // front matter nesting n levels
		line int                // of the error, in the front matter
	}{
		{"dotted key", func(n int) string { return dotted(n) + " = 1\n" }, 1},
		{"header", func(n int) string { return "[" + dotted(n) + "]\n" }, 1},
		{"header and key", func(n int) string { return "[" + dotted(MaxNesting-1) + "]\n" + dotted(n-MaxNesting+1) + " = 1\n" }, 2},
		{"array of tables", func(n int) string { return "[[" + dotted(n-1) + "]]\n" }, 1},
		{"arrays", func(n int) string { return "x = " + arrays(n) + "\n" }, 1},
		{"inline tables", func(n int) string { return "x = " + inline(n-1) + "\n" }, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := MaxNesting
			ok := "+++\n" + tt.fm(n) + "+++\n"
			a, err := Parse(strings.NewReader(ok))
			require.NoError(t, err)
			_, err = a.AppendEncoded(nil)
			require.NoError(t, err, "Encode refuses what Parse accepted")

			deep := "+++\n" + tt.fm(n+2) + "+++\n"
			_, err = Parse(strings.NewReader(deep))
			require.ErrorIs(t, err, ErrNestingTooDeep)
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, 1+tt.line, pe.Line)
			assert.LessOrEqual(t, len(pe.Error()), 200)

			// Every depth past the limit, also past go-toml's own limit of
			// 10,000 nested arrays and inline tables (issue 20).
			for _, d := range []int{n + 1, 10_000, 10_001, 10_002, 50_000} {
				_, err = Parse(strings.NewReader("+++\n" + tt.fm(d) + "+++\n"))
				require.ErrorIs(t, err, ErrNestingTooDeep, "depth %d", d)
				require.ErrorAs(t, err, &pe)
				assert.LessOrEqual(t, len(pe.Error()), 200)
			}
		})
	}
}

// TestEncodeRefusesWhatParseRefuses: one level past MaxNesting fails in
// Encode too.
func TestEncodeRefusesDeeperThanMaxNesting(t *testing.T) {
	var v any = 1
	for range MaxNesting {
		v = []any{v}
	}
	// x is at level 1, its innermost 1 at MaxNesting+1.
	_, err := (&Article{Params: map[string]any{"x": v}}).AppendEncoded(nil)
	require.ErrorIs(t, err, ErrEncode)
	_, err = (&Article{Params: map[string]any{"x": v.([]any)[0]}}).AppendEncoded(nil)
	require.NoError(t, err)
}

// TestHugeDottedKeys: keys and headers with a great many parts fail fast,
// without the parser building a node per part.
func TestHugeDottedKeys(t *testing.T) {
	parts := strings.Repeat("a.", 1<<20) + "x"
	for _, fm := range []string{
		parts + " = 1\n",
		"[" + parts + "]\n",
		"[[" + parts + "]]\n",
		"b = 1\n[t]\nx = {" + parts + " = 1}\n",
		"s = \"" + parts + "\"\n" + parts + "=1\n",
		"s = '''" + parts + "'''\nt.u = 1\n",
	} {
		src := "+++\n" + fm + "+++\n"
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		a, err := Parse(strings.NewReader(src))
		elapsed := time.Since(start)
		runtime.ReadMemStats(&after)
		assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(8*len(src)), "memory for %.20q…", fm)
		if strings.HasPrefix(fm, "s = '''") {
			require.NoError(t, err)
			require.Len(t, a.Params["s"], len(parts))
			continue
		}
		require.ErrorIs(t, err, ErrNestingTooDeep, fm[:20])
		assert.Less(t, len(err.Error()), 200)
		assert.Less(t, elapsed, 2*time.Second)
	}
	// After schema keys the fast path decoded, positions still count from
	// the top of the file.
	_, err := Parse(strings.NewReader("+++\ntitle = \"t\"\n\n  " + parts + " = 1\n+++\n"))
	var pe *ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, [2]int{4, 3}, [2]int{pe.Line, pe.Column})
	_, err = Parse(strings.NewReader("+++\ntitle = \"t\"\n\n  " + dotted101 + " = 1\n+++\n"))
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, [2]int{4, 3}, [2]int{pe.Line, pe.Column})
}

var dotted101 = strings.TrimSuffix(strings.Repeat("a.", MaxNesting+1), ".")

// TestErrorsQuoteShortPrefixes: a huge key or value gives a short message.
func TestErrorsQuoteShortPrefixes(t *testing.T) {
	long := strings.Repeat("k", 1<<20)
	for _, fm := range []string{
		long + " = 1\n" + long + " = 2\n",
		"[" + long + "]\n[" + long + "]\n",
		"x = 1." + strings.Repeat("1", 1<<20) + "e999999\n",
		"t = {" + long + " = 1, " + long + " = 2}\n",
	} {
		_, err := Parse(strings.NewReader("+++\n" + fm + "+++\n"))
		require.Error(t, err)
		assert.Less(t, len(err.Error()), 300, err.Error()[:min(len(err.Error()), 300)])
	}
	_, err := Decoder{DisallowUnknownKeys: true}.Decode(strings.NewReader("+++\n" + long + " = 1\n+++\n"))
	require.ErrorIs(t, err, ErrUnknownKey)
	assert.Less(t, len(err.Error()), 300)
}

// keysOfShape repeats format, which takes the index twice, for 0, 1, …
// until there are size bytes.
func keysOfShape(size int, format string) string {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, format, i, i)
	}
	return b.String()
}

// TestLinearInKeys: Decode takes time linear in the front matter, from
// 32 KB to 320 KB of keys of every shape, against building the same Params
// in plain Go (rebuild), timed in the same rounds: inserting 95,000 keys
// into a map costs more per key than inserting 1,000 (the table outgrows
// the caches), whatever the parser does (see checkGrowth). And 1 MiB of
// one-line keys parses in under 100 ms.
func TestLinearInKeys(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("timing test: not with -short or -race")
	}
	shapes := []struct{ name, format string }{
		{"one-line keys", "k%d = %d\n"},
		{"dotted keys", "a.k%d = %d\n"},
		{"tables", "[t%d]\nk = %d\n"},
		{"arrays of tables", "[[a]]\nk%d = %d\n"},
		{"inline tables", "x%d = {k = %d}\n"},
	}
	decode := func(src string) func() {
		return func() {
			_, err := Decoder{MaxSize: 4 << 20}.Decode(strings.NewReader(src))
			require.NoError(t, err)
		}
	}
	var cases []growthCase
	for _, sh := range shapes {
		cases = append(cases, growthCase{sh.name, func(n int) growthOps {
			src := "+++\n" + keysOfShape(n, sh.format) + "+++\n"
			a, err := Decoder{MaxSize: 4 << 20}.Decode(strings.NewReader(src))
			require.NoError(t, err)
			return growthOf(func() { rebuild(a.Params) }, "Decode", decode(src))
		}})
	}
	checkGrowth(t, growthConfig{sizes: sizesFrom(32 << 10)}, cases...)

	src := "+++\n" + keysOfShape(1<<20, shapes[0].format) + "+++\n"
	defer gcOff()()
	d := time.Duration(math.MaxInt64)
	for range 3 {
		d = min(d, perRun(decode(src)))
	}
	assert.Less(t, d, 100*time.Millisecond, "1 MiB of keys")
}

// rebuild builds a copy of v, with new maps, slices and boxed values, as a
// decoder has to.
func rebuild(v any) any {
	switch v := v.(type) {
	case map[string]any:
		m := make(map[string]any)
		for k, e := range v {
			m[k] = rebuild(e)
		}
		return m
	case []any:
		out := make([]any, 0, len(v))
		for _, e := range v {
			out = append(out, rebuild(e))
		}
		return out
	case int64:
		return any(v + 0)
	case string:
		return any(v + "")
	}
	return v
}

// TestGeneralParamsAreGoTomlTypes: the value types in Params are the ones
// Article.Params documents.
func TestGeneralParamsAreGoTomlTypes(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "bench", "article-extra.md"))
	require.NoError(t, err)
	a, err := Parse(strings.NewReader(string(src)))
	require.NoError(t, err)
	assert.Equal(t, []any{"shipping", "climate", "ports", "energy", "regulation"}, a.Params["tags"])
	assert.Equal(t, int64(3), a.Params["weight"])
	assert.Equal(t, true, a.Params["featured"])
	assert.Equal(t, time.Date(2025, 9, 2, 8, 30, 0, 0, time.UTC), a.Params["published"])
	assert.Equal(t, "Corrected the cost estimate on Sept. 3.\nAdded comment period dates.", a.Params["notes"])
	extra := a.Params["extra"].(map[string]any)
	assert.Equal(t, 0.87, extra["score"])
	links := extra["links"].([]any)
	require.Len(t, links, 2)
	assert.Equal(t, "https://example.org/harbor/comments", links[1].(map[string]any)["href"])
	assert.Equal(t, "Harbor Authority's Green Shipping Plan Draws Praise and Doubts From Port Operators", a.Title)
}
