package article

import (
	"bytes"
	"os"
	"testing"
	"time"
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
