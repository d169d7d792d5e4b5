package article

import "syscall"

// changeTime returns the change time (ctime) of a file.
func changeTime(st *syscall.Stat_t) syscall.Timespec { return st.Ctim }
