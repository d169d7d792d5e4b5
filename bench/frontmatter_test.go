package bench

import (
	"bytes"
	"errors"
	"io"
	"os"
	"testing"
	"time"

	burntsushi "github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"github.com/articlekit/article"
	gotoml "github.com/pelletier/go-toml/v2"
)

// Front matter decoding side by side: article.Parse against the tools
// people would otherwise glue together. bench/run.sh runs it as
//
//	go test -run '^$' -bench '^BenchmarkFrontMatter$' -benchmem -count 6
//
// and compares every impl with impl=article.

func sampleArticle(tb testing.TB) []byte {
	tb.Helper()
	src, err := os.ReadFile("../testdata/bench/article.md")
	if err != nil {
		tb.Fatal(err)
	}
	return src
}

// matter is what the peers decode into: the same schema, with date as a
// time.Time as article.Parse gives it.
type matter struct {
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

// plainMatter is what the bare Unmarshal baselines decode into: the schema
// as a plain struct, date left a string (the root package's
// BenchmarkGoTomlBaseline uses the same).
type plainMatter struct {
	Title       string `toml:"title"`
	Date        string `toml:"date"`
	Draft       bool   `toml:"draft"`
	Summary     string `toml:"summary"`
	Description string `toml:"description"`
	SourceLink  string `toml:"source_link"`
	Enclosure   string `toml:"enclosure"`
	ArticleID   int64  `toml:"article_id"`
	FeedItemID  int64  `toml:"feed_item_id"`
	URL         string `toml:"url"`
	QRCode      string `toml:"qrcode"`
	Source      string `toml:"source"`
}

var errNoFrontMatter = errors.New("no +++ front matter")

// splitMatter is the least a caller of a bare TOML library writes to get
// at the front matter: the text between a first line "+++" and the next
// "\n+++\n", and the body after the empty line that follows. It handles
// neither CRLF nor a BOM nor blank lines before the opener, which
// article.Parse does.
func splitMatter(src []byte) (fm, body []byte, err error) {
	rest, ok := bytes.CutPrefix(src, []byte("+++\n"))
	if !ok {
		return nil, nil, errNoFrontMatter
	}
	fm, body, ok = bytes.Cut(rest, []byte("\n+++\n"))
	if !ok {
		return nil, nil, errNoFrontMatter
	}
	body, _ = bytes.CutPrefix(body, []byte("\n"))
	return fm[:len(fm)+1], body, nil
}

// burntSushiParse does what article.Parse does with BurntSushi/toml: read
// the file, split it, decode the front matter with the date as a
// time.Time, keep the body.
func burntSushiParse(r io.Reader) (*matter, []byte, error) {
	src, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, err
	}
	fm, body, err := splitMatter(src)
	if err != nil {
		return nil, nil, err
	}
	var m matter
	if _, err := burntsushi.Decode(string(fm), &m); err != nil {
		return nil, nil, err
	}
	return &m, body, nil
}

// BenchmarkFrontMatter reads the sample-sized article (2.6 KB):
//
//   - impl=article: article.Parse (read, split, decode, date, body kept);
//   - impl=adrg: github.com/adrg/frontmatter's Parse into the same fields
//     (it decodes TOML with BurntSushi/toml, at the version this module
//     selects);
//   - impl=burntsushi: BurntSushi/toml's Decode after io.ReadAll and
//     splitMatter, the same job;
//   - impl=gotoml-unmarshal and impl=burntsushi-unmarshal: a bare
//     Unmarshal of the front matter alone, already split off, into a plain
//     struct (no reading, splitting or date parsing): a floor, not a peer.
func BenchmarkFrontMatter(b *testing.B) {
	src := sampleArticle(b)
	fm, _, err := splitMatter(src)
	if err != nil {
		b.Fatal(err)
	}
	impls := []struct {
		name string
		run  func(r *bytes.Reader) error
	}{
		{"article", func(r *bytes.Reader) error {
			_, err := article.Parse(r)
			return err
		}},
		{"adrg", func(r *bytes.Reader) error {
			var m matter
			_, err := frontmatter.Parse(r, &m)
			return err
		}},
		{"burntsushi", func(r *bytes.Reader) error {
			_, _, err := burntSushiParse(r)
			return err
		}},
		{"gotoml-unmarshal", func(*bytes.Reader) error {
			var v plainMatter
			return gotoml.Unmarshal(fm, &v)
		}},
		{"burntsushi-unmarshal", func(*bytes.Reader) error {
			var v plainMatter
			return burntsushi.Unmarshal(fm, &v)
		}},
	}
	for _, impl := range impls {
		b.Run("impl="+impl.name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			var r bytes.Reader
			for b.Loop() {
				r.Reset(src)
				if err := impl.run(&r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestSameResult makes sure the peers decode what article.Parse decodes,
// so that BenchmarkFrontMatter compares the same job.
func TestSameResult(t *testing.T) {
	src := sampleArticle(t)
	a, err := article.Parse(bytes.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	want := matter{
		Title: a.Title, Date: a.Date, Draft: a.Draft, Summary: a.Summary,
		Description: a.Description, SourceLink: a.SourceLink, Enclosure: a.Enclosure,
		ArticleID: a.ArticleID, FeedItemID: a.FeedItemID, URL: a.URL,
		QRCode: a.QRCode, Source: a.Source,
	}
	same := func(name string, m matter) {
		t.Helper()
		if !m.Date.Equal(want.Date) {
			t.Errorf("%s: date %v, want %v", name, m.Date, want.Date)
		}
		m.Date = want.Date
		if m != want {
			t.Errorf("%s decoded differently:\n got %+v\nwant %+v", name, m, want)
		}
	}

	var am matter
	body, err := frontmatter.Parse(bytes.NewReader(src), &am)
	if err != nil {
		t.Fatal(err)
	}
	same("adrg", am)
	if !bytes.Contains(body, []byte(a.Body)) {
		t.Error("adrg: body differs")
	}

	bm, body, err := burntSushiParse(bytes.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	same("burntsushi", *bm)
	if string(body) != a.Body {
		t.Errorf("burntsushi: body %q, want %q", body, a.Body)
	}

	fm, _, err := splitMatter(src)
	if err != nil {
		t.Fatal(err)
	}
	for name, unmarshal := range map[string]func([]byte, any) error{
		"gotoml-unmarshal":     gotoml.Unmarshal,
		"burntsushi-unmarshal": burntsushi.Unmarshal,
	} {
		var p plainMatter
		if err := unmarshal(fm, &p); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if p.Title != a.Title || p.ArticleID != a.ArticleID || p.Source != a.Source || p.Date == "" {
			t.Errorf("%s decoded differently: %+v", name, p)
		}
	}
}
