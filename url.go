package article

import (
	"net/netip"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// URLs and hosts as browsers read them.
//
// Go's net/url and a browser disagree about where the authority of a URL
// starts and ends: "https:bank.example@evil.example/" is an opaque URL to
// net/url and a URL with user "bank.example" on host "evil.example" to
// the WHATWG URL standard, which browsers follow. Every decision of the
// URL check about user information, scheme and host is taken on the
// reading below, which follows the standard's basic URL parser for the
// parts it needs; net/url is only asked whether a URL is well formed.

// webURL is what the URL check needs of a URL as the WHATWG basic URL
// parser reads it. Strings are slices of the input, as written: not
// percent-encoded or decoded, not IDNA-processed.
type webURL struct {
	scheme    string // lower-cased; "" for a reference without a scheme
	authority bool   // the URL has an authority of its own, not its base's
	at        bool   // the authority has user information (an '@')
	user      string // the user information up to its first ':'
	pass      string // the user information after its first ':'
	host      string // the host, with the brackets of an IPv6 address
	port      string // after the ':' that follows the host
	rest      string // what follows the authority: path, query, fragment
	// baseDependent: a special scheme followed by fewer than two slashes
	// or backslashes ("https:x", "https:/x"), which a browser reads as a
	// reference relative to a base of the same scheme and as an
	// authority otherwise. The reading above is the authority one.
	baseDependent bool
}

// specialScheme reports whether scheme is one of the WHATWG URL standard's
// special schemes, whose URLs always have a host and read a backslash as a
// slash.
func specialScheme(scheme string) bool {
	switch scheme {
	case "http", "https", "ws", "wss", "ftp", "file":
		return true
	}
	return false
}

func isURLSlash(c byte) bool { return c == '/' || c == '\\' }

// readWebURL reads raw as a browser does: leading and trailing C0
// controls and spaces and every tab, line feed and carriage return
// removed (see trimC0Space), then readURL.
func readWebURL(raw string) webURL {
	return readURL(trimC0Space(raw))
}

// readURL reads s, which trimC0Space has already cleaned, as the WHATWG
// basic URL parser does, with these assumptions where the parser needs a
// base URL:
//
//   - a reference without a scheme is read against a base with a special
//     scheme (an article's page is http or https): two or more slashes or
//     backslashes in any mix ("//h", "/\h", "\\\h") start an authority;
//     anything else is a path, query or fragment of the base's host;
//   - a URL with a special scheme is read as without a base of the same
//     scheme: any run of slashes and backslashes after "scheme:", even an
//     empty one ("https:h", "https:///h", "https:\\h"), starts an
//     authority (see webURL.baseDependent);
//   - "file:" starts an authority only with two slashes or backslashes;
//   - a URL with another scheme has an authority only after "scheme://".
//
// The authority runs to the first '/', '?', '#' or (special schemes)
// '\'; its user information is what precedes the last '@' in it, and its
// port follows the first ':' outside brackets after that. The time is
// linear in len(s) and nothing is allocated.
func readURL(s string) webURL {
	var u webURL
	i := 0
	special := true
	if sc := urlScheme(s); sc != "" {
		u.scheme = sc
		i = len(sc) + 1
		special = specialScheme(sc)
		switch {
		case !special:
			if !strings.HasPrefix(s[i:], "//") {
				return u // a path or an opaque path
			}
			i += 2
		case sc == "file":
			if len(s) < i+2 || !isURLSlash(s[i]) || !isURLSlash(s[i+1]) {
				return u
			}
			i += 2
		default:
			j := i
			for j < len(s) && isURLSlash(s[j]) {
				j++
			}
			u.baseDependent = j-i < 2
			i = j
		}
	} else {
		if len(s) < 2 || !isURLSlash(s[0]) || !isURLSlash(s[1]) {
			return u
		}
		for i < len(s) && isURLSlash(s[i]) {
			i++
		}
	}
	u.authority = true
	end := i
	for end < len(s) {
		c := s[end]
		if c == '/' || c == '?' || c == '#' || special && c == '\\' {
			break
		}
		end++
	}
	auth := s[i:end]
	if a := strings.LastIndexByte(auth, '@'); a >= 0 {
		u.at = true
		u.user, u.pass, _ = strings.Cut(auth[:a], ":")
		auth = auth[a+1:]
	}
	u.host = auth
	brackets := false
	for k := 0; k < len(auth); k++ {
		switch auth[k] {
		case '[':
			brackets = true
		case ']':
			brackets = false
		case ':':
			if !brackets {
				u.host, u.port = auth[:k], auth[k+1:]
				k = len(auth)
			}
		}
	}
	u.rest = s[end:]
	return u
}

// browserIDNA is UTS #46 processing as the WHATWG URL standard's "domain
// to ASCII" runs it for browsers: nontransitional (ß and ς stay, and
// become punycode), Bidi and ContextJ rules checked, hyphens, ASCII
// characters beyond letters, digits and '-' (STD3) and DNS lengths not.
var browserIDNA = idna.New(idna.MapForLookup(), idna.BidiRule(), idna.Transitional(false),
	idna.StrictDomainName(false), idna.CheckHyphens(false), idna.CheckJoiners(true),
	idna.VerifyDNSLength(false))

// webHost returns the host that raw, a host as readURL returns it for a
// URL with a special scheme, is to a browser: percent-decoded, processed
// with UTS #46 into lower-case ASCII (punycode for other characters), an
// IPv4 address in any of its forms ("0x7f.1", "2130706433") written as
// four decimal numbers, an IPv6 address in brackets in its shortest form.
// It reports false when the browser's host parser fails: an empty host, a
// label IDNA refuses, a forbidden character such as '%' or '@' left after
// decoding, a name ending in a number that is not an IPv4 address. It
// also refuses a host that needs IDNA processing and is too long for DNS,
// before processing or after (see dnsSized), which a browser might accept
// but could never resolve.
func webHost(raw string) (string, bool) {
	if raw == "" {
		return "", false
	}
	if raw[0] == '[' {
		if len(raw) < 2 || raw[len(raw)-1] != ']' {
			return "", false
		}
		return ipv6Host(raw[1 : len(raw)-1])
	}
	h := raw
	if strings.IndexByte(h, '%') >= 0 {
		h = percentDecode(h)
	}
	if !utf8.ValidString(h) {
		return "", false // decoded as U+FFFD, which IDNA refuses
	}
	if plainASCIIHost(h) {
		h = strings.ToLower(h)
	} else {
		if !dnsSized(h) {
			return "", false
		}
		a, err := browserIDNA.ToASCII(h)
		// The sizes are checked again on the result: mapping and
		// punycode lengthen a label ("İ" maps to two characters, and
		// punycode adds "xn--" and the encoded characters), and a host
		// that came out too long would be refused as written (webHost of
		// its own result, a label over 63 bytes starting "xn--").
		if err != nil || a == "" || !dnsSized(a) {
			return "", false
		}
		h = a
	}
	for i := 0; i < len(h); i++ {
		if forbiddenDomainByte(h[i]) {
			return "", false
		}
	}
	if endsInNumber(h) {
		return ipv4Host(h)
	}
	return h, true
}

// plainASCIIHost reports whether h is ASCII with no label starting with
// "xn--" in any case: the standard then only lower-cases it.
func plainASCIIHost(h string) bool {
	label := true
	for i := 0; i < len(h); i++ {
		c := h[i]
		if c >= utf8.RuneSelf {
			return false
		}
		if label && hasPrefixFold(h[i:], "xn--") {
			return false
		}
		label = c == '.'
	}
	return true
}

// dnsSized reports whether h, a host for IDNA processing, has at most 253
// characters and at most 63 in each label (a label ends at '.' or at a
// character IDNA maps to one). Punycode takes time quadratic in a
// label's length, and a host past these sizes can never be looked up in
// DNS: such a host is refused rather than processed, which keeps the
// check linear.
func dnsSized(h string) bool {
	total, label := 0, 0
	for _, r := range h {
		total++
		label++
		switch r {
		case '.', '\u3002', '\uff0e', '\uff61':
			label = 0
		}
		if label > 63 || total > 253 {
			return false
		}
	}
	return true
}

// forbiddenDomainByte reports whether c may not be in a domain: a control,
// space, DEL, or one of # % / : < > ? @ [ \ ] ^ |.
func forbiddenDomainByte(c byte) bool {
	return c <= ' ' || c == 0x7f || strings.IndexByte("#%/:<>?@[\\]^|", c) >= 0
}

func hexVal(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c|0x20 && c|0x20 <= 'f':
		return c | 0x20 - 'a' + 10, true
	}
	return 0, false
}

// percentDecode decodes each "%" followed by two hex digits; any other
// '%' stays.
func percentDecode(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			hi, ok1 := hexVal(s[i+1])
			lo, ok2 := hexVal(s[i+2])
			if ok1 && ok2 {
				b = append(b, hi<<4|lo)
				i += 2
				continue
			}
		}
		b = append(b, s[i])
	}
	return string(b)
}

// endsInNumber reports whether the last label of h (ignoring one final
// empty label) is digits or an IPv4 number: such a host must be an IPv4
// address.
func endsInNumber(h string) bool {
	if strings.HasSuffix(h, ".") {
		if strings.IndexByte(h, '.') == len(h)-1 {
			return false
		}
		h = h[:len(h)-1]
	}
	last := h[strings.LastIndexByte(h, '.')+1:]
	if last == "" {
		return false
	}
	digits := true
	for i := 0; i < len(last); i++ {
		digits = digits && '0' <= last[i] && last[i] <= '9'
	}
	if digits {
		return true
	}
	_, ok := ipv4Number(last)
	return ok
}

// ipv4Number parses one part of an IPv4 address: decimal, octal after a
// leading 0, hexadecimal after 0x. Values past 2^32 saturate.
func ipv4Number(s string) (uint64, bool) {
	if s == "" {
		return 0, false
	}
	base := uint64(10)
	switch {
	case len(s) >= 2 && s[0] == '0' && s[1]|0x20 == 'x':
		base, s = 16, s[2:]
	case len(s) >= 2 && s[0] == '0':
		base, s = 8, s[1:]
	}
	var n uint64
	for i := 0; i < len(s); i++ {
		d, ok := hexVal(s[i])
		if !ok || uint64(d) >= base {
			return 0, false
		}
		n = n*base + uint64(d)
		if n > 1<<33 {
			n = 1 << 33
		}
	}
	return n, true
}

// ipv4Host parses h, which ends in a number, as the standard's IPv4
// parser does, and writes it as four decimal numbers.
func ipv4Host(h string) (string, bool) {
	h = strings.TrimSuffix(h, ".")
	var nums [4]uint64
	n := 0
	for part := range strings.SplitSeq(h, ".") {
		if n == 4 {
			return "", false
		}
		v, ok := ipv4Number(part)
		if !ok {
			return "", false
		}
		nums[n] = v
		n++
	}
	var addr uint64
	for i := 0; i < n-1; i++ {
		if nums[i] > 255 {
			return "", false
		}
		addr |= nums[i] << (8 * (3 - i))
	}
	if nums[n-1] >= 1<<(8*(5-n)) {
		return "", false
	}
	addr |= nums[n-1]
	var b [15]byte
	out := b[:0]
	for i := 3; i >= 0; i-- {
		out = strconv.AppendUint(out, addr>>(8*i)&0xff, 10)
		if i > 0 {
			out = append(out, '.')
		}
	}
	return string(out), true
}

// ipv6Host parses the inside of a bracketed host as an IPv6 address and
// writes it as the standard serialises one: lower-case hex pieces without
// leading zeros, the first longest run of two or more zero pieces as "::".
func ipv6Host(s string) (string, bool) {
	if strings.IndexByte(s, '%') >= 0 {
		return "", false // a zone, which URLs do not have
	}
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is6() {
		return "", false
	}
	b := a.As16()
	var p [8]uint16
	for i := range p {
		p[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	zs, zl := -1, 1
	for i := 0; i < 8; {
		j := i
		for j < 8 && p[j] == 0 {
			j++
		}
		if j-i > zl {
			zs, zl = i, j-i
		}
		i = max(j, i+1)
	}
	out := []byte{'['}
	for i := 0; i < 8; i++ {
		if i == zs {
			out = append(out, "::"...)
			i += zl - 1
			continue
		}
		if i > 0 && out[len(out)-1] != ':' {
			out = append(out, ':')
		}
		out = strconv.AppendUint(out, uint64(p[i]), 16)
	}
	return string(append(out, ']')), true
}
