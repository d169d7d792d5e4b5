package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/articlekit/article"
	"github.com/articlekit/article/internal/safetext"
)

const sanitizeSynopsis = "article sanitize [-w] [-location Z] [-zones rfc822] PATH..."

const sanitizeDescription = `
Sanitize cleans the body of each article with the article policy (the one
the library's Sanitize uses) and prints the article, or with -w rewrites the
files whose body changed, atomically. Nothing but the body is touched: the
front matter, its delimiters and the blank line before the body stay byte
for byte. It takes files, directories (walked for .md files, as lint does)
and "-" for standard input (not with -w). What was removed or rewritten is
reported on stderr, one change per line, as "path:line:col: body: change",
with the position in the file.

The exit status is 0, or 2 when a file cannot be read or parsed, or its body
cannot be cleaned (past the policy's size or nesting limits); such a file is
neither printed nor rewritten. With -w, SIGINT or SIGTERM stops the command
after the file being written, with status 2.`

const sanitizeExample = `  $ article sanitize -w content/2025/07/116410-meta.md
  content/2025/07/116410-meta.md:16:48: body: element dropped <script> "alert(1)"
  content/2025/07/116410-meta.md:17:9: body: URL rejected <a href> "javascript:alert(1)"`

func runSanitize(e *env, args []string) int {
	fs := newFlags(e, "sanitize", sanitizeSynopsis, sanitizeDescription, sanitizeExample)
	write := fs.Bool("w", false, "rewrite each file whose body changes, instead of printing it")
	df := addDateFlags(fs, false, 0)
	if done, status := parseFlags(e, fs, args); done {
		return status
	}
	if fs.NArg() == 0 {
		return usageError(e, fs, "no PATH given")
	}
	if *write && slices.Contains(fs.Args(), "-") {
		return usageError(e, fs, "-w needs a PATH: standard input cannot be rewritten")
	}
	dec, err := df.decoder()
	if err != nil {
		return usageError(e, fs, err.Error())
	}
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	status := exitOK
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
	policy := article.ArticlePolicy()
	walkPaths(fs.Args(), []string{".md"}, func(path string) bool {
		if w != nil && w.interrupted() {
			return false
		}
		var a *article.Article
		var src []byte
		var err error
		if w != nil {
			// Read by DecodeFile, so that WriteFile replaces the file read
			// and no other.
			if a, err = dec.DecodeFile(path); err == nil {
				src, err = a.AppendEncoded(buf[:0])
			} else if !isPathError(err) {
				var fe *article.FileError
				if errors.As(err, &fe) {
					err = fileError(path, fe.Err)
				}
			}
			buf = src
		} else {
			a, src, err = parseInput(e, dec, path, buf)
			buf = src
		}
		if err != nil {
			fail(err)
			return true
		}
		head, _ := splitSource(src, a)
		line := bytes.Count(head, []byte("\n")) + 1
		clean, report, err := policy.SanitizeReport(a.Body)
		if err != nil {
			fail(fmt.Errorf("%s:%d:1: body: %s", displayName(path), line, safetext.Escape(err.Error())))
			return true
		}
		for _, c := range report {
			out.Flush()
			// Change positions count bytes from the start of the body,
			// which starts a line of the file.
			fmt.Fprintf(e.stderr, "%s:%d:%d: body: %s\n", displayName(path), line+c.Line-1, c.Column, changeText(c))
		}
		if w == nil {
			out.Write(head)
			out.WriteString(clean)
			return true
		}
		if clean == a.Body {
			w.visit(path)
			return true
		}
		a.Body = clean
		if err := w.writeArticle(path, a); err != nil {
			fail(err)
		}
		return true
	}, fail)
	if w != nil && w.interrupted() {
		out.Flush()
		fmt.Fprintf(e.stderr, "article sanitize: %s: stopped\n", w.signal())
		return exitError
	}
	return status
}

// changeText formats c without its position, as c.String() does, but with
// an element or attribute name quoted (%q) when it holds a character that
// must not reach a terminal raw, and the rest escaped likewise.
func changeText(c article.Change) string {
	var b strings.Builder
	b.WriteString(safetext.Escape(c.Kind.String()))
	if c.Element != "" || c.Attr != "" {
		b.WriteString(" <")
		b.WriteString(safetext.Quote(c.Element))
		if c.Attr != "" {
			if c.Element != "" {
				b.WriteByte(' ')
			}
			b.WriteString(safetext.Quote(c.Attr))
		}
		b.WriteByte('>')
	}
	if c.Value != "" {
		b.WriteByte(' ')
		b.WriteString(strconv.Quote(c.Value))
	}
	return b.String()
}
