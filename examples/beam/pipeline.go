package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/articlekit/article"
)

func init() {
	register.DoFn3x1[context.Context, string, func(string), error](&matchFn{})
	register.DoFn2x0[string, func(string)](&selectFn{})
	register.DoFn4x0[context.Context, string, func(Found), func(string, Holder)](&checkFn{})
	register.DoFn3x0[string, func(*Holder) bool, func(Found)](&dupFn{})
	register.DoFn3x1[context.Context, []byte, func(*Found) bool, error](&writeFn{})
	register.Emitter1[string]()
	register.Emitter1[Found]()
	register.Emitter2[string, Holder]()
	register.Iter1[Holder]()
	register.Iter1[Found]()
}

// Counters, in the namespace "article": read through Beam's metrics by the
// runner (and printed by main when the run ends).
var (
	filesRead     = beam.NewCounter("article", "files_read")
	parseFailures = beam.NewCounter("article", "parse_failures")
	unreadable    = beam.NewCounter("article", "unreadable")
	duplicates    = beam.NewCounter("article", "duplicate_problems")
)

// Options are lint's options, as flags of the pipeline. They travel to the
// workers inside the DoFns, so every field is exported and plain.
type Options struct {
	Input  string // a directory, a file or a glob (local, gs://, s3://)
	Output string // the file the report is written to
	Ext    string // extensions of the files taken under a directory, comma-separated
	Depth  int    // how deep a local directory is searched

	StrictSlug bool
	Pattern    string
	Location   string        // IANA zone for dates without an offset; "" is UTC
	Zones      string        // "" or "rfc822"
	MaxFuture  time.Duration // 0: the library's default; negative: no limit
}

// Lint adds lint's work on opts.Input to the pipeline, writing the report
// to opts.Output: each file parsed and validated on its own (any worker),
// then one shuffle of the three unique keys of every article for the
// duplicates, then one sorted report.
func Lint(s beam.Scope, opts Options) {
	s = s.Scope("lint")
	globs := beam.CreateList(s, opts.globs())
	matched := beam.ParDo(s, &matchFn{}, globs)
	selected := beam.ParDo(s, &selectFn{Opts: opts}, matched)
	// The few globs list every file: a reshuffle spreads the files over
	// the workers, rather than leaving them all to the one that listed them.
	files := beam.Reshuffle(s, selected)

	problems, keys := beam.ParDo2(s, &checkFn{Opts: opts}, files)
	dups := beam.ParDo(s, &dupFn{}, beam.GroupByKey(s, keys))
	all := beam.Flatten(s, problems, dups)
	beam.ParDo0(s, &writeFn{Output: opts.Output}, beam.Impulse(s), beam.SideInput{Input: all})
}

// globs returns the file patterns for opts.Input. A pattern is taken as it
// is. A directory on a cluster's store (a path with a scheme) becomes
// "DIR/**"; a local directory, whose file system matches one level per
// "*", becomes one pattern per depth down to opts.Depth. selectFn then
// keeps the files lint would take.
func (o Options) globs() []string {
	in := o.Input
	if strings.ContainsAny(in, "*?[") {
		return []string{in}
	}
	if strings.Contains(in, "://") {
		return []string{strings.TrimRight(in, "/") + "/**"}
	}
	in = path.Clean(in)
	if !isLocalDir(in) {
		return []string{in}
	}
	gs := make([]string, 0, o.Depth)
	for d := 1; d <= o.Depth; d++ {
		gs = append(gs, in+strings.Repeat("/*", d))
	}
	return gs
}

// matchFn lists the files of one glob through Beam's file systems (local,
// gs://, s3://). A glob that cannot be listed fails the pipeline: the
// input named is wrong. Files that cannot be read are reported later, one
// by one.
type matchFn struct{}

func (fn *matchFn) ProcessElement(ctx context.Context, glob string, emit func(string)) error {
	fs, err := filesystem.New(ctx, glob)
	if err != nil {
		return err
	}
	defer fs.Close()
	files, err := fs.List(ctx, glob)
	if err != nil {
		return err
	}
	for _, f := range files {
		emit(f)
	}
	return nil
}

// selectFn keeps the files that lint takes under a directory: a name with
// one of the extensions, and no hidden directory (.git) below the input.
// A file named as the input itself is taken whatever its name, as by lint.
type selectFn struct {
	Opts Options
	exts []string
	root string
}

func (fn *selectFn) Setup() {
	fn.exts = splitExts(fn.Opts.Ext)
	fn.root = strings.TrimRight(path.Clean(fn.Opts.Input), "/") + "/"
	if strings.ContainsAny(fn.Opts.Input, "*?[") {
		fn.root = ""
	}
}

func (fn *selectFn) ProcessElement(p string, emit func(string)) {
	if fn.root == "" || p == path.Clean(fn.Opts.Input) {
		emit(p)
		return
	}
	rel, ok := strings.CutPrefix(p, fn.root)
	if !ok {
		rel = p
	}
	dirs := strings.Split(rel, "/")
	for _, d := range dirs[:len(dirs)-1] {
		if strings.HasPrefix(d, ".") {
			return
		}
	}
	for _, e := range fn.exts {
		if strings.HasSuffix(p, e) {
			emit(p)
			return
		}
	}
}

func splitExts(s string) []string {
	var exts []string
	for e := range strings.SplitSeq(s, ",") {
		if e = strings.TrimSpace(e); e != "" {
			if !strings.HasPrefix(e, ".") {
				e = "." + e
			}
			exts = append(exts, e)
		}
	}
	return exts
}

// Found is a problem with what it takes to put problems at the same place
// in lint's order: lint appends a file's own problems when it reaches the
// file, and a duplicate's two problems when it reaches the later file of
// the pair, key by key.
type Found struct {
	P        article.Problem
	Seq      int    // the place among the file's own problems; -1 for a duplicate
	Event    string // for a duplicate, the later file of the pair in walk order
	KeyIndex int    // for a duplicate, the key's place in article_id, url, feed_item_id
}

// compareFound orders as lint's report: by path, line and column, then as
// lint appended them.
func compareFound(a, b Found) int {
	if c := article.CompareProblems(a.P, b.P); c != 0 {
		return c
	}
	switch {
	case a.Seq >= 0 && b.Seq >= 0:
		return a.Seq - b.Seq
	case a.Seq >= 0:
		return -1 // own problems come before the duplicates found later
	case b.Seq >= 0:
		return 1
	}
	if c := walkCompare(a.Event, b.Event); c != 0 {
		return c
	}
	return a.KeyIndex - b.KeyIndex
}

// keyIndex is the place of a unique key in the order lint checks them.
func keyIndex(key string) int {
	switch key {
	case "article_id":
		return 0
	case "url":
		return 1
	}
	return 2
}

// Holder says that the file Path holds one unique key: the element of the
// duplicates shuffle, keyed by the key's name and value.
type Holder struct {
	Path         string
	Key, Value   string
	Line, Column int
}

// checkFn reads, parses and validates one file, emitting its problems and
// its unique keys.
type checkFn struct {
	Opts Options
	dec  article.Decoder
	v    article.Validator
	fs   map[string]filesystem.Interface // by scheme, opened on first use
}

func (fn *checkFn) Setup() error {
	var err error
	fn.dec, fn.v, err = fn.Opts.library()
	return err
}

func (fn *checkFn) Teardown() {
	for _, fs := range fn.fs {
		fs.Close()
	}
}

func (fn *checkFn) ProcessElement(ctx context.Context, p string, emit func(Found), emitKey func(string, Holder)) {
	src, err := fn.read(ctx, p)
	if errors.Is(err, syscall.EISDIR) {
		return // a directory whose name ends like an article's: lint walks into it
	}
	filesRead.Inc(ctx, 1)
	if err != nil {
		unreadable.Inc(ctx, 1)
		emit(Found{P: article.Problem{Path: p, Message: err.Error()}})
		return
	}
	a, err := fn.dec.Decode(bytes.NewReader(src))
	if err != nil {
		parseFailures.Inc(ctx, 1)
		for i, pr := range article.Problems(p, src, err) {
			emit(Found{P: pr, Seq: i})
		}
		return
	}
	for i, pr := range article.Problems(p, src, fn.v.Validate(a)) {
		emit(Found{P: pr, Seq: i})
	}
	for _, k := range article.UniqueKeys(a) {
		emitKey(k.Key+"\x00"+k.Value, Holder{Path: p, Key: k.Key, Value: k.Value, Line: k.Line, Column: k.Column})
	}
}

// read reads the file p whole, through the file system of its scheme.
func (fn *checkFn) read(ctx context.Context, p string) ([]byte, error) {
	scheme, _, _ := strings.Cut(p, "://")
	if scheme == p {
		scheme = ""
	}
	fs := fn.fs[scheme]
	if fs == nil {
		var err error
		if fs, err = filesystem.New(ctx, p); err != nil {
			return nil, err
		}
		if fn.fs == nil {
			fn.fs = map[string]filesystem.Interface{}
		}
		fn.fs[scheme] = fs
	}
	r, err := fs.OpenRead(ctx, p)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

// dupFn turns the holders of one key's value into lint's duplicate
// problems: the holders in the order lint walks them, through the
// library's DuplicateFinder, so that the first holder and every message
// are lint's.
type dupFn struct{}

func (fn *dupFn) ProcessElement(_ string, holders func(*Holder) bool, emit func(Found)) {
	var hs []Holder
	var h Holder
	for holders(&h) {
		hs = append(hs, h)
	}
	if len(hs) < 2 {
		return
	}
	slices.SortFunc(hs, func(a, b Holder) int { return walkCompare(a.Path, b.Path) })
	var f article.DuplicateFinder
	for _, h := range hs {
		for _, d := range f.AddKeys(h.Path, []article.UniqueKey{{Key: h.Key, Value: h.Value, Line: h.Line, Column: h.Column}}) {
			emit(Found{P: d.Problem(), Seq: -1, Event: h.Path, KeyIndex: keyIndex(d.Key)})
		}
	}
}

// walkCompare orders paths as lint's walk (filepath.WalkDir) visits them:
// directory by directory, each directory's entries by name.
func walkCompare(a, b string) int {
	for {
		ai, bi := strings.IndexByte(a, '/'), strings.IndexByte(b, '/')
		ac, bc := a, b
		if ai >= 0 {
			ac = a[:ai]
		}
		if bi >= 0 {
			bc = b[:bi]
		}
		if c := strings.Compare(ac, bc); c != 0 || ai < 0 || bi < 0 {
			if c == 0 {
				return (ai >> 63) - (bi >> 63) // the shorter path, a file, is not reached twice
			}
			return c
		}
		a, b = a[ai+1:], b[bi+1:]
	}
}

// writeFn writes every problem, sorted as lint sorts them, one per line.
// It runs once (on the impulse), with every problem as its side input:
// the report is one file, as lint's output is one stream.
type writeFn struct {
	Output string
}

func (fn *writeFn) ProcessElement(ctx context.Context, _ []byte, problems func(*Found) bool) error {
	var fs []Found
	var f Found
	for problems(&f) {
		fs = append(fs, f)
		countProblem(ctx, f.P)
	}
	slices.SortFunc(fs, compareFound)
	var buf bytes.Buffer
	for _, f := range fs {
		buf.WriteString(f.P.String())
		buf.WriteByte('\n')
	}
	out, err := filesystem.New(ctx, fn.Output)
	if err != nil {
		return err
	}
	defer out.Close()
	w, err := out.OpenWrite(ctx, fn.Output)
	if err != nil {
		return err
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

// countProblem counts problems by key, in counters named "problems_KEY"
// ("problems" for a problem without a key), and the duplicates.
func countProblem(ctx context.Context, p article.Problem) {
	name := "problems"
	if p.Key != "" {
		name += "_" + p.Key
	}
	beam.NewCounter("article", name).Inc(ctx, 1)
	if strings.HasPrefix(p.Message, "duplicate ") {
		duplicates.Inc(ctx, 1)
	}
}

// isLocalDir reports whether p names a directory on this machine.
func isLocalDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// library returns the Decoder and Validator that opts describe.
func (o Options) library() (article.Decoder, article.Validator, error) {
	var d article.Decoder
	v := article.Validator{StrictSlug: o.StrictSlug, MaxFuture: o.MaxFuture}
	if o.Location != "" {
		loc, err := time.LoadLocation(o.Location)
		if err != nil {
			return d, v, fmt.Errorf("-location: %w", err)
		}
		d.Location = loc
	}
	switch o.Zones {
	case "":
	case "rfc822":
		d.Zones = article.RFC822Zones()
	default:
		return d, v, fmt.Errorf("-zones: %q is not a zone table (rfc822)", o.Zones)
	}
	if o.Pattern != "" {
		pat, err := article.CompilePattern(o.Pattern)
		if err != nil {
			return d, v, fmt.Errorf("-pattern: %w", err)
		}
		v.Pattern = pat
	}
	return d, v, nil
}
