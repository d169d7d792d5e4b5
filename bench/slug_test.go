package bench

import (
	"os"
	"strings"
	"testing"

	"github.com/articlekit/article"
	"github.com/gosimple/slug"
)

// titles reads ../testdata/bench/titles.txt, the headlines the article
// package's own BenchmarkSlugify uses, and splits them into plain ASCII and
// the others.
func titles(tb testing.TB) (ascii, unicode []string) {
	tb.Helper()
	data, err := os.ReadFile("../testdata/bench/titles.txt")
	if err != nil {
		tb.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if strings.IndexFunc(line, func(r rune) bool { return r >= 0x80 }) < 0 {
			ascii = append(ascii, line)
		} else {
			unicode = append(unicode, line)
		}
	}
	return ascii, unicode
}

var sink string

// BenchmarkSlug runs article.Slugify and gosimple/slug's Make side by side
// on the same titles. Compare with
//
//	go test -run '^$' -bench '^BenchmarkSlug$' -benchmem -count 6 > slug.txt
//	benchstat -row /set -col /impl slug.txt
//
// (bench/run.sh does this.)
func BenchmarkSlug(b *testing.B) {
	asciiTitles, unicodeTitles := titles(b)
	sets := []struct {
		name   string
		titles []string
	}{
		{"ascii", asciiTitles},
		{"unicode", unicodeTitles},
		{"all", append(asciiTitles, unicodeTitles...)},
	}
	impls := []struct {
		name string
		slug func(string) string
	}{
		{"article", article.Slugify},
		{"gosimple", slug.Make},
	}
	for _, set := range sets {
		for _, impl := range impls {
			b.Run("set="+set.name+"/impl="+impl.name, func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; b.Loop(); i++ {
					sink = impl.slug(set.titles[i%len(set.titles)])
				}
			})
		}
	}
}

// TestSlugifyASCIIAllocs checks that article.Slugify allocates nothing but
// its result on ASCII titles.
func TestSlugifyASCIIAllocs(t *testing.T) {
	asciiTitles, _ := titles(t)
	for _, title := range asciiTitles {
		if n := testing.AllocsPerRun(100, func() { sink = article.Slugify(title) }); n > 1 {
			t.Errorf("Slugify(%q): %v allocations, want 1", title, n)
		}
	}
}
