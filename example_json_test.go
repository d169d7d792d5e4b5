package article_test

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
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
	if err := json.NewEncoder(os.Stdout).Encode(a); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {"title":"Night Trains Return","date":"2025-03-01T09:30:00+01:00","draft":false,"summary":"","description":"","source_link":"","enclosure":"","article_id":7,"feed_item_id":0,"url":"/202503/7-night-trains-return","qrcode":"","source":"","params":{"tags":["rail","europe"]},"body":"\u003cp\u003eSleepers are back.\u003c/p\u003e"}
}

// An Article embedded in a struct of yours brings its MarshalJSON along:
// json.Marshal then writes the article alone, without your fields. Give
// the article a field of its own, or hold its JSON as a json.RawMessage
// next to your fields.
func ExampleArticle_MarshalJSON_embedding() {
	a := &article.Article{Title: "Night Trains Return", ArticleID: 7, URL: "/202503/7-night-trains-return"}

	type Embedded struct {
		*article.Article
		Section string `json:"section"`
	}
	b, _ := json.Marshal(Embedded{a, "travel"})
	fmt.Println("embedded, section lost:", strings.Contains(string(b), "travel"))

	type Story struct {
		Article *article.Article `json:"article"`
		Section string           `json:"section"`
	}
	b, _ = json.Marshal(Story{a, "travel"})
	fmt.Println(string(b))

	// Reading: your fields first, the article when you want it.
	var s struct {
		Article json.RawMessage `json:"article"`
		Section string          `json:"section"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		fmt.Println(err)
		return
	}
	var back article.Article
	if err := json.Unmarshal(s.Article, &back); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Section, back.Title)
	// Output:
	// embedded, section lost: false
	// {"article":{"title":"Night Trains Return","date":"","draft":false,"summary":"","description":"","source_link":"","enclosure":"","article_id":7,"feed_item_id":0,"url":"/202503/7-night-trains-return","qrcode":"","source":"","body":""},"section":"travel"}
	// travel Night Trains Return
}
