package article

import (
	"errors"
	"strconv"
)

// Sentinel errors. Test for them with [errors.Is]; most arrive wrapped in a
// [*ParseError] that says where in the file the problem is.
var (
	// ErrNoFrontMatter means the input does not begin with a "+++" line
	// (after an optional UTF-8 byte order mark and blank lines).
	ErrNoFrontMatter = errors.New("no front matter: the first non-blank line is not +++")

	// ErrUnterminated means the front matter has an opening "+++" line but
	// no closing one. The ParseError names the line of the opener.
	ErrUnterminated = errors.New("front matter not terminated: no closing +++ line")

	// ErrTooLarge means the input is larger than the decoder's size limit
	// (see [Decoder.MaxSize]).
	ErrTooLarge = errors.New("input too large")

	// ErrSyntax means the front matter is not valid TOML, including invalid
	// UTF-8 inside it.
	ErrSyntax = errors.New("invalid TOML")

	// ErrDuplicateKey means a key is defined twice.
	ErrDuplicateKey = errors.New("duplicate key")

	// ErrType means a schema key holds a value of the wrong type, such as
	// article_id = "abc", or an integer out of range.
	ErrType = errors.New("wrong type")

	// ErrDate means the value of date cannot be read as a point in time,
	// or names an ambiguous time zone abbreviation such as EDT.
	ErrDate = errors.New("invalid date")

	// ErrUnknownKey means a key outside the schema was found by a
	// [Decoder] with DisallowUnknownKeys set.
	ErrUnknownKey = errors.New("unknown key")

	// ErrEncode means an Article cannot be written as front matter: a
	// string that is not valid UTF-8, a date outside the years 0000 to
	// 9999, or a Params value TOML cannot represent.
	ErrEncode = errors.New("cannot encode")
)

// A ParseError is returned for input that cannot be parsed. Line and Column
// are 1-based and counted from the top of the file (the byte order mark, if
// any, is part of line 1); Column counts bytes. Key names the front matter
// key involved, dotted for nested keys, or is empty.
//
// Err is one of the sentinel errors of this package, possibly wrapped with
// detail; ParseError unwraps to it, so errors.Is(err, ErrDate) works on the
// ParseError itself.
type ParseError struct {
	Line   int    // 1-based line in the file
	Column int    // 1-based byte column in that line
	Key    string // key involved, if any
	Err    error  // what went wrong
}

// Error returns "LINE:COL: KEY: message", or "LINE:COL: message" when no key
// is involved.
func (e *ParseError) Error() string {
	b := make([]byte, 0, 64)
	b = strconv.AppendInt(b, int64(e.Line), 10)
	b = append(b, ':')
	b = strconv.AppendInt(b, int64(e.Column), 10)
	b = append(b, ": "...)
	if e.Key != "" {
		b = append(b, e.Key...)
		b = append(b, ": "...)
	}
	if e.Err != nil {
		b = append(b, e.Err.Error()...)
	} else {
		b = append(b, "unknown error"...)
	}
	return string(b)
}

// Unwrap returns the underlying error.
func (e *ParseError) Unwrap() error { return e.Err }
