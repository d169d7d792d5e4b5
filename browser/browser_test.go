//go:build browser

package browser

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/articlekit/article"
)

// knownFile lists outputs that fail in Chromium because of sanitiser bugs
// already filed (issue 12), so that this test can land before their fix.
// Each line: the input's name as this test reports it, a tab, the shape
// (one of knownShapes), a tab, a note. The name "*" with the shape
// invalid-utf8 stands for every output that is not valid UTF-8 and differs
// from x/net's tree only where Chromium decoded invalid bytes as U+FFFD
// (the fuzzer finds new ones every run, under names no list can hold).
// An entry that no longer fails is an error: delete it once the fix is
// merged.
const knownFile = "testdata/known-issue-12.tsv"

var knownShapes = map[string]bool{"cr": true, "misnesting": true, "srcset": true, "control-chars": true, "invalid-utf8": true}

func readKnown(t *testing.T) map[string]string {
	t.Helper()
	data, err := os.ReadFile(knownFile)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.SplitN(line, "\t", 3)
		if len(f) < 2 || !knownShapes[f[1]] || f[0] == "*" && f[1] != "invalid-utf8" {
			t.Fatalf("%s: %q: want name, tab, one of the issue-12 shapes %v", knownFile, line, knownShapes)
		}
		known[f[0]] = f[1]
	}
	return known
}

// check lists what is wrong with page i of r, comparing Chromium's result
// with x/net's reading of xnetBody (the page's body, or that body decoded
// as a browser decodes UTF-8).
func check(r *run, i int, p *page, xnetBody string) []string {
	res := r.results[i]
	problems := res.problems()
	if again := article.Sanitize(p.body); again != p.body {
		problems = append(problems, "not its own fixpoint (the tree a browser builds is not the one checked): sanitised again "+shorten(again))
	}
	xtree, xnodes, err := xnetTree(xnetBody)
	if err != nil {
		return append(problems, "x/net cannot parse the output: "+err.Error())
	}
	fetched := fetchedURLs(xnodes, r.pageURL(i))
	for _, u := range res.requests {
		if !fetched[u] && u != r.base+"/favicon.ico" && !mediaControlIcon(u, xnodes) {
			problems = append(problems, "request nothing kept explains: "+u)
		}
	}
	if ctree, err := chromiumTree(res.dom); err != nil {
		problems = append(problems, "Chromium's DOM: "+err.Error())
	} else if d := diffTrees(ctree, xtree); d != "" {
		problems = append(problems, "DOM differs: "+d)
	}
	return problems
}

// TestSanitisedOutputInChromium loads what the sanitiser makes of every xss
// vector, sanitiser golden, FuzzSanitize corpus entry and differential.tsv
// input (and the stored golden outputs) in headless Chromium. No marker may
// fire, no URL may resolve to a scheme other than http, https, mailto or tel, no
// request may be made but for the images kept, Chromium's DOM must be
// x/net's tree, and the output must be its own fixpoint.
func TestSanitisedOutputInChromium(t *testing.T) {
	pages, inputs := sanitisedPages(t)
	start := time.Now()
	r := runPages(t, pages)
	t.Logf("%d distinct outputs of %d inputs loaded in Chromium in %v", len(pages), len(inputs), time.Since(start).Round(time.Millisecond))

	known := readKnown(t)
	knownHit := map[string]bool{}
	expected := map[string]bool{r.base + "/favicon.ico": true}
	failed := 0
	for i, p := range pages {
		_, xnodes, err := xnetTree(p.body)
		if err == nil {
			for u := range fetchedURLs(xnodes, r.pageURL(i)) {
				expected[u] = true
			}
		}
		problems := check(r, i, p, p.body)
		if len(problems) == 0 {
			continue
		}
		report := fmt.Sprintf("%s\n\toutput %s\n\t%s", strings.Join(p.sources, ", "), shorten(p.body), strings.Join(problems, "\n\t"))
		var knownAs []string
		for _, s := range p.sources {
			if shape, ok := known[s]; ok {
				knownHit[s] = true
				knownAs = append(knownAs, s+" ("+shape+")")
			}
		}
		if known["*"] == "invalid-utf8" && !utf8.ValidString(p.body) {
			repaired := decodeUTF8(p.body)
			_, rnodes, err := xnetTree(repaired)
			if err == nil {
				for u := range fetchedURLs(rnodes, r.pageURL(i)) {
					expected[u] = true
				}
			}
			if len(check(r, i, p, repaired)) == 0 {
				knownHit["*"] = true
				knownAs = append(knownAs, "* (invalid-utf8: the output is not UTF-8)")
			}
		}
		if len(knownAs) > 0 {
			t.Logf("KNOWN (issue 12, %s): %s", strings.Join(knownAs, ", "), report)
			continue
		}
		failed++
		t.Errorf("%s", report)
	}
	for _, u := range r.served {
		if !expected[r.base+u] {
			t.Errorf("the test server got a request nothing kept explains: %s", u)
		}
	}
	for _, m := range r.stray {
		t.Errorf("marker fired outside any page: %s", m)
	}

	// A known entry that no longer fails must go; one whose input was not
	// part of this run (a fuzz cache entry) is only noted.
	ran := map[string]bool{}
	invalidInput := false
	for _, in := range inputs {
		ran[in.name] = true
		invalidInput = invalidInput || !utf8.ValidString(in.body)
	}
	for name, shape := range known {
		switch {
		case knownHit[name]:
		case name == "*" && !invalidInput:
			t.Logf("%s: no input was invalid UTF-8, so the %s line was not exercised", knownFile, shape)
		case name != "*" && !ran[name]:
			t.Logf("%s: %s was not among the inputs of this run", knownFile, name)
		default:
			t.Errorf("%s: %s (%s) no longer fails: delete the line", knownFile, name, shape)
		}
	}
	if failed > 0 {
		t.Logf("%d of %d outputs failed; their inputs are named above", failed, len(pages))
	}
}

// decodeUTF8 is s as a browser decodes it as UTF-8: each maximal invalid
// subsequence becomes one U+FFFD (the WHATWG decoder's rule).
func decodeUTF8(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r != utf8.RuneError || n > 1 {
			b.WriteString(s[i : i+n])
			i += n
			continue
		}
		b.WriteRune(utf8.RuneError)
		i += invalidLen(s[i:])
	}
	return b.String()
}

// invalidLen is the length of the maximal subpart of an invalid sequence
// at the start of s: its lead byte and the continuation bytes that could
// still have followed it.
func invalidLen(s string) int {
	c := s[0]
	var need int
	lo, hi := byte(0x80), byte(0xBF)
	switch {
	case c >= 0xC2 && c <= 0xDF:
		need = 1
	case c >= 0xE0 && c <= 0xEF:
		need = 2
		if c == 0xE0 {
			lo = 0xA0
		} else if c == 0xED {
			hi = 0x9F
		}
	case c >= 0xF0 && c <= 0xF4:
		need = 3
		if c == 0xF0 {
			lo = 0x90
		} else if c == 0xF4 {
			hi = 0x8F
		}
	default:
		return 1
	}
	n := 1
	for ; n <= need && n < len(s); n++ {
		if s[n] < lo || s[n] > hi {
			break
		}
		lo, hi = 0x80, 0xBF
	}
	return n
}

// mustFire are unsanitised vectors that run script in any current browser
// without a user's help; the harness must see each of them.
var mustFire = []string{
	"vector/event-no-space-between-attributes",
	"vector/own-event-in-allowed-element",
	"vector/ns-svg-style-not-rawtext",
	"vector/comment-abrupt-close",
	"vector/url-js-scheme-plain",
}

// TestUnsanitisedVectorsFireMarkers is the proof that the harness can
// fail: the same run over the vectors as they are, unsanitised, must see
// markers fire.
func TestUnsanitisedVectorsFireMarkers(t *testing.T) {
	pages := rawPages(t)
	r := runPages(t, pages)
	fired := map[string]bool{}
	var firedNames []string
	domDiffs := 0
	for i, p := range pages {
		res := r.results[i]
		if len(res.markers) > 0 {
			for _, s := range p.sources {
				fired[s] = true
				firedNames = append(firedNames, s)
			}
			t.Logf("%s: %v", strings.Join(p.sources, ", "), res.markers)
		}
		if xtree, _, err := xnetTree(p.body); err == nil {
			if ctree, err := chromiumTree(res.dom); err == nil {
				if d := diffTrees(ctree, xtree); d != "" {
					domDiffs++
					t.Logf("DOM differs (unsanitised, expected for some): %s: %s", strings.Join(p.sources, ", "), d)
				}
			}
		}
	}
	t.Logf("markers fired for %d of %d unsanitised vectors; Chromium and x/net disagree on %d", len(firedNames), len(pages), domDiffs)
	if domDiffs == 0 {
		t.Errorf("Chromium and x/net agree on every unsanitised vector; the DOM comparison is blind (own-shadow-dom-declarative should differ)")
	}
	// A marker that needs a request to fail first (an image's onerror) may
	// come late on a busy machine: the pages of any must-fire vector that
	// stayed quiet are loaded once more before the harness is called blind.
	var again []*page
	for _, p := range pages {
		for _, s := range p.sources {
			if !fired[s] && slices.Contains(mustFire, s) {
				again = append(again, p)
				break
			}
		}
	}
	if len(again) > 0 {
		r2 := runPages(t, again)
		for i, p := range again {
			if len(r2.results[i].markers) > 0 {
				for _, s := range p.sources {
					fired[s] = true
				}
				t.Logf("%s: fired on the second load: %v", strings.Join(p.sources, ", "), r2.results[i].markers)
			}
		}
	}
	// The page's user-information check (pokeJS) sees the URLs with user
	// information that only a WHATWG reading finds.
	userinfo := 0
	for i, p := range pages {
		for _, s := range p.sources {
			if !strings.HasPrefix(s, "vector/url-userinfo-whatwg-") {
				continue
			}
			userinfo++
			if !slices.ContainsFunc(r.results[i].badURLs, func(b string) bool { return strings.Contains(b, "has user information") }) {
				t.Errorf("%s: Chromium resolves no URL with user information in the unsanitised vector (%v); the check is blind", s, r.results[i].badURLs)
			}
		}
	}
	if userinfo < 3 {
		t.Errorf("only %d url-userinfo-whatwg vectors loaded", userinfo)
	}
	for _, name := range mustFire {
		if !fired[name] {
			t.Errorf("%s: no marker fired for the unsanitised vector; the harness is blind", name)
		}
	}
	if len(firedNames) < 2*len(mustFire) {
		t.Errorf("markers fired for only %d unsanitised vectors: %v", len(firedNames), firedNames)
	}
}

func shorten(s string) string {
	if len(s) > 300 {
		return strconv.Quote(s[:300]) + "…"
	}
	return strconv.Quote(s)
}
