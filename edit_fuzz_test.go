package article

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pelletier/go-toml/v2/unstable"
	"github.com/stretchr/testify/require"
)

// FuzzRoundTrip: Encode of an accepted input is the input; after one
// random edit (a schema field set or cleared, a Params key changed, added
// or deleted, or the body replaced), Parse of the output gives the edited
// values, and every line of the input that held none of the edited keys is
// still there, in order. Format of the input is idempotent.
func FuzzRoundTrip(f *testing.F) {
	var files []string
	for _, glob := range []string{"testdata/parse/*.md", "testdata/edits/*.in.md", "testdata/format/*.in.md", "testdata/format/corpus/*.md"} {
		m, err := filepath.Glob(glob)
		require.NoError(f, err)
		files = append(files, m...)
	}
	for i, name := range files {
		src, err := os.ReadFile(name)
		require.NoError(f, err)
		f.Add(src, uint16(i*7), "new value")
		f.Add(src, uint16(i*13+1), "it's \"quoted\"\nand\r\n+++\ntwo lines")
	}
	f.Fuzz(roundTrip)
}

// TestRoundTripEdits runs the check of FuzzRoundTrip over every edit
// randomEdit can choose for the hand-written files, with a few values (a
// third of the choices with -short, every kind of edit still), and over
// the Format corpus (one choice in 29) without -short.
func TestRoundTripEdits(t *testing.T) {
	files, err := filepath.Glob("testdata/edits/*.in.md")
	require.NoError(t, err)
	step := map[string]int{}
	for _, f := range files {
		step[f] = 1
		if testing.Short() {
			step[f] = 3
		}
	}
	if !testing.Short() {
		corpus, err := filepath.Glob("testdata/format/corpus/*.md")
		require.NoError(t, err)
		for _, f := range corpus {
			step[f] = 29 // prime to 20: every kind of edit
		}
		files = append(files, corpus...)
	}
	seen := map[string]bool{}
	for _, name := range files {
		src, err := os.ReadFile(name)
		require.NoError(t, err)
		if seen[string(src)] {
			continue
		}
		seen[string(src)] = true
		t.Run(filepath.Base(name), func(t *testing.T) {
			for pick := 0; pick < 512; pick += step[name] {
				for _, val := range []string{"plain", "it's", "two\nlines", "a\r\n+++\nb", ""} {
					roundTrip(t, src, uint16(pick), val)
					if t.Failed() {
						t.Fatalf("pick %d, value %q", pick, val)
					}
				}
			}
		})
	}
}

func roundTrip(t *testing.T, src []byte, pick uint16, val string) {
	{
		a, err := Parse(bytes.NewReader(src))
		if err != nil {
			return
		}
		out, err := a.AppendEncoded(nil)
		require.NoError(t, err)
		require.Equal(t, string(src), string(out))

		formatted, err := Format(src)
		require.NoError(t, err)
		again, err := Format(formatted)
		require.NoError(t, err)
		require.Equal(t, string(formatted), string(again), "Format is idempotent")

		touched, around := randomEdit(t, a, pick, val)
		out, err = a.AppendEncoded(nil)
		requireSameAsFull(t, a, out, err)
		if err != nil {
			require.ErrorIs(t, err, ErrEncode)
			return
		}
		back, err := Parse(bytes.NewReader(out))
		require.NoError(t, err, "output:\n%s", out)
		requireSameArticle(t, a, back)
		requireLinesKept(t, src, out, touched)
		if around[0] != "" || around[1] != "" {
			// The bytes before and after the changed element on its
			// lines, the other elements among them, are kept.
			i := strings.Index(string(out), around[0])
			require.GreaterOrEqual(t, i, 0, "%q missing in\n%s", around[0], out)
			require.Contains(t, string(out[i+len(around[0]):]), around[1], "in\n%s", out)
		}
	}
}

// randomEdit makes one edit to a, chosen by pick, and returns the byte
// ranges of src that held the edited key (or element) and, for a changed
// array element, the text before and after it on its lines.
func randomEdit(t *testing.T, a *Article, pick uint16, val string) ([][2]int, [2]string) {
	s := &a.src
	str := s.text[s.l.fmStart:s.l.fmEnd]
	d, err := scanDoc([]byte(str), str)
	require.NoError(t, err)
	var touched [][2]int
	touch := func(p []string, params bool) {
		for i, e := range d.exprs {
			path := d.path(i)
			switch {
			case e.kind == unstable.KeyValue && !params && (len(path) != 1 || e.section >= 0):
			case e.kind == unstable.KeyValue && (hasPrefix(path, p) || hasPrefix(p, path)):
				touched = append(touched, [2]int{s.l.fmStart + int(e.start), s.l.fmStart + int(e.end)})
			case e.kind != unstable.KeyValue && hasPrefix(path, p):
				touched = append(touched, [2]int{s.l.fmStart + int(e.start), s.l.fmStart + d.sectionEnd(i)})
			}
		}
	}
	n := int(pick >> 4)
	switch op := pick % 20; {
	case op >= 16:
		if touched, around, ok := elementEdit(t, a, d, n, op, val); ok {
			return touched, around
		}
		a.Body = val
		touched = append(touched, [2]int{s.l.fmEnd, len(s.text)})
	case op < 12:
		key := schemaKeys[op]
		touch([]string{key}, false)
		var v any
		if n%3 != 0 { // a third of the edits clear the field
			switch op {
			case keyDate:
				v = time.Date(1990+n%60, time.Month(1+n%12), 1+n%28, n%24, n%60, 0, n%3*5e8, time.FixedZone("", (n%27-13)*3600))
			case keyDraft:
				v = !a.Draft
			case keyArticleID, keyFeedItemID:
				v = int64(n*7919) - 5000
			default:
				v = val
			}
		}
		require.NoError(t, setSchema(a, key, v))
	case op < 15:
		var leaves [][]string
		var tables [][]string
		var walk func(p []string, m map[string]any)
		walk = func(p []string, m map[string]any) {
			tables = append(tables, p)
			for _, k := range slices.Sorted(maps.Keys(m)) {
				q := append(p[:len(p):len(p)], k)
				switch v := m[k].(type) {
				case map[string]any:
					walk(q, v)
				case []any:
					if len(v) > 0 && tablesOnly(v) {
						for i, e := range v {
							walk(append(q[:len(q):len(q)], elemKey(i)), e.(map[string]any))
						}
						continue
					}
					leaves = append(leaves, q)
				default:
					leaves = append(leaves, q)
				}
			}
		}
		if a.Params == nil {
			a.Params = map[string]any{}
		}
		walk(nil, a.Params)
		get := func(p []string) map[string]any {
			m := a.Params
			for i, k := range p {
				if isElemKey(k) {
					continue
				}
				if i+1 < len(p) && isElemKey(p[i+1]) {
					n, _ := strconv.Atoi(p[i+1][1:])
					m = m[k].([]any)[n].(map[string]any)
					continue
				}
				m = m[k].(map[string]any)
			}
			return m
		}
		switch {
		case op == 12 && len(leaves) > 0: // change a value
			p := leaves[n%len(leaves)]
			touch(p, true)
			if n%2 == 0 {
				get(p[:len(p)-1])[p[len(p)-1]] = val
			} else {
				get(p[:len(p)-1])[p[len(p)-1]] = int64(len(val))
			}
		case op == 13 && len(tables) > 1: // delete a key or a table
			all := append(leaves, tables[1:]...)
			p := all[n%len(all)]
			if isElemKey(p[len(p)-1]) { // an element: delete the last one
				p = p[:len(p)-1]
				arr := get(p[:len(p)-1])[p[len(p)-1]].([]any)
				touch(append(p[:len(p):len(p)], elemKey(len(arr)-1)), true)
				get(p[:len(p)-1])[p[len(p)-1]] = arr[:len(arr)-1]
				break
			}
			touch(p, true)
			delete(get(p[:len(p)-1]), p[len(p)-1])
		default: // add a key
			p := tables[n%len(tables)]
			key := fmt.Sprintf("new_%d", n)
			touch(append(p[:len(p):len(p)], key), true) // an inline table that gets the key
			if n%5 == 0 {
				get(p)[key] = map[string]any{"x": val}
			} else {
				get(p)[key] = val
			}
		}
	default:
		a.Body = val
		touched = append(touched, [2]int{s.l.fmEnd, len(s.text)})
	}
	return touched, [2]string{}
}

// elementEdit changes (op 16), appends (17), removes (18) or inserts at
// the front (19) one element of an array of plain values in Params, the
// array chosen by n, and returns the lines of the file that may change:
// those of the element (of the last or first one for an insertion, and of
// the one before for a removal), and for a change the text around the
// element on its lines. The elements are found with go-toml's parser.
func elementEdit(t *testing.T, a *Article, d *fmDoc, n int, op uint16, val string) ([][2]int, [2]string, bool) {
	s := &a.src
	fm := d.fm
	type found struct {
		path  []string
		spans [][2]int // elements, in fm
	}
	var arrays []found
	for i, e := range d.exprs {
		path := d.path(i)
		if e.kind != unstable.KeyValue || e.valKind != unstable.Array || slices.ContainsFunc(path, isElemKey) {
			continue
		}
		if e.section < 0 && len(path) == 1 && schemaIndex([]byte(path[0])) >= 0 {
			continue
		}
		var p unstable.Parser
		p.Reset(fm[e.start:e.end])
		if !p.NextExpression() {
			continue
		}
		var spans [][2]int
		plain := true
		for it := p.Expression().Value().Children(); it.Next(); {
			c := it.Node()
			if c.Kind == unstable.Array || c.Kind == unstable.InlineTable || c.Raw.Length == 0 {
				plain = false
				break
			}
			spans = append(spans, [2]int{int(e.start) + int(c.Raw.Offset), int(e.start) + int(c.Raw.Offset+c.Raw.Length)})
		}
		if plain && len(spans) > 0 {
			arrays = append(arrays, found{path, spans})
		}
	}
	if len(arrays) == 0 {
		return nil, [2]string{}, false
	}
	f := arrays[n%len(arrays)]
	m := a.Params
	for _, k := range f.path[:len(f.path)-1] {
		sub, ok := m[k].(map[string]any)
		if !ok {
			return nil, [2]string{}, false
		}
		m = sub
	}
	key := f.path[len(f.path)-1]
	arr, ok := m[key].([]any)
	if !ok || len(arr) != len(f.spans) {
		return nil, [2]string{}, false
	}
	lines := func(from, to int) [2]int {
		return [2]int{s.l.fmStart + lineStart(fm, from), s.l.fmStart + lineEnd(fm, to)}
	}
	i := n % len(arr)
	sp := f.spans[i]
	switch op {
	case 16:
		arr = slices.Clone(arr)
		arr[i] = val
		m[key] = arr
		around := [2]string{string(fm[lineStart(fm, sp[0]):sp[0]]), string(fm[sp[1]:lineEnd(fm, sp[1])])}
		return [][2]int{lines(sp[0], sp[1])}, around, true
	case 17:
		last := f.spans[len(f.spans)-1]
		m[key] = append(slices.Clone(arr), val)
		return [][2]int{lines(last[0], last[1])}, [2]string{}, true
	case 18:
		if len(arr) < 2 {
			return nil, [2]string{}, false
		}
		// Deleting any element of a run of equal ones gives the same
		// array, so Encode may remove another one of the run than i.
		first, last := i, i
		for first > 0 && equalValue(arr[first-1], arr[i]) {
			first--
		}
		for last+1 < len(arr) && equalValue(arr[last+1], arr[i]) {
			last++
		}
		from := f.spans[first][0]
		if first > 0 {
			from = f.spans[first-1][0]
		}
		m[key] = slices.Delete(slices.Clone(arr), i, i+1)
		return [][2]int{lines(from, f.spans[last][1])}, [2]string{}, true
	default:
		first := f.spans[0]
		m[key] = append([]any{val}, arr...)
		return [][2]int{lines(first[0], first[1])}, [2]string{}, true
	}
}

// requireLinesKept checks that the lines of src outside the touched ranges
// appear in out in the same order.
func requireLinesKept(t *testing.T, src, out []byte, touched [][2]int) {
	t.Helper()
	outLines := strings.SplitAfter(string(out), "\n")
	j := 0
	for pos := 0; pos < len(src); {
		end := len(src)
		if i := bytes.IndexByte(src[pos:], '\n'); i >= 0 {
			end = pos + i + 1
		}
		line := string(src[pos:end])
		hit := false
		for _, r := range touched {
			if pos < r[1] && end > r[0] {
				hit = true
			}
		}
		pos = end
		if hit {
			continue
		}
		for j < len(outLines) && outLines[j] != line {
			j++
		}
		require.Less(t, j, len(outLines), "line %q of the input is missing or out of order in:\n%s", line, out)
		j++
	}
}
