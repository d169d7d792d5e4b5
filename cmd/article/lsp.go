package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"sync"
	"time"

	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"
	"go.lsp.dev/jsonrpc2"
)

const lspSynopsis = "article lsp"

const lspDescription = `
Lsp runs a language server for article files on standard input and output,
for any editor that speaks the Language Server Protocol (see the README for
VS Code, Neovim and Helix). It reports what lint reports, as diagnostics
while you type, formats as fmt does, offers quick fixes (url set to the
permalink, a misspelt key renamed, a missing key added, the body
sanitised), hovers on date and url, completes schema keys, and reports
duplicate article_id, feed_item_id and url values across the workspace.

Options come from the client's initializationOptions and
workspace/didChangeConfiguration (an object, or one under "article"):
location, zones, maxFuture, strictSlug, pattern and extensions, as lint's
flags. The server logs to stderr.`

const lspExample = `  $ article lsp    # started by the editor, not by hand`

func runLSP(e *env, args []string) int {
	fs := newFlags(e, "lsp", lspSynopsis, lspDescription, lspExample)
	if done, status := parseFlags(e, fs, args); done {
		return status
	}
	if fs.NArg() > 0 {
		return usageError(e, fs, "lsp takes no arguments")
	}
	s := newLSPServer(e.stderr)
	err := s.serve(context.Background(), stdio{e.stdin, e.stdout})
	if err != nil {
		fmt.Fprintf(e.stderr, "article lsp: %v\n", err)
		return exitError
	}
	return s.exitCode()
}

// stdio joins the command's standard input and output into the connection
// the server speaks over.
type stdio struct {
	io.Reader
	io.Writer
}

func (stdio) Close() error { return nil }

// lspServer is one language server session: the open documents, the
// options, and the workspace index.
type lspServer struct {
	logMu sync.Mutex
	log   io.Writer

	conn    jsonrpc2.Conn
	handler protocol.Handler
	ctx     context.Context

	// debounce is how long a change waits for the next before the
	// document is checked.
	debounce time.Duration

	mu       sync.Mutex
	docs     map[string]*lspDoc // by URI
	cfg      *lspConfig
	utf8     bool // positions in UTF-8 bytes, not UTF-16 code units
	progress bool // the client takes $/progress reports
	canWatch bool // the client registers file watchers on request
	root     string
	index    *wsIndex
	shutdown bool
	exited   bool
	bg       sync.WaitGroup
}

func newLSPServer(log io.Writer) *lspServer {
	s := &lspServer{log: log, debounce: 100 * time.Millisecond, docs: make(map[string]*lspDoc)}
	s.cfg, _ = compileConfig(lspSettings{})
	s.handler = protocol.Handler{
		Initialize:                      s.initialize,
		Initialized:                     s.initialized,
		Shutdown:                        s.shutdownRequest,
		SetTrace:                        func(*glspCtx, *protocol.SetTraceParams) error { return nil },
		CancelRequest:                   func(*glspCtx, *protocol.CancelParams) error { return nil },
		TextDocumentDidOpen:             s.didOpen,
		TextDocumentDidChange:           s.didChange,
		TextDocumentDidClose:            s.didClose,
		TextDocumentDidSave:             func(*glspCtx, *protocol.DidSaveTextDocumentParams) error { return nil },
		WorkspaceDidChangeConfiguration: s.didChangeConfiguration,
		WorkspaceDidChangeWatchedFiles:  s.didChangeWatchedFiles,
		TextDocumentFormatting:          s.formatting,
		TextDocumentCodeAction:          s.codeAction,
		TextDocumentHover:               s.hover,
		TextDocumentCompletion:          s.completion,
	}
	return s
}

// logf writes one line to the server's log (stderr).
func (s *lspServer) logf(format string, args ...any) {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	fmt.Fprintf(s.log, "article lsp: "+format+"\n", args...)
}

// serve speaks the protocol over rwc until the client exits or closes the
// connection.
func (s *lspServer) serve(ctx context.Context, rwc io.ReadWriteCloser) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s.ctx = ctx
	s.conn = jsonrpc2.NewConn(&tolerantStream{Stream: jsonrpc2.NewStream(rwc), s: s}, jsonrpc2.WithCodec(jsonCodec{}))
	s.conn.Go(ctx, s.handle)
	<-s.conn.Done()
	cancel()
	s.stopTimers()
	s.bg.Wait()
	if err := s.conn.Err(); err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) &&
		!errors.Is(err, net.ErrClosed) && !errors.Is(err, os.ErrClosed) && !errors.Is(err, context.Canceled) {
		return err
	}
	return nil
}

// exitCode is the status of the command after the session: 0 after
// shutdown then exit, 1 otherwise, as the protocol says.
func (s *lspServer) exitCode() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.shutdown && s.exited {
		return exitOK
	}
	return exitProblems
}

// glspCtx is the protocol library's request context.
type glspCtx = glsp.Context

// handle dispatches one request or notification through the protocol
// library's handler. A notification never returns an error to the
// transport, which would end the connection: its failures are logged.
func (s *lspServer) handle(ctx context.Context, req *jsonrpc2.Request) (result any, err error) {
	method := req.Method()
	defer func() {
		if r := recover(); r != nil {
			s.logf("%s: internal error: %v", method, r)
			result, err = nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "internal error in %s", method)
		}
		if err != nil && !req.IsCall() {
			s.logf("%s: %v", method, err)
			result, err = nil, nil
		}
	}()
	gc := &glspCtx{Method: method, Params: json.RawMessage(req.Params()),
		Notify: s.notify,
		Call:   func(string, any, any) {}}
	if len(gc.Params) == 0 {
		gc.Params = json.RawMessage("null")
	}
	if method == protocol.MethodExit {
		// The library refuses every method after shutdown, exit too.
		s.mu.Lock()
		s.exited = true
		s.mu.Unlock()
		go s.conn.Close()
		return nil, nil
	}
	r, validMethod, validParams, err := s.handler.Handle(gc)
	switch {
	case !validMethod:
		if !req.IsCall() {
			return nil, nil // unknown notifications ($/…) are ignored
		}
		return nil, jsonrpc2.Errorf(jsonrpc2.MethodNotFound, "method not supported: %s", method)
	case !validParams:
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s: invalid params: %v", method, err)
	case err != nil:
		var je *jsonrpc2.Error
		if errors.As(err, &je) {
			return nil, je
		}
		if err.Error() == "server not initialized" {
			return nil, jsonrpc2.NewError(jsonrpc2.ServerNotInitialized, err.Error())
		}
		return nil, jsonrpc2.NewError(jsonrpc2.InternalError, err.Error())
	}
	return r, nil
}

// notify sends a notification to the client, logging a failure.
func (s *lspServer) notify(method string, params any) {
	if err := s.conn.Notify(s.ctx, method, params); err != nil && s.ctx.Err() == nil {
		s.logf("notify %s: %v", method, err)
	}
}

// initializeParams is the part of the initialize request the protocol
// library's 3.16 types leave out: the position encodings of LSP 3.17.
type initializeParams struct {
	Capabilities struct {
		General struct {
			PositionEncodings []string `json:"positionEncodings"`
		} `json:"general"`
	} `json:"capabilities"`
}

// initializeResult adds LSP 3.17's positionEncoding to the library's
// capabilities.
type initializeResult struct {
	Capabilities serverCapabilities                   `json:"capabilities"`
	ServerInfo   *protocol.InitializeResultServerInfo `json:"serverInfo,omitempty"`
}

type serverCapabilities struct {
	protocol.ServerCapabilities
	PositionEncoding string `json:"positionEncoding"`
}

func (s *lspServer) initialize(gc *glspCtx, p *protocol.InitializeParams) (any, error) {
	var extra initializeParams
	_ = json.Unmarshal(gc.Params, &extra) // the library has read it already
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, enc := range extra.Capabilities.General.PositionEncodings {
		if enc == "utf-8" {
			s.utf8 = true
		}
	}
	if w := p.Capabilities.Window; w != nil && w.WorkDoneProgress != nil {
		s.progress = *w.WorkDoneProgress
	}
	if w := p.Capabilities.Workspace; w != nil && w.DidChangeWatchedFiles != nil && w.DidChangeWatchedFiles.DynamicRegistration != nil {
		s.canWatch = *w.DidChangeWatchedFiles.DynamicRegistration
	}
	switch {
	case len(p.WorkspaceFolders) > 0:
		s.root = uriPath(p.WorkspaceFolders[0].URI)
	case p.RootURI != nil:
		s.root = uriPath(*p.RootURI)
	case p.RootPath != nil:
		s.root = *p.RootPath
	}
	if p.InitializationOptions != nil {
		if err := s.setOptionsLocked(p.InitializationOptions); err != nil {
			s.logf("initializationOptions: %v", err)
		}
	}
	enc := "utf-16"
	if s.utf8 {
		enc = "utf-8"
	}
	sync := protocol.TextDocumentSyncKindIncremental
	yes := true
	version := "dev"
	caps := serverCapabilities{PositionEncoding: enc}
	caps.TextDocumentSync = protocol.TextDocumentSyncOptions{OpenClose: &yes, Change: &sync}
	caps.DocumentFormattingProvider = true
	caps.CodeActionProvider = protocol.CodeActionOptions{CodeActionKinds: []protocol.CodeActionKind{protocol.CodeActionKindQuickFix}}
	caps.HoverProvider = true
	caps.CompletionProvider = &protocol.CompletionOptions{}
	return initializeResult{Capabilities: caps, ServerInfo: &protocol.InitializeResultServerInfo{Name: "article", Version: &version}}, nil
}

func (s *lspServer) initialized(*glspCtx, *protocol.InitializedParams) error {
	s.mu.Lock()
	root, watch, cfg := s.root, s.canWatch, s.cfg
	s.mu.Unlock()
	if root != "" {
		s.bg.Add(1)
		go func() {
			defer s.bg.Done()
			if watch {
				s.watchFiles(cfg)
			}
			s.indexWorkspace(root)
		}()
	}
	return nil
}

func (s *lspServer) shutdownRequest(*glspCtx) error {
	s.mu.Lock()
	s.shutdown = true
	s.mu.Unlock()
	s.stopTimers()
	return nil
}

func (s *lspServer) didChangeConfiguration(_ *glspCtx, p *protocol.DidChangeConfigurationParams) error {
	s.mu.Lock()
	err := s.setOptionsLocked(p.Settings)
	docs := s.openDocsLocked()
	s.mu.Unlock()
	if err != nil {
		s.notify(protocol.ServerWindowShowMessage, protocol.ShowMessageParams{Type: protocol.MessageTypeError,
			Message: "article: " + err.Error()})
		return err
	}
	for _, d := range docs {
		s.check(d)
	}
	return nil
}

// jsonCodec encodes params and results with encoding/json, for which the
// protocol library's types are written.
type jsonCodec struct{}

func (jsonCodec) Marshal(v any) ([]byte, error)      { return json.Marshal(v) }
func (jsonCodec) Unmarshal(data []byte, v any) error { return json.Unmarshal(data, v) }

// tolerantStream survives a malformed message: the transport ends the
// connection on any read error, so a message that is not JSON-RPC is
// answered with the transport's error for it (a parse error, or invalid
// request; id null), logged, and skipped. The framing
// stays the library's; only errors of the stream itself (end of input, a
// closed pipe) end the session.
type tolerantStream struct {
	jsonrpc2.Stream
	s *lspServer
}

// maxBadMessages is how many malformed messages in a row end the session,
// so that a stream of garbage cannot keep the server spinning.
const maxBadMessages = 1000

func (t *tolerantStream) Read(ctx context.Context) (jsonrpc2.Message, int64, error) {
	for bad := 0; ; bad++ {
		msg, n, err := t.Stream.Read(ctx)
		if err == nil || bad >= maxBadMessages || isStreamEnd(err) || ctx.Err() != nil {
			return msg, n, err
		}
		t.s.logf("malformed message skipped: %v", err)
		var je *jsonrpc2.Error
		if !errors.As(err, &je) {
			je = jsonrpc2.NewError(jsonrpc2.ParseError, err.Error())
		}
		resp := jsonrpc2.NewResponse(jsonrpc2.ID{}, nil, je)
		if _, werr := t.Stream.Write(ctx, resp); werr != nil {
			return nil, 0, werr
		}
	}
}

// isStreamEnd reports whether err ends the input for good.
func isStreamEnd(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.ErrClosedPipe) ||
		errors.Is(err, net.ErrClosed) || errors.Is(err, os.ErrClosed)
}

// defaultExts are the extensions of article files when the options name
// none.
var defaultExts = []string{".md", ".html"}
