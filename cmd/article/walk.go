package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/articlekit/article"
)

// walkPaths calls fn with every file to process under paths, in order: "-"
// (standard input) and a file named on the command line whatever its
// extension (a symbolic link named is followed), and under a directory
// every file whose name ends with one of exts (hidden directories such as
// .git are skipped). The walk does not follow symbolic links, as
// filepath.WalkDir: a link in a tree is skipped, so that nothing outside
// the paths named is read or written. A FIFO, device or socket found there
// with one of exts is reported to errf and skipped. Errors (a missing path,
// an unreadable directory) go to errf, and the walk goes on. fn returning
// false stops the walk.
func walkPaths(paths, exts []string, fn func(path string) bool, errf func(error)) {
	for _, root := range distinctRoots(paths) {
		if root == "-" {
			if !fn(root) {
				return
			}
			continue
		}
		fi, err := os.Stat(root)
		if err != nil {
			errf(err)
			continue
		}
		if !fi.IsDir() {
			if !fn(root) {
				return
			}
			continue
		}
		start := root
		if li, err := os.Lstat(root); err == nil && li.Mode()&fs.ModeSymlink != 0 {
			// A link to a directory named on the command line: walk the
			// directory (WalkDir does not follow a link at its root).
			start = root + string(filepath.Separator)
		}
		stopped := false
		err = filepath.WalkDir(start, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errf(err)
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if path != start && strings.HasPrefix(d.Name(), ".") {
					return fs.SkipDir
				}
				return nil
			}
			t := d.Type()
			if t&fs.ModeSymlink != 0 || !hasExt(d.Name(), exts) {
				return nil
			}
			if !t.IsRegular() {
				errf(&fs.PathError{Op: "read", Path: path, Err: notRegular(false, t&fs.ModeNamedPipe != 0,
					t&fs.ModeSocket != 0, t&fs.ModeDevice != 0)})
				return nil
			}
			if !fn(path) {
				stopped = true
				return fs.SkipAll
			}
			return nil
		})
		if err != nil {
			errf(err)
		}
		if stopped {
			return
		}
	}
}

// distinctRoots returns paths without those named twice or lying inside
// another directory named, so that no file is visited twice (and taken
// for its own duplicate). Order is kept.
func distinctRoots(paths []string) []string {
	clean := make([]string, len(paths))
	isDir := make([]bool, len(paths))
	exists := make([]bool, len(paths))
	for i, p := range paths {
		clean[i] = filepath.Clean(p)
		if p == "-" {
			continue
		}
		fi, err := os.Stat(p)
		exists[i] = err == nil
		isDir[i] = err == nil && fi.IsDir()
	}
	var out []string
	for i, p := range paths {
		keep := true
		for j, q := range clean {
			switch {
			case j < i && q == clean[i]:
				keep = false // named before
			case j != i && exists[i] && isDir[j] && q != clean[i] && within(clean[i], q):
				keep = false // inside a directory named (a missing path is kept, to be reported)
			}
		}
		if keep {
			out = append(out, p)
		}
	}
	return out
}

// within reports whether the cleaned path p lies inside the cleaned
// directory dir.
func within(p, dir string) bool {
	if dir == "." {
		return !filepath.IsAbs(p) && p != ".." && !strings.HasPrefix(p, ".."+string(filepath.Separator))
	}
	return strings.HasPrefix(p, dir+string(filepath.Separator)) || (dir == string(filepath.Separator) && filepath.IsAbs(p))
}

func hasExt(name string, exts []string) bool {
	for _, e := range exts {
		if strings.HasSuffix(name, e) {
			return true
		}
	}
	return false
}

// parseExts reads the -ext flag: extensions separated by commas, with or
// without their dot.
func parseExts(s string) ([]string, error) {
	var exts []string
	for _, e := range strings.Split(s, ",") {
		e = strings.TrimSpace(e)
		if e == "" {
			continue
		}
		if !strings.HasPrefix(e, ".") {
			e = "." + e
		}
		exts = append(exts, e)
	}
	if len(exts) == 0 {
		return nil, fmt.Errorf("-ext %q names no extension", s)
	}
	return exts, nil
}

// errTooLarge is returned by readArticleFile for a file past the limit.
var errTooLarge = fmt.Errorf("%w: more than %d bytes", article.ErrTooLarge, article.DefaultMaxSize)

var errIsDir = errors.New("is a directory")

// errNotRegular is the error for a FIFO, device or socket.
var errNotRegular = errors.New("not a regular file")

// notRegular returns the error for a file of one of these kinds.
func notRegular(dir, fifo, socket, device bool) error {
	switch {
	case dir:
		return errIsDir
	case fifo:
		return fmt.Errorf("%w (a FIFO)", errNotRegular)
	case socket:
		return fmt.Errorf("%w (a socket)", errNotRegular)
	case device:
		return fmt.Errorf("%w (a device)", errNotRegular)
	}
	return errNotRegular
}

// splitSource returns the bytes before the body (the front matter with its
// delimiters and the separator line) and the body, for an article parsed
// from src: Body is always the tail of the file.
func splitSource(src []byte, a *article.Article) (head, body []byte) {
	n := len(src) - len(a.Body)
	if n < 0 || string(src[n:]) != a.Body {
		return src, nil // cannot happen for an Article from Parse
	}
	return src[:n], src[n:]
}

// isPathError reports whether err already names its file.
func isPathError(err error) bool {
	var pe *fs.PathError
	return errors.As(err, &pe)
}
