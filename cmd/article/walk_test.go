package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDistinctRoots(t *testing.T) {
	// testdata/lint/clean is a directory; the files are inside it.
	assert.Equal(t, []string{"testdata/lint/clean"},
		distinctRoots([]string{"testdata/lint/clean", "testdata/lint/clean/night-trains.md", "./testdata/lint/clean/", "testdata/lint/clean/2025"}))
	assert.Equal(t, []string{"testdata/lint/clean/night-trains.md", "testdata/lint/dirty"},
		distinctRoots([]string{"testdata/lint/clean/night-trains.md", "testdata/lint/dirty", "testdata/lint/clean/night-trains.md"}))
	assert.Equal(t, []string{".", "missing.md"}, distinctRoots([]string{".", "testdata", "missing.md"}))
	assert.Equal(t, []string{"testdata", "../article/testdata"}, distinctRoots([]string{"testdata", "../article/testdata"}),
		"paths are compared as written, not resolved")
	assert.True(t, within("/a/b", "/"))
	assert.False(t, within("../a", "."))
	assert.False(t, within("ab/c", "a"))
}
