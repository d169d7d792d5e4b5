package article

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// The README's Go code must compile and run as written (issue 13: its quick
// start dereferenced a nil Article). TestReadme takes every ```go block of
// README.md and
//
//   - wraps it into a program, unless it is one already (it has a package
//     clause): the block becomes the body of func main, and the imports it
//     uses among readmeImports are added;
//   - builds it with `go build` and `go vet`, in a module of its own in a
//     temporary directory whose go.mod replaces this module by this
//     checkout (offline: GOPROXY=off, the module cache has what go.sum
//     names), with //line directives so that errors name README.md lines;
//   - runs it in a directory holding article.md, once for each file of
//     readmeRuns: with a good article it must exit with status 0; with a
//     missing front matter, a bad date or a directory for article.md it
//     must not panic, and it must not print an empty field (": : ").
//
// An HTML comment on the line before the opening fence changes that:
// "<!-- not compiled -->" skips the block (for fragments with "…"), and
// "<!-- not run -->" builds it without running it (for programs that need
// a network or arguments).
//
// ARTICLE_README names another file to check, such as a draft of the
// README.

// readmeKnownBad lists the blocks of README.md known to fail, by the
// readmeBlock.id of their code, with the reason. Each must still fail (so
// that a fix is noticed) and must still be in README.md (so that the list
// does not go stale): when README.md is corrected, empty this list in the
// same commit. It does not apply to a file named by ARTICLE_README.
var readmeKnownBad = map[string]string{}

// readmeImports are the packages a wrapped block may use, by name.
var readmeImports = map[string]string{
	"article": "github.com/articlekit/article", "bytes": "bytes", "errors": "errors",
	"filepath": "path/filepath", "fmt": "fmt", "io": "io", "json": "encoding/json",
	"log": "log", "os": "os", "strings": "strings", "time": "time", "fs": "io/fs",
}

// readmeBlock is one ```go block.
type readmeBlock struct {
	line  int    // README line of the first line of code
	code  string // the code
	skip  bool   // <!-- not compiled -->
	norun bool   // <!-- not run -->
}

// readmeBlocks returns the ```go blocks of a Markdown text.
func readmeBlocks(text string) ([]readmeBlock, error) {
	var blocks []readmeBlock
	lines := strings.Split(text, "\n")
	prev := "" // the last non-blank line before the current one
	for i := 0; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if !strings.HasPrefix(l, "```") {
			if l != "" {
				prev = l
			}
			continue
		}
		lang := strings.TrimSpace(strings.TrimPrefix(l, "```"))
		start := i + 1
		end := start
		for end < len(lines) && strings.TrimSpace(lines[end]) != "```" {
			end++
		}
		if end == len(lines) {
			return nil, fmt.Errorf("README line %d: unterminated code block", i+1)
		}
		if lang == "go" {
			b := readmeBlock{line: start + 1, code: strings.Join(lines[start:end], "\n"),
				skip: prev == "<!-- not compiled -->", norun: prev == "<!-- not run -->"}
			blocks = append(blocks, b)
		}
		i = end
		prev = ""
	}
	return blocks, nil
}

// id identifies the code of the block: the first 12 hex digits of its
// SHA-256.
func (b readmeBlock) id() string {
	sum := sha256.Sum256([]byte(b.code))
	return hex.EncodeToString(sum[:6])
}

var readmePackageClause = regexp.MustCompile(`(?m)^package \w+`)

// program returns the block as a Go source file.
func (b readmeBlock) program() string {
	if readmePackageClause.MatchString(b.code) {
		return fmt.Sprintf("//line README.md:%d\n%s\n", b.line, b.code)
	}
	var imports []string
	for name, path := range readmeImports {
		if regexp.MustCompile(`(^|[^\w.])` + name + `\.`).MatchString(b.code) {
			imports = append(imports, fmt.Sprintf("%q", path))
		}
	}
	slices.Sort(imports)
	return fmt.Sprintf("package main\n\nimport (\n%s\n)\n\nfunc main() {\n//line README.md:%d\n%s\n}\n",
		strings.Join(imports, "\n"), b.line, b.code)
}

// readmeRuns are the article.md files a program runs with: a name, the
// content (nil: a directory) and whether the program must succeed.
var readmeRuns = []struct {
	name    string
	content func(good string) *string
	succeed bool
}{
	{"a good article", func(good string) *string { return &good }, true},
	{"no front matter", func(string) *string { s := "<p>Just a body.</p>\n"; return &s }, false},
	{"a bad date", func(good string) *string {
		s := regexp.MustCompile(`(?m)^date = .*$`).ReplaceAllString(good, `date = "Tue, 02 Sep 2025 04:30:00 EDT"`)
		return &s
	}, false},
	{"an empty file", func(string) *string { s := ""; return &s }, false},
	{"a directory", func(string) *string { return nil }, false},
}

func TestReadme(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the README's programs")
	}
	path, knownBad := os.Getenv("ARTICLE_README"), map[string]string{}
	if path == "" {
		path, knownBad = "README.md", readmeKnownBad
	}
	text, err := os.ReadFile(path)
	require.NoError(t, err)
	blocks, err := readmeBlocks(string(text))
	require.NoError(t, err)
	goCmd, err := exec.LookPath("go")
	require.NoError(t, err, "the test needs the go command")
	repo, err := filepath.Abs(".")
	require.NoError(t, err)
	good, err := os.ReadFile(filepath.Join("testdata", "articles", "green-shipping.md"))
	require.NoError(t, err)

	dir := t.TempDir()
	gomod := fmt.Sprintf("module readmecheck\n\ngo 1.26.0\n\nrequire github.com/articlekit/article v0.0.0\n\nreplace github.com/articlekit/article => %s\n", repo)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644))
	sum, err := os.ReadFile("go.sum")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644))
	env := append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off", "GOTOOLCHAIN=local")

	// Every block is built and vetted in one go command each (a go
	// command per block costs seconds of package loading); only if that
	// fails is each block built and vetted alone, to say which.
	for i, b := range blocks {
		if !b.skip {
			pkg := filepath.Join(dir, fmt.Sprintf("s%d", i))
			require.NoError(t, os.MkdirAll(pkg, 0o755))
			require.NoError(t, os.WriteFile(filepath.Join(pkg, "main.go"), []byte(b.program()), 0o644))
		}
	}
	prebuilt := func() bool {
		for _, args := range [][]string{{"build", "-o", filepath.Join(dir, "bin") + string(filepath.Separator), "./..."}, {"vet", "./..."}} {
			cmd := exec.Command(goCmd, args...)
			cmd.Dir, cmd.Env = dir, env
			if cmd.Run() != nil {
				return false
			}
		}
		return true
	}()

	seen := map[string]bool{}
	for i, b := range blocks {
		if b.skip {
			continue
		}
		seen[b.id()] = true
		t.Run(fmt.Sprintf("line_%d", b.line), func(t *testing.T) {
			failures := checkReadmeBlock(t, goCmd, env, dir, fmt.Sprintf("s%d", i), b, string(good), prebuilt)
			reason, known := knownBad[b.id()]
			switch {
			case known && len(failures) == 0:
				t.Errorf("README.md:%d: the block known to fail (%s) now passes: delete %q from readmeKnownBad", b.line, reason, b.id())
			case known:
				t.Logf("README.md:%d: fails as known (%s):\n%s", b.line, reason, strings.Join(failures, "\n"))
			case len(failures) > 0:
				t.Errorf("README.md:%d (block %s):\n%s\n--- program:\n%s", b.line, b.id(), strings.Join(failures, "\n"), b.program())
			}
		})
	}
	for id, reason := range knownBad {
		if !seen[id] {
			t.Errorf("readmeKnownBad names a block that README.md no longer has: %q (%s); delete it", id, reason)
		}
	}
}

// checkReadmeBlock builds, vets and runs one block in dir/pkg and returns
// what went wrong. With prebuilt, its binary is already in dir/bin and
// vetted.
func checkReadmeBlock(t *testing.T, goCmd string, env []string, dir, pkg string, b readmeBlock, good string, prebuilt bool) []string {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, pkg), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, pkg, "main.go"), []byte(b.program()), 0o644))
	bin := filepath.Join(dir, "bin", pkg)
	run := func(wd string, args ...string) (string, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, args[0], args[1:]...)
		cmd.Dir, cmd.Env = wd, env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if !prebuilt {
		if out, err := run(dir, goCmd, "build", "-o", bin, "./"+pkg); err != nil {
			return []string{"does not compile: " + strings.TrimSpace(out)}
		}
		if out, err := run(dir, goCmd, "vet", "./"+pkg); err != nil {
			return []string{"go vet: " + strings.TrimSpace(out)}
		}
	}
	if b.norun {
		return nil
	}
	var failures []string
	for i, r := range readmeRuns {
		wd := filepath.Join(dir, fmt.Sprintf("%s-run%d", pkg, i))
		require.NoError(t, os.MkdirAll(wd, 0o755))
		md := filepath.Join(wd, "article.md")
		if c := r.content(good); c == nil {
			require.NoError(t, os.Mkdir(md, 0o755))
		} else {
			require.NoError(t, os.WriteFile(md, []byte(*c), 0o644))
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		cmd := exec.CommandContext(ctx, bin)
		cmd.Dir = wd
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		cancel()
		text := out.String()
		switch {
		case strings.Contains(text, "panic:") || strings.Contains(text, "goroutine 1 ["):
			failures = append(failures, fmt.Sprintf("with %s, it panics:\n%s", r.name, text))
		case r.succeed && err != nil:
			failures = append(failures, fmt.Sprintf("with %s, it fails (%v):\n%s", r.name, err, text))
		case strings.Contains(text, ": : "):
			failures = append(failures, fmt.Sprintf("with %s, it prints an empty field:\n%s", r.name, text))
		}
	}
	return failures
}

func TestReadmeBlocks(t *testing.T) {
	md := "# T\n\n```sh\ngo test\n```\n\n```go\nfmt.Println(article.Slugify(\"x\"))\n```\n\n" +
		"<!-- not compiled -->\n```go\nf(…)\n```\n\n<!-- not run -->\n\n```go\npackage main\n\nfunc main() {}\n```\n"
	blocks, err := readmeBlocks(md)
	require.NoError(t, err)
	require.Len(t, blocks, 3)
	require.Equal(t, readmeBlock{line: 8, code: `fmt.Println(article.Slugify("x"))`}, blocks[0])
	require.Equal(t, readmeBlock{line: 13, code: "f(…)", skip: true}, blocks[1])
	require.Equal(t, readmeBlock{line: 19, code: "package main\n\nfunc main() {}", norun: true}, blocks[2])

	require.Equal(t, "package main\n\nimport (\n\"fmt\"\n\"github.com/articlekit/article\"\n)\n\nfunc main() {\n//line README.md:8\n"+
		"fmt.Println(article.Slugify(\"x\"))\n}\n", blocks[0].program())
	require.Equal(t, "//line README.md:19\npackage main\n\nfunc main() {}\n", blocks[2].program())

	_, err = readmeBlocks("```go\nunterminated\n")
	require.Error(t, err)
}
