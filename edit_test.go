package article

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// editCommand applies one line of a testdata/edits/*.edit file to a:
//
//	set KEY VALUE          schema key KEY gets the TOML value VALUE
//	clear KEY              schema key KEY gets its zero value
//	set params.A.B VALUE   Params["A"]["B"] = VALUE (tables made as needed)
//	delete params.A.B      delete(Params["A"], "B")
//	body VALUE             Body = VALUE, a TOML string
//
// Blank lines and lines starting with # are ignored.
func editCommand(a *Article, line string) error {
	verb, rest, _ := strings.Cut(line, " ")
	key, val, _ := strings.Cut(rest, " ")
	var v any
	if val != "" || verb == "body" {
		if verb == "body" {
			val = rest
		}
		var m map[string]any
		if err := toml.Unmarshal([]byte("v = "+val), &m); err != nil {
			return fmt.Errorf("value %q: %w", val, err)
		}
		v = m["v"]
	}
	switch verb {
	case "body":
		a.Body = v.(string)
		return nil
	case "clear":
		return setSchema(a, key, nil)
	case "set", "delete":
	default:
		return fmt.Errorf("unknown verb %q", verb)
	}
	if path, ok := strings.CutPrefix(key, "params."); ok {
		parts := strings.Split(path, ".")
		if a.Params == nil {
			a.Params = map[string]any{}
		}
		m := a.Params
		for _, p := range parts[:len(parts)-1] {
			sub, ok := m[p].(map[string]any)
			if !ok {
				sub = map[string]any{}
				m[p] = sub
			}
			m = sub
		}
		last := parts[len(parts)-1]
		if verb == "delete" {
			if _, ok := m[last]; !ok {
				return fmt.Errorf("no key %s", key)
			}
			delete(m, last)
		} else {
			m[last] = v
		}
		return nil
	}
	if verb == "delete" {
		return fmt.Errorf("delete of schema key %s: use clear", key)
	}
	return setSchema(a, key, v)
}

// setSchema sets schema key to v, or to its zero value for v == nil.
func setSchema(a *Article, key string, v any) error {
	str := func(p *string) error {
		if v == nil {
			*p = ""
			return nil
		}
		s, ok := v.(string)
		if !ok {
			return fmt.Errorf("%s: want a string, got %T", key, v)
		}
		*p = s
		return nil
	}
	switch key {
	case "title":
		return str(&a.Title)
	case "summary":
		return str(&a.Summary)
	case "description":
		return str(&a.Description)
	case "source_link":
		return str(&a.SourceLink)
	case "enclosure":
		return str(&a.Enclosure)
	case "url":
		return str(&a.URL)
	case "qrcode":
		return str(&a.QRCode)
	case "source":
		return str(&a.Source)
	case "draft":
		b, _ := v.(bool)
		a.Draft = b
	case "article_id", "feed_item_id":
		n, _ := v.(int64)
		if key == "article_id" {
			a.ArticleID = n
		} else {
			a.FeedItemID = n
		}
	case "date":
		switch t := v.(type) {
		case nil:
			a.Date = time.Time{}
		case time.Time:
			a.Date = t
		case toml.LocalDateTime:
			a.Date = t.AsTime(time.UTC)
		case toml.LocalDate:
			a.Date = t.AsTime(time.UTC)
		default:
			return fmt.Errorf("date: want a date, got %T", v)
		}
	default:
		return fmt.Errorf("unknown schema key %q", key)
	}
	return nil
}

// applyEdits parses src, applies the commands of script and encodes.
func applyEdits(t testing.TB, src []byte, script string) (*Article, []byte) {
	t.Helper()
	a, err := Parse(bytes.NewReader(src))
	require.NoError(t, err)
	sc := bufio.NewScanner(strings.NewReader(script))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		require.NoError(t, editCommand(a, line), line)
	}
	out, err := a.AppendEncoded(nil)
	require.NoError(t, err)
	return a, out
}

// TestEditsGolden runs every testdata/edits/NAME.edit on NAME.in.md and
// compares the result with NAME.out.md (rewritten with -update). The
// output must parse to the edited values, and must not be what the
// canonical layout would give (so that a fallback cannot pass unseen).
func TestEditsGolden(t *testing.T) {
	scripts, err := filepath.Glob("testdata/edits/*.edit")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(scripts), 20)
	for _, script := range scripts {
		name := strings.TrimSuffix(script, ".edit")
		t.Run(filepath.Base(name), func(t *testing.T) {
			src, err := os.ReadFile(name + ".in.md")
			require.NoError(t, err)
			edits, err := os.ReadFile(script)
			require.NoError(t, err)
			a, got := applyEdits(t, src, string(edits))
			golden(t, name+".out.md", string(got))

			back, err := Parse(bytes.NewReader(got))
			require.NoError(t, err)
			requireSameArticle(t, a, back)
			canon := *a
			canon.DropSource()
			c, err := canon.AppendEncoded(nil)
			require.NoError(t, err)
			assert.NotEqual(t, string(c), string(got), "the canonical layout")
			// Encode of the output is the output.
			again, err := back.AppendEncoded(nil)
			require.NoError(t, err)
			assert.Equal(t, string(got), string(again))
		})
	}
}

// TestEncodeUnmodifiedIsIdentity: every file under testdata that Parse
// accepts comes back byte for byte.
func TestEncodeUnmodifiedIsIdentity(t *testing.T) {
	var files []string
	for _, glob := range []string{"testdata/parse/*.md", "testdata/edits/*.md", "testdata/articles/*", "testdata/bench/*.md"} {
		m, err := filepath.Glob(glob)
		require.NoError(t, err)
		files = append(files, m...)
	}
	n := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		a, err := Parse(bytes.NewReader(src))
		if err != nil {
			continue
		}
		n++
		var out bytes.Buffer
		require.NoError(t, a.Encode(&out), f)
		assert.Equal(t, string(src), out.String(), f)
	}
	require.Greater(t, n, 30)
}

func TestEncodeBodyEdits(t *testing.T) {
	for _, tc := range []struct{ name, src, body, want string }{
		{"separator kept", "+++\ntitle = 'x'\n+++\n\nold", "new", "+++\ntitle = 'x'\n+++\n\nnew"},
		{"no separator", "+++\ntitle = 'x'\n+++\nold", "new", "+++\ntitle = 'x'\n+++\nnew"},
		{"no separator, body starts with a blank line", "+++\ntitle = 'x'\n+++\nold", "\nnew", "+++\ntitle = 'x'\n+++\n\n\nnew"},
		{"no line break after +++", "+++\ntitle = 'x'\n+++", "new", "+++\ntitle = 'x'\n+++\n\nnew"},
		{"crlf, no line break after +++", "+++\r\ntitle = 'x'\r\n+++", "new", "+++\r\ntitle = 'x'\r\n+++\r\n\r\nnew"},
		{"emptied", "+++\ntitle = 'x'\n+++\n\nold", "", "+++\ntitle = 'x'\n+++\n\n"},
		{"trailing blanks on +++", "+++ \ntitle = 'x'\n+++\t\n\nold", "new", "+++ \ntitle = 'x'\n+++\t\n\nnew"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Parse(strings.NewReader(tc.src))
			require.NoError(t, err)
			a.Body = tc.body
			got, err := a.AppendEncoded(nil)
			require.NoError(t, err)
			assert.Equal(t, tc.want, string(got))
			var w bytes.Buffer
			require.NoError(t, a.Encode(&w), "Encode")
			assert.Equal(t, tc.want, w.String(), "Encode")
			back, err := Parse(bytes.NewReader(got))
			require.NoError(t, err)
			assert.Equal(t, tc.body, back.Body)
		})
	}
}

// TestEncodeParamsAddedInCode: Params set in code on a file that had none
// are written, by Encode and AppendEncoded alike; unchanged, the file is
// written as it is.
func TestEncodeParamsAddedInCode(t *testing.T) {
	src := "+++\ntitle = 'x'\n+++\n\nbody\n"
	a, err := Parse(strings.NewReader(src))
	require.NoError(t, err)
	var w bytes.Buffer
	require.NoError(t, a.Encode(&w))
	assert.Equal(t, src, w.String())
	a.Params = map[string]any{"weight": int64(3)}
	w.Reset()
	require.NoError(t, a.Encode(&w))
	got, err := a.AppendEncoded(nil)
	require.NoError(t, err)
	assert.Equal(t, string(got), w.String())
	back, err := Parse(&w)
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"weight": int64(3)}, back.Params)
}

func TestDropSourceAndFormat(t *testing.T) {
	src := []byte("\uFEFF\r\n+++\r\n# c\r\ntitle='T'\r\nx = 1\r\n+++\r\nbody")
	a, err := Parse(bytes.NewReader(src))
	require.NoError(t, err)
	lossless, err := a.AppendEncoded(nil)
	require.NoError(t, err)
	assert.Equal(t, string(src), string(lossless))

	a.DropSource()
	canon, err := a.AppendEncoded(nil)
	require.NoError(t, err)
	want := "+++\ntitle = \"T\"\ndate = \"\"\ndraft = false\nsummary = \"\"\ndescription = \"\"\nsource_link = \"\"\n" +
		"enclosure = \"\"\narticle_id = 0\nfeed_item_id = 0\nurl = \"\"\nqrcode = \"\"\nsource = \"\"\nx = 1\n+++\n\nbody"
	assert.Equal(t, want, string(canon))

	f, err := Format(src)
	require.NoError(t, err)
	assert.Equal(t, "\uFEFF+++\r\n# c\r\ntitle = \"T\"\r\nx = 1\r\n+++\r\n\r\nbody", string(f),
		"Format keeps the comment, the keys, CRLF and the byte order mark")
	f2, err := Format(f)
	require.NoError(t, err)
	assert.Equal(t, string(f), string(f2), "idempotent")

	_, err = Format([]byte("no front matter"))
	require.ErrorIs(t, err, ErrNoFrontMatter)
}

// TestFormatCanonicalUnchanged: Format of the canonical files under
// testdata/parse gives them back, and Format is idempotent on all.
func TestFormatCanonicalUnchanged(t *testing.T) {
	files, err := filepath.Glob("testdata/parse/*.md")
	require.NoError(t, err)
	for _, f := range files {
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		out, err := Format(src)
		if err != nil {
			continue
		}
		if strings.Contains(f, "canonical") {
			assert.Equal(t, string(src), string(out), f)
		}
		again, err := Format(out)
		require.NoError(t, err)
		assert.Equal(t, string(out), string(again), f)
	}
}

func TestEncodeEditErrors(t *testing.T) {
	src := "+++\ntitle = 'x'\n[t]\na = 1\n+++\n"
	for _, tc := range []struct {
		name string
		edit func(a *Article)
	}{
		{"invalid UTF-8 title", func(a *Article) { a.Title = "\xff" }},
		{"invalid UTF-8 new key", func(a *Article) { a.Source = "\xff" }},
		{"schema key in Params", func(a *Article) { a.Params["title"] = "y" }},
		{"nil param", func(a *Article) { a.Params["t"].(map[string]any)["a"] = nil }},
		{"nil in new table", func(a *Article) { a.Params["u"] = map[string]any{"b": nil} }},
		{"date out of range", func(a *Article) { a.Date = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Parse(strings.NewReader(src))
			require.NoError(t, err)
			tc.edit(a)
			_, err = a.AppendEncoded(nil)
			require.ErrorIs(t, err, ErrEncode)
		})
	}
}

func TestAppendStyledString(t *testing.T) {
	for _, tc := range []struct{ raw, s, eol, want string }{
		{`"old"`, "new", "\n", `"new"`},
		{`'old'`, "new", "\n", `'new'`},
		{`'old'`, `back\slash "q"`, "\n", `'back\slash "q"'`},
		{`'old'`, "it's", "\n", `"it's"`},
		{`'old'`, "tab\there", "\n", "'tab\there'"},
		{`'old'`, "line\nbreak", "\n", `"line\nbreak"`},
		{`'''old'''`, "a\nb", "\n", "'''a\nb'''"},
		{"'''\nold'''", "a\nb", "\n", "'''\na\nb'''"},
		{`'''old'''`, "\nlead", "\n", "'''\n\nlead'''"},
		{`'''old'''`, "a\r\nb", "\r\n", "'''a\r\nb'''"},
		{`'''old'''`, "a\nb", "\r\n", `"""a\nb"""`},
		{`'''old'''`, "x\n+++\ny", "\n", "\"\"\"x\n\\u002B++\ny\"\"\""},
		{`'''old'''`, "ends '", "\n", `"""ends '"""`},
		{`"""old"""`, "say \"hi\"\n\\", "\n", "\"\"\"say \\\"hi\\\"\n\\\\\"\"\""},
		{"\"\"\"\r\nold\"\"\"", "a\r\nb\nc\x01", "\r\n", "\"\"\"\r\na\r\nb\\nc\\u0001\"\"\""},
		{`"""old"""`, "+++", "\n", `"""+++"""`},
		{"\"\"\"\nold\"\"\"", "+++", "\n", "\"\"\"\n\\u002B++\"\"\""},
		{``, "new\x7f", "\n", `"new\u007F"`},
	} {
		got, err := appendStyledString(nil, []byte(tc.raw), tc.s, tc.eol)
		require.NoError(t, err)
		assert.Equal(t, tc.want, string(got), "%q ← %q", tc.raw, tc.s)
		var m map[string]any
		doc := "v = " + string(got) + tc.eol
		require.NoError(t, toml.Unmarshal([]byte(doc), &m), doc)
		assert.Equal(t, tc.s, m["v"], doc)
	}
	_, err := appendStyledString(nil, []byte(`'x'`), "\xff", "\n")
	require.ErrorIs(t, err, ErrEncode)
}

func TestAppendStyledInt(t *testing.T) {
	for _, tc := range []struct {
		raw  string
		n    int64
		want string
	}{
		{"7", 42, "42"},
		{"0x1F", 255, "0xFF"},
		{"0x1f", 255, "0xff"},
		{"0o17", 8, "0o10"},
		{"0b1", 5, "0b101"},
		{"0x1F", -1, "-1"},
		{"1_000", 1234567, "1_234_567"},
		{"1_000", -1234, "-1_234"},
		{"1_000", 12, "12"},
		{"", 3, "3"},
	} {
		assert.Equal(t, tc.want, string(appendStyledInt(nil, []byte(tc.raw), tc.n)), tc.raw)
	}
}

func TestAppendStyledDate(t *testing.T) {
	utc := time.Date(2025, 7, 24, 14, 10, 31, 0, time.UTC)
	midnight := time.Date(2025, 7, 25, 0, 0, 0, 0, time.UTC)
	berlin := time.Date(2025, 7, 24, 16, 10, 31, 0, time.FixedZone("", 7200))
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	nyFirst := time.Date(2025, 11, 2, 5, 30, 0, 0, time.UTC).In(ny) // 01:30 EDT
	nySecond := nyFirst.Add(time.Hour)                              // 01:30 EST
	nyJuly := time.Date(2025, 7, 24, 10, 10, 31, 0, ny)
	nyEST1883 := time.Date(1883, 11, 18, 17, 1, 0, 0, time.UTC).In(ny) // 12:01 EST, a wall clock New York then read in local mean time
	for _, tc := range []struct {
		raw     string
		kind    unstable.Kind
		t, orig time.Time
		want    string
	}{
		{`"2025-01-01T00:00:00Z"`, unstable.String, berlin, utc, `"2025-07-24T16:10:31+02:00"`},
		{`'Tue, 11 Mar 2025 05:45:00 -0400'`, unstable.String, utc, utc, `'2025-07-24T14:10:31Z'`},
		{`2025-01-01T00:00:00Z`, unstable.DateTime, berlin, utc, `2025-07-24T16:10:31+02:00`},
		{`2025-01-01 00:00:00Z`, unstable.DateTime, utc, utc, `2025-07-24 14:10:31Z`},
		{`2025-01-01`, unstable.LocalDate, midnight, utc, `2025-07-25`},
		{`2025-01-01`, unstable.LocalDate, utc, utc, `2025-07-24T14:10:31`},
		{`2025-01-01`, unstable.LocalDate, berlin, utc, `2025-07-24T16:10:31+02:00`},
		{`2025-01-01T10:00:00`, unstable.LocalDateTime, utc, utc, `2025-07-24T14:10:31`},
		// In a Location, a wall clock that reads back as another instant
		// (the second 01:30 when summer time ends, or one New York read in
		// local mean time) is written with its offset; the first 01:30
		// reads back as itself.
		{`2025-01-01T10:00:00`, unstable.LocalDateTime, nyFirst, nyFirst, `2025-11-02T01:30:00`},
		{`2025-01-01T10:00:00`, unstable.LocalDateTime, nySecond, nyFirst, `2025-11-02T01:30:00-05:00`},
		{`2025-01-01T10:00:00`, unstable.LocalDateTime, nyJuly, nyFirst, `2025-07-24T10:10:31`},
		{`2025-01-01`, unstable.LocalDate, nyEST1883, nyFirst, `1883-11-18T12:01:00-05:00`},
	} {
		got, err := appendStyledDate(nil, []byte(tc.raw), tc.kind, tc.t, tc.orig, "\n")
		require.NoError(t, err)
		assert.Equal(t, tc.want, string(got), tc.raw)
	}
	_, err = appendStyledDate(nil, []byte(`"x"`), unstable.String, time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC), utc, "\n")
	require.ErrorIs(t, err, ErrEncode)
}

// TestEditLocalDateReadsBack: a native local date in a file read with a
// Location, set to instants around the changes of New York's clocks,
// encodes to a file that reads back as the same instant.
func TestEditLocalDateReadsBack(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	d := Decoder{Location: ny}
	for _, utc := range []time.Time{
		time.Date(2025, 11, 2, 5, 30, 0, 0, time.UTC),  // 01:30 EDT
		time.Date(2025, 11, 2, 6, 30, 0, 0, time.UTC),  // 01:30 EST, the second one
		time.Date(2025, 3, 9, 7, 30, 0, 0, time.UTC),   // 03:30 EDT, after the skipped hour
		time.Date(1883, 11, 18, 17, 1, 0, 0, time.UTC), // 12:01 EST on the day of the switch
		time.Date(2025, 7, 24, 14, 10, 31, 0, time.UTC),
	} {
		for _, native := range []string{"2025-01-02T03:04:05", "2025-01-02"} {
			a, err := d.Decode(strings.NewReader("+++\ntitle = \"x\"\ndate = " + native + "\n+++\n"))
			require.NoError(t, err)
			a.Date = utc.In(ny)
			out := encode(t, a)
			back, err := d.Decode(bytes.NewReader(out))
			require.NoError(t, err, "%s", out)
			assert.True(t, back.Date.Equal(a.Date), "%v written as\n%s", a.Date, out)
		}
	}
}

// TestEncodeConcurrent: Encode reads the Article only, so goroutines may
// encode one edited Article at once (run with -race).
func TestEncodeConcurrent(t *testing.T) {
	src, err := os.ReadFile("testdata/edits/14-params-literal.in.md")
	require.NoError(t, err)
	a, err := Parse(bytes.NewReader(src))
	require.NoError(t, err)
	a.Title = "Changed"
	a.Params["seo"].(map[string]any)["noindex"] = true
	want, err := a.AppendEncoded(nil)
	require.NoError(t, err)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			got, err := a.AppendEncoded(nil)
			assert.NoError(t, err)
			assert.Equal(t, string(want), string(got))
		})
	}
	wg.Wait()
}

// TestEncodeEditSizesItsOutput: after an edit, AppendEncoded sizes its
// output once: the bytes it allocates for a file with a 200 KB body are
// the output's, the one copy checkEdited reads back as a string, and a few
// kilobytes of work on the front matter; not a regrowth or a larger buffer.
func TestEncodeEditSizesItsOutput(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates more: not with -race")
	}
	src := "+++\ntitle = 'x'\nweight = 1\n+++\n\n" + strings.Repeat("<p>body</p>\n", 200_000/12)
	a, err := Parse(strings.NewReader(src))
	require.NoError(t, err)
	a.Title = "a longer title"
	var out []byte
	allocated := allocatedBy(func() { out, err = a.AppendEncoded(nil) })
	require.NoError(t, err)
	assert.Contains(t, string(out[:40]), "a longer title")
	assert.Less(t, allocated, 2*uint64(len(out))+32<<10, "allocated %d bytes for %d bytes of output", allocated, len(out))
}

// TestEqualValueFloats: a float in Params counts as unchanged only if it is
// the same number with the same sign (0 and -0 differ), or NaN for NaN;
// unchanged, its spelling in the file is kept.
func TestEqualValueFloats(t *testing.T) {
	nan, negZero := math.NaN(), math.Copysign(0, -1)
	for _, tc := range []struct {
		v, w any
		want bool
	}{
		{1.5, 1.5, true}, {1.5, 2.5, false}, {0.0, 0.0, true}, {negZero, negZero, true},
		{0.0, negZero, false}, {negZero, 0.0, false}, {nan, nan, true}, {nan, 1.0, false}, {1.0, nan, false},
		{1.0, int64(1), false}, {2.0, 3.0, false},
	} {
		assert.Equal(t, tc.want, equalValue(tc.v, tc.w), "%v, %v", tc.v, tc.w)
	}
	a, err := Parse(strings.NewReader("+++\nx = 1.50\nz = 0.0\nn = nan\n+++\n"))
	require.NoError(t, err)
	a.Params["z"] = negZero
	out, err := a.AppendEncoded(nil)
	require.NoError(t, err)
	assert.Equal(t, "+++\nx = 1.50\nz = -0.0\nn = nan\n+++\n", string(out))
}

// TestEditCommentColumns: a comment after a value keeps its column when it
// was aligned with padding (two spaces or more) and another line's comment
// starts in the same column; after a single space it just follows the new
// value.
func TestEditCommentColumns(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"+++\na = 1000  # x\nb = 2000  # y\n+++\n", "+++\na = 1     # x\nb = 2000  # y\n+++\n"},
		{"+++\na = 1000 # x\nb = 2000 # y\n+++\n", "+++\na = 1 # x\nb = 2000 # y\n+++\n"},
		{"+++\na = 1000  # x\nb = 2000 # y\n+++\n", "+++\na = 1  # x\nb = 2000 # y\n+++\n"},
		// A '#' in that column that is not a comment's (no space before
		// it), and one on a later line past an empty one, do not count.
		{"+++\na = 1000  # x\ns = \"abcde# y\"\n+++\n", "+++\na = 1  # x\ns = \"abcde# y\"\n+++\n"},
		{"+++\na = 1000  # x\n\nb = 200  # y\n+++\n", "+++\na = 1  # x\n\nb = 200  # y\n+++\n"},
		// A last line exactly as long as the comment's column.
		{"+++\na = 1000  # x\nc = 12345\n+++\n", "+++\na = 1  # x\nc = 12345\n+++\n"},
	} {
		a, err := Parse(strings.NewReader(tc.src))
		require.NoError(t, err)
		a.Params["a"] = int64(1)
		out, err := a.AppendEncoded(nil)
		require.NoError(t, err)
		assert.Equal(t, tc.want, string(out), "%q", tc.src)
	}
}

// TestEditNewKeyPlace: a key the edit adds takes the file's most frequent
// spelling of " = " (the first of the most frequent on a tie), the
// indentation of the pair it follows, and its place: after the last
// top-level pair, before a blank line and the tables; in a file with only
// tables, before the first one, not indented like the table's pairs.
func TestEditNewKeyPlace(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		edit      func(a *Article)
		want      string
	}{
		{"tight spacing", "+++\ntitle=\"x\"\nb=1\n+++\n",
			func(a *Article) { a.Params["c"] = int64(2) }, "+++\ntitle=\"x\"\nb=1\nc=2\n+++\n"},
		{"a tie: the first spacing", "+++\na=1\nb = 2\n+++\n",
			func(a *Article) { a.Params["c"] = int64(3) }, "+++\na=1\nb = 2\nc=3\n+++\n"},
		{"the most frequent spacing", "+++\na=1\nb = 2\nc = 3\n+++\n",
			func(a *Article) { a.Params["d"] = int64(4) }, "+++\na=1\nb = 2\nc = 3\nd = 4\n+++\n"},
		{"indented like the first pair", "+++\n  title = \"x\"\n+++\n",
			func(a *Article) { a.Draft = true }, "+++\n  title = \"x\"\n  draft = true\n+++\n"},
		{"after the only top-level pair, before a blank line", "+++\ntitle = \"x\"\n\n[extra]\nk = 1\n+++\n",
			func(a *Article) { a.Params["top"] = int64(1) }, "+++\ntitle = \"x\"\ntop = 1\n\n[extra]\nk = 1\n+++\n"},
		{"a schema key after the one before it", "+++\ntitle = \"x\"\nb = 1\n+++\n",
			func(a *Article) { a.Draft = true }, "+++\ntitle = \"x\"\ndraft = true\nb = 1\n+++\n"},
		{"a schema key with none before it", "+++\nb = 1\n+++\n",
			func(a *Article) { a.Title = "T" }, "+++\nb = 1\ntitle = \"T\"\n+++\n"},
		{"only tables", "+++\n[extra]\n  k = 1\n+++\n",
			func(a *Article) { a.Params["top"] = int64(1); a.Params["two"] = int64(2) }, "+++\ntop = 1\ntwo = 2\n[extra]\n  k = 1\n+++\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Parse(strings.NewReader(tc.src))
			require.NoError(t, err)
			if a.Params == nil {
				a.Params = map[string]any{}
			}
			tc.edit(a)
			out, err := a.AppendEncoded(nil)
			require.NoError(t, err)
			assert.Equal(t, tc.want, string(out))
		})
	}
}
