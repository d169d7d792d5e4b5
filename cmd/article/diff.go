package main

import (
	"bytes"
	"fmt"
	"io"
	"slices"
)

// A diff op: '=' a line in both, '-' a line of a only, '+' a line of b
// only; ai and bi are the lines' indexes, or for a line of one side only,
// how many lines of the other side come before it.
type diffOp struct {
	kind   byte
	ai, bi int
}

// maxDiffCost bounds the work of the line diff: past D² (memory) or
// 4·D·(N+M) (time) of it, for D edits between files of N and M lines, the
// files are shown as one hunk replacing every line.
const maxDiffCost = 10_000_000

// splitLines splits b after each "\n"; a last line without one is kept.
func splitLines(b []byte) []string {
	var ls []string
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n') + 1
		if i == 0 {
			i = len(b)
		}
		ls = append(ls, string(b[:i]))
		b = b[i:]
	}
	return ls
}

// diffLines returns a shortest edit script from a to b (Myers' algorithm,
// keeping for each step only the diagonals it reached).
func diffLines(a, b []string) []diffOp {
	n, m := len(a), len(b)
	limit := n + m
	off := limit + 1
	v := make([]int, 2*limit+3)
	var trace [][]int
	for d := 0; d <= limit; d++ {
		trace = append(trace, slices.Clone(v[off-d-1:off+d+2]))
		if d*d > maxDiffCost || d*(n+m) > 4*maxDiffCost {
			return replaceAll(n, m)
		}
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1]
			} else {
				x = v[off+k-1] + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			v[off+k] = x
			if x >= n && y >= m {
				return backtrack(trace, d, n, m)
			}
		}
	}
	return replaceAll(n, m) // not reached: d = n+m always ends
}

func backtrack(trace [][]int, dmax, n, m int) []diffOp {
	var ops []diffOp
	x, y := n, m
	for d := dmax; d > 0; d-- {
		vd := trace[d]
		get := func(k int) int { return vd[k+d+1] }
		k := x - y
		pk := k - 1
		if k == -d || (k != d && get(k-1) < get(k+1)) {
			pk = k + 1
		}
		px := get(pk)
		py := px - pk
		for x > px && y > py {
			x--
			y--
			ops = append(ops, diffOp{'=', x, y})
		}
		if x == px {
			y--
			ops = append(ops, diffOp{'+', x, y})
		} else {
			x--
			ops = append(ops, diffOp{'-', x, y})
		}
	}
	for x > 0 && y > 0 {
		x--
		y--
		ops = append(ops, diffOp{'=', x, y})
	}
	slices.Reverse(ops)
	return ops
}

// replaceAll is the edit script deleting every line of a, then inserting
// every line of b.
func replaceAll(n, m int) []diffOp {
	ops := make([]diffOp, 0, n+m)
	for i := range n {
		ops = append(ops, diffOp{'-', i, 0})
	}
	for j := range m {
		ops = append(ops, diffOp{'+', n, j})
	}
	return ops
}

// unifiedDiff writes the differences between a and b in the unified
// format with three lines of context, under the names nameA and nameB. It
// writes nothing when they are equal.
func unifiedDiff(w io.Writer, nameA, nameB string, a, b []byte) error {
	if bytes.Equal(a, b) {
		return nil
	}
	al, bl := splitLines(a), splitLines(b)
	ops := diffLines(al, bl)
	const ctx = 3
	var out bytes.Buffer
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", nameA, nameB)
	for i := 0; i < len(ops); {
		if ops[i].kind == '=' {
			i++
			continue
		}
		// A hunk: from ctx lines before this change to ctx lines after the
		// last change that is at most 2*ctx lines of context away.
		start := max(0, i-ctx)
		end := i
		for j := i; j < len(ops); j++ {
			if ops[j].kind != '=' {
				end = j + 1
			} else if j-end >= 2*ctx {
				break
			}
		}
		stop := min(len(ops), end+ctx)
		writeHunk(&out, ops[start:stop], al, bl)
		i = stop
	}
	_, err := w.Write(out.Bytes())
	return err
}

func writeHunk(out *bytes.Buffer, ops []diffOp, a, b []string) {
	na, nb := 0, 0
	for _, o := range ops {
		if o.kind != '+' {
			na++
		}
		if o.kind != '-' {
			nb++
		}
	}
	as, bs := ops[0].ai, ops[0].bi
	if na > 0 {
		as++
	}
	if nb > 0 {
		bs++
	}
	fmt.Fprintf(out, "@@ -%d,%d +%d,%d @@\n", as, na, bs, nb)
	for _, o := range ops {
		line := ""
		switch o.kind {
		case '=':
			line = a[o.ai]
			out.WriteByte(' ')
		case '-':
			line = a[o.ai]
			out.WriteByte('-')
		case '+':
			line = b[o.bi]
			out.WriteByte('+')
		}
		out.WriteString(line)
		if len(line) == 0 || line[len(line)-1] != '\n' {
			out.WriteString("\n\\ No newline at end of file\n")
		}
	}
}
