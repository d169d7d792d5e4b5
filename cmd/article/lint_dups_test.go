package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writeFiles writes name → content under dir, making folders as needed.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
}

// Two valid articles without feed_item_id (one with no key, one with the
// zero value the canonical layout writes) are not duplicates of each other:
// an absent value is no value.
func TestLintAbsentKeysAreNoDuplicates(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.md": "+++\ntitle = \"Alpha\"\ndate = \"2025-01-02T10:00:00Z\"\narticle_id = 7\nurl = \"/202501/7-alpha\"\n+++\n\n<p>One.</p>\n",
		"b.md": "+++\ntitle = \"Beta\"\ndate = \"2025-01-03T10:00:00Z\"\narticle_id = 8\nfeed_item_id = 0\nurl = \"/202501/8-beta\"\n+++\n\n<p>Two.</p>\n",
		"c.md": "+++\ntitle = \"Gamma\"\ndate = \"2025-01-04T10:00:00Z\"\narticle_id = 9\nurl = \"/202501/9-gamma\"\n+++\n\n<p>Three.</p>\n",
	})
	r := runBin(t, dir, "", "lint", ".")
	assert.Equal(t, runResult{"", "", 0}, r)
}

// A duplicate pair at different places in its two files is reported at
// each file's own line and column.
func TestLintDuplicatePositions(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.md": "+++\ntitle = \"Alpha\"\ndate = \"2025-01-02T10:00:00Z\"\narticle_id = 7\nurl = \"/202501/7-alpha\"\n+++\n\n<p>One.</p>\n",
		"b.md": "+++\ntitle = \"Alpha\"\nsummary = \"x\"\ndate = \"2025-01-02T10:00:00Z\"\nsource = \"y\"\n  article_id = 7\nurl = \"/202501/7-alpha\"\n+++\n\n<p>One.</p>\n",
	})
	r := runBin(t, dir, "", "lint", ".")
	assert.Equal(t, 1, r.code)
	assert.Empty(t, r.stderr)
	assert.Equal(t, "a.md:4:1: article_id: duplicate article_id 7, also in b.md\n"+
		"a.md:5:1: url: duplicate url \"/202501/7-alpha\", also in b.md\n"+
		"b.md:6:3: article_id: duplicate article_id 7, also in a.md\n"+
		"b.md:7:1: url: duplicate url \"/202501/7-alpha\", also in a.md\n", r.stdout)
}
