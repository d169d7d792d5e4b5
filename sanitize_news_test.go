package article

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/idna"
)

// newsEmbedPolicy is ArticlePolicy with the embeds of testdata/sanitize/news/embed.
func newsEmbedPolicy() *Policy {
	return ArticlePolicy().Builder().
		AllowEmbeds("www.youtube-nocookie.com", "www.youtube.com", "player.vimeo.com", "www.google.com").
		Policy()
}

// newsGolden runs each body in dir through p, checks it with check, and
// compares the output and the report with the golden files beside it.
func newsGolden(t *testing.T, dir string, p *Policy, check func(testing.TB, *Policy, string) string) {
	files, err := filepath.Glob(filepath.Join(dir, "*.html"))
	require.NoError(t, err)
	files = slices.DeleteFunc(files, func(f string) bool { return strings.HasSuffix(f, ".golden.html") })
	require.NotEmpty(t, files)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			in, err := os.ReadFile(f)
			require.NoError(t, err)
			out := check(t, p, string(in))
			_, rep, err := p.SanitizeReport(string(in))
			require.NoError(t, err)
			base := strings.TrimSuffix(f, ".html")
			golden(t, base+".golden.html", out, base+".report.txt", rep.String()+"\n")
		})
	}
}

func TestSanitizeNewsGolden(t *testing.T) {
	dir := filepath.Join("testdata", "sanitize", "news")
	files, _ := filepath.Glob(filepath.Join(dir, "*.golden.html"))
	assert.GreaterOrEqual(t, len(files), 15, "realistic news bodies")
	newsGolden(t, dir, ArticlePolicy(), checkSanitized)
}

func TestSanitizeNewsEmbedGolden(t *testing.T) {
	newsGolden(t, filepath.Join("testdata", "sanitize", "news", "embed"), newsEmbedPolicy(),
		func(tb testing.TB, p *Policy, in string) string {
			out := checkStable(tb, p, in)
			checkEmbeds(tb, out)
			return out
		})
}

// checkEmbeds checks, independently of the sanitiser, every iframe in out:
// https src on a listed host, the forced sandbox and referrerpolicy, and
// no attribute outside the documented list.
func checkEmbeds(tb testing.TB, out string) {
	tb.Helper()
	ctx := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(out), ctx)
	require.NoError(tb, err)
	allowed := map[string]bool{"src": true, "allow": true, "allowfullscreen": true, "loading": true,
		"width": true, "height": true, "title": true, "sandbox": true, "referrerpolicy": true}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "iframe" {
			got := map[string]string{}
			for _, a := range n.Attr {
				require.True(tb, allowed[a.Key], "iframe attribute %q in %s", a.Key, out)
				got[a.Key] = a.Val
			}
			assert.Equal(tb, "allow-scripts allow-same-origin allow-presentation", got["sandbox"])
			assert.Equal(tb, "strict-origin-when-cross-origin", got["referrerpolicy"])
			assert.True(tb, embedHostListed(got["src"]), "iframe src %q", got["src"])
			assert.Nil(tb, n.FirstChild, "iframe content")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
}

// embedHostListed reports whether src is an https URL on a host of
// newsEmbedPolicy, read as a browser reads the start of one: the scheme
// in any case; after "https:", two or more slashes or backslashes (a
// browser skips them all); the host ended by the end of src, "/", "\\",
// "?" or "#", mapped by UTS #46 (case, full-width letters, the ideographic
// full stop; a user or a port but an empty one fails it) and without its
// root dot. (A percent-encoded host fails: the sanitiser must not keep
// one.)
func embedHostListed(src string) bool {
	const scheme = "https:"
	if len(src) < len(scheme)+2 || !strings.EqualFold(src[:len(scheme)], scheme) {
		return false
	}
	rest := src[len(scheme):]
	if !strings.ContainsRune("/\\", rune(rest[0])) || !strings.ContainsRune("/\\", rune(rest[1])) {
		return false
	}
	rest = strings.TrimLeft(rest, "/\\")
	if end := strings.IndexAny(rest, "/\\?#"); end >= 0 {
		rest = rest[:end]
	}
	host, err := idna.Lookup.ToASCII(strings.TrimSuffix(rest, ":")) // an empty port is none
	if err != nil {
		return false
	}
	return slices.Contains([]string{"www.youtube-nocookie.com", "www.youtube.com", "player.vimeo.com", "www.google.com"},
		strings.TrimSuffix(host, "."))
}

// TestEmbedHostListed: the fuzz targets' independent check of embeds.
func TestEmbedHostListed(t *testing.T) {
	for src, want := range map[string]bool{
		"https://www.youtube.com/embed/x":  true,
		"HTTPS://WWW.Google.Com":           true, // found by FuzzSanitize: a browser reads the host in any case
		"https://player.vimeo.com?x=1":     true,
		"https:///plAYer.vimeo.Com":        true, // found by FuzzSanitize: a browser skips the extra slash
		`https:\\player.vimeo.com/x`:       true,
		"https://player.vimeo.com./x":      true, // the root dot
		"https://player\u3002vimeo.com/x":  true, // a browser reads the ideographic full stop as a dot
		"https://\uff50layer.vimeo.com/":   true, // and a full-width p as p
		"https://player%2Evimeo.com/":      false,
		"https://plAYer.vimeo.Com:":        true, // found by FuzzSanitize: an empty port is no port
		"https://player.vimeo.com:/x":      true,
		"https://player.vimeo.com:443/x":   false,
		"https:player.vimeo.com":           false, // a path on the page's own host
		"https:/player.vimeo.com":          false,
		"https://www.google.com.evil.test": false,
		"https://www.google.com@evil.test": false,
		"https://www.google.com:8443/":     false,
		"http://www.google.com/":           false,
		"https://evil.test/www.google.com": false,
		"https://www.google.co":            false,
	} {
		assert.Equal(t, want, embedHostListed(src), src)
	}
}

// linkTextCase is a link's href and text and the verdict of the link-text
// check on them.
type linkTextCase struct {
	name, href, text string
	want             linkVerdict
}

// runLinkTextCases runs the link-text check on each case, the text the
// only child of an a element.
func runLinkTextCases(t *testing.T, cases []linkTextCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := &html.Node{Type: html.ElementNode, Data: "a"}
			a.AppendChild(&html.Node{Type: html.TextNode, Data: c.text})
			assert.Equal(t, c.want, checkLinkText(c.href, a))
		})
	}
}

func TestLinkTextCheck(t *testing.T) {
	cases := []linkTextCase{
		{"plain text", "https://evil.example/", "Read more", linkOK},
		{"same host", "https://bank.example/x", "https://bank.example/login", linkOK},
		{"www dropped", "https://www.bank.example/", "bank.example", linkOK},
		{"subdomain of the text's host", "https://help.bank.example/", "bank.example/help", linkOK},
		{"text host is the subdomain", "https://bank.example/", "help.bank.example", linkMismatch},
		{"other host", "https://evil.example/", "https://bank.example/login", linkMismatch},
		{"suffix is not a subdomain", "https://evilbank.example/", "bank.example", linkMismatch},
		{"zero-width space", "https://evil.example/", "https\u200b://bank.example/login", linkMismatch},
		{"left-to-right mark", "https://evil.example/", "\u200ehttps://bank.example/login", linkMismatch},
		{"soft hyphen in host", "https://evil.example/", "bank\u00ad.example", linkMismatch},
		{"fullwidth colon", "https://evil.example/", "https\uff1a//bank.example/login", linkMismatch},
		{"fullwidth letters", "https://evil.example/", "\uff42\uff41\uff4e\uff4b\uff0e\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45/login", linkMismatch},
		{"ideographic full stop", "https://evil.example/", "bank\u3002example/login", linkMismatch},
		{"bare host and path", "https://evil.example/", "bank.example/login", linkMismatch},
		{"bare host", "https://evil.example/", "bank.example", linkMismatch},
		{"idn homograph", "https://xn--pple-43d.com/", "https://apple.com", linkMismatch},
		{"idn text matches punycode href", "https://xn--bcher-kva.example/", "bücher.example", linkOK},
		{"version number", "https://evil.example/", "version 2.5", linkOK},
		{"sentence with a dot", "https://evil.example/", "Read the report. It is long", linkOK},
		{"one-letter tld", "https://evil.example/", "a.b", linkOK},
		{"relative href", "/local", "https://bank.example/", linkMismatch},
		{"fragment href", "#fn1", "www.bank.example", linkMismatch},
		{"archive of the text's URL", "https://web.archive.org/web/20240105123000/https://www.ministry.example.gov/x", "https://www.ministry.example.gov/x", linkOK},
		{"archive, one slash", "https://web.archive.org/web/2024/http:/ministry.example.gov/x", "ministry.example.gov/x", linkOK},
		{"archive of another URL", "https://web.archive.org/web/2024/https://evil.example/", "https://www.ministry.example.gov/", linkMismatch},
		{"archive link shown as itself", "https://web.archive.org/web/2024/https://x.example/", "https://web.archive.org/web/2024/https://x.example/", linkOK},
		{"shortener", "https://bit.ly/4kQz9Lm", "www.reuters.com/business", linkShortened},
		{"shortener showing itself", "https://bit.ly/4kQz9Lm", "bit.ly/4kQz9Lm", linkOK},
	}
	runLinkTextCases(t, cases)
}

func TestUnwrapLinkTextMismatch(t *testing.T) {
	p := ArticlePolicy().Builder().UnwrapLinkTextMismatch(true).Policy()
	out, rep, err := p.SanitizeReport(`<p><a href="https://evil.example/" rel="nofollow">bank.example/login</a> ` +
		`<a href="https://bit.ly/x" rel="nofollow">https://www.reuters.com/a</a></p>`)
	require.NoError(t, err)
	assert.Equal(t, `<p>bank.example/login <a href="https://bit.ly/x" rel="nofollow">https://www.reuters.com/a</a></p>`, out)
	assert.Equal(t, []ChangeKind{ChangeLinkTextMismatch, ChangeLinkTextFlagged}, kinds(rep))
}

func kinds(rep Report) []ChangeKind {
	var ks []ChangeKind
	for _, c := range rep {
		ks = append(ks, c.Kind)
	}
	return ks
}

func TestDemoteH1(t *testing.T) {
	body := `<h1 title="t" class="x">Headline</h1><p>x</p>`
	out, rep, err := ArticlePolicy().SanitizeReport(body)
	require.NoError(t, err)
	assert.Equal(t, `<h2 title="t">Headline</h2><p>x</p>`, out)
	assert.Equal(t, []ChangeKind{ChangeHeadingDemoted, ChangeAttrRemoved}, kinds(rep))

	keep := ArticlePolicy().Builder().DemoteH1(false).Policy()
	assert.Equal(t, `<h1 title="t">Headline</h1><p>x</p>`, checkStable(t, keep, body))

	// Demotion needs h2; without it, h1 follows the allowlist.
	noH2 := ArticlePolicy().Builder().RemoveElements("h2").Policy()
	assert.Equal(t, `<h1 title="t">Headline</h1><p>x</p>`, checkStable(t, noH2, body))

	// A demoted h1 inside an h2 (as unwrapping can leave it) is still
	// stable.
	checkSanitized(t, ArticlePolicy(), `<h2>a<xss><h1>b</h1></xss></h2>`)
}

func TestPrefixIDs(t *testing.T) {
	p := ArticlePolicy()
	out := checkSanitized(t, p, `<p id="fn1">x <a href="#fn1" name="top">y</a> <a href="#">z</a></p>`)
	assert.Equal(t, `<p id="user-content-fn1">x <a href="#user-content-fn1" name="user-content-top" rel="nofollow">y</a> <a href="#" rel="nofollow">z</a></p>`, out)

	off := ArticlePolicy().Builder().PrefixIDs("").Policy()
	assert.Equal(t, `<p id="fn1">x</p>`, off.Sanitize(`<p id="fn1">x</p>`))
	_, err := ArticlePolicy().Builder().PrefixIDs("1 bad").Build()
	var pe *PolicyError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "PrefixIDs", pe.Method)

	custom := NewPolicy().AllowElements("p").AllowAttrs("id").Globally().PrefixIDs("art-").Policy()
	assert.Equal(t, `<p id="art-x">x</p>`, checkStable(t, custom, `<p id="x">x</p>`))
	assert.Equal(t, `<p>x</p>`, custom.Sanitize(`<p id="`+strings.Repeat("x", 300)+`">x</p>`))
}

func TestLazyImages(t *testing.T) {
	off := ArticlePolicy().Builder().LazyImages(false).Policy()
	body := `<p><img src="data:image/gif;base64,R0lG" data-src="https://img.example/a.jpg" alt="a"></p>`
	assert.Equal(t, `<p></p>`, off.Sanitize(body))
	out, rep, err := ArticlePolicy().SanitizeReport(body)
	require.NoError(t, err)
	assert.Equal(t, `<p><img src="https://img.example/a.jpg" alt="a"></p>`, out)
	assert.Equal(t, Report{{Kind: ChangeLazySrc, Element: "img", Attr: "src", Value: "data:image/gif;base64,R0lG", Line: 1, Column: 9, Offset: 8}}, rep)
}

func TestEmbeds(t *testing.T) {
	p := newsEmbedPolicy()
	in := `<iframe src="https://www.youtube.com/embed/x" allow="autoplay;" allowfullscreen="true" sandbox="allow-scripts allow-same-origin allow-presentation" referrerpolicy="strict-origin-when-cross-origin"></iframe>`
	out, rep, err := p.SanitizeReport(in)
	require.NoError(t, err)
	assert.Equal(t, `<iframe src="https://www.youtube.com/embed/x" allow="autoplay" allowfullscreen="" sandbox="allow-scripts allow-same-origin allow-presentation" referrerpolicy="strict-origin-when-cross-origin"></iframe>`, out)
	assert.Equal(t, []ChangeKind{ChangeEmbedRestricted, ChangeEmbedRestricted}, kinds(rep))
	checkStable(t, p, in)

	// ArticlePolicy, and a policy with embeds refused again, drop every
	// iframe.
	assert.Equal(t, ``, ArticlePolicy().Sanitize(`<iframe src="https://www.youtube.com/embed/x"></iframe>`))
	assert.Equal(t, ``, ArticlePolicy().Builder().AllowEmbeds().Policy().
		Sanitize(`<iframe src="https://www.youtube.com/embed/x"></iframe>`))
	_, err = ArticlePolicy().Builder().AllowEmbeds("www.youtube.com:443", "https://player.vimeo.com/").Build()
	var pe *PolicyError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "AllowEmbeds", pe.Method)
	// AllowElements cannot let an iframe through.
	_, err = ArticlePolicy().Builder().AllowElements("iframe").Build()
	require.Error(t, err)
	// Without https allowed, no embed passes.
	noHTTPS := p.Builder().RemoveURLSchemes("https").Policy()
	assert.Equal(t, ``, noHTTPS.Sanitize(`<iframe src="https://www.youtube.com/embed/x"></iframe>`))
}

// TestValidateQuietOnRewrites: rewrites that keep the meaning of a body
// are no problem for Validate; a flagged link still is.
func TestValidateQuietOnRewrites(t *testing.T) {
	for _, k := range []ChangeKind{ChangeHeadingDemoted, ChangeIDPrefixed, ChangeFragmentRewritten, ChangeLazySrc, ChangeEmbedRestricted} {
		assert.False(t, isRemoval(k), k.String())
	}
	assert.True(t, isRemoval(ChangeLinkTextFlagged))
	body := `<h1>T</h1><p id="fnref1">x<a href="#fn1" rel="nofollow">1</a></p>` +
		`<p><img src="data:image/gif;base64,R0lG" data-src="https://img.example/a.jpg" alt="a"></p>`
	assert.False(t, removesSomething(ArticlePolicy(), body))
}

func TestChangeKindStringNews(t *testing.T) {
	for k := ChangeLinkTextFlagged; k <= ChangeEmbedRestricted; k++ {
		assert.NotContains(t, k.String(), "ChangeKind(")
	}
}

// TestValidateNewsBody: Validate accepts a news body whose only changes
// keep its meaning, and still reports a link whose text names another
// host, and a removal.
func TestValidateNewsBody(t *testing.T) {
	a, _ := parseFile(t, "testdata/articles/green-shipping.md")
	require.NoError(t, a.Validate())
	b := *a
	b.Body = `<h1>Ships</h1><p id="fnref1">Fuel use fell.<sup><a href="#fn1" rel="nofollow">1</a></sup></p>` +
		`<p><img src="data:image/gif;base64,R0lG" data-src="https://img.example/a.jpg" alt="a ship"></p>` +
		`<ol><li id="fn1">Port data. <a href="tel:+15551234567" rel="nofollow">Call</a></li></ol>`
	require.NoError(t, testValidator().Validate(&b))

	b.Body += `<p><a href="https://evil.example/" rel="nofollow">https://port.example/</a></p>`
	err := testValidator().Validate(&b)
	require.ErrorIs(t, err, ErrUnsafeHTML)
	assert.Contains(t, err.Error(), "link text flagged")
}

func TestBareHost(t *testing.T) {
	for s, want := range map[string]bool{
		"bank.example": true, "bank.example/login": true, "a.b-c.example:8080": true,
		"sub.bank.example?x": true, "bücher.example": true,
		"bank": false, ".example": false, "bank..example": false, "bank.example.": false,
		"bank.e": false, "bank.ex4mple": false, "ba nk.example": false, "a_b.example": false,
		"2.5": false, "": false,
	} {
		assert.Equal(t, want, bareHost(s), s)
	}
}
