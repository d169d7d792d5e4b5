package article

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2/unstable"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFormatGolden formats every testdata/format/NAME.in.md and compares
// the result with NAME.want.md (written by -update, which then skips the
// comparison); NAME.note says what the case shows. Every case also meets
// the properties of checkFormat.
func TestFormatGolden(t *testing.T) {
	inputs, err := filepath.Glob("testdata/format/*.in.md")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(inputs), 20)
	for _, in := range inputs {
		name := strings.TrimSuffix(in, ".in.md")
		t.Run(filepath.Base(name), func(t *testing.T) {
			src, err := os.ReadFile(in)
			require.NoError(t, err)
			note, err := os.ReadFile(name + ".note")
			require.NoError(t, err, "every case says what it shows")
			got, err := Format(src)
			require.NoError(t, err)
			checkFormat(t, src)
			t.Log(string(note))
			golden(t, name+".want.md", string(got))
		})
	}
}

// checkFormat checks the properties of Format on src: it fails where Parse
// fails, with Parse's error; otherwise Format is idempotent, Parse of the
// output gives the same fields, the same Params with the same Go types, the
// same multiset of comments (found by go-toml's parser, not ours), the
// same set of keys, the byte order mark if the input had one, and one
// line-ending style where the body allows it.
func checkFormat(t testing.TB, src []byte) {
	t.Helper()
	a, perr := Parse(bytes.NewReader(src))
	out, err := Format(src)
	if perr != nil {
		require.Error(t, err)
		require.Equal(t, perr.Error(), err.Error())
		return
	}
	require.NoError(t, err)
	again, err := Format(out)
	require.NoError(t, err)
	require.Equal(t, string(out), string(again), "Format is idempotent; first output:\n%s", out)

	b, err := Parse(bytes.NewReader(out))
	require.NoError(t, err, "output:\n%s", out)
	requireSameArticle(t, a, b)
	require.True(t, equalTable(a.Params, b.Params), "the same Params with the same types:\n%#v\n%#v", a.Params, b.Params)

	inC, inK := commentsAndKeys(t, a)
	outC, outK := commentsAndKeys(t, b)
	require.Equal(t, inC, outC, "the same comments, each once; output:\n%s", out)
	require.Equal(t, inK, outK, "the same keys; output:\n%s", out)
	require.Equal(t, bytes.HasPrefix(src, []byte("\uFEFF")), bytes.HasPrefix(out, []byte("\uFEFF")), "the byte order mark")

	body := a.Body
	lf, crlf := strings.Count(body, "\n"), strings.Count(body, "\r\n")
	if crlf == 0 || crlf == lf {
		oLF, oCRLF := bytes.Count(out, []byte("\n")), bytes.Count(out, []byte("\r\n"))
		require.True(t, oCRLF == 0 || oCRLF == oLF, "one line-ending style: %d LF, %d CRLF in\n%q", oLF, oCRLF, out)
	}
}

// commentsAndKeys returns the comments of a's front matter, trimmed and
// sorted, and its full key paths, sorted, as go-toml's parser sees them.
func commentsAndKeys(t testing.TB, a *Article) (comments, keys []string) {
	t.Helper()
	fm := []byte(a.src.text[a.src.l.fmStart:a.src.l.fmEnd])
	p := unstable.Parser{KeepComments: true}
	p.Reset(fm)
	var header []string
	var walk func(n *unstable.Node, prefix []string)
	walk = func(n *unstable.Node, prefix []string) {
		switch n.Kind {
		case unstable.Comment:
			comments = append(comments, strings.TrimRight(string(n.Data), " \t"))
		case unstable.KeyValue:
			path := slices.Clone(prefix)
			for it := n.Key(); it.Next(); {
				path = append(path, string(it.Node().Data))
			}
			keys = append(keys, strings.Join(path, "\x00"))
			walk(n.Value(), path)
		case unstable.Array, unstable.InlineTable:
			for it := n.Children(); it.Next(); {
				walk(it.Node(), prefix)
			}
		}
		// Comments after a value hang off the expression.
		for it := n.Children(); it.Next(); {
			if c := it.Node(); c.Kind == unstable.Comment && n.Kind != unstable.Array && n.Kind != unstable.InlineTable {
				comments = append(comments, strings.TrimRight(string(c.Data), " \t"))
			}
		}
	}
	for p.NextExpression() {
		n := p.Expression()
		switch n.Kind {
		case unstable.Table, unstable.ArrayTable:
			header = header[:0]
			for it := n.Key(); it.Next(); {
				header = append(header, string(it.Node().Data))
			}
			keys = append(keys, "["+strings.Join(header, "\x00"))
			for it := n.Children(); it.Next(); {
				if c := it.Node(); c.Kind == unstable.Comment {
					comments = append(comments, strings.TrimRight(string(c.Data), " \t"))
				}
			}
		default:
			walk(n, header)
		}
	}
	require.NoError(t, p.Error())
	slices.Sort(comments)
	slices.Sort(keys)
	return comments, keys
}

// TestFormatGenerated checks the properties of Format on generated files.
func TestFormatGenerated(t *testing.T) {
	n := 3000
	if testing.Short() {
		n = 400
	}
	for seed := range n {
		src := genFrontMatter(uint64(seed))
		checkFormat(t, src)
		if t.Failed() {
			t.Fatalf("seed %d:\n%s", seed, src)
		}
		// What Encode writes for an Article built in code is formatted,
		// unless its body's lines end in CRLF (the canonical layout is LF).
		a, err := Parse(bytes.NewReader(src))
		require.NoError(t, err)
		if strings.Contains(a.Body, "\r\n") {
			continue
		}
		a.DropSource()
		canon, err := a.AppendEncoded(nil)
		require.NoError(t, err)
		again, err := Format(canon)
		require.NoError(t, err)
		require.Equal(t, string(canon), string(again), "seed %d", seed)
	}
}

// TestFormatCorpus checks the properties of Format on files written in the
// image of real Hugo and Zola front matter, and that Format changes each
// (none is in the layout already) while keeping it whole.
func TestFormatCorpus(t *testing.T) {
	files, err := filepath.Glob("testdata/format/corpus/*.md")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 40)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			require.NoError(t, err)
			_, err = Parse(bytes.NewReader(src))
			require.NoError(t, err, "the corpus holds articles Parse accepts")
			checkFormat(t, src)
		})
	}
}

// FuzzFormat checks the properties of Format on any input; the seeds are
// the golden cases, the corpus and generated files. A second argument
// picks a generated file to mutate instead, so the fuzzer starts from
// valid front matter more often.
func FuzzFormat(f *testing.F) {
	for _, glob := range []string{"testdata/format/*.in.md", "testdata/format/corpus/*.md", "testdata/edits/*.in.md"} {
		files, err := filepath.Glob(glob)
		require.NoError(f, err)
		for _, name := range files {
			src, err := os.ReadFile(name)
			require.NoError(f, err)
			f.Add(src, uint16(0))
		}
	}
	for seed := range 20 {
		f.Add([]byte{}, uint16(seed+1))
	}
	f.Fuzz(func(t *testing.T, src []byte, gen uint16) {
		if len(src) > 1<<16 {
			return
		}
		if gen != 0 {
			g := genFrontMatter(uint64(gen))
			// Splice the fuzzer's bytes into the generated file.
			at := int(gen) % (len(g) + 1)
			src = append(append(append([]byte(nil), g[:at]...), src...), g[at:]...)
		}
		checkFormat(t, src)
	})
}

// genFrontMatter returns a random article with the shapes Format must
// keep: comments in every position, native dates, literal and multi-line
// strings, multi-line arrays with comments, inline tables, tables, arrays
// of tables, indentation, blank lines, CRLF and a byte order mark.
func genFrontMatter(seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	eol := "\n"
	if r.IntN(3) == 0 {
		eol = "\r\n"
	}
	var b strings.Builder
	if r.IntN(5) == 0 {
		b.WriteString("\uFEFF")
	}
	if r.IntN(6) == 0 {
		b.WriteString(eol)
	}
	b.WriteString("+++" + eol)
	nc := 0
	comment := func() string {
		nc++
		return fmt.Sprintf("# note %d%s", nc, []string{"", " with words", "\t", "  "}[r.IntN(4)])
	}
	indent := func() string { return []string{"", "", "  ", "\t", "    "}[r.IntN(5)] }
	maybe := func(p int) bool { return r.IntN(100) < p }
	if maybe(30) {
		b.WriteString(comment() + eol + eol)
	}
	sp := func() string { return []string{" = ", "=", "   =  ", " =\t"}[r.IntN(4)] }
	nv := 0
	value := func() string {
		nv++
		switch r.IntN(14) {
		case 0:
			return fmt.Sprintf("'lit %d'", nv)
		case 1:
			return fmt.Sprintf(`"basic \"%d\""`, nv)
		case 2:
			return fmt.Sprintf("%d", nv*37)
		case 3:
			return "0x1F"
		case 4:
			return "2025-09-04T06:00:00+02:00"
		case 5:
			return "2025-09-04T06:00:00"
		case 6:
			return "2025-09-04"
		case 7:
			return "07:30:00"
		case 8:
			return fmt.Sprintf("{ a = %d, b = 'x' }", nv)
		case 9:
			var a strings.Builder
			a.WriteString("[" + eol)
			for i := range 1 + r.IntN(3) {
				a.WriteString(indent() + fmt.Sprintf("'e%d',", i))
				if maybe(40) {
					a.WriteString("  " + comment())
				}
				a.WriteString(eol)
				if maybe(20) {
					a.WriteString(indent() + comment() + eol)
				}
			}
			a.WriteString(indent() + "]")
			return a.String()
		case 10:
			nl := []string{"\n", "\r\n", eol}[r.IntN(3)]
			return "'''" + nl + "line one" + nl + "line two'''"
		case 11:
			return fmt.Sprintf(`"""multi %d"""`, nv)
		case 12:
			return "[1, 2.5, true]"
		}
		return fmt.Sprintf(`"v%d"`, nv)
	}
	line := func(key, val string) {
		if maybe(25) {
			b.WriteString(indent() + comment() + eol)
		}
		if maybe(10) {
			b.WriteString(eol)
		}
		b.WriteString(indent() + key + sp() + val)
		if maybe(30) {
			b.WriteString(" " + comment())
		}
		b.WriteString(eol)
	}
	schema := []struct{ key, val string }{
		{"title", `'A title'`}, {"date", "2025-09-04T06:00:00+02:00"}, {"draft", "true"},
		{"summary", `"A summary"`}, {"description", "'words'"}, {"source_link", `"https://example.com/a"`},
		{"enclosure", `"https://example.com/i.png"`}, {"article_id", "1_024"}, {"feed_item_id", "7"},
		{"url", `"/a/b"`}, {"qrcode", `'https://example.com/q.webp'`}, {"source", `"Wire"`},
	}
	if maybe(20) {
		schema[1].val = []string{"2025-09-04", "2025-09-04T06:00:00", `"2025-09-04T06:00:00Z"`}[r.IntN(3)]
	}
	keys := r.Perm(len(schema) + 4)
	for _, i := range keys {
		if i >= len(schema) {
			line(fmt.Sprintf("extra%d", i), value())
			continue
		}
		if maybe(60) {
			line(schema[i].key, schema[i].val)
		}
	}
	if maybe(15) {
		line("site.name", value())
	}
	for i := range r.IntN(4) {
		if maybe(40) {
			b.WriteString(eol)
		}
		if maybe(40) {
			b.WriteString(indent() + comment() + eol)
		}
		if maybe(30) {
			b.WriteString(fmt.Sprintf("[[menu.main]]%s", eol))
		} else {
			b.WriteString(fmt.Sprintf("[ t%d ]", i))
			if maybe(30) {
				b.WriteString(" " + comment())
			}
			b.WriteString(eol)
		}
		for range r.IntN(4) {
			nv++
			line(fmt.Sprintf("k%d", nv), value())
		}
	}
	if maybe(30) {
		if maybe(50) {
			b.WriteString(eol)
		}
		b.WriteString(comment() + eol)
	}
	b.WriteString("+++" + eol)
	if maybe(70) {
		b.WriteString(eol + "<p>Body</p>" + eol)
	}
	return []byte(b.String())
}

// TestFormatSimpleMatchesGeneral: where Format's fast path (scanSimple)
// reads a front matter, the general scan gives the same output.
func TestFormatSimpleMatchesGeneral(t *testing.T) {
	var srcs [][]byte
	for _, glob := range []string{"testdata/format/*.in.md", "testdata/format/corpus/*.md", "testdata/parse/*.md", "testdata/bench/*.md"} {
		files, err := filepath.Glob(glob)
		require.NoError(t, err)
		for _, f := range files {
			src, err := os.ReadFile(f)
			require.NoError(t, err)
			srcs = append(srcs, src)
		}
	}
	for seed := range 300 {
		srcs = append(srcs, genFrontMatter(uint64(seed)))
	}
	simple := 0
	for _, src := range srcs {
		a, err := Parse(bytes.NewReader(src))
		if err != nil {
			continue
		}
		l := a.src.l
		fm := src[l.fmStart:l.fmEnd]
		fast := formatter{fm: fm, eol: "\n", line: l.fmLine()}
		ok, err := fast.scanSimple()
		require.NoError(t, err)
		if !ok {
			continue
		}
		simple++
		got, err := fast.emit(nil)
		require.NoError(t, err)
		general := formatter{fm: fm, eol: "\n", line: l.fmLine()}
		require.NoError(t, general.scan())
		want, err := general.emit(nil)
		require.NoError(t, err)
		require.Equal(t, string(want), string(got), "%s", fm)
	}
	require.Greater(t, simple, 20, "the fast path reads the common files")
}

// TestFormatCannotPlace: text between expressions that is neither a
// comment nor blank (which Parse never accepts) is an error naming its
// line, not a silent loss.
func TestFormatCannotPlace(t *testing.T) {
	f := formatter{fm: []byte("a = 1\n# c\nstray\nb = 2\n"), eol: "\n", line: 2}
	var it fmtItem
	err := f.gap(6, 18, gapMiddle, &it)
	var pe *ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, 4, pe.Line, "line 3 of the front matter, which starts on line 2")
	assert.Equal(t, 1, pe.Column)
}

// TestDecoderFormat: Format reads dates with the Decoder's options, so a
// file whose dates only a configured Decoder reads can be formatted.
func TestDecoderFormat(t *testing.T) {
	src := []byte("+++\ndate = \"Thu, 02 Jan 2025 10:00:00 EDT\"\ntitle  =  \"Zones\"\n+++\n\n<p>x</p>\n")
	_, err := Format(src)
	require.ErrorIs(t, err, ErrDate, "the zero Decoder does not know EDT")
	out, err := Decoder{Zones: RFC822Zones()}.Format(src)
	require.NoError(t, err)
	assert.Equal(t, "+++\ntitle = \"Zones\"\ndate = \"Thu, 02 Jan 2025 10:00:00 EDT\"\n+++\n\n<p>x</p>\n", string(out))
	out2, err := Decoder{Zones: RFC822Zones(), MaxSize: 10}.Format(src)
	require.NoError(t, err, "MaxSize does not apply")
	assert.Equal(t, out, out2)
}
