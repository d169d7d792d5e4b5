package article

import (
	"runtime"
	"runtime/debug"
	"time"
)

// The growth tests (linear time from 100 KB to 1 MB) time the work itself,
// not the machine: the CPU time of the calling thread (see timed), with
// the garbage collector off for the whole measurement, a collection
// before each timed batch, and the best of several rounds. A collection's
// cost depends on when it lands and on other threads, and with the
// collector on, the runtime hands the pages of a large body back to the
// system between runs and faults them in again on the next one: on a
// sandboxed CI machine, that made a 1 MB run measure 3× its usual time.
// With it off, pages freed by the explicit collections are kept and reused
// (growth faults them in first with an untimed run). Memory growth is
// checked separately, by bytes allocated, which is exact.

// wallClock is a monotonic clock: the time since the tests started.
func wallClock() time.Duration { return time.Since(testStart) }

var testStart = time.Now()

// timed runs f and returns the time it took by clock: the CPU time of its
// thread on Linux, which, unlike the wall clock, does not count the time
// spent waiting for a CPU while other processes run.
func timed(f func()) time.Duration {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	start := clock()
	f()
	return clock() - start
}

// perRun returns the time f takes per run (see timed), with the garbage
// collector off, so that no collection lands in it. A run shorter than
// 20 ms is repeated in one batch of about 25 ms, sized from that run. A
// collection runs before each timed run or batch; call perRun from growth
// or under gcOff, which keep the collector off between batches too.
func perRun(f func()) time.Duration {
	const batch = 25 * time.Millisecond
	runtime.GC()
	d := timed(f)
	if d >= batch*4/5 {
		return d
	}
	n := min(int(batch/max(d, time.Microsecond))+1, 1<<16)
	runtime.GC()
	return timed(func() {
		for range n {
			f()
		}
	}) / time.Duration(n)
}

// gcOff turns the garbage collector off until the returned function is
// called: defer gcOff()().
func gcOff() func() {
	old := debug.SetGCPercent(-1)
	return func() { debug.SetGCPercent(old) }
}

// growth times small and large in turns, for up to rounds rounds, keeping
// the best time of each (noise only ever adds time), and returns the ratio
// of the best times, stopping as soon as it is at most limit. A first,
// untimed run of large faults in the memory the timed runs reuse.
func growth(small, large func(), rounds int, limit float64) (ratio float64, ts, tl time.Duration) {
	defer gcOff()()
	// One untimed run of the large input first: it faults in the pages
	// that the timed runs then reuse.
	large()
	ts, tl = 1<<62, 1<<62
	for range rounds {
		ts = min(ts, perRun(small))
		tl = min(tl, perRun(large))
		ratio = float64(tl) / float64(max(ts, time.Microsecond))
		if ratio <= limit {
			break
		}
	}
	return ratio, ts, tl
}
