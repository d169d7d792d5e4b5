package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/articlekit/article"
	"github.com/articlekit/article/internal/gen"
)

// benchFiles writes n generated articles (valid ones only, of the size
// the throughput target names: about 7 KB) and returns their paths.
func benchFiles(b *testing.B, n int) []string {
	b.Helper()
	dir := b.TempDir()
	files, err := gen.Write(dir, n, gen.Config{Seed: 9, Invalid: -1, Duplicates: -1})
	if err != nil {
		b.Fatal(err)
	}
	paths := make([]string, len(files))
	for i, f := range files {
		paths[i] = filepath.Join(dir, f.Path)
	}
	return paths
}

// BenchmarkLintFile measures lint's work on one file: read, parse,
// validate, keys for the duplicate index. Its parts are measured apart
// by the sub-benchmarks.
func BenchmarkLintFile(b *testing.B) {
	paths := benchFiles(b, 200)
	srcs := make([][]byte, len(paths))
	size := 0
	for i, p := range paths {
		var err error
		if srcs[i], err = os.ReadFile(p); err != nil {
			b.Fatal(err)
		}
		size += len(srcs[i])
	}
	c, _ := newChecker("", false)
	l := &linter{check: c}
	b.Run("all", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(size / len(paths)))
		var buf []byte
		for i := 0; b.Loop(); i++ {
			var r result
			r, buf = l.checkFile(paths[i%len(paths)], buf)
			if len(r.problems) > 0 || r.ioErr != nil {
				b.Fatal(r.problems, r.ioErr)
			}
		}
	})
	b.Run("read", func(b *testing.B) {
		b.ReportAllocs()
		var buf []byte
		for i := 0; b.Loop(); i++ {
			var err error
			if buf, err = readArticleFile(paths[i%len(paths)], buf); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("parse", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			if _, err := article.Parse(bytes.NewReader(srcs[i%len(srcs)])); err != nil {
				b.Fatal(err)
			}
		}
	})
	arts := make([]*article.Article, len(srcs))
	for i, s := range srcs {
		arts[i], _ = article.Parse(bytes.NewReader(s))
	}
	b.Run("validate", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			if err := arts[i%len(arts)].Validate(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("sanitize", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			article.Sanitize(arts[i%len(arts)].Body)
		}
	})
}
