package main

import (
	"github.com/articlekit/article"
	"github.com/articlekit/article/internal/safetext"
)

// checker holds lint's per-article checks beyond Parse: the library's
// Validator, configured by the flags.
type checker struct {
	v article.Validator
}

// newChecker compiles the lint flags into a checker.
func newChecker(pattern string, strictSlug bool) (*checker, error) {
	c := &checker{v: article.Validator{StrictSlug: strictSlug}}
	if pattern != "" {
		p, err := article.CompilePattern(pattern)
		if err != nil {
			return nil, err
		}
		c.v.Pattern = p
	}
	return c, nil
}

// check returns the problems Validate finds in a, parsed from path
// (whose text src places the problems of absent keys).
func (c *checker) check(path string, src []byte, a *article.Article) []problem {
	return problemsOf(path, src, c.v.Validate(a))
}

// newProblems returns what v finds wrong with an article made by
// "article new", as "key: message" strings.
func newProblems(v *article.Validator, a *article.Article) []string {
	var ps []string
	for _, p := range problemsOf("", nil, v.Validate(a)) {
		s := safetext.Escape(p.Message)
		if p.Key != "" {
			s = safetext.Escape(p.Key) + ": " + s
		}
		ps = append(ps, s)
	}
	return ps
}
