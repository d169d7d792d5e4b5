package article

import (
	"strings"

	"golang.org/x/net/html"
)

// The tokenizer pass of the structure check (see sanitize_structure.go):
// input the parser drops or leaves for the page to complete.

// nuls reports each run of NUL bytes.
func (w *structWalker) nuls() {
	b := w.body
	for i := 0; i < len(b) && len(w.issues) < maxStructIssues; {
		j := strings.IndexByte(b[i:], 0)
		if j < 0 {
			return
		}
		i += j
		start := i
		for i < len(b) && b[i] == 0 {
			i++
		}
		w.issues = append(w.issues, structIssue{kind: ChangeNULDropped, off: start, value: strings.Repeat(`\x00`, min(i-start, 4))})
	}
}

func (w *structWalker) add(k ChangeKind, off int, elem, value string) {
	w.issues = append(w.issues, structIssue{kind: k, off: off, elem: elem, value: shortValue(value)})
}

// tokens reads the body token by token, as the parser of a body fragment
// does, and runs the model.
func (w *structWalker) tokens() {
	body := w.body
	z := html.NewTokenizerFragment(strings.NewReader(body), "body")
	off := 0
	for !w.tooDeep && len(w.issues) < maxStructIssues {
		z.AllowCDATA(w.foreign())
		tt := z.Next()
		raw := z.Raw()
		if tt == html.ErrorToken {
			if off < len(body) {
				w.add(ChangeUnfinishedMarkup, off, unfinishedName(body[off:]), body[off:])
			}
			return
		}
		start := off
		off += len(raw)
		atEnd := off >= len(body)
		switch tt {
		case html.TextToken:
			if atEnd {
				w.textAtEnd(start, string(raw))
			}
		case html.CommentToken, html.DoctypeToken:
			if raw[len(raw)-1] != '>' {
				w.add(ChangeUnfinishedMarkup, start, "", string(raw))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			tag := string(name)
			hip, fontBreak := false, false
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				if tag == "annotation-xml" && string(k) == "encoding" {
					e := strings.ToLower(string(v))
					hip = e == "text/html" || e == "application/xhtml+xml"
				}
				if tag == "font" && (string(k) == "color" || string(k) == "face" || string(k) == "size") {
					fontBreak = true
				}
			}
			if w.start(tag, start, tt == html.SelfClosingTagToken, hip, fontBreak) {
				z.NextIsNotRawText()
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			w.end(string(name), start)
		}
	}
}

// textAtEnd reports what a text token at the very end leaves unfinished:
// a CDATA section without "]]>", a '<' or "</" that the page's next
// characters would make a tag or a comment, a numeric character reference
// that its next digits would extend.
func (w *structWalker) textAtEnd(start int, raw string) {
	if strings.HasPrefix(raw, "<![CDATA[") && !strings.HasSuffix(raw, "]]>") {
		w.add(ChangeUnfinishedMarkup, start, "", raw)
		return
	}
	if strings.HasSuffix(raw, "<") || strings.HasSuffix(raw, "</") {
		i := strings.LastIndexByte(raw, '<')
		w.add(ChangeUnfinishedMarkup, start+i, "", raw[i:])
		return
	}
	i := strings.LastIndexByte(raw, '&')
	if i < 0 || len(raw)-i > 12 {
		return
	}
	ref := raw[i+1:]
	if !strings.HasPrefix(ref, "#") {
		return
	}
	ref = strings.TrimLeft(ref[1:], "xX")
	for k := 0; k < len(ref); k++ {
		if c := ref[k] | 0x20; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return
		}
	}
	w.add(ChangeUnfinishedMarkup, start+i, "", raw[i:])
}

// holdsMarkup reports whether an attribute value holds what reads as a tag
// or comment: '<' followed by a letter, '/' or '!'.
func holdsMarkup[T string | []byte](v T) bool {
	for i := 0; i+1 < len(v); i++ {
		if v[i] == '<' {
			if c := v[i+1]; isASCIIAlpha(c) || c == '/' || c == '!' {
				return true
			}
		}
	}
	return false
}

// unfinishedName returns the tag name at the start of an unfinished tag
// ("<img src=…" or "</p …"), lower-cased, or "".
func unfinishedName(s string) string {
	s = strings.TrimPrefix(strings.TrimPrefix(s, "<"), "/")
	i := 0
	for i < len(s) && !tagSpace(s[i]) && s[i] != '/' && s[i] != '>' && s[i] != '\r' {
		i++
	}
	if i == 0 || !isASCIIAlpha(s[0]) {
		return ""
	}
	return strings.ToLower(s[:min(i, 32)])
}
