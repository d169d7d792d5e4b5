package article

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"
)

// ErrJSON means a JSON object cannot be read as an Article, or an Article
// cannot be written as JSON (a Params float that is NaN or infinite).
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
// come back as strings. NaN and infinite floats have no JSON form: they
// fail with ErrJSON.
//
// MarshalJSON does not escape HTML characters itself; [json.Marshal] does,
// unless called through a [json.Encoder] with SetEscapeHTML(false).
func (a *Article) MarshalJSON() ([]byte, error) {
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

// appendJSONString appends s as a JSON string, escaped as encoding/json
// escapes it with SetEscapeHTML(false): quotation mark, backslash, control
// characters, U+2028 and U+2029; invalid UTF-8 becomes U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
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
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return b, err
	}
	return append(b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...), nil
}

// UnmarshalJSON implements [json.Unmarshaler]: it reads the object that
// [Article.MarshalJSON] writes into a, replacing every field, so that
// UnmarshalJSON(MarshalJSON(a)) gives a back (but for TOML dates inside
// Params, which come back as strings). Keys may come in any order and may
// be missing (the field is then zero); null is the zero value. date is read
// by [ParseDate], so every form it accepts is accepted here. Numbers in
// params come back as int64 when written without a decimal point or
// exponent (and in range), as float64 otherwise. An unknown key, a value of
// the wrong type or a date that ParseDate refuses fails with ErrJSON,
// leaving a unchanged.
func (a *Article) UnmarshalJSON(data []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return fmt.Errorf("%w: %v", ErrJSON, err)
	}
	if raw == nil {
		return fmt.Errorf("%w: not an object", ErrJSON)
	}
	var n Article
	for k, v := range raw {
		var err error
		switch k {
		case "title":
			err = jsonString(v, &n.Title)
		case "summary":
			err = jsonString(v, &n.Summary)
		case "description":
			err = jsonString(v, &n.Description)
		case "source_link":
			err = jsonString(v, &n.SourceLink)
		case "enclosure":
			err = jsonString(v, &n.Enclosure)
		case "url":
			err = jsonString(v, &n.URL)
		case "qrcode":
			err = jsonString(v, &n.QRCode)
		case "source":
			err = jsonString(v, &n.Source)
		case "body":
			err = jsonString(v, &n.Body)
		case "draft":
			err = json.Unmarshal(v, &n.Draft)
		case "article_id":
			err = json.Unmarshal(v, &n.ArticleID)
		case "feed_item_id":
			err = json.Unmarshal(v, &n.FeedItemID)
		case "date":
			var s string
			if err = jsonString(v, &s); err == nil {
				n.Date, err = ParseDate(s, nil)
			}
		case "params":
			n.Params, err = jsonParams(v)
		default:
			err = errors.New("unknown key")
		}
		if err != nil {
			return fmt.Errorf("%w: %s: %v", ErrJSON, k, err)
		}
	}
	*a = n
	return nil
}

// jsonString decodes a JSON string (or null) into *s.
func jsonString(v json.RawMessage, s *string) error {
	return json.Unmarshal(v, s)
}

// jsonParams decodes the params object, numbers as int64 or float64.
func jsonParams(v json.RawMessage) (map[string]any, error) {
	d := json.NewDecoder(bytes.NewReader(v))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil {
		return nil, err
	}
	if len(m) == 0 {
		return nil, nil
	}
	out, err := fromJSONValue(m, 0)
	if err != nil {
		return nil, err
	}
	return out.(map[string]any), nil
}

// fromJSONValue turns json.Number values into int64 or float64, in place.
func fromJSONValue(v any, depth int) (any, error) {
	if depth > maxJSONDepth {
		return nil, fmt.Errorf("nested more than %d levels", maxJSONDepth)
	}
	switch v := v.(type) {
	case json.Number:
		s := string(v)
		if !strings.ContainsAny(s, ".eE") {
			if i, err := strconv.ParseInt(s, 10, 64); err == nil {
				return i, nil
			}
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, fmt.Errorf("number %s out of range", s)
		}
		return f, nil
	case nil:
		return nil, errors.New("null has no TOML form")
	case []any:
		for i, e := range v {
			e, err := fromJSONValue(e, depth+1)
			if err != nil {
				return nil, fmt.Errorf("%d: %w", i, err)
			}
			v[i] = e
		}
	case map[string]any:
		for k, e := range v {
			e, err := fromJSONValue(e, depth+1)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", k, err)
			}
			v[k] = e
		}
	}
	return v, nil
}
