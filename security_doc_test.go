package article

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testFuncs returns the test functions (Test, Fuzz, Example, Benchmark) of
// every package of the repository, with the text of the file of each.
func testFuncs(t *testing.T) map[string]string {
	t.Helper()
	decl := regexp.MustCompile(`(?m)^func ((?:Test|Fuzz|Example|Benchmark)\w*)\(`)
	funcs := map[string]string{}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && path != ".") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range decl.FindAllStringSubmatch(string(b), -1) {
			funcs[m[1]] += string(b)
		}
		return nil
	})
	require.NoError(t, err)
	return funcs
}

// securityClaims returns the test names SECURITY.md gives (in backquotes),
// and the bullets of its sections of guarantees and limits.
func securityClaims(doc string) (names []string, bullets []string) {
	name := regexp.MustCompile("`((?:Test|Fuzz|Example|Benchmark)[A-Za-z0-9_]*(?:/[^`]+)?)`")
	for _, m := range name.FindAllStringSubmatch(doc, -1) {
		names = append(names, m[1])
	}
	section := ""
	var cur *strings.Builder
	flush := func() {
		if cur != nil {
			bullets = append(bullets, cur.String())
			cur = nil
		}
	}
	for _, line := range strings.Split(doc, "\n") {
		switch {
		case strings.HasPrefix(line, "## "):
			flush()
			section = strings.TrimPrefix(line, "## ")
		case section != "What the sanitiser guarantees" && section != "Limits that bound time and memory":
		case strings.HasPrefix(line, "- "):
			flush()
			cur = &strings.Builder{}
			cur.WriteString(line)
		case cur != nil && strings.HasPrefix(line, "  "):
			cur.WriteString(" " + strings.TrimSpace(line))
		default:
			flush()
		}
	}
	flush()
	return names, bullets
}

// TestSecurityClaims keeps SECURITY.md honest: every test it names as
// proof of a claim exists, and every guarantee and limit names one.
func TestSecurityClaims(t *testing.T) {
	b, err := os.ReadFile("SECURITY.md")
	require.NoError(t, err)
	names, bullets := securityClaims(string(b))
	require.NotEmpty(t, names)
	require.GreaterOrEqual(t, len(bullets), 10, "the sections of guarantees and limits were not found")
	funcs := testFuncs(t)
	for _, n := range names {
		fn, sub, _ := strings.Cut(n, "/")
		src, ok := funcs[fn]
		if !assert.True(t, ok, "SECURITY.md names %s, which is no test function of the repository", fn) {
			continue
		}
		if sub != "" {
			assert.Contains(t, src, `"`+strings.ReplaceAll(sub, "_", " ")+`"`, "SECURITY.md names the subtest %s, not found in the file of %s", n, fn)
		}
	}
	for _, bl := range bullets {
		_, proof, ok := strings.Cut(bl, "Tests: ")
		ok = ok && strings.HasPrefix(proof, "`")
		assert.True(t, ok, "a claim of SECURITY.md names no test (\"Tests: `TestX`\"): %.100s…", bl)
	}
}

func TestSecurityClaimsParser(t *testing.T) {
	doc := "# S\n\n## What the sanitiser guarantees\n\n- **A.** x `TestA` y.\n  more. Tests: `TestB`,\n  `FuzzC/sub_name`.\n- **B.** no test\n\n" +
		"Text `TestD`.\n\n## Other\n\n- not checked\n"
	names, bullets := securityClaims(doc)
	assert.Equal(t, []string{"TestA", "TestB", "FuzzC/sub_name", "TestD"}, names)
	assert.Equal(t, []string{"- **A.** x `TestA` y. more. Tests: `TestB`, `FuzzC/sub_name`.", "- **B.** no test"}, bullets)
}
