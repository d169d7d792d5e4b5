package main

import (
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/articlekit/article"
)

// readArticleFile is readArticleFileID without the fileID.
func readArticleFile(path string, buf []byte) ([]byte, error) {
	b, _, err := readArticleFileID(path, buf)
	return b, err
}

// stdinName names standard input ("-" on the command line) in messages.
const stdinName = "<standard input>"

// readInput reads the article at path into buf[:0], or, for "-", standard
// input. Standard input past article.DefaultMaxSize fails with errTooLarge
// after reading one byte more than the limit: it is never cut short.
func readInput(e *env, path string, buf []byte) ([]byte, fileID, error) {
	if path != "-" {
		return readArticleFileID(path, buf)
	}
	src, err := io.ReadAll(io.LimitReader(e.stdin, article.DefaultMaxSize+1))
	if err != nil {
		return nil, fileID{}, fmt.Errorf("reading standard input: %w", err)
	}
	if len(src) > article.DefaultMaxSize {
		return nil, fileID{}, errTooLarge
	}
	return src, fileID{}, nil
}

// displayName is how path is written in output: quoted when needed (see
// quotePath), and stdinName for "-".
func displayName(path string) string {
	if path == "-" {
		return stdinName
	}
	return quotePath(path)
}

// quotePath returns p, or p quoted as Go does (%q) when it holds a control
// character (a newline, ESC, …), a Unicode line or paragraph separator or
// bidirectional control, or invalid UTF-8: every line of output then is
// one record and starts with the real path, and nothing in a file name
// reaches the terminal as a control sequence.
func quotePath(p string) string {
	if !needsQuote(p) {
		return p
	}
	return strconv.Quote(p)
}

// needsQuote reports whether s holds a character that must not be printed
// raw on a line of output.
func needsQuote(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
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

// unsafeRune reports whether the rune r, n bytes long in its string, must
// not be printed raw: an invalid byte, a C1 control, a line or paragraph
// separator, or a bidirectional formatting character.
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

// safeText returns s with each character needsQuote refuses written as its
// Go escape (\n, \x1b, \u2028, …), the rest as it is: for messages, which
// may quote a file's content, such as an element name.
func safeText(s string) string {
	if !needsQuote(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r < utf8.RuneSelf && (r < 0x20 || r == 0x7f)) || unsafeRune(r, n) {
			q := strconv.QuoteToASCII(s[i : i+n])
			b.WriteString(q[1 : len(q)-1])
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// errorText formats an error of the operating system or of the reading
// of a file, with the path in it quoted as quotePath does.
func errorText(err error) string {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Op + " " + displayName(pe.Path) + ": " + safeText(pe.Err.Error())
	}
	return safeText(err.Error())
}

// openerLine returns the line of the front matter's opening "+++" in src
// (1 if there is none): the place of a problem that has no place of its
// own, such as a key that is absent.
func openerLine(src []byte) int {
	line := 1
	for len(src) > 0 {
		i := 0
		for i < len(src) && src[i] != '\n' {
			i++
		}
		l := strings.TrimRight(string(src[:i]), " \t\r")
		if line == 1 {
			l = strings.TrimPrefix(l, "\ufeff")
		}
		if l == "+++" {
			return line
		}
		if strings.TrimSpace(l) != "" || i == len(src) {
			return 1
		}
		src = src[i+1:]
		line++
	}
	return 1
}
