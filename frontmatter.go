package article

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"strings"
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
	// value means UTC. See [Decoder.ParseDate]. An Article keeps the map to
	// check its edits when it is encoded: change it only after that.
	Zones map[string]*time.Location

	// MaxSize is the largest input accepted, in bytes. Zero means
	// DefaultMaxSize; a negative value means no limit. Larger input fails
	// with ErrTooLarge after at most MaxSize+1 bytes have been read.
	MaxSize int64

	// DisallowUnknownKeys makes a key outside the schema an error
	// (ErrUnknownKey) instead of an entry in Article.Params.
	DisallowUnknownKeys bool

	// parserOnly turns the scanner off (tests compare the two paths).
	parserOnly bool
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
// ends the front matter. The canonical layout never has multi-line strings;
// lossless encoding keeps them, escaping the first "+" of such a line.)
//
// Errors about the content of the front matter are [*ParseError] values
// with the line and column in the file; the sentinel errors ErrNoFrontMatter,
// ErrUnterminated and ErrTooLarge tell the other failures apart. Keys
// outside the schema go to Params with the types go-toml/v2 gives them in
// a map[string]any, and the same TOML rules; Params may nest at most
// MaxNesting levels (ErrNestingTooDeep beyond). Time is linear in the size
// of the input, whatever its shape. Error messages quote at most a short
// prefix of a key or value.
func Parse(r io.Reader) (*Article, error) {
	return Decoder{}.Decode(r)
}

// Decode reads one article from r. See [Parse] for the format and errors.
//
// The input is read into one string, and the string fields of the Article
// (Body, and every value written without escapes) are substrings of it, so
// that Parse copies nothing it does not have to. Keeping any one of those
// strings keeps the whole file's text in memory: a caller that keeps, say,
// only the titles of many articles should copy them with [strings.Clone].
func (d Decoder) Decode(r io.Reader) (*Article, error) {
	// One pooled state serves the read and the decode.
	s := getState()
	defer s.release()
	src, err := readLimitedWith(r, d.maxSize(), &s.w)
	if err != nil {
		return nil, err
	}
	return d.decodeWith(s, src)
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

const (
	// maxEmptyReads is how many reads in a row may return no data and no
	// error before readLimited gives up with io.ErrNoProgress, as bufio does.
	maxEmptyReads = 100
	// maxChunk is the largest buffer readLimited reads into at once.
	maxChunk = 32 << 10
	// maxUnlimitedHint caps the buffer sized from a hint when there is no
	// size limit: a hint is not a promise.
	maxUnlimitedHint = 64 << 20
)

// readLimitedWith reads all of r into a string, failing with ErrTooLarge once
// more than max bytes have arrived (max < 0: no limit); it never asks r for
// more than max+1 bytes in all. A size the reader reports (Len, or Stat for
// files) sizes the string from the start, clamped to max+1; it is only a
// hint, and a wrong or absurd one costs at most memory within the limit.
// In-memory readers write into w, which must be unused.
func readLimitedWith(r io.Reader, max int64, w *limitWriter) (string, error) {
	limit := int64(-1) // the most bytes ever read, -1 for no limit
	if max >= 0 {
		limit = max + 1
	}
	size := sizeHint(r)
	if size >= 0 {
		size++ // room for the read that sees io.EOF
	}
	switch {
	case limit >= 0 && size > limit:
		size = limit
	case limit < 0 && size > maxUnlimitedHint:
		size = maxUnlimitedHint
	}
	switch r.(type) {
	case *bytes.Reader, *strings.Reader, *bytes.Buffer:
		// In-memory readers hand over their bytes in one Write, with no
		// intermediate buffer.
		w.limit = limit
		if size > 0 {
			w.sb.Grow(int(size))
		}
		_, err := r.(io.WriterTo).WriteTo(w)
		if w.over {
			return "", tooLarge(max)
		}
		if err != nil {
			return "", fmt.Errorf("article: read: %w", err)
		}
		return w.sb.String(), nil
	}
	var sb strings.Builder
	if size > 0 {
		sb.Grow(int(size))
	}
	chunk := 4096
	if size > 0 {
		chunk = int(min(size, maxChunk))
	}
	buf := make([]byte, chunk)
	var total int64
	empty := 0
	for {
		p := buf
		if limit >= 0 && int64(len(p)) > limit-total {
			p = p[:limit-total]
		}
		n, err := r.Read(p)
		if n < 0 || n > len(p) {
			return "", fmt.Errorf("article: read: invalid count %d from the reader", n)
		}
		if n > 0 {
			sb.Write(p[:n])
			total += int64(n)
			empty = 0
		} else if err == nil {
			if empty++; empty >= maxEmptyReads {
				return "", fmt.Errorf("article: read: %w", io.ErrNoProgress)
			}
		}
		if limit >= 0 && total >= limit {
			return "", tooLarge(max)
		}
		if err == io.EOF {
			return sb.String(), nil
		}
		if err != nil {
			return "", fmt.Errorf("article: read: %w", err)
		}
		if n == len(buf) && len(buf) < maxChunk {
			// A reader without a size hint: read in larger steps.
			buf = make([]byte, min(2*len(buf), maxChunk))
		}
	}
}

func tooLarge(max int64) error {
	return fmt.Errorf("article: %w: more than %d bytes", ErrTooLarge, max)
}

// sizeHint returns the number of bytes r says it holds, or -1.
func sizeHint(r io.Reader) int64 {
	switch r := r.(type) {
	case interface{ Len() int }:
		if n := r.Len(); n >= 0 {
			return int64(n)
		}
	case interface{ Stat() (fs.FileInfo, error) }:
		if fi, err := r.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() >= 0 {
			return fi.Size()
		}
	}
	return -1
}

// limitWriter appends to sb up to limit bytes in all (limit < 0: no
// limit) and then fails.
type limitWriter struct {
	sb    strings.Builder
	limit int64
	over  bool
}

func (w *limitWriter) Write(p []byte) (int, error) {
	n, err := w.room(len(p))
	w.sb.Write(p[:n])
	return n, err
}

// WriteString is Write for a string: strings.Reader's WriteTo hands its
// text over through it, where Write alone would take a copy of the whole
// text (io.WriteString converts a string to []byte for a Writer without
// it).
func (w *limitWriter) WriteString(s string) (int, error) {
	n, err := w.room(len(s))
	w.sb.WriteString(s[:n])
	return n, err
}

// room returns how many of n more bytes to append: all of them, or, if
// that would reach the limit, those that fit, with ErrTooLarge.
func (w *limitWriter) room(n int) (int, error) {
	if w.limit >= 0 && int64(w.sb.Len())+int64(n) >= w.limit {
		w.over = true
		return int(w.limit - int64(w.sb.Len())), ErrTooLarge
	}
	return n, nil
}

// layout records where the parts of a file are.
type layout struct {
	openLine int // line number of the opening +++ (the front matter's is the next)
	fmStart  int // offset of the first byte of the front matter
	fmEnd    int // offset just past the front matter (start of the closing line)
	body     int // offset of the body
}

// split finds the front matter and the body in src.
func split(src string) (layout, error) {
	var l layout
	pos, line := 0, 1
	if strings.HasPrefix(src, "\uFEFF") {
		pos = 3
	}
	// Skip blank lines up to the opening delimiter.
	for {
		end, next := lineAt(src, pos)
		text := src[pos:end]
		if isDelimiter(text) {
			l.openLine = line
			pos = next
			break
		}
		if len(strings.Trim(text, " \t")) != 0 || next == len(src) && end == next {
			col := 1
			if pos == 3 && line == 1 {
				col = 4
			}
			return l, &ParseError{Line: line, Column: col, Err: noFrontMatter(src, text)}
		}
		pos = next
		line++
	}
	l.fmStart = pos
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
	}
	// One empty line separates the front matter from the body.
	switch {
	case strings.HasPrefix(src[pos:], "\n"):
		pos++
	case strings.HasPrefix(src[pos:], "\r\n"):
		pos += 2
	}
	l.body = pos
	return l, nil
}

// noFrontMatter explains ErrNoFrontMatter for the first non-blank line,
// text, of src: empty input, and the other formats of front
// matter, get a message of their own.
func noFrontMatter(src, text string) error {
	const toml = "; this format is TOML between +++ lines"
	trimmed := strings.TrimRight(text, " \t")
	switch {
	case strings.Trim(src, " \t\r\n\uFEFF") == "":
		if src == "" {
			return noFrontMatterError("the input is empty")
		}
		return noFrontMatterError("the input has only blank lines")
	case trimmed == "---" || strings.HasPrefix(trimmed, "---") && isWord(trimmed[3:]):
		return noFrontMatterError("found YAML front matter (a --- line)" + toml)
	case strings.HasPrefix(strings.TrimLeft(text, " \t"), "{"):
		return noFrontMatterError("found JSON front matter (a {)" + toml)
	}
	return ErrNoFrontMatter
}

// isWord reports whether s is a short lower-case word, such as the
// "yaml" or "toml" some tools write after an opening ---.
func isWord(s string) bool {
	if s == "" || len(s) > 8 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// noFrontMatterError is ErrNoFrontMatter with a more precise message.
type noFrontMatterError string

func (e noFrontMatterError) Error() string { return "no front matter: " + string(e) }
func (e noFrontMatterError) Unwrap() error { return ErrNoFrontMatter }

// lineAt returns the end of the line starting at pos (before its CR LF or
// LF) and the start of the next line.
func lineAt(src string, pos int) (end, next int) {
	i := strings.IndexByte(src[pos:], '\n')
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
func isDelimiter(line string) bool {
	if len(line) < 3 || line[0] != '+' || line[1] != '+' || line[2] != '+' {
		return false
	}
	for i := 3; i < len(line); i++ {
		if c := line[i]; c != ' ' && c != '\t' {
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
	// Most keys outside the schema differ in length or first letter.
	if len(k) < 3 || len(k) > 12 || schemaFirst[k[0]] == 0 {
		return -1
	}
	for i, s := range schemaKeys {
		if string(k) == s {
			return i
		}
	}
	return -1
}

// schemaFirst marks the first letters of the schema keys.
var schemaFirst = func() (t [256]byte) {
	for _, k := range schemaKeys {
		t[k[0]] = 1
	}
	return t
}()

// fmLine returns the line number of the first line of the front matter.
func (l layout) fmLine() int { return l.openLine + 1 }
