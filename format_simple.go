package article

import "bytes"

// scanSimple is the fast path of Format's scan, for front matter made only
// of blank lines, comment lines and key = value lines with a bare key and
// a one-line string, number, boolean or date: what most articles hold. It
// reports false, having changed nothing, for anything else (a table, a
// dotted key, an array, a multi-line string), and the general scan, which
// gives the same result on what both read (TestFormatSimpleMatchesGeneral),
// takes over. Parse has accepted the front matter, so the lines need no
// checking beyond finding where each part ends.
func (f *formatter) scanSimple() (bool, error) {
	fm := f.fm
	prevEnd := 0
	for pos := 0; pos < len(fm); {
		end := lineEnd(fm, pos)
		i := lexBlanks(fm, pos)
		if i == end || fm[i] == '#' || fm[i] == '\r' || fm[i] == '\n' {
			pos = end
			continue
		}
		keyAt := i
		for i < end && isBareKeyChar(fm[i]) {
			i++
		}
		keyEnd := i
		i = lexBlanks(fm, i)
		if keyEnd == keyAt || i == end || fm[i] != '=' {
			return false, nil
		}
		v := lexBlanks(fm, i+1)
		valEnd, ok := simpleValueEnd(fm, v, end)
		if !ok {
			return false, nil
		}
		it := fmtItem{kind: keyValueKind, top: true, schema: schemaIndex(fm[keyAt:keyEnd])}
		where := gapMiddle
		if len(f.items) == 0 {
			where = gapFirst
		}
		if err := f.gap(prevEnd, pos, where, &it); err != nil {
			return false, err
		}
		it.simple = true
		it.key, it.val = span{keyAt, keyEnd}, span{v, valEnd}
		c := lexBlanks(fm, valEnd)
		pos = end
		if c < end && fm[c] == '#' {
			it.comment = span{c, c + len(trimBlanks(fm[c:end]))}
		}
		f.items = append(f.items, it)
		prevEnd = pos
	}
	return true, f.gap(prevEnd, len(fm), gapTail, nil)
}

// writeSimple writes an item of scanSimple, as the general scan renders it.
func (f *formatter) writeSimple(w *fmtWriter, it *fmtItem) {
	fm := f.fm
	w.out = append(w.out, fm[it.key.start:it.key.end]...)
	w.out = append(w.out, " = "...)
	if raw := fm[it.val.start:it.val.end]; raw[0] == '\'' && !bytes.ContainsAny(raw, "\\\"") {
		w.out = append(w.out, '"')
		w.out = append(w.out, raw[1:len(raw)-1]...)
		w.out = append(w.out, '"')
	} else {
		w.out = append(w.out, raw...)
	}
	if it.comment.end > it.comment.start {
		w.out = append(w.out, ' ')
		w.out = append(w.out, fm[it.comment.start:it.comment.end]...)
	}
	w.out = append(w.out, w.eol...)
}

// simpleValueEnd returns the end of the one-line value at fm[v] on the line
// that ends at end, and false for a value scanSimple leaves to the general
// scan.
func simpleValueEnd(fm []byte, v, end int) (int, bool) {
	if v >= end {
		return 0, false
	}
	switch fm[v] {
	case '[', '{':
		return 0, false
	case '"', '\'':
		q := fm[v]
		if v+2 < end && fm[v+1] == q && fm[v+2] == q {
			return 0, false
		}
		j := bytes.IndexByte(fm[v+1:end], q)
		if j < 0 {
			return 0, false
		}
		if q == '"' && bytes.IndexByte(fm[v+1:v+1+j], '\\') >= 0 {
			// Escapes: the quotation mark found may be one.
			for j = v + 1; j < end; j++ {
				switch fm[j] {
				case '\\':
					j++
				case q:
					return j + 1, true
				}
			}
			return 0, false
		}
		return v + 1 + j + 1, true
	}
	j := v
	for j < end && fm[j] != '#' && fm[j] != '\r' && fm[j] != '\n' {
		j++
	}
	for j > v && (fm[j-1] == ' ' || fm[j-1] == '\t') {
		j--
	}
	return j, j > v
}
