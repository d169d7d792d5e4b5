//go:build !unix

package main

import (
	"io"
	"io/fs"
	"os"

	"github.com/articlekit/article"
)

// readArticleFile reads the file at path into buf[:0], growing it as
// needed, and returns the filled slice. A file larger than
// article.DefaultMaxSize fails with errTooLarge, without being read past
// the limit; a directory fails with errIsDir.
func readArticleFile(path string, buf []byte) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return buf[:0], err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return buf[:0], err
	}
	if fi.IsDir() {
		return buf[:0], &fs.PathError{Op: "read", Path: path, Err: errIsDir}
	}
	if fi.Size() > article.DefaultMaxSize {
		return buf[:0], errTooLarge
	}
	buf = buf[:0]
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if len(buf) > article.DefaultMaxSize {
			return buf[:0], errTooLarge
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf[:0], err
		}
	}
}
