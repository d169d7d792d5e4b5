//go:build !linux

package article

import "time"

// cpuTime runs f and returns the time it took (on Linux, the CPU time of its
// thread).
func cpuTime(f func()) time.Duration { return wallTime(f) }
