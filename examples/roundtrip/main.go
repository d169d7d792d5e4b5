// Command roundtrip parses every article under a folder, checks it, and
// encodes it again, reporting for each file whether the encoding is the
// same bytes as the file (it is for files in the canonical layout).
//
//	go run ./examples/roundtrip [-out DIR] [FOLDER]
//
// FOLDER defaults to testdata/articles. With -out, the canonical encoding
// of each article is written to DIR under the same name. The exit status is
// 1 if any file fails to parse or encode.
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
		if msg, ok := check(path, *out); ok {
			fmt.Printf("ok    %s: %s\n", path, msg)
		} else {
			failed++
			fmt.Printf("FAIL  %s: %s\n", path, msg)
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

// check parses, checks and re-encodes one file.
func check(path, out string) (string, bool) {
	src, err := os.ReadFile(path)
	if err != nil {
		return err.Error(), false
	}
	a, err := article.Parse(bytes.NewReader(src))
	if err != nil {
		// ParseError positions are file-relative: print them as path:line:col.
		return fmt.Sprintf("%s:%v", path, err), false
	}
	var problems []string
	problems = append(problems, checkArticle(a)...)
	var buf bytes.Buffer
	if err := a.Encode(&buf); err != nil {
		return err.Error(), false
	}
	if out != "" {
		if err := os.MkdirAll(out, 0o755); err != nil {
			return err.Error(), false
		}
		if err := os.WriteFile(filepath.Join(out, filepath.Base(path)), buf.Bytes(), 0o644); err != nil {
			return err.Error(), false
		}
	}
	same := "canonical, encodes to the same bytes"
	if !bytes.Equal(buf.Bytes(), src) {
		same = "encodes to the canonical layout (differs from the file)"
	}
	if len(problems) > 0 {
		return strings.Join(problems, "; "), false
	}
	return fmt.Sprintf("%q, %s, %s", a.Title, a.Date.Format("2006-01-02 15:04 -07:00"), same), true
}

// checkArticle returns what is wrong with a's fields.
func checkArticle(a *article.Article) []string {
	var p []string
	if a.Title == "" {
		p = append(p, "title is empty")
	}
	if a.Date.IsZero() {
		p = append(p, "date is missing")
	}
	if a.ArticleID <= 0 {
		p = append(p, "article_id is not positive")
	}
	return p
}
