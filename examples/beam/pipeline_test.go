package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/articlekit/article/internal/gen"
)

// TestMain initialises Beam (a worker re-executes this binary) and runs
// the tests on the local runner.
func TestMain(m *testing.M) {
	ptest.Main(m)
}

// buildLint builds the article command of the enclosing module, so that
// the pipeline is compared with lint as it is in this checkout.
func buildLint(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "article")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/article")
	cmd.Dir = filepath.Join("..", "..")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	return bin
}

// lintOutput runs `article lint args...` and returns its standard output;
// exit status 1 (problems found) is expected.
func lintOutput(t *testing.T, bin string, args ...string) string {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"lint"}, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("lint: %v\n%s", err, stderr.String())
	}
	return stdout.String()
}

// plantedTree writes a tree of generated articles with problems of every
// kind, duplicates within a shard and across shards (a copy of a file in
// another directory, an id reused at another line), articles without
// feed_item_id (absent keys are no duplicates), a hidden directory and a
// file with another extension (both skipped, as by lint).
func plantedTree(t *testing.T, n int) string {
	t.Helper()
	root := t.TempDir()
	for i, shard := range []string{"feed-a", "feed-b", "feed-c"} {
		_, err := gen.Write(filepath.Join(root, shard), n/3, gen.Config{
			Seed: uint64(i + 1), Invalid: 0.05, Duplicates: 0.02, FirstID: int64(100000 + i*(n/3) - 40*i),
		})
		require.NoError(t, err)
	}
	// The same file in two shards: every unique key twice.
	var some string
	require.NoError(t, filepath.WalkDir(filepath.Join(root, "feed-a"), func(p string, d os.DirEntry, err error) error {
		if some == "" && err == nil && !d.IsDir() {
			some = p
		}
		return err
	}))
	b, err := os.ReadFile(some)
	require.NoError(t, err)
	write := func(rel string, b []byte) {
		p := filepath.Join(root, rel)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, b, 0o644))
	}
	write("feed-c/copies/copy.md", b)
	// The same article_id at another line: a comment line moves the key.
	write("feed-b/moved/moved.md", bytes.Replace(b, []byte("+++\n"), []byte("+++\n# moved down a line\n"), 1))
	// No feed_item_id in either: not duplicates of each other.
	for _, name := range []string{"nofeed/one.md", "nofeed/two.md"} {
		nb := bytes.Replace(b, []byte("\nfeed_item_id"), []byte("\n# feed_item_id"), 1)
		nb = bytes.Replace(nb, []byte("\narticle_id = "), []byte("\narticle_id = 9"), 1)
		if name == "nofeed/two.md" {
			nb = bytes.Replace(nb, []byte("\narticle_id = 9"), []byte("\narticle_id = 8"), 1)
		}
		write(name, nb)
	}
	write(".hidden/skipped.md", []byte("not an article"))
	write("feed-a/notes.txt", []byte("not an article either"))
	return root
}

// TestPipelineMatchesLint runs the pipeline on Beam's local runner over a
// planted tree and compares its report with `article lint`'s, byte for
// byte, and its counters with the tree.
func TestPipelineMatchesLint(t *testing.T) {
	n := 3000
	if testing.Short() {
		n = 300
	}
	root := plantedTree(t, n)
	bin := buildLint(t)
	want := lintOutput(t, bin, root)
	require.Contains(t, want, "duplicate article_id")
	require.Contains(t, want, "copies/copy.md")
	assert.NotContains(t, want, ".hidden")
	assert.NotContains(t, want, "duplicate feed_item_id , also in", "an absent key is no duplicate")

	out := filepath.Join(t.TempDir(), "report.txt")
	start := time.Now()
	counters, err := run(context.Background(), Options{Input: root, Output: out, Ext: ".md", Depth: 16})
	require.NoError(t, err)
	t.Logf("pipeline over %d files: %v", n, time.Since(start))
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	if string(got) != want {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(want, "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("report differs from lint's at line %d:\n got: %s\nwant: %s", i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("report has %d lines, lint's %d", len(gl), len(wl))
	}
	files := n/3*3 + 4
	assert.Equal(t, int64(files), counters["files_read"])
	assert.Positive(t, counters["parse_failures"])
	assert.Positive(t, counters["problems_body"])
	assert.Equal(t, int64(strings.Count(want, ": duplicate ")), counters["duplicate_problems"])
}

// TestPipelineCleanTree: no problem, an empty report (lint prints nothing).
func TestPipelineCleanTree(t *testing.T) {
	root := t.TempDir()
	_, err := gen.Write(root, 30, gen.Config{Seed: 7, Invalid: -1, Duplicates: -1})
	require.NoError(t, err)
	out := filepath.Join(t.TempDir(), "report.txt")
	counters, err := run(context.Background(), Options{Input: root, Output: out, Ext: ".md", Depth: 16})
	require.NoError(t, err)
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Empty(t, string(got))
	assert.Equal(t, int64(30), counters["files_read"])
}

// TestPipelineUnreadable: a file that cannot be read is a problem in the
// report, and the pipeline succeeds.
func TestPipelineUnreadable(t *testing.T) {
	root := t.TempDir()
	_, err := gen.Write(root, 5, gen.Config{Seed: 9, Invalid: -1, Duplicates: -1})
	require.NoError(t, err)
	bad := filepath.Join(root, "gone.md")
	require.NoError(t, os.Symlink(filepath.Join(root, "nowhere"), bad))
	out := filepath.Join(t.TempDir(), "report.txt")
	counters, err := run(context.Background(), Options{Input: root, Output: out, Ext: ".md", Depth: 16})
	require.NoError(t, err)
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Contains(t, string(got), "gone.md")
	assert.Equal(t, int64(1), counters["unreadable"])
}

func TestWalkCompare(t *testing.T) {
	// The order filepath.WalkDir visits: a directory's entries by name,
	// a subdirectory's files before the next entry.
	order := []string{"r/a/b.md", "r/a/c/d.md", "r/a-c.md", "r/a.md", "r/b.md"}
	for i := range order {
		for j := range order {
			c := walkCompare(order[i], order[j])
			switch {
			case i < j:
				assert.Negative(t, c, "%s < %s", order[i], order[j])
			case i > j:
				assert.Positive(t, c, "%s > %s", order[i], order[j])
			default:
				assert.Zero(t, c)
			}
		}
	}
}
