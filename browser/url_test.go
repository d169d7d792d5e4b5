//go:build browser

package browser

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The URL differential: every URL string of the library's
// testdata/urls/whatwg.jsonl (written by its TestURLDiffGolden from the
// library's own reading of URLs, url.go) is given to Chromium's
// new URL(s, base), against an https and an http base, and Chromium's
// scheme, username, password and host are compared with the library's.

// urlCase is one line of the file: the library's reading of In.
type urlCase struct {
	In            string `json:"in"`
	Scheme        string `json:"scheme"`
	Authority     bool   `json:"authority"`
	BaseDependent bool   `json:"base_dependent"`
	At            bool   `json:"at"`
	User          string `json:"user"`
	Pass          string `json:"pass"`
	Host          string `json:"host"`
	HostOK        bool   `json:"host_ok"`
	Kept          bool   `json:"kept"`
}

// browserURL is what Chromium made of one string against one base.
type browserURL struct {
	OK       bool   `json:"ok"`
	Protocol string `json:"protocol"`
	Username string `json:"username"`
	Password string `json:"password"`
	Hostname string `json:"hostname"`
}

var urlBases = []string{"https://site.example/dir/page", "http://site.example/dir/page"}

const urlJS = `((inputs, bases) => inputs.map((s) => bases.map((b) => {
  try {
    const u = new URL(s, b);
    return {ok: true, protocol: u.protocol, username: u.username, password: u.password, hostname: u.hostname};
  } catch (e) {
    return {ok: false};
  }
})))`

func readURLCases(t *testing.T) []urlCase {
	t.Helper()
	f, err := os.Open("../testdata/urls/whatwg.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []urlCase
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var c urlCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("%s: %v", sc.Text(), err)
		}
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(cases) < 300 {
		t.Fatalf("%d URL cases, want at least 300", len(cases))
	}
	return cases
}

// chromiumURLs returns Chromium's reading of every input against every
// base of urlBases.
func chromiumURLs(t *testing.T, inputs []string) [][]browserURL {
	t.Helper()
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), chromiumOptions(t,
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND"),
	)...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	defer cancelTimeout()
	in, err := json.Marshal(inputs)
	if err != nil {
		t.Fatal(err)
	}
	bases, _ := json.Marshal(urlBases)
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("Chromium: %v", err)
	}
	out, err := chromedp.Run(ctx, chromedp.Evaluate[[][]browserURL](urlJS+"("+string(in)+", "+string(bases)+")"))
	if err != nil {
		t.Fatalf("Chromium: %v", err)
	}
	if len(out) != len(inputs) {
		t.Fatalf("Chromium returned %d results for %d inputs", len(out), len(inputs))
	}
	return out
}

// TestURLDifferential: no disagreement with Chromium where the URL check
// depends on it. What must hold, for every input and base that Chromium
// parses:
//
//   - a username or password in Chromium's reading is user information in
//     the library's (at), and the URL check keeps no such URL;
//   - the scheme is the library's (or the base's, for a reference without
//     one);
//   - with user information, username and password are the library's,
//     percent-encoded as the standard does;
//   - for a special scheme with an authority of its own, the host is
//     webHost's, when webHost accepts it;
//   - a relative reference without an authority keeps the base's host.
//
// Differences tolerated because the library reads more strictly, each
// counted and logged:
//
//   - base-dependent: "https:h" and "https:/h" read against a base of the
//     same scheme are a path on the base's host to Chromium; the library
//     reads them as an authority (as every other base does), so it may
//     refuse or flag them where Chromium would not;
//   - empty user information ("https://@h", "https://:@h"): no username
//     for Chromium, refused by the library;
//   - host refused by the library, accepted by Chromium;
//   - inputs Chromium cannot parse at all (such a URL loads nothing).
func TestURLDifferential(t *testing.T) {
	cases := readURLCases(t)
	inputs := make([]string, len(cases))
	for i, c := range cases {
		inputs[i] = c.In
	}
	results := chromiumURLs(t, inputs)
	tolerated := map[string]int{}
	compared := 0
	for i, c := range cases {
		for j, base := range urlBases {
			r := results[i][j]
			if !r.OK {
				tolerated["Chromium cannot parse it"]++
				continue
			}
			compared++
			bad := func(format string, args ...any) {
				t.Helper()
				t.Errorf("%q against %s: Chromium %+v, library %+v: "+format, append([]any{c.In, base, r, c}, args...)...)
			}
			if (r.Username != "" || r.Password != "") && (!c.At || c.Kept) {
				bad("user information the library does not refuse")
				continue
			}
			baseScheme := base[:strings.IndexByte(base, ':')]
			if c.BaseDependent && c.Scheme == baseScheme {
				if r.Hostname != "site.example" || r.Username != "" || r.Password != "" {
					bad("a base-dependent URL against a base of its scheme is no path on the base's host")
				} else {
					tolerated["base-dependent: a path on the base's host to Chromium"]++
				}
				continue
			}
			scheme := c.Scheme
			if scheme == "" {
				scheme = baseScheme
			}
			if r.Protocol != scheme+":" {
				bad("scheme")
				continue
			}
			if c.At {
				if r.Username == "" && r.Password == "" && c.User == "" && c.Pass == "" {
					tolerated["empty user information, refused by the library"]++
				} else if r.Username != c.User || r.Password != c.Pass {
					bad("username or password")
				}
			}
			special := map[string]bool{"http": true, "https": true, "ws": true, "wss": true, "ftp": true}[scheme]
			switch {
			case c.Authority && special && c.HostOK:
				if r.Hostname != c.Host {
					bad("host")
				}
			case c.Authority && special:
				tolerated["host refused by the library, accepted by Chromium"]++
				t.Logf("tolerated: host of %q: Chromium %q, library refuses it", c.In, r.Hostname)
			case !c.Authority && c.Scheme == "":
				if r.Hostname != "site.example" {
					bad("a relative reference without an authority leaves the base's host")
				}
			}
		}
	}
	t.Logf("%d inputs, %d comparisons with Chromium; tolerated: %v", len(cases), compared, tolerated)
}

// TestResolveAsTheStandard: resolve, which explains the requests Chromium
// makes, follows the URL standard where net/url does not (found by the
// fuzz cache's inputs in a CI trial: "http://0000000000000" was requested
// as http://0.0.0.0/, "http:/0" as a path on the page's own host).
func TestResolveAsTheStandard(t *testing.T) {
	const base = "http://127.0.0.1:34673/p/page.html"
	for ref, want := range map[string]string{
		"http://0000000000000": "http://0.0.0.0/",
		"http:/0":              "http://127.0.0.1:34673/0",
		"http:0":               "http://127.0.0.1:34673/p/0",
		"HTTP:/x?y":            "http://127.0.0.1:34673/x?y",
		"http://0x7f.1/a":      "http://127.0.0.1/a",
		"http://0177.0.0.1":    "http://127.0.0.1/",
		"http://2130706433:8":  "http://127.0.0.1:8/",
		"http://1.2.3.4/x":     "http://1.2.3.4/x",
		"http://EXAMPLE.com":   "http://example.com/",
		"http://a.1example/":   "http://a.1example/",
		"https:/x":             "https://x/",
		`https:\\x\y`:          "https://x/y",
		"http:\\\\0":           "http://0.0.0.0/",
		"//Example.org/i.png":  "http://example.org/i.png",
		"/i.png":               "http://127.0.0.1:34673/i.png",
	} {
		if got := resolve(base, ref); got != want {
			t.Errorf("resolve(%q) = %q, want %q", ref, got, want)
		}
	}
}
