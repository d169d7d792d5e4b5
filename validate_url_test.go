package article

import (
	"testing"

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
