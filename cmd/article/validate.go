package main

import (
	"github.com/articlekit/article"
)

// checker holds lint's per-article checks beyond Parse.
type checker struct {
	pattern    *article.Pattern // -pattern, nil for the default
	strictSlug bool             // -strict-slug
}

// newChecker compiles the lint flags into a checker.
func newChecker(pattern string, strictSlug bool) (*checker, error) {
	c := &checker{strictSlug: strictSlug}
	if pattern != "" {
		p, err := article.CompilePattern(pattern)
		if err != nil {
			return nil, err
		}
		c.pattern = p
	}
	return c, nil
}

// check returns the problems of a parsed article a of path.
func (c *checker) check(path string, a *article.Article) []problem {
	return nil
}

// newProblems returns what is wrong with an article made by "article new",
// as "key: message" strings.
func newProblems(a *article.Article) []string {
	return nil
}
