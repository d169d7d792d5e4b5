package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/articlekit/article"
)

// lintPositions runs lint on path in the process and returns its problems
// as the client should see them: "line:character: key: message", 0-based,
// with a problem that has no position at the opening "+++" (line 0 in
// these files). Columns are bytes: the files are ASCII.
func lintPositions(t *testing.T, path string) []string {
	t.Helper()
	var out, errb bytes.Buffer
	run(&env{stdout: &out, stderr: &errb}, []string{"lint", path})
	re := regexp.MustCompile(`^.*?:(\d+):(\d+): (.*)$`)
	var ps []string
	for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		if l == "" {
			continue
		}
		if m := re.FindStringSubmatch(l); m != nil {
			line, _ := strconv.Atoi(m[1])
			col, _ := strconv.Atoi(m[2])
			ps = append(ps, fmt.Sprintf("%d:%d: %s", line-1, col-1, m[3]))
		} else {
			ps = append(ps, "0:0: "+strings.TrimPrefix(l, path+": "))
		}
	}
	sort.Strings(ps)
	return ps
}

// TestLSPDiagnosticsAreLints: for every invalid article of the library's
// test data, the diagnostics are lint's problems, at lint's positions,
// with severity error, source "article" and a code.
func TestLSPDiagnosticsAreLints(t *testing.T) {
	c := startLSP(t, nil)
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "invalid", "*.md"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		uri := pathURI(f)
		c.open(uri, string(src))
		ds := c.waitDiags(uri, anyDiags)
		assert.Equal(t, lintPositions(t, f), messages(ds), f)
		for _, d := range ds {
			assert.Equal(t, 1, d.Severity)
			assert.Equal(t, "article", d.Source)
			assert.NotEmpty(t, d.Code)
			assert.True(t, d.Range.End.Line > d.Range.Start.Line || d.Range.End.Character > d.Range.Start.Character,
				"%s: empty range %+v", f, d.Range)
		}
		c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	}
}

// sampleText is a valid article from the library's test data.
func sampleText(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "articles", "night-trains.md"))
	require.NoError(t, err)
	return string(b)
}

// emojiArticle is a valid article whose body line has an emoji (two UTF-16
// code units, four bytes) and an accented letter before a <script>.
func emojiArticle(eol string) string {
	fm := `+++
title = "Caf` + "\u00e9" + ` Opens 😀"
date = "2025-10-14T18:05:12+02:00"
article_id = 133500
url = "/202510/133500-cafe-opens"
+++

<p>😀 ` + "\u00e9" + ` <script>x()</script></p>
`
	return strings.ReplaceAll(fm, "\n", eol)
}

// TestLSPPositionsUTF16 checks columns after an emoji and a two-byte letter
// on the same line, in UTF-16 (the default) and in UTF-8 when the client
// offers it, with LF and CRLF line ends.
func TestLSPPositionsUTF16(t *testing.T) {
	for _, tc := range []struct {
		name      string
		encodings []string
		wantEnc   string
		col, end  int // of <script>…</script>'s start tag
	}{
		{"utf-16", nil, "utf-16", 3 + 2 + 1 + 1 + 1, 3 + 2 + 1 + 1 + 1 + 8},
		{"utf-16 offered with utf-8 second", []string{"utf-16", "utf-8"}, "utf-8", 3 + 4 + 1 + 2 + 1, 3 + 4 + 1 + 2 + 1 + 8},
		{"utf-8", []string{"utf-8"}, "utf-8", 3 + 4 + 1 + 2 + 1, 3 + 4 + 1 + 2 + 1 + 8},
	} {
		for _, eol := range []string{"\n", "\r\n"} {
			t.Run(tc.name+strconv.Quote(eol), func(t *testing.T) {
				var params map[string]any
				if tc.encodings != nil {
					params = map[string]any{"capabilities": map[string]any{"general": map[string]any{"positionEncodings": tc.encodings}}}
				}
				c := startLSP(t, params)
				var res struct {
					Capabilities struct {
						PositionEncoding string `json:"positionEncoding"`
					} `json:"capabilities"`
				}
				require.NoError(t, json.Unmarshal(c.result, &res))
				assert.Equal(t, tc.wantEnc, res.Capabilities.PositionEncoding)
				uri := "file:///tmp/emoji.md"
				c.open(uri, emojiArticle(eol))
				ds := c.waitDiags(uri, anyDiags)
				require.Len(t, ds, 1, "%+v", ds)
				assert.Equal(t, protocol.Range{Start: protocol.Position{Line: 7, Character: protocol.UInteger(tc.col)},
					End: protocol.Position{Line: 7, Character: protocol.UInteger(tc.end)}}, ds[0].Range)
				assert.Equal(t, `body: unsafe HTML: element dropped <script> "x()"`, ds[0].Message)
				assert.Equal(t, "unsafe-html", ds[0].Code)
			})
		}
	}
}

// TestLSPIncrementalChanges edits a document by ranges (after an emoji, on
// CRLF lines) and as a whole, and checks the diagnostics follow.
func TestLSPIncrementalChanges(t *testing.T) {
	c := startLSP(t, nil)
	uri := "file:///tmp/inc.md"
	text := strings.Replace(emojiArticle("\r\n"), " <script>x()</script>", "", 1)
	c.open(uri, text)
	c.waitDiags(uri, func(ds []testDiag) bool { return len(ds) == 0 })

	// Insert a script after "<p>😀 é": character 3+2+1+1 in UTF-16.
	c.change(uri, map[string]any{"range": rng(7, 7, 7, 7), "text": " <script>y()</script>"})
	ds := c.waitDiags(uri, func(ds []testDiag) bool { return len(ds) == 1 })
	assert.Equal(t, "7:8: body: unsafe HTML: element dropped <script> \"y()\"", messages(ds)[0])

	// Two changes in one notification: type in the title (before the emoji
	// on line 1), then delete the script.
	c.change(uri,
		map[string]any{"range": rng(1, 9, 1, 9), "text": "<b>"},
		map[string]any{"range": rng(7, 7, 7, 28), "text": ""})
	ds = c.waitDiags(uri, func(ds []testDiag) bool {
		return len(ds) == 1 && strings.HasPrefix(ds[0].Message, "title")
	})
	assert.Equal(t, []string{`1:0: title: invalid value: HTML markup "<b>"`}, messages(ds))

	// A whole-document change (legal under incremental sync too).
	c.change(uri, map[string]any{"text": text})
	c.waitDiags(uri, func(ds []testDiag) bool { return len(ds) == 0 })

	// A range past the end of a line or of the document is clamped.
	c.change(uri, map[string]any{"range": rng(7, 500, 7, 900), "text": "<script>z()</script>"})
	ds = c.waitDiags(uri, func(ds []testDiag) bool { return len(ds) == 1 })
	assert.Contains(t, ds[0].Message, `"z()"`)
}

// TestLSPFormatting: the edits turn the document into Format's result, and
// touch only the lines that change.
func TestLSPFormatting(t *testing.T) {
	c := startLSP(t, nil)
	for _, name := range []string{"messy.md", "bom-crlf.md", "canonical.md"} {
		text := readTestdata(t, "fmt", name)
		uri := "file:///tmp/fmt-" + name
		c.open(uri, text)
		var edits []protocol.TextEdit
		require.NoError(t, c.call("textDocument/formatting", map[string]any{
			"textDocument": map[string]any{"uri": uri}, "options": map[string]any{"tabSize": 4, "insertSpaces": true}}, &edits))
		want, err := article.Format([]byte(text))
		require.NoError(t, err)
		assert.Equal(t, string(want), applyEdits(t, text, edits), name)
		if string(want) == text {
			assert.Empty(t, edits, name)
		}
		for _, e := range edits {
			assert.Less(t, len(e.NewText), len(want), "%s: an edit replaces the whole file", name)
		}
	}

	// A document that does not parse cannot be formatted: an error.
	uri := "file:///tmp/fmt-bad.md"
	c.open(uri, "+++\ntitle = \n+++\n")
	err := c.call("textDocument/formatting", map[string]any{"textDocument": map[string]any{"uri": uri}, "options": map[string]any{}}, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "cannot format")
}
