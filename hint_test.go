package article

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSimilarKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Title", "title"}, {"TITLE", "title"}, {"sourse", "source"}, {"articleid", "article_id"},
		{"source-link", "source_link"}, {"Source-Link", "source_link"}, {"feed-item-id", "feed_item_id"},
		{"feeditemid", "feed_item_id"}, {"tilte", "title"}, {"data", "date"}, {"URL", "url"},
		{"qr_code", "qrcode"}, {"summery", "summary"}, {"descripton", "description"},
		{"enclosures", "enclosure"}, {"drafts", "draft"}, {"artcle_di", "article_id"},
		// Not typos.
		{"name", ""}, {"site", ""}, {"tags", ""}, {"author", ""}, {"image", ""}, {"slug", ""},
		{"lang", ""}, {"id", ""}, {"", ""}, {"x", ""}, {"source_url", ""}, {"categories", ""},
		{"a_very_long_key_that_is_nothing", ""}, {"tïtle", ""},
	}
	for _, tt := range tests {
		got, ok := similarKey(tt.in)
		assert.Equal(t, tt.want, got, tt.in)
		assert.Equal(t, tt.want != "", ok, tt.in)
	}
}

func TestKeyDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"title", "title", 0}, {"tilte", "title", 1}, {"title", "titl", 1}, {"xtitle", "title", 1},
		{"tutle", "title", 1}, {"site", "title", 2}, {"abc", "cba", 2}, {"", "url", 3},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, keyDistance(tt.a, tt.b, 3), "%s %s", tt.a, tt.b)
		assert.Equal(t, tt.want, keyDistance(tt.b, tt.a, 3), "%s %s", tt.b, tt.a)
	}
	assert.Greater(t, keyDistance("a", "abcd", 2), 2)
}
