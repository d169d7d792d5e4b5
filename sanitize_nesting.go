package article

// The nesting check. The HTML parser builds trees that markup cannot express:
// an a inside an a (adoption agency), a heading straight inside a heading,
// an li or dd that the parser moved out of a table into another li, block
// content inside a p, content foster-parented out of a table. Written out
// and parsed again, such a tree comes back different, which is the root of
// mutation XSS. The serialiser tracks the elements it has opened and, for
// each element or text it writes, asks whether the parser, reading the
// output so far, would put it where the tree has it. When it might not,
// the pass is marked for the re-parse check (see Policy.Sanitize), which
// parses the output again until it is its own result.
//
// The rules follow the "in body", "in table" and related insertion modes
// of the HTML standard; they may answer "might not" for a tree that would
// in fact round-trip (an a in a table cell in an a), which only costs a
// re-parse, but must never answer "yes" for one that does not.

// nestFrame is an element the serialiser has opened, with what its
// descendants need to know about the open elements.
type nestFrame struct {
	kind  nestKind
	flags nestFlags
}

type nestFlags uint8

const (
	pInButtonScope nestFlags = 1 << iota // a p start or end tag would close a p
	inA                                  // an a element is open
	inNobr                               // a nobr element is open
	liOpen                               // an li start tag would close an open li
	ddtOpen                              // a dd or dt start tag would close an open dd or dt
)

// pClosers close an open p in button scope when their start tag is read.
var pClosers = nameSet("address", "article", "aside", "blockquote", "center",
	"details", "dialog", "dir", "div", "dl", "fieldset", "figcaption", "figure",
	"footer", "header", "hgroup", "main", "menu", "nav", "ol", "p", "search",
	"section", "summary", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "pre",
	"listing", "form", "plaintext", "table", "hr", "xmp", "li", "dd", "dt")

// buttonScopeEnds end the button scope in which a p is looked for.
var buttonScopeEnds = nameSet("applet", "caption", "html", "table", "td", "th",
	"marquee", "object", "template", "button")

// specialElements are the HTML standard's "special" category, which stops
// the search for an li, dd or dt to close (address, div and p excepted).
var specialElements = nameSet("address", "applet", "area", "article", "aside",
	"base", "basefont", "bgsound", "blockquote", "body", "br", "button",
	"caption", "center", "col", "colgroup", "dd", "details", "dir", "div", "dl",
	"dt", "embed", "fieldset", "figcaption", "figure", "footer", "form",
	"frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header",
	"hgroup", "hr", "html", "iframe", "img", "input", "keygen", "li", "link",
	"listing", "main", "marquee", "menu", "meta", "nav", "noembed", "noframes",
	"noscript", "object", "ol", "p", "param", "plaintext", "pre", "script",
	"search", "section", "select", "source", "style", "summary", "table",
	"tbody", "td", "template", "textarea", "tfoot", "th", "thead", "title",
	"tr", "track", "ul", "wbr", "xmp")

// nestKind sorts the elements whose place in the tree the parser decides by
// name.
type nestKind uint8

const (
	kindOther nestKind = iota
	nestTableKind
	kindCaption
	kindColgroup
	kindCol
	kindSection // tbody, thead, tfoot
	kindRow
	kindCell // td, th
	kindHeading
	kindRuby
	kindRtc
	kindRb
	kindRt // rt, rp
	kindA
	kindNobr
	kindLi
	kindDdDt
	kindP
)

// nestInfo is what the nesting check knows about an element name; policies
// compute it once per allowed name.
type nestInfo struct {
	kind      nestKind
	pCloser   bool // closes an open p in button scope
	scopeEnd  bool // ends the button scope
	stopsList bool // special, but not address, div or p: stops the search for an li, dd or dt
}

var nestKinds = map[string]nestKind{
	"table": nestTableKind, "caption": kindCaption, "colgroup": kindColgroup,
	"col": kindCol, "tbody": kindSection, "thead": kindSection,
	"tfoot": kindSection, "tr": kindRow, "td": kindCell, "th": kindCell,
	"h1": kindHeading, "h2": kindHeading, "h3": kindHeading, "h4": kindHeading,
	"h5": kindHeading, "h6": kindHeading, "ruby": kindRuby, "rtc": kindRtc,
	"rb": kindRb, "rt": kindRt, "rp": kindRt, "a": kindA, "nobr": kindNobr,
	"li": kindLi, "dd": kindDdDt, "dt": kindDdDt, "p": kindP,
}

func nestInfoOf(name string) nestInfo {
	return nestInfo{
		kind:      nestKinds[name],
		pCloser:   pClosers[name],
		scopeEnd:  buttonScopeEnds[name],
		stopsList: specialElements[name] && name != "address" && name != "div" && name != "p",
	}
}

// tableMode reports whether the parser reads the content of an element of
// kind k in a table insertion mode, where only table parts and whitespace
// stay as written.
func (k nestKind) tableMode() bool {
	return k == nestTableKind || k == kindSection || k == kindRow || k == kindColgroup
}

// parentOK reports whether an element of kind k (a table or ruby part) is
// parsed as a child of an element of kind parent; for other kinds, it
// reports whether parent keeps whatever is put in it.
func (k nestKind) parentOK(parent nestKind) bool {
	switch k {
	case kindCaption, kindColgroup, kindSection:
		return parent == nestTableKind
	case kindRow:
		return parent == kindSection
	case kindCell:
		return parent == kindRow
	case kindCol:
		return parent == kindColgroup
	case kindRb, kindRtc:
		return parent == kindRuby
	case kindRt:
		return parent == kindRuby || parent == kindRtc
	case nestTableKind:
		// A table in a caption closes the caption.
		return !parent.tableMode() && parent != kindCaption
	}
	return !parent.tableMode()
}

// expressible reports whether an element, written as the next child of the
// innermost open element, is parsed back as that child.
func expressible(open []nestFrame, e nestInfo) bool {
	f := open[len(open)-1]
	switch {
	case e.pCloser && f.flags&pInButtonScope != 0,
		e.kind == kindHeading && f.kind == kindHeading,
		e.kind == kindLi && f.flags&liOpen != 0,
		e.kind == kindDdDt && f.flags&ddtOpen != 0,
		e.kind == kindA && f.flags&inA != 0,
		e.kind == kindNobr && f.flags&inNobr != 0:
		return false
	}
	return e.kind.parentOK(f.kind)
}

// textExpressible reports whether text, written as the next child of the
// innermost open element, is parsed back there: not if the element reads
// its content in a table mode and the text is not all whitespace.
func textExpressible(open []nestFrame, text string) bool {
	if !open[len(open)-1].kind.tableMode() {
		return true
	}
	for i := 0; i < len(text); i++ {
		if !htmlSpace(text[i]) {
			return false
		}
	}
	return true
}

// child returns the frame of an element opened inside f.
func (f nestFrame) child(e nestInfo) nestFrame {
	fl := f.flags
	switch {
	case e.kind == kindP:
		fl |= pInButtonScope
	case e.scopeEnd:
		fl &^= pInButtonScope
	}
	switch {
	case e.kind == kindA:
		fl |= inA
	case e.kind == kindNobr:
		fl |= inNobr
	case e.kind == kindLi:
		fl |= liOpen
	case e.kind == kindDdDt:
		fl |= ddtOpen
	case e.stopsList:
		fl &^= liOpen | ddtOpen
	}
	return nestFrame{kind: e.kind, flags: fl}
}
