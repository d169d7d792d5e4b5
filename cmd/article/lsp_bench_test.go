package main

import (
	"os"
	"strconv"
	"testing"
	"time"

	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/articlekit/article/internal/gen"
)

// BenchmarkLSPChange measures what a change to the sample article costs the
// server once the debounce has passed: the incremental edit applied, the
// article parsed and validated, the diagnostics converted to UTF-16 ranges,
// the workspace index updated and the publishDiagnostics notification
// written to the client. The budget is 5 ms on 2 cores.
func BenchmarkLSPChange(b *testing.B) {
	c := startLSP(b, nil)
	c.server.debounce = time.Hour // the benchmark runs the check itself
	uri := "file:///tmp/bench.md"
	c.open(uri, sampleText(b))
	c.waitDiags(uri, anyDiags)
	s := c.server
	s.mu.Lock()
	d := s.docs[uri]
	s.mu.Unlock()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		// Type one letter into the title and take it out again.
		text := "X"
		if i%2 == 1 {
			text = ""
		}
		end := 9
		if i%2 == 1 {
			end = 10
		}
		err := s.didChange(nil, &protocol.DidChangeTextDocumentParams{
			TextDocument: protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: uri}, Version: protocol.Integer(i + 2)},
			ContentChanges: []any{protocol.TextDocumentContentChangeEvent{
				Range: &protocol.Range{Start: protocol.Position{Line: 1, Character: 9}, End: protocol.Position{Line: 1, Character: protocol.UInteger(end)}},
				Text:  text}}})
		if err != nil {
			b.Fatal(err)
		}
		s.check(d)
	}
}

// BenchmarkLSPIndex indexes a workspace of generated articles (about 7 KB
// each, 1% duplicates) through the protocol, from initialized to the end
// of the $/progress reports, and reports articles/s. The tree has
// ARTICLE_LSP_INDEX_N files (default 2,000), or is the folder
// ARTICLE_LSP_INDEX_DIR (such as 100,000 articles from
// "go run ./internal/gen/articlegen -n 100000 -out DIR", the tree of
// lint's throughput figure, about 33,000 articles/s).
func BenchmarkLSPIndex(b *testing.B) {
	n := 2000
	if v, err := strconv.Atoi(os.Getenv("ARTICLE_LSP_INDEX_N")); err == nil && v > 0 {
		n = v
	}
	dir := os.Getenv("ARTICLE_LSP_INDEX_DIR") // a tree made by internal/gen/articlegen
	if dir == "" {
		dir = b.TempDir()
		if _, err := gen.Write(dir, n, gen.Config{Seed: 9, Invalid: -1}); err != nil {
			b.Fatal(err)
		}
	} else {
		n = 0
		walkPaths([]string{dir}, defaultExts, func(string) bool { n++; return true }, func(err error) { b.Fatal(err) })
	}
	b.ResetTimer()
	var total time.Duration
	for b.Loop() {
		start := time.Now()
		c := startLSP(b, map[string]any{"rootUri": pathURI(dir)})
		for {
			c.mu.Lock()
			done := len(c.progress) > 0 && c.progress[len(c.progress)-1] == "end"
			c.mu.Unlock()
			if done {
				break
			}
			time.Sleep(time.Millisecond)
		}
		total += time.Since(start)
	}
	b.ReportMetric(float64(n)*float64(b.N)/total.Seconds(), "articles/s")
}
