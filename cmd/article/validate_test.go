package main

import (
	"testing"

	"github.com/articlekit/article/internal/gen"
)

// lintGeneratedValidation checks what lint reports about the generated
// files beyond parse errors and duplicates. Until the library validates,
// that is nothing: valid and merely invalid files are not reported unless
// they hold a duplicate.
func lintGeneratedValidation(t *testing.T, files []gen.File, reported map[string]bool) {
	t.Helper()
	dupOrigin := map[int]bool{}
	for _, f := range files {
		if f.Kind == gen.DuplicateID {
			dupOrigin[f.Dup] = true
		}
	}
	for i, f := range files {
		if !f.Kind.ParseFails() && f.Kind != gen.DuplicateID && !dupOrigin[i] && reported[f.Path] {
			t.Errorf("%s (%s) reported", f.Path, f.Kind)
		}
	}
}
