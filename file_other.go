//go:build !unix

package article

import (
	"io/fs"
	"os"
)

// openNonBlock: there are no FIFOs to block on where this file is built.
const openNonBlock = 0

// keepOwnerAndMode gives tmp the permission bits of the file fi describes.
func keepOwnerAndMode(tmp *os.File, fi fs.FileInfo) error {
	return tmp.Chmod(fi.Mode() & fs.ModePerm)
}

// syncDir does nothing where directories cannot be synced.
func syncDir(string) {}

// sameFile reports whether a and b describe the same file in the same
// state: the same file to os.SameFile, with the same size and
// modification time.
func sameFile(a, b fs.FileInfo) bool {
	return os.SameFile(a, b) && a.Size() == b.Size() && a.ModTime().Equal(b.ModTime())
}
