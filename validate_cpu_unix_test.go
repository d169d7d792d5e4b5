//go:build unix

package article

import (
	"syscall"
	"time"
)

// benchClock returns the CPU time of the process, user and system, which
// unlike the wall clock does not count the time other processes take on a
// busy machine. BenchmarkValidateVsSanitize compares with it.
func benchClock() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return time.Duration(time.Now().UnixNano())
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
