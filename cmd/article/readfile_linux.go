package main

import "syscall"

func modTime(st *syscall.Stat_t) syscall.Timespec    { return st.Mtim }
func changeTime(st *syscall.Stat_t) syscall.Timespec { return st.Ctim }
