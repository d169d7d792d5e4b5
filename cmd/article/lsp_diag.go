package main

import (
	"bytes"
	"errors"

	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/articlekit/article"
)

// lspProblem is one of lint's problems with the rule that found it.
type lspProblem struct {
	problem
	code string
}

// analysis is what checking one text found: the article (nil when it does
// not parse) and lint's problems.
type analysis struct {
	a        *article.Article
	problems []lspProblem
}

// analyze parses and validates text as lint does (its problems, messages
// and positions come from the same conversion: problemsOf), adding the rule of each.
func analyze(text []byte, cfg *lspConfig) analysis {
	a, err := cfg.decoder.Decode(bytes.NewReader(text))
	if err != nil {
		p := problemsOf("", text, err)
		return analysis{problems: []lspProblem{{p[0], ruleCode(err)}}}
	}
	var ps []lspProblem
	for _, e := range article.FieldErrors(cfg.check.v.Validate(a)) {
		for _, p := range problemsOf("", text, e) {
			ps = append(ps, lspProblem{p, ruleCode(e)})
		}
	}
	return analysis{a: a, problems: ps}
}

// ruleCodes name the rule of a problem by the library's sentinel error, as
// a diagnostic's code.
var ruleCodes = []struct {
	err  error
	code string
}{
	{article.ErrNoFrontMatter, "no-front-matter"},
	{article.ErrUnterminated, "unterminated"},
	{article.ErrTooLarge, "too-large"},
	{article.ErrSyntax, "syntax"},
	{article.ErrDuplicateKey, "duplicate-key"},
	{article.ErrType, "type"},
	{article.ErrDate, "date"},
	{article.ErrUnknownKey, "unknown-key"},
	{article.ErrRequired, "required"},
	{article.ErrInvalidValue, "invalid-value"},
	{article.ErrInvalidURL, "invalid-url"},
	{article.ErrMismatch, "mismatch"},
	{article.ErrUnsafeHTML, "unsafe-html"},
}

// codeDuplicate is the code of a value held by another file of the
// workspace.
const codeDuplicate = "duplicate"

func ruleCode(err error) string {
	for _, rc := range ruleCodes {
		if errors.Is(err, rc.err) {
			return rc.code
		}
	}
	return "error"
}

// diagnostics turns problems into protocol diagnostics of text.
func diagnostics(text []byte, x *lineIndex, ps []lspProblem) []protocol.Diagnostic {
	ds := make([]protocol.Diagnostic, 0, len(ps))
	for _, p := range ps {
		start, end := problemSpan(text, x, p.problem)
		ds = append(ds, newDiagnostic(x.rangeOf(start, end), p.code, p.Key, p.Message))
	}
	return ds
}

var (
	severityError = protocol.DiagnosticSeverityError
	sourceArticle = "article"
)

func newDiagnostic(r protocol.Range, code, key, msg string) protocol.Diagnostic {
	if key != "" {
		msg = key + ": " + msg
	}
	return protocol.Diagnostic{Range: r, Severity: &severityError, Source: &sourceArticle,
		Code: &protocol.IntegerOrString{Value: code}, Message: msg}
}

// problemSpan returns the bytes a problem covers: from its position to the
// end of the key's value, or of the tag or attribute in the body, or of the
// token; a problem without a position covers the opening "+++" line.
func problemSpan(text []byte, x *lineIndex, p problem) (start, end int) {
	if p.Line <= 0 {
		l := openingLine(text)
		return x.starts[l], x.lineEnd(l)
	}
	if p.Line > len(x.starts) { // a position from another text (a file changed since)
		p.Line, p.Column = len(x.starts), 1
	}
	start = x.lineColOffset(p.Line, p.Column)
	lineEnd := x.lineEnd(p.Line - 1)
	rest := text[start:lineEnd]
	switch {
	case len(rest) == 0:
		if start > x.starts[p.Line-1] {
			return start - 1, start // the end of the line: its last byte
		}
		return start, start
	case rest[0] == '<':
		if i := bytes.IndexByte(rest, '>'); i >= 0 {
			return start, start + i + 1
		}
		return start, lineEnd
	case p.Key == "body":
		return start, start + attrEnd(rest)
	}
	return start, start + valueEnd(rest)
}

// openingLine returns the 0-based line of the opening "+++" (the first
// non-blank line), or 0.
func openingLine(text []byte) int {
	text = bytes.TrimPrefix(text, []byte("\xef\xbb\xbf"))
	for l := 0; len(text) > 0; l++ {
		line, rest, _ := bytes.Cut(text, []byte("\n"))
		if len(bytes.TrimSpace(line)) > 0 {
			return l
		}
		text = rest
	}
	return 0
}

// valueEnd returns where "key = value" written at the start of s ends: before
// a comment and trailing blanks.
func valueEnd(s []byte) int {
	end, quote := 0, byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#':
			return max(end, 1)
		}
		if c != ' ' && c != '\t' {
			end = i + 1
		}
	}
	return max(min(end, len(s)), 1)
}

// attrEnd returns where the attribute name="value" at the start of s ends.
func attrEnd(s []byte) int {
	i := 0
	for i < len(s) && s[i] != '=' && s[i] != ' ' && s[i] != '>' && s[i] != '/' {
		i++
	}
	if i < len(s) && s[i] == '=' {
		i++
		if i < len(s) && (s[i] == '"' || s[i] == '\'') {
			if j := bytes.IndexByte(s[i+1:], s[i]); j >= 0 {
				return i + j + 2
			}
			return len(s)
		}
		for i < len(s) && s[i] != ' ' && s[i] != '>' {
			i++
		}
	}
	return max(i, 1)
}

// check checks an open document now and publishes its diagnostics, with
// the workspace's duplicates.
func (s *lspServer) check(d *lspDoc) {
	text, seq, cfg, utf8, ok := s.snapshot(d.uri)
	if !ok {
		return
	}
	if !cfg.isArticlePath(d.path) {
		// Not an article file (any more, if the extensions changed).
		s.mu.Lock()
		had := d.own != nil
		d.own = nil
		s.mu.Unlock()
		if had {
			s.publish(d.uri, nil)
		}
		return
	}
	an := analyze(text, cfg)
	x := newLineIndex(text, utf8)
	own := diagnostics(text, x, an.problems)
	s.mu.Lock()
	if d.seq != seq || s.docs[d.uri] != d {
		s.mu.Unlock()
		return // a newer text is on its way
	}
	d.own = own
	version := d.version
	s.mu.Unlock()
	affected := s.updateIndex(d.path, text, an.a)
	s.publish(d.uri, &version)
	for _, path := range affected {
		if path != d.path {
			s.publish(s.uriOf(path), nil)
		}
	}
}

// publish sends the diagnostics of uri: its own (if open) and those of the
// workspace index.
func (s *lspServer) publish(uri string, version *protocol.Integer) {
	s.mu.Lock()
	var ds []protocol.Diagnostic
	var text []byte
	if d := s.docs[uri]; d != nil {
		ds = append(ds, d.own...)
		text = d.text
		if version == nil {
			v := d.version
			version = &v
		}
	}
	utf8 := s.utf8
	s.mu.Unlock()
	ds = append(ds, s.duplicateDiagnostics(uriPath(uri), text, utf8)...)
	if ds == nil {
		ds = []protocol.Diagnostic{}
	}
	var v *protocol.UInteger
	if version != nil {
		u := protocol.UInteger(*version)
		v = &u
	}
	s.notify(protocol.ServerTextDocumentPublishDiagnostics, protocol.PublishDiagnosticsParams{URI: uri, Version: v, Diagnostics: ds})
}
