package article_test

import (
	"fmt"
	"strings"

	"github.com/articlekit/article"
)

// A DuplicateFinder takes the articles of a collection one by one and
// reports each value of article_id, url or feed_item_id that a second
// article holds, at both files.
func ExampleDuplicateFinder() {
	files := []struct{ path, text string }{
		{"2025/01/harbor.md", "+++\ntitle = \"Harbor\"\narticle_id = 7\nurl = \"/202501/7-harbor\"\n+++\n"},
		{"2025/01/trains.md", "+++\ntitle = \"Trains\"\narticle_id = 8\nurl = \"/202501/8-trains\"\n+++\n"},
		{"2025/02/harbor-copy.md", "+++\ntitle = \"Harbor\"\n# copied, id not changed\narticle_id = 7\nurl = \"/202502/7-harbor\"\n+++\n"},
	}
	var dups article.DuplicateFinder
	for _, f := range files {
		a, err := article.Parse(strings.NewReader(f.text))
		if err != nil {
			fmt.Printf("%s: %v\n", f.path, err)
			continue
		}
		for _, d := range dups.Add(f.path, a) {
			fmt.Printf("%s:%v\n", d.Path, d)
		}
	}
	// Output:
	// 2025/02/harbor-copy.md:4:1: article_id: duplicate article_id 7, also in 2025/01/harbor.md
	// 2025/01/harbor.md:3:1: article_id: duplicate article_id 7, also in 2025/02/harbor-copy.md
}
