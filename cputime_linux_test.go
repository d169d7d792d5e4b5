//go:build linux

package article

import (
	"runtime"
	"syscall"
	"time"
)

// cpuTime runs f and returns the CPU time its thread spent on it, which,
// unlike the wall clock, does not count the time spent waiting for a CPU on
// a busy machine. (Garbage collection done by other threads is not
// counted either.)
func cpuTime(f func()) time.Duration {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	const rusageThread = 1 // RUSAGE_THREAD
	var before, after syscall.Rusage
	if syscall.Getrusage(rusageThread, &before) != nil {
		return wallTime(f)
	}
	f()
	if syscall.Getrusage(rusageThread, &after) != nil {
		return wallTime(f)
	}
	return time.Duration(after.Utime.Nano() + after.Stime.Nano() - before.Utime.Nano() - before.Stime.Nano())
}
