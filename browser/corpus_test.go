//go:build browser

package browser

import (
	"bufio"
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/articlekit/article"
)

// root is the repository root, where testdata/ lives.
const root = ".."

// input is one body the harness checks, named after where it came from.
type input struct {
	name string // "vector/<name>", "golden/<file>", "fuzz/<entry>", …
	body string
}

// xssVectors reads testdata/xss-vectors.tsv: name, a tab, the input.
func xssVectors(t *testing.T) []input {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "testdata", "xss-vectors.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	var in []input
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		name, body, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			t.Fatalf("xss-vectors.tsv: no tab in %q", sc.Text())
		}
		in = append(in, input{"vector/" + name, body})
	}
	if len(in) < 80 {
		t.Fatalf("xss-vectors.tsv: only %d vectors", len(in))
	}
	return in
}

// goldenInputs returns the sanitiser golden inputs (testdata/sanitize/*.html
// but the goldens) to be sanitised, and the stored golden outputs
// (*.golden.html and every output recorded in vectors.golden) to be loaded
// as they are.
func goldenInputs(t *testing.T) (inputs, outputs []input) {
	t.Helper()
	dir := filepath.Join(root, "testdata", "sanitize")
	names, err := filepath.Glob(filepath.Join(dir, "*.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range names {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		base := filepath.Base(path)
		if strings.HasSuffix(base, ".golden.html") {
			outputs = append(outputs, input{"golden/" + base, string(data)})
		} else {
			inputs = append(inputs, input{"golden/" + base, string(data)})
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, "vectors.golden"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || line[0] == '\t' {
			continue // a change of the report
		}
		name, quoted, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("vectors.golden: no tab in %q", line)
		}
		out, err := strconv.Unquote(quoted)
		if err != nil {
			t.Fatalf("vectors.golden: %s: %v", name, err)
		}
		outputs = append(outputs, input{"golden/vectors.golden/" + name, out})
	}
	if len(inputs) == 0 || len(outputs) < 80 {
		t.Fatalf("sanitiser goldens: %d inputs, %d outputs", len(inputs), len(outputs))
	}
	return inputs, outputs
}

// fuzzCorpus reads the FuzzSanitize entries in dir ("go test fuzz v1"
// files of one string). A missing dir is empty.
func fuzzCorpus(t *testing.T, dir, prefix string) []input {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var in []input
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		body, err := parseCorpusEntry(data)
		if err != nil {
			t.Fatalf("%s: %v", filepath.Join(dir, e.Name()), err)
		}
		in = append(in, input{prefix + e.Name(), body})
	}
	return in
}

// parseCorpusEntry reads a fuzz corpus file holding one string or []byte.
func parseCorpusEntry(data []byte) (string, error) {
	header, rest, _ := strings.Cut(string(data), "\n")
	if header != "go test fuzz v1" {
		return "", fmt.Errorf("not a go test fuzz v1 file")
	}
	expr, err := parser.ParseExpr(strings.TrimSpace(rest))
	if err != nil {
		return "", err
	}
	call, ok := expr.(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return "", fmt.Errorf("want string(…) or []byte(…)")
	}
	lit, ok := call.Args[0].(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", fmt.Errorf("want a string literal")
	}
	return strconv.Unquote(lit.Value)
}

// corpusInputs is every FuzzSanitize corpus entry: the ones kept in the
// repository, and those in $BROWSER_EXTRA_CORPUS (at most maxExtra of them,
// so that a large cache cannot make the test run for long).
func corpusInputs(t *testing.T) []input {
	t.Helper()
	in := fuzzCorpus(t, filepath.Join(root, "testdata", "fuzz", "FuzzSanitize"), "fuzz/")
	if len(in) == 0 {
		t.Fatal("no FuzzSanitize corpus in testdata/fuzz")
	}
	const maxExtra = 500
	var extra []input
	for _, dir := range filepath.SplitList(os.Getenv("BROWSER_EXTRA_CORPUS")) {
		if dir != "" {
			extra = append(extra, fuzzCorpus(t, dir, "fuzzcache/")...)
		}
	}
	if len(extra) > maxExtra {
		t.Logf("BROWSER_EXTRA_CORPUS: checking %d of %d entries", maxExtra, len(extra))
		extra = extra[:maxExtra]
	}
	return append(in, extra...)
}

// differentialInputs reads testdata/differential.tsv of this module: a
// name, a tab, a Go string literal; '#' starts a comment line.
func differentialInputs(t *testing.T) []input {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "differential.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	var in []input
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		name, quoted, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("differential.tsv: no tab in %q", line)
		}
		body, err := strconv.Unquote(quoted)
		if err != nil {
			t.Fatalf("differential.tsv: %s: %v", name, err)
		}
		in = append(in, input{"differential/" + name, body})
	}
	return in
}

// page is one distinct document body to load, with every input it stands
// for.
type page struct {
	body    string
	sources []string
}

// sanitisedPages is what the sanitiser makes of every input, together with
// the stored golden outputs, one page per distinct output. It also returns
// the inputs.
func sanitisedPages(t *testing.T) ([]*page, []input) {
	t.Helper()
	goldIn, goldOut := goldenInputs(t)
	var raw []input
	raw = append(raw, xssVectors(t)...)
	raw = append(raw, goldIn...)
	raw = append(raw, corpusInputs(t)...)
	raw = append(raw, differentialInputs(t)...)
	var outs []input
	for _, in := range raw {
		outs = append(outs, input{in.name, article.Sanitize(in.body)})
	}
	outs = append(outs, goldOut...)
	return distinct(outs), append(raw, goldOut...)
}

// rawPages is every xss vector as it is, unsanitised.
func rawPages(t *testing.T) []*page {
	t.Helper()
	return distinct(xssVectors(t))
}

func distinct(in []input) []*page {
	byBody := map[string]*page{}
	var pages []*page
	for _, i := range in {
		p := byBody[i.body]
		if p == nil {
			p = &page{body: i.body}
			byBody[i.body] = p
			pages = append(pages, p)
		}
		p.sources = append(p.sources, i.name)
	}
	for _, p := range pages {
		sort.Strings(p.sources)
	}
	return pages
}
