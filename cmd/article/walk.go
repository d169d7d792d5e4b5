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

// walkPaths calls fn with every file to process under paths, in order: a
// file named on the command line whatever its extension, and under a
// directory every regular file whose name ends with one of exts (hidden
// directories such as .git are skipped). Errors (a missing path, an
// unreadable directory) go to errf, and the walk goes on. fn returning
// false stops the walk.
func walkPaths(paths, exts []string, fn func(path string) bool, errf func(error)) {
	for _, root := range distinctRoots(paths) {
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
		stopped := false
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errf(err)
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if path != root && strings.HasPrefix(d.Name(), ".") {
					return fs.SkipDir
				}
				return nil
			}
			if !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 || !hasExt(d.Name(), exts) {
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
