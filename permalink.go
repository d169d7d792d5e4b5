package article

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// DefaultPattern is the permalink pattern of [Article.Permalink] and of the
// zero [Pattern].
const DefaultPattern = "/:yearmonth/:id-:slug"

// ErrUnknownToken is the error, wrapped in a [*PatternError], for a token
// that a permalink pattern does not know.
var ErrUnknownToken = errors.New("unknown token")

// ErrEmptyPattern is the error, wrapped in a [*PatternError], for an empty
// permalink pattern.
var ErrEmptyPattern = errors.New("empty pattern")

// A PatternError reports a permalink pattern that does not compile.
type PatternError struct {
	Pattern string // the pattern
	Token   string // the offending token, with its ":" (and braces)
	Offset  int    // byte offset of Token in Pattern
	Err     error  // ErrUnknownToken or ErrEmptyPattern
}

// Error returns the pattern, the token, its byte offset and the reason.
func (e *PatternError) Error() string {
	if e.Token == "" {
		return fmt.Sprintf("article: permalink pattern %q: %v", e.Pattern, e.Err)
	}
	return fmt.Sprintf("article: permalink pattern %q: %v %q at byte %d", e.Pattern, e.Err, e.Token, e.Offset)
}

// Unwrap returns e.Err.
func (e *PatternError) Unwrap() error { return e.Err }

// patToken identifies a pattern token; 0 is literal text.
type patToken uint8

const (
	patLiteral patToken = iota
	patYear
	patMonth
	patDay
	patYearMonth
	patID
	patFeedItemID
	patSlug
	patTitle
	patSource
)

var patTokenNames = map[string]patToken{
	"year": patYear, "month": patMonth, "day": patDay, "yearmonth": patYearMonth,
	"id": patID, "feed_item_id": patFeedItemID,
	"slug": patSlug, "title": patTitle, "source": patSource,
}

type patSegment struct {
	tok patToken
	lit string // for patLiteral
}

// A Pattern is a compiled permalink pattern: literal text and tokens that
// [Pattern.Expand] replaces with values of an [Article]. The tokens are
//
//	:year          year of Date, four digits
//	:month         month of Date, two digits
//	:day           day of the month of Date, two digits
//	:yearmonth     :year and :month together, as in 202507
//	:id            ArticleID in decimal
//	:feed_item_id  FeedItemID in decimal
//	:slug          Title through Pattern.Slugger
//	:source        Source through Pattern.Slugger
//	:title         Title as it is, percent-escaped as one path segment
//
// Dates are taken in the location Date carries: a date written with offset
// +09:00 on the first day of a month stays in that month, whatever the time
// zone of the machine or UTC say.
//
// A token name runs for as long as letters, digits and "_" follow the ":";
// write it in braces, ":{id}_:{slug}", to put such a character right after
// it. "::" stands for a literal ":".
//
// When :slug, :source or :title expands to nothing, one "-" or "_" next to
// it goes too, the one before it first, so that "/:yearmonth/:id-:slug"
// gives "/202507/116410" for a title without a single letter or digit; and
// of two "/" around it, one goes.
//
// The zero Pattern expands like [DefaultPattern]. A Pattern is safe for
// concurrent use as long as its Slugger is not changed meanwhile.
type Pattern struct {
	// Slugger makes the slugs of :slug and :source. The zero Slugger is
	// [Slugify].
	Slugger Slugger

	src  string
	segs []patSegment
}

// defaultPatSegments are the segments of DefaultPattern.
var defaultPatSegments = MustCompilePattern(DefaultPattern).segs

// CompilePattern compiles a permalink pattern such as "/:yearmonth/:id-:slug"
// (see [Pattern] for the tokens). An unknown token gives a [*PatternError]
// wrapping [ErrUnknownToken], with the token and its byte offset; an empty
// pattern one wrapping [ErrEmptyPattern].
func CompilePattern(pattern string) (*Pattern, error) {
	if pattern == "" {
		return nil, &PatternError{Pattern: pattern, Err: ErrEmptyPattern}
	}
	p := &Pattern{src: pattern}
	var lit []byte
	for i := 0; i < len(pattern); {
		c := pattern[i]
		if c != ':' {
			lit = append(lit, c)
			i++
			continue
		}
		if i+1 < len(pattern) && pattern[i+1] == ':' {
			lit = append(lit, ':')
			i += 2
			continue
		}
		var name, tokText string
		if i+1 < len(pattern) && pattern[i+1] == '{' {
			end := strings.IndexByte(pattern[i+2:], '}')
			if end < 0 {
				tokText = pattern[i:]
			} else {
				tokText = pattern[i : i+2+end+1]
				name = pattern[i+2 : i+2+end]
			}
		} else {
			j := i + 1
			for j < len(pattern) && (slugIsAlnum(pattern[j]) || pattern[j] == '_') {
				j++
			}
			tokText, name = pattern[i:j], pattern[i+1:j]
		}
		tok, ok := patTokenNames[name]
		if !ok {
			return nil, &PatternError{Pattern: pattern, Token: tokText, Offset: i, Err: ErrUnknownToken}
		}
		if len(lit) > 0 {
			p.segs = append(p.segs, patSegment{lit: string(lit)})
			lit = lit[:0]
		}
		p.segs = append(p.segs, patSegment{tok: tok})
		i += len(tokText)
	}
	if len(lit) > 0 {
		p.segs = append(p.segs, patSegment{lit: string(lit)})
	}
	return p, nil
}

// MustCompilePattern is like [CompilePattern] but panics if the pattern does
// not compile. It is meant for patterns written in the program, to
// initialise global variables.
func MustCompilePattern(pattern string) *Pattern {
	p, err := CompilePattern(pattern)
	if err != nil {
		panic(err)
	}
	return p
}

// String returns the source text of the pattern; [DefaultPattern] for the
// zero Pattern.
func (p *Pattern) String() string {
	if p == nil || p.segs == nil {
		return DefaultPattern
	}
	return p.src
}

// MarshalText implements [encoding.TextMarshaler]: it returns p.String().
func (p *Pattern) MarshalText() ([]byte, error) {
	return []byte(p.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler]: it compiles text into
// p, keeping p.Slugger, so that a Pattern can be read from a configuration
// file.
func (p *Pattern) UnmarshalText(text []byte) error {
	q, err := CompilePattern(string(text))
	if err != nil {
		return err
	}
	p.src, p.segs = q.src, q.segs
	return nil
}

// Expand returns the permalink of a by the pattern. A nil a expands like the
// zero Article.
func (p *Pattern) Expand(a *Article) string {
	if a == nil {
		a = &Article{}
	}
	var arr [160]byte
	return string(p.appendExpand(arr[:0], a, "", false))
}

func isPatJoiner(c byte) bool { return c == '-' || c == '_' }

// appendPatToken appends the value of tok for a.
func appendPatToken(b []byte, tok patToken, a *Article, sl Slugger) []byte {
	switch tok {
	case patYear:
		return appendPatYear(b, a.Date.Year())
	case patMonth:
		return appendPat2(b, int(a.Date.Month()))
	case patDay:
		return appendPat2(b, a.Date.Day())
	case patYearMonth:
		return appendPat2(appendPatYear(b, a.Date.Year()), int(a.Date.Month()))
	case patID:
		return strconv.AppendInt(b, a.ArticleID, 10)
	case patFeedItemID:
		return strconv.AppendInt(b, a.FeedItemID, 10)
	case patSlug:
		return sl.appendSlug(b, a.Title)
	case patSource:
		return sl.appendSlug(b, a.Source)
	case patTitle:
		return append(b, url.PathEscape(a.Title)...)
	}
	return b
}

// appendPatYear appends y with at least four digits.
func appendPatYear(b []byte, y int) []byte {
	for d := 1000; d > 1 && 0 <= y && y < d; d /= 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, int64(y), 10)
}

// appendPat2 appends n, 0 to 99, as two digits.
func appendPat2(b []byte, n int) []byte {
	return append(b, byte('0'+n/10), byte('0'+n%10))
}

// Permalink returns the path of a by [DefaultPattern]:
// "/<YYYYMM>/<article_id>-<slug of title>", where YYYYMM is the year and
// month of Date in the offset it carries and the slug is [Slugify]'s, or
// "/<YYYYMM>/<article_id>" when the slug is empty. For the sample article of
// the format, Permalink() equals URL. URL stays what the file says: nothing
// here rewrites it. Use a [Pattern] for another layout; a nil a gives the
// permalink of the zero Article.
func (a *Article) Permalink() string {
	var p Pattern
	return p.Expand(a)
}

// expandSlug is [Pattern.Expand] with slug standing for the slug of the
// title in every :slug token (Validate uses it to compare a url with the
// pattern leaving the slug open). The joiner rules for empty tokens are
// those of Expand.
func (p *Pattern) expandSlug(a *Article, slug string) string {
	var arr [160]byte
	return string(p.appendExpandSlug(arr[:0], a, slug))
}

// appendExpandSlug appends what expandSlug returns to b.
func (p *Pattern) appendExpandSlug(b []byte, a *Article, slug string) []byte {
	return p.appendExpand(b, a, slug, true)
}

// appendExpand appends the expansion of p for a to b; with setSlug, slug
// stands in every :slug token instead of the slug of the title.
func (p *Pattern) appendExpand(b []byte, a *Article, slug string, setSlug bool) []byte {
	segs, sl := defaultPatSegments, Slugger{}
	if p != nil {
		sl = p.Slugger
		if p.segs != nil {
			segs = p.segs
		}
	}
	skip := false // the next literal starts with a "-", "_" or "/" to skip
	for k, sg := range segs {
		if sg.tok == patLiteral {
			lit := sg.lit
			if skip && lit != "" && (isPatJoiner(lit[0]) || lit[0] == '/') {
				lit = lit[1:]
			}
			skip = false
			b = append(b, lit...)
			continue
		}
		n := len(b)
		if setSlug && sg.tok == patSlug {
			b = append(b, slug...)
		} else {
			b = appendPatToken(b, sg.tok, a, sl)
		}
		if len(b) > n {
			continue
		}
		// The token is empty: drop a "-" or "_" that joined it.
		prevLit := k > 0 && segs[k-1].tok == patLiteral
		switch {
		case prevLit && n > 0 && isPatJoiner(b[n-1]):
			b = b[:n-1]
		case k+1 < len(segs) && segs[k+1].tok == patLiteral &&
			(isPatJoiner(segs[k+1].lit[0]) || prevLit && n > 0 && b[n-1] == '/' && segs[k+1].lit[0] == '/'):
			skip = true
		}
	}
	return b
}

// hasSlug reports whether the pattern has a :slug token.
func (p *Pattern) hasSlug() bool {
	segs := defaultPatSegments
	if p != nil && p.segs != nil {
		segs = p.segs
	}
	for _, sg := range segs {
		if sg.tok == patSlug {
			return true
		}
	}
	return false
}
