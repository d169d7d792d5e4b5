package article

import "strings"

// The parts of ArticlePolicy for the content news feeds deliver beyond
// text: headings and disclosure widgets, media with their fallback
// content, pictures, and table columns.

// newsElements are allowed by ArticlePolicy on top of the text elements.
var newsElements = []string{
	"h1", // demoted to h2, see PolicyBuilder.DemoteH1
	"details", "summary",
	"video", "audio", "source", "track",
	"picture",
	"colgroup", "col",
}

// allowNewsAttrs adds ArticlePolicy's attribute rules for newsElements and
// table cells.
func allowNewsAttrs(d *policyData) {
	set := func(elem string, rules map[string]attrRule) {
		r := d.elems[elem]
		for k, v := range rules {
			r.attrs[k] = v
		}
	}
	boolean := func(name string) attrRule {
		return attrRule{valid: func(v string) bool { return v == "" || strings.EqualFold(v, name) }}
	}
	url := attrRule{} // the URL check applies by name
	dim := attrRule{valid: validDimension}
	preload := attrRule{valid: valueIn("", "none", "metadata", "auto")}
	set("details", map[string]attrRule{"open": boolean("open")})
	set("video", map[string]attrRule{
		"src": url, "poster": url, "controls": boolean("controls"), "preload": preload,
		"width": dim, "height": dim, "muted": boolean("muted"), "loop": boolean("loop"),
		"playsinline": boolean("playsinline"),
	})
	set("audio", map[string]attrRule{
		"src": url, "controls": boolean("controls"), "preload": preload,
		"muted": boolean("muted"), "loop": boolean("loop"),
	})
	set("source", map[string]attrRule{
		"src": url, "srcset": url, "sizes": {valid: maxLen(500)},
		"type": {valid: validMIMEType}, "media": {valid: maxLen(500)},
		"width": dim, "height": dim,
	})
	set("track", map[string]attrRule{
		"src": url, "kind": {valid: valueIn("subtitles", "captions", "descriptions", "chapters", "metadata")},
		"srclang": {valid: validLangTag}, "label": {}, "default": boolean("default"),
	})
	set("col", map[string]attrRule{"span": {valid: validSpan}})
	set("colgroup", map[string]attrRule{"span": {valid: validSpan}})
	align := attrRule{valid: valueIn("left", "center", "right", "justify")}
	set("td", map[string]attrRule{"align": align})
	set("th", map[string]attrRule{"align": align})
}

func maxLen(n int) func(string) bool {
	return func(v string) bool { return len(v) <= n }
}

// validMIMEType accepts a MIME type with optional parameters, as in
// `video/mp4; codecs="avc1.42E01E"`: printable ASCII without '<', '>'
// or '\\', at most 200 bytes, with a '/'.
func validMIMEType(v string) bool {
	if len(v) > 200 || !strings.Contains(v, "/") {
		return false
	}
	for i := 0; i < len(v); i++ {
		if c := v[i]; c < ' ' || c > '~' || c == '<' || c == '>' || c == '\\' {
			return false
		}
	}
	return true
}

// validLangTag accepts a BCP 47-shaped tag: letters, digits and '-', 1 to
// 35 bytes, starting with a letter.
func validLangTag(v string) bool {
	if v == "" || len(v) > 35 || !('a' <= v[0]|0x20 && v[0]|0x20 <= 'z') {
		return false
	}
	for i := 0; i < len(v); i++ {
		c := v[i] | 0x20
		if !('a' <= c && c <= 'z' || '0' <= v[i] && v[i] <= '9' || v[i] == '-') {
			return false
		}
	}
	return true
}
