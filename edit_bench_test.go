package article

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

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
// in the size of the front matter, from 32 KB to 320 KB (80 keys with
// 100-byte values and comments per table), against Parse of the same file
// timed in the same rounds (see checkGrowth); and at 320 KB, they take at
// most 16× and 8× the time of Parse.
func TestEditLinearTime(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("timing test: not with -short or -race")
	}
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
	res := checkGrowth(t, growthConfig{sizes: sizesFrom(32 << 10)}, growthCase{"tables with comments", func(n int) growthOps {
		src := gen(n)
		a, err := Parse(bytes.NewReader(src))
		require.NoError(t, err)
		a.Draft = false
		a.Params["t0"].(map[string]any)["new"] = "x"
		return growthOps{
			base: func() {
				_, err := Parse(bytes.NewReader(src))
				require.NoError(t, err)
			},
			ops: []growthOp{
				{"Encode after an edit", func() {
					_, err := a.AppendEncoded(nil)
					require.NoError(t, err)
				}},
				{"Format", func() {
					_, err := Format(src)
					require.NoError(t, err)
				}},
			},
		}
	}})
	if best := res["tables with comments"].best; best != nil {
		last := best[len(best)-1]
		assert.Less(t, float64(last[1])/float64(last[0]), 16.0, "Encode after an edit, against Parse")
		assert.Less(t, float64(last[2])/float64(last[0]), 8.0, "Format, against Parse")
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
