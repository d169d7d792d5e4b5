package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/articlekit/article/internal/gen"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLintClean(t *testing.T) {
	// notes.txt is not .md, and .drafts/broken.md is in a hidden folder.
	r := runBin(t, "", "", "lint", "testdata/lint/clean")
	assert.Equal(t, runResult{"", "", 0}, r)

	// A file named on the command line is checked whatever its name.
	r = runBin(t, "", "", "lint", "testdata/lint/clean/.drafts/broken.md")
	assert.Equal(t, 1, r.code)
	assert.Equal(t, "testdata/lint/clean/.drafts/broken.md:1:1: no front matter: the first non-blank line is not +++\n", r.stdout)

	// -pattern and -strict-slug configure the url check.
	r = runBin(t, "", "", "lint", "-pattern", "/:year/:id-:slug", "testdata/lint/clean/night-trains.md")
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stdout, "testdata/lint/clean/night-trains.md:11:1: url: mismatch: ")
	r = runBin(t, "", "", "lint", "-strict-slug", "testdata/lint/clean")
	assert.Equal(t, runResult{"", "", 0}, r, "the slugs are the titles'")
	// A url whose slug is not the title's: allowed, unless -strict-slug.
	r = runBin(t, "", "", "lint", "testdata/lint/slug")
	assert.Equal(t, runResult{"", "", 0}, r)
	r = runBin(t, "", "", "lint", "-strict-slug", "testdata/lint/slug")
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stdout, "testdata/lint/slug/old-slug.md:11:1: url: mismatch: ")

	r = runBin(t, "", "", "lint", "-ext", "txt", "testdata/lint/clean")
	assert.Equal(t, 1, r.code)
	assert.Equal(t, "testdata/lint/clean/notes.txt:1:1: no front matter: the first non-blank line is not +++\n", r.stdout)
}

func TestLintDirty(t *testing.T) {
	r := runBin(t, "", "", "lint", "testdata/lint/dirty")
	assert.Equal(t, 1, r.code)
	assert.Empty(t, r.stderr)
	golden(t, "lint-dirty.txt", r.stdout)

	// Sorted by path, then line.
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	assert.True(t, sort.SliceIsSorted(lines, func(i, j int) bool {
		pi, _, _ := strings.Cut(lines[i], ":")
		pj, _, _ := strings.Cut(lines[j], ":")
		return pi < pj
	}))

	// The same with -json: one object per line, same problems.
	j := runBin(t, "", "", "lint", "-json", "testdata/lint/dirty")
	assert.Equal(t, 1, j.code)
	golden(t, "lint-dirty.json", j.stdout)
	sc := bufio.NewScanner(strings.NewReader(j.stdout))
	n := 0
	for sc.Scan() {
		var p problem
		require.NoError(t, json.Unmarshal(sc.Bytes(), &p))
		assert.Equal(t, lines[n], p.String())
		n++
	}
	assert.Len(t, lines, n)

	// Files named one by one give the same report.
	var files []string
	filepath.WalkDir("testdata/lint/dirty", func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return err
	})
	r2 := runBin(t, "", "", append([]string{"lint"}, files...)...)
	assert.Equal(t, r, r2)
}

// Duplicates are reported at every file that holds the value, naming the
// other, whatever the order in which the files are checked.
func TestLintDuplicates(t *testing.T) {
	r := runBin(t, "", "", "lint", "testdata/lint/dirty")
	for _, want := range []string{
		"testdata/lint/dirty/a/flood.md:9:1: article_id: duplicate article_id 120001, also in testdata/lint/dirty/b/flood-copy.md",
		"testdata/lint/dirty/b/flood-copy.md:9:1: article_id: duplicate article_id 120001, also in testdata/lint/dirty/a/flood.md",
		"testdata/lint/dirty/a/flood.md:11:1: url: duplicate url \"/202503/120001-city-council-approves-40m-flood-barrier-after-two-year-debate\", also in testdata/lint/dirty/b/flood-copy.md",
		"testdata/lint/dirty/b/other.md:10:1: feed_item_id: duplicate feed_item_id 25010, also in testdata/lint/dirty/night-trains.md",
		"testdata/lint/dirty/night-trains.md:10:1: feed_item_id: duplicate feed_item_id 25010, also in testdata/lint/dirty/b/other.md",
	} {
		assert.Contains(t, r.stdout, want+"\n")
	}
	// A file that does not parse holds no values.
	assert.NotContains(t, r.stdout, "syntax.md:9:1")
}

func TestLintBadInput(t *testing.T) {
	dir := copyTree(t, "testdata/lint/clean")

	// A 20 MB file: reported as too large, read no further than the limit.
	big := filepath.Join(dir, "big.md")
	f, err := os.Create(big)
	require.NoError(t, err)
	_, err = f.WriteString("+++\ntitle = \"x\"\n+++\n\n")
	require.NoError(t, err)
	require.NoError(t, f.Truncate(20<<20))
	require.NoError(t, f.Close())

	// Binary garbage, and an empty file.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "bin.md"), []byte("\x00\xff\xfe+++\x00\x01\x02\n+++\n\x89PNG"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "empty.md"), nil, 0o644))

	r := runBin(t, dir, "", "lint", ".", "missing.md", "missing-dir")
	assert.Equal(t, 2, r.code, "I/O errors win over problems")
	assert.Equal(t, "big.md:1:1: input too large: more than 16777216 bytes\n"+
		"bin.md:1:1: no front matter: the first non-blank line is not +++\n"+
		"empty.md:1:1: no front matter: the input is empty\n", r.stdout)
	assert.Equal(t, "article lint: stat missing.md: no such file or directory\n"+
		"article lint: stat missing-dir: no such file or directory\n", r.stderr)

	// Usage errors.
	r = runBin(t, dir, "", "lint")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "no PATH given")
	r = runBin(t, dir, "", "lint", "-pattern", "/:nope", ".")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "unknown token")
	r = runBin(t, dir, "", "lint", "-ext", ",", ".")
	assert.Equal(t, 2, r.code)
}

func TestLintUnreadable(t *testing.T) {
	// root reads files and folders whatever their permission bits: the
	// command runs as an unprivileged user (nobody, when the tests run as
	// root).
	dir := copyTree(t, "testdata/lint/clean")
	locked := filepath.Join(dir, "night-trains.md")
	require.NoError(t, os.Chmod(locked, 0))
	sub := filepath.Join(dir, "2025")
	require.NoError(t, os.Chmod(sub, 0))
	t.Cleanup(func() { os.Chmod(sub, 0o755) })

	r := runUnprivileged(t, dir, "", "lint", ".")
	assert.Equal(t, 2, r.code)
	assert.Empty(t, r.stdout, "the rest is still checked, and clean")
	assert.Contains(t, r.stderr, "night-trains.md: permission denied")
	assert.Contains(t, r.stderr, "2025: permission denied")
}

// A generated tree: every file that does not parse and every duplicate is
// reported, and nothing else but what validation finds.
func TestLintGenerated(t *testing.T) {
	dir := t.TempDir()
	files, err := gen.Write(dir, 400, gen.Config{Seed: 42, Invalid: 0.05, Duplicates: 0.03})
	require.NoError(t, err)

	r := runBin(t, dir, "", "lint", ".")
	assert.Equal(t, 1, r.code)
	assert.Empty(t, r.stderr)
	reported := map[string]bool{}
	for _, l := range strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n") {
		p, _, _ := strings.Cut(l, ":")
		reported[p] = true
	}
	for _, f := range files {
		switch {
		case f.Kind.ParseFails(), f.Kind == gen.DuplicateID:
			assert.True(t, reported[f.Path], "%s (%s) not reported", f.Path, f.Kind)
		}
		if f.Kind == gen.DuplicateID {
			assert.True(t, reported[files[f.Dup].Path], "%s, duplicated by %s, not reported", files[f.Dup].Path, f.Path)
		}
	}
	lintGeneratedValidation(t, files, reported)
}

// The progress line, in the process: a terminal is faked, and progress
// starts at once rather than after a second.
func TestLintProgress(t *testing.T) {
	dir := t.TempDir()
	_, err := gen.Write(dir, 800, gen.Config{Seed: 5, Invalid: -1, Duplicates: -1})
	require.NoError(t, err)
	var stdout, stderr strings.Builder
	e := &env{stdout: &stdout, stderr: &stderr, stderrTTY: true, progressAfter: 0}
	code := run(e, []string{"lint", dir})
	assert.Equal(t, 0, code, stdout.String())
	assert.Empty(t, stdout.String())
	s := stderr.String()
	assert.Regexp(t, `^\r\d+ files, \d+ files/s\x1b\[K`, s)
	assert.True(t, strings.HasSuffix(s, "\r\x1b[K"), "the line is cleared: %q", s)

	// Not a terminal, or a short run: nothing.
	stderr.Reset()
	e = &env{stdout: &stdout, stderr: &stderr, stderrTTY: false, progressAfter: 0}
	assert.Equal(t, 0, run(e, []string{"lint", dir}))
	assert.Empty(t, stderr.String())
	e = &env{stdout: &stdout, stderr: &stderr, stderrTTY: true, progressAfter: time.Hour}
	assert.Equal(t, 0, run(e, []string{"lint", dir}))
	assert.Empty(t, stderr.String())
}

// The README's main job: lint of the bundled sample tree, whose expected
// output the README shows. The tree holds one article twice (in UTC and
// in IST), so lint finds its duplicate ids and url.
func TestReadmeMainJob(t *testing.T) {
	// The bundled sample tree is clean: lint prints nothing and exits 0,
	// as go vet does.
	r := runBin(t, "../..", "", "lint", "testdata/articles")
	assert.Equal(t, 0, r.code, "stdout: %s", r.stdout)
	assert.Empty(t, r.stderr)
	assert.Empty(t, r.stdout)
}
