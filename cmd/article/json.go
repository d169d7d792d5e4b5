package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/articlekit/article"
)

const jsonSynopsis = "article json FILE..."

const jsonDescription = `
Json prints each article as one JSON object per line, for pipelines and jq:
the front matter keys of the schema under their TOML names, date in RFC 3339
with its offset, ids as numbers, params (the other keys, left out when
there are none) and body. A file that cannot be read or parsed is reported
on stderr as path:line:col: message and the others are still printed; the
exit status is then 2.`

const jsonExample = `  $ article json content/2025/07/*.md | jq -r 'select(.draft | not) | .url'
  /202507/116410-meta-declines-to-sign-eus-voluntary-ai-code-of-practice`

func runJSON(e *env, args []string) int {
	fs := newFlags(e, "json", jsonSynopsis, jsonDescription, jsonExample)
	if done, status := parseFlags(e, fs, args); done {
		return status
	}
	if fs.NArg() == 0 {
		return usageError(e, fs, "no FILE given")
	}
	w := bufio.NewWriter(e.stdout)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	status := exitOK
	var buf []byte
	for _, path := range fs.Args() {
		var a *article.Article
		var err error
		a, buf, err = parseFile(path, buf)
		if err == nil {
			err = enc.Encode(a)
		}
		if err != nil {
			w.Flush()
			fmt.Fprintln(e.stderr, err)
			status = exitError
		}
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintf(e.stderr, "article json: %v\n", err)
		return exitError
	}
	return status
}

// parseFile reads the file at path into buf[:0] (grown as needed) and
// parses it; it returns the article and the file's bytes. Its errors begin
// with path: "path:line:col: key: message" for a parse error.
func parseFile(path string, buf []byte) (*article.Article, []byte, error) {
	src, err := readArticleFile(path, buf)
	if err != nil {
		return nil, src, fileError(path, err)
	}
	a, err := article.Parse(bytes.NewReader(src))
	if err != nil {
		return nil, src, fileError(path, err)
	}
	return a, src, nil
}

// fileError prefixes err with path, as path:line:col for a parse error.
func fileError(path string, err error) error {
	if p := parseProblem(path, err); p.Line > 0 || !isPathError(err) {
		return fmt.Errorf("%s", p)
	}
	return err
}
