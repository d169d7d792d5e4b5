package article_test

import (
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/articlekit/article"
)

func ExampleArticle_MarshalJSON() {
	a := &article.Article{
		Title:     "Night Trains Return",
		Date:      time.Date(2025, 3, 1, 9, 30, 0, 0, time.FixedZone("", 3600)),
		ArticleID: 7,
		URL:       "/202503/7-night-trains-return",
		Params:    map[string]any{"tags": []any{"rail", "europe"}},
		Body:      "<p>Sleepers are back.</p>",
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(a); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {"title":"Night Trains Return","date":"2025-03-01T09:30:00+01:00","draft":false,"summary":"","description":"","source_link":"","enclosure":"","article_id":7,"feed_item_id":0,"url":"/202503/7-night-trains-return","qrcode":"","source":"","params":{"tags":["rail","europe"]},"body":"<p>Sleepers are back.</p>"}
}
