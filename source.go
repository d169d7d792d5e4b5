package article

import (
	"slices"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2/unstable"
)

// source is the record an Article keeps of the file it was parsed from, so
// that positions (validation) and byte spans (lossless encoding) can be
// recovered later, on demand, without Parse paying for them: Parse only
// stores the text it already holds, the layout it already computed, and a
// copy of the schema values it decoded.
//
// Key and value spans are not stored; they are found when needed by
// scanning text[l.fmStart:l.fmEnd] again with go-toml's parser, whose nodes
// carry byte offsets.
//
// The zero source means the Article did not come from Parse (or its source
// was dropped): no positions, canonical encoding.
type source struct {
	text string // the whole file as read; Body is a substring of it
	l    layout // where the delimiters, front matter and body are
	orig schemaValues
	ok   bool // text and l are set

	params bool // Parse filled Params (lossless encoding then compares them)

	// zones is the Decoder's Zones, for Encode's check that an edited file
	// still reads: a date with a zone name reads only with them. (A date
	// Encode writes without an offset reads back in the Location as itself:
	// see wallReadsBack.)
	zones map[string]*time.Location
}

// schemaValues holds the twelve schema fields as Parse decoded them, to tell
// which fields the caller changed since.
type schemaValues struct {
	title, summary, description, sourceLink, enclosure, url, qrcode, source string

	date                  time.Time
	draft                 bool
	articleID, feedItemID int64
}

// schemaOf returns a's schema field values.
func schemaOf(a *Article) schemaValues {
	return schemaValues{
		title: a.Title, summary: a.Summary, description: a.Description,
		sourceLink: a.SourceLink, enclosure: a.Enclosure, url: a.URL,
		qrcode: a.QRCode, source: a.Source, date: a.Date, draft: a.Draft,
		articleID: a.ArticleID, feedItemID: a.FeedItemID,
	}
}

// setSource records text and l as a's source, read by d, with a's current
// schema values as the parsed ones. It allocates nothing.
func (a *Article) setSource(d Decoder, text string, l layout) {
	a.src = source{text: text, l: l, orig: schemaOf(a), ok: true, params: len(a.Params) > 0, zones: d.Zones}
}

// A span is a range of byte offsets in the file, start included, end not.
type span struct{ start, end int }

// A keySpan locates one top-level key of the front matter: the text of the
// key (its first part, for a dotted key or a table header) and, for a
// "key = value" line, the text of the value. Offsets count from the top of
// the file.
type keySpan struct {
	name  string // the key, unquoted (first part of a dotted key)
	key   span   // the key as written, quotes included
	value span   // the value as written; zero for tables and dotted keys
}

// keys scans the front matter again with go-toml's parser and returns its
// top-level keys in file order, each once (at its first occurrence).
// Nothing is cached: this runs only when a position is needed, and costs
// one parse of the front matter. It returns nil for an Article that did not
// come from Parse.
//
// Its memory is the list it returns and a copy of the front matter for
// the parser: names are substrings of the text where they are written as
// they read, and a key repeated later (the "a" of [a.b] and [a.c]) is
// dropped after a sort of the list's indices, not tracked in a set (on a
// file of many small tables, a set of the names costs more than the list).
func (s *source) keys() []keySpan {
	if !s.ok || s.l.fmStart > s.l.fmEnd || s.l.fmEnd > len(s.text) {
		return nil
	}
	str := s.text[s.l.fmStart:s.l.fmEnd]
	fm := []byte(str)
	var p unstable.Parser
	p.Reset(fm)
	// A key takes four bytes at least ("a=1\n", "[a]\n"): a list sized
	// from a misleading hint stays within twelve times the front matter.
	out := make([]keySpan, 0, min(topKeysHint(str), len(str)/4+1))
	inTable := false // after a table header, key = value lines belong to it
	for p.NextExpression() {
		e := p.Expression()
		keys := e.Key()
		if !keys.Next() {
			continue
		}
		first := keys.Node()
		table := e.Kind == unstable.Table || e.Kind == unstable.ArrayTable
		if table {
			inTable = true
		} else if inTable {
			continue
		}
		raw := str[first.Raw.Offset : first.Raw.Offset+first.Raw.Length]
		if len(out) > 0 && out[len(out)-1].name == string(first.Data) {
			continue // the same table again
		}
		name := raw
		if raw != string(first.Data) {
			if len(raw) >= 2 && raw[1:len(raw)-1] == string(first.Data) {
				name = raw[1 : len(raw)-1]
			} else {
				name = string(first.Data)
			}
		}
		k := keySpan{name: name, key: s.fmSpan(first.Raw)}
		if e.Kind == unstable.KeyValue && keys.IsLast() {
			k.value = s.valueSpan(e, k.key)
		}
		out = append(out, k)
	}
	// A syntax error cannot happen for text that Parse accepted; whatever
	// was found before one is still right.
	return firstOccurrences(out)
}

// topKeysHint estimates the number of top-level keys of the front matter
// fm, to size keys' list once: the "=" before the first header, and the
// header lines whose first key (as far as a quick look tells) differs from
// the previous header's.
func topKeysHint(fm string) int {
	n := sectionKeys(fm, 0)
	prev := ""
	for i := 0; i < len(fm); {
		line := fm[i:]
		if j := strings.IndexByte(line, '\n'); j >= 0 {
			line = line[:j]
			i += j + 1
		} else {
			i = len(fm)
		}
		line = strings.TrimLeft(line, " \t")
		if !strings.HasPrefix(line, "[") {
			continue
		}
		line = strings.TrimLeft(line, "[ \t")
		if j := strings.IndexAny(line, ".] \t"); j >= 0 {
			line = line[:j]
		}
		if line != prev {
			n++
			prev = line
		}
	}
	return n
}

// firstOccurrences drops from keys every key whose name came before,
// keeping the order.
func firstOccurrences(keys []keySpan) []keySpan {
	if len(keys) < 2 {
		return keys
	}
	idx := make([]int32, len(keys))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortStableFunc(idx, func(i, j int32) int { return strings.Compare(keys[i].name, keys[j].name) })
	drop := make([]bool, len(keys))
	for i := 1; i < len(idx); i++ {
		if keys[idx[i]].name == keys[idx[i-1]].name {
			drop[idx[i]] = true // the stable sort keeps file order among equals
		}
	}
	n := 0
	for i := range keys {
		if !drop[i] {
			keys[n] = keys[i]
			n++
		}
	}
	clear(keys[n:])
	return keys[:n]
}

// valueSpan returns the span of the value of the key = value expression e
// whose key is at key. Arrays and inline tables have no range of their own
// in go-toml's tree: theirs runs from after the "=" to the end of the
// expression.
func (s *source) valueSpan(e *unstable.Node, key span) span {
	if v := e.Value(); v != nil && v.Raw.Length > 0 && v.Kind != unstable.InlineTable {
		return s.fmSpan(v.Raw)
	}
	end := s.fmSpan(e.Raw).end
	i := key.end
	for i < end && (s.text[i] == ' ' || s.text[i] == '\t') {
		i++
	}
	if i < end && s.text[i] == '=' {
		i++
	}
	for i < end && (s.text[i] == ' ' || s.text[i] == '\t') {
		i++
	}
	return span{i, end}
}

// fmSpan converts a range of the front matter into file offsets.
func (s *source) fmSpan(r unstable.Range) span {
	start := s.l.fmStart + int(r.Offset)
	return span{start, start + int(r.Length)}
}

// textPos converts increasing byte offsets of a text into 1-based lines
// and byte columns in one sweep. Lines end at "\n" (so "\r\n" too); a byte
// order mark is part of line 1.
type textPos struct {
	text           string
	off, line, bol int // bol: offset of the start of the line
}

// at returns the line and column of off, which must not be smaller than
// the previous off.
func (c *textPos) at(off int) (line, col int) {
	off = min(max(off, c.off), len(c.text))
	for {
		i := strings.IndexByte(c.text[c.off:off], '\n')
		if i < 0 {
			break
		}
		c.line++
		c.off += i + 1
		c.bol = c.off
	}
	c.off = off
	return c.line + 1, off - c.bol + 1
}

// BodyPosition converts off, a byte offset in a.Body (such as
// [Change.Offset] from a report on a.Body), into the 1-based line and byte
// column of the same place in the file a was parsed from, counted from the
// top of the file as in [ParseError]. ok is false, and line and col are 0,
// when a did not come from Parse (or its source was dropped), when Body was
// changed since, or when off is outside Body.
func (a *Article) BodyPosition(off int) (line, col int, ok bool) {
	s := &a.src
	if !s.ok || off < 0 || off > len(a.Body) || s.l.body > len(s.text) || s.text[s.l.body:] != a.Body {
		return 0, 0, false
	}
	c := textPos{text: s.text}
	line, col = c.at(s.l.body + off)
	return line, col, true
}
