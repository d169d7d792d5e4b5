package article_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/articlekit/article"
	"github.com/articlekit/article/internal/gen"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestQuickCleanGenerated runs the quick check against the full check on
// generated articles, large ones and unsafe ones among them, and checks
// that it proves clean every generated body that is clean: on those the
// fast path must work, or Validate gains nothing.
func TestQuickCleanGenerated(t *testing.T) {
	n := 300
	if testing.Short() {
		n = 60
	}
	g := gen.New(gen.Config{Seed: 9, Large: 0.05, Invalid: 0.2})
	p := article.ArticlePolicy()
	proved, clean := 0, 0
	for range n {
		f, src, err := g.Next()
		require.NoError(t, err)
		a, err := article.Parse(bytes.NewReader(src))
		if f.Kind.ParseFails() {
			continue
		}
		var pe *article.ParseError
		if errors.As(err, &pe) {
			t.Fatalf("%s: %v", f.Path, err)
		}
		require.NoError(t, err)
		quick := article.QuickCleanForTest(p, a.Body)
		why := article.FullCheckCleanForTest(p, a.Body)
		if quick {
			require.Empty(t, why, "quickClean says clean of %s (%s)", f.Path, f.Kind)
			proved++
		}
		if why == "" {
			clean++
			assert.True(t, quick, "%s (%s) is clean but not proved so", f.Path, f.Kind)
		}
		if f.Kind == gen.UnsafeBody {
			assert.False(t, quick, f.Path)
		}
	}
	t.Logf("%d articles: %d clean bodies, %d proved clean by the quick check", n, clean, proved)
	assert.Greater(t, clean, n/2)
}

// BenchmarkQuickCleanLintTree runs the quick check on the bodies of the
// articles of lint's throughput target (internal/gen, valid ones, about
// 7 KB each), which it must prove clean.
func BenchmarkQuickCleanLintTree(b *testing.B) {
	g := gen.New(gen.Config{Seed: 9, Invalid: -1, Duplicates: -1})
	p := article.ArticlePolicy()
	var bodies []string
	size := 0
	for range 200 {
		_, src, err := g.Next()
		if err != nil {
			b.Fatal(err)
		}
		a, err := article.Parse(bytes.NewReader(src))
		if err != nil {
			b.Fatal(err)
		}
		if !article.QuickCleanForTest(p, a.Body) {
			b.Fatal("generated body not proved clean")
		}
		bodies = append(bodies, a.Body)
		size += len(a.Body)
	}
	b.SetBytes(int64(size / len(bodies)))
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		article.QuickCleanForTest(p, bodies[i%len(bodies)])
	}
}
