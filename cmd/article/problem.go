package main

import (
	"bytes"
	"encoding/json"
	"slices"

	"github.com/articlekit/article"
)

// A problem is one line of lint's report: the library's Problem, which
// the language server and pipelines share, so that all of them write the
// same lines.
type problem = article.Problem

// problemLine formats p as lint prints it (see article.Problem.String),
// naming standard input stdinName.
func problemLine(p problem) string {
	if p.Path == "-" {
		p.Path = stdinName
	}
	return p.String()
}

// problemJSON returns p as one line of JSON.
func problemJSON(p problem) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(p) // strings and ints always encode
	return buf.Bytes()
}

// sortProblems orders problems by path, then line, then column, keeping
// the order of equal positions.
func sortProblems(ps []problem) {
	slices.SortStableFunc(ps, article.CompareProblems)
}

// problemsOf turns an error of Parse or Validate into the problems of
// path, with hints that name the command's flags; src, the file's text,
// places a problem without a position of its own at the opening "+++"
// (nil leaves it at line 0).
func problemsOf(path string, src []byte, err error) []problem {
	ps := article.Problems(path, src, err)
	for i := range ps {
		ps[i].Message = hinted(ps[i].Message)
	}
	return ps
}

// parseProblem turns an error of article.Parse into a problem of path.
func parseProblem(path string, err error) problem {
	return problemsOf(path, nil, err)[0]
}
