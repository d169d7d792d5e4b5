//go:build unix && !linux

package main

import "syscall"

// The names of Stat_t's time fields differ between the BSDs: the size and
// the device and inode numbers must do there.
func modTime(*syscall.Stat_t) syscall.Timespec    { return syscall.Timespec{} }
func changeTime(*syscall.Stat_t) syscall.Timespec { return syscall.Timespec{} }
