package article

import (
	"runtime"
	"runtime/debug"
	"time"
)

// The growth tests (linear time from 100 KB to 1 MB) time the work itself,
// not the machine: the CPU time of the calling thread (see cpuTime), with
// the garbage collector off for the whole measurement and a collection
// before each timed batch. A collection's cost depends on when it lands and
// on other threads (idle mark workers on a free core count in the
// process's CPU time), and with the collector on, the runtime hands the
// pages of a large body back to the system between runs and faults them
// in again on the next one: on a sandboxed CI machine, that made a 1 MB run
// measure 3× its usual time. With it off, pages freed by the explicit
// collections are kept and reused, so after the first round neither size
// pays for page faults. Memory growth is checked separately, by bytes
// allocated, which is exact.

// wallTime runs f and returns the time it took.
func wallTime(f func()) time.Duration {
	start := time.Now()
	f()
	return time.Since(start)
}

// perRun returns the CPU time f takes per run, running it as many times as
// it takes to measure 20 ms at least: the CPU clock of a thread may tick in
// milliseconds. A collection runs before the batch, which is timed with the
// garbage collector off; call it from growth or gcOff, which keep the
// collector off between batches too.
func perRun(f func()) time.Duration {
	for n := 1; ; n *= 2 {
		runtime.GC()
		d := cpuTime(func() {
			for range n {
				f()
			}
		})
		if d >= 20*time.Millisecond || n >= 1<<16 {
			return d / time.Duration(n)
		}
	}
}

// gcOff turns the garbage collector off until the returned function is
// called: defer gcOff()().
func gcOff() func() {
	old := debug.SetGCPercent(-1)
	return func() { debug.SetGCPercent(old) }
}

// growth times small and large in turns, for up to rounds rounds, keeping
// the best time of each (noise only ever adds time), and returns the ratio
// of the best times, stopping as soon as it is at most limit after two
// rounds at least (the first may pay for page faults).
func growth(small, large func(), rounds int, limit float64) (ratio float64, ts, tl time.Duration) {
	defer gcOff()()
	ts, tl = 1<<62, 1<<62
	for i := range rounds {
		ts = min(ts, perRun(small))
		tl = min(tl, perRun(large))
		ratio = float64(tl) / float64(max(ts, time.Microsecond))
		if ratio <= limit && i > 0 {
			break
		}
	}
	return ratio, ts, tl
}
