package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
//	go test -run '^$' -bench 'Sanit|Bluemonday|ParseRender' -benchmem -count 6

// sanitizeBodies returns the sample article body and a large body.
func sanitizeBodies(tb testing.TB) map[string]string {
	tb.Helper()
	sample, err := os.ReadFile(filepath.Join("..", "testdata", "sanitize", "sample.html"))
	if err != nil {
		tb.Fatal(err)
	}
	return map[string]string{"sample": string(sample), "large": largeBody()}
}

var bodyNames = []string{"sample", "large"}

// largeBody returns a deterministic article body of about 60 KB with
// headings, paragraphs, lists, tables, images and many links. It is the same
// as largeArticleBody in the article package's tests.
func largeBody() string {
	var b strings.Builder
	for i := 0; b.Len() < 60_000; i++ {
		fmt.Fprintf(&b, "<h2>Section %d: results and outlook</h2>\n", i)
		fmt.Fprintf(&b, "<p>Company %d reported revenue of $%d.%d million, up %d%% from a year earlier, "+
			"according to <a href=\"https://news.example.com/story/%d?utm_source=feed&amp;utm_medium=rss\" target=\"_blank\">the announcement</a>. "+
			"Analysts at <a href='https://research.example.org/notes/%d'>Example Research</a> said the company's "+
			"outlook was <em>cautiously optimistic</em>, while <strong>shares rose %d%%</strong> in early trading.</p>\n",
			i, 10+i%90, i%10, i%30, i, i, i%7)
		fmt.Fprintf(&b, "<p><img src=\"https://cdn.example.com/img/%d.jpg\" alt=\"Chart %d\" width=\"640\" height=\"360\" class=\"wp-image\" loading=\"lazy\"></p>\n", i, i)
		b.WriteString("<ul>\n")
		for j := 0; j < 5; j++ {
			fmt.Fprintf(&b, "  <li><a href=\"https://www.example.com/%d/%d\" rel=\"nofollow\">Item %d.%d</a> &ndash; details &amp; notes</li>\n", i, j, i, j)
		}
		b.WriteString("</ul>\n<table>\n<thead><tr><th>Quarter</th><th>Revenue</th><th>Source</th></tr></thead>\n<tbody>\n")
		for j := 0; j < 4; j++ {
			fmt.Fprintf(&b, "<tr><td>Q%d</td><td style=\"text-align:right\">%d.%d</td><td><a href=\"/filings/%d/q%d\">filing</a></td></tr>\n", j+1, 100+i+j, j, i, j+1)
		}
		b.WriteString("</tbody>\n</table>\n")
		fmt.Fprintf(&b, "<blockquote><p>&ldquo;We are pleased with quarter %d,&rdquo; said the CEO.</p></blockquote>\n", i)
	}
	return b.String()
}

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

func BenchmarkSanitize(b *testing.B) {
	bodies := sanitizeBodies(b)
	for _, name := range bodyNames {
		body := bodies[name]
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				article.Sanitize(body)
			}
		})
	}
}

func BenchmarkBluemonday(b *testing.B) {
	bodies := sanitizeBodies(b)
	p := bluemondayPolicy()
	for _, name := range bodyNames {
		body := bodies[name]
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				p.Sanitize(body)
			}
		})
	}
}

func BenchmarkParseRender(b *testing.B) {
	bodies := sanitizeBodies(b)
	for _, name := range bodyNames {
		body := bodies[name]
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				parseRender(body)
			}
		})
	}
}
