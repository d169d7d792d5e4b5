// Package safetext writes names and messages that come from files (paths,
// element names, error texts) so that they can neither break a line of
// output nor reach a terminal as a control sequence. The library's
// Problem.String and the article command share it.
package safetext

import (
	"strconv"
	"unicode/utf8"
)

// NeedsQuote reports whether s holds a character that must not be printed
// raw on a line of output: an ASCII control character (a newline, ESC, …)
// or DEL, a C1 control, a Unicode line or paragraph separator, a
// bidirectional formatting character, or invalid UTF-8.
func NeedsQuote(s string) bool {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return true
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unsafeRune(r, n) {
			return true
		}
		i += n
	}
	return false
}

// unsafeRune reports whether the non-ASCII rune r, n bytes long in its
// string, must not be printed raw.
func unsafeRune(r rune, n int) bool {
	switch {
	case r == utf8.RuneError && n == 1:
		return true
	case r >= 0x80 && r < 0xa0, r == 0x2028, r == 0x2029, r >= 0x202a && r <= 0x202e,
		r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	}
	return false
}

// Quote returns s, or s quoted as Go does (strconv.Quote, %q) when
// NeedsQuote: for paths, so that a line of output starts with the real
// path and holds one record.
func Quote(s string) string {
	if !NeedsQuote(s) {
		return s
	}
	return strconv.Quote(s)
}

// Escape returns s with each character NeedsQuote refuses written as its
// Go escape (\n, \x1b, \u2028, …), the rest as it is: for messages, which
// may quote a file's content, such as an element name.
func Escape(s string) string {
	if !NeedsQuote(s) {
		return s
	}
	return string(AppendEscape(nil, s))
}

// AppendEscape appends Escape(s) to b.
func AppendEscape(b []byte, s string) []byte {
	if !NeedsQuote(s) {
		return append(b, s...)
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r < utf8.RuneSelf && (r < 0x20 || r == 0x7f) || r >= utf8.RuneSelf && unsafeRune(r, n) {
			q := strconv.QuoteToASCII(s[i : i+n])
			b = append(b, q[1:len(q)-1]...)
		} else {
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return b
}
