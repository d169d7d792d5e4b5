package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"

	"github.com/articlekit/article"
)

const fmtSynopsis = "article fmt [-l] [-w] [-d] [PATH...]"

const fmtDescription = `
Fmt puts articles in the canonical layout, as gofmt does for Go: every
schema key in its order, the other keys after them, one blank line before
the body. It takes files, and directories walked for .md files (hidden
directories skipped); with no PATH it formats standard input to standard
output.

By default the formatted articles are printed. -l lists the files whose
layout differs, -w rewrites them in place (atomically: a temporary file in
the same directory renamed over the original, so that a file is never half
written), -d prints a unified diff. The exit status is 0, or 1 with -l or -d
when some file differs, and 2 on errors (a file that cannot be read or
parsed is reported on stderr and the others are still formatted).`

const fmtExample = `  $ article fmt -l content/
  content/2025/07/116410-meta.md
  $ article fmt -w content/2025/07/116410-meta.md`

func runFmt(e *env, args []string) int {
	fs := newFlags(e, "fmt", fmtSynopsis, fmtDescription, fmtExample)
	list := fs.Bool("l", false, "list files whose layout differs from the canonical one")
	write := fs.Bool("w", false, "rewrite files whose layout differs, in place")
	diff := fs.Bool("d", false, "print a unified diff for each file whose layout differs")
	if done, status := parseFlags(e, fs, args); done {
		return status
	}
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	status := exitOK
	differs := false
	fail := func(err error) {
		out.Flush()
		fmt.Fprintln(e.stderr, err)
		status = exitError
	}

	if fs.NArg() == 0 {
		if *write {
			return usageError(e, fs, "-w needs a PATH: standard input cannot be rewritten")
		}
		src, err := io.ReadAll(io.LimitReader(e.stdin, maxSizeInput))
		if err != nil {
			fail(fmt.Errorf("<standard input>: %v", err))
			return status
		}
		d, err := fmtOne(out, "<standard input>", src, *list, false, *diff)
		if err != nil {
			fail(err)
		}
		if d && (*list || *diff) {
			return max(status, exitProblems)
		}
		return status
	}

	var buf []byte
	walkPaths(fs.Args(), []string{".md"}, func(path string) bool {
		var err error
		if buf, err = readArticleFile(path, buf); err != nil {
			fail(fileError(path, err))
			return true
		}
		d, err := fmtOne(out, path, buf, *list, *write, *diff)
		if err != nil {
			fail(err)
		}
		differs = differs || d
		return true
	}, fail)
	if status == exitOK && differs && (*list || *diff) {
		status = exitProblems
	}
	return status
}

// maxSizeInput bounds what fmt reads from standard input: one byte past
// the parser's limit, so that the parser reports the input as too large.
const maxSizeInput = article.DefaultMaxSize + 1

// fmtOne formats the article src read from path and does what the flags
// say; it reports whether the layout differs.
func fmtOne(out io.Writer, path string, src []byte, list, write, diff bool) (bool, error) {
	res, err := formatSource(src)
	if err != nil {
		return false, fileError(path, err)
	}
	differs := !bytes.Equal(src, res)
	if differs {
		if list {
			fmt.Fprintln(out, path)
		}
		if write {
			if err := writeFileAtomic(path, res); err != nil {
				return true, err
			}
		}
		if diff {
			if err := unifiedDiff(out, path+".orig", path, src, res); err != nil {
				return true, err
			}
		}
	}
	if !list && !write && !diff {
		_, err = out.Write(res)
	}
	return differs, err
}
