package article

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// UnmarshalJSON implements [json.Unmarshaler]: it reads the object that
// [Article.MarshalJSON] writes into a, replacing every field, so that
// UnmarshalJSON(MarshalJSON(a)) gives a back (but for TOML dates inside
// Params, which come back as strings, and the name of Date's zone: the
// offset is kept). Keys may come in any order and may be missing (the
// field is then zero); null is the zero value. date is read by
// [ParseDate], so every form it accepts is accepted here. Numbers in params
// come back as int64 when written without a decimal point or exponent (and
// in range), as float64 otherwise.
//
// It fails with ErrJSON, leaving a unchanged, for an unknown key, a key
// written twice (at any depth: TOML has no duplicate keys), a value of the
// wrong type, a date that ParseDate refuses, a key of the schema inside
// params ({"params":{"title":…}}), and anything [Article.Encode] would
// refuse (the error then wraps Encode's too): what UnmarshalJSON accepts,
// MarshalJSON and Encode write.
func (a *Article) UnmarshalJSON(data []byte) error {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	n, err := decodeArticleJSON(d)
	if err == nil {
		if _, end := d.Token(); end != io.EOF {
			err = errors.New("data after the object")
		}
	}
	if err != nil {
		return fmt.Errorf("%w: %v", ErrJSON, err)
	}
	if err := n.checkEncodable(); err != nil {
		return fmt.Errorf("%w: %w", ErrJSON, err)
	}
	*a = n
	return nil
}

// decodeArticleJSON reads one article object from d.
func decodeArticleJSON(d *json.Decoder) (Article, error) {
	var n Article
	if tok, err := d.Token(); err != nil {
		return n, err
	} else if tok != json.Delim('{') {
		return n, errors.New("not an object")
	}
	seen := make(map[string]bool, numKeys+2)
	for d.More() {
		tok, err := d.Token()
		if err != nil {
			return n, err
		}
		k, _ := tok.(string) // object keys are strings
		if seen[k] {
			return n, fmt.Errorf("%s: duplicate key", shortString(k))
		}
		seen[k] = true
		switch k {
		case "title":
			err = d.Decode(&n.Title)
		case "summary":
			err = d.Decode(&n.Summary)
		case "description":
			err = d.Decode(&n.Description)
		case "source_link":
			err = d.Decode(&n.SourceLink)
		case "enclosure":
			err = d.Decode(&n.Enclosure)
		case "url":
			err = d.Decode(&n.URL)
		case "qrcode":
			err = d.Decode(&n.QRCode)
		case "source":
			err = d.Decode(&n.Source)
		case "body":
			err = d.Decode(&n.Body)
		case "draft":
			err = d.Decode(&n.Draft)
		case "article_id":
			err = d.Decode(&n.ArticleID)
		case "feed_item_id":
			err = d.Decode(&n.FeedItemID)
		case "date":
			var s string
			if err = d.Decode(&s); err == nil {
				n.Date, err = ParseDate(s, nil)
			}
		case "params":
			n.Params, err = decodeJSONParams(d)
		default:
			err = errors.New("unknown key")
		}
		if err != nil {
			if strings.HasPrefix(err.Error(), k+".") {
				return n, err // a path into params
			}
			return n, fmt.Errorf("%s: %v", shortString(k), err)
		}
	}
	_, err := d.Token() // the closing brace: More said there is no other key
	return n, err
}

// decodeJSONParams reads the value of "params": an object (or null), whose
// keys are outside the schema.
func decodeJSONParams(d *json.Decoder) (map[string]any, error) {
	tok, err := d.Token()
	if err != nil {
		return nil, err
	}
	switch tok {
	case nil:
		return nil, nil
	case json.Delim('{'):
	default:
		return nil, errors.New("not an object")
	}
	m := map[string]any{}
	if err := decodeJSONObject(d, m, "params", 1); err != nil {
		return nil, err
	}
	for k := range m {
		if schemaIndex([]byte(k)) >= 0 {
			return nil, fmt.Errorf("params.%s: a key of the schema, written outside params", k)
		}
	}
	if len(m) == 0 {
		return nil, nil
	}
	return m, nil
}

// decodeJSONObject reads the members of an object whose "{" was read, up
// to its "}", into m. path names the object in errors.
func decodeJSONObject(d *json.Decoder, m map[string]any, path string, depth int) error {
	for d.More() {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		k, _ := tok.(string)
		p := path + "." + shortString(k)
		if _, dup := m[k]; dup {
			return fmt.Errorf("%s: duplicate key", p)
		}
		if m[k], err = decodeJSONValue(d, p, depth); err != nil {
			return err
		}
	}
	_, err := d.Token()
	return err
}

// decodeJSONValue reads one value of params: numbers as int64 or float64.
func decodeJSONValue(d *json.Decoder, path string, depth int) (any, error) {
	if depth > maxJSONDepth {
		return nil, fmt.Errorf("%s: nested more than %d levels", path, maxJSONDepth)
	}
	tok, err := d.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case string, bool:
		return t, nil
	case json.Number:
		s := string(t)
		if !strings.ContainsAny(s, ".eE") {
			if i, err := strconv.ParseInt(s, 10, 64); err == nil {
				return i, nil
			}
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, fmt.Errorf("%s: number %s out of range", path, shortString(s))
		}
		return f, nil
	case nil:
		return nil, fmt.Errorf("%s: null has no TOML form", path)
	case json.Delim:
		if t == '{' {
			m := map[string]any{}
			return m, decodeJSONObject(d, m, path, depth+1)
		}
		s := []any{}
		for i := 0; d.More(); i++ {
			v, err := decodeJSONValue(d, path+"."+strconv.Itoa(i), depth+1)
			if err != nil {
				return nil, err
			}
			s = append(s, v)
		}
		_, err := d.Token()
		return s, err
	}
	return nil, fmt.Errorf("%s: unexpected %v", path, tok)
}
