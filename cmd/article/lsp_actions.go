package main

import (
	"bytes"
	"fmt"
	"regexp"
	"time"

	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/articlekit/article"
)

// codeAction offers the quick fixes of the problems in the requested
// range: url set to the permalink, a misspelt key renamed to the schema key
// the hint names, a missing required key added with a placeholder, and the
// body cleaned with the sanitiser.
func (s *lspServer) codeAction(_ *glspCtx, p *protocol.CodeActionParams) (any, error) {
	text, cfg, x, err := s.docSnapshot(p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	actions := []protocol.CodeAction{}
	an := analyze(text, cfg)
	if an.a == nil {
		return actions, nil
	}
	first, last := int(p.Range.Start.Line), int(p.Range.End.Line)
	sanitized := false
	for _, pr := range an.problems {
		start, end := problemSpan(text, x, pr.problem)
		r := x.rangeOf(start, end)
		if int(r.End.Line) < first || int(r.Start.Line) > last {
			continue
		}
		diag := newDiagnostic(r, pr.code, pr.Key, pr.Message)
		add := func(title string, newText []byte) {
			if newText == nil {
				return
			}
			kind := protocol.CodeActionKindQuickFix
			preferred := true
			actions = append(actions, protocol.CodeAction{Title: title, Kind: &kind, IsPreferred: &preferred,
				Diagnostics: []protocol.Diagnostic{diag},
				Edit: &protocol.WorkspaceEdit{Changes: map[protocol.DocumentUri][]protocol.TextEdit{
					p.TextDocument.URI: minimalEdits(text, newText, x)}}})
		}
		switch {
		case pr.Key == "url" && (pr.code == "mismatch" || pr.code == "invalid-value"):
			want := cfg.pattern.Expand(an.a)
			add(fmt.Sprintf("Set url to the permalink %q", want), editArticle(text, cfg, func(a *article.Article) { a.URL = want }))
		case pr.code == "unknown-key":
			if m := hintRE.FindStringSubmatch(pr.Message); m != nil {
				add(fmt.Sprintf("Rename %s to %s", pr.Key, m[1]), renameKey(text, x, pr.problem, m[1], an.a))
			}
		case pr.code == "required":
			title, fix := placeholder(pr.Key, cfg)
			if fix != nil {
				add(title, editArticle(text, cfg, fix))
			}
		case pr.Key == "body" && pr.code == "unsafe-html" && !sanitized:
			sanitized = true
			policy := cfg.check.v.Policy
			if policy == nil {
				policy = article.ArticlePolicy()
			}
			clean, _, err := policy.SanitizeReport(an.a.Body)
			if err == nil {
				head, _ := splitSource(text, an.a)
				add("Sanitize the body", append(head[:len(head):len(head)], clean...))
			}
		}
	}
	return actions, nil
}

// hintRE finds the schema key in Validate's hint for a misspelt key.
var hintRE = regexp.MustCompile(`did you mean "([a-z_]+)"\?`)

// editArticle parses text, changes the article with fix and returns it
// encoded by the library, which splices the changed values into the text
// and leaves the rest as it was; nil when that fails.
func editArticle(text []byte, cfg *lspConfig, fix func(*article.Article)) []byte {
	a, err := cfg.decoder.Decode(bytes.NewReader(text))
	if err != nil {
		return nil
	}
	fix(a)
	out, err := a.AppendEncoded(nil)
	if err != nil {
		return nil
	}
	return out
}

// placeholder returns the quick fix that adds a required key, with a value
// to replace.
func placeholder(key string, cfg *lspConfig) (string, func(*article.Article)) {
	switch key {
	case "title":
		return `Add title = "TODO" (placeholder)`, func(a *article.Article) { a.Title = "TODO" }
	case "date":
		loc := cfg.decoder.Location
		if loc == nil {
			loc = time.UTC
		}
		now := time.Now().In(loc).Truncate(time.Second)
		return fmt.Sprintf("Add date = %s (now)", now.Format(time.RFC3339)), func(a *article.Article) { a.Date = now }
	case "article_id":
		return "Add article_id = 1 (placeholder)", func(a *article.Article) { a.ArticleID = 1 }
	case "url":
		return "Add url, the permalink", func(a *article.Article) { a.URL = cfg.pattern.Expand(a) }
	case "body":
		return "Add a body (placeholder)", func(a *article.Article) { a.Body = "<p>TODO</p>\n" }
	}
	return "", nil
}

// renameKey returns text with the key of problem p renamed to want, or nil
// when the key is not written bare where p says, or want is already there.
func renameKey(text []byte, x *lineIndex, p problem, want string, a *article.Article) []byte {
	if p.Line <= 0 {
		return nil
	}
	off := x.lineColOffset(p.Line, p.Column)
	if !bytes.HasPrefix(text[off:], []byte(p.Key)) || hasTopKey(text, want) {
		return nil
	}
	out := make([]byte, 0, len(text)+len(want))
	out = append(append(append(out, text[:off]...), want...), text[off+len(p.Key):]...)
	return out
}

// hasTopKey reports whether the front matter of text sets key at its top
// level (written bare).
func hasTopKey(text []byte, key string) bool {
	for _, l := range frontMatterLines(text) {
		if keyOfLine(l) == key {
			return true
		}
	}
	return false
}

// frontMatterLines returns the lines between the opening "+++" and the
// closing one (or the end), up to the first table header.
func frontMatterLines(text []byte) [][]byte {
	var ls [][]byte
	opened := false
	for _, l := range bytes.Split(text, []byte("\n")) {
		t := bytes.TrimSpace(l)
		if string(bytes.TrimPrefix(t, []byte("\xef\xbb\xbf"))) == "+++" {
			if opened {
				break
			}
			opened = true
			continue
		}
		if !opened {
			if len(t) > 0 {
				break
			}
			continue
		}
		if len(t) > 0 && t[0] == '[' {
			break
		}
		ls = append(ls, l)
	}
	return ls
}

// keyOfLine returns the bare key a front matter line sets, or "".
func keyOfLine(l []byte) string {
	t := bytes.TrimLeft(l, " \t")
	i := 0
	for i < len(t) && isKeyByte(t[i]) {
		i++
	}
	if i == 0 {
		return ""
	}
	if r := bytes.TrimLeft(t[i:], " \t"); len(r) > 0 && r[0] == '=' {
		return string(t[:i])
	}
	return ""
}

func isKeyByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-'
}
