package main

import (
	"net/url"
	"strings"

	"github.com/articlekit/article"
)

// validate returns the problems that keep a from being published.
func validate(a *article.Article) []string {
	var ps []string
	if a.Title == "" {
		ps = append(ps, "title: required")
	} else if strings.ContainsAny(a.Title, "<>") {
		ps = append(ps, "title: holds HTML markup")
	}
	if a.Date.IsZero() {
		ps = append(ps, "date: required")
	}
	for _, f := range []struct{ key, val string }{{"source_link", a.SourceLink}, {"enclosure", a.Enclosure}} {
		if f.val == "" {
			continue
		}
		if u, err := url.Parse(f.val); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			ps = append(ps, f.key+": not an absolute http or https URL")
		}
	}
	if strings.TrimSpace(a.Body) == "" {
		ps = append(ps, "body: empty")
	}
	return ps
}
