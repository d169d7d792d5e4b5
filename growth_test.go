package article

import (
	"runtime"
	"runtime/debug"
	"time"
)

// The growth tests (linear time from 100 KB to 1 MB) time the work itself,
// not the machine: with the garbage collector off for the whole
// measurement and a collection before each timed batch, and the best of
// several rounds. A collection's cost depends on when it lands and on
// other threads, and with the collector on, the runtime hands the pages of
// a large body back to the system between runs and faults them in again
// on the next one: on a sandboxed CI machine, that made a 1 MB run measure
// 3× its usual time. With it off, pages freed by the explicit collections
// are kept and reused (growth faults them in first with an untimed run).
// Memory growth is checked separately, by bytes allocated, which is exact.

// wallTime runs f and returns the time it took.
func wallTime(f func()) time.Duration {
	start := time.Now()
	f()
	return time.Since(start)
}

// perRun returns the time f takes per run: wall time, which the system
// measures to the microsecond (a thread's CPU clock ticks every 4 ms here,
// too coarse for a 1 ms run), with the garbage collector off, so that the
// only noise left is other work on the machine, which only ever adds time
// and which growth's best-of-rounds removes. A run shorter than 20 ms is
// repeated in one batch of about 25 ms. A collection runs before each
// timed run or batch; call perRun from growth or under gcOff, which keep
// the collector off between batches too.
func perRun(f func()) time.Duration {
	const batch = 25 * time.Millisecond
	runtime.GC()
	d := wallTime(f)
	if d >= batch*4/5 {
		return d
	}
	n := min(int(batch/max(d, time.Microsecond))+1, 1<<16)
	runtime.GC()
	return wallTime(func() {
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
