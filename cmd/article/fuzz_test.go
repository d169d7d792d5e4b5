package main

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzUnifiedDiff: applying the edit script to a gives b, and the diff
// of equal inputs is empty.
func FuzzUnifiedDiff(f *testing.F) {
	f.Add([]byte("a\nb\nc\n"), []byte("a\nc\nd"))
	f.Add([]byte(""), []byte("x\n"))
	f.Fuzz(func(t *testing.T, a, b []byte) {
		al, bl := splitLines(a), splitLines(b)
		got := strings.Join(apply(t, al, bl, diffLines(al, bl)), "")
		if got != string(b) {
			t.Fatalf("script gives %q, want %q", got, b)
		}
		var w bytes.Buffer
		if err := unifiedDiff(&w, "a", "b", a, a); err != nil || w.Len() != 0 {
			t.Fatalf("diff of equal inputs: %q, %v", w.String(), err)
		}
		if err := unifiedDiff(&w, "a", "b", a, b); err != nil {
			t.Fatal(err)
		}
		if (w.Len() == 0) != bytes.Equal(a, b) {
			t.Fatalf("diff %q for %q → %q", w.String(), a, b)
		}
	})
}
