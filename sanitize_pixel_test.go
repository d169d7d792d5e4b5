package article

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTrackingPixels: ArticlePolicy drops an img that shows nothing and
// reports it; every other img stays.
func TestTrackingPixels(t *testing.T) {
	tests := []struct {
		name, img string
		pixel     bool
	}{
		{"1x1", `<img src="https://t.example/p.gif" width="1" height="1">`, true},
		{"0x0", `<img src="https://t.example/p.gif" width="0" height="0" alt="">`, true},
		{"1x0 self-closed", `<img src="https://t.example/p.gif" width="1" height="0" />`, true},
		{"px and spaces", `<img src="https://t.example/p.gif" width=" 1px" height="1.0">`, true},
		{"fraction", `<img src="https://t.example/p.gif" width="0.5" height="1">`, true},
		{"style only", `<img src="https://t.example/p.gif" style="width:1px;height:1px">`, true},
		{"style zero", `<img src="https://t.example/p.gif" style="WIDTH: 0 !important; height:0px">`, true},
		{"Meta pixel", `<img height="1" width="1" style="display:none" src="https://www.facebook.com/tr?id=1&ev=PageView&noscript=1">`, true},
		{"FeedBurner", `<img src="http://feeds.feedburner.com/~r/Example/~4/abc" height="1" width="1" alt="">`, true},
		{"WordPress stats, no size", `<img src="https://pixel.wp.com/b.gif?host=x&blog=1&post=2">`, true},
		{"comScore, any size", `<img src="https://sb.scorecardresearch.com/p?c1=2" width="10" height="10">`, true},
		{"GA, protocol-relative", `<img src="//www.google-analytics.com/collect?v=1">`, true},
		{"Meta pixel without size", `<img src="https://www.facebook.com/tr/?id=1">`, true},

		{"photo", `<img src="https://cdn.example/a.jpg" width="640" height="360" alt="a">`, false},
		{"one side only", `<img src="https://cdn.example/rule.png" width="1" alt="">`, false},
		{"1 by 100", `<img src="https://cdn.example/rule.png" width="1" height="100">`, false},
		{"1.5", `<img src="https://cdn.example/a.png" width="1.5" height="1">`, false},
		{"10", `<img src="https://cdn.example/a.png" width="10" height="1">`, false},
		{"percent", `<img src="https://cdn.example/a.png" width="1%" height="1%">`, false},
		{"empty size", `<img src="https://cdn.example/a.png" width="" height="">`, false},
		{"style overrides", `<img src="https://cdn.example/a.png" width="1" height="1" style="width:100px;height:50px">`, false},
		{"style in em", `<img src="https://cdn.example/a.png" style="width:1em;height:1em">`, false},
		{"no size", `<img src="https://cdn.example/a.png">`, false},
		{"Facebook photo", `<img src="https://www.facebook.com/photo.jpg">`, false},
		{"lookalike host", `<img src="https://pixel.wp.com.example/b.gif">`, false},
		{"relative path", `<img src="/tr" width="2" height="2">`, false},
	}
	p := ArticlePolicy()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := "<p>a" + tt.img + "b</p>"
			out, rep, err := p.SanitizeReport(body)
			require.NoError(t, err)
			var pixels []Change
			for _, c := range rep {
				if c.Kind == ChangeTrackingPixel {
					pixels = append(pixels, c)
				}
			}
			if !tt.pixel {
				assert.Contains(t, out, "<img ", "kept")
				assert.Empty(t, pixels)
				return
			}
			assert.Equal(t, "<p>ab</p>", out)
			require.Len(t, pixels, 1, "%v", rep)
			assert.Equal(t, "img", pixels[0].Element)
			assert.Equal(t, 5, pixels[0].Column)
			assert.True(t, strings.HasPrefix(pixels[0].Value, "http") || strings.HasPrefix(pixels[0].Value, "//"), pixels[0].Value)
			assert.Equal(t, "tracking pixel dropped", pixels[0].Kind.String())

			// The switch turns it off, and the quick check never calls a
			// body with a pixel clean.
			keep := ArticlePolicy().Builder().DropTrackingPixels(false).Policy()
			assert.Contains(t, keep.Sanitize(body), "<img ")
			assert.False(t, quickClean(p, body))
			assert.False(t, quickClean(p, "<p>"+tt.img+"</p>"))
		})
	}
}

// A tracking pixel in an article's body is a problem for Validate, located
// at the img.
func TestValidateTrackingPixel(t *testing.T) {
	a, err := Parse(strings.NewReader("+++\ntitle = \"T\"\ndate = 2025-01-02T03:04:05Z\narticle_id = 1\nurl = \"/202501/1-t\"\n+++\n" +
		`<p>Text.<img src="https://pixel.example/t.gif?id=1" width="1" height="1"></p>`))
	require.NoError(t, err)
	err = Validator{Now: testValidator().Now}.Validate(a)
	require.ErrorIs(t, err, ErrUnsafeHTML)
	assert.EqualError(t, err, `7:9: body: unsafe HTML: tracking pixel dropped <img> "https://pixel.example/t.gif?id=1"`)
}

func TestPixelDimensions(t *testing.T) {
	for v, want := range map[string][2]bool{ // tiny, ok
		"0": {true, true}, "1": {true, true}, "01": {true, true}, "1.": {true, true}, "1.0": {true, true},
		"0.99": {true, true}, " \t1px": {true, true}, "1 2": {true, true}, "1.01": {false, true},
		"2": {false, true}, "10": {false, true}, "1%": {false, true}, "": {false, false},
		"px": {false, false}, "-1": {false, false}, "+1": {false, false}, ".5": {false, false},
	} {
		tiny, ok := tinyDimension(v, true)
		assert.Equal(t, want, [2]bool{tiny, ok}, "%q", v)
	}
}
