//go:build unix

package main

import (
	"io/fs"
	"syscall"

	"github.com/articlekit/article"
)

// fileID tells a file and its state apart from another: device and inode
// (reused as soon as a file is removed), size and times.
type fileID struct {
	dev, ino     uint64
	size         int64
	mtime, ctime syscall.Timespec
}

func idOf(st *syscall.Stat_t) fileID {
	return fileID{dev: uint64(st.Dev), ino: uint64(st.Ino), size: st.Size, mtime: modTime(st), ctime: changeTime(st)}
}

// statID returns the fileID of the file path names, following links.
func statID(path string) (fileID, error) {
	var st syscall.Stat_t
	if err := syscall.Stat(path, &st); err != nil {
		return fileID{}, &fs.PathError{Op: "stat", Path: path, Err: err}
	}
	return idOf(&st), nil
}

// readArticleFileID reads the regular file at path into buf[:0], growing it
// as needed, and returns the filled slice and what the file was when read.
// A file larger than article.DefaultMaxSize fails with errTooLarge, without
// being read past the limit; anything but a regular file (a directory, a
// FIFO, a device, a socket) fails with errNotRegular, without blocking: the
// file is opened with O_NONBLOCK, so a FIFO swapped in for a file does not
// wait for a writer. A read that returns fewer bytes than asked, ending
// the file where its size said, ends it: a read of a regular file is short
// only at the end of the file, and the read that would return 0 is one
// system call in five per file. A file that grew meanwhile is still read
// to its end; one whose size is 0 (as in /proc) is read to its end.
//
// It uses the system calls directly: os.Open registers every file with the
// runtime's poller (five more system calls per file, which regular files
// do not need), a quarter of lint's time on trees of small files.
func readArticleFileID(path string, buf []byte) ([]byte, fileID, error) {
	fd, err := retry(func() (int, error) {
		return syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NONBLOCK, 0)
	})
	if err != nil {
		return buf[:0], fileID{}, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return buf[:0], fileID{}, &fs.PathError{Op: "stat", Path: path, Err: err}
	}
	if kind := uint32(st.Mode) & syscall.S_IFMT; kind != syscall.S_IFREG {
		return buf[:0], fileID{}, &fs.PathError{Op: "read", Path: path, Err: notRegular(kind == syscall.S_IFDIR,
			kind == syscall.S_IFIFO, kind == syscall.S_IFSOCK, kind == syscall.S_IFCHR || kind == syscall.S_IFBLK)}
	}
	id := idOf(&st)
	if st.Size > article.DefaultMaxSize {
		return buf[:0], id, errTooLarge
	}
	// Room for the whole file and one byte more, so that the read that
	// sees the end of the file needs no growth.
	need := int(max(st.Size, 4095)) + 1
	if cap(buf) < need {
		buf = make([]byte, 0, need)
	}
	buf = buf[:0]
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		want := cap(buf) - len(buf)
		n, err := retry(func() (int, error) { return syscall.Read(fd, buf[len(buf):cap(buf)]) })
		if err != nil {
			return buf[:0], id, &fs.PathError{Op: "read", Path: path, Err: err}
		}
		if n <= 0 {
			return buf, id, nil
		}
		buf = buf[:len(buf)+n]
		if len(buf) > article.DefaultMaxSize {
			return buf[:0], id, errTooLarge
		}
		if n < want && len(buf) == int(st.Size) {
			return buf, id, nil // a short read, at the end fstat gave
		}
	}
}

// retry calls f again for as long as a signal interrupts it.
func retry(f func() (int, error)) (int, error) {
	for {
		n, err := f()
		if err != syscall.EINTR {
			return n, err
		}
	}
}

// processGone reports whether no process has the id pid.
func processGone(pid int) bool {
	return syscall.Kill(pid, 0) == syscall.ESRCH
}
