package main

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"

	"github.com/articlekit/article"
)

const sanitizeSynopsis = "article sanitize [-w] FILE..."

const sanitizeDescription = `
Sanitize cleans the body of each article with the article policy (the one
the library's Sanitize uses) and prints the article, or with -w rewrites the
files whose body changed, atomically. Nothing but the body is touched: the
front matter, its delimiters and the blank line before the body stay byte
for byte. What was removed or rewritten is reported on stderr, one change
per line, as "path:line:col: body: change", with the position in the file.

The exit status is 0, or 2 when a file cannot be read or parsed, or its body
cannot be cleaned (past the policy's size or nesting limits); such a file is
neither printed nor rewritten.`

const sanitizeExample = `  $ article sanitize -w content/2025/07/116410-meta.md
  content/2025/07/116410-meta.md:16:48: body: element dropped <script> "alert(1)"
  content/2025/07/116410-meta.md:17:9: body: URL rejected <a href> "javascript:alert(1)"`

func runSanitize(e *env, args []string) int {
	fs := newFlags(e, "sanitize", sanitizeSynopsis, sanitizeDescription, sanitizeExample)
	write := fs.Bool("w", false, "rewrite each file whose body changes, instead of printing it")
	if done, status := parseFlags(e, fs, args); done {
		return status
	}
	if fs.NArg() == 0 {
		return usageError(e, fs, "no FILE given")
	}
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	status := exitOK
	var buf []byte
	policy := article.ArticlePolicy()
	for _, path := range fs.Args() {
		a, src, err := parseFile(path, buf)
		buf = src
		if err != nil {
			out.Flush()
			fmt.Fprintln(e.stderr, err)
			status = exitError
			continue
		}
		head, _ := splitSource(src, a)
		line := bytes.Count(head, []byte("\n")) + 1
		clean, report, err := policy.SanitizeReport(a.Body)
		if err != nil {
			out.Flush()
			fmt.Fprintf(e.stderr, "%s:%d:1: body: %v\n", path, line, err)
			status = exitError
			continue
		}
		for _, c := range report {
			out.Flush()
			// Change positions count bytes from the start of the body,
			// which starts a line of the file.
			fmt.Fprintf(e.stderr, "%s:%d:%d: body: %s\n", path, line+c.Line-1, c.Column, changeText(c))
		}
		res := append(head[:len(head):len(head)], clean...)
		if !*write {
			out.Write(res)
			continue
		}
		if clean == a.Body {
			continue
		}
		if err := writeFileAtomic(path, res); err != nil {
			out.Flush()
			fmt.Fprintf(e.stderr, "article sanitize: %v\n", err)
			status = exitError
		}
	}
	return status
}

// changeText is c.String() without its position.
func changeText(c article.Change) string {
	s := c.String()
	if _, rest, ok := strings.Cut(s, ": "); ok && strings.HasPrefix(s, fmt.Sprintf("%d:%d", c.Line, c.Column)) {
		return rest
	}
	return s
}
