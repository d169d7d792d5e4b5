package main

import (
	"github.com/articlekit/article"
)

// formatSource returns the article in src in the canonical layout, its
// dates read with dec's options.
func formatSource(dec article.Decoder, src []byte) ([]byte, error) {
	return dec.Format(src)
}
