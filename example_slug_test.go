package article_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/articlekit/article"
)

func ExampleSlugify() {
	for _, title := range []string{
		"Meta Declines to Sign EU's Voluntary AI Code of Practice",
		"AT&amp;T Beats Estimates as U.S. Subscribers Top 100,000",
		"Zürich’s Ærø Deal: €20bn, up 0.25%",
		"Москва и Ελλάδα",
		"🚀🚀🚀",
	} {
		fmt.Printf("%q\n", article.Slugify(title))
	}
	// Output:
	// "meta-declines-to-sign-eus-voluntary-ai-code-of-practice"
	// "at-and-t-beats-estimates-as-us-subscribers-top-100000"
	// "zurichs-aero-deal-20bn-up-0-25-percent"
	// "moskva-i-ellada"
	// ""
}

func ExampleSlugger() {
	title := "Federal Reserve Chair Signals Possible Rate Cuts as Inflation Cools"
	short := article.Slugger{MaxLen: 30}
	fmt.Println(short.Slug(title))
	fmt.Println(article.Slugger{MaxLen: -1}.Slug(title)) // no limit
	// Output:
	// federal-reserve-chair-signals
	// federal-reserve-chair-signals-possible-rate-cuts-as-inflation-cools
}

// A Slugger can spell the scripts that the built-in tables do not cover. A
// real program would use a library such as github.com/gosimple/unidecode
// (Transliterate: unidecode.Unidecode); see examples/translit. This one uses
// a small dictionary.
func ExampleSlugger_transliterate() {
	names := map[string]string{"東京": "Tokyo", "日経平均": "Nikkei Heikin"}
	s := article.Slugger{Transliterate: func(run string) string { return names[run] }}
	fmt.Println(s.Slug("東京 Stock Exchange: 日経平均 Hits Record"))
	fmt.Println(article.Slugify("東京 Stock Exchange: 日経平均 Hits Record"))
	// Output:
	// tokyo-stock-exchange-nikkei-heikin-hits-record
	// stock-exchange-hits-record
}

func ExampleArticle_Permalink() {
	a := &article.Article{
		Title:     "Meta Declines to Sign EU's Voluntary AI Code of Practice Amid Upcoming AI Act",
		Date:      time.Date(2025, 7, 24, 14, 10, 31, 0, time.UTC),
		ArticleID: 116410,
	}
	fmt.Println(a.Permalink())

	// The month is the one of the offset the date carries.
	a.Date = time.Date(2025, 8, 1, 1, 0, 0, 0, time.FixedZone("JST", 9*3600))
	a.Title = "!!!" // no slug
	fmt.Println(a.Permalink())
	// Output:
	// /202507/116410-meta-declines-to-sign-eus-voluntary-ai-code-of-practice-amid-upcoming-ai-act
	// /202508/116410
}

func ExampleCompilePattern() {
	p, err := article.CompilePattern("/:source/:year/:month/:{id}_:slug.html")
	if err != nil {
		panic(err)
	}
	p.Slugger.MaxLen = 24
	a := &article.Article{
		Title:     "Meta Declines to Sign EU's Voluntary AI Code of Practice",
		Date:      time.Date(2025, 7, 24, 14, 10, 31, 0, time.UTC),
		ArticleID: 116410,
		Source:    "InvestorBrandNetwork (IBN)",
	}
	fmt.Println(p.Expand(a))
	// Output:
	// /investorbrandnetwork-ibn/2025/07/116410_meta-declines-to-sign.html
}

func ExampleCompilePattern_error() {
	_, err := article.CompilePattern("/:yearmonth/:article_id-:slug")
	fmt.Println(err)

	var perr *article.PatternError
	if errors.As(err, &perr) && errors.Is(err, article.ErrUnknownToken) {
		fmt.Println(perr.Pattern)
		fmt.Println(strings.Repeat(" ", perr.Offset) + strings.Repeat("^", len(perr.Token)))
	}
	// Output:
	// article: permalink pattern "/:yearmonth/:article_id-:slug": unknown token ":article_id" at byte 12
	// /:yearmonth/:article_id-:slug
	//             ^^^^^^^^^^^
}

func ExampleIsSlug() {
	for _, s := range []string{"meta-declines-to-sign", "Meta-Declines", "a--b", "-a", "", "c++"} {
		fmt.Printf("%q %v\n", s, article.IsSlug(s))
	}
	// Output:
	// "meta-declines-to-sign" true
	// "Meta-Declines" false
	// "a--b" false
	// "-a" false
	// "" false
	// "c++" false
}

// A Slugger's Replacer rewrites the title before the built-in rules fold
// it: here the German table, and two names that the rules would spell "c".
func ExampleSlugger_replacer() {
	pairs := append([]string{"C++", "cpp", "C#", "csharp"}, article.GermanReplacements()...)
	s := article.Slugger{Replacer: strings.NewReplacer(pairs...)}
	fmt.Println(s.Slug("Müller & Söhne: Größere Straßen für Zürich"))
	fmt.Println(s.Slug("C++ und C# im Vergleich"))
	fmt.Println(article.Slugify("Müller & Söhne: Größere Straßen für Zürich"))
	// Output:
	// mueller-und-soehne-groessere-strassen-fuer-zuerich
	// cpp-und-csharp-im-vergleich
	// muller-and-sohne-grossere-strassen-fur-zurich
}

// A Pattern is a text marshaller, so it can be read from and written to
// configuration files: JSON here, TOML (go-toml/v2) or flags alike.
func ExamplePattern_UnmarshalText() {
	var config struct {
		Permalink *article.Pattern `json:"permalink"`
	}
	err := json.Unmarshal([]byte(`{"permalink": "/news/:year/:month/:slug-:id"}`), &config)
	if err != nil {
		fmt.Println(err)
		return
	}
	a := &article.Article{
		Title:     "Harbor Plan Draws Praise",
		Date:      time.Date(2025, 9, 2, 8, 30, 0, 0, time.UTC),
		ArticleID: 131072,
	}
	fmt.Println(config.Permalink.Expand(a))

	out, err := json.Marshal(config)
	fmt.Println(string(out), err)

	err = json.Unmarshal([]byte(`{"permalink": "/:yearmonth/:article_id"}`), &config)
	fmt.Println(errors.Is(err, article.ErrUnknownToken))
	// Output:
	// /news/2025/09/harbor-plan-draws-praise-131072
	// {"permalink":"/news/:year/:month/:slug-:id"} <nil>
	// true
}
