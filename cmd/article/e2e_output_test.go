package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/articlekit/article/internal/gen"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const validArticle = "+++\ntitle = \"Alpha\"\ndate = \"2025-01-02T10:00:00Z\"\narticle_id = 7\nurl = \"/202501/7-alpha\"\n+++\n\n<p>One.</p>\n"

// A file name with a newline, ESC or invalid UTF-8 is quoted, so that every
// line is one problem starting with the real path; element names from a
// body are escaped; a problem without a position is at the opening +++.
func TestOutputCannotBeForged(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("such names are not allowed")
	}
	dir := t.TempDir()
	forged := "a\nz.md:9:9: title: forged.md"
	writeFiles(t, dir, map[string]string{
		forged:         "\n\n+++\ndate = \"2025-01-02T10:00:00Z\"\narticle_id = 7\nurl = \"/202501/7-alpha\"\n+++\n\n<p>x</p>\n",
		"e\x1b[31m.md": strings.Replace(validArticle, "<p>One.</p>", "<p><b\x1b]0;pwned\x07>x</b\x1b]0;pwned\x07></p>", 1),
		"bad-\xff.md":  "no front matter\n",
		"multi.md":     strings.Replace(validArticle, "article_id = 7", "article_id = 8", 1),
	})
	r := runBin(t, dir, "", "lint", ".")
	assert.Equal(t, 1, r.code, r.stderr)
	line := regexp.MustCompile(`^("(\\.|[^"\\])*"|[^"\s:][^:]*):\d+:\d+: `)
	for _, l := range strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n") {
		assert.Regexp(t, line, l)
		assert.NotContains(t, l, "\x1b")
		assert.NotContains(t, l, "\xff")
	}
	assert.Contains(t, r.stdout, `"a\nz.md:9:9: title: forged.md":3:1: title: required`+"\n", "a missing key is at the opening +++")
	assert.Contains(t, r.stdout, `"bad-\xff.md":1:1: no front matter`)
	assert.Contains(t, r.stdout, `"e\x1b[31m.md":`)
	assert.NotContains(t, r.stdout, "\nz.md:9:9")

	r = runBin(t, dir, "", "sanitize", "e\x1b[31m.md")
	assert.Equal(t, 0, r.code, r.stderr)
	assert.NotContains(t, r.stderr, "\x1b")
	assert.Contains(t, r.stderr, `"e\x1b[31m.md":8:`)

	r = runBin(t, dir, "", "fmt", "-l", ".")
	assert.NotContains(t, r.stdout+r.stderr, "\x1b")
	for _, l := range strings.Split(strings.TrimSuffix(r.stdout+r.stderr, "\n"), "\n") {
		assert.False(t, strings.HasPrefix(l, "z.md"), l)
	}
}

// The date options as flags, on every command where they apply; hints
// name the flag.
func TestDateFlags(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"local.md":  strings.Replace(validArticle, `"2025-01-02T10:00:00Z"`, `"2025-01-02 10:00:00"`, 1),
		"edt.md":    strings.Replace(validArticle, `"2025-01-02T10:00:00Z"`, `"Thu, 02 Jan 2025 10:00:00 EDT"`, 1),
		"future.md": strings.Replace(strings.Replace(validArticle, `"2025-01-02T10:00:00Z"`, `"2099-01-02T10:00:00Z"`, 1), "/202501/", "/209901/", 1),
	})
	r := runBin(t, dir, "", "json", "-location", "Asia/Tokyo", "local.md")
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, `"date":"2025-01-02T10:00:00+09:00"`)
	r = runBin(t, dir, "", "json", "local.md")
	assert.Contains(t, r.stdout, `"date":"2025-01-02T10:00:00Z"`)
	r = runBin(t, dir, "", "json", "-location", "Nowhere/Atlantis", "local.md")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "-location")

	for _, c := range []string{"lint", "json", "sanitize", "fmt"} {
		r = runBin(t, dir, "", c, "edt.md")
		assert.NotEqual(t, 0, r.code, c)
		assert.Contains(t, r.stdout+r.stderr, "-zones rfc822", "%s: the hint names the flag", c)
		assert.NotContains(t, r.stdout+r.stderr, "Decoder.Zones", c)
		r = runBin(t, dir, "", c, "-zones", "rfc822", "edt.md")
		assert.Equal(t, 0, r.code, "%s: %s %s", c, r.stdout, r.stderr)
	}
	r = runBin(t, dir, "", "lint", "-zones", "nope", "edt.md")
	assert.Equal(t, 2, r.code)

	r = runBin(t, dir, "", "lint", "future.md")
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stdout, "future.md:3:1: date: ")
	assert.Contains(t, r.stdout, "(-max-future sets the limit)")
	r = runBin(t, dir, "", "lint", "-max-future", "-1s", "future.md")
	assert.Equal(t, runResult{"", "", 0}, r)
	r = runBin(t, dir, "", "lint", "-max-future", "1000000h", "future.md")
	assert.Equal(t, runResult{"", "", 0}, r)

	// new: a scheduled article is accepted, unless -max-future says no.
	r = runBin(t, dir, "", "new", "-title", "Later", "-id", "5", "-date", "2030-01-01")
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, `url = "/203001/5-later"`)
	r = runBin(t, dir, "", "new", "-title", "Later", "-id", "5", "-date", "2030-01-01", "-max-future", "48h")
	assert.Equal(t, 2, r.code)
	assert.Empty(t, r.stdout)
	assert.Contains(t, r.stderr, "-max-future")
	r = runBin(t, dir, "", "new", "-title", "Later", "-id", "5", "-date", "2025-07-24 10:00 EDT")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "-zones rfc822")
	r = runBin(t, dir, "", "new", "-title", "Later", "-id", "5", "-date", "2025-07-24 10:00:00", "-location", "America/New_York")
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "2025-07-24T10:00:00-04:00")
}

// Every reader takes files, folders and "-"; json names each file; flags
// go after paths too; -o writes only on success; version.
func TestConsistency(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"sub/a.md": validArticle, "sub/b.txt": "x"})

	r := runBin(t, dir, validArticle, "json", "sub", "-")
	require.Equal(t, 0, r.code, r.stderr)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	require.Len(t, lines, 2)
	var first, second map[string]any
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &first))
	require.NoError(t, json.Unmarshal([]byte(lines[1]), &second))
	assert.Equal(t, filepath.Join("sub", "a.md"), first["path"])
	assert.NotContains(t, second, "path", "standard input has no path")
	assert.Equal(t, "Alpha", second["title"])

	r = runBin(t, dir, validArticle, "sanitize", "sub", "-")
	assert.Equal(t, runResult{validArticle + validArticle, "", 0}, r)
	r = runBin(t, dir, validArticle, "lint", "-")
	assert.Equal(t, runResult{"", "", 0}, r)
	r = runBin(t, dir, "+++\n+++\n\n<p>x</p>", "lint", "-")
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stdout, "<standard input>:1:1: title: required")
	r = runBin(t, dir, validArticle, "fmt", "-l", "-")
	assert.Equal(t, runResult{"", "", 0}, r)

	// Flags after paths.
	r = runBin(t, dir, "", "lint", "sub", "-json", "-strict-slug")
	assert.Equal(t, runResult{"", "", 0}, r)
	r = runBin(t, dir, "", "lint", "sub", "-no-such-flag")
	assert.Equal(t, 2, r.code)

	// new -o: written on success; on failure nothing is written.
	out := filepath.Join(dir, "new.md")
	r = runBin(t, dir, "", "new", "-title", "Alpha", "-id", "7", "-o", out)
	assert.Equal(t, runResult{"", "", 0}, r)
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Contains(t, string(b), `title = "Alpha"`)
	r = runBin(t, dir, "", "new", "-title", "<b>x</b>", "-id", "7", "-o", out)
	assert.Equal(t, 2, r.code)
	b2, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, string(b), string(b2))
	r = runBin(t, dir, "", "new", "-title", "<b>x</b>", "-id", "7", "-o", filepath.Join(dir, "none.md"))
	assert.Equal(t, 2, r.code)
	assert.NoFileExists(t, filepath.Join(dir, "none.md"))

	for _, args := range [][]string{{"version"}, {"-version"}} {
		r = runBin(t, dir, "", args...)
		assert.Equal(t, 0, r.code)
		assert.Regexp(t, `^article (v\d+\.\d+\.\d+\S*|\(devel\))( [0-9a-f]+(\+dirty)?)?\n$`, r.stdout)
	}
}

// Standard input past the size limit is an error with nothing on stdout,
// never cut short, for every command that reads it.
func TestStdinTooLarge(t *testing.T) {
	big := "+++\ntitle = \"x\"\n+++\n\n" + strings.Repeat("x", 17<<20)
	for _, args := range [][]string{{"fmt"}, {"fmt", "-l", "-"}, {"lint", "-"}, {"json", "-"}, {"sanitize", "-"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			t.Parallel()
			r := runBin(t, "", big, args...)
			assert.Equal(t, 2, r.code)
			assert.Empty(t, r.stdout)
			assert.Contains(t, r.stderr, "too large")
		})
	}
}

// -h of each command lists every flag its synopsis names, and the
// synopsis names every flag.
func TestUsageListsEveryFlag(t *testing.T) {
	flagRe := regexp.MustCompile(`\[?(-[a-z][a-z-]*)`)
	for _, c := range commands {
		if c.name == "lsp" {
			continue
		}
		var stdout, stderr strings.Builder
		require.Equal(t, 0, run(&env{stdout: &stdout, stderr: &stderr}, []string{c.name, "-h"}), c.name)
		usage := stdout.String()
		synopsis, _, _ := strings.Cut(usage, "\n")
		listed := map[string]bool{}
		if _, fl, ok := strings.Cut(usage, "\nflags:\n"); ok {
			fl, _, _ = strings.Cut(fl, "\nexample:")
			for _, m := range regexp.MustCompile(`(?m)^  (-[a-z][a-z-]*)`).FindAllStringSubmatch(fl, -1) {
				listed[m[1]] = true
			}
		}
		named := map[string]bool{}
		for _, m := range flagRe.FindAllStringSubmatch(synopsis, -1) {
			named[m[1]] = true
		}
		assert.Equal(t, named, listed, "%s: synopsis %q", c.name, synopsis)
	}
}

// fmt -l lists exactly the files fmt -w rewrites.
func TestFmtListIsWrite(t *testing.T) {
	dir := t.TempDir()
	_, err := gen.Write(dir, 60, gen.Config{Seed: 3, Invalid: 0.1, Duplicates: -1})
	require.NoError(t, err)
	for _, f := range []string{"messy.md", "bom-crlf.md", "canonical.md", "rss-date.md"} {
		b, err := os.ReadFile(filepath.Join("testdata", "fmt", f))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, f), b, 0o644))
	}
	before := snapshot(t, dir)
	listed := runBin(t, dir, "", "fmt", "-l", ".")
	runBin(t, dir, "", "fmt", "-w", ".")
	after := snapshot(t, dir)
	var changed []string
	for p, b := range before {
		if after[p] != b {
			changed = append(changed, p)
		}
	}
	sort.Strings(changed)
	var list []string
	if s := strings.TrimSuffix(listed.stdout, "\n"); s != "" {
		list = strings.Split(s, "\n")
	}
	sort.Strings(list)
	assert.Equal(t, list, changed)
	assert.NotEmpty(t, changed)
}

// snapshot returns the content of every file under dir by relative path.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	require.NoError(t, filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		m[rel] = string(b)
		return err
	}))
	return m
}
