package article

import (
	"bytes"
	"errors"

	"github.com/pelletier/go-toml/v2/unstable"
)

// Format returns src with its front matter in the standard layout, in the
// spirit of go/format.Source: it moves and respaces what the file says and
// keeps all of it. src must be an article Parse accepts; otherwise Format
// returns Parse's error. Format is a pure function: Format(Format(x)) ==
// Format(x), and a file already in the layout comes back byte for byte.
//
// # What Format keeps
//
//   - Every comment. The comment lines just above a key or a [table]
//     header move with it; a comment after a value or a header stays on
//     its line; comments inside a multi-line array stay where they are in
//     it; the comment lines at the top of the front matter that are
//     followed by an empty line stay at the top, and those after the last
//     key stay at the end.
//   - The line-ending style: every line of the output ends as the lines of
//     the body do when they all agree (the body is kept as it is), else as
//     the opening +++ line does; the byte order mark, if any.
//   - The TOML type and the spelling of every value: a native date stays a
//     native date of the same kind (offset, local date-time, date, time), an
//     inline table stays inline, an array keeps its elements, their layout
//     and its comments, a number its form (hexadecimal, underscores).
//   - The set of keys, and the order of the keys in a table and of the
//     tables: nothing is added, nothing removed.
//
// # What Format normalises
//
//	+++
//	# Comment lines at the top that an empty line
//	# separates from the first key stay at the top.
//
//	title = "…"        the schema keys present, in the order title, date,
//	date = 2025-09-04  draft, summary, description, source_link, enclosure,
//	draft = true       article_id, feed_item_id, url, qrcode, source;
//	tags = ["a", "b"]  then the other top-level keys, in the order written;
//
//	# the comment lines above a key move with it
//	author = "…"
//	[extra]            then the tables and arrays of tables, in the order
//	toc = true         written, each with its keys in the order written
//
//	# comments at the end stay at the end
//	+++
//
//	<body>
//
// Order: as above. Spacing: key = value with one space on each side of '=',
// one space before a comment after a value or a header; keys, headers and
// comment lines start at the first column, and the lines of a multi-line
// array lose as much indentation as its key line lost; headers are written
// [a.b] and [[a.b]]. Quoting: a quoted key part that can be bare is
// written bare; a literal string 'like this' that holds no backslash and
// no quotation mark becomes the basic string "like this"; a multi-line
// string whose line breaks differ from the output's line ending is
// rewritten as a multi-line basic string with the same value; every other
// value is written as it was. Blank lines: one after the comments at the
// top; one before the comment lines above a key or a header, unless it
// opens the front matter (after the comments at the top) or follows a
// header; one before the comments at the end if the file had an empty line
// there; no others. Blank lines before the opening +++ and blanks after
// either delimiter go; the closing +++ is followed by one empty line and
// the body, or by nothing if the body is empty.
//
// What Encode writes for an Article built in code (the canonical layout)
// is in this layout already, unless the body's lines end in CRLF.
//
// Format places every comment TOML allows. If the front matter holds text
// that is neither part of a key, a header, a comment nor a blank line
// (which Parse does not accept), Format fails with a [ParseError] naming
// the line rather than drop it.
func Format(src []byte) ([]byte, error) {
	return Decoder{}.Format(src)
}

// Format is [Format] reading src with d's options: Location and Zones for
// dates (a file whose dates only d can read formats only with d), and
// DisallowUnknownKeys. MaxSize does not apply: Format reads only the front
// matter and copies the body as it is; bound src as you read it.
func (d Decoder) Format(src []byte) ([]byte, error) {
	// Parse reads only the front matter and its delimiters; the body is
	// taken from src as it is, where Parse would have cut it.
	head := headEnd(src)
	if head < 0 {
		head = len(src) // Parse's error, or a file without a body
	}
	d.MaxSize = -1
	a, err := d.Decode(bytes.NewReader(src[:head]))
	if err != nil {
		return nil, err
	}
	l := a.src.l
	body := src[head:]
	if l.body == head {
		// The separator line, as split skips it.
		switch {
		case bytes.HasPrefix(body, []byte("\n")):
			body = body[1:]
		case bytes.HasPrefix(body, []byte("\r\n")):
			body = body[2:]
		}
	} else {
		body = src[l.body:]
	}
	eol := formatEOL(body, src[:l.fmStart])
	out := make([]byte, 0, len(src)+len(src)/16+16)
	if bytes.HasPrefix(src, []byte("\uFEFF")) {
		out = append(out, "\uFEFF"...)
	}
	out = append(out, "+++"...)
	out = append(out, eol...)
	f := formatter{fm: src[l.fmStart:l.fmEnd], eol: eol, line: l.fmLine()}
	if out, err = f.frontMatter(out); err != nil {
		return nil, err
	}
	out = append(out, "+++"...)
	out = append(out, eol...)
	if len(body) > 0 {
		out = append(out, eol...)
		out = append(out, body...)
	}
	return out, nil
}

// headEnd returns the end of the line of the closing delimiter of src, or
// -1 where there is none or something else than blank lines comes before
// the opening one (Parse then says what is wrong).
func headEnd(src []byte) int {
	pos, n := 0, 0
	if bytes.HasPrefix(src, []byte("\uFEFF")) {
		pos = 3
	}
	for pos < len(src) {
		next := len(src)
		if i := bytes.IndexByte(src[pos:], '\n'); i >= 0 {
			next = pos + i + 1
		}
		// The line without its line ending, as split reads it.
		end := next
		if end > pos && src[end-1] == '\n' {
			end--
			if end > pos && src[end-1] == '\r' {
				end--
			}
		}
		line := src[pos:end]
		switch {
		case len(line) >= 3 && line[0] == '+' && line[1] == '+' && line[2] == '+' && len(bytes.Trim(line[3:], " \t")) == 0:
			if n++; n == 2 {
				return next
			}
		case n == 0 && len(bytes.Trim(line, " \t")) > 0:
			return -1
		}
		pos = next
	}
	return -1
}

// formatEOL returns the line ending of the output of Format: that of the
// body's line breaks if they all agree, else that of the opening line,
// which ends before.
func formatEOL(body, before []byte) string {
	if bytes.IndexByte(body, '\r') < 0 && bytes.IndexByte(body, '\n') >= 0 {
		return "\n"
	}
	if lf := bytes.Count(body, []byte("\n")); lf > 0 {
		switch bytes.Count(body, []byte("\r\n")) {
		case lf:
			return "\r\n"
		case 0:
			return "\n"
		}
	}
	if bytes.HasSuffix(before, []byte("\r\n")) {
		return "\r\n"
	}
	return "\n"
}

// A fmtItem is one expression of the front matter, rendered.
type fmtItem struct {
	kind   unstable.Kind
	schema int  // top-level schema key: its index; else -1
	top    bool // a key/value pair before the first header
	lead   span // its own-line comments, in formatter.comments
	text   span // the rendered lines, in formatter.scratch

	// From scanSimple, instead of text: the parts of the line in fm.
	simple            bool
	key, val, comment span
}

// formatter rewrites one front matter.
type formatter struct {
	fm   []byte
	eol  string
	line int // the line number of the first line of fm

	items    []fmtItem
	comments []span // own-line comments, offsets in fm, trimmed
	scratch  []byte // rendered expressions
	tmp      []byte // rendered strings of the current value
	reps     []fmtRep

	head      span // comments at the top, followed by an empty line
	tail      span // comments after the last expression
	tailBlank bool // an empty line before the tail
}

// A fmtRep replaces fm[start:end] in a value with tmp[from:to].
type fmtRep struct{ start, end, from, to int }

// frontMatter appends the formatted front matter to out.
func (f *formatter) frontMatter(out []byte) ([]byte, error) {
	f.items = make([]fmtItem, 0, 16)
	ok, err := f.scanSimple()
	if err != nil {
		return nil, err
	}
	if !ok {
		f.items, f.comments = f.items[:0], f.comments[:0]
		f.head, f.tail, f.tailBlank = span{}, span{}, false
		f.scratch = make([]byte, 0, len(f.fm)+len(f.fm)/8+16)
		if err := f.scan(); err != nil {
			return nil, err
		}
	}
	return f.emit(out)
}

// emit appends the scanned front matter to out, in the layout of Format.
func (f *formatter) emit(out []byte) ([]byte, error) {
	w := fmtWriter{out: out, start: len(out), eol: f.eol}
	for _, c := range f.comments[f.head.start:f.head.end] {
		w.line(f.fm[c.start:c.end])
	}
	if f.head.end > f.head.start {
		w.blank()
	}
	section := w.mark()
	var order [numKeys]int
	for i := range order {
		order[i] = -1
	}
	for i := range f.items {
		if it := &f.items[i]; it.schema >= 0 {
			order[it.schema] = i
		}
	}
	for _, i := range order {
		if i >= 0 {
			f.write(&w, &f.items[i], w.mark() == section)
		}
	}
	for i := range f.items {
		if it := &f.items[i]; it.top && it.schema < 0 {
			f.write(&w, it, w.mark() == section)
		}
	}
	for i := range f.items {
		it := &f.items[i]
		if it.top {
			continue
		}
		if it.kind != unstable.KeyValue {
			f.write(&w, it, w.mark() == section)
			section = w.mark()
			continue
		}
		f.write(&w, it, w.mark() == section)
	}
	if f.tail.end > f.tail.start {
		if f.tailBlank {
			w.blank()
		}
		for _, c := range f.comments[f.tail.start:f.tail.end] {
			w.line(f.fm[c.start:c.end])
		}
	}
	return w.out, nil
}

// write writes an item with its comments, after an empty line if it has
// comments and does not open the front matter or a table (first).
func (f *formatter) write(w *fmtWriter, it *fmtItem, first bool) {
	if it.lead.end > it.lead.start && !first {
		w.blank()
	}
	for _, c := range f.comments[it.lead.start:it.lead.end] {
		w.line(f.fm[c.start:c.end])
	}
	if it.simple {
		f.writeSimple(w, it)
	} else {
		w.out = append(w.out, f.scratch[it.text.start:it.text.end]...)
	}
	w.blankLast = false
}

// fmtWriter appends lines, with at most one empty line in a row and none
// at the start.
type fmtWriter struct {
	out       []byte
	start     int
	eol       string
	blankLast bool
}

func (w *fmtWriter) mark() int { return len(w.out) }

func (w *fmtWriter) line(text []byte) {
	w.out = append(w.out, text...)
	w.out = append(w.out, w.eol...)
	w.blankLast = false
}

func (w *fmtWriter) blank() {
	if len(w.out) > w.start && !w.blankLast {
		w.out = append(w.out, w.eol...)
		w.blankLast = true
	}
}

// scan cuts the front matter into expressions and comments, and renders
// the expressions.
func (f *formatter) scan() error {
	fm := f.fm
	var p unstable.Parser
	p.Reset(fm)
	prevEnd := 0
	headerSeen := false
	for p.NextExpression() {
		n := p.Expression()
		it := fmtItem{kind: n.Kind, schema: -1}
		keyAt, keyEnd := -1, 0
		first := true
		textStart := len(f.scratch)
		switch n.Kind {
		case unstable.Table:
			f.scratch = append(f.scratch, '[')
			headerSeen = true
		case unstable.ArrayTable:
			f.scratch = append(f.scratch, "[["...)
			headerSeen = true
		}
		single := true
		for k := n.Key(); k.Next(); {
			kn := k.Node()
			if keyAt < 0 {
				keyAt = int(kn.Raw.Offset)
			} else {
				single = false
			}
			keyEnd = int(kn.Raw.Offset + kn.Raw.Length)
			if !first {
				f.scratch = append(f.scratch, '.')
			}
			first = false
			f.scratch = appendFormatKey(f.scratch, kn.Data, fm[kn.Raw.Offset:keyEnd])
		}
		if keyAt < 0 {
			continue // not an expression with a key: nothing else is
		}
		firstLine := lineStart(fm, keyAt)
		where := gapMiddle
		if len(f.items) == 0 {
			where = gapFirst
		}
		if err := f.gap(prevEnd, firstLine, where, &it); err != nil {
			return err
		}
		var end int
		switch n.Kind {
		case unstable.KeyValue:
			it.top = !headerSeen
			if it.top && single {
				if k := n.Key(); k.Next() {
					it.schema = schemaIndex(k.Node().Data)
				}
			}
			valEnd := int(n.Raw.Offset + n.Raw.Length)
			f.scratch = append(f.scratch, " = "...)
			f.scratch = f.value(f.scratch, n.Value(), valueStart(fm, keyEnd), valEnd, keyAt-firstLine)
			end = valEnd
		default:
			i := keyEnd
			for i < len(fm) && (fm[i] == ' ' || fm[i] == '\t') {
				i++
			}
			for i < len(fm) && fm[i] == ']' {
				i++
			}
			if n.Kind == unstable.Table {
				f.scratch = append(f.scratch, ']')
			} else {
				f.scratch = append(f.scratch, "]]"...)
			}
			end = i
		}
		var err error
		if f.scratch, end, err = f.trailing(f.scratch, end); err != nil {
			return err
		}
		it.text = span{textStart, len(f.scratch)}
		f.items = append(f.items, it)
		prevEnd = end
	}
	if err := p.Error(); err != nil {
		// Parse accepted the file, so go-toml's parser does too.
		return f.errorAt(prevEnd, err)
	}
	return f.gap(prevEnd, len(fm), gapTail, nil)
}

// trailing renders what follows a value or a header on its last line (a
// comment, if any) and the line ending, and returns the end of the line.
func (f *formatter) trailing(b []byte, i int) ([]byte, int, error) {
	fm := f.fm
	for i < len(fm) && (fm[i] == ' ' || fm[i] == '\t') {
		i++
	}
	end := lineEnd(fm, i)
	if i < len(fm) && fm[i] == '#' {
		b = append(b, ' ')
		b = append(b, trimBlanks(fm[i:end])...)
	} else if len(trimBlanks(fm[i:end])) > 0 {
		return b, end, f.errorAt(i, errors.New("text after a value that Format cannot place"))
	}
	return append(b, f.eol...), end, nil
}

// trimBlanks removes the blanks and the line ending at the end of b.
func trimBlanks(b []byte) []byte {
	return bytes.TrimRight(b, " \t\r\n")
}

// gap records the comment lines of fm[from:to], the lines between two
// expressions (or before the first, or after the last: then it is nil),
// as the leading comments of it. Before the first expression, the
// comments followed by an empty line form the head of the front matter;
// after the last one, its tail.
func (f *formatter) gap(from, to int, where int, it *fmtItem) error {
	fm := f.fm
	start := len(f.comments)
	lastBlank := -1 // the number of comments before the last empty line
	firstBlank := false
	for pos := from; pos < to; {
		end := lineEnd(fm, pos)
		line := bytes.TrimLeft(trimBlanks(fm[pos:end]), " \t")
		switch {
		case len(line) == 0:
			lastBlank = len(f.comments) - start
			if len(f.comments) == start {
				firstBlank = true
			}
		case line[0] == '#':
			off := pos + bytes.IndexByte(fm[pos:end], '#')
			f.comments = append(f.comments, span{off, off + len(line)})
		default:
			return f.errorAt(pos, errors.New("a line Format cannot place"))
		}
		pos = end
	}
	n := len(f.comments)
	switch {
	case where == gapTail:
		f.tail, f.tailBlank = span{start, n}, firstBlank && len(f.items) > 0
	case where == gapFirst && lastBlank > 0:
		f.head = span{start, start + lastBlank}
		it.lead = span{start + lastBlank, n}
	default:
		it.lead = span{start, n}
	}
	return nil
}

const keyValueKind = unstable.KeyValue

// Where a gap is: before the first expression, between two, after the last.
const (
	gapFirst = iota
	gapMiddle
	gapTail
)

// errorAt returns a ParseError for offset off of the front matter.
func (f *formatter) errorAt(off int, err error) error {
	line := f.line + bytes.Count(f.fm[:off], []byte("\n"))
	col := off - lineStart(f.fm, off) + 1
	return &ParseError{Line: line, Column: col, Err: err}
}

// appendFormatKey appends one part of a key: bare where it can be, else
// as written.
func appendFormatKey(b, data, raw []byte) []byte {
	bare := len(data) > 0
	for _, c := range data {
		if !isBareKeyChar(c) {
			bare = false
			break
		}
	}
	if bare {
		return append(b, data...)
	}
	return append(b, raw...)
}

// value appends the value fm[start:end], whose node is v, with its strings
// normalised, its line breaks made eol, and the lines after its first
// losing up to indent blanks.
func (f *formatter) value(b []byte, v *unstable.Node, start, end, indent int) []byte {
	f.reps, f.tmp = f.reps[:0], f.tmp[:0]
	f.strings(v, 0)
	pos := start
	for _, r := range f.reps {
		b = f.appendLines(b, f.fm[pos:r.start], indent)
		b = append(b, f.tmp[r.from:r.to]...)
		pos = r.end
	}
	return f.appendLines(b, f.fm[pos:end], indent)
}

// strings records the replacement of every string in v, in order: a
// literal string that can be basic becomes basic, a multi-line string is
// kept, or rewritten if its line breaks are not eol.
func (f *formatter) strings(v *unstable.Node, depth int) {
	if v == nil || depth > MaxNesting+2 {
		return
	}
	switch v.Kind {
	case unstable.String:
		start := int(v.Raw.Offset)
		raw := f.fm[start : start+int(v.Raw.Length)]
		from := len(f.tmp)
		switch {
		case bytes.HasPrefix(raw, []byte("'''")) || bytes.HasPrefix(raw, []byte(`"""`)):
			if f.breaksMatch(raw) {
				f.tmp = append(f.tmp, raw...)
			} else {
				// The value came from Parse: it is valid UTF-8.
				f.tmp, _ = appendStyledString(f.tmp, raw, string(v.Data), f.eol)
			}
		case raw[0] == '\'' && !bytes.ContainsAny(raw, "\\\""):
			f.tmp = append(f.tmp, '"')
			f.tmp = append(f.tmp, raw[1:len(raw)-1]...)
			f.tmp = append(f.tmp, '"')
		default:
			return
		}
		f.reps = append(f.reps, fmtRep{start, start + len(raw), from, len(f.tmp)})
	case unstable.Array, unstable.InlineTable:
		for it := v.Children(); it.Next(); {
			f.strings(it.Node(), depth+1)
		}
	case unstable.KeyValue:
		f.strings(v.Value(), depth+1)
	}
}

// breaksMatch reports whether every line break in raw is eol.
func (f *formatter) breaksMatch(raw []byte) bool {
	for i, c := range raw {
		if c == '\n' && (i > 0 && raw[i-1] == '\r') != (f.eol == "\r\n") {
			return false
		}
	}
	return true
}

// appendLines appends seg, a part of a value outside its strings, with
// eol line breaks, each line after a break losing up to indent blanks.
func (f *formatter) appendLines(b, seg []byte, indent int) []byte {
	for {
		i := bytes.IndexByte(seg, '\n')
		if i < 0 {
			return append(b, seg...)
		}
		line := seg[:i]
		if len(line) > 0 && line[len(line)-1] == '\r' {
			line = line[:len(line)-1]
		}
		b = append(b, line...)
		b = append(b, f.eol...)
		seg = seg[i+1:]
		for j := 0; j < indent && len(seg) > 0 && (seg[0] == ' ' || seg[0] == '\t'); j++ {
			seg = seg[1:]
		}
	}
}
