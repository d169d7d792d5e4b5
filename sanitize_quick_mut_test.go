package article

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestQuickCheckSizeBound: the quick check proves a body only if its
// output, each byte escaped to at most six plus what the policy adds,
// fits the policy's body limit, to the byte.
func TestQuickCheckSizeBound(t *testing.T) {
	for _, body := range []string{
		"<p>x</p>",
		`<p><a href="https://example.org/">here</a></p>`, // the policy adds rel and target
	} {
		q := quickScan{d: &ArticlePolicy().d, body: body}
		q.open = append(q.openBuf[:0], nestFrame{})
		q.names = append(q.namesBuf[:0], "")
		q.attrs, q.linkText = q.attrsBuf[:0], q.linkBuf[:0]
		if !q.scan() {
			t.Fatalf("%q: the scan fails", body)
		}
		fit := 6*len(body) + q.extra
		atLimit := ArticlePolicy().Builder().MaxBodySize(fit).Policy()
		assert.Equal(t, quickProved, quickCheck(atLimit, body), "%q at the limit %d", body, fit)
		under := ArticlePolicy().Builder().MaxBodySize(fit - 1).Policy()
		assert.Equal(t, quickUnknown, quickCheck(under, body), "%q one byte under the limit", body)
	}
	if quickCheck(ArticlePolicy(), `<p><a href="https://example.org/">here</a></p>`) != quickProved {
		t.Fatal("the sample link is not proved")
	}
}

// TestQuickCheckEdges: bodies that end at a "<", and link text that starts
// with a character reference (the link-text check reads decoded text,
// which the quick check does not model).
func TestQuickCheckEdges(t *testing.T) {
	p := ArticlePolicy()
	for body, want := range map[string]quickVerdict{
		"<p><" + strings.Repeat("x", 300) + ">y</p>": quickUnknown, // a long name, for the element cache
		"<p>x<br/": quickUnknown, "<p>x<br /": quickUnknown, "<p title=": quickUnknown, "<p title=>x</p>": quickUnknown,
		"<p title='x": quickUnknown, "<p title=x": quickUnknown, "<p title": quickUnknown, "<p title=x>y</p>": quickProved, "<p ": quickUnknown, "<p \t": quickUnknown,
		"<":         quickUnknown,
		"x <":       quickUnknown,
		"<p>x</p><": quickUnknown,
		"</":        quickUnknown,
		"<p>x</":    quickUnknown,
		"<p":        quickUnknown,
		"<p>x</p":   quickUnknown,
		// Names are read in any case: a Z alone upper-case still counts.
		`<p><img src="https://example.org/a.png" alt="x" sizes="100vw"></p>`: quickProved,
		`<p><img src="https://example.org/a.png" alt="x" siZes="100vw"></p>`: quickProved,
		`<p><a href="https://good.example/">&#101;vil.example</a></p>`:       quickUnknown,
		`<p><a href="https://good.example/">e&#118;il.example</a></p>`:       quickUnknown,
		`<p><a href="https://good.example/">the good site</a></p>`:           quickProved,
	} {
		assert.Equal(t, want, quickCheck(p, body), "%q", body)
	}
}

// TestASCIIClasses: the character classes of tag and attribute names at
// their bounds.
func TestASCIIClasses(t *testing.T) {
	for c := range 256 {
		b := byte(c)
		alpha := 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
		assert.Equal(t, alpha, isASCIIAlpha(b), "isASCIIAlpha(%q)", rune(b))
		assert.Equal(t, alpha || '0' <= b && b <= '9', isASCIIAlnum(b), "isASCIIAlnum(%q)", rune(b))
	}
}

// TestQuickCheckDepth: the quick check follows nesting to quickMaxDepth
// elements, and to the policy's MaxDepth when it has one.
func TestQuickCheckDepth(t *testing.T) {
	nest := func(n int) string {
		return "<p>" + strings.Repeat("<span>", n-1) + "x" + strings.Repeat("</span>", n-1) + "</p>"
	}
	unlimited := NewPolicy().AllowElements("p", "span").Policy()
	assert.Equal(t, quickProved, quickCheck(unlimited, nest(quickMaxDepth)))
	assert.Equal(t, quickUnknown, quickCheck(unlimited, nest(quickMaxDepth+1)))
	limited := NewPolicy().AllowElements("p", "span").MaxDepth(10).Policy()
	assert.Equal(t, quickProved, quickCheck(limited, nest(10)))
	assert.Equal(t, quickUnknown, quickCheck(limited, nest(11)))
	// Inside a link, elements other than pre are modelled.
	assert.Equal(t, quickProved, quickCheck(ArticlePolicy(), `<p><a href="https://example.org/">a <b>bold</b> link</a></p>`))
	assert.Equal(t, quickUnknown, quickCheck(ArticlePolicy(), `<p><a href="https://example.org/">a <pre>x</pre></a></p>`))
}

// TestDecodeQuickRefs: the character references the quick check decodes in
// attribute values, each rule at its bounds; anything else fails (the
// full sanitiser then decides).
func TestDecodeQuickRefs(t *testing.T) {
	for in, want := range map[string]string{
		"a&amp;b": "a&b", "&quot;&apos;&lt;&gt;": `"'<>`, "no refs": "no refs",
		"&#65;": "A", "&#x41;": "A", "&#X41;": "A", "&#xa9;": "©", "&#xA9;": "©", "&#xff;": "ÿ", "&#xFF;": "ÿ",
		"&#x000041;": "A", "&#000065;": "A", "&#09;x": "",
		"&#32;": " ", "&#126;": "~", "&#160;": "\u00a0", "&#55295;": "\ud7ff", "&#57344;": "\ue000",
		"&#65533;": "\ufffd", "&#x10FFFF;": "", "&#0;": "",
	} {
		got, ok := decodeQuickRefs(in)
		if want == "" {
			assert.False(t, ok, "%q is refused", in)
			continue
		}
		assert.True(t, ok, "%q", in)
		assert.Equal(t, want, got, "%q", in)
	}
	for _, in := range []string{
		"&;", "&amp", "&abcdefgh;", "&nbsp;", "&#;", "&#x;", "&#0000065;", "&#x0000041;",
		"&#31;", "&#127;", "&#159;", "&#55296;", "&#57343;", "&#xFFFE;", "&#xFFFF;", "&#x1F600;", "&#xg;", "&#x/;", "&#x:;", "&#a;", "&#/;",
	} {
		_, ok := decodeQuickRefs(in)
		assert.False(t, ok, "%q is refused", in)
	}
}

// TestQuickValue: attribute values, quoted (empty included) or not.
func TestQuickValue(t *testing.T) {
	for in, want := range map[string]string{
		`""x`: "", `''x`: "", `"a b"x`: "a b", `'a"b'x`: `a"b`, `a>`: "a", "a b": "a", `"&amp;"`: "&",
	} {
		q := quickScan{body: in}
		got, ok := q.value()
		assert.True(t, ok, "%q", in)
		assert.Equal(t, want, got, "%q", in)
	}
	for _, in := range []string{``, `"`, `"a`, `'a"`, `>`, " ", "a\"b", "a'b", "a<b", "a=b", "a`b", `"<b>"`} {
		q := quickScan{body: in}
		_, ok := q.value()
		assert.False(t, ok, "%q", in)
	}
}

// TestQuickCheckExtraCoversOutput: what the quick check counts as added by
// the policy (forced attributes, rel tokens, quotes) is at least what
// Sanitize adds, so that its size bound holds for the real output; and no
// more than the quotes it counts for each attribute of the body beyond
// that (3 each), on a link that gets every rel token.
func TestQuickCheckExtraCoversOutput(t *testing.T) {
	body := `<p><a href="https://example.org/" target="_blank">here</a></p>`
	for name, p := range map[string]*Policy{
		"article": ArticlePolicy(),
		"rel tokens and a forced attribute": ArticlePolicy().Builder().RequireRel("nofollow", "ugc", "sponsored", "me").
			ForceAttr("a", "referrerpolicy", "no-referrer").Policy(),
	} {
		q := quickScan{d: &p.d, body: body}
		q.open = append(q.openBuf[:0], nestFrame{})
		q.names = append(q.namesBuf[:0], "")
		q.attrs, q.linkText = q.attrsBuf[:0], q.linkBuf[:0]
		if !q.scan() {
			t.Fatalf("%s: the scan fails", name)
		}
		out := p.Sanitize(body)
		added := len(out) - len(body)
		assert.GreaterOrEqual(t, q.extra, added, "%s: %s", name, out)
		assert.LessOrEqual(t, q.extra, added+2*3, "%s: the bound is looser than its quotes: %s", name, out)
	}
}
