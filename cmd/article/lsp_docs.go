package main

import (
	"net/url"
	"path/filepath"
	"strings"
	"time"

	protocol "github.com/tliron/glsp/protocol_3_16"
)

// lspDoc is one open document.
type lspDoc struct {
	uri, path string
	version   protocol.Integer
	text      []byte
	timer     *time.Timer // the pending debounced check
	seq       uint64      // changes so far: a check of an older text is dropped
	own       []protocol.Diagnostic
}

// maxDocSize bounds the text of one open document. Past the parser's limit
// the document gets one diagnostic; past this, edits are refused (and
// logged), so that memory stays bounded by the open documents.
const maxDocSize = 64 << 20

// uriPath returns the file path of a file: URI, or the URI itself.
func uriPath(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return uri
	}
	return filepath.FromSlash(u.Path)
}

// pathURI returns the file: URI of path.
func pathURI(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
}

func (s *lspServer) didOpen(_ *glspCtx, p *protocol.DidOpenTextDocumentParams) error {
	td := p.TextDocument
	if len(td.Text) > maxDocSize {
		s.logf("%s: %d bytes, more than %d: not checked", td.URI, len(td.Text), maxDocSize)
		return nil
	}
	d := &lspDoc{uri: td.URI, path: uriPath(td.URI), version: td.Version, text: []byte(td.Text)}
	s.mu.Lock()
	if old := s.docs[td.URI]; old != nil && old.timer != nil {
		old.timer.Stop()
	}
	s.docs[td.URI] = d
	s.mu.Unlock()
	s.check(d)
	return nil
}

func (s *lspServer) didChange(_ *glspCtx, p *protocol.DidChangeTextDocumentParams) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		s.logf("didChange for %s, which is not open: ignored", p.TextDocument.URI)
		return nil
	}
	text := d.text
	for _, ch := range p.ContentChanges {
		switch c := ch.(type) {
		case protocol.TextDocumentContentChangeEventWhole:
			text = []byte(c.Text)
		case protocol.TextDocumentContentChangeEvent:
			if c.Range == nil {
				text = []byte(c.Text)
				continue
			}
			x := newLineIndex(text, s.utf8)
			start, end := x.offset(c.Range.Start), x.offset(c.Range.End)
			if end < start {
				start, end = end, start
			}
			n := make([]byte, 0, len(text)-(end-start)+len(c.Text))
			n = append(append(append(n, text[:start]...), c.Text...), text[end:]...)
			text = n
		}
		if len(text) > maxDocSize {
			s.logf("%s: an edit makes it more than %d bytes: refused", d.uri, maxDocSize)
			return nil
		}
	}
	d.text = text
	d.version = p.TextDocument.Version
	d.seq++
	if d.timer != nil {
		d.timer.Stop()
	}
	seq := d.seq
	d.timer = time.AfterFunc(s.debounce, func() {
		s.mu.Lock()
		stale := d.seq != seq || s.docs[d.uri] != d
		s.mu.Unlock()
		if !stale {
			s.check(d)
		}
	})
	return nil
}

func (s *lspServer) didClose(_ *glspCtx, p *protocol.DidCloseTextDocumentParams) error {
	s.mu.Lock()
	d := s.docs[p.TextDocument.URI]
	if d != nil {
		if d.timer != nil {
			d.timer.Stop()
		}
		delete(s.docs, p.TextDocument.URI)
	}
	s.mu.Unlock()
	if d == nil {
		return nil
	}
	s.documentClosed(d)
	return nil
}

// openDocsLocked returns the open documents.
func (s *lspServer) openDocsLocked() []*lspDoc {
	ds := make([]*lspDoc, 0, len(s.docs))
	for _, d := range s.docs {
		ds = append(ds, d)
	}
	return ds
}

// stopTimers cancels every pending check.
func (s *lspServer) stopTimers() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range s.docs {
		if d.timer != nil {
			d.timer.Stop()
		}
	}
}

// snapshot returns the text, sequence number and configuration to check a
// document with, or ok = false when the document is no longer open.
func (s *lspServer) snapshot(uri string) (text []byte, seq uint64, cfg *lspConfig, utf8, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[uri]
	if d == nil {
		return nil, 0, s.cfg, s.utf8, false
	}
	return d.text, d.seq, s.cfg, s.utf8, true
}

// isArticlePath reports whether path has one of the article extensions.
func (cfg *lspConfig) isArticlePath(path string) bool {
	return hasExt(strings.ToLower(path), cfg.exts)
}
