package article

import (
	"bytes"
	"fmt"
	"strings"
)

// fieldURLs is the URL check's configuration for the URL keys of the
// front matter: http and https only, no relative URLs. It is never
// changed.
var fieldURLs = policyData{schemes: nameSet("http", "https")}

// fieldURLProblem says what is wrong with the value of source_link,
// enclosure or qrcode, or returns "".
func fieldURLProblem(s string) string {
	// The URL check, which allows http and https only, with a scheme, and
	// no user information: s passes if the check keeps it as it is (no
	// surrounding spaces or controls, tabs or line breaks), it has no
	// other space, and a host follows "scheme://".
	if out, ok := checkURL(&fieldURLs, s); ok && out == s && strings.IndexByte(s, ' ') < 0 {
		if hasHost(s) {
			return ""
		}
		return "has no host"
	}
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] == 0x7f {
			return "has a space or control character"
		}
	}
	scheme := urlScheme(s)
	if scheme != "http" && scheme != "https" {
		return "is not an absolute http or https URL"
	}
	if readURL(s).at {
		return "has user information"
	}
	return "is refused by the URL check"
}

// hasHost reports whether s, an absolute URL that the URL check accepted,
// has a host: "scheme://" followed by something other than a path, query,
// fragment or port.
func hasHost(s string) bool {
	i := strings.IndexByte(s, ':')
	return i > 0 && strings.HasPrefix(s[i:], "://") && len(s) > i+3 &&
		strings.IndexByte("/?#:", s[i+3]) < 0
}

// pathHasSchemeOrHost reports whether s, the url field, would lead a
// browser away from the site's own host: it has a scheme, or, read
// relative to the article's page, an authority ("//h", "/\h", "/\t/h").
func pathHasSchemeOrHost(s string) bool {
	u := readWebURL(s)
	return u.scheme != "" || u.authority
}

// slugMarker stands for the slug when the pattern is expanded to compare a
// url with it: no token or literal of a pattern expands to a NUL byte
// (:title is percent-escaped).
const slugMarker = "\x00"

// matchURL checks a.URL against the pattern, as described at Validator.
func (c *checker) matchURL() error {
	p, a := c.v.Pattern, c.a
	if !p.hasSlug() {
		if want := p.Expand(a); a.URL != want {
			return fmt.Errorf("%w: %q is not %q (pattern %q)", ErrMismatch, a.URL, want, p.String())
		}
		return nil
	}
	var arr [160]byte
	tb := p.appendExpandSlug(arr[:0], a, slugMarker)
	if matchOneSlug(a.URL, tb) {
		// The common case, without allocating: one :slug, matched.
	} else if tmpl := string(tb); !matchSlugs(a.URL, tmpl, true) && a.URL != p.expandSlug(a, "") {
		want := strings.ReplaceAll(tmpl, slugMarker, ":slug")
		if matchSlugs(a.URL, tmpl, false) {
			return fmt.Errorf("%w: the slug in %q has characters other than a-z, 0-9 and -", ErrInvalidValue, a.URL)
		}
		return fmt.Errorf("%w: %q does not match %q", ErrMismatch, a.URL, want)
	}
	if c.v.StrictSlug {
		if want := p.Expand(a); a.URL != want {
			return fmt.Errorf("%w: %q does not have the slug of the title: want %q", ErrMismatch, a.URL, want)
		}
	}
	return nil
}

// isSlugByte reports whether b is in the alphabet of slugs: a-z, 0-9, "-".
func isSlugByte(b byte) bool {
	return 'a' <= b && b <= 'z' || '0' <= b && b <= '9' || b == '-'
}

// matchOneSlug reports whether tmpl has one slugMarker and s matches it as
// in matchSlugs; false means "not known".
func matchOneSlug(s string, tmpl []byte) bool {
	i := bytes.IndexByte(tmpl, slugMarker[0])
	if i < 0 || bytes.IndexByte(tmpl[i+1:], slugMarker[0]) >= 0 {
		return false
	}
	head, tail := tmpl[:i], tmpl[i+1:]
	if len(s) < len(head)+1+len(tail) || s[:len(head)] != string(head) || s[len(s)-len(tail):] != string(tail) {
		return false
	}
	for k := len(head); k < len(s)-len(tail); k++ {
		if !isSlugByte(s[k]) {
			return false
		}
	}
	return true
}

// matchSlugs reports whether s is tmpl with each slugMarker replaced by a
// non-empty run of bytes of the slug alphabet (alphabet true) or of any
// bytes but "/" (alphabet false). It takes time linear in len(s) times the
// number of markers.
func matchSlugs(s, tmpl string, alphabet bool) bool {
	ok := func(b byte) bool { return b != '/' }
	if alphabet {
		ok = isSlugByte
	}
	i := strings.Index(tmpl, slugMarker)
	if i < 0 {
		return s == tmpl
	}
	head, rest := tmpl[:i], tmpl[i+len(slugMarker):]
	if !strings.HasPrefix(s, head) {
		return false
	}
	if !strings.Contains(rest, slugMarker) {
		// One slug: head, run, tail.
		if len(s) < len(head)+1+len(rest) || !strings.HasSuffix(s, rest) {
			return false
		}
		mid := s[len(head) : len(s)-len(rest)]
		if !alphabet {
			return strings.IndexByte(mid, '/') < 0
		}
		for k := 0; k < len(mid); k++ {
			if !isSlugByte(mid[k]) {
				return false
			}
		}
		return true
	}
	// Several slugs: the set of offsets reachable after each literal part.
	reach := make([]bool, len(s)+1)
	reach[len(head)] = true
	parts := strings.Split(rest, slugMarker)
	ends := make([]bool, len(s)+1)
	for _, part := range parts {
		// ends[q]: a run of ok bytes, at least one, from a reachable
		// offset ends at q.
		active := false
		for q := 0; q <= len(s); q++ {
			ends[q] = false
			if q > 0 {
				if !ok(s[q-1]) {
					active = false
				} else if active {
					ends[q] = true
				}
			}
			if reach[q] {
				active = true
			}
		}
		clear(reach)
		found := false
		for q := 0; q+len(part) <= len(s); q++ {
			if ends[q] && strings.HasPrefix(s[q:], part) {
				reach[q+len(part)] = true
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return reach[len(s)]
}
