//go:build browser

package browser

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// knownFile lists outputs that fail in Chromium because of sanitiser bugs
// already filed (issue 12), so that this test can land before their fix.
// Each line: the input's name as this test reports it, a tab, the shape
// (one of knownShapes), a tab, a note. An entry that no longer fails is an
// error: delete it once the fix is merged.
const knownFile = "testdata/known-issue-12.tsv"

var knownShapes = map[string]bool{"cr": true, "misnesting": true, "srcset": true, "control-chars": true}

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
		if len(f) < 2 || !knownShapes[f[1]] {
			t.Fatalf("%s: %q: want name, tab, one of the issue-12 shapes %v", knownFile, line, knownShapes)
		}
		known[f[0]] = f[1]
	}
	return known
}

// TestSanitisedOutputInChromium loads what the sanitiser makes of every xss
// vector, sanitiser golden and FuzzSanitize corpus entry (and the stored
// golden outputs) in headless Chromium. No marker may fire, no URL may
// resolve to a scheme other than http, https or mailto, no request may be
// made but for the images kept, and Chromium's DOM must be x/net's tree.
func TestSanitisedOutputInChromium(t *testing.T) {
	pages := sanitisedPages(t)
	inputs := 0
	for _, p := range pages {
		inputs += len(p.sources)
	}
	start := time.Now()
	r := runPages(t, pages)
	t.Logf("%d distinct outputs of %d inputs loaded in Chromium in %v", len(pages), inputs, time.Since(start).Round(time.Millisecond))

	known := readKnown(t)
	knownHit := map[string]bool{}
	expected := map[string]bool{r.base + "/favicon.ico": true}
	failed := 0
	for i, p := range pages {
		res := r.results[i]
		var problems []string
		if res.err != nil {
			problems = append(problems, "loading: "+res.err.Error())
		}
		for _, m := range res.markers {
			problems = append(problems, "marker fired: "+m.String())
		}
		for _, b := range res.badURLs {
			problems = append(problems, "URL Chromium resolves to another scheme: "+b)
		}
		xtree, xnodes, err := xnetTree(p.body)
		if err != nil {
			problems = append(problems, "x/net cannot parse the output: "+err.Error())
		} else {
			fetched := fetchedURLs(xnodes, r.pageURL(i))
			for u := range fetched {
				expected[u] = true
			}
			for _, u := range res.requests {
				if !fetched[u] && u != r.base+"/favicon.ico" {
					problems = append(problems, "request nothing kept explains: "+u)
				}
			}
			if ctree, err := chromiumTree(res.dom); err != nil {
				problems = append(problems, "Chromium's DOM: "+err.Error())
			} else if d := diffTrees(ctree, xtree); d != "" {
				problems = append(problems, "DOM differs: "+d)
			}
		}
		if len(problems) == 0 {
			continue
		}
		var knownAs []string
		for _, s := range p.sources {
			if shape, ok := known[s]; ok {
				knownHit[s] = true
				knownAs = append(knownAs, s+" ("+shape+")")
			}
		}
		report := fmt.Sprintf("%s\n\toutput %s\n\t%s", strings.Join(p.sources, ", "), shorten(p.body), strings.Join(problems, "\n\t"))
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
	for name, shape := range known {
		if !knownHit[name] {
			t.Errorf("%s: %s (%s) no longer fails: delete the line", knownFile, name, shape)
		}
	}
	if failed > 0 {
		t.Logf("%d of %d outputs failed; their inputs are named above", failed, len(pages))
	}
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

