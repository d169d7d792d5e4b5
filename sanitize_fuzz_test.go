package article

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzSanitize checks, for any input: no panic, an output with nothing
// script-capable in it (by the independent checker), idempotence, the
// fixpoint (the output parsed again has nothing left to change), and a
// position for every change.
func FuzzSanitize(f *testing.F) {
	for _, v := range readXSSVectors(f) {
		f.Add(v.input)
	}
	for _, name := range []string{"sample.html", "press-release.html", "canonical.html"} {
		b, err := os.ReadFile(filepath.Join("testdata", "sanitize", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	// News bodies (issue 14): media, pictures, ids, embeds, link texts.
	news, _ := filepath.Glob(filepath.Join("testdata", "sanitize", "news", "*", "*.html"))
	news2, _ := filepath.Glob(filepath.Join("testdata", "sanitize", "news", "*.html"))
	for _, name := range append(news, news2...) {
		if b, err := os.ReadFile(name); err == nil && !strings.HasSuffix(name, ".golden.html") {
			f.Add(string(b))
		}
	}
	f.Add(`<h2><b><h1 id=x>y</h1></b></h2><a name=q><a href=#q>r</a></a>`)
	f.Add(`<table><colgroup><col span=2><iframe src="https://www.youtube.com/embed/x"></iframe></colgroup></table>`)
	f.Add(`<p><iframe src="https://player.vimeo.com/v" sandbox=x>t</iframe><video><source src=/v><p>f</video></p>`)
	f.Add("<a href=\"https://e.example/\">b\u200bank.example\uff0flogin</a><img data-src=/i src=data:x>")
	f.Add("<table><b>x<tr><td>y</b>z</td></tr></table>")
	f.Add("<b>1<p>2</b>3</p><b>4</b>")
	f.Add("<pre>\n\n<xss>\nx</xss></pre>")
	// Carriage returns, controls and invalid UTF-8.
	f.Add("<p title=\"a&#13;b\">a&#13;b&#x0D;&#x0A;</p>")
	f.Add("<pre>&#13;x</pre><img src=/a alt=\"\x1b$B\">\xff\xe2\x82")
	for _, in := range misnestingShapes {
		f.Add(in)
	}
	// Long srcset values (the check must stay linear in them).
	f.Add(`<img src="/x" srcset="/a` + strings.Repeat(",b", 2000) + `">`)
	f.Add(`<img src="/x" srcset="` + strings.Repeat("/a.png 1x (,b 2x), ", 300) + `">`)
	f.Add(`<img src="/x" srcset="` + strings.Repeat("/a.png 100w, /b,c.png 1.5x,, ", 300) + `">`)
	for _, in := range nearMisnesting {
		f.Add(in)
	}
	p := ArticlePolicy()
	// A wider policy, as a caller may build, with more of the elements whose
	// place the parser decides by name.
	wide := ArticlePolicy().Builder().
		AllowElements("div", "section", "h1", "nobr", "marquee", "ruby", "rt", "rp", "rb", "rtc",
			"listing", "center", "details", "summary", "colgroup", "col", "address").
		Policy()
	embeds := newsEmbedPolicy()
	f.Fuzz(func(t *testing.T, in string) {
		if len(in) > 1<<16 {
			return
		}
		out := checkSanitized(t, p, in)
		checkStable(t, wide, in)
		checkEmbeds(t, checkStable(t, embeds, in))
		_, _, err := p.SanitizeReport(in)
		// Without callbacks, the output settles: ErrUnstable would mean
		// a tree the re-parse loop cannot bring to a fixpoint.
		if err != nil && !errors.Is(err, ErrTooDeep) {
			t.Fatalf("unexpected error %v", err)
		}
		if err != nil && strings.Contains(out, "<") {
			t.Fatalf("markup in text-only output %q", out)
		}
	})
}

// nestingTokens is the vocabulary of FuzzSanitizeNesting: the tags whose
// place the HTML parser decides by name (the mXSS building blocks), some
// unknown and dropped elements, and text.
var nestingTokens = strings.Fields(`<a&#32;href="/1"> <a&#32;href="/2"> </a> <table> </table>
	<tr> </tr> <td> </td> <th> <tbody> <caption> </caption> <colgroup> <col>
	<li> </li> <ul> </ul> <ol> <dl> <dd> <dt> </dl> <p> </p> <h2> </h2> <h3>
	</h3> <b> </b> <i> </i> <nobr> </nobr> <div> </div> <xss> </xss> <blockquote>
	<pre> <hr> <br> <img&#32;src=/i> <span> </span> <form> </form> <script>s</script>
	<marquee> <ruby> <rt> <rp> <section> <h1> <svg> </svg> <math> <mtext>
	<select> <option> <template> </template> <noscript> x y&#13; &#10; &amp;
	<address> <center> <details> <summary> <rtc> <rb> <listing> <thead> <tfoot>
	</td> </tr> </li> </dd> </h3> <h4> </p> <dt> <menu> <dir> <applet> <object>
	<button> <sub> <ins> <figure> <figcaption> &#32;`)

// FuzzSanitizeNesting builds bodies from tags rather than bytes, one token
// per input byte, so that the fuzzer explores misnesting (the shapes of the
// SonarSource mXSS cheat sheet and more) in seconds, and checks the same
// invariants as FuzzSanitize with the article policy and a wider one.
func FuzzSanitizeNesting(f *testing.F) {
	f.Add([]byte{0, 3, 5, 7, 1})
	f.Add([]byte{28, 0, 2})
	p := ArticlePolicy()
	wide := ArticlePolicy().Builder().
		AllowElements("div", "section", "h1", "nobr", "marquee", "ruby", "rt", "rp", "rb", "rtc",
			"colgroup", "col", "address", "center", "details", "summary", "listing", "menu", "dir").
		Policy()
	embeds := newsEmbedPolicy()
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 256 {
			return
		}
		var b strings.Builder
		for _, c := range data {
			b.WriteString(strings.ReplaceAll(nestingTokens[int(c)%len(nestingTokens)], "&#32;", " "))
		}
		in := b.String()
		checkSanitized(t, p, in)
		checkStable(t, wide, in)
		checkEmbeds(t, checkStable(t, embeds, in))
		for _, pol := range []*Policy{p, wide} {
			out, _, err := pol.SanitizeReport(in)
			switch {
			case err == nil:
			case errors.Is(err, ErrUnstable) && !strings.Contains(out, "<"):
				// Links nested in links, kept apart by an element the
				// policy unwraps (a marquee) and separated by many levels,
				// settle one level per parse; past the limit of parses the
				// body comes back as its text, with ErrUnstable: the
				// documented fallback (testdata/fuzz/FuzzSanitizeNesting
				// keeps such an input). Anything else is a failure.
			default:
				t.Fatalf("error %v for %q", err, in)
			}
		}
	})
}
