package gen

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/articlekit/article"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDeterministic(t *testing.T) {
	g1, g2 := New(Config{Seed: 7}), New(Config{Seed: 7})
	g3 := New(Config{Seed: 8})
	differs := false
	for range 50 {
		f1, b1, err := g1.Next()
		require.NoError(t, err)
		f2, b2, err := g2.Next()
		require.NoError(t, err)
		_, b3, err := g3.Next()
		require.NoError(t, err)
		assert.Equal(t, f1, f2)
		assert.Equal(t, b1, b2)
		differs = differs || !bytes.Equal(b1, b3)
	}
	assert.True(t, differs, "another seed gives other articles")
}

func TestArticles(t *testing.T) {
	g := New(Config{Seed: 1, Large: 0.02})
	kinds := map[Kind]int{}
	ids := map[int64]int{}
	nonASCII, large, total := 0, 0, 0
	const n = 1500
	for i := range n {
		f, b, err := g.Next()
		require.NoError(t, err)
		kinds[f.Kind]++
		total += len(b)
		a, err := article.Parse(bytes.NewReader(b))
		if f.Kind.ParseFails() {
			require.Error(t, err, "%d: %s\n%s", i, f.Kind, b)
			continue
		}
		require.NoError(t, err, "%d: %s", i, f.Kind)
		assert.GreaterOrEqual(t, len(a.Body), 1024, "%d", i)
		assert.LessOrEqual(t, len(a.Body), 110<<10, "%d", i)
		if len(a.Body) > 30<<10 {
			large++
		}
		ids[a.ArticleID]++
		switch f.Kind {
		case Valid, DuplicateID:
			assert.Equal(t, a.Permalink(), a.URL)
			assert.NotEmpty(t, a.Title)
			assert.Equal(t, article.Sanitize(a.Body), a.Body, "%d: a valid body is already clean", i)
		case URLMismatch:
			assert.NotEqual(t, a.Permalink(), a.URL)
		case MissingTitle:
			assert.Empty(t, a.Title)
		case UnsafeBody:
			assert.NotEqual(t, article.Sanitize(a.Body), a.Body)
		}
		for _, r := range a.Title {
			if r >= utf8.RuneSelf {
				nonASCII++
				break
			}
		}
	}
	avg := total / n
	assert.InDelta(t, 7500, avg, 2500, "average size")
	invalid := n - kinds[Valid] - kinds[DuplicateID]
	assert.InDelta(t, 0.03*n, invalid, 0.015*n)
	assert.InDelta(t, 0.01*n, kinds[DuplicateID], 0.007*n)
	for k := BadDate; k <= HTMLTitle; k++ {
		assert.Positive(t, kinds[k], "%s", k)
	}
	dups := 0
	for _, c := range ids {
		if c > 1 {
			dups++
		}
	}
	assert.Positive(t, dups)
	assert.Greater(t, nonASCII, n/20)
	assert.Positive(t, large)
}

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	files, err := Write(dir, 40, Config{Seed: 3})
	require.NoError(t, err)
	require.Len(t, files, 40)
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(dir, f.Path))
		require.NoError(t, err)
		assert.Len(t, b, f.Size)
	}
}
