package article_test

import (
	"fmt"

	"github.com/articlekit/article"
)

// A news site's policy: ArticlePolicy plus YouTube embeds. The iframe keeps
// its https src on a listed host and a few attributes, and gets a fixed
// sandbox and referrer policy; the one from another host is dropped.
func ExamplePolicyBuilder_AllowEmbeds() {
	news := article.ArticlePolicy().Builder().
		AllowEmbeds("www.youtube-nocookie.com", "www.youtube.com").
		Policy()
	body := `<figure><iframe width="560" height="315" src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" ` +
		`title="Launch" frameborder="0" allow="autoplay; encrypted-media" allowfullscreen></iframe>` +
		`<figcaption>The launch</figcaption></figure>` +
		`<iframe src="https://evil.example/embed"></iframe>`
	out, rep, err := news.SanitizeReport(body)
	if err != nil {
		panic(err)
	}
	fmt.Println(out)
	fmt.Println(rep)
	// Output:
	// <figure><iframe width="560" height="315" src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" title="Launch" allow="autoplay; encrypted-media" allowfullscreen="" sandbox="allow-scripts allow-same-origin allow-presentation" referrerpolicy="strict-origin-when-cross-origin"></iframe><figcaption>The launch</figcaption></figure>
	// 1:9: embed restricted <iframe sandbox>
	// 1:9: embed restricted <iframe referrerpolicy>
	// 1:114: attribute removed <iframe frameborder> "0"
	// 1:233: element dropped <iframe>
}
