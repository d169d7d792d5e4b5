package article

import (
	"bytes"
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
	}
	for _, tt := range tests {
		_, err := Parse(strings.NewReader(tt.in))
		require.ErrorIs(t, err, ErrNoFrontMatter, "%q", tt.in)
		assert.Equal(t, tt.msg, err.Error(), "%q", tt.in)
	}
}
