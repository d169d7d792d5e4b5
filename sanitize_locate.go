package article

import (
	"sort"
	"strings"

	"golang.org/x/net/html"
)

// Positions. The tree from x/net carries no source positions, so they are
// recovered only when a report is asked for and something changed: a
// tokenizer runs over the body and records the offset of every start tag and
// comment; the elements and comments of the tree, in document order, are then
// matched to those tokens by name and attributes (the parser copies them
// from the token), moving forward through the body. An element the parser
// created without a token of its own (an implied tbody, a clone of a
// formatting element) finds no token before the next element's and takes
// the position of its first located descendant, or of the tag before it.
// Alike elements (same name and attributes) next to each other find the same
// token; when the body has as many such tokens as the tree has such
// elements, each takes its own in turn.

type tagTok struct {
	off   int
	attrs attrSet
	used  bool
}

// impliedElements are those the parser creates without a start tag of
// their own (implied, or cloned formatting elements).
var impliedElements = nameSet("html", "head", "body", "tbody", "tr", "colgroup",
	"p", "br", "a", "b", "big", "code", "em", "font", "i", "nobr", "s",
	"small", "strike", "strong", "tt", "u")

// locateNodes returns the byte offsets in body of the start tags of want (or of
// the comments), matched as described above. An element without a tag of
// its own gets the offset of its first located descendant, else of the last
// tag located before it, else 0.
func locateNodes(body string, roots []*html.Node, want []*html.Node) map[*html.Node]int {
	queues := tokenizeTags(body)
	heads := map[string]int{}
	var order []*html.Node
	var walkTree func(*html.Node)
	walkTree = func(n *html.Node) {
		if n.Type == html.ElementNode || n.Type == html.CommentNode {
			order = append(order, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walkTree(c)
		}
	}
	for _, r := range roots {
		walkTree(r)
	}
	cursor := -1
	// find returns the first unused token after the cursor for n, looking a
	// few tokens ahead for one with the same attributes.
	find := func(n *html.Node) int {
		key := tagKey(n)
		q := queues[key]
		h := heads[key]
		for h < len(q) && (q[h].off <= cursor || q[h].used) {
			h++
		}
		heads[key] = h
		set := nodeAttrSet(n.Attr)
		for i := h; i < len(q) && i < h+16; i++ {
			if !q[i].used && (n.Type == html.CommentNode || set == q[i].attrs) {
				return i
			}
		}
		return -1
	}
	sigs := sigCounts{order: order, queues: queues}
	pos := make(map[*html.Node]int, len(order))
	prev := make(map[*html.Node]int)
	for i, n := range order {
		c := find(n)
		if c < 0 {
			prev[n] = max(cursor, 0)
			continue
		}
		q := queues[tagKey(n)]
		off := q[c].off
		moved := false
		if i+1 < len(order) {
			next := order[i+1]
			nc := find(next)
			if nc == c && tagKey(next) == tagKey(n) && sigs.balanced(n) {
				// Both look alike and so find the same tag; as the body has
				// one tag for each element that looks like them, none of
				// them is implied: n takes this tag and next the following.
				nc = -1
			}
			if nc >= 0 && queues[tagKey(next)][nc].off <= off {
				// The next element's tag comes first: n has no tag of its
				// own, or the parser moved it up (out of a table).
				if n.Type == html.ElementNode && n.Namespace == "" && impliedElements[n.Data] {
					prev[n] = max(cursor, 0)
					continue
				}
				moved = true
			}
		}
		pos[n] = off
		q[c].used = true
		if !moved {
			cursor = off
		}
	}
	res := make(map[*html.Node]int, len(want))
	for _, n := range want {
		if off, ok := pos[n]; ok {
			res[n] = off
			continue
		}
		res[n] = prev[n]
		if d := firstLocated(n, pos); d >= 0 {
			res[n] = d
		}
	}
	return res
}

// sigCounts counts, by name and attributes, the elements of a tree and the
// tags of its body, to tell alike elements that all have a tag apart from
// those among which the parser created some.
type sigCounts struct {
	order  []*html.Node
	queues map[string][]tagTok
	nodes  map[tagSig]int // built on first use
	tags   map[tagSig]int
}

type tagSig struct {
	name  string
	attrs attrSet
}

// balanced reports whether the body has as many tags that look like n as
// the tree has elements.
func (sc *sigCounts) balanced(n *html.Node) bool {
	if sc.nodes == nil {
		sc.nodes, sc.tags = map[tagSig]int{}, map[tagSig]int{}
		for _, m := range sc.order {
			sc.nodes[tagSig{tagKey(m), nodeAttrSet(m.Attr)}]++
		}
		for key, q := range sc.queues {
			for _, t := range q {
				sc.tags[tagSig{key, t.attrs}]++
			}
		}
	}
	sig := tagSig{tagKey(n), nodeAttrSet(n.Attr)}
	return sc.nodes[sig] == sc.tags[sig]
}

// An attrSet stands for a list of attributes, compared without regard to
// their order (the parser sorts those of formatting elements) or to the
// case of their names (the parser adjusts some in foreign content): their
// number and an order-independent 64-bit hash. Locating compares these
// rather than copies of the attributes, so that its memory does not grow
// with the attributes of the body; a collision could only misplace a
// change's position.
type attrSet struct {
	n    int
	hash uint64
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// fnvLower adds s, ASCII lower-cased, to FNV-1a hash h.
func fnvLower(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h = (h ^ uint64(c)) * fnvPrime
	}
	return h
}

func fnvBytes(h uint64, s []byte) uint64 {
	for _, c := range s {
		h = (h ^ uint64(c)) * fnvPrime
	}
	return h
}

// mix finishes the hash of one attribute, so that sums of them spread.
func mix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	return h ^ h>>33
}

// nodeAttrSet returns the attrSet of the attributes of a node.
func nodeAttrSet(attrs []html.Attribute) attrSet {
	set := attrSet{n: len(attrs)}
	for _, a := range attrs {
		h := uint64(fnvOffset)
		if a.Namespace != "" {
			h = fnvLower(h, a.Namespace)
			h = (h ^ ':') * fnvPrime
		}
		h = fnvLower(h, a.Key)
		h *= fnvPrime // a 0 byte between name and value
		set.hash += mix(fnvValue(h, a.Val))
	}
	return set
}

func fnvValue(h uint64, v string) uint64 {
	for i := 0; i < len(v); i++ {
		h = (h ^ uint64(v[i])) * fnvPrime
	}
	return h
}

// tokAttrHash returns the hash of one attribute of a token (whose name the
// tokenizer has lower-cased), as nodeAttrSet computes it.
func tokAttrHash(key, val []byte) uint64 {
	h := fnvBytes(fnvOffset, key)
	h *= fnvPrime // a 0 byte between name and value
	return mix(fnvBytes(h, val))
}

func firstLocated(n *html.Node, pos map[*html.Node]int) int {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if off, ok := pos[c]; ok {
			return off
		}
		if off := firstLocated(c, pos); off >= 0 {
			return off
		}
	}
	return -1
}

func tagKey(n *html.Node) string {
	if n.Type == html.CommentNode {
		return "#comment"
	}
	if n.Namespace != "" {
		return strings.ToLower(n.Data)
	}
	return n.Data
}

// tokenizeTags returns the start tags (by name) and comments ("#comment") of
// body with their offsets, reading it as the parser does as far as it
// matters: fragment of a body, raw text only in HTML content, CDATA only in
// foreign content.
func tokenizeTags(body string) map[string][]tagTok {
	z := html.NewTokenizerFragment(strings.NewReader(body), "body")
	q := map[string][]tagTok{}
	seen := map[uint64]struct{}{} // attribute names of the current tag, hashed
	off := 0
	foreign := 0 // depth inside svg or math
	for {
		z.AllowCDATA(foreign > 0)
		tt := z.Next()
		if tt == html.ErrorToken {
			return q
		}
		start := off
		off += len(z.Raw())
		switch tt {
		case html.CommentToken:
			q["#comment"] = append(q["#comment"], tagTok{off: start})
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			key := string(name)
			// The parser keeps the first of attributes with the same name.
			var set attrSet
			clear(seen)
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				kh := fnvBytes(fnvOffset, k)
				if _, dup := seen[kh]; dup {
					continue
				}
				seen[kh] = struct{}{}
				set.n++
				set.hash += tokAttrHash(k, v)
			}
			q[key] = append(q[key], tagTok{off: start, attrs: set})
			if foreign > 0 {
				if tt == html.StartTagToken {
					foreign++
				}
				if rawTextElements[key] {
					z.NextIsNotRawText()
				}
			} else if tt == html.StartTagToken && (key == "svg" || key == "math") {
				foreign = 1
			}
		case html.EndTagToken:
			if foreign > 0 {
				foreign--
			}
		}
	}
}

// attrOffsets sets, in want, the offsets of the attribute names it holds
// (lower-cased, first occurrence) in the tag that starts at off in body,
// reading it as the tokenizer does, and stops once all are found.
func attrOffsets(body string, off int, want map[string]int) {
	left := len(want)
	i := off + 1
	for i < len(body) && !htmlSpace(body[i]) && body[i] != '/' && body[i] != '>' {
		i++
	}
	for i < len(body) && left > 0 {
		for i < len(body) && (htmlSpace(body[i]) || body[i] == '/') {
			i++
		}
		if i >= len(body) || body[i] == '>' {
			break
		}
		start := i
		i++ // a first '=' belongs to the name
		for i < len(body) && !htmlSpace(body[i]) && body[i] != '/' && body[i] != '>' && body[i] != '=' {
			i++
		}
		name := body[start:i]
		if hasASCIIUpper(name) {
			name = strings.ToLower(name)
		}
		if o, ok := want[name]; ok && o < 0 {
			want[name] = start
			left--
		}
		for i < len(body) && htmlSpace(body[i]) {
			i++
		}
		if i < len(body) && body[i] == '=' {
			i++
			for i < len(body) && htmlSpace(body[i]) {
				i++
			}
			if i < len(body) && (body[i] == '"' || body[i] == '\'') {
				q := body[i]
				i++
				for i < len(body) && body[i] != q {
					i++
				}
				i++
			} else {
				for i < len(body) && !htmlSpace(body[i]) && body[i] != '>' {
					i++
				}
			}
		}
	}
}

// bodyLineCol converts a byte offset in body to a 1-based line and a 1-based
// byte column.
func bodyLineCol(body string, off int) (int, int) {
	var lc lineCounter
	return lc.advance(body, off)
}

// lineCounter converts increasing byte offsets in a body to lines and
// columns in one sweep.
type lineCounter struct {
	off, line, lineStart int
}

// advance moves to offset off (clamped to the body, and never backwards) and
// returns its 1-based line and byte column. Lines end at "\n", "\r\n" or
// "\r".
func (c *lineCounter) advance(body string, off int) (int, int) {
	off = min(max(off, c.off), len(body))
	for i := c.off; i < off; i++ {
		if b := body[i]; b == '\n' || b == '\r' && (i+1 >= len(body) || body[i+1] != '\n') {
			c.line++
			c.lineStart = i + 1
		}
	}
	c.off = off
	return c.line + 1, off - c.lineStart + 1
}

// locateChanges turns the pendingChange changes of all passes into a report with
// positions in the body of the first pass. A change found in a later pass
// is traced back through the output of the pass before, whose start tags
// were recorded with the nodes that produced them.
func locateChanges(passes []*pass) Report {
	// offsets[i] locates, in passes[i].body, the nodes of passes[i] that are
	// needed.
	need := make([][]*html.Node, len(passes))
	for i, ps := range passes {
		for _, c := range ps.changes {
			need[i] = append(need[i], c.node)
		}
	}
	// Trace later passes back: node of pass i → offset in passes[i].body =
	// passes[i-1].out → node of pass i-1.
	type origin struct {
		node *html.Node
		ok   bool
	}
	trace := make([]map[*html.Node]origin, len(passes))
	for i := len(passes) - 1; i > 0; i-- {
		offs := locateNodes(passes[i].body, passes[i].roots, need[i])
		trace[i] = map[*html.Node]origin{}
		sm := passes[i-1].srcMap
		for _, n := range need[i] {
			off := offs[n]
			j := sort.Search(len(sm), func(j int) bool { return sm[j].off >= off })
			if j < len(sm) && sm[j].off == off {
				trace[i][n] = origin{sm[j].node, true}
				need[i-1] = append(need[i-1], sm[j].node)
			} else {
				trace[i][n] = origin{}
			}
		}
	}
	body := passes[0].body
	offs := locateNodes(body, passes[0].roots, need[0])
	total := 0
	for _, ps := range passes {
		total += len(ps.changes)
	}
	rep := make(Report, 0, total)
	at := make([]int, 0, total) // offset of each change in rep
	attrAt := []int{}           // indexes in rep of changes to locate at an attribute
	for i, ps := range passes {
		for _, c := range ps.changes {
			n := c.node
			found := true
			for k := i; k > 0 && found; k-- {
				o := trace[k][n]
				n, found = o.node, o.ok
			}
			ch := Change{Kind: c.kind, Attr: c.attr, Value: c.value}
			if c.node.Type == html.ElementNode {
				ch.Element = c.node.Data
			}
			off := 0
			if found {
				off = offs[n]
				if c.attr != "" && n.Type == html.ElementNode {
					attrAt = append(attrAt, len(rep))
				}
			}
			rep = append(rep, ch)
			at = append(at, off)
		}
	}
	// Locate attributes: scan each tag once for the names wanted in it.
	want := map[int]map[string]int{} // tag offset → attribute name → offset, -1 until found
	for _, i := range attrAt {
		if want[at[i]] == nil {
			want[at[i]] = map[string]int{}
		}
		want[at[i]][rep[i].Attr] = -1
	}
	for off, names := range want {
		attrOffsets(body, off, names)
	}
	for _, i := range attrAt {
		if a := want[at[i]][rep[i].Attr]; a >= 0 {
			at[i] = a
		}
	}
	idx := make([]int, len(rep))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool { return at[idx[i]] < at[idx[j]] })
	sorted := make(Report, len(rep))
	var lc lineCounter
	for k, i := range idx {
		sorted[k] = rep[i]
		sorted[k].Offset = min(max(at[i], 0), len(body))
		sorted[k].Line, sorted[k].Column = lc.advance(body, at[i])
	}
	return sorted
}
