package article

import (
	"bytes"
	"reflect"
	"slices"
	"time"

	"github.com/pelletier/go-toml/v2/unstable"
)

// Edits inside an array or an inline table: the elements and keys that did
// not change keep their bytes, and new ones are written in the layout of
// their neighbours. The values are read from the front matter by a small
// lexer that knows strings, comments and brackets; where it finds a shape
// it does not expect, the value is written whole, as appendValue does.

// editValue edits the value at fm[start:end], which Parse read as old, to
// new.
func (ed *editor) editValue(start, end int, old, new any, depth int) error {
	if equalValue(old, new) {
		return nil
	}
	fm := ed.d.fm
	nv := deref(reflect.ValueOf(new))
	if depth <= MaxNesting && start < end {
		switch fm[start] {
		case '[':
			oa, ok1 := old.([]any)
			na, ok2 := new.([]any)
			if ok1 && ok2 && len(oa) > 0 && len(na) > 0 {
				if l, ok := lexArray(fm, start); ok && l.close+1 == end && len(l.elems) == len(oa) {
					return ed.editArray(l, oa, na, depth)
				}
			}
		case '{':
			om, ok1 := old.(map[string]any)
			nm, ok2 := new.(map[string]any)
			if ok1 && ok2 && len(om) > 0 {
				if l, ok := lexInline(fm, start); ok && l.close+1 == end && len(l.pairs) == len(om) {
					return ed.editInline(l, om, nm, depth)
				}
			}
		}
	}
	b, err := ed.styledValue(fm[start:end], old, nv)
	if err != nil {
		return err
	}
	ed.replace(start, end, b)
	return nil
}

// styledValue renders v in the style of raw, the value it replaces, which
// Parse read as old: strings, integers and offset date-times keep their
// form (see appendStyledString, appendStyledInt, appendStyledDate).
func (ed *editor) styledValue(raw []byte, old any, v reflect.Value) ([]byte, error) {
	switch o := old.(type) {
	case string:
		if v.IsValid() && v.Kind() == reflect.String {
			return appendStyledString(nil, raw, v.String(), ed.eol)
		}
	case int64:
		if v.IsValid() && v.CanInt() {
			return appendStyledInt(nil, raw, v.Int()), nil
		}
	case time.Time:
		if v.IsValid() && v.Type() == timeType {
			return appendStyledDate(nil, raw, unstable.DateTime, v.Interface().(time.Time), o, ed.eol)
		}
	}
	return appendValue(nil, v, 1)
}

// An arrayLayout is where the parts of an array are in the front matter.
type arrayLayout struct {
	open, close int // the brackets
	elems       []elemSpan
}

// An elemSpan is one element: its bytes, and its comma (-1 if none).
type elemSpan struct{ start, end, comma int }

// lexArray reads the array that starts at fm[open] == '['.
func lexArray(fm []byte, open int) (arrayLayout, bool) {
	l := arrayLayout{open: open}
	i := lexTrivia(fm, open+1)
	for i < len(fm) {
		if fm[i] == ']' {
			l.close = i
			return l, true
		}
		e := elemSpan{start: i, end: lexValue(fm, i), comma: -1}
		if e.end <= e.start {
			return l, false
		}
		i = lexTrivia(fm, e.end)
		if i < len(fm) && fm[i] == ',' {
			e.comma = i
			i = lexTrivia(fm, i+1)
		} else if i < len(fm) && fm[i] != ']' {
			return l, false
		}
		l.elems = append(l.elems, e)
	}
	return l, false
}

// An inlineLayout is where the parts of an inline table are.
type inlineLayout struct {
	open, close int // the braces
	pairs       []pairSpan
}

// A pairSpan is one key = value pair of an inline table.
type pairSpan struct {
	key                  string
	start, valStart, end int // the key, the value, past the value
	comma                int // -1 if none
	keyEnd               int
}

// lexInline reads the inline table that starts at fm[open] == '{'. Only
// single keys (bare or quoted without escapes) are read; a dotted key
// makes it fail.
func lexInline(fm []byte, open int) (inlineLayout, bool) {
	l := inlineLayout{open: open}
	i := lexTrivia(fm, open+1)
	for i < len(fm) {
		if fm[i] == '}' {
			l.close = i
			return l, true
		}
		p := pairSpan{start: i, comma: -1}
		key, j, ok := lexKey(fm, i)
		if !ok {
			return l, false
		}
		p.key, p.keyEnd = key, j
		for j < len(fm) && (fm[j] == ' ' || fm[j] == '\t') {
			j++
		}
		if j >= len(fm) || fm[j] != '=' {
			return l, false
		}
		j = valueStart(fm, j)
		p.valStart = j
		p.end = lexValue(fm, j)
		if p.end <= j {
			return l, false
		}
		i = lexTrivia(fm, p.end)
		if i < len(fm) && fm[i] == ',' {
			p.comma = i
			i = lexTrivia(fm, i+1)
		} else if i < len(fm) && fm[i] != '}' {
			return l, false
		}
		l.pairs = append(l.pairs, p)
	}
	return l, false
}

// lexKey reads a single key at fm[i]: bare, or quoted without escapes.
func lexKey(fm []byte, i int) (string, int, bool) {
	if i >= len(fm) {
		return "", i, false
	}
	if q := fm[i]; q == '"' || q == '\'' {
		end := bytes.IndexByte(fm[i+1:], q)
		if end < 0 || q == '"' && bytes.IndexByte(fm[i+1:i+1+end], '\\') >= 0 {
			return "", i, false
		}
		return string(fm[i+1 : i+1+end]), i + end + 2, true
	}
	j := i
	for j < len(fm) && isBareKeyChar(fm[j]) {
		j++
	}
	return string(fm[i:j]), j, j > i
}

// lexTrivia skips blanks, line breaks and comments.
func lexTrivia(fm []byte, i int) int {
	for i < len(fm) {
		switch fm[i] {
		case ' ', '\t', '\r', '\n':
			i++
		case '#':
			i = lineEnd(fm, i)
		default:
			return i
		}
	}
	return i
}

// lexValue returns the end of the value at fm[i].
func lexValue(fm []byte, i int) int {
	switch fm[i] {
	case '"', '\'':
		return lexString(fm, i)
	case '[', '{':
		depth := 0
		for i < len(fm) {
			switch fm[i] {
			case '"', '\'':
				i = lexString(fm, i)
				continue
			case '#':
				i = lineEnd(fm, i)
				continue
			case '[', '{':
				depth++
			case ']', '}':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return len(fm)
	}
	j := i
	for j < len(fm) && bytes.IndexByte([]byte(",]}#\r\n"), fm[j]) < 0 {
		j++
	}
	for j > i && (fm[j-1] == ' ' || fm[j-1] == '\t') {
		j--
	}
	return j
}

// lexString returns the end of the string that starts at fm[i].
func lexString(fm []byte, i int) int {
	q := fm[i]
	if i+2 < len(fm) && fm[i+1] == q && fm[i+2] == q {
		for j := i + 3; j < len(fm); j++ {
			switch {
			case q == '"' && fm[j] == '\\':
				j++
			case fm[j] == q && j+2 < len(fm) && fm[j+1] == q && fm[j+2] == q:
				end := j + 3
				for end < len(fm) && end < j+5 && fm[end] == q {
					end++
				}
				return end
			}
		}
		return len(fm)
	}
	for j := i + 1; j < len(fm); j++ {
		switch {
		case q == '"' && fm[j] == '\\':
			j++
		case fm[j] == q:
			return j + 1
		case fm[j] == '\n':
			return j
		}
	}
	return len(fm)
}

// editArray edits the elements of an array: the elements common to the
// start and the end of old and new keep their bytes, the ones between are
// changed in place pairwise, and the rest are removed or inserted where
// they were or go, one per line in an array written one per line, with
// the array's indentation and trailing-comma style.
func (ed *editor) editArray(l arrayLayout, old, new []any, depth int) error {
	pre := 0
	for pre < len(old) && pre < len(new) && equalValue(old[pre], new[pre]) {
		pre++
	}
	suf := 0
	for suf < len(old)-pre && suf < len(new)-pre && equalValue(old[len(old)-1-suf], new[len(new)-1-suf]) {
		suf++
	}
	oMid, nMid := old[pre:len(old)-suf], new[pre:len(new)-suf]
	n := min(len(oMid), len(nMid))
	for k := range n {
		e := l.elems[pre+k]
		if err := ed.editValue(e.start, e.end, oMid[k], nMid[k], depth+1); err != nil {
			return err
		}
	}
	if len(oMid) > n {
		ed.removeElems(l, pre+n, pre+len(oMid))
	}
	if len(nMid) > n {
		return ed.insertElems(l, pre+n, nMid[n:], depth)
	}
	return nil
}

// aloneOnLine reports whether element e has its line(s) to itself (with
// its comma and a comment), and returns the end of its last line.
func aloneOnLine(fm []byte, e elemSpan) (int, bool) {
	ls := lineStart(fm, e.start)
	if len(bytes.Trim(fm[ls:e.start], " \t")) > 0 {
		return 0, false
	}
	i := e.end
	if e.comma >= 0 {
		i = e.comma + 1
	}
	for i < len(fm) && (fm[i] == ' ' || fm[i] == '\t') {
		i++
	}
	if i < len(fm) && fm[i] == '#' {
		i = lineEnd(fm, i) - 1
	}
	if i < len(fm) && fm[i] == '\r' {
		i++
	}
	if i < len(fm) && fm[i] == '\n' {
		return i + 1, true
	}
	return 0, false
}

// removeElems removes the elements k0 to k1-1 of the array, not all of
// them: their lines, where they have lines to themselves, else their text
// and a comma.
func (ed *editor) removeElems(l arrayLayout, k0, k1 int) {
	fm := ed.d.fm
	first, last := l.elems[k0], l.elems[k1-1]
	alone := true
	end := 0
	for _, e := range l.elems[k0:k1] {
		var ok bool
		if end, ok = aloneOnLine(fm, e); !ok {
			alone = false
			break
		}
	}
	tail := k1 == len(l.elems)
	switch {
	case alone:
		ed.replace(lineStart(fm, first.start), end, nil)
		if tail && last.comma < 0 {
			// The new last element loses its comma: no trailing comma.
			if c := l.elems[k0-1].comma; c >= 0 {
				ed.replace(c, c+1, nil)
			}
		}
	case !tail:
		// Up to the next element, but not a comment or a line break.
		end := l.elems[k1].start
		if bytes.ContainsAny(fm[last.end:end], "#\n") {
			end = lexBlanks(fm, last.comma+1)
			if end < len(fm) && (fm[end] == '#' || fm[end] == '\r' || fm[end] == '\n') {
				end = last.comma + 1
			}
		}
		ed.replace(first.start, end, nil)
	case !bytes.ContainsAny(fm[l.elems[k0-1].end:last.end], "#\n"):
		ed.replace(l.elems[k0-1].end, last.end, nil) // , elem
	default:
		end := last.end
		if last.comma >= 0 {
			end = last.comma + 1
		} else if c := l.elems[k0-1].comma; c >= 0 {
			ed.replace(c, c+1, nil)
		}
		ed.replace(first.start, end, nil)
	}
}

// lexBlanks skips spaces and tabs.
func lexBlanks(fm []byte, i int) int {
	for i < len(fm) && (fm[i] == ' ' || fm[i] == '\t') {
		i++
	}
	return i
}

// insertElems inserts the values vs before element k (after the last one
// for k == len(l.elems)).
func (ed *editor) insertElems(l arrayLayout, k int, vs []any, depth int) error {
	fm := ed.d.fm
	texts := make([][]byte, len(vs))
	for i, v := range vs {
		b, err := appendValue(nil, deref(reflect.ValueOf(v)), depth+1)
		if err != nil {
			return err
		}
		texts[i] = b
	}
	trailing := l.elems[len(l.elems)-1].comma >= 0
	// Each new element is followed by a comma, but for the last of the
	// array where the array has no trailing comma.
	comma := func(i int) bool { return k < len(l.elems) || i < len(texts)-1 || trailing }
	// The neighbour that sets the layout: the element before, or the first.
	nb := l.elems[max(k-1, 0)]
	ls := lineStart(fm, nb.start)
	if len(bytes.Trim(fm[ls:nb.start], " \t")) == 0 && bytes.IndexByte(fm[l.open:l.close], '\n') >= 0 {
		// One element per line, indented as the neighbour.
		indent := fm[ls:nb.start]
		var b []byte
		switch end, alone := aloneOnLine(fm, nb); {
		case k == 0:
			for _, t := range texts {
				b = append(b, t...)
				b = append(b, ',')
				b = append(b, ed.eol...)
				b = append(b, indent...)
			}
			ed.add(nb.start, b)
		case alone:
			for i, t := range texts {
				b = append(b, indent...)
				b = append(b, t...)
				if comma(i) {
					b = append(b, ',')
				}
				b = append(b, ed.eol...)
			}
			if nb.comma < 0 {
				ed.add(nb.end, []byte(","))
			}
			ed.add(end, b)
		default:
			// Something follows the neighbour on its line: the closing
			// bracket, say. The new lines go between.
			at := nb.comma + 1
			if nb.comma < 0 {
				at = nb.end
				b = append(b, ',')
			}
			for i, t := range texts {
				b = append(b, ed.eol...)
				b = append(b, indent...)
				b = append(b, t...)
				if comma(i) {
					b = append(b, ',')
				}
			}
			ed.add(at, b)
		}
		return nil
	}
	sep := []byte(" ")
	if len(l.elems) > 1 && l.elems[0].comma >= 0 {
		if s := fm[l.elems[0].comma+1 : l.elems[1].start]; !bytes.ContainsAny(s, "#\r\n") {
			sep = s
		}
	}
	var b []byte
	if k == 0 {
		for _, t := range texts {
			b = append(b, t...)
			b = append(b, ',')
			b = append(b, sep...)
		}
		ed.add(nb.start, b)
		return nil
	}
	at := nb.end
	if nb.comma >= 0 && k < len(l.elems) {
		// Between two elements: after the comma, before the next.
		at = nb.comma + 1
		for _, t := range texts {
			b = append(b, sep...)
			b = append(b, t...)
			b = append(b, ',')
		}
		ed.add(at, b)
		return nil
	}
	for _, t := range texts {
		b = append(b, ',')
		b = append(b, sep...)
		b = append(b, t...)
	}
	ed.add(at, b)
	return nil
}

// editInline edits the keys of an inline table: changed values in place,
// removed keys with their comma, new keys after the last one, sorted, with
// the spacing around '=' of the last key and the separator after the
// first.
func (ed *editor) editInline(l inlineLayout, old, new map[string]any, depth int) error {
	fm := ed.d.fm
	seen := map[string]bool{}
	kept := 0
	for _, p := range l.pairs {
		if seen[p.key] {
			return errNotInPlace
		}
		seen[p.key] = true
		if _, ok := old[p.key]; !ok {
			return errNotInPlace
		}
		if _, ok := new[p.key]; ok {
			kept++
		}
	}
	if kept == 0 {
		b, err := appendValue(nil, reflect.ValueOf(new), depth+1)
		if err != nil {
			return err
		}
		ed.replace(l.open, l.close+1, b)
		return nil
	}
	for i, p := range l.pairs {
		nv, ok := new[p.key]
		if ok {
			if err := ed.editValue(p.valStart, p.end, old[p.key], nv, depth+1); err != nil {
				return err
			}
			continue
		}
		switch {
		case p.comma >= 0 && i+1 < len(l.pairs):
			ed.replace(p.start, l.pairs[i+1].start, nil)
		case i > 0:
			ed.replace(l.pairs[i-1].end, p.end, nil)
		default:
			ed.replace(p.start, p.end, nil)
		}
	}
	var added []string
	for k := range new {
		if !seen[k] {
			added = append(added, k)
		}
	}
	if len(added) == 0 {
		return nil
	}
	slices.Sort(added)
	first, last := l.pairs[0], l.pairs[len(l.pairs)-1]
	eq := fm[last.keyEnd:last.valStart]
	sep := []byte(" ")
	if len(l.pairs) > 1 && first.comma >= 0 {
		sep = fm[first.comma+1 : l.pairs[1].start]
	}
	var b []byte
	for _, k := range added {
		b = append(b, ',')
		b = append(b, sep...)
		var err error
		if b, err = appendKey(b, k); err != nil {
			return err
		}
		b = append(b, eq...)
		if b, err = appendValue(b, deref(reflect.ValueOf(new[k])), depth+2); err != nil {
			return err
		}
	}
	ed.add(last.end, b)
	return nil
}
