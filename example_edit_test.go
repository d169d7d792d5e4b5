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

// Format puts the schema keys first and normalises spacing and quoting;
// every comment stays with its key, and values keep their TOML type.
func ExampleFormat() {
	const file = `+++
# Imported from the wire.

tags=[ 'energy', "grid" ]   # from the desk
# headline from the wire
title='Grid Upgrade Approved'
date = 2025-09-04T06:00:00+02:00
article_id = 0x1F
[extra]
  byline = { name = 'A. Writer', desk = "city" }
+++
<p>Body</p>`
	out, err := article.Format([]byte(file))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(string(out))
	// Output:
	// +++
	// # Imported from the wire.
	//
	// # headline from the wire
	// title = "Grid Upgrade Approved"
	// date = 2025-09-04T06:00:00+02:00
	// article_id = 0x1F
	// tags = [ "energy", "grid" ] # from the desk
	// [extra]
	// byline = { name = "A. Writer", desk = "city" }
	// +++
	//
	// <p>Body</p>
}
