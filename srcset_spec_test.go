package article

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestSrcsetStandard: the srcset check against the HTML standard's
// examples (the img element section) and the edge cases of its "parse a
// srcset attribute" algorithm, each candidate's descriptors validated as
// the standard says: at most one width ("100w", an integer above zero) or
// one density ("2x", a non-negative floating-point number), never both, in
// either order; a height ("100h") only with a width.
func TestSrcsetStandard(t *testing.T) {
	d := &ArticlePolicy().d
	tests := []struct {
		srcset string
		ok     bool
	}{
		// The standard's examples.
		{"images/team-photo.jpg 1x, images/team-photo-retina.jpg 2x", true},
		{"/en/examples/rose-1x.jpg, /en/examples/rose-1.5x.jpg 1.5x, /en/examples/rose-2x.jpg 2x", true},
		{"wolf-400.jpg 400w, wolf-800.jpg 800w, wolf-1600.jpg 1600w", true},
		{"a-rectangle.png 1x, a-rectangle-2x.png 2x", true},
		{"images/banner-wide.jpeg 1000w, images/banner-narrow.jpeg 500w", true},
		// A width and a density in one candidate, in either order (a
		// mutant of the check accepted the first, issue 24).
		{"a.png 1x 100w", false},
		{"a.png 100w 1x", false},
		{"a.png 1.5x 100w, b.png 200w", false},
		{"b.png 200w, a.png 2x 100w", false},
		// Each descriptor at most once.
		{"a.png 1x 1x", false},
		{"a.png 100w 100w", false},
		{"a.png 100w 50h 50h", false},
		// A height needs a width, in either order, and no density.
		{"a.png 100w 50h", true},
		{"a.png 50h 100w", true},
		{"a.png 50h", false},
		{"a.png 1x 50h", false},
		{"a.png 50h 1x", false},
		{"a.png 100w 0h", false},
		// Numbers as the standard writes them.
		{"a.png 0w", false},
		{"a.png 00100w", true},
		{"a.png 100.5w", false},
		{"a.png -100w", false},
		{"a.png +100w", false},
		{"a.png 100W", false},
		{"a.png 1X", false},
		{"a.png 1.5x", true},
		{"a.png .5x", true},
		{"a.png 1e1x", true},
		{"a.png 1E-1x", true},
		{"a.png 1.x", false},
		{"a.png +1x", false},
		{"a.png -0.5x", false},
		{"a.png 1e x", false},
		{"a.png x", false},
		{"a.png w", false},
		{"a.png 1xx", false},
		{"a.png 1 x", false},
		// Splitting: whitespace and commas around candidates, a comma at
		// the end of a URL, descriptors ended by a comma.
		{"a.png", true},
		{"a.png,", true},
		{",a.png", true},
		{"a.png 1x,b.png 2x", true},
		{"a.png 1x ,b.png 2x", true},
		{"a.png\t1x,\nb.png\f2x\r", true},
		{"", false},
		{" ", false},
		{",", false},
		// Parentheses belong to a descriptor, which is then not valid.
		{"a.png 1x (2x), b.png 2x", false},
		{"a.png (100w)", false},
	}
	for _, tt := range tests {
		_, ok := checkSrcset(d, tt.srcset)
		assert.Equal(t, tt.ok, ok, "%q", tt.srcset)
	}
}
