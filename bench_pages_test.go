package article

import (
	"bytes"
	"math"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/articlekit/article/internal/gen/pages"
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
				if _, err := Parse(&r); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("page="+p.name+"/impl=gotoml", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var err error
				if p.asStruct {
					var v plainFrontMatter
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
// Zola front matter (pages.Pages: 30 bytes to 5 KB, native dates, arrays,
// tables, arrays of tables, translations), per op all of them. Target:
// impl=parse ≤ 0.8× impl=gotoml.
func BenchmarkCorpus(b *testing.B) {
	corpus := pages.Pages(21, 600)
	b.Run("impl=parse", func(b *testing.B) {
		b.ReportAllocs()
		var r bytes.Reader
		for b.Loop() {
			for _, p := range corpus {
				r.Reset(p.Src)
				if _, err := Parse(&r); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("impl=gotoml", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, p := range corpus {
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
	corpus := pages.Pages(21, 600)
	small, large := 1<<30, 0
	for _, p := range corpus {
		a, err := Parse(bytes.NewReader(p.Src))
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

// BenchmarkPagesRatio times Parse and go-toml on each page of
// BenchmarkPages and on the corpus in alternating batches, by the CPU
// time of the benchmark's thread, and reports the fastest batch of each
// and their ratio (parse/gotoml): on a machine shared with other work,
// the minimum CPU time of a batch is a steadier measure than two
// benchmarks run one after the other. ns/op counts a round of both. The
// -noread pages leave Parse's read of the file out (see below).
//
//	go test -run '^$' -bench '^BenchmarkPagesRatio$' -count 6 .
func BenchmarkPagesRatio(b *testing.B) {
	type job struct {
		name          string
		parse, theirs func() error
		batch         int
	}
	var jobs []job
	add := func(name string, src []byte, asStruct bool) {
		fm := frontMatterOf(b, src)
		var r bytes.Reader
		jobs = append(jobs, job{name: name, batch: 50,
			parse: func() error {
				r.Reset(src)
				_, err := Parse(&r)
				return err
			},
			theirs: func() error {
				if asStruct {
					var v plainFrontMatter
					return toml.Unmarshal(fm, &v)
				}
				var m map[string]any
				return toml.Unmarshal(fm, &m)
			}})
	}
	for _, p := range benchPages {
		add(p.name, []byte(p.src), false)
	}
	for _, f := range []struct {
		name, file string
		asStruct   bool
	}{{"extra", "testdata/bench/article-extra.md", false}, {"seed", "testdata/bench/article.md", true}} {
		src, err := os.ReadFile(f.file)
		if err != nil {
			b.Fatal(err)
		}
		add(f.name, src, f.asStruct)
	}
	corpus := pages.Pages(21, 600)
	var r bytes.Reader
	jobs = append(jobs, job{name: "corpus", batch: 1,
		parse: func() error {
			for _, p := range corpus {
				r.Reset(p.Src)
				if _, err := Parse(&r); err != nil {
					return err
				}
			}
			return nil
		},
		theirs: func() error {
			for _, p := range corpus {
				var m map[string]any
				if err := toml.Unmarshal(p.FM, &m); err != nil {
					return err
				}
			}
			return nil
		}})
	// The same blog post and corpus once the file is in memory as a
	// string: Parse's work without its read, the copy of the reader's
	// bytes that Parse takes because the Article keeps the text (Body and
	// the source record share it). go-toml decodes the caller's bytes in
	// place. The gap between a page and its -noread twin is what the copy
	// costs.
	blog := benchPages[1].src
	blogFM := frontMatterOf(b, []byte(blog))
	texts := make([]string, len(corpus))
	for i, p := range corpus {
		texts[i] = string(p.Src)
	}
	jobs = append(jobs, job{name: "blog-noread", batch: 50,
		parse: func() error {
			_, err := Decoder{}.decode(blog)
			return err
		},
		theirs: func() error {
			var m map[string]any
			return toml.Unmarshal(blogFM, &m)
		}}, job{name: "corpus-noread", batch: 1,
		parse: func() error {
			for _, text := range texts {
				if _, err := (Decoder{}).decode(text); err != nil {
					return err
				}
			}
			return nil
		},
		theirs: jobs[len(jobs)-1].theirs})
	for _, j := range jobs {
		b.Run("page="+j.name, func(b *testing.B) {
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			batch := func(f func() error) time.Duration {
				start := clock()
				for range j.batch {
					if err := f(); err != nil {
						b.Fatal(err)
					}
				}
				return (clock() - start) / time.Duration(j.batch)
			}
			ours, theirs := time.Duration(math.MaxInt64), time.Duration(math.MaxInt64)
			for b.Loop() {
				ours = min(ours, batch(j.parse))
				theirs = min(theirs, batch(j.theirs))
			}
			b.ReportMetric(float64(ours.Nanoseconds()), "parse-ns")
			b.ReportMetric(float64(theirs.Nanoseconds()), "gotoml-ns")
			b.ReportMetric(float64(ours)/float64(theirs), "ratio")
		})
	}
}
