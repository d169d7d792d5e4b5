// Command roundtrip parses every article under a folder, checks it, and
// encodes it again, reporting for each file whether the encoding is the
// same bytes as the file (it is for files in the canonical layout).
//
// The checks: title, date and article_id are set; url equals the permalink
// derived from date, article_id and title. What the sanitiser's
// ArticlePolicy would change in the body is listed as notes, with the line
// and column in the file; notes do not fail a file.
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
		msg, notes, ok := check(path, *out)
		if ok {
			fmt.Printf("ok    %s: %s\n", path, msg)
		} else {
			failed++
			fmt.Printf("FAIL  %s: %s\n", path, msg)
		}
		for _, n := range notes {
			fmt.Printf("      note: %s\n", n)
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

// check parses, checks and re-encodes one file. It returns a one-line
// summary, the sanitiser's notes, and whether the file passed.
func check(path, out string) (msg string, notes []string, ok bool) {
	src, err := os.ReadFile(path)
	if err != nil {
		return err.Error(), nil, false
	}
	a, err := article.Parse(bytes.NewReader(src))
	if err != nil {
		// ParseError positions are file-relative: print them as path:line:col.
		return fmt.Sprintf("%s:%v", path, err), nil, false
	}
	problems := checkArticle(a)
	notes = checkBody(a, bodyLine(src, a))
	var buf bytes.Buffer
	if err := a.Encode(&buf); err != nil {
		return err.Error(), nil, false
	}
	if out != "" {
		if err := os.MkdirAll(out, 0o755); err != nil {
			return err.Error(), nil, false
		}
		if err := os.WriteFile(filepath.Join(out, filepath.Base(path)), buf.Bytes(), 0o644); err != nil {
			return err.Error(), nil, false
		}
	}
	same := "canonical, encodes to the same bytes"
	if !bytes.Equal(buf.Bytes(), src) {
		same = "encodes to the canonical layout (differs from the file)"
	}
	if len(problems) > 0 {
		return strings.Join(problems, "; "), notes, false
	}
	return fmt.Sprintf("%q, %s, %s", a.Title, a.Date.Format("2006-01-02 15:04 -07:00"), same), notes, true
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
	if want := a.Permalink(); a.URL != want {
		p = append(p, fmt.Sprintf("url %q is not the permalink %q", a.URL, want))
	}
	return p
}

// checkBody lists what the sanitiser changes in the body; line is the line
// of the file on which the body starts, so that positions are file lines.
func checkBody(a *article.Article, line int) []string {
	_, report, err := article.ArticlePolicy().SanitizeReport(a.Body)
	if err != nil {
		return []string{"body: " + err.Error()}
	}
	var p []string
	for _, c := range report {
		c.Line += line - 1
		p = append(p, "body "+c.String())
	}
	return p
}

// bodyLine returns the 1-based line of the file on which a's body starts.
func bodyLine(src []byte, a *article.Article) int {
	head := src[:len(src)-len(a.Body)]
	return bytes.Count(head, []byte("\n")) + 1
}
