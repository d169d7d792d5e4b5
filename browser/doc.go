// Package browser checks package article's sanitiser in a real browser. It is
// a separate module so that its DevTools client (chromedp) never becomes a
// dependency of the library.
//
// The tests are behind the build tag browser and need Chromium (Debian
// package chromium, or the binary named by $CHROMIUM):
//
//	cd browser && go test -tags browser -v ./...
//
// TestSanitisedOutputInChromium sanitises every xss vector
// (../testdata/xss-vectors.tsv), sanitiser golden (../testdata/sanitize),
// FuzzSanitize corpus entry (../testdata/fuzz/FuzzSanitize) and the inputs
// in testdata/differential.tsv, serves each distinct output (and the stored
// golden outputs) from a server on 127.0.0.1, and loads it in one tab of a
// headless Chromium whose every other host fails to resolve. It fails if a
// marker fires (a call to alert, confirm, prompt or print, a write to
// document.title or top.x, a request that no kept image explains), if a
// kept URL resolves to a scheme other than http, https, mailto or tel in
// Chromium, if Chromium's DOM differs from x/net's tree of the same output
// (element names and namespaces, attributes, nesting, text), or if the
// output does not sanitise to itself. Elements are provoked first: every
// element gets the events inline handlers listen for, and links Chromium
// reads as javascript: are clicked.
//
// TestUnsanitisedVectorsFireMarkers proves the harness can fail: the same
// run over the unsanitised vectors must see markers fire for at least the
// vectors in mustFire, and a DOM difference between Chromium and x/net.
//
// TestURLDifferential compares the library's reading of URLs (url.go)
// with Chromium's new URL(s, base), against an https and an http base, for
// every generated URL string of ../testdata/urls/whatwg.jsonl (scheme,
// username, password, host); see the test for what must agree and which
// stricter readings of the library are tolerated.
//
// Failures known from issue 12 are listed in testdata/known-issue-12.tsv;
// the test fails on a line that no longer fails, so delete lines as fixes
// land. Set $BROWSER_EXTRA_CORPUS to a list of directories of fuzz corpus
// entries (separated by the OS's list separator) to check more inputs, such
// as those go test -fuzz keeps in its cache; .ci/run does.
package browser
