package main

import (
	"bufio"
	"fmt"
	"time"

	"github.com/articlekit/article"
)

const newSynopsis = "article new -title T -id N [-date D] [-source S] [-source-link U] [-feed-item-id N] [-location Z] [-zones rfc822] [-max-future D] [-o FILE]"

const newDescription = `
New prints a new article in the canonical layout, ready to edit: every
schema key, its url derived from the date, the id and the title by the
default permalink pattern, and an empty paragraph as its body. The date
defaults to now, in UTC, to the second; -date accepts RFC 3339 and the other
forms the date key accepts ("2025-07-24", RFC 1123 with GMT or an offset, …),
read in -location when it has no offset. A date in the future is accepted
(a scheduled article) unless -max-future is set. The article is checked as
lint checks it; if anything is wrong, nothing is printed or written. With
-o it is written to FILE (atomically; an existing FILE is replaced, keeping
its mode) instead of standard output.`

const newExample = `  $ article new -title "Night Trains Return to the Alps" -id 120450 -date 2025-11-03T07:00:00+01:00 > night-trains.md
  $ head -3 night-trains.md
  +++
  title = "Night Trains Return to the Alps"
  date = "2025-11-03T07:00:00+01:00"`

// newBody is the body of a new article: a paragraph to write in.
const newBody = "<p></p>\n"

func runNew(e *env, args []string) int {
	fs := newFlags(e, "new", newSynopsis, newDescription, newExample)
	title := fs.String("title", "", "headline (required)")
	id := fs.Int64("id", 0, "article_id, a positive integer (required)")
	date := fs.String("date", "", "publication date (default now, UTC)")
	source := fs.String("source", "", "name of the publisher")
	sourceLink := fs.String("source-link", "", "URL of the original item")
	feedItemID := fs.Int64("feed-item-id", 0, "feed_item_id, the id of the feed item")
	output := fs.String("o", "", "write the article to `FILE` instead of standard output")
	df := addDateFlags(fs, true, -1)
	if done, status := parseFlags(e, fs, args); done {
		return status
	}
	switch {
	case fs.NArg() > 0:
		return usageError(e, fs, fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
	case *title == "":
		return usageError(e, fs, "-title is required")
	case *id <= 0:
		return usageError(e, fs, "-id is required and must be positive")
	case *feedItemID < 0:
		return usageError(e, fs, "-feed-item-id must not be negative")
	}
	dec, err := df.decoder()
	if err != nil {
		return usageError(e, fs, err.Error())
	}
	a := &article.Article{
		Title:      *title,
		ArticleID:  *id,
		FeedItemID: *feedItemID,
		Source:     *source,
		SourceLink: *sourceLink,
		Body:       newBody,
	}
	if *date == "" {
		a.Date = time.Now().UTC().Truncate(time.Second)
	} else {
		d, err := dec.ParseDate(*date)
		if err != nil {
			return usageError(e, fs, "-date: "+hinted(err.Error()))
		}
		a.Date = d
	}
	a.URL = a.Permalink()
	v := &article.Validator{MaxFuture: df.validatorMaxFuture()}
	if ps := newProblems(v, a); len(ps) > 0 {
		for _, p := range ps {
			fmt.Fprintf(e.stderr, "article new: %s\n", p)
		}
		return exitError
	}
	if *output != "" {
		if err := a.WriteFile(*output); err != nil {
			fmt.Fprintf(e.stderr, "article new: %s\n", errorText(err))
			return exitError
		}
		return exitOK
	}
	w := bufio.NewWriter(e.stdout)
	if err := a.Encode(w); err != nil {
		fmt.Fprintf(e.stderr, "article new: %v\n", err)
		return exitError
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintf(e.stderr, "article new: %v\n", err)
		return exitError
	}
	return exitOK
}
