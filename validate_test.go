package article

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testNow is the present for the tests: every article in testdata is in
// the past, testdata/invalid/date-future.md more than 48 hours ahead.
var testNow = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func testValidator() *Validator {
	return &Validator{Now: func() time.Time { return testNow }}
}

func parseFile(t testing.TB, path string) (*Article, string) {
	t.Helper()
	src, err := os.ReadFile(path)
	require.NoError(t, err)
	a, err := Parse(bytes.NewReader(src))
	require.NoError(t, err, path)
	return a, string(src)
}

// fieldErrors returns the FieldErrors of a Validate error.
func fieldErrors(t testing.TB, err error) []*FieldError {
	t.Helper()
	if err == nil {
		return nil
	}
	u, ok := err.(interface{ Unwrap() []error })
	require.True(t, ok, "Validate's error has Unwrap() []error")
	var out []*FieldError
	for _, e := range u.Unwrap() {
		var fe *FieldError
		require.True(t, errors.As(e, &fe), "%T", e)
		out = append(out, fe)
	}
	return out
}

// TestValidateValidArticles: every bundled article is valid, with the
// default Validator (the real clock) and with the test's.
func TestValidateValidArticles(t *testing.T) {
	files, err := filepath.Glob("testdata/articles/*.md")
	require.NoError(t, err)
	more, err := filepath.Glob("testdata/bench/*.md")
	require.NoError(t, err)
	files = append(files, more...)
	require.GreaterOrEqual(t, len(files), 5)
	for _, f := range files {
		a, _ := parseFile(t, f)
		assert.NoError(t, a.Validate(), f)
		assert.NoError(t, testValidator().Validate(a), f)
		assert.NoError(t, (&Validator{StrictSlug: true}).Validate(a), f)
	}
}

// TestValidateGolden: each article of testdata/invalid breaks the rule its
// name says (StrictSlug for strict-*), and Error() is its golden file.
func TestValidateGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/invalid/*.md")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 25)
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".md")
		t.Run(name, func(t *testing.T) {
			a, _ := parseFile(t, f)
			v := testValidator()
			v.StrictSlug = strings.HasPrefix(name, "strict-")
			err := v.Validate(a)
			require.Error(t, err)
			got := err.Error() + "\n"
			if strings.HasPrefix(name, "strict-") {
				v.StrictSlug = false
				assert.NoError(t, v.Validate(a), "the slug is only wrong with StrictSlug")
			}
			golden(t, strings.TrimSuffix(f, ".md")+".golden", got)
		})
	}
}

// TestValidateSentinels: each kind of problem wraps its sentinel, and
// errors.Is and errors.As work on the whole error.
func TestValidateSentinels(t *testing.T) {
	tests := []struct {
		file string
		want error
	}{
		{"required-title", ErrRequired},
		{"required-body", ErrRequired},
		{"title-markup", ErrInvalidValue},
		{"source-link-scheme", ErrInvalidURL},
		{"url-host", ErrInvalidURL},
		{"url-month", ErrMismatch},
		{"url-slug-alphabet", ErrInvalidValue},
		{"unknown-key-typo", ErrUnknownKey},
		{"body-script", ErrUnsafeHTML},
		{"date-future", ErrInvalidValue},
	}
	for _, tt := range tests {
		a, _ := parseFile(t, "testdata/invalid/"+tt.file+".md")
		err := testValidator().Validate(a)
		assert.ErrorIs(t, err, tt.want, tt.file)
		var fe *FieldError
		require.ErrorAs(t, err, &fe, tt.file)
		for _, fe := range fieldErrors(t, err) {
			assert.ErrorIs(t, fe, tt.want, "%s: %v", tt.file, fe)
		}
	}
}

// TestFieldErrorFormat: one formatter for FieldError and ParseError.
func TestFieldErrorFormat(t *testing.T) {
	err := fmt.Errorf("%w: x", ErrInvalidValue)
	assert.Equal(t, "3:7: title: invalid value: x", (&FieldError{Key: "title", Line: 3, Column: 7, Err: err}).Error())
	assert.Equal(t, "title: invalid value: x", (&FieldError{Key: "title", Err: err}).Error())
	assert.Equal(t, "3:7: title: invalid value: x", (&ParseError{Key: "title", Line: 3, Column: 7, Err: err}).Error())
	assert.Equal(t, "3:7: invalid value: x", (&ParseError{Line: 3, Column: 7, Err: err}).Error())
	assert.Equal(t, "body: unknown error", (&FieldError{Key: "body"}).Error())
	assert.Same(t, err, (&FieldError{Err: err}).Unwrap())
}

// badFrontMatter breaks a rule on every key it has; with the body it has a
// problem for each key of wantKeys.
const badFrontMatter = `title = "A <b>bold</b> title"
date = "2099-01-01T00:00:00Z"
summary = "<i>x</i>"
description = "<p>y</p>"
source_link = "ftp://a.example/x"
enclosure = "https://u@a.example/x.png"
article_id = -3
feed_item_id = -4
url = "https://a.example/x"
qrcode = "https://a.example/q r.png"
Source = "typo"
`

const badBody = "<p>text</p><script>x()</script><p onclick=\"y\">z</p>"

var wantKeys = []string{"title", "date", "summary", "description", "source_link", "enclosure",
	"article_id", "feed_item_id", "url", "qrcode", "Source", "body", "body"}

// wantPosition returns the line and byte column, in text, of the first
// occurrence of needle after the first occurrence of after.
func wantPosition(t *testing.T, text, after, needle string) (int, int) {
	t.Helper()
	start := strings.Index(text, after)
	require.GreaterOrEqual(t, start, 0, after)
	i := strings.Index(text[start:], needle)
	require.GreaterOrEqual(t, i, 0, needle)
	i += start
	line := 1 + strings.Count(text[:i], "\n")
	col := i - (strings.LastIndexByte(text[:i], '\n') + 1) + 1
	return line, col
}

// TestValidatePositions: each problem is located at its key (or, in the
// body, at its tag or attribute), counted from the top of the file, with
// a byte order mark, CRLF line ends and blank lines before the front
// matter.
func TestValidatePositions(t *testing.T) {
	variants := []struct {
		name, bom, nl, lead string
	}{
		{"plain", "", "\n", ""},
		{"bom", "\uFEFF", "\n", ""},
		{"crlf", "", "\r\n", ""},
		{"blank lines", "", "\n", "\n  \n\t\n"},
		{"bom crlf", "\uFEFF", "\r\n", ""},
		{"bom blank lines", "\uFEFF", "\n", "\n\n"},
		{"bom crlf blank lines", "\uFEFF", "\r\n", "\n \n\n"},
	}
	for _, vt := range variants {
		t.Run(vt.name, func(t *testing.T) {
			fm := strings.ReplaceAll(badFrontMatter, "\n", vt.nl)
			text := vt.bom + strings.ReplaceAll(vt.lead, "\n", vt.nl) + "+++" + vt.nl + fm + "+++" + vt.nl + vt.nl + badBody + vt.nl
			a, err := Parse(strings.NewReader(text))
			require.NoError(t, err)
			fes := fieldErrors(t, testValidator().Validate(a))
			var keys []string
			for _, fe := range fes {
				keys = append(keys, fe.Key)
			}
			require.Equal(t, wantKeys, keys)
			for _, fe := range fes[:len(fes)-2] {
				line, _ := wantPosition(t, text, "+++", vt.nl+fe.Key+" = ")
				assert.Equal(t, [2]int{line + 1, 1}, [2]int{fe.Line, fe.Column}, "%v", fe)
			}
			line, col := wantPosition(t, text, "+++"+vt.nl+vt.nl, "<script>")
			assert.Equal(t, [2]int{line, col}, [2]int{fes[11].Line, fes[11].Column}, "%v", fes[11])
			line, col = wantPosition(t, text, "+++"+vt.nl+vt.nl, "onclick")
			assert.Equal(t, [2]int{line, col}, [2]int{fes[12].Line, fes[12].Column}, "%v", fes[12])
		})
	}
}

// TestValidatePositionsIndented: keys indented or quoted are located at
// their first byte; a key in a table is not taken for a top-level one.
func TestValidatePositionsIndented(t *testing.T) {
	text := "+++\n  \"title\" = \"<b>x</b>\"\n\tSummary = 1\n[extra]\nurl = 1\n+++\n\n<p>x</p>\n"
	a, err := Parse(strings.NewReader(text))
	require.NoError(t, err)
	err = testValidator().Validate(a)
	assert.Equal(t, "2:3: title: invalid value: HTML markup \"<b>\"\n"+
		"3:2: Summary: unknown key: did you mean \"summary\"?\n"+
		"date: required\narticle_id: required\nurl: required", err.Error())
}

// TestValidateChangedAfterParse: a value changed after Parse has no
// position (the old one would mislead); unchanged keys keep theirs.
func TestValidateChangedAfterParse(t *testing.T) {
	text := "+++\n" + badFrontMatter + "+++\n\n" + badBody + "\n"
	parse := func() *Article {
		a, err := Parse(strings.NewReader(text))
		require.NoError(t, err)
		return a
	}
	a := parse()
	a.Title = "Another <b>bold</b> title"
	a.ArticleID = -5
	a.Date = a.Date.Add(time.Hour)
	a.Body = strings.Clone(a.Body)
	positioned := map[string]bool{}
	for _, fe := range fieldErrors(t, testValidator().Validate(a)) {
		positioned[fe.Key] = fe.Line > 0
	}
	assert.Equal(t, map[string]bool{
		"title": false, "date": false, "article_id": false, "body": true, // the body is equal
		"summary": true, "description": true, "source_link": true, "enclosure": true,
		"feed_item_id": true, "url": true, "qrcode": true, "Source": true,
	}, positioned)

	a = parse()
	a.Body = "<p>other</p><script>x()</script>"
	fes := fieldErrors(t, testValidator().Validate(a))
	last := fes[len(fes)-1]
	assert.Equal(t, "body", last.Key)
	assert.Zero(t, last.Line, "a changed body has no positions")

	// Setting a field back to what the file says restores its position.
	a = parse()
	a.Title = "x"
	a.Title = "A <b>bold</b> title"
	fes = fieldErrors(t, testValidator().Validate(a))
	assert.Equal(t, "title", fes[0].Key)
	assert.Equal(t, 2, fes[0].Line)
}

// TestValidateBuiltInCode: an article built in code has the same problems
// and messages as the same article parsed, without positions, in the
// canonical order.
func TestValidateBuiltInCode(t *testing.T) {
	files, err := filepath.Glob("testdata/invalid/*.md")
	require.NoError(t, err)
	for _, f := range files {
		parsed, _ := parseFile(t, f)
		built := &Article{
			Title: parsed.Title, Date: parsed.Date, Draft: parsed.Draft, Summary: parsed.Summary,
			Description: parsed.Description, SourceLink: parsed.SourceLink, Enclosure: parsed.Enclosure,
			ArticleID: parsed.ArticleID, FeedItemID: parsed.FeedItemID, URL: parsed.URL,
			QRCode: parsed.QRCode, Source: parsed.Source, Params: parsed.Params, Body: parsed.Body,
		}
		v := testValidator()
		v.StrictSlug = strings.HasPrefix(filepath.Base(f), "strict-")
		pe, be := fieldErrors(t, v.Validate(parsed)), fieldErrors(t, v.Validate(built))
		require.Len(t, be, len(pe), f)
		msgs := func(fes []*FieldError) (out []string) {
			for _, fe := range fes {
				out = append(out, fe.Key+": "+fe.Err.Error())
			}
			return out
		}
		for _, fe := range be {
			assert.Zero(t, fe.Line, "%s: %v", f, fe)
			assert.Zero(t, fe.Column, "%s: %v", f, fe)
		}
		bm, pm := msgs(be), msgs(pe)
		// Canonical order: schema keys, Params, body. For these files,
		// written in the canonical layout, that is the file's order
		// but for keys of Params.
		assert.ElementsMatch(t, pm, bm, f)
		var order []int
		for _, fe := range be {
			order = append(order, keyOrder(fe.Key))
		}
		assert.True(t, slices.IsSorted(order), "%s: %v", f, bm)
	}
}

func keyOrder(k string) int {
	if k == "body" {
		return orderBody
	}
	if i := schemaIndex([]byte(k)); i >= 0 {
		return i
	}
	return orderParams
}

// TestValidateOptions covers the options of Validator one by one.
func TestValidateOptions(t *testing.T) {
	a, _ := parseFile(t, "testdata/articles/green-shipping.md")
	require.NoError(t, a.Validate())

	b := *a
	b.Title = strings.Repeat("é", 301) // characters, not bytes
	err := testValidator().Validate(&b)
	// b copies a's source, but the title changed: no position.
	assert.EqualError(t, err, "title: invalid value: 301 characters, more than 300")
	assert.NoError(t, (&Validator{MaxTitleLen: -1, Now: testValidator().Now}).Validate(&b))
	b.Title = strings.Repeat("é", 300)
	assert.NoError(t, testValidator().Validate(&b))
	assert.Error(t, (&Validator{MaxTitleLen: 10}).Validate(&b))

	b = *a
	b.Date = testNow.Add(DefaultMaxFuture)
	b.URL = b.Permalink()
	v := testValidator()
	assert.NoError(t, v.Validate(&b), "exactly Now+MaxFuture is allowed")
	b.Date = b.Date.Add(time.Second)
	assert.ErrorIs(t, v.Validate(&b), ErrInvalidValue)
	v.MaxFuture = -1
	assert.NoError(t, v.Validate(&b))
	v.MaxFuture = time.Hour
	b.Date = testNow.Add(2 * time.Hour)
	assert.EqualError(t, v.Validate(&b), "date: invalid value: 2026-01-01T02:00:00Z is more than 1h0m0s in the future")

	// Policy: a stricter policy makes the link a problem.
	noLinks := ArticlePolicy().Builder().RemoveElements("a").Policy()
	err = (&Validator{Policy: noLinks}).Validate(a)
	require.Error(t, err)
	assert.Regexp(t, `^16:\d+: body: unsafe HTML: element unwrapped <a>$`, err.Error())

	// Pattern.
	b = *a
	p := MustCompilePattern("/news/:year/:month/:slug-:id.html")
	b.URL = "/news/2025/09/any-slug-131072.html"
	assert.NoError(t, (&Validator{Pattern: p}).Validate(&b))
	assert.ErrorIs(t, (&Validator{Pattern: p, StrictSlug: true}).Validate(&b), ErrMismatch)
	b.URL = p.Expand(&b)
	assert.NoError(t, (&Validator{Pattern: p, StrictSlug: true}).Validate(&b))
	b.URL = "/news/2025/9/any-slug-131072.html"
	assert.EqualError(t, (&Validator{Pattern: p}).Validate(&b),
		`url: mismatch: "/news/2025/9/any-slug-131072.html" does not match "/news/2025/09/:slug-131072.html"`)
}

func TestMarkup(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", ""}, {"a < b", ""}, {"a <3 b", ""}, {"AT&amp;T", ""}, {"x<", ""}, {"<", ""},
		{"a <b>c</b>", "<b>"}, {"a </p>", "</p>"}, {"<!-- x -->", "<!-- x -->"}, {"<?php", "<?php"},
		{"a <b", "<b"}, {"<a href='" + strings.Repeat("x", 40) + "'>", "<a href='xxxxxxxxxxxxxxxxxxxxxxx…"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, markup(tt.in), tt.in)
	}
}

// TestValidateBodyPositionsInFile: a problem in the body is located in the
// file, on lines after the front matter, for each kind of removal.
func TestValidateBodyPositionsInFile(t *testing.T) {
	a, text := parseFile(t, "testdata/invalid/several.md")
	for _, fe := range fieldErrors(t, testValidator().Validate(a)) {
		if fe.Key != "body" {
			continue
		}
		require.Positive(t, fe.Line, "%v", fe)
		line := strings.Split(text, "\n")[fe.Line-1]
		rest := line[fe.Column-1:]
		assert.True(t, rest[0] == '<' || strings.HasPrefix(rest, "onerror"), "%v at %q", fe, rest)
	}
}

// TestValidateBodyLimits: a body the sanitiser refuses is ErrUnsafeHTML
// wrapping its error, without a position.
func TestValidateBodyLimits(t *testing.T) {
	a, _ := parseFile(t, "testdata/articles/green-shipping.md")
	a.Body = strings.Repeat("<div>", 300) + "x"
	err := a.Validate()
	assert.ErrorIs(t, err, ErrUnsafeHTML)
	assert.ErrorIs(t, err, ErrTooDeep)
	fes := fieldErrors(t, err)
	require.Len(t, fes, 1)
	assert.Zero(t, fes[0].Line)

	small := &Validator{Policy: ArticlePolicy().Builder().MaxBodySize(10).Policy()}
	a.Body = "plain text, longer than ten bytes"
	assert.ErrorIs(t, small.Validate(a), ErrBodyTooLarge)
	a.Body = "<p>text</p>, longer than ten bytes"
	assert.ErrorIs(t, small.Validate(a), ErrBodyTooLarge)

	a.Body = "plain text & more"
	assert.NoError(t, a.Validate(), "a body without markup is valid")
	a.Body = " \n\t "
	assert.ErrorIs(t, a.Validate(), ErrRequired)
}

// TestValidateNil: a nil Article is the zero Article.
func TestValidateNil(t *testing.T) {
	err := Validator{}.Validate(nil)
	assert.EqualError(t, err, "title: required\ndate: required\narticle_id: required\nurl: required\nbody: required")
	assert.EqualError(t, (&Article{}).Validate(), err.Error())
}

// TestValidateValueReceiver: a Validator value is used as Decoder and
// Slugger are, without taking its address (issue 20); a pointer works too,
// and so does Article.Validate.
func TestValidateValueReceiver(t *testing.T) {
	a := &Article{Title: "T", Date: testNow, ArticleID: 1, URL: "/x", Body: "<p>x</p>"}
	err := Validator{Now: testValidator().Now}.Validate(a)
	require.Error(t, err)
	assert.Equal(t, err.Error(), (&Validator{Now: testValidator().Now}).Validate(a).Error())
	f := Validator.Validate // a method value of the type, not of *Validator
	assert.Equal(t, err.Error(), f(Validator{Now: testValidator().Now}, a).Error())
	assert.Error(t, a.Validate())
}

// TestValidateInvalidUTF8: strings that Encode would refuse are invalid.
func TestValidateInvalidUTF8(t *testing.T) {
	a, _ := parseFile(t, "testdata/articles/green-shipping.md")
	a.Source = "bad \xff"
	a.Title = "bad \xff"
	assert.EqualError(t, a.Validate(), "title: invalid value: not valid UTF-8\nsource: invalid value: not valid UTF-8")
}

// TestValidateConcurrent: one Validator (and one Article) used by many
// goroutines at once; run with -race.
func TestValidateConcurrent(t *testing.T) {
	v := testValidator()
	a, _ := parseFile(t, "testdata/invalid/several.md")
	want := v.Validate(a).Error()
	good, _ := parseFile(t, "testdata/articles/green-shipping.md")
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				assert.Equal(t, want, v.Validate(a).Error())
				assert.NoError(t, v.Validate(good))
			}
		})
	}
	wg.Wait()
}

// TestValidateBodyPositionsNonASCII: columns count bytes, in a body with
// multi-byte characters and lone CRs before the problem.
func TestValidateBodyPositionsNonASCII(t *testing.T) {
	text := "+++\ntitle = \"é\"\n+++\n\n<p>Zürich — 東京\r</p>\r\n<p>ÉÉ <b onclick=\"x\">y</b><script>z</script></p>\n"
	a, err := Parse(strings.NewReader(text))
	require.NoError(t, err)
	var got [][2]int
	for _, fe := range fieldErrors(t, testValidator().Validate(a)) {
		if fe.Key == "body" {
			got = append(got, [2]int{fe.Line, fe.Column})
		}
	}
	l1, c1 := wantPosition(t, text, "ÉÉ", "onclick")
	l2, c2 := wantPosition(t, text, "ÉÉ", "<script")
	assert.Equal(t, [][2]int{{l1, c1}, {l2, c2}}, got)
	assert.Equal(t, [2]int{6, 12}, got[0]) // "<p>ÉÉ <b " is 11 bytes
}

// TestFieldErrors: the FieldErrors of a Validate error, in its order,
// through any wrapping; nil when there are none.
func TestFieldErrors(t *testing.T) {
	a, err := Parse(strings.NewReader("+++\ntitle = \"a\\nb\"\nsummary = \"<b>x</b>\"\n+++\n<p>x</p>"))
	require.NoError(t, err)
	verr := a.Validate()
	require.Error(t, verr)
	want := []string{
		"2:1: title: invalid value: more than one line",
		"3:1: summary: invalid value: HTML markup \"<b>\"",
		"date: required",
		"article_id: required",
		"url: required",
	}
	msgs := func(fes []*FieldError) []string {
		var out []string
		for _, fe := range fes {
			out = append(out, fe.Error())
		}
		return out
	}
	one := &FieldError{Key: "title", Err: ErrRequired}
	tests := []struct {
		name string
		err  error
		want []string
	}{
		{"nil", nil, nil},
		{"other error", errors.New("x"), nil},
		{"parse error", &ParseError{Line: 1, Err: ErrSyntax}, nil},
		{"validate", verr, want},
		{"wrapped", fmt.Errorf("a.md: %w", verr), want},
		{"wrapped twice", fmt.Errorf("x: %w", fmt.Errorf("a.md: %w", verr)), want},
		{"joined", errors.Join(errors.New("x"), verr, one), append(slices.Clone(want), "title: required")},
		{"one", one, []string{"title: required"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FieldErrors(tt.err)
			assert.Equal(t, tt.want, msgs(got))
			if tt.want == nil {
				assert.Nil(t, got)
			}
		})
	}
}
