package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFmtList(t *testing.T) {
	r := runBin(t, "", "", "fmt", "-l", "testdata/fmt")
	// Format keeps a byte order mark, CRLF and a date string as they are.
	assert.Equal(t, runResult{"testdata/fmt/messy.md\n", "", 1}, r)

	r = runBin(t, "", "", "fmt", "-l", "testdata/fmt/canonical.md")
	assert.Equal(t, runResult{"", "", 0}, r)
}

func TestFmtDiff(t *testing.T) {
	r := runBin(t, "", "", "fmt", "-d", "testdata/fmt")
	assert.Equal(t, 1, r.code)
	assert.Empty(t, r.stderr)
	golden(t, "fmt-diff.txt", r.stdout)
	assert.Contains(t, r.stdout, "--- testdata/fmt/messy.md.orig\n+++ testdata/fmt/messy.md\n")
	assert.NotContains(t, r.stdout, "rss-date.md")
	assert.NotContains(t, r.stdout, "bom-crlf.md")
}

func TestFmtWrite(t *testing.T) {
	dir := copyTree(t, "testdata/fmt")
	require.NoError(t, os.Chmod(filepath.Join(dir, "messy.md"), 0o600))
	canonical, err := os.ReadFile(filepath.Join(dir, "canonical.md"))
	require.NoError(t, err)

	r := runBin(t, dir, "", "fmt", "-w", "-l", ".")
	assert.Equal(t, runResult{"messy.md\n", "", 1}, r)

	r = runBin(t, dir, "", "fmt", "-l", ".")
	assert.Equal(t, runResult{"", "", 0}, r, "formatting is idempotent")

	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 4, "no temporary file left behind")
	fi, err := os.Stat(filepath.Join(dir, "messy.md"))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm(), "the mode is kept")

	// messy.md differed from canonical.md only in blank lines and blanks
	// after the delimiters; the others were left as they were.
	b, err := os.ReadFile(filepath.Join(dir, "messy.md"))
	require.NoError(t, err)
	assert.Equal(t, string(canonical), string(b))
	for _, name := range []string{"bom-crlf.md", "rss-date.md"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		orig, err := os.ReadFile(filepath.Join("testdata/fmt", name))
		require.NoError(t, err)
		assert.Equal(t, string(orig), string(b), name)
	}
}

func TestFmtStdin(t *testing.T) {
	src, err := os.ReadFile("testdata/fmt/messy.md")
	require.NoError(t, err)
	canonical, err := os.ReadFile("testdata/fmt/canonical.md")
	require.NoError(t, err)
	r := runBin(t, "", string(src), "fmt")
	assert.Equal(t, 0, r.code)
	assert.Equal(t, string(canonical), r.stdout)
	r2 := runBin(t, "", r.stdout, "fmt", "-l")
	assert.Equal(t, runResult{"", "", 0}, r2)
	r2 = runBin(t, "", string(src), "fmt", "-l")
	assert.Equal(t, runResult{"<standard input>\n", "", 1}, r2)

	r = runBin(t, "", string(src), "fmt", "-w")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "-w needs a PATH")

	r = runBin(t, "", "\x00\x01garbage", "fmt")
	assert.Equal(t, runResult{"", "<standard input>:1:1: no front matter: the first non-blank line is not +++\n", 2}, r)
}

func TestFmtPrint(t *testing.T) {
	r := runBin(t, "", "", "fmt", "testdata/fmt/canonical.md", "testdata/fmt/rss-date.md")
	assert.Equal(t, 0, r.code)
	c, err := os.ReadFile("testdata/fmt/canonical.md")
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(r.stdout, string(c)))
}

func TestFmtErrors(t *testing.T) {
	dir := copyTree(t, "testdata/fmt-bad")
	before, err := os.ReadFile(filepath.Join(dir, "syntax.md"))
	require.NoError(t, err)
	big := filepath.Join(dir, "big.md")
	require.NoError(t, os.WriteFile(big, nil, 0o644))
	require.NoError(t, os.Truncate(big, 20<<20))

	r := runBin(t, dir, "", "fmt", "-w", ".", "missing.md")
	assert.Equal(t, 2, r.code)
	assert.Empty(t, r.stdout)
	assert.Equal(t, "big.md:1:1: input too large: more than 16777216 bytes\n"+
		"syntax.md:4:9: invalid TOML: unexpected character U+0046 'F' at start of value\n"+
		"stat missing.md: no such file or directory\n", r.stderr)
	after, err := os.ReadFile(filepath.Join(dir, "syntax.md"))
	require.NoError(t, err)
	assert.Equal(t, before, after, "a file that does not parse is not touched")
}

func TestFmtWriteSymlink(t *testing.T) {
	dir := copyTree(t, "testdata/fmt")
	link := filepath.Join(dir, "link.md")
	require.NoError(t, os.Symlink("messy.md", link))
	r := runBin(t, dir, "", "fmt", "-w", "link.md")
	assert.Equal(t, runResult{"", "", 0}, r)
	fi, err := os.Lstat(link)
	require.NoError(t, err)
	assert.Equal(t, os.ModeSymlink, fi.Mode()&os.ModeSymlink, "the link stays a link")
	r = runBin(t, dir, "", "fmt", "-l", "messy.md")
	assert.Equal(t, runResult{"", "", 0}, r, "its target was formatted")
}
