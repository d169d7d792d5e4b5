package article

import (
	"strings"
)

// The structure check: could this body change the page around it? A
// template puts a body inside its own elements (<article>{{ .Body }}
// </article><footer>…) and the browser parses them as one document, so a
// body is clean only if the parser reads it whole and everything it opens
// is closed by its own markup, or by the end tag of the element around it
// (the optional end tags of HTML: p, li, dd, dt, option, the parts of a
// table inside a table that is closed). The sanitiser's tree cannot tell:
// the parser drops what it cannot finish, closes what is left open and
// ignores stray end tags without a trace. So the body is read again, token
// by token, with the offsets of the tokens:
//
//   - a run of input that no token covers at the end (an unfinished tag,
//     attribute or end tag), a comment, doctype or CDATA section without
//     its end, a '<' or "</" or a numeric character reference at the very
//     end, each of which a browser completes with the page that follows;
//   - NUL bytes, which the parser drops from text;
//   - start tags the parser ignores where they are (html and body, whose
//     attributes a browser adds to the page's own; table parts outside a
//     table);
//
// and a model of the parser's stack of open elements and list of active
// formatting elements (the "in body", table, select and foreign content
// rules of the HTML standard, simplified where only optional end tags are
// concerned) finds the end tags that close nothing the body opened and the
// elements still open at its end. Last, as a net under the model, the body
// is parsed inside a container followed by a footer (see containedInPage):
// if the page around it changes and the model found nothing, the body is
// reported as not contained.
//
// All of it is linear in the body: one tokenizer pass, a stack walk whose
// searches stop at the first scope boundary (bounded by maxStructDepth),
// one parse; it stops after maxStructIssues issues, the body being plainly
// not clean by then.

// structIssue is one finding of the structure check, located in the body.
type structIssue struct {
	kind  ChangeKind
	off   int
	elem  string
	attr  string
	value string
}

// maxStructIssues bounds the issues the check records: past it, the body
// is plainly not clean and the check stops, which keeps its memory bounded.
const maxStructIssues = 1000

// structWalker is the state of one check: the issues found so far and the
// model of the parser (see sanitize_structure_model.go).
type structWalker struct {
	body    string
	stack   []structFrame
	fmt     []structFrame
	issues  []structIssue
	tooDeep bool
	ids     int
}

// checkStructure returns the structure issues of body, in the order of the
// body.
func checkStructure(body string) []structIssue {
	w := &structWalker{body: body}
	w.nuls()
	if strings.IndexByte(body, '<') < 0 && strings.IndexByte(body, '&') < 0 {
		return w.issues
	}
	w.tokens()
	if !w.tooDeep && len(w.issues) < maxStructIssues {
		w.leftOpen()
	}
	contained := false
	for _, is := range w.issues {
		switch is.kind {
		case ChangeUnfinishedMarkup, ChangeElementLeftOpen, ChangeStrayEndTag, ChangeTagIgnored:
			contained = true // reported already: the net is not needed
		}
	}
	if !contained && (w.tooDeep || !containedInPage(body)) {
		w.issues = append(w.issues, structIssue{kind: ChangeNotContained,
			value: "the body, put inside an element, changes what follows it"})
	}
	sortIssues(w.issues)
	return w.issues
}

func sortIssues(is []structIssue) {
	// Insertion sort by offset: the issues come nearly in order (open
	// elements are found at the end), so this is about linear.
	for i := 1; i < len(is); i++ {
		for j := i; j > 0 && is[j].off < is[j-1].off; j-- {
			is[j], is[j-1] = is[j-1], is[j]
		}
	}
}

// structureReport merges the structure issues of body into rep, sorted by
// offset.
func structureReport(body string, rep Report) Report {
	issues := checkStructure(body)
	if len(issues) == 0 {
		return rep
	}
	out := make(Report, 0, len(rep)+len(issues))
	var lc lineCounter
	i := 0
	for _, ch := range rep {
		for i < len(issues) && issues[i].off < ch.Offset {
			out = append(out, issues[i].change(body, &lc))
			i++
		}
		lc.advance(body, ch.Offset)
		out = append(out, ch)
	}
	for ; i < len(issues); i++ {
		out = append(out, issues[i].change(body, &lc))
	}
	return out
}

func (is structIssue) change(body string, lc *lineCounter) Change {
	ch := Change{Kind: is.kind, Element: is.elem, Attr: is.attr, Value: is.value, Offset: is.off}
	ch.Line, ch.Column = lc.advance(body, is.off)
	return ch
}
