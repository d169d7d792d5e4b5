package main

import (
	"testing"

	"github.com/articlekit/article/internal/gen"
)

// lintGeneratedValidation checks what lint reports about the generated
// files beyond parse errors and duplicates: every invalid file is
// reported, and no valid one unless it holds a duplicate.
func lintGeneratedValidation(t *testing.T, files []gen.File, reported map[string]bool) {
	t.Helper()
	dupOrigin := map[int]bool{}
	for _, f := range files {
		if f.Kind == gen.DuplicateID {
			dupOrigin[f.Dup] = true
		}
	}
	for i, f := range files {
		switch {
		case f.Kind != gen.Valid:
			if !reported[f.Path] {
				t.Errorf("%s (%s) not reported", f.Path, f.Kind)
			}
		case !dupOrigin[i] && reported[f.Path]:
			t.Errorf("%s (%s) reported", f.Path, f.Kind)
		}
	}
}
