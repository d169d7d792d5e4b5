package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/articlekit/article"
)

// codeActions asks for the quick fixes of lines [first, last] of uri.
func (c *lspClient) codeActions(uri string, first, last int) []protocol.CodeAction {
	c.t.Helper()
	var actions []protocol.CodeAction
	require.NoError(c.t, c.call("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri}, "range": rng(first, 0, last, 0),
		"context": map[string]any{"diagnostics": []any{}}}, &actions))
	return actions
}

// TestLSPCodeActions applies each quick fix and checks that the problem is
// gone and nothing else changed.
func TestLSPCodeActions(t *testing.T) {
	sample := sampleText(t)
	for _, tc := range []struct {
		name, from, to string // a change to the sample that makes the problem
		line           int
		title          string
	}{
		{"url", `url = "/202510/133500-`, `url = "/202511/133500-`, 10, "Set url to the permalink"},
		{"misspelt key", "\nsource = ", "\nsourse = ", 12, "Rename sourse to source"},
		{"missing title", "title = \"Regional Rail Operator Adds Night Trains on Three Lines After Record Summer Ridership\"\n", "", 0, `Add title = "TODO" (placeholder)`},
		{"unsafe body", "<p>The regional", "<p onclick='x()'>The <script>alert(1)</script>regional", 16, "Sanitize the body"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := startLSP(t, nil)
			uri := "file:///tmp/fix.md"
			text := strings.Replace(sample, tc.from, tc.to, 1)
			require.NotEqual(t, sample, text)
			c.open(uri, text)
			before := c.waitDiags(uri, func(ds []testDiag) bool { return len(ds) > 0 })
			var fix *protocol.CodeAction
			for _, a := range c.codeActions(uri, tc.line, tc.line) {
				if strings.HasPrefix(a.Title, tc.title) {
					fix = &a
				}
			}
			require.NotNil(t, fix, "no %q among the actions", tc.title)
			assert.Equal(t, protocol.CodeActionKindQuickFix, *fix.Kind)
			require.Len(t, fix.Diagnostics, 1)
			edits := fix.Edit.Changes[uri]
			require.NotEmpty(t, edits)
			fixed := applyEdits(t, text, edits)
			a, err := article.Parse(strings.NewReader(fixed))
			require.NoError(t, err, fixed)
			errs := article.FieldErrors(a.Validate())
			assert.Empty(t, errs, "fixed:\n%s", fixed)
			assert.NotEmpty(t, before)
			if tc.name != "missing title" && tc.name != "unsafe body" {
				assert.Equal(t, sample, fixed)
			}
		})
	}
}

// TestLSPHover: date shows the instant in UTC and as written; url the
// permalink the pattern expects.
func TestLSPHover(t *testing.T) {
	c := startLSP(t, nil)
	uri := "file:///tmp/hover.md"
	c.open(uri, strings.Replace(sampleText(t), `url = "/202510/133500-`, `url = "/202511/133500-`, 1))
	hover := func(line, char int) string {
		var h struct {
			Contents protocol.MarkupContent `json:"contents"`
		}
		require.NoError(t, c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri},
			"position": map[string]any{"line": line, "character": char}}, &h))
		return h.Contents.Value
	}
	d := hover(2, 3)
	assert.Contains(t, d, "2025-10-14T16:05:12Z")
	assert.Contains(t, d, "UTC+02:00")
	assert.Contains(t, d, "2025-10-14 18:05:12")
	u := hover(10, 10)
	assert.Contains(t, u, "`/202510/133500-regional-rail-operator-adds-night-trains-on-three-lines-after-record-summer`")
	assert.Empty(t, hover(1, 3)) // title: nothing
	assert.Empty(t, hover(16, 3))
}

// TestLSPCompletion offers the schema keys not yet set, with their docs, at
// the start of a front matter line only.
func TestLSPCompletion(t *testing.T) {
	c := startLSP(t, nil)
	uri := "file:///tmp/complete.md"
	c.open(uri, "+++\ntitle = \"x\"\nso\n+++\n\n<p>x</p>\n")
	complete := func(line, char int) []protocol.CompletionItem {
		var items []protocol.CompletionItem
		require.NoError(t, c.call("textDocument/completion", map[string]any{"textDocument": map[string]any{"uri": uri},
			"position": map[string]any{"line": line, "character": char}}, &items))
		return items
	}
	items := complete(2, 2)
	var labels []string
	for _, it := range items {
		labels = append(labels, it.Label)
		require.NotNil(t, it.Detail)
		assert.NotEmpty(t, *it.Detail)
	}
	assert.Equal(t, []string{"source_link", "source"}, labels)
	all := complete(2, 0)
	assert.Len(t, all, 11) // the twelve schema keys but title
	assert.Empty(t, complete(1, 9))
	assert.Empty(t, complete(5, 1))
}

// TestLSPWorkspaceDuplicates indexes a folder in the background (with
// progress reports), reports duplicates on both files, and keeps them
// current as a file changes.
func TestLSPWorkspaceDuplicates(t *testing.T) {
	dir := t.TempDir()
	sample := sampleText(t)
	other := strings.Replace(sample, "feed_item_id = 25010", "feed_item_id = 25011", 1)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.md"), []byte(sample), 0o644))
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "sub"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "sub", "b.md"), []byte(other), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "c.md"), []byte(strings.ReplaceAll(
		strings.ReplaceAll(other, "133500", "133501"), "25011", "25012")), 0o644))

	c := startLSP(t, map[string]any{"rootUri": pathURI(dir)})
	a, b := fileURI(dir, "a.md"), fileURI(dir, "sub/b.md")
	both := func(ds []testDiag) bool { return len(ds) == 2 }
	da := c.waitDiags(a, both)
	db := c.waitDiags(b, both)
	assert.Equal(t, []string{
		`10:0: url: duplicate url "/202510/133500-regional-rail-operator-adds-night-trains-on-three-lines-after-record-summer", also in ` + filepath.Join("sub", "b.md"),
		`8:0: article_id: duplicate article_id 133500, also in ` + filepath.Join("sub", "b.md"),
	}, messages(da))
	assert.Contains(t, messages(db)[0], "also in a.md")
	assert.Equal(t, "duplicate", da[0].Code)
	c.mu.Lock()
	assert.True(t, c.created)
	assert.Equal(t, "begin", c.progress[0])
	assert.Equal(t, "end", c.progress[len(c.progress)-1])
	c.mu.Unlock()
	c.mu.Lock()
	_, cSeen := c.diags[fileURI(dir, "c.md")]
	c.mu.Unlock()
	assert.False(t, cSeen, "c.md has no duplicate")

	// Edit b's id in the editor: both files are clean.
	c.open(b, other)
	c.waitDiags(b, both)
	c.change(b, map[string]any{"range": rng(8, 13, 8, 19), "text": "133502"},
		map[string]any{"range": rng(10, 15, 10, 21), "text": "133502"})
	c.waitDiags(b, func(ds []testDiag) bool { return len(ds) == 0 })
	c.waitDiags(a, func(ds []testDiag) bool { return len(ds) == 0 })

	// Closing b without saving brings the file on disk back: duplicates again.
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": b}})
	c.waitDiags(a, both)
	c.waitDiags(b, both)
}

// TestLSPOptions: initializationOptions and didChangeConfiguration set
// lint's options.
func TestLSPOptions(t *testing.T) {
	c := startLSP(t, map[string]any{"initializationOptions": map[string]any{"pattern": "/:year/:slug", "maxFuture": "-1s"}})
	uri := "file:///tmp/opts.md"
	c.open(uri, strings.Replace(sampleText(t), "2025-10-14", "2999-10-14", 1))
	ds := c.waitDiags(uri, func(ds []testDiag) bool { return len(ds) == 1 })
	assert.Contains(t, ds[0].Message, "url: mismatch")
	assert.Contains(t, ds[0].Message, `"/2999/:slug"`)

	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"article": map[string]any{"strictSlug": true}}})
	ds = c.waitDiags(uri, func(ds []testDiag) bool { return len(ds) == 2 })
	// The settings replace the old ones: the default pattern and maxFuture.
	assert.Contains(t, strings.Join(messages(ds), "\n"), "2:0: date: invalid value")

	// A bad option is refused; the ones in force stay.
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"location": "Nowhere/Else"}})
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"extensions": []string{"txt"}}})
	// With extensions [.txt], a .md file is not an article: its problems go.
	c.waitDiags(uri, func(ds []testDiag) bool { return len(ds) == 0 })
	c.change(uri, map[string]any{"text": "not an article"})
	time.Sleep(100 * time.Millisecond)
	c.mu.Lock()
	n := len(c.diags[uri])
	c.mu.Unlock()
	assert.Zero(t, n, "a .md file is not checked with extensions [.txt]")
}

// TestLSPDateOptions: location and zones read dates as lint's -location
// and -zones do.
func TestLSPDateOptions(t *testing.T) {
	text := strings.Replace(sampleText(t), `"2025-10-14T18:05:12+02:00"`, `"2025-10-14 18:05:12 EDT"`, 1)
	c := startLSP(t, nil)
	uri := "file:///tmp/zones.md"
	c.open(uri, text)
	ds := c.waitDiags(uri, func(ds []testDiag) bool { return len(ds) == 1 })
	assert.Equal(t, "date", ds[0].Code)

	c = startLSP(t, map[string]any{"initializationOptions": map[string]any{"zones": "rfc822", "location": "Europe/Paris"}})
	c.open(uri, text)
	c.waitDiags(uri, func(ds []testDiag) bool { return len(ds) == 0 })
	var h struct {
		Contents protocol.MarkupContent `json:"contents"`
	}
	require.NoError(t, c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri},
		"position": map[string]any{"line": 2, "character": 1}}, &h))
	assert.Contains(t, h.Contents.Value, "2025-10-14T22:05:12Z")
	assert.Contains(t, h.Contents.Value, "UTC-04:00, EDT")

	// An unknown table is refused, and the options in force stay.
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"zones": "mars"}})
	c.change(uri, map[string]any{"text": text + "\n"})
	time.Sleep(50 * time.Millisecond)
	ds = c.waitDiags(uri, anyDiags)
	assert.Empty(t, ds)
}

// TestLSPRobust: malformed messages, unknown methods, requests for files
// never opened and a 20 MB document get an error or a log line; the server
// goes on.
func TestLSPRobust(t *testing.T) {
	c := startLSP(t, nil)
	err := c.call("textDocument/definition", map[string]any{"textDocument": map[string]any{"uri": "file:///x.md"},
		"position": map[string]any{"line": 0, "character": 0}}, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "not supported")
	c.notify("$/unknownNotification", map[string]any{})

	for _, m := range []string{"textDocument/formatting", "textDocument/hover", "textDocument/completion", "textDocument/codeAction"} {
		err = c.call(m, map[string]any{"textDocument": map[string]any{"uri": "file:///never-opened.md"},
			"position": map[string]any{"line": 0, "character": 0}, "range": rng(0, 0, 0, 0),
			"context": map[string]any{"diagnostics": []any{}}, "options": map[string]any{}}, nil)
		require.Error(t, err, m)
		assert.Contains(t, err.Error(), "not open", m)
	}
	err = c.call("textDocument/hover", json.RawMessage(`{"textDocument": 3}`), nil)
	require.Error(t, err)
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": "file:///never-opened.md"}, "contentChanges": []any{}})

	big := "+++\ntitle = \"big\"\n+++\n\n<p>" + strings.Repeat("x", 20<<20) + "</p>\n"
	uri := "file:///tmp/big.md"
	c.open(uri, big)
	// Minutes, not seconds: 40 MB of JSON each way under the race detector
	// on a busy machine.
	ds := c.waitDiagsFor(2*time.Minute, uri, anyDiags)
	require.Len(t, ds, 1)
	assert.Contains(t, ds[0].Message, "too large")
	c.change(uri, map[string]any{"range": rng(1, 9, 1, 12), "text": "large"})
	c.waitDiagsFor(2*time.Minute, uri, func(ds []testDiag) bool { return c.published(uri) >= 2 })

	// Still alive.
	var h json.RawMessage
	require.NoError(t, c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri},
		"position": map[string]any{"line": 0, "character": 0}}, &h))
}

// TestLSPMalformedMessages writes bytes that are not JSON-RPC to the
// server: each gets a parse error response (id null) and the session goes
// on; then the binary exits with status 0 after shutdown and exit.
func TestLSPMalformedMessages(t *testing.T) {
	frame := func(body string) string {
		return "Content-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body
	}
	in := frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`) +
		frame(`{not json`) +
		frame(`{"jsonrpc":"2.0","id":2,"method":`) +
		frame(`[]`) +
		"Content-Length: zz\r\n\r\n" +
		frame(`{"jsonrpc":"2.0","method":"initialized","params":{}}`) +
		frame(`{"jsonrpc":"2.0","id":3,"method":"shutdown"}`) +
		frame(`{"jsonrpc":"2.0","method":"exit"}`)
	r := runBin(t, "", in, "lsp")
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, `"id":1,"result":{"capabilities"`)
	// Two bodies that are not JSON, and a header without a length (which
	// may take the next header line with it: one or two errors).
	assert.GreaterOrEqual(t, strings.Count(r.stdout, `"code":-32700`), 3, r.stdout)
	assert.Equal(t, 1, strings.Count(r.stdout, `"code":-32600`), r.stdout)
	assert.Contains(t, r.stdout, `"id":3,"result":null`)
	assert.Contains(t, r.stderr, "malformed message skipped")

	// Without shutdown, exit is status 1, as the protocol says; the end of
	// input without exit too.
	r = runBin(t, "", frame(`{"jsonrpc":"2.0","method":"exit"}`), "lsp")
	assert.Equal(t, 1, r.code, r.stderr)
	r = runBin(t, "", "", "lsp")
	assert.Equal(t, 1, r.code, r.stderr)
}

// TestLSPWatchedFiles: the server registers a watcher for article files,
// and a file created, changed or deleted on disk changes the duplicates.
func TestLSPWatchedFiles(t *testing.T) {
	dir := t.TempDir()
	sample := sampleText(t)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.md"), []byte(sample), 0o644))
	c := startLSP(t, map[string]any{"rootUri": pathURI(dir), "capabilities": map[string]any{
		"window":    map[string]any{"workDoneProgress": true},
		"workspace": map[string]any{"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true}}}})
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		c.mu.Lock()
		done := len(c.progress) > 0 && c.progress[len(c.progress)-1] == "end"
		c.mu.Unlock()
		if done || time.Now().After(deadline) {
			require.True(t, done, "the index did not end")
			break
		}
	}
	c.mu.Lock()
	require.Len(t, c.registered, 1)
	assert.Contains(t, c.registered[0], `"method":"workspace/didChangeWatchedFiles"`)
	assert.Contains(t, c.registered[0], `"globPattern":"**/*.md"`)
	c.mu.Unlock()

	a, d := fileURI(dir, "a.md"), fileURI(dir, "d.md")
	dup := strings.Replace(sample, "feed_item_id = 25010", "feed_item_id = 1", 1)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "d.md"), []byte(dup), 0o644))
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": d, "type": 1}}})
	ds := c.waitDiags(a, func(ds []testDiag) bool { return len(ds) == 2 })
	assert.Contains(t, ds[0].Message, "also in d.md")
	c.waitDiags(d, func(ds []testDiag) bool { return len(ds) == 2 })

	// Changed: a new id, no more duplicates.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "d.md"), []byte(strings.ReplaceAll(dup, "133500", "133509")), 0o644))
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": d, "type": 2}}})
	c.waitDiags(a, func(ds []testDiag) bool { return len(ds) == 0 })

	// Back again, then deleted.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "d.md"), []byte(dup), 0o644))
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": d, "type": 2}}})
	c.waitDiags(a, func(ds []testDiag) bool { return len(ds) == 2 })
	require.NoError(t, os.Remove(filepath.Join(dir, "d.md")))
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": d, "type": 3}}})
	c.waitDiags(a, func(ds []testDiag) bool { return len(ds) == 0 })
	c.waitDiags(d, func(ds []testDiag) bool { return len(ds) == 0 })
}
