package main

import (
	"bufio"
	"fmt"

	"github.com/articlekit/article"
)

const slugSynopsis = "article slug [-max N] [TEXT...]"

const slugDescription = `
Slug prints the slug of each TEXT argument, one per line, as the url of an
article uses it: lower-case ASCII letters and digits in words joined by
hyphens. With no argument it reads lines from standard input and prints the
slug of each. A text with nothing that can be spelled gives an empty line.`

const slugExample = `  $ article slug "Meta Declines to Sign EU's Voluntary AI Code of Practice" "Ångström & Søn"
  meta-declines-to-sign-eus-voluntary-ai-code-of-practice
  angstrom-and-son`

func runSlug(e *env, args []string) int {
	fs := newFlags(e, "slug", slugSynopsis, slugDescription, slugExample)
	maxLen := fs.Int("max", article.DefaultMaxLen, "maximum length of a slug in bytes; negative for no limit")
	if done, status := parseFlags(e, fs, args); done {
		return status
	}
	if *maxLen == 0 {
		return usageError(e, fs, "-max 0 leaves no room for a slug")
	}
	s := article.Slugger{MaxLen: *maxLen}
	w := bufio.NewWriter(e.stdout)
	defer w.Flush()
	if fs.NArg() > 0 {
		for _, t := range fs.Args() {
			fmt.Fprintln(w, s.Slug(t))
		}
		return exitOK
	}
	sc := bufio.NewScanner(e.stdin)
	sc.Buffer(make([]byte, 64*1024), 16<<20)
	for sc.Scan() {
		fmt.Fprintln(w, s.Slug(sc.Text()))
	}
	if err := sc.Err(); err != nil {
		w.Flush()
		fmt.Fprintf(e.stderr, "article slug: reading standard input: %v\n", err)
		return exitError
	}
	return exitOK
}
