package article

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The net under the model of the structure check (see sanitize_structure.go).

// containedInPage parses body as a template puts it in a page,
//
//	<div><div>BODY</div><p>between</p></div><footer><p>after</p></footer>
//
// and reports whether the page around it stays as it is: the inner div
// and the paragraph the outer div's only children, the footer its next
// sibling, none of them changed (a stray </div> shows in the paragraph's
// place, an open element or unfinished tag in the footer).
func containedInPage(body string) bool {
	const after = "</div><p>between</p></div><footer><p>after</p></footer>"
	ctx := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	roots, err := html.ParseFragmentWithOptions(strings.NewReader("<div><div>"+body+after), ctx, html.ParseOptionEnableScripting(true))
	if err != nil || len(roots) != 2 || !plainElement(roots[0], "div") || !plainElement(roots[1], "footer") {
		return false
	}
	div := roots[0].FirstChild
	if !plainElement(div, "div") || div.NextSibling == nil || div.NextSibling != roots[0].LastChild {
		return false
	}
	return onlyText(div.NextSibling, "p", "between") && onlyText(roots[1].FirstChild, "p", "after") &&
		roots[1].FirstChild == roots[1].LastChild
}

// plainElement reports whether n is an HTML element of that name without
// attributes.
func plainElement(n *html.Node, name string) bool {
	return n != nil && n.Type == html.ElementNode && n.Namespace == "" && n.Data == name && len(n.Attr) == 0
}

// onlyText reports whether n is a plain element of that name holding only
// that text.
func onlyText(n *html.Node, name, text string) bool {
	if !plainElement(n, name) {
		return false
	}
	t := n.FirstChild
	return t != nil && t == n.LastChild && t.Type == html.TextNode && t.Data == text
}
