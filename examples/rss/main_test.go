package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/articlekit/article"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestConvertSampleFeed(t *testing.T) {
	f, err := os.Open("../../testdata/rss/feed.xml")
	require.NoError(t, err)
	defer f.Close()
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	failed, err := convert(f, dir, 130000, &stdout, &stderr)
	require.NoError(t, err)
	assert.Equal(t, 1, failed, "the hostile item")

	// The hostile item is reported, with what was cleaned, and not written.
	assert.Contains(t, stderr.String(), `item 4 ("<img src=x onerror=alert(1)>You Won a Prize"): FAIL: title`)
	assert.Contains(t, stderr.String(), `item 4 ("<img src=x onerror=alert(1)>You Won a Prize"): FAIL: source_link`)
	assert.Contains(t, stderr.String(), `URL rejected <a href> "javascript:steal()"`)
	assert.NotContains(t, stderr.String(), "item 2")

	var written []string
	require.NoError(t, filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			written = append(written, filepath.ToSlash(rel))
		}
		return err
	}))
	assert.Equal(t, []string{
		"202503/130000-city-council-approves-40m-flood-barrier-after-two-year-debate.md",
		"202504/130001-zurichs-cafe-owners-win-fight-over-terrace-fees.md",
		"202510/130002-regional-rail-operator-adds-night-trains-on-three-lines.md",
	}, written)
	assert.Equal(t, 3, strings.Count(stdout.String(), "wrote "))

	for _, w := range written {
		src, err := os.ReadFile(filepath.Join(dir, w))
		require.NoError(t, err)
		a, err := article.Parse(bytes.NewReader(src))
		require.NoError(t, err, w)
		assert.Equal(t, a.Permalink(), a.URL, w)
		assert.Equal(t, "/"+strings.TrimSuffix(w, ".md"), a.URL)
		assert.Equal(t, article.Sanitize(a.Body), a.Body, "%s: the body is clean", w)
		assert.NotContains(t, a.Summary, "<", w)
		assert.Empty(t, validate(a), w)
		assert.Equal(t, "Example Newswire (ENW)", a.Source)
		// Canonical: encoding it again gives the file.
		c := article.Article{Title: a.Title, Date: a.Date, Summary: a.Summary, Description: a.Description,
			SourceLink: a.SourceLink, Enclosure: a.Enclosure, ArticleID: a.ArticleID, FeedItemID: a.FeedItemID,
			URL: a.URL, Source: a.Source, Body: a.Body}
		b, err := c.AppendEncoded(nil)
		require.NoError(t, err)
		assert.Equal(t, string(src), string(b), w)
	}

	first, err := os.ReadFile(filepath.Join(dir, written[0]))
	require.NoError(t, err)
	assert.Contains(t, string(first), `date = "2025-03-11T09:45:00Z"`, "pubDate in GMT")
	assert.Contains(t, string(first), `summary = "The council’s 7-2 vote ends`, "entities decoded, tags removed")
	assert.Contains(t, string(first), `feed_item_id = 20001`)
	assert.Contains(t, string(first), `enclosure = "https://cdn.example.com/images/2025/03/flood-barrier.jpg"`)
	assert.Contains(t, string(first), `rel="nofollow noopener noreferrer" target="_blank"`)
	second, err := os.ReadFile(filepath.Join(dir, written[1]))
	require.NoError(t, err)
	assert.Contains(t, string(second), `date = "2025-04-02T16:20:00+02:00"`, "offset kept")
}

func TestConvertBadFeed(t *testing.T) {
	for _, in := range []string{"", "<rss><channel><item>", "\x00\x01", "<html>not a feed"} {
		_, err := convert(strings.NewReader(in), t.TempDir(), 1, &bytes.Buffer{}, &bytes.Buffer{})
		assert.Error(t, err, "%q", in)
	}
	// A feed with an item without date, title or body: reported, not written.
	dir := t.TempDir()
	var stderr bytes.Buffer
	failed, err := convert(strings.NewReader(`<rss><channel><title>S</title><item><link>https://x.example/</link></item></channel></rss>`), dir, 1, &bytes.Buffer{}, &stderr)
	require.NoError(t, err)
	assert.Equal(t, 1, failed)
	assert.Contains(t, stderr.String(), "date: required")
	assert.Contains(t, stderr.String(), "title: required")
	entries, _ := os.ReadDir(dir)
	assert.Empty(t, entries)
}
