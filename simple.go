package article

import (
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"
	"unicode/utf8"
)

// decodeSimple is the fast path of Parse. It decodes front matter made only
// of what the canonical layout uses: top-level schema keys, each once, as
// bare keys on lines of their own, with single-line strings, decimal
// integers and booleans of the right types, blank lines and ASCII comments.
// On anything else it reports false; Parse then hands the rest of the
// front matter, from the first line the fast path does not understand, to
// the general decoder (which also produces the errors). It never accepts
// what go-toml would reject, and decodes what it accepts to the same
// values: FuzzSimpleMatchesGeneral checks both.
func (d Decoder) decodeSimple(a *Article, fm string) bool {
	var seen [numKeys]bool
	return d.simplePrefix(a, fm, &seen) == len(fm)
}

// simplePrefix decodes the lines at the top of fm that the fast path
// understands and returns the offset of the first line it does not, or
// len(fm). seen records the schema keys of the lines it decoded; the line
// it stopped at (whose field it may have set) is left to the general
// decoder, which carries on from there.
func (d Decoder) simplePrefix(a *Article, fm string, seen *[numKeys]bool) int {
	for i := 0; i < len(fm); {
		line := i
		i = skipBlanks(fm, i)
		if i == len(fm) {
			break
		}
		switch fm[i] {
		case '\n':
			i++
			continue
		case '\r', '#':
			if i = endOfLine(fm, i); i < 0 {
				return line
			}
			continue
		}
		start := i
		for i < len(fm) && isBareKeyChar(fm[i]) {
			i++
		}
		idx := schemaIndexString(fm[start:i])
		if idx < 0 || seen[idx] {
			return line
		}
		i = skipBlanks(fm, i)
		if i == len(fm) || fm[i] != '=' {
			return line
		}
		i = skipBlanks(fm, i+1)
		if i == len(fm) {
			return line
		}
		var ok bool
		switch c := fm[i]; {
		case c == '"' || c == '\'':
			var v string
			if v, i, ok = scanSimpleString(fm, i); !ok {
				return line
			}
			ok = d.setSimpleString(a, idx, v)
		case c == 't' || c == 'f':
			ok = idx == keyDraft
			switch {
			case strings.HasPrefix(fm[i:], "true"):
				a.Draft, i = true, i+4
			case strings.HasPrefix(fm[i:], "false"):
				a.Draft, i = false, i+5
			default:
				ok = false
			}
		case idx == keyDate && c >= '0' && c <= '9':
			// A native TOML date, as the scanner reads it.
			var v scanned
			if v, i, ok = scanDate(fm, i); ok {
				ok = v.kind != unstable.LocalTime && d.setScanned(a, idx, &v)
			}
		default:
			ok = idx == keyArticleID || idx == keyFeedItemID
			var n int64
			if n, i, ok = scanSimpleInt(fm, i, ok); ok {
				if idx == keyArticleID {
					a.ArticleID = n
				} else {
					a.FeedItemID = n
				}
			}
		}
		if !ok {
			return line
		}
		if i = endOfLine(fm, i); i < 0 {
			return line
		}
		seen[idx] = true
	}
	return len(fm)
}

func schemaIndexString(k string) int {
	for i, s := range schemaKeys {
		if k == s {
			return i
		}
	}
	return -1
}

func skipBlanks(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

// endOfLine skips blanks, an optional ASCII comment and the line ending at
// i, returning the start of the next line, or -1 if something else is there.
func endOfLine(s string, i int) int {
	i = skipBlanks(s, i)
	if i < len(s) && s[i] == '#' {
		for i++; i < len(s) && s[i] != '\n' && s[i] != '\r'; i++ {
			if c := s[i]; c < 0x20 && c != '\t' || c >= 0x7f {
				return -1
			}
		}
	}
	switch {
	case i == len(s):
		return i
	case s[i] == '\n':
		return i + 1
	case s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n':
		return i + 2
	}
	return -1
}

// scanSimpleString reads a one-line basic or literal string starting at
// the quote at i. It handles the escapes \" \\ \b \t \n \f \r and refuses
// the others, control characters and invalid UTF-8.
func scanSimpleString(s string, i int) (v string, next int, ok bool) {
	q := s[i]
	if strings.HasPrefix(s[i:], `"""`) || strings.HasPrefix(s[i:], `'''`) {
		return "", 0, false
	}
	start := i + 1
	var buf []byte // non-nil once an escape was seen
	for j := start; j < len(s); {
		if buf == nil {
			// Plain printable ASCII needs no decision: skip it in bulk.
			for j < len(s) && plainStringByte[s[j]] {
				j++
			}
			if j == len(s) {
				break
			}
		}
		c := s[j]
		switch {
		case c == q:
			if buf == nil {
				return s[start:j], j + 1, true
			}
			return string(buf), j + 1, true
		case c == '\\' && q == '"':
			if j+1 == len(s) {
				return "", 0, false
			}
			var r byte
			switch s[j+1] {
			case '"':
				r = '"'
			case '\\':
				r = '\\'
			case 'b':
				r = '\b'
			case 't':
				r = '\t'
			case 'n':
				r = '\n'
			case 'f':
				r = '\f'
			case 'r':
				r = '\r'
			default:
				return "", 0, false
			}
			if buf == nil {
				buf = make([]byte, 0, len(s)-start)
				buf = append(buf, s[start:j]...)
			}
			buf = append(buf, r)
			j += 2
			continue
		case c < 0x20 && c != '\t' || c == 0x7f:
			return "", 0, false
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(s[j:])
			if r == utf8.RuneError && size == 1 {
				return "", 0, false
			}
			if buf != nil {
				buf = append(buf, s[j:j+size]...)
			}
			j += size
			continue
		}
		if buf != nil {
			buf = append(buf, c)
		}
		j++
	}
	return "", 0, false
}

// plainStringByte marks the bytes that stand for themselves inside both
// kinds of one-line string: printable ASCII but the quotes and backslash.
var plainStringByte = func() (t [256]bool) {
	for c := 0x20; c < 0x7f; c++ {
		t[c] = c != '"' && c != '\\' && c != '\''
	}
	return t
}()

// scanSimpleInt reads a decimal integer without sign or underscores.
func scanSimpleInt(s string, i int, ok bool) (int64, int, bool) {
	if !ok || i == len(s) || s[i] < '0' || s[i] > '9' {
		return 0, 0, false
	}
	start := i
	var n int64
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		if n > (1<<63-1-int64(s[i]-'0'))/10 {
			return 0, 0, false
		}
		n = n*10 + int64(s[i]-'0')
	}
	if s[start] == '0' && i-start > 1 {
		return 0, 0, false
	}
	return n, i, true
}

// setSimpleString stores a string value; date is read as a date.
func (d Decoder) setSimpleString(a *Article, idx int, v string) bool {
	switch idx {
	case keyDate:
		t, err := d.parseDate(v)
		if err != nil {
			return false
		}
		a.Date = t
	case keyTitle:
		a.Title = v
	case keySummary:
		a.Summary = v
	case keyDescription:
		a.Description = v
	case keySourceLink:
		a.SourceLink = v
	case keyEnclosure:
		a.Enclosure = v
	case keyURL:
		a.URL = v
	case keyQRCode:
		a.QRCode = v
	case keySource:
		a.Source = v
	default:
		return false
	}
	return true
}
