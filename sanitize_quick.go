package article

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// The quick check: a single forward scan that proves, without building the
// tree, that cleaning a body with a policy removes nothing and needs no
// re-parse. Validate asks it first and runs the sanitiser only when it
// cannot tell (see checker.body).
//
// It accepts only markup the HTML parser reads token for token: every
// element an allowed one of quickElements with an explicit start tag and
// (but for void elements) an explicit end tag that closes the innermost open
// element, each placed where the nesting check of the serialiser says the
// parser keeps it (see expressible), so that the tree is the markup and the
// sanitiser's walk over it keeps every element. Everything it is not sure
// of makes it answer false: comments, doctypes, a '<' that does not start a
// plain tag, raw-text elements, unknown or foreign elements, controls
// (carriage returns included) and invalid UTF-8, character references in
// attribute values other than a few unambiguous ones, attributes the
// policy would remove or refuse, callbacks, and anything past the limits.
// The differential tests (sanitize_quick_test.go) check that whenever it
// answers true, the sanitiser reports no removal.

// quickElements are the elements whose parsing the quick check models: the
// parser inserts each at the current node from its start tag and pops it
// with its end tag, but for the cases expressible refuses. Raw-text and
// foreign elements, formatting elements with special rules (nobr), ruby
// parts, column groups, forms and the like are not among them.
var quickElements = nameSet("a", "abbr", "address", "article", "aside", "b",
	"bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "data", "dd",
	"del", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "footer",
	"h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "ins",
	"kbd", "li", "main", "mark", "nav", "ol", "p", "pre", "q", "s", "samp",
	"section", "small", "span", "strong", "sub", "sup", "table", "tbody",
	"td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr")

// quickMaxDepth bounds the nesting the quick check follows, well below the
// parser's own limit.
const quickMaxDepth = 128

// quickClean reports whether cleaning body with p certainly removes
// nothing: no element, attribute or URL is dropped, no link unwrapped, the
// limits are kept, and the first pass of the sanitiser needs no re-parse.
// It answers false whenever it cannot tell; it never parses a tree.
func quickClean(p *Policy, body string) bool {
	return quickCheck(p, body) == quickProved
}

// quickVerdict is the answer of the quick check.
type quickVerdict uint8

const (
	quickUnknown quickVerdict = iota // it cannot tell
	quickProved                      // cleaning removes nothing (quickClean)
	// A URL the URL check refuses, in markup read token for token up to
	// there: cleaning very likely removes something. A hint for Validate
	// to go straight to SanitizeReport, which tells; never a verdict.
	quickRefusedURL
)

// quickCheck is quickClean, which it answers with quickProved, with a hint
// when it cannot tell.
func quickCheck(p *Policy, body string) quickVerdict {
	d := &p.d
	if d.compiled == nil || d.everyCB != nil {
		return quickUnknown
	}
	maxSize := d.maxSize
	if maxSize <= 0 {
		maxSize = DefaultMaxBodySize
	}
	// A character reference at the very end, which the page's next
	// characters could extend: left to the structure check.
	if refAtEnd(body) {
		return quickUnknown
	}
	q := quickScan{d: d, body: body}
	q.open = append(q.openBuf[:0], nestFrame{})
	q.names = append(q.namesBuf[:0], "")
	q.attrs, q.linkText = q.attrsBuf[:0], q.linkBuf[:0]
	if !q.scan() {
		if q.refusedURL && q.bytesOK(len(body)) {
			return quickRefusedURL
		}
		return quickUnknown
	}
	if !q.bytesOK(len(body)) {
		return quickUnknown
	}
	// The output: escaping makes a byte at most six ('"' as "&quot;" in an
	// attribute value, '&' as "&amp;" in text), plus what the policy adds.
	if len(body) > (maxSize-q.extra)/6 {
		return quickUnknown
	}
	return quickProved
}

// quickBytes reports whether s is valid UTF-8 without a control character
// but tab, line feed and form feed. It reads eight bytes at a time: most
// words of a text hold no byte below 0x20.
func quickBytes(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := s[i : i+8]
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		// Nonzero if and only if some byte of x is below 0x20.
		if (x-0x2020202020202020)&^x&0x8080808080808080 == 0 {
			continue
		}
		for k := 0; k < len(w); k++ {
			if c := w[k]; c < 0x20 && !okControl(c) {
				return false
			}
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c < 0x20 && !okControl(c) {
			return false
		}
	}
	return utf8.ValidString(s)
}

// refAtEnd reports whether the last '&' of s comes after its last ';' and
// its last '>': a character reference, or what may start one, at the end.
// It reads s backwards, up to the first of the three.
func refAtEnd(s string) bool {
	for i := len(s) - 1; i >= 0; i-- {
		switch s[i] {
		case '&':
			return true
		case ';', '>':
			return false
		}
	}
	return false
}

// quickBlock is how far ahead of the scan bytesOK checks the body's bytes:
// small enough that the scan reads them again from the CPU's cache, so
// that a body much larger than the cache is read from memory once, not
// twice (TestQuickCleanLinear measured a 1 MB body read in two passes at
// n^1.27, against n^1.0 for the tokenizer).
const quickBlock = 16 << 10

type quickScan struct {
	d        *policyData
	body     string
	i        int
	checked  int         // body[:checked] holds only bytes quickBytes accepts
	open     []nestFrame // nesting frames of the open elements, as the serialiser's
	names    []string    // and their names
	openBuf  [32]nestFrame
	namesBuf [32]string
	extra    int // bytes the policy may add to the output (rel, forced attributes)
	// The scan stopped at a URL the URL check refuses (quickRefusedURL).
	refusedURL bool
	// The open link, for the link-text check.
	inLink   bool
	linkHref string
	linkText []byte
	attrs    []htmlAttr // scratch
	attrsBuf [8]htmlAttr
	linkBuf  [128]byte
	elems    [16]quickElem // see element
}

// quickElem is an element name and its rules (nil if the quick check
// refuses it).
type quickElem struct {
	name string
	info *elemInfo
}

// bytesOK reports whether body[:end] holds only what text and attribute
// values may hold: no controls but tab, line feed and form feed (no
// carriage return, which the parser rewrites), and valid UTF-8. It checks
// from where it last stopped, in blocks that end before a UTF-8
// continuation byte, so that a character is never cut; blocks valid on
// their own make a valid whole. A block that must start on a continuation
// byte follows three others, which no valid text has, and fails.
func (q *quickScan) bytesOK(end int) bool {
	body := q.body
	for q.checked < end {
		stop := min(q.checked+quickBlock, len(body))
		for k := 0; k < utf8.UTFMax-1 && stop < len(body) && stop > q.checked+1 && !utf8.RuneStart(body[stop]); k++ {
			stop--
		}
		if !quickBytes(body[q.checked:stop]) {
			return false
		}
		q.checked = stop
	}
	return true
}

func (q *quickScan) scan() bool {
	body := q.body
	for q.i < len(body) {
		if q.i >= q.checked && !q.bytesOK(q.i+1) {
			return false
		}
		j := strings.IndexByte(body[q.i:], '<')
		if j < 0 {
			j = len(body) - q.i
		}
		if j > 0 && !q.text(body[q.i:q.i+j]) {
			return false
		}
		q.i += j
		if q.i >= len(body) {
			break
		}
		if q.i+1 < len(body) && body[q.i+1] == '/' {
			if !q.endTag() {
				return false
			}
		} else if !q.startTag() {
			return false
		}
	}
	return len(q.open) == 1 // every element closed
}

// text checks a text between tags.
func (q *quickScan) text(s string) bool {
	if !textExpressible(q.open, s) {
		return false
	}
	if q.inLink && q.d.linkText {
		if strings.IndexByte(s, '&') >= 0 {
			return false // the check reads decoded text: not modelled
		}
		q.linkText = append(q.linkText, s...)
	}
	return true
}

func isASCIIAlpha(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

func isASCIIAlnum(c byte) bool { return isASCIIAlpha(c) || '0' <= c && c <= '9' }

func tagSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' }

// name reads an ASCII name at q.i (letters and digits, or also '-' and '_'
// for an attribute) and returns it in lower case, or "" if there is none.
func (q *quickScan) name(attr bool) string {
	body, start := q.body, q.i
	if start >= len(body) || !isASCIIAlpha(body[start]) {
		return ""
	}
	i, lower := start, true
	for ; i < len(body); i++ {
		c := body[i]
		if 'A' <= c && c <= 'Z' {
			lower = false
		} else if !isASCIIAlnum(c) && !(attr && (c == '-' || c == '_')) {
			break
		}
	}
	q.i = i
	if lower {
		return body[start:i]
	}
	return strings.ToLower(body[start:i])
}

// endTag reads "</name>", which must close the innermost open element.
func (q *quickScan) endTag() bool {
	q.i += 2
	name := q.name(false)
	if name == "" || q.i >= len(q.body) || q.body[q.i] != '>' {
		return false
	}
	q.i++
	top := len(q.open) - 1
	if top == 0 || q.names[top] != name {
		return false
	}
	q.open, q.names = q.open[:top], q.names[:top]
	if name == "a" {
		if !q.closeLink() {
			return false
		}
	}
	return true
}

// startTag reads a start tag and checks the element and its attributes
// against the policy.
func (q *quickScan) startTag() bool {
	q.i++
	name := q.name(false)
	if name == "" {
		return false
	}
	info := q.element(name)
	if info == nil {
		return false
	}
	depth := len(q.open) // of this element, counting from 1
	if depth > quickMaxDepth || depth > q.d.maxDepth && q.d.maxDepth > 0 {
		return false
	}
	if !q.readAttrs(info) {
		return false
	}
	if !expressible(q.open, info.nest) {
		return false
	}
	if q.inLink && name == "pre" {
		return false // its first line feed is not text: not modelled
	}
	if !q.checkAttrs(name, info) {
		return false
	}
	if info.void {
		return true
	}
	q.open = append(q.open, q.open[len(q.open)-1].child(info.nest))
	q.names = append(q.names, name)
	return true
}

// element returns the policy's rules for an element the quick check
// models and the policy keeps as it is, or nil. A body has few distinct
// elements, so their answers are kept in q.elems, one per slot.
func (q *quickScan) element(name string) *elemInfo {
	e := &q.elems[(int(name[0])+int(name[len(name)-1])+len(name))%len(q.elems)]
	if e.name == name {
		return e.info
	}
	var info *elemInfo
	// An h1 that the policy writes as h2 takes h2's attribute rules: not
	// modelled here.
	if quickElements[name] && !(name == "h1" && q.d.news.demoteH1) {
		if i := q.d.compiled[name]; i != nil && !i.drop && i.rule != nil && i.rule.callbacks == nil {
			info = i
		}
	}
	*e = quickElem{name: name, info: info}
	return info
}

// readAttrs reads the attributes up to and including the closing '>' into
// q.attrs, values decoded.
func (q *quickScan) readAttrs(info *elemInfo) bool {
	body := q.body
	q.attrs = q.attrs[:0]
	limit := q.d.maxAttrs
	if limit <= 0 {
		limit = DefaultMaxAttrs
	}
	for {
		// After the name or a value: space, '>' or "/>" (void only).
		if q.i >= len(body) {
			return false
		}
		switch c := body[q.i]; {
		case c == '>':
			q.i++
			return true
		case c == '/':
			if !info.void || q.i+1 >= len(body) || body[q.i+1] != '>' {
				return false
			}
			q.i += 2
			return true
		case !tagSpace(c):
			return false
		}
		for q.i < len(body) && tagSpace(body[q.i]) {
			q.i++
		}
		if q.i < len(body) && (body[q.i] == '>' || body[q.i] == '/') {
			continue
		}
		key := q.name(true)
		if key == "" || len(q.attrs) == limit {
			return false
		}
		for _, a := range q.attrs {
			if a.key == key {
				return false
			}
		}
		val := ""
		if q.i < len(body) && body[q.i] == '=' {
			q.i++
			v, ok := q.value()
			if !ok {
				return false
			}
			val = v
		}
		q.attrs = append(q.attrs, htmlAttr{key, val})
	}
}

// value reads an attribute value, quoted or not, and decodes it.
func (q *quickScan) value() (string, bool) {
	body := q.body
	if q.i >= len(body) {
		return "", false
	}
	var raw string
	switch c := body[q.i]; c {
	case '"', '\'':
		end := strings.IndexByte(body[q.i+1:], c)
		if end < 0 {
			return "", false
		}
		raw = body[q.i+1 : q.i+1+end]
		q.i += end + 2
	default:
		start := q.i
		for q.i < len(body) {
			c := body[q.i]
			if tagSpace(c) || c == '>' {
				break
			}
			if c == '"' || c == '\'' || c == '<' || c == '=' || c == '`' {
				return "", false
			}
			q.i++
		}
		if q.i == start {
			return "", false
		}
		raw = body[start:q.i]
	}
	if strings.IndexByte(raw, '&') < 0 {
		return raw, !holdsMarkup(raw)
	}
	v, ok := decodeQuickRefs(raw)
	return v, ok && !holdsMarkup(v)
}

// quickRefs are the named character references the quick check decodes in
// attribute values (only with their semicolon).
var quickRefs = map[string]string{"amp": "&", "quot": `"`, "apos": "'", "lt": "<", "gt": ">"}

// decodeQuickRefs decodes the character references of an attribute value:
// those of quickRefs and numeric ones for printable characters, each ended
// by ';'. Any other '&' makes it fail.
func decodeQuickRefs(s string) (string, bool) {
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.IndexByte(s, '&')
		if i < 0 {
			b.WriteString(s)
			return b.String(), true
		}
		b.WriteString(s[:i])
		s = s[i+1:]
		semi := strings.IndexByte(s, ';')
		if semi <= 0 || semi > 8 {
			return "", false
		}
		ref := s[:semi]
		s = s[semi+1:]
		if r, ok := quickRefs[ref]; ok {
			b.WriteString(r)
			continue
		}
		if ref[0] != '#' || len(ref) < 2 {
			return "", false
		}
		digits, base := ref[1:], 10
		if digits[0] == 'x' || digits[0] == 'X' {
			digits, base = digits[1:], 16
		}
		if digits == "" || len(digits) > 6 {
			return "", false
		}
		v := 0
		for k := 0; k < len(digits); k++ {
			c := digits[k] | 0x20
			switch {
			case '0' <= c && c <= '9':
				v = v*base + int(c-'0')
			case base == 16 && 'a' <= c && c <= 'f':
				v = v*base + int(c-'a') + 10
			default:
				return "", false
			}
		}
		// Printable: not a control (C0, DEL, C1, which the parser maps to
		// other characters), not a surrogate, not a non-character.
		if v < 0x20 || 0x7F <= v && v <= 0x9F || 0xD800 <= v && v <= 0xDFFF || v >= 0xFFFE {
			return "", false
		}
		b.WriteRune(rune(v))
	}
}

// checkAttrs checks the attributes in q.attrs as filterAttrs and link do,
// and fails where they would remove or refuse anything.
func (q *quickScan) checkAttrs(name string, info *elemInfo) bool {
	href, hasHref, src, hasSrc := "", false, "", false
	for i, a := range q.attrs {
		if q.d.news.idPrefix != "" && (a.key == "id" || a.key == "name") {
			return false // prefixed, or removed when empty or spaced: not modelled
		}
		r, ok := info.attrs[a.key]
		if !ok || !r.ok(a.val) {
			return false
		}
		if r.url {
			v, ok := checkURLAttr(q.d, a.key, a.val)
			if !ok {
				q.refusedURL = true
				return false
			}
			q.attrs[i].val = v
			a.val = v
		}
		switch a.key {
		case "href":
			href, hasHref = a.val, true
		case "src":
			src, hasSrc = a.val, true
		case "target":
			if name == "a" && !strings.EqualFold(strings.TrimSpace(a.val), "_blank") {
				return false // removed by the link rules
			}
		}
		q.extra += 3 // quotes and '=' of a bare or unquoted value
	}
	for _, f := range info.rule.forced {
		q.extra += len(f.key) + len(f.val) + 4
	}
	switch name {
	case "a":
		if !hasHref {
			return false // unwrapped
		}
		// rel is rewritten to known tokens, the required ones and
		// noopener noreferrer: a bounded addition.
		q.extra += len(` rel="noopener noreferrer"`)
		for _, t := range q.d.requireRel {
			q.extra += len(t) + 1
		}
		q.inLink, q.linkHref, q.linkText = true, href, q.linkText[:0]
	case "img":
		if !hasSrc {
			return false // dropped
		}
		if q.d.news.dropPixels {
			var p pixelAttrs
			for _, a := range q.attrs {
				p.add(a.key, a.val)
			}
			if isTrackingPixel(p, src) {
				return false // dropped as a tracking pixel
			}
		}
	}
	return q.extra >= 0 && q.extra < 1<<30
}

// closeLink applies the link-text check to the link just closed.
func (q *quickScan) closeLink() bool {
	q.inLink = false
	if !q.d.linkText {
		return true
	}
	// The same check as the sanitiser's, on the same text: any verdict but
	// linkOK is a change that Validate reports (flagged or unwrapped). A
	// text that cannot be an address passes it (its first step), without
	// building the nodes it takes.
	if !mayBeAddress(q.linkText) {
		return true
	}
	link := &html.Node{Type: html.ElementNode, Data: "a"}
	t := &html.Node{Type: html.TextNode, Data: string(q.linkText), Parent: link}
	link.FirstChild, link.LastChild = t, t
	return checkLinkText(q.linkHref, link) == linkOK
}
