package article

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// The rules for links: href, target and rel, and the link-text check.

// link applies the rules for links to an a element whose attributes are in
// s.attrs, and reports whether it stays a link, and if not, whether it
// reported why.
func (s *sanitizer) link(n *html.Node) (ok, reported bool) {
	href, ok := s.attr("href")
	if !ok {
		return false, false
	}
	if s.d.linkText && !linkTextMatches(href, n) {
		s.change(ChangeLinkTextMismatch, n, "href", href)
		return false, true
	}
	blank := false
	if t, ok := s.attr("target"); ok {
		if strings.EqualFold(strings.TrimSpace(t), "_blank") {
			blank = true
			if t != "_blank" {
				s.change(ChangeAttrSet, n, "target", t)
				s.setAttr("target", "_blank")
			}
		} else {
			s.change(ChangeAttrRemoved, n, "target", t)
			s.removeAttr("target")
		}
	}
	rel, had := s.attr("rel")
	want := normRel(rel, s.d.requireRel, blank)
	if want != rel || (!had && want != "") {
		s.change(ChangeRelRewritten, n, "rel", rel)
		if want == "" {
			s.removeAttr("rel")
		} else {
			s.setAttr("rel", want)
		}
	}
	return true, false
}

// normRel returns rel as known, lower-case, distinct tokens in their order,
// followed by the required tokens missing, and noopener and noreferrer if
// blank. It returns rel itself when nothing changes.
func normRel(rel string, required []string, blank bool) string {
	var buf [8]string
	toks := buf[:0]
	for rest := rel; rest != ""; {
		i := 0
		for i < len(rest) && htmlSpace(rest[i]) {
			i++
		}
		j := i
		for j < len(rest) && !htmlSpace(rest[j]) {
			j++
		}
		t := rest[i:j]
		rest = rest[j:]
		if t == "" {
			continue
		}
		if hasASCIIUpper(t) {
			t = strings.ToLower(t)
		}
		if relTokens[t] && !hasString(toks, t) {
			toks = append(toks, t)
		}
	}
	for _, t := range required {
		if !hasString(toks, t) {
			toks = append(toks, t)
		}
	}
	if blank {
		for _, t := range [...]string{"noopener", "noreferrer"} {
			if !hasString(toks, t) {
				toks = append(toks, t)
			}
		}
	}
	if joinedEquals(toks, rel) {
		return rel
	}
	return strings.Join(toks, " ")
}

func hasASCIIUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

// hasPrefixFold is strings.HasPrefix, ASCII case-insensitive.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func joinedEquals(toks []string, s string) bool {
	for i, t := range toks {
		if i > 0 {
			if s == "" || s[0] != ' ' {
				return false
			}
			s = s[1:]
		}
		if !strings.HasPrefix(s, t) {
			return false
		}
		s = s[len(t):]
	}
	return s == ""
}

// linkTextMatches reports whether the text of link n, if it looks like a web
// address, names the host of href.
func linkTextMatches(href string, n *html.Node) bool {
	text := strings.TrimSpace(nodeText(n))
	switch {
	case hasPrefixFold(text, "http://"), hasPrefixFold(text, "https://"):
	case hasPrefixFold(text, "www."):
		text = "http://" + text
	default:
		return true
	}
	tu, err := url.Parse(strings.Fields(text)[0])
	if err != nil || tu.Hostname() == "" {
		return true // not an address after all
	}
	hu, err := url.Parse(href)
	if err != nil {
		return false
	}
	if hu.Host == "" {
		return false // relative link presented as an address elsewhere
	}
	norm := func(h string) string {
		return strings.TrimPrefix(strings.TrimSuffix(strings.ToLower(h), "."), "www.")
	}
	return norm(tu.Hostname()) == norm(hu.Hostname())
}

// nodeText returns the text content of n.
func nodeText(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	if n.FirstChild != nil && n.FirstChild == n.LastChild && n.FirstChild.Type == html.TextNode {
		return n.FirstChild.Data
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				b.WriteString(c.Data)
			}
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
