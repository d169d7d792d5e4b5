package article_test

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/articlekit/article"
)

const exampleFile = `+++
title = "Harbor Authority's Green Shipping Plan Draws Praise"
date = "2025-09-02T08:30:00Z"
draft = false
summary = "Ships at berth must plug in within five years."
description = "The harbor authority unveils a green shipping plan."
source_link = "https://feeds.example.org/maritime/green-shipping-plan/"
enclosure = "https://cdn.example.org/images/green-shipping.png"
article_id = 131072
feed_item_id = 24576
url = "/202509/131072-harbor-authoritys-green-shipping-plan-draws-praise"
qrcode = "https://cdn.example.org/qr/xK3mP9qZ.webp"
source = "Example Maritime Wire (EMW)"
+++

<p>The regional harbor authority on Tuesday published a plan.</p>`

func ExampleParse() {
	a, err := article.Parse(strings.NewReader(exampleFile))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a.Title)
	fmt.Println(a.Date.Format(time.RFC1123Z), a.ArticleID)
	fmt.Println(a.Body)
	// Output:
	// Harbor Authority's Green Shipping Plan Draws Praise
	// Tue, 02 Sep 2025 08:30:00 +0000 131072
	// <p>The regional harbor authority on Tuesday published a plan.</p>
}

// Errors carry the line and column in the file and the key involved.
func ExampleParse_errors() {
	in := strings.Replace(exampleFile, `date = "2025-09-02T08:30:00Z"`, `date = "Tue, 02 Sep 2025 04:30:00 EDT"`, 1)
	_, err := article.Parse(strings.NewReader(in))
	fmt.Println(err)

	var pe *article.ParseError
	if errors.As(err, &pe) {
		fmt.Println(pe.Line, pe.Column, pe.Key, errors.Is(err, article.ErrDate))
	}

	_, err = article.Parse(strings.NewReader("+++\ntitle = \"no end\"\n"))
	fmt.Println(errors.Is(err, article.ErrUnterminated), err)
	// Output:
	// 3:1: date: invalid date: time zone "EDT" is ambiguous; if it means US Eastern Daylight Time, write -0400, or set Decoder.Zones to RFC822Zones()
	// 3 1 date true
	// true 1:1: front matter not terminated: no closing +++ line
}

func ExampleArticle_Encode() {
	a := &article.Article{
		Title:     `Council Says "Yes" to Flood Barrier`,
		Date:      time.Date(2025, 3, 11, 9, 45, 0, 0, time.FixedZone("CET", 3600)),
		ArticleID: 120001,
		URL:       "/202503/120001-council-says-yes-to-flood-barrier",
		Params:    map[string]any{"tags": []string{"council", "flood"}},
		Body:      "<p>The council voted 7-2.</p>",
	}
	if err := a.Encode(os.Stdout); err != nil {
		fmt.Println(err)
	}
	// Output:
	// +++
	// title = "Council Says \"Yes\" to Flood Barrier"
	// date = "2025-03-11T09:45:00+01:00"
	// draft = false
	// summary = ""
	// description = ""
	// source_link = ""
	// enclosure = ""
	// article_id = 120001
	// feed_item_id = 0
	// url = "/202503/120001-council-says-yes-to-flood-barrier"
	// qrcode = ""
	// source = ""
	// tags = ["council", "flood"]
	// +++
	//
	// <p>The council voted 7-2.</p>
}

// A Decoder carries options: here, dates without an offset are read in New
// York time, and keys outside the schema are errors.
func ExampleDecoder() {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		fmt.Println(err)
		return
	}
	d := article.Decoder{Location: ny, DisallowUnknownKeys: true}

	a, err := d.Decode(strings.NewReader("+++\ntitle = \"t\"\ndate = \"2025-07-24 09:00:00\"\n+++\n"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a.Date)

	_, err = d.Decode(strings.NewReader("+++\ntitle = \"t\"\ntilte = \"typo\"\n+++\n"))
	fmt.Println(err)
	// Output:
	// 2025-07-24 09:00:00 -0400 EDT
	// 3:1: tilte: unknown key: did you mean "title"?
}

func ExampleParseDate() {
	for _, s := range []string{"2025-07-24T14:10:31+02:00", "Thu, 24 Jul 2025 14:10:31 GMT", "2025-07-24", "Thu, 24 Jul 2025 14:10:31 CST"} {
		t, err := article.ParseDate(s, nil)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(t.Format(time.RFC3339))
	}
	// Output:
	// 2025-07-24T14:10:31+02:00
	// 2025-07-24T14:10:31Z
	// 2025-07-24T00:00:00Z
	// invalid date: time zone "CST" is ambiguous; if it means US Central Standard Time, write -0600, or set Decoder.Zones to RFC822Zones()
}

// DecodeParams decodes the keys outside the schema into a struct of the
// caller's, tables included. For an Article from Parse, an error names the
// line and column of the key in the file.
func ExampleArticle_DecodeParams() {
	const file = `+++
title = "Harbor Plan"
article_id = 131072
tags = ["port", "climate"]

[author]
name = "Ada Lovelace"
shifts = "two"
+++

<p>Body.</p>`
	a, err := article.Parse(strings.NewReader(file))
	if err != nil {
		fmt.Println(err)
		return
	}
	var extra struct {
		Tags   []string `toml:"tags"`
		Author struct {
			Name string `toml:"name"`
		} `toml:"author"`
	}
	if err := a.DecodeParams(&extra); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(extra.Tags, extra.Author.Name)

	var wrong struct {
		Author struct {
			Shifts int `toml:"shifts"`
		} `toml:"author"`
	}
	err = a.DecodeParams(&wrong)
	var pe *article.ParseError
	if errors.As(err, &pe) {
		fmt.Println(pe.Line, pe.Column, pe.Key, errors.Is(err, article.ErrType))
	}
	// Output:
	// [port climate] Ada Lovelace
	// 8 1 author.shifts true
}

// AppendEncoded appends the encoded article to a buffer, which can be
// reused from one article to the next.
func ExampleArticle_AppendEncoded() {
	articles := []*article.Article{
		{Title: "One", ArticleID: 1, Body: "<p>1</p>"},
		{Title: "Two", ArticleID: 2, Body: "<p>2</p>"},
	}
	var buf []byte
	for _, a := range articles {
		var err error
		buf, err = a.AppendEncoded(buf[:0])
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%d bytes, ends with %q\n", len(buf), buf[len(buf)-13:])
	}
	// Output:
	// 182 bytes, ends with "+++\n\n<p>1</p>"
	// 182 bytes, ends with "+++\n\n<p>2</p>"
}
