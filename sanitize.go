package article

import (
	"cmp"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Errors returned by [Policy.SanitizeReport]; test for them with
// [errors.Is].
var (
	// ErrBodyTooLarge means that the body, or the body once cleaned, is
	// longer than the policy's limit ([PolicyBuilder.MaxBodySize]).
	ErrBodyTooLarge = errors.New("body too large")
	// ErrTooDeep means that the body nests elements deeper than the
	// policy's limit ([PolicyBuilder.MaxDepth]) or the HTML parser's.
	ErrTooDeep = errors.New("body nested too deeply")
	// ErrUnstable means that the cleaned body, parsed again, did not clean
	// to itself even after a few rounds; this takes a callback that is not
	// idempotent, or markup that defeats the parser.
	ErrUnstable = errors.New("cleaned body is not stable when parsed again")
)

// Sanitize cleans an HTML article body with [ArticlePolicy]. See
// [Policy.Sanitize].
func Sanitize(body string) string {
	return ArticlePolicy().Sanitize(body)
}

// Sanitize returns body cleaned according to p: the body is parsed as a
// browser parses the content of a <body> element (with scripting enabled),
// what p does not allow is removed from the tree, and the result is
// serialised in a canonical form. A body already in that form and allowed
// by p is returned unchanged, byte for byte.
//
// The canonical form: in text, only '&', '<', '>', U+00A0 and carriage
// return are escaped (as &amp; &lt; &gt; &nbsp; &#13;), and apostrophes,
// quotes and every other character are left as written; attribute values
// are double-quoted, with '&', '"' and carriage return escaped (as &amp;
// &quot; &#13;); the output is valid UTF-8 and has no C0 control character
// but tab, line feed and form feed: other controls and each invalid UTF-8
// sequence become U+FFFD, as a browser decodes them (a URL holding one is
// refused); every element but the void ones (br, hr, img, wbr, col,
// source, track) has an end tag, and void elements have no "/"; a pre
// whose text starts with a line feed (or a carriage return) gets one more
// line feed, which the parser removes. Attributes keep their order, and attributes added by the policy
// come last, except on the formatting elements a b big code em font i nobr
// s small strike strong tt u, whose attributes the HTML parser sorts by
// name. Element and attribute names are lower case; line breaks are "\n".
//
// Text-only fallback: a body that cannot be cleaned safely comes back as
// its escaped text content only, without any markup (and without the
// content of script, style and the like). This happens when the body, or
// its cleaned form, is longer than the policy's size limit
// ([PolicyBuilder.MaxBodySize]; by default [DefaultMaxBodySize], four times
// the most a [Decoder] reads by default, so that a body Parse accepts keeps
// its markup unless cleaning makes it more than four times longer); when it
// nests elements deeper than the depth limit ([PolicyBuilder.MaxDepth]);
// and when the cleaned body does not settle, which takes an
// [PolicyBuilder.OnElement] callback that is not idempotent
// ([ErrUnstable]). Sanitize does not say it happened: use
// [Policy.SanitizeReport], which returns the error and a report of one
// [ChangeTextOnly]. A body with no '<' and no '&' is not parsed: it is
// returned as it is, but for the escaping and line breaks of the canonical
// form. Sanitize never panics.
//
// The output is stable (the guard against mutation XSS): parsed again, as
// a browser will, it gives the tree that was checked, so that sanitising it
// again returns it unchanged. The HTML parser builds some trees that markup
// cannot express (an a inside an a, a heading straight inside a heading, an
// li moved out of a table into another li, block content inside a p), and
// cleaning can build more (an h3 unwrapped from an unknown element straight
// into an h2). So the serialiser checks every element and text it writes
// against the rules by which the parser places them (the "in body" and
// table insertion modes of the HTML standard), and when cleaning dropped or
// unwrapped an element, or when the parser might put something elsewhere
// than where the tree has it, the output is parsed and cleaned again, until
// it is its own result (at most three more times; see [ErrUnstable]). A
// body whose tree passes the check (as every canonical body does) is
// parsed once; the check costs a few percent. The serialiser writes only
// HTML-namespace elements that are neither raw text nor foreign, every end
// tag, all text and attribute values escaped and quoted, and the attributes
// of formatting elements in the order the parser sorts them. The tests and
// the fuzz test check the fixpoint for every input.
func (p *Policy) Sanitize(body string) string {
	out, _, _ := p.run(body, false)
	return out
}

// SanitizeReport is like [Policy.Sanitize] and also returns the list of
// changes made, in the order of the body.
//
// If the body, or the cleaned body, is past the policy's limits, the
// returned body is its text content only (as from Sanitize), the report
// holds one change of kind [ChangeTextOnly], at the start of the body,
// whose Value is the error's message, and the error wraps [ErrBodyTooLarge]
// or [ErrTooDeep]. If the output did not settle (see [ErrUnstable]) the
// same happens with that error.
//
// Re-serialisation is not reported: escaping, quoting, line-break
// normalisation, and the repairs of the HTML parser that stay inside the
// body (end tags HTML makes optional, ignored doctypes, content moved out
// of tables, mis-nested formatting elements) change bytes but not what a
// browser shows. What could change the page around the body is reported,
// although the cleaned body, which closes what it opens, has none of it:
// markup unfinished at the end ([ChangeUnfinishedMarkup]), NUL bytes
// ([ChangeNULDropped]), ignored tags ([ChangeTagIgnored]), elements left
// open ([ChangeElementLeftOpen]), stray end tags ([ChangeStrayEndTag]) and,
// behind them, a body that does not stay inside an element
// ([ChangeNotContained]). An attribute value that holds a tag is removed
// ([ChangeMarkupInAttr]).
func (p *Policy) SanitizeReport(body string) (string, Report, error) {
	out, rep, err := p.run(body, true)
	if err != nil {
		rep = Report{{Kind: ChangeTextOnly, Value: shortValue(err.Error()), Line: 1, Column: 1}}
	}
	return out, rep, err
}

type pendingChange struct {
	kind  ChangeKind
	node  *html.Node
	attr  string
	value string
}

// pass is the result of one parse, walk and serialisation.
type pass struct {
	body    string
	roots   []*html.Node
	out     string
	changes []pendingChange
	srcMap  []srcEntry // start tag offsets in out → node of this pass
	redo    bool       // an element was removed: check the fixpoint
}

type srcEntry struct {
	off  int
	node *html.Node
}

func (p *Policy) run(body string, report bool) (string, Report, error) {
	d := &p.d
	maxSize := cmp.Or(d.maxSize, DefaultMaxBodySize)
	if len(body) > maxSize {
		return markupFreeText(body), nil, fmt.Errorf("%w: %d bytes, limit %d", ErrBodyTooLarge, len(body), maxSize)
	}
	// The cleaned body must be within the limit too (escaping, end tags
	// and elements the parser adds make it longer), or cleaning it again
	// would not return it unchanged.
	tooLarge := func(out string) error {
		return fmt.Errorf("%w: %d bytes once cleaned, limit %d", ErrBodyTooLarge, len(out), maxSize)
	}
	if inertBody(body) {
		out := inertText(body)
		if len(out) > maxSize {
			return out, nil, tooLarge(out) // text only already
		}
		if report {
			return out, structureReport(body, nil), nil
		}
		return out, nil, nil
	}
	first, err := p.pass(body, report)
	if err != nil {
		return markupFreeText(body), nil, err
	}
	passes := []*pass{first}
	cur := first
	// After an element was removed, parse the output again until it is its
	// own result.
	for first.redo {
		if len(passes) == 4 {
			return markupFreeText(body), nil, ErrUnstable
		}
		next, err := p.pass(cur.out, report)
		if err != nil {
			return markupFreeText(body), nil, fmt.Errorf("%w: %w", ErrUnstable, err)
		}
		if next.out == cur.out {
			break
		}
		passes = append(passes, next)
		cur = next
	}
	if len(cur.out) > maxSize {
		return markupFreeText(body), nil, tooLarge(cur.out)
	}
	if !report {
		return cur.out, nil, nil
	}
	var rep Report
	if hasChanges(passes) {
		rep = locateChanges(passes)
	}
	return cur.out, structureReport(body, rep), nil
}

func hasChanges(passes []*pass) bool {
	for _, ps := range passes {
		if len(ps.changes) > 0 {
			return true
		}
	}
	return false
}

// pass parses body, walks the tree and serialises what is kept.
func (p *Policy) pass(body string, report bool) (*pass, error) {
	ctx := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	roots, err := html.ParseFragmentWithOptions(strings.NewReader(body), ctx, html.ParseOptionEnableScripting(true))
	if err != nil {
		// The only error x/net returns for a string is its depth limit.
		return nil, fmt.Errorf("%w: %w", ErrTooDeep, err)
	}
	s := &sanitizer{d: &p.d, report: report, maxDepth: cmp.Or(p.d.maxDepth, DefaultMaxDepth)}
	var stack [32]nestFrame
	s.open = append(stack[:0], nestFrame{})
	s.out.Grow(len(body) + len(body)/16 + 64)
	for _, n := range roots {
		s.node(n, nil, 1)
		if s.tooDeep != nil {
			err := fmt.Errorf("%w: more than %d levels", ErrTooDeep, s.maxDepth)
			if report {
				off := locateNodes(body, roots, []*html.Node{s.tooDeep})
				line, col := bodyLineCol(body, off[s.tooDeep])
				err = fmt.Errorf("%w: more than %d levels at line %d, column %d", ErrTooDeep, s.maxDepth, line, col)
			}
			return nil, err
		}
	}
	return &pass{body: body, roots: roots, out: s.out.String(), changes: s.changes, srcMap: s.srcMap, redo: s.redo}, nil
}

// sanitizer holds the state of one walk over a parsed body.
type sanitizer struct {
	d        *policyData
	maxDepth int
	out      strings.Builder
	report   bool
	changes  []pendingChange
	srcMap   []srcEntry
	redo     bool
	preStart bool // the last thing written is a <pre> start tag
	tooDeep  *html.Node
	attrs    []htmlAttr  // scratch
	open     []nestFrame // elements written and not yet closed, for the nesting check
}

func (s *sanitizer) change(k ChangeKind, n *html.Node, attr, value string) {
	if s.report {
		s.changes = append(s.changes, pendingChange{k, n, attr, shortValue(value)})
	}
}

func (s *sanitizer) children(n *html.Node, depth int) {
	for c := n.FirstChild; c != nil && s.tooDeep == nil; c = c.NextSibling {
		s.node(c, n, depth)
	}
}

func (s *sanitizer) node(n, parent *html.Node, depth int) {
	switch n.Type {
	case html.TextNode:
		if n.Data == "" {
			return
		}
		if s.preStart && (n.Data[0] == '\n' || n.Data[0] == '\r') {
			s.out.WriteByte('\n')
		}
		s.preStart = false
		if !s.redo && !textExpressible(s.open, n.Data) {
			s.redo = true
		}
		htmlEscapeText(&s.out, n.Data)
		return
	case html.CommentNode:
		s.change(ChangeCommentDropped, n, "", n.Data)
		return
	case html.ElementNode:
	default:
		return // doctypes and the like: the parser does not create them here
	}
	if depth > s.maxDepth {
		s.tooDeep = n
		return
	}
	name := n.Data
	if name == "iframe" && n.Namespace == "" && s.d.news.embedHosts != nil {
		s.embed(n)
		return
	}
	info := s.d.compiled[name]
	name, info = s.demote(n, name, info)
	// The zero Policy has no compiled rules: the built-in drop list still
	// applies.
	if n.Namespace != "" || info != nil && info.drop || info == nil && dropElements[name] {
		s.dropped(n)
		return
	}
	if info == nil {
		s.change(ChangeElementUnwrapped, n, "", "")
		s.unwrap(n, depth)
		return
	}
	if info.rule.callbacks != nil || s.d.everyCB != nil {
		switch s.callbacks(n, parent, info.rule, depth) {
		case ActionDrop:
			s.dropped(n)
			return
		case ActionUnwrap:
			s.change(ChangeElementUnwrapped, n, "", "")
			s.unwrap(n, depth)
			return
		}
	} else {
		s.attrs = s.attrs[:0]
		for _, a := range s.limitAttrs(n) {
			if a.Namespace != "" {
				s.change(ChangeAttrRemoved, n, a.Namespace+":"+a.Key, a.Val)
				continue
			}
			s.attrs = append(s.attrs, htmlAttr{a.Key, a.Val})
		}
	}
	s.preFilter(n, name)
	s.filterAttrs(n, info)
	s.postFilter(n, name)
	switch name {
	case "a":
		if ok, reported := s.link(n); !ok {
			if !reported {
				s.change(ChangeElementUnwrapped, n, "", "")
			}
			s.unwrap(n, depth)
			return
		}
	case "img":
		src, ok := s.attr("src")
		if !ok {
			s.change(ChangeElementDropped, n, "", "")
			s.redo = true
			return
		}
		if s.d.news.dropPixels && isTrackingPixel(nodePixelAttrs(n), src) {
			s.change(ChangeTrackingPixel, n, "", src)
			s.redo = true
			return
		}
	}

	if info.formatting {
		// The parser sorts the attributes of formatting elements; write
		// them sorted so that the output parses to itself.
		for i := 1; i < len(s.attrs); i++ {
			for j := i; j > 0 && s.attrs[j].key < s.attrs[j-1].key; j-- {
				s.attrs[j], s.attrs[j-1] = s.attrs[j-1], s.attrs[j]
			}
		}
	}
	if !s.redo && !expressible(s.open, info.nest) {
		s.redo = true
	}
	if s.report {
		s.srcMap = append(s.srcMap, srcEntry{s.out.Len(), n})
	}
	s.out.WriteByte('<')
	s.out.WriteString(name)
	for _, a := range s.attrs {
		s.out.WriteByte(' ')
		s.out.WriteString(a.key)
		s.out.WriteString(`="`)
		htmlEscapeAttr(&s.out, a.val)
		s.out.WriteByte('"')
	}
	s.out.WriteByte('>')
	s.preStart = false
	if info.void {
		return
	}
	if n.DataAtom == atom.Pre || n.DataAtom == atom.Listing {
		s.preStart = true
	}
	s.open = append(s.open, s.open[len(s.open)-1].child(info.nest))
	s.children(n, depth+1)
	s.open = s.open[:len(s.open)-1]
	s.preStart = false
	s.out.WriteString("</")
	s.out.WriteString(name)
	s.out.WriteByte('>')
}

func (s *sanitizer) dropped(n *html.Node) {
	s.redo = true
	if s.report {
		s.change(ChangeElementDropped, n, "", nodeText(n))
	}
}

func (s *sanitizer) unwrap(n *html.Node, depth int) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			s.redo = true
			break
		}
	}
	s.children(n, depth+1)
}

// callbacks runs the element's callbacks on a copy of its attributes, left
// in s.attrs.
func (s *sanitizer) callbacks(n, parent *html.Node, rule *elemRule, depth int) Action {
	ctx := &ElementContext{Name: n.Data, Depth: depth}
	if parent != nil {
		ctx.Parent = parent.Data
	}
	for _, a := range s.limitAttrs(n) {
		if a.Namespace != "" {
			s.change(ChangeAttrRemoved, n, a.Namespace+":"+a.Key, a.Val)
			continue
		}
		ctx.attrs = append(ctx.attrs, htmlAttr{a.Key, a.Val})
	}
	act := ActionKeep
	for _, list := range [][]func(*ElementContext) Action{s.d.everyCB, rule.callbacks} {
		for _, fn := range list {
			if act = fn(ctx); act != ActionKeep {
				break
			}
		}
		if act != ActionKeep {
			break
		}
	}
	for _, c := range ctx.changes {
		k := ChangeAttrSet
		if c.removed {
			k = ChangeAttrRemoved
		}
		s.change(k, n, c.key, c.old)
	}
	s.attrs = append(s.attrs[:0], ctx.attrs...)
	return act
}

// limitAttrs returns the attributes of n up to the policy's limit, and
// reports the others as one change.
func (s *sanitizer) limitAttrs(n *html.Node) []html.Attribute {
	limit := cmp.Or(s.d.maxAttrs, DefaultMaxAttrs)
	if len(n.Attr) <= limit {
		return n.Attr
	}
	if s.report {
		first := n.Attr[limit]
		key := first.Key
		if first.Namespace != "" {
			key = first.Namespace + ":" + key
		}
		s.changes = append(s.changes, pendingChange{ChangeAttrLimit, n, key, strconv.Itoa(len(n.Attr) - limit)})
	}
	return n.Attr[:limit]
}

func (s *sanitizer) attr(key string) (string, bool) {
	for _, a := range s.attrs {
		if a.key == key {
			return a.val, true
		}
	}
	return "", false
}

func (s *sanitizer) setAttr(key, val string) {
	for i, a := range s.attrs {
		if a.key == key {
			s.attrs[i].val = val
			return
		}
	}
	s.attrs = append(s.attrs, htmlAttr{key, val})
}

func (s *sanitizer) removeAttr(key string) {
	for i, a := range s.attrs {
		if a.key == key {
			s.attrs = append(s.attrs[:i], s.attrs[i+1:]...)
			return
		}
	}
}

// filterAttrs keeps in s.attrs the attributes the rule allows, checks URLs,
// and sets forced attributes.
func (s *sanitizer) filterAttrs(n *html.Node, info *elemInfo) {
	kept := s.attrs[:0]
	for _, a := range s.attrs {
		raw := a.val
		a.val = cleanValue(raw) // the value as it will be written
		if holdsMarkup(a.val) {
			// A quote left open swallowed the markup after it.
			s.change(ChangeMarkupInAttr, n, a.key, raw)
			continue
		}
		r, ok := info.attrs[a.key]
		if !ok || !r.ok(a.val) {
			s.change(ChangeAttrRemoved, n, a.key, raw)
			continue
		}
		if r.url {
			v, ok := checkURLAttr(s.d, a.key, a.val)
			if a.val != raw {
				// Controls or invalid UTF-8 in a URL: refused, as the URL
				// check refuses the U+FFFD that replaced them.
				v, ok = raw, false
			}
			if !ok {
				s.change(ChangeURLRejected, n, a.key, v)
				continue
			}
			if v != a.val {
				s.change(ChangeURLCleaned, n, a.key, a.val)
				a.val = v
			}
		}
		kept = append(kept, a)
	}
	s.attrs = kept
	for _, f := range info.rule.forced {
		if v, ok := s.attr(f.key); !ok || v != f.val {
			s.change(ChangeAttrSet, n, f.key, v)
			s.setAttr(f.key, f.val)
		}
	}
}
