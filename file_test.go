package article

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const fileTestArticle = "+++\ntitle = \"Alpha\"\ndate = \"2025-01-02T10:00:00Z\"\narticle_id = 7\nurl = \"/202501/7-alpha\"\n+++\n\n<p>One.</p>\n"

func writeTestFile(t *testing.T, name, content string, perm fs.FileMode) {
	t.Helper()
	require.NoError(t, os.WriteFile(name, []byte(content), perm))
	require.NoError(t, os.Chmod(name, perm))
}

func TestParseFileErrors(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.md")
	writeTestFile(t, good, fileTestArticle, 0o644)
	a, err := ParseFile(good)
	require.NoError(t, err)
	assert.Equal(t, "Alpha", a.Title)

	bad := filepath.Join(dir, "bad.md")
	writeTestFile(t, bad, "+++\ntitle = \"x\"\narticle_id = \"x\"\n+++\n", 0o644)
	_, err = ParseFile(bad)
	var fe *FileError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, bad, fe.Name)
	var pe *ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, 3, pe.Line)
	assert.True(t, errors.Is(err, ErrType))
	assert.Equal(t, bad+":"+pe.Error(), err.Error())

	_, err = ParseFile(filepath.Join(dir, "missing.md"))
	assert.ErrorIs(t, err, fs.ErrNotExist)
	var pathErr *fs.PathError
	assert.ErrorAs(t, err, &pathErr)

	_, err = ParseFile(dir)
	assert.ErrorIs(t, err, ErrNotRegular)
	assert.Equal(t, dir+": not a regular file (a directory)", err.Error())

	big := filepath.Join(dir, "big.md")
	writeTestFile(t, big, fileTestArticle+strings.Repeat("x", 100), 0o644)
	_, err = Decoder{MaxSize: 50}.DecodeFile(big)
	assert.ErrorIs(t, err, ErrTooLarge)
	assert.True(t, strings.HasPrefix(err.Error(), big+": input too large"), err.Error())
}

func TestWriteFileKeepsMode(t *testing.T) {
	dir := t.TempDir()
	for _, perm := range []fs.FileMode{0o600, 0o640, 0o755, 0o644 | fs.ModeSetuid, 0o2755&fs.ModePerm | fs.ModeSetgid, 0o644 | fs.ModeSticky} {
		name := filepath.Join(dir, "a.md")
		writeTestFile(t, name, fileTestArticle, perm)
		a, err := ParseFile(name)
		require.NoError(t, err)
		a.Title = "Beta"
		require.NoError(t, a.WriteFile(name))
		fi, err := os.Stat(name)
		require.NoError(t, err)
		assert.Equal(t, perm, fi.Mode()&(fs.ModePerm|fs.ModeSetuid|fs.ModeSetgid|fs.ModeSticky), "%v", perm)
		b, err := os.ReadFile(name)
		require.NoError(t, err)
		assert.Equal(t, strings.Replace(fileTestArticle, "Alpha", "Beta", 1), string(b))
		require.NoError(t, os.Remove(name))
	}
	assertNoTemp(t, dir)
}

// assertNoTemp fails if dir holds a temporary file of WriteFile.
func assertNoTemp(t *testing.T, dir string) {
	t.Helper()
	es, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range es {
		_, ok := TempFilePID(e.Name())
		assert.False(t, ok, "left behind: %s", e.Name())
	}
}

// A file removed or replaced after ParseFile read it is not written.
func TestWriteFileChanged(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a.md")
	writeTestFile(t, name, fileTestArticle, 0o644)
	a, err := ParseFile(name)
	require.NoError(t, err)
	a.Title = "Beta"

	require.NoError(t, os.Remove(name))
	err = a.WriteFile(name)
	assert.ErrorIs(t, err, ErrFileChanged)
	assert.NoFileExists(t, name, "a removed file does not come back")

	other := filepath.Join(dir, "other.md")
	writeTestFile(t, other, "replaced", 0o644)
	require.NoError(t, os.Rename(other, name))
	err = a.WriteFile(name)
	assert.ErrorIs(t, err, ErrFileChanged)
	b, _ := os.ReadFile(name)
	assert.Equal(t, "replaced", string(b))

	// Written elsewhere, the article is a new file.
	require.NoError(t, a.WriteFile(filepath.Join(dir, "copy.md")))
	assertNoTemp(t, dir)
}

// A link is written through: the file it points to is replaced, the link
// stays a link.
func TestWriteFileSymlink(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a.md")
	writeTestFile(t, name, fileTestArticle, 0o644)
	link := filepath.Join(dir, "link.md")
	require.NoError(t, os.Symlink("a.md", link))
	a, err := ParseFile(link)
	require.NoError(t, err)
	a.Title = "Beta"
	require.NoError(t, a.WriteFile(link))
	li, err := os.Lstat(link)
	require.NoError(t, err)
	assert.NotZero(t, li.Mode()&fs.ModeSymlink)
	b, _ := os.ReadFile(name)
	assert.Contains(t, string(b), "Beta")
}

func TestTempFilePID(t *testing.T) {
	f, err := createTemp(t.TempDir(), "a.md", true)
	require.NoError(t, err)
	f.Close()
	pid, ok := TempFilePID(filepath.Base(f.Name()))
	assert.True(t, ok, f.Name())
	assert.Equal(t, os.Getpid(), pid)
	for _, name := range []string{
		"a.md", ".a.md.123.tmp", ".a.md.article-12-x.tmp", ".a.md.article-012-ab.tmp",
		".article-12-ab.tmp", "a.md.article-12-ab.tmp", ".a.md.article-12-.tmp", ".a.md.article--ab.tmp",
		".a.md.article-12-ab.tmp~",
	} {
		_, ok := TempFilePID(name)
		assert.False(t, ok, name)
	}
	pid, ok = TempFilePID(".x.article-y.md.article-42-0f.tmp")
	assert.True(t, ok)
	assert.Equal(t, 42, pid)
}
