package article

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unsafe"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
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

// decodeState carries one decode.
type decodeState struct {
	d   Decoder
	src []byte // the whole file
	str string // the same bytes as a string, shared by the fields without escapes
	fm  []byte // the front matter, a subslice of src
	l   layout
	p   unstable.Parser
}

func (d Decoder) decode(src []byte) (*Article, error) {
	l, err := split(src)
	if err != nil {
		return nil, err
	}
	// src is never written after this point, so a string may share it:
	// every string field is a substring of it unless it has escapes.
	str := unsafe.String(unsafe.SliceData(src), len(src))
	a := &Article{Body: str[l.body:]}
	if d.decodeSimple(a, str[l.fmStart:l.fmEnd]) {
		return a, nil
	}
	*a = Article{Body: str[l.body:]}
	if err := d.decodeGeneral(a, src, str, l); err != nil {
		return nil, err
	}
	return a, nil
}

// decodeGeneral decodes any front matter with go-toml: the schema keys from
// its parser's syntax tree, other keys through its decoder into Params.
func (d Decoder) decodeGeneral(a *Article, src []byte, str string, l layout) error {
	s := &decodeState{d: d, src: src, str: str, fm: src[l.fmStart:l.fmEnd:l.fmEnd], l: l}
	return s.decodeFrontMatter(a)
}

// fmOffset converts a slice of the front matter to its offset in the file.
// A slice that is not part of the front matter maps to its end.
func (s *decodeState) fmOffset(b []byte) int {
	off := cap(s.fm) - cap(b)
	if b == nil || off < 0 || off > len(s.fm) {
		off = len(s.fm)
	}
	return s.l.fmStart + off
}

// errorAt builds a ParseError for the file offset off.
func (s *decodeState) errorAt(off int, key string, err error) *ParseError {
	line, col := position(s.src, off)
	return &ParseError{Line: line, Column: col, Key: key, Err: err}
}

// position converts a byte offset into a 1-based line and byte column.
func position(src []byte, off int) (line, col int) {
	if off > len(src) {
		off = len(src)
	}
	line = 1 + bytes.Count(src[:off], []byte("\n"))
	col = off - (bytes.LastIndexByte(src[:off], '\n') + 1) + 1
	return line, col
}

func (s *decodeState) nodeOffset(n *unstable.Node) int {
	return s.l.fmStart + int(n.Raw.Offset)
}

// decodeFrontMatter fills a from the front matter. Top-level key/value
// pairs of the schema are decoded here directly from the TOML parser's
// syntax tree, which is what keeps Parse fast. Anything else (other keys,
// tables, dotted keys) is decoded by go-toml into a map for Params.
func (s *decodeState) decodeFrontMatter(a *Article) error {
	p := &s.p
	p.Reset(s.fm)
	var seen [numKeys]bool
	others := false
	for p.NextExpression() {
		e := p.Expression()
		var first *unstable.Node
		keys := e.Key()
		if keys.Next() {
			first = keys.Node()
		}
		if first == nil {
			continue
		}
		idx := schemaIndex(first.Data)
		switch {
		case e.Kind == unstable.KeyValue && idx >= 0 && keys.IsLast():
			if seen[idx] {
				return s.errorAt(s.nodeOffset(first), schemaKeys[idx], ErrDuplicateKey)
			}
			seen[idx] = true
			if err := s.setField(a, idx, first, e.Value()); err != nil {
				return err
			}
		case idx >= 0:
			// title.x = 1, [title] or [[title]]: a schema key used as a table.
			return s.errorAt(s.nodeOffset(first), schemaKeys[idx],
				fmt.Errorf("%w: expected %s, got a table", ErrType, schemaKinds[idx]))
		case s.d.DisallowUnknownKeys:
			return s.errorAt(s.nodeOffset(first), string(first.Data), ErrUnknownKey)
		default:
			others = true
		}
		if e.Kind != unstable.KeyValue {
			// Keys after a table header belong to that table: leave
			// them, and any schema-looking names among them, to go-toml.
			others = true
			break
		}
	}
	if err := p.Error(); err != nil {
		return s.syntaxError(err)
	}
	if others {
		return s.decodeParams(a)
	}
	return nil
}

// syntaxError converts an error of go-toml's parser.
func (s *decodeState) syntaxError(err error) error {
	var perr *unstable.ParserError
	if errors.As(err, &perr) {
		return s.errorAt(s.fmOffset(perr.Highlight), strings.Join(perr.Key, "."),
			fmt.Errorf("%w: %s", ErrSyntax, perr.Message))
	}
	return s.errorAt(s.l.fmStart, "", fmt.Errorf("%w: %v", ErrSyntax, err))
}

// decodeParams decodes the whole front matter into a map with go-toml and
// keeps the keys that are not in the schema.
func (s *decodeState) decodeParams(a *Article) error {
	var m map[string]any
	if err := toml.Unmarshal(s.fm, &m); err != nil {
		var derr *toml.DecodeError
		if errors.As(err, &derr) {
			row, col := derr.Position()
			e := &ParseError{Line: s.l.fmLine + row - 1, Column: col, Key: strings.Join(derr.Key(), ".")}
			if msg := strings.TrimPrefix(derr.Error(), "toml: "); strings.Contains(msg, "already defined") {
				e.Err = ErrDuplicateKey
			} else {
				e.Err = fmt.Errorf("%w: %s", ErrSyntax, msg)
			}
			return e
		}
		return s.errorAt(s.l.fmStart, "", fmt.Errorf("%w: %v", ErrSyntax, err))
	}
	for _, k := range schemaKeys {
		delete(m, k)
	}
	if len(m) > 0 {
		a.Params = m
	}
	return nil
}

var schemaKinds = [numKeys]string{
	keyTitle: "a string", keyDate: "a date", keyDraft: "a boolean",
	keySummary: "a string", keyDescription: "a string", keySourceLink: "a string",
	keyEnclosure: "a string", keyArticleID: "an integer", keyFeedItemID: "an integer",
	keyURL: "a string", keyQRCode: "a string", keySource: "a string",
}

var kindNames = map[unstable.Kind]string{
	unstable.String: "a string", unstable.Bool: "a boolean", unstable.Float: "a float",
	unstable.Integer: "an integer", unstable.LocalDate: "a local date",
	unstable.LocalTime: "a local time", unstable.LocalDateTime: "a local date-time",
	unstable.DateTime: "a date-time", unstable.Array: "an array",
	unstable.InlineTable: "an inline table",
}

// setField stores the value v of schema key idx.
func (s *decodeState) setField(a *Article, idx int, key, v *unstable.Node) error {
	name := schemaKeys[idx]
	typeErr := func() error {
		return s.errorAt(s.nodeOffset(key), name,
			fmt.Errorf("%w: expected %s, got %s", ErrType, schemaKinds[idx], kindNames[v.Kind]))
	}
	switch idx {
	case keyDate:
		t, err := s.readDate(v)
		if err != nil {
			return s.errorAt(s.nodeOffset(key), name, err)
		}
		a.Date = t
	case keyDraft:
		if v.Kind != unstable.Bool {
			return typeErr()
		}
		a.Draft = len(v.Data) == 4 // "true"
	case keyArticleID, keyFeedItemID:
		if v.Kind != unstable.Integer {
			return typeErr()
		}
		n, err := parseTOMLInt(v.Data)
		if err != nil {
			return s.errorAt(s.nodeOffset(key), name, err)
		}
		if idx == keyArticleID {
			a.ArticleID = n
		} else {
			a.FeedItemID = n
		}
	default:
		if v.Kind != unstable.String {
			return typeErr()
		}
		str := s.stringOf(v.Data)
		switch idx {
		case keyTitle:
			a.Title = str
		case keySummary:
			a.Summary = str
		case keyDescription:
			a.Description = str
		case keySourceLink:
			a.SourceLink = str
		case keyEnclosure:
			a.Enclosure = str
		case keyURL:
			a.URL = str
		case keyQRCode:
			a.QRCode = str
		case keySource:
			a.Source = str
		}
	}
	return nil
}

// stringOf returns b as a string: a substring of the file when b is part of
// it (a string without escapes), a copy otherwise.
func (s *decodeState) stringOf(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	off := cap(s.src) - cap(b)
	if off >= 0 && off+len(b) <= len(s.src) && unsafe.SliceData(s.src[off:]) == unsafe.SliceData(b) {
		return s.str[off : off+len(b)]
	}
	return string(b)
}

// parseTOMLInt converts an integer token that go-toml's parser accepted
// (decimal, 0x, 0o or 0b, with underscores between digits) to an int64.
func parseTOMLInt(b []byte) (int64, error) {
	neg := false
	base := uint64(10)
	switch {
	case len(b) > 2 && b[0] == '0' && (b[1] == 'x' || b[1] == 'o' || b[1] == 'b'):
		base = map[byte]uint64{'x': 16, 'o': 8, 'b': 2}[b[1]]
		b = b[2:]
	case len(b) > 0 && (b[0] == '+' || b[0] == '-'):
		neg = b[0] == '-'
		b = b[1:]
	}
	limit := uint64(1<<63 - 1)
	if neg {
		limit++
	}
	var v uint64
	digits := 0
	for _, c := range b {
		var d uint64
		switch {
		case c == '_':
			continue
		case c >= '0' && c <= '9':
			d = uint64(c - '0')
		case c >= 'a' && c <= 'f':
			d = uint64(c-'a') + 10
		case c >= 'A' && c <= 'F':
			d = uint64(c-'A') + 10
		default:
			return 0, fmt.Errorf("%w: invalid integer", ErrSyntax)
		}
		if d >= base {
			return 0, fmt.Errorf("%w: invalid integer", ErrSyntax)
		}
		if v > (limit-d)/base {
			return 0, fmt.Errorf("%w: integer out of the range of int64", ErrType)
		}
		v = v*base + d
		digits++
	}
	if digits == 0 {
		return 0, fmt.Errorf("%w: invalid integer", ErrSyntax)
	}
	if neg {
		return int64(-v), nil //nolint:gosec // v <= 1<<63, wraps to the intended value
	}
	return int64(v), nil //nolint:gosec // v <= MaxInt64
}

// readDate converts the value of date.
func (s *decodeState) readDate(v *unstable.Node) (time.Time, error) {
	switch v.Kind {
	case unstable.String:
		return parseDate(unsafe.String(unsafe.SliceData(v.Data), len(v.Data)), s.d.location())
	case unstable.DateTime, unstable.LocalDateTime, unstable.LocalDate:
		return parseTOMLDateTime(v.Data, v.Kind, s.d.location())
	}
	return time.Time{}, fmt.Errorf("%w: expected a date, got %s", ErrType, kindNames[v.Kind])
}

// parseTOMLDateTime converts a TOML date-time token: it allows a space or a
// lower-case t between date and time, a lower-case z, and (TOML 1.1) no
// seconds.
func parseTOMLDateTime(b []byte, kind unstable.Kind, loc *time.Location) (time.Time, error) {
	var buf [64]byte
	if len(b) > len(buf)-3 {
		return time.Time{}, fmt.Errorf("%w: %q", ErrDate, b)
	}
	n := copy(buf[:], b)
	if kind == unstable.LocalDate {
		return parseIn("2006-01-02", buf[:n], loc)
	}
	if n > 10 {
		buf[10] = 'T'
	}
	if c := buf[n-1]; c == 'z' {
		buf[n-1] = 'Z'
	}
	// Insert ":00" when the time has hours and minutes only.
	if n >= 16 && (n == 16 || buf[16] != ':') {
		copy(buf[19:], buf[16:n])
		copy(buf[16:], ":00")
		n += 3
	}
	if kind == unstable.LocalDateTime {
		return parseIn("2006-01-02T15:04:05", buf[:n], loc)
	}
	return parseIn(time.RFC3339, buf[:n], time.UTC)
}

func parseIn(layout string, b []byte, loc *time.Location) (time.Time, error) {
	t, err := time.ParseInLocation(layout, unsafe.String(unsafe.SliceData(b), len(b)), loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: %q is not a valid date", ErrDate, string(b))
	}
	return t, nil
}

// Date layouts accepted in strings, besides RFC 3339. Those with a numeric
// offset keep it; the others are read in the decoder's Location.
var (
	localLayouts = []string{"2006-01-02", "2006-01-02T15:04:05", "2006-01-02 15:04:05"}
	// RFC 1123, 822 and 850 with a numeric offset, with or without the day
	// of the week, the seconds, and a leading zero in the day.
	mailLayouts = []string{
		"Mon, 2 Jan 2006 15:04:05 -0700", "2 Jan 2006 15:04:05 -0700",
		"Mon, 2 Jan 2006 15:04 -0700", "2 Jan 2006 15:04 -0700",
		"Mon, 2 Jan 06 15:04:05 -0700", "2 Jan 06 15:04:05 -0700",
		"Mon, 2 Jan 06 15:04 -0700", "2 Jan 06 15:04 -0700",
		"Monday, 2-Jan-06 15:04:05 -0700",
	}
)

// ParseDate reads a date as the date key accepts it in a string: RFC 3339
// (fractional seconds allowed), "2006-01-02", "2006-01-02T15:04:05",
// "2006-01-02 15:04:05", or RFC 1123, RFC 822 or RFC 850 with a numeric
// offset or one of the zones GMT, UT, UTC and Z. Values without an offset
// are read in loc (UTC if nil); values with one keep it. Other zone
// abbreviations, such as EDT or CST, are ambiguous and rejected with
// ErrDate. An empty string is the zero Time.
func ParseDate(s string, loc *time.Location) (time.Time, error) {
	if loc == nil {
		loc = time.UTC
	}
	return parseDate(s, loc)
}

func parseDate(s string, loc *time.Location) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if len(s) >= 10 && s[4] == '-' && isDigits(s[:4]) {
		if t, err := time.ParseInLocation(time.RFC3339, s, time.UTC); err == nil {
			return t, nil
		}
		for _, l := range localLayouts {
			if t, err := time.ParseInLocation(l, s, loc); err == nil {
				return t, nil
			}
		}
		return time.Time{}, fmt.Errorf("%w: cannot read %q; write RFC 3339, such as 2006-01-02T15:04:05Z", ErrDate, s)
	}
	// Mail and RSS dates: the last field is the zone.
	i := strings.LastIndexByte(s, ' ')
	if i < 0 {
		return time.Time{}, fmt.Errorf("%w: cannot read %q; write RFC 3339, such as 2006-01-02T15:04:05Z", ErrDate, s)
	}
	zone := s[i+1:]
	if len(zone) > 0 && (zone[0] < '0' || zone[0] > '9') && zone[0] != '+' && zone[0] != '-' {
		switch zone {
		case "GMT", "UT", "UTC", "Z":
			s = s[:i+1] + "+0000"
		default:
			return time.Time{}, fmt.Errorf("%w: time zone %q is ambiguous; write a numeric offset such as -0400", ErrDate, zone)
		}
	}
	for _, l := range mailLayouts {
		if t, err := time.ParseInLocation(l, s, time.UTC); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%w: cannot read %q; write RFC 3339, such as 2006-01-02T15:04:05Z", ErrDate, s)
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
