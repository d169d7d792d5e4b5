package article

import (
	"bytes"
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

// appendLosslessFull is lossless encoding as it was before paramsDiff and
// checkEdited: the whole front matter of the source decoded again to diff
// the Params, and the whole result decoded to check it. Encode must write
// what it writes (requireSameAsFull).
func (a *Article) appendLosslessFull(b []byte) ([]byte, error) {
	s := &a.src
	text := s.text
	cur := schemaOf(a)
	schemaChanged := !sameSchema(cur, s.orig)
	var orig map[string]any
	paramsChanged := false
	if len(a.Params) > 0 || s.params {
		for k := range a.Params {
			if slices.Contains(schemaKeys[:], k) {
				return b, fmt.Errorf("article: Params[%q]: %w: the key belongs to the schema", k, ErrEncode)
			}
		}
		var src Article
		if err := (Decoder{}).decodeGeneral(&src, s.text, s.l); err != nil {
			return b, err
		}
		orig = src.Params
		paramsChanged = !equalTable(orig, a.Params)
	}
	if !schemaChanged && !paramsChanged {
		if a.Body == text[s.l.body:] {
			return append(b, text...), nil
		}
		b = append(b, text[:s.l.fmEnd]...)
		return a.appendTail(b), nil
	}
	start := len(b)
	str := text[s.l.fmStart:s.l.fmEnd]
	d, err := scanDoc([]byte(str), str)
	if err != nil {
		return b, err
	}
	fm, err := a.editFrontMatter(d, cur, orig, a.Params)
	if err == errNotInPlace {
		return a.appendCanonical(b)
	}
	if err != nil {
		return b, err
	}
	b = append(b, text[:s.l.fmStart]...)
	b = append(b, fm...)
	b = a.appendTail(b)
	if _, perr := (Decoder{MaxSize: -1}).Decode(bytes.NewReader(b[start:])); perr != nil {
		return a.appendCanonical(b[:start])
	}
	return b, nil
}

// requireSameAsFull checks that Encode of a wrote out (or failed with
// err) as the full decode of the source and of the result does.
func requireSameAsFull(t *testing.T, a *Article, out []byte, err error) {
	t.Helper()
	want, werr := a.appendLosslessFull(nil)
	if err != nil || werr != nil {
		require.Equal(t, werr != nil, err != nil, "errors: %v and %v", err, werr)
		return
	}
	require.Equal(t, string(want), string(out), "Encode against a full decode")
}

// TestParamsDiffCases: edits where the values under a top-level key are
// the same by value but not by the scanner's reading, or differ only in
// what the file does not spell out, are found (Encode writes what the
// full decode writes).
func TestParamsDiffCases(t *testing.T) {
	src := "+++\ntitle = 'T'\nn = 0x10\nf = 1.5\ns = \"a\\u00e9\"\nd = 2024-01-02\narr = [1, 2]\nin = {a = 1}\n" +
		"[e]\n[t]\nk = 1\n[t.sub]\nx = true\n[[aot]]\nk = 1\n[[aot]]\nk = 2\n+++\nbody\n"
	cases := []struct {
		name string
		edit func(p map[string]any)
	}{
		{"nothing", func(p map[string]any) {}},
		{"hex integer", func(p map[string]any) { p["n"] = int64(17) }},
		{"int instead of int64", func(p map[string]any) { p["f"] = 1 }},
		{"escaped string", func(p map[string]any) { p["s"] = "b" }},
		{"local date", func(p map[string]any) { p["d"] = "x" }},
		{"array element", func(p map[string]any) { p["arr"].([]any)[1] = int64(3) }},
		{"inline table", func(p map[string]any) { p["in"].(map[string]any)["a"] = int64(2) }},
		{"key in an empty table", func(p map[string]any) { p["e"].(map[string]any)["k"] = int64(1) }},
		{"empty table added in a table", func(p map[string]any) { p["t"].(map[string]any)["z"] = map[string]any{} }},
		{"subtable value", func(p map[string]any) { p["t"].(map[string]any)["sub"].(map[string]any)["x"] = false }},
		{"subtable key removed", func(p map[string]any) { delete(p["t"].(map[string]any)["sub"].(map[string]any), "x") }},
		{"array of tables element", func(p map[string]any) { p["aot"].([]any)[1].(map[string]any)["k"] = int64(3) }},
		{"array of tables shorter", func(p map[string]any) { p["aot"] = p["aot"].([]any)[:1] }},
		{"every key removed", func(p map[string]any) { clear(p) }},
		{"new top-level key", func(p map[string]any) { p["zz"] = "v" }},
		{"table replaced by a value", func(p map[string]any) { p["t"] = int64(1) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, err := Parse(bytes.NewReader([]byte(src)))
			require.NoError(t, err)
			c.edit(a.Params)
			out, err := a.AppendEncoded(nil)
			requireSameAsFull(t, a, out, err)
			if c.name == "nothing" {
				require.Equal(t, src, string(out))
				return
			}
			require.NotEqual(t, src, string(out))
		})
	}
}
