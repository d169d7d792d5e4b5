package main

import (
	"bytes"
	"unicode/utf8"

	protocol "github.com/tliron/glsp/protocol_3_16"
)

// lineIndex converts between byte offsets in a document and protocol
// positions: a 0-based line and a character counted in UTF-16 code units
// (the protocol's default) or in bytes (when the client chose UTF-8).
//
// Lines end at "\n", as the library counts them; a "\r" before it belongs
// to the line break, not to the line, so a CRLF file has the same columns as
// the LF one.
type lineIndex struct {
	text   []byte
	starts []int // byte offset of each line's start
	utf8   bool
}

func newLineIndex(text []byte, utf8 bool) *lineIndex {
	x := &lineIndex{text: text, utf8: utf8, starts: make([]int, 1, bytes.Count(text, []byte("\n"))+1)}
	for i := 0; ; {
		j := bytes.IndexByte(text[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		x.starts = append(x.starts, i)
	}
	return x
}

// lineEnd returns the offset where line l's content ends (before its "\n"
// or "\r\n").
func (x *lineIndex) lineEnd(l int) int {
	end := len(x.text)
	if l+1 < len(x.starts) {
		end = x.starts[l+1] - 1
		if end > x.starts[l] && x.text[end-1] == '\r' {
			end--
		}
	}
	return end
}

// position returns the protocol position of byte offset off (clamped to
// the document).
func (x *lineIndex) position(off int) protocol.Position {
	off = min(max(off, 0), len(x.text))
	l := lineOf(x.starts, off)
	start := x.starts[l]
	off = min(off, x.lineEnd(l)) // inside a line break: its start
	return protocol.Position{Line: protocol.UInteger(l), Character: protocol.UInteger(x.units(x.text[start:off]))}
}

// units counts b in the client's encoding.
func (x *lineIndex) units(b []byte) int {
	if x.utf8 {
		return len(b)
	}
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		n++
		if r >= 0x10000 {
			n++ // a surrogate pair
		}
	}
	return n
}

// offset returns the byte offset of position p. A line past the end is the
// end of the document; a character past the end of its line is the end of
// the line, as the protocol says. A character inside a UTF-16 surrogate
// pair is taken to the character's start.
func (x *lineIndex) offset(p protocol.Position) int {
	l := int(p.Line)
	if l >= len(x.starts) {
		return len(x.text)
	}
	start, end := x.starts[l], x.lineEnd(l)
	want := int(p.Character)
	if x.utf8 {
		off := min(start+want, end)
		for off > start && off < end && !utf8.RuneStart(x.text[off]) {
			off--
		}
		return off
	}
	off, n := start, 0
	for off < end {
		r, size := utf8.DecodeRune(x.text[off:end])
		w := 1
		if r >= 0x10000 {
			w = 2
		}
		if n+w > want {
			break
		}
		n += w
		off += size
	}
	return off
}

// rangeOf returns the protocol range of the bytes [start, end).
func (x *lineIndex) rangeOf(start, end int) protocol.Range {
	return protocol.Range{Start: x.position(start), End: x.position(end)}
}

// lineOf returns the index of the line that holds offset off.
func lineOf(starts []int, off int) int {
	lo, hi := 0, len(starts)-1
	for lo < hi {
		m := (lo + hi + 1) / 2
		if starts[m] <= off {
			lo = m
		} else {
			hi = m - 1
		}
	}
	return lo
}

// lineColOffset returns the byte offset of a 1-based line and byte column
// as the library reports them (column 0 is the line's start), clamped to
// the document.
func (x *lineIndex) lineColOffset(line, col int) int {
	if line < 1 {
		return 0
	}
	if line > len(x.starts) {
		return len(x.text)
	}
	start := x.starts[line-1]
	return min(start+max(col-1, 0), x.lineEnd(line-1))
}
