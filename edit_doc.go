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
// table header. Offsets are into the front matter.
type docExpr struct {
	kind    unstable.Kind // KeyValue, Table or ArrayTable
	path    []string      // full key path (a header's path for key/values)
	rel     int           // KeyValue: where its own key starts in path
	section int           // KeyValue: index of its header, -1 at the top
	start   int           // first byte of its first line
	keyAt   int           // first byte of the key
	end     int           // past the line ending of its last line
	// KeyValue only:
	keyEnd, valStart, valEnd int
	valKind                  unstable.Kind
}

// fmDoc is the front matter cut into expressions.
type fmDoc struct {
	fm          []byte
	exprs       []docExpr
	firstHeader int            // index of the first header, len(exprs) if none
	kvs         map[string]int // path key → KeyValue index
	headers     map[string]int // path key → first header index with that path
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

// scanDoc finds the expressions of fm with go-toml's parser.
func scanDoc(fm []byte) (*fmDoc, error) {
	d := &fmDoc{fm: fm}
	var p unstable.Parser
	p.Reset(fm)
	section := -1
	var header []string
	arrays := arrayTables{}
	d.firstHeader = -1
	for p.NextExpression() {
		n := p.Expression()
		var path []string
		if n.Kind == unstable.KeyValue {
			path = append(path, header...)
		}
		keyAt, keyEnd := -1, 0
		for it := n.Key(); it.Next(); {
			k := it.Node()
			path = append(path, string(k.Data))
			if keyAt < 0 {
				keyAt = int(k.Raw.Offset)
			}
			keyEnd = int(k.Raw.Offset + k.Raw.Length)
		}
		if n.Kind != unstable.KeyValue {
			path = arrays.resolve(path, n.Kind == unstable.ArrayTable)
		}
		e := docExpr{kind: n.Kind, path: path, section: section, keyAt: keyAt,
			start: lineStart(fm, keyAt), keyEnd: keyEnd}
		switch n.Kind {
		case unstable.KeyValue:
			e.rel = len(header)
			e.valEnd = int(n.Raw.Offset + n.Raw.Length)
			e.valStart = valueStart(fm, keyEnd)
			e.valKind = n.Value().Kind
			e.end = lineEnd(fm, e.valEnd)
		default:
			e.end = lineEnd(fm, keyEnd)
			section, header = len(d.exprs), path
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

// resolve returns the path of a table header with the keys of the header,
// adding the element of each array of tables the header is in (the last
// one so far), and a new element for an [[array]] header.
func (arrays arrayTables) resolve(keys []string, array bool) []string {
	path := make([]string, 0, len(keys)+2)
	for i, k := range keys {
		path = append(path, k)
		key := pathKey(path)
		n, ok := arrays[key]
		if i == len(keys)-1 && array {
			n++
			arrays[key] = n
		} else if !ok {
			continue
		}
		path = append(path, elemKey(n-1))
	}
	return path
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

// index fills the maps of kvAt and headerAt, on first use: an edit of the
// schema keys needs neither.
func (d *fmDoc) index() {
	if d.kvs != nil {
		return
	}
	d.kvs, d.headers = map[string]int{}, map[string]int{}
	for i, e := range d.exprs {
		k := pathKey(e.path)
		if e.kind == unstable.KeyValue {
			d.kvs[k] = i
		} else if _, ok := d.headers[k]; !ok {
			d.headers[k] = i
		}
	}
}

// kvAt returns the index of the key/value pair with the given path, or -1.
func (d *fmDoc) kvAt(path []string) int {
	d.index()
	if i, ok := d.kvs[pathKey(path)]; ok {
		return i
	}
	return -1
}

// headerAt returns the index of the first header with the given path, or
// -1.
func (d *fmDoc) headerAt(path []string) int {
	d.index()
	if i, ok := d.headers[pathKey(path)]; ok {
		return i
	}
	return -1
}

// sectionEnd returns the end of the section that starts at header h (the
// start of the next header line), or of the top-level keys for h = -1.
func (d *fmDoc) sectionEnd(h int) int {
	for i := h + 1; i < len(d.exprs); i++ {
		if d.exprs[i].kind != unstable.KeyValue {
			return d.exprs[i].start
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
