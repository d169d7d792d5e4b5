//go:build !linux

package article

import "time"

// clock returns the wall clock (on Linux, the CPU time of the calling
// thread).
func clock() time.Duration { return wallClock() }
