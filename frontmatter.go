package article

import (
	"bytes"
	"fmt"
	"io"
	"time"
)

// DefaultMaxSize is the size limit of a [Decoder] whose MaxSize is zero:
// 16 MiB, far above any real article.
const DefaultMaxSize = 16 << 20

// A Decoder reads articles. Its fields are options; the zero value is ready
// to use and is what [Parse] uses. A Decoder holds no state between calls, so
// one value may be shared by many goroutines.
type Decoder struct {
	// Location is the time zone of dates written without an offset, such as
	// "2025-07-24", "2025-07-24 14:10:31" or a TOML local date-time. Nil
	// means UTC. Dates written with an offset keep that offset.
	Location *time.Location

	// Zones maps time zone abbreviations to the zone a date string that
	// ends in one is read in, such as "EST" to time.FixedZone("EST",
	// -5*3600) or to America/New_York (then the date is read as a wall
	// clock time there). Nil means none: GMT, UT, UTC and Z are UTC, and
	// any other abbreviation without a numeric offset beside it is an
	// error, since the same letters name different zones ("CST" is US
	// Central, China and Cuba Standard Time). RFC822Zones returns the
	// table of the US zones of RFC 822. Keys are matched as written; a nil
	// value means UTC. See [Decoder.ParseDate].
	Zones map[string]*time.Location

	// MaxSize is the largest input accepted, in bytes. Zero means
	// DefaultMaxSize; a negative value means no limit. Larger input fails
	// with ErrTooLarge after at most MaxSize+1 bytes have been read.
	MaxSize int64

	// DisallowUnknownKeys makes a key outside the schema an error
	// (ErrUnknownKey) instead of an entry in Article.Params.
	DisallowUnknownKeys bool
}

// Parse reads one article from r with the zero [Decoder]: dates without an
// offset are read as UTC, input is limited to DefaultMaxSize, and keys
// outside the schema go to Params.
//
// The input must begin with front matter: an optional UTF-8 byte order mark,
// optional blank lines, then a line that is exactly "+++" (trailing spaces
// and tabs allowed). The front matter ends at the next line that is exactly
// "+++"; further "+++" lines belong to the body. LF and CRLF line endings are
// both accepted. One empty line after the closing "+++" line is a separator
// and not part of Body, which is otherwise kept byte for byte. (So a
// multi-line TOML string cannot hold a line that is exactly "+++": that line
// ends the front matter. Encode never writes multi-line strings.)
//
// Errors about the content of the front matter are [*ParseError] values
// with the line and column in the file; the sentinel errors ErrNoFrontMatter,
// ErrUnterminated and ErrTooLarge tell the other failures apart.
func Parse(r io.Reader) (*Article, error) {
	return Decoder{}.Decode(r)
}

// Decode reads one article from r. See [Parse] for the format and errors.
func (d Decoder) Decode(r io.Reader) (*Article, error) {
	buf, err := readLimited(r, d.maxSize())
	if err != nil {
		return nil, err
	}
	return d.decode(buf)
}

func (d Decoder) maxSize() int64 {
	if d.MaxSize == 0 {
		return DefaultMaxSize
	}
	return d.MaxSize
}

func (d Decoder) location() *time.Location {
	if d.Location == nil {
		return time.UTC
	}
	return d.Location
}

// readLimited reads all of r, failing with ErrTooLarge as soon as more than
// max bytes arrive (max < 0: no limit). Readers that know their length get a
// buffer of exactly that size.
func readLimited(r io.Reader, max int64) ([]byte, error) {
	size := 4096
	if l, ok := r.(interface{ Len() int }); ok {
		size = l.Len() + 1 // +1 so that the read that sees io.EOF needs no growth
	}
	if max >= 0 && int64(size) > max+1 {
		size = int(max + 1)
	}
	buf := make([]byte, 0, size)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		if n < 0 || n > cap(buf)-len(buf) {
			return nil, fmt.Errorf("article: read: invalid count %d from the reader", n)
		}
		buf = buf[:len(buf)+n]
		if max >= 0 && int64(len(buf)) > max {
			return nil, fmt.Errorf("article: %w: more than %d bytes", ErrTooLarge, max)
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, fmt.Errorf("article: read: %w", err)
		}
	}
}

// layout records where the parts of a file are.
type layout struct {
	openLine int // line number of the opening +++
	fmStart  int // offset of the first byte of the front matter
	fmEnd    int // offset just past the front matter (start of the closing line)
	fmLine   int // line number of the first front matter line
	body     int // offset of the body
}

// split finds the front matter and the body in src.
func split(src []byte) (layout, error) {
	var l layout
	pos, line := 0, 1
	if bytes.HasPrefix(src, []byte("\uFEFF")) {
		pos = 3
	}
	// Skip blank lines up to the opening delimiter.
	for {
		end, next := lineAt(src, pos)
		text := src[pos:end]
		if isDelimiter(text) {
			l.openLine = line
			pos = next
			line++
			break
		}
		if len(bytes.Trim(text, " \t")) != 0 || next == len(src) && end == next {
			col := 1
			if pos == 3 && line == 1 {
				col = 4
			}
			return l, &ParseError{Line: line, Column: col, Err: ErrNoFrontMatter}
		}
		pos = next
		line++
	}
	l.fmStart, l.fmLine = pos, line
	for {
		if pos == len(src) {
			return l, &ParseError{Line: l.openLine, Column: 1, Err: ErrUnterminated}
		}
		end, next := lineAt(src, pos)
		if isDelimiter(src[pos:end]) {
			l.fmEnd = pos
			pos = next
			break
		}
		pos = next
		line++
	}
	// One empty line separates the front matter from the body.
	switch {
	case bytes.HasPrefix(src[pos:], []byte("\n")):
		pos++
	case bytes.HasPrefix(src[pos:], []byte("\r\n")):
		pos += 2
	}
	l.body = pos
	return l, nil
}

// lineAt returns the end of the line starting at pos (before its CR LF or
// LF) and the start of the next line.
func lineAt(src []byte, pos int) (end, next int) {
	i := bytes.IndexByte(src[pos:], '\n')
	if i < 0 {
		return len(src), len(src)
	}
	end, next = pos+i, pos+i+1
	if end > pos && src[end-1] == '\r' {
		end--
	}
	return end, next
}

// isDelimiter reports whether a line (without its line ending) is "+++"
// followed only by spaces and tabs.
func isDelimiter(line []byte) bool {
	if len(line) < 3 || line[0] != '+' || line[1] != '+' || line[2] != '+' {
		return false
	}
	for _, c := range line[3:] {
		if c != ' ' && c != '\t' {
			return false
		}
	}
	return true
}

// schema key indexes, in the order of the canonical layout.
const (
	keyTitle = iota
	keyDate
	keyDraft
	keySummary
	keyDescription
	keySourceLink
	keyEnclosure
	keyArticleID
	keyFeedItemID
	keyURL
	keyQRCode
	keySource
	numKeys
)

var schemaKeys = [numKeys]string{
	"title", "date", "draft", "summary", "description", "source_link",
	"enclosure", "article_id", "feed_item_id", "url", "qrcode", "source",
}

// schemaIndex returns the index of a schema key, or -1. Keys are
// case-sensitive.
func schemaIndex(k []byte) int {
	for i, s := range schemaKeys {
		if string(k) == s {
			return i
		}
	}
	return -1
}
