package article

import (
	"bytes"
	"errors"
	"strconv"
	"strings"

	"github.com/articlekit/article/internal/safetext"
)

// A Problem is one finding about one file, as `article lint` reports it:
// the file, a position in it (1-based line, byte column, counted from the
// top of the file), the front matter key concerned ("body" for the body,
// "" for none) and a message. The command, its language server and
// pipelines built on the library (examples/beam) all make their reports
// from Problems, so that they agree line for line.
type Problem struct {
	Path    string `json:"path"`
	Line    int    `json:"line,omitempty"` // 0: no position
	Column  int    `json:"column,omitempty"`
	Key     string `json:"key,omitempty"`
	Message string `json:"message"`
}

// Problems returns the problems err holds about the file path, in order:
// one per [*FieldError] of a [Validator.Validate] error, one for a
// [*ParseError], one for a [Duplicate]; any other error is one problem
// without a position, its message stripped of the "article: " prefix. A
// nil err has none.
//
// src is the file's text, or nil. With it, a problem without a position of
// its own (an absent key) is placed at the front matter's opening "+++"
// line, column 1, as lint reports it; without it, such a problem keeps
// line 0.
func Problems(path string, src []byte, err error) []Problem {
	if err == nil {
		return nil
	}
	var ps []Problem
	var pe *ParseError
	var d Duplicate
	if fes := FieldErrors(err); fes != nil {
		ps = make([]Problem, len(fes))
		for i, fe := range fes {
			ps[i] = Problem{Path: path, Line: fe.Line, Column: fe.Column, Key: fe.Key, Message: messageOf(fe.Err, "invalid")}
		}
	} else if errors.As(err, &pe) {
		ps = []Problem{{Path: path, Line: pe.Line, Column: pe.Column, Key: pe.Key, Message: messageOf(pe.Err, "unknown error")}}
	} else if errors.As(err, &d) {
		ps = []Problem{d.Problem()}
	} else {
		ps = []Problem{{Path: path, Message: strings.TrimPrefix(err.Error(), "article: ")}}
	}
	if src != nil {
		opener := 0
		for i := range ps {
			if ps[i].Line == 0 {
				if opener == 0 {
					opener = openerLine(src)
				}
				ps[i].Line, ps[i].Column = opener, 1
			}
		}
	}
	return ps
}

func messageOf(err error, none string) string {
	if err == nil {
		return none
	}
	return err.Error()
}

// openerLine returns the line of the front matter's opening "+++" in src
// (1 if there is none): where a problem without a place of its own goes.
func openerLine(src []byte) int {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	for line := 1; ; line++ {
		l, rest, found := bytes.Cut(src, []byte("\n"))
		l = bytes.TrimRight(l, " \t\r")
		if string(l) == "+++" {
			return line
		}
		if len(bytes.TrimSpace(l)) > 0 || !found {
			return 1
		}
		src = rest
	}
}

// Problem returns d as a problem of d.Path.
func (d Duplicate) Problem() Problem {
	return Problem{Path: d.Path, Line: d.Line, Column: d.Column, Key: d.Key, Message: duplicateMsg(d).Error()}
}

// String formats p as one line, "path:line:col: key: message", leaving out
// "key: " when p has no key; a problem without a position is written at
// line 1, column 1, so that every line matches "file:line:col:". Nothing in
// it can break the line or forge another: a path holding a control
// character (a newline, ESC, …), a Unicode line or paragraph separator, a
// bidirectional control or invalid UTF-8 is written quoted as by
// [strconv.Quote], and such characters in the key and message (which may
// quote the file's content, such as an element name) are written as their
// Go escapes (\n, \x1b, \u2028).
func (p Problem) String() string {
	b := make([]byte, 0, len(p.Path)+len(p.Key)+len(p.Message)+16)
	if safetext.NeedsQuote(p.Path) {
		b = strconv.AppendQuote(b, p.Path)
	} else {
		b = append(b, p.Path...)
	}
	b = append(b, ':')
	b = strconv.AppendInt(b, int64(max(p.Line, 1)), 10)
	b = append(b, ':')
	b = strconv.AppendInt(b, int64(max(p.Column, 1)), 10)
	b = append(b, ": "...)
	if p.Key != "" {
		b = safetext.AppendEscape(b, p.Key)
		b = append(b, ": "...)
	}
	b = safetext.AppendEscape(b, p.Message)
	return string(b)
}

// CompareProblems orders problems as reports list them: by path (byte
// order), then line, then column. Problems at the same place compare
// equal: sort with a stable sort to keep their order.
func CompareProblems(a, b Problem) int {
	if c := strings.Compare(a.Path, b.Path); c != 0 {
		return c
	}
	if a.Line != b.Line {
		return a.Line - b.Line
	}
	return a.Column - b.Column
}
