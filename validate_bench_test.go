package article

import (
	"bytes"
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// benchSample parses testdata/bench/sample-article.md, the format's sample
// article.
func benchSample(b *testing.B) *Article {
	b.Helper()
	src, err := os.ReadFile("testdata/bench/sample-article.md")
	if err != nil {
		b.Fatal(err)
	}
	a, err := Parse(bytes.NewReader(src))
	if err != nil {
		b.Fatal(err)
	}
	return a
}

// BenchmarkValidate validates the sample article. Compare it with
// BenchmarkValidateSanitizeBody, Sanitize of the same body alone, in the
// same run: the body check dominates, the field checks are nearly free.
func BenchmarkValidate(b *testing.B) {
	a := benchSample(b)
	now := time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC)
	v := &Validator{Now: func() time.Time { return now }}
	b.SetBytes(int64(len(a.Body)))
	b.ReportAllocs()
	for b.Loop() {
		if err := v.Validate(a); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkValidateSanitizeBody is the yardstick of BenchmarkValidate:
// Sanitize of the sample's body.
func BenchmarkValidateSanitizeBody(b *testing.B) {
	a := benchSample(b)
	b.SetBytes(int64(len(a.Body)))
	b.ReportAllocs()
	for b.Loop() {
		Sanitize(a.Body)
	}
}

// BenchmarkValidateFields validates the sample's front matter alone (an
// inert body), to show what the field checks cost.
func BenchmarkValidateFields(b *testing.B) {
	a := benchSample(b)
	a.Body = "text"
	b.ReportAllocs()
	for b.Loop() {
		if err := a.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkValidateVsSanitize measures Validate and Sanitize of the body
// side by side, alternating in rounds of 1000 calls each so that both see
// the same state of the machine, by the CPU time of the process (see
// benchClock), and reports their times per call and their ratio,
// "validate/sanitize" (the target is at most 1.1). Run it with -cpu 1 so
// that the CPU time is that of one goroutine and its garbage collection.
func BenchmarkValidateVsSanitize(b *testing.B) {
	a := benchSample(b)
	now := time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC)
	v := &Validator{Now: func() time.Time { return now }}
	const round = 1000
	var ts, tv time.Duration
	n := 0
	b.ReportAllocs()
	for b.Loop() {
		t0 := benchClock()
		for range round {
			Sanitize(a.Body)
		}
		t1 := benchClock()
		for range round {
			if err := v.Validate(a); err != nil {
				b.Fatal(err)
			}
		}
		t2 := benchClock()
		ts += t1 - t0
		tv += t2 - t1
		n += round
	}
	b.ReportMetric(float64(ts.Nanoseconds())/float64(n), "sanitize-ns/op")
	b.ReportMetric(float64(tv.Nanoseconds())/float64(n), "validate-ns/op")
	if ts > 0 {
		b.ReportMetric(float64(tv)/float64(ts), "validate/sanitize")
	}
}

// TestValidateLinear: Validate's memory grows linearly with the size of
// the front matter and the body and the number of problems (positions are
// found in one sweep), and so does its time, from 50 KB to 500 KB, against
// rebuilding the front matter's maps and a bare x/net parse and render of
// the body (see checkGrowth), which is not checked under -short or -race.
func TestValidateLinear(t *testing.T) {
	build := func(n int) *Article {
		var b strings.Builder
		b.WriteString("+++\ntitle = \"x\"\n")
		for i := range n / 1000 {
			fmt.Fprintf(&b, "key%d = 1\n", i)
		}
		for _, k := range []string{"Title", "Date", "Url", "Source", "Summary"} {
			fmt.Fprintf(&b, "%s = 1\n", k)
		}
		b.WriteString("+++\n\n")
		for b.Len() < n {
			b.WriteString("<p>text <b onclick=x>bold</b><!-- c --></p>\n")
		}
		a, err := Parse(strings.NewReader(b.String()))
		require.NoError(t, err)
		return a
	}
	measure := func(a *Article) (uint64, time.Duration) {
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		start := time.Now()
		err := a.Validate()
		d := time.Since(start)
		runtime.ReadMemStats(&m1)
		require.Error(t, err)
		return m1.TotalAlloc - m0.TotalAlloc, d
	}
	small, large := build(100<<10), build(1000<<10) // under the body size limit
	measure(small)
	ms, ts := measure(small)
	ml, tl := measure(large)
	t.Logf("100 KB: %v, %d bytes; 1 MB: %v, %d bytes (×%.1f)", ts, ms, tl, ml, float64(ml)/float64(ms))
	assert.Less(t, float64(ml)/float64(ms), 14.0, "memory grows faster than the input")
	if testing.Short() || raceEnabled {
		return
	}
	checkGrowth(t, growthConfig{sizes: sizesFrom(50_000)}, growthCase{"front matter and body", func(n int) growthOps {
		a := build(n)
		return growthOf(func() { rebuild(a.Params); bareHTML(a.Body) }, "Validate", func() { _ = a.Validate() })
	}})
}
