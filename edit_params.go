package article

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"time"

	"github.com/pelletier/go-toml/v2/unstable"
)

// Params edits of lossless encoding: the difference between the Params the
// file holds and the caller's, applied key by key.

// table edits the keys under path, from the values orig the file holds to
// the caller's cur.
func (ed *editor) table(path []string, orig, cur map[string]any) error {
	keys := make([]string, 0, len(orig)+len(cur))
	for k := range orig {
		keys = append(keys, k)
	}
	for k := range cur {
		if _, ok := orig[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		ov, inOld := orig[k]
		nv, inNew := cur[k]
		p := append(path[:len(path):len(path)], k)
		var err error
		switch {
		case !inNew:
			err = ed.del(p)
		case !inOld:
			err = ed.addParam(p, nv)
		case equalValue(ov, nv):
			continue
		default:
			if i := ed.d.kvAt(p); i >= 0 {
				err = ed.replaceParam(i, p, ov, nv)
				break
			}
			om, ok1 := ov.(map[string]any)
			nm, ok2 := nv.(map[string]any)
			if ok1 && ok2 {
				err = ed.table(p, om, nm)
				break
			}
			oa, ok1 := ov.([]any)
			na, ok2 := nv.([]any)
			if ok1 && ok2 && len(na) > 0 && ed.d.headerAt(append(p, elemKey(0))) >= 0 && tablesOnly(oa) && tablesOnly(na) {
				err = ed.elements(p, oa, na)
				break
			}
			err = ed.change(p, nv)
		}
		if err != nil {
			return err
		}
	}
	if len(cur) == 0 && len(orig) > 0 && len(path) > 0 && ed.d.headerAt(path) < 0 {
		// The table lost its last key; without a header of its own it
		// would vanish with it.
		return ed.addTable(path, reflect.ValueOf(cur))
	}
	return nil
}

// tablesOnly reports whether every element of a is a map[string]any.
func tablesOnly(a []any) bool {
	for _, v := range a {
		if _, ok := v.(map[string]any); !ok {
			return false
		}
	}
	return true
}

// elements edits the array of tables p, written as [[p]] sections, element
// by element: common elements key by key, removed ones lose their
// sections, new ones are added after the last.
func (ed *editor) elements(p []string, orig, cur []any) error {
	d := ed.d
	n := min(len(orig), len(cur))
	for i := range n {
		if err := ed.table(append(p[:len(p):len(p)], elemKey(i)), orig[i].(map[string]any), cur[i].(map[string]any)); err != nil {
			return err
		}
	}
	for i := n; i < len(orig); i++ {
		if err := ed.del(append(p[:len(p):len(p)], elemKey(i))); err != nil {
			return err
		}
	}
	if len(cur) == n {
		return nil
	}
	pos := 0
	for i := range d.exprs {
		if e := &d.exprs[i]; e.kind != unstable.KeyValue && hasPrefix(d.path(i), p) {
			pos = max(pos, d.sectionEnd(i))
		}
	}
	var blocks []byte
	for _, v := range cur[n:] {
		var err error
		if blocks, err = ed.tableBlock(blocks, p, reflect.ValueOf(v), true, 1); err != nil {
			return paramError(p, err)
		}
	}
	ed.addLate(pos, blocks)
	return nil
}

// paramError names the Params key of an encoding error.
func paramError(p []string, err error) error {
	b, _ := appendDottedKey(nil, p)
	return fmt.Errorf("article: Params[%q]: %w", b, err)
}

// del removes the key p: its line, or every section and dotted key of the
// table p.
func (ed *editor) del(p []string) error {
	d := ed.d
	if i := d.kvAt(p); i >= 0 {
		ed.remove(i)
		return nil
	}
	found := false
	for i := range d.exprs {
		e := &d.exprs[i]
		if !hasPrefix(d.path(i), p) {
			continue
		}
		found = true
		if e.kind != unstable.KeyValue {
			ed.replace(int(e.start), d.sectionEnd(i), nil)
		} else if e.section < 0 || !hasPrefix(d.path(int(e.section)), p) {
			ed.remove(i)
		}
	}
	if !found {
		return errNotInPlace
	}
	return nil
}

// replaceParam writes v in place of the value of key/value pair i, which
// Parse read as old. An array or inline table is edited element by
// element (see editValue).
func (ed *editor) replaceParam(i int, p []string, old, v any) error {
	e := &ed.d.exprs[i]
	if e.valKind == unstable.Array || e.valKind == unstable.InlineTable {
		if err := ed.editValue(int(e.valStart), int(e.valEnd), old, v, 1); err != nil {
			return paramError(p, err)
		}
		return nil
	}
	raw := ed.d.fm[e.valStart:e.valEnd]
	rv := deref(reflect.ValueOf(v))
	var b []byte
	var err error
	switch {
	case e.valKind == unstable.String && rv.Kind() == reflect.String:
		b, err = appendStyledString(nil, raw, rv.String(), ed.eol)
	case e.valKind == unstable.Integer && rv.CanInt():
		b = appendStyledInt(nil, raw, rv.Int())
	case e.valKind == unstable.DateTime && rv.IsValid() && rv.Type() == timeType:
		b, err = appendStyledDate(nil, raw, e.valKind, rv.Interface().(time.Time), time.Time{}, ed.eol)
	default:
		b, err = appendValue(nil, rv, 1)
	}
	if err != nil {
		return paramError(p, err)
	}
	ed.replaceValue(e, b)
	return nil
}

// change replaces the table or array of tables p, which has no key/value
// pair of its own, with v.
func (ed *editor) change(p []string, v any) error {
	d := ed.d
	rv := deref(reflect.ValueOf(v))
	if d.headerAt(append(p[:len(p):len(p)], elemKey(0))) < 0 || !isArrayOfTables(rv) {
		if err := ed.del(p); err != nil {
			return err
		}
		return ed.addParam(p, v)
	}
	// Replace the [[p]] sections with the new elements, where the first
	// of them was.
	var blocks []byte
	for j := 0; j < rv.Len(); j++ {
		var err error
		if blocks, err = ed.tableBlock(blocks, p, deref(rv.Index(j)), true, 1); err != nil {
			return paramError(p, err)
		}
	}
	for i := range d.exprs {
		e := &d.exprs[i]
		if e.kind != unstable.KeyValue && hasPrefix(d.path(i), p) {
			ed.replace(int(e.start), d.sectionEnd(i), blocks)
			blocks = nil
		}
	}
	return nil
}

func isArrayOfTables(v reflect.Value) bool {
	if !v.IsValid() || v.Kind() != reflect.Slice && v.Kind() != reflect.Array || v.Len() == 0 {
		return false
	}
	for i := 0; i < v.Len(); i++ {
		if !isTable(deref(v.Index(i))) {
			return false
		}
	}
	return true
}

// addParam adds the key p, which the file does not have, with value v.
func (ed *editor) addParam(p []string, v any) error {
	d := ed.d
	rv := deref(reflect.ValueOf(v))
	q := p[:len(p)-1]
	if isTable(rv) {
		return ed.addTable(p, rv)
	}
	val, err := appendValue(nil, rv, 1)
	if err != nil {
		return paramError(p, err)
	}
	pos, tmpl, key := 0, -1, p
	switch h := d.headerAt(q); {
	case len(q) == 0:
		pos, tmpl = ed.endOfTop()
	case h >= 0: // [q], or an element of [[q]]
		pos, key = int(d.exprs[h].end), p[len(q):]
		if last := d.lastKV(h); last >= 0 {
			pos, tmpl = int(d.exprs[last].end), last
		}
	default:
		if i := ed.lastDotted(q); i >= 0 {
			pos, tmpl, key = int(d.exprs[i].end), i, p[d.exprs[i].rel:]
			break
		}
		// q exists only through headers of its subtables: give it its own.
		block, err := ed.header(nil, q, false)
		if err != nil {
			return paramError(p, err)
		}
		line, err := ed.line(-1, p[len(q):], val)
		if err != nil {
			return paramError(p, err)
		}
		ed.addLate(len(d.fm), append(block, line...))
		return nil
	}
	line, err := ed.line(tmpl, key, val)
	if err != nil {
		return paramError(p, err)
	}
	ed.add(pos, line)
	return nil
}

// lastDotted returns the last key/value pair that defines part of the table
// q through a dotted key, or -1.
func (ed *editor) lastDotted(q []string) int {
	last := -1
	for i := range ed.d.exprs {
		e := &ed.d.exprs[i]
		if e.kind == unstable.KeyValue && int(e.pathLen) > len(q) && int(e.rel) <= len(q) && hasPrefix(ed.d.path(i), q) {
			last = i
		}
	}
	return last
}

// addTable adds the table p with the map m: a [p] section at the end of the
// section of its parent table (of the front matter for a top-level table),
// or a dotted key with an inline table where the parent is made of dotted
// keys.
func (ed *editor) addTable(p []string, m reflect.Value) error {
	d := ed.d
	q := p[:len(p)-1]
	h := d.headerAt(q)
	if len(q) > 0 && h < 0 {
		if i := ed.lastDotted(q); i >= 0 {
			val, err := appendValue(nil, m, 1)
			if err != nil {
				return paramError(p, err)
			}
			line, err := ed.line(i, p[d.exprs[i].rel:], val)
			if err != nil {
				return paramError(p, err)
			}
			ed.add(int(d.exprs[i].end), line)
			return nil
		}
	}
	pos := len(d.fm)
	if len(q) > 0 && h >= 0 {
		pos = d.sectionEnd(h)
	}
	var block []byte
	if ed.blankBeforeTables() && pos > 0 && len(bytes.TrimSpace(d.fm[lineStart(d.fm, pos-1):pos])) > 0 {
		block = append(block, ed.eol...)
	}
	block, err := ed.tableBlock(block, p, m, false, 1)
	if err != nil {
		return paramError(p, err)
	}
	ed.addLate(pos, block)
	return nil
}

// blankBeforeTables reports whether the file puts an empty line before its
// first table header (and the comment lines just above it).
func (ed *editor) blankBeforeTables() bool {
	d := ed.d
	if d.firstHeader == len(d.exprs) {
		return false
	}
	s := int(d.exprs[d.firstHeader].start)
	for s > 0 {
		prev := lineStart(d.fm, s-1)
		line := bytes.TrimSpace(d.fm[prev:s])
		if len(line) == 0 {
			return true
		}
		if line[0] != '#' {
			return false
		}
		s = prev
	}
	return false
}

// header appends a table header line.
func (ed *editor) header(b []byte, path []string, array bool) ([]byte, error) {
	open, closing := "[", "]"
	if array {
		open, closing = "[[", "]]"
	}
	b = append(b, open...)
	b, err := appendDottedKey(b, path)
	b = append(b, closing...)
	return append(b, ed.eol...), err
}

// tableBlock appends the table m as a [path] (or [[path]]) section: its
// plain keys, sorted, then its subtables as sections of their own.
func (ed *editor) tableBlock(b []byte, path []string, m reflect.Value, array bool, depth int) ([]byte, error) {
	if depth > MaxNesting {
		return b, fmt.Errorf("%w: nested more than %d levels", ErrEncode, MaxNesting)
	}
	if !isTable(m) {
		return b, fmt.Errorf("%w: %s is not a table", ErrEncode, m.Type())
	}
	b, err := ed.header(b, path, array)
	if err != nil {
		return b, err
	}
	b, tables, err := appendPlainKeys(b, m, depth, ed.sep, ed.eol)
	if err != nil {
		return b, err
	}
	for _, k := range tables {
		v := deref(m.MapIndex(reflect.ValueOf(k).Convert(m.Type().Key())))
		if b, err = ed.tableBlock(b, append(path[:len(path):len(path)], k), v, false, depth+1); err != nil {
			return b, fmt.Errorf("%s: %w", k, err)
		}
	}
	return b, nil
}
