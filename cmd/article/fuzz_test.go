package main

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzKeyPositions: never panics, and a position found points at the key
// it names, at the start of a line's text.
func FuzzKeyPositions(f *testing.F) {
	f.Add([]byte("+++\narticle_id = 1\nurl = \"/x\"\nfeed_item_id = 2\n+++\n\n"))
	f.Add([]byte("\ufeff\r\n+++\r\n  url=\"a\"\r\n[t]\r\nurl = 1\r\n+++\r\n"))
	f.Fuzz(func(t *testing.T, head []byte) {
		ps := keyPositions(head)
		lines := strings.Split(string(head), "\n")
		for k, p := range ps {
			if p.line == 0 {
				continue
			}
			if p.line > len(lines) {
				t.Fatalf("%s at line %d of %d", dupKeyNames[k], p.line, len(lines))
			}
			l := strings.TrimPrefix(lines[p.line-1], "\ufeff")
			if p.line > 1 {
				l = lines[p.line-1]
			}
			off := len(lines[p.line-1]) - len(l)
			if !strings.HasPrefix(lines[p.line-1][off+p.col-1:], dupKeyNames[k]) {
				t.Fatalf("%s at %d:%d in %q", dupKeyNames[k], p.line, p.col, lines[p.line-1])
			}
		}
	})
}

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
