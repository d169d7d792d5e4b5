package main

import (
	"bytes"

	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/articlekit/article"
)

// watchFiles asks the client to report changes to article files on disk
// (workspace/didChangeWatchedFiles), when it can register for them, so that
// duplicates stay current as files change outside the editor: a checkout, a
// generator, another editor.
func (s *lspServer) watchFiles(cfg *lspConfig) {
	var watchers []protocol.FileSystemWatcher
	for _, ext := range cfg.exts {
		watchers = append(watchers, protocol.FileSystemWatcher{GlobPattern: "**/*" + ext})
	}
	_, err := s.conn.Call(s.ctx, protocol.ServerClientRegisterCapability, protocol.RegistrationParams{
		Registrations: []protocol.Registration{{ID: "article-watch", Method: protocol.MethodWorkspaceDidChangeWatchedFiles,
			RegisterOptions: protocol.DidChangeWatchedFilesRegistrationOptions{Watchers: watchers}}}}, nil)
	if err != nil {
		s.logf("watching files: %v", err)
	}
}

// didChangeWatchedFiles reads again the files that changed on disk (or
// forgets those deleted), unless they are open: then the editor's text
// counts.
func (s *lspServer) didChangeWatchedFiles(_ *glspCtx, p *protocol.DidChangeWatchedFilesParams) error {
	s.mu.Lock()
	cfg := s.cfg
	open := make(map[string]bool, len(s.docs))
	for _, d := range s.docs {
		open[d.path] = true
	}
	s.mu.Unlock()
	ix := s.wsIndex()
	publish := map[string]bool{}
	for _, ch := range p.Changes {
		path := uriPath(ch.URI)
		if open[path] || !ix.covers(path) || !cfg.isArticlePath(path) {
			continue
		}
		var e wsEntry
		if ch.Type != protocol.FileChangeTypeDeleted {
			if src, err := readArticleFile(path, nil); err == nil {
				if a, err := cfg.decoder.Decode(bytes.NewReader(src)); err == nil {
					e = article.UniqueKeys(a)
				}
			}
		}
		ix.mu.Lock()
		for _, q := range ix.setLocked(path, e) {
			publish[q] = true
		}
		ix.mu.Unlock()
		publish[path] = true
	}
	for path := range publish {
		s.publish(s.uriOf(path), nil)
	}
	return nil
}
