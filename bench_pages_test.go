package article_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/articlekit/article"
	"github.com/articlekit/article/internal/gen"
	"github.com/pelletier/go-toml/v2"
)

// The pages that real sites hold, each parsed whole by Parse (impl=parse)
// and its front matter, already split off, decoded by go-toml/v2's
// Unmarshal into a map[string]any (impl=gotoml), or for the seed into a
// plain struct of its schema. bench/run.sh compares the two columns:
//
//	go test -run '^$' -bench '^BenchmarkPages$' -benchmem -count 6 .
//	benchstat -row /page -col /impl
//
// Targets (issue 21): seed ≤ 0.6×, tiny ≤ 1.0×, blog and extra ≤ 0.8×.
var benchPages = []struct{ name, src string }{
	{"tiny", "+++\ntitle = \"About\"\ndate = 2023-01-05\n+++\n"},
	{"blog", `+++
title = "Notes on moving a small blog to a static site generator"
date = 2024-03-18T09:12:00+01:00
description = "What I learned moving my blog from a hosted platform to a static generator, and what I would do differently."
tags = ["hugo", "static-sites", "hosting", "notes"]
categories = ["Engineering"]
weight = 10
toc = true
+++

The move took a weekend.
`},
}

// seedFrontMatter is the seed's schema as a plain struct, date a string,
// as the root package's BenchmarkGoTomlBaseline decodes it.
type seedFrontMatter struct {
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

// frontMatterOf returns the text between the first two "+++" lines of a
// file that starts with one.
func frontMatterOf(tb testing.TB, src []byte) []byte {
	rest, ok := bytes.CutPrefix(src, []byte("+++\n"))
	fm, _, ok2 := bytes.Cut(rest, []byte("\n+++\n"))
	if !ok || !ok2 {
		tb.Fatalf("no front matter in %.40q", src)
	}
	return fm[:len(fm)+1]
}

func BenchmarkPages(b *testing.B) {
	type page struct {
		name     string
		src      []byte
		asStruct bool
	}
	var pages []page
	for _, p := range benchPages {
		pages = append(pages, page{p.name, []byte(p.src), false})
	}
	for _, f := range []struct {
		name, file string
		asStruct   bool
	}{{"extra", "testdata/bench/article-extra.md", false}, {"seed", "testdata/bench/article.md", true}} {
		src, err := os.ReadFile(f.file)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, page{f.name, src, f.asStruct})
	}
	for _, p := range pages {
		fm := frontMatterOf(b, p.src)
		b.Run("page="+p.name+"/impl=parse", func(b *testing.B) {
			b.ReportAllocs()
			var r bytes.Reader
			for b.Loop() {
				r.Reset(p.src)
				if _, err := article.Parse(&r); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("page="+p.name+"/impl=gotoml", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var err error
				if p.asStruct {
					var v seedFrontMatter
					err = toml.Unmarshal(fm, &v)
				} else {
					var m map[string]any
					err = toml.Unmarshal(fm, &m)
				}
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCorpus parses 600 generated pages in the image of real Hugo and
// Zola front matter (gen.Pages: 30 bytes to 5 KB, native dates, arrays,
// tables, arrays of tables, translations), per op all of them. Target:
// impl=parse ≤ 0.8× impl=gotoml.
func BenchmarkCorpus(b *testing.B) {
	pages := gen.Pages(21, 600)
	b.Run("impl=parse", func(b *testing.B) {
		b.ReportAllocs()
		var r bytes.Reader
		for b.Loop() {
			for _, p := range pages {
				r.Reset(p.Src)
				if _, err := article.Parse(&r); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("impl=gotoml", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, p := range pages {
				var m map[string]any
				if err := toml.Unmarshal(p.FM, &m); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

// TestCorpusParses: every generated page parses, to the Params go-toml
// gives the same front matter (schema keys aside), and the corpus spans
// the sizes it promises.
func TestCorpusParses(t *testing.T) {
	pages := gen.Pages(21, 600)
	small, large := 1<<30, 0
	for _, p := range pages {
		a, err := article.Parse(bytes.NewReader(p.Src))
		if err != nil {
			t.Fatalf("%v\n%s", err, p.Src)
		}
		var m map[string]any
		if err := toml.Unmarshal(p.FM, &m); err != nil {
			t.Fatalf("%v\n%s", err, p.FM)
		}
		for _, k := range []string{"title", "date", "draft", "summary", "description"} {
			delete(m, k)
		}
		if len(m) != len(a.Params) {
			t.Fatalf("Params has %d keys, go-toml %d\n%s", len(a.Params), len(m), p.FM)
		}
		small, large = min(small, len(p.FM)), max(large, len(p.FM))
	}
	if small > 40 || large < 4000 || large > 6000 {
		t.Errorf("front matter sizes from %d to %d bytes", small, large)
	}
}
