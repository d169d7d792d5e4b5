package main

import (
	"strings"

	"golang.org/x/net/html"
)

// plainText returns the text of an HTML fragment, as a reader sees it:
// tags removed, entities decoded, the content of script, style and similar
// elements dropped, white space collapsed; cut to at most max bytes at a
// word boundary, with "…" marking the cut.
//
// The library has no PlainText yet; this is the small version a feed
// needs.
func plainText(fragment string, max int) string {
	z := html.NewTokenizer(strings.NewReader(fragment))
	var b strings.Builder
	skip := 0 // depth inside elements whose text is not shown
	for {
		switch z.Next() {
		case html.ErrorToken:
			return cut(strings.Join(strings.Fields(b.String()), " "), max)
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken:
			name, _ := z.TagName()
			if hidden[string(name)] {
				skip++
			} else if block[string(name)] {
				b.WriteByte(' ')
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if hidden[string(name)] && skip > 0 {
				skip--
			} else if block[string(name)] {
				b.WriteByte(' ')
			}
		case html.SelfClosingTagToken:
			b.WriteByte(' ')
		}
	}
}

// hidden elements: their content is not text a reader sees.
var hidden = map[string]bool{"script": true, "style": true, "template": true, "noscript": true, "iframe": true, "object": true, "title": true, "textarea": true}

// block elements separate words.
var block = map[string]bool{"p": true, "br": true, "div": true, "li": true, "td": true, "th": true, "tr": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "blockquote": true, "figcaption": true}

// cut shortens s to at most max bytes, at the last space before the limit.
func cut(s string, max int) string {
	if len(s) <= max {
		return s
	}
	const ellipsis = "…"
	s = s[:max-len(ellipsis)+1]
	if i := strings.LastIndexByte(s, ' '); i > 0 {
		s = s[:i]
	} else {
		s = strings.ToValidUTF8(s[:len(s)-1], "")
	}
	return strings.TrimRight(s, " ,;:") + ellipsis
}
