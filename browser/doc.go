// Package browser checks package article's sanitiser in a real browser. It is
// a separate module so that its DevTools client never becomes a dependency
// of the library.
//
// The test is behind the build tag browser and needs Chromium (Debian
// package chromium, or the binary named by $CHROMIUM):
//
//	cd browser && go test -tags browser -v ./...
//
// It serves every sanitised vector, sanitiser golden and FuzzSanitize corpus
// entry from a server on 127.0.0.1 to headless Chromium, fails if a marker
// fires (a call to alert, confirm, prompt or print, a write to
// document.title or top.x, a request nothing kept in the output explains)
// or if Chromium's DOM differs from x/net's tree of the same output, and
// shows that it can fail by running the unsanitised vectors and requiring
// markers to fire. Set $BROWSER_EXTRA_CORPUS to a list of directories of
// fuzz corpus entries (separated by the OS's list separator) to check more
// inputs, such as the ones go test -fuzz found in its cache.
package browser
