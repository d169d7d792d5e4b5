//go:build unix

package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/articlekit/article"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReadArticleFileSizes reads files of sizes around the first buffer
// and the limit, into one buffer reused from file to file, larger and
// smaller.
func TestReadArticleFileSizes(t *testing.T) {
	dir := t.TempDir()
	var buf []byte
	for _, n := range []int{0, 1, 4095, 4096, 4097, 7000, 70000, 100, article.DefaultMaxSize, 3} {
		want := bytes.Repeat([]byte("abcdefghij"), n/10+1)[:n]
		p := filepath.Join(dir, "a.md")
		require.NoError(t, os.WriteFile(p, want, 0o644))
		var err error
		buf, err = readArticleFile(p, buf)
		require.NoError(t, err, n)
		require.Equal(t, len(want), len(buf), n)
		require.True(t, bytes.Equal(want, buf), n)
	}
	p := filepath.Join(dir, "big.md")
	require.NoError(t, os.WriteFile(p, make([]byte, article.DefaultMaxSize+1), 0o644))
	_, err := readArticleFile(p, buf)
	assert.True(t, errors.Is(err, article.ErrTooLarge), err)
}

// TestReadArticleFileSizeZero reads a file whose size says 0 but which
// holds more (a /proc file): it is read to its end.
func TestReadArticleFileSizeZero(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("/proc/self/cmdline is Linux's")
	}
	const p = "/proc/self/cmdline"
	fi, err := os.Stat(p)
	if err != nil || fi.Size() != 0 {
		t.Skip("no /proc/self/cmdline of size 0")
	}
	want, err := os.ReadFile(p)
	require.NoError(t, err)
	require.NotEmpty(t, want)
	got, err := readArticleFile(p, nil)
	require.NoError(t, err)
	assert.Equal(t, want, got)
	// A larger one, past the first read (of 4,096 bytes for a size of 0);
	// it changes as the process runs, so only its length is checked.
	if smaps, err := os.ReadFile("/proc/self/smaps"); err == nil && len(smaps) > 3*4096 {
		got, err := readArticleFile("/proc/self/smaps", nil)
		require.NoError(t, err)
		assert.Greater(t, len(got), 2*4096)
	}
}
