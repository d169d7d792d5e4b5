// Command beam lints a whole archive of articles on Apache Beam: the checks
// of `article lint` on every file, in parallel on any number of workers,
// and the duplicate article_id, feed_item_id and url values across every
// shard, found with one shuffle.
//
//	go run . -input DIR -output FILE
//
// runs on Beam's local runner (prism, in the same process) and writes the
// report to FILE: for the same tree, byte for byte what `article lint DIR`
// prints. On a cluster, name the runner and its flags as for any Beam Go
// pipeline, with the input and output on the cluster's store:
//
//	go run . -runner dataflow -project P -region R -staging_location gs://B/tmp \
//	    -input gs://B/articles -output gs://B/report.txt
//
// A local directory is searched -depth levels deep (its file system matches
// one level per "*"); a directory on gs:// or s3:// is read as "DIR/**"; a
// pattern with *, ? or [ is taken as it is. Files that cannot be read are
// problems in the report, never a failed pipeline. The counters
// (files_read, parse_failures, unreadable, problems_KEY) are printed on
// standard error when the run ends.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"sort"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/gcs"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/s3"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"
)

func main() {
	var o Options
	flag.StringVar(&o.Input, "input", "", "directory, file or pattern of the articles (local, gs://, s3://)")
	flag.StringVar(&o.Output, "output", "", "file to write the report to")
	flag.StringVar(&o.Ext, "ext", ".md", "extensions of the files to check under a directory, separated by commas")
	flag.IntVar(&o.Depth, "depth", 16, "how many levels deep a local directory is searched")
	flag.BoolVar(&o.StrictSlug, "strict-slug", false, "report a url whose slug is not the slug of the title")
	flag.StringVar(&o.Pattern, "pattern", "", "permalink pattern the url must follow")
	flag.StringVar(&o.Location, "location", "", "IANA time zone for dates without an offset (default UTC)")
	flag.StringVar(&o.Zones, "zones", "", `zone abbreviations to accept in dates: "rfc822" for the US zones of RFC 822`)
	flag.DurationVar(&o.MaxFuture, "max-future", 0, "how far in the future a date may be (default 48h; negative: no limit)")
	flag.Parse()
	beam.Init()
	if o.Input == "" || o.Output == "" {
		fmt.Fprintln(os.Stderr, "usage: beam -input DIR|PATTERN -output FILE [flags]")
		os.Exit(2)
	}
	if _, _, err := o.library(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	counters, err := run(context.Background(), o)
	names := make([]string, 0, len(counters))
	for n := range counters {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(os.Stderr, "%s: %d\n", n, counters[n])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// run builds the pipeline for o, runs it on the runner the flags name
// (prism, in this process, by default) and returns its counters.
func run(ctx context.Context, o Options) (map[string]int64, error) {
	p, s := beam.NewPipelineWithRoot()
	Lint(s, o)
	res, err := beamx.RunWithMetrics(ctx, p)
	if err != nil {
		return nil, err
	}
	counters := map[string]int64{}
	if res != nil {
		for _, c := range res.Metrics().AllMetrics().Counters() {
			counters[c.Name()] += c.Result()
		}
	}
	return counters, nil
}
