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
	f.Add("<table><b>x<tr><td>y</b>z</td></tr></table>")
	f.Add("<b>1<p>2</b>3</p><b>4</b>")
	f.Add("<pre>\n\n<xss>\nx</xss></pre>")
	// Carriage returns, controls and invalid UTF-8.
	f.Add("<p title=\"a&#13;b\">a&#13;b&#x0D;&#x0A;</p>")
	f.Add("<pre>&#13;x</pre><img src=/a alt=\"\x1b$B\">\xff\xe2\x82")
	p := ArticlePolicy()
	f.Fuzz(func(t *testing.T, in string) {
		if len(in) > 1<<16 {
			return
		}
		out := checkSanitized(t, p, in)
		_, _, err := p.SanitizeReport(in)
		if err != nil && !errors.Is(err, ErrTooDeep) && !errors.Is(err, ErrUnstable) {
			t.Fatalf("unexpected error %v", err)
		}
		if err != nil && strings.Contains(out, "<") {
			t.Fatalf("markup in text-only output %q", out)
		}
	})
}
