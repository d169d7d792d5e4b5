// Command articlegen writes N generated articles into a folder, for
// benchmarks of the article command:
//
//	go run ./internal/gen/articlegen -n 100000 -out /tmp/articles
//
// It prints the number of files, their total and average size, and how
// many are invalid or duplicates.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/articlekit/article/internal/gen"
)

func main() {
	n := flag.Int("n", 1000, "number of articles")
	out := flag.String("out", "", "folder to write them to (required)")
	seed := flag.Uint64("seed", 1, "random seed")
	large := flag.Float64("large", 0, "fraction of articles with 30-100 KB bodies")
	invalid := flag.Float64("invalid", 0.03, "fraction of invalid articles (negative: none)")
	dups := flag.Float64("dups", 0.01, "fraction of articles that duplicate an earlier id (negative: none)")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	files, err := gen.Write(*out, *n, gen.Config{Seed: *seed, Large: *large, Invalid: *invalid, Duplicates: *dups})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	total, kinds := 0, map[gen.Kind]int{}
	for _, f := range files {
		total += f.Size
		kinds[f.Kind]++
	}
	fmt.Printf("%d files, %d bytes, %d bytes on average\n", len(files), total, total/max(1, len(files)))
	for k := gen.Valid; k <= gen.DuplicateID; k++ {
		fmt.Printf("  %-14s %d\n", k, kinds[k])
	}
}
