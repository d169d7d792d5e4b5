package bench

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/articlekit/article"
	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The sanitiser side by side with bluemonday's UGCPolicy (plus
// RequireNoFollowOnLinks and AddTargetBlankToFullyQualifiedLinks) and with a
// bare x/net ParseFragment plus Render of the same input, the floor for any
// tree-based sanitiser:
//
//	go test -run '^$' -bench '^BenchmarkSanitize$' -benchmem -count 6

// sanitizeBodies returns the sample article body and a large body.
func sanitizeBodies(tb testing.TB) map[string]string {
	tb.Helper()
	bodies := map[string]string{}
	for name, path := range map[string]string{
		"sample": filepath.Join("..", "testdata", "sanitize", "sample.html"),
		"large":  filepath.Join("..", "testdata", "bench", "large-body.html"),
	} {
		data, err := os.ReadFile(path)
		if err != nil {
			tb.Fatal(err)
		}
		bodies[name] = string(data)
	}
	return bodies
}

var bodyNames = []string{"sample", "large"}

func bluemondayPolicy() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.RequireNoFollowOnLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(true)
	return p
}

func parseRender(body string) string {
	ctx := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragmentWithOptions(strings.NewReader(body), ctx, html.ParseOptionEnableScripting(true))
	if err != nil {
		panic(err)
	}
	var w strings.Builder
	w.Grow(len(body) + len(body)/16)
	for _, n := range nodes {
		if err := html.Render(&w, n); err != nil {
			panic(err)
		}
	}
	return w.String()
}

func TestSanitizeBodies(t *testing.T) {
	bodies := sanitizeBodies(t)
	if n := len(bodies["large"]); n < 50_000 {
		t.Fatalf("large body is %d bytes", n)
	}
	for _, name := range bodyNames {
		body := bodies[name]
		ours := article.Sanitize(body)
		bm := bluemondayPolicy().Sanitize(body)
		if ours == "" || bm == "" || parseRender(body) == "" {
			t.Fatalf("%s: empty output", name)
		}
		if got, want := strings.Count(ours, "<a "), strings.Count(body, "<a "); got != want {
			t.Errorf("%s: %d links kept of %d", name, got, want)
		}
	}
}

// BenchmarkSanitize cleans the sample body (1.8 KB) and the large body
// (60 KB) with each impl: impl=article is article.Sanitize (ArticlePolicy),
// impl=bluemonday is bluemonday's UGCPolicy with nofollow and target, and
// impl=parserender is a bare x/net ParseFragment plus Render, the floor for
// any tree-based sanitiser.
func BenchmarkSanitize(b *testing.B) {
	bodies := sanitizeBodies(b)
	bm := bluemondayPolicy()
	impls := []struct {
		name  string
		clean func(string) string
	}{
		{"article", article.Sanitize},
		{"bluemonday", bm.Sanitize},
		{"parserender", parseRender},
	}
	for _, name := range bodyNames {
		body := bodies[name]
		for _, impl := range impls {
			b.Run("body="+name+"/impl="+impl.name, func(b *testing.B) {
				b.SetBytes(int64(len(body)))
				b.ReportAllocs()
				for b.Loop() {
					sink = impl.clean(body)
				}
			})
		}
	}
}

// BenchmarkSanitizeRatio runs Sanitize, a bare ParseFragment plus Render,
// and bluemonday alternately on each body and reports their best times and
// the ratios of Sanitize's to the others' (x-parse-render, x-bluemonday),
// which a shared, noisy machine disturbs far less than separate
// benchmarks:
//
//	go test -run '^$' -bench SanitizeRatio -benchtime 400x -count 3
func BenchmarkSanitizeRatio(b *testing.B) {
	bodies := sanitizeBodies(b)
	bm := bluemondayPolicy()
	for _, name := range bodyNames {
		body := bodies[name]
		b.Run(name, func(b *testing.B) {
			best := [3]time.Duration{1 << 62, 1 << 62, 1 << 62}
			for b.Loop() {
				for i, f := range []func(string) string{article.Sanitize, parseRender, bm.Sanitize} {
					start := time.Now()
					f(body)
					best[i] = min(best[i], time.Since(start))
				}
			}
			b.ReportMetric(float64(best[0].Nanoseconds()), "sanitize-ns")
			b.ReportMetric(float64(best[1].Nanoseconds()), "parse-render-ns")
			b.ReportMetric(float64(best[2].Nanoseconds()), "bluemonday-ns")
			b.ReportMetric(float64(best[0])/float64(best[1]), "x-parse-render")
			b.ReportMetric(float64(best[0])/float64(best[2]), "x-bluemonday")
		})
	}
}
