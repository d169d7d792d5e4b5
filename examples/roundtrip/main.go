// Command roundtrip parses every article under a folder, validates it, and
// encodes it again, reporting for each file whether the encoding is the
// same bytes as the file (it is for files in the canonical layout).
//
// The checks are those of Article.Validate: required keys, URLs, url
// against the permalink pattern, mistyped keys, and a body that the
// sanitiser's ArticlePolicy keeps whole. Each problem is printed on a line
// of its own as path:line:col: key: message (path:key: message when it has
// no position), and fails the file.
//
//	go run ./examples/roundtrip [-out DIR] [FOLDER]
//
// FOLDER defaults to testdata/articles. With -out, the canonical encoding
// of each article is written to DIR under the same name. The exit status is
// 1 if any file fails to parse, validate or encode.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/articlekit/article"
)

func main() {
	out := flag.String("out", "", "write each canonical encoding to this folder")
	flag.Parse()
	root := "testdata/articles"
	if flag.NArg() > 0 {
		root = flag.Arg(0)
	}
	failed := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		msg, problems, ok := check(path, *out)
		if ok {
			fmt.Printf("ok    %s: %s\n", path, msg)
		} else {
			failed++
			fmt.Printf("FAIL  %s: %s\n", path, msg)
		}
		for _, p := range problems {
			fmt.Printf("      %s\n", p)
		}
		return nil
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if failed > 0 {
		fmt.Printf("%d file(s) failed\n", failed)
		os.Exit(1)
	}
}

// check parses, validates and re-encodes one file. It returns a one-line
// summary, the problems Validate found (each prefixed with path and a
// colon, so that positions read path:line:col), and whether the file
// passed.
func check(path, out string) (msg string, problems []string, ok bool) {
	src, err := os.ReadFile(path)
	if err != nil {
		return err.Error(), nil, false
	}
	a, err := article.Parse(bytes.NewReader(src))
	if err != nil {
		// ParseError positions are file-relative: print them as path:line:col.
		return fmt.Sprintf("%s:%v", path, err), nil, false
	}
	if err := a.Validate(); err != nil {
		for line := range strings.SplitSeq(err.Error(), "\n") {
			problems = append(problems, path+":"+line)
		}
	}
	var buf bytes.Buffer
	if err := a.Encode(&buf); err != nil {
		return err.Error(), problems, false
	}
	if out != "" {
		if err := os.MkdirAll(out, 0o755); err != nil {
			return err.Error(), problems, false
		}
		if err := os.WriteFile(filepath.Join(out, filepath.Base(path)), buf.Bytes(), 0o644); err != nil {
			return err.Error(), problems, false
		}
	}
	same := "canonical, encodes to the same bytes"
	if !bytes.Equal(buf.Bytes(), src) {
		same = "encodes to the canonical layout (differs from the file)"
	}
	if len(problems) > 0 {
		return fmt.Sprintf("%d problem(s), %s", len(problems), same), problems, false
	}
	return fmt.Sprintf("%q, %s, %s", a.Title, a.Date.Format("2006-01-02 15:04 -07:00"), same), nil, true
}
