package main

import (
	"errors"

	"github.com/articlekit/article"
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

// check returns the problems Validate finds in a, parsed from path.
func (c *checker) check(path string, a *article.Article) []problem {
	return validationProblems(path, c.v.Validate(a))
}

// validationProblems turns the error of Validate into problems of path,
// one per FieldError.
func validationProblems(path string, err error) []problem {
	if err == nil {
		return nil
	}
	var errs []error
	if m, ok := err.(interface{ Unwrap() []error }); ok {
		errs = m.Unwrap()
	} else {
		errs = []error{err}
	}
	ps := make([]problem, 0, len(errs))
	for _, e := range errs {
		var fe *article.FieldError
		if errors.As(e, &fe) {
			msg := "invalid"
			if fe.Err != nil {
				msg = fe.Err.Error()
			}
			ps = append(ps, problem{Path: path, Line: fe.Line, Column: fe.Column, Key: fe.Key, Msg: hinted(msg)})
		} else {
			ps = append(ps, problem{Path: path, Msg: hinted(e.Error())})
		}
	}
	return ps
}

// newProblems returns what v finds wrong with an article made by
// "article new", as "key: message" strings.
func newProblems(v *article.Validator, a *article.Article) []string {
	var ps []string
	for _, p := range validationProblems("", v.Validate(a)) {
		s := safeText(p.Msg)
		if p.Key != "" {
			s = safeText(p.Key) + ": " + s
		}
		ps = append(ps, s)
	}
	return ps
}
