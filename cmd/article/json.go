package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/articlekit/article"
)

const jsonSynopsis = "article json [-location Z] [-zones rfc822] PATH..."

const jsonDescription = `
Json prints each article as one JSON object per line, for pipelines and jq:
"path" (the file's name; absent for standard input), then the front matter
keys of the schema under their TOML names, date in RFC 3339 with its
offset, ids as numbers, params (the other keys, left out when there are
none) and body. It takes files, directories (walked for .md files, as lint
does) and "-" for standard input. A file that cannot be read or parsed is
reported on stderr as path:line:col: message and the others are still
printed; the exit status is then 2.`

const jsonExample = `  $ article json content/2025/07/ | jq -r 'select(.draft | not) | .path + " " + .url'
  content/2025/07/116410-meta.md /202507/116410-meta-declines-to-sign-eus-voluntary-ai-code-of-practice`

func runJSON(e *env, args []string) int {
	fs := newFlags(e, "json", jsonSynopsis, jsonDescription, jsonExample)
	df := addDateFlags(fs, false, 0)
	if done, status := parseFlags(e, fs, args); done {
		return status
	}
	if fs.NArg() == 0 {
		return usageError(e, fs, "no PATH given")
	}
	dec, err := df.decoder()
	if err != nil {
		return usageError(e, fs, err.Error())
	}
	w := bufio.NewWriter(e.stdout)
	status := exitOK
	fail := func(err error) {
		w.Flush()
		fmt.Fprintln(e.stderr, errorText(err))
		status = exitError
	}
	var buf, line []byte
	walkPaths(fs.Args(), []string{".md"}, func(path string) bool {
		var a *article.Article
		var err error
		a, buf, err = parseInput(e, dec, path, buf)
		if err == nil {
			line, err = jsonLine(line[:0], path, a)
		}
		if err != nil {
			fail(err)
			return true
		}
		w.Write(line)
		return true
	}, fail)
	if err := w.Flush(); err != nil {
		fmt.Fprintf(e.stderr, "article json: %v\n", err)
		return exitError
	}
	return status
}

// jsonLine appends to b the JSON object of a, read from path, with a
// first key "path" (left out for standard input), and a newline.
func jsonLine(b []byte, path string, a *article.Article) ([]byte, error) {
	obj, err := a.MarshalJSON()
	if err != nil {
		return b, fmt.Errorf("%s: %w", displayName(path), err)
	}
	if path == "-" || len(obj) < 2 || obj[0] != '{' {
		return append(append(b, obj...), '\n'), nil
	}
	b = append(b, `{"path":`...)
	p, err := json.Marshal(path)
	if err != nil {
		return b, err
	}
	b = append(b, p...)
	if len(obj) > 2 {
		b = append(b, ',')
	}
	b = append(b, obj[1:]...)
	return append(b, '\n'), nil
}

// parseInput reads the article at path ("-": standard input) into buf[:0]
// (grown as needed) and parses it with dec; it returns the article and the
// bytes read. Its errors begin with the path: "path:line:col: key:
// message" for a parse error.
func parseInput(e *env, dec article.Decoder, path string, buf []byte) (*article.Article, []byte, error) {
	src, _, err := readInput(e, path, buf)
	if err != nil {
		return nil, src, fileError(path, err)
	}
	a, err := dec.Decode(bytes.NewReader(src))
	if err != nil {
		return nil, src, fileError(path, err)
	}
	return a, src, nil
}

// fileError prefixes err with path, as path:line:col for a parse error;
// an error of the operating system already names its file.
func fileError(path string, err error) error {
	if isPathError(err) {
		return err
	}
	return errors.New(problemLine(parseProblem(path, err)))
}
