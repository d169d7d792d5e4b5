package article

import (
	"strings"

	"golang.org/x/net/html"
)

// The rules for news bodies that go beyond an allowlist: headings demoted,
// ids prefixed, lazy-loaded images, embeds and the link-text check's mode.
// The walk in sanitize.go calls the hooks below at fixed points.

// newsOptions are the policy's settings for these rules; the zero value
// turns them all off.
type newsOptions struct {
	demoteH1       bool
	idPrefix       string
	lazyImages     bool
	unwrapLinkText bool
	dropPixels     bool            // DropTrackingPixels (sanitize_pixel.go)
	embedHosts     map[string]bool // hosts an iframe may load; nil: no iframe
}

func (o newsOptions) clone() newsOptions {
	if o.embedHosts != nil {
		m := make(map[string]bool, len(o.embedHosts))
		for k := range o.embedHosts {
			m[k] = true
		}
		o.embedHosts = m
	}
	return o
}

// DemoteH1 sets whether h1 elements are written as h2, keeping their
// content and the attributes h2 allows, and reported as
// [ChangeHeadingDemoted]: a news page has its own h1, the headline, and a
// second one in the body confuses readers' outlines and search engines.
// It has an effect only while h2 is allowed; h1 itself need not be. When
// off, h1 follows the allowlist like any element. [ArticlePolicy] demotes.
func (b *PolicyBuilder) DemoteH1(on bool) *PolicyBuilder {
	b.d.news.demoteH1 = on
	return b
}

// PrefixIDs makes ids safe to keep: every id attribute the policy allows,
// and the name attribute of a, is written with prefix in front (unless
// it already starts with it, so that cleaning again changes nothing), and
// every link whose href is a fragment of the same document ("#fn1") gets
// the same prefix ("#user-content-fn1"), so that footnotes and in-page
// anchors keep working. Each is reported, as [ChangeIDPrefixed] and
// [ChangeFragmentRewritten].
//
// The prefix is the guard against DOM clobbering: an element with id or
// name "location", "cookie" or "forms" shadows the document's or the
// window's property of that name in the page's scripts, whereas no
// property starts with "user-content-". An id or name that is empty, holds
// ASCII white space or is longer than 256 bytes is removed. The prefix must
// be an ASCII letter followed by letters, digits, '-' and '_' (another is
// a [*PolicyError]); PrefixIDs("") turns prefixing off (ids the policy
// allows are then kept as written, which lets a body clobber the page's
// globals). Prefixing does not allow id or name by itself: allow them with
// [PolicyBuilder.AllowAttrs]. [ArticlePolicy] allows id everywhere and
// name on a, with the prefix "user-content-", as GitHub does.
func (b *PolicyBuilder) PrefixIDs(prefix string) *PolicyBuilder {
	if prefix != "" && !validIDPrefix(prefix) {
		b.fail("PrefixIDs", prefix, "not a letter followed by letters, digits, '-' and '_'")
		prefix = ""
	}
	b.d.news.idPrefix = prefix
	return b
}

func validIDPrefix(p string) bool {
	if p == "" || !('a' <= p[0] && p[0] <= 'z' || 'A' <= p[0] && p[0] <= 'Z') {
		return false
	}
	for i := 0; i < len(p); i++ {
		c := p[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// LazyImages sets whether an img whose src is missing or refused (often a
// data: placeholder, as lazy-loading scripts write) takes its src from the
// first of data-src, data-lazy-src and data-original that passes the URL
// check, and likewise its srcset from data-srcset or data-lazy-srcset
// when it has none that passes; a source (in a picture) the same. Those data attributes are then removed; the
// rewrite is reported as [ChangeLazySrc], with the refused value. Without
// it, such an image is dropped. [ArticlePolicy] does it.
func (b *PolicyBuilder) LazyImages(on bool) *PolicyBuilder {
	b.d.news.lazyImages = on
	return b
}

// UnwrapLinkTextMismatch sets what [PolicyBuilder.CheckLinkText] does with
// a link whose text names another host than its href: unwrap it, reported
// as [ChangeLinkTextMismatch] (on), or keep it and only report it as
// [ChangeLinkTextFlagged] (off, the default and what [ArticlePolicy] does,
// since a news body losing a real link is worse than a flagged one). A link
// through a known URL shortener is never unwrapped, only flagged.
func (b *PolicyBuilder) UnwrapLinkTextMismatch(on bool) *PolicyBuilder {
	b.d.news.unwrapLinkText = on
	return b
}

// lazyAttrs are the attributes lazy-loading scripts read the real image
// from, in the order they are tried.
var (
	lazySrcAttrs    = [...]string{"data-src", "data-lazy-src", "data-original"}
	lazySrcsetAttrs = [...]string{"data-srcset", "data-lazy-srcset"}
)

// preFilter runs on the attributes of a kept element, in s.attrs, before
// the attribute checks.
func (s *sanitizer) preFilter(n *html.Node, name string) {
	if (name == "img" || name == "source") && s.d.news.lazyImages {
		s.lazyImage(n, name)
	}
}

// lazyImage moves data-src and data-srcset into a refused or missing src
// and srcset of an img or source.
func (s *sanitizer) lazyImage(n *html.Node, name string) {
	has := false
	for _, a := range s.attrs {
		if strings.HasPrefix(a.key, "data-") {
			has = true
			break
		}
	}
	if !has {
		return
	}
	moved := false
	move := func(target string, from []string) {
		old, had := s.attr(target)
		if had {
			if _, ok := checkURLAttr(s.d, target, cleanValue(old)); ok && cleanValue(old) == old {
				return
			}
		}
		for _, k := range from {
			v, ok := s.attr(k)
			if !ok || strings.TrimSpace(v) == "" || cleanValue(v) != v {
				continue
			}
			if _, ok := checkURLAttr(s.d, target, v); !ok {
				continue
			}
			s.change(ChangeLazySrc, n, target, old)
			s.setAttr(target, v)
			moved = true
			return
		}
	}
	if info := s.d.compiled[name]; info != nil {
		if _, ok := info.attrs["src"]; ok {
			move("src", lazySrcAttrs[:])
		}
		if _, ok := info.attrs["srcset"]; ok {
			move("srcset", lazySrcsetAttrs[:])
		}
	}
	if moved {
		// The data attributes have done their work: the image now loads
		// what they named.
		kept := s.attrs[:0]
		for _, a := range s.attrs {
			if !hasString(lazySrcAttrs[:], a.key) && !hasString(lazySrcsetAttrs[:], a.key) {
				kept = append(kept, a)
			}
		}
		s.attrs = kept
	}
}

// postFilter runs on the attributes of a kept element, in s.attrs, after
// the attribute checks.
func (s *sanitizer) postFilter(n *html.Node, name string) {
	if s.d.news.idPrefix != "" {
		s.prefixIDs(n, name)
	}
}

// demote returns the name and rules an element is written with: h2's for
// an h1 when the policy demotes it.
func (s *sanitizer) demote(n *html.Node, name string, info *elemInfo) (string, *elemInfo) {
	if name != "h1" || !s.d.news.demoteH1 || info != nil && info.drop {
		return name, info
	}
	h2 := s.d.compiled["h2"]
	if h2 == nil || h2.drop {
		return name, info
	}
	s.change(ChangeHeadingDemoted, n, "", "")
	return "h2", h2
}
