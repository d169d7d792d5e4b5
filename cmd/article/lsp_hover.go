package main

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	protocol "github.com/tliron/glsp/protocol_3_16"
)

// hover explains the value of date (the instant in UTC and in the offset
// written) and of url (the permalink the pattern expects).
func (s *lspServer) hover(_ *glspCtx, p *protocol.HoverParams) (*protocol.Hover, error) {
	text, cfg, x, err := s.docSnapshot(p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	l := int(p.Position.Line)
	if l >= len(x.starts) {
		return nil, nil
	}
	line := text[x.starts[l]:x.lineEnd(l)]
	key := keyOfLine(line)
	if key != "date" && key != "url" || !inFrontMatter(text, l) {
		return nil, nil
	}
	an := analyze(text, cfg)
	if an.a == nil {
		return nil, nil
	}
	a := an.a
	var b strings.Builder
	switch key {
	case "date":
		if a.Date.IsZero() {
			return nil, nil
		}
		name, off := a.Date.Zone()
		fmt.Fprintf(&b, "**date**\n\n- UTC: `%s`\n- as written (UTC%s", a.Date.UTC().Format(time.RFC3339), offsetText(off))
		if name != "" && !strings.HasPrefix(name, "+") && !strings.HasPrefix(name, "-") && name != "UTC" {
			fmt.Fprintf(&b, ", %s", name)
		}
		fmt.Fprintf(&b, "): `%s`", a.Date.Format("2006-01-02 15:04:05"))
	case "url":
		want := cfg.pattern.Expand(a)
		fmt.Fprintf(&b, "**url**\n\nThe pattern `%s` expects `%s`", cfg.pattern.String(), want)
		if a.URL == want {
			b.WriteString(": this url.")
		} else {
			b.WriteString(".")
		}
	}
	start := x.starts[l] + (len(line) - len(bytes.TrimLeft(line, " \t")))
	r := x.rangeOf(start, start+valueEnd(text[start:x.lineEnd(l)]))
	return &protocol.Hover{Contents: protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: b.String()}, Range: &r}, nil
}

// offsetText writes a zone offset in seconds as "+02:00".
func offsetText(off int) string {
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	return fmt.Sprintf("%s%02d:%02d", sign, off/3600, off%3600/60)
}

// inFrontMatter reports whether the 0-based line l is inside the front
// matter of text (between its "+++" lines).
func inFrontMatter(text []byte, l int) bool {
	open, close := frontMatterBounds(text)
	return open >= 0 && l > open && (close < 0 || l < close)
}

// frontMatterBounds returns the 0-based lines of the opening and closing
// "+++" (-1 when absent).
func frontMatterBounds(text []byte) (open, close int) {
	open, close = -1, -1
	for i, l := range bytes.Split(text, []byte("\n")) {
		t := bytes.TrimSpace(bytes.TrimPrefix(l, []byte("\xef\xbb\xbf")))
		switch {
		case open < 0 && len(t) == 0:
		case open < 0 && string(t) == "+++":
			open = i
		case open < 0:
			return -1, -1
		case string(t) == "+++":
			return open, i
		}
	}
	return open, close
}

// schemaDocs are the schema keys in canonical order with their one-line
// documentation, for completion.
var schemaDocs = [...]struct{ key, doc string }{
	{"title", "The headline: one line, no HTML (required)."},
	{"date", "Publication time, with its offset, e.g. 2025-10-14T18:05:12+02:00 (required)."},
	{"draft", "true while the article is unpublished."},
	{"summary", "A short abstract, no HTML."},
	{"description", "The meta description, no HTML."},
	{"source_link", "Absolute http(s) URL of the original item."},
	{"enclosure", "Absolute http(s) URL of the lead image."},
	{"article_id", "The numeric article id, greater than 0 (required)."},
	{"feed_item_id", "The numeric id of the feed item, not negative."},
	{"url", "The permalink path, /YYYYMM/<article_id>-<slug> by default (required)."},
	{"qrcode", "Absolute http(s) URL of a QR code image."},
	{"source", "The name of the publisher."},
}

// completion offers the schema keys not yet set, at the start of a front
// matter line.
func (s *lspServer) completion(_ *glspCtx, p *protocol.CompletionParams) (any, error) {
	text, _, x, err := s.docSnapshot(p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	items := []protocol.CompletionItem{}
	l := int(p.Position.Line)
	if l >= len(x.starts) || !inFrontMatter(text, l) {
		return items, nil
	}
	prefix := text[x.starts[l]:x.offset(p.Position)]
	word := bytes.TrimLeft(prefix, " \t")
	for _, c := range word {
		if !isKeyByte(c) {
			return items, nil
		}
	}
	set := map[string]bool{}
	for _, fl := range frontMatterLines(text) {
		set[keyOfLine(fl)] = true
	}
	kind := protocol.CompletionItemKindProperty
	for i, sd := range schemaDocs {
		if set[sd.key] || !strings.HasPrefix(sd.key, string(word)) && len(word) > 0 && !strings.Contains(sd.key, string(word)) {
			continue
		}
		doc, insert, sort := sd.doc, sd.key+" = ", fmt.Sprintf("%02d", i)
		start := x.position(x.starts[l] + len(prefix) - len(word))
		items = append(items, protocol.CompletionItem{Label: sd.key, Kind: &kind, Detail: &doc, SortText: &sort,
			Documentation: protocol.MarkupContent{Kind: protocol.MarkupKindPlainText, Value: doc},
			TextEdit:      protocol.TextEdit{Range: protocol.Range{Start: start, End: p.Position}, NewText: insert}})
	}
	return items, nil
}
