//go:build unix

package main

import (
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"
)

// nobody is the user and group an unprivileged run takes when the tests
// run as root: the conventional "nobody" ids, which own no file.
const nobody = 65534

var (
	publicBinaryOnce sync.Once
	publicBinary     string
	publicBinaryErr  error
)

// runUnprivileged runs the command in dir as a user without privileges:
// the current one, or when the tests run as root (as in CI), the user
// nobody, so that permission bits apply. dir and its parents must be
// reachable by that user: makeReachable opens them up.
func runUnprivileged(t *testing.T, dir, stdin string, args ...string) runResult {
	t.Helper()
	cmd := articleCmd(args...)
	cmd.Dir = dir
	if os.Geteuid() == 0 {
		// The test binary sits in a folder only root may enter: run a
		// copy that anyone may run.
		publicBinaryOnce.Do(func() {
			var d string
			if d, publicBinaryErr = os.MkdirTemp("", "article-test-bin-"); publicBinaryErr != nil {
				return
			}
			publicBinary = filepath.Join(d, "article.test")
			var b []byte
			if b, publicBinaryErr = os.ReadFile(binary); publicBinaryErr != nil {
				return
			}
			if publicBinaryErr = os.WriteFile(publicBinary, b, 0o755); publicBinaryErr == nil {
				publicBinaryErr = os.Chmod(d, 0o755)
			}
		})
		require.NoError(t, publicBinaryErr)
		cmd.Path = publicBinary
		cmd.Args[0] = publicBinary
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody, Groups: []uint32{}}}
		makeReachable(t, dir)
	}
	return runCmd(t, cmd, stdin)
}

// makeReachable lets everyone enter dir and its parents up to the
// temporary folder (t.TempDir makes them private to the user).
func makeReachable(t *testing.T, dir string) {
	t.Helper()
	abs, err := filepath.Abs(dir)
	require.NoError(t, err)
	for d := abs; ; d = filepath.Dir(d) {
		fi, err := os.Stat(d)
		require.NoError(t, err)
		if fi.Mode().Perm()&0o005 != 0o005 {
			require.NoError(t, os.Chmod(d, fi.Mode().Perm()|0o005))
		}
		if d == filepath.Dir(d) || d == os.TempDir() {
			return
		}
	}
}

// removePublicBinary removes the copy runUnprivileged made, if any.
func removePublicBinary() {
	if publicBinary != "" {
		os.RemoveAll(filepath.Dir(publicBinary))
	}
}
