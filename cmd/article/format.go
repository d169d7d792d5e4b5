package main

import (
	"bytes"

	"github.com/articlekit/article"
)

// formatSource returns the article in src in the canonical layout.
func formatSource(src []byte) ([]byte, error) {
	a, err := article.Parse(bytes.NewReader(src))
	if err != nil {
		return nil, err
	}
	// A new Article holding only the exported fields has no source, so it
	// encodes in the canonical layout.
	c := article.Article{
		Title: a.Title, Date: a.Date, Draft: a.Draft, Summary: a.Summary,
		Description: a.Description, SourceLink: a.SourceLink, Enclosure: a.Enclosure,
		ArticleID: a.ArticleID, FeedItemID: a.FeedItemID, URL: a.URL, QRCode: a.QRCode,
		Source: a.Source, Params: a.Params, Body: a.Body,
	}
	return c.AppendEncoded(make([]byte, 0, len(src)+64))
}
