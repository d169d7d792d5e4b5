package article

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// misnestingShapes are bodies for which the HTML parser builds trees that
// markup cannot express (an a inside an a, a heading inside a heading, li
// or dd outside their list after foster parenting, block content in p…), in
// the shapes of the SonarSource mXSS cheat sheet and the attack review.
var misnestingShapes = []string{
	`<h2><a href="https://example.com/"><h3>x</a></h3></h2>`,
	`<li><a href="https://example.com/"><table><li>t`,
	`<a href="https://a.example/"><table><a href="https://b.example/">x`,
	`<a href="/1"><table><a href="/2">x</a></table></a>`,
	`<a href="/1"><table><tr><td><a href="/2">x</a></td></tr></table></a>`,
	`<li><a href="/x"><table><li>t</li></table></a></li>`,
	`<h2><table><h4>x</h4></table></h2>`,
	`<h2><b><h3>x</h3></b></h2>`,
	`<h2><xss><h3>x</h3></xss></h2>`,
	`<p><table><p>x</p></table></p>`,
	`<p><b><table><td><p>x</b>y`,
	`<dd><table><dd>x</dd></table></dd>`,
	`<dl><dt><table><dt>x`,
	`<ul><li><span><table><li>x</li></table></span></li></ul>`,
	`<ul><li>a<table><tr><li>b</table></ul>`,
	`<table><li>x<li>y</table>`,
	`<table><h2>x</h2><h3>y</h3>t</table>`,
	`<table><tr><p>x<td>y</td></tr></table>`,
	`<table>x<b>y<td>z</b></td></table>`,
	`<table><caption><table><tr><td>x</td></tr></table></caption></table>`,
	`<table><caption><p>x<table><td>y`,
	`<b><table><b>x</b></table></b>`,
	`<nobr><table><nobr>x</nobr></table></nobr>`,
	`<a href="/a"><div><a href="/b">x</a></div></a>`,
	`<a href="/a"><p><a href="/b">x</a></p></a>`,
	`<b><p>1<b>2</b>3</p></b>`,
	`<i><p>a</i>b</p>`,
	`<b id=1><i><b id=2><p>x</b>y</i>z`,
	`<p><ul><li>x</li></ul></p>`,
	`<p><span><h2>x</h2></span></p>`,
	`<p><xss><blockquote>x</blockquote></xss></p>`,
	`<p><pre>x</pre></p>`,
	`<p><hr>x</p>`,
	`<form><p><form>x</form></p></form>`,
	`<form id=a><table><form id=b><td>x`,
	`<li><xss><li>x</li></xss></li>`,
	`<li><div><li>x</li></div></li>`,
	`<li><blockquote><li>x</li></blockquote></li>`,
	`<dt><span><dd>x</dd></span></dt>`,
	`<table><tbody><xss><tr><td>x</td></tr></xss></tbody></table>`,
	`<table><xss><caption>c</caption></xss></table>`,
	`<ul><xss><li>x</li><table><li>y</li></table></xss></ul>`,
	`<td>x</td><tr><th>y</th></tr><tbody>z</tbody><caption>c</caption>`,
	`<svg><p><h2><h3>x`,
	`<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
	`<a href="/x"><svg><a href="/y">x</a></svg></a>`,
	`<noscript><p title="</noscript><img src=x onerror=alert(1)>">`,
	`<p>a<table><xss>b<p>c</p></xss></table>`,
	`<a href="/1">1<b>2<a href="/2">3</b>4</a>`,
	`<table><a href="/1">1<tr><a href="/2">2</a></tr></table>`,
	`<marquee><a href="/1"><marquee><a href="/2">x`,
	`<h1><h2>x</h2></h1><h6><xss><h5>y`,
	`<pre><xss></xss>` + "\n" + `x</pre><pre><table>` + "\n" + `y</table></pre>`,
}

// TestSanitizeFixpointShapes checks, for each misnesting shape, that the
// output is its own fixpoint: parsed again, it gives the tree that was
// checked, and sanitising it again changes nothing.
func TestSanitizeFixpointShapes(t *testing.T) {
	p := ArticlePolicy()
	wide := ArticlePolicy().Builder().
		AllowElements("div", "section", "h1", "nobr", "marquee", "ruby", "rt", "rp", "listing", "center", "details", "summary").
		Policy()
	for i, in := range misnestingShapes {
		t.Run(strconv.Itoa(i), func(t *testing.T) {
			checkSanitized(t, p, in)
			checkStable(t, wide, in)
		})
	}
}

// nearMisnesting are bodies one or two edits away from the misnesting
// shapes, whose trees do round-trip: seeds from which the fuzzer reaches
// the shapes by mutation.
var nearMisnesting = []string{
	`<a href="/1"><table><tr><td><a href="/2">x</a></td></tr></table></a>`,
	`<h2><span><h3>x</h3></span></h2>`,
	`<ul><li><ul><li>x</li></ul></li></ul>`,
	`<dl><dt>a</dt><dd><dl><dt>b</dt></dl></dd></dl>`,
	`<p><b>x</b></p><table><tbody><tr><td><p>y</p></td></tr></tbody></table>`,
	`<li><a href="/x">t</a></li><table><tbody><tr><td>u</td></tr></tbody></table>`,
	`<b><i>x</i></b><nobr>y</nobr><nobr>z</nobr>`,
	`<h2>a</h2><h3><a href="/x">b</a></h3>`,
	`<table><caption>c</caption><colgroup><col></colgroup><thead><tr><th>h</th></tr></thead></table>`,
}

// TestSanitizeNoReparse checks that the nesting check does not send
// ordinary bodies through the re-parse (which would double their cost),
// while the misnesting shapes do need it.
func TestSanitizeNoReparse(t *testing.T) {
	p := ArticlePolicy()
	for _, name := range []string{"sample.html", "canonical.html"} {
		in, err := os.ReadFile(filepath.Join("testdata", "sanitize", name))
		require.NoError(t, err)
		ps, err := p.pass(string(in), false)
		require.NoError(t, err)
		assert.False(t, ps.redo, name)
	}
	ps, err := p.pass(largeArticleBody(t), false)
	require.NoError(t, err)
	assert.False(t, ps.redo, "large body")
	for _, in := range []string{
		`<h2><a href="https://example.com/"><h3>x</a></h3></h2>`,
		`<a href="/1"><table><a href="/2">x</a></table></a>`,
		`<li><a href="/x"><table><li>t</li></table></a></li>`,
		`<h2><table><h4>x</h4></table></h2>`,
	} {
		ps, err := p.pass(in, false)
		require.NoError(t, err)
		assert.True(t, ps.redo, in)
	}
}
