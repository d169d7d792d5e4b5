package article_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/articlekit/article"
)

// An editor of existing files: read one, change a field, write it back.
// WriteFile replaces the file atomically, keeps its mode, and refuses if
// the file was replaced meanwhile; the lossless encoding keeps every line
// that did not change.
func ExampleParseFile() {
	dir, err := os.MkdirTemp("", "example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	name := filepath.Join(dir, "harbor.md")
	if err := os.WriteFile(name, []byte(exampleFile), 0o640); err != nil {
		fmt.Println(err)
		return
	}

	a, err := article.ParseFile(name)
	if err != nil {
		fmt.Println(err)
		return
	}
	a.Draft = true
	if err := a.WriteFile(name); err != nil {
		fmt.Println(err)
		return
	}
	b, _ := os.ReadFile(name)
	fi, _ := os.Stat(name)
	fmt.Println(fi.Mode(), strings.Split(string(b), "\n")[3])

	// Errors name the file, then the position in it.
	bad := filepath.Join(dir, "bad.md")
	os.WriteFile(bad, []byte("+++\ntitle = \"x\"\ndate = \"soon\"\n+++\n"), 0o644)
	_, err = article.ParseFile(bad)
	msg, _ := strings.CutPrefix(err.Error(), dir+string(filepath.Separator))
	fmt.Println(msg[:len("bad.md:3:1: date:")], errors.Is(err, article.ErrDate))
	// Output:
	// -rw-r----- draft = true
	// bad.md:3:1: date: true
}

// WriteFile writes an article built in code to a new file, atomically.
func ExampleArticle_WriteFile() {
	dir, err := os.MkdirTemp("", "example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	a := &article.Article{Title: "Night Trains Return", ArticleID: 7, Body: "<p>Soon.</p>\n"}
	if err := a.WriteFile(filepath.Join(dir, "night.md")); err != nil {
		fmt.Println(err)
		return
	}
	b, _ := article.ParseFile(filepath.Join(dir, "night.md"))
	fmt.Println(b.Title, b.ArticleID)
	// Output: Night Trains Return 7
}
