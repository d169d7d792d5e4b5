package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/articlekit/article"
)

// lspSettings are the server's options as the client sends them, in
// initializationOptions or workspace/didChangeConfiguration: lint's flags,
// read by the same code (dateFlags, newChecker, parseExts).
type lspSettings struct {
	// Location is the IANA time zone of dates written without an offset
	// (lint -location).
	Location string `json:"location"`
	// Zones names a table of time zone abbreviations to read: "rfc822"
	// (lint -zones).
	Zones string `json:"zones"`
	// MaxFuture is how far in the future a date may be, as a Go duration
	// ("72h"); negative means no limit (lint -max-future).
	MaxFuture string `json:"maxFuture"`
	// StrictSlug makes a url whose slug is not the title's a problem
	// (lint -strict-slug).
	StrictSlug bool `json:"strictSlug"`
	// Pattern is the permalink pattern url must follow (lint -pattern).
	Pattern string `json:"pattern"`
	// Extensions are those of article files (lint -ext; default .md and
	// .html).
	Extensions []string `json:"extensions"`
}

// lspConfig is lspSettings compiled: what checking a document needs. It is
// never changed once built, so a check may use it without a lock.
type lspConfig struct {
	decoder article.Decoder
	check   *checker
	pattern *article.Pattern
	exts    []string
}

// compileConfig checks and compiles settings.
func compileConfig(st lspSettings) (*lspConfig, error) {
	c, err := newChecker(st.Pattern, st.StrictSlug)
	if err != nil {
		return nil, fmt.Errorf("pattern: %w", err)
	}
	cfg := &lspConfig{check: c, pattern: c.v.Pattern, exts: defaultExts}
	if cfg.pattern == nil {
		cfg.pattern = article.MustCompilePattern(article.DefaultPattern)
	}
	df := &dateFlags{location: st.Location, zones: st.Zones, maxFuture: article.DefaultMaxFuture}
	if st.MaxFuture != "" {
		if df.maxFuture, err = time.ParseDuration(st.MaxFuture); err != nil {
			return nil, fmt.Errorf("maxFuture: %w", err)
		}
	}
	if cfg.decoder, err = df.decoder(); err != nil {
		return nil, err
	}
	c.v.MaxFuture = df.validatorMaxFuture()
	if len(st.Extensions) > 0 {
		exts, err := parseExts(strings.Join(st.Extensions, ","))
		if err != nil {
			return nil, fmt.Errorf("extensions: %w", err)
		}
		cfg.exts = exts
	}
	return cfg, nil
}

// setOptionsLocked reads the options v (an object, or one under the key
// "article") and puts them in force; on error the old ones stay.
func (s *lspServer) setOptionsLocked(v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	var wrapped struct {
		Article json.RawMessage `json:"article"`
	}
	if json.Unmarshal(raw, &wrapped) == nil && len(wrapped.Article) > 0 {
		raw = wrapped.Article
	}
	var st lspSettings
	if string(raw) != "null" {
		if err := json.Unmarshal(raw, &st); err != nil {
			return fmt.Errorf("options: %w", err)
		}
	}
	cfg, err := compileConfig(st)
	if err != nil {
		return err
	}
	s.cfg = cfg
	return nil
}
