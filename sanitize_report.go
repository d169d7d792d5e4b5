package article

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ChangeKind says what a [Change] did.
type ChangeKind int

// The kinds of [Change].
const (
	// ChangeElementDropped: an element was removed with its content.
	ChangeElementDropped ChangeKind = iota + 1
	// ChangeElementUnwrapped: an element was removed, its content kept.
	ChangeElementUnwrapped
	// ChangeAttrRemoved: an attribute not allowed, or with a value not
	// allowed, was removed.
	ChangeAttrRemoved
	// ChangeURLRejected: a URL-bearing attribute was removed because a URL
	// in it failed the URL check, or, for a srcset, because an image
	// candidate did not parse as the HTML standard's srcset parser reads
	// it. Value is the URL, or the candidate.
	ChangeURLRejected
	// ChangeURLCleaned: spaces, tabs or line breaks were removed from a URL.
	ChangeURLCleaned
	// ChangeRelRewritten: a link's rel was added or normalised. Value is
	// the rel before.
	ChangeRelRewritten
	// ChangeAttrSet: an attribute was set by [PolicyBuilder.ForceAttr] or by
	// a callback, or a link's target was normalised to "_blank". Value is
	// the value before.
	ChangeAttrSet
	// ChangeLinkTextMismatch: a link was unwrapped because its text names
	// another host than its href ([PolicyBuilder.CheckLinkText]). Value is
	// the href.
	ChangeLinkTextMismatch
	// ChangeCommentDropped: a comment (or a processing instruction or bogus
	// comment, which HTML parses as comments) was removed. Value is its text.
	ChangeCommentDropped
	// ChangeAttrLimit: an element had more attributes than the policy's
	// limit ([PolicyBuilder.MaxAttrs]); those past the limit were removed
	// without being looked at one by one. Attr is the first of them, Value
	// their number.
	ChangeAttrLimit
	// ChangeTextOnly: the body was reduced to its text, without any markup,
	// because it could not be cleaned safely: it was past a limit of the
	// policy, or its cleaned form did not settle. It is the only change in
	// the report, and SanitizeReport also returns the error, which Value
	// repeats. See [Policy.Sanitize].
	ChangeTextOnly
	// ChangeLinkTextFlagged: a link whose text names another host than its
	// href (or a link through a URL shortener whose text is an address)
	// was kept, and is reported for review ([PolicyBuilder.CheckLinkText],
	// [PolicyBuilder.UnwrapLinkTextMismatch]). Value is the href. It
	// changes nothing in the body, and is reported again each time the
	// body is cleaned.
	ChangeLinkTextFlagged
	// ChangeHeadingDemoted: an h1 was written as h2
	// ([PolicyBuilder.DemoteH1]).
	ChangeHeadingDemoted
	// ChangeIDPrefixed: an id, or the name of an a, was given the policy's
	// prefix ([PolicyBuilder.PrefixIDs]). Value is the value before.
	ChangeIDPrefixed
	// ChangeFragmentRewritten: a link to a fragment of the same document
	// ("#fn1") was given the policy's id prefix, to match the id
	// ([PolicyBuilder.PrefixIDs]). Value is the href before.
	ChangeFragmentRewritten
	// ChangeLazySrc: an img's missing or refused src (or srcset) was
	// replaced by the URL of a lazy-loading attribute such as data-src,
	// which was removed ([PolicyBuilder.LazyImages]). Value is the value
	// before.
	ChangeLazySrc
	// ChangeEmbedRestricted: an iframe's sandbox or referrerpolicy was
	// set, or its allow or allowfullscreen narrowed
	// ([PolicyBuilder.AllowEmbeds]). Value is the value before.
	ChangeEmbedRestricted

	// The structure check: what a browser would read differently once the
	// body is put inside a page. Each of these changes nothing in the
	// cleaned body (which closes what it opens), and reports input that
	// the parser dropped or repaired, and that in a page could take in,
	// or break out of, the elements around the body. See
	// [Policy.SanitizeReport].

	// ChangeUnfinishedMarkup: the body ends inside markup: a tag, end tag
	// or attribute without its '>' (Element is its name), a comment,
	// doctype or CDATA section without its end, a '<' or "</", or a
	// numeric character reference without its ';'. The parser drops it (or
	// reads the comment to the end); in a page, a browser completes it
	// with the markup that follows the body. Located at its '<' (or '&');
	// Value is the run.
	ChangeUnfinishedMarkup
	// ChangeMarkupInAttr: an attribute value holds a tag ('<' followed by
	// a letter, '/' or '!'): the mark of a quote left open, which swallowed
	// the text and tags after it up to the next quote, none of which a
	// browser shows. Located at the attribute; Value is the value.
	ChangeMarkupInAttr
	// ChangeNULDropped: a run of NUL bytes, which the parser drops from
	// text (and turns into U+FFFD elsewhere). Located at the first.
	ChangeNULDropped
	// ChangeTagIgnored: a start tag that the parser ignores where it is:
	// html, body, head, frameset and frame anywhere in a body (a browser
	// adds the attributes of html and body to the page's own elements), a
	// table part outside a table, a form inside a form, most tags inside a
	// select.
	ChangeTagIgnored
	// ChangeElementLeftOpen: an element that the body opens and does not
	// close; in a page, it would take in what follows the body (a
	// formatting element such as a or b is reopened around it). Elements
	// whose end tag HTML lets the end of an element around them imply are
	// not reported: p, li, dd, dt, option, optgroup, the ruby parts, and the
	// parts of a table (but not the table). Located at its start tag.
	ChangeElementLeftOpen
	// ChangeStrayEndTag: an end tag that closes nothing the body opened
	// (</div> after every div is closed, </p> without a p, </form>); in a
	// page, it would close one of the page's elements. </br>, which the
	// parser reads as <br>, is not reported.
	ChangeStrayEndTag
	// ChangeNotContained: put inside an element, <div>BODY</div>, the body
	// changes the page that follows it, in a way that none of the kinds
	// above names (the check that stands behind them). Located at the
	// start of the body.
	ChangeNotContained

	// ChangeTrackingPixel: an img was dropped as a tracking pixel, one
	// pixel large or from a beacon's URL
	// ([PolicyBuilder.DropTrackingPixels]). Value is its src.
	ChangeTrackingPixel
)

var changeKindNames = [...]string{
	ChangeElementDropped:    "element dropped",
	ChangeElementUnwrapped:  "element unwrapped",
	ChangeAttrRemoved:       "attribute removed",
	ChangeURLRejected:       "URL rejected",
	ChangeURLCleaned:        "URL cleaned",
	ChangeRelRewritten:      "rel rewritten",
	ChangeAttrSet:           "attribute set",
	ChangeLinkTextMismatch:  "link text mismatch",
	ChangeCommentDropped:    "comment dropped",
	ChangeAttrLimit:         "attributes over limit",
	ChangeTextOnly:          "reduced to text",
	ChangeLinkTextFlagged:   "link text flagged",
	ChangeHeadingDemoted:    "heading demoted",
	ChangeIDPrefixed:        "id prefixed",
	ChangeFragmentRewritten: "fragment rewritten",
	ChangeLazySrc:           "lazy src used",
	ChangeEmbedRestricted:   "embed restricted",
	ChangeUnfinishedMarkup:  "unfinished markup",
	ChangeMarkupInAttr:      "markup in attribute",
	ChangeNULDropped:        "NUL dropped",
	ChangeTagIgnored:        "tag ignored",
	ChangeElementLeftOpen:   "element left open",
	ChangeStrayEndTag:       "stray end tag",
	ChangeNotContained:      "body not contained",
	ChangeTrackingPixel:     "tracking pixel dropped",
}

// String returns a short English description, such as "URL rejected".
func (k ChangeKind) String() string {
	if k > 0 && int(k) < len(changeKindNames) {
		return changeKindNames[k]
	}
	return "ChangeKind(" + strconv.Itoa(int(k)) + ")"
}

// A Change is one change made while cleaning a body.
type Change struct {
	Kind    ChangeKind
	Element string // tag name of the element concerned, as parsed (lower case for HTML); "" for a comment
	Attr    string // attribute concerned, if any; "ns:name" for a namespaced one
	Value   string // offending value (a dropped element's text), shortened to 64 bytes ("…" marks a cut)

	// Line and Column locate the element's start tag, or the attribute's
	// name in it, in the body, as go/token does: both count from 1, and
	// Column counts bytes from the start of the line. Lines end at "\n",
	// "\r\n" or "\r". Offset is the same place as a byte offset in the body,
	// counted from 0.
	//
	// Positions are in the body as given to SanitizeReport, not in the file
	// it came from: for the Body of an [Article] read by Parse, which starts
	// after the front matter, [Article.BodyPosition] converts Offset into
	// the line and column in the file.
	//
	// The HTML parser repairs some markup by creating or cloning elements
	// (an implied tbody, a formatting element reopened after a mis-nested
	// end tag) or by moving them (content misplaced in a table). Such an
	// element is located at the nearest tag that exists in the body.
	Line, Column int
	Offset       int
}

// String formats the change for people, as in
//
//	3:14: URL rejected <a href> "javascript:alert(1)"
func (c Change) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d:%d: %s", c.Line, c.Column, c.Kind)
	if c.Element != "" || c.Attr != "" {
		b.WriteString(" <")
		b.WriteString(c.Element)
		if c.Attr != "" {
			if c.Element != "" {
				b.WriteByte(' ')
			}
			b.WriteString(c.Attr)
		}
		b.WriteByte('>')
	}
	if c.Value != "" {
		b.WriteByte(' ')
		b.WriteString(strconv.Quote(c.Value))
	}
	return b.String()
}

// A Report lists the changes made by [Policy.SanitizeReport], in the order
// of the body. A nil or empty report means the body was kept as it was
// (apart from re-serialisation).
type Report []Change

// String returns one change per line.
func (r Report) String() string {
	var b strings.Builder
	for i, c := range r {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(c.String())
	}
	return b.String()
}

// maxChangeValue is the length to which Change.Value is shortened.
const maxChangeValue = 64

func shortValue(s string) string {
	if len(s) <= maxChangeValue {
		return s
	}
	i := maxChangeValue
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}
