package article

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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

// TestQuickBytesInBlocks: the quick check reads the body's bytes in blocks
// just ahead of its scan (bytesOK), cut before a UTF-8 continuation byte.
// Around the first cut, every character of one to four bytes at every
// offset, a bad byte in each block, and runs of continuation bytes must
// give quickBytes' answer on the whole; a bad byte past where the scan
// stops must still make the body unknown, and take back a refused URL's
// hint, as the checks did when they read the whole body first.
func TestQuickBytesInBlocks(t *testing.T) {
	p := ArticlePolicy()
	fill := strings.Repeat("a", quickBlock-8)
	inserts := []string{"é", "€", "😀", "\x80", "\x80\x80\x80", "\x80\x80\x80\x80", "\xf0\x80\x80\x80\x80", "\x01", "\r", "\xe2\x82"}
	for _, ins := range inserts {
		for off := 0; off < 16; off++ {
			for _, tail := range []string{"", "b", "\xff", "é\x00"} {
				s := fill + strings.Repeat("b", off) + ins + strings.Repeat("c", 20) + tail
				q := quickScan{body: s}
				if got, want := q.bytesOK(len(s)), quickBytes(s); got != want {
					t.Fatalf("bytesOK at offset %d of %q, tail %q = %v, want %v", off, ins, tail, got, want)
				}
				if quickBytes(s) && q.checked != len(s) {
					t.Fatalf("bytesOK at offset %d of %q, tail %q: checked %d of %d", off, ins, tail, q.checked, len(s))
				}
			}
		}
	}
	clean := "<p>" + strings.Repeat("Some words, ", 3*quickBlock/12) + "</p>\n"
	require.True(t, quickClean(p, clean))
	for _, bad := range []string{"\x00", "\r", "\xff", "\xe2\x82"} {
		assert.False(t, quickClean(p, clean+"<p>"+bad+"</p>"), "%q at the end", bad)
		assert.False(t, quickClean(p, strings.Replace(clean, "words", "wo"+bad+"s", 1)), "%q at the start", bad)
		assert.False(t, quickClean(p, clean+strings.Repeat("text after the last tag ", quickBlock/12)+bad), "%q at the end of a long text", bad)
	}
	refused := `<p><a href="javascript:alert(1)">x</a></p>` + clean
	require.Equal(t, quickRefusedURL, quickCheck(p, refused))
	assert.Equal(t, quickUnknown, quickCheck(p, refused+"\x00"), "a bad byte after the refused URL")
}
