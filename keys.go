package article

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"
)

// MaxNesting is how deeply the values in Params may nest, in Parse and in
// Encode alike. A key at the top of Params is at depth 1; every table,
// part of a dotted key, array or inline table it leads into adds one: in
//
//	[a.b]
//	c = [{d = 1}]
//
// a is at depth 1, b at 2, c at 3, the inline table at 4 and d at 5. Parse
// fails with ErrNestingTooDeep at the key of the first expression that goes
// deeper, and Encode fails with ErrEncode, so that Parse never accepts what
// Encode refuses. Real front matter nests a few levels.
const MaxNesting = 100

// ErrNestingTooDeep means front matter nests keys or values more than MaxNesting
// levels deep.
var ErrNestingTooDeep = errors.New("nested too deeply")

// tableKind says how a table came to be, which decides what may extend it
// (the rules of TOML as go-toml's decoder applies them).
type tableKind uint8

const (
	kindTable      tableKind = iota // [a] or a part of a header
	kindKVTable                     // a part of a dotted key: a.b = 1
	kindArrayTable                  // [[a]]
	kindInline                      // an inline table {…}; never looked up by name
)

func (k tableKind) String() string {
	switch k {
	case kindKVTable:
		return "kv-table"
	case kindArrayTable:
		return "array-table"
	case kindTable:
		return "table"
	}
	return "value"
}

// rootTable is the id of the top-level table.
const rootTable = 0

// table is one table of the document being decoded.
type table struct {
	m        map[string]any // where its keys go (nil for an array of tables)
	name     string
	parent   int32
	elem     int32 // for an array of tables: the table of its last element
	arr      int32 // for an array of tables: its index in keys.arrays
	level    int16 // depth of m: keys in it are at level+1 (at most MaxNesting+1)
	kind     tableKind
	explicit bool // defined by its own [header]
	named    bool // found by parent and name (not an inline table or an element)
}

// childKey names a table by its parent and its key.
type childKey struct {
	parent int32
	name   string
}

// keys tracks the tables of one document. Values are found in the maps
// themselves; only tables that can be extended later are looked up, in
// named, a hash map keyed by (parent, name), so every key costs O(1)
// whatever the number of keys before it. (go-toml's tracker scans a list
// and is quadratic.) Up to scanTables tables, a scan of the list is
// cheaper than the map.
type keys struct {
	params map[string]any
	hint   int // the size to give Params
	tables []table
	named  map[childKey]int32 // built on the first lookup among more than scanTables tables
	cur    int32              // the table that key/value expressions go into

	namedHint int // the size to give named

	// arrays holds the elements of the arrays of tables, stored in their
	// maps once, at the end (finishArrays): storing a slice in a map
	// boxes it, and an array grows one element at a time. Until then the
	// map holds the key with a nil value.
	arrays []arrayOfTables

	// sectionHint is the number of keys expected in the table the next
	// header opens; -1 when not known.
	sectionHint int
}

// arrayOfTables is an array of tables being decoded.
type arrayOfTables struct {
	m    map[string]any // the map that holds it
	name string
	elem []any
}

// finishArrays stores the arrays of tables in their maps.
func (k *keys) finishArrays() {
	for i := range k.arrays {
		a := &k.arrays[i]
		a.m[a.name] = a.elem
	}
}

// tableHint returns the size to give the map of a table a header opens.
func (k *keys) tableHint() int {
	if k.sectionHint >= 0 {
		return k.sectionHint
	}
	return 8
}

func (k *keys) init() {
	k.tables = append(k.tables[:0], table{kind: kindTable, explicit: true})
	k.cur = rootTable
	k.sectionHint = -1
}

// tableMap returns the map of table t, creating Params on first use.
func (k *keys) tableMap(t int32) map[string]any {
	if t == rootTable && k.tables[0].m == nil {
		k.params = make(map[string]any, k.hint)
		k.tables[0].m = k.params
	}
	return k.tables[t].m
}

// A document with few tables finds them by a scan of the list; one with
// more builds the hash map, on the first lookup among this many. Lookups
// happen only for names the parent's map holds (a named table is always
// in its parent's map), so a document whose tables are all new, such as
// one small table after another, never builds it.
const scanTables = 16

func (k *keys) lookup(parent int32, name string) (int32, bool) {
	if k.named == nil {
		if len(k.tables) <= scanTables {
			for i := 1; i < len(k.tables); i++ {
				if t := &k.tables[i]; t.named && t.parent == parent && t.name == name {
					return int32(i), true //nolint:gosec // bounded by scanTables
				}
			}
			return 0, false
		}
		k.named = make(map[childKey]int32, max(k.namedHint, 2*scanTables))
		for i := 1; i < len(k.tables); i++ {
			if t := &k.tables[i]; t.named {
				k.named[childKey{t.parent, t.name}] = int32(i) //nolint:gosec // bounded by the input size
			}
		}
	}
	id, ok := k.named[childKey{parent, name}]
	return id, ok
}

// newTable adds a table; named tables can be found again by parent and name.
func (k *keys) newTable(parent int32, name string, t table, named bool) int32 {
	id := int32(len(k.tables)) //nolint:gosec // bounded by the input size
	t.parent, t.name, t.named = parent, name, named
	k.tables = append(k.tables, t)
	if k.named != nil && named {
		k.named[childKey{parent, name}] = id
	}
	return id
}

// keyName returns the text of a key part, shared with the file if it can.
func (s *decodeState) keyName(n *unstable.Node) string {
	return s.stringOf(n.Data)
}

// setKey stores value v at the (possibly dotted) key it in table t.
func (s *decodeState) setKey(t int32, it unstable.Iterator, v *unstable.Node) error {
	m := s.tableMap(t)
	level := int(s.tables[t].level)
	for {
		name := s.keyName(it.Node())
		level++
		if level > MaxNesting {
			return s.depthError()
		}
		if it.IsLast() {
			if v.Kind != unstable.Array && v.Kind != unstable.InlineTable {
				// One map operation: an assignment that does not grow
				// the map replaced a key, and the decode fails anyway.
				n := len(m)
				if m[name] = s.scalar(v); len(m) == n {
					return s.keyError("key %s is already defined", name)
				}
				return nil
			}
			if _, dup := m[name]; dup {
				return s.keyError("key %s is already defined", name)
			}
			val, err := s.value(v, level)
			if err != nil {
				return err
			}
			m[name] = val
			return nil
		}
		var id int32
		_, inMap := m[name] // else no lookup: see scanTables
		ok := false
		if inMap {
			id, ok = s.lookup(t, name)
		}
		switch {
		case ok && s.tables[id].kind != kindKVTable:
			return s.keyError("key %s is already defined", name)
		case !ok:
			if inMap {
				return s.keyError("key %s is already defined", name)
			}
			sub := make(map[string]any, 8)
			m[name] = sub
			id = s.newTable(t, name, table{m: sub, level: int16(level), kind: kindKVTable}, true)
		}
		t, m = id, s.tables[id].m
		it.Next()
	}
}

// openTable makes the table of a [header] or [[header]] the current one.
func (s *decodeState) openTable(names []string, array bool) error {
	t := int32(rootTable)
	m := s.tableMap(t)
	level := 0
	for k, name := range names {
		level++
		if level > MaxNesting {
			return s.depthError()
		}
		// A named table is in its parent's map: a name the map does not
		// hold needs no lookup.
		_, inMap := m[name]
		var id int32
		ok := false
		if inMap {
			id, ok = s.lookup(t, name)
		}
		exists := inMap && !ok
		if k == len(names)-1 {
			if array {
				return s.openArrayTable(t, m, name, level, id, ok, exists)
			}
			switch {
			case !ok && exists:
				return s.keyError("key %s should be a table, not a value", name)
			case !ok:
				sub := make(map[string]any, s.tableHint())
				m[name] = sub
				s.cur = s.newTable(t, name, table{m: sub, level: int16(level), kind: kindTable, explicit: true}, true)
				return nil
			}
			switch tb := &s.tables[id]; tb.kind {
			case kindTable:
				if tb.explicit {
					return s.keyError("table %s already exists", name)
				}
				tb.explicit = true
				s.cur = id
				return nil
			case kindKVTable:
				return s.keyError("table %s already exists as defined by a dotted key", name)
			default:
				return s.keyError("table %s already exists as an array of tables", name)
			}
		}
		switch {
		case !ok && exists:
			return s.keyError("key %s already exists as a value", name)
		case !ok:
			sub := make(map[string]any, 8)
			m[name] = sub
			id = s.newTable(t, name, table{m: sub, level: int16(level), kind: kindTable}, true)
		}
		if s.tables[id].kind == kindArrayTable {
			id = s.tables[id].elem
		}
		t, m, level = id, s.tables[id].m, int(s.tables[id].level)
	}
	return nil // not reached: names is never empty
}

// openArrayTable appends an element to the array of tables name in table
// t (map m) and makes it the current table. id and ok are what lookup
// found; exists says whether m holds the name.
func (s *decodeState) openArrayTable(t int32, m map[string]any, name string, level int, id int32, ok, exists bool) error {
	switch {
	case !ok && exists:
		return s.keyError("key %s already exists as a %s, but should be an array table", name, kindInline)
	case ok && s.tables[id].kind != kindArrayTable:
		return s.keyError("key %s already exists as a %s, but should be an array table", name, s.tables[id].kind)
	}
	if level+1 > MaxNesting {
		return s.depthError()
	}
	if !ok {
		m[name] = nil                                                                                               // the array is stored at the end (finishArrays)
		id = s.newTable(t, name, table{level: int16(level), kind: kindArrayTable, arr: int32(len(s.arrays))}, true) //nolint:gosec // bounded by the input size
		s.arrays = append(s.arrays, arrayOfTables{m: m, name: name})
	}
	elem := make(map[string]any, s.tableHint())
	arr := &s.arrays[s.tables[id].arr]
	arr.elem = append(arr.elem, elem)
	// The element gets a table of its own: the keys of earlier elements
	// are not in the way of this one's.
	e := s.newTable(id, "", table{m: elem, level: int16(level + 1), kind: kindTable, explicit: true}, false)
	s.tables[id].elem = e
	s.cur = e
	return nil
}

// value converts the value v at depth level.
func (s *decodeState) value(v *unstable.Node, level int) (any, error) {
	if level > MaxNesting {
		return nil, s.depthError()
	}
	switch v.Kind {
	case unstable.Array:
		n := 0
		for it := v.Children(); it.Next(); {
			n++
		}
		arr := make([]any, 0, n)
		for it := v.Children(); it.Next(); {
			c := it.Node()
			if c.Kind == unstable.Comment {
				continue
			}
			ev, err := s.value(c, level+1)
			if err != nil {
				return nil, err
			}
			arr = append(arr, ev)
		}
		return arr, nil
	case unstable.InlineTable:
		n := 0
		for it := v.Children(); it.Next(); {
			n++
		}
		m := make(map[string]any, n)
		id := s.newTable(0, "", table{m: m, level: int16(level), kind: kindInline}, false)
		for it := v.Children(); it.Next(); {
			kv := it.Node()
			kit := kv.Key()
			kit.Next()
			if err := s.setKey(id, kit, kv.Value()); err != nil {
				return nil, err
			}
		}
		return m, nil
	}
	return s.scalar(v), nil
}

// shortKey joins key parts with dots, shortened as shortString does.
func shortKey(parts []string) string {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteByte('.')
		}
		if b.Len()+len(p) > maxQuoted {
			b.WriteString(shortString(p))
			if i < len(parts)-1 || len(p) > maxQuoted {
				return shortString(b.String())
			}
			continue
		}
		b.WriteString(p)
	}
	return b.String()
}

// deepKeyOffset returns the offset in fm of the first key or table header
// with more than MaxNesting dotted parts, or -1. It looks only at dots outside
// strings and comments: in valid TOML, a run of them not interrupted by
// = , [ ] { } or a line ending belongs to one key (a value holds at most
// one dot).
func deepKeyOffset(fm string) int {
	if strings.Count(fm, ".") <= MaxNesting {
		return -1
	}
	start, dots := 0, 0
	for i := 0; i < len(fm); i++ {
		switch c := fm[i]; c {
		case '.':
			if dots++; dots >= MaxNesting {
				for start < i && (fm[start] == ' ' || fm[start] == '\t' || fm[start] == '[') {
					start++
				}
				return start
			}
		case '=', ',', '[', ']', '{', '}', '\n':
			start, dots = i+1, 0
		case '#':
			for i < len(fm) && fm[i] != '\n' {
				i++
			}
			start, dots = i+1, 0
		case '"', '\'':
			i = skipString(fm, i) - 1
		}
	}
	return -1
}

// skipString returns the offset just past the string starting at i, or
// len(s) if it does not end.
func skipString(s string, i int) int {
	q := s[i]
	if strings.HasPrefix(s[i:], string([]byte{q, q, q})) {
		// A multi-line string ends at the last of a run of closing quotes
		// (up to two quotes may precede the delimiter).
		j := i + 3
		for {
			k := strings.Index(s[j:], string([]byte{q, q, q}))
			if k < 0 {
				return len(s)
			}
			j += k
			if q == '"' && escaped(s, j) {
				j++
				continue
			}
			j += 3
			for n := 0; n < 2 && j < len(s) && s[j] == q; n++ {
				j++
			}
			return j
		}
	}
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case q:
			return j + 1
		case '\\':
			if q == '"' {
				j++
			}
		case '\n':
			return j
		}
	}
	return len(s)
}

// escaped reports whether the byte at j follows an odd number of
// backslashes.
func escaped(s string, j int) bool {
	n := 0
	for j > 0 && s[j-1] == '\\' {
		n++
		j--
	}
	return n%2 == 1
}

// deepKeyError reports the key at offset off of fm that has more than
// MaxNesting parts.
func (s *decodeState) deepKeyError(fm string, off int) error {
	// Name the key by its first parts, as the parser reads them.
	end := off
	for n := 0; end < len(fm) && n < 4; end++ {
		switch fm[end] {
		case '.':
			n++
		case '"', '\'':
			end = skipString(fm, end) - 1
		}
	}
	var p unstable.Parser
	p.Reset([]byte(strings.TrimSuffix(fm[off:end], ".") + "=0"))
	var parts []string
	if p.NextExpression() {
		for it := p.Expression().Key(); it.Next(); {
			parts = append(parts, string(it.Node().Data))
		}
	}
	parts = append(parts, "…")
	return s.errorAt(s.base+off, shortKey(parts), fmt.Errorf("%w: more than %d levels", ErrNestingTooDeep, MaxNesting))
}

// tooDeepForGoTOML reports whether perr is go-toml's own limit on nested
// arrays and inline tables (10,000 levels), which its parser hits before
// the decoder sees a depth past MaxNesting: that is ErrNestingTooDeep too.
func tooDeepForGoTOML(perr *unstable.ParserError) bool {
	return strings.Contains(perr.Message, "nested more than the maximum")
}
