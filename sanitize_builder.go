package article

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
)

// A PolicyBuilder collects the rules of a [Policy]. Its methods change the
// builder and return it, so that calls chain:
//
//	p := article.NewPolicy().
//		AllowElements("p", "br", "em", "strong").
//		AllowAttrs("href").OnElements("a").
//		RequireRel("nofollow").
//		Policy()
//
// A builder is not safe for concurrent use; the [Policy] it builds is.
// Element and attribute names are ASCII case-insensitive.
//
// A call that cannot take effect (an element that is always dropped or
// that no HTML parser creates, an attribute or URL scheme that is never
// allowed, an unknown link type, a callback for an element not allowed) is
// not ignored: it is recorded, and [PolicyBuilder.Build] returns it as a
// [*PolicyError] ([PolicyBuilder.Policy] panics with it). The rest of the
// call still takes effect.
type PolicyBuilder struct {
	d    policyData
	errs []error
}

// A PolicyError describes a [PolicyBuilder] call that cannot take effect.
type PolicyError struct {
	Method string // the builder method, such as "AllowElements"
	Name   string // the element, attribute, scheme or link type concerned
	Reason string
}

func (e *PolicyError) Error() string {
	return "article: " + e.Method + "(" + strconv.Quote(e.Name) + "): " + e.Reason
}

func (b *PolicyBuilder) fail(method, name, reason string) {
	b.errs = append(b.errs, &PolicyError{Method: method, Name: name, Reason: reason})
}

// An AttrBuilder is the half-finished rule returned by
// [PolicyBuilder.AllowAttrs] and [PolicyBuilder.RemoveAttrs]; finish it with
// [AttrBuilder.OnElements] or [AttrBuilder.Globally].
type AttrBuilder struct {
	b      *PolicyBuilder
	names  []string
	re     *regexp.Regexp
	remove bool
}

// An Action is what a callback registered with [PolicyBuilder.OnElement]
// decides for an element.

// NewPolicy returns a builder for a policy that allows no element at all:
// every element is unwrapped (or dropped, see [PolicyBuilder.DropElements])
// and only text remains. URLs default to http, https, mailto and relative
// URLs; links require rel="nofollow" (see [PolicyBuilder.RequireRel]); the
// limits are [DefaultMaxDepth], [DefaultMaxBodySize] and [DefaultMaxAttrs].
func NewPolicy() *PolicyBuilder {
	return &PolicyBuilder{d: newPolicyData()}
}

// Builder returns a builder that starts from a copy of p, for a policy
// derived from p. p itself is not changed.
//
//	p := article.ArticlePolicy().Builder().
//		RemoveElements("img", "figure", "figcaption").
//		ForceAttr("a", "target", "_blank").
//		Policy()
func (p *Policy) Builder() *PolicyBuilder {
	return &PolicyBuilder{d: p.d.clone()}
}

// Build returns the immutable policy built from the rules collected so far,
// or, if any call could not take effect, an error that joins a
// [*PolicyError] for each (test with [errors.As]). The builder can go on
// being used; later changes do not affect the result.
func (b *PolicyBuilder) Build() (*Policy, error) {
	if len(b.errs) > 0 {
		return nil, errors.Join(b.errs...)
	}
	d := b.d.clone()
	d.compile()
	return &Policy{d: d}, nil
}

// Policy is like [PolicyBuilder.Build] but panics if a call could not take
// effect, as [regexp.MustCompile] does. It suits policies written in the
// program, such as those built in a package variable's initialisation.
func (b *PolicyBuilder) Policy() *Policy {
	p, err := b.Build()
	if err != nil {
		panic(err)
	}
	return p
}

func (d *policyData) compile() {
	d.compiled = map[string]*elemInfo{}
	for name := range dropElements {
		d.compiled[name] = &elemInfo{drop: true}
	}
	for name := range d.drop {
		d.compiled[name] = &elemInfo{drop: true}
	}
	for name, r := range d.elems {
		if d.compiled[name] != nil {
			continue
		}
		info := &elemInfo{rule: r, attrs: map[string]attrSpec{},
			void: voidElements[name], formatting: formattingElements[name], nest: nestInfoOf(name)}
		for k, ar := range d.global {
			if !r.deny[k] {
				info.attrs[k] = attrSpec{ar, d.isURLAttr(k)}
			}
		}
		for k, ar := range r.attrs {
			info.attrs[k] = attrSpec{ar, d.isURLAttr(k)}
		}
		d.compiled[name] = info
	}
}

func lowerNames(names []string) []string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		out = append(out, strings.ToLower(strings.TrimSpace(n)))
	}
	return out
}

// AllowElements keeps the named elements (without attributes, unless
// allowed with [PolicyBuilder.AllowAttrs]). Naming an element that is always
// dropped (see [PolicyBuilder.DropElements]) or that this builder dropped,
// a name that is not an HTML element name, or an unknown element (one not
// in the HTML standard, obsolete ones included, and not a custom element,
// whose name has a hyphen) is an error (see [PolicyBuilder.Build]).
func (b *PolicyBuilder) AllowElements(names ...string) *PolicyBuilder {
	return b.allowElements("AllowElements", names)
}

func (b *PolicyBuilder) allowElements(method string, names []string) *PolicyBuilder {
	for _, n := range lowerNames(names) {
		switch {
		case !validName(n) || strings.Contains(n, ":"):
			b.fail(method, n, "not an HTML element name")
			continue
		case dropElements[n]:
			b.fail(method, n, "always dropped with its content")
			continue
		case b.d.drop[n]:
			b.fail(method, n, "dropped by DropElements")
			continue
		case !knownElements[n] && !strings.Contains(n, "-"):
			b.fail(method, n, "not an HTML element (a custom element's name has a hyphen)")
			continue
		}
		if b.d.elems[n] == nil {
			b.d.elems[n] = &elemRule{attrs: map[string]attrRule{}, deny: map[string]bool{}}
		}
	}
	return b
}

// RemoveElements takes the named elements out of the allowlist, together
// with their attribute rules, forced attributes and callbacks: they are then
// unwrapped (their content stays). This is how to narrow a preset:
//
//	ArticlePolicy().Builder().RemoveElements("table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption")
func (b *PolicyBuilder) RemoveElements(names ...string) *PolicyBuilder {
	for _, n := range lowerNames(names) {
		delete(b.d.elems, n)
	}
	return b
}

// DropElements removes the named elements together with their content, in
// addition to those that are always dropped:
//
//	script style template noscript noembed noframes xmp iframe plaintext
//	textarea title object embed applet frame frameset base meta link form
//	input button select option svg math head html body optgroup datalist
//	keygen canvas map area param dialog slot portal fencedframe menuitem
//	isindex selectedcontent
//
// (iframe is kept only by [PolicyBuilder.AllowEmbeds].)
//
// A dropped element is also taken out of the allowlist.
func (b *PolicyBuilder) DropElements(names ...string) *PolicyBuilder {
	for _, n := range lowerNames(names) {
		delete(b.d.elems, n)
		b.d.drop[n] = true
	}
	return b
}

// AllowAttrs starts a rule that allows the named attributes; finish it with
// [AttrBuilder.OnElements] or [AttrBuilder.Globally], optionally after
// [AttrBuilder.Matching].
//
// Event handlers (names starting with "on"), style, srcdoc, is and xmlns,
// namespaced attributes (any name with a colon), and names that are not
// plain lower-case ASCII are never allowed: naming one is an error (see
// [PolicyBuilder.Build]). The rel and target of a link are allowed like any
// attribute but then normalised (see [PolicyBuilder.RequireRel]).
func (b *PolicyBuilder) AllowAttrs(names ...string) *AttrBuilder {
	return &AttrBuilder{b: b, names: lowerNames(names)}
}

// RemoveAttrs starts a rule that takes the named attributes out of the
// allowlist; finish it with [AttrBuilder.OnElements] (the attributes are
// then refused on those elements even if allowed globally) or
// [AttrBuilder.Globally] (refused everywhere, including on elements that
// allowed them by name, and no longer forced). Removing what is not allowed
// does nothing.
func (b *PolicyBuilder) RemoveAttrs(names ...string) *AttrBuilder {
	return &AttrBuilder{b: b, names: lowerNames(names), remove: true}
}

// Matching restricts an allow rule to values that re matches (use ^ and $
// to match the whole value). It has no effect on a remove rule.
func (a *AttrBuilder) Matching(re *regexp.Regexp) *AttrBuilder {
	a.re = re
	return a
}

// OnElements applies the rule to the named elements. An allow rule also
// allows the elements themselves, as [PolicyBuilder.AllowElements] does,
// with the same errors, and a name it never allows is an error.
func (a *AttrBuilder) OnElements(elems ...string) *PolicyBuilder {
	b := a.b
	for _, e := range lowerNames(elems) {
		if a.remove {
			r := b.d.elems[e]
			if r == nil {
				continue
			}
			for _, n := range a.names {
				delete(r.attrs, n)
				r.deny[n] = true
			}
			continue
		}
		b.allowElements("OnElements", []string{e})
		r := b.d.elems[e]
		if r == nil {
			continue
		}
		for _, n := range a.names {
			if attrForbidden(n) {
				b.fail("AllowAttrs", n, "never allowed")
				continue
			}
			delete(r.deny, n)
			r.attrs[n] = attrRule{re: a.re}
		}
	}
	return b
}

// Globally applies the rule to every allowed element. For an allow rule, a
// name it never allows is an error.
func (a *AttrBuilder) Globally() *PolicyBuilder {
	b := a.b
	for _, n := range a.names {
		if a.remove {
			delete(b.d.global, n)
			for _, r := range b.d.elems {
				delete(r.attrs, n)
				kept := r.forced[:0]
				for _, f := range r.forced {
					if f.key != n {
						kept = append(kept, f)
					}
				}
				r.forced = kept
			}
			continue
		}
		if attrForbidden(n) {
			b.fail("AllowAttrs", n, "never allowed")
			continue
		}
		b.d.global[n] = attrRule{re: a.re}
	}
	return b
}

// AllowURLSchemes adds URL schemes (without the colon, e.g. "tel") to those
// allowed in URL-bearing attributes. javascript, vbscript and livescript are
// never allowed, and naming one, or a string that is not a scheme, is an
// error (see [PolicyBuilder.Build]).
func (b *PolicyBuilder) AllowURLSchemes(schemes ...string) *PolicyBuilder {
	for _, s := range lowerNames(schemes) {
		s = strings.TrimSuffix(s, ":")
		switch {
		case s == "" || urlScheme(s+":") != s:
			b.fail("AllowURLSchemes", s, "not a URL scheme")
		case neverSchemes[s]:
			b.fail("AllowURLSchemes", s, "never allowed")
		default:
			b.d.schemes[s] = true
		}
	}
	return b
}

// RemoveURLSchemes takes URL schemes out of those allowed; for example
// RemoveURLSchemes("http", "mailto") leaves https alone.
func (b *PolicyBuilder) RemoveURLSchemes(schemes ...string) *PolicyBuilder {
	for _, s := range lowerNames(schemes) {
		delete(b.d.schemes, strings.TrimSuffix(s, ":"))
	}
	return b
}

// AllowRelativeURLs sets whether URLs without a scheme ("/path", "../x",
// "#frag", "//host/path") are allowed. They are by default.
func (b *PolicyBuilder) AllowRelativeURLs(allow bool) *PolicyBuilder {
	b.d.relative = allow
	return b
}

// AddURLAttrs names attributes that hold a URL and must pass the URL check,
// in addition to href src srcset cite action formaction data poster ping
// background xlink:href longdesc manifest codebase archive lowsrc dynsrc
// itemtype. A name that is not an attribute name is an error (see
// [PolicyBuilder.Build]).
func (b *PolicyBuilder) AddURLAttrs(names ...string) *PolicyBuilder {
	for _, n := range lowerNames(names) {
		if !validName(n) {
			b.fail("AddURLAttrs", n, "not an attribute name")
			continue
		}
		b.d.urlAttrs[n] = true
	}
	return b
}

// RequireRel sets the link types that every link (an a element with an
// href) must carry in rel; they are added when missing. Calling it with no
// argument requires nothing. Whatever is required, rel is always
// normalised: split into tokens, lower-cased, duplicates and unknown link
// types removed; and a link with target="_blank" always gets noopener and
// noreferrer. Known link types are alternate author bookmark external help
// license me next nofollow noopener noreferrer prev search sponsored tag ugc;
// requiring another is an error (see [PolicyBuilder.Build]).
func (b *PolicyBuilder) RequireRel(tokens ...string) *PolicyBuilder {
	b.d.requireRel = b.d.requireRel[:0]
	for _, t := range lowerNames(tokens) {
		if !relTokens[t] {
			b.fail("RequireRel", t, "not a known link type")
			continue
		}
		if !hasString(b.d.requireRel, t) {
			b.d.requireRel = append(b.d.requireRel, t)
		}
	}
	return b
}

func hasString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// ForceAttr sets attribute attr to value on every kept elem, replacing any
// value from the body, whether or not the attribute is otherwise allowed;
// for example ForceAttr("img", "loading", "lazy"). An attribute that can
// never be allowed (see [PolicyBuilder.AllowAttrs]), a URL that fails the
// URL check, and an element not allowed (yet: allow elem first) are errors
// (see [PolicyBuilder.Build]).
func (b *PolicyBuilder) ForceAttr(elem, attr, value string) *PolicyBuilder {
	elem, attr = strings.ToLower(elem), strings.ToLower(attr)
	if attrForbidden(attr) {
		b.fail("ForceAttr", attr, "never allowed")
		return b
	}
	value = cleanValue(value)
	if b.d.isURLAttr(attr) {
		if _, ok := checkURLAttr(&b.d, attr, value); !ok {
			b.fail("ForceAttr", value, "fails the URL check")
			return b
		}
	}
	r := b.d.elems[elem]
	if r == nil {
		b.fail("ForceAttr", elem, "element not allowed")
		return b
	}
	for i, f := range r.forced {
		if f.key == attr {
			r.forced[i].val = value
			return b
		}
	}
	r.forced = append(r.forced, forcedAttr{attr, value})
	return b
}

// OnElement registers a callback for every kept element named elem, or for
// every kept element if elem is "*". Callbacks run in registration order,
// before the attribute checks; the first that does not return [ActionKeep]
// decides. They are called only for elements the policy allows, so they can
// remove or unwrap, and edit attributes, but never let through an element
// the policy refuses.
//
// A callback must be safe for concurrent use and idempotent: applied to
// its own output, it must change nothing. Otherwise sanitising is not
// idempotent, and when the output is checked by parsing it again (see
// [Policy.Sanitize]) the body is reduced to its text ([ErrUnstable]).
//
// A nil fn, or an elem not allowed (yet: allow it first), whose callback
// would never run, is an error (see [PolicyBuilder.Build]).
func (b *PolicyBuilder) OnElement(elem string, fn func(*ElementContext) Action) *PolicyBuilder {
	elem = strings.ToLower(elem)
	if fn == nil {
		b.fail("OnElement", elem, "nil callback")
		return b
	}
	if elem == "*" {
		b.d.everyCB = append(b.d.everyCB, fn)
		return b
	}
	r := b.d.elems[elem]
	if r == nil {
		b.fail("OnElement", elem, "element not allowed")
		return b
	}
	r.callbacks = append(r.callbacks, fn)
	return b
}

// CheckLinkText sets whether links are checked for text that looks like a
// web address ("https://…", "http://…", "www.…" or a bare host such as
// "bank.example/login") for a host other than the host of their href, as
// a phishing guard. Such a link is reported as [ChangeLinkTextFlagged], or
// unwrapped and reported as [ChangeLinkTextMismatch] with
// [PolicyBuilder.UnwrapLinkTextMismatch]. The text is read as a reader
// sees it: NFKC-normalised, without format characters such as zero-width
// spaces and direction marks; web.archive.org links count as links to the
// URL they archive, and links through URL shorteners are never unwrapped.
// See sanitize_linktext.go for the exact rules.
func (b *PolicyBuilder) CheckLinkText(on bool) *PolicyBuilder {
	b.d.linkText = on
	return b
}

// MaxDepth sets the maximum element nesting depth of a body, counted in the
// parsed tree; n <= 0 means [DefaultMaxDepth]. Values above 500 are lowered
// to 500, below the HTML parser's own limit of 512.
func (b *PolicyBuilder) MaxDepth(n int) *PolicyBuilder {
	if n <= 0 {
		n = DefaultMaxDepth
	}
	b.d.maxDepth = min(n, 500)
	return b
}

// MaxAttrs sets the maximum number of attributes of one element (as
// parsed: of attributes with the same name, the parser keeps the first);
// n <= 0 means [DefaultMaxAttrs]. The attributes of an element past the
// limit are removed without being looked at one by one, and reported as
// one [ChangeAttrLimit]; the first n go through the checks as usual. This
// bounds the work and the report for a tag with a huge number of
// attributes.
func (b *PolicyBuilder) MaxAttrs(n int) *PolicyBuilder {
	if n <= 0 {
		n = DefaultMaxAttrs
	}
	b.d.maxAttrs = n
	return b
}

// MaxBodySize sets the maximum body size in bytes, which applies to the
// body and to the cleaned body (so that cleaning the result again gives it
// back unchanged); n <= 0 means [DefaultMaxBodySize]. A body past it is
// reduced to its text (see [Policy.Sanitize]). Sanitising is linear in the
// size of the body (tens of milliseconds per megabyte), so the limit is
// there to bound memory, not time: the default is four times
// [DefaultMaxSize], so that every body a default [Decoder] accepts keeps
// its markup unless cleaning makes it more than four times longer.
func (b *PolicyBuilder) MaxBodySize(n int) *PolicyBuilder {
	if n <= 0 {
		n = DefaultMaxBodySize
	}
	b.d.maxSize = n
	return b
}
