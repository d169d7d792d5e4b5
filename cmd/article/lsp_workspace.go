package main

import (
	"bytes"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/articlekit/article"
)

// wsIndex holds, for every article file of the workspace, its values that
// must be unique (article_id, url, feed_item_id), and for every value the
// files that hold it. Open documents count with their text in the editor,
// the others with the text on disk.
type wsIndex struct {
	mu      sync.Mutex
	root    string
	files   map[string]wsEntry
	open    map[string]bool // paths whose entry is an open document's
	holders map[wsValue][]string
}

type wsValue struct {
	key, value string
}

// wsEntry is a file's values that must be unique, as the library reads
// them (article.UniqueKeys).
type wsEntry []article.UniqueKey

func newWSIndex(root string) *wsIndex {
	return &wsIndex{root: root, files: make(map[string]wsEntry),
		open: make(map[string]bool), holders: make(map[wsValue][]string)}
}

// setLocked replaces the entry of path and returns the paths whose
// duplicates may have changed.
func (ix *wsIndex) setLocked(path string, e wsEntry) []string {
	var affected []string
	if old, ok := ix.files[path]; ok {
		for _, k := range old {
			v := wsValue{k.Key, k.Value}
			hs := ix.holders[v]
			affected = append(affected, hs...)
			if j := slices.Index(hs, path); j >= 0 {
				hs = slices.Delete(hs, j, j+1)
			}
			if len(hs) == 0 {
				delete(ix.holders, v)
			} else {
				ix.holders[v] = hs
			}
		}
		delete(ix.files, path)
	}
	if len(e) > 0 {
		ix.files[path] = e
		for _, k := range e {
			v := wsValue{k.Key, k.Value}
			ix.holders[v] = append(ix.holders[v], path)
			affected = append(affected, ix.holders[v]...)
		}
	}
	slices.Sort(affected)
	return slices.Compact(affected)
}

// updateIndex records the open document path, parsed as a (nil when it
// does not parse), and returns the files whose duplicates may have changed.
func (s *lspServer) updateIndex(path string, text []byte, a *article.Article) []string {
	ix := s.wsIndex()
	if !ix.covers(path) {
		return nil
	}
	e := wsEntry(article.UniqueKeys(a))
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.open[path] = true
	return ix.setLocked(path, e)
}

// documentClosed puts the file's text on disk back in the index in place
// of the closed document's, and publishes what changes.
func (s *lspServer) documentClosed(d *lspDoc) {
	ix := s.wsIndex()
	if !ix.covers(d.path) {
		s.publish(d.uri, nil) // nothing: clear the closed document's
		return
	}
	var e wsEntry
	if src, err := readArticleFile(d.path, nil); err == nil {
		s.mu.Lock()
		cfg := s.cfg
		s.mu.Unlock()
		if a, err := cfg.decoder.Decode(bytes.NewReader(src)); err == nil {
			e = article.UniqueKeys(a)
		}
	}
	ix.mu.Lock()
	delete(ix.open, d.path)
	affected := ix.setLocked(d.path, e)
	ix.mu.Unlock()
	s.publish(d.uri, nil) // the duplicates only, now
	for _, p := range affected {
		if p != d.path {
			s.publish(s.uriOf(p), nil)
		}
	}
}

// uriOf returns the URI of path: the client's, when the file is open.
func (s *lspServer) uriOf(path string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	for uri, d := range s.docs {
		if d.path == path {
			return uri
		}
	}
	return pathURI(path)
}

// wsIndex returns the server's index, made on first use.
func (s *lspServer) wsIndex() *wsIndex {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.index == nil {
		s.index = newWSIndex(s.root)
	}
	return s.index
}

// duplicateDiagnostics returns the diagnostics of path's values held by
// other files. text is the document's (nil: read it from disk).
func (s *lspServer) duplicateDiagnostics(path string, text []byte, utf8 bool) []protocol.Diagnostic {
	ix := s.wsIndex()
	var dups []article.Duplicate
	ix.mu.Lock()
	for _, k := range ix.files[path] {
		for _, h := range ix.holders[wsValue{k.Key, k.Value}] {
			if h != path {
				dups = append(dups, article.Duplicate{Path: path, Line: k.Line, Column: k.Column,
					Key: k.Key, Value: k.Value, Other: ix.rel(h)})
			}
		}
	}
	ix.mu.Unlock()
	if len(dups) == 0 {
		return nil
	}
	if text == nil {
		text, _ = readArticleFile(path, nil)
	}
	x := newLineIndex(text, utf8)
	ds := make([]protocol.Diagnostic, 0, len(dups))
	for _, d := range dups {
		p := d.Problem()
		start, end := problemSpan(text, x, p)
		ds = append(ds, newDiagnostic(x.rangeOf(start, end), codeDuplicate, p.Key, p.Message))
	}
	return ds
}

// covers reports whether path is in the workspace folder: only the files
// there are checked for duplicates.
func (ix *wsIndex) covers(path string) bool {
	if ix.root == "" {
		return false
	}
	r, err := filepath.Rel(ix.root, path)
	return err == nil && within(r, ".")
}

// rel returns path relative to the workspace root, as lint names files.
func (ix *wsIndex) rel(path string) string {
	if ix.root != "" {
		if r, err := filepath.Rel(ix.root, path); err == nil && within(r, ".") {
			return r
		}
	}
	return path
}

// indexWorkspace reads every article file under root in the background,
// reporting progress to the client, and then publishes the duplicates.
func (s *lspServer) indexWorkspace(root string) {
	s.mu.Lock()
	cfg, progress := s.cfg, s.progress
	s.mu.Unlock()
	ix := s.wsIndex()
	token := protocol.ProgressToken{Value: "article-index"}
	if progress {
		if _, err := s.conn.Call(s.ctx, protocol.ServerWindowWorkDoneProgressCreate,
			protocol.WorkDoneProgressCreateParams{Token: token}, nil); err != nil {
			progress = false
		}
	}
	report := func(v any) {
		if progress {
			s.notify(protocol.MethodProgress, protocol.ProgressParams{Token: token, Value: v})
		}
	}
	report(protocol.WorkDoneProgressBegin{Kind: "begin", Title: "article: indexing the workspace"})
	start := time.Now()
	var done atomic.Int64
	stop := make(chan struct{})
	ticker := time.NewTicker(500 * time.Millisecond)
	go func() {
		defer ticker.Stop()
		for {
			select {
			case <-stop:
				return
			case <-ticker.C:
				msg := fmt.Sprintf("%d files", done.Load())
				report(protocol.WorkDoneProgressReport{Kind: "report", Message: &msg})
			}
		}
	}()
	entries := indexFiles(s, root, cfg, &done)
	close(stop)

	ix.mu.Lock()
	var withDups []string
	for path, e := range entries {
		if !ix.open[path] {
			ix.setLocked(path, e)
		}
	}
	for _, hs := range ix.holders {
		if len(hs) > 1 {
			withDups = append(withDups, hs...)
		}
	}
	ix.mu.Unlock()
	msg := fmt.Sprintf("%d files in %v", len(entries), time.Since(start).Round(time.Millisecond))
	report(protocol.WorkDoneProgressEnd{Kind: "end", Message: &msg})
	s.logf("indexed %s", msg)
	slices.Sort(withDups)
	for _, p := range slices.Compact(withDups) {
		if s.ctx.Err() != nil {
			return
		}
		s.publish(s.uriOf(p), nil)
	}
}

// indexFiles parses every article file under root on all CPUs and returns
// the unique values of each that parses.
func indexFiles(s *lspServer, root string, cfg *lspConfig, done *atomic.Int64) map[string]wsEntry {
	paths := make(chan []string, 4)
	go func() {
		batch := make([]string, 0, batchSize)
		walkPaths([]string{root}, cfg.exts, func(p string) bool {
			batch = append(batch, p)
			if len(batch) == batchSize {
				paths <- batch
				batch = make([]string, 0, batchSize)
			}
			return s.ctx.Err() == nil
		}, func(err error) { s.logf("index: %v", err) })
		if len(batch) > 0 {
			paths <- batch
		}
		close(paths)
	}()
	var mu sync.Mutex
	entries := make(map[string]wsEntry)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []byte
			for batch := range paths {
				got := make([]struct {
					path string
					e    wsEntry
				}, 0, len(batch))
				for _, p := range batch {
					src, err := readArticleFile(p, buf)
					buf = src
					if cap(buf) > 1<<20 {
						buf = nil
					}
					if err != nil {
						continue
					}
					a, err := cfg.decoder.Decode(bytes.NewReader(src))
					if err != nil {
						continue
					}
					got = append(got, struct {
						path string
						e    wsEntry
					}{p, article.UniqueKeys(a)})
				}
				mu.Lock()
				for _, g := range got {
					entries[g.path] = g.e
				}
				mu.Unlock()
				done.Add(int64(len(batch)))
			}
		}()
	}
	wg.Wait()
	return entries
}
