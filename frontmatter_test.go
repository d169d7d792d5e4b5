package article

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sentinels maps the package's sentinel errors to their names, for goldens.
var sentinels = []struct {
	name string
	err  error
}{
	{"ErrNoFrontMatter", ErrNoFrontMatter}, {"ErrUnterminated", ErrUnterminated},
	{"ErrTooLarge", ErrTooLarge}, {"ErrSyntax", ErrSyntax}, {"ErrDuplicateKey", ErrDuplicateKey},
	{"ErrType", ErrType}, {"ErrDate", ErrDate}, {"ErrUnknownKey", ErrUnknownKey}, {"ErrEncode", ErrEncode},
}

func sentinelName(err error) string {
	for _, s := range sentinels {
		if errors.Is(err, s.err) {
			return s.name
		}
	}
	return ""
}

// goldenResult is what a golden file records about parsing one input.
type goldenResult struct {
	Error    string         `json:"error,omitempty"`
	Is       string         `json:"is,omitempty"`
	Line     int            `json:"line,omitempty"`
	Column   int            `json:"column,omitempty"`
	Key      string         `json:"key,omitempty"`
	Title    string         `json:"title,omitempty"`
	Date     string         `json:"date,omitempty"`
	Draft    bool           `json:"draft,omitempty"`
	Fields   []string       `json:"fields,omitempty"`
	IDs      []int64        `json:"ids,omitempty"`
	Params   map[string]any `json:"params,omitempty"`
	Body     string         `json:"body,omitempty"`
	Encoded  string         `json:"encoded,omitempty"`
	RoundTri bool           `json:"byte_exact_round_trip,omitempty"`
}

func resultOf(t *testing.T, src []byte) goldenResult {
	a, err := Parse(bytes.NewReader(src))
	if err != nil {
		g := goldenResult{Error: err.Error(), Is: sentinelName(err)}
		var pe *ParseError
		if errors.As(err, &pe) {
			g.Line, g.Column, g.Key = pe.Line, pe.Column, pe.Key
		}
		return g
	}
	var out bytes.Buffer
	a.DropSource() // "encoded" is the canonical layout; edit_test.go checks the lossless one
	require.NoError(t, a.Encode(&out))
	return goldenResult{
		Title:    a.Title,
		Date:     a.Date.Format(time.RFC3339Nano + " MST"),
		Draft:    a.Draft,
		Fields:   []string{a.Summary, a.Description, a.SourceLink, a.Enclosure, a.URL, a.QRCode, a.Source},
		IDs:      []int64{a.ArticleID, a.FeedItemID},
		Params:   a.Params,
		Body:     a.Body,
		Encoded:  out.String(),
		RoundTri: bytes.Equal(out.Bytes(), src),
	}
}

// TestGolden parses every file under testdata/parse and compares what it
// got, the error or the article and its encoding, with NAME.golden.json.
// Run with -update to rewrite the golden files after a deliberate change.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/parse/*.md")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 10)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			require.NoError(t, err)
			got, err := json.MarshalIndent(resultOf(t, src), "", "  ")
			require.NoError(t, err)
			got = append(got, '\n')
			goldenPath := strings.TrimSuffix(f, ".md") + ".golden.json"
			// Error files are named e*; the others must parse.
			if strings.HasPrefix(filepath.Base(f), "e") {
				assert.Contains(t, string(got), `"error"`)
			} else {
				assert.NotContains(t, string(got), `"error"`)
			}
			golden(t, goldenPath, string(got))
		})
	}
}

// TestCanonicalRoundTrip: files in the canonical layout are written back
// byte for byte.
func TestCanonicalRoundTrip(t *testing.T) {
	for _, name := range []string{"01-canonical.md", "02-canonical-params.md", "09-offset-kept.md", "13-no-body.md"} {
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("testdata/parse", name))
			require.NoError(t, err)
			a, err := Parse(bytes.NewReader(src))
			require.NoError(t, err)
			var out bytes.Buffer
			require.NoError(t, a.Encode(&out))
			assert.Equal(t, string(src), out.String())
		})
	}
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata/parse", name))
	require.NoError(t, err)
	return src
}

func TestParseCanonicalFields(t *testing.T) {
	a, err := Parse(bytes.NewReader(readTestdata(t, "01-canonical.md")))
	require.NoError(t, err)
	assert.Equal(t, "City Council Approves $40M Flood Barrier After Two-Year Debate", a.Title)
	assert.True(t, a.Date.Equal(time.Date(2025, 3, 11, 9, 45, 0, 0, time.UTC)))
	assert.Equal(t, time.UTC, a.Date.Location())
	assert.False(t, a.Draft)
	assert.Equal(t, int64(120001), a.ArticleID)
	assert.Equal(t, int64(20001), a.FeedItemID)
	assert.Equal(t, "Example Newswire (ENW)", a.Source)
	assert.Equal(t, "/202503/120001-city-council-approves-40m-flood-barrier-after-two-year-debate", a.URL)
	assert.Nil(t, a.Params)
	assert.True(t, strings.HasPrefix(a.Body, "<p>The city council"), a.Body)
	assert.True(t, strings.HasSuffix(a.Body, "</a>.</p>"))
}

func TestParseLayouts(t *testing.T) {
	const fm = "title = \"T\"\narticle_id = 7\n"
	tests := []struct {
		name, in, body string
	}{
		{"lf", "+++\n" + fm + "+++\n\n<p>x</p>\n", "<p>x</p>\n"},
		{"crlf", "+++\r\n" + strings.ReplaceAll(fm, "\n", "\r\n") + "+++\r\n\r\n<p>x</p>\r\n", "<p>x</p>\r\n"},
		{"bom", "\uFEFF+++\n" + fm + "+++\n\n<p>x</p>", "<p>x</p>"},
		{"blank lines before", "\n\r\n \t\n+++\n" + fm + "+++\n\nb", "b"},
		{"trailing blanks on delimiters", "+++ \t\n" + fm + "+++\t \nb", "b"},
		{"no separator line", "+++\n" + fm + "+++\nb", "b"},
		{"only one empty line is a separator", "+++\n" + fm + "+++\n\n\nb", "\nb"},
		{"no body", "+++\n" + fm + "+++", ""},
		{"empty front matter", "+++\n+++\n", ""},
		{"plus lines in body stay", "+++\n" + fm + "+++\n\na\n+++\nb\n", "a\n+++\nb\n"},
		{"closer only at line start", "+++\n" + fm + "x = \"+++\"\n+++\n\nb", "b"},
		{"four pluses do not close", "+++\n" + fm + "+++\n\n++++\nb", "++++\nb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse(strings.NewReader(tt.in))
			require.NoError(t, err)
			assert.Equal(t, tt.body, a.Body)
			if strings.Contains(tt.in, "article_id") {
				assert.Equal(t, "T", a.Title)
				assert.Equal(t, int64(7), a.ArticleID)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		is        error
		line, col int
		key       string
	}{
		{"empty input", "", ErrNoFrontMatter, 1, 1, ""},
		{"only blank lines", "\n\n  \n", ErrNoFrontMatter, 4, 1, ""},
		{"body first", "<p>x</p>\n+++\n+++\n", ErrNoFrontMatter, 1, 1, ""},
		{"bom then text", "\uFEFFhello", ErrNoFrontMatter, 1, 4, ""},
		{"four pluses", "++++\ntitle = \"x\"\n++++\n", ErrNoFrontMatter, 1, 1, ""},
		{"text after opener", "+++ title = \"x\"\n+++\n", ErrNoFrontMatter, 1, 1, ""},
		{"unterminated", "\n\n+++\ntitle = \"x\"\n", ErrUnterminated, 3, 1, ""},
		{"unterminated by four", "+++\ntitle = \"x\"\n++++\n", ErrUnterminated, 1, 1, ""},
		{"duplicate schema key", "+++\ntitle = \"a\"\ndraft = true\ntitle = \"b\"\n+++\n", ErrDuplicateKey, 4, 1, "title"},
		{"duplicate other key", "+++\ntitle = \"a\"\nx = 1\nx = 2\n+++\n", ErrDuplicateKey, 4, 1, "x"},
		{"wrong type id", "+++\ntitle = \"a\"\narticle_id = \"abc\"\n+++\n", ErrType, 3, 1, "article_id"},
		{"wrong type title", "\n+++\ntitle = 5\n+++\n", ErrType, 3, 1, "title"},
		{"wrong type draft", "+++\ndraft = \"yes\"\n+++\n", ErrType, 2, 1, "draft"},
		{"float id", "+++\narticle_id = 1.5\n+++\n", ErrType, 2, 1, "article_id"},
		{"id overflow", "+++\nfeed_item_id = 9223372036854775808\n+++\n", ErrType, 2, 1, "feed_item_id"},
		{"schema key as table", "+++\ntitle = \"a\"\n[source]\nname = \"x\"\n+++\n", ErrType, 3, 2, "source"},
		{"schema key dotted", "+++\ntitle.main = \"a\"\n+++\n", ErrType, 2, 1, "title"},
		{"syntax", "+++\ntitle = \"a\"\ndraft = False\n+++\n", ErrSyntax, 3, 9, ""},
		{"syntax unterminated string", "+++\ntitle = \"a\n+++\n", ErrSyntax, 2, 0, ""},
		{"syntax after table", "+++\n[t]\nx = \n+++\n", ErrSyntax, 3, 0, ""},
		{"invalid utf8 in string", "+++\ntitle = \"a\xffb\"\n+++\n", ErrSyntax, 2, 11, ""},
		{"invalid utf8 in comment", "+++\n# \xff\ntitle = \"a\"\n+++\n", ErrSyntax, 2, 3, ""},
		{"bad date", "+++\ntitle = \"a\"\n\ndate = \"yesterday\"\n+++\n", ErrDate, 4, 1, "date"},
		{"zone abbreviation", "+++\ndate = \"Thu, 24 Jul 2025 14:10:31 EDT\"\n+++\n", ErrDate, 2, 1, "date"},
		{"invalid calendar date", "+++\ndate = \"2025-02-30T10:00:00Z\"\n+++\n", ErrDate, 2, 1, "date"},
		{"local time as date", "+++\ndate = 10:00:00\n+++\n", ErrType, 2, 1, "date"},
		{"integer date", "+++\n  date = 1700000000\n+++\n", ErrType, 2, 3, "date"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse(strings.NewReader(tt.in))
			require.Error(t, err)
			assert.Nil(t, a)
			assert.ErrorIs(t, err, tt.is)
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, tt.line, pe.Line, "line")
			if tt.col != 0 {
				assert.Equal(t, tt.col, pe.Column, "column")
			} else {
				assert.Positive(t, pe.Column)
			}
			assert.Equal(t, tt.key, pe.Key)
			prefix := strconv.Itoa(pe.Line) + ":" + strconv.Itoa(pe.Column) + ":"
			assert.True(t, strings.HasPrefix(err.Error(), prefix+" "), err.Error())
			if tt.key != "" {
				assert.Contains(t, err.Error(), ": "+tt.key+": ")
			}
		})
	}
}

func TestParseDates(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		ny = time.FixedZone("EST", -5*3600)
	}
	tests := []struct {
		value  string // as written in the front matter
		loc    *time.Location
		want   time.Time
		offset int // seconds east of UTC the result must carry
	}{
		{`"2025-07-24T14:10:31Z"`, nil, time.Date(2025, 7, 24, 14, 10, 31, 0, time.UTC), 0},
		{`"2025-07-24T14:10:31.123456789Z"`, nil, time.Date(2025, 7, 24, 14, 10, 31, 123456789, time.UTC), 0},
		{`"2025-07-24T16:10:31+02:00"`, nil, time.Date(2025, 7, 24, 14, 10, 31, 0, time.UTC), 7200},
		{`"2025-07-24T09:10:31-05:00"`, ny, time.Date(2025, 7, 24, 14, 10, 31, 0, time.UTC), -5 * 3600},
		{`"2025-07-24"`, nil, time.Date(2025, 7, 24, 0, 0, 0, 0, time.UTC), 0},
		{`"2025-07-24"`, ny, time.Date(2025, 7, 24, 4, 0, 0, 0, time.UTC), -4 * 3600},
		{`"2025-07-24T14:10:31"`, nil, time.Date(2025, 7, 24, 14, 10, 31, 0, time.UTC), 0},
		{`"2025-07-24 14:10:31"`, nil, time.Date(2025, 7, 24, 14, 10, 31, 0, time.UTC), 0},
		{`"2025-07-24T14:10:31.5"`, nil, time.Date(2025, 7, 24, 14, 10, 31, 5e8, time.UTC), 0},
		{`"Thu, 24 Jul 2025 14:10:31 GMT"`, nil, time.Date(2025, 7, 24, 14, 10, 31, 0, time.UTC), 0},
		{`"Thu, 24 Jul 2025 14:10:31 UTC"`, ny, time.Date(2025, 7, 24, 14, 10, 31, 0, time.UTC), 0},
		{`"Thu, 24 Jul 2025 14:10:31 Z"`, nil, time.Date(2025, 7, 24, 14, 10, 31, 0, time.UTC), 0},
		{`"Thu, 24 Jul 2025 10:10:31 -0400"`, nil, time.Date(2025, 7, 24, 14, 10, 31, 0, time.UTC), -4 * 3600},
		{`"Thu, 4 Jul 2025 10:10:31 +0100"`, nil, time.Date(2025, 7, 4, 9, 10, 31, 0, time.UTC), 3600},
		{`"24 Jul 25 14:10 +0000"`, nil, time.Date(2025, 7, 24, 14, 10, 0, 0, time.UTC), 0},
		{`"Thu, 24 Jul 25 14:10 GMT"`, nil, time.Date(2025, 7, 24, 14, 10, 0, 0, time.UTC), 0},
		{`"Thursday, 24-Jul-25 14:10:31 GMT"`, nil, time.Date(2025, 7, 24, 14, 10, 31, 0, time.UTC), 0},
		{`"Thursday, 24-Jul-25 16:10:31 +0200"`, nil, time.Date(2025, 7, 24, 14, 10, 31, 0, time.UTC), 7200},
		{`2025-07-24T14:10:31Z`, nil, time.Date(2025, 7, 24, 14, 10, 31, 0, time.UTC), 0},
		{`2025-07-24t16:10:31.25+02:00`, nil, time.Date(2025, 7, 24, 14, 10, 31, 25e7, time.UTC), 7200},
		{`2025-07-24 14:10:31z`, nil, time.Date(2025, 7, 24, 14, 10, 31, 0, time.UTC), 0},
		{`2025-07-24T14:10Z`, nil, time.Date(2025, 7, 24, 14, 10, 0, 0, time.UTC), 0},
		{`2025-07-24T14:10:31`, nil, time.Date(2025, 7, 24, 14, 10, 31, 0, time.UTC), 0},
		{`2025-07-24T10:10:31`, ny, time.Date(2025, 7, 24, 14, 10, 31, 0, time.UTC), -4 * 3600},
		{`2025-07-24 14:10`, nil, time.Date(2025, 7, 24, 14, 10, 0, 0, time.UTC), 0},
		{`2025-07-24`, nil, time.Date(2025, 7, 24, 0, 0, 0, 0, time.UTC), 0},
		{`""`, nil, time.Time{}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			in := "+++\ndate = " + tt.value + "\n+++\n"
			a, err := Decoder{Location: tt.loc}.Decode(strings.NewReader(in))
			require.NoError(t, err)
			assert.True(t, tt.want.Equal(a.Date), "got %v, want %v", a.Date, tt.want)
			_, off := a.Date.Zone()
			assert.Equal(t, tt.offset, off)
		})
	}
}

// TestParseDateOffsetIndependentOfLocal: an offset equal to the machine's
// local zone must not turn into time.Local.
func TestParseDateOffsetIndependentOfLocal(t *testing.T) {
	a, err := Parse(strings.NewReader("+++\ndate = \"2025-07-24T16:10:31+02:00\"\n+++\n"))
	require.NoError(t, err)
	assert.NotEqual(t, time.Local, a.Date.Location())
	assert.Equal(t, "2025-07-24T16:10:31+02:00", a.Date.Format(time.RFC3339))
}

func TestParseDateRejects(t *testing.T) {
	for _, s := range []string{
		"Thu, 24 Jul 2025 14:10:31 EDT", "Thu, 24 Jul 2025 14:10:31 CST",
		"2025/07/24", "July 24, 2025", "2025-13-01", "nonsense", "x y", "",
	} {
		t.Run(s, func(t *testing.T) {
			if s == "" {
				tm, err := ParseDate(s, nil)
				require.NoError(t, err)
				assert.True(t, tm.IsZero())
				return
			}
			_, err := ParseDate(s, nil)
			assert.ErrorIs(t, err, ErrDate)
		})
	}
	_, err := ParseDate("Thu, 24 Jul 2025 14:10:31 EDT", nil)
	assert.ErrorContains(t, err, `"EDT" is ambiguous`)
}

func TestCaseSensitiveKeys(t *testing.T) {
	a, err := Parse(strings.NewReader("+++\ntitle = \"lower\"\nTitle = \"upper\"\nARTICLE_ID = 5\n+++\n"))
	require.NoError(t, err)
	assert.Equal(t, "lower", a.Title)
	assert.Equal(t, int64(0), a.ArticleID)
	assert.Equal(t, map[string]any{"Title": "upper", "ARTICLE_ID": int64(5)}, a.Params)

	a, err = Parse(strings.NewReader("+++\nTitle = \"upper\"\n+++\n"))
	require.NoError(t, err)
	assert.Equal(t, "", a.Title)
	assert.Equal(t, "upper", a.Params["Title"])
}

func TestParams(t *testing.T) {
	in := "+++\ntitle = \"t\"\ntags = [\"a\", \"b\"]\nextra.deep = 1\n[seo]\ntitle = \"inner title is not the schema title\"\n+++\n"
	a, err := Parse(strings.NewReader(in))
	require.NoError(t, err)
	assert.Equal(t, "t", a.Title)
	assert.Equal(t, map[string]any{
		"tags":  []any{"a", "b"},
		"extra": map[string]any{"deep": int64(1)},
		"seo":   map[string]any{"title": "inner title is not the schema title"},
	}, a.Params)
}

func TestDisallowUnknownKeys(t *testing.T) {
	d := Decoder{DisallowUnknownKeys: true}
	_, err := d.Decode(strings.NewReader("+++\ntitle = \"t\"\n\ntilte = \"typo\"\n+++\n"))
	assert.ErrorIs(t, err, ErrUnknownKey)
	var pe *ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, 4, pe.Line)
	assert.Equal(t, 1, pe.Column)
	assert.Equal(t, "tilte", pe.Key)
	assert.EqualError(t, err, `4:1: tilte: unknown key: did you mean "title"?`)

	_, err = d.Decode(strings.NewReader("+++\n[extra]\n+++\n"))
	assert.ErrorIs(t, err, ErrUnknownKey)

	a, err := d.Decode(bytes.NewReader(readTestdata(t, "01-canonical.md")))
	require.NoError(t, err)
	assert.Equal(t, int64(120001), a.ArticleID)
}

// TestDisallowUnknownKeysHint: the Decoder's unknown keys carry the hint
// Validate gives for the same key in Params (one shared rule), in every
// place a key can be written.
func TestDisallowUnknownKeysHint(t *testing.T) {
	d := Decoder{DisallowUnknownKeys: true}
	for _, tt := range []struct {
		fm, key, hint string
		col           int
	}{
		{`tittle = "x"`, "tittle", `did you mean "title"?`, 1},
		{`Source-Link = "x"`, "Source-Link", `did you mean "source_link"?`, 1},
		{`"articleid" = 1`, "articleid", `did you mean "article_id"?`, 1},
		{`sourse.x = 1`, "sourse", `did you mean "source"?`, 1},
		{"[Title]\nx = 1", "Title", `did you mean "title"?`, 2},
		{"[[feed_itemid]]", "feed_itemid", `did you mean "feed_item_id"?`, 3},
		{`name = "x"`, "name", "", 1},
		{"[extra]", "extra", "", 2},
	} {
		_, err := d.Decode(strings.NewReader("+++\n" + tt.fm + "\n+++\n"))
		require.ErrorIs(t, err, ErrUnknownKey, tt.fm)
		var pe *ParseError
		require.ErrorAs(t, err, &pe)
		assert.Equal(t, tt.key, pe.Key, tt.fm)
		want := fmt.Sprintf("2:%d: %s: unknown key", tt.col, tt.key)
		if tt.hint != "" {
			want += ": " + tt.hint
		}
		assert.EqualError(t, err, want, tt.fm)

		// Validate says the same of the key in Params.
		a, err := Parse(strings.NewReader("+++\n" + tt.fm + "\n+++\n"))
		require.NoError(t, err)
		var same string
		for _, fe := range FieldErrors(a.Validate()) {
			if fe.Key == tt.key {
				same = fe.Err.Error()
			}
		}
		if tt.hint != "" {
			assert.Equal(t, pe.Err.Error(), same, tt.fm)
		} else {
			assert.Empty(t, same, tt.fm)
		}
	}
}

func TestIntegerForms(t *testing.T) {
	for in, want := range map[string]int64{
		"0": 0, "+17": 17, "-17": -17, "1_000": 1000, "0xDEAD_beef": 0xdeadbeef, "0o755": 0o755, "0b1010": 10,
		"9223372036854775807": 1<<63 - 1, "-9223372036854775808": -1 << 63,
	} {
		a, err := Parse(strings.NewReader("+++\narticle_id = " + in + "\n+++\n"))
		require.NoError(t, err, in)
		assert.Equal(t, want, a.ArticleID, in)
	}
	for _, in := range []string{"0x8000000000000000", "9223372036854775808", "-9223372036854775809", "01", "1__0", "_1"} {
		_, err := Parse(strings.NewReader("+++\narticle_id = " + in + "\n+++\n"))
		var pe *ParseError
		require.ErrorAs(t, err, &pe, in)
		assert.Equal(t, 2, pe.Line, in)
	}
}

func TestMaxSize(t *testing.T) {
	in := "+++\ntitle = \"t\"\n+++\n\n" + strings.Repeat("x", 1000)
	_, err := Decoder{MaxSize: 100}.Decode(strings.NewReader(in))
	assert.ErrorIs(t, err, ErrTooLarge)

	a, err := Decoder{MaxSize: int64(len(in))}.Decode(strings.NewReader(in))
	require.NoError(t, err)
	assert.Len(t, a.Body, 1000)

	_, err = Decoder{MaxSize: int64(len(in)) - 1}.Decode(iotest.OneByteReader(strings.NewReader(in)))
	assert.ErrorIs(t, err, ErrTooLarge)

	_, err = Decoder{MaxSize: -1}.Decode(iotest.HalfReader(strings.NewReader(in)))
	assert.NoError(t, err)
}

// endless is a reader that never ends: MaxSize must stop reading it.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	e.n += int64(len(p))
	return len(p), nil
}

func TestMaxSizeBoundsReading(t *testing.T) {
	r := &endless{}
	_, err := Decoder{MaxSize: 1 << 20}.Decode(r)
	assert.ErrorIs(t, err, ErrTooLarge)
	assert.LessOrEqual(t, r.n, int64(2<<20), "read far past the limit")
}

func TestReadError(t *testing.T) {
	boom := errors.New("boom")
	_, err := Parse(iotest.ErrReader(boom))
	assert.ErrorIs(t, err, boom)
}

func TestParseErrorMessage(t *testing.T) {
	e := &ParseError{Line: 3, Column: 9, Key: "date", Err: ErrDate}
	assert.Equal(t, "3:9: date: invalid date", e.Error())
	e = &ParseError{Line: 1, Column: 1, Err: ErrNoFrontMatter}
	assert.Equal(t, "1:1: "+ErrNoFrontMatter.Error(), e.Error())
	assert.Equal(t, "1:1: unknown error", (&ParseError{Line: 1, Column: 1}).Error())
}

// badReader claims to have read more than it was given.
type badReader struct{}

func (badReader) Read(p []byte) (int, error) { return len(p) + 10, nil }

func TestBadReaderDoesNotPanic(t *testing.T) {
	_, err := Parse(badReader{})
	assert.ErrorContains(t, err, "invalid count")
}

// TestConcurrentUse runs Parse and Encode from many goroutines on shared
// values; go test -race checks that they share no mutable state.
func TestConcurrentUse(t *testing.T) {
	src := readTestdata(t, "02-canonical-params.md")
	d := Decoder{Location: time.FixedZone("X", 3600)}
	done := make(chan string)
	for range 8 {
		go func() {
			var out bytes.Buffer
			a, err := d.Decode(bytes.NewReader(src))
			if err == nil {
				err = a.Encode(&out)
			}
			if err != nil {
				done <- err.Error()
				return
			}
			done <- out.String()
		}()
	}
	for range 8 {
		assert.Equal(t, string(src), <-done)
	}
}
