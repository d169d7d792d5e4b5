package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/articlekit/article"
)

const lintSynopsis = "article lint [-json] [-ext .md] [-strict-slug] [-pattern P] [-location Z] [-zones rfc822] [-max-future D] PATH..."

const lintDescription = `
Lint parses and validates every article named, and every file with one of
the -ext extensions under the directories named (recursively; hidden
directories such as .git are skipped; symbolic links in a tree are not
followed), and standard input for "-". Across all of them it reports
article_id, url and feed_item_id values held by more than one file, at each
file that holds one, naming the other file.

It prints one problem per line, "path:line:col: key: message", sorted by path
then line; a problem with no position of its own (an absent key) is put at
the front matter's opening +++ line. A path with a control character,
newline or invalid UTF-8 is quoted as Go does ("a\nb.md"), so that every
line is one problem and starts with its file. With -json each problem is
one JSON object instead: {"path":…,"line":…,"column":…,"key":…,"message":…}.

The exit status is 0 when no problem is found, 1 when some are, and 2 on
usage or I/O errors (a missing or unreadable path, a FIFO, device or socket
is reported on stderr and the rest is still checked). When stderr is a terminal and the run lasts more
than a second, a progress line is shown on stderr.`

const lintExample = `  $ article lint content/
  content/2025/03/flood-barrier-ist.md:9:1: article_id: duplicate article_id 120001, also in content/2025/03/flood-barrier.md
  content/2025/03/flood-barrier.md:9:1: article_id: duplicate article_id 120001, also in content/2025/03/flood-barrier-ist.md
  content/drafts/x.md:7:1: source_link: invalid URL: "javascript:alert(1)" is not an absolute http or https URL
  content/drafts/x.md:17:12: body: unsafe HTML: URL rejected <a href> "javascript:steal()"
  $ article lint -json -pattern "/:year/:month/:slug" content/ | jq -r .message`

func runLint(e *env, args []string) int {
	fs := newFlags(e, "lint", lintSynopsis, lintDescription, lintExample)
	asJSON := fs.Bool("json", false, "write each problem as a JSON object on its own line")
	ext := fs.String("ext", ".md", "extensions of the files to check under directories, separated by commas")
	strict := fs.Bool("strict-slug", false, "report a url whose slug is not the slug of the title")
	pattern := fs.String("pattern", "", "permalink pattern the url must follow (default "+article.DefaultPattern+")")
	df := addDateFlags(fs, true, article.DefaultMaxFuture)
	if done, status := parseFlags(e, fs, args); done {
		return status
	}
	if fs.NArg() == 0 {
		return usageError(e, fs, "no PATH given")
	}
	exts, err := parseExts(*ext)
	if err != nil {
		return usageError(e, fs, err.Error())
	}
	c, err := newChecker(*pattern, *strict)
	if err != nil {
		return usageError(e, fs, err.Error())
	}
	c.v.MaxFuture = df.validatorMaxFuture()
	dec, err := df.decoder()
	if err != nil {
		return usageError(e, fs, err.Error())
	}

	if os.Getenv("GOMEMLIMIT") == "" {
		// A soft limit: the collector runs more often as the heap nears
		// it, keeping the peak RSS of a run over a huge tree in check.
		debug.SetMemoryLimit(lintMemoryLimit)
		if os.Getenv("GOGC") == "" {
			// Under the limit, the heap may grow to lintGCPercent more
			// than what is live before a collection: the live heap is
			// small (the duplicate index), and collections at the default
			// 100 ran every few hundred files, a tenth of lint's time.
			debug.SetGCPercent(lintGCPercent)
		}
	}
	l := &linter{check: c, dec: dec, env: e}
	ioErrors := l.run(e, fs.Args(), exts)

	sortProblems(l.problems)
	w := bufio.NewWriter(e.stdout)
	for _, p := range l.problems {
		if *asJSON {
			w.Write(problemJSON(p))
		} else {
			w.WriteString(problemLine(p))
			w.WriteByte('\n')
		}
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintf(e.stderr, "article lint: %v\n", err)
		return exitError
	}
	switch {
	case ioErrors > 0:
		return exitError
	case len(l.problems) > 0:
		return exitProblems
	}
	return exitOK
}

// lintMemoryLimit is the Go runtime's soft memory limit during lint
// (unless GOMEMLIMIT says otherwise).
const lintMemoryLimit = 40 << 20

// lintGCPercent is the Go runtime's GOGC during lint, under
// lintMemoryLimit (unless GOGC or GOMEMLIMIT says otherwise).
const lintGCPercent = 400

// linter runs the checks of one lint run.
type linter struct {
	check *checker
	dec   article.Decoder
	env   *env // for standard input

	// Owned by the collecting goroutine.
	dups     article.DuplicateFinder
	problems []problem
	done     atomic.Int64 // files checked, for the progress line
}

// result is what a worker found in one file.
type result struct {
	seq      int // the file's place in the walk
	path     string
	problems []problem
	keys     []article.UniqueKey // nil when the file did not parse
	ioErr    error
}

// batchSize is how many files go to a worker at a time, and come back:
// one channel operation per batch rather than per file.
const batchSize = 64

// run checks every file under paths on all CPUs and returns the number of
// I/O errors, which it reports on stderr.
func (l *linter) run(e *env, paths, exts []string) (ioErrors int) {
	type job struct {
		seq  int
		path string
	}
	workers := runtime.GOMAXPROCS(0)
	jobs := make(chan []job, 2*workers)
	results := make(chan []result, 2*workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []byte
			for batch := range jobs {
				rs := make([]result, len(batch))
				for i, j := range batch {
					rs[i], buf = l.checkFile(j.path, buf)
					rs[i].seq = j.seq
					if cap(buf) > 1<<20 {
						buf = nil // do not keep a huge file's buffer
					}
				}
				results <- rs
			}
		}()
	}
	var walkErrs []error
	go func() {
		seq := 0
		batch := make([]job, 0, batchSize)
		walkPaths(paths, exts, func(p string) bool {
			batch = append(batch, job{seq, p})
			seq++
			if len(batch) == batchSize {
				jobs <- batch
				batch = make([]job, 0, batchSize)
			}
			return true
		}, func(err error) { walkErrs = append(walkErrs, err) })
		if len(batch) > 0 {
			jobs <- batch
		}
		close(jobs)
		wg.Wait()
		close(results)
	}()

	// Results are taken in the order of the walk, whatever order the
	// workers finish in, so that the first holder of a duplicate value, and
	// so the output, do not depend on timing. Waiting results are few: the
	// walk is at most a few batches per worker ahead of the slowest one.
	stop := l.progress(e)
	waiting := make(map[int]result)
	next := 0
	for rs := range results {
		for _, r := range rs {
			waiting[r.seq] = r
		}
		for {
			r, ok := waiting[next]
			if !ok {
				break
			}
			delete(waiting, next)
			next++
			if r.ioErr != nil {
				ioErrors++
				fmt.Fprintf(e.stderr, "article lint: %s\n", errorText(r.ioErr))
				continue
			}
			l.problems = append(l.problems, r.problems...)
			if len(r.keys) == 0 {
				l.done.Add(1)
				continue
			}
			for _, d := range l.dups.AddKeys(r.path, r.keys) {
				l.problems = append(l.problems, d.Problem())
			}
			l.done.Add(1)
		}
	}
	stop()
	for _, err := range walkErrs { // safe: the walk ended before results closed
		ioErrors++
		fmt.Fprintf(e.stderr, "article lint: %s\n", errorText(err))
	}
	return ioErrors
}

// checkFile reads (into buf), parses and checks one file. It returns the
// buffer for the next file.
func (l *linter) checkFile(path string, buf []byte) (result, []byte) {
	src, _, err := readInput(l.env, path, buf)
	if err != nil {
		if errors.Is(err, article.ErrTooLarge) && path != "-" {
			return result{path: path, problems: []problem{{Path: path, Line: 1, Column: 1, Message: err.Error()}}}, src
		}
		if path == "-" {
			err = fmt.Errorf("%s: %w", stdinName, err)
		}
		return result{path: path, ioErr: err}, src
	}
	a, err := l.dec.Decode(bytes.NewReader(src))
	if err != nil {
		return result{path: path, problems: []problem{parseProblem(path, err)}}, src
	}
	return result{path: path, problems: l.check.check(path, src, a), keys: article.UniqueKeys(a)}, src
}

// progress shows "N files, R files/s" on stderr while the run lasts, if
// stderr is a terminal, starting after e.progressAfter (a second); the
// returned function stops it and clears the line.
func (l *linter) progress(e *env) (stop func()) {
	if !e.stderrTTY {
		return func() {}
	}
	quit := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		start := time.Now()
		delay := time.NewTimer(e.progressAfter)
		defer delay.Stop()
		select {
		case <-quit:
			return
		case <-delay.C:
		}
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			n := l.done.Load()
			fmt.Fprintf(e.stderr, "\r%d files, %.0f files/s\x1b[K", n, float64(n)/time.Since(start).Seconds())
			select {
			case <-quit:
				io.WriteString(e.stderr, "\r\x1b[K")
				return
			case <-tick.C:
			}
		}
	}()
	return func() { close(quit); <-finished }
}
