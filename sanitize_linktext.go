package article

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/text/unicode/norm"
)

// The link-text check ([PolicyBuilder.CheckLinkText]): a link whose text
// reads as a web address must lead to that address's host.
//
// The text is compared as a reader sees it: NFKC-normalised (fullwidth
// letters, colons and slashes become ASCII), with format characters
// (zero-width spaces and joiners, left-to-right and right-to-left marks,
// soft hyphens: Unicode category Cf) removed and ideographic full stops
// read as dots. It reads as an address when, after leading spaces, it
// starts with "http:" or "https:", or "www.", or with a host name of at
// least two labels whose last is two or more letters ("bank.example",
// "bank.example/login"); the address ends at the first space. Its host
// is read as a browser would read that address, even when the rest of
// it is no valid URL ("https://bank.example/login%").
//
// Both hosts are read as a browser reads them (the WHATWG URL standard
// and UTS #46 processing: lower case, punycode). The text names the
// href's host when both, without a trailing dot and a leading "www.", are
// equal, or when the href's host is a subdomain of the text's
// ("reuters.com" for "graphics.reuters.com"). An href without a host of
// its own (relative, mailto:, "https:h" whose meaning depends on the
// page), or a host the browser refuses in either, is a mismatch. Two
// more rules for the links news bodies carry:
//
//   - a web.archive.org link whose path holds the archived URL
//     ("/web/20240101000000/https://www.reuters.com/…") is read as a link
//     to that URL's host, so an archive link whose text is the original
//     URL passes;
//   - a link through a known URL shortener (linkShorteners) whose text is
//     an address cannot be checked without following it: it is reported
//     (as [ChangeLinkTextFlagged]) but never unwrapped.

type linkVerdict int

const (
	linkOK linkVerdict = iota
	linkMismatch
	linkShortened
)

// linkShorteners are hosts that only redirect to a URL chosen by whoever
// made the short link.
var linkShorteners = nameSet("bit.ly", "bitly.com", "t.co", "ow.ly", "buff.ly",
	"tinyurl.com", "goo.gl", "is.gd", "j.mp", "reut.rs", "trib.al", "dlvr.it",
	"lnkd.in", "fb.me", "youtu.be", "amzn.to", "apple.co", "tiny.cc", "rb.gy",
	"cutt.ly", "shorturl.at", "s.id", "wapo.st", "nyti.ms", "bbc.in", "cnn.it", "on.ft.com")

// webArchiveHosts serve archived copies at /web/<timestamp>/<URL>.
var webArchiveHosts = nameSet("web.archive.org", "wayback.archive.org")

// checkLinkText tells whether the text of link n, with href, passes.
func checkLinkText(href string, n *html.Node) linkVerdict {
	text := nodeText(n)
	if !mayBeAddress(text) {
		return linkOK
	}
	text = readerText(text)
	th, isAddr := textHost(text)
	if !isAddr {
		return linkOK
	}
	hu := readWebURL(href)
	if !hu.authority || hu.baseDependent {
		return linkMismatch // a relative or mail link presented as an address
	}
	hh, ok := normHost(hu.host)
	if !ok || th == "" {
		return linkMismatch // a host the browser refuses, in the href or the text
	}
	if hostWithin(hh, th) {
		return linkOK
	}
	if webArchiveHosts[hh] {
		if ah := archivedHost(hu.rest); ah != "" && hostWithin(ah, th) {
			return linkOK
		}
	}
	if linkShorteners[hh] {
		return linkShortened
	}
	return linkMismatch
}

// mayBeAddress is a quick test: a text without a '.', a ':' or a
// character that may normalise to one (outside ASCII) is no address.
func mayBeAddress[T string | []byte](s T) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '.' || s[i] == ':' || s[i] >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// readerText returns s as compared: NFKC, without format characters,
// ideographic full stops as dots, trimmed.
func readerText(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		s = norm.NFKC.String(s)
		s = strings.Map(func(r rune) rune {
			switch {
			case unicode.Is(unicode.Cf, r):
				return -1
			case r == '\u3002':
				return '.'
			}
			return r
		}, s)
	}
	return strings.TrimSpace(s)
}

// textHost reports whether text, as read, presents an address, and
// returns the address's host, normalised, or "" if a browser would refuse
// that host. The host is read as a browser reads a URL (readURL) from the
// first word of the text, so that the rest of the address need not parse:
// "https://bank.example/login%", "https://bank.example:login" and
// "https:/bank.example" all name bank.example.
func textHost(text string) (host string, ok bool) {
	field := text
	if i := strings.IndexFunc(field, unicode.IsSpace); i >= 0 {
		field = field[:i]
	}
	switch sc := urlScheme(field); {
	case sc == "http" || sc == "https":
	case hasPrefixFold(field, "www."), bareHost(field):
		field = "http://" + field
	default:
		return "", false
	}
	u := readURL(trimC0Space(field))
	if !u.authority || u.host == "" {
		return "", false
	}
	h, _ := normHost(u.host)
	return h, true
}

// bareHost reports whether s starts with a host name of two or more
// labels whose last is two or more letters, followed by the end, '/', ':',
// '?' or '#'.
func bareHost(s string) bool {
	end := strings.IndexAny(s, "/:?#")
	if end < 0 {
		end = len(s)
	}
	host := s[:end]
	dot := strings.LastIndexByte(host, '.')
	if dot < 0 {
		return false
	}
	for _, l := range [...]string{host[:dot], host[dot+1:]} {
		// Every label but the last; then the last.
		if l == "" || l[0] == '.' || l[len(l)-1] == '.' || strings.Contains(l, "..") {
			return false
		}
		for _, r := range l {
			if !(r == '-' || r == '.' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
				return false
			}
		}
	}
	tld := host[dot+1:]
	if len(tld) < 2 || strings.IndexFunc(tld, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 {
		return false
	}
	return true
}

// normHost returns h, a host as readURL returns it, as a browser reads
// it (webHost: percent-decoded, UTS #46, lower case, punycode), without a
// trailing dot and a leading "www.", and false if the browser refuses it.
func normHost(h string) (string, bool) {
	h, ok := webHost(h)
	if !ok {
		return "", false
	}
	return strings.TrimPrefix(strings.TrimSuffix(h, "."), "www."), true
}

// hostWithin reports whether host is named or a subdomain of named.
func hostWithin(host, named string) bool {
	return host == named || strings.HasSuffix(host, "."+named)
}

// archivedHost returns the host of the URL archived at path
// ("/web/20240101000000/https://example.com/x"), normalised, or "".
func archivedHost(path string) string {
	rest, ok := strings.CutPrefix(path, "/web/")
	if !ok {
		return ""
	}
	_, rest, ok = strings.Cut(rest, "/")
	if !ok {
		return ""
	}
	// Archive paths may have "https:/host" with one slash.
	for _, p := range [...]string{"https://", "http://", "https:/", "http:/"} {
		if r, ok := strings.CutPrefix(rest, p); ok {
			rest = r
			break
		}
	}
	u := readURL("http://" + rest)
	h, _ := normHost(u.host)
	return h
}
