package article_test

import (
	"fmt"
	"strings"

	"github.com/articlekit/article"
)

// Problems turns what Parse, Validate and a DuplicateFinder return into
// lines as `article lint` prints them.
func ExampleProblems() {
	src := "+++\ntitle = \"Flood barrier\"\ndate = 2025-03-01T10:00:00Z\narticle_id = 7\nurl = \"/202503/7-flood\"\nsource_link = \"javascript:alert(1)\"\n+++\n<p>Text.</p>\n"
	a, err := article.Parse(strings.NewReader(src))
	if err != nil {
		fmt.Println(article.Problems("news/flood.md", []byte(src), err))
		return
	}
	for _, p := range article.Problems("news/flood.md", []byte(src), a.Validate()) {
		fmt.Println(p)
	}
	var dups article.DuplicateFinder
	dups.Add("news/flood.md", a)
	for _, d := range dups.Add("news/flood-copy.md", a) {
		fmt.Println(d.Problem())
	}
	// Output:
	// news/flood.md:6:1: source_link: invalid URL: "javascript:alert(1)" is not an absolute http or https URL
	// news/flood-copy.md:4:1: article_id: duplicate article_id 7, also in news/flood.md
	// news/flood.md:4:1: article_id: duplicate article_id 7, also in news/flood-copy.md
	// news/flood-copy.md:5:1: url: duplicate url "/202503/7-flood", also in news/flood.md
	// news/flood.md:5:1: url: duplicate url "/202503/7-flood", also in news/flood-copy.md
}
