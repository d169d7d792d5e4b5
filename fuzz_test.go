package article

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzParse: Parse never panics, and whatever it accepts survives a round
// trip through Encode; the encoding of that is a fixpoint.
func FuzzParse(f *testing.F) {
	files, err := filepath.Glob("testdata/parse/*.md")
	require.NoError(f, err)
	for _, name := range files {
		src, err := os.ReadFile(name)
		require.NoError(f, err)
		f.Add(src)
	}
	f.Add([]byte("+++\n+++\n"))
	f.Add([]byte("+++\ntitle = \"a\\u0000\"\n[t]\nx = [1, {a = 2}]\n+++\n\nbody"))
	for _, fm := range deepShapes() {
		f.Add([]byte("+++\n" + fm + "+++\n"))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		a, err := Parse(bytes.NewReader(src))
		if err != nil {
			require.Nil(t, a)
			require.NotEmpty(t, err.Error())
			return
		}
		var out bytes.Buffer
		a.DropSource() // the canonical layout; FuzzRoundTrip covers the lossless one
		require.NoError(t, a.Encode(&out), "an accepted article must encode")
		b, err := Parse(bytes.NewReader(out.Bytes()))
		require.NoError(t, err, "encoding:\n%s", out.Bytes())
		requireSameArticle(t, a, b)
		var again bytes.Buffer
		require.NoError(t, b.Encode(&again))
		require.Equal(t, out.String(), again.String())
	})
}

// FuzzSimpleMatchesGeneral checks the fast path of Parse against the
// general one: whenever decodeSimple accepts front matter, go-toml accepts
// it too and decodes the same article.
func FuzzSimpleMatchesGeneral(f *testing.F) {
	files, err := filepath.Glob("testdata/parse/*.md")
	require.NoError(f, err)
	for _, name := range files {
		src, err := os.ReadFile(name)
		require.NoError(f, err)
		if l, err := split(string(src)); err == nil {
			f.Add(string(src[l.fmStart:l.fmEnd]))
		}
	}
	f.Add("title = \"a\\\"b\\\\c\\td\"\r\n# comment\r\narticle_id = 0\n")
	f.Add("title = 'lit\"eral'  # c\ndraft = true\n\n\t\nfeed_item_id = 9223372036854775807")
	for _, date := range []string{"2024-01-02", "2024-01-02T03:04:05", "2024-01-02 03:04:05.5+05:30", "2024-02-30", "03:04:05", "2024-01-02T03:04:05Z x"} {
		f.Add("title = \"t\"\ndate = " + date + "\n")
	}
	f.Fuzz(func(t *testing.T, fm string) {
		var simple Article
		if !(Decoder{}).decodeSimple(&simple, fm) {
			return
		}
		src := "+++\n" + fm + "\n+++\n"
		l, err := split(src)
		if err != nil || l.fmEnd-l.fmStart != len(fm)+1 {
			return // fm itself holds a +++ line
		}
		var general Article
		err = Decoder{parserOnly: true}.decodeGeneral(&general, src, l)
		require.NoError(t, err, "the fast path accepted what go-toml rejects:\n%s", fm)
		requireSameArticle(t, &general, &simple)
	})
}

// deepShapes are front matter blocks that nest deeply or have keys of a
// great many parts: around MaxNesting, far beyond it, and at the size
// limits that made go-toml's tracker slow (issue 11).
func deepShapes() []string {
	dotted := func(n int) string { return strings.TrimSuffix(strings.Repeat("a.", n), ".") }
	var out []string
	for _, n := range []int{MaxNesting - 1, MaxNesting, MaxNesting + 1} {
		out = append(out,
			dotted(n)+" = 1\n",
			"["+dotted(n)+"]\n",
			"[["+dotted(n)+"]]\nx = 1\n",
			"x = "+strings.Repeat("[", n)+strings.Repeat("]", n)+"\n",
			"x = "+strings.Repeat("{a=", n)+"1"+strings.Repeat("}", n)+"\n",
			"x = "+strings.Repeat("[{a=", n/2)+"1"+strings.Repeat("}]", n/2)+"\n",
			"[a]\n"+dotted(n)+" = 1\n",
		)
	}
	out = append(out,
		dotted(1<<20)+" = 1\n",
		"[["+dotted(1<<14)+"]]\n",
		"x = {"+dotted(1<<14)+" = 1}\n",
		"x = "+strings.Repeat("[", 11000)+strings.Repeat("]", 11000)+"\n",
		"x = "+strings.Repeat("{a=", 2000)+"1"+strings.Repeat("}", 2000)+"\n",
	)
	return out
}
