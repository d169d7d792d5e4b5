package article_test

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/articlekit/article"
)

// draftFile has a problem on almost every line: a title on two lines, an
// enclosure on ftp, a url for the wrong month, a mistyped key and a script
// in the body.
const draftFile = `+++
title = "Harbor Board Approves\nShore Power Plan"
date = "2025-09-02T08:30:00Z"
enclosure = "ftp://cdn.example.org/shore-power.png"
article_id = 131073
url = "/202508/131073-harbor-board-approves-shore-power-plan"
sourse = "Example Maritime Wire"
+++

<p>The harbor board approved the plan.</p><script>track()</script>
`

func ExampleArticle_Validate() {
	a, err := article.Parse(strings.NewReader(draftFile))
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := a.Validate(); err != nil {
		fmt.Println(err)
	}
	// Output:
	// 2:1: title: invalid value: more than one line
	// 4:1: enclosure: invalid URL: "ftp://cdn.example.org/shore-power.png" is not an absolute http or https URL
	// 6:1: url: mismatch: "/202508/131073-harbor-board-approves-shore-power-plan" does not match "/202509/131073-:slug"
	// 7:1: sourse: unknown key: did you mean "source"?
	// 10:43: body: unsafe HTML: element dropped <script> "track()"
}

// The error of Validate holds one FieldError per problem: iterate over
// them to act on each, here to list the keys to fix and where.
func ExampleFieldError() {
	a, err := article.Parse(strings.NewReader(draftFile))
	if err != nil {
		fmt.Println(err)
		return
	}
	err = a.Validate()
	if errors.Is(err, article.ErrUnsafeHTML) {
		fmt.Println("the body must be cleaned first")
	}
	for _, fe := range article.FieldErrors(err) {
		if !errors.Is(fe, article.ErrUnsafeHTML) {
			fmt.Printf("fix %s on line %d\n", fe.Key, fe.Line)
		}
	}
	// Output:
	// the body must be cleaned first
	// fix title on line 2
	// fix enclosure on line 4
	// fix url on line 6
	// fix sourse on line 7
}

// FieldErrors lists the problems of a Validate error, in file order, even
// when the error was wrapped on its way up.
func ExampleFieldErrors() {
	a, err := article.Parse(strings.NewReader(draftFile))
	if err != nil {
		fmt.Println(err)
		return
	}
	err = fmt.Errorf("draft.md: %w", a.Validate())
	for _, fe := range article.FieldErrors(err) {
		fmt.Printf("%d:%d %s (%v)\n", fe.Line, fe.Column, fe.Key, errors.Unwrap(fe.Err))
	}
	fmt.Println(article.FieldErrors(nil) == nil)
	// Output:
	// 2:1 title (invalid value)
	// 4:1 enclosure (invalid URL)
	// 6:1 url (mismatch)
	// 7:1 sourse (unknown key)
	// 10:43 body (unsafe HTML)
	// true
}

// A Validator with its own rules: another permalink layout whose slug must
// be the title's, a fixed clock, and a policy without links.
func ExampleValidator() {
	v := &article.Validator{
		Pattern:    article.MustCompilePattern("/news/:year/:month/:slug-:id.html"),
		StrictSlug: true,
		Now:        func() time.Time { return time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC) },
		Policy:     article.ArticlePolicy().Builder().RemoveElements("a").Policy(),
	}
	a := &article.Article{
		Title:     "Harbor Board Approves Shore Power Plan",
		Date:      time.Date(2025, 9, 2, 8, 30, 0, 0, time.UTC),
		ArticleID: 131073,
		URL:       "/news/2025/09/shore-power-131073.html",
		Body:      `<p>See <a href="https://example.org/plan">the plan</a>.</p>`,
	}
	fmt.Println(v.Validate(a))
	// Output:
	// url: mismatch: "/news/2025/09/shore-power-131073.html" does not have the slug of the title: want "/news/2025/09/harbor-board-approves-shore-power-plan-131073.html"
	// body: unsafe HTML: element unwrapped <a>
}
