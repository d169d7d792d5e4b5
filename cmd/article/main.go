// Command article lints, formats, creates, cleans and converts news
// articles stored as text files: TOML front matter between "+++" lines,
// followed by an HTML body. It does for a content tree what gofmt and go vet
// do for Go code.
//
// Install:
//
//	go install github.com/articlekit/article/cmd/article@latest
//
// Usage:
//
//	article lint [-json] [-ext .md] [-strict-slug] [-pattern P] [-location Z] [-zones rfc822] [-max-future D] PATH...
//	article fmt [-l] [-w] [-d] [PATH...]
//	article new -title T -id N [-date D] [-source S] [-source-link U] [-feed-item-id N] [-location Z] [-zones rfc822] [-max-future D] [-o FILE]
//	article slug [-max N] [TEXT...]
//	article sanitize [-w] [-location Z] [-zones rfc822] PATH...
//	article json [-location Z] [-zones rfc822] PATH...
//	article version
//
// Run "article help COMMAND" or "article COMMAND -h" for the flags and an
// example of each command. Flags may come before or after paths. A PATH is
// a file, a directory (walked for .md files without following symbolic
// links) or "-" for standard input. Only regular files are read: a FIFO,
// device or socket is reported, never waited on. With -w, files are
// replaced atomically by article.WriteFile, which refuses a file the user
// could not write in place and keeps mode bits and owner; SIGINT and
// SIGTERM finish the file being written and stop. The exit status is 0 on
// success, 1 when lint finds problems (or fmt -l/-d finds files to
// format), and 2 on usage or I/O errors or when interrupted.
package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"time"
)

// A command is one subcommand: its name, a one-line summary, and the
// function that runs it with the arguments after its name.
type command struct {
	name    string
	summary string
	run     func(env *env, args []string) int
}

// env is what a command reads and writes, so that tests can run commands
// in the process as well as through the binary.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// stderrTTY says whether stderr is a terminal, and progressAfter how
	// long a lint run must last before it shows progress there.
	stderrTTY     bool
	progressAfter time.Duration
}

// Exit statuses.
const (
	exitOK       = 0
	exitProblems = 1
	exitError    = 2
)

var commands = []command{
	{"lint", "check articles and report every problem, with duplicate ids and urls across the tree", runLint},
	{"fmt", "list, rewrite or diff articles whose layout is not canonical", runFmt},
	{"new", "print a new canonical article, ready to edit", runNew},
	{"slug", "print the slug of each argument or line of input", runSlug},
	{"sanitize", "clean article bodies with the article policy, touching nothing else", runSanitize},
	{"json", "print each article as one JSON object", runJSON},
	{"lsp", "run a language server for editors on standard input and output", runLSP},
	{"version", "print the version of the command", runVersion},
}

func main() {
	e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr,
		stderrTTY: isTerminal(os.Stderr), progressAfter: time.Second}
	os.Exit(run(e, os.Args[1:]))
}

// run runs the command line args (without the program name) and returns
// the exit status.
func run(e *env, args []string) int {
	if len(args) == 0 {
		usage(e.stderr)
		return exitError
	}
	name := args[0]
	switch name {
	case "-version", "--version":
		return runVersion(e, nil)
	case "-h", "-help", "--help", "help":
		if name == "help" && len(args) > 1 {
			if c := lookup(args[1]); c != nil {
				return c.run(e, []string{"-h"})
			}
			fmt.Fprintf(e.stderr, "article help: unknown command %q\n", args[1])
			usage(e.stderr)
			return exitError
		}
		usage(e.stdout)
		return exitOK
	}
	c := lookup(name)
	if c == nil {
		fmt.Fprintf(e.stderr, "article: unknown command %q\n", name)
		usage(e.stderr)
		return exitError
	}
	return c.run(e, args[1:])
}

func lookup(name string) *command {
	for i := range commands {
		if commands[i].name == name {
			return &commands[i]
		}
	}
	return nil
}

func usage(w io.Writer) {
	fmt.Fprint(w, "article checks, formats and converts news articles (TOML front matter between +++ lines, then HTML).\n\nusage: article COMMAND [flags] [arguments]\n\ncommands:\n")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, "\nRun \"article COMMAND -h\" for the flags and an example of a command.\n")
}

// runVersion prints the module version the command was built from, as
// the build info records it: a tag (v1.2.0) for "go install …@v1.2.0", a
// pseudo-version, or "(devel)" for a build in a checkout, followed by the
// VCS revision when known.
func runVersion(e *env, args []string) int {
	fs := newFlags(e, "version", "article version", "Version prints the version of the article module the command was built from.", "  $ article version\n  article v1.4.0")
	if done, status := parseFlags(e, fs, args); done {
		return status
	}
	if fs.NArg() > 0 {
		return usageError(e, fs, fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
	}
	fmt.Fprintln(e.stdout, "article "+version())
	return exitOK
}

// version returns the module version from the build info.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = "+dirty"
			}
		}
	}
	if rev != "" && (v == "(devel)" || !strings.Contains(v, rev[:min(12, len(rev))])) {
		v += " " + rev[:min(12, len(rev))] + modified
	}
	return v
}

// isTerminal reports whether f is a terminal (a character device).
func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
