package article

import (
	"bytes"
	"fmt"
	"go/parser"
	"go/token"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const readTestArticle = "+++\ntitle = \"T\"\narticle_id = 7\n+++\n\n<p>body</p>\n"

// lenReader is a reader whose Len lies.
type lenReader struct {
	io.Reader
	n int
}

func (r lenReader) Len() int { return r.n }

func TestSizeHintsAreHints(t *testing.T) {
	for _, n := range []int{-1, math.MinInt, 0, 1, 3, 1 << 40, math.MaxInt - 1, math.MaxInt} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			for _, max := range []int64{0, 1 << 10, -1} {
				a, err := Decoder{MaxSize: max}.Decode(lenReader{strings.NewReader(readTestArticle), n})
				require.NoError(t, err)
				assert.Equal(t, "T", a.Title)
				assert.Equal(t, "<p>body</p>\n", a.Body)
			}
		})
	}
}

// emptyReader returns (0, nil) for ever.
type emptyReader struct{ calls int }

func (r *emptyReader) Read([]byte) (int, error) { r.calls++; return 0, nil }

func TestEmptyReadsGiveUp(t *testing.T) {
	r := &emptyReader{}
	done := make(chan error, 1)
	go func() {
		_, err := Parse(r)
		done <- err
	}()
	select {
	case err := <-done:
		require.ErrorIs(t, err, io.ErrNoProgress)
		assert.Equal(t, maxEmptyReads, r.calls)
	case <-time.After(10 * time.Second):
		t.Fatal("Parse spins on a reader that returns (0, nil)")
	}
}

// Empty reads between data are not progress failures.
func TestSomeEmptyReadsAreFine(t *testing.T) {
	r := &stutterReader{r: strings.NewReader(readTestArticle)}
	a, err := Parse(r)
	require.NoError(t, err)
	assert.Equal(t, "T", a.Title)
}

// stutterReader returns (0, nil) maxEmptyReads-1 times before every byte.
type stutterReader struct {
	r     io.Reader
	empty int
}

func (s *stutterReader) Read(p []byte) (int, error) {
	if s.empty < maxEmptyReads-1 {
		s.empty++
		return 0, nil
	}
	s.empty = 0
	return s.r.Read(p[:min(len(p), 1)])
}

// countingEndless never ends; it has a Len if hint >= 0.
type countingEndless struct{ endless }

type hintedEndless struct {
	endless
	hint int
}

func (h *hintedEndless) Len() int { return h.hint }

func TestNeverReadsPastLimit(t *testing.T) {
	for _, max := range []int64{0, 1, 100, 4095, 4096, 4097, 1 << 20} {
		limit := max
		if limit == 0 {
			limit = DefaultMaxSize
		}
		r := &countingEndless{}
		_, err := Decoder{MaxSize: max}.Decode(r)
		require.ErrorIs(t, err, ErrTooLarge)
		assert.Equal(t, limit+1, r.n, "MaxSize %d", max)

		h := &hintedEndless{hint: 3 << 20}
		_, err = Decoder{MaxSize: max}.Decode(h)
		require.ErrorIs(t, err, ErrTooLarge)
		assert.Equal(t, limit+1, h.n, "MaxSize %d with a hint", max)
	}
}

// In-memory readers are read with WriteTo; the limit holds there too.
func TestLimitOnInMemoryReaders(t *testing.T) {
	in := readTestArticle + strings.Repeat("x", 100)
	n := int64(len(in))
	readers := map[string]func() io.Reader{
		"bytes.Reader":   func() io.Reader { return bytes.NewReader([]byte(in)) },
		"strings.Reader": func() io.Reader { return strings.NewReader(in) },
		"bytes.Buffer":   func() io.Reader { return bytes.NewBufferString(in) },
	}
	for name, mk := range readers {
		t.Run(name, func(t *testing.T) {
			a, err := Decoder{MaxSize: n}.Decode(mk())
			require.NoError(t, err)
			assert.Equal(t, "T", a.Title)
			_, err = Decoder{MaxSize: n - 1}.Decode(mk())
			require.ErrorIs(t, err, ErrTooLarge)
			_, err = Decoder{MaxSize: -1}.Decode(mk())
			require.NoError(t, err)
		})
	}
}

// TestFileAllocatesNearItsSize: a file is read into a string sized from
// Stat, without doubling a buffer and without a second copy.
func TestFileAllocatesNearItsSize(t *testing.T) {
	const size = 10 << 20
	name := filepath.Join(t.TempDir(), "big.md")
	content := readTestArticle + strings.Repeat("<p>x</p>\n", (size-len(readTestArticle))/9)
	require.NoError(t, os.WriteFile(name, []byte(content), 0o600))
	f, err := os.Open(name)
	require.NoError(t, err)
	defer f.Close()

	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	a, err := Decoder{MaxSize: 32 << 20}.Decode(f)
	runtime.ReadMemStats(&after)
	require.NoError(t, err)
	require.Len(t, a.Body, len(content)-len(readTestArticle)+len("<p>body</p>\n"))
	allocated := after.TotalAlloc - before.TotalAlloc
	assert.Less(t, allocated, uint64(len(content))*5/4, "allocated %d bytes for a %d-byte file", allocated, len(content))
}

// TestNoUnsafe: the decoder shares the file's text through one string, not
// through package unsafe.
func TestNoUnsafe(t *testing.T) {
	for _, name := range []string{"frontmatter.go", "decode.go", "simple.go"} {
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
		require.NoError(t, err)
		for _, imp := range f.Imports {
			assert.NotEqual(t, `"unsafe"`, imp.Path.Value, name)
		}
	}
}

// TestParseAllocations: the fast path reads into one string that every
// field shares; a sample article costs at most 3 allocations.
func TestParseAllocations(t *testing.T) {
	src, err := os.ReadFile("testdata/bench/article.md")
	require.NoError(t, err)
	var r bytes.Reader
	n := testing.AllocsPerRun(20, func() {
		r.Reset(src)
		if _, err := Parse(&r); err != nil {
			t.Fatal(err)
		}
	})
	assert.LessOrEqual(t, n, 3.0)
}

// TestNoFrontMatterMessages: input without +++ front matter says what was
// found instead.
func TestNoFrontMatterMessages(t *testing.T) {
	tests := []struct {
		in, msg   string
		line, col int
	}{
		{"", "1:1: no front matter: the input is empty", 1, 1},
		{"\n \r\n", "3:1: no front matter: the input has only blank lines", 3, 1},
		{"\uFEFF", "1:4: no front matter: the input has only blank lines", 1, 4},
		{"---\ntitle: x\n---\n\nbody", "1:1: no front matter: found YAML front matter (a --- line); this format is TOML between +++ lines", 1, 1},
		{"\n---yaml \ntitle: x\n---\n", "2:1: no front matter: found YAML front matter (a --- line); this format is TOML between +++ lines", 2, 1},
		{"{\n  \"title\": \"x\"\n}\n\nbody", "1:1: no front matter: found JSON front matter (a {); this format is TOML between +++ lines", 1, 1},
		{"  {\"title\": \"x\"}\n", "1:1: no front matter: found JSON front matter (a {); this format is TOML between +++ lines", 1, 3},
		{"<p>x</p>\n", "1:1: " + ErrNoFrontMatter.Error(), 1, 1},
		{"----\n", "1:1: " + ErrNoFrontMatter.Error(), 1, 1},
		// After ---, a word of up to eight letters a to z: a tool's name
		// for the format.
		{"---markdown\n", "1:1: no front matter: found YAML front matter (a --- line); this format is TOML between +++ lines", 1, 1},
		{"---zz\n", "1:1: no front matter: found YAML front matter (a --- line); this format is TOML between +++ lines", 1, 1},
		{"---markdowns\n", "1:1: " + ErrNoFrontMatter.Error(), 1, 1},
		{"---a{\n", "1:1: " + ErrNoFrontMatter.Error(), 1, 1},
		{"---Yaml\n", "1:1: " + ErrNoFrontMatter.Error(), 1, 1},
	}
	for _, tt := range tests {
		_, err := Parse(strings.NewReader(tt.in))
		require.ErrorIs(t, err, ErrNoFrontMatter, "%q", tt.in)
		assert.Equal(t, tt.msg, err.Error(), "%q", tt.in)
	}
}

// TestReadSizesItsBuffers: reading a file, or an in-memory reader, whose
// size is known takes one string of that size plus one (the read that
// sees io.EOF) and, from a file, one buffer of at most 32 KB: no string
// grown twice, no buffer grown, no copy of a strings.Reader's text. The
// sizes sit just past the allocator's classes and pages, where a buffer
// asked one or two bytes short is too small and must grow (doubling what
// is allocated). A reader without a size hint reads in buffers that
// double up to 32 KB: few allocations. What is allocated is counted
// process-wide, so each read is repeated and the least count kept: other
// allocations only add.
func TestReadSizesItsBuffers(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates more")
	}
	dir := t.TempDir()
	// measure returns the least bytes and allocations a read took.
	measure := func(read func() string, size int) (bytes, mallocs uint64) {
		bytes, mallocs = math.MaxUint64, math.MaxUint64
		for range 5 {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			got := read()
			runtime.ReadMemStats(&after)
			require.Equal(t, size, len(got))
			bytes = min(bytes, after.TotalAlloc-before.TotalAlloc)
			mallocs = min(mallocs, after.Mallocs-before.Mallocs)
		}
		return bytes, mallocs
	}
	// alloc is an upper bound of what the allocator hands out for n
	// bytes: a size class at most a quarter above it, or whole 8 KB pages.
	alloc := func(n int) uint64 {
		if n <= 32<<10 {
			return uint64(n + n/4 + 16)
		}
		return uint64((n + 8<<10 - 1) / (8 << 10) * (8 << 10))
	}
	for _, size := range []int{0, 1, 4095, 4096, 4097, 8193, 32 << 10, 32<<10 + 1, 64<<10 + 1, 1<<20 + 1} {
		content := strings.Repeat("x", size)
		name := filepath.Join(dir, fmt.Sprint(size))
		require.NoError(t, os.WriteFile(name, []byte(content), 0o600))
		for _, max := range []int64{-1, int64(size), int64(size) + 1, 8 << 20} {
			fromFile, _ := measure(func() string {
				f, err := os.Open(name)
				require.NoError(t, err)
				defer f.Close()
				var w limitWriter
				got, err := readLimitedWith(f, max, &w)
				require.NoError(t, err)
				return got
			}, size)
			// A file also takes one read buffer of at most maxChunk, and
			// os.File's own small allocations.
			assert.LessOrEqual(t, fromFile, alloc(size+1)+alloc(min(size+1, maxChunk))+1<<10, "file of %d bytes, max %d", size, max)
			fromString, _ := measure(func() string {
				var w limitWriter
				got, err := readLimitedWith(strings.NewReader(content), max, &w)
				require.NoError(t, err)
				return got
			}, size)
			assert.LessOrEqual(t, fromString, alloc(size+1)+128, "strings.Reader of %d bytes, max %d", size, max)
			// A reader of another type that tells its size with Len, as
			// a file does with Stat.
			fromLen, _ := measure(func() string {
				var w limitWriter
				got, err := readLimitedWith(struct{ *strings.Reader }{strings.NewReader(content)}, max, &w)
				require.NoError(t, err)
				return got
			}, size)
			assert.LessOrEqual(t, fromLen, alloc(size+1)+alloc(min(size+1, maxChunk))+128, "reader with Len of %d bytes, max %d", size, max)
		}
		// No size hint: the text is built as it comes (a strings.Builder
		// doubles), read in buffers of 4, 8, 16 and 32 KB.
		_, mallocs := measure(func() string {
			var w limitWriter
			got, err := readLimitedWith(struct{ io.Reader }{strings.NewReader(content)}, -1, &w)
			require.NoError(t, err)
			return got
		}, size)
		assert.LessOrEqual(t, mallocs, uint64(40), "reader of %d bytes without a size hint", size)
	}
}

// TestParseSchemaKeysGeneralPath: a schema key whose line the line
// scanner leaves to go-toml's parser (a string with an escape, a dotted
// key, a table) is still a schema key, the shortest (url) and the
// longest (feed_item_id) included: read into its field, or refused as a
// table, never put into Params.
func TestParseSchemaKeysGeneralPath(t *testing.T) {
	a, err := Parse(strings.NewReader("+++\nurl = \"\\u002F202401/7-t\"\nfeed_item_id = 0x10\n+++\n\n<p>x</p>\n"))
	require.NoError(t, err)
	assert.Equal(t, "/202401/7-t", a.URL)
	assert.Equal(t, int64(16), a.FeedItemID)
	assert.Empty(t, a.Params)
	for _, src := range []string{"+++\nurl.x = 1\n+++\n", "+++\n[url]\n+++\n", "+++\nfeed_item_id.x = 1\n+++\n", "+++\n[feed_item_id]\n+++\n"} {
		_, err := Parse(strings.NewReader(src))
		require.Error(t, err, "%q", src)
		assert.Contains(t, err.Error(), "wrong type", "%q", src)
	}
}
