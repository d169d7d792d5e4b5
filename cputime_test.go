package article

import "time"

// wallTime runs f and returns the time it took.
func wallTime(f func()) time.Duration {
	start := time.Now()
	f()
	return time.Since(start)
}

// perRun returns the CPU time f takes per run, running it as many times as
// it takes to measure 30 ms at least: the CPU clock of a thread may tick in
// milliseconds.
func perRun(f func()) time.Duration {
	for n := 1; ; n *= 2 {
		d := cpuTime(func() {
			for range n {
				f()
			}
		})
		if d >= 30*time.Millisecond || n >= 1<<16 {
			return d / time.Duration(n)
		}
	}
}
