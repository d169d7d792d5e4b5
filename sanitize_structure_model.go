package article

import "strings"

// The model of the structure check (see sanitize_structure.go): the
// parser's stack of open elements and list of active formatting elements.

// structFrame is an element on the model's stack of open elements, or an
// entry of its list of active formatting elements (name "" for a marker).
type structFrame struct {
	name string
	off  int
	ns   string // "" for HTML, "svg" or "math"
	hip  bool   // an HTML integration point (annotation-xml with an HTML encoding)
	id   int    // for a formatting element: its entry in the list
}

// maxStructDepth bounds the model's stack and its list of formatting
// elements, which keeps each step of the model bounded; past it (the x/net
// parser keeps at most 512 open elements), the body is reported as not
// contained.
const maxStructDepth = 512

// Element sets of the model.
var (
	// structVoid are the elements the parser never keeps open (void ones
	// and the like).
	structVoid = nameSet("area", "base", "basefont", "bgsound", "br", "embed",
		"hr", "img", "image", "input", "keygen", "link", "meta", "param", "source",
		"track", "wbr", "col", "frame")
	// optionalEnd are the elements whose end tag HTML lets the end tag of an
	// element around them imply; left open, they are closed by the page.
	optionalEnd = nameSet("p", "li", "dd", "dt", "option", "optgroup", "rb",
		"rp", "rt", "rtc", "tbody", "thead", "tfoot", "tr", "td", "th",
		"caption", "colgroup")
	// impliedEnd are the elements "generate implied end tags" closes.
	impliedEnd    = nameSet("dd", "dt", "li", "optgroup", "option", "p", "rb", "rp", "rt", "rtc")
	tableParts    = nameSet("caption", "colgroup", "col", "tbody", "thead", "tfoot", "tr", "td", "th")
	tableSections = nameSet("tbody", "thead", "tfoot")
	// ignoredInBody are start tags the parser ignores in a body; a browser
	// adds the attributes of html and body to the page's own elements.
	ignoredInBody = nameSet("html", "body", "head", "frameset", "frame")
	// markerElements put a marker on the list of active formatting
	// elements, which their end clears.
	markerElements = nameSet("td", "th", "caption", "applet", "marquee", "object", "template")
	// scopeBoundaries end the default scope (in HTML).
	scopeBoundaries = nameSet("applet", "caption", "html", "table", "td", "th", "marquee", "object", "template")
	// foreignBreakout are the start tags that end foreign content.
	foreignBreakout = nameSet("b", "big", "blockquote", "body", "br", "center",
		"code", "dd", "div", "dl", "dt", "em", "embed", "h1", "h2", "h3", "h4",
		"h5", "h6", "head", "hr", "i", "img", "li", "listing", "menu", "meta",
		"nobr", "ol", "p", "pre", "ruby", "s", "small", "span", "strong",
		"strike", "sub", "sup", "table", "tt", "u", "ul", "var")
	headings    = nameSet("h1", "h2", "h3", "h4", "h5", "h6")
	colgroupSet = nameSet("colgroup")
	trSet       = nameSet("tr")
)

func (w *structWalker) top() *structFrame {
	if len(w.stack) == 0 {
		return nil
	}
	return &w.stack[len(w.stack)-1]
}

// foreign reports whether the next token is read in foreign content.
func (w *structWalker) foreign() bool {
	t := w.top()
	return t != nil && t.ns != "" && !integrationPoint(t)
}

// integrationPoint reports whether HTML start tags are read as HTML inside
// the foreign element f (an HTML or MathML text integration point).
func integrationPoint(f *structFrame) bool {
	switch f.ns {
	case "svg":
		return f.name == "foreignobject" || f.name == "desc" || f.name == "title"
	case "math":
		return f.hip || f.name == "mi" || f.name == "mo" || f.name == "mn" || f.name == "ms" || f.name == "mtext"
	}
	return false
}

func (w *structWalker) push(f structFrame) {
	if len(w.stack) >= maxStructDepth {
		w.tooDeep = true
		return
	}
	w.stack = append(w.stack, f)
	if f.ns == "" && markerElements[f.name] {
		w.fmt = append(w.fmt, structFrame{})
	}
}

// popTo pops the stack down to height n, clearing the formatting list to
// its last marker for each marker element popped.
func (w *structWalker) popTo(n int) {
	for len(w.stack) > n {
		f := w.stack[len(w.stack)-1]
		w.stack = w.stack[:len(w.stack)-1]
		if f.ns == "" && markerElements[f.name] {
			w.clearToMarker()
		}
	}
}

func (w *structWalker) clearToMarker() {
	for len(w.fmt) > 0 {
		f := w.fmt[len(w.fmt)-1]
		w.fmt = w.fmt[:len(w.fmt)-1]
		if f.name == "" {
			return
		}
	}
}

// inScope returns the index of the topmost HTML element named name in scope
// (the default scope, plus the extra boundaries), or -1.
func (w *structWalker) inScope(name string, extra ...string) int {
	for i := len(w.stack) - 1; i >= 0; i-- {
		f := &w.stack[i]
		if f.ns == "" && f.name == name {
			return i
		}
		if f.ns == "" && scopeBoundaries[f.name] || integrationPoint(f) {
			return -1
		}
		for _, e := range extra {
			if f.ns == "" && f.name == e {
				return -1
			}
		}
	}
	return -1
}

// inTableScope returns the index of the topmost HTML element named name
// before a table, template or html element, or -1.
func (w *structWalker) inTableScope(name string) int {
	for i := len(w.stack) - 1; i >= 0; i-- {
		f := &w.stack[i]
		if f.ns == "" && f.name == name {
			return i
		}
		if f.ns == "" && (f.name == "table" || f.name == "template" || f.name == "html") {
			return -1
		}
	}
	return -1
}

// closeP closes a p in button scope.
func (w *structWalker) closeP() {
	if i := w.inScope("p", "button"); i >= 0 {
		w.popTo(i)
	}
}

// lastFormatting returns the index in the formatting list of the last
// element named name after the last marker, or -1.
func (w *structWalker) lastFormatting(name string) int {
	for i := len(w.fmt) - 1; i >= 0; i-- {
		switch w.fmt[i].name {
		case "":
			return -1
		case name:
			return i
		}
	}
	return -1
}

// adopt is the adoption agency for the formatting element at index i of the
// list, simplified: it leaves the list; on the stack, without a special
// element opened since, everything from it up is closed, else it alone
// leaves the stack. It reports false when the element is on the stack but
// out of scope, where the parser ignores the end tag.
func (w *structWalker) adopt(i int) bool {
	f := w.fmt[i]
	k := len(w.stack) - 1
	inScope := true
	for ; k >= 0 && w.stack[k].id != f.id; k-- {
		if s := &w.stack[k]; s.ns == "" && scopeBoundaries[s.name] || integrationPoint(s) {
			inScope = false
		}
	}
	if k >= 0 && !inScope {
		return false
	}
	w.fmt = append(w.fmt[:i], w.fmt[i+1:]...)
	if k < 0 {
		return true // popped already: it leaves the list
	}
	for j := k + 1; j < len(w.stack); j++ {
		if s := &w.stack[j]; s.ns != "" || specialElements[s.name] {
			w.stack = append(w.stack[:k], w.stack[k+1:]...)
			return true
		}
	}
	w.popTo(k)
	return true
}

// inSelect reports whether the parser is in the "in select" mode: a
// select is open with only options and option groups above it.
func (w *structWalker) inSelect() int {
	for i := len(w.stack) - 1; i >= 0; i-- {
		f := &w.stack[i]
		switch {
		case f.ns != "":
			return -1
		case f.name == "select":
			return i
		case f.name != "option" && f.name != "optgroup":
			return -1
		}
	}
	return -1
}

// start runs the model on a start tag, and reports whether the token is
// read as foreign content (and so is never raw text).
func (w *structWalker) start(name string, off int, selfClosing, hip, fontBreak bool) bool {
	if t := w.top(); t != nil && t.ns != "" && !integrationPoint(t) {
		if !foreignBreakout[name] && !fontBreak {
			if !selfClosing {
				w.push(structFrame{name: name, off: off, ns: t.ns, hip: hip})
			}
			return true
		}
		// A breakout tag ends foreign content: back to the nearest HTML
		// element or integration point.
		i := len(w.stack) - 1
		for i >= 0 && w.stack[i].ns != "" && !integrationPoint(&w.stack[i]) {
			i--
		}
		w.popTo(i + 1)
	} else if t != nil && t.ns == "math" && (name == "mglyph" || name == "malignmark") {
		if !selfClosing {
			w.push(structFrame{name: name, off: off, ns: "math"})
		}
		return true
	}
	if name == "svg" || name == "math" {
		if !selfClosing {
			w.push(structFrame{name: name, off: off, ns: name})
		}
		return false
	}
	if s := w.inSelect(); s >= 0 {
		return w.startInSelect(name, off, s)
	}
	switch {
	case ignoredInBody[name]:
		w.add(ChangeTagIgnored, off, name, "")
		return false
	case tableParts[name]:
		w.tablePart(name, off)
		return false
	case name == "table":
		if t := w.top(); t != nil && t.ns == "" && (t.name == "table" || tableSections[t.name] || t.name == "tr") {
			// In a table's own content, a table start tag ends the table.
			if i := w.inTableScope("table"); i >= 0 {
				w.popTo(i)
			}
		} else {
			w.closeP()
		}
		w.push(structFrame{name: name, off: off})
		return false
	case name == "li" || name == "dd" || name == "dt":
		for i := len(w.stack) - 1; i >= 0; i-- {
			f := &w.stack[i]
			if f.ns == "" && (f.name == name || name != "li" && (f.name == "dd" || f.name == "dt")) {
				w.popTo(i)
				break
			}
			if f.ns != "" || specialElements[f.name] && f.name != "address" && f.name != "div" && f.name != "p" {
				break
			}
		}
		w.closeP()
	case headings[name]:
		w.closeP()
		if t := w.top(); t != nil && t.ns == "" && headings[t.name] {
			w.popTo(len(w.stack) - 1)
		}
	case name == "form":
		// The parser keeps one form open at a time (outside templates).
		for i := len(w.stack) - 1; i >= 0; i-- {
			if f := &w.stack[i]; f.ns == "" && f.name == "template" {
				break
			} else if f.ns == "" && f.name == "form" {
				w.add(ChangeTagIgnored, off, name, "")
				return false
			}
		}
		w.closeP()
	case pClosers[name]:
		w.closeP()
	case name == "button":
		if i := w.inScope("button"); i >= 0 {
			w.popTo(i)
		}
	case name == "option" || name == "optgroup":
		if t := w.top(); t != nil && t.ns == "" && t.name == "option" {
			w.popTo(len(w.stack) - 1)
		}
	case name == "rb" || name == "rtc" || name == "rp" || name == "rt":
		// Implied end tags, all of them, but an rtc stays open around an
		// rp or rt (HTML's "in body" rules).
		if i := w.inScope("ruby"); i >= 0 {
			for len(w.stack) > i+1 {
				t := w.top()
				if t.ns != "" || !impliedEnd[t.name] || t.name == "rtc" && (name == "rp" || name == "rt") {
					break
				}
				w.popTo(len(w.stack) - 1)
			}
		}
	case formattingElements[name]:
		if name == "a" || name == "nobr" {
			if i := w.lastFormatting(name); i >= 0 {
				w.adopt(i)
			}
		}
		if len(w.fmt) >= maxStructDepth {
			w.tooDeep = true
			return false
		}
		w.ids++
		f := structFrame{name: name, off: off, id: w.ids}
		w.fmt = append(w.fmt, f)
		w.push(f)
		return false
	case name == "hr":
		w.closeP()
		return false
	}
	if structVoid[name] {
		return false
	}
	w.push(structFrame{name: name, off: off})
	return false
}

// startInSelect runs a start tag in the "in select" mode; s is the
// select's index.
func (w *structWalker) startInSelect(name string, off, s int) bool {
	switch name {
	case "option":
		if t := w.top(); t.name == "option" {
			w.popTo(len(w.stack) - 1)
		}
	case "optgroup":
		if t := w.top(); t.name == "option" {
			w.popTo(len(w.stack) - 1)
		}
		if t := w.top(); t.name == "optgroup" {
			w.popTo(len(w.stack) - 1)
		}
	case "hr":
		w.popTo(s + 1)
		return false
	case "select":
		w.popTo(s) // read as </select>
		return false
	case "input", "keygen", "textarea":
		w.popTo(s)
		return w.start(name, off, false, false, false)
	case "script", "template", "style", "noscript":
	default:
		w.add(ChangeTagIgnored, off, name, "")
		return false
	}
	w.push(structFrame{name: name, off: off})
	return false
}

// tablePart runs a table part's start tag: outside a table (or template)
// the parser ignores it; inside, it closes the parts it cannot be in and
// implies the ones it needs.
func (w *structWalker) tablePart(name string, off int) {
	ti := -1
	for i := len(w.stack) - 1; i >= 0; i-- {
		f := &w.stack[i]
		if f.ns != "" {
			continue
		}
		if f.name == "template" {
			if name != "col" {
				w.push(structFrame{name: name, off: off})
			}
			return
		}
		if f.name == "table" {
			ti = i
			break
		}
	}
	if ti < 0 {
		w.add(ChangeTagIgnored, off, name, "")
		return
	}
	find := func(names map[string]bool) int {
		for i := len(w.stack) - 1; i > ti; i-- {
			if f := &w.stack[i]; f.ns == "" && names[f.name] {
				return i
			}
		}
		return -1
	}
	switch name {
	case "caption", "colgroup", "tbody", "thead", "tfoot":
		w.popTo(ti + 1)
		w.push(structFrame{name: name, off: off})
	case "col":
		if i := find(colgroupSet); i < 0 || i != len(w.stack)-1 {
			w.popTo(ti + 1)
		}
	case "tr":
		if i := find(tableSections); i >= 0 {
			w.popTo(i + 1)
		} else {
			w.popTo(ti + 1)
			w.push(structFrame{name: "tbody", off: off})
		}
		w.push(structFrame{name: name, off: off})
	case "td", "th":
		if i := find(trSet); i >= 0 {
			w.popTo(i + 1)
		} else {
			if i := find(tableSections); i >= 0 {
				w.popTo(i + 1)
			} else {
				w.popTo(ti + 1)
				w.push(structFrame{name: "tbody", off: off})
			}
			w.push(structFrame{name: "tr", off: off})
		}
		w.push(structFrame{name: name, off: off})
	}
}

// end runs the model on an end tag and reports a stray one.
func (w *structWalker) end(name string, off int) {
	if t := w.top(); t != nil && t.ns != "" {
		for i := len(w.stack) - 1; i >= 0; i-- {
			if strings.EqualFold(w.stack[i].name, name) && w.stack[i].ns != "" {
				w.popTo(i)
				return
			}
			if i > 0 && w.stack[i-1].ns == "" {
				break
			}
		}
	}
	stray := func() { w.add(ChangeStrayEndTag, off, name, "") }
	popIn := func(i int) {
		if i < 0 {
			stray()
			return
		}
		w.popTo(i)
	}
	if s := w.inSelect(); s >= 0 {
		switch name {
		case "option", "optgroup":
			if t := w.top(); t.name == name || name == "optgroup" && t.name == "option" && len(w.stack) >= 2 && w.stack[len(w.stack)-2].name == "optgroup" {
				i := len(w.stack) - 1
				if t.name != name {
					i--
				}
				w.popTo(i)
				return
			}
			stray()
		case "select":
			w.popTo(s)
		case "template", "script", "style", "noscript":
			if t := w.top(); t.name == name {
				w.popTo(len(w.stack) - 1)
				return
			}
			stray()
		default:
			stray()
		}
		return
	}
	switch {
	case name == "br":
		// Read as <br>.
	case name == "p":
		popIn(w.inScope("p", "button"))
	case name == "li":
		popIn(w.inScope("li", "ol", "ul"))
	case headings[name]:
		for i := len(w.stack) - 1; i >= 0; i-- {
			f := &w.stack[i]
			if f.ns == "" && headings[f.name] {
				w.popTo(i)
				return
			}
			if f.ns == "" && scopeBoundaries[f.name] || integrationPoint(f) {
				break
			}
		}
		stray()
	case formattingElements[name]:
		i := w.lastFormatting(name)
		if i < 0 {
			w.anyOtherEnd(name, off)
			return
		}
		if !w.adopt(i) {
			w.add(ChangeStrayEndTag, off, name, "")
		}
	case name == "table" || tableParts[name] && name != "col":
		popIn(w.inTableScope(name))
	case name == "template":
		i := -1
		for k := len(w.stack) - 1; k >= 0; k-- {
			if w.stack[k].ns == "" && w.stack[k].name == "template" {
				i = k
				break
			}
		}
		popIn(i)
	case name == "form":
		for k := len(w.stack) - 1; k >= 0; k-- {
			if w.stack[k].ns == "" && w.stack[k].name == "form" {
				w.stack = append(w.stack[:k], w.stack[k+1:]...)
				return
			}
		}
		stray()
	case specialElements[name]:
		popIn(w.inScope(name))
	default:
		w.anyOtherEnd(name, off)
	}
}

// anyOtherEnd is the parser's rule for other end tags: the innermost
// element of that name, unless a special element comes first.
func (w *structWalker) anyOtherEnd(name string, off int) {
	for i := len(w.stack) - 1; i >= 0; i-- {
		f := &w.stack[i]
		if f.ns == "" && f.name == name {
			w.popTo(i)
			return
		}
		if f.ns != "" || specialElements[f.name] {
			break
		}
	}
	w.add(ChangeStrayEndTag, off, name, "")
}

// leftOpen reports the elements still open at the end of the body, but for
// those whose end tag is optional, and the formatting elements a browser
// would reopen in the page that follows.
func (w *structWalker) leftOpen() {
	onStack := map[int]bool{}
	for _, f := range w.stack {
		if f.ns == "" && optionalEnd[f.name] {
			continue
		}
		onStack[f.id] = f.id != 0
		w.add(ChangeElementLeftOpen, f.off, f.name, "")
	}
	for _, f := range w.fmt {
		if f.name != "" && !onStack[f.id] {
			w.add(ChangeElementLeftOpen, f.off, f.name, "")
		}
	}
}
