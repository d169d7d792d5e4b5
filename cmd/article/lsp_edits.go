package main

import (
	"strings"

	protocol "github.com/tliron/glsp/protocol_3_16"
	"go.lsp.dev/jsonrpc2"
)

// codeRequestFailed is the protocol's error code for a request that was
// valid but could not be done (LSP 3.17's RequestFailed).
const codeRequestFailed jsonrpc2.Code = -32803

// docSnapshot returns what a request on uri works on, or an error response
// when the document is not open.
func (s *lspServer) docSnapshot(uri string) ([]byte, *lspConfig, *lineIndex, error) {
	text, _, cfg, utf8, ok := s.snapshot(uri)
	if !ok {
		return nil, nil, nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "document not open: %s", uri)
	}
	return text, cfg, newLineIndex(text, utf8), nil
}

func (s *lspServer) formatting(_ *glspCtx, p *protocol.DocumentFormattingParams) ([]protocol.TextEdit, error) {
	text, cfg, x, err := s.docSnapshot(p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	res, err := cfg.decoder.Format(text)
	if err != nil {
		return nil, jsonrpc2.Errorf(codeRequestFailed, "cannot format: %v", err)
	}
	return minimalEdits(text, res, x), nil
}

// minimalEdits returns the edits that turn old into new: one per hunk of
// the line diff fmt -d shows, so that the editor keeps its marks and cursor
// on lines that do not change.
func minimalEdits(old, new []byte, x *lineIndex) []protocol.TextEdit {
	edits := []protocol.TextEdit{}
	if string(old) == string(new) {
		return edits
	}
	a, b := splitLines(old), splitLines(new)
	offs := make([]int, len(a)+1) // byte offset of each line of old
	for i, l := range a {
		offs[i+1] = offs[i] + len(l)
	}
	ops := diffLines(a, b)
	for i := 0; i < len(ops); {
		if ops[i].kind == '=' {
			i++
			continue
		}
		first := ops[i].ai
		removed := 0
		var added strings.Builder
		for ; i < len(ops) && ops[i].kind != '='; i++ {
			if ops[i].kind == '-' {
				removed++
			} else {
				added.WriteString(b[ops[i].bi])
			}
		}
		edits = append(edits, protocol.TextEdit{Range: x.rangeOf(offs[first], offs[first+removed]), NewText: added.String()})
	}
	return edits
}
