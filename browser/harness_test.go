//go:build browser

package browser

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// markerBinding is the function the hooks call to report a marker; the
// DevTools protocol turns each call into a Runtime.bindingCalled event.
const markerBinding = "__articleMarker"

// hookJS runs in every frame before the frame's own scripts. It replaces
// the dialog functions and print (so that no real dialog blocks the page)
// and wraps the document.title and top.x setters, each reporting a marker
// with the URL of the top document that the frame belongs to.
const hookJS = `(() => {
  const report = (kind, detail) => {
    let where = location.href;
    try { where = top.location.href; } catch (e) {}
    try { ` + markerBinding + `(JSON.stringify({kind: kind, detail: String(detail), url: where})); } catch (e) {}
  };
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    window[name] = function (...args) { report(name, args.join(" ")); return name === "prompt" ? null : undefined; };
  }
  const title = Object.getOwnPropertyDescriptor(Document.prototype, "title");
  Object.defineProperty(Document.prototype, "title", {
    configurable: true, get: title.get,
    set(v) { report("document.title", v); title.set.call(this, v); },
  });
  let x;
  Object.defineProperty(window, "x", {
    configurable: true, get() { return x; },
    set(v) { report("top.x", v); x = v; },
  });
})()`

// pokeJS provokes what a reader would: every element gets the events that
// inline handlers listen for (not bubbling, so that no link is followed),
// and links whose href Chromium parses as javascript: are clicked. It
// returns every URL-bearing attribute whose scheme, as Chromium resolves
// it, is not http, https, mailto or tel, or that Chromium resolves with a
// username or password.
const pokeJS = `(() => {
  // The URLs of a srcset value, as the HTML standard's parser reads them
  // (and srcsetURLs in dom_test.go): a URL runs to whitespace, descriptors
  // to the next comma outside parentheses.
  const srcsetURLs = (v) => {
    const urls = [], space = /[ \t\n\f\r]/;
    let i = 0;
    while (i < v.length) {
      while (i < v.length && (space.test(v[i]) || v[i] === ",")) i++;
      const start = i;
      while (i < v.length && !space.test(v[i])) i++;
      let u = v.slice(start, i);
      if (u === "") break;
      if (u.endsWith(",")) { urls.push(u.replace(/,+$/, "")); continue; }
      urls.push(u);
      let depth = 0;
      for (; i < v.length; i++) {
        const c = v[i];
        if (c === "(") depth++;
        else if (c === ")" && depth > 0) depth--;
        else if (c === "," && depth === 0) break;
      }
    }
    return urls;
  };
  const bad = [];
  if (!document.body) return bad;
  const activates = new Set(["a", "area", "button", "input", "label", "summary", "select", "option", "form", "details", "textarea"]);
  const events = ["mouseover", "mouseenter", "mousemove", "mousedown", "mouseup", "pointerover", "pointerdown",
    "focus", "focusin", "blur", "load", "error", "toggle", "animationstart", "animationend", "transitionend",
    "beforetoggle", "input", "change", "scroll", "wheel", "keydown"];
  const urlAttrs = ["href", "src", "srcset", "cite", "action", "formaction", "data", "poster", "ping", "background", "longdesc", "xlink:href"];
  for (const el of document.body.querySelectorAll("*")) {
    for (const type of events) {
      try { el.dispatchEvent(new Event(type, {bubbles: false})); } catch (e) {}
    }
    if (!activates.has(el.localName)) {
      try { el.dispatchEvent(new MouseEvent("click", {bubbles: false})); } catch (e) {}
    }
    for (const name of urlAttrs) {
      const v = el.getAttribute(name);
      if (v === null) continue;
      const parts = name === "srcset" ? srcsetURLs(v) : [v];
      for (const p of parts) {
        let u;
        try { u = new URL(p, document.baseURI); } catch (e) { continue; }
        if (!["http:", "https:", "mailto:", "tel:"].includes(u.protocol)) bad.push(el.localName + "@" + name + "=" + u.protocol);
        if (u.username !== "" || u.password !== "") bad.push(el.localName + "@" + name + " has user information: " + p);
      }
    }
  }
  for (const a of document.querySelectorAll("a[href], area[href]")) {
    if (a.protocol === "javascript:") { try { a.click(); } catch (e) {} }
  }
  return bad;
})()`

// A marker is a script action seen while a page was loaded.
type marker struct {
	kind   string // alert confirm prompt print document.title top.x dialog request
	detail string
}

func (m marker) String() string { return m.kind + " " + strconv.Quote(m.detail) }

// pageResult is what one page load showed.
type pageResult struct {
	markers  []marker
	dom      string   // Chromium's DOM of the body, as JSON
	badURLs  []string // URL attributes Chromium resolves to another scheme or with user information
	requests []string // URLs Chromium requested for the page but the page itself
	checks   []string // failures of the run's page checks (see runPagesChecked)
	err      error
}

// problems lists what went wrong with the page in any run: an error
// loading it, a marker that fired, a URL attribute Chromium resolves to
// another scheme or with user information (pokeJS, run in every page).
func (res pageResult) problems() []string {
	var problems []string
	if res.err != nil {
		problems = append(problems, "loading: "+res.err.Error())
	}
	for _, m := range res.markers {
		problems = append(problems, "marker fired: "+m.String())
	}
	for _, b := range res.badURLs {
		problems = append(problems, "URL Chromium resolves to another scheme or with user information: "+b)
	}
	return problems
}

// harness serves pages on 127.0.0.1 and loads them one after the other in
// one tab of a headless Chromium.
type harness struct {
	pages  []*page
	srv    *httptest.Server
	checks string // JS run in each page once loaded, before it is provoked: a list of failures

	mu      sync.Mutex
	results []pageResult
	served  []string // request URIs the server saw that are not pages
	stray   []marker // markers that could not be put down to a page
	cur     atomic.Int64
}

func (h *harness) pageURL(i int) string { return fmt.Sprintf("%s/case/%d", h.srv.URL, i) }

// pageIndex returns the page a URL belongs to, or the page being loaded.
func (h *harness) pageIndex(u string) int {
	if rest, ok := strings.CutPrefix(u, h.srv.URL+"/case/"); ok {
		if i, err := strconv.Atoi(rest); err == nil && i >= 0 && i < len(h.pages) {
			return i
		}
	}
	return int(h.cur.Load())
}

func (h *harness) addMarker(i int, m marker) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if i < 0 || i >= len(h.results) {
		h.stray = append(h.stray, m)
		return
	}
	h.results[i].markers = append(h.results[i].markers, m)
}

// documentPrefix starts every page; the body follows it directly, so that
// Chromium parses it as x/net's ParseFragment does with a body context.
const documentPrefix = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>case</title></head><body>"

func (h *harness) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	if rest, ok := strings.CutPrefix(r.URL.Path, "/case/"); ok {
		if i, err := strconv.Atoi(rest); err == nil && i >= 0 && i < len(h.pages) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, documentPrefix, h.pages[i].body)
			return
		}
	}
	h.mu.Lock()
	h.served = append(h.served, r.URL.RequestURI())
	h.mu.Unlock()
	http.NotFound(w, r)
}

// chromiumPath finds the browser: $CHROMIUM, or chromium on $PATH.
func chromiumPath(t *testing.T) string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("no Chromium: apt-get install -y chromium, or set $CHROMIUM")
	return ""
}

// run is the outcome of loading a list of pages.
type run struct {
	base    string       // the test server's URL
	results []pageResult // one per page
	served  []string     // request URIs the server saw that were not for a page
	stray   []marker     // markers no page could be found for
}

// pageURL is the URL page i had.
func (r *run) pageURL(i int) string { return fmt.Sprintf("%s/case/%d", r.base, i) }

// runPages loads every page in headless Chromium and returns what each
// showed.
func runPages(t *testing.T, pages []*page) *run {
	t.Helper()
	return runPagesChecked(t, pages, "")
}

// runPagesChecked is runPages that also evaluates checksJS in each page
// once it is loaded, before it is provoked; checksJS returns a list of
// strings, the failures, kept in the page's result.
func runPagesChecked(t *testing.T, pages []*page, checksJS string) *run {
	t.Helper()
	h := &harness{pages: pages, results: make([]pageResult, len(pages)), checks: checksJS}
	h.cur.Store(-1)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	h.srv = &httptest.Server{Listener: ln, Config: &http.Server{Handler: h}}
	h.srv.Start()
	defer h.srv.Close()

	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), chromiumOptions(t,
		// Nothing leaves the machine: every host but the test server's
		// fails to resolve.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("mute-audio", true),
		// One renderer for the whole run: no process swap per navigation.
		chromedp.Flag("disable-features", "BackForwardCache,ProactivelySwapBrowsingInstance,RenderDocument"),
		chromedp.Flag("disable-renderer-backgrounding", true),
		chromedp.Flag("disable-background-timer-throttling", true),
	)...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()

	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		if _, err := chromedp.Call(ctx, runtime.AddBinding, runtime.AddBindingParams{Name: markerBinding}); err != nil {
			return err
		}
		_, err := chromedp.Call(ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: hookJS})
		return err
	})); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}

	var wg sync.WaitGroup
	defer wg.Wait()
	evCtx, stopEvents := context.WithCancel(ctx)
	defer stopEvents()
	wg.Add(3)
	go func() {
		defer wg.Done()
		for ev, err := range chromedp.Events(evCtx, runtime.BindingCalled) {
			if err != nil {
				return
			}
			if ev.Name != markerBinding {
				continue
			}
			var m struct{ Kind, Detail, URL string }
			if json.Unmarshal([]byte(ev.Payload), &m) != nil {
				m.Kind, m.Detail = "binding", ev.Payload
			}
			h.addMarker(h.pageIndex(m.URL), marker{m.Kind, m.Detail})
		}
	}()
	go func() {
		// A dialog the hooks did not catch (a frame they did not reach):
		// a marker too, and it must be closed or the page stalls.
		defer wg.Done()
		for ev, err := range chromedp.Events(evCtx, cdppage.JavascriptDialogOpening) {
			if err != nil {
				return
			}
			h.addMarker(h.pageIndex(ev.URL), marker{"dialog", string(ev.Type) + " " + ev.Message})
			go chromedp.Call(ctx, cdppage.HandleJavaScriptDialog, cdppage.HandleJavaScriptDialogParams{})
		}
	}()
	go func() {
		defer wg.Done()
		for ev, err := range chromedp.Events(evCtx, network.RequestWillBeSent) {
			if err != nil {
				return
			}
			if ev.Request == nil {
				continue
			}
			i := h.pageIndex(ev.DocumentURL)
			if ev.Request.URL == h.pageURL(i) {
				continue // the page itself
			}
			h.mu.Lock()
			if i >= 0 && i < len(h.results) {
				h.results[i].requests = append(h.results[i].requests, ev.Request.URL)
			}
			h.mu.Unlock()
		}
	}()

	for i := range pages {
		h.cur.Store(int64(i))
		dom, bad, checks, err := h.load(ctx, i)
		h.mu.Lock()
		h.results[i].dom, h.results[i].badURLs, h.results[i].checks, h.results[i].err = dom, bad, checks, err
		h.mu.Unlock()
	}
	// Late events still name their page; give them a moment.
	time.Sleep(200 * time.Millisecond)
	h.cur.Store(-1)
	stopEvents()
	cancel()
	wg.Wait()
	h.mu.Lock()
	defer h.mu.Unlock()
	return &run{base: h.srv.URL, results: h.results, served: h.served, stray: h.stray}
}

// load navigates to page i, waits for it to settle, takes Chromium's DOM of
// the body, then provokes the page (pokeJS) and waits again.
func (h *harness) load(ctx context.Context, i int) (dom string, badURLs, checks []string, err error) {
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(h.pageURL(i)), chromedp.Sleep(20*time.Millisecond)); err != nil {
		return "", nil, nil, fmt.Errorf("navigate: %w", err)
	}
	dom, err = chromedp.Run(ctx, chromedp.Evaluate[string](domJS))
	if err != nil {
		return "", nil, nil, fmt.Errorf("reading the DOM: %w", err)
	}
	if h.checks != "" {
		checks, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](h.checks))
		if err != nil {
			return dom, nil, nil, fmt.Errorf("running the page checks: %w", err)
		}
	}
	badURLs, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](pokeJS))
	if err != nil && !errors.Is(err, context.DeadlineExceeded) {
		err = fmt.Errorf("provoking the page: %w", err)
	}
	if err2 := chromedp.Do(ctx, chromedp.Sleep(40*time.Millisecond)); err == nil && err2 != nil {
		err = err2
	}
	return dom, badURLs, checks, err
}

// resolve makes ref absolute against base, as the requests Chromium makes.
// Where net/url and the URL standard part, it follows the standard: a
// reference with the base's special scheme but no "//" after it
// ("http:/0", "http:x") is relative to the base, and a host that ends in a
// number is an IPv4 address in the standard's forms ("0000000000000" is
// 0.0.0.0, "0x7f.1" is 127.0.0.1).
func resolve(base, ref string) string {
	b, err := url.Parse(base)
	if err != nil {
		return ref
	}
	ref = strings.TrimSpace(ref)
	if scheme, rest, ok := strings.Cut(ref, ":"); ok && (strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https")) {
		// A special scheme: a backslash is a slash before the query, and
		// the host comes after any run of slashes; with the base's own
		// scheme and no two slashes, the rest is relative to the base.
		if q := strings.IndexAny(rest, "?#"); q >= 0 {
			rest = strings.ReplaceAll(rest[:q], "\\", "/") + rest[q:]
		} else {
			rest = strings.ReplaceAll(rest, "\\", "/")
		}
		switch {
		case strings.EqualFold(scheme, b.Scheme) && !strings.HasPrefix(rest, "//"):
			ref = rest
		default:
			ref = strings.ToLower(scheme) + "://" + strings.TrimLeft(rest, "/")
		}
	}
	r, err := url.Parse(ref)
	if err != nil {
		return ref
	}
	u := b.ResolveReference(r)
	// As a browser writes the URL it requests: an ASCII host in lower case,
	// and "/" for the empty path of a special scheme ("//A" is http://a/).
	if isASCII(u.Host) {
		u.Host = strings.ToLower(u.Host)
		if ip, ok := standardIPv4(u.Hostname()); ok {
			if p := u.Port(); p != "" {
				ip += ":" + p
			}
			u.Host = ip
		}
	}
	if (u.Scheme == "http" || u.Scheme == "https") && u.Opaque == "" && u.Path == "" {
		u.Path = "/"
	}
	return u.String()
}

// standardIPv4 reads host as the URL standard's IPv4 parser does when
// host ends in a number: one to four parts, each decimal, hexadecimal
// after 0x or octal after 0, the last filling the bytes left. It returns
// the dotted address, or false for a host that is not one.
func standardIPv4(host string) (string, bool) {
	parts := strings.Split(strings.TrimSuffix(host, "."), ".")
	if len(parts) > 4 {
		return "", false
	}
	nums := make([]uint64, len(parts))
	for i, p := range parts {
		base := 10
		switch {
		case strings.HasPrefix(p, "0x") || strings.HasPrefix(p, "0X"):
			p, base = p[2:], 16
		case len(p) > 1 && p[0] == '0':
			p, base = p[1:], 8
		}
		if p == "" {
			if base == 10 {
				return "", false
			}
			nums[i] = 0
			continue
		}
		n, err := strconv.ParseUint(p, base, 64)
		if err != nil {
			return "", false
		}
		nums[i] = n
	}
	addr := uint64(0)
	for i, n := range nums[:len(nums)-1] {
		if n > 255 {
			return "", false
		}
		addr |= n << (8 * (3 - i))
	}
	last := nums[len(nums)-1]
	if last >= 1<<(8*(5-len(nums))) {
		return "", false
	}
	addr |= last
	return fmt.Sprintf("%d.%d.%d.%d", addr>>24, addr>>16&255, addr>>8&255, addr&255), true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// chromiumOptions are the options every test starts Chromium with
// (headless, no sandbox, no network of its own, a fresh profile), then
// extra.
func chromiumOptions(t *testing.T, extra ...chromedp.ExecAllocatorOption) []chromedp.ExecAllocatorOption {
	t.Helper()
	return append([]chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
	}, extra...)
}
