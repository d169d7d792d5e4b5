package article

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// update is the one flag that rewrites the golden files under testdata/:
//
//	go test -run TestX -update
//
// A test run with it writes what the code gives and then skips: it
// compares nothing, so it never reports a pass (see golden).
var update = flag.Bool("update", false, "rewrite the golden files under testdata/ and skip the tests that compare with them")

// golden compares each content with its golden file, given as pairs of a
// path and the content the code gives now. Under -update it writes them
// all and skips the test (the rest of it, too, is not run).
func golden(t *testing.T, pathAndGot ...string) {
	t.Helper()
	if len(pathAndGot)%2 != 0 {
		t.Fatal("golden: a path without its content")
	}
	if *update {
		var paths []string
		for i := 0; i < len(pathAndGot); i += 2 {
			path := pathAndGot[i]
			require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
			require.NoError(t, os.WriteFile(path, []byte(pathAndGot[i+1]), 0o644))
			paths = append(paths, path)
		}
		t.Skipf("-update: wrote %s; run again without -update to compare", strings.Join(paths, ", "))
	}
	for i := 0; i < len(pathAndGot); i += 2 {
		path := pathAndGot[i]
		want, err := os.ReadFile(path)
		require.NoError(t, err, "go test -run '%s' -update creates %s", t.Name(), path)
		assert.Equal(t, string(want), pathAndGot[i+1], "%s (go test -run '%s' -update rewrites it)", path, t.Name())
	}
}

// TestGoldenUpdateSkips: under -update, golden writes the file and skips,
// whatever the file held before; without it, the file is compared.
func TestGoldenUpdateSkips(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "x.golden")
	old := *update
	defer func() { *update = old }()

	*update = true
	var skipped bool
	t.Run("update", func(t *testing.T) {
		defer func() { skipped = t.Skipped() }()
		golden(t, path, "new\n")
	})
	require.True(t, skipped, "-update must skip, never pass")
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "new\n", string(b))

	*update = false
	golden(t, path, "new\n")
}
