package main

import (
	"bytes"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/articlekit/article"
)

// A rewriter rewrites files for -w (fmt, sanitize): one at a time, with
// article.WriteFile (atomic; refusing a file the user could not write in
// place or that changed since it was read; keeping mode bits and owner).
// On SIGINT or SIGTERM the file being written is finished (or abandoned,
// its temporary file removed, if it fails) and the command stops. Before
// the first file of each directory it removes the temporary files that a
// killed run of the command left there: those named as WriteFile names
// them, older than this run, whose process is gone. Nothing else is
// removed.
type rewriter struct {
	start   time.Time
	sigs    chan os.Signal
	sig     os.Signal
	cleaned map[string]bool
}

// newRewriter starts catching SIGINT and SIGTERM; stop ends it.
func newRewriter() *rewriter {
	w := &rewriter{start: time.Now(), sigs: make(chan os.Signal, 1), cleaned: make(map[string]bool)}
	signal.Notify(w.sigs, os.Interrupt, syscall.SIGTERM)
	return w
}

// stop restores the default handling of the signals.
func (w *rewriter) stop() { signal.Stop(w.sigs) }

// interrupted reports whether a signal asked the command to stop.
func (w *rewriter) interrupted() bool {
	if w.sig == nil {
		select {
		case w.sig = <-w.sigs:
		default:
		}
	}
	return w.sig != nil
}

// signal returns the signal that stopped the command.
func (w *rewriter) signal() os.Signal { return w.sig }

// visit notes that the command works in path's directory, removing stale
// temporary files there the first time.
func (w *rewriter) visit(path string) {
	dir := filepath.Dir(path)
	if w.cleaned[dir] {
		return
	}
	w.cleaned[dir] = true
	removeStaleTemps(dir, w.start)
}

// write replaces the file at path, read as id, with data.
func (w *rewriter) write(path string, id fileID, data []byte) error {
	w.visit(path)
	a, err := article.Decoder{MaxSize: -1}.Decode(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("%s: %w", displayName(path), err) // cannot happen: data was formatted
	}
	// The file must still be the one read. WriteFile checks again that it
	// is the same file just before its rename.
	if now, err := statID(path); err != nil || now != id {
		return &article.FileError{Name: path, Err: fmt.Errorf("%w: not rewritten", article.ErrFileChanged)}
	}
	return a.WriteFile(path)
}

// writeArticle replaces the file a was read from by DecodeFile with a.
func (w *rewriter) writeArticle(path string, a *article.Article) error {
	w.visit(path)
	return a.WriteFile(path)
}

// removeStaleTemps removes from dir the temporary files of WriteFile older
// than start whose process is gone.
func removeStaleTemps(dir string, start time.Time) {
	es, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range es {
		pid, ok := article.TempFilePID(e.Name())
		if !ok || !e.Type().IsRegular() || pid == os.Getpid() {
			continue
		}
		fi, err := e.Info()
		if err != nil || !fi.ModTime().Before(start) || !processGone(pid) {
			continue
		}
		os.Remove(filepath.Join(dir, e.Name()))
	}
}
