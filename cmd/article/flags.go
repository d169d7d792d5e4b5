package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// newFlags returns a flag set for a subcommand whose usage shows synopsis,
// a description, the flags and an example.
func newFlags(e *env, name, synopsis, description, example string) *flag.FlagSet {
	fs := flag.NewFlagSet("article "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // parseFlags prints the usage where it belongs
	fs.Usage = func() { printUsage(fs.Output(), fs, synopsis, description, example) }
	return fs
}

func printUsage(w io.Writer, fs *flag.FlagSet, synopsis, description, example string) {
	fmt.Fprintf(w, "usage: %s\n\n%s\n", synopsis, strings.TrimSpace(description))
	has := false
	fs.VisitAll(func(*flag.Flag) { has = true })
	if has {
		fmt.Fprint(w, "\nflags:\n")
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	fmt.Fprintf(w, "\nexample:\n%s\n", strings.TrimRight(example, "\n"))
}

// parseFlags parses args. It returns done = true with the exit status when
// the command must stop: after -h (usage on stdout, status 0) or a bad flag
// (the error and usage on stderr, status 2).
func parseFlags(e *env, fs *flag.FlagSet, args []string) (done bool, status int) {
	err := fs.Parse(args)
	if err == nil {
		return false, exitOK
	}
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(e.stdout)
		fs.Usage()
		return true, exitOK
	}
	fmt.Fprintf(e.stderr, "%s: %v\n", fs.Name(), err)
	fs.SetOutput(e.stderr)
	fs.Usage()
	return true, exitError
}

// usageError prints msg and the usage of fs on stderr and returns 2.
func usageError(e *env, fs *flag.FlagSet, msg string) int {
	fmt.Fprintf(e.stderr, "%s: %s\n", fs.Name(), msg)
	fs.SetOutput(e.stderr)
	fs.Usage()
	return exitError
}
