package main

import (
	"github.com/articlekit/article"
)

// formatSource returns the article in src in the canonical layout.
func formatSource(src []byte) ([]byte, error) {
	return article.Format(src)
}
