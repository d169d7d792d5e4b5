package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBundledArticles: every bundled article parses, validates and is
// already canonical.
func TestBundledArticles(t *testing.T) {
	files, err := filepath.Glob("../../testdata/articles/*.md")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		msg, problems, ok := check(f, "")
		assert.True(t, ok, "%s: %s %v", f, msg, problems)
		assert.Contains(t, msg, "encodes to the same bytes", f)
		assert.Empty(t, problems, f)
	}
}

func TestCheckReportsFailures(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.md")
	require.NoError(t, os.WriteFile(bad, []byte("+++\ntitle = 1\n+++\n"), 0o644))
	msg, _, ok := check(bad, "")
	assert.False(t, ok)
	assert.Contains(t, msg, "bad.md:2:1: title:")

	empty := filepath.Join(dir, "empty.md")
	require.NoError(t, os.WriteFile(empty, []byte("+++\n+++\n"), 0o644))
	msg, problems, ok := check(empty, filepath.Join(dir, "out"))
	assert.False(t, ok)
	assert.Contains(t, msg, "5 problem(s)")
	assert.Equal(t, []string{empty + ":title: required", empty + ":date: required",
		empty + ":article_id: required", empty + ":url: required", empty + ":body: required"}, problems)
	_, err := os.Stat(filepath.Join(dir, "out", "empty.md"))
	assert.NoError(t, err, "-out writes the canonical encoding")

	wrongURL := filepath.Join(dir, "url.md")
	require.NoError(t, os.WriteFile(wrongURL, []byte("+++\ntitle = \"A B\"\ndate = \"2025-07-24T14:10:31Z\"\narticle_id = 5\nurl = \"/202506/5-a\"\n+++\n\n<p>x<script>y</script></p>\n"), 0o644))
	_, problems, ok = check(wrongURL, "")
	assert.False(t, ok)
	assert.Equal(t, []string{
		wrongURL + `:5:1: url: mismatch: "/202506/5-a" does not match "/202507/5-:slug"`,
		wrongURL + `:8:5: body: unsafe HTML: element dropped <script> "y"`,
	}, problems)
}
