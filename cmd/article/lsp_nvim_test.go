package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/articlekit/article"
)

// TestLSPNeovim runs a real editor as the client: Neovim, headless, with
// testdata/lsp/init.lua, opens a bad article, writes the diagnostics it
// shows, formats the file, applies the quick fix for url and saves. The
// diagnostics must be lint's (line and byte column, message), and the file
// saved fmt's output with the permalink as url.
//
// Without nvim the test is skipped, except in CI (CI set), where .ci/run
// installs it and its absence is a failure.
func TestLSPNeovim(t *testing.T) {
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("nvim is not installed: CI must install it (see .ci/run)")
		}
		t.Skip("nvim is not installed")
	}
	dir := t.TempDir()
	orig := readTestdata(t, "lsp", "bad.md")
	file := filepath.Join(dir, "bad.md")
	require.NoError(t, os.WriteFile(file, []byte(orig), 0o644))
	out := filepath.Join(dir, "out.txt")
	script, err := filepath.Abs(filepath.Join("testdata", "lsp", "init.lua"))
	require.NoError(t, err)

	lint := runBin(t, dir, "", "lint", "bad.md")
	require.Equal(t, 1, lint.code, lint.stderr)
	var want []string
	for _, l := range strings.Split(strings.TrimSpace(lint.stdout), "\n") {
		want = append(want, "diag "+strings.TrimPrefix(l, "bad.md:"))
	}

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, nvim, "--headless", "-n", "-i", "NONE", "-u", script)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), runMainEnv+"=1", "ARTICLE_BIN="+binary, "ARTICLE_FILE="+file, "ARTICLE_OUT="+out,
		"XDG_CONFIG_HOME="+dir, "XDG_CACHE_HOME="+dir, "XDG_DATA_HOME="+dir, "XDG_STATE_HOME="+dir)
	logs, err := cmd.CombinedOutput()
	require.NoError(t, err, "nvim: %s", logs)
	got, err := os.ReadFile(out)
	require.NoError(t, err, "nvim wrote no results: %s", logs)

	formatted, err := article.Format([]byte(orig))
	require.NoError(t, err)
	a, err := article.Parse(strings.NewReader(orig))
	require.NoError(t, err)
	permalink := a.Permalink()
	want = append(want, "formatted", `fix Set url to the permalink "`+permalink+`"`, "saved")
	assert.Equal(t, want, strings.Split(strings.TrimSpace(string(got)), "\n"))

	saved, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.Equal(t, strings.Replace(string(formatted), a.URL, permalink, 1), string(saved))
	// fmt finds nothing to change; lint finds only the body's problem.
	assert.Equal(t, runResult{"", "", 0}, runBin(t, dir, "", "fmt", "-l", "bad.md"))
	lint = runBin(t, dir, "", "lint", "bad.md")
	assert.Equal(t, 1, lint.code)
	assert.Equal(t, 1, strings.Count(lint.stdout, "\n"))
	assert.Contains(t, lint.stdout, "body: unsafe HTML")
}
