package article

import (
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var plainTextCases = []struct {
	name, in, want string
}{
	{"empty", "", ""},
	{"text", "  Hello,\t\tworld \n ", "Hello, world"},
	{"entities", "AT&amp;T &lt;b&gt; &quot;q&quot; &eacute;t&eacute; &#x1F680; &amp", `AT&T <b> "q" été 🚀 &`},
	{"nbsp kept", "a&nbsp;b\u00a0c", "a\u00a0b\u00a0c"},
	{"paragraphs", "<p>One.</p>\n\n<p>Two <b>bold</b> <i>it</i>alic.</p>", "One.\nTwo bold italic."},
	{"inline joins", "<b>a</b><i>b</i> <span>c</span>", "ab c"},
	{"br", "line one<br>line two<br/><br>line three", "line one\nline two\nline three"},
	{"end br", "</br>x", "x"},
	{"headings and lists", "<h2>Title</h2><ul><li>one</li><li>two <em>2</em></li></ul><p>after</p>", "Title\none\ntwo 2\nafter"},
	{"unclosed p", "<p>a<p>b<div>c</div>d", "a\nb\nc\nd"},
	{"table", "<table><tr><th>h1</th><th>h2</th></tr><tr><td>a</td><td>b</td></tr></table>", "h1 h2\na b"},
	{"script style", "a<script>var x = '<p>no</p>';</script>b<style>p{}</style>c", "abc"},
	{"template noscript", "a<template><p>t</p></template><noscript><p>n</p></noscript>b", "ab"},
	{"iframe title", "a<iframe>fallback</iframe><title>t</title>b", "ab"},
	{"hidden", "<p hidden>secret</p><p>shown <span hidden>x</span>too</p>", "shown too"},
	{"comments", "a<!-- comment <p>x</p> -->b<!---->c", "abc"},
	{"pre", "<p>x</p><pre>  line 1\n  line 2\n\n  line 3</pre>y", "x\nline 1\nline 2\nline 3\ny"},
	{"textarea", "<textarea>a\nb &amp; c</textarea>", "a\nb & c"},
	{"attributes are not text", `<img src="x.png" alt="alt text"><a href="/" title="tip">link</a>`, "link"},
	{"figure", "<figure><img src=x><figcaption>Photo: AP</figcaption></figure>Text", "Photo: AP\nText"},
	{"blockquote", "He said<blockquote><p>quoted</p></blockquote>then", "He said\nquoted\nthen"},
	{"ruby", "<ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby>", "漢kan"},
	{"svg", "<svg><title>t</title><text>svg text</text><style>s</style></svg>", "svg text"},
	{"invalid utf8", "a\xffb<p>\xc3</p>", "a\uFFFDb\n\uFFFD"},
	{"NUL", "a\x00b<p>c\x00d</p>&#0;", "ab\ncd\n\uFFFD"},
	{"CR", "a\r\nb\rc", "a b c"},
	{"CR pre", "<pre>a\r\nb\rc</pre>", "a\nb\nc"},
	{"form feed", "a\fb", "a b"},
	{"only markup", "<p></p><div><br></div>", ""},
	{"head elements", "<meta charset=utf-8><link rel=x>a", "a"},
	{"select", "<select><option>one<option>two</select>", "one\ntwo"},
	{"hr", "a<hr>b", "a\nb"},
	{"plaintext", "a<plaintext>b <p> c", "a\nb <p> c"},
}

func TestPlainText(t *testing.T) {
	for _, tt := range plainTextCases {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, PlainText(tt.in))
		})
	}
}

// TestPlainTextTokens checks the tokenizer fallback against the tree walk
// on the table, where the two agree (without the tree, a stray end tag or
// an implied one can differ).
func TestPlainTextTokens(t *testing.T) {
	differ := map[string]bool{"unclosed p": true, "select": true}
	for _, tt := range plainTextCases {
		if differ[tt.name] {
			continue
		}
		assert.Equal(t, tt.want, plainTextTokens(tt.in), tt.name)
	}
}

func TestPlainTextDeep(t *testing.T) {
	// Past the parser's 512 open elements: the tokenizer takes over.
	deep := strings.Repeat("<div>", 600) + "deep" + strings.Repeat("</div>", 600) + "<p>after</p><script>x</script>"
	assert.Equal(t, "deep\nafter", PlainText(deep))
	inline := strings.Repeat("<b>", 2000) + "bold" + "<p hidden>" + strings.Repeat("<p>", 10) + "no</p>"
	assert.Equal(t, "bold", PlainText(inline))
}

func TestPlainTextSample(t *testing.T) {
	body, err := os.ReadFile(filepath.Join("testdata", "sanitize", "sample.html"))
	require.NoError(t, err)
	got := PlainText(string(body))
	checkPlainText(t, string(body), got)
	assert.True(t, strings.HasPrefix(got, "Meta has publicly announced"), "%.80q", got)
	assert.NotContains(t, got, "<")
	assert.Equal(t, got, PlainText(strings.ReplaceAll(html.EscapeString(got), "\n", "<br>")),
		"the text, as HTML with <br> for its line breaks, gives itself back")
}

// checkPlainText checks the invariants of PlainText's result.
func checkPlainText(t testing.TB, in, got string) {
	t.Helper()
	if !utf8.ValidString(got) {
		t.Fatalf("PlainText(%q) = %q: invalid UTF-8", in, got)
	}
	if strings.ContainsAny(got, "\t\r\f\x00") || strings.Contains(got, "  ") || strings.Contains(got, "\n\n") ||
		strings.Contains(got, " \n") || strings.Contains(got, "\n ") ||
		strings.Trim(got, " \n") != got {
		t.Fatalf("PlainText(%q) = %q: white space not collapsed", in, got)
	}
}

func FuzzPlainText(f *testing.F) {
	for _, tt := range plainTextCases {
		f.Add(tt.in)
	}
	f.Add(strings.Repeat("<div>", 520) + "x")
	f.Add("a \x00 b\xff\fc\u00a0")
	f.Fuzz(func(t *testing.T, in string) {
		got := PlainText(in)
		checkPlainText(t, in, got)
		// The text, escaped, is one text node whose line breaks are
		// white space: PlainText gives it back with spaces for them.
		flat := strings.ReplaceAll(got, "\n", " ")
		if again := PlainText(html.EscapeString(got)); again != flat {
			t.Fatalf("PlainText(%q) = %q; escaped and read again: %q", in, got, again)
		}
		if again := PlainText(html.EscapeString(flat)); again != flat {
			t.Fatalf("not idempotent on flat text: %q gives %q", flat, again)
		}
		if slow := plainTextParse(in); slow != got {
			t.Fatalf("PlainText(%q) = %q, but the parse gives %q", in, got, slow)
		}
		checkPlainText(t, in, plainTextTokens(in))
	})
}

var excerptCases = []struct {
	in   string
	max  int
	want string
}{
	{"", 10, ""},
	{"short", 10, "short"},
	{"exactly10!", 10, "exactly10!"},
	{"The council voted 7-2 on Tuesday", 20, "The council voted…"},
	{"The council voted 7-2 on Tuesday", 22, "The council voted 7-2…"},
	{"The council voted 7-2 on Tuesday", 21, "The council voted…"},
	{"The council voted, then left", 19, "The council voted…"},
	{"one two", 4, "one…"},
	{"one two", 3, "on…"},
	{"Supercalifragilistic word", 10, "Supercali…"},
	{"word", 1, "…"},
	{"word", 0, ""},
	{"word", -1, ""},
	{"Zürich’s Ærø ist schön", 14, "Zürich’s Ærø…"},
	{"a — b — c — d", 7, "a — b…"},
	{"said (in part) that", 11, "said (in…"},
	{"said (in part) that", 6, "said…"},
	{"— — — word", 6, "— — —…"},
	{"(— word", 4, "(—…"},
	{"\xff\xfe tail", 20, "\uFFFD tail"},
	{"东京证券交易所今天创下新高", 6, "东京证券交…"},
	{"line one\nline two", 12, "line one…"},
	{"trailing   ", 9, "trailing…"},
	{"trailing   spaces", 12, "trailing…"},
}

func TestExcerpt(t *testing.T) {
	for _, tt := range excerptCases {
		got := Excerpt(tt.in, tt.max)
		assert.Equal(t, tt.want, got, "Excerpt(%q, %d)", tt.in, tt.max)
		checkExcerpt(t, tt.in, tt.max, got)
	}
}

func checkExcerpt(t testing.TB, in string, max int, got string) {
	t.Helper()
	n := utf8.RuneCountInString(got)
	switch {
	case !utf8.ValidString(got):
		t.Fatalf("Excerpt(%q, %d) = %q: invalid UTF-8", in, max, got)
	case max <= 0 && got != "":
		t.Fatalf("Excerpt(%q, %d) = %q, want empty", in, max, got)
	case max > 0 && n > max:
		t.Fatalf("Excerpt(%q, %d) = %q: %d runes", in, max, got, n)
	case Excerpt(got, max) != got:
		t.Fatalf("Excerpt(%q, %d) = %q, which it shortens again", in, max, got)
	}
	valid := strings.ToValidUTF8(in, "\uFFFD")
	cut := strings.HasSuffix(got, "…") && got != valid
	if !cut && got != valid && max > 0 {
		t.Fatalf("Excerpt(%q, %d) = %q: changed without cutting", in, max, got)
	}
	if cut && !strings.HasPrefix(valid, strings.TrimSuffix(got, "…")) {
		t.Fatalf("Excerpt(%q, %d) = %q: not a prefix", in, max, got)
	}
	if max > 0 && utf8.RuneCountInString(valid) <= max && got != valid {
		t.Fatalf("Excerpt(%q, %d) = %q: the text fits", in, max, got)
	}
}

func FuzzExcerpt(f *testing.F) {
	for _, tt := range excerptCases {
		f.Add(tt.in, tt.max)
	}
	f.Fuzz(func(t *testing.T, in string, max int) {
		max %= 1 << 20
		got := Excerpt(in, max)
		checkExcerpt(t, in, max, got)
		if max > 1 {
			// A larger limit keeps at least as much.
			more := Excerpt(in, max+1)
			if len(strings.TrimSuffix(more, "…")) < len(strings.TrimSuffix(got, "…")) {
				t.Fatalf("Excerpt(%q, %d) = %q keeps less than %q", in, max+1, more, got)
			}
		}
	})
}

// TestPlainTextLinear: PlainText takes time linear in the body, for every
// shape of body, from 30 KB to 300 KB, against a bare x/net parse and
// render of the same body; so does Excerpt, against counting the words of
// its text (see checkGrowth).
func TestPlainTextLinear(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("timing test: not with -short or -race")
	}
	shapes := []struct{ name, unit string }{
		{"paragraphs", "<p>Some <b>bold</b> text &amp; an <a href=\"/x\">anchor</a>.</p>\n"},
		{"plain", "Words without markup, words and words. "},
		{"unclosed", "<p><b><i class=c><u>x"},
		{"cells", "<table><tr><td>a<td>b<td>c"},
		{"deep", "<div><span>"},
		{"comments", "<!-- c --><br>"},
		{"scripts", "<script>if (a < b) { x = '</p>' }</script>"},
		{"long attr", `<p title="` + strings.Repeat("v", 1000) + `">x</p>`},
		{"entities", "&amp;&lt;&eacute;&#x1F680;&#0;&nbsp;"},
		{"hidden", "<div hidden><p>x</p>"},
		{"adoption", "<b><p>x</b>y</p>"},
		{"textarea", "<textarea>a\nb"},
	}
	var cases []growthCase
	for _, sh := range shapes {
		cases = append(cases, growthCase{sh.name, func(n int) growthOps {
			body := strings.Repeat(sh.unit, n/len(sh.unit)+1)
			return growthOf(func() { bareHTML(body) }, "PlainText", func() { _ = PlainText(body) })
		}})
	}
	cases = append(cases, growthCase{"Excerpt", func(n int) growthOps {
		text := strings.Repeat("word ", n/5)
		return growthOf(func() { _ = len(strings.Fields(text)) }, "Excerpt", func() { _ = Excerpt(text, n/2) })
	}})
	checkGrowth(t, growthConfig{sizes: sizesFrom(30_000)}, cases...)
}

func BenchmarkPlainText(b *testing.B) {
	body, err := os.ReadFile(filepath.Join("testdata", "sanitize", "sample.html"))
	require.NoError(b, err)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		_ = PlainText(string(body))
	}
}

func BenchmarkExcerpt(b *testing.B) {
	text := strings.Repeat("The council voted seven to two on Tuesday. ", 20)
	b.ReportAllocs()
	for b.Loop() {
		_ = Excerpt(text, 160)
	}
}

func TestPlainTextConcurrent(t *testing.T) {
	done := make(chan bool)
	for i := range 4 {
		go func() {
			defer func() { done <- true }()
			for _, tt := range plainTextCases {
				if got := PlainText(tt.in); got != tt.want {
					t.Errorf("goroutine %d: PlainText(%q) = %q", i, tt.in, got)
				}
			}
			for _, tt := range excerptCases {
				if got := Excerpt(tt.in, tt.max); got != tt.want {
					t.Errorf("goroutine %d: Excerpt(%q, %d) = %q", i, tt.in, tt.max, got)
				}
			}
		}()
	}
	for range 4 {
		<-done
	}
}
