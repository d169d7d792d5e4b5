package article

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// The serialiser. It writes the kept tree in the canonical form:
//
//   - in text, '&', '<', '>' and U+00A0 are written as &amp; &lt; &gt; and
//     &nbsp;, a carriage return as &#13;, and NUL characters are left out;
//     every other character, apostrophes and quotes included, is written as
//     is;
//   - attribute values are always double-quoted, with '&', '"' and a
//     carriage return written as &amp;, &quot; and &#13;;
//   - the output is valid UTF-8 with no C0 control character other than tab,
//     line feed and form feed: in text and attribute values, each other C0
//     control and each invalid UTF-8 sequence (each maximal subpart, as the
//     WHATWG decoder reads it) becomes U+FFFD;
//   - void elements have no end tag and no "/"; every other element has its
//     end tag;
//   - a text that starts a pre or listing element with a line feed or a
//     carriage return gets one more line feed, which the parser removes
//     again.
//
// A raw carriage return would come back from the next parse as a line
// feed, and an ESC byte lets a page decoded as ISO-2022-JP read text as
// markup: neither is ever written. Only names that validName accepts are
// ever written, so names need no escaping.

// textSpecial marks the ASCII bytes htmlEscapeText must look at, and 0xC2,
// the first byte of U+00A0.
var textSpecial = func() (t [256]bool) {
	for c := 0; c < 0x20; c++ {
		t[c] = !okControl(byte(c))
	}
	t['\r'], t['&'], t['<'], t['>'], t[0xC2] = true, true, true, true, true
	return t
}()

// okControl reports whether c, a C0 control, may be written as is: tab,
// line feed and form feed.
func okControl(c byte) bool {
	return c == '\t' || c == '\n' || c == '\f'
}

// needsClean reports whether s has a C0 control other than tab, line feed,
// form feed and carriage return, or is not valid UTF-8.
func needsClean(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && !okControl(c) && c != '\r' {
			return true
		}
	}
	return !utf8.ValidString(s)
}

// cleanValue returns s with each C0 control other than tab, line feed, form
// feed and carriage return, and each invalid UTF-8 sequence, replaced by
// U+FFFD; s itself if there is none.
func cleanValue(s string) string {
	if !needsClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && !okControl(c) && c != '\r' {
				b.WriteString(s[last:i])
				b.WriteString("\uFFFD")
				last = i + 1
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteString(s[last:i])
			b.WriteString("\uFFFD")
			size = invalidLen(s[i:])
			last = i + size
		}
		i += size
	}
	b.WriteString(s[last:])
	return b.String()
}

// invalidLen returns the length of the maximal subpart of an invalid UTF-8
// sequence at the start of s, which a WHATWG UTF-8 decoder replaces with one
// U+FFFD: a lead byte followed by as many continuation bytes as may follow
// it, before the one that may not.
func invalidLen(s string) int {
	n, lo, hi := 0, byte(0x80), byte(0xBF)
	switch c := s[0]; {
	case 0xC2 <= c && c <= 0xDF:
		n = 1
	case c == 0xE0:
		n, lo = 2, 0xA0
	case c == 0xED:
		n, hi = 2, 0x9F
	case 0xE1 <= c && c <= 0xEF:
		n = 2
	case c == 0xF0:
		n, lo = 3, 0x90
	case c == 0xF4:
		n, hi = 3, 0x8F
	case 0xF1 <= c && c <= 0xF3:
		n = 3
	default:
		return 1
	}
	i := 1
	for ; i <= n && i < len(s) && lo <= s[i] && s[i] <= hi; i++ {
		lo, hi = 0x80, 0xBF
	}
	return i
}

// textClean reports whether s can be written as text unchanged.
func textClean(s string) bool {
	for i := 0; i < len(s); i++ {
		if textSpecial[s[i]] {
			return false
		}
	}
	return utf8.ValidString(s)
}

func htmlEscapeText(w *strings.Builder, s string) {
	if textClean(s) {
		w.WriteString(s)
		return
	}
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		var esc string
		size := 1
		switch {
		case c >= utf8.RuneSelf:
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && size == 1:
				esc, size = "\uFFFD", invalidLen(s[i:])
			case r == '\u00a0':
				esc = "&nbsp;"
			default:
				i += size
				continue
			}
		case c == '&':
			esc = "&amp;"
		case c == '<':
			esc = "&lt;"
		case c == '>':
			esc = "&gt;"
		case c == '\r':
			esc = "&#13;"
		case c == 0:
			esc = ""
		case c < 0x20 && !okControl(c):
			esc = "\uFFFD"
		default:
			i++
			continue
		}
		w.WriteString(s[last:i])
		w.WriteString(esc)
		i += size
		last = i
	}
	w.WriteString(s[last:])
}

// htmlEscapeAttr writes an attribute value, which cleanValue has cleaned.
func htmlEscapeAttr(w *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '"':
			esc = "&quot;"
		case '\r':
			esc = "&#13;"
		case 0:
			esc = "\uFFFD"
		default:
			continue
		}
		w.WriteString(s[last:i])
		w.WriteString(esc)
		last = i + 1
	}
	w.WriteString(s[last:])
}

// inertBody reports whether body has no '<' and no '&', so that it parses to a
// single text node (or nothing) whatever it holds.
func inertBody(body string) bool {
	return strings.IndexByte(body, '<') < 0 && strings.IndexByte(body, '&') < 0
}

// inertText returns what the parser and the serialiser make of an inert
// body, without parsing it: line breaks normalised to "\n", NUL removed,
// '>' and U+00A0 escaped, other controls and invalid UTF-8 replaced.
func inertText(body string) string {
	if textClean(body) {
		return body
	}
	if strings.IndexByte(body, '\r') >= 0 {
		body = strings.ReplaceAll(body, "\r\n", "\n")
		body = strings.ReplaceAll(body, "\r", "\n")
	}
	var w strings.Builder
	w.Grow(len(body) + 16)
	htmlEscapeText(&w, body)
	return w.String()
}

// rawTextElements are those whose content the tokenizer reads as raw text
// or RCDATA.
var rawTextElements = nameSet("iframe", "noembed", "noframes", "noscript",
	"plaintext", "script", "style", "textarea", "title", "xmp")

// markupFreeText returns the escaped text of body, without any markup and
// without the content of raw-text elements such as script and style. It is
// what Sanitize returns for a body past the policy's limits; it uses the
// tokenizer, whose cost is linear and which has no depth limit.
func markupFreeText(body string) string {
	z := html.NewTokenizerFragment(strings.NewReader(body), "body")
	var w strings.Builder
	w.Grow(len(body) / 2)
	skip := false
	for {
		switch z.Next() {
		case html.ErrorToken:
			return w.String()
		case html.TextToken:
			if !skip {
				htmlEscapeText(&w, string(z.Text()))
			}
		case html.StartTagToken:
			name, _ := z.TagName()
			skip = rawTextElements[string(name)]
		case html.EndTagToken, html.SelfClosingTagToken:
			skip = false
		}
	}
}
