package main

import (
	"testing"
	"unicode/utf8"

	protocol "github.com/tliron/glsp/protocol_3_16"
)

// FuzzLSPPositions checks the conversions between byte offsets and protocol
// positions on any text: a position maps back to the offset it came from
// (for an offset at the start of a character, outside a line break) in
// both encodings, any position maps into the text, and the span of any
// problem lies inside the text.
func FuzzLSPPositions(f *testing.F) {
	f.Add([]byte("+++\ntitle = \"Caf\u00e9 😀\"\r\n+++\n\n<p>😀 <b>x</b></p>"), 12, uint32(1), uint32(9), 3, 2)
	f.Add([]byte("\r\n\r\n"), 1, uint32(0), uint32(5), 0, 0)
	f.Add([]byte("a\xffb\xf0\x9f\n"), 2, uint32(0), uint32(2), 1, 3)
	f.Fuzz(func(t *testing.T, text []byte, off int, line, char uint32, pline, pcol int) {
		if len(text) == 0 {
			return
		}
		off = int(uint(off) % uint(len(text)+1))
		for _, u8 := range []bool{false, true} {
			x := newLineIndex(text, u8)
			p := x.position(off)
			back := x.offset(p)
			atRuneStart := off == len(text) || utf8.RuneStart(text[off]) && utf8.FullRune(text[off:])
			inBreak := off < len(text) && (text[off] == '\n' || text[off] == '\r' && off+1 < len(text) && text[off+1] == '\n')
			if atRuneStart && !inBreak && back != off && validBefore(text, off) {
				t.Fatalf("utf8=%v: offset %d → %+v → %d", u8, off, p, back)
			}
			got := x.offset(protocol.Position{Line: line, Character: char})
			if got < 0 || got > len(text) {
				t.Fatalf("position %d:%d → offset %d outside 0..%d", line, char, got, len(text))
			}
			start, end := problemSpan(text, x, problem{Line: pline, Column: pcol, Key: "body"})
			if start < 0 || end < start || end > len(text) {
				t.Fatalf("span of %d:%d: %d..%d of %d", pline, pcol, start, end, len(text))
			}
		}
	})
}

// validBefore reports whether the line of off is valid UTF-8 up to off
// (an invalid byte counts as one unit either way, but a truncated
// sequence may swallow the next character's start).
func validBefore(text []byte, off int) bool {
	start := off
	for start > 0 && text[start-1] != '\n' {
		start--
	}
	return utf8.Valid(text[start:off])
}
