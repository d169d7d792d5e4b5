package article

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The URL differential: generated URL strings, and what readURL, webHost
// and the URL check make of each, in testdata/urls/whatwg.jsonl. The
// browser module compares every line with Chromium's new URL(s, base)
// (browser/url_test.go); this test keeps the file in step with the code
// (go test -run TestURLDiffGolden -update rewrites it).

const urlDiffFile = "testdata/urls/whatwg.jsonl"

// urlDiffCase is one line of urlDiffFile.
type urlDiffCase struct {
	In            string `json:"in"`
	Scheme        string `json:"scheme"`         // "" for a relative reference
	Authority     bool   `json:"authority"`      // an authority of its own
	BaseDependent bool   `json:"base_dependent"` // see webURL.baseDependent
	At            bool   `json:"at"`             // user information
	User          string `json:"user"`           // percent-encoded as the standard does
	Pass          string `json:"pass"`
	Host          string `json:"host"`    // webHost's result, special schemes only
	HostOK        bool   `json:"host_ok"` // webHost accepted the host
	Kept          bool   `json:"kept"`    // ArticlePolicy's URL check keeps it
}

// urlDiffInputs generates the URL strings: schemes, runs of slashes and
// backslashes, authorities with and without user information, IDNA and
// IPv4 hosts, tabs and line breaks, surrounding controls and spaces.
func urlDiffInputs() []string {
	schemes := []string{"https:", "http:", "HTTPS:", "ftp:", "wss:", "file:", "foo:", "mailto:", "", "ht\ttps:", "h\nttp:", "1x:"}
	slashes := []string{"", "/", "//", "///", `\`, `\\`, `/\`, `\/`, "/\t/", "\n//", "////", `\\\`}
	short := []string{"bank.example", "bank.example@evil.example", "user:pw@evil.example", "@evil.example"}
	auths := []string{
		"bank.example", "bank.example@evil.example", "user:pw@evil.example", "bank.example:login@evil.example",
		"@evil.example", ":@evil.example", "a@b@evil.example", "bank%40x@evil.example", "EVIL.example:8080",
		"evil.example:", "player.v\u0130meo.com", "b\u00fccher.example", "xn--bcher-kva.example", "XN--BCHER-KVA.example",
		"0x7f.1", "2130706433", "0177.0.0.1", "1.2.3.4.5", "256.1.1.1", "[::1]", "[0:0::1]:8", "[::ffff:1.2.3.4]",
		`evil.example\@bank.example`, "evil.example?@bank.example", "evil.example#@bank.example",
		"ba%6Ek.example", "bank%2Eexample", "ba%zznk.example", "ba%nk.example", "fa\u00df.example",
		"bank\uff0eexample", "bank\u3002example", "\uff42\uff41\uff4e\uff4b.example", "a\u200bb.example",
		"a b.example", "under_score.example", "r3---sn-x.example", "xn--a.example", "us\u00e9r:p\u00e4ss@evil.example",
		"u%20s:p%3Ass@evil.example", "u s:p\"w@evil.example", "u;=[]^|`{}@evil.example", "user:pw:x@evil.example",
		"bank.example%2F@evil.example", "user@", "user@:80", "\u0661\u0662.example", "a\u05d0.example",
	}
	paths := []string{"/x.png", "", "/@x?q=a@b#c@d"}
	var out []string
	add := func(s string) { out = append(out, s) }
	for _, sc := range schemes {
		for _, sl := range slashes {
			for _, a := range short {
				add(sc + sl + a + "/")
			}
		}
	}
	for _, a := range auths {
		for _, p := range []string{"https://", "https:", "https:///", "//", `/\`, "foo://"} {
			add(p + a + paths[len(a)%len(paths)])
		}
	}
	for _, s := range []string{
		" https://bank@evil.example/", "\x01\x02https:bank@evil.example/\x00 ", "\x7fhttps://a@b/", "https://a@b/\x7f",
		"\thttps:\t//\tbank\t@\tevil.example/", "https://bank.example\t@evil.example/", "https://bank.example\n@evil.example/",
		"\u00a0https://a@b/", "https://a\x00@b/", "/", "?x@y", "#x@y", "x@y", "./@x", "../a@b/", "mailto:u@h", "mailto://u@h/",
		"tel:+1@2", "javascript:alert(1)//@x", "data:text/plain,a@b", "blob:https://a@b/", "https:", "https://", "//",
		"https://@", "https://a@", "file:///etc@x", "file://u@h/x", `file:\\u@h\x`, "FILE://H/x", "https:#@evil.example",
		"https:?@evil.example", "https:%2F%2Fbank@evil.example/", "https:%5Cbank@evil.example/",
	} {
		add(s)
	}
	return out
}

// userinfoEncode percent-encodes s with the standard's userinfo
// percent-encode set, as a browser writes username and password.
func userinfoEncode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c > 0x7e || strings.IndexByte(" \"#<>?`{}/:;=@[\\]^|", c) >= 0 {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

func urlDiffCases() []urlDiffCase {
	p := ArticlePolicy()
	var cases []urlDiffCase
	for _, in := range urlDiffInputs() {
		u := readWebURL(in)
		c := urlDiffCase{In: in, Scheme: u.scheme, Authority: u.authority, BaseDependent: u.baseDependent, At: u.at}
		if u.at {
			c.User, c.Pass = userinfoEncode(u.user), userinfoEncode(u.pass)
		}
		if u.authority && (u.scheme == "" || specialScheme(u.scheme)) {
			c.Host, c.HostOK = webHost(u.host)
		}
		_, c.Kept = checkURL(&p.d, in)
		cases = append(cases, c)
	}
	return cases
}

// TestURLDiffGolden keeps urlDiffFile in step with the code, and checks
// the cases' own invariants: at least 300 of them, the URL check keeps
// none with user information.
func TestURLDiffGolden(t *testing.T) {
	cases := urlDiffCases()
	require.GreaterOrEqual(t, len(cases), 300)
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for _, c := range cases {
		assert.False(t, c.Kept && c.At, "%q kept with user information", c.In)
		require.NoError(t, enc.Encode(c))
	}
	golden(t, urlDiffFile, b.String())
}
