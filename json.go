package article

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"
)

// ErrJSON means a JSON object cannot be read as an Article (see
// [Article.UnmarshalJSON]), or an Article cannot be written as JSON: a
// Params float that is NaN or infinite, a body that is not valid UTF-8.
var ErrJSON = errors.New("invalid article JSON")

// maxJSONDepth bounds the nesting of Params values in JSON, as
// maxEncodeDepth does in TOML.
const maxJSONDepth = 100

// MarshalJSON implements [json.Marshaler]. The article is one JSON object
// whose keys are the front matter keys of the schema, in the canonical
// order of [Article.Encode], followed by "params" and "body":
//
//	{"title":"…","date":"2025-07-24T14:10:31Z","draft":false,"summary":"…",
//	 "description":"…","source_link":"…","enclosure":"…","article_id":116410,
//	 "feed_item_id":17489,"url":"…","qrcode":"…","source":"…",
//	 "params":{"tags":["eu","ai"]},"body":"<p>…</p>"}
//
// Every schema key is written, empty or not. date is RFC 3339 with the
// offset Date carries (fractional seconds when there are any), or "" for the
// zero Time; the ids are JSON numbers. params, an object, is left out when
// Params is empty. Within Params, integers are written as integers and
// floats always with a decimal point or an exponent, so that they come back
// with their type; TOML dates and times, which JSON lacks, are written as
// the strings TOML writes for them (RFC 3339 for an offset date-time) and
// come back as strings.
//
// Strings are escaped as [json.Marshal] escapes them: besides the quotation
// mark, the backslash and control characters, "<", ">" and "&" are written
// \u003c, \u003e and \u0026, and U+2028 and U+2029 \u2028 and \u2029, so
// that the output can be placed in an HTML page or a script. (A
// [json.Encoder] with SetEscapeHTML(false) does not undo this.)
//
// MarshalJSON refuses, with the error [Article.Encode] returns (wrapping
// ErrEncode), every Article that Encode refuses: a string that is not
// valid UTF-8, a date outside the years 0000 to 9999 or whose offset is
// not whole minutes (which RFC 3339 cannot write), a Params key of the
// schema, a Params value TOML cannot hold; it is the same check. JSON
// adds two refusals of its own, with ErrJSON: a NaN or infinite float in
// Params, and a Body that is not valid UTF-8 (Encode writes the body as
// bytes; a JSON string cannot hold them). So every Article MarshalJSON
// writes can be encoded, and [Article.UnmarshalJSON] reads it back field
// for field.
//
// # Embedding
//
// An Article embedded in a struct of yours brings its MarshalJSON and
// UnmarshalJSON along (Go promotes the methods of an embedded field), so
// [json.Marshal] of the struct writes the article alone and silently drops
// your other fields. Give the Article a named field instead:
//
//	type Story struct {
//		Article *article.Article `json:"article"`
//		Section string           `json:"section"`
//	}
//
// or, to keep one flat object, marshal the article and your fields apart
// and join them, or hold the article as a [json.RawMessage] while you
// decode your own fields.
func (a *Article) MarshalJSON() ([]byte, error) {
	if err := a.checkEncodable(); err != nil {
		return nil, err
	}
	if !utf8.ValidString(a.Body) {
		return nil, fmt.Errorf("%w: body: invalid UTF-8 has no JSON form", ErrJSON)
	}
	b := make([]byte, 0, 512+len(a.Body))
	b = append(b, `{"title":`...)
	b = appendJSONString(b, a.Title)
	b = append(b, `,"date":`...)
	if a.Date.IsZero() {
		b = append(b, `""`...)
	} else {
		b = append(b, '"')
		b = a.Date.AppendFormat(b, time.RFC3339Nano)
		b = append(b, '"')
	}
	b = append(b, `,"draft":`...)
	b = strconv.AppendBool(b, a.Draft)
	for _, f := range []struct{ k, v string }{
		{"summary", a.Summary}, {"description", a.Description},
		{"source_link", a.SourceLink}, {"enclosure", a.Enclosure},
	} {
		b = append(b, `,"`...)
		b = append(b, f.k...)
		b = append(b, `":`...)
		b = appendJSONString(b, f.v)
	}
	b = append(b, `,"article_id":`...)
	b = strconv.AppendInt(b, a.ArticleID, 10)
	b = append(b, `,"feed_item_id":`...)
	b = strconv.AppendInt(b, a.FeedItemID, 10)
	for _, f := range []struct{ k, v string }{
		{"url", a.URL}, {"qrcode", a.QRCode}, {"source", a.Source},
	} {
		b = append(b, `,"`...)
		b = append(b, f.k...)
		b = append(b, `":`...)
		b = appendJSONString(b, f.v)
	}
	if len(a.Params) > 0 {
		b = append(b, `,"params":`...)
		var err error
		if b, err = appendJSONValue(b, a.Params, 0); err != nil {
			return nil, fmt.Errorf("%w: params.%v", ErrJSON, err)
		}
	}
	b = append(b, `,"body":`...)
	b = appendJSONString(b, a.Body)
	return append(b, '}'), nil
}

// checkEncodable returns the error [Article.Encode] returns for a built in
// code, or nil: the one rule of what an Article can hold, which MarshalJSON
// and UnmarshalJSON share with Encode by running its canonical writer on
// the front matter (the body is never refused by Encode).
func (a *Article) checkEncodable() error {
	fm := Article{
		Title: a.Title, Date: a.Date, Draft: a.Draft, Summary: a.Summary,
		Description: a.Description, SourceLink: a.SourceLink, Enclosure: a.Enclosure,
		ArticleID: a.ArticleID, FeedItemID: a.FeedItemID, URL: a.URL, QRCode: a.QRCode,
		Source: a.Source, Params: a.Params,
	}
	_, err := fm.appendCanonical(make([]byte, 0, fm.encodedSizeHint()))
	return err
}

// appendJSONString appends s as a JSON string, escaped as encoding/json
// escapes it by default: quotation mark, backslash, control characters,
// "<", ">", "&", U+2028 and U+2029; invalid UTF-8 becomes U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendJSONValue appends a Params value.
func appendJSONValue(b []byte, v any, depth int) ([]byte, error) {
	if depth > maxJSONDepth {
		return b, fmt.Errorf("nested more than %d levels", maxJSONDepth)
	}
	var err error
	switch v := v.(type) {
	case string:
		return appendJSONString(b, v), nil
	case bool:
		return strconv.AppendBool(b, v), nil
	case int64:
		return strconv.AppendInt(b, v, 10), nil
	case int:
		return strconv.AppendInt(b, int64(v), 10), nil
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return b, fmt.Errorf("%v has no JSON form", v)
		}
		start := len(b)
		b = strconv.AppendFloat(b, v, 'g', -1, 64)
		if !bytes.ContainsAny(b[start:], ".e") {
			b = append(b, ".0"...)
		}
		return b, nil
	case time.Time:
		b = append(b, '"')
		b = v.AppendFormat(b, time.RFC3339Nano)
		return append(b, '"'), nil
	case toml.LocalDate, toml.LocalTime, toml.LocalDateTime:
		return appendJSONString(b, fmt.Sprint(v)), nil
	case []any:
		b = append(b, '[')
		for i, e := range v {
			if i > 0 {
				b = append(b, ',')
			}
			if b, err = appendJSONValue(b, e, depth+1); err != nil {
				return b, fmt.Errorf("%d: %w", i, err)
			}
		}
		return append(b, ']'), nil
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b = append(b, '{')
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, k)
			b = append(b, ':')
			if b, err = appendJSONValue(b, v[k], depth+1); err != nil {
				return b, fmt.Errorf("%s: %w", k, err)
			}
		}
		return append(b, '}'), nil
	}
	// Values a caller put in Params that go-toml never produces.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	if err := enc.Encode(v); err != nil {
		return b, err
	}
	return append(b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...), nil
}
