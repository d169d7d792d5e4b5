package article

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestURLCheck(t *testing.T) {
	d := &ArticlePolicy().d
	tests := []struct {
		in, out string
		ok      bool
	}{
		{"https://example.com/a?b=c#d", "https://example.com/a?b=c#d", true},
		{"HTTP://EXAMPLE.COM/", "HTTP://EXAMPLE.COM/", true},
		{"mailto:a@example.com", "mailto:a@example.com", true},
		{"/relative/path", "/relative/path", true},
		{"relative", "relative", true},
		{"#frag", "#frag", true},
		{"//example.com/x", "//example.com/x", true},
		{"https://example.com:8080/x", "https://example.com:8080/x", true},
		{"https://example.com/%41", "https://example.com/%41", true},
		{" \x01https://example.com/ \x1f", "https://example.com/", true},
		{"ht\ntp\ts://example.com/", "https://example.com/", true},
		{"javascript:alert(1)", "", false},
		{"JAVASCRIPT:alert(1)", "", false},
		{" \tjava\nscript:alert(1)", "", false},
		{"java\x00script:alert(1)", "", false},
		{"java\x0bscript:alert(1)", "", false},
		{"https://example.com/\x7f", "", false},
		{"https://example.com/\u0085", "", false},
		// The C1 controls are U+0080 to U+009F, the bytes C2 80 to C2 9F;
		// C2 A0 and up are letters and signs.
		{"https://example.com/\u0080", "", false},
		{"https://example.com/\u009f", "", false},
		{"https://example.com/\u00a0x", "https://example.com/\u00a0x", true},
		{"https://example.com/\u00a9", "https://example.com/\u00a9", true},
		{"https://example.com/\u00e9t\u00e9", "https://example.com/\u00e9t\u00e9", true},
		// U+FFFD stands for a control or invalid UTF-8 the parser replaced.
		{"https://example.com/\ufffd", "", false},
		{"https://example.com/\ufffc\uffee", "https://example.com/\ufffc\uffee", true},
		{"vbscript:x", "", false},
		{"data:image/png;base64,AAAA", "", false},
		{"ftp://example.com/", "", false},
		{"https://user@example.com/", "", false},
		{"https://user:pw@example.com/", "", false},
		{"//user@example.com/", "", false},
		{`https:\\evil.example`, "", false},
		{`/\evil.example`, "", false},
		{"https://exa mple.com/", "", false},
		{"https://[::1/", "", false},
		{"a:b", "", false},
		{"://example.com/", "", false}, // no scheme before "://": url.Parse refuses it
	}
	for _, tt := range tests {
		out, ok := checkURL(d, tt.in)
		assert.Equal(t, tt.ok, ok, "%q", tt.in)
		assert.Equal(t, tt.out, out, "%q", tt.in)
	}
	noRel := NewPolicy().AllowRelativeURLs(false).AllowURLSchemes("tel", "javascript").RemoveURLSchemes("http")
	_, ok := checkURL(&noRel.d, "/x")
	assert.False(t, ok)
	_, ok = checkURL(&noRel.d, "tel:+123")
	assert.True(t, ok)
	_, ok = checkURL(&noRel.d, "javascript:x")
	assert.False(t, ok)
	_, ok = checkURL(&noRel.d, "http://x/")
	assert.False(t, ok)
}

// TestSimpleURL: the fast path of checkURL takes the common URLs (each
// character class at its bounds) and only URLs url.Parse accepts: every
// other character, and an empty host, go to url.Parse.
func TestSimpleURL(t *testing.T) {
	for in, want := range map[string]bool{
		"https://example.com/a?b=c#d":               true,
		"https://azAZ09.example/-._~/?#=&+,;!*()$'": true,
		"http://x":                   true,
		"https://EXAMPLE.COM/PATH":   true,
		"https://example.com/%41":    false,
		"https://exa mple.com/":      false,
		"https://EXA MPLE.COM/":      false,
		"https://ex[ample.com/":      false,
		"https://EX{AMPLE.COM/":      false,
		"https://ex<ample.com/":      false,
		"https://ex`ample.com/":      false,
		"https://ex^ample.com/":      false,
		"https://ex|ample.com/":      false,
		"https://ex\"ample.com/":     false,
		"https://example.com:8080/":  false,
		"https://example.com/\u00e9": false,
		"https:///example.com":       false,
		"https://?x":                 false,
		"https://#x":                 false,
		"https://":                   false,
		"https:/example.com":         false,
		"https:example.com":          false,
	} {
		assert.Equal(t, want, simpleURL(in, strings.IndexByte(in, ':')), "%q", in)
		if want {
			_, err := url.Parse(in)
			assert.NoError(t, err, "%q", in)
		}
		_, ok := checkURL(&ArticlePolicy().d, in)
		_, err := url.Parse(in)
		if err != nil {
			assert.False(t, ok, "%q: url.Parse refuses it", in)
		}
	}
}

// TestCheckURLShortcut: checkURL's shortcut for plain http(s) URLs gives
// the full check's answer and output, with the policy's schemes and
// without them.
func TestCheckURLShortcut(t *testing.T) {
	httpsOnly, err := ArticlePolicy().Builder().RemoveURLSchemes("http").Build()
	require.NoError(t, err)
	for _, d := range []*policyData{&ArticlePolicy().d, &httpsOnly.d} {
		for _, in := range []string{"https://example.com/a?b=c#d", "http://x", "https://EXAMPLE.COM/PATH", "http://e.x/-._~/?#=&+,;!*()$'"} {
			require.True(t, simpleURL(in, webSchemeLen(in)), in)
			out, ok := checkURL(d, in)
			full, fullOK := checkURLFull(d, in)
			assert.Equal(t, fullOK, ok, in)
			assert.Equal(t, full, out, in)
		}
	}
	_, ok := checkURL(&httpsOnly.d, "http://x")
	assert.False(t, ok, "http removed")
}

func TestSrcset(t *testing.T) {
	d := &ArticlePolicy().d
	for in, ok := range map[string]bool{
		"a.png":                                true,
		"a.png 1x, b.png 2x":                   true,
		"a.png 100w,b.png 200w":                true,
		"https://x/a.png 1x,https://x/b,c.png": true,
		"a.png 1x, javascript:alert(1) 2x":     false,
		"javascript:alert(1)":                  false,
		// Commas inside parentheses belong to a descriptor, which is not
		// a valid one: the candidate does not parse, the srcset is refused.
		"a.png (x, javascript:y) 1x, b.png":       false,
		"/a.png 1x (,javascript:alert(1) 2x)":     false,
		"/a.png 1x(,javascript:alert(1) 2x)":      false,
		"a.png 1x 2x":                             false,
		"a.png 100w 1x":                           false,
		"a.png 0w":                                false,
		"a.png 100w 50h":                          true,
		"a.png 50h":                               false,
		"a.png 1.5x, b.png .5x, c.png 1e1x":       true,
		"a.png -1x":                               false,
		"a.png 1.x":                               false,
		"a.png 2":                                 false,
		"a.png 1x,, b.png 2x":                     true,
		"a.png,, b.png":                           true,
		"a.png\t1x\n,\fb.png 2x":                  true,
		"/a,b.png 100w, /c.png 200w":              true,
		"a.png,javascript:alert(1)":               false,
		"  , ,":                                   false,
		"data:image/png;base64,AAA 1x":            false,
		"a.png 1x,\njavascript:alert(1) 2x":       false,
		"a.png 1x, https://u@evil.example/ 2x":    false,
		"https://x/a.png 1x , https://x/b.png 2x": true,
		// One URL for the spec, two for a consumer that splits at commas.
		"/a.png,javascript:alert(1)":         false,
		"https://x/a,javascript:alert(1) 2x": false,
		"/a,b.png 1x, /c.png,https://x/ 2x":  true,
	} {
		_, got := checkSrcset(d, in)
		assert.Equal(t, ok, got, "%q", in)
	}
}

func TestPolicyBuilder(t *testing.T) {
	base := ArticlePolicy()
	body := `<p class="lead" title="t">a <img src="/i.png" alt="i"> <a href="https://x.example/" rel="ugc">x</a> <a href="tel:+1">call</a></p><table><tr><td>c</td></tr></table>`

	t.Run("preset untouched", func(t *testing.T) {
		b := base.Builder().RemoveElements("img")
		_ = b.Policy()
		assert.Contains(t, base.Sanitize(body), "<img")
	})
	t.Run("remove from preset", func(t *testing.T) {
		p := base.Builder().
			RemoveElements("img", "table", "tbody", "tr", "td").
			RemoveAttrs("title").Globally().
			RemoveURLSchemes("tel").
			Policy()
		assert.Equal(t, `<p>a  <a href="https://x.example/" rel="ugc nofollow">x</a> call</p>c`, p.Sanitize(body))
	})
	t.Run("allow attributes, schemes, rel", func(t *testing.T) {
		p := base.Builder().
			AllowAttrs("class").Matching(regexp.MustCompile(`^[a-z]+$`)).OnElements("p").
			AllowURLSchemes("tel").
			RequireRel("nofollow", "sponsored").
			Policy()
		assert.Equal(t, `<p class="lead" title="t">a <img src="/i.png" alt="i"> <a href="https://x.example/" rel="ugc nofollow sponsored">x</a> <a href="tel:+1" rel="nofollow sponsored">call</a></p><table><tbody><tr><td>c</td></tr></tbody></table>`, p.Sanitize(body))
		assert.Equal(t, `<p>x</p>`, p.Sanitize(`<p class="Lead1">x</p>`))
	})
	t.Run("remove attribute on one element", func(t *testing.T) {
		p := base.Builder().RemoveAttrs("title", "alt").OnElements("img").Policy()
		assert.Equal(t, `<p title="a"><img src="/i.png"></p>`, p.Sanitize(`<p title="a"><img src="/i.png" title="b" alt="c"></p>`))
	})
	t.Run("force attribute", func(t *testing.T) {
		p := base.Builder().
			ForceAttr("img", "loading", "lazy").
			ForceAttr("a", "target", "_blank").
			Policy()
		out, rep, err := p.SanitizeReport(`<img src="/i.png" loading="eager"><a href="/x">y</a><p>z</p>`)
		require.NoError(t, err)
		assert.Equal(t, `<img src="/i.png" loading="lazy"><a href="/x" rel="nofollow noopener noreferrer" target="_blank">y</a><p>z</p>`, out)
		require.Len(t, rep, 3)
		assert.Equal(t, Change{Kind: ChangeAttrSet, Element: "img", Attr: "loading", Value: "eager", Line: 1, Column: 19, Offset: 18}, rep[0])
		assert.Equal(t, ChangeAttrSet, rep[1].Kind)
		assert.Equal(t, ChangeRelRewritten, rep[2].Kind)
		checkSanitized(t, p, `<img src="/i.png" loading="eager"><a href="/x">y</a>`)
	})
	t.Run("callbacks", func(t *testing.T) {
		var mu sync.Mutex
		var seen []string
		p := base.Builder().
			OnElement("*", func(c *ElementContext) Action {
				mu.Lock()
				seen = append(seen, fmt.Sprintf("%s<%s@%d", c.Name, c.Parent, c.Depth))
				mu.Unlock()
				return ActionKeep
			}).
			OnElement("img", func(c *ElementContext) Action {
				if src, _ := c.Attr("src"); strings.Contains(src, "pixel") {
					return ActionDrop
				}
				c.SetAttr("alt", strings.ToUpper(ctxAttr(c, "alt")))
				c.SetAttr("onerror", "alert(1)") // still filtered by the policy
				c.RemoveAttr("title")
				return ActionKeep
			}).
			OnElement("a", func(c *ElementContext) Action {
				if href, _ := c.Attr("href"); strings.HasPrefix(href, "https://ads.") {
					return ActionUnwrap
				}
				return ActionKeep
			}).
			Policy()
		out, rep, err := p.SanitizeReport(`<p><img src="/pixel.gif"><img src="/a.png" alt="a" title="t"><a href="https://ads.example/">ad</a></p>`)
		require.NoError(t, err)
		assert.Equal(t, `<p><img src="/a.png" alt="A">ad</p>`, out)
		var kinds []string
		for _, c := range rep {
			kinds = append(kinds, c.Kind.String()+" "+c.Attr)
		}
		// In the order of the body: a change to an attribute that is not in
		// the body is located at its element's tag.
		assert.Equal(t, []string{"element dropped ", "attribute set onerror", "attribute removed onerror", "attribute set alt", "attribute removed title", "element unwrapped "}, kinds)
		assert.Contains(t, seen, "img<p@2")
		assert.Contains(t, seen, "p<@1")
	})
	t.Run("empty policy keeps text", func(t *testing.T) {
		p := NewPolicy().Policy()
		assert.Equal(t, "a b c", p.Sanitize(`<p>a <b>b</b> <script>x</script>c</p>`))
	})
	t.Run("forbidden elements and attributes stay out", func(t *testing.T) {
		b := NewPolicy().
			AllowElements("script", "svg", "p", "x:y", "Style").
			AllowAttrs("onclick", "style", "srcdoc", "title", "xml:lang", "xlink:href").Globally().
			DropElements("figure").
			AllowElements("figure")
		_, err := b.Build()
		require.Error(t, err)
		assert.Panics(t, func() { b.Policy() })
		// What could take effect did.
		b.errs = nil
		p := b.Policy()
		assert.Equal(t, `<p title="t">x</p>`, p.Sanitize(`<figure>gone</figure><p onclick="a" style="b" title="t" xml:lang="en" xlink:href="/x">x<script>s</script></p><svg></svg>`))
	})
	t.Run("no link text check", func(t *testing.T) {
		p := base.Builder().CheckLinkText(false).RequireRel().Policy()
		assert.Equal(t, `<a href="https://evil.example/">https://bank.example/</a>`, p.Sanitize(`<a href="https://evil.example/">https://bank.example/</a>`))
	})
}

func ctxAttr(c *ElementContext, name string) string {
	v, _ := c.Attr(name)
	return v
}

func TestUnstableCallback(t *testing.T) {
	n := 0
	var mu sync.Mutex
	p := ArticlePolicy().Builder().OnElement("p", func(c *ElementContext) Action {
		mu.Lock()
		defer mu.Unlock()
		n++
		c.SetAttr("title", strconv.Itoa(n))
		return ActionKeep
	}).Policy()
	// Dropping the script makes the sanitiser parse its output again, which
	// shows that the callback does not settle.
	out, rep, err := p.SanitizeReport("<p>x</p><script>s</script><div>y</div>")
	require.ErrorIs(t, err, ErrUnstable)
	assertTextOnly(t, rep, err)
	assert.Equal(t, "xy", out)
}

func TestChangeKindString(t *testing.T) {
	assert.Equal(t, "element dropped", ChangeElementDropped.String())
	assert.Equal(t, "comment dropped", ChangeCommentDropped.String())
	assert.Equal(t, "ChangeKind(0)", ChangeKind(0).String())
	assert.Equal(t, "ChangeKind(99)", ChangeKind(99).String())
	assert.Equal(t, "attributes over limit", ChangeAttrLimit.String())
	for k := ChangeElementDropped; k <= ChangeAttrLimit; k++ {
		assert.NotContains(t, k.String(), "ChangeKind")
	}
}
