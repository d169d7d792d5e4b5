package article

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pelletier/go-toml/v2"
)

func benchArticle(b *testing.B) []byte {
	b.Helper()
	src, err := os.ReadFile("testdata/bench/article.md")
	if err != nil {
		b.Fatal(err)
	}
	return src
}

// BenchmarkParse parses a sample-sized article (2.6 KB) from a reader.
func BenchmarkParse(b *testing.B) {
	src := benchArticle(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	var r bytes.Reader
	for b.Loop() {
		r.Reset(src)
		if _, err := Parse(&r); err != nil {
			b.Fatal(err)
		}
	}
}

// plainFrontMatter is what BenchmarkGoTomlBaseline decodes into: the schema
// as a plain struct, date as a string.
type plainFrontMatter struct {
	Title       string `toml:"title"`
	Date        string `toml:"date"`
	Draft       bool   `toml:"draft"`
	Summary     string `toml:"summary"`
	Description string `toml:"description"`
	SourceLink  string `toml:"source_link"`
	Enclosure   string `toml:"enclosure"`
	ArticleID   int64  `toml:"article_id"`
	FeedItemID  int64  `toml:"feed_item_id"`
	URL         string `toml:"url"`
	QRCode      string `toml:"qrcode"`
	Source      string `toml:"source"`
}

// BenchmarkGoTomlBaseline is the yardstick for Parse: go-toml/v2's
// Unmarshal of the same front matter (already split off) into a plain
// struct. Parse does more (reads, splits, checks key case, reads the date,
// keeps the body) and should stay within 1.5× of it.
func BenchmarkGoTomlBaseline(b *testing.B) {
	src := benchArticle(b)
	l, err := split(string(src))
	if err != nil {
		b.Fatal(err)
	}
	fm := src[l.fmStart:l.fmEnd]
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		var v plainFrontMatter
		if err := toml.Unmarshal(fm, &v); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncode writes the parsed sample-sized article.
func BenchmarkEncode(b *testing.B) {
	a, err := Parse(bytes.NewReader(benchArticle(b)))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := a.Encode(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAppendEncoded writes the same article into a reused buffer.
func BenchmarkAppendEncoded(b *testing.B) {
	a, err := Parse(bytes.NewReader(benchArticle(b)))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	buf := make([]byte, 0, 4096)
	for b.Loop() {
		if buf, err = a.AppendEncoded(buf[:0]); err != nil {
			b.Fatal(err)
		}
	}
}

func benchFile(b *testing.B, name string) []byte {
	b.Helper()
	src, err := os.ReadFile(name)
	if err != nil {
		b.Fatal(err)
	}
	return src
}

// BenchmarkParseExtraKeys parses a realistic article with keys outside the
// schema (tags, a native date, a multi-line string, [extra] and
// [[extra.links]]), which takes the general path.
func BenchmarkParseExtraKeys(b *testing.B) {
	src := benchFile(b, "testdata/bench/article-extra.md")
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	var r bytes.Reader
	for b.Loop() {
		r.Reset(src)
		a, err := Parse(&r)
		if err != nil || len(a.Params) == 0 {
			b.Fatal(err)
		}
	}
}

// BenchmarkGoTomlMapExtraKeys is the yardstick for BenchmarkParseExtraKeys:
// go-toml/v2's Unmarshal of the same front matter, already split off,
// into a map[string]any. Parse should take at most 0.8× its time.
func BenchmarkGoTomlMapExtraKeys(b *testing.B) {
	src := benchFile(b, "testdata/bench/article-extra.md")
	l, err := split(string(src))
	if err != nil {
		b.Fatal(err)
	}
	fm := src[l.fmStart:l.fmEnd]
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		var m map[string]any
		if err := toml.Unmarshal(fm, &m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseKeys parses front matter of n one-line keys: time per key
// stays flat from 10 to 100,000 keys.
func BenchmarkParseKeys(b *testing.B) {
	for _, n := range []int{10, 1000, 100_000} {
		var fm strings.Builder
		fm.WriteString("+++\n")
		for i := range n {
			fmt.Fprintf(&fm, "k%d = %d\n", i, i)
		}
		fm.WriteString("+++\n")
		src := fm.String()
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(src)))
			d := Decoder{MaxSize: -1}
			var r strings.Reader
			for b.Loop() {
				r.Reset(src)
				if _, err := d.Decode(&r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkParseExtraKeysVsGoToml times Parse of the extra-keys article and
// go-toml's Unmarshal of its front matter into a map side by side (the
// target is a ratio of at most 0.8); see benchSideBySide.
func BenchmarkParseExtraKeysVsGoToml(b *testing.B) {
	src := benchFile(b, "testdata/bench/article-extra.md")
	benchSideBySide(b, src, func(fm []byte) error {
		var m map[string]any
		return toml.Unmarshal(fm, &m)
	})
}

// BenchmarkParseVsGoToml does the same for the sample article and
// BenchmarkGoTomlBaseline's Unmarshal into a struct (target: at most 1).
func BenchmarkParseVsGoToml(b *testing.B) {
	benchSideBySide(b, benchArticle(b), func(fm []byte) error {
		var v plainFrontMatter
		return toml.Unmarshal(fm, &v)
	})
}

// benchSideBySide times Parse of src and theirs on its front matter in
// alternating batches and reports the fastest batch of each, per
// operation, and their ratio: on a busy machine the minimum is a steadier
// measure than two benchmarks run one after the other. (ns/op counts a
// round of both batches.)
func benchSideBySide(b *testing.B, src []byte, theirs func(fm []byte) error) {
	l, err := split(string(src))
	if err != nil {
		b.Fatal(err)
	}
	fm := src[l.fmStart:l.fmEnd]
	const batch = 20
	var r bytes.Reader
	ours, them := time.Duration(math.MaxInt64), time.Duration(math.MaxInt64)
	for b.Loop() {
		start := time.Now()
		for range batch {
			r.Reset(src)
			if _, err := Parse(&r); err != nil {
				b.Fatal(err)
			}
		}
		ours = min(ours, time.Since(start)/batch)
		start = time.Now()
		for range batch {
			if err := theirs(fm); err != nil {
				b.Fatal(err)
			}
		}
		them = min(them, time.Since(start)/batch)
	}
	b.ReportMetric(float64(ours.Nanoseconds()), "parse-ns")
	b.ReportMetric(float64(them.Nanoseconds()), "gotoml-ns")
	b.ReportMetric(float64(ours)/float64(them), "ratio")
}
