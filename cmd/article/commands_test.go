package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/articlekit/article"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNew(t *testing.T) {
	r := runBin(t, "", "", "new", "-title", "Night Trains Return to the Alps — Zürich & Wien",
		"-id", "120450", "-date", "2025-11-03T07:00:00+01:00", "-source", "Example Transit News",
		"-source-link", "https://example.net/night", "-feed-item-id", "77")
	assert.Equal(t, 0, r.code, r.stderr)
	golden(t, "new.md", r.stdout)
	a, err := article.Parse(strings.NewReader(r.stdout))
	require.NoError(t, err)
	assert.Equal(t, "/202511/120450-night-trains-return-to-the-alps-zurich-and-wien", a.URL)
	assert.Equal(t, a.Permalink(), a.URL)

	// What Validate refuses is not printed.
	r = runBin(t, "", "", "new", "-title", "<b>Bold</b>", "-id", "3", "-source-link", "ftp://x.example/")
	assert.Equal(t, runResult{"", "article new: title: invalid value: HTML markup \"<b>\"\n" +
		"article new: source_link: invalid URL: \"ftp://x.example/\" is not an absolute http or https URL\n", 2}, r)

	// The date defaults to now, in UTC.
	before := time.Now().UTC().Truncate(time.Second)
	r = runBin(t, "", "", "new", "-title", "Now", "-id", "1")
	assert.Equal(t, 0, r.code, r.stderr)
	a, err = article.Parse(strings.NewReader(r.stdout))
	require.NoError(t, err)
	assert.False(t, a.Date.Before(before))
	assert.WithinDuration(t, time.Now(), a.Date, time.Minute)
	_, off := a.Date.Zone()
	assert.Zero(t, off)

	for _, bad := range [][]string{
		{"-id", "1"},
		{"-title", "x"},
		{"-title", "x", "-id", "-3"},
		{"-title", "x", "-id", "abc"},
		{"-title", "x", "-id", "1", "-date", "2025-07-24 EDT"},
		{"-title", "x", "-id", "1", "-feed-item-id", "-1"},
		{"-title", "x", "-id", "1", "extra"},
	} {
		r = runBin(t, "", "", append([]string{"new"}, bad...)...)
		assert.Equal(t, 2, r.code, "%q", bad)
		assert.Empty(t, r.stdout)
		assert.Contains(t, r.stderr, "usage: article new")
	}
}

func TestSlug(t *testing.T) {
	r := runBin(t, "", "", "slug", "Meta Declines to Sign EU's Voluntary AI Code of Practice", "Ångström & Søn", "!!!")
	assert.Equal(t, runResult{"meta-declines-to-sign-eus-voluntary-ai-code-of-practice\nangstrom-and-son\n\n", "", 0}, r)

	r = runBin(t, "", "Αθήνα: νέο μετρό\r\nU.S. Senate Passes 100,000-Job Bill\n\nlast line without newline", "slug")
	assert.Equal(t, runResult{"athina-neo-metro\nus-senate-passes-100000-job-bill\n\nlast-line-without-newline\n", "", 0}, r)

	r = runBin(t, "", "", "slug", "-max", "10", "Meta Declines to Sign")
	assert.Equal(t, runResult{"meta\n", "", 0}, r)
	r = runBin(t, "", "", "slug", "-max", "0", "x")
	assert.Equal(t, 2, r.code)
}

func TestSanitize(t *testing.T) {
	src, err := os.ReadFile("testdata/sanitize/hostile.md")
	require.NoError(t, err)
	r := runBin(t, "", "", "sanitize", "testdata/sanitize/hostile.md")
	assert.Equal(t, 0, r.code)
	golden(t, "sanitize.md", r.stdout)
	golden(t, "sanitize.stderr", r.stderr)

	// Nothing but the body changes: the front matter bytes are the same.
	head := src[:bytes.Index(src, []byte("<p>"))]
	assert.True(t, strings.HasPrefix(r.stdout, string(head)))
	body := strings.TrimPrefix(r.stdout, string(head))
	assert.NotContains(t, body, "script")
	assert.NotContains(t, body, "javascript:")
	assert.NotContains(t, body, "onerror")

	// Each report line points at the tag or attribute in the file.
	lines := strings.Split(string(src), "\n")
	for _, l := range strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n") {
		var ln, col int
		rest := strings.TrimPrefix(l, "testdata/sanitize/hostile.md:")
		_, err := fmt.Sscanf(rest, "%d:%d:", &ln, &col)
		require.NoError(t, err, l)
		at := lines[ln-1][col-1:]
		assert.True(t, strings.HasPrefix(at, "<") || strings.HasPrefix(at, "href") || strings.HasPrefix(at, "onerror") || strings.HasPrefix(at, "rel"), "%s points at %q", l, at)
	}

	// -w rewrites the file; a second run finds nothing to change.
	dir := copyTree(t, "testdata/sanitize")
	r = runBin(t, dir, "", "sanitize", "-w", "hostile.md")
	assert.Equal(t, 0, r.code)
	assert.Empty(t, r.stdout)
	assert.NotEmpty(t, r.stderr)
	b, err := os.ReadFile(filepath.Join(dir, "hostile.md"))
	require.NoError(t, err)
	golden(t, "sanitize.md", string(b))
	r = runBin(t, dir, "", "sanitize", "-w", "hostile.md")
	assert.Equal(t, runResult{"", "", 0}, r)

	// A clean article prints as it is.
	c, err := os.ReadFile("testdata/fmt/canonical.md")
	require.NoError(t, err)
	r = runBin(t, "", "", "sanitize", "testdata/fmt/canonical.md")
	assert.Equal(t, 0, r.code)
	assert.Equal(t, strings.Replace(string(c), "rel='nofollow' target='_blank'", `rel="nofollow noopener noreferrer" target="_blank"`, 1),
		strings.ReplaceAll(r.stdout, `href="https://example.com/flood"`, `href='https://example.com/flood'`))
}

func TestSanitizeErrors(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(dir, "folder.md"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "garbage.md"), []byte("\x7fELF\x02\x01\x01\x00\x00"), 0o644))
	deep := "+++\ntitle = \"x\"\n+++\n\n" + strings.Repeat("<div>", 600) + "x"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "deep.md"), []byte(deep), 0o644))

	r := runBin(t, dir, "", "sanitize", "-w", "folder.md", "garbage.md", "missing.md", "deep.md")
	assert.Equal(t, 2, r.code)
	assert.Empty(t, r.stdout)
	assert.Equal(t, "garbage.md:1:1: no front matter: the first non-blank line is not +++\n"+
		"stat missing.md: no such file or directory\n"+
		"deep.md:5:1: body: body nested too deeply: html: open stack of elements exceeds 512 nodes\n", r.stderr)
	b, err := os.ReadFile(filepath.Join(dir, "deep.md"))
	require.NoError(t, err)
	assert.Equal(t, deep, string(b), "not rewritten")

	r = runBin(t, dir, "", "sanitize")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "no PATH given")
}

func TestJSON(t *testing.T) {
	files := []string{"testdata/lint/clean/night-trains.md", "testdata/lint/clean/2025/03/flood-barrier.md", "testdata/fmt/bom-crlf.md"}
	r := runBin(t, "", "", append([]string{"json"}, files...)...)
	assert.Equal(t, 0, r.code, r.stderr)
	golden(t, "json.jsonl", r.stdout)
	sc := bufio.NewScanner(strings.NewReader(r.stdout))
	sc.Buffer(nil, 1<<20)
	i := 0
	for sc.Scan() {
		var obj map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(sc.Bytes(), &obj))
		assert.Equal(t, `"`+files[i]+`"`, string(obj["path"]), "each object names its file")
		delete(obj, "path")
		rest, err := json.Marshal(obj)
		require.NoError(t, err)
		var got article.Article
		require.NoError(t, json.Unmarshal(rest, &got))
		src, err := os.ReadFile(files[i])
		require.NoError(t, err)
		want, err := article.Parse(bytes.NewReader(src))
		require.NoError(t, err)
		assert.Equal(t, want.Title, got.Title)
		assert.True(t, want.Date.Equal(got.Date))
		assert.Equal(t, want.Params, got.Params)
		assert.Equal(t, want.Body, got.Body)
		i++
	}
	assert.Equal(t, len(files), i)
	assert.Contains(t, r.stdout, `"tags":["rail","transport"]`)
	assert.Contains(t, r.stdout, `\u003cp\u003e`, "HTML is escaped, as encoding/json does")
	assert.NotContains(t, r.stdout, `<`)

	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "bin.md"), []byte{0, 1, 2, 0xff}, 0o644))
	r = runBin(t, dir, "", "json", "bin.md", ".", "missing.md")
	assert.Equal(t, runResult{"", "bin.md:1:1: no front matter: the first non-blank line is not +++\n" +
		"stat missing.md: no such file or directory\n", 2}, r, "bin.md is in the folder named: read once")
}
