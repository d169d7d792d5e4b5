package article

import (
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// plainAbsoluteURL is the independent reading FuzzFieldURL checks the field
// URL check against, in the other direction: s is printable ASCII without
// spaces, backslashes or '@' (so no user information by any reading),
// net/url reads it as an http or https URL with a host and no user, and
// "//" follows the scheme. Every such URL is one source_link, enclosure
// and qrcode must accept. It shares no code with fieldURLProblem.
func plainAbsoluteURL(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c >= 0x7f || c == '\\' || c == '@' {
			return false
		}
	}
	u, err := url.Parse(s)
	if err != nil || u.User != nil || u.Hostname() == "" {
		return false
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return false
	}
	return strings.HasPrefix(s[len(u.Scheme):], "://")
}

// TestFieldURLOracle: the field URL check against the independent reading
// both ways, on a table of URLs either side of the line.
func TestFieldURLOracle(t *testing.T) {
	for _, tc := range []struct {
		in   string
		good bool
	}{
		{"https://example.org/a", true},
		{"http://example.org", true},
		{"HTTPS://EXAMPLE.ORG/A?b=c#d", true},
		{"https://[::1]:80/x", true},
		{"https://127.0.0.1:8080/", true},
		{"https://h/%41%2F?q=%20", true},
		{"https://h/a;b,c!$'()*+=", true},
		{"https://h.example/~user/a_b-c.d", true},
		{"https://h:/", true},
		{"https://h?x", true},
		{"https://h#f", true},
		{"https://:80/", false},
		{"https:///a", false},
		{"https:h/a", false},
		{"https://u@h/", false},
		{"https://u:p@h/", false},
		{"http://h/a b", false},
		{"https://h\\@e/", false},
		{"https://h/\t", false},
		{"ftp://h/", false},
		{"javascript://h/%0aalert(1)", false},
		{"//h/a", false},
		{"/a", false},
		{"", false},
		{"https://?x", false},
		{"https://h:x/", false},
		{"https://h/%zz", false},
	} {
		require.Equal(t, tc.good, plainAbsoluteURL(tc.in), "oracle on %q", tc.in)
		if tc.good {
			require.Empty(t, fieldURLProblem(tc.in), tc.in)
		} else {
			require.NotEmpty(t, fieldURLProblem(tc.in), tc.in)
		}
	}
}

// quickURLValues generates attribute values that a browser may or may not
// read as a script URL: schemes spelt with spaces, tabs, character
// references and mixed case, with and without a separator.
func quickURLValues() []string {
	var vals []string
	for _, pre := range []string{"", " ", "\t", "&#9;", "&#32;", "&#10;"} {
		for _, sch := range []string{"javascript", "JaVaScRiPt", "java\tscript", "java&#9;script",
			"java&#x09;script", "&#106;avascript", "&#x6A;avascript", "jav&#97;script", "vbscript",
			"data", "livescript", "http", "https", "HTTPS", "mailto", "tel", "ftp", "x-y.z+w", ""} {
			for _, sep := range []string{":", "&#58;", "&#x3a;", "&colon;", "%3a", "\t:", ""} {
				for _, rest := range []string{"alert(1)", "//h.example/x", "text/html,x"} {
					vals = append(vals, pre+sch+sep+rest)
				}
			}
		}
	}
	return vals
}

// TestQuickCleanURLOracle checks the quick check's URL rules against the
// independent checker of sanitize_check_test.go: whenever the quick check
// calls a body clean, the checker (which parses the body as a browser
// does and reads each URL's scheme itself) finds no URL it would refuse,
// in the body or in the sanitiser's output.
func TestQuickCleanURLOracle(t *testing.T) {
	templates := []string{
		`<a href="%s">t</a>`,
		`<a href='%s' title="x">t</a>`,
		`<img src="%s" alt="">`,
		`<img srcset="%s 1x, /b.png 2x" alt="">`,
		`<img srcset="/a.png 1x, %s 2x" alt="">`,
		`<blockquote cite="%s">q</blockquote>`,
		`<q cite=%s>q</q>`,
	}
	policies := []*Policy{ArticlePolicy(), quickWidePolicy(),
		ArticlePolicy().Builder().CheckLinkText(false).RequireRel().Policy()}
	clean := 0
	for _, v := range quickURLValues() {
		for _, tmpl := range templates {
			body := strings.Replace(tmpl, "%s", v, 1)
			for _, p := range policies {
				if !quickClean(p, body) {
					continue
				}
				clean++
				for _, html := range []string{body, p.Sanitize(body)} {
					for _, bad := range unsafeConstructs(html) {
						require.False(t, strings.HasPrefix(bad, "URL "),
							"quick check calls %q clean; the checker refuses %s", body, bad)
					}
				}
			}
		}
	}
	// The generator must reach the quick check's "clean" answer often
	// enough for the test to mean something.
	require.Greater(t, clean, 500)
	t.Logf("%d clean of %d", clean, len(quickURLValues())*len(templates)*len(policies))
}
