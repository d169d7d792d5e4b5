package article

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// PlainText returns the text of an HTML body, as Hugo's .Plain does, for
// search indexes, feeds, summaries and meta descriptions:
//
//   - Markup is removed and character references are decoded ("AT&amp;T"
//     gives "AT&T"). The body is parsed as a browser parses it, in the
//     context of a <body> element, with the same parser as the sanitiser.
//   - Block elements (p, div, h1 to h6, li, blockquote, pre, table rows,
//     figure, section and the like) and <br> end a line: the result has one
//     "\n" between them, never an empty line. Table cells are separated by
//     a space.
//   - White space (space, tab, CR, LF, form feed) is collapsed into single
//     spaces, and trimmed at both ends and around line breaks; inside <pre>,
//     <textarea> and <listing> a line feed ends a line instead. No-break
//     spaces (U+00A0, "&nbsp;") are kept: they are not white space in HTML.
//   - What a browser does not show as text is left out: comments, the
//     content of script, style, template, noscript, iframe, title,
//     noembed, noframes, datalist and rp elements, and any element with a
//     hidden attribute. Attribute values (alt, title) are not text.
//   - Invalid UTF-8 becomes U+FFFD and NUL characters are removed, so the
//     result is always valid UTF-8.
//
// PlainText runs in time linear in the length of body and never fails: a
// body nested deeper than the HTML parser's limit of 512 open elements is
// read with the HTML tokenizer instead, with the same rules. The result is
// text, not HTML: escape it before putting it back into a page.
func PlainText(body string) string {
	if strings.IndexByte(body, '<') < 0 && strings.IndexByte(body, '&') < 0 &&
		strings.IndexByte(body, '\r') < 0 && strings.IndexByte(body, 0) < 0 {
		// One text node, as the parser would make of it.
		var w plainWriter
		w.b.Grow(len(body))
		w.text(body, false)
		return w.b.String()
	}
	return plainTextParse(body)
}

// plainTextParse is PlainText without its fast path for bodies that parse
// to a single text node.
func plainTextParse(body string) string {
	ctx := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	roots, err := html.ParseFragmentWithOptions(strings.NewReader(body), ctx, html.ParseOptionEnableScripting(true))
	if err != nil {
		// The only error x/net/html returns for a string is its limit of
		// 512 open elements.
		return plainTextTokens(body)
	}
	var w plainWriter
	w.b.Grow(len(body) / 2)
	for _, n := range roots {
		w.tree(n)
	}
	return w.b.String()
}

// plainWriter collects the text of PlainText. White space and line breaks
// are held back until the next text, so that none is written at either end
// or next to a line break.
type plainWriter struct {
	b     strings.Builder
	space bool // a space is due before the next text
	brk   bool // a line break is due before the next text
	pre   int  // depth of elements whose line feeds end lines
}

// text appends the text s, collapsing its white space.
func (w *plainWriter) text(s string, pre bool) {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	for i := 0; i < len(s); {
		switch s[i] {
		case ' ', '\t', '\f', '\r':
			w.space = true
			i++
			continue
		case '\n':
			if pre {
				w.brk = true
			} else {
				w.space = true
			}
			i++
			continue
		case 0:
			i++
			continue
		}
		// A run of words with single spaces between them is written as
		// it is.
		j := i + 1
		for j < len(s) {
			if !isPlainSpecial(s[j]) {
				j++
			} else if s[j] == ' ' && j+1 < len(s) && !isPlainSpecial(s[j+1]) {
				j += 2
			} else {
				break
			}
		}
		if w.b.Len() > 0 {
			switch {
			case w.brk:
				w.b.WriteByte('\n')
			case w.space:
				w.b.WriteByte(' ')
			}
		}
		w.brk, w.space = false, false
		w.b.WriteString(s[i:j])
		i = j
	}
}

// isPlainSpecial reports whether c is white space or NUL, which text
// handles one byte at a time.
func isPlainSpecial(c byte) bool {
	return c <= ' ' && (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == 0)
}

// tree appends the text of the subtree at root. It walks the tree without
// recursion, so any depth is fine.
func (w *plainWriter) tree(root *html.Node) {
	n := root
	for {
		if w.enter(n) && n.FirstChild != nil {
			n = n.FirstChild
			continue
		}
		// n and its children are done: leave it, then the ancestors
		// whose last child it is.
		for {
			w.leave(n)
			if n == root {
				return
			}
			if n.NextSibling != nil {
				n = n.NextSibling
				break
			}
			n = n.Parent
		}
	}
}

// enter handles the start of n and reports whether its children are text.
func (w *plainWriter) enter(n *html.Node) bool {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data, w.pre > 0)
		return false
	case html.ElementNode:
		if plainSkip(n) {
			return false
		}
		w.open(n.DataAtom)
		return true
	}
	return false // comments, doctypes
}

// leave handles the end of n.
func (w *plainWriter) leave(n *html.Node) {
	if n.Type == html.ElementNode && !plainSkip(n) {
		w.close(n.DataAtom)
	}
}

func (w *plainWriter) open(a atom.Atom) {
	switch plainKinds[a] {
	case plainBlock:
		w.brk = true
	case plainCell:
		w.space = true
	case plainPre:
		w.brk = true
		w.pre++
	case plainBreak:
		w.brk = true
	}
}

func (w *plainWriter) close(a atom.Atom) {
	switch plainKinds[a] {
	case plainBlock:
		w.brk = true
	case plainCell:
		w.space = true
	case plainPre:
		w.brk = true
		w.pre--
	}
}

// plainSkip reports whether the element n is left out with its content.
func plainSkip(n *html.Node) bool {
	if plainKinds[n.DataAtom] == plainHidden {
		return true
	}
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == "hidden" {
			return true
		}
	}
	return false
}

// Kinds of elements for PlainText.
const (
	plainInline = iota // the zero value: no effect on the text
	plainBlock         // a line break before and after
	plainCell          // a space before and after
	plainPre           // a block whose line feeds end lines
	plainBreak         // a line break (br)
	plainHidden        // left out with its content
)

var plainKinds = func() map[atom.Atom]uint8 {
	m := map[atom.Atom]uint8{atom.Br: plainBreak, atom.Td: plainCell, atom.Th: plainCell}
	for _, a := range []atom.Atom{atom.Pre, atom.Listing, atom.Textarea, atom.Plaintext, atom.Xmp} {
		m[a] = plainPre
	}
	for _, a := range []atom.Atom{atom.Script, atom.Style, atom.Template, atom.Noscript,
		atom.Iframe, atom.Title, atom.Noembed, atom.Noframes, atom.Datalist, atom.Rp,
		atom.Head, atom.Meta, atom.Link, atom.Base, atom.Param, atom.Source, atom.Track} {
		m[a] = plainHidden
	}
	for _, a := range []atom.Atom{atom.Address, atom.Article, atom.Aside, atom.Blockquote,
		atom.Body, atom.Caption, atom.Center, atom.Dd, atom.Details, atom.Dialog, atom.Dir,
		atom.Div, atom.Dl, atom.Dt, atom.Fieldset, atom.Figcaption, atom.Figure, atom.Footer,
		atom.Form, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Header,
		atom.Hgroup, atom.Hr, atom.Html, atom.Legend, atom.Li, atom.Main, atom.Menu, atom.Nav,
		atom.Ol, atom.Optgroup, atom.Option, atom.P, atom.Search, atom.Section, atom.Summary,
		atom.Table, atom.Tbody, atom.Tfoot, atom.Thead, atom.Tr, atom.Ul, atom.Video, atom.Audio,
		atom.Canvas, atom.Frameset} {
		m[a] = plainBlock
	}
	return m
}()

// plainTextTokens is PlainText with the tokenizer instead of the parser,
// for bodies the parser refuses. Without a tree, an element left out ends
// at the first end tag of the same name that balances its start tag.
func plainTextTokens(body string) string {
	z := html.NewTokenizerFragment(strings.NewReader(body), "body")
	var w plainWriter
	w.b.Grow(len(body) / 2)
	skipDepth := 0      // nesting of the element being left out, if any
	var skipName string // its name
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return w.b.String()
		case html.TextToken:
			if skipDepth == 0 {
				w.text(string(z.Text()), w.pre > 0)
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			tok := z.Token()
			a := tok.DataAtom
			if skipDepth > 0 {
				if tok.Data == skipName && tt != html.SelfClosingTagToken && !plainVoid(a) {
					if tt == html.StartTagToken {
						skipDepth++
					} else {
						skipDepth--
					}
				}
				continue
			}
			if tt == html.EndTagToken {
				if a == atom.Br {
					w.brk = true // </br> is read as <br>
				} else if plainKinds[a] != plainHidden {
					w.closeToken(a)
				}
				continue
			}
			n := &html.Node{Type: html.ElementNode, Data: tok.Data, DataAtom: a, Attr: tok.Attr}
			if plainSkip(n) {
				if tt == html.StartTagToken && !plainVoid(a) {
					skipName, skipDepth = tok.Data, 1
				}
				continue
			}
			w.open(a)
			if tt == html.SelfClosingTagToken || plainVoid(a) {
				w.close(a)
			}
		}
	}
}

// closeToken is close for an end tag seen by the tokenizer, which may not
// match any start tag.
func (w *plainWriter) closeToken(a atom.Atom) {
	if plainKinds[a] == plainPre && w.pre == 0 {
		w.brk = true
		return
	}
	w.close(a)
}

// plainVoid reports whether a is a void element, which has no end tag.
func plainVoid(a atom.Atom) bool {
	switch a {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img, atom.Input,
		atom.Link, atom.Meta, atom.Param, atom.Source, atom.Track, atom.Wbr:
		return true
	}
	return false
}

// Excerpt shortens text to at most maxRunes runes, the ellipsis included,
// for summaries and meta descriptions. Text that fits is returned as it is
// (with invalid UTF-8 replaced by U+FFFD). Longer text is cut at the last
// word boundary (white space) that leaves room for "…", trailing white
// space, dashes, opening brackets and quotation marks and the punctuation
// ",;:" are trimmed (unless that leaves nothing), and "…" is appended; a
// first word longer than the room is cut inside. So Excerpt never returns
// more than maxRunes runes, adds "…" only when it cut, keeps at least as
// much with a larger maxRunes, and Excerpt(Excerpt(s, n), n) ==
// Excerpt(s, n). maxRunes <= 0 gives "".
//
// Runes are not characters: a letter followed by a combining mark, or an
// emoji sequence, counts as several runes and may be cut between them when
// it stands in a word longer than maxRunes. To excerpt HTML, take
// [PlainText] first.
func Excerpt(text string, maxRunes int) string {
	if maxRunes <= 0 {
		return ""
	}
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	// end: the byte offset after maxRunes-1 runes, the room left for the
	// ellipsis; next: the offset after maxRunes runes, or -1 if the text
	// fits.
	end, next, n := 0, -1, 0
	for i := range text {
		if n == maxRunes-1 {
			end = i
		}
		if n == maxRunes {
			next = i
			break
		}
		n++
	}
	if next < 0 {
		return text
	}
	cut := end
	if r, _ := utf8.DecodeRuneInString(text[end:]); !unicode.IsSpace(r) {
		// Back to the last white space inside the room.
		cut = strings.LastIndexFunc(text[:end], unicode.IsSpace)
		if cut < 0 {
			cut = end // one long word
		}
	}
	kept := strings.TrimRightFunc(text[:cut], excerptTrim)
	if kept == "" {
		// Nothing but white space and punctuation before the last word
		// boundary: cut inside the word instead. Trimmed the same way, so
		// that a larger limit never keeps less.
		kept = strings.TrimRightFunc(text[:end], excerptTrim)
	}
	if kept == "" {
		// Nothing but white space and punctuation in the whole room: keep
		// it rather than return "…" alone.
		kept = strings.TrimRightFunc(text[:end], unicode.IsSpace)
	}
	return kept + "…"
}

// excerptTrim reports whether r is trimmed before the ellipsis.
func excerptTrim(r rune) bool {
	switch r {
	case ',', ';', ':':
		return true
	}
	return unicode.IsSpace(r) || unicode.In(r, unicode.Pd, unicode.Ps, unicode.Pi)
}
