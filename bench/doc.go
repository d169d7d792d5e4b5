// Package bench holds side-by-side benchmarks of package article against the
// libraries people would otherwise use. It is a separate module so that those
// peers never become dependencies of the library itself.
//
// Run ./run.sh from this folder (or bench/run.sh from the root): it runs
// every benchmark here and the root package's comparison benchmarks with
// -count 6, compares them with a pinned benchstat and prints each ratio.
package bench
