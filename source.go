package article

import "time"

// source is the record an Article keeps of the file it was parsed from, so
// that positions (validation) and byte spans (lossless encoding) can be
// recovered later, on demand, without Parse paying for them: Parse only
// stores the text it already holds, the layout it already computed, and a
// copy of the schema values it decoded.
//
// Key and value spans are not stored; they are found when needed by
// scanning text[l.fmStart:l.fmEnd] again with go-toml's parser, whose nodes
// carry byte offsets.
//
// The zero source means the Article did not come from Parse (or its source
// was dropped): no positions, canonical encoding.
type source struct {
	text string // the whole file as read; Body is a substring of it
	l    layout // where the delimiters, front matter and body are
	orig schemaValues
	ok   bool // text and l are set

	params bool // Parse filled Params (lossless encoding then compares them)
}

// schemaValues holds the twelve schema fields as Parse decoded them, to tell
// which fields the caller changed since.
type schemaValues struct {
	title, summary, description, sourceLink, enclosure, url, qrcode, source string

	date                  time.Time
	draft                 bool
	articleID, feedItemID int64
}

// schemaOf returns a's schema field values.
func schemaOf(a *Article) schemaValues {
	return schemaValues{
		title: a.Title, summary: a.Summary, description: a.Description,
		sourceLink: a.SourceLink, enclosure: a.Enclosure, url: a.URL,
		qrcode: a.QRCode, source: a.Source, date: a.Date, draft: a.Draft,
		articleID: a.ArticleID, feedItemID: a.FeedItemID,
	}
}

// setSource records text and l as a's source, with a's current schema
// values as the parsed ones. It allocates nothing.
func (a *Article) setSource(text string, l layout) {
	a.src = source{text: text, l: l, orig: schemaOf(a), ok: true, params: len(a.Params) > 0}
}
