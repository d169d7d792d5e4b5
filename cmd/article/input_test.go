package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDisplayName(t *testing.T) {
	assert.Equal(t, stdinName, displayName("-"))
	assert.Equal(t, `"a\nb"`, displayName("a\nb"))
	assert.Equal(t, "a/b.md", displayName("a/b.md"))
}
