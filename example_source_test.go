package article_test

import (
	"fmt"
	"strings"

	"github.com/articlekit/article"
)

// A sanitiser report counts positions in the body; BodyPosition turns them
// into positions in the file, for editors and CI annotations.
func ExampleArticle_BodyPosition() {
	file := `+++
title = "Harbor Plan"
+++

<p>Approved.</p>
<p onclick="track()">Details follow.</p>
`
	a, err := article.Parse(strings.NewReader(file))
	if err != nil {
		fmt.Println(err)
		return
	}
	_, report, err := article.ArticlePolicy().SanitizeReport(a.Body)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range report {
		line, col, _ := a.BodyPosition(c.Offset)
		fmt.Printf("body %d:%d is file %d:%d: %s %s\n", c.Line, c.Column, line, col, c.Kind, c.Attr)
	}
	// Output:
	// body 2:4 is file 6:4: attribute removed onclick
}
