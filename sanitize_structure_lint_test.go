package article

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLintStructure runs article lint (built from cmd/article) on articles
// whose bodies break out of the page, and on one that only omits optional
// end tags: lint reports each structure problem as a body problem at its
// place in the file, and exits 0 only for the clean one. Not under -short
// (it builds the command).
func TestLintStructure(t *testing.T) {
	if testing.Short() {
		t.Skip("builds cmd/article: not with -short")
	}
	goCmd, err := exec.LookPath("go")
	require.NoError(t, err, "the test needs the go command")
	dir := t.TempDir()
	bin := filepath.Join(dir, "article")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, goCmd, "build", "-o", bin, "./cmd/article").CombinedOutput()
	require.NoError(t, err, "%s", out)

	src, err := os.ReadFile(filepath.Join("testdata", "articles", "green-shipping.md"))
	require.NoError(t, err)
	end := strings.Index(string(src[3:]), "+++\n") + 3 + len("+++\n")
	front := string(src[:end])
	bodyLine := strings.Count(front, "\n") + 1 // the body's first line in the file
	lines := func(ls ...string) []string { return ls }
	at := func(line int, rest string) string {
		return "article.md:" + itoa(bodyLine+line-1) + ":" + rest
	}
	tests := []struct {
		name, body string
		want       []string // lines of output, after the file's directory
	}{
		{"unfinished-img", "<p>Hi</p>\n<img src=x onerror=alert(document.domain) ",
			lines(at(2, `1: body: unsafe HTML: unfinished markup <img> "<img src=x onerror=alert(document.domain) "`))},
		{"open-link-stray-div", "<p>Hi <a href=\"https://evil.example/\">click</p>\n</div>\n",
			lines(at(1, "7: body: unsafe HTML: element left open <a>"), at(2, "1: body: unsafe HTML: stray end tag <div>"))},
		{"unfinished-comment", "<p>Hi</p>\n<!-- note",
			lines(at(2, `1: body: unsafe HTML: comment dropped " note"`), at(2, `1: body: unsafe HTML: unfinished markup "<!-- note"`))},
		{"optional-end-tags", "<p>a<p>b\n<ul><li>x<li>y</ul>\n<table><tr><td>1<td>2</table>\n", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := filepath.Join(dir, tc.name)
			require.NoError(t, os.MkdirAll(d, 0o755))
			file := filepath.Join(d, "article.md")
			require.NoError(t, os.WriteFile(file, []byte(front+tc.body), 0o644))
			cmd := exec.CommandContext(ctx, bin, "lint", file)
			out, err := cmd.CombinedOutput()
			got := strings.TrimSpace(strings.ReplaceAll(string(out), d+string(filepath.Separator), ""))
			if tc.want == nil {
				assert.NoError(t, err, "%s", out)
				assert.Empty(t, got)
				return
			}
			var ee *exec.ExitError
			require.ErrorAs(t, err, &ee, "%s", out)
			assert.Equal(t, 1, ee.ExitCode())
			assert.Equal(t, strings.Join(tc.want, "\n"), got)
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
