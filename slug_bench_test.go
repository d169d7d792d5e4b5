package article

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// benchTitles reads testdata/bench/titles.txt, realistic headlines, one a
// line, shared with the peer benchmarks in bench/. It returns the plain
// ASCII ones and the others.
func benchTitles(tb testing.TB) (ascii, unicode []string) {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "bench", "titles.txt"))
	require.NoError(tb, err)
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if isASCII(line) {
			ascii = append(ascii, line)
		} else {
			unicode = append(unicode, line)
		}
	}
	require.GreaterOrEqual(tb, len(ascii)+len(unicode), 20)
	return ascii, unicode
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func BenchmarkSlugify(b *testing.B) {
	asciiTitles, unicodeTitles := benchTitles(b)
	titles := append(asciiTitles, unicodeTitles...)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		_ = Slugify(titles[i%len(titles)])
	}
}

func BenchmarkSlugifyASCII(b *testing.B) {
	asciiTitles, _ := benchTitles(b)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		_ = Slugify(asciiTitles[i%len(asciiTitles)])
	}
}

// BenchmarkSluggerReplacer is BenchmarkSlugify with the German table.
func BenchmarkSluggerReplacer(b *testing.B) {
	asciiTitles, unicodeTitles := benchTitles(b)
	titles := append(asciiTitles, unicodeTitles...)
	s := Slugger{Replacer: strings.NewReplacer(GermanReplacements()...)}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		_ = s.Slug(titles[i%len(titles)])
	}
}

func BenchmarkSlugifyUnicode(b *testing.B) {
	_, unicodeTitles := benchTitles(b)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		_ = Slugify(unicodeTitles[i%len(unicodeTitles)])
	}
}
