package article

import (
	"bytes"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
)

// Lossless encoding: an Article that Parse returned remembers its file (see
// source.go), and Encode rewrites only the parts of that file whose values
// the caller changed. The rules are documented on [Article.Encode]; this
// file finds the spans to change and applies the edits.

// DropSource makes a forget the file it was parsed from, so that Encode
// writes it in the canonical layout, as it does for an Article built in
// code. Use it to write one article in the canonical layout, or to
// release the file text that a keeps alive ([Format] tidies a file and
// keeps its comments instead). Whatever
// needs the file afterwards, such as the line and column of a problem in
// it, is no longer available.
func (a *Article) DropSource() {
	a.src = source{}
}

// unchangedWithoutParams reports whether a has a source, no Params, and
// the values Parse gave it: then the file is its encoding, and Encode
// writes it without a buffer.
func (a *Article) unchangedWithoutParams() bool {
	s := &a.src
	return s.ok && !s.params && len(a.Params) == 0 && a.Body == s.text[s.l.body:] && sameSchema(schemaOf(a), s.orig)
}

// appendLossless is AppendEncoded for an Article that has a source.
func (a *Article) appendLossless(b []byte) ([]byte, error) {
	s := &a.src
	text := s.text
	cur := schemaOf(a)
	schemaChanged := !sameSchema(cur, s.orig)
	hasParams := len(a.Params) > 0 || s.params
	for k := range a.Params {
		if slices.Contains(schemaKeys[:], k) {
			return b, fmt.Errorf("article: Params[%q]: %w: the key belongs to the schema", k, ErrEncode)
		}
	}
	var d *fmDoc
	var orig, params map[string]any
	if schemaChanged || hasParams {
		str := text[s.l.fmStart:s.l.fmEnd]
		var err error
		if d, err = scanDoc([]byte(str), str); err == errNotInPlace {
			return a.appendCanonical(b)
		} else if err != nil {
			return b, err
		}
		if hasParams {
			if orig, params, err = d.paramsDiff(a.Params); err != nil {
				return b, err
			}
		}
	}
	if !schemaChanged && orig == nil {
		if a.Body == text[s.l.body:] {
			return append(b, text...), nil
		}
		b = append(b, text[:s.l.fmEnd]...)
		return a.appendTail(b), nil
	}
	start := len(b)
	fm, err := a.editFrontMatter(d, cur, orig, params)
	if err == errNotInPlace {
		return a.appendCanonical(b)
	}
	if err != nil {
		return b, err
	}
	b = slices.Grow(b, s.l.fmStart+len(fm)+len(text)-s.l.fmEnd+len(a.Body)-(len(text)-s.l.body))
	b = append(b, text[:s.l.fmStart]...)
	b = append(b, fm...)
	b = a.appendTail(b)
	// The edits are made on text; make sure the result holds together (a
	// new [table] after dotted keys of the same name, say), and write the
	// canonical layout if it does not.
	if !checkEdited(Decoder{Zones: s.zones}, b[start:], fm, orig, params, schemaChanged) {
		return a.appendCanonical(b[:start])
	}
	return b, nil
}

// checkEdited reports whether Parse reads out, the file whose front matter
// is fm after the edits of the top-level keys of orig and params (the
// source's and the caller's values of the keys that changed) and, if
// schema is set, of the schema keys. The front matter must be where it
// was put; all of it must parse; and the changed keys, decoded alone with
// dec (the source's Zones), must decode: the others are unchanged.
func checkEdited(dec Decoder, out, fm []byte, orig, params map[string]any, schema bool) bool {
	l, err := split(string(out))
	if err != nil || l.fmEnd-l.fmStart != len(fm) {
		return false
	}
	names := make(map[string]bool, len(orig)+len(params))
	for k := range orig {
		names[k] = true
	}
	for k := range params {
		names[k] = true
	}
	sub, err := extract(fm, names, schema)
	if err != nil {
		return false
	}
	var a Article
	return dec.decodeGeneral(&a, string(sub), layout{fmEnd: len(sub)}) == nil
}

// appendTail appends the closing delimiter line, the separator and the
// body. If the body changed, a separator is added where Parse would
// otherwise read the first line of the new body as one.
func (a *Article) appendTail(b []byte) []byte {
	s := &a.src
	text := s.text
	if a.Body == text[s.l.body:] {
		return append(b, text[s.l.fmEnd:]...)
	}
	closeEnd := len(text)
	if i := strings.IndexByte(text[s.l.fmEnd:], '\n'); i >= 0 {
		closeEnd = s.l.fmEnd + i + 1
	}
	eol := s.eol()
	switch {
	case a.Body == "":
		b = append(b, text[s.l.fmEnd:s.l.body]...)
	case !strings.HasSuffix(text[s.l.fmEnd:closeEnd], "\n"):
		// "+++" at the end of the file without a line break.
		b = append(b, text[s.l.fmEnd:closeEnd]...)
		b = append(b, eol...)
		b = append(b, eol...)
	case s.l.body > closeEnd: // the file had a separator
		b = append(b, text[s.l.fmEnd:s.l.body]...)
	default:
		b = append(b, text[s.l.fmEnd:closeEnd]...)
		if strings.HasPrefix(a.Body, "\n") || strings.HasPrefix(a.Body, "\r\n") {
			b = append(b, eol...)
		}
	}
	return append(b, a.Body...)
}

// eol returns the line ending of the file's opening delimiter line.
func (s *source) eol() string {
	if s.l.fmStart >= 2 && s.text[s.l.fmStart-2] == '\r' {
		return "\r\n"
	}
	return "\n"
}

// sameSchema reports whether two sets of schema values are the same; dates
// are the same if they are the same instant in the same offset.
func sameSchema(x, y schemaValues) bool {
	if !sameTime(x.date, y.date) {
		return false
	}
	x.date, y.date = time.Time{}, time.Time{}
	return x == y
}

func sameTime(x, y time.Time) bool {
	if x.IsZero() || y.IsZero() {
		return x.IsZero() == y.IsZero()
	}
	_, xo := x.Zone()
	_, yo := y.Zone()
	return x.Equal(y) && xo == yo
}

// equalTable reports whether the Params map p holds the values that were
// decoded into orig. Values of other types than go-toml decodes to (an int
// instead of an int64, say) count as changed.
func equalTable(orig map[string]any, p map[string]any) bool {
	if len(orig) != len(p) {
		return false
	}
	for k, v := range orig {
		w, ok := p[k]
		if !ok || !equalValue(v, w) {
			return false
		}
	}
	return true
}

func equalValue(v, w any) bool {
	switch v := v.(type) {
	case map[string]any:
		w, ok := w.(map[string]any)
		return ok && equalTable(v, w)
	case []any:
		w, ok := w.([]any)
		if !ok || len(v) != len(w) {
			return false
		}
		for i := range v {
			if !equalValue(v[i], w[i]) {
				return false
			}
		}
		return true
	case time.Time:
		w, ok := w.(time.Time)
		return ok && sameTime(v, w)
	case float64:
		w, ok := w.(float64)
		return ok && (v == w && (v != 0 || math.Signbit(v) == math.Signbit(w)) || v != v && w != w)
	case string, int64, bool, toml.LocalDate, toml.LocalTime, toml.LocalDateTime:
		return v == w
	}
	return false
}

// errNotInPlace means an edit cannot be made in place; the caller writes
// the canonical layout instead.
var errNotInPlace = fmt.Errorf("%w: edit not possible in place", ErrEncode)

// An edit replaces fm[start:end] with text.
type edit struct {
	start, end int
	text       []byte
	late       bool // a new table: after the other insertions at start
}

// editor collects the edits of one Encode.
type editor struct {
	d     *fmDoc
	eol   string
	sep   string // spacing around '=' of new lines
	edits []edit
}

// editFrontMatter returns the front matter of the source, d, with the
// changes of the schema values from the source's applied, and those of the
// Params from orig (the source's values of the top-level keys that
// changed) to params (the caller's).
func (a *Article) editFrontMatter(d *fmDoc, cur schemaValues, orig, params map[string]any) ([]byte, error) {
	s := &a.src
	ed := &editor{d: d, eol: s.eol(), sep: d.spacing()}
	if err := ed.schema(cur, s.orig); err != nil {
		return nil, err
	}
	if len(orig) > 0 || len(params) > 0 {
		if err := ed.table(nil, orig, params); err != nil {
			return nil, err
		}
	}
	return ed.apply()
}

func (ed *editor) add(pos int, text []byte) {
	ed.edits = append(ed.edits, edit{start: pos, end: pos, text: text})
}

func (ed *editor) addLate(pos int, text []byte) {
	ed.edits = append(ed.edits, edit{start: pos, end: pos, text: text, late: true})
}

func (ed *editor) replace(start, end int, text []byte) {
	ed.edits = append(ed.edits, edit{start: start, end: end, text: text})
}

// replaceValue writes val in place of the value of key/value pair e. A
// comment after a one-line value that is aligned with a comment on another
// line keeps its column where the spaces before it allow.
func (ed *editor) replaceValue(e *docExpr, val []byte) {
	fm := ed.d.fm
	end := int(e.valEnd)
	if old := fm[e.valStart:e.valEnd]; bytes.IndexByte(old, '\n') < 0 && bytes.IndexByte(val, '\n') < 0 {
		spaces := 0
		for end+spaces < len(fm) && fm[end+spaces] == ' ' {
			spaces++
		}
		if end+spaces < len(fm) && fm[end+spaces] == '#' && spaces > 1 && commentAligned(fm, end+spaces) {
			pad := spaces + len(old) - len(val)
			pad = max(pad, 1)
			val = append(val, bytes.Repeat([]byte(" "), pad)...)
			end += spaces
		}
	}
	ed.replace(int(e.valStart), end, val)
}

// commentAligned reports whether another line of fm has a comment that
// starts in the same column as the one at offset at.
func commentAligned(fm []byte, at int) bool {
	start := lineStart(fm, at)
	col := at - start
	for pos := 0; pos < len(fm); pos = lineEnd(fm, pos) {
		if pos != start && pos+col < len(fm) && fm[pos+col] == '#' && fm[pos+col-1] == ' ' &&
			bytes.IndexByte(fm[pos:pos+col], '\n') < 0 {
			return true
		}
	}
	return false
}

// remove deletes the lines of expression i.
func (ed *editor) remove(i int) {
	e := &ed.d.exprs[i]
	ed.replace(int(e.start), int(e.end), nil)
}

// apply makes the edits. Insertions at one offset keep the order they were
// made in, new tables after new keys, and come before a replacement that
// starts there.
func (ed *editor) apply() ([]byte, error) {
	rank := func(e edit) int {
		switch {
		case e.end > e.start:
			return 2
		case e.late:
			return 1
		}
		return 0
	}
	slices.SortStableFunc(ed.edits, func(x, y edit) int {
		if x.start != y.start {
			return x.start - y.start
		}
		return rank(x) - rank(y)
	})
	fm := ed.d.fm
	out := make([]byte, 0, len(fm)+64)
	pos := 0
	for _, e := range ed.edits {
		if e.start < pos {
			return nil, errNotInPlace
		}
		out = append(out, fm[pos:e.start]...)
		out = append(out, e.text...)
		pos = e.end
	}
	return append(out, fm[pos:]...), nil
}

// spacing returns the most frequent spelling of " = " among the key/value
// pairs, the first of the most frequent on a tie, " = " if there are none.
func (d *fmDoc) spacing() string {
	count := map[string]*int{} // a pointer: counting allocates nothing
	best, n := " = ", 0
	for _, e := range d.exprs {
		if e.kind != unstable.KeyValue {
			continue
		}
		sep := d.str[e.keyEnd:e.valStart]
		c := count[sep]
		if c == nil {
			c = new(int)
			count[sep] = c
		}
		if *c++; *c > n {
			best, n = sep, *c
		}
	}
	return best
}

// line builds a new key/value line, indented like the key/value pair tmpl
// (-1: not indented), with the file's usual spacing around '='.
func (ed *editor) line(tmpl int, key []string, val []byte) ([]byte, error) {
	indent := ""
	if tmpl >= 0 {
		e := &ed.d.exprs[tmpl]
		indent = string(ed.d.fm[e.start:e.keyAt])
	}
	b := append([]byte(nil), indent...)
	b, err := appendDottedKey(b, key)
	if err != nil {
		return nil, err
	}
	b = append(b, ed.sep...)
	b = append(b, val...)
	return append(b, ed.eol...), nil
}

// appendDottedKey appends the keys of a path, without its elemKeys.
func appendDottedKey(b []byte, key []string) ([]byte, error) {
	first := true
	for _, k := range key {
		if isElemKey(k) {
			continue
		}
		if !first {
			b = append(b, '.')
		}
		first = false
		var err error
		if b, err = appendKey(b, k); err != nil {
			return b, err
		}
	}
	return b, nil
}

// endOfTop returns where a new top-level key goes, after the last
// top-level key/value pair, and that pair (-1 if none). Without any, the
// key goes before the first table and the comment lines just above it.
func (ed *editor) endOfTop() (pos, tmpl int) {
	d := ed.d
	if last := d.lastKV(-1); last >= 0 {
		return int(d.exprs[last].end), last
	}
	if d.firstHeader == len(d.exprs) {
		return len(d.fm), -1
	}
	pos = int(d.exprs[d.firstHeader].start)
	for pos > 0 {
		prev := lineStart(d.fm, pos-1)
		if t := bytes.TrimLeft(d.fm[prev:pos], " \t"); len(t) == 0 || t[0] != '#' {
			break
		}
		pos = prev
	}
	return pos, -1
}

// schema edits the schema keys whose value differs from orig.
func (ed *editor) schema(cur, orig schemaValues) error {
	if sameSchema(cur, orig) {
		return nil
	}
	d := ed.d
	var present [numKeys]int
	for i := range present {
		present[i] = -1
	}
	for i := 0; i < d.firstHeader; i++ {
		if e := &d.exprs[i]; e.kind == unstable.KeyValue && e.pathLen == 1 {
			if idx := slices.Index(schemaKeys[:], d.path(i)[0]); idx >= 0 {
				present[idx] = i
			}
		}
	}
	for idx := range numKeys {
		changed, zero := schemaDiff(idx, cur, orig)
		if !changed {
			continue
		}
		if i := present[idx]; i >= 0 {
			if zero && idx != keyDraft {
				ed.remove(i)
				continue
			}
			e := &d.exprs[i]
			val, err := ed.schemaValue(idx, cur, orig, e)
			if err != nil {
				return err
			}
			ed.replaceValue(e, val)
			continue
		}
		if zero {
			continue
		}
		pos, tmpl := -1, -1
		for j := idx - 1; j >= 0; j-- {
			if present[j] >= 0 {
				pos, tmpl = int(d.exprs[present[j]].end), present[j]
				break
			}
		}
		if pos < 0 {
			pos, tmpl = ed.endOfTop()
		}
		val, err := ed.schemaValue(idx, cur, orig, nil)
		if err != nil {
			return err
		}
		line, err := ed.line(tmpl, []string{schemaKeys[idx]}, val)
		if err != nil {
			return err
		}
		ed.add(pos, line)
	}
	return nil
}

// schemaDiff reports whether schema key idx changed, and whether its new
// value is the zero value.
func schemaDiff(idx int, cur, orig schemaValues) (changed, zero bool) {
	var c, o any
	switch idx {
	case keyTitle:
		c, o = cur.title, orig.title
	case keyDate:
		return !sameTime(cur.date, orig.date), cur.date.IsZero()
	case keyDraft:
		c, o = cur.draft, orig.draft
	case keySummary:
		c, o = cur.summary, orig.summary
	case keyDescription:
		c, o = cur.description, orig.description
	case keySourceLink:
		c, o = cur.sourceLink, orig.sourceLink
	case keyEnclosure:
		c, o = cur.enclosure, orig.enclosure
	case keyArticleID:
		c, o = cur.articleID, orig.articleID
	case keyFeedItemID:
		c, o = cur.feedItemID, orig.feedItemID
	case keyURL:
		c, o = cur.url, orig.url
	case keyQRCode:
		c, o = cur.qrcode, orig.qrcode
	case keySource:
		c, o = cur.source, orig.source
	}
	return c != o, reflect.ValueOf(c).IsZero()
}

// schemaValue renders the new value of schema key idx, in the style of the
// value it replaces in e (nil for a new line: the canonical style).
func (ed *editor) schemaValue(idx int, cur, orig schemaValues, e *docExpr) ([]byte, error) {
	var raw []byte
	kind := unstable.String
	if e != nil {
		raw, kind = ed.d.fm[e.valStart:e.valEnd], e.valKind
	}
	name := schemaKeys[idx]
	var b []byte
	var err error
	switch idx {
	case keyDate:
		b, err = appendStyledDate(nil, raw, kind, cur.date, orig.date, ed.eol)
	case keyDraft:
		b = strconv.AppendBool(nil, cur.draft)
	case keyArticleID:
		b = appendStyledInt(nil, raw, cur.articleID)
	case keyFeedItemID:
		b = appendStyledInt(nil, raw, cur.feedItemID)
	default:
		v := map[int]string{keyTitle: cur.title, keySummary: cur.summary,
			keyDescription: cur.description, keySourceLink: cur.sourceLink,
			keyEnclosure: cur.enclosure, keyURL: cur.url, keyQRCode: cur.qrcode,
			keySource: cur.source}[idx]
		b, err = appendStyledString(nil, raw, v, ed.eol)
	}
	if err != nil {
		return nil, fmt.Errorf("article: %s: %w", name, err)
	}
	return b, nil
}
