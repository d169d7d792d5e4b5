// Package bench holds side-by-side benchmarks of package article against the
// libraries people would otherwise use. It is a separate module so that those
// peers never become dependencies of the library itself.
//
// Run from this folder: go test -run '^$' -bench . -benchmem
package bench
