package article

import (
	"regexp"
	"strings"
	"sync"
)

// A Policy decides which elements, attributes and URLs of an HTML body are
// kept by [Policy.Sanitize] and [Policy.SanitizeReport].
//
// Get one from [ArticlePolicy], or build one with [NewPolicy] or
// [Policy.Builder]. A Policy is immutable once built and safe for concurrent
// use by multiple goroutines (provided that the callbacks registered with
// [PolicyBuilder.OnElement] are). The zero Policy keeps the text only.
//
// Whatever a policy says, an a element without an acceptable href is
// unwrapped (unless ids are prefixed and it has an id or name: an anchor),
// an img without an acceptable src is dropped, and some things are never
// kept:
//
//   - elements outside the HTML namespace (svg and math subtrees) and
//     attributes with a namespace;
//   - the elements listed under [PolicyBuilder.DropElements], which are
//     removed together with their content;
//   - event handler attributes (any name starting with "on"), style, srcdoc
//     and the other names that [PolicyBuilder.AllowAttrs] never allows;
//   - URLs with a scheme other than those allowed (never javascript:,
//     vbscript: or livescript:), URLs with user information
//     ("https://user@host/"), and URLs containing control characters or
//     backslashes;
//   - comments, processing instructions and doctypes.
type Policy struct {
	d policyData
}

type Action int

const (
	// ActionKeep keeps the element; its attributes then go through the
	// policy's attribute and URL checks as usual.
	ActionKeep Action = iota
	// ActionUnwrap removes the element's tags and keeps its content.
	ActionUnwrap
	// ActionDrop removes the element together with its content.
	ActionDrop
)

// An ElementContext describes an element to a callback registered with
// [PolicyBuilder.OnElement]. The callback may read and change the element's
// attributes; whatever it sets is still subject to the policy's attribute
// allowlist and URL checks, so a callback cannot make the output unsafe.
type ElementContext struct {
	// Name is the element's tag name, in lower case.
	Name string
	// Parent is the tag name of the parent element in the parsed body, or
	// "" for an element at the top level.
	Parent string
	// Depth is the element's nesting depth: 1 at the top level.
	Depth int

	attrs   []htmlAttr
	changes []attrChange
}

type htmlAttr struct{ key, val string }

type attrChange struct {
	key, old string
	removed  bool
}

// Attr returns the value of the named attribute and whether it is present.
func (c *ElementContext) Attr(name string) (string, bool) {
	name = strings.ToLower(name)
	for _, a := range c.attrs {
		if a.key == name {
			return a.val, true
		}
	}
	return "", false
}

// SetAttr sets the named attribute, adding it if absent. The change is
// reported as [ChangeAttrSet].
func (c *ElementContext) SetAttr(name, value string) {
	name = strings.ToLower(name)
	for i, a := range c.attrs {
		if a.key == name {
			if a.val != value {
				c.changes = append(c.changes, attrChange{key: name, old: a.val})
				c.attrs[i].val = value
			}
			return
		}
	}
	c.changes = append(c.changes, attrChange{key: name})
	c.attrs = append(c.attrs, htmlAttr{name, value})
}

// RemoveAttr removes the named attribute, if present. The change is reported
// as [ChangeAttrRemoved].
func (c *ElementContext) RemoveAttr(name string) {
	name = strings.ToLower(name)
	for i, a := range c.attrs {
		if a.key == name {
			c.changes = append(c.changes, attrChange{key: name, old: a.val, removed: true})
			c.attrs = append(c.attrs[:i], c.attrs[i+1:]...)
			return
		}
	}
}

type attrRule struct {
	re    *regexp.Regexp    // set by AttrBuilder.Matching
	valid func(string) bool // built-in value checks
}

func (r attrRule) ok(v string) bool {
	if r.valid != nil && !r.valid(v) {
		return false
	}
	return r.re == nil || r.re.MatchString(v)
}

type forcedAttr struct{ key, val string }

type elemRule struct {
	attrs     map[string]attrRule
	deny      map[string]bool // attributes refused here even if allowed globally
	forced    []forcedAttr
	callbacks []func(*ElementContext) Action
}

// elemInfo is what the walk needs to know about an element name, compiled
// when the policy is built so that one map lookup answers it.
type elemInfo struct {
	drop       bool
	rule       *elemRule           // nil unless allowed
	attrs      map[string]attrSpec // allowed attributes: the element's and the global ones
	void       bool
	formatting bool
	nest       nestInfo
}

type attrSpec struct {
	attrRule
	url bool // checked as a URL
}

type policyData struct {
	compiled   map[string]*elemInfo // built by compile; nil in a builder
	elems      map[string]*elemRule
	global     map[string]attrRule
	drop       map[string]bool // drop-with-content, on top of the built-in set
	urlAttrs   map[string]bool // on top of the built-in set
	schemes    map[string]bool
	relative   bool
	requireRel []string
	linkText   bool
	everyCB    []func(*ElementContext) Action
	maxDepth   int
	maxSize    int
	maxAttrs   int
	news       newsOptions // sanitize_news.go
}

// Defaults of the limits; see [PolicyBuilder.MaxDepth],
// [PolicyBuilder.MaxBodySize] and [PolicyBuilder.MaxAttrs].
const (
	DefaultMaxDepth    = 256
	DefaultMaxBodySize = 4 * DefaultMaxSize
	DefaultMaxAttrs    = 100
)

// dropElements are removed with their content: their content is not text
// for the reader, or they change how the rest of the page is parsed,
// fetched or submitted.
var dropElements = nameSet(
	// from the design
	"script", "style", "template", "noscript", "noembed", "noframes", "xmp",
	"iframe", "plaintext", "textarea", "title", "object", "embed", "applet",
	"frame", "frameset", "base", "meta", "link", "form", "input", "button",
	"select", "option",
	// foreign roots (also caught by the namespace check)
	"svg", "math",
	// content that is not text for the reader
	"head", "html", "body", "optgroup", "datalist", "keygen", "canvas", "map", "area", "param", "dialog", "slot",
	"portal", "fencedframe", "menuitem", "isindex", "selectedcontent",
)

// knownElements are the elements of the HTML standard, obsolete ones
// included, that the HTML parser creates in the HTML namespace (image is
// not one: the parser reads it as img).
var knownElements = nameSet("a", "abbr", "acronym", "address", "applet",
	"area", "article", "aside", "audio", "b", "base", "basefont", "bdi", "bdo",
	"bgsound", "big", "blink", "blockquote", "body", "br", "button", "canvas",
	"caption", "center", "cite", "code", "col", "colgroup", "data", "datalist",
	"dd", "del", "details", "dfn", "dialog", "dir", "div", "dl", "dt", "em",
	"embed", "fencedframe", "fieldset", "figcaption", "figure", "font",
	"footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6",
	"head", "header", "hgroup", "hr", "html", "i", "iframe", "img", "input",
	"ins", "isindex", "kbd", "keygen", "label", "legend", "li", "link",
	"listing", "main", "map", "mark", "marquee", "menu", "menuitem", "meta",
	"meter", "multicol", "nav", "nextid", "nobr", "noembed", "noframes",
	"noscript", "object", "ol", "optgroup", "option", "output", "p", "param",
	"picture", "plaintext", "portal", "pre", "progress", "q", "rb", "rp", "rt",
	"rtc", "ruby", "s", "samp", "script", "search", "section", "select",
	"selectedcontent", "slot", "small", "source", "spacer", "span", "strike",
	"strong", "style", "sub", "summary", "sup", "table", "tbody", "td",
	"template", "textarea", "tfoot", "th", "thead", "time", "title", "tr",
	"track", "tt", "u", "ul", "var", "video", "wbr", "xmp")

// neverAttrs can never be allowed, whatever the policy says.
var neverAttrs = nameSet("style", "srcdoc", "is", "xmlns")

// defaultURLAttrs are checked as URLs on every element.
var defaultURLAttrs = nameSet("href", "src", "srcset", "cite", "action",
	"formaction", "data", "poster", "ping", "background", "xlink:href",
	"longdesc", "manifest", "codebase", "archive", "lowsrc", "dynsrc", "itemtype")

// neverSchemes can never be allowed.
var neverSchemes = nameSet("javascript", "vbscript", "livescript")

// relTokens are the link types kept in rel; others are removed.
var relTokens = nameSet("alternate", "author", "bookmark", "external", "help",
	"license", "me", "next", "nofollow", "noopener", "noreferrer", "prev",
	"search", "sponsored", "tag", "ugc")

// formattingElements are those whose attributes the x/net parser sorts.
var formattingElements = nameSet("a", "b", "big", "code", "em", "font", "i",
	"nobr", "s", "small", "strike", "strong", "tt", "u")

var voidElements = nameSet("area", "base", "br", "col", "embed", "hr", "img",
	"input", "keygen", "link", "meta", "param", "source", "track", "wbr")

func nameSet(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// validName reports whether s is a lower-case element or attribute name the
// serialiser can write without escaping: an ASCII letter followed by letters,
// digits, '-', '_', '.' or ':'.
func validName(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == ':') {
			return false
		}
	}
	return true
}

func attrForbidden(name string) bool {
	return !validName(name) || strings.HasPrefix(name, "on") || neverAttrs[name] ||
		strings.Contains(name, ":") // namespaced, such as xml:lang or xlink:href
}

func newPolicyData() policyData {
	return policyData{
		elems:      map[string]*elemRule{},
		global:     map[string]attrRule{},
		drop:       map[string]bool{},
		urlAttrs:   map[string]bool{},
		schemes:    nameSet("http", "https", "mailto"),
		relative:   true,
		requireRel: []string{"nofollow"},
		maxDepth:   DefaultMaxDepth,
		maxSize:    DefaultMaxBodySize,
		maxAttrs:   DefaultMaxAttrs,
	}
}

func (d *policyData) clone() policyData {
	c := *d
	c.compiled = nil
	c.elems = make(map[string]*elemRule, len(d.elems))
	for k, r := range d.elems {
		nr := &elemRule{
			attrs:     make(map[string]attrRule, len(r.attrs)),
			deny:      make(map[string]bool, len(r.deny)),
			forced:    append([]forcedAttr(nil), r.forced...),
			callbacks: append([]func(*ElementContext) Action(nil), r.callbacks...),
		}
		for a, ar := range r.attrs {
			nr.attrs[a] = ar
		}
		for a := range r.deny {
			nr.deny[a] = true
		}
		c.elems[k] = nr
	}
	c.global = make(map[string]attrRule, len(d.global))
	for k, v := range d.global {
		c.global[k] = v
	}
	c.drop = make(map[string]bool, len(d.drop))
	for k := range d.drop {
		c.drop[k] = true
	}
	c.urlAttrs = make(map[string]bool, len(d.urlAttrs))
	for k := range d.urlAttrs {
		c.urlAttrs[k] = true
	}
	c.schemes = make(map[string]bool, len(d.schemes))
	for k := range d.schemes {
		c.schemes[k] = true
	}
	c.requireRel = append([]string(nil), d.requireRel...)
	c.everyCB = append([]func(*ElementContext) Action(nil), d.everyCB...)
	c.news = d.news.clone()
	return c
}

func (d *policyData) isURLAttr(name string) bool {
	return defaultURLAttrs[name] || d.urlAttrs[name]
}

var articlePolicy = sync.OnceValue(func() *Policy {
	b := NewPolicy().
		AllowElements("p", "br", "hr", "h2", "h3", "h4", "h5", "h6",
			"strong", "b", "em", "i", "u", "s", "sub", "sup", "small", "mark",
			"del", "ins", "kbd", "samp", "var", "wbr", "dfn",
			"blockquote", "q", "cite", "code", "pre",
			"ul", "ol", "li", "dl", "dt", "dd",
			"a", "img", "figure", "figcaption",
			"table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
			"abbr", "time", "span").
		AllowElements(newsElements...).
		AllowAttrs("title", "lang", "id").Globally().
		AllowAttrs("href", "rel", "target", "name").OnElements("a").
		AllowAttrs("src", "srcset", "sizes", "alt", "width", "height", "loading").OnElements("img").
		AllowAttrs("cite").OnElements("blockquote", "q", "del", "ins").
		AllowAttrs("datetime").OnElements("time", "del", "ins").
		AllowAttrs("start", "reversed", "type").OnElements("ol").
		AllowAttrs("value").OnElements("li").
		AllowAttrs("colspan", "rowspan").OnElements("td", "th").
		AllowAttrs("scope", "abbr").OnElements("th").
		RequireRel("nofollow").
		AllowURLSchemes("tel").
		CheckLinkText(true).
		DemoteH1(true).
		PrefixIDs("user-content-").
		LazyImages(true).
		DropTrackingPixels(true)
	d := &b.d
	allowNewsAttrs(d)
	d.global["dir"] = attrRule{valid: valueIn("ltr", "rtl", "auto")}
	img := d.elems["img"]
	img.attrs["width"] = attrRule{valid: validDimension}
	img.attrs["height"] = attrRule{valid: validDimension}
	img.attrs["loading"] = attrRule{valid: valueIn("lazy", "eager")}
	for _, e := range []string{"td", "th"} {
		d.elems[e].attrs["colspan"] = attrRule{valid: validSpan}
		d.elems[e].attrs["rowspan"] = attrRule{valid: validSpan}
	}
	d.elems["th"].attrs["scope"] = attrRule{valid: valueIn("row", "col", "rowgroup", "colgroup")}
	d.elems["ol"].attrs["start"] = attrRule{valid: validInt}
	d.elems["ol"].attrs["reversed"] = attrRule{valid: func(v string) bool { return v == "" || strings.EqualFold(v, "reversed") }}
	d.elems["ol"].attrs["type"] = attrRule{valid: valueIn("1", "a", "A", "i", "I")}
	d.elems["li"].attrs["value"] = attrRule{valid: validInt}
	return b.Policy()
})

// ArticlePolicy returns the policy for article bodies, the one [Sanitize]
// uses. It is built once and shared; derive a modified copy with
// [Policy.Builder]. It keeps everything in a news body that is safe to
// show on the site's own pages, and reports every change.
//
// Elements kept (all others are unwrapped, their content kept, or dropped
// with their content as listed under [PolicyBuilder.DropElements]):
//
//	p br hr h2 h3 h4 h5 h6           text and structure
//	h1                               written as h2 (see PolicyBuilder.DemoteH1)
//	strong b em i u s sub sup small mark del ins kbd samp var wbr dfn
//	blockquote q cite code pre abbr time span
//	ul ol li dl dt dd
//	details summary                  disclosure (FAQ boxes, "how we reported")
//	a                                links and in-page anchors
//	img figure figcaption picture    images, with art direction
//	video audio source track         media, with their fallback content
//	table thead tbody tfoot tr th td caption colgroup col
//
// Attributes kept:
//
//	every element   title lang dir (ltr, rtl or auto)
//	                id (prefixed, see below)
//	a               href rel target name (prefixed)
//	img             src srcset sizes alt width height (digits, optional %)
//	                loading (lazy or eager)
//	video           src poster controls preload (none metadata auto)
//	                width height muted loop playsinline
//	audio           src controls preload muted loop
//	source          src srcset sizes type media width height
//	track           src kind srclang label default
//	details         open
//	blockquote q    cite
//	del ins         cite datetime
//	time            datetime
//	ol              start (integer) reversed type (1 a A i I)
//	li              value (integer)
//	td th           colspan rowspan (1 to 1000) align (left center right
//	                justify)
//	th              scope (row col rowgroup colgroup) abbr
//	col colgroup    span (1 to 1000)
//
// Every URL (href, src, srcset, poster, cite…) passes the URL check: http,
// https, mailto, tel or relative. Links get rel="nofollow"; target may only
// be _blank, which adds noopener and noreferrer to rel. A link without an
// acceptable href is unwrapped, unless it is an anchor (an id or a name);
// an image without an acceptable src is dropped, unless a lazy-loading
// attribute holds one ([PolicyBuilder.LazyImages]), and so is a tracking
// pixel ([PolicyBuilder.DropTrackingPixels]). Ids and link names are
// prefixed with "user-content-" and links to "#x" rewritten to
// "#user-content-x" ([PolicyBuilder.PrefixIDs]). A link whose text names
// another host than its href is kept and reported
// ([PolicyBuilder.CheckLinkText], [ChangeLinkTextFlagged]).
//
// Why the rest goes: script, style, event handlers (on…), the style
// attribute and everything that runs code, loads a page into the page or
// submits data (iframe, object, embed, form and its controls, base, meta,
// link) are dropped, since a body comes from a feed, not from the site;
// iframes can be allowed per host with [PolicyBuilder.AllowEmbeds].
// autoplay is removed, so nothing plays on its own. class is removed, so
// a body cannot borrow the site's styles (hidden overlays, fake buttons);
// data-* attributes are removed, as they only feed scripts. svg and math
// are dropped, as foreign content is where mutation XSS lives. Layout
// elements with no meaning for a reader (div, section, article, nav, font,
// center) are unwrapped, their content kept. The limits are
// [DefaultMaxDepth], [DefaultMaxBodySize] and [DefaultMaxAttrs].
func ArticlePolicy() *Policy {
	return articlePolicy()
}

func valueIn(vals ...string) func(string) bool {
	return func(v string) bool {
		for _, x := range vals {
			if v == x {
				return true
			}
		}
		return false
	}
}

func validInt(v string) bool {
	v = strings.TrimPrefix(v, "-")
	if v == "" || len(v) > 9 {
		return false
	}
	for i := 0; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' {
			return false
		}
	}
	return true
}

func validSpan(v string) bool {
	if !validInt(v) || v[0] == '-' || len(v) > 4 {
		return false
	}
	return v != "0" && (len(v) < 4 || v <= "1000")
}

func validDimension(v string) bool {
	v = strings.TrimSuffix(v, "%")
	return validInt(v) && v[0] != '-' && len(v) <= 5
}
