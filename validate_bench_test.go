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
