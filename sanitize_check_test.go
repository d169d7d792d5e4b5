package article

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ---- An independent safety checker -------------------------------------
//
// It shares no code with the sanitiser: it parses the output as a browser
// would (with scripting on and off) and lists every construct that could run
// script or hijack the page.
// checkerElements is the documented ArticlePolicy allowlist, written out
// again on purpose.
var checkerElements = strings.Fields(`p br hr h2 h3 h4 h5 h6 strong b em i u s
	sub sup small mark del ins kbd samp var wbr dfn blockquote q cite code pre
	ul ol li dl dt dd a img figure figcaption table thead tbody tfoot tr th td
	caption abbr time span details summary video audio source track picture
	colgroup col`)

var checkerURLAttrs = map[string]bool{"href": true, "src": true, "srcset": true,
	"cite": true, "action": true, "formaction": true, "data": true, "poster": true,
	"ping": true, "background": true, "xlink:href": true}

var checkerSchemeRE = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9+.\-]*):`)

// browserScheme returns the scheme a browser would see in an attribute
// value, lower-cased, or "".
func browserScheme(v string) string {
	v = strings.TrimFunc(v, func(r rune) bool { return r <= ' ' })
	v = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, v)
	if m := checkerSchemeRE.FindStringSubmatch(v); m != nil {
		return strings.ToLower(m[1])
	}
	return ""
}

// unsafeConstructs lists what is wrong with out; nil means safe.
func unsafeConstructs(out string) []string {
	var bad []string
	allowed := map[string]bool{}
	for _, e := range checkerElements {
		allowed[e] = true
	}
	for _, scripting := range []bool{true, false} {
		ctx := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
		nodes, err := html.ParseFragmentWithOptions(strings.NewReader(out), ctx, html.ParseOptionEnableScripting(scripting))
		if err != nil {
			return []string{"output does not parse: " + err.Error()}
		}
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			switch n.Type {
			case html.CommentNode:
				bad = append(bad, "comment "+strconv.Quote(n.Data))
			case html.ElementNode:
				if n.Namespace != "" || !allowed[n.Data] {
					bad = append(bad, "element "+n.Namespace+" "+n.Data)
				}
				var rel, target string
				hasTarget := false
				for _, a := range n.Attr {
					k := strings.ToLower(a.Key)
					switch {
					case a.Namespace != "":
						bad = append(bad, "namespaced attribute "+a.Namespace+":"+k)
					case strings.HasPrefix(k, "on"), k == "style", k == "srcdoc":
						bad = append(bad, "attribute "+k)
					case k == "id", k == "name":
						if !strings.HasPrefix(a.Val, "user-content-") {
							bad = append(bad, "unprefixed "+k+"="+strconv.Quote(a.Val))
						}
					case k == "rel":
						rel = a.Val
					case k == "target":
						target, hasTarget = a.Val, true
					}
					if checkerURLAttrs[k] {
						var urls []string
						switch k {
						case "srcset":
							for _, c := range strings.Split(a.Val, ",") {
								if f := strings.Fields(c); len(f) > 0 {
									urls = append(urls, f[0])
								}
							}
						case "ping":
							urls = strings.Fields(a.Val)
						default:
							urls = []string{a.Val}
						}
						for _, u := range urls {
							switch browserScheme(u) {
							case "", "http", "https", "mailto", "tel":
							default:
								bad = append(bad, "URL "+k+"="+strconv.Quote(a.Val))
							}
						}
					}
				}
				if hasTarget {
					toks := strings.Fields(strings.ToLower(rel))
					if target != "_blank" || !hasString(toks, "noopener") || !hasString(toks, "noreferrer") {
						bad = append(bad, fmt.Sprintf("target=%q with rel=%q", target, rel))
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		for _, n := range nodes {
			walk(n)
		}
	}
	return bad
}

func TestUnsafeConstructsCatches(t *testing.T) {
	// The checker must itself be able to fail.
	for _, in := range []string{
		`<script>alert(1)</script>`,
		`<img src=x onerror=alert(1)>`,
		`<p style="x">a</p>`,
		`<a href=" jav&#x09;ascript:alert(1)">x</a>`,
		`<a href="https://x" target="_blank" rel="nofollow">x</a>`,
		`<a href="https://x" target="_top" rel="noopener noreferrer">x</a>`,
		`<svg></svg>`,
		`<img src="https://x" srcset="https://x 1x, javascript:alert(1) 2x">`,
		`<!-- x -->`,
		`<noscript><img src=x onerror=alert(1)></noscript>`,
		`<div>x</div>`,
	} {
		assert.NotEmpty(t, unsafeConstructs(in), in)
	}
	assert.Empty(t, unsafeConstructs(`<p>a <a href="https://x" rel="noopener noreferrer" target="_blank">b</a></p>`))
}

// checkSanitized asserts what must hold for every input with ArticlePolicy
// (or a narrower policy): no unsafe construct, and checkStable.
func checkSanitized(t testing.TB, p *Policy, in string) string {
	t.Helper()
	out := checkStable(t, p, in)
	if bad := unsafeConstructs(out); len(bad) > 0 {
		t.Fatalf("unsafe output for %q:\n%s\n%v", in, out, bad)
	}
	return out
}

// checkStable asserts what must hold for every input and policy: valid
// UTF-8 with no control but tab, LF and FF, idempotence, and the fixpoint
// (the output re-parsed has nothing left to change).
func checkStable(t testing.TB, p *Policy, in string) string {
	t.Helper()
	out, rep, err := p.SanitizeReport(in)
	if !utf8.ValidString(out) {
		t.Fatalf("output not valid UTF-8 for %q:\n%q", in, out)
	}
	for i := 0; i < len(out); i++ {
		if c := out[i]; c < 0x20 && c != '\t' && c != '\n' && c != '\f' {
			t.Fatalf("control character %#x in output for %q:\n%q", c, in, out)
		}
	}
	if again := p.Sanitize(out); again != out {
		t.Fatalf("not idempotent for %q:\n1: %q\n2: %q", in, out, again)
	}
	if plain := p.Sanitize(in); plain != out {
		t.Fatalf("Sanitize and SanitizeReport differ for %q:\n%q\n%q", in, plain, out)
	}
	out2, rep2, err2 := p.SanitizeReport(out)
	rep2 = slices.DeleteFunc(rep2, func(c Change) bool { return c.Kind == ChangeLinkTextFlagged })
	if err2 != nil || len(rep2) != 0 || out2 != out {
		t.Fatalf("no fixpoint for %q:\nout: %q\nerr: %v\nreport: %v", in, out, err2, rep2)
	}
	if err != nil && (len(rep) != 1 || rep[0].Kind != ChangeTextOnly || rep[0].Value != shortValue(err.Error())) {
		t.Fatalf("report %v with error %v", rep, err)
	}
	if err == nil && len(rep) > 0 && rep[0].Kind == ChangeTextOnly {
		t.Fatalf("text-only change without error for %q", in)
	}
	for _, c := range rep {
		if c.Line < 1 || c.Column < 1 || c.Offset < 0 || c.Offset > len(in) {
			t.Fatalf("change without position for %q: %+v", in, c)
		}
	}
	return out
}

// assertTextOnly checks the report of a body reduced to its text.
func assertTextOnly(t testing.TB, rep Report, err error) {
	t.Helper()
	assert.Equal(t, Report{{Kind: ChangeTextOnly, Value: shortValue(err.Error()), Line: 1, Column: 1}}, rep)
}
