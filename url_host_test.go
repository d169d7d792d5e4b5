package article

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
)

// TestLinkTextAsBrowsersRead: the link-text check reads both hosts as a
// browser does, and reads the text's host even when the rest of the
// address is no valid URL.
func TestLinkTextAsBrowsersRead(t *testing.T) {
	cases := []linkTextCase{
		// The rest of the address does not parse.
		{"trailing percent", "https://evil.example/", "https://bank.example/login%", linkMismatch},
		{"port that is a word", "https://evil.example/", "https://bank.example:login", linkMismatch},
		{"bad escape", "https://evil.example/", "https://bank.example/%zz", linkMismatch},
		{"bad escape in query", "https://evil.example/", "https://bank.example/?q=%", linkMismatch},
		{"bare host, word port", "https://evil.example/", "bank.example:login/x", linkMismatch},
		{"upper case, percent", "https://evil.example/", "HTTPS://BANK.EXAMPLE/%", linkMismatch},
		{"one slash", "https://evil.example/", "https:/bank.example/login", linkMismatch},
		{"no slash", "https://evil.example/", "https:bank.example", linkMismatch},
		{"backslashes", "https://evil.example/", `https:\\bank.example\login`, linkMismatch},
		{"text host refused", "https://evil.example/", "https://xn--a.example/", linkMismatch},
		{"percent, same host", "https://bank.example/", "https://bank.example/login%", linkOK},
		{"word port, same host", "https://bank.example/", "https://bank.example:login", linkOK},
		{"scheme only", "https://evil.example/", "https://", linkOK},
		// Hosts after IDNA processing.
		{"dotted capital I in the text", "https://player.vimeo.com/", "player.v\u0130meo.com", linkMismatch},
		{"dotted capital I in the href", "https://player.v\u0130meo.com/", "https://player.vimeo.com/", linkMismatch},
		{"punycode of the dotted I", "https://player.xn--vimeo-8fd.com/", "player.v\u0130meo.com", linkOK},
		{"sharp s is not ss", "https://strasse.example/", "stra\u00dfe.example", linkMismatch},
		{"percent-encoded dot in the href", "https://bank%2Eexample/", "bank.example", linkOK},
		{"fullwidth dot in the href", "https://bank\uff0eexample/", "bank.example", linkOK},
		{"href host refused", "https://xn--a.example/", "https://xn--a.example/", linkMismatch},
		{"ipv4 written in hex", "https://0x7f.1/", "https://127.0.0.1/", linkOK},
		// Hrefs whose host depends on the page, or that a browser reads
		// with another host than net/url.
		{"href without slashes", "https:bank.example/", "bank.example", linkMismatch},
		{"href with one slash", "https:/bank.example/", "bank.example", linkMismatch},
		{"href with three slashes", "https:///bank.example/", "bank.example", linkOK},
		{"href scheme-relative", "//bank.example/", "bank.example", linkOK},
		{"href user on the evil host", "https://bank.example@evil.example/", "bank.example", linkMismatch},
	}
	runLinkTextCases(t, cases)

	// In a body: flagged by ArticlePolicy, unwrapped with
	// UnwrapLinkTextMismatch, reported by Validate.
	body := `<p><a href="https://evil.example/">https://bank.example/login%</a></p>`
	_, rep, err := ArticlePolicy().SanitizeReport(body)
	require.NoError(t, err)
	assert.Contains(t, kinds(rep), ChangeLinkTextFlagged)
	a, _ := parseFile(t, "testdata/articles/green-shipping.md")
	a.Body = body
	assert.ErrorIs(t, testValidator().Validate(a), ErrUnsafeHTML)
}

// TestEmbedHostsIDNA: the embed allowlist compares hosts after UTS #46
// processing, on both sides.
func TestEmbedHostsIDNA(t *testing.T) {
	p := ArticlePolicy().Builder().AllowEmbeds("player.vimeo.com", "B\u00fccher.example").Policy()
	for _, tc := range []struct {
		src  string
		kept bool
	}{
		{"https://player.vimeo.com/video/1", true},
		{"https://PLAYER.Vimeo.COM/video/1", true},
		{"https://player.vimeo.com./video/1", true},
		{"https://player.vime%6F.com/video/1", false},   // refused by the URL check (net/url: escape in a host)
		{"https://\uff50layer.vimeo.com/video/1", true}, // fullwidth p: a browser loads player.vimeo.com
		{"https://xn--bcher-kva.example/x", true},
		{"https://b\u00fccher.example/x", true},
		{"https://B\u00dcCHER.example/x", true},
		{"https://player.v\u0130meo.com/video/1", false},
		{"https://player.xn--vimeo-8fd.com/video/1", false},
		{"https://player.vimeo.com.evil.example/video/1", false},
		{"https://player.vimeo.com@evil.example/video/1", false},
		{"https://evil.example@player.vimeo.com/video/1", false},
		{"https:player.vimeo.com/video/1", false},
		{"https:/player.vimeo.com/video/1", false},
		{"https://player.vimeo.com:8443/video/1", false},
		{"https://player%2Evimeo.com%2F@evil.example/", false},
		{"https://xn--a.player.vimeo.com/", false},
		{"http://player.vimeo.com/video/1", false},
	} {
		out := p.Sanitize(`<iframe src="` + html.EscapeString(tc.src) + `"></iframe>`)
		if tc.kept {
			assert.Contains(t, out, "<iframe", "%q", tc.src)
		} else {
			assert.Empty(t, out, "%q", tc.src)
		}
	}

	// Listed names are processed the same way.
	q := ArticlePolicy().Builder().AllowEmbeds("player.v\u0130meo.com").Policy()
	assert.Contains(t, q.Sanitize(`<iframe src="https://player.xn--vimeo-8fd.com/v"></iframe>`), "<iframe")
	assert.Empty(t, q.Sanitize(`<iframe src="https://player.vimeo.com/v"></iframe>`))
	for _, bad := range []string{"xn--a.example", "bad%name.example", "a\u00a0b.example", "1.2.3.4.5"} {
		_, err := ArticlePolicy().Builder().AllowEmbeds(bad).Build()
		var pe *PolicyError
		assert.ErrorAs(t, err, &pe, "%q", bad)
	}
}
