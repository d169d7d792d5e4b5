// Command rss turns the items of an RSS 2.0 feed into article files: the
// pipeline these files come from, end to end.
//
//	go run ./examples/rss [-out DIR] [-first-id N] [FEED]
//
// FEED defaults to testdata/rss/feed.xml and DIR to a new temporary
// folder. For each item it builds an Article:
//
//   - title from <title>, as text;
//   - date from <pubDate> (RFC 1123, with GMT or a numeric offset);
//   - summary and description: the plain text of <description>, which
//     feeds fill with HTML (article.PlainText, on one line), cut by
//     article.Excerpt to 300 and 160 characters;
//   - body: <content:encoded> (or <description> when there is none),
//     cleaned by the library's ArticlePolicy;
//   - source_link from <link>, enclosure from <enclosure url>, source from
//     the channel's <title>;
//   - article_id numbered from -first-id, feed_item_id from a numeric
//     <guid>, and url from the permalink.
//
// Each article is validated with Article.Validate; a valid one is written in the canonical
// layout to DIR/<url>.md, an invalid one is reported on stderr with its
// problems and not written. The exit status is 1 if any item failed.
package main

import (
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/articlekit/article"
)

// feed is the part of RSS 2.0 that articles need.
type feed struct {
	Channel struct {
		Title string `xml:"title"`
		Items []item `xml:"item"`
	} `xml:"channel"`
}

type item struct {
	Title       string `xml:"title"`
	Link        string `xml:"link"`
	GUID        string `xml:"guid"`
	PubDate     string `xml:"pubDate"`
	Description string `xml:"description"`
	Content     string `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
	Enclosure   struct {
		URL string `xml:"url,attr"`
	} `xml:"enclosure"`
}

func main() {
	out := flag.String("out", "", "folder to write the articles to (default: a new temporary folder)")
	firstID := flag.Int64("first-id", 130000, "article_id of the first item")
	flag.Parse()
	path := "testdata/rss/feed.xml"
	if flag.NArg() > 1 {
		flag.Usage()
		os.Exit(2)
	} else if flag.NArg() == 1 {
		path = flag.Arg(0)
	}
	if *out == "" {
		dir, err := os.MkdirTemp("", "rss-articles-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		*out = dir
	}
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	defer f.Close()
	failed, err := convert(f, *out, *firstID, os.Stdout, os.Stderr)
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", path, err)
		os.Exit(2)
	}
	if failed > 0 {
		os.Exit(1)
	}
}

// maxFeedSize bounds the feed read, so that a hostile feed cannot exhaust
// memory.
const maxFeedSize = 64 << 20

// convert reads the feed in r and writes one article per valid item under
// dir, reporting each written file on stdout and each failed item on
// stderr. It returns how many items failed.
func convert(r io.Reader, dir string, firstID int64, stdout, stderr io.Writer) (failed int, err error) {
	var fd feed
	dec := xml.NewDecoder(io.LimitReader(r, maxFeedSize))
	if err := dec.Decode(&fd); err != nil {
		return 0, fmt.Errorf("reading the feed: %w", err)
	}
	for i, it := range fd.Channel.Items {
		a, changes, problems := build(it, fd.Channel.Title, firstID+int64(i))
		name := fmt.Sprintf("item %d (%q)", i+1, strings.TrimSpace(it.Title))
		for _, c := range changes {
			fmt.Fprintf(stderr, "%s: body cleaned: %s\n", name, c)
		}
		if len(problems) > 0 {
			failed++
			for _, p := range problems {
				fmt.Fprintf(stderr, "%s: FAIL: %s\n", name, p)
			}
			continue
		}
		b, err := a.AppendEncoded(nil)
		if err != nil {
			failed++
			fmt.Fprintf(stderr, "%s: FAIL: %v\n", name, err)
			continue
		}
		file := filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(a.URL, "/"))+".md")
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return failed, err
		}
		if err := os.WriteFile(file, b, 0o644); err != nil {
			return failed, err
		}
		fmt.Fprintf(stdout, "wrote %s\n", file)
	}
	return failed, nil
}

// build makes the Article of one item. It returns the changes the
// sanitiser made to the body, and the problems that keep the article from
// being written.
func build(it item, source string, id int64) (*article.Article, article.Report, []string) {
	a := &article.Article{
		Title:      strings.Join(strings.Fields(it.Title), " "),
		Source:     strings.TrimSpace(source),
		SourceLink: strings.TrimSpace(it.Link),
		Enclosure:  strings.TrimSpace(it.Enclosure.URL),
		ArticleID:  id,
	}
	var problems []string
	d, err := article.ParseDate(strings.TrimSpace(it.PubDate), nil)
	if err != nil {
		problems = append(problems, "pubDate: "+err.Error())
	}
	a.Date = d
	if n, err := strconv.ParseInt(strings.TrimSpace(it.GUID), 10, 64); err == nil && n > 0 {
		a.FeedItemID = n
	}
	text := strings.Join(strings.Fields(article.PlainText(it.Description)), " ")
	a.Summary = article.Excerpt(text, 300)
	a.Description = article.Excerpt(text, 160)

	body := it.Content
	if strings.TrimSpace(body) == "" {
		body = it.Description
	}
	clean, changes, err := article.ArticlePolicy().SanitizeReport(strings.TrimSpace(body) + "\n")
	if err != nil {
		problems = append(problems, "body: "+err.Error())
	}
	a.Body = clean
	a.URL = a.Permalink()
	return a, changes, append(problems, validate(a)...)
}
