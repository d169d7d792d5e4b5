package article

import (
	"fmt"
	"math"

	"github.com/pelletier/go-toml/v2/unstable"
)

// Lossless encoding without decoding the whole file again: the caller's
// Params are compared with the expressions of the source where the scanner
// reads their values, top-level key by top-level key; only the top-level
// keys that may differ are decoded from the source (to diff them) and from
// the result (to check it). A file of many tables with one edit costs a
// small multiple of its size, not a full decode or two.

// paramsDiff compares the caller's Params p with the Params the source
// holds, whose front matter d is. It returns, for the top-level keys that
// differ or may differ (changed, removed or new), the values the source
// holds (decoded), and p's values; both are nil if every top-level key is
// the same. A top-level key counts as the same only when every key/value
// pair under it is a scalar the scanner reads (scanScalar) and equal to
// p's value at its path, every header under it is a plain [table] that p
// holds as a map[string]any, and p's value holds no other values and no
// empty table.
func (d *fmDoc) paramsDiff(p map[string]any) (orig, cur map[string]any, err error) {
	type top struct {
		kvs   int
		dirty bool
	}
	names := make(map[string]int32, d.topNames())
	var tops []top
	for i := range d.exprs {
		e := &d.exprs[i]
		path := d.path(i)
		if e.kind == unstable.KeyValue && e.section < 0 && schemaIndexString(path[0]) >= 0 {
			continue // a schema key (or a key Parse refused), not Params
		}
		j, ok := names[path[0]]
		if !ok {
			j = int32(len(tops))
			names[path[0]] = j
			tops = append(tops, top{})
		}
		t := &tops[j]
		if t.dirty {
			continue
		}
		v, ok := lookupParam(p, path)
		switch {
		case !ok:
			t.dirty = true
		case e.kind == unstable.KeyValue:
			if d.sameValue(e, v) {
				t.kvs++
			} else {
				t.dirty = true
			}
		case e.kind == unstable.Table:
			if _, ok := v.(map[string]any); !ok {
				t.dirty = true
			}
		default: // an element of an array of tables
			t.dirty = true
		}
	}
	var dirty map[string]bool
	mark := func(k string) {
		if dirty == nil {
			dirty = map[string]bool{}
		}
		dirty[k] = true
	}
	for k, j := range names {
		t := &tops[j]
		if !t.dirty {
			if n, ok := leaves(p[k], 1); !ok || n != t.kvs {
				t.dirty = true
			}
		}
		if t.dirty {
			mark(k)
		}
	}
	if len(dirty) > 0 {
		// The source's values of the keys that may have changed.
		sub, err := extract(d.fm, dirty, false)
		if err != nil {
			return nil, nil, fmt.Errorf("article: front matter of the source: %w", err)
		}
		var a Article
		if err := (Decoder{}).decodeGeneral(&a, string(sub), layout{fmEnd: len(sub)}); err != nil {
			return nil, nil, fmt.Errorf("article: front matter of the source: %w", err)
		}
		orig = a.Params
	}
	for k := range p {
		if _, ok := names[k]; !ok {
			mark(k)
		}
	}
	if len(dirty) == 0 {
		return nil, nil, nil
	}
	if orig == nil {
		orig = map[string]any{}
	}
	cur = make(map[string]any, len(dirty))
	for k := range dirty {
		if v, ok := p[k]; ok {
			cur[k] = v
		}
	}
	return orig, cur, nil
}

// topNames returns an upper bound of the number of top-level keys of d:
// the key/value pairs at the top, and the headers whose first key differs
// from the previous header's.
func (d *fmDoc) topNames() int {
	n := 0
	prev := ""
	for i := range d.exprs {
		e := &d.exprs[i]
		switch {
		case e.kind == unstable.KeyValue && e.section < 0:
			n++
		case e.kind != unstable.KeyValue:
			if first := d.paths[e.pathAt]; first != prev || n == 0 {
				n++
				prev = first
			}
		}
	}
	return n
}

// lookupParam returns the value at path in p, through maps only.
func lookupParam(p map[string]any, path []string) (any, bool) {
	var v any = p
	for _, k := range path {
		m, ok := v.(map[string]any)
		if !ok || isElemKey(k) {
			return nil, false
		}
		if v, ok = m[k]; !ok {
			return nil, false
		}
	}
	return v, true
}

// leaves counts the values in v that are not tables (v itself, if it is
// not one); ok is false if v holds an empty table or nests deeper than
// MaxNesting.
func leaves(v any, depth int) (n int, ok bool) {
	m, isMap := v.(map[string]any)
	if !isMap {
		return 1, true
	}
	if len(m) == 0 || depth > MaxNesting {
		return 0, false
	}
	for _, w := range m {
		k, ok := leaves(w, depth+1)
		if !ok {
			return 0, false
		}
		n += k
	}
	return n, true
}

// sameValue reports whether the value of key/value pair e is one the
// scanner reads, and Parse gave the value v. False means "may differ".
func (d *fmDoc) sameValue(e *docExpr, v any) bool {
	if e.valKind == unstable.Array || e.valKind == unstable.InlineTable || e.valStart >= e.valEnd {
		return false
	}
	sv, next, ok := scanScalar(d.str, int(e.valStart))
	if !ok || next != int(e.valEnd) || sv.kind != e.valKind {
		return false
	}
	switch sv.kind {
	case unstable.String:
		s, ok := v.(string)
		return ok && s == sv.text
	case unstable.Integer:
		n, ok := v.(int64)
		return ok && n == sv.n
	case unstable.Bool:
		b, ok := v.(bool)
		return ok && b == (sv.n == 1)
	case unstable.Float:
		f, ok := v.(float64)
		return ok && (f == sv.f && math.Signbit(f) == math.Signbit(sv.f) || f != f && sv.f != sv.f)
	}
	pv, ok := sv.param()
	return ok && equalValue(pv, v)
}

// extract returns the lines of the expressions of fm under the top-level
// keys names (and, if schema is set, the key/value pairs of schema keys at
// the top), for a decode of those keys alone: what TOML allows under one
// top-level key does not depend on the others. A syntax error anywhere in
// fm is an error.
func extract(fm []byte, names map[string]bool, schema bool) ([]byte, error) {
	var p unstable.Parser
	p.Reset(fm)
	var out []byte
	section, top := false, true
	for p.NextExpression() {
		n := p.Expression()
		it := n.Key()
		if !it.Next() {
			continue
		}
		first := it.Node()
		start := lineStart(fm, int(first.Raw.Offset))
		var end int
		in := false
		if n.Kind == unstable.KeyValue {
			end = lineEnd(fm, int(n.Raw.Offset+n.Raw.Length))
			in = section
			if top {
				in = names[string(first.Data)] || schema && schemaIndex(first.Data) >= 0
			}
		} else {
			last := first
			for it.Next() {
				last = it.Node()
			}
			end = lineEnd(fm, int(last.Raw.Offset+last.Raw.Length))
			top = false
			section = names[string(first.Data)]
			in = section
		}
		if in {
			out = append(out, fm[start:end]...)
			if end == len(fm) && (end == 0 || fm[end-1] != '\n') {
				out = append(out, '\n')
			}
		}
	}
	if err := p.Error(); err != nil {
		return nil, err
	}
	return out, nil
}
