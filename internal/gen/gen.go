// Package gen generates realistic news articles for tests and benchmarks:
// varied titles (non-ASCII among them), bodies with paragraphs, lists,
// tables, images and links, a few percent of invalid articles and a few
// duplicate ids. Output is deterministic for a given Config.
package gen

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/articlekit/article"
)

// Config says what to generate. The zero Config generates valid-looking
// articles of 2 to 30 paragraphs (about 7 KB on average) with 3% invalid
// ones and 1% duplicate ids.
type Config struct {
	Seed uint64 // seed of the random source

	// MinParagraphs and MaxParagraphs bound the paragraphs of a body;
	// zero means 2 and 30.
	MinParagraphs, MaxParagraphs int

	// Large is the fraction of articles whose body is made large, 30 to
	// 100 KB, with tables and lists; zero means none.
	Large float64

	// Invalid is the fraction of articles with one problem (see Kind);
	// Duplicates the fraction that reuse the article_id (and so the url) of
	// an earlier article. Negative means none; zero means 0.03 and 0.01.
	Invalid, Duplicates float64

	// FirstID is the article_id of the first article; zero means 100000.
	FirstID int64
}

// Kind says what is wrong with a generated article.
type Kind int

const (
	Valid           Kind = iota
	BadDate              // date that Parse refuses
	Unterminated         // no closing +++
	WrongType            // article_id is a string
	MissingTitle         // title is empty
	URLMismatch          // url does not match the permalink
	UnsafeBody           // body with a script and a javascript: link
	HTMLTitle            // title with markup
	DuplicateID          // article_id of an earlier article
	numInvalidKinds = HTMLTitle
)

// ParseFails reports whether Parse refuses articles of kind k.
func (k Kind) ParseFails() bool { return k == BadDate || k == Unterminated || k == WrongType }

func (k Kind) String() string {
	return [...]string{"valid", "bad date", "unterminated", "wrong type", "missing title",
		"url mismatch", "unsafe body", "html title", "duplicate id"}[k]
}

// File is one generated article.
type File struct {
	Path string // relative to the folder given to Write
	Kind Kind
	ID   int64 // article_id
	Dup  int   // for DuplicateID, the index of the file it duplicates
	Size int
}

// Generator makes articles one at a time.
type Generator struct {
	c     Config
	r     *rand.Rand
	n     int
	files []File // the files made so far, without bodies
}

// New returns a generator for c.
func New(c Config) *Generator {
	if c.MinParagraphs <= 0 {
		c.MinParagraphs = 2
	}
	if c.MaxParagraphs < c.MinParagraphs {
		c.MaxParagraphs = max(30, c.MinParagraphs)
	}
	if c.Invalid == 0 {
		c.Invalid = 0.03
	}
	if c.Duplicates == 0 {
		c.Duplicates = 0.01
	}
	if c.FirstID == 0 {
		c.FirstID = 100000
	}
	return &Generator{c: c, r: rand.New(rand.NewPCG(c.Seed, c.Seed^0x9e3779b97f4a7c15))}
}

// Next returns the next article's file description and content. It fails
// only if the article it made does not encode, which is a bug in gen.
func (g *Generator) Next() (File, []byte, error) {
	i := g.n
	g.n++
	r := g.r
	a := &article.Article{
		ArticleID:  g.c.FirstID + int64(i),
		FeedItemID: 5000 + int64(i)*3,
		Date: time.Date(2019+r.IntN(7), time.Month(1+r.IntN(12)), 1+r.IntN(28),
			r.IntN(24), r.IntN(60), r.IntN(60), 0, zones[r.IntN(len(zones))]),
		Source: pick(r, sources),
	}
	a.Title = title(r)
	a.Summary = sentence(r, 12+r.IntN(15))
	a.Description = sentence(r, 8+r.IntN(10))
	host := pick(r, hosts)
	a.SourceLink = "https://" + host + "/news/" + strconv.Itoa(i) + "/" + article.Slugify(a.Title) + "/"
	if r.IntN(4) > 0 {
		a.Enclosure = "https://cdn." + host + "/img/" + strconv.Itoa(i) + ".jpg"
	}
	if r.IntN(3) == 0 {
		a.QRCode = "https://cdn." + host + "/qr/" + strconv.FormatUint(r.Uint64()>>20, 16) + ".webp"
	}
	if r.IntN(10) == 0 {
		a.Params = map[string]any{"tags": []any{pick(r, words), pick(r, words)}}
	}
	large := g.c.Large > 0 && r.Float64() < g.c.Large
	a.Body = body(r, g.c.MinParagraphs, g.c.MaxParagraphs, large)

	f := File{Kind: Valid, ID: a.ArticleID}
	x := r.Float64()
	switch {
	case i > 0 && g.c.Duplicates > 0 && x < g.c.Duplicates:
		f.Kind = DuplicateID
		f.Dup = r.IntN(i)
		orig := g.files[f.Dup]
		for orig.Kind != Valid && f.Dup > 0 { // duplicate a file that parses and has its own id
			f.Dup--
			orig = g.files[f.Dup]
		}
		if orig.Kind != Valid {
			f.Kind = Valid
			break
		}
		a.ArticleID = orig.ID
		f.ID = orig.ID
	case g.c.Invalid > 0 && x < max(g.c.Duplicates, 0)+g.c.Invalid:
		f.Kind = Kind(1 + r.IntN(int(numInvalidKinds)))
	}
	a.URL = a.Permalink()
	switch f.Kind {
	case MissingTitle:
		a.Title = ""
	case URLMismatch:
		a.URL = strings.Replace(a.URL, strconv.FormatInt(a.ArticleID, 10), strconv.FormatInt(a.ArticleID+1, 10), 1)
	case UnsafeBody:
		a.Body += "<p>Click <a href=\"javascript:alert(1)\">here</a><script>steal()</script></p>\n"
	case HTMLTitle:
		a.Title = "<b>" + a.Title + "</b>"
	}
	b, err := a.AppendEncoded(nil)
	if err != nil {
		return f, nil, fmt.Errorf("gen: article %d does not encode: %w", i, err)
	}
	switch f.Kind {
	case BadDate:
		b = replaceLine(b, "date = ", `date = "the 3rd of May"`)
	case Unterminated:
		b = replaceLine(b, "+++", "")
	case WrongType:
		b = replaceLine(b, "article_id = ", `article_id = "`+strconv.FormatInt(a.ArticleID, 10)+`"`)
	}
	f.Path = filepath.Join(a.Date.Format("2006"), a.Date.Format("01"), fmt.Sprintf("%d-%s.md", i, article.Slugify(a.Title)))
	f.Size = len(b)
	g.files = append(g.files, File{Kind: f.Kind, ID: f.ID})
	return f, b, nil
}

// replaceLine replaces the last line of the front matter that starts with
// prefix (the closing +++ for "+++", the key otherwise) by with.
func replaceLine(b []byte, prefix, with string) []byte {
	s := string(b)
	end := strings.Index(s[4:], "\n+++\n") + 4
	i := strings.LastIndex(s[:end+5], "\n"+prefix) + 1
	j := strings.IndexByte(s[i:], '\n') + i
	return []byte(s[:i] + with + s[j:])
}

// Write generates n articles into dir (made if missing), in
// YYYY/MM/ subfolders, and returns their descriptions.
func Write(dir string, n int, c Config) ([]File, error) {
	g := New(c)
	files := make([]File, 0, n)
	made := map[string]bool{}
	for range n {
		f, b, err := g.Next()
		if err != nil {
			return files, err
		}
		p := filepath.Join(dir, f.Path)
		if d := filepath.Dir(p); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return files, err
			}
			made[d] = true
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return files, err
		}
		files = append(files, f)
	}
	return files, nil
}
