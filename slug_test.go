package article

import (
	"bufio"
	"html"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/unicode/norm"
)

// slugCase is one row of testdata/slug-cases.tsv.
type slugCase struct {
	line        int
	input, want string
	note        string
}

// readSlugCases reads testdata/slug-cases.tsv: a header line "input want
// note", then one case a line, fields separated by tabs, no quoting. In the
// input, `\t` and `\n` stand for a tab and a line break.
func readSlugCases(t testing.TB) []slugCase {
	t.Helper()
	f, err := os.Open("testdata/slug-cases.tsv")
	require.NoError(t, err)
	defer f.Close()
	var cases []slugCase
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		fields := strings.Split(sc.Text(), "\t")
		require.Len(t, fields, 3, "line %d", n)
		if n == 1 {
			require.Equal(t, []string{"input", "want", "note"}, fields)
			continue
		}
		in := strings.NewReplacer(`\t`, "\t", `\n`, "\n").Replace(fields[0])
		cases = append(cases, slugCase{line: n, input: in, want: fields[1], note: fields[2]})
	}
	require.NoError(t, sc.Err())
	require.GreaterOrEqual(t, len(cases), 26, "the shared cases must all be there")
	return cases
}

func TestSlugifyCases(t *testing.T) {
	for _, c := range readSlugCases(t) {
		t.Run(strconv.Itoa(c.line), func(t *testing.T) {
			assert.Equal(t, c.want, Slugify(c.input), "input %q (%s)", c.input, c.note)
		})
	}
}

func TestSlugifyMore(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"invalid UTF-8 separates", "abc\xffdef\xc3", "abc-def"},
		{"invalid UTF-8 only", "\xff\xfe\xfd", ""},
		{"replacement char", "a\uFFFDb", "a-b"},
		{"NFD equals NFC", "Cafe\u0301 Zu\u0308rich", "cafe-zurich"},
		{"stray combining mark", "\u0301abc \u0308", "abc"},
		{"BOM and word joiner", "\uFEFFHello\u2060World", "helloworld"},
		{"spacing acute as apostrophe", "EU´s", "eus"},
		{"fullwidth apostrophe", "EU＇s", "eus"},
		{"modifier letter apostrophes", "EUʼs EUʻs EUꞌs EUˮs EUʹs", "eus-eus-eus-eus-eus"},
		{"half rings as apostrophes", "Qurʾan Kaʿba", "quran-kaba"},
		{"a with right half ring", "Aẚb", "aab"},
		{"Hebrew geresh, Armenian apostrophe", "a׳b c՚d", "ab-cd"},
		{"guillemets and double prime quotes are deleted", "‹a›«b»〝c〞 d", "abc-d"},
		{"control characters", "a\x00b\x1fc\x7fd", "a-b-c-d"},
		{"C1 control", "a\u0085b", "a-b"},
		{"entity of a letter", "Caf&eacute; &Uuml;ber", "cafe-uber"},
		{"entity of an ampersand", "AT&amp;amp;T", "at-and-amp-t"},
		{"only ampersands", "& & &", "and-and-and"},
		{"at and percent glued", "50%@home", "50-percent-at-home"},
		{"abbreviation at start", "U.S.A. Today", "usa-today"},
		{"abbreviation lower case", "i.e. this", "ie-this"},
		{"abbreviation without final dot", "U.S.A", "us-a"},
		{"thousands at end", "Over 9,000", "over-9000"},
		{"not thousands: four digits", "1,0000", "1-0000"},
		{"Ukrainian", "Київ і Львів", "kiiv-i-lviv"},
		{"Greek accents", "Ελλάδα ΰ", "ellada-y"},
		{"Greek dialytika breaks a diphthong", "προϋπόθεση ΠΡΟΫΠΟΘΕΣΗ", "proypothesi-proypothesi"},
		{"Greek dialytika, decomposed", "προ\u03c5\u0308πόθεση ευ\u0308", "proypothesi-ey"},
		{"Greek diphthongs", "Ουρανός αυτό Εύβοια", "ouranos-avto-evvoia"},
		{"Private use separates", "a\uE000b", "a-b"},
		{"emoji with ZWJ", "a👩\u200d💻b", "a-b"},
		{"math letters via NFKC", "𝐀𝐁𝐂 news", "abc-news"},
		{"circled letters", "ⓐⓑ", "ab"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, Slugify(tt.in))
		})
	}
}

func TestSlugifyQuotationMarks(t *testing.T) {
	tests := []struct {
		name, in string
	}{
		{"double low-reversed-9", "EU⹂s"},
		{"corner brackets", "EU「s」"},
		{"white corner brackets", "EU『s』"},
		{"halfwidth corner brackets", "EU｢s｣"},
		{"vertical corner brackets", "EU﹁s﹂"},
		{"dingbat comma ornaments", "EU❛s❜ EU❝s❞"},
		{"dingbat low ornaments", "EU❟s❠"},
		{"dingbat angle ornaments", "EU❮s❯"},
		{"sans-serif ornaments", "EU🙶s🙷 🙸EUs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Slugify(tt.in)
			assert.Equal(t, strings.TrimSuffix(strings.Repeat("eus-", strings.Count(tt.in, " ")+1), "-"), got, "%q", tt.in)
		})
	}
	// Every rune with the Unicode property Quotation_Mark is deleted.
	for _, rg := range unicode.Quotation_Mark.R16 {
		for r := rune(rg.Lo); r <= rune(rg.Hi); r += rune(rg.Stride) {
			assert.Equal(t, "eus", Slugify("EU"+string(r)+"s"), "%U", r)
		}
	}
}

// TestSlugifyLatinLetters checks that the Latin letters that decomposition
// leaves alone are spelled, so that none splits or shortens a word.
func TestSlugifyLatinLetters(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ƕ Ƕ ȣ Ȣ ƣ Ƣ ꜳ Ꜳ ꝏ ỻ", "hv-hv-ou-ou-oi-oi-aa-aa-oo-ll"},
		{"ȡ ȴ ȵ ȶ ƫ ƃ ȿ ɀ Ⱦ ẜ", "d-l-n-t-t-b-s-z-t-s"},
		{"Eʋegbe Tamaziɣt Kabɩyɛ Ɑlɑ Ʊʊ", "evegbe-tamazigt-kabiye-ala-uu"},
		{"ᴛʜɪs ɪs ꜱᴍᴀʟʟ ᴄᴀᴘs", "this-is-small-caps"},
		{"Menȝies ᵹ ᵽ ᶑ", "menyies-g-p-d"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			assert.Equal(t, tt.want, Slugify(tt.in))
		})
	}

	// Letters that are not spelled: tone letters, clicks, glottal stops
	// and the like, which have no Latin letter to stand for. ŀ is l and a
	// middle dot in NFKC, and the dot separates, as in "l·l".
	unspelled := []rune("ƅƍƛƨƪƻƽƾǀǁǂǃɂɯʌⱶⱷⱸⱹⱺⱻŀ")
	for _, blk := range [][2]rune{{0x80, 0x250}, {0x1E00, 0x1F00}, {0x2C60, 0x2C80}} {
		for r := blk[0]; r < blk[1]; r++ {
			if !unicode.IsLetter(r) || !unicode.Is(unicode.Latin, r) || slices.Contains(unspelled, unicode.ToLower(r)) {
				continue
			}
			got := Slugify("x" + string(r) + "x")
			assert.True(t, len(got) > 2 && !strings.Contains(got, "-"), "%U %c gives %q", r, r, got)
		}
	}
}

func TestSluggerMaxLen(t *testing.T) {
	words80 := strings.Repeat("abcdefghi-", 8)[:79] + "x" // 80 bytes, ends in "x"
	tests := []struct {
		name   string
		maxLen int
		in     string
		want   string
	}{
		{"default keeps 80", 0, words80, words80},
		{"default cuts 81 at a hyphen", 0, words80 + "y", words80[:strings.LastIndexByte(words80, '-')]},
		{"hyphen right after the limit", 0, words80 + " tail", words80},
		{"hard cut of one long word", 0, strings.Repeat("a", 100), strings.Repeat("a", 80)},
		{"hard cut of a long first word", 10, "abcdefghijklmno pq", "abcdefghij"},
		{"cut at a word", 10, "abcd efgh ijkl", "abcd-efgh"},
		{"limit on a hyphen", 9, "abcd efgh ijkl", "abcd-efgh"},
		{"limit one", 1, "ab cd", "a"},
		{"no limit", -1, strings.Repeat("word ", 100), strings.TrimSuffix(strings.Repeat("word-", 100), "-")},
		{"limit larger than the buffer", 300, strings.Repeat("word ", 100), strings.TrimSuffix(strings.Repeat("word-", 60), "-")},
		{"words count towards the limit", 12, "AT&T & S&P", "at-and-t-and"},
		{"non-ASCII cut", 12, "Москва новости дня", "moskva"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Slugger{MaxLen: tt.maxLen}.Slug(tt.in)
			assert.Equal(t, tt.want, got)
			limit := tt.maxLen
			if limit == 0 {
				limit = DefaultMaxLen
			}
			if limit > 0 {
				assert.LessOrEqual(t, len(got), limit)
			}
		})
	}
}

func TestSluggerTransliterate(t *testing.T) {
	var mu sync.Mutex
	var calls []string
	sl := Slugger{Transliterate: func(s string) string {
		mu.Lock()
		calls = append(calls, s)
		mu.Unlock()
		switch s {
		case "東京":
			return "Tōkyō"
		case "世界":
			return "Sekai"
		case "日経平均":
			return ""
		}
		return "?" + s
	}}

	got := sl.Slug("東京 Stock Exchange 日経平均")
	assert.Equal(t, "tokyo-stock-exchange", got, "the result is folded and a run dropped on \"\"")
	assert.Equal(t, []string{"東京", "日経平均"}, calls, "called once per run")

	calls = nil
	assert.Equal(t, "hello-sekai-world", sl.Slug("Hello世界World"), "runs form words of their own")
	assert.Equal(t, []string{"世界"}, calls)

	calls = nil
	assert.Equal(t, "moskva-ellada-cafe", sl.Slug("Москва Ελλάδα Café"), "built-in scripts are not passed")
	assert.Empty(t, calls)

	calls = nil
	assert.Equal(t, "a", sl.Slug("a नमस्ते"), "marks stay in the run; non-ASCII output is dropped")
	assert.Equal(t, []string{"नमस्ते"}, calls)

	calls = nil
	assert.Equal(t, "x-y", Slugger{Transliterate: func(string) string { return "東京" }}.Slug("x 東 y"),
		"Transliterate is not applied to its own output")

	assert.Equal(t, "stock-exchange", Slugger{}.Slug("東京 Stock Exchange"), "nil Transliterate drops")
}

// slugAlphabet holds runes that exercise the rules, for random titles.
var slugAlphabet = []rune("aZ09 -_.,'’‘\"“”&@%$€#/\t\nßÆøŁıİéЖщΣάὐ東京👩\u200d\u00ad\u0301\uFEFF①ﬁＡ™´\u00a0१;:!?()[]" +
	"\uFFFD\U0001F680ʼ«»")

func randomTitle(r *rand.Rand) string {
	var b strings.Builder
	for n := r.IntN(40); n > 0; n-- {
		if r.IntN(20) == 0 {
			b.WriteByte(byte(r.IntN(256))) // maybe invalid UTF-8
			continue
		}
		b.WriteRune(slugAlphabet[r.IntN(len(slugAlphabet))])
	}
	return b.String()
}

// checkSlug checks the invariants of a slug made from in with limit bytes at
// most (negative: none).
func checkSlug(t testing.TB, in, got string, limit int) {
	t.Helper()
	if limit >= 0 && len(got) > limit {
		t.Fatalf("Slug(%q) = %q: %d bytes, over %d", in, got, len(got), limit)
	}
	if !isSlug(got) {
		t.Fatalf("Slug(%q) = %q: not [a-z0-9]+ joined by single hyphens", in, got)
	}
}

// isSlug reports whether s is "" or runs of [a-z0-9] joined by single "-".
func isSlug(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

func TestIsSlug(t *testing.T) {
	for _, s := range []string{"", "a", "a-b", "0-9z"} {
		assert.True(t, isSlug(s), s)
	}
	for _, s := range []string{"-", "-a", "a-", "a--b", "A", "a_b", "é"} {
		assert.False(t, isSlug(s), s)
	}
	for _, s := range []string{"a", "a-b", "0-9z", "116410", "x-1-y", strings.Repeat("a", 200)} {
		assert.True(t, IsSlug(s), s)
	}
	for _, s := range []string{"", "-", "--", "-a", "a-", "a--b", "A", "aB", "a_b", "a b", "é", "a.b", "a\x00", "\xff", "a/b", "Z", "@", "[", "`", "{"} {
		assert.False(t, IsSlug(s), "%q", s)
	}
	// IsSlug agrees with the reference isSlug on every short string over
	// an alphabet with each byte class.
	alphabet := []byte{'a', 'z', 'A', 'Z', '0', '9', '-', '_', '.', '@', '`', '{', '/', ':', 0x80, 0xff}
	var rec func(prefix []byte)
	rec = func(prefix []byte) {
		s := string(prefix)
		require.Equal(t, s != "" && isSlug(s), IsSlug(s), "%q", s)
		if len(prefix) == 3 {
			return
		}
		for _, c := range alphabet {
			rec(append(prefix, c))
		}
	}
	rec(nil)
}

// TestIsSlugSlugger: IsSlug accepts what a Slugger makes, and a Slugger
// without a limit leaves what IsSlug accepts as it is.
func TestIsSlugSlugger(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for range 20000 {
		in := randomTitle(r)
		got := Slugify(in)
		require.Equal(t, got != "", IsSlug(got), "%q -> %q", in, got)
		if IsSlug(in) {
			require.Equal(t, in, Slugger{MaxLen: -1}.Slug(in))
		}
	}
}

func TestSluggerReplacer(t *testing.T) {
	german := strings.NewReplacer(GermanReplacements()...)
	cpp := strings.NewReplacer("C++", "cpp", "C#", "csharp", "F#", "fsharp")
	for _, tt := range []struct {
		r         *strings.Replacer
		in, want  string
		noReplace string // what the zero Slugger gives
	}{
		{cpp, "C++ and C# Top the Charts", "cpp-and-csharp-top-the-charts", "c-and-c-top-the-charts"},
		{cpp, "c++ is lower case", "c-is-lower-case", "c-is-lower-case"},
		{cpp, "Why C++’s Ranges Matter", "why-cpps-ranges-matter", "why-c-s-ranges-matter"},
		{german, "Müller & Söhne: Straße", "mueller-und-soehne-strasse", "muller-and-sohne-strasse"},
		{german, "ÄRGER ÜBER ÖL", "aerger-ueber-oel", "arger-uber-ol"},
		{german, "GROẞE Pläne", "grosse-plaene", "grosse-plane"},
		{german, "Mu\u0308ller", "mueller", "muller"},                                      // decomposed ü
		{german, "M&uuml;ller &amp; S&ouml;hne", "mueller-und-soehne", "muller-and-sohne"}, // entities
		{german, "AT&amp;amp;T", "at-und-amp-t", "at-and-amp-t"},                           // decoded once only
		{german, "Zürich", "zuerich", "zurich"},
		{german, "Plain ASCII Title", "plain-ascii-title", "plain-ascii-title"},
		{strings.NewReplacer("x", "ü"), "x-ray", "u-ray", "x-ray"}, // non-ASCII output
		{strings.NewReplacer("x", "&amp;"), "x", "and-amp", "x"},   // output is not decoded
		{strings.NewReplacer("AI", "Artificial Intelligence"), "AI Act", "artificial-intelligence-act", "ai-act"},
	} {
		assert.Equal(t, tt.want, Slugger{Replacer: tt.r}.Slug(tt.in), "%q", tt.in)
		assert.Equal(t, tt.noReplace, Slugify(tt.in), "%q", tt.in)
	}

	// A Replacer that matches nothing changes nothing.
	noop := Slugger{Replacer: strings.NewReplacer("\x00never\x00", "x")}
	r := rand.New(rand.NewPCG(9, 10))
	for range 20000 {
		in := randomTitle(r)
		require.Equal(t, Slugify(in), noop.Slug(in), "%q", in)
	}

	// The limit applies to the replaced text, and Transliterate still runs.
	s := Slugger{Replacer: german, MaxLen: 12, Transliterate: func(string) string { return "tokyo" }}
	assert.Equal(t, "tokyo-boerse", s.Slug("東京 Börse meldet Rekord"))
}

func TestSluggerReplacerProperties(t *testing.T) {
	s := Slugger{Replacer: strings.NewReplacer(GermanReplacements()...)}
	r := rand.New(rand.NewPCG(11, 12))
	for range 20000 {
		in := randomTitle(r)
		got := s.Slug(in)
		checkSlug(t, in, got, DefaultMaxLen)
		require.Equal(t, got, s.Slug(got), "idempotent: %q", in)
	}
}

func TestSlugifyProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		in := randomTitle(r)
		got := Slugify(in)
		checkSlug(t, in, got, DefaultMaxLen)
		require.Equal(t, got, Slugify(in), "deterministic: %q", in)
		require.Equal(t, got, Slugify(got), "idempotent: %q", in)

		limit := 1 + r.IntN(30)
		sl := Slugger{MaxLen: limit}
		short := sl.Slug(in)
		checkSlug(t, in, short, limit)
		require.Equal(t, short, sl.Slug(short), "idempotent with MaxLen %d: %q", limit, in)
		require.True(t, strings.HasPrefix(got, short), "a shorter limit cuts the same slug: %q %q", got, short)
	}
}

func TestSlugifyAllocs(t *testing.T) {
	if testing.Short() {
		t.Skip("allocation counts")
	}
	asciiTitles, _ := benchTitles(t)
	for _, title := range asciiTitles {
		allocs := testing.AllocsPerRun(100, func() { _ = Slugify(title) })
		assert.LessOrEqual(t, allocs, 1.0, "%q allocates more than its result", title)
	}
	slug := Slugify(asciiTitles[0])
	assert.Zero(t, testing.AllocsPerRun(100, func() { _ = Slugify(slug) }), "a slug is returned as it is")
}

// TestSlugPlainASCII checks that the fast path never skips an entity that
// html.UnescapeString would decode.
func TestSlugPlainASCII(t *testing.T) {
	for name := range slugLegacyEntities {
		for _, s := range []string{"&" + name, "x&" + name + "y", "&" + name + ";", "&" + name + "1"} {
			assert.False(t, slugPlainASCII(s), s)
			assert.NotEqual(t, s, html.UnescapeString(s), "%q should be an entity", s)
		}
	}
	for _, s := range []string{"AT&T", "S&P", "Q&A", "R&D", "a & b", "&", "x&", "&;", "&x", "&Tamp"} {
		assert.True(t, slugPlainASCII(s), s)
		assert.Equal(t, s, html.UnescapeString(s), "%q is not an entity", s)
	}
	for _, s := range []string{"&#39;", "&#x27;", "&amp;", "&foo;", "é"} {
		assert.False(t, slugPlainASCII(s), s)
	}
}

// TestSlugDigit checks what slugDigit relies on: the decimal digits of
// every script come in runs of ten starting at zero.
func TestSlugDigit(t *testing.T) {
	for _, rg := range unicode.Nd.R16 {
		require.EqualValues(t, 1, rg.Stride)
		require.Zero(t, (int(rg.Hi)-int(rg.Lo)+1)%10)
	}
	for _, rg := range unicode.Nd.R32 {
		require.EqualValues(t, 1, rg.Stride)
		require.Zero(t, (int(rg.Hi)-int(rg.Lo)+1)%10)
	}
	for r, want := range map[rune]byte{'٣': '3', '९': '9', '০': '0', '७': '7', '𝟘': '0', '𑁧': '1'} {
		got, ok := slugDigit(r)
		assert.True(t, ok, string(r))
		assert.Equal(t, want, got, string(r))
	}
	_, ok := slugDigit('Ⅻ')
	assert.False(t, ok)
}

func TestSlugifyConcurrent(t *testing.T) {
	asciiTitles, unicodeTitles := benchTitles(t)
	titles := append(asciiTitles, unicodeTitles...)
	want := make([]string, len(titles))
	for i, s := range titles {
		want[i] = Slugify(s)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range titles {
				j := (i + g) % len(titles)
				assert.Equal(t, want[j], Slugify(titles[j]))
			}
		})
	}
	wg.Wait()
}

func FuzzSlugify(f *testing.F) {
	asciiTitles, unicodeTitles := benchTitles(f)
	for _, s := range append(asciiTitles, unicodeTitles...) {
		f.Add(s)
	}
	for _, s := range []string{"", "&", "&amp", "&#", "&#x", "U.S.", "1,000", "\xff", "a\u0301", "ﬁ", "..,,&&", "EU⹂s", "a🙶b", "Qurʾan", "ᴛʜɪs ɣ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got := Slugify(in)
		checkSlug(t, in, got, DefaultMaxLen)
		if again := Slugify(got); again != got {
			t.Fatalf("not idempotent: Slugify(%q) = %q, then %q", in, got, again)
		}
		if utf8.ValidString(in) && Slugify(in) != got {
			t.Fatalf("not deterministic: %q", in)
		}
		limit := 1 + len(in)%17
		short := Slugger{MaxLen: limit}.Slug(in)
		checkSlug(t, in, short, limit)
		if !strings.HasPrefix(got, short) {
			t.Fatalf("MaxLen %d: %q is not a prefix of %q", limit, short, got)
		}
		if slugPlainASCII(in) && html.UnescapeString(in) != in {
			t.Fatalf("fast path skips an entity in %q", in)
		}
		if got, want := (Slugger{MaxLen: -1}).Slug(in), slugFoldReference(in); got != want {
			t.Fatalf("fast paths give %q for %q, the general rules %q", got, in, want)
		}
		if IsSlug(got) != (got != "") || IsSlug(in) != (in != "" && isSlug(in)) {
			t.Fatalf("IsSlug(%q) = %v, IsSlug(%q) = %v", got, IsSlug(got), in, IsSlug(in))
		}
		de := fuzzGerman.Slug(in)
		checkSlug(t, in, de, DefaultMaxLen)
		if again := fuzzGerman.Slug(de); again != de {
			t.Fatalf("German: not idempotent: %q gives %q, then %q", in, de, again)
		}
	})
}

var fuzzGerman = Slugger{Replacer: strings.NewReplacer(GermanReplacements()...)}

// slugFoldReference is slugFold without its fast paths: every non-ASCII
// rune goes through slowChar.
func slugFoldReference(s string) string {
	s = html.UnescapeString(s)
	f := slugFolder{run: -1}
	src := slugSource{s: s}
	for i, r := range s {
		if r < utf8.RuneSelf {
			f = f.rune(src, i, r)
			continue
		}
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				f = f.sep(src, i)
				continue
			}
		}
		f = f.slowChar(src, i, r)
	}
	if f.run >= 0 {
		f = f.flush(src, len(s))
	}
	return string(slugAppendWords(nil, f.dst, -1))
}

// randomRune returns a rune from the blocks titles use, or from anywhere.
func randomRune(r *rand.Rand) rune {
	blocks := [][2]rune{
		{0x20, 0x7F}, {0x80, 0x250}, {0x250, 0x370}, {0x370, 0x530}, {0x1E00, 0x2000},
		{0x2000, 0x20D0}, {0x2100, 0x2500}, {0x3000, 0x3100}, {0x4E00, 0x4E80},
		{0xAC00, 0xAC80}, {0xFB00, 0xFB50}, {0xFE00, 0xFFFF}, {0x1D400, 0x1D800},
		{0x1F100, 0x1FB00}, {0, 0x30000},
	}
	b := blocks[r.IntN(len(blocks))]
	return b[0] + r.Int32N(b[1]-b[0])
}

func TestSlugFastPaths(t *testing.T) {
	// Every rune of the tables, between letters.
	for lo, hi := range map[rune]rune{0x80: 0x530, 0x2000: 0x20D0, 0xFF00: 0xFF60, 0x1F300: 0x1F310, 0x1F670: 0x1F680} {
		for r := lo; r < hi; r++ {
			for _, s := range []string{"a" + string(r) + "b", "東" + string(r) + "京", "ο" + string(r)} {
				require.Equal(t, slugFoldReference(s), Slugger{MaxLen: -1}.Slug(s), "%q (%U)", s, r)
			}
		}
	}
	rnd := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var b strings.Builder
		for n := rnd.IntN(12); n > 0; n-- {
			b.WriteRune(randomRune(rnd))
		}
		s := b.String()
		require.Equal(t, slugFoldReference(s), Slugger{MaxLen: -1}.Slug(s), "%q", s)
	}
}

func TestSlugifyNormalizationInvariance(t *testing.T) {
	forms := []norm.Form{norm.NFC, norm.NFD, norm.NFKC, norm.NFKD}
	rnd := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		var b strings.Builder
		for n := rnd.IntN(12); n > 0; n-- {
			b.WriteRune(randomRune(rnd))
		}
		s := b.String()
		// ´ ™ ℠ are read before NFKC, and entities before NFKC too.
		if strings.ContainsAny(s, "´™℠\u1FFD") || strings.Contains(norm.NFKC.String(s), "&") {
			continue
		}
		want := Slugger{MaxLen: -1}.Slug(s)
		for _, form := range forms {
			require.Equal(t, want, Slugger{MaxLen: -1}.Slug(form.String(s)), "%q in form %v", s, form)
		}
	}
}
