package article

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestHasHost: "scheme://" then a host; not a path, query, fragment or
// port at once, not nothing, and not a URL without a scheme.
func TestHasHost(t *testing.T) {
	for s, want := range map[string]bool{
		"https://example.com/": true,
		"http://a":             true,
		"https://":             false,
		"https:///x":           false,
		"https://?x":           false,
		"https://#x":           false,
		"https://:443/":        false,
		"://example.com/":      false,
		"https:/example.com/":  false,
		"https:example.com":    false,
		"example.com":          false,
		"":                     false,
	} {
		assert.Equal(t, want, hasHost(s), "hasHost(%q)", s)
	}
}

// TestValidateURL: the url against patterns, slugs and the empty slug.
func TestValidateURL(t *testing.T) {
	date := time.Date(2025, 7, 24, 14, 10, 31, 0, time.UTC)
	tests := []struct {
		pattern, title, url string
		want, strict        error // nil: valid
	}{
		{DefaultPattern, "Hello World", "/202507/7-hello-world", nil, nil},
		{DefaultPattern, "Hello World", "/202507/7-old-title", nil, ErrMismatch},
		{DefaultPattern, "Hello World", "/202507/7-a--b-", nil, ErrMismatch}, // alphabet only
		{DefaultPattern, "Hello World", "/202507/7", nil, ErrMismatch},       // the empty slug
		{DefaultPattern, "!!!", "/202507/7", nil, nil},
		{DefaultPattern, "!!!", "/202507/7-", ErrMismatch, ErrMismatch},
		{DefaultPattern, "Hello World", "/202507/7-", ErrMismatch, ErrMismatch},
		{DefaultPattern, "Hello World", "/202507/7-Hello", ErrInvalidValue, ErrInvalidValue},
		{DefaultPattern, "Hello World", "/202507/7-héllo", ErrInvalidValue, ErrInvalidValue},
		{DefaultPattern, "Hello World", "/202507/7-a/b", ErrMismatch, ErrMismatch},
		{DefaultPattern, "Hello World", "/202507/8-hello-world", ErrMismatch, ErrMismatch},
		{DefaultPattern, "Hello World", "/202507/7-hello-world/", ErrMismatch, ErrMismatch},
		{DefaultPattern, "Hello World", "202507/7-hello-world", ErrMismatch, ErrMismatch},
		{DefaultPattern, "Hello World", "//example.org/202507/7-hello-world", ErrInvalidURL, ErrInvalidURL},
		{DefaultPattern, "Hello World", "http:/202507/7-hello-world", ErrInvalidURL, ErrInvalidURL},
		{"/:slug/:id/:slug", "Hello World", "/a-b/7/c", nil, ErrMismatch},
		{"/:slug/:id/:slug", "Hello World", "/hello-world/7/hello-world", nil, nil},
		{"/:slug/:id/:slug", "Hello World", "/a-b/7/", ErrMismatch, ErrMismatch},
		{"/:slug-:slug/:id", "Hello World", "/a-b-c/7", nil, ErrMismatch},
		{"/:slug-:slug/:id", "Hello World", "/a/7", ErrMismatch, ErrMismatch},
		{"/:year/:id", "Hello World", "/2025/7", nil, nil},
		{"/:year/:id", "Hello World", "/2025/8", ErrMismatch, ErrMismatch},
		{"/:source/:id-:slug", "Hello World", "/wire/7-x", nil, ErrMismatch},
		{"/:source/:id-:slug", "Hello World", "/other/7-x", ErrMismatch, ErrMismatch},
		{"/:title/:slug", "A b", "/A%20b/x", nil, ErrMismatch},
	}
	for _, tt := range tests {
		a := &Article{Title: tt.title, Date: date, ArticleID: 7, Source: "Wire", URL: tt.url, Body: "<p>x</p>"}
		p := MustCompilePattern(tt.pattern)
		for _, strict := range []bool{false, true} {
			want := tt.want
			if strict {
				want = tt.strict
			}
			err := (&Validator{Pattern: p, StrictSlug: strict, Now: testValidator().Now}).Validate(a)
			if want == nil {
				assert.NoError(t, err, "%s %q strict=%v", tt.pattern, tt.url, strict)
				continue
			}
			assert.ErrorIs(t, err, want, "%s %q strict=%v", tt.pattern, tt.url, strict)
			assert.Len(t, fieldErrors(t, err), 1, "%v", err)
		}
	}
}

func TestFieldURLProblem(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://example.org/a", ""},
		{"http://example.org", ""},
		{"HTTPS://Example.org/a?b=c#d", ""},
		{"https://example.org:8443/a%20b", ""},
		{"https://[::1]/x", ""},
		{"https://example.org/a b", "has a space or control character"},
		{" https://example.org/a", "has a space or control character"},
		{"https://example.org/a\tb", "has a space or control character"},
		{"ftp://example.org/a", "is not an absolute http or https URL"},
		{"//example.org/a", "is not an absolute http or https URL"},
		{"/a", "is not an absolute http or https URL"},
		{"javascript:alert(1)", "is not an absolute http or https URL"},
		{"https://user:pw@example.org/", "has user information"},
		{"https://user@example.org/", "has user information"},
		{`https://example.org\@evil/`, "is refused by the URL check"},
		{"https:///a", "has no host"},
		{"https:example.org", "has no host"},
		{"https://:80/a", "has no host"},
		{"https://exa%mple.org/", "is refused by the URL check"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, fieldURLProblem(tt.in), tt.in)
	}
}

func TestMatchSlugs(t *testing.T) {
	m := slugMarker
	tests := []struct {
		s, tmpl string
		want    bool
	}{
		{"/a/b", "/a/b", true}, {"/a/b", "/a/c", false},
		{"/p-x", "/p-" + m, true}, {"/p-", "/p-" + m, false}, {"/p-X", "/p-" + m, false},
		{"/x-y/z", "/" + m + "/z", true}, {"x", m, true}, {"", m, false},
		{"/a-b-c/7", "/" + m + "-" + m + "/7", true},
		{"/a-b/7", "/" + m + "-" + m + "/7", true},
		{"/a/7", "/" + m + "-" + m + "/7", false},
		{"/a/1/b/2", "/" + m + "/1/" + m + "/2", true},
		{"/a/1/b/3", "/" + m + "/1/" + m + "/2", false},
		{"/a/1/b/2x", "/" + m + "/1/" + m + "/2", false},
		{"-1-1-1-", m + "1" + m + "1" + m, true},
		{"/ab", "/" + m + m, true},
		{"/a" + m, "/" + m + m, false}, // two markers side by side are not one
		{"//z", "/" + m + "/z", false}, // an empty slug between a head and a tail
		{"/z", "/" + m + "/z", false},  // head and tail overlapping
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, matchSlugs(tt.s, tt.tmpl, true), "%q %q", tt.s, tt.tmpl)
		if strings.Count(tt.tmpl, m) == 1 {
			assert.Equal(t, tt.want, matchOneSlug(tt.s, []byte(tt.tmpl)), "one: %q %q", tt.s, tt.tmpl)
		} else {
			assert.False(t, matchOneSlug(tt.s, []byte(tt.tmpl)), "one: %q %q", tt.s, tt.tmpl)
		}
	}
}

// TestMatchSlugsAnyBytes: with alphabet false, a slug is any run of bytes
// but "/", at least one.
func TestMatchSlugsAnyBytes(t *testing.T) {
	m := slugMarker
	for _, tt := range []struct {
		s, tmpl string
		want    bool
	}{
		{"/p-X y", "/p-" + m, true}, {"/p-/x", "/p-" + m, false}, {"/p-x/", "/p-" + m, false},
		{"/p-", "/p-" + m, false}, {"/A/B", "/" + m + "/" + m, true}, {"/A//B", "/" + m + "/" + m, false},
	} {
		assert.Equal(t, tt.want, matchSlugs(tt.s, tt.tmpl, false), "%q %q", tt.s, tt.tmpl)
	}
}

// TestIsSlugByte: the slug alphabet is a-z, 0-9 and "-", every other
// byte is out.
func TestIsSlugByte(t *testing.T) {
	for b := range 256 {
		want := strings.IndexByte("abcdefghijklmnopqrstuvwxyz0123456789-", byte(b)) >= 0
		assert.Equal(t, want, isSlugByte(byte(b)), "%q", rune(b))
	}
}
