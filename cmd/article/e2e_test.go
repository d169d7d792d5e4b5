package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// binary is the article command: this test binary itself, which runs the
// command's main when started with runMainEnv set (see TestMain). So the
// end-to-end tests run the code under test, as built by "go test" (with a
// mutation tool's changes, coverage or the race detector), not a copy built
// from the package folder.
var binary string

// runMainEnv, set in the environment of a child process, makes TestMain run
// the command instead of the tests.
const runMainEnv = "ARTICLE_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(runMainEnv) == "1" {
		main()
		return
	}
	flag.Parse()
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = exe
	code := m.Run()
	removePublicBinary()
	os.Exit(code)
}

// articleCmd returns a command that runs the article command with args.
func articleCmd(args ...string) *exec.Cmd {
	cmd := exec.Command(binary, args...)
	cmd.Env = append(os.Environ(), runMainEnv+"=1")
	return cmd
}

// runResult is what one run of the binary did.
type runResult struct {
	stdout, stderr string
	code           int
}

// runBin runs the binary in dir (the package folder if "") with stdin.
func runBin(t *testing.T, dir, stdin string, args ...string) runResult {
	t.Helper()
	cmd := articleCmd(args...)
	cmd.Dir = dir
	return runCmd(t, cmd, stdin)
}

// runCmd runs cmd with stdin and returns what it did.
func runCmd(t *testing.T, cmd *exec.Cmd, stdin string) runResult {
	t.Helper()
	args := cmd.Args
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if err != nil {
		var ee *exec.ExitError
		require.True(t, errors.As(err, &ee), "running %v: %v", args, err)
		code = ee.ExitCode()
	}
	return runResult{out.String(), errb.String(), code}
}

// golden compares got with the file testdata/golden/name, or writes it
// with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create it")
	assert.Equal(t, string(want), got, "golden file %s", path)
}

// copyTree copies the folder src into a new temporary folder and returns
// the copy.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	require.NoError(t, err)
	return dst
}

func TestTopLevel(t *testing.T) {
	r := runBin(t, "", "")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "usage: article COMMAND")
	assert.Empty(t, r.stdout)

	r = runBin(t, "", "", "frobnicate")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, `unknown command "frobnicate"`)
	assert.Contains(t, r.stderr, "usage: article COMMAND")

	for _, h := range []string{"-h", "help", "--help"} {
		r = runBin(t, "", "", h)
		assert.Equal(t, 0, r.code, h)
		assert.Contains(t, r.stdout, "lint ", h)
		assert.Contains(t, r.stdout, "sanitize ", h)
	}
	r = runBin(t, "", "", "help", "nope")
	assert.Equal(t, 2, r.code)

	r = runBin(t, "", "", "help", "lint")
	assert.Equal(t, 0, r.code)
	assert.Contains(t, r.stdout, "usage: article lint")
}

// Every subcommand has -h with an example, and refuses unknown flags.
func TestSubcommandUsage(t *testing.T) {
	for _, c := range commands {
		t.Run(c.name, func(t *testing.T) {
			r := runBin(t, "", "", c.name, "-h")
			assert.Equal(t, 0, r.code)
			assert.Contains(t, r.stdout, "usage: article "+c.name)
			assert.Contains(t, r.stdout, "example:\n  $ article "+c.name)
			assert.Empty(t, r.stderr)

			r = runBin(t, "", "", c.name, "-no-such-flag")
			assert.Equal(t, 2, r.code)
			assert.Contains(t, r.stderr, "flag provided but not defined: -no-such-flag")
			assert.Contains(t, r.stderr, "usage: article "+c.name)
			assert.Empty(t, r.stdout)
		})
	}
}
