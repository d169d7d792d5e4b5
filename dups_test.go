package article

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// dupFile is an article with the given extra front matter lines.
func dupFile(t testing.TB, lines ...string) *Article {
	t.Helper()
	src := "+++\ntitle = \"T\"\n" + strings.Join(lines, "\n") + "\n+++\n<p>x</p>\n"
	a, err := Parse(strings.NewReader(src))
	require.NoError(t, err, src)
	return a
}

func TestUniqueKeys(t *testing.T) {
	tests := []struct {
		name string
		a    *Article
		want []UniqueKey
	}{
		{"nil", nil, nil},
		{"none", dupFile(t), nil},
		{"zero values are absent", dupFile(t, "article_id = 0", `url = ""`, "feed_item_id = 0"), nil},
		{"all three, positions", dupFile(t, `url = "/a"`, "  feed_item_id=7", "article_id = 5"), []UniqueKey{
			{"article_id", "5", 5, 1}, {"url", `"/a"`, 3, 1}, {"feed_item_id", "7", 4, 3},
		}},
		{"quoted key", dupFile(t, `"url" = "/q\"x"`), []UniqueKey{{"url", `"/q\"x"`, 3, 1}}},
		{"after a table is not top-level", dupFile(t, "article_id = 1", "[t]", "url = 3"), []UniqueKey{{"article_id", "1", 3, 1}}},
		{"a key's text inside a multi-line string", dupFile(t, `summary = """`, `url = "/no"`, `"""`, `url = "/yes"`), []UniqueKey{{"url", `"/yes"`, 6, 1}}},
		{"after an array on many lines", dupFile(t, "tags = [", `  ["a"],`, "]", "article_id = 4"), []UniqueKey{{"article_id", "4", 6, 1}}},
		{"built in code", &Article{ArticleID: -2, URL: "/b"}, []UniqueKey{{"article_id", "-2", 0, 0}, {"url", `"/b"`, 0, 0}}},
		{"changed since parsed", func() *Article {
			a := dupFile(t, "article_id = 1", `url = "/a"`)
			a.URL = "/changed"
			return a
		}(), []UniqueKey{{"article_id", "1", 3, 1}, {"url", `"/changed"`, 0, 0}}},
		{"bom and CRLF", func() *Article {
			a, err := Parse(strings.NewReader("\ufeff\r\n+++\r\ntitle = \"x\"\r\n  article_id=5\r\n+++\r\n"))
			require.NoError(t, err)
			return a
		}(), []UniqueKey{{"article_id", "5", 4, 3}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, UniqueKeys(tt.a))
		})
	}
}

func TestDuplicateFinder(t *testing.T) {
	type file struct {
		path string
		a    *Article
	}
	tests := []struct {
		name  string
		files []file
		want  []string // path: Error() of each Duplicate, in order
	}{
		{
			// Mutant (a) of issue 24: without the skip of absent keys, two
			// articles without feed_item_id, url or article_id match.
			name: "absent keys are not values",
			files: []file{
				{"a.md", dupFile(t, "article_id = 1")},
				{"b.md", dupFile(t, "article_id = 2")},
				{"c.md", dupFile(t)},
				{"d.md", dupFile(t, "feed_item_id = 0", `url = ""`)},
				{"e.md", &Article{}},
				{"f.md", nil},
			},
		},
		{
			// Mutant (b) of issue 24: each file of a pair is reported at
			// its own position, which differ here.
			name: "each file at its own position",
			files: []file{
				{"one/a.md", dupFile(t, "article_id = 1", `url = "/x"`)},
				{"two/b.md", dupFile(t, "# a comment", "", `   url = "/x"`, "article_id = 2")},
			},
			want: []string{
				`two/b.md: 5:4: url: duplicate url "/x", also in one/a.md`,
				`one/a.md: 4:1: url: duplicate url "/x", also in two/b.md`,
			},
		},
		{
			name: "three files share a value",
			files: []file{
				{"a.md", dupFile(t, "feed_item_id = 9")},
				{"b.md", dupFile(t, "article_id = 3", "feed_item_id = 9")},
				{"c/c.md", dupFile(t, "", "feed_item_id = 9")},
			},
			want: []string{
				"b.md: 4:1: feed_item_id: duplicate feed_item_id 9, also in a.md",
				"a.md: 3:1: feed_item_id: duplicate feed_item_id 9, also in b.md",
				"c/c.md: 4:1: feed_item_id: duplicate feed_item_id 9, also in a.md",
				"a.md: 3:1: feed_item_id: duplicate feed_item_id 9, also in c/c.md",
			},
		},
		{
			name: "equal text under different keys",
			files: []file{
				{"a.md", dupFile(t, "article_id = 5")},
				{"b.md", dupFile(t, "feed_item_id = 5")},
				{"c.md", dupFile(t, `url = "5"`)},
			},
		},
		{
			name: "every key, in key order",
			files: []file{
				{"a.md", &Article{ArticleID: 1, URL: "/u", FeedItemID: 2}},
				{"b.md", dupFile(t, "feed_item_id = 2", `url = "/u"`, "article_id = 1")},
			},
			want: []string{
				"b.md: 5:1: article_id: duplicate article_id 1, also in a.md",
				"a.md: article_id: duplicate article_id 1, also in b.md",
				`b.md: 4:1: url: duplicate url "/u", also in a.md`,
				`a.md: url: duplicate url "/u", also in b.md`,
				"b.md: 3:1: feed_item_id: duplicate feed_item_id 2, also in a.md",
				"a.md: feed_item_id: duplicate feed_item_id 2, also in b.md",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var f DuplicateFinder
			var got []string
			for _, fl := range tt.files {
				for _, d := range f.Add(fl.path, fl.a) {
					got = append(got, d.Path+": "+d.Error())
				}
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestDuplicateFinderAddKeys(t *testing.T) {
	var f DuplicateFinder
	assert.Empty(t, f.AddKeys("a", []UniqueKey{
		{Key: "article_id", Value: "5"}, {Key: "url", Value: "5"}, {Key: "slug", Value: "x"}, {Key: "slug2", Value: ""},
	}))
	assert.Empty(t, f.AddKeys("b", []UniqueKey{{Key: "feed_item_id", Value: "5"}, {Key: "slug2", Value: ""}, {Key: "slug3", Value: "x"}}))
	got := f.AddKeys("c", []UniqueKey{
		{Key: "slug", Value: "x", Line: 2, Column: 3},
		{Key: "article_id", Value: "5", Line: 1 << 20, Column: 1}, // past the packed range: unknown
		{Key: "url", Value: "5", Line: 4, Column: 1 << 12},
	})
	assert.Equal(t, []Duplicate{
		{Path: "c", Line: 2, Column: 3, Key: "slug", Value: "x", Other: "a"},
		{Path: "a", Key: "slug", Value: "x", Other: "c"},
		{Path: "c", Key: "article_id", Value: "5", Other: "a"},
		{Path: "a", Key: "article_id", Value: "5", Other: "c"},
		{Path: "c", Key: "url", Value: "5", Other: "a"},
		{Path: "a", Key: "url", Value: "5", Other: "c"},
	}, got)
	assert.Equal(t, "2:3: slug: duplicate slug x, also in a", got[0].Error())
	assert.Equal(t, "article_id: duplicate article_id 5, also in c", got[3].Error())
}

// TestDuplicateFinderPartialPosition: a position with a line and no column,
// or a column and no line, is unknown as a whole, in both halves of a
// duplicate (the clamp's boundaries: 0 is out, 1 is in).
func TestDuplicateFinderPartialPosition(t *testing.T) {
	var f DuplicateFinder
	assert.Empty(t, f.AddKeys("a", []UniqueKey{
		{Key: "article_id", Value: "7", Line: 5, Column: 0},
		{Key: "url", Value: "u", Line: 0, Column: 5},
		{Key: "feed_item_id", Value: "9", Line: 1, Column: 1},
	}))
	got := f.AddKeys("b", []UniqueKey{
		{Key: "article_id", Value: "7", Line: 6, Column: 0},
		{Key: "url", Value: "u", Line: 0, Column: 6},
		{Key: "feed_item_id", Value: "9", Line: 1<<20 - 1, Column: 1<<12 - 1},
	})
	assert.Equal(t, []Duplicate{
		{Path: "b", Key: "article_id", Value: "7", Other: "a"},
		{Path: "a", Key: "article_id", Value: "7", Other: "b"},
		{Path: "b", Key: "url", Value: "u", Other: "a"},
		{Path: "a", Key: "url", Value: "u", Other: "b"},
		{Path: "b", Line: 1<<20 - 1, Column: 1<<12 - 1, Key: "feed_item_id", Value: "9", Other: "a"},
		{Path: "a", Line: 1, Column: 1, Key: "feed_item_id", Value: "9", Other: "b"},
	}, got)
}

// TestDuplicateFinderIDValues: ids are compared as numbers ("7" and "007"
// are one id), any other value as text; a value that is not a number is
// compared as text under an id key too.
func TestDuplicateFinderIDValues(t *testing.T) {
	var f DuplicateFinder
	assert.Empty(t, f.AddKeys("a", []UniqueKey{
		{Key: "article_id", Value: "7"}, {Key: "feed_item_id", Value: "x1"}, {Key: "url", Value: "7"},
	}))
	got := f.AddKeys("b", []UniqueKey{
		{Key: "article_id", Value: "007"}, {Key: "feed_item_id", Value: "x2"}, {Key: "url", Value: "007"},
	})
	assert.Equal(t, []Duplicate{
		{Path: "b", Key: "article_id", Value: "007", Other: "a"},
		{Path: "a", Key: "article_id", Value: "007", Other: "b"},
	}, got)
	got = f.AddKeys("c", []UniqueKey{{Key: "feed_item_id", Value: "+0"}, {Key: "feed_item_id", Value: "0"}})
	assert.Equal(t, []Duplicate{
		{Path: "c", Key: "feed_item_id", Value: "0", Other: "c"},
		{Path: "c", Key: "feed_item_id", Value: "0", Other: "c"},
	}, got)
}

// TestPathListChunks: names are packed into chunks of pathChunk bytes,
// each filled exactly before the next is started.
// TestUniqueKeysCheap: on the common layout (the keys bare, at the start of
// their lines, before any table), UniqueKeys finds the positions with its
// line scan, without listing every key of the file: a few allocations,
// however many other keys the file has. The first key may sit at the very
// start of the front matter.
func TestUniqueKeysCheap(t *testing.T) {
	var extra strings.Builder
	for i := range 200 {
		fmt.Fprintf(&extra, "k%d = %d\n", i, i)
	}
	a, err := Parse(strings.NewReader("+++\narticle_id = 5\nfeed_item_id = 6\nurl = \"/a\"\n" + extra.String() + "+++\nbody\n"))
	require.NoError(t, err)
	require.Equal(t, []UniqueKey{{"article_id", "5", 2, 1}, {"url", `"/a"`, 4, 1}, {"feed_item_id", "6", 3, 1}}, UniqueKeys(a))
	allocs := testing.AllocsPerRun(20, func() { UniqueKeys(a) })
	assert.LessOrEqual(t, allocs, 6.0, "UniqueKeys listed the file's keys")
}

func TestPathListChunks(t *testing.T) {
	var l pathList
	name := strings.Repeat("n", 1024)
	for i := range pathChunk / 1024 {
		assert.Equal(t, i, l.add("dir/"+name))
	}
	require.Len(t, l.chunks, 1)
	assert.Len(t, l.chunks[0], pathChunk)
	l.add("dir/" + name)
	require.Len(t, l.chunks, 2)
	assert.Equal(t, pathChunk, cap(l.chunks[0]))
	assert.Equal(t, "dir/"+name, l.get(pathChunk/1024))
	assert.Len(t, l.dirs, 1)
}

func TestPathList(t *testing.T) {
	var l pathList
	var want []string
	for i := range 5000 {
		p := fmt.Sprintf("tree/%d/%s-%d.md", i/300, strings.Repeat("x", i%200), i)
		if i%7 == 0 {
			p = fmt.Sprintf("top-%d.md", i)
		}
		assert.Equal(t, i, l.add(p))
		want = append(want, p)
	}
	assert.Equal(t, 5000, l.add(strings.Repeat("y", 70000)), "a name longer than a chunk")
	want = append(want, strings.Repeat("y", 70000))
	for i, p := range want {
		assert.Equal(t, p, l.get(i))
	}
}

// TestDuplicateFinderMemory bounds the memory a DuplicateFinder keeps per
// article: three values in maps and a path of 40 bytes.
func TestDuplicateFinderMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("measures the heap")
	}
	const n = 200_000
	perArticle := dupFinderBytes(n)
	t.Logf("%.0f bytes per article (path of 40 bytes, three keys)", perArticle)
	// 3 map entries of 16 bytes at a load factor of at least 1/2 (≤ 96
	// bytes with the control bytes), 40 bytes of name, 16 of pathRef.
	assert.Less(t, perArticle, 200.0)
}

// dupFinderBytes returns the heap bytes per article a DuplicateFinder holds
// after n articles with three keys each.
func dupFinderBytes(n int) float64 {
	keys := make([]UniqueKey, 3)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f := new(DuplicateFinder)
	for i := range n {
		keys[0] = UniqueKey{Key: "article_id", Value: fmt.Sprint(i + 1), Line: 3, Column: 1}
		keys[1] = UniqueKey{Key: "url", Value: fmt.Sprintf(`"/202501/%d-x"`, i), Line: 4, Column: 1}
		keys[2] = UniqueKey{Key: "feed_item_id", Value: fmt.Sprint(i + 1), Line: 5, Column: 1}
		f.AddKeys(fmt.Sprintf("content/2025/01/%09d-some-title-here.md", i), keys)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(f)
	return float64(after.HeapAlloc-before.HeapAlloc) / float64(n)
}

func BenchmarkDuplicateFinderAdd(b *testing.B) {
	as := make([]*Article, 64)
	for i := range as {
		as[i] = dupFile(b, fmt.Sprintf("article_id = %d", i+1), fmt.Sprintf(`url = "/x/%d"`, i), "feed_item_id = 4")
	}
	b.ReportAllocs()
	var f DuplicateFinder
	for i := 0; i < b.N; i++ {
		f.Add("content/a.md", as[i%len(as)])
	}
}

func BenchmarkUniqueKeys(b *testing.B) {
	a := dupFile(b, "article_id = 1", `url = "/x/1"`, "feed_item_id = 4", `summary = "s"`, `source = "x"`)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		UniqueKeys(a)
	}
}

// FuzzUniqueKeys checks the positions of UniqueKeys against those of a
// parse of the front matter by go-toml (source.keys), for every key.
func FuzzUniqueKeys(f *testing.F) {
	f.Add("+++\narticle_id = 1\nurl = \"/a\"\nfeed_item_id = 2\n+++\n")
	f.Add("+++\nsummary = '''\nurl = \"/x\"\n'''\n\"url\" = \"/y\"\n+++\n")
	f.Add("+++\nx = [\n[1],\n]\n  article_id=3\n[t]\nfeed_item_id = 4\n+++\n")
	f.Fuzz(func(t *testing.T, src string) {
		a, err := Parse(strings.NewReader(src))
		if err != nil {
			return
		}
		at := map[string]int{}
		for _, k := range a.src.keys() {
			at[k.name] = k.key.start
		}
		for _, k := range UniqueKeys(a) {
			off, ok := at[k.Key]
			if !ok {
				t.Fatalf("%s: no key in %q", k.Key, src)
			}
			tp := textPos{text: src}
			line, col := tp.at(off)
			if k.Line != line || k.Column != col {
				t.Fatalf("%s at %d:%d, go-toml says %d:%d in %q", k.Key, k.Line, k.Column, line, col, src)
			}
		}
	})
}

// TestBareKeyOffset checks the line scan of uniqueKeyOffsets on its own:
// its results are also found by the slower keys() fallback, so only a
// direct test sees the scan stop finding keys.
func TestBareKeyOffset(t *testing.T) {
	for _, tc := range []struct {
		fm, name string
		want     int
	}{
		{"url = 1\n", "url", 0},
		{"a = 1\nurl = 2\n", "url", 6},
		{"a = 1\n  url\t= 2", "url", 8},
		{"urls = 1\nurl = 2\n", "url", 9},
		{"a = 1\n[t]\nurl = 2\n", "url", -1},
		{"a = [\n  [1]]\nurl = 2\n", "url", -1},
		{"a = 1\n", "url", -1},
		{"", "url", -1},
		{"\nurl = 2\n", "url", 1},
		{"a = 1\n\n\nurl = 2\n", "url", 8},
	} {
		require.Equal(t, tc.want, bareKeyOffset(tc.fm, tc.name), "%q in %q", tc.name, tc.fm)
	}
}
