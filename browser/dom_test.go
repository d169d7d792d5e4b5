//go:build browser

package browser

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// domJS returns the children of Chromium's document.body as JSON domNodes.
const domJS = `(() => {
  const dump = (n) => {
    switch (n.nodeType) {
    case 1: {
      const a = [];
      for (const at of n.attributes) a.push([at.namespaceURI || "", at.localName, at.value]);
      const kids = n.localName === "template" && n.content ? n.content.childNodes : n.childNodes;
      return {t: 1, ns: n.namespaceURI || "", n: n.localName, a: a, c: Array.from(kids, dump)};
    }
    case 3: return {t: 3, v: n.data};
    case 8: return {t: 8, v: n.data};
    default: return {t: n.nodeType};
    }
  };
  return JSON.stringify(document.body ? Array.from(document.body.childNodes, dump) : null);
})()`

// domNode is one node of a tree, in the shape domJS writes.
type domNode struct {
	T  int         `json:"t"`            // 1 element, 3 text, 8 comment
	NS string      `json:"ns,omitempty"` // element namespace URI
	N  string      `json:"n,omitempty"`  // element local name
	A  [][3]string `json:"a,omitempty"`  // attributes: namespace URI, local name, value
	V  string      `json:"v,omitempty"`  // text or comment data
	C  []*domNode  `json:"c,omitempty"`
}

const (
	nsHTML  = "http://www.w3.org/1999/xhtml"
	nsSVG   = "http://www.w3.org/2000/svg"
	nsMath  = "http://www.w3.org/1998/Math/MathML"
	nsXLink = "http://www.w3.org/1999/xlink"
	nsXML   = "http://www.w3.org/XML/1998/namespace"
	nsXMLNS = "http://www.w3.org/2000/xmlns/"
)

var xnetNamespaces = map[string]string{"": nsHTML, "svg": nsSVG, "math": nsMath}
var xnetAttrNamespaces = map[string]string{"": "", "xlink": nsXLink, "xml": nsXML, "xmlns": nsXMLNS}

// xnetTree parses body as the sanitiser does (x/net, body context,
// scripting on) and converts the result to domNodes.
func xnetTree(body string) ([]*domNode, []*html.Node, error) {
	ctx := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragmentWithOptions(strings.NewReader(body), ctx, html.ParseOptionEnableScripting(true))
	if err != nil {
		return nil, nil, err
	}
	out := make([]*domNode, 0, len(nodes))
	for _, n := range nodes {
		if d := fromXnet(n); d != nil {
			out = append(out, d)
		}
	}
	return out, nodes, nil
}

func fromXnet(n *html.Node) *domNode {
	switch n.Type {
	case html.TextNode:
		return &domNode{T: 3, V: n.Data}
	case html.CommentNode:
		return &domNode{T: 8, V: n.Data}
	case html.ElementNode:
		ns, ok := xnetNamespaces[n.Namespace]
		if !ok {
			ns = "?" + n.Namespace
		}
		d := &domNode{T: 1, NS: ns, N: n.Data}
		for _, a := range n.Attr {
			ans, ok := xnetAttrNamespaces[a.Namespace]
			if !ok {
				ans = "?" + a.Namespace
			}
			d.A = append(d.A, [3]string{ans, a.Key, a.Val})
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if k := fromXnet(c); k != nil {
				d.C = append(d.C, k)
			}
		}
		return d
	default:
		return &domNode{T: -int(n.Type)} // never equal to a browser node
	}
}

// chromiumTree decodes domJS's result.
func chromiumTree(js string) ([]*domNode, error) {
	var nodes []*domNode
	if err := json.Unmarshal([]byte(js), &nodes); err != nil {
		return nil, err
	}
	if js == "null" {
		return nil, fmt.Errorf("the document has no body")
	}
	return nodes, nil
}

// diffTrees returns "" if the trees have the same elements (namespace and
// name), attributes (as a set) and nesting, and the same text, or else a
// description of the first difference.
func diffTrees(chromium, xnet []*domNode) string {
	return diffList("body", chromium, xnet)
}

func diffList(path string, a, b []*domNode) string {
	for i := range max(len(a), len(b)) {
		if i >= len(a) {
			return fmt.Sprintf("%s: x/net has %s more, Chromium nothing", path, b[i])
		}
		if i >= len(b) {
			return fmt.Sprintf("%s: Chromium has %s more, x/net nothing", path, a[i])
		}
		if d := diffNode(fmt.Sprintf("%s/%d", path, i), a[i], b[i]); d != "" {
			return d
		}
	}
	return ""
}

func diffNode(path string, a, b *domNode) string {
	if a.T != b.T || a.NS != b.NS || a.N != b.N || a.V != b.V {
		return fmt.Sprintf("%s: Chromium %s, x/net %s", path, a, b)
	}
	aa, ba := sortedAttrs(a.A), sortedAttrs(b.A)
	if !slices.Equal(aa, ba) {
		return fmt.Sprintf("%s: <%s> attributes: Chromium %q, x/net %q", path, a.N, aa, ba)
	}
	return diffList(path+"<"+a.N+">", a.C, b.C)
}

func sortedAttrs(attrs [][3]string) [][3]string {
	s := slices.Clone(attrs)
	slices.SortFunc(s, func(x, y [3]string) int {
		return cmp.Or(cmp.Compare(x[0], y[0]), cmp.Compare(x[1], y[1]), cmp.Compare(x[2], y[2]))
	})
	return s
}

func (d *domNode) String() string {
	switch d.T {
	case 1:
		ns := ""
		if d.NS != nsHTML {
			ns = d.NS + " "
		}
		return fmt.Sprintf("element <%s%s> with %d attributes", ns, d.N, len(d.A))
	case 3:
		return fmt.Sprintf("text %q", d.V)
	case 8:
		return fmt.Sprintf("comment %q", d.V)
	}
	return fmt.Sprintf("node of type %d", d.T)
}

// fetchedURLs lists the URLs a browser may fetch for a tree the sanitiser
// kept, resolved against base: img src and every srcset candidate. These
// requests are expected; any other is a marker.
func fetchedURLs(nodes []*html.Node, base string) map[string]bool {
	urls := map[string]bool{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Namespace == "" && n.Data == "img" {
			for _, a := range n.Attr {
				switch a.Key {
				case "src":
					urls[resolve(base, a.Val)] = true
				case "srcset":
					for _, u := range srcsetURLs(a.Val) {
						urls[resolve(base, u)] = true
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return urls
}

// srcsetURLs returns the URLs of a srcset value, read as the HTML
// standard's algorithm reads them: a URL runs to the next whitespace (a
// trailing comma ends the candidate), and descriptors run to the next
// comma outside parentheses.
func srcsetURLs(v string) []string {
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }
	var urls []string
	i := 0
	for i < len(v) {
		for i < len(v) && (isSpace(v[i]) || v[i] == ',') {
			i++
		}
		start := i
		for i < len(v) && !isSpace(v[i]) {
			i++
		}
		u := v[start:i]
		if u == "" {
			break
		}
		if strings.HasSuffix(u, ",") {
			urls = append(urls, strings.TrimRight(u, ","))
			continue
		}
		urls = append(urls, u)
		depth := 0
		for i < len(v) {
			c := v[i]
			if c == '(' {
				depth++
			} else if c == ')' && depth > 0 {
				depth--
			} else if c == ',' && depth == 0 {
				break
			}
			i++
		}
	}
	return urls
}
