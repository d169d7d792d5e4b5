package article_test

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/articlekit/article"
)

func ExampleSanitize() {
	body := `<p onclick="steal()">Shares rose 5%.</p>` +
		`<script>track()</script>` +
		`<p>Source: <a href='https://example.com/news' target="_blank">example.com</a></p>`
	fmt.Println(article.Sanitize(body))
	// Output:
	// <p>Shares rose 5%.</p><p>Source: <a href="https://example.com/news" rel="nofollow noopener noreferrer" target="_blank">example.com</a></p>
}

func ExamplePolicy_SanitizeReport() {
	body := "<p>Quarterly results</p>\n" +
		"<p>Details: <a href=\"javascript:alert(1)\">here</a>\n" +
		"<img src=\"https://cdn.example.com/chart.png\" onerror=\"x()\"></p>"
	out, report, err := article.ArticlePolicy().SanitizeReport(body)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(out)
	for _, c := range report {
		fmt.Printf("line %d, column %d: %s on <%s>", c.Line, c.Column, c.Kind, c.Element)
		if c.Attr != "" {
			fmt.Printf(" %s=%q", c.Attr, c.Value)
		}
		fmt.Println()
	}
	// Output:
	// <p>Quarterly results</p>
	// <p>Details: here
	// <img src="https://cdn.example.com/chart.png"></p>
	// line 2, column 13: element unwrapped on <a>
	// line 2, column 16: URL rejected on <a> href="javascript:alert(1)"
	// line 3, column 46: attribute removed on <img> onerror="x()"
}

func ExamplePolicy_SanitizeReport_limits() {
	p := article.ArticlePolicy().Builder().MaxDepth(3).Policy()
	out, _, err := p.SanitizeReport("<ul><li><b><i>deep</i></b></li></ul>")
	fmt.Printf("%q %v %v\n", out, err, errors.Is(err, article.ErrTooDeep))
	// Output:
	// "deep" body nested too deeply: more than 3 levels at line 1, column 12 true
}

func ExampleNewPolicy() {
	// A policy for comments: a few inline elements, links to https only,
	// marked as user-generated content.
	p := article.NewPolicy().
		AllowElements("p", "br", "em", "strong", "code").
		AllowAttrs("href").OnElements("a").
		AllowAttrs("class").Matching(regexp.MustCompile(`^language-[a-z]+$`)).OnElements("code").
		RemoveURLSchemes("http", "mailto").
		AllowRelativeURLs(false).
		RequireRel("nofollow", "ugc").
		Policy()
	fmt.Println(p.Sanitize(`<h1>Hi</h1><p><code class="language-go">x := 1</code> ` +
		`<a href="http://example.com/">insecure</a> <a href="https://example.com/">secure</a></p>`))
	// Output:
	// Hi<p><code class="language-go">x := 1</code> insecure <a href="https://example.com/" rel="nofollow ugc">secure</a></p>
}

func ExamplePolicy_Builder() {
	// Start from the article policy: no tables or images, lazy images
	// elsewhere, and links to one site unwrapped.
	p := article.ArticlePolicy().Builder().
		RemoveElements("table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption").
		DropElements("figure").
		OnElement("a", func(c *article.ElementContext) article.Action {
			if href, _ := c.Attr("href"); regexp.MustCompile(`^https://ads\.`).MatchString(href) {
				return article.ActionUnwrap
			}
			return article.ActionKeep
		}).
		ForceAttr("img", "loading", "lazy").
		Policy()
	fmt.Println(p.Sanitize(`<table><tr><td>cell</td></tr></table>` +
		`<figure><img src="/a.png"><figcaption>gone</figcaption></figure>` +
		`<p><img src="/b.png"> <a href="https://ads.example/">ad</a></p>`))
	// Output:
	// cell<p><img src="/b.png" loading="lazy"> ad</p>
}

func ExamplePolicyBuilder_Build() {
	// Build reports the calls that cannot take effect instead of ignoring
	// them; Policy would panic with the same error.
	_, err := article.NewPolicy().
		AllowElements("p", "iframe").
		AllowAttrs("onclick").Globally().
		Build()
	fmt.Println(err)
	var pe *article.PolicyError
	if errors.As(err, &pe) {
		fmt.Println(pe.Method, pe.Name)
	}
	// Output:
	// article: AllowElements("iframe"): always dropped with its content
	// article: AllowAttrs("onclick"): never allowed
	// AllowElements iframe
}

// A callback decides per element: here images from an untrusted host are
// dropped and the others lazy-loaded. What a callback sets still passes the
// policy's attribute and URL checks.
func ExamplePolicyBuilder_OnElement() {
	p := article.ArticlePolicy().Builder().
		OnElement("img", func(c *article.ElementContext) article.Action {
			if src, _ := c.Attr("src"); strings.HasPrefix(src, "https://tracker.example/") {
				return article.ActionDrop
			}
			c.SetAttr("loading", "lazy")
			return article.ActionKeep
		}).
		Policy()
	fmt.Println(p.Sanitize(`<p><img src="https://cdn.example/a.jpg" alt="Harbor"><img src="https://tracker.example/p.gif"></p>`))
	// Output:
	// <p><img src="https://cdn.example/a.jpg" alt="Harbor" loading="lazy"></p>
}
