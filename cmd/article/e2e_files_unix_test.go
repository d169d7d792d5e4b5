//go:build unix

package main

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/articlekit/article"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runTimeout runs the command in dir and fails the test if it has not
// ended after d (it is killed then).
func runTimeout(t *testing.T, d time.Duration, dir string, args ...string) runResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Env = append(os.Environ(), runMainEnv+"=1")
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	require.NoError(t, ctx.Err(), "%v did not end within %v", args, d)
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else {
		require.NoError(t, err)
	}
	return runResult{out.String(), errb.String(), code}
}

// A FIFO, named on the command line, in a tree, or behind a *.md link in
// a tree, is reported and skipped: no command waits for a writer.
func TestFIFO(t *testing.T) {
	dir := copyTree(t, "testdata/lint/clean")
	require.NoError(t, syscall.Mkfifo(filepath.Join(dir, "pipe.md"), 0o644))
	require.NoError(t, syscall.Mkfifo(filepath.Join(t.TempDir(), "x"), 0o644))
	outside := filepath.Join(t.TempDir(), "outside-pipe")
	require.NoError(t, syscall.Mkfifo(outside, 0o644))
	require.NoError(t, os.Symlink(outside, filepath.Join(dir, "link-to-pipe.md")))
	for _, args := range [][]string{
		{"lint", "."}, {"fmt", "-l", "."}, {"fmt", "-w", "."}, {"json", "."}, {"sanitize", "."},
		{"lint", "pipe.md"}, {"fmt", "pipe.md"}, {"json", "pipe.md"}, {"sanitize", "-w", "pipe.md"},
		{"lint", "link-to-pipe.md"}, {"fmt", "-l", "link-to-pipe.md"},
	} {
		r := runTimeout(t, 20*time.Second, dir, args...)
		assert.Equal(t, 2, r.code, "%v", args)
		assert.Contains(t, r.stderr, "not a regular file (a FIFO)", "%v", args)
		assert.NotContains(t, r.stderr, "outside", "%v: a link in a tree is not followed", args)
	}
}

// Walking a tree does not follow links (to files or folders outside it):
// fmt -w never writes outside the paths named. A link named on the command
// line is read, and written, through.
func TestLinks(t *testing.T) {
	messy, err := os.ReadFile("testdata/fmt/messy.md")
	require.NoError(t, err)
	root := t.TempDir()
	tree := filepath.Join(root, "tree")
	out := filepath.Join(root, "out")
	writeFiles(t, root, map[string]string{
		"out/victim.md":     string(messy),
		"out/dir/deeper.md": string(messy),
		"tree/inside.md":    string(messy),
	})
	require.NoError(t, os.Symlink(filepath.Join(out, "victim.md"), filepath.Join(tree, "link.md")))
	require.NoError(t, os.Symlink(filepath.Join(out, "dir"), filepath.Join(tree, "linkdir")))

	r := runBin(t, root, "", "fmt", "-l", "tree")
	assert.Equal(t, runResult{"tree/inside.md\n", "", 1}, r)
	r = runBin(t, root, "", "fmt", "-w", "tree")
	assert.Equal(t, runResult{"", "", 0}, r)
	for _, p := range []string{"out/victim.md", "out/dir/deeper.md"} {
		b, err := os.ReadFile(filepath.Join(root, p))
		require.NoError(t, err)
		assert.Equal(t, string(messy), string(b), "%s was written through a link in the tree", p)
	}
	li, err := os.Lstat(filepath.Join(tree, "link.md"))
	require.NoError(t, err)
	assert.NotZero(t, li.Mode()&fs.ModeSymlink)

	// Named on the command line, a link (to a file, to a folder) is read
	// through; -w replaces the file it points to and keeps the link.
	r = runBin(t, root, "", "fmt", "-l", "tree/link.md", "tree/linkdir")
	assert.Equal(t, runResult{"tree/link.md\ntree/linkdir/deeper.md\n", "", 1}, r)
	r = runBin(t, root, "", "fmt", "-w", "tree/link.md")
	assert.Equal(t, 0, r.code, r.stderr)
	b, err := os.ReadFile(filepath.Join(out, "victim.md"))
	require.NoError(t, err)
	assert.NotEqual(t, string(messy), string(b))
	li, err = os.Lstat(filepath.Join(tree, "link.md"))
	require.NoError(t, err)
	assert.NotZero(t, li.Mode()&fs.ModeSymlink, "the link stays a link")
}

// -w never writes a file the user could not write in place, though the
// folder is writable (a rename would bypass the file's mode); it keeps
// mode bits, setuid included, and (as root) the owner of a file named
// through a link.
func TestWritePermissions(t *testing.T) {
	messy, err := os.ReadFile("testdata/fmt/messy.md")
	require.NoError(t, err)
	dirty, err := os.ReadFile("testdata/sanitize/dirty.md")
	if err != nil {
		dirty = []byte("+++\ntitle = \"x\"\n+++\n\n<p>x<script>alert(1)</script></p>\n")
	}
	dir := t.TempDir()
	require.NoError(t, os.Chmod(dir, 0o777))
	writeFiles(t, dir, map[string]string{"ro.md": string(messy), "ro-dirty.md": string(dirty)})
	for _, f := range []string{"ro.md", "ro-dirty.md"} {
		p := filepath.Join(dir, f)
		if os.Geteuid() == 0 {
			require.NoError(t, os.Chown(p, nobody, nobody))
		}
		require.NoError(t, os.Chmod(p, 0o444))
	}
	r := runUnprivileged(t, dir, "", "fmt", "-w", "ro.md")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "ro.md: permission denied")
	r = runUnprivileged(t, dir, "", "sanitize", "-w", "ro-dirty.md")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "ro-dirty.md: permission denied")
	b, err := os.ReadFile(filepath.Join(dir, "ro.md"))
	require.NoError(t, err)
	assert.Equal(t, string(messy), string(b))
	b, err = os.ReadFile(filepath.Join(dir, "ro-dirty.md"))
	require.NoError(t, err)
	assert.Equal(t, string(dirty), string(b))
	assertNoLeftovers(t, dir)

	// Mode bits, setuid and sticky included, are kept; as root, through a
	// link, so is the owner.
	p := filepath.Join(dir, "suid.md")
	writeFiles(t, dir, map[string]string{"suid.md": string(messy)})
	require.NoError(t, os.Chmod(p, 0o754|fs.ModeSetuid|fs.ModeSticky))
	if os.Geteuid() == 0 {
		require.NoError(t, os.Chown(p, nobody, nobody))
		require.NoError(t, os.Chmod(p, 0o754|fs.ModeSetuid|fs.ModeSticky))
	}
	require.NoError(t, os.Symlink("suid.md", filepath.Join(dir, "link.md")))
	r = runBin(t, dir, "", "fmt", "-w", "link.md")
	assert.Equal(t, 0, r.code, r.stderr)
	fi, err := os.Stat(p)
	require.NoError(t, err)
	assert.Equal(t, 0o754|fs.ModeSetuid|fs.ModeSticky, fi.Mode()&(fs.ModePerm|fs.ModeSetuid|fs.ModeSticky))
	if os.Geteuid() == 0 {
		st := fi.Sys().(*syscall.Stat_t)
		assert.Equal(t, uint32(nobody), st.Uid, "root through a link keeps the owner")
		assert.Equal(t, uint32(nobody), st.Gid)
	}
	b, err = os.ReadFile(p)
	require.NoError(t, err)
	assert.NotEqual(t, string(messy), string(b))
}

// assertNoLeftovers fails if a temporary file of WriteFile is under dir.
func assertNoLeftovers(t *testing.T, dir string) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil {
			_, ok := article.TempFilePID(d.Name())
			assert.False(t, ok, "left behind: %s", p)
			assert.False(t, strings.HasSuffix(d.Name(), ".tmp"), "left behind: %s", p)
		}
		return nil
	})
}

// SIGTERM during fmt -w over thousands of files: the command stops with a
// non-zero status, leaves no temporary file, and every file is whole,
// either as it was or formatted.
func TestWriteSignal(t *testing.T) {
	messy, err := os.ReadFile("testdata/fmt/messy.md")
	require.NoError(t, err)
	formatted, err := article.Format(messy)
	require.NoError(t, err)
	dir := t.TempDir()
	const n = 3000
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		for i := range n {
			sub := filepath.Join(dir, strconv.Itoa(i%10))
			require.NoError(t, os.MkdirAll(sub, 0o755))
			require.NoError(t, os.WriteFile(filepath.Join(sub, strconv.Itoa(i)+".md"), messy, 0o644))
		}
		cmd := articleCmd("fmt", "-w", ".")
		cmd.Dir = dir
		var errb bytes.Buffer
		cmd.Stderr = &errb
		require.NoError(t, cmd.Start())
		// Signal once the command has written some files.
		deadline := time.Now().Add(30 * time.Second)
		for time.Now().Before(deadline) {
			b, _ := os.ReadFile(filepath.Join(dir, "9", "2999.md"))
			if b2, _ := os.ReadFile(filepath.Join(dir, "0", "0.md")); bytes.Equal(b2, formatted) || bytes.Equal(b, formatted) {
				break
			}
			time.Sleep(2 * time.Millisecond)
		}
		time.Sleep(20 * time.Millisecond) // into the run
		require.NoError(t, cmd.Process.Signal(sig))
		err := cmd.Wait()
		var ee *exec.ExitError
		require.ErrorAs(t, err, &ee, "the command must stop with an error status, stderr: %s", errb.String())
		assert.Equal(t, 2, ee.ExitCode(), errb.String())
		assert.Contains(t, errb.String(), "stopped")
		assertNoLeftovers(t, dir)
		changed := 0
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(p)
			require.NoError(t, err)
			switch {
			case bytes.Equal(b, formatted):
				changed++
			case !bytes.Equal(b, messy):
				t.Errorf("%s is neither the old nor the new content", p)
			}
			return nil
		})
		t.Logf("%v after %d of %d files", sig, changed, n)
		if sig == syscall.SIGTERM {
			assert.Less(t, changed, n, "the run stopped before the end")
		}
	}
}

// A later -w run removes the temporary files a killed run left in the
// folders it works in (its own kind, older than the run, process gone),
// and nothing else.
func TestStaleTemps(t *testing.T) {
	messy, err := os.ReadFile("testdata/fmt/messy.md")
	require.NoError(t, err)
	dir := t.TempDir()
	// The pid of a process that has ended.
	done := exec.Command("true")
	require.NoError(t, done.Run())
	dead := done.Process.Pid
	old := time.Now().Add(-time.Hour)
	files := map[string]bool{ // name → removed
		".a.md.article-" + strconv.Itoa(dead) + "-1f.tmp":         true,
		".b.md.article-" + strconv.Itoa(dead) + "-2e.tmp":         true,
		".a.md.article-" + strconv.Itoa(os.Getppid()) + "-3d.tmp": false, // process alive
		".a.md.123456.tmp":                                 false, // not of ours
		"a.md.article-1-ab.tmp":                            false,
		".c.md.article-" + strconv.Itoa(dead) + "-4c.tmp~": false,
	}
	for name := range files {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte("partial"), 0o600))
		require.NoError(t, os.Chtimes(p, old, old))
	}
	recent := ".d.md.article-" + strconv.Itoa(dead) + "-5b.tmp"
	require.NoError(t, os.WriteFile(filepath.Join(dir, recent), []byte("partial"), 0o600))
	future := time.Now().Add(time.Hour)
	require.NoError(t, os.Chtimes(filepath.Join(dir, recent), future, future))
	files[recent] = false // newer than the run
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.md"), messy, 0o644))

	r := runBin(t, dir, "", "fmt", "-w", ".")
	assert.Equal(t, runResult{"", "", 0}, r)
	for name, removed := range files {
		_, err := os.Stat(filepath.Join(dir, name))
		if removed {
			assert.ErrorIs(t, err, fs.ErrNotExist, "%s kept", name)
		} else {
			assert.NoError(t, err, "%s removed", name)
		}
	}
}
