package article

import (
	"html"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// userInfoURLs carry user information as the WHATWG URL parser reads
// them, though Go's net/url sees none in most of them.
var userInfoURLs = []string{
	"https:bank.example@evil.example/",
	"https:///bank@evil.example/",
	"https:/bank.example@evil.example/",
	"https:user:pw@evil.example/x.png",
	"HTTPS:bank.example@evil.example/",
	"http:bank.example@evil.example/",
	"https:////bank.example@evil.example/",
	"ht\ttps:bank.example@evil.example/",
	"https:\n//bank.example@evil.example/",
	"https:/\t//bank.example@evil.example/",
	"https://bank.example@evil.example/",
	"https://@evil.example/",
	"https://:@evil.example/",
	"https://bank.example%40x@evil.example/",
	"https://a@b@evil.example/",
}

// userInfoRefs are relative references that a page reads as an authority
// with user information.
var userInfoRefs = []string{
	"///bank@evil.example/",
	"////bank.example@evil.example/x",
	"//bank.example@evil.example/",
	"/\t/bank.example@evil.example/",
	" //bank@evil.example/",
}

// TestURLCheckUserInfo: every URL attribute refuses a URL with user
// information as a browser reads it; Validate reports it.
func TestURLCheckUserInfo(t *testing.T) {
	p := ArticlePolicy()
	a, _ := parseFile(t, "testdata/articles/green-shipping.md")
	v := testValidator()
	require.NoError(t, v.Validate(a))
	for _, u := range append(append([]string{}, userInfoURLs...), userInfoRefs...) {
		attr := html.EscapeString(u)
		for _, body := range []string{
			`<p><a href="` + attr + `">x</a></p>`,
			`<p><img src="` + attr + `" alt="x"></p>`,
			`<p><img src="https://cdn.example/a.png" srcset="https://cdn.example/b.png 2x, ` + attr + ` 3x" alt="x"></p>`,
			`<blockquote cite="` + attr + `">x</blockquote>`,
		} {
			out, rep, err := p.SanitizeReport(body)
			require.NoError(t, err)
			assert.NotContains(t, out, "evil", "%q", body)
			found := false
			for _, c := range rep {
				found = found || c.Kind == ChangeURLRejected
			}
			assert.True(t, found, "%q: %v", body, rep)
			assert.False(t, quickClean(p, body), "%q", body)
			b := *a
			b.Body = body
			assert.ErrorIs(t, v.Validate(&b), ErrUnsafeHTML, "%q", body)
		}
	}
	for _, u := range userInfoURLs {
		for _, set := range []func(*Article){
			func(a *Article) { a.SourceLink = u },
			func(a *Article) { a.Enclosure = u },
			func(a *Article) { a.QRCode = u },
		} {
			b := *a
			set(&b)
			assert.ErrorIs(t, v.Validate(&b), ErrInvalidURL, "%q", u)
		}
		if !strings.ContainsAny(u, "\t\n") {
			assert.Equal(t, "has user information", fieldURLProblem(u), "%q", u)
		}
	}
}

// TestURLCheckKeeps: URLs without user information as a browser reads
// them stay, '@' in a path, query or fragment included.
func TestURLCheckKeeps(t *testing.T) {
	p := ArticlePolicy()
	for _, u := range []string{
		"https://bank.example/@user",
		"https://bank.example/x?to=a@b.example",
		"https://bank.example/#a@b",
		"/people/@reporter",
		"mailto:desk@news.example",
		"https:///bank.example/",
	} {
		body := `<p><a href="` + html.EscapeString(u) + `">x</a></p>`
		out, rep, err := p.SanitizeReport(body)
		require.NoError(t, err)
		assert.Contains(t, out, html.EscapeString(u), "%q", u)
		for _, c := range rep {
			assert.NotEqual(t, ChangeURLRejected, c.Kind, "%q: %v", u, c)
		}
	}
}

// TestURLFieldPath: the url field is a path; a reference a browser reads
// with a host is refused however it is written.
func TestURLFieldPath(t *testing.T) {
	a, _ := parseFile(t, "testdata/articles/green-shipping.md")
	v := testValidator()
	for _, u := range []string{"//evil.example/x", `/\evil.example/x`, `\/evil.example/x`, "/\t/evil.example/x",
		" //evil.example/x", "https:evil.example", "java\tscript:alert(1)"} {
		b := *a
		b.URL = u
		err := v.Validate(&b)
		assert.ErrorIs(t, err, ErrInvalidURL, "%q", u)
		assert.ErrorContains(t, err, "has a scheme or host", "%q", u)
	}
}

// BenchmarkCheckURL runs the URL check on the URLs of a news body: plain
// https links, a relative one, one with a query and a fragment.
func BenchmarkCheckURL(b *testing.B) {
	d := &ArticlePolicy().d
	urls := []string{
		"https://wire.example.org/bridge/474",
		"https://exemple.example.fr/news/82500/mayor-grid-startup-storage/",
		"https://cdn.example.org/images/2025/09/harbor-plan.jpg?w=1200&h=800",
		"/2025/03/flood-barrier",
		"https://news.example.com/league/7396#results",
		"mailto:desk@example.org",
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, ok := checkURL(d, urls[i%len(urls)]); !ok {
			b.Fatal(urls[i%len(urls)])
		}
	}
}

// FuzzCheckURLShortcut checks that checkURL's shortcut for plain web URLs
// answers as the full check does, for every policy of the quick check's
// tests (one of them allows no scheme).
func FuzzCheckURLShortcut(f *testing.F) {
	for _, s := range append(userInfoURLs, "https://a.example/x?y=1#z", "http://h", "https://", "https:///x",
		"https://h:443/", "https://h/%41", "https://h/a b", "https://[::1]/", "https://h/\\x", "https://h/é",
		"http://h/x\x00", "HTTPS://h/", "https:h", "https://?x", "https://#x", "https://h/';!*()$") {
		f.Add(s)
	}
	pols := quickPolicies()
	f.Fuzz(func(t *testing.T, s string) {
		for _, p := range pols {
			d := &p.d
			got, gotOK := checkURL(d, s)
			want, wantOK := checkURLFull(d, s)
			if got != want || gotOK != wantOK {
				t.Fatalf("checkURL(%q) = %q, %v; the full check says %q, %v", s, got, gotOK, want, wantOK)
			}
		}
	})
}
