// Command translit shows a Slugger that spells every script in Latin
// letters, using github.com/gosimple/unidecode as its transliterator.
//
// Package article itself only spells Latin, Greek and Cyrillic, and drops
// the letters of other scripts; it has no dependency on unidecode. A program
// that wants Chinese, Japanese, Korean, Arabic, Hebrew or Indic titles
// spelled out plugs a transliterator into an article.Slugger, as here.
// unidecode decompresses a table of about 0.7 MiB on first use and spells
// Japanese kanji with Mandarin readings, which is why that choice is left to
// the program.
//
// Run it with: go run . ["title" ...]
package main

import (
	"fmt"
	"os"
	"time"

	"github.com/articlekit/article"
	"github.com/gosimple/unidecode"
)

func main() {
	titles := os.Args[1:]
	if len(titles) == 0 {
		titles = []string{
			"東京 Stock Exchange 日経平均 Hits Record",
			"北京 news",
			"서울 Unveils Chip Plan",
			"مرحبا World",
			"नमस्ते India",
			"Москва: новости дня",
			"Zürich Straße",
		}
	}

	// unidecode.Unidecode has the signature Slugger.Transliterate wants. It
	// only sees the runs of letters that the built-in rules do not cover.
	slugger := article.Slugger{Transliterate: unidecode.Unidecode}

	// The same Slugger makes the :slug of a permalink pattern.
	pattern := article.MustCompilePattern(article.DefaultPattern)
	pattern.Slugger = slugger

	for i, title := range titles {
		a := &article.Article{
			Title:     title,
			Date:      time.Date(2025, 7, 24, 14, 10, 31, 0, time.UTC),
			ArticleID: int64(116410 + i),
		}
		fmt.Printf("%s\n  Slugify:   %q\n  unidecode: %q\n  permalink: %s\n",
			title, article.Slugify(title), slugger.Slug(title), pattern.Expand(a))
	}
}
