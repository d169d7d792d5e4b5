package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/articlekit/article"
)

// A problem is one line of lint's report: a position in a file, the front
// matter key concerned (or "body", or ""), and a message.
type problem struct {
	Path   string `json:"path"`
	Line   int    `json:"line,omitempty"` // 0: no position (an absent key)
	Column int    `json:"column,omitempty"`
	Key    string `json:"key,omitempty"`
	Msg    string `json:"message"`
}

// String formats p as "path:line:col: key: message", leaving out the key
// when there is none. The path is quoted when it holds characters that
// could forge a line (see quotePath), and the key and message are written
// with such characters escaped; a problem without a position is put at
// line 1, column 1.
func (p problem) String() string {
	var b strings.Builder
	b.WriteString(displayName(p.Path))
	b.WriteByte(':')
	b.WriteString(strconv.Itoa(max(p.Line, 1)))
	b.WriteByte(':')
	b.WriteString(strconv.Itoa(max(p.Column, 1)))
	b.WriteString(": ")
	if p.Key != "" {
		b.WriteString(safeText(p.Key))
		b.WriteString(": ")
	}
	b.WriteString(safeText(p.Msg))
	return b.String()
}

// atOpener puts the problems of ps that have no position at the opening
// "+++" line of src, column 1.
func atOpener(ps []problem, src []byte) {
	for i := range ps {
		if ps[i].Line == 0 {
			ps[i].Line, ps[i].Column = openerLine(src), 1
		}
	}
}

// JSON returns p as one line of JSON.
func (p problem) JSON() []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(p) // strings and ints always encode
	return buf.Bytes()
}

// sortProblems orders problems by path, then line, then column, keeping
// the order of equal positions.
func sortProblems(ps []problem) {
	slices.SortStableFunc(ps, func(a, b problem) int {
		if c := strings.Compare(a.Path, b.Path); c != 0 {
			return c
		}
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Column - b.Column
	})
}

// parseProblem turns an error of article.Parse into a problem of path.
func parseProblem(path string, err error) problem {
	var pe *article.ParseError
	if errors.As(err, &pe) {
		msg := "unknown error"
		if pe.Err != nil {
			msg = pe.Err.Error()
		}
		return problem{Path: path, Line: pe.Line, Column: pe.Column, Key: pe.Key, Msg: hinted(msg)}
	}
	return problem{Path: path, Msg: hinted(strings.TrimPrefix(err.Error(), "article: "))}
}
