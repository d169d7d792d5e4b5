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
		// Every digit, at the bounds of '0' to '9'.
		{"a.png 9w", true},
		{"a.png 90w 99h", true},
		{"a.png 9x", true},
		{"a.png 0.9x", true},
		{"a.png 9e9x", true},
		{"a.png 0w", false},
		{"a.png 00w", false},
		{"a.png 0x", true},
		{"a.png 1/w", false},
		{"a.png 1:w", false},
		{"a.png /x", false},
		{"a.png :x", false},
		{"a.png 1ex", false},
		{"a.png 1e+x", false},
		{"a.png 1e-2x", true},
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

// TestSrcsetDescriptorParse: the descriptor tokenizer on its own, from the
// start of its input: each descriptor counts, whether a space, a comma or
// the end closes it, and a comma inside parentheses does not end it.
func TestSrcsetDescriptorParse(t *testing.T) {
	tests := []struct {
		in   string
		end  int  // where parse stops
		ok   bool // the descriptors are valid
		w, x bool
	}{
		{"", 0, true, false, false},
		{"2x", 2, true, false, true},
		{"zz", 2, false, false, false},
		{"1x 2x", 5, false, false, true},
		{"1x 100w", 7, false, false, true},
		{"100w, b.png 2x", 5, true, true, false},
		{"zz, b.png", 3, false, false, false},
		{"  100w  ,", 9, true, true, false},
		{"2x (a, b) , c", 11, false, false, true},
		{"(,)2x, c", 6, false, false, false},
		{"1x,", 3, true, false, true},
	}
	for _, tt := range tests {
		var d srcsetDescriptors
		end := d.parse(tt.in, 0)
		assert.Equal(t, tt.end, end, "%q: end", tt.in)
		assert.Equal(t, tt.ok, d.ok(), "%q: ok", tt.in)
		assert.Equal(t, tt.w, d.w, "%q: w", tt.in)
		assert.Equal(t, tt.x, d.x, "%q: x", tt.in)
	}
}

// TestSrcsetRefusedCandidate: checkSrcset names the first candidate it
// refuses, whole: its URL and descriptors up to the comma that ends it
// outside parentheses, or only the URL when the URL is refused.
func TestSrcsetRefusedCandidate(t *testing.T) {
	d := &ArticlePolicy().d
	for in, want := range map[string]string{
		"a.png 1x (x, y) 2x, b.png":    "a.png 1x (x, y) 2x",
		"a.png 1x, b.png 1x 1x, c.png": "b.png 1x 1x",
		"a.png 2x, javascript:x 1x":    "javascript:x",
		"/a,javascript:alert(1) 2x":    "/a,javascript:alert(1)",
		"":                             "",
	} {
		bad, ok := checkSrcset(d, in)
		assert.False(t, ok, "%q", in)
		assert.Equal(t, want, bad, "%q", in)
	}
}

// TestSchemeAfterComma: what a URL parser would take as the scheme after a
// comma: leading controls and spaces skipped, tabs and line breaks
// ignored, letters first, then letters, digits, "+", "-" and ".".
func TestSchemeAfterComma(t *testing.T) {
	for in, want := range map[string]string{
		"javascript:alert(1)": "javascript",
		" \x01JavaScript:x":   "javascript",
		"java\tscr\nipt\r:x":  "javascript",
		"a1+.-:x":             "a1+.-",
		"1a:x":                "",
		"+a:x":                "",
		"a/b:x":               "",
		"abc":                 "",
		"":                    "",
		"   ":                 "",
		"data:image/png":      "data",
		"z9:":                 "z9",
		"@:":                  "",
		"[:":                  "",
	} {
		assert.Equal(t, want, schemeAfterComma(in), "%q", in)
	}
}
