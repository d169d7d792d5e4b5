package article

import (
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestReadWebURL(t *testing.T) {
	type r = webURL
	for _, tc := range []struct {
		in   string
		want webURL
	}{
		{"https://bank.example/x", r{scheme: "https", authority: true, host: "bank.example", rest: "/x"}},
		{"HTTPS://Bank.Example:8443/x?y#z", r{scheme: "https", authority: true, host: "Bank.Example", port: "8443", rest: "/x?y#z"}},
		// The shapes: user information net/url does not see.
		{"https:bank.example@evil.example/", r{scheme: "https", authority: true, at: true, user: "bank.example", host: "evil.example", rest: "/", baseDependent: true}},
		{"https:///bank@evil.example/", r{scheme: "https", authority: true, at: true, user: "bank", host: "evil.example", rest: "/"}},
		{"///bank@evil.example/", r{authority: true, at: true, user: "bank", host: "evil.example", rest: "/"}},
		{`/\bank@evil.example/`, r{authority: true, at: true, user: "bank", host: "evil.example", rest: "/"}},
		{`\\bank@evil.example`, r{authority: true, at: true, user: "bank", host: "evil.example"}},
		{"https:user:pw@evil.example/x.png", r{scheme: "https", authority: true, at: true, user: "user", pass: "pw", host: "evil.example", rest: "/x.png", baseDependent: true}},
		{`https:\\/\user@evil.example`, r{scheme: "https", authority: true, at: true, user: "user", host: "evil.example"}},
		{"https:/x@y", r{scheme: "https", authority: true, at: true, user: "x", host: "y", baseDependent: true}},
		// Tabs, line breaks and surrounding controls go first.
		{" \x01ht\ttps:/\n/ba\rnk@evil.example\x00 ", r{scheme: "https", authority: true, at: true, user: "bank", host: "evil.example"}},
		{"/\t/evil.example/x", r{authority: true, host: "evil.example", rest: "/x"}},
		// The last '@' ends the user information; the first ':' ends the user.
		{"https://a@b:c@d:1/", r{scheme: "https", authority: true, at: true, user: "a@b", pass: "c", host: "d", port: "1", rest: "/"}},
		{"https://@evil.example/", r{scheme: "https", authority: true, at: true, host: "evil.example", rest: "/"}},
		// '?', '#' and (special) '\' end the authority before an '@'.
		{"https://bank.example?@evil.example", r{scheme: "https", authority: true, host: "bank.example", rest: "?@evil.example"}},
		{"https://bank.example#@evil.example", r{scheme: "https", authority: true, host: "bank.example", rest: "#@evil.example"}},
		{`https://bank.example\@evil.example`, r{scheme: "https", authority: true, host: "bank.example", rest: `\@evil.example`}},
		{"https://[::1]:8/", r{scheme: "https", authority: true, host: "[::1]", port: "8", rest: "/"}},
		// Relative references without an authority.
		{"/news/a@b", r{rest: ""}},
		{"a@b.example", r{}},
		{"?x@y", r{}},
		{"#x@y", r{}},
		{"/", r{}},
		// Other schemes: an authority only after "scheme://".
		{"mailto:user@example.com", r{scheme: "mailto"}},
		{"foo:/x@y", r{scheme: "foo"}},
		{"foo://u@h/p", r{scheme: "foo", authority: true, at: true, user: "u", host: "h", rest: "/p"}},
		{`foo://u\x@h/p`, r{scheme: "foo", authority: true, at: true, user: `u\x`, host: "h", rest: "/p"}},
		{"foo:///x@y", r{scheme: "foo", authority: true, rest: "/x@y"}},
		// file: two slashes or backslashes.
		{"file:x@y", r{scheme: "file"}},
		{"file://x@y/z", r{scheme: "file", authority: true, at: true, user: "x", host: "y", rest: "/z"}},
		// No scheme: not a letter first, or a character outside the alphabet.
		{"1http://a@b", r{}},
		{"ht tp://a@b", r{}},
	} {
		got := readWebURL(tc.in)
		if tc.want.rest == "" && got.authority == tc.want.authority && !tc.want.authority {
			tc.want.rest = got.rest // no authority: path not read
		}
		assert.Equal(t, tc.want, got, "%q", tc.in)
	}
}

func TestWebHost(t *testing.T) {
	for _, tc := range []struct {
		in, want string // want "" for a failure
	}{
		{"bank.example", "bank.example"},
		{"Bank.EXAMPLE.", "bank.example."},
		{"player.vimeo.com", "player.vimeo.com"},
		// U+0130 maps to "i" and a combining dot: punycode, not "vimeo".
		{"player.v\u0130meo.com", "player.xn--vimeo-8fd.com"},
		{"player.vime%6F.com", "player.vimeo.com"},
		{"b\u00fccher.example", "xn--bcher-kva.example"},
		{"fa\u00df.example", "xn--fa-hia.example"}, // nontransitional
		{"\uff42\uff41\uff4e\uff4b\u3002example", "bank.example"},
		{"under_score.example", "under_score.example"},
		{"r3---sn-x.example", "r3---sn-x.example"},
		{"a\u200bb.example", "ab.example"}, // ignored by the mapping
		{"xn--bcher-kva.example", "xn--bcher-kva.example"},
		{"XN--BCHER-KVA.example", "xn--bcher-kva.example"},
		{"127.0.0.1", "127.0.0.1"},
		{"0x7f.1", "127.0.0.1"},
		{"2130706433", "127.0.0.1"},
		{"0177.0.0.01.", "127.0.0.1"},
		{"[0:0:0:0:0:0:0:1]", "[::1]"},
		{"[2001:DB8:0:0:1:0:0:1]", "[2001:db8::1:0:0:1]"},
		{"[::ffff:1.2.3.4]", "[::ffff:102:304]"},
		// Failures.
		{"", ""},
		{"bank%.example", ""},
		{"bank%25.example", ""},
		{"a b.example", ""},
		{"ev%40il.example", ""},
		{"%ff.example", ""},
		{"1.2.3.4.5", ""},
		{"256.0.0.0", ""},
		{"foo.0x", ""},
		{"foo.09", ""},
		{"xn--a.example", ""},
		{"[::1", ""},
		{"[fe80::1%25eth0]", ""},
		{"[1.2.3.4]", ""},
		// Too long for DNS, with IDNA processing to do: refused unprocessed.
		{strings.Repeat("\u00e9", 64) + ".example", ""},
		{strings.Repeat("\u00e9", 40) + "\u3002" + strings.Repeat("\u00e9", 40) + ".example", "xn--9ca" + strings.Repeat("a", 39) + ".xn--9ca" + strings.Repeat("a", 39) + ".example"},
		{strings.Repeat("a.", 127) + "\u00e9", ""},
		{"xn--" + strings.Repeat("a", 60) + ".example", ""},
		// Short enough as written, too long once processed: the result
		// would be refused as written, so it is refused (FuzzReadURL).
		// 57 "é" become a label of 63 bytes, 58 one of 64; "İ" maps to
		// "i" and a combining dot.
		{strings.Repeat("\u00e9", 57) + ".example", "xn--9ca" + strings.Repeat("a", 56) + ".example"},
		{strings.Repeat("\u00e9", 58) + ".example", ""},
		{strings.Repeat("0", 53) + "\u0130", "xn--" + strings.Repeat("0", 53) + "i-jd3a"},
		{strings.Repeat("0", 54) + "\u0130", ""},
	} {
		got, ok := webHost(tc.in)
		if tc.want == "" {
			assert.False(t, ok, "%q: got %q", tc.in, got)
			continue
		}
		assert.True(t, ok, "%q", tc.in)
		assert.Equal(t, tc.want, got, "%q", tc.in)
	}
}

// TestReadWebURLSeesNetURLUsers: whatever net/url reads as user
// information, the WHATWG reading sees too.
func TestReadWebURLSeesNetURLUsers(t *testing.T) {
	for _, s := range []string{"https://u@h", "//u@h/x", "foo://u:p@h", "http://a@b@c", "HTTP://u@h"} {
		u, err := url.Parse(s)
		if assert.NoError(t, err) && assert.NotNil(t, u.User, s) {
			assert.True(t, readWebURL(s).at, s)
		}
	}
}

func BenchmarkReadURL(b *testing.B) {
	s := "https://cdn.example.org/images/2025/09/harbor-plan.jpg?w=1200"
	b.ReportAllocs()
	for b.Loop() {
		u := readURL(s)
		if u.at || !strings.HasPrefix(u.host, "cdn") {
			b.Fatal(u)
		}
	}
}

// cjkRun returns n distinct CJK ideographs (cycling after 20000): the
// worst case for punycode, whose cost grows with a label's length times
// its number of distinct characters.
func cjkRun(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteRune(rune(0x4E00 + i%20000))
	}
	return b.String()
}

// urlHostShapes are bodies of about n bytes whose URLs and hosts are
// hostile to the WHATWG reading and to IDNA processing.
var urlHostShapes = map[string]func(n int) string{
	"one long IDN href": func(n int) string {
		return `<p><a href="https://` + cjkRun(n/3) + `.example/">bank.example</a></p>`
	},
	"many IDN hrefs": func(n int) string {
		link := `<a href="https://` + cjkRun(60) + `.` + cjkRun(60) + `.` + cjkRun(60) + `.example/">bank.example</a> `
		return "<p>" + strings.Repeat(link, n/len(link)) + "</p>"
	},
	"one long IDN link text": func(n int) string {
		return `<p><a href="https://evil.example/">https://` + cjkRun(n/3) + `.example/</a></p>`
	},
	"one long xn-- href": func(n int) string {
		return `<p><a href="https://xn--` + strings.Repeat("a", n) + `.example/">bank.example</a></p>`
	},
	"one long IDN embed": func(n int) string {
		return `<iframe src="https://` + cjkRun(n/3) + `.example/v"></iframe>`
	},
	"slashes and at signs": func(n int) string {
		return `<p><a href="https:` + strings.Repeat(`/\`, n/4) + strings.Repeat("@", n/2) + `x">x</a></p>`
	},
}

// TestURLHostsLinear: the URL check, the embed allowlist and the
// link-text check take time linear in the body on hostile URLs and hosts,
// from 20 KB to 200 KB, against a bare x/net parse and render of the same
// body (see checkGrowth).
func TestURLHostsLinear(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("timing test: not with -short or -race")
	}
	p := ArticlePolicy().Builder().MaxBodySize(8 << 20).AllowEmbeds("www.youtube.com").Policy()
	names := make([]string, 0, len(urlHostShapes))
	for name := range urlHostShapes {
		names = append(names, name)
	}
	sort.Strings(names)
	var cases []growthCase
	for _, name := range names {
		cases = append(cases, growthCase{name, func(n int) growthOps {
			b := urlHostShapes[name](n)
			return growthOf(func() { bareHTML(b) }, "Sanitize", func() { p.Sanitize(b) })
		}})
	}
	checkGrowth(t, growthConfig{sizes: sizesFrom(20_000)}, cases...)
}
