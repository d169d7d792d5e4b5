package article

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"
)

// The front matter of a source cut into expressions with their byte spans,
// for lossless encoding. It is built only when Encode has edits to make.

// A docExpr is one expression of the front matter: a key/value pair or a
// table header. Offsets are into the front matter. It is kept small (int32
// offsets, the path as a range of fmDoc.paths): Encode of a file of many
// small tables holds one per line.
type docExpr struct {
	kind    unstable.Kind // KeyValue, Table or ArrayTable
	valKind unstable.Kind // KeyValue only
	pathAt  int32         // the full key path (a header's path for key/values) is
	pathLen int32         // fmDoc.paths[pathAt:pathAt+pathLen]
	rel     int32         // KeyValue: where its own key starts in path
	section int32         // KeyValue: index of its header, -1 at the top
	start   int32         // first byte of its first line
	keyAt   int32         // first byte of the key
	end     int32         // past the line ending of its last line
	// KeyValue only:
	keyEnd, valStart, valEnd int32
}

// fmDoc is the front matter cut into expressions.
type fmDoc struct {
	fm          []byte
	str         string // fm as a string: bare keys are substrings of it
	exprs       []docExpr
	paths       []string       // the paths of exprs, one after another
	firstHeader int            // index of the first header, len(exprs) if none
	lookups     int            // kvAt and headerAt calls so far
	kvs         map[string]int // path key → KeyValue index
	headers     map[string]int // path key → first header index with that path
}

// path returns the full key path of expression i (a header's path for
// key/values). The caller must not append to it in place.
func (d *fmDoc) path(i int) []string {
	e := &d.exprs[i]
	return d.paths[e.pathAt : e.pathAt+e.pathLen : e.pathAt+e.pathLen]
}

func pathKey(path []string) string {
	var b []byte
	for _, p := range path {
		b = strconv.AppendInt(b, int64(len(p)), 10)
		b = append(b, ':')
		b = append(b, p...)
	}
	return string(b)
}

func hasPrefix(path, prefix []string) bool {
	return len(path) >= len(prefix) && slices.Equal(path[:len(prefix)], prefix)
}

// maxDocSize is the largest front matter scanDoc reads (its offsets are
// int32); Encode writes a larger one in the canonical layout.
const maxDocSize = 1<<31 - 1

// scanDoc finds the expressions of fm (whose text is str) with go-toml's
// parser.
func scanDoc(fm []byte, str string) (*fmDoc, error) {
	if len(fm) > maxDocSize {
		return nil, errNotInPlace
	}
	d := &fmDoc{fm: fm, str: str}
	// Every expression has an "=" or starts a line with "[", and takes a
	// line and at least four bytes: size the list once.
	n := min(strings.Count(str, "=")+strings.Count(str, "\n[")+1, strings.Count(str, "\n")+1, len(str)/4+1)
	d.exprs = make([]docExpr, 0, n)
	d.paths = make([]string, 0, n+n/2)
	var p unstable.Parser
	p.Reset(fm)
	section := int32(-1)
	var header []string // the path of section, in d.paths
	arrays := arrayTables{}
	d.firstHeader = -1
	for p.NextExpression() {
		n := p.Expression()
		at := len(d.paths)
		if n.Kind == unstable.KeyValue && len(header) > 0 {
			// The header's path is the last one stored: the first key
			// of its section shares it.
			if hAt := int(d.exprs[section].pathAt); hAt+len(header) == at {
				at = hAt
			} else {
				d.paths = append(d.paths, header...)
			}
		}
		keyAt, keyEnd := -1, 0
		for it := n.Key(); it.Next(); {
			k := it.Node()
			d.paths = append(d.paths, d.keyString(k))
			if keyAt < 0 {
				keyAt = int(k.Raw.Offset)
			}
			keyEnd = int(k.Raw.Offset + k.Raw.Length)
		}
		if n.Kind != unstable.KeyValue && len(arrays) > 0 || n.Kind == unstable.ArrayTable {
			d.paths = arrays.resolve(d.paths, at, n.Kind == unstable.ArrayTable)
		}
		e := docExpr{kind: n.Kind, pathAt: int32(at), pathLen: int32(len(d.paths) - at), section: section,
			keyAt: int32(keyAt), start: int32(lineStart(fm, keyAt)), keyEnd: int32(keyEnd)}
		switch n.Kind {
		case unstable.KeyValue:
			e.rel = int32(len(header))
			valEnd := int(n.Raw.Offset + n.Raw.Length)
			e.valEnd = int32(valEnd)
			e.valStart = int32(valueStart(fm, keyEnd))
			e.valKind = n.Value().Kind
			e.end = int32(lineEnd(fm, valEnd))
		default:
			e.end = int32(lineEnd(fm, keyEnd))
			section = int32(len(d.exprs))
			header = d.paths[at:len(d.paths):len(d.paths)]
			if d.firstHeader < 0 {
				d.firstHeader = len(d.exprs)
			}
		}
		d.exprs = append(d.exprs, e)
	}
	if err := p.Error(); err != nil {
		return nil, fmt.Errorf("article: front matter of the source: %w", err)
	}
	if d.firstHeader < 0 {
		d.firstHeader = len(d.exprs)
	}
	return d, nil
}

// keyString returns the text of key part k: a substring of the front
// matter where it is written as it reads (a bare key, a quoted key
// without escapes), else a copy.
func (d *fmDoc) keyString(k *unstable.Node) string {
	r := k.Raw
	raw := d.str[r.Offset : r.Offset+r.Length]
	if raw == string(k.Data) {
		return raw
	}
	if len(raw) >= 2 && raw[1:len(raw)-1] == string(k.Data) {
		return raw[1 : len(raw)-1]
	}
	return string(k.Data)
}

// Paths of expressions name the elements of arrays of tables: the key/value
// pair b = 1 after the second [[a]] has the path a, elemKey(1), b. So the
// diff of Params can walk into an array of tables element by element.

// elemKey returns the path element of element i of an array of tables. It
// is not valid UTF-8, so no TOML key can be the same.
func elemKey(i int) string {
	return "\xff" + strconv.Itoa(i)
}

// isElemKey reports whether a path element is an elemKey.
func isElemKey(k string) bool {
	return strings.HasPrefix(k, "\xff")
}

// arrayTables counts the elements of the arrays of tables seen so far, by
// the pathKey of the array.
type arrayTables map[string]int

// resolve rewrites the path of a table header, paths[at:], adding the
// element of each array of tables the header is in (the last one so far),
// and a new element for an [[array]] header, and returns paths.
func (arrays arrayTables) resolve(paths []string, at int, array bool) []string {
	keys := slices.Clone(paths[at:])
	paths = paths[:at]
	for i, k := range keys {
		paths = append(paths, k)
		key := pathKey(paths[at:])
		n, ok := arrays[key]
		if i == len(keys)-1 && array {
			n++
			arrays[key] = n
		} else if !ok {
			continue
		}
		paths = append(paths, elemKey(n-1))
	}
	return paths
}

func lineStart(b []byte, off int) int {
	return bytes.LastIndexByte(b[:off], '\n') + 1
}

func lineEnd(b []byte, off int) int {
	if i := bytes.IndexByte(b[off:], '\n'); i >= 0 {
		return off + i + 1
	}
	return len(b)
}

// valueStart skips the blanks, '=' and blanks after a key.
func valueStart(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	if i < len(b) && b[i] == '=' {
		i++
	}
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	return i
}

// indexAfter is the number of kvAt and headerAt calls answered by a scan
// of the expressions before the maps that answer them are built: a few
// edits need no index (which costs more memory than the expressions),
// many edits stay linear in time.
const indexAfter = 16

// index fills the maps of kvAt and headerAt.
func (d *fmDoc) index() {
	d.kvs, d.headers = map[string]int{}, map[string]int{}
	for i, e := range d.exprs {
		k := pathKey(d.path(i))
		if e.kind == unstable.KeyValue {
			d.kvs[k] = i
		} else if _, ok := d.headers[k]; !ok {
			d.headers[k] = i
		}
	}
}

// find returns the index of the first expression with the given path that
// is a key/value pair (kv) or a header (!kv), or -1.
func (d *fmDoc) find(path []string, kv bool) int {
	if d.kvs == nil {
		if d.lookups++; d.lookups <= indexAfter {
			for i := range d.exprs {
				if (d.exprs[i].kind == unstable.KeyValue) == kv && slices.Equal(d.path(i), path) {
					return i
				}
			}
			return -1
		}
		d.index()
	}
	m := d.headers
	if kv {
		m = d.kvs
	}
	if i, ok := m[pathKey(path)]; ok {
		return i
	}
	return -1
}

// kvAt returns the index of the key/value pair with the given path, or -1.
func (d *fmDoc) kvAt(path []string) int { return d.find(path, true) }

// headerAt returns the index of the first header with the given path, or
// -1.
func (d *fmDoc) headerAt(path []string) int { return d.find(path, false) }

// sectionEnd returns the end of the section that starts at header h (the
// start of the next header line), or of the top-level keys for h = -1.
func (d *fmDoc) sectionEnd(h int) int {
	for i := h + 1; i < len(d.exprs); i++ {
		if d.exprs[i].kind != unstable.KeyValue {
			return int(d.exprs[i].start)
		}
	}
	return len(d.fm)
}

// lastKV returns the last key/value pair of the section of header h (-1:
// the top level), or -1.
func (d *fmDoc) lastKV(h int) int {
	last := -1
	for i := h + 1; i < len(d.exprs) && d.exprs[i].kind == unstable.KeyValue; i++ {
		last = i
	}
	return last
}
