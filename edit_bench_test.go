package article

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// BenchmarkEncodeUnmodified encodes a parsed, unchanged article into a
// reused buffer: the sample-sized article (no Params: the work of a copy)
// and a hand-written file with Params, which Encode decodes again to see
// that they did not change.
func BenchmarkEncodeUnmodified(b *testing.B) {
	messy, err := os.ReadFile("testdata/edits/14-params-literal.in.md")
	require.NoError(b, err)
	for _, bc := range []struct {
		name string
		src  []byte
	}{{"sample", benchArticle(b)}, {"messy", messy}} {
		b.Run(bc.name, func(b *testing.B) {
			a, err := Parse(bytes.NewReader(bc.src))
			require.NoError(b, err)
			buf := make([]byte, 0, 2*len(bc.src))
			b.ReportAllocs()
			b.SetBytes(int64(len(bc.src)))
			for b.Loop() {
				if buf, err = a.AppendEncoded(buf[:0]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCopyBaseline is the yardstick of BenchmarkEncodeUnmodified:
// appending the file to a reused buffer.
func BenchmarkCopyBaseline(b *testing.B) {
	src := benchArticle(b)
	buf := make([]byte, 0, 2*len(src))
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		buf = append(buf[:0], src...)
	}
}

// BenchmarkEncodeOneEdit encodes the sample-sized article after a change
// of its title, and a hand-written file with comments and tables after a
// change of one Params key in a table.
func BenchmarkEncodeOneEdit(b *testing.B) {
	messy, err := os.ReadFile("testdata/edits/14-params-literal.in.md")
	require.NoError(b, err)
	for _, bc := range []struct {
		name string
		src  []byte
		edit func(a *Article)
	}{
		{"sample/title", benchArticle(b), func(a *Article) { a.Title += " (updated)" }},
		{"messy/param", messy, func(a *Article) { a.Params["seo"].(map[string]any)["noindex"] = true }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			a, err := Parse(bytes.NewReader(bc.src))
			require.NoError(b, err)
			bc.edit(a)
			buf := make([]byte, 0, 2*len(bc.src))
			b.ReportAllocs()
			b.SetBytes(int64(len(bc.src)))
			for b.Loop() {
				if buf, err = a.AppendEncoded(buf[:0]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkFormat formats the sample-sized article and the messy file.
func BenchmarkFormat(b *testing.B) {
	messy, err := os.ReadFile("testdata/edits/14-params-literal.in.md")
	require.NoError(b, err)
	for _, bc := range []struct {
		name string
		src  []byte
	}{{"sample", benchArticle(b)}, {"messy", messy}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bc.src)))
			for b.Loop() {
				if _, err := Format(bc.src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestEditLinearTime: Encode after one edit, and Format, take time linear
// in the size of the front matter, from 100 KB to 1 MB (80 keys with
// 100-byte values and comments per table). Each is measured against Parse
// of the same file, which scales the same way and absorbs the noise of a
// busy machine; the growth from 100 KB to 1 MB is logged.
func TestEditLinearTime(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("timing test: not with -short or -race")
	}
	defer gcOff()() // see perRun
	gen := func(size int) []byte {
		var b strings.Builder
		b.WriteString("+++\ntitle = 'T'   # c\ndraft = true\n")
		value := strings.Repeat("v", 100)
		for i := 0; b.Len() < size; i++ {
			if i%80 == 0 {
				fmt.Fprintf(&b, "\n# section %d\n[t%d]\n", i, i)
			}
			fmt.Fprintf(&b, "k%d = '%s'  # note\n", i, value)
		}
		b.WriteString("+++\n\n<p>body</p>\n")
		return []byte(b.String())
	}
	measure := func(f func()) time.Duration {
		best := time.Duration(1 << 62)
		for range 5 {
			best = min(best, perRun(f))
		}
		return best
	}
	var prev [3]time.Duration
	for _, size := range []int{100 << 10, 1 << 20} {
		src := gen(size)
		a, err := Parse(bytes.NewReader(src))
		require.NoError(t, err)
		a.Draft = false
		a.Params["t0"].(map[string]any)["new"] = "x"
		parse := measure(func() {
			_, err := Parse(bytes.NewReader(src))
			require.NoError(t, err)
		})
		edit := measure(func() {
			_, err := a.AppendEncoded(nil)
			require.NoError(t, err)
		})
		format := measure(func() {
			_, err := Format(src)
			require.NoError(t, err)
		})
		t.Logf("%d bytes: Parse %v, Encode after an edit %v (×%.1f Parse), Format %v (×%.1f Parse)", len(src),
			parse, edit, float64(edit)/float64(parse), format, float64(format)/float64(parse))
		if prev[0] > 0 {
			t.Logf("growth for 10× the input: Parse ×%.1f, Encode after an edit ×%.1f, Format ×%.1f",
				float64(parse)/float64(prev[0]), float64(edit)/float64(prev[1]), float64(format)/float64(prev[2]))
			assert.Less(t, float64(edit)/float64(parse), 16.0, "Encode after an edit")
			assert.Less(t, float64(format)/float64(parse), 8.0, "Format")
			assert.Less(t, float64(edit)/float64(prev[1]), 40.0, "Encode after an edit grows faster than linearly")
		}
		prev = [3]time.Duration{parse, edit, format}
	}
}

// BenchmarkEncodeCanonical writes the sample-sized article in the
// canonical layout (its source dropped), as for an Article built in code.
func BenchmarkEncodeCanonical(b *testing.B) {
	a, err := Parse(bytes.NewReader(benchArticle(b)))
	require.NoError(b, err)
	a.DropSource()
	buf := make([]byte, 0, 4096)
	b.ReportAllocs()
	for b.Loop() {
		if buf, err = a.AppendEncoded(buf[:0]); err != nil {
			b.Fatal(err)
		}
	}
}
