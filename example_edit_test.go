package article_test

import (
	"fmt"
	"strings"

	"github.com/articlekit/article"
)

// A hand-edited file keeps its comments, spacing, literal strings and
// native date through an edit: Encode changes the one line whose value
// changed.
func ExampleArticle_Encode_lossless() {
	const file = `+++
# Checked by the night desk.
title   = 'Ferry Strike Ends After Three Days'   # agreed headline
date    = 2025-09-04T06:00:00+02:00
draft   = true                                   # legal review pending
article_id = 131_073
tags = ["transport", "labour"]
+++

<p>Ferries run again from Friday.</p>
`
	a, err := article.Parse(strings.NewReader(file))
	if err != nil {
		fmt.Println(err)
		return
	}
	a.Draft = false // legal review done
	var out strings.Builder
	if err := a.Encode(&out); err != nil {
		fmt.Println(err)
		return
	}
	before, after := strings.Split(file, "\n"), strings.Split(out.String(), "\n")
	for i := range before {
		if before[i] != after[i] {
			fmt.Println("-" + before[i])
			fmt.Println("+" + after[i])
		}
	}
	// Output:
	// -draft   = true                                   # legal review pending
	// +draft   = false                                  # legal review pending
}

// Format rewrites a file in the canonical layout, as Encode writes an
// Article built in code.
func ExampleFormat() {
	out, err := article.Format([]byte("+++\ntitle='Short'  # headline\narticle_id=0x10\n+++\n<p>Body</p>"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(string(out))
	// Output:
	// +++
	// title = "Short"
	// date = ""
	// draft = false
	// summary = ""
	// description = ""
	// source_link = ""
	// enclosure = ""
	// article_id = 16
	// feed_item_id = 0
	// url = ""
	// qrcode = ""
	// source = ""
	// +++
	//
	// <p>Body</p>
}
