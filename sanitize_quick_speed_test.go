package article

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

// naiveQuickBytes is quickBytes read byte by byte, as it was written first.
func naiveQuickBytes(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && !okControl(c) {
			return false
		}
	}
	return utf8.ValidString(s)
}

// naiveRefAtEnd is refAtEnd by its definition.
func naiveRefAtEnd(s string) bool {
	i := strings.LastIndexByte(s, '&')
	return i >= 0 && i > max(strings.LastIndexByte(s, ';'), strings.LastIndexByte(s, '>'))
}

// TestQuickBytes puts every byte at every place of an eight-byte word, in
// texts of several lengths, and compares quickBytes with its byte-by-byte
// definition.
func TestQuickBytes(t *testing.T) {
	for n := 0; n <= 19; n++ {
		base := []byte(strings.Repeat("word é\t"[:6], 4)[:n])
		assert.Equal(t, naiveQuickBytes(string(base)), quickBytes(string(base)), "%q", base)
		for pos := 0; pos < n; pos++ {
			for c := 0; c < 256; c++ {
				s := []byte(string(base))
				s[pos] = byte(c)
				if got, want := quickBytes(string(s)), naiveQuickBytes(string(s)); got != want {
					t.Fatalf("quickBytes(%q) = %v, want %v", s, got, want)
				}
			}
		}
	}
	assert.True(t, quickBytes("<p>a\nb\fc\td</p>"))
	assert.False(t, quickBytes("<p>line\r\nnext</p>"))
	assert.False(t, quickBytes("<p>0123456789\x00</p>"))
	assert.False(t, quickBytes("<p>\x7f is fine but \xff is not</p>"))
}

func FuzzQuickBytes(f *testing.F) {
	for _, s := range []string{"", "<p>x</p>\n", "abcdefgh\x01", "\xe2\x82", "a&b;", "a&amp", "x>&"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := quickBytes(s), naiveQuickBytes(s); got != want {
			t.Fatalf("quickBytes(%q) = %v, want %v", s, got, want)
		}
		if got, want := refAtEnd(s), naiveRefAtEnd(s); got != want {
			t.Fatalf("refAtEnd(%q) = %v, want %v", s, got, want)
		}
	})
}

func TestRefAtEnd(t *testing.T) {
	for _, s := range []string{"", "a", "&", "a&", "a&amp", "a&amp;", "&amp;x", "<p>&</p>", "x;&", "x>&#1", "&;", "&>", "a&b&c", ";&>", "&&"} {
		assert.Equal(t, naiveRefAtEnd(s), refAtEnd(s), "%q", s)
	}
}

// TestQuickCheckRefusedURL checks the hint of the quick check: a body in
// which it meets a URL it refuses is one that cleaning changes (Validate
// then skips removesSomething), on every body of the differential test and
// policy; and the unsafe link of the generated articles gets the hint.
func TestQuickCheckRefusedURL(t *testing.T) {
	hinted := 0
	for _, p := range quickPolicies() {
		for _, body := range quickCorpus(t) {
			if quickCheck(p, body) != quickRefusedURL {
				continue
			}
			hinted++
			assert.True(t, removesSomething(p, body), "%.200q", body)
		}
	}
	t.Logf("%d bodies with a refused URL", hinted)
	assert.Positive(t, hinted)
	unsafe := "<p>Text.</p>\n<p>Click <a href=\"javascript:alert(1)\">here</a><script>steal()</script></p>\n"
	assert.Equal(t, quickRefusedURL, quickCheck(ArticlePolicy(), unsafe))
	assert.Equal(t, quickProved, quickCheck(ArticlePolicy(), "<p>Click <a href=\"https://example.org/\">here</a></p>"))
	assert.Equal(t, quickUnknown, quickCheck(ArticlePolicy(), "<p>a<!-- c --></p>"))
}
