package bench

import (
	"bytes"
	"os"
	"testing"
	"time"

	"github.com/adrg/frontmatter"
	"github.com/articlekit/article"
)

func sampleArticle(b *testing.B) []byte {
	b.Helper()
	src, err := os.ReadFile("../testdata/bench/article.md")
	if err != nil {
		b.Fatal(err)
	}
	return src
}

// BenchmarkParse is article.Parse on a sample-sized article: front matter
// decoded, date read, body kept.
func BenchmarkParse(b *testing.B) {
	src := sampleArticle(b)
	b.ReportAllocs()
	var r bytes.Reader
	for b.Loop() {
		r.Reset(src)
		if _, err := article.Parse(&r); err != nil {
			b.Fatal(err)
		}
	}
}

// adrgMatter is what adrg/frontmatter decodes into: the same schema, with
// date as a time.Time as article.Parse gives it.
type adrgMatter struct {
	Title       string    `toml:"title"`
	Date        time.Time `toml:"date"`
	Draft       bool      `toml:"draft"`
	Summary     string    `toml:"summary"`
	Description string    `toml:"description"`
	SourceLink  string    `toml:"source_link"`
	Enclosure   string    `toml:"enclosure"`
	ArticleID   int64     `toml:"article_id"`
	FeedItemID  int64     `toml:"feed_item_id"`
	URL         string    `toml:"url"`
	QRCode      string    `toml:"qrcode"`
	Source      string    `toml:"source"`
}

// BenchmarkAdrgFrontmatter is github.com/adrg/frontmatter's Parse of the
// same input into the same fields, returning the body.
func BenchmarkAdrgFrontmatter(b *testing.B) {
	src := sampleArticle(b)
	b.ReportAllocs()
	var r bytes.Reader
	for b.Loop() {
		r.Reset(src)
		var m adrgMatter
		body, err := frontmatter.Parse(&r, &m)
		if err != nil || len(body) == 0 || m.ArticleID == 0 {
			b.Fatal(err)
		}
	}
}

// TestSameResult makes sure both benchmarks decode the same thing.
func TestSameResult(t *testing.T) {
	src, err := os.ReadFile("../testdata/bench/article.md")
	if err != nil {
		t.Fatal(err)
	}
	a, err := article.Parse(bytes.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	var m adrgMatter
	body, err := frontmatter.Parse(bytes.NewReader(src), &m)
	if err != nil {
		t.Fatal(err)
	}
	if m.Title != a.Title || m.ArticleID != a.ArticleID || !m.Date.Equal(a.Date) || m.Source != a.Source {
		t.Fatalf("decoded differently: %+v vs %+v", m, a)
	}
	if !bytes.Contains(body, []byte(a.Body)) {
		t.Fatal("body differs")
	}
}
