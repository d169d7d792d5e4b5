package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPathList(t *testing.T) {
	var l pathList
	var want []string
	for i := range 5000 {
		p := fmt.Sprintf("tree/%d/%s-%d.md", i/300, strings.Repeat("x", i%200), i)
		if i%7 == 0 {
			p = fmt.Sprintf("top-%d.md", i)
		}
		assert.Equal(t, i, l.add(p))
		want = append(want, p)
	}
	assert.Equal(t, l.add(strings.Repeat("y", 70000)), 5000, "a name longer than a chunk")
	want = append(want, strings.Repeat("y", 70000))
	for i, p := range want {
		assert.Equal(t, p, l.get(i))
	}
}

func TestKeyPositions(t *testing.T) {
	head := "\ufeff\n+++\r\ntitle = \"x\"\r\n  article_id=5\r\nurl\t= \"/a\"\r\n\"feed_item_id\" = 3\r\n[t]\r\nfeed_item_id = 4\r\n+++\r\n\r\n"
	assert.Equal(t, [numDupKeys]pos{{4, 3}, {5, 1}, {}}, keyPositions([]byte(head)))
	assert.Equal(t, [numDupKeys]pos{}, keyPositions([]byte("+++\narticle_ids = 1\nurl_x = 2\n+++\n")))
}
