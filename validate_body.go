package article

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// body checks the body against the policy.
func (c *checker) body() {
	a := c.a
	if strings.TrimSpace(a.Body) == "" {
		c.probs = append(c.probs, problem{key: "body", order: orderBody, off: -1, err: ErrRequired})
		return
	}
	p := cmp.Or(c.v.Policy, ArticlePolicy())
	// The quick check proves most bodies clean without parsing them. Of
	// the others, removesSomething tells the clean ones cheaply, but for a
	// body where the quick check met a URL it refuses: that one goes
	// straight to SanitizeReport, which is all removesSomething would
	// have led to.
	switch quickCheck(p, a.Body) {
	case quickProved:
		return
	case quickUnknown:
		if !removesSomething(p, a.Body) {
			return
		}
	}
	_, rep, err := p.SanitizeReport(a.Body)
	if err != nil {
		c.probs = append(c.probs, problem{key: "body", order: orderBody, off: -1,
			err: fmt.Errorf("%w: %w", ErrUnsafeHTML, err)})
		return
	}
	// Positions: only while Body is what Parse read.
	base := -1
	if s := &a.src; s.ok && s.l.body <= len(s.text) && s.text[s.l.body:] == a.Body {
		base = s.l.body
	}
	for _, ch := range rep {
		if !isRemoval(ch.Kind) {
			continue
		}
		off := -1
		if base >= 0 {
			if o, ok := changeOffset(a.Body, ch); ok {
				off = base + o
			}
		}
		ch.Line, ch.Column, ch.Offset = 0, 0, 0
		msg := strings.TrimPrefix(ch.String(), "0:0: ")
		c.probs = append(c.probs, problem{key: "body", order: orderBody, off: off,
			err: fmt.Errorf("%w: %s", ErrUnsafeHTML, msg)})
	}
}

// isRemoval reports whether a change of the sanitiser removes something,
// as opposed to a rewrite that keeps the meaning.
func isRemoval(k ChangeKind) bool {
	switch k {
	case ChangeURLCleaned, ChangeRelRewritten, ChangeAttrSet,
		ChangeHeadingDemoted, ChangeIDPrefixed, ChangeFragmentRewritten,
		ChangeLazySrc, ChangeEmbedRestricted:
		return false
	}
	return true
}

// removesSomething reports whether cleaning body with p may remove
// something or fail, cheaply: one pass of the sanitiser, recording the
// changes but not locating them (which is what costs in SanitizeReport).
// When it returns true, SanitizeReport tells what and where.
func removesSomething(p *Policy, body string) bool {
	maxSize := cmp.Or(p.d.maxSize, DefaultMaxBodySize)
	if len(body) > maxSize || inertBody(body) {
		// Too large, or text only: SanitizeReport answers without parsing.
		return true
	}
	first, err := p.pass(body, true)
	if err != nil || first.redo || len(first.out) > maxSize {
		return true
	}
	return slices.ContainsFunc(first.changes, func(c pendingChange) bool { return isRemoval(c.kind) }) ||
		len(checkStructure(body)) > 0
}

// changeOffset returns the byte offset in body of the change's tag or
// attribute, and whether the text there is that tag ('<') or attribute (its
// name): a change the sanitiser could not locate has no position.
func changeOffset(body string, ch Change) (int, bool) {
	off := ch.Offset
	if off < 0 || off >= len(body) {
		return 0, false
	}
	if ch.Attr != "" && ch.Element != "" {
		if len(body)-off < len(ch.Attr) || !strings.EqualFold(body[off:off+len(ch.Attr)], ch.Attr) {
			return 0, false
		}
	} else if body[off] != '<' && !structural(ch.Kind) {
		return 0, false
	}
	return off, true
}

// structural reports whether a change comes from the structure check,
// whose position may be other than a tag's '<' (a NUL, a character
// reference, the start of the body).
func structural(k ChangeKind) bool {
	return k >= ChangeUnfinishedMarkup && k <= ChangeNotContained
}
