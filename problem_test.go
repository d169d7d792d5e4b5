package article

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProblemString(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    Problem
		want string
	}{
		{"full", Problem{Path: "a/b.md", Line: 3, Column: 7, Key: "url", Message: "mismatch"}, "a/b.md:3:7: url: mismatch"},
		{"no key", Problem{Path: "a.md", Line: 1, Column: 1, Message: "no front matter"}, "a.md:1:1: no front matter"},
		{"no position", Problem{Path: "a.md", Key: "title", Message: "required"}, "a.md:1:1: title: required"},
		{"escapes in key and message", Problem{Path: "a.md", Line: 4, Column: 2, Key: "body", Message: "unsafe HTML: element <x\x1b[2Jy>\n"},
			`a.md:4:2: body: unsafe HTML: element <x\x1b[2Jy>\n`},
		{"column 0 is 1", Problem{Path: "a.md", Line: 2, Key: "k", Message: "m"}, "a.md:2:1: k: m"},
		{"newline quoted", Problem{Path: "a\nz.md:9:9: title: forged.md", Line: 1, Column: 1, Key: "title", Message: "required"},
			`"a\nz.md:9:9: title: forged.md":1:1: title: required`},
		{"escape quoted", Problem{Path: "\x1b[31mred.md", Line: 1, Column: 1, Message: "m"}, `"\x1b[31mred.md":1:1: m`},
		{"invalid UTF-8 quoted", Problem{Path: "\xff.md", Line: 1, Column: 1, Message: "m"}, `"\xff.md":1:1: m`},
		{"line separator quoted", Problem{Path: "a\u2028b.md", Line: 1, Column: 1, Message: "m"}, `"a\u2028b.md":1:1: m`},
		{"plain non-ASCII kept", Problem{Path: "über/ünïcode.md", Line: 1, Column: 1, Message: "m"}, "über/ünïcode.md:1:1: m"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.p.String()
			assert.Equal(t, tc.want, got)
			assert.NotContains(t, got, "\n", "one problem, one line")
		})
	}
}

func TestProblems(t *testing.T) {
	t.Run("nil", func(t *testing.T) {
		assert.Nil(t, Problems("a.md", nil, nil))
	})
	t.Run("parse error", func(t *testing.T) {
		_, err := Parse(strings.NewReader("+++\ntitle = \"x\"\ndate = \"never\"\n+++\nbody\n"))
		require.Error(t, err)
		ps := Problems("a.md", nil, fmt.Errorf("reading: %w", err))
		require.Len(t, ps, 1)
		assert.Equal(t, Problem{Path: "a.md", Line: 3, Column: 1, Key: "date", Message: ps[0].Message}, ps[0])
		assert.NotEmpty(t, ps[0].Message)
	})
	t.Run("validate errors in file order", func(t *testing.T) {
		a, err := Parse(strings.NewReader("+++\ntitle = \"T\"\ndate = 2025-03-01T10:00:00Z\narticle_id = 7\nurl = \"/202503/8-t\"\nsource_link = \"javascript:x\"\n+++\n<p>x</p>\n"))
		require.NoError(t, err)
		err = a.Validate()
		require.Error(t, err)
		ps := Problems("a.md", nil, err)
		fes := FieldErrors(err)
		require.Len(t, ps, len(fes))
		for i, fe := range fes {
			assert.Equal(t, fe.Line, ps[i].Line)
			assert.Equal(t, fe.Column, ps[i].Column)
			assert.Equal(t, fe.Key, ps[i].Key)
			assert.Equal(t, fe.Err.Error(), ps[i].Message)
			assert.Equal(t, "a.md", ps[i].Path)
		}
		assert.True(t, slices.IsSortedFunc(ps, CompareProblems))
	})
	t.Run("duplicate", func(t *testing.T) {
		d := Duplicate{Path: "b.md", Line: 9, Column: 1, Key: "article_id", Value: "42", Other: "a.md"}
		ps := Problems("ignored.md", nil, d)
		require.Len(t, ps, 1)
		assert.Equal(t, "b.md:9:1: article_id: duplicate article_id 42, also in a.md", ps[0].String())
		assert.Equal(t, "b.md:"+d.Error(), ps[0].String(), "the same words as Duplicate.Error")
	})
	t.Run("other error", func(t *testing.T) {
		ps := Problems("a.md", nil, errors.New("article: file too large"))
		assert.Equal(t, []Problem{{Path: "a.md", Message: "file too large"}}, ps)
	})
}

func TestProblemsAtOpener(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		line int
	}{
		{"first line", "+++\ndate = 2025-03-01T10:00:00Z\n+++\n<p>x</p>\n", 1},
		{"after blank lines and a BOM", "\ufeff\n \n+++ \r\ndate = 2025-03-01T10:00:00Z\r\n+++\r\n<p>x</p>\r\n", 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Parse(strings.NewReader(tc.src))
			require.NoError(t, err)
			err = a.Validate()
			require.Error(t, err)
			for _, p := range Problems("a.md", []byte(tc.src), err) {
				require.Positive(t, p.Line, "%v", p)
				if p.Key == "title" || p.Key == "article_id" {
					assert.Equal(t, tc.line, p.Line, "%v", p)
					assert.Equal(t, 1, p.Column)
				}
			}
			for _, p := range Problems("a.md", nil, err) {
				if p.Key == "title" {
					assert.Zero(t, p.Line, "without the text, an absent key has no place")
				}
			}
		})
	}
	assert.Equal(t, 1, openerLine([]byte("title = 1\n+++\n")), "no opener: line 1")
	assert.Equal(t, 1, openerLine(nil))
	assert.Equal(t, 1, openerLine([]byte("\n\n")))
}

func TestCompareProblems(t *testing.T) {
	ps := []Problem{
		{Path: "b.md", Line: 1, Column: 1},
		{Path: "a.md", Line: 10, Column: 1},
		{Path: "a.md", Line: 2, Column: 5},
		{Path: "a.md", Line: 2, Column: 3},
		{Path: "a.md"},
	}
	slices.SortStableFunc(ps, CompareProblems)
	assert.Equal(t, []Problem{
		{Path: "a.md"},
		{Path: "a.md", Line: 2, Column: 3},
		{Path: "a.md", Line: 2, Column: 5},
		{Path: "a.md", Line: 10, Column: 1},
		{Path: "b.md", Line: 1, Column: 1},
	}, ps)
}

// TestOpenerLine: the line lint puts a problem without a place of its own on.
func TestOpenerLine(t *testing.T) {
	for _, c := range []struct {
		src  string
		line int
	}{
		{"+++\nx = 1\n+++\n", 1},
		{"\ufeff+++\n", 1},
		{"\n\n+++\n", 3},
		{"\r\n \t\r\n+++ \t\r\n", 3},
		{"\ufeff\n+++\n", 2},
		{"text\n+++\n", 1},
		{"\n\n", 1},
		{"", 1},
		{"\n \n", 1},
	} {
		assert.Equal(t, c.line, openerLine([]byte(c.src)), "%q", c.src)
	}
}
