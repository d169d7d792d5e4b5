package article_test

import (
	"fmt"
	"strings"

	"github.com/articlekit/article"
)

func ExamplePlainText() {
	body := `<h2>Harbor Plan</h2>
<p>The authority&rsquo;s plan, <a href="/plan.pdf">published</a> on Tuesday,
   covers <b>all</b> berths.<br>Ships must plug in.</p>
<script>track("view")</script>
<ul><li>Phase 1: 2026</li><li>Phase 2: 2028</li></ul>`
	fmt.Println(article.PlainText(body))
	// Output:
	// Harbor Plan
	// The authority’s plan, published on Tuesday, covers all berths.
	// Ships must plug in.
	// Phase 1: 2026
	// Phase 2: 2028
}

// Excerpt cuts at a word boundary and adds "…" only when it cut; the
// result, ellipsis included, is never longer than the limit.
func ExampleExcerpt() {
	text := "The regional harbor authority on Tuesday published a plan."
	fmt.Println(article.Excerpt(text, 40))
	fmt.Println(article.Excerpt(text, 100))
	fmt.Println(article.Excerpt("Donaudampfschifffahrtsgesellschaft", 12))
	// Output:
	// The regional harbor authority on…
	// The regional harbor authority on Tuesday published a plan.
	// Donaudampfs…
}

// A meta description from a body: plain text on one line, at most 160
// runes.
func ExampleExcerpt_description() {
	body := "<p>Ships at berth must plug in within five years.</p><p>The plan was praised.</p>"
	fmt.Println(article.Excerpt(strings.Join(strings.Fields(article.PlainText(body)), " "), 160))
	// Output:
	// Ships at berth must plug in within five years. The plan was praised.
}
