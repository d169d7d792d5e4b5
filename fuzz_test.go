package article

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pelletier/go-toml/v2"
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
		checkSchemaAgainstGoTOML(t, fm, &simple)
	})
}

// checkSchemaAgainstGoTOML compares the schema fields of a, decoded from
// the front matter fm with the zero Decoder, with go-toml's own reading of
// fm into a map: an oracle that shares no code with either path of
// Decode. A string date is checked against time.Parse with the layouts
// Hugo tries (checkDateOracle), where one of them reads it.
func checkSchemaAgainstGoTOML(t *testing.T, fm string, a *Article) {
	t.Helper()
	var m map[string]any
	require.NoError(t, toml.Unmarshal([]byte(fm), &m), "go-toml rejects what Decode accepted:\n%s", fm)
	str := func(key, got string) {
		v, ok := m[key]
		if !ok {
			v = ""
		}
		require.Equal(t, v, got, "%s in\n%s", key, fm)
	}
	num := func(key string, got int64) {
		v, ok := m[key]
		if !ok {
			v = int64(0)
		}
		require.Equal(t, v, got, "%s in\n%s", key, fm)
	}
	str("title", a.Title)
	str("summary", a.Summary)
	str("description", a.Description)
	str("source_link", a.SourceLink)
	str("enclosure", a.Enclosure)
	str("url", a.URL)
	str("qrcode", a.QRCode)
	str("source", a.Source)
	num("article_id", a.ArticleID)
	num("feed_item_id", a.FeedItemID)
	draft, _ := m["draft"].(bool)
	require.Equal(t, draft, a.Draft, "draft in\n%s", fm)
	var want time.Time
	switch d := m["date"].(type) {
	case nil:
	case time.Time:
		want = d
	case toml.LocalDateTime:
		want = d.AsTime(time.UTC)
	case toml.LocalDate:
		want = d.AsTime(time.UTC)
	case string:
		checkDateOracle(t, d)
		return
	default:
		t.Fatalf("date of type %T accepted:\n%s", d, fm)
	}
	require.True(t, want.Equal(a.Date), "date: go-toml %v, Decode %v in\n%s", want, a.Date, fm)
	_, wantOff := want.Zone()
	_, gotOff := a.Date.Zone()
	require.Equal(t, wantOff, gotOff, "date's offset in\n%s", fm)
	for k := range m {
		switch k {
		case "title", "date", "draft", "summary", "description", "source_link", "enclosure",
			"article_id", "feed_item_id", "url", "qrcode", "source":
		default:
			require.Contains(t, a.Params, k, "%s in\n%s", k, fm)
		}
	}
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
