package article

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// Tracking pixels: images that show nothing and are there to tell a
// server who read the article. The sanitiser (sanitize.go) and the quick
// check (sanitize_quick.go) call isTrackingPixel on every img they keep.

// DropTrackingPixels sets whether an img that is a tracking pixel is
// dropped and reported as [ChangeTrackingPixel] (Value is its src). An img
// is a tracking pixel when
//
//   - its rendered width and height are both at most 1 CSS pixel: the
//     width and height attributes read as the HTML standard reads
//     dimension values ("1", "0", "1px" and "1.0" are 1 pixel or less;
//     "1%" and "" are not), overridden by width and height declarations of
//     its style attribute in px ("width:1px", "height: 0") — the forms feed
//     readers and newsletters write them in, such as FeedBurner's and
//     WordPress's <img src="…" width="1" height="1" /> and Meta's
//     <img height="1" width="1" style="display:none" src="…/tr?…">; or
//   - its src is on a host that serves nothing but measurement beacons
//     (pixel.wp.com, pixel.quantserve.com, b. and sb.scorecardresearch.com,
//     www., ssl. and google-analytics.com, stats.g.doubleclick.net), or is
//     Meta's pixel (www.facebook.com/tr) or FeedBurner's item-view pixel
//     (feeds.feedburner.com/~r/), whatever its size.
//
// A data: image of one pixel requests nothing and is not a tracker (lazy
// loaders use them as placeholders; see [PolicyBuilder.LazyImages]).
// [ArticlePolicy] drops tracking pixels; DropTrackingPixels(false) keeps
// them, as any other allowed img.
func (b *PolicyBuilder) DropTrackingPixels(on bool) *PolicyBuilder {
	b.d.news.dropPixels = on
	return b
}

// pixelAttrs collects what isTrackingPixel looks at among an img's
// attributes.
type pixelAttrs struct {
	width, height, style string
	hasWidth, hasHeight  bool
}

func (p *pixelAttrs) add(key, val string) {
	switch key {
	case "width":
		p.width, p.hasWidth = val, true
	case "height":
		p.height, p.hasHeight = val, true
	case "style":
		p.style = val
	}
}

// nodePixelAttrs returns the attributes of n as parsed, before any is
// removed: a style attribute says how large the author meant the image to
// be even though the policy removes it.
func nodePixelAttrs(n *html.Node) pixelAttrs {
	var p pixelAttrs
	for _, a := range n.Attr {
		if a.Namespace == "" {
			p.add(a.Key, a.Val)
		}
	}
	return p
}

// isTrackingPixel reports whether an img with attributes p and the checked
// src is a tracking pixel (see DropTrackingPixels).
func isTrackingPixel(p pixelAttrs, src string) bool {
	if trackerURL(src) {
		return true
	}
	w, wok := tinyDimension(p.width, p.hasWidth)
	h, hok := tinyDimension(p.height, p.hasHeight)
	if p.style != "" {
		if v, ok := styleLength(p.style, "width"); ok {
			w, wok = v, true
		}
		if v, ok := styleLength(p.style, "height"); ok {
			h, hok = v, true
		}
	}
	return wok && hok && w && h
}

// tinyDimension reads an img's width or height attribute by the HTML
// standard's rules for parsing dimension values (leading white space
// skipped, then digits, an optional fraction, and anything after ignored
// but for a '%', which makes it a percentage) and returns whether it is a
// length of at most one pixel; ok is false when it is absent or fails to
// parse (the attribute is then ignored by browsers).
func tinyDimension(v string, present bool) (tiny, ok bool) {
	if !present {
		return false, false
	}
	v = strings.TrimLeft(v, " \t\n\f\r")
	n, rest, ok := leadingNumber(v)
	if !ok {
		return false, false
	}
	return n <= 1 && !strings.HasPrefix(rest, "%"), true
}

// leadingNumber reads digits and an optional fraction (".5") at the start
// of v, as a value compared with 1: it returns 2 for anything above 1.
func leadingNumber(v string) (n float64, rest string, ok bool) {
	i := 0
	for i < len(v) && '0' <= v[i] && v[i] <= '9' {
		i++
	}
	if i == 0 {
		return 0, v, false
	}
	intPart := strings.TrimLeft(v[:i], "0")
	switch intPart {
	case "":
		n = 0
	case "1":
		n = 1
	default:
		n = 2
	}
	if i+1 < len(v) && v[i] == '.' && '0' <= v[i+1] && v[i+1] <= '9' {
		j := i + 1
		frac := false
		for j < len(v) && '0' <= v[j] && v[j] <= '9' {
			frac = frac || v[j] != '0'
			j++
		}
		if frac && n >= 1 {
			n = 2 // 1.5 is more than a pixel; 0.5 is less
		}
		i = j
	}
	return n, v[i:], true
}

// styleLength finds the last declaration of prop in a style attribute and
// reports whether its value is a length of at most one pixel ("0", "1px",
// "0.5px", with or without !important); ok is false when prop is not
// declared. A value in any other unit is a declaration that is not tiny.
func styleLength(style, prop string) (tiny, ok bool) {
	for _, decl := range strings.Split(style, ";") {
		name, val, found := strings.Cut(decl, ":")
		if !found || !strings.EqualFold(strings.TrimSpace(name), prop) {
			continue
		}
		val = strings.ToLower(strings.TrimSpace(val))
		val = strings.TrimSpace(strings.TrimSuffix(val, "!important"))
		n, rest, num := leadingNumber(val)
		tiny = num && (n == 0 || n <= 1 && rest == "px")
		ok = true
	}
	return tiny, ok
}

// trackerHosts serve measurement beacons only: an image from one of them
// shows nothing a reader needs.
var trackerHosts = nameSet(
	"pixel.wp.com",            // WordPress.com and Jetpack stats (g.gif, b.gif in feeds)
	"pixel.quantserve.com",    // Quantcast
	"b.scorecardresearch.com", // comScore
	"sb.scorecardresearch.com",
	"www.google-analytics.com", // Google Analytics (collect, __utm.gif)
	"ssl.google-analytics.com",
	"google-analytics.com",
	"stats.g.doubleclick.net",
)

// trackerURL reports whether src is a known tracking pixel's URL.
func trackerURL(src string) bool {
	u, err := url.Parse(strings.TrimSpace(src))
	if err != nil || u.Host == "" {
		return false
	}
	host := strings.ToLower(strings.TrimSuffix(u.Hostname(), "."))
	switch {
	case trackerHosts[host]:
		return true
	case host == "www.facebook.com":
		return u.Path == "/tr" || u.Path == "/tr/"
	case host == "feeds.feedburner.com":
		return strings.HasPrefix(u.Path, "/~r/")
	}
	return false
}
