package article

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sampleArticle holds the fields of ../shared/format/sample-article.md that
// its url depends on.
func sampleArticle() *Article {
	return &Article{
		Title:      "Meta Declines to Sign EU's Voluntary AI Code of Practice Amid Upcoming AI Act",
		Date:       time.Date(2025, 7, 24, 14, 10, 31, 0, time.UTC),
		ArticleID:  116410,
		FeedItemID: 17489,
		Source:     "InvestorBrandNetwork (IBN)",
	}
}

const sampleURL = "/202507/116410-meta-declines-to-sign-eus-voluntary-ai-code-of-practice-amid-upcoming-ai-act"

// sampleFrontMatter is the front matter of ../shared/format/sample-article.md.
const sampleFrontMatter = `+++
title = "Meta Declines to Sign EU's Voluntary AI Code of Practice Amid Upcoming AI Act"
date = "2025-07-24T14:10:31Z"
draft = false
summary = "Meta's refusal to sign the EU's voluntary AI code of practice highlights tensions between global tech companies and regional regulatory efforts, signaling challenges for AI governance and innovation in Europe."
description = "Meta declines EU's AI code of practice, signaling tension over AI governance. Learn how this impacts tech giants and AI regulation."
source_link = "https://rss.investorbrandnetwork.com/ainw/meta-declines-to-sign-code-of-practice-on-ai-in-the-eu/"
enclosure = "https://cdn.newsramp.app/genai/images/257/24/4b35eca2fa48a632a17d3a18c3c41b91.png"
article_id = 116410
feed_item_id = 17489
url = "/202507/116410-meta-declines-to-sign-eus-voluntary-ai-code-of-practice-amid-upcoming-ai-act"
qrcode = "https://cdn.newsramp.app/ibn/qrcode/257/24/quip8rSg.webp"
source = "InvestorBrandNetwork (IBN)"
+++

<p>Meta has publicly announced …</p>
`

func TestPermalinkSample(t *testing.T) {
	assert.Equal(t, sampleURL, sampleArticle().Permalink())

	a, err := Parse(strings.NewReader(sampleFrontMatter))
	require.NoError(t, err)
	assert.Equal(t, sampleURL, a.URL)
	assert.Equal(t, a.URL, a.Permalink())
}

func TestPermalinkDateOffset(t *testing.T) {
	tests := []struct {
		date string
		want string
	}{
		{"2025-08-01T01:00:00+09:00", "/202508/7-x"}, // 2025-07-31 in UTC
		{"2025-07-31T22:00:00-05:00", "/202507/7-x"}, // 2025-08-01 in UTC
		{"2025-07-31T23:30:00-05:00", "/202507/7-x"}, // 2025-08-01 in UTC
		{"2025-03-01T00:30:00+05:30", "/202503/7-x"}, // February in UTC
		{"2025-12-31T23:59:59-12:00", "/202512/7-x"},
		{"2026-01-01T00:00:00+14:00", "/202601/7-x"},
	}
	for _, tt := range tests {
		t.Run(tt.date, func(t *testing.T) {
			d, err := time.Parse(time.RFC3339, tt.date)
			require.NoError(t, err)
			a := &Article{Title: "X", Date: d, ArticleID: 7}
			assert.Equal(t, tt.want, a.Permalink())
			// Not the month in UTC.
			a.Date = d.UTC()
			assert.NotEqual(t, tt.want, a.Permalink())
		})
	}
}

func TestPermalinkEmptySlug(t *testing.T) {
	a := sampleArticle()
	for _, title := range []string{"", "!!! ???", "🚀🚀🚀", "東京"} {
		a.Title = title
		assert.Equal(t, "/202507/116410", a.Permalink(), "title %q", title)
	}
}

func TestPermalinkZeroAndNil(t *testing.T) {
	assert.Equal(t, "/000101/0", (&Article{}).Permalink())
	var a *Article
	assert.Equal(t, "/000101/0", a.Permalink())
}

func TestCompilePattern(t *testing.T) {
	tests := []struct {
		pattern string
		want    string // expansion of sampleArticle
	}{
		{DefaultPattern, sampleURL},
		{"/:year/:month/:day/:slug/", "/2025/07/24/meta-declines-to-sign-eus-voluntary-ai-code-of-practice-amid-upcoming-ai-act/"},
		{"/:source/:feed_item_id.html", "/investorbrandnetwork-ibn/17489.html"},
		{"/news/:{id}_:{feed_item_id}", "/news/116410_17489"},
		{"/:yearmonth:::id", "/202507:116410"},
		{"/:yearmonth::id", "/202507:id"},
		{"no tokens", "no tokens"},
		{"/a:{year}b", "/a2025b"},
		{":id", "116410"},
	}
	for _, tt := range tests {
		t.Run(tt.pattern, func(t *testing.T) {
			p, err := CompilePattern(tt.pattern)
			require.NoError(t, err)
			assert.Equal(t, tt.pattern, p.String())
			assert.Equal(t, tt.want, p.Expand(sampleArticle()))
		})
	}
}

func TestCompilePatternTitle(t *testing.T) {
	p := MustCompilePattern("/:title")
	a := &Article{Title: "EU's AI/ML Act: 100% ça va?"}
	got := p.Expand(a)
	assert.Equal(t, "/EU%27s%20AI%2FML%20Act:%20100%25%20%C3%A7a%20va%3F", got)
}

func TestCompilePatternErrors(t *testing.T) {
	tests := []struct {
		pattern string
		token   string
		offset  int
		err     error
	}{
		{"", "", 0, ErrEmptyPattern},
		{"/:yearmonth/:id-:slugg", ":slugg", 16, ErrUnknownToken},
		{"/:Year", ":Year", 1, ErrUnknownToken},
		{"/:id_:slug", ":id_", 1, ErrUnknownToken},
		{"/x:", ":", 2, ErrUnknownToken},
		{"/:-:id", ":", 1, ErrUnknownToken},
		{"/:{id", ":{id", 1, ErrUnknownToken},
		{"/:{}", ":{}", 1, ErrUnknownToken},
		{"/:{ id}", ":{ id}", 1, ErrUnknownToken},
		{"/:monthname", ":monthname", 1, ErrUnknownToken},
		{":unknown", ":unknown", 0, ErrUnknownToken},
		{"/:1st", ":1st", 1, ErrUnknownToken},
		{"/:id/:2", ":2", 5, ErrUnknownToken},
		{"/:id:", ":", 4, ErrUnknownToken},
		{"/:é", ":", 1, ErrUnknownToken},
	}
	for _, tt := range tests {
		t.Run(tt.pattern, func(t *testing.T) {
			p, err := CompilePattern(tt.pattern)
			require.Error(t, err)
			assert.Nil(t, p)
			assert.ErrorIs(t, err, tt.err)
			var perr *PatternError
			require.ErrorAs(t, err, &perr)
			assert.Equal(t, tt.pattern, perr.Pattern)
			assert.Equal(t, tt.token, perr.Token)
			assert.Equal(t, tt.offset, perr.Offset)
			if tt.token != "" {
				assert.Equal(t, tt.token, tt.pattern[perr.Offset:perr.Offset+len(perr.Token)])
				assert.Contains(t, err.Error(), tt.token)
			}
			assert.Panics(t, func() { MustCompilePattern(tt.pattern) })
		})
	}
}

func TestPatternEmptyTokens(t *testing.T) {
	a := &Article{Date: time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC), ArticleID: 5, Title: "!!!"}
	tests := []struct{ pattern, want string }{
		{"/:yearmonth/:id-:slug", "/202507/5"},
		{"/:slug-:id", "/5"},
		{"/:{id}_:{slug}_x", "/5_x"},
		{"/:year/:slug/:id", "/2025/5"},
		{"/:year/:slug/", "/2025/"},
		{"/:year/:slug", "/2025/"},
		{"/:slug", "/"},
		{":slug", ""},
		{"/:id.:slug", "/5."},
		{"/:id-:source-:slug", "/5"},
	}
	for _, tt := range tests {
		t.Run(tt.pattern, func(t *testing.T) {
			assert.Equal(t, tt.want, MustCompilePattern(tt.pattern).Expand(a))
		})
	}
}

func TestPatternSlugger(t *testing.T) {
	p := MustCompilePattern("/:id-:slug")
	p.Slugger.MaxLen = 21
	got := p.Expand(sampleArticle())
	assert.Equal(t, "/116410-meta-declines-to-sign", got)

	p.Slugger = Slugger{Transliterate: func(string) string { return "tokyo" }}
	assert.Equal(t, "/1-tokyo-news", p.Expand(&Article{ArticleID: 1, Title: "東京 News"}))

	p.Slugger = Slugger{Replacer: strings.NewReplacer(GermanReplacements()...)}
	a := &Article{ArticleID: 2, Title: "Börse & Märkte", Source: "Süddeutsche"}
	assert.Equal(t, "/2-boerse-und-maerkte", p.Expand(a))
	q := MustCompilePattern("/:source/:id")
	assert.Equal(t, "/suddeutsche/2", q.Expand(a), "no Replacer in a fresh Pattern")
	q.Slugger = p.Slugger
	assert.Equal(t, "/sueddeutsche/2", q.Expand(a), ":source uses the Replacer")
}

func TestPatternZeroAndNil(t *testing.T) {
	var zero Pattern
	assert.Equal(t, DefaultPattern, zero.String())
	assert.Equal(t, sampleURL, zero.Expand(sampleArticle()))
	zero.Slugger.MaxLen = 4
	assert.Equal(t, "/202507/116410-meta", zero.Expand(sampleArticle()))

	var p *Pattern
	assert.Equal(t, DefaultPattern, p.String())
	assert.Equal(t, sampleURL, p.Expand(sampleArticle()))
	assert.Equal(t, "/000101/0", MustCompilePattern(DefaultPattern).Expand(nil))
}

func TestPatternYears(t *testing.T) {
	p := MustCompilePattern(":year/:yearmonth")
	for year, want := range map[int]string{1: "0001/000101", 999: "0999/099901", 2025: "2025/202501", 12345: "12345/1234501"} {
		a := &Article{Date: time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)}
		assert.Equal(t, want, p.Expand(a))
	}
}

func TestPatternText(t *testing.T) {
	var p Pattern
	p.Slugger.MaxLen = 10
	require.NoError(t, p.UnmarshalText([]byte("/:id/:slug")))
	assert.Equal(t, "/116410/meta", p.Expand(sampleArticle()), "UnmarshalText keeps the Slugger")
	text, err := p.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "/:id/:slug", string(text))

	err = p.UnmarshalText([]byte("/:nope"))
	require.ErrorIs(t, err, ErrUnknownToken)
	assert.Equal(t, "/:id/:slug", p.String(), "a failed UnmarshalText leaves p alone")
}

func TestPatternConcurrent(t *testing.T) {
	p := MustCompilePattern("/:year/:month/:id-:slug")
	want := p.Expand(sampleArticle())
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 200 {
				assert.Equal(t, want, p.Expand(sampleArticle()))
				assert.Equal(t, sampleURL, sampleArticle().Permalink())
			}
		})
	}
	wg.Wait()
}

func TestPatternErrorMessage(t *testing.T) {
	_, err := CompilePattern("/:yearmonth/:idd")
	require.Error(t, err)
	assert.Equal(t, `article: permalink pattern "/:yearmonth/:idd": unknown token ":idd" at byte 12`, err.Error())
	assert.True(t, errors.Is(err, ErrUnknownToken))
}

func BenchmarkPermalink(b *testing.B) {
	a := sampleArticle()
	b.ReportAllocs()
	for b.Loop() {
		_ = a.Permalink()
	}
}

func BenchmarkPatternExpand(b *testing.B) {
	p := MustCompilePattern("/:year/:month/:day/:source/:id-:slug")
	a := sampleArticle()
	b.ReportAllocs()
	for b.Loop() {
		_ = p.Expand(a)
	}
}
