//go:build unix

package article

import (
	"io/fs"
	"os"
	"syscall"
)

// openNonBlock opens without waiting for a FIFO's other end.
const openNonBlock = syscall.O_NONBLOCK

// keepOwnerAndMode gives tmp the owner, group and mode of the file fi
// describes, as far as the caller may: a setuid or setgid bit only with
// the owner or group it belongs to.
func keepOwnerAndMode(tmp *os.File, fi fs.FileInfo) error {
	mode := fi.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)
	want, ok := fi.Sys().(*syscall.Stat_t)
	tfi, err := tmp.Stat()
	if err != nil {
		return err
	}
	have, ok2 := tfi.Sys().(*syscall.Stat_t)
	if ok && ok2 {
		ownerOK, groupOK := have.Uid == want.Uid, have.Gid == want.Gid
		if !ownerOK || !groupOK {
			if tmp.Chown(int(want.Uid), int(want.Gid)) == nil {
				ownerOK, groupOK = true, true
			} else if !groupOK && tmp.Chown(-1, int(want.Gid)) == nil {
				groupOK = true
			}
		}
		if !ownerOK {
			mode &^= fs.ModeSetuid
		}
		if !groupOK {
			mode &^= fs.ModeSetgid
		}
	}
	return tmp.Chmod(mode) // after Chown, which clears setuid and setgid
}

// syncDir flushes the directory dir to disk, so that a rename in it
// survives a crash; it is best effort.
func syncDir(dir string) {
	if dir == "" {
		dir = "."
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// sameFile reports whether a and b describe the same file in the same
// state: same device and inode, and same size, modification time and
// change time (an inode number is reused as soon as its file is removed).
func sameFile(a, b fs.FileInfo) bool {
	if !os.SameFile(a, b) || a.Size() != b.Size() || !a.ModTime().Equal(b.ModTime()) {
		return false
	}
	sa, ok1 := a.Sys().(*syscall.Stat_t)
	sb, ok2 := b.Sys().(*syscall.Stat_t)
	return ok1 && ok2 && changeTime(sa) == changeTime(sb)
}
