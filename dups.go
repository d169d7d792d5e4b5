package article

import (
	"hash/maphash"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/articlekit/article/internal/safetext"
)

// UniqueKey is one value of an article that must be unique across a
// collection of articles.
type UniqueKey struct {
	Key          string // "article_id", "url" or "feed_item_id"
	Value        string // as written in messages: the id's digits, or the url quoted (strconv.Quote)
	Line, Column int    // where the key is written in the file (1-based; 0 when unknown)
}

// The keys whose values must be unique across a collection, in the order
// UniqueKeys returns them.
const (
	uniqueArticleID = iota
	uniqueURL
	uniqueFeedItemID
	numUniqueKeys
)

var uniqueKeyNames = [numUniqueKeys]string{"article_id", "url", "feed_item_id"}

// UniqueKeys returns a's unique-valued keys, article_id, url and
// feed_item_id in that order; a zero id or an empty url is absent, not a
// value, and is left out. It returns nil for a nil a.
//
// For an Article from [Parse], Line and Column locate the key's text in the
// file (as [FieldError] does: the first character of the key, quotes
// included, counted from the top of the file); they are 0 for an Article
// built in code and for a field changed since it was parsed. UniqueKeys only reads a, so it may run on
// many goroutines at once, each on its own Article, before the keys go to
// one [DuplicateFinder].
func UniqueKeys(a *Article) []UniqueKey {
	if a == nil {
		return nil
	}
	var ks []UniqueKey
	var unchanged [numUniqueKeys]bool
	o := &a.src.orig
	if a.ArticleID != 0 {
		unchanged[len(ks)] = a.ArticleID == o.articleID
		ks = append(ks, UniqueKey{Key: uniqueKeyNames[uniqueArticleID], Value: strconv.FormatInt(a.ArticleID, 10)})
	}
	if a.URL != "" {
		unchanged[len(ks)] = a.URL == o.url
		ks = append(ks, UniqueKey{Key: uniqueKeyNames[uniqueURL], Value: strconv.Quote(a.URL)})
	}
	if a.FeedItemID != 0 {
		unchanged[len(ks)] = a.FeedItemID == o.feedItemID
		ks = append(ks, UniqueKey{Key: uniqueKeyNames[uniqueFeedItemID], Value: strconv.FormatInt(a.FeedItemID, 10)})
	}
	if len(ks) == 0 || !a.src.ok {
		return ks
	}
	offs := a.src.uniqueKeyOffsets(ks, unchanged[:len(ks)])
	for i, off := range offs {
		if off >= 0 {
			tp := textPos{text: a.src.text}
			ks[i].Line, ks[i].Column = tp.at(off)
		}
	}
	return ks
}

// uniqueKeyOffsets returns the file offset of the text of each key of ks
// whose value is unchanged, or -1. A line scan finds bare keys written
// "key = value" at the start of a line before the first table (as almost
// every file writes them) without parsing the front matter again, at a
// fraction of the cost of [source.keys]. The scan is sound only where no
// string spans lines, so it runs only on front matter without a
// multi-line string; keys() finds whatever it does not.
func (s *source) uniqueKeyOffsets(ks []UniqueKey, unchanged []bool) []int {
	offs := make([]int, len(ks))
	fm := ""
	if s.l.fmStart <= s.l.fmEnd && s.l.fmEnd <= len(s.text) {
		fm = s.text[s.l.fmStart:s.l.fmEnd]
	}
	scan := !strings.Contains(fm, `"""`) && !strings.Contains(fm, `'''`)
	missing := false
	for i, k := range ks {
		offs[i] = -1
		if !unchanged[i] {
			continue
		}
		if scan {
			if off := bareKeyOffset(fm, k.Key); off >= 0 {
				offs[i] = s.l.fmStart + off
				continue
			}
		}
		missing = true
	}
	if !missing {
		return offs
	}
	spans := s.keys()
	for i, k := range ks {
		if !unchanged[i] || offs[i] >= 0 {
			continue
		}
		for _, sp := range spans {
			if sp.name == k.Key {
				offs[i] = sp.key.start
				break
			}
		}
	}
	return offs
}

// bareKeyOffset returns the offset in fm of name on the first line that
// starts, after blanks, with name followed by blanks and "=", before any
// line that starts with "["; or -1.
func bareKeyOffset(fm, name string) int {
	for pos := 0; pos < len(fm); {
		line := fm[pos:]
		if i := strings.IndexByte(line, '\n'); i >= 0 {
			line = line[:i]
		}
		t := strings.TrimLeft(line, " \t")
		if strings.HasPrefix(t, "[") {
			return -1 // a table, or the next line of an array: the scan stops
		}
		if rest, ok := strings.CutPrefix(t, name); ok {
			if r := strings.TrimLeft(rest, " \t"); strings.HasPrefix(r, "=") {
				return pos + len(line) - len(t)
			}
		}
		pos += len(line) + 1
	}
	return -1
}

// DuplicateFinder finds values of article_id, url and feed_item_id held by
// more than one article. The zero value is ready to use. Not safe for
// concurrent use.
//
// It keeps, per value, 16 bytes in a map (the value as a 64-bit key, and
// where it was first seen), not the strings, and each path once, compactly.
// An id is its own key; a url (and any other value given to AddKeys) is
// known by a 64-bit hash ([hash/maphash], seeded afresh for each
// DuplicateFinder), so two different values are taken for one with a
// probability of about n²/2⁶⁵ for n values of a key: 2.7·10⁻⁸ for a million
// articles. A position past line 1,048,575 or column 4,095 is kept as 0
// (unknown).
type DuplicateFinder struct {
	seed  maphash.Seed
	first [numUniqueKeys]map[uint64]uint64 // value → path index<<32 | line<<12 | column
	other map[string]map[uint64]uint64     // keys outside the three (AddKeys)
	paths pathList
}

// Add records the article read from path and returns the duplicates it
// makes with articles added before: for each value already seen, one
// Duplicate at this file naming the first file that held the value, and one
// at that first file naming this one. Absent keys (a zero id, an empty url)
// are never duplicates. Add each path once; a nil a is recorded with no
// keys.
func (f *DuplicateFinder) Add(path string, a *Article) []Duplicate {
	return f.AddKeys(path, UniqueKeys(a))
}

// AddKeys is Add for keys extracted elsewhere (a distributed pipeline
// groups them itself), such as by [UniqueKeys]. Values are compared per
// key: an article_id and a feed_item_id with the same digits are not
// duplicates. Keys other than the three of the schema are compared the same
// way; a key with an empty Value is skipped, as absent.
func (f *DuplicateFinder) AddKeys(path string, keys []UniqueKey) []Duplicate {
	file := f.paths.add(path)
	var ds []Duplicate
	for _, k := range keys {
		if k.Value == "" {
			continue
		}
		m := f.index(k.Key)
		v := f.key(k)
		line, col := k.Line, k.Column
		if line <= 0 || line >= 1<<20 || col <= 0 || col >= 1<<12 {
			line, col = 0, 0
		}
		prev, seen := m[v]
		if !seen {
			m[v] = uint64(file)<<32 | uint64(line)<<12 | uint64(col)
			continue
		}
		pf, pl, pc := int(prev>>32), int(prev>>12&(1<<20-1)), int(prev&(1<<12-1))
		other := f.paths.get(pf)
		ds = append(ds,
			Duplicate{Path: path, Line: line, Column: col, Key: k.Key, Value: k.Value, Other: other},
			Duplicate{Path: other, Line: pl, Column: pc, Key: k.Key, Value: k.Value, Other: path},
		)
	}
	return ds
}

// index returns the map of the values of key, making it if needed.
func (f *DuplicateFinder) index(key string) map[uint64]uint64 {
	for i, name := range uniqueKeyNames {
		if key == name {
			if f.first[i] == nil {
				f.first[i] = make(map[uint64]uint64)
			}
			return f.first[i]
		}
	}
	if f.other == nil {
		f.other = make(map[string]map[uint64]uint64)
	}
	m := f.other[key]
	if m == nil {
		m = make(map[uint64]uint64)
		f.other[key] = m
	}
	return m
}

// key returns the 64-bit key of k's value: an id's digits as a number, any
// other value hashed.
func (f *DuplicateFinder) key(k UniqueKey) uint64 {
	if k.Key == uniqueKeyNames[uniqueArticleID] || k.Key == uniqueKeyNames[uniqueFeedItemID] {
		if n, err := strconv.ParseInt(k.Value, 10, 64); err == nil {
			return uint64(n)
		}
	}
	if f.seed == (maphash.Seed{}) {
		f.seed = maphash.MakeSeed()
	}
	return maphash.String(f.seed, k.Value)
}

// Duplicate is one problem found by a [DuplicateFinder]: Path holds
// Key=Value, and so does Other. Line and Column locate the key in Path (0
// when unknown).
type Duplicate struct {
	Path         string
	Line, Column int
	Key, Value   string
	Other        string
}

// Error returns "LINE:COL: KEY: duplicate KEY VALUE, also in OTHER", or
// without "LINE:COL: " when the position is unknown: the format of
// [FieldError], without the path, which the caller prefixes as it likes.
func (d Duplicate) Error() string {
	return formatProblem(d.Line, d.Column, d.Key, duplicateMsg(d))
}

// duplicateMsg is the message of d, an error so as to share formatProblem.
type duplicateMsg Duplicate

func (d duplicateMsg) Error() string {
	return "duplicate " + d.Key + " " + d.Value + ", also in " + safetext.Quote(d.Other)
}

// pathList stores many paths compactly, for an index per path: each
// directory once when paths come grouped by directory (as from a walk), and
// the base names in chunks of 64 KiB that are never copied as the list
// grows, so that its memory is the size of the names and not twice that.
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
