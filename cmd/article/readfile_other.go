//go:build !unix

package main

import (
	"io"
	"io/fs"
	"os"
	"time"

	"github.com/articlekit/article"
)

// fileID tells a file and its state apart from another, as far as this
// platform says: size and modification time.
type fileID struct {
	size  int64
	mtime time.Time
}

// statID returns the fileID of the file path names.
func statID(path string) (fileID, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return fileID{}, err
	}
	return fileID{fi.Size(), fi.ModTime()}, nil
}

// readArticleFileID reads the regular file at path into buf[:0], growing it
// as needed, and returns the filled slice and what the file was when read.
// A file larger than article.DefaultMaxSize fails with errTooLarge, without
// being read past the limit; anything but a regular file fails with
// errNotRegular.
func readArticleFileID(path string, buf []byte) ([]byte, fileID, error) {
	f, err := os.Open(path)
	if err != nil {
		return buf[:0], fileID{}, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return buf[:0], fileID{}, err
	}
	if m := fi.Mode(); !m.IsRegular() {
		return buf[:0], fileID{}, &fs.PathError{Op: "read", Path: path, Err: notRegular(m.IsDir(),
			m&fs.ModeNamedPipe != 0, m&fs.ModeSocket != 0, m&fs.ModeDevice != 0)}
	}
	id := fileID{fi.Size(), fi.ModTime()}
	if fi.Size() > article.DefaultMaxSize {
		return buf[:0], id, errTooLarge
	}
	buf = buf[:0]
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if len(buf) > article.DefaultMaxSize {
			return buf[:0], id, errTooLarge
		}
		if err == io.EOF {
			return buf, id, nil
		}
		if err != nil {
			return buf[:0], id, err
		}
	}
}

// processGone says no: without a portable way to ask, a temporary file
// of another run is never taken for stale.
func processGone(int) bool { return false }
