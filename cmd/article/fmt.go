package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"slices"

	"github.com/articlekit/article"
)

const fmtSynopsis = "article fmt [-l] [-w] [-d] [-location Z] [-zones rfc822] [PATH...]"

const fmtDescription = `
Fmt puts articles in the canonical layout, as gofmt does for Go: every
schema key in its order, the other keys after them, one blank line before
the body. It takes files, directories walked for .md files (hidden
directories and symbolic links inside them skipped) and "-"; with no PATH
it formats standard input to standard output.

By default the formatted articles are printed. -l lists the files whose
layout differs (exactly those -w rewrites), -w rewrites them in place
(atomically: a temporary file in the same directory renamed over the
original, so that a file is never half written; a file you could not write
in place, or that changed since it was read, is reported and left alone;
mode bits and, when allowed, owner are kept), -d prints a unified diff.
With -w, SIGINT or SIGTERM stops the command after the file being written.
The exit status is 0, or 1 with -l or -d when some file differs, and 2 on
errors or when interrupted (a file that cannot be read or parsed is
reported on stderr and the others are still formatted).`

const fmtExample = `  $ article fmt -l content/
  content/2025/07/116410-meta.md
  $ article fmt -w content/2025/07/116410-meta.md`

func runFmt(e *env, args []string) int {
	fs := newFlags(e, "fmt", fmtSynopsis, fmtDescription, fmtExample)
	list := fs.Bool("l", false, "list files whose layout differs from the canonical one")
	write := fs.Bool("w", false, "rewrite files whose layout differs, in place")
	diff := fs.Bool("d", false, "print a unified diff for each file whose layout differs")
	df := addDateFlags(fs, false, 0)
	if done, status := parseFlags(e, fs, args); done {
		return status
	}
	dec, err := df.decoder()
	if err != nil {
		return usageError(e, fs, err.Error())
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	if *write && slices.Contains(paths, "-") {
		return usageError(e, fs, "-w needs a PATH: standard input cannot be rewritten")
	}
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	status := exitOK
	differs := false
	fail := func(err error) {
		out.Flush()
		fmt.Fprintln(e.stderr, errorText(err))
		status = exitError
	}
	var w *rewriter
	if *write {
		w = newRewriter()
		defer w.stop()
	}

	var buf []byte
	walkPaths(paths, []string{".md"}, func(path string) bool {
		if w != nil && w.interrupted() {
			return false
		}
		var err error
		var id fileID
		if buf, id, err = readInput(e, path, buf); err != nil {
			fail(fileError(path, err))
			return true
		}
		d, err := fmtOne(out, dec, path, buf, id, *list, w, *diff)
		if err != nil {
			fail(err)
		}
		differs = differs || d
		return true
	}, fail)
	if w != nil && w.interrupted() {
		out.Flush()
		fmt.Fprintf(e.stderr, "article fmt: %s: stopped\n", w.signal())
		return exitError
	}
	if status == exitOK && differs && (*list || *diff) {
		status = exitProblems
	}
	return status
}

// fmtOne formats the article src read from path (id: the file as it was
// read) and does what the flags say (rewriting with w unless nil); it
// reports whether the layout differs. fmt -l lists exactly the files fmt
// -w rewrites: those whose bytes Format changes.
func fmtOne(out io.Writer, dec article.Decoder, path string, src []byte, id fileID, list bool, w *rewriter, diff bool) (bool, error) {
	res, err := formatSource(dec, src)
	if err != nil {
		return false, fileError(path, err)
	}
	differs := !bytes.Equal(src, res)
	if differs {
		if list {
			fmt.Fprintln(out, displayName(path))
		}
		if w != nil {
			if err := w.write(path, id, res); err != nil {
				return true, err
			}
		}
		if diff {
			if err := unifiedDiff(out, displayName(path)+".orig", displayName(path), src, res); err != nil {
				return true, err
			}
		}
	} else if w != nil {
		w.visit(path)
	}
	if !list && w == nil && !diff {
		_, err = out.Write(res)
	}
	return differs, err
}
