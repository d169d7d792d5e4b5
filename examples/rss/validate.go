package main

import (
	"errors"

	"github.com/articlekit/article"
)

// validate returns the problems that keep a from being published: those
// of the library's Validate, one "key: message" each.
func validate(a *article.Article) []string {
	err := a.Validate()
	if err == nil {
		return nil
	}
	var ps []string
	if m, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range m.Unwrap() {
			ps = append(ps, e.Error())
		}
		return ps
	}
	var fe *article.FieldError
	if errors.As(err, &fe) {
		return []string{fe.Error()}
	}
	return []string{err.Error()}
}
