package article

import (
	"net/url"
	"strings"
	"testing"
)

// FuzzReadURL: the WHATWG reading of a URL never panics and holds these
// invariants:
//
//   - it is the reading of the cleaned string (trimC0Space, which is
//     idempotent), so cleaning twice changes nothing;
//   - user information net/url sees is user information here (the
//     WHATWG authority is never shorter than net/url's);
//   - user information implies an authority; the parts are pieces of the
//     cleaned input, and the host holds no '@' and, for special schemes,
//     no '/', '\', '?' or '#';
//   - a host webHost accepts, processed again, stays as it is (the
//     browser's host serialisation parses to itself);
//   - the URL check keeps no URL with user information.
func FuzzReadURL(f *testing.F) {
	for _, s := range []string{
		"https://bank.example/x", "https:bank.example@evil.example/", "https:///bank@evil.example/",
		"///bank@evil.example/", `/\bank@evil.example/`, "https:user:pw@evil.example/x.png",
		" \x01ht\ttps:/\n/a@b\x00 ", "foo://u@h/p", "mailto:u@h", "file://u@h/x", "https://[::1]:8/",
		"https://a@b:c@d:1/", "https://player.v\u0130meo.com/", "https://0x7f.1/", "//a@b?c@d#e@f",
		"https://bank.example%2F@evil.example/", "https://xn--bcher-kva.example/", "https://a b/",
	} {
		f.Add(s)
	}
	p := ArticlePolicy()
	f.Fuzz(func(t *testing.T, raw string) {
		s := trimC0Space(raw)
		if again := trimC0Space(s); again != s {
			t.Fatalf("trimC0Space not idempotent: %q -> %q -> %q", raw, s, again)
		}
		u := readWebURL(raw)
		if u != readURL(s) {
			t.Fatalf("%q: readWebURL differs from readURL of the cleaned string", raw)
		}
		if nu, err := url.Parse(s); err == nil && nu.User != nil && !u.at {
			t.Fatalf("%q: net/url sees user %q, the WHATWG reading none", s, nu.User)
		}
		if u.at && !u.authority {
			t.Fatalf("%q: user information without an authority", s)
		}
		for _, part := range []string{u.user, u.pass, u.host, u.port, u.rest} {
			if !strings.Contains(s, part) {
				t.Fatalf("%q: %q is not a piece of the input", s, part)
			}
		}
		special := u.scheme == "" || specialScheme(u.scheme)
		if strings.IndexByte(u.host, '@') >= 0 || special && strings.ContainsAny(u.host, `/\?#`) {
			t.Fatalf("%q: host %q", s, u.host)
		}
		if h, ok := webHost(u.host); ok {
			if h2, ok2 := webHost(h); !ok2 || h2 != h {
				t.Fatalf("%q: host %q processed to %q, then to %q (%v)", s, u.host, h, h2, ok2)
			}
		}
		if _, ok := checkURL(&p.d, raw); ok && u.at {
			t.Fatalf("%q: kept with user information", raw)
		}
	})
}
