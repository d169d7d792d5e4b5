package main

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"path/filepath"
	"strconv"

	"github.com/articlekit/article"
)

// The keys whose values must be unique across a tree.
const (
	keyArticleID = iota
	keyURL
	keyFeedItemID
	numDupKeys
)

var dupKeyNames = [numDupKeys]string{"article_id", "url", "feed_item_id"}

// dupKeys holds the values of one article that must be unique, as 64-bit
// keys (the ids themselves; a hash of the url), with the position of each
// key in the file.
type dupKeys struct {
	set  [numDupKeys]bool
	val  [numDupKeys]uint64
	text [numDupKeys]string // the value as written in a message
	pos  [numDupKeys]pos
}

type pos struct{ line, col int }

// keysOf returns the unique-valued keys of a, parsed from head (the bytes
// before its body). Zero ids and an empty url are absent, not values.
func keysOf(seed maphash.Seed, a *article.Article, head []byte) dupKeys {
	var k dupKeys
	if a.ArticleID != 0 {
		k.set[keyArticleID] = true
		k.val[keyArticleID] = uint64(a.ArticleID)
		k.text[keyArticleID] = strconv.FormatInt(a.ArticleID, 10)
	}
	if a.URL != "" {
		k.set[keyURL] = true
		k.val[keyURL] = maphash.String(seed, a.URL)
		k.text[keyURL] = strconv.Quote(a.URL)
	}
	if a.FeedItemID != 0 {
		k.set[keyFeedItemID] = true
		k.val[keyFeedItemID] = uint64(a.FeedItemID)
		k.text[keyFeedItemID] = strconv.FormatInt(a.FeedItemID, 10)
	}
	k.pos = keyPositions(head)
	return k
}

// keyPositions finds the lines of the top-level keys article_id, url and
// feed_item_id in the front matter head, written as bare keys. A key
// written otherwise (quoted, dotted) is left without a position.
//
// The library has no exported way to ask where a key is: Validate's
// FieldErrors carry positions only for problems it finds itself.
func keyPositions(head []byte) [numDupKeys]pos {
	var ps [numDupKeys]pos
	line, opened := 0, false
	for len(head) > 0 {
		line++
		i := bytes.IndexByte(head, '\n')
		var l []byte
		if i < 0 {
			l, head = head, nil
		} else {
			l, head = head[:i], head[i+1:]
		}
		if line == 1 {
			l = bytes.TrimPrefix(l, []byte("\xef\xbb\xbf"))
		}
		t := bytes.TrimRight(l, " \t\r")
		if string(t) == "+++" {
			if opened {
				break
			}
			opened = true
			continue
		}
		if !opened {
			continue
		}
		trimmed := bytes.TrimLeft(t, " \t")
		if len(trimmed) > 0 && trimmed[0] == '[' {
			break // a table: the keys after it are not top-level
		}
		for k, name := range dupKeyNames {
			if rest, ok := bytes.CutPrefix(trimmed, []byte(name)); ok {
				if r := bytes.TrimLeft(rest, " \t"); len(r) > 0 && r[0] == '=' {
					ps[k] = pos{line, len(t) - len(trimmed) + 1}
				}
			}
		}
	}
	return ps
}

// dupIndex finds values of article_id, url and feed_item_id held by more
// than one file. It keeps, per value, 16 bytes in a map (the value or its
// hash, and where it was first seen), not the strings: a url is known by a
// 64-bit hash, so two different urls are taken for one with a probability of
// about n²/2⁶⁵ (10⁻⁹ for a million articles).
type dupIndex struct {
	first [numDupKeys]map[uint64]uint64 // value → file index<<32 | line<<12 | column
	files *pathList
}

func newDupIndex(files *pathList) *dupIndex {
	d := &dupIndex{files: files}
	for i := range d.first {
		d.first[i] = make(map[uint64]uint64)
	}
	return d
}

// add records the keys of the file with index file and returns the
// problems they make: for each value already seen, one at this file naming
// the first file that held it, and one at that first file naming this one.
func (d *dupIndex) add(file int, k *dupKeys) []problem {
	var ps []problem
	for i := range numDupKeys {
		if !k.set[i] {
			continue
		}
		p := k.pos[i]
		packed := uint64(file)<<32 | uint64(min(p.line, 1<<20-1))<<12 | uint64(min(p.col, 1<<12-1))
		prev, seen := d.first[i][k.val[i]]
		if !seen {
			d.first[i][k.val[i]] = packed
			continue
		}
		pf, pl, pc := int(prev>>32), int(prev>>12&(1<<20-1)), int(prev&(1<<12-1))
		name := dupKeyNames[i]
		ps = append(ps,
			problem{Path: d.files.get(file), Line: p.line, Column: p.col, Key: name,
				Msg: fmt.Sprintf("duplicate %s %s, also in %s", name, k.text[i], displayName(d.files.get(pf)))},
			problem{Path: d.files.get(pf), Line: pl, Column: pc, Key: name,
				Msg: fmt.Sprintf("duplicate %s %s, also in %s", name, k.text[i], displayName(d.files.get(file)))},
		)
	}
	return ps
}

// pathList stores many paths compactly, for an index per file: each
// directory once (files come from a walk, grouped by directory), and the
// base names in chunks of 64 KiB that are never copied as the list grows,
// so that its memory is the size of the names and not twice that.
type pathList struct {
	dirs   []string
	chunks [][]byte
	files  []pathRef
}

type pathRef struct {
	dir, chunk, start, end uint32
}

const pathChunk = 64 << 10

func (l *pathList) add(p string) int {
	dir, base := filepath.Split(p)
	if len(l.dirs) == 0 || l.dirs[len(l.dirs)-1] != dir {
		l.dirs = append(l.dirs, dir)
	}
	if len(l.chunks) == 0 || len(l.chunks[len(l.chunks)-1])+len(base) > pathChunk {
		l.chunks = append(l.chunks, make([]byte, 0, max(pathChunk, len(base))))
	}
	c := &l.chunks[len(l.chunks)-1]
	start := len(*c)
	*c = append(*c, base...)
	l.files = append(l.files, pathRef{uint32(len(l.dirs) - 1), uint32(len(l.chunks) - 1), uint32(start), uint32(len(*c))})
	return len(l.files) - 1
}

func (l *pathList) get(i int) string {
	r := l.files[i]
	return l.dirs[r.dir] + string(l.chunks[r.chunk][r.start:r.end])
}
