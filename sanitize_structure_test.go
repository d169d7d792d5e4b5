package article

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// structCase is a body and the structure changes its report must hold, as
// "kind <element>" strings in the order of the body.
type structCase struct {
	name, body string
	want       []string
}

// structKinds are the kinds of the structure check.
var structKinds = []ChangeKind{ChangeUnfinishedMarkup, ChangeMarkupInAttr, ChangeNULDropped,
	ChangeTagIgnored, ChangeElementLeftOpen, ChangeStrayEndTag, ChangeNotContained}

func isStructKind(k ChangeKind) bool {
	for _, s := range structKinds {
		if k == s {
			return true
		}
	}
	return false
}

// structChanges returns the structure changes of the report of body, as
// "kind <element>" strings, with their positions checked.
func structChanges(t *testing.T, body string) ([]string, Report) {
	t.Helper()
	_, rep, err := ArticlePolicy().SanitizeReport(body)
	require.NoError(t, err)
	var got []string
	last := -1
	for _, c := range rep {
		require.GreaterOrEqual(t, c.Offset, last, "report in the order of the body:\n%s", rep)
		last = c.Offset
		if !isStructKind(c.Kind) {
			continue
		}
		require.LessOrEqual(t, c.Offset, len(body))
		l, col := bodyLineCol(body, c.Offset)
		require.Equal(t, [2]int{l, col}, [2]int{c.Line, c.Column}, "position of %s", c)
		switch c.Kind {
		case ChangeUnfinishedMarkup:
			require.Contains(t, "<&", body[c.Offset:c.Offset+1], "%s", c)
		case ChangeNULDropped:
			require.Equal(t, byte(0), body[c.Offset], "%s", c)
		case ChangeTagIgnored, ChangeElementLeftOpen, ChangeStrayEndTag:
			require.Equal(t, byte('<'), body[c.Offset], "%s", c)
		}
		got = append(got, fmt.Sprintf("%s <%s>", c.Kind, c.Element))
	}
	return got, rep
}

func runStructCases(t *testing.T, cases []structCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, rep := structChanges(t, tc.body)
			assert.Equal(t, tc.want, got, "report:\n%s", rep)
			// Validate reports each as a body problem.
			clean := quickClean(ArticlePolicy(), tc.body) || !removesSomething(ArticlePolicy(), tc.body)
			if len(tc.want) > 0 {
				assert.False(t, clean, "Validate passes it")
			}
		})
	}
}

const (
	unf  = "unfinished markup <"
	open = "element left open <"
)

// TestStructureUnfinished: every state in which the HTML tokenizer can be
// at the end of a body, but the data and text states, leaves markup
// unfinished that a browser completes with the page after the body.
func TestStructureUnfinished(t *testing.T) {
	u := func(elem string) []string { return []string{unf + elem + ">"} }
	runStructCases(t, []structCase{
		{"issue-img-onerror", "<p>Hi</p>\n<img src=x onerror=alert(document.domain) ", u("img")},
		{"tag-open", "<p>a</p> <", u("")},
		{"tag-name", "<p>a</p><img", u("img")},
		{"before-attr-name", "<p>a</p><img ", u("img")},
		{"attr-name", "<p>a</p><img src", u("img")},
		{"after-attr-name", "<p>a</p><img src ", u("img")},
		{"before-attr-value", "<p>a</p><img src=", u("img")},
		{"attr-value-unquoted", "<p>a</p><img src=x", u("img")},
		{"attr-value-double", `<p title="…`, u("p")},
		{"attr-value-single", `<p>a</p><p title='x`, u("p")},
		{"after-attr-value-quoted", `<p>a</p><p title="x"`, u("p")},
		{"self-closing-start", "<p>a</p><br/", u("br")},
		{"end-tag-open", "<p>a</p></", u("")},
		{"end-tag-name", "<p>a</p", u("p")},
		{"end-tag-attrs", "<p>a</p onclick=x", u("p")},
		{"markup-declaration", "<p>a</p><!", u("")},
		{"markup-declaration-dash", "<p>a</p><!-", u("")},
		{"comment-start", "<p>a</p><!--", u("")},
		{"comment-start-dash", "<p>a</p><!---", u("")},
		{"comment", "<p>a</p><!-- …", u("")},
		{"comment-end-dash", "<p>a</p><!-- x -", u("")},
		{"comment-end", "<p>a</p><!-- x --", u("")},
		{"comment-end-bang", "<p>a</p><!-- x --!", u("")},
		{"bogus-comment", "<p>a</p><? x", u("")},
		{"bogus-end-tag", "<p>a</p></ x", u("")},
		{"doctype", "<p>a</p><!DOCTYPE html", u("")},
		{"doctype-name", "<p>a</p><!DOCTYPE", u("")},
		{"cdata-foreign", "<svg><![CDATA[ x", []string{open + "svg>", unf + ">"}},
		{"char-ref-decimal", "<p>a</p>&#12", u("")},
		{"char-ref-hex", "<p>a</p>&#x4", u("")},
		{"char-ref-hash", "<p>a</p>&#", u("")},
		{"in-table", "<table><tr><td>x</td></tr></table><img src=x", u("img")},
		{"in-svg", "<svg><circle r=1", []string{open + "svg>", unf + "circle>"}},
	})
}

func TestStructureDroppedText(t *testing.T) {
	runStructCases(t, []structCase{
		{"nul", "<p>a\x00\x00b</p>", []string{"NUL dropped <>"}},
		{"nul-inert", "a\x00b", []string{"NUL dropped <>"}},
		{"quote-swallows-link", `<p title="a>link</a> and more <b class="x">bold</b></p>`,
			// The quote swallowed "<b class=", so </b> closes nothing.
			[]string{"markup in attribute <p>", "stray end tag <b>"}},
		{"quote-swallows-to-end", `<p><a href="https://ok.example/" title="a>link</a> and more…</p>`,
			[]string{unf + "a>"}},
	})
}

func TestStructureLeftOpen(t *testing.T) {
	runStructCases(t, []structCase{
		{"issue-link", `<p>Hi <a href="https://evil.example/">click`, []string{open + "a>"}},
		{"b-across-paragraphs", "<p><b>a</p><p>b</p>", []string{open + "b>"}},
		{"b-popped-by-div", "<div><b>a</div>", []string{open + "b>"}},
		{"blockquote", "<blockquote><p>a</p>", []string{open + "blockquote>"}},
		{"table", "<table><tr><td>a</td></tr>", []string{open + "table>"}},
		{"table-cell", "<table><tr><td>a", []string{open + "table>"}},
		{"span", "<p><span>a", []string{open + "span>"}},
		{"svg", "<svg><circle r=1>", []string{open + "svg>", open + "circle>"}},
		{"math", "<math><mi>x", []string{open + "math>", open + "mi>"}},
		{"textarea", "<textarea>a</div>", []string{open + "textarea>"}},
		{"title", "<title>a", []string{open + "title>"}},
		{"script", "<script>a", []string{open + "script>"}},
		{"style", "<style>a", []string{open + "style>"}},
		{"noscript", "<noscript>a", []string{open + "noscript>"}},
		{"xmp", "<xmp>a", []string{open + "xmp>"}},
		{"plaintext", "<plaintext>a</plaintext>", []string{open + "plaintext>"}},
		{"select", "<select><option>a", []string{open + "select>"}},
		{"template", "<template><p>a", []string{open + "template>"}},
		{"form", "<form><p>a</p>", []string{open + "form>"}},
		{"nested-formatting", "<i><b>a", []string{open + "i>", open + "b>"}},
	})
}

func TestStructureStrayEndTags(t *testing.T) {
	s := func(elem string) string { return "stray end tag <" + elem + ">" }
	runStructCases(t, []structCase{
		{"div", "<p>a</p></div>", []string{s("div")}},
		{"article", "<p>a</p></article><p>b</p>", []string{s("article")}},
		{"form", "</form><p>a</p>", []string{s("form")}},
		{"p-twice", "<p>a</p></p>", []string{s("p")}},
		{"body", "<p>a</p></body>", []string{s("body")}},
		{"html", "<p>a</p></html>", []string{s("html")}},
		{"span", "a</span>", []string{s("span")}},
		{"b", "a</b>", []string{s("b")}},
		{"div-in-cell", "<table><tr><td>a</div></td></tr></table>", []string{s("div")}},
		{"div-past-table", "<div><table></div></table></div>", []string{s("div")}},
		{"svg-end-after-breakout", "<svg><p>a</p></svg>", []string{s("svg")}},
		{"li-without-list", "<p>a</li>", []string{s("li")}},
		{"heading", "<p>a</h2>", []string{s("h2")}},
		{"td-outside-table", "a</td>", []string{s("td")}},
		// A b start tag ends foreign content: the svg is closed already.
		{"svg-breakout", "<svg><style><b>x</b></style></svg>", []string{s("style"), s("svg")}},
		// An h3 start tag closes an open h2.
		{"heading-in-heading", "<h2>a<h3>b</h3></h2>", []string{s("h2")}},
		{"select-div", "<select><option>a</div></select>", []string{s("div")}},
	})
}

func TestStructureIgnoredTags(t *testing.T) {
	ig := func(elem string) string { return "tag ignored <" + elem + ">" }
	runStructCases(t, []structCase{
		{"body-onload", "<p>a</p><body onload=alert(1)>", []string{ig("body")}},
		{"html-attrs", "<html lang=x><p>a</p>", []string{ig("html")}},
		{"head", "<head><p>a</p>", []string{ig("head")}},
		{"td-outside-table", "<td>a", []string{ig("td")}},
		{"tr-outside-table", "<tr><td>a", []string{ig("tr"), ig("td")}},
		{"form-in-form", "<form><form></form>", []string{ig("form")}},
	})
}

// TestStructureFine: HTML's optional end tags, the parser's repairs that
// stay inside the body, foreign content and tables closed as HTML allows
// are not structure problems, and the body stays in its container.
func TestStructureFine(t *testing.T) {
	for _, body := range structFineBodies {
		t.Run(body, func(t *testing.T) {
			got, rep := structChanges(t, body)
			assert.Empty(t, got, "report:\n%s", rep)
			assert.True(t, containedInPage(body))
		})
	}
}

// TestContainedInPage: the re-parse behind the model sees each way out of
// the container.
func TestContainedInPage(t *testing.T) {
	for _, body := range []string{"<p>x</p></div>", "<b>x", "<a href=/x>x", "<table><tr><td>x",
		"<img src=x ", `<p title="x`, "<!-- x", "</p onclick=x", "<select>"} {
		assert.False(t, containedInPage(body), "%q", body)
	}
}

var structFineBodies = []string{
	"<p>a<p>b",
	"<p>a</p>\n<p>b</p>\n",
	"<ul><li>a<li>b</ul>",
	"<ol><li>a<ul><li>b</ul></ol>",
	"<dl><dt>a<dd>b<dt>c</dl>",
	"<table><tr><td>a<td>b<tr><td>c</table>",
	"<table><caption>x<tr><td>a</table>",
	"<table><colgroup><col><col></colgroup><thead><tr><th>h<tbody><tr><td>a</table>",
	"<table><tr><td>a</td></tr><b>foster</b></table>",
	"<table><tr><td><b>a</td></tr></table>",
	"<b><p>x</b>y</p>",
	"<b><i>x</b>y</i>",
	"<p><b>x</p>y</b>",
	"<a href=/a>1</a><a href=/b>2</a>",
	"<a href=/a>1<a href=/b>2</a>",
	"<p>a</br>b</p>",
	"<select><option>a<option>b<optgroup><option>c</select>",
	"<ruby>a<rb>b<rt>c<rp>(</rp><rtc>d</ruby>",
	"<ruby><rtc><rt>x</rt></rtc></ruby>", // an rt leaves its rtc open (found by FuzzSanitizeNesting)
	"<ruby><rtc>a<rp>(</rp><rt>b</rt></rtc>c</ruby>",
	"<ruby><rb>a<rtc><rt>b<rb>c</rb></ruby>", // an rb closes rt and rtc
	"<ruby><li>a<rt>b</rt></ruby>",           // an implied end closes the li as well
	"<ruby><p>a<rb>b</rb></ruby>",
	"<svg><circle r=1/><g><path d=x></path></g></svg>",
	"<svg><foreignObject><p>x</p></foreignObject></svg>",
	"<math><mi>x</mi><mtext><b>y</b></mtext></math>",
	"<svg><![CDATA[ <x> ]]></svg>",
	"<template><td>x</td></template>",
	"<textarea><p></textarea>",
	"<script>if (a < b) {}</script><p>x</p>",
	"<h2><b><h3>x</h3></b></h2>",
	"<p>AT&T &amp; &#65; &#x41;</p>",
	"<div><span>a</div>",
	"<nobr>a<nobr>b</nobr>",
	"text only",
	"<!-- comment -->",
	"<!doctype html><p>x</p>",
}

// FuzzStructure mutates bodies around tags and quotes and checks: no
// panic; no input dropped unreported (a NUL byte, an end that takes in the
// markup after the body); a body Validate calls clean stays inside a
// container when parsed with x/net and leaves the markup after it alone;
// and Validate never passes a body with a structure problem.
func FuzzStructure(f *testing.F) {
	seeds := append([]string{
		`<p title="a>link</a> and more <b class="x">bold</b></p>`,
		"<p>Hi <a href=\"https://evil.example/\">click",
		"<img src=x onerror=alert(1) ",
		"<table><tr><td>a</div></td></tr></table>",
		"<svg><p>a</p></svg>",
		"<select><option>a</div></select>",
		"<math><mtext><table><mglyph><style><!--</style><img title=\"--&gt;\">",
		"<form><math><mtext></form><form><mglyph><style></math><img src>",
		"<p>a\x00b</p>",
		"<body onload=x><p>a",
		"<b><p>x</b>y</p></b></p>",
	}, structFineBodies...)
	for _, s := range seeds {
		f.Add(s)
	}
	p := ArticlePolicy()
	f.Fuzz(func(t *testing.T, body string) {
		if len(body) > 1<<12 {
			return
		}
		issues := checkStructure(body)
		has := func(kinds ...ChangeKind) bool {
			for _, is := range issues {
				for _, k := range kinds {
					if is.kind == k {
						return true
					}
				}
			}
			return len(issues) >= maxStructIssues
		}
		// Nothing dropped unreported: a NUL, or an end the page would
		// complete.
		if strings.IndexByte(body, 0) >= 0 {
			require.True(t, has(ChangeNULDropped), "NUL not reported: %q", body)
		}
		if !suffixSurvives(body) {
			require.True(t, has(ChangeUnfinishedMarkup, ChangeElementLeftOpen, ChangeNotContained),
				"the page would complete the end of %q, not reported", body)
		}
		clean := quickClean(p, body) || !removesSomething(p, body)
		if len(issues) > 0 {
			require.False(t, clean, "Validate passes a body with structure problems: %q", body)
		}
		if !clean {
			return
		}
		require.True(t, containedInPage(body), "Validate clean, not contained: %q", body)
		require.True(t, suffixSurvives(body), "Validate clean, the page completes its end: %q", body)
	})
}

// suffixSurvives reports whether markup written right after the body is
// read as written: parsed with x/net, body+`<i title="s-f-x"></i>` holds
// that element (in any namespace, anywhere in the tree). It is not when
// the body ends inside a tag, comment or raw text, which takes it in.
func suffixSurvives(body string) bool {
	ctx := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	roots, err := html.ParseFragmentWithOptions(strings.NewReader(body+`<i title="s-f-x"></i>`), ctx, html.ParseOptionEnableScripting(true))
	if err != nil {
		return true // too deep: the sanitiser refuses it anyway
	}
	var find func(n *html.Node) bool
	find = func(n *html.Node) bool {
		if n.Type == html.ElementNode && n.Data == "i" && len(n.Attr) == 1 && n.Attr[0].Key == "title" && n.Attr[0].Val == "s-f-x" {
			return true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if find(c) {
				return true
			}
		}
		return false
	}
	for _, r := range roots {
		if find(r) {
			return true
		}
	}
	return false
}

// structShapes are hostile shapes for the structure check: each grows the
// model's stack, its list of formatting elements or its searches.
var structShapes = map[string]func(n int) string{
	"formatting-left-in-divs": func(n int) string { return rep(`<div><b class=x>a</div>`, n/22) },
	"formatting-then-ends":    func(n int) string { return rep("<b>", n/8) + "<div>" + rep("</b>", n/8) },
	"mismatched-ends":         func(n int) string { return rep("<div><i>a</div>", n/30) + rep("</b></u>", n/16) },
	"stray-ends":              func(n int) string { return rep("</div></p></b>", n/14) },
	"nested-spans":            func(n int) string { return rep("<span>", n/6) },
	"tables":                  func(n int) string { return rep("<table><tr><td>x", n/16) },
	"links":                   func(n int) string { return rep(`<a href=/x>a`, n/12) },
	"foreign":                 func(n int) string { return rep("<svg><g><p>x</p>", n/16) },
	"select":                  func(n int) string { return "<select>" + rep("<div><option>a", n/14) },
	"unfinished-quote":        func(n int) string { return `<p title="` + rep("a>b</a> ", n/8) },
	"nuls":                    func(n int) string { return rep("a\x00", n/2) },
	"templates":               func(n int) string { return rep("<template><td>x</td>", n/20) },
	"clean": func(n int) string {
		return rep("<div><p><b>x</b><i>y</i><br></p></div>\n<table><tr><td>z</table>", n/64)
	},
}

func rep(s string, n int) string { return strings.Repeat(s, n) }

// TestStructureLinear: the structure check grows as the tokenizer does
// (checkGrowth: three sizes, a fitted exponent against the tokenizer's on
// the same input) on hostile shapes, and so does SanitizeReport on the
// shape that records the most issues; not checked under -short or -race.
func TestStructureLinear(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("timing test: not with -short or -race")
	}
	p := ArticlePolicy().Builder().MaxBodySize(8 << 20).Policy()
	names := make([]string, 0, len(structShapes))
	for name := range structShapes {
		names = append(names, name)
	}
	sort.Strings(names)
	var cases []growthCase
	for _, name := range names {
		shape := structShapes[name]
		cases = append(cases, growthCase{"check " + name, func(n int) growthOps {
			body := shape(n)
			return growthOf(func() { tokenizeAll(body) }, "checkStructure", func() { checkStructure(body) })
		}})
	}
	cases = append(cases, growthCase{"report stray-ends", func(n int) growthOps {
		body := structShapes["stray-ends"](n)
		return growthOf(func() { bareHTML(body) }, "SanitizeReport", func() { _, _, _ = p.SanitizeReport(body) })
	}})
	checkGrowth(t, growthConfig{sizes: sizesFrom(10_000), rounds: 3}, cases...)
}

// BenchmarkCheckStructure times the structure check of the sample
// article's body, which SanitizeReport adds to every report.
func BenchmarkCheckStructure(b *testing.B) {
	a := benchSample(b)
	b.SetBytes(int64(len(a.Body)))
	b.ReportAllocs()
	for b.Loop() {
		if len(checkStructure(a.Body)) != 0 {
			b.Fatal("the sample body has structure problems")
		}
	}
}

// TestStructureCannotJudge: a body deeper than the model follows is
// reported as not contained, never passed.
func TestStructureCannotJudge(t *testing.T) {
	for _, body := range []string{rep("<span>", 600), rep("<div><b>x</div>", 600)} {
		issues := checkStructure(body)
		var kinds []ChangeKind
		for _, is := range issues {
			kinds = append(kinds, is.kind)
		}
		assert.Contains(t, kinds, ChangeNotContained)
		assert.False(t, quickClean(ArticlePolicy(), body) || !removesSomething(ArticlePolicy(), body))
	}
}
