package main

import (
	"fmt"
	"io"
	"io/fs"

	"github.com/articlekit/article"
	"github.com/articlekit/article/internal/safetext"
)

// readArticleFile is readArticleFileID without the fileID.
func readArticleFile(path string, buf []byte) ([]byte, error) {
	b, _, err := readArticleFileID(path, buf)
	return b, err
}

// stdinName names standard input ("-" on the command line) in messages.
const stdinName = "<standard input>"

// readInput reads the article at path into buf[:0], or, for "-", standard
// input. Standard input past article.DefaultMaxSize fails with errTooLarge
// after reading one byte more than the limit: it is never cut short.
func readInput(e *env, path string, buf []byte) ([]byte, fileID, error) {
	if path != "-" {
		return readArticleFileID(path, buf)
	}
	src, err := io.ReadAll(io.LimitReader(e.stdin, article.DefaultMaxSize+1))
	if err != nil {
		return nil, fileID{}, fmt.Errorf("reading standard input: %w", err)
	}
	if len(src) > article.DefaultMaxSize {
		return nil, fileID{}, errTooLarge
	}
	return src, fileID{}, nil
}

// displayName is how path is written in output: quoted when it could
// break or forge a line (safetext.Quote), and stdinName for "-".
func displayName(path string) string {
	if path == "-" {
		return stdinName
	}
	return safetext.Quote(path)
}

// errorText formats an error of the operating system or of the reading
// of a file, with the path in it quoted as quotePath does.
func errorText(err error) string {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Op + " " + displayName(pe.Path) + ": " + safetext.Escape(pe.Err.Error())
	}
	return safetext.Escape(err.Error())
}
