//go:build unix

package article

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A FIFO is refused at once, not waited on.
func TestParseFileFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo.md")
	require.NoError(t, syscall.Mkfifo(fifo, 0o644))
	done := make(chan error, 1)
	go func() { _, err := ParseFile(fifo); done <- err }()
	select {
	case err := <-done:
		assert.ErrorIs(t, err, ErrNotRegular)
		assert.Contains(t, err.Error(), "a FIFO")
	case <-time.After(5 * time.Second):
		t.Fatal("ParseFile blocks on a FIFO")
	}
	a := &Article{Title: "x"}
	assert.ErrorIs(t, a.WriteFile(fifo), ErrNotRegular)
}

// Root keeps the owner and group of the file it replaces.
func TestWriteFileKeepsOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root may give a file away")
	}
	dir := t.TempDir()
	name := filepath.Join(dir, "a.md")
	writeTestFile(t, name, fileTestArticle, 0o644|fs.ModeSetuid)
	require.NoError(t, os.Chown(name, 65534, 65534))
	require.NoError(t, os.Chmod(name, 0o644|fs.ModeSetuid))
	a, err := ParseFile(name)
	require.NoError(t, err)
	a.Title = "Beta"
	require.NoError(t, a.WriteFile(name))
	fi, err := os.Stat(name)
	require.NoError(t, err)
	st := fi.Sys().(*syscall.Stat_t)
	assert.Equal(t, uint32(65534), st.Uid)
	assert.Equal(t, uint32(65534), st.Gid)
	assert.Equal(t, 0o644|fs.ModeSetuid, fi.Mode()&(fs.ModePerm|fs.ModeSetuid))
}
