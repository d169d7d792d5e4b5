package article

import (
	"strings"

	"golang.org/x/net/html"
)

// Ids, names and same-document links, under [PolicyBuilder.PrefixIDs].
//
// The scheme, as GitHub's: an id "fn1" is written "user-content-fn1" and a
// link to "#fn1" is written "#user-content-fn1", so footnotes and anchors
// within the body work, while no element of the body can take the name of
// a property of the document or the window (DOM clobbering). A value that
// already has the prefix is kept as it is: that makes cleaning idempotent,
// and such a value cannot clobber anything either. Fragment links are
// rewritten whether or not the body has the id they name (it may be split
// over several pages, or the id may come from a footnote list added
// later); "#" alone, a link to the top of the page, is left alone.

// maxIDLen is the longest id or name kept.
const maxIDLen = 256

// prefixIDs applies the prefix to the id (and a's name) in s.attrs, and to
// a same-document fragment in a's href.
func (s *sanitizer) prefixIDs(n *html.Node, name string) {
	prefix := s.d.news.idPrefix
	for i := 0; i < len(s.attrs); i++ {
		a := s.attrs[i]
		switch {
		case a.key == "id", a.key == "name" && name == "a":
			if !validIDValue(a.val) {
				s.change(ChangeAttrRemoved, n, a.key, a.val)
				s.attrs = append(s.attrs[:i], s.attrs[i+1:]...)
				i--
				continue
			}
			if !strings.HasPrefix(a.val, prefix) {
				s.change(ChangeIDPrefixed, n, a.key, a.val)
				s.attrs[i].val = prefix + a.val
			}
		case a.key == "href" && name == "a":
			if v, ok := prefixFragment(a.val, prefix); ok {
				s.change(ChangeFragmentRewritten, n, a.key, a.val)
				s.attrs[i].val = v
			}
		}
	}
}

// validIDValue reports whether v can be kept as an id: not empty, no ASCII
// white space (which a valid id may not hold), at most maxIDLen bytes.
func validIDValue(v string) bool {
	if v == "" || len(v) > maxIDLen {
		return false
	}
	for i := 0; i < len(v); i++ {
		if htmlSpace(v[i]) {
			return false
		}
	}
	return true
}

// prefixFragment returns href with prefix inserted after its '#', if href
// (which passed the URL check, so has no surrounding spaces) is a link to
// a fragment of the same document that does not already start with
// prefix.
func prefixFragment(href, prefix string) (string, bool) {
	if len(href) < 2 || href[0] != '#' || strings.HasPrefix(href[1:], prefix) {
		return "", false
	}
	return "#" + prefix + href[1:], true
}

// anchor reports whether an a element without an href, whose attributes
// are in s.attrs, is kept as the target of in-page links: when ids are
// prefixed and it has an id or a name. Its target and rel, which mean
// nothing without an href, are removed.
func (s *sanitizer) anchor(n *html.Node) bool {
	if s.d.news.idPrefix == "" {
		return false
	}
	if _, ok := s.attr("name"); !ok {
		if _, ok := s.attr("id"); !ok {
			return false
		}
	}
	for _, k := range [...]string{"target", "rel"} {
		if v, ok := s.attr(k); ok {
			s.change(ChangeAttrRemoved, n, k, v)
			s.removeAttr(k)
		}
	}
	return true
}
