package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBundledArticles: every bundled article parses, passes the checks and
// is already canonical.
func TestBundledArticles(t *testing.T) {
	files, err := filepath.Glob("../../testdata/articles/*.md")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		msg, ok := check(f, "")
		assert.True(t, ok, "%s: %s", f, msg)
		assert.Contains(t, msg, "encodes to the same bytes", f)
	}
}

func TestCheckReportsFailures(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.md")
	require.NoError(t, os.WriteFile(bad, []byte("+++\ntitle = 1\n+++\n"), 0o644))
	msg, ok := check(bad, "")
	assert.False(t, ok)
	assert.Contains(t, msg, "bad.md:2:1: title:")

	empty := filepath.Join(dir, "empty.md")
	require.NoError(t, os.WriteFile(empty, []byte("+++\n+++\n"), 0o644))
	msg, ok = check(empty, filepath.Join(dir, "out"))
	assert.False(t, ok)
	assert.Contains(t, msg, "title is empty")
	_, err := os.Stat(filepath.Join(dir, "out", "empty.md"))
	assert.NoError(t, err, "-out writes the canonical encoding")
}
