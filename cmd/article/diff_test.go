package main

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// apply rebuilds b from a and an edit script, checking the script's
// indexes as it goes.
func apply(t *testing.T, a, b []string, ops []diffOp) []string {
	t.Helper()
	var out []string
	ai, bi := 0, 0
	for _, o := range ops {
		switch o.kind {
		case '=':
			require.Equal(t, ai, o.ai)
			require.Equal(t, bi, o.bi)
			require.Equal(t, a[ai], b[bi])
			out = append(out, a[ai])
			ai++
			bi++
		case '-':
			require.Equal(t, ai, o.ai)
			ai++
		case '+':
			require.Equal(t, bi, o.bi)
			out = append(out, b[bi])
			bi++
		}
	}
	require.Equal(t, len(a), ai)
	return out
}

// lcs is the length of a longest common subsequence, by dynamic
// programming, to check that the script is a shortest one.
func lcs(a, b []string) int {
	prev := make([]int, len(b)+1)
	for i := range a {
		cur := make([]int, len(b)+1)
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(prev[j+1], cur[j])
			}
		}
		prev = cur
	}
	return prev[len(b)]
}

func TestDiffLines(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 500 {
		a := make([]string, r.IntN(12))
		b := make([]string, r.IntN(12))
		for i := range a {
			a[i] = string(rune('a' + r.IntN(4)))
		}
		for i := range b {
			b[i] = string(rune('a' + r.IntN(4)))
		}
		ops := diffLines(a, b)
		assert.Equal(t, strings.Join(b, ","), strings.Join(apply(t, a, b, ops), ","))
		same := 0
		for _, o := range ops {
			if o.kind == '=' {
				same++
			}
		}
		assert.Equal(t, lcs(a, b), same, "%q → %q", a, b)
	}
}

func TestDiffTooCostly(t *testing.T) {
	// Two files with nothing in common past the cost bound: one hunk
	// replacing all, still a correct script.
	n := 4000
	a, b := make([]string, n), make([]string, n)
	for i := range n {
		a[i] = "a" + strings.Repeat("x", i%7) + "\n"
		b[i] = "b" + strings.Repeat("y", i%5) + "\n"
	}
	ops := diffLines(a, b)
	assert.Equal(t, b, apply(t, a, b, ops))
}

func TestUnifiedDiff(t *testing.T) {
	a := "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16"
	b := "1\n2\nthree\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n17\n"
	var w bytes.Buffer
	require.NoError(t, unifiedDiff(&w, "x.orig", "x", []byte(a), []byte(b)))
	assert.Equal(t, `--- x.orig
+++ x
@@ -1,6 +1,6 @@
 1
 2
-3
+three
 4
 5
 6
@@ -13,4 +13,5 @@
 13
 14
 15
-16
\ No newline at end of file
+16
+17
`, w.String())

	w.Reset()
	require.NoError(t, unifiedDiff(&w, "x.orig", "x", []byte(a), []byte(a)))
	assert.Empty(t, w.String())

	w.Reset()
	require.NoError(t, unifiedDiff(&w, "e.orig", "e", nil, []byte("new\n")))
	assert.Equal(t, "--- e.orig\n+++ e\n@@ -0,0 +1,1 @@\n+new\n", w.String())
}
