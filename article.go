// Package article reads, writes, checks and cleans news articles stored as
// text files: a TOML front matter block between two "+++" lines, followed by
// an HTML body.
//
//	+++
//	title = "Meta Declines to Sign EU's Voluntary AI Code of Practice"
//	date = "2025-07-24T14:10:31Z"
//	draft = false
//	article_id = 116410
//	url = "/202507/116410-meta-declines-to-sign-eus-voluntary-ai-code-of-practice"
//	+++
//
//	<p>Meta has publicly announced …</p>
//
// The package covers these jobs:
//
//   - Front matter: [Parse] (or a configured [Decoder]) splits and decodes a
//     file into an [Article]; [Article.Encode] writes it back losslessly:
//     unchanged, the file byte for byte; edited, only the changed values.
//     [Format] gives the canonical layout, and [Article.DecodeParams] decodes
//     the keys outside the schema into a struct of the caller's.
//   - Validation: [Article.Validate] (or a configured [Validator]) reports
//     every problem of an article at once, each a [FieldError] with its key
//     and its position in the file.
//   - Slugs and permalinks: [Slugify] (or a configured [Slugger]) turns a
//     title into the slug of the url; [Article.Permalink] derives the url
//     "/<YYYYMM>/<article_id>-<slug>", and a [Pattern] compiled from tokens
//     such as ":yearmonth/:id-:slug" expresses other layouts.
//   - HTML bodies: [Sanitize] and [Policy.SanitizeReport] clean a body on a
//     browser-grade parse tree against a [Policy] ([ArticlePolicy] by
//     default, or one built with [NewPolicy]) and list every change with
//     its line and byte column; [PlainText] and [Excerpt] make summaries.
//   - Dates: [ParseDate] and [Decoder.ParseDate] read the date forms Hugo
//     and news feeds write, keeping the offset and refusing ambiguous zone
//     abbreviations unless given a table such as [RFC822Zones].
//
// The command cmd/article applies these to whole content trees.
//
// Errors carry 1-based line and column numbers counted from the top of the
// file (see [ParseError]). Every exported function is safe for concurrent use,
// and none panics on malformed input.
package article

import "time"

// Article is one news article: the schema keys of the front matter, every
// other front matter key in Params, and the HTML body.
//
// The struct tags name the front matter keys. Keys are case-sensitive: a
// front matter key "Title" is not the schema key "title" and lands in Params.
type Article struct {
	Title       string    `toml:"title"`        // headline
	Date        time.Time `toml:"date"`         // publication time, in the offset written in the file
	Draft       bool      `toml:"draft"`        // unpublished
	Summary     string    `toml:"summary"`      // short abstract
	Description string    `toml:"description"`  // meta description
	SourceLink  string    `toml:"source_link"`  // URL of the original item
	Enclosure   string    `toml:"enclosure"`    // URL of the lead image
	ArticleID   int64     `toml:"article_id"`   // numeric article id
	FeedItemID  int64     `toml:"feed_item_id"` // numeric id of the feed item
	URL         string    `toml:"url"`          // permalink path, /YYYYMM/<article_id>-<slug>
	QRCode      string    `toml:"qrcode"`       // URL of a QR code image
	Source      string    `toml:"source"`       // name of the publisher

	// Params holds every other front matter key, as go-toml/v2 decodes it
	// into a map[string]any: strings, int64, float64, bool, time.Time,
	// toml.LocalDate, toml.LocalDateTime, toml.LocalTime, []any and
	// map[string]any.
	Params map[string]any `toml:"-"`

	// Body is the HTML after the front matter, byte for byte as it was in
	// the file (the line break that ends the closing "+++" line excluded).
	Body string `toml:"-"`

	// src records the file the Article was parsed from; see source.go.
	src source

	// file is the file DecodeFile read the Article from, or nil; see file.go.
	file *fileOrigin
}
