package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/articlekit/article"
)

// lspSettings are the server's options as the client sends them, in
// initializationOptions or workspace/didChangeConfiguration: lint's flags.
type lspSettings struct {
	// Location is the IANA time zone of dates written without an offset.
	Location string `json:"location"`
	// Zones maps time zone abbreviations to IANA names ("EST":
	// "America/New_York") for dates that use them.
	Zones map[string]string `json:"zones"`
	// MaxFuture is how far in the future a date may be, as a Go duration
	// ("48h"); negative means no limit.
	MaxFuture string `json:"maxFuture"`
	// StrictSlug makes a url whose slug is not the title's a problem.
	StrictSlug bool `json:"strictSlug"`
	// Pattern is the permalink pattern url must follow.
	Pattern string `json:"pattern"`
	// Extensions are those of article files (default .md and .html).
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
	if st.Location != "" {
		loc, err := time.LoadLocation(st.Location)
		if err != nil {
			return nil, fmt.Errorf("location: %w", err)
		}
		cfg.decoder.Location = loc
	}
	if len(st.Zones) > 0 {
		cfg.decoder.Zones = make(map[string]*time.Location, len(st.Zones))
		for abbr, name := range st.Zones {
			loc, err := time.LoadLocation(name)
			if err != nil {
				return nil, fmt.Errorf("zones: %s: %w", abbr, err)
			}
			cfg.decoder.Zones[abbr] = loc
		}
	}
	if st.MaxFuture != "" {
		d, err := time.ParseDuration(st.MaxFuture)
		if err != nil {
			return nil, fmt.Errorf("maxFuture: %w", err)
		}
		c.v.MaxFuture = d
	}
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
