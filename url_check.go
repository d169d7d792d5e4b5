package article

import (
	"net/url"
	"strings"
	"unicode/utf8"
)

// The URL check.

// trimC0Space removes leading and trailing C0 controls and spaces, and every
// tab, line feed and carriage return, as the WHATWG URL parser does.
func trimC0Space(s string) string {
	i, j := 0, len(s)
	for i < j && s[i] <= ' ' {
		i++
	}
	for j > i && s[j-1] <= ' ' {
		j--
	}
	s = s[i:j]
	if strings.ContainsAny(s, "\t\n\r") {
		s = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(s)
	}
	return s
}

// urlScheme returns the scheme of s, lower-cased, or "" if s has none: an
// ASCII letter followed by letters, digits, '+', '-' or '.', then ':'.
func urlScheme(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case '0' <= c && c <= '9' || c == '+' || c == '-' || c == '.':
			if i == 0 {
				return ""
			}
		case c == ':':
			if i == 0 {
				return ""
			}
			return strings.ToLower(s[:i])
		default:
			return ""
		}
	}
	return ""
}

// checkURL applies the URL check to one URL and returns the URL to write
// (surrounding spaces and controls, tabs and line breaks removed) and
// whether it is allowed: no control character or backslash left, a
// scheme the policy allows (or none, if it allows relative URLs), no user
// information as a browser reads it (readURL), and a form url.Parse
// accepts.
func checkURL(d *policyData, raw string) (string, bool) {
	// The common case first: a plain http or https URL (simpleURL), which
	// every step below would pass unchanged but for the policy's schemes.
	if n := webSchemeLen(raw); n > 0 && simpleURL(raw, n) {
		if sc := raw[:n]; d.schemes[sc] && !neverSchemes[sc] {
			return raw, true
		}
	}
	return checkURLFull(d, raw)
}

// checkURLFull is checkURL without its shortcut for the common case.
func checkURLFull(d *policyData, raw string) (string, bool) {
	s := trimC0Space(raw)
	if !utf8.ValidString(s) {
		return "", false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < ' ' || c == 0x7f || c == '\\' {
			return "", false
		}
		if c == 0xEF && strings.HasPrefix(s[i:], "\uFFFD") {
			return "", false // a control or invalid UTF-8, replaced
		}
		if c == 0xC2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9F {
			return "", false // C1 control
		}
	}
	scheme := urlScheme(s)
	if scheme == "" {
		if !d.relative {
			return "", false
		}
	} else if !d.schemes[scheme] || neverSchemes[scheme] {
		return "", false
	}
	if readURL(s).at {
		// User information as a browser reads it, which url.Parse does
		// not see in "https:bank@evil.example" or "///bank@evil.example".
		return "", false
	}
	if scheme == "mailto" {
		// Opaque: url.Parse has nothing to check beyond the scheme.
		return s, true
	}
	if scheme != "" && simpleURL(s, len(scheme)) {
		return s, true
	}
	u, err := url.Parse(s)
	if err != nil || u.User != nil || !strings.EqualFold(u.Scheme, scheme) {
		return "", false
	}
	return s, true
}

// webSchemeLen returns the length of the scheme of s if it starts with
// "http:" or "https:" in lower case, else 0.
func webSchemeLen(s string) int {
	switch {
	case strings.HasPrefix(s, "https:"):
		return len("https")
	case strings.HasPrefix(s, "http:"):
		return len("http")
	}
	return 0
}

// simpleURLChars are the characters of the rest of a URL that simpleURL
// accepts.
var simpleURLChars = func() (t [256]bool) {
	for c := range 256 {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			strings.IndexByte("-._~/?#=&+,;!*()$'", byte(c)) >= 0
	}
	return t
}()

// simpleURL reports whether s, a URL with a scheme of length n, is of the
// common form scheme://host/path?query#fragment made only of characters that
// url.Parse accepts without question (no '%', no '@', no '[', no spaces), so
// that parsing it could not reject it.
func simpleURL(s string, n int) bool {
	if !strings.HasPrefix(s[n:], "://") || len(s) == n+3 {
		return false
	}
	for i := n + 3; i < len(s); i++ {
		if !simpleURLChars[s[i]] {
			return false
		}
	}
	return s[n+3] != '/' && s[n+3] != '?' && s[n+3] != '#'
}

// checkURLAttr checks the value of a URL-bearing attribute: each candidate
// of a srcset, each URL of a ping, or the whole value. It returns the value
// to write, and the offending URL if the value is refused.
func checkURLAttr(d *policyData, name, v string) (string, bool) {
	switch name {
	case "srcset":
		bad, ok := checkSrcset(d, v)
		if !ok {
			return bad, false
		}
		return v, true
	case "ping":
		for _, f := range strings.Fields(v) {
			if _, ok := checkURL(d, f); !ok {
				return f, false
			}
		}
		return v, true
	}
	if out, ok := checkURL(d, v); ok {
		return out, true
	}
	return v, false
}

func htmlSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// checkSrcset parses a srcset as the HTML standard's "parse a srcset
// attribute" algorithm does (a URL ends at whitespace; a comma inside
// parentheses belongs to a descriptor), and checks each image candidate:
// its URL with the URL check, its descriptors as the standard validates
// them. A srcset is kept only if every candidate passes and there is at
// least one: the browser ignores a candidate it cannot parse, but a check
// that cannot parse it cannot vouch for it either. It returns the first
// refused candidate. The work is linear in the length of v.
func checkSrcset(d *policyData, v string) (string, bool) {
	i, n := 0, 0
	for {
		// Splitting loop: whitespace and commas between candidates.
		for i < len(v) && (htmlSpace(v[i]) || v[i] == ',') {
			i++
		}
		if i >= len(v) {
			return "", n > 0
		}
		start := i
		for i < len(v) && !htmlSpace(v[i]) {
			i++
		}
		u := v[start:i]
		var desc srcsetDescriptors
		if strings.HasSuffix(u, ",") {
			u = strings.TrimRight(u, ",")
		} else {
			i = desc.parse(v, i)
		}
		n++
		cand := strings.TrimRight(v[start:i], ", \t\n\f\r")
		if !desc.ok() {
			return cand, false
		}
		if _, ok := checkURL(d, u); !ok {
			return u, false
		}
		// A URL may hold commas ("/a,b.png 2x" is one candidate), but a
		// consumer that splits a srcset at every comma reads what follows
		// one as another URL: that must not have a refused scheme, as in
		// "/a,javascript:alert(1)".
		for j := 0; j < len(u); j++ {
			if u[j] == ',' {
				if sc := schemeAfterComma(u[j+1:]); sc != "" && (!d.schemes[sc] || neverSchemes[sc]) {
					return u, false
				}
			}
		}
	}
}

// schemeAfterComma returns the scheme, lower-cased, that a URL parser
// would find at the start of s (after leading controls and spaces, ignoring
// tabs and line breaks), or "". It reads no further than the next comma, so
// that checking every comma of a URL is linear.
func schemeAfterComma(s string) string {
	i := 0
	for i < len(s) && s[i] <= ' ' {
		i++
	}
	var b []byte
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\t' || c == '\n' || c == '\r':
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
			b = append(b, c|0x20)
		case '0' <= c && c <= '9' || c == '+' || c == '-' || c == '.':
			if len(b) == 0 {
				return ""
			}
			b = append(b, c)
		case c == ':':
			return string(b)
		default:
			return ""
		}
	}
	return ""
}

// srcsetDescriptors records the descriptors of one srcset candidate as the
// standard's descriptor parser validates them.
type srcsetDescriptors struct {
	w, x, h, bad bool
}

// parse runs the standard's descriptor tokenizer on v from i, just after a
// candidate's URL, up to the comma that ends the candidate (outside
// parentheses) or the end, validating each descriptor, and returns the
// position after it.
func (d *srcsetDescriptors) parse(v string, i int) int {
	for i < len(v) && htmlSpace(v[i]) {
		i++
	}
	start := -1 // start of the current descriptor
	parens := false
	for ; i < len(v); i++ {
		c := v[i]
		if parens {
			if c == ')' {
				parens = false
			}
			continue
		}
		switch {
		case htmlSpace(c):
			if start >= 0 {
				d.add(v[start:i])
				start = -1
			}
		case c == ',':
			if start >= 0 {
				d.add(v[start:i])
			}
			return i + 1
		default:
			if start < 0 {
				start = i
			}
			if c == '(' {
				parens = true
			}
		}
	}
	if start >= 0 {
		d.add(v[start:])
	}
	return i
}

// add validates one descriptor: a width ("100w", a positive integer), a
// pixel density ("1.5x", a non-negative floating-point number) or a height
// ("100h", a positive integer, which needs a width), each at most once, and
// not a width with a density.
func (d *srcsetDescriptors) add(t string) {
	num, unit := t[:len(t)-1], t[len(t)-1]
	switch {
	case unit == 'w' && !d.w && !d.x && positiveInt(num):
		d.w = true
	case unit == 'x' && !d.w && !d.x && !d.h && validFloat(num):
		d.x = true
	case unit == 'h' && !d.h && !d.x && positiveInt(num):
		d.h = true
	default:
		d.bad = true
	}
}

func (d *srcsetDescriptors) ok() bool {
	return !d.bad && (!d.h || d.w)
}

// positiveInt reports whether s is a valid non-negative integer (ASCII
// digits) other than zero.
func positiveInt(s string) bool {
	if s == "" {
		return false
	}
	nonzero := false
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
		nonzero = nonzero || s[i] != '0'
	}
	return nonzero
}

// validFloat reports whether s is a valid floating-point number of the HTML
// standard that is not negative: digits with an optional fraction ("1",
// "1.5", ".5"), then an optional exponent ("1e3", "2E-1").
func validFloat(s string) bool {
	i := 0
	digits := func() int {
		j := i
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
		return i - j
	}
	n := digits()
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	} else if n == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}
