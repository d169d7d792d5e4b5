package article

import (
	"errors"
	"strconv"
	"unicode/utf8"
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
	// [Decoder] with DisallowUnknownKeys set, or, from [Validate], that a
	// key of Params looks like a mistyped schema key.
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
	return formatProblem(e.Line, e.Column, e.Key, e.Err)
}

// Unwrap returns the underlying error.
func (e *ParseError) Unwrap() error { return e.Err }

// Sentinel errors of [Validate], each wrapped in a [*FieldError].
var (
	// ErrRequired means a required key is missing or empty: title, date,
	// article_id, url or the body.
	ErrRequired = errors.New("required")

	// ErrInvalidValue means a value breaks a rule of its key, such as a
	// title on two lines, a negative feed_item_id or a date too far in the
	// future.
	ErrInvalidValue = errors.New("invalid value")

	// ErrInvalidURL means a URL is not of the form its key requires:
	// source_link, enclosure and qrcode take absolute http or https URLs,
	// url takes a path.
	ErrInvalidURL = errors.New("invalid URL")

	// ErrMismatch means two values that must agree do not: url and the
	// permalink pattern expanded for the article.
	ErrMismatch = errors.New("mismatch")

	// ErrUnsafeHTML means cleaning the body with the validator's [Policy]
	// removes something: an element, an attribute, a URL or a comment.
	ErrUnsafeHTML = errors.New("unsafe HTML")
)

// A FieldError is one problem [Validate] found in an article.
//
// Key names the front matter key ("title", "source_link", a key of Params)
// or "body". Line and Column locate the key in the file the article was
// parsed from (for "body": the offending tag or attribute), 1-based and
// counted as in [ParseError]: from the top of the file, Column in bytes.
// They are 0 for an article built in code, for a key that is absent, and
// for a field changed after parsing.
//
// Err is one of ErrRequired, ErrInvalidValue, ErrInvalidURL, ErrMismatch,
// ErrUnsafeHTML or ErrUnknownKey, wrapped with detail; FieldError unwraps to
// it.
type FieldError struct {
	Key          string // front matter key, or "body"
	Line, Column int    // position in the file, or 0
	Err          error  // what is wrong
}

// Error returns "LINE:COL: KEY: message", or "KEY: message" when the
// problem has no position.
func (e *FieldError) Error() string {
	return formatProblem(e.Line, e.Column, e.Key, e.Err)
}

// Unwrap returns the underlying error.
func (e *FieldError) Unwrap() error { return e.Err }

// formatProblem is the one formatter of positioned problems, shared by
// ParseError and FieldError: "LINE:COL: KEY: message", where "LINE:COL: "
// is left out when line is 0 and "KEY: " when key is empty.
func formatProblem(line, col int, key string, err error) string {
	b := make([]byte, 0, 64)
	if line > 0 {
		b = strconv.AppendInt(b, int64(line), 10)
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(col), 10)
		b = append(b, ": "...)
	}
	if key != "" {
		b = append(b, key...)
		b = append(b, ": "...)
	}
	if err != nil {
		b = append(b, err.Error()...)
	} else {
		b = append(b, "unknown error"...)
	}
	return string(b)
}

// maxQuoted is the most bytes of a value or key an error message quotes, so
// that a huge invalid value does not make a huge message.
const maxQuoted = 40

// quotePrefix returns s cut to at most maxQuoted bytes at a character
// boundary, and whether it cut.
func quotePrefix(s string) (string, bool) {
	if len(s) <= maxQuoted {
		return s, false
	}
	i := maxQuoted
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i], true
}

// shortString returns s, or its first maxQuoted bytes (whole characters)
// and "…" if it is longer.
func shortString(s string) string {
	if p, cut := quotePrefix(s); cut {
		return p + "…"
	}
	return s
}
