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
		msg, notes, ok := check(f, "")
		assert.True(t, ok, "%s: %s", f, msg)
		assert.Contains(t, msg, "encodes to the same bytes", f)
		// The format's links carry rel='nofollow' target='_blank'; the
		// sanitiser adds noopener noreferrer, and says where.
		require.Len(t, notes, 1, f)
		assert.Regexp(t, `^body 1[67]:\d+: rel rewritten <a rel> "nofollow"$`, notes[0])
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
	msg, _, ok = check(empty, filepath.Join(dir, "out"))
	assert.False(t, ok)
	assert.Contains(t, msg, "title is empty")
	_, err := os.Stat(filepath.Join(dir, "out", "empty.md"))
	assert.NoError(t, err, "-out writes the canonical encoding")

	wrongURL := filepath.Join(dir, "url.md")
	require.NoError(t, os.WriteFile(wrongURL, []byte("+++\ntitle = \"A B\"\ndate = \"2025-07-24T14:10:31Z\"\narticle_id = 5\nurl = \"/202507/5-a\"\n+++\n\n<p>x<script>y</script></p>\n"), 0o644))
	msg, notes, ok := check(wrongURL, "")
	assert.False(t, ok)
	assert.Contains(t, msg, `is not the permalink "/202507/5-a-b"`)
	require.Len(t, notes, 1)
	assert.Contains(t, notes[0], "body 8:5: element dropped <script>")
}
