package main

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	protocol "github.com/tliron/glsp/protocol_3_16"
	"go.lsp.dev/jsonrpc2"
)

// lspClient is the test's side of a session with an in-process server,
// speaking the protocol through the transport library's connection.
type lspClient struct {
	t      testing.TB
	conn   jsonrpc2.Conn
	server *lspServer

	mu         sync.Mutex
	diags      map[string][]testDiag // the latest published, by URI
	versions   map[string]int        // how many publications, by URI
	progress   []string              // kinds of $/progress values
	created    bool                  // window/workDoneProgress/create was called
	registered []string              // params of client/registerCapability
	changed    chan struct{}
	result     json.RawMessage // the initialize result
	version    protocol.Integer
}

// testDiag is a published diagnostic as the client reads it.
type testDiag struct {
	Range    protocol.Range `json:"range"`
	Severity int            `json:"severity"`
	Code     any            `json:"code"`
	Source   string         `json:"source"`
	Message  string         `json:"message"`
}

// startLSP starts a server and initializes it with params (merged into a
// default initialize request).
func startLSP(t testing.TB, params map[string]any) *lspClient {
	t.Helper()
	sc, cc := net.Pipe()
	s := newLSPServer(io.Discard)
	if testing.Verbose() {
		s.log = os.Stderr
	}
	s.debounce = 5 * time.Millisecond
	served := make(chan error, 1)
	go func() { served <- s.serve(context.Background(), sc) }()
	c := &lspClient{t: t, server: s, diags: map[string][]testDiag{}, versions: map[string]int{}, changed: make(chan struct{}, 1)}
	c.conn = jsonrpc2.NewConn(jsonrpc2.NewStream(cc), jsonrpc2.WithCodec(jsonCodec{}))
	c.conn.Go(context.Background(), c.handle)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		c.conn.Call(ctx, "shutdown", nil, nil)
		c.conn.Notify(ctx, "exit", nil)
		select {
		case err := <-served:
			if err != nil {
				t.Errorf("serve: %v", err)
			}
		case <-ctx.Done():
			t.Errorf("the server did not exit")
		}
		c.conn.Close()
	})
	init := map[string]any{"processId": nil, "rootUri": nil, "capabilities": map[string]any{
		"window": map[string]any{"workDoneProgress": true}}}
	for k, v := range params {
		init[k] = v
	}
	var res json.RawMessage
	_, err := c.conn.Call(context.Background(), "initialize", init, &res)
	require.NoError(t, err)
	c.result = res
	require.NoError(t, c.conn.Notify(context.Background(), "initialized", map[string]any{}))
	return c
}

func (c *lspClient) handle(_ context.Context, req *jsonrpc2.Request) (any, error) {
	switch req.Method() {
	case "textDocument/publishDiagnostics":
		var p struct {
			URI         string     `json:"uri"`
			Diagnostics []testDiag `json:"diagnostics"`
		}
		if err := json.Unmarshal(req.Params(), &p); err != nil {
			return nil, err
		}
		c.mu.Lock()
		c.diags[p.URI] = p.Diagnostics
		c.versions[p.URI]++
		c.mu.Unlock()
		select {
		case c.changed <- struct{}{}:
		default:
		}
	case "client/registerCapability":
		c.mu.Lock()
		c.registered = append(c.registered, string(req.Params()))
		c.mu.Unlock()
		return nil, nil
	case "window/workDoneProgress/create":
		c.mu.Lock()
		c.created = true
		c.mu.Unlock()
		return nil, nil
	case "$/progress":
		var p struct {
			Value struct {
				Kind string `json:"kind"`
			} `json:"value"`
		}
		json.Unmarshal(req.Params(), &p)
		c.mu.Lock()
		c.progress = append(c.progress, p.Value.Kind)
		c.mu.Unlock()
	}
	return nil, nil
}

// call sends a request and decodes its result into res.
func (c *lspClient) call(method string, params, res any) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err := c.conn.Call(ctx, method, params, res)
	return err
}

func (c *lspClient) notify(method string, params any) {
	c.t.Helper()
	require.NoError(c.t, c.conn.Notify(context.Background(), method, params))
}

// open opens a document with text.
func (c *lspClient) open(uri, text string) {
	c.version = 1
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
}

// change sends content changes (each a map with "text" and maybe "range").
func (c *lspClient) change(uri string, changes ...map[string]any) {
	c.version++
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": c.version},
		"contentChanges": changes})
}

// waitDiags waits until the diagnostics of uri satisfy ok, and returns them.
func (c *lspClient) waitDiags(uri string, ok func([]testDiag) bool) []testDiag {
	c.t.Helper()
	return c.waitDiagsFor(10*time.Second, uri, ok)
}

// waitDiagsFor is waitDiags with a timeout.
func (c *lspClient) waitDiagsFor(timeout time.Duration, uri string, ok func([]testDiag) bool) []testDiag {
	c.t.Helper()
	deadline := time.After(timeout)
	for {
		c.mu.Lock()
		ds, seen := c.diags[uri]
		c.mu.Unlock()
		if seen && ok(ds) {
			return ds
		}
		select {
		case <-c.changed:
		case <-time.After(10 * time.Millisecond):
		case <-deadline:
			c.t.Fatalf("diagnostics of %s: timed out; last: %+v", uri, ds)
		}
	}
}

// anyDiags accepts whatever was published.
func anyDiags([]testDiag) bool { return true }

// rng makes a protocol range.
func rng(l1, c1, l2, c2 int) map[string]any {
	return map[string]any{"start": map[string]any{"line": l1, "character": c1},
		"end": map[string]any{"line": l2, "character": c2}}
}

// messages returns "line:char: message" of each diagnostic, sorted.
func messages(ds []testDiag) []string {
	var ms []string
	for _, d := range ds {
		ms = append(ms, posText(d.Range.Start)+": "+d.Message)
	}
	sort.Strings(ms)
	return ms
}

func posText(p protocol.Position) string {
	return strconv.Itoa(int(p.Line)) + ":" + strconv.Itoa(int(p.Character))
}

// fileURI returns the URI of a file in dir.
func fileURI(dir, name string) string { return pathURI(filepath.Join(dir, name)) }

// readTestdata returns a file under testdata.
func readTestdata(t *testing.T, path ...string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(append([]string{"testdata"}, path...)...))
	require.NoError(t, err)
	return string(b)
}

// applyEdits applies text edits whose positions count UTF-16 code units
// (the test's own reading of the protocol, independent of the server's).
func applyEdits(t *testing.T, text string, edits []protocol.TextEdit) string {
	t.Helper()
	type span struct {
		start, end int
		text       string
	}
	var spans []span
	for _, e := range edits {
		spans = append(spans, span{utf16Offset(text, e.Range.Start), utf16Offset(text, e.Range.End), e.NewText})
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].start > spans[j].start })
	for _, s := range spans {
		require.LessOrEqual(t, s.start, s.end)
		text = text[:s.start] + s.text + text[s.end:]
	}
	return text
}

// utf16Offset returns the byte offset of a position counted in UTF-16.
func utf16Offset(text string, p protocol.Position) int {
	off := 0
	for l := 0; l < int(p.Line); l++ {
		i := strings.IndexByte(text[off:], '\n')
		if i < 0 {
			return len(text)
		}
		off += i + 1
	}
	n := 0
	for i, r := range text[off:] {
		if n >= int(p.Character) || r == '\n' || r == '\r' {
			return off + i
		}
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return len(text)
}

// published returns how many times the diagnostics of uri were published.
func (c *lspClient) published(uri string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.versions[uri]
}
