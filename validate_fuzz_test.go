package article

import (
	"bytes"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzValidate: Validate never panics and is deterministic; every problem
// wraps one of the sentinels; a position, when set, points inside the file
// at the text of its key (its first byte, or the quote of a quoted key)
// or, for the body, at the '<' of the tag or at the attribute named; the
// same article built in code has the same problems, without positions.
func FuzzValidate(f *testing.F) {
	for _, pat := range []string{"testdata/invalid/*.md", "testdata/articles/*.md", "testdata/parse/*.md"} {
		files, err := filepath.Glob(pat)
		require.NoError(f, err)
		for _, name := range files {
			src, err := os.ReadFile(name)
			require.NoError(f, err)
			f.Add(src)
		}
	}
	f.Add([]byte("\uFEFF\r\n+++\r\n\"Title\" = 1\r\n'url' = \"//x\"\r\n+++\r\n\r\n<p>\r<b onclick=x>é</b><!--c--></p>"))
	f.Add([]byte("+++\ntitle.x = 1\n[summery]\ntitle = 2\n[[Date]]\n+++\n<a href=javascript:x>y</a>"))
	sentinels := []error{ErrRequired, ErrInvalidValue, ErrInvalidURL, ErrMismatch, ErrUnsafeHTML, ErrUnknownKey}
	v := testValidator()
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 1<<16 {
			return
		}
		a, err := Parse(bytes.NewReader(src))
		if err != nil {
			return
		}
		err = v.Validate(a)
		again := v.Validate(a)
		if err == nil {
			require.NoError(t, again)
			return
		}
		require.Equal(t, err.Error(), again.Error(), "deterministic")
		fes := fieldErrors(t, err)
		require.NotEmpty(t, fes)
		lines := strings.SplitAfter(string(src), "\n")
		for _, fe := range fes {
			require.NotEmpty(t, fe.Key)
			wraps := false
			for _, s := range sentinels {
				wraps = wraps || errors.Is(fe, s)
			}
			require.True(t, wraps, "%v wraps no sentinel", fe)
			if fe.Line == 0 {
				require.Zero(t, fe.Column)
				continue
			}
			require.LessOrEqual(t, fe.Line, len(lines), "%v", fe)
			require.Positive(t, fe.Column, "%v", fe)
			line := lines[fe.Line-1]
			require.Less(t, fe.Column-1, len(line), "%v", fe)
			at := line[fe.Column-1:]
			if fe.Key != "body" {
				require.True(t, strings.HasPrefix(at, fe.Key) || at[0] == '"' || at[0] == '\'',
					"%v points at %q", fe, shortText(at, 40))
				continue
			}
			msg := fe.Err.Error()
			switch {
			case strings.Contains(msg, ChangeNULDropped.String()):
				require.Equal(t, byte(0), at[0], "%v points at %q", fe, shortText(at, 40))
				continue
			case strings.Contains(msg, ChangeNotContained.String()):
				continue // the body as a whole, placed at its start
			case strings.Contains(msg, ChangeUnfinishedMarkup.String()) && at[0] == '&':
				// A numeric character reference without its ';' is
				// located at its '&'.
				require.True(t, strings.HasPrefix(at, "&#"), "%v points at %q", fe, shortText(at, 40))
				continue
			}
			// " <elem attr>" in the message names the attribute.
			if i := strings.Index(msg, " <"); i >= 0 {
				if j := strings.IndexByte(msg[i:], '>'); j >= 0 {
					if el, attr, ok := strings.Cut(msg[i+2:i+j], " "); ok && el != "" {
						require.True(t, len(at) >= len(attr) && strings.EqualFold(at[:len(attr)], attr),
							"%v points at %q", fe, shortText(at, 40))
						continue
					}
				}
			}
			require.Equal(t, byte('<'), at[0], "%v points at %q", fe, shortText(at, 40))
		}
		built := *a
		built.src = source{}
		bes := fieldErrors(t, v.Validate(&built))
		require.Len(t, bes, len(fes))
		for _, fe := range bes {
			require.Zero(t, fe.Line, "%v", fe)
		}
	})
}

// FuzzFieldURL: a URL that the check of source_link, enclosure and qrcode
// accepts is an absolute http or https URL with a host, without user
// information or spaces, by net/url as well; and, the other way, every URL
// the independent reading plainAbsoluteURL (url_oracle_test.go) calls a
// plain absolute http(s) URL without user information, the check accepts.
func FuzzFieldURL(f *testing.F) {
	for _, s := range []string{"https://example.org/a", "https://[::1]:80/x", "https://:80/", "https:///a",
		"https://u@h/", "http://h/a b", "HTTP://H", "https://h\\@e/", "https://h%41/", "https://?x",
		"https://h:/", "https://h/%41", "https://127.0.0.1:8080/?q#f", "HTTPS://EXAMPLE.ORG/A"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if fieldURLProblem(s) != "" {
			require.False(t, plainAbsoluteURL(s), "%q is refused: %s", s, fieldURLProblem(s))
			return
		}
		u, err := url.Parse(s)
		require.NoError(t, err, s)
		require.Contains(t, []string{"http", "https"}, strings.ToLower(u.Scheme), s)
		require.NotEmpty(t, u.Hostname(), s)
		require.Nil(t, u.User, s)
		require.False(t, strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f }), s)
	})
}
