package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/articlekit/article"
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

// parseFlags parses args, flags before and after the other arguments (as
// "lint dir -json"); after "--" everything is an argument. Afterwards
// fs.Args() holds the arguments that are not flags. It returns done = true
// with the exit status when the command must stop: after -h (usage on
// stdout, status 0) or a bad flag (the error and usage on stderr, status 2).
func parseFlags(e *env, fs *flag.FlagSet, args []string) (done bool, status int) {
	var rest []string
	err := fs.Parse(args)
	for err == nil && fs.NArg() > 0 {
		left := fs.Args()
		if consumed := args[:len(args)-len(left)]; len(consumed) > 0 && consumed[len(consumed)-1] == "--" {
			rest = append(rest, left...)
			break
		}
		rest = append(rest, left[0])
		args = left[1:]
		err = fs.Parse(args)
	}
	if err == nil {
		// Leave the arguments in fs.Args(): "--" ends the flags at once.
		_ = fs.Parse(append([]string{"--"}, rest...))
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

// dateFlags are the flags for the library's date options, the same on
// every command where they apply.
type dateFlags struct {
	location  string
	zones     string
	maxFuture time.Duration
}

// addDateFlags defines -location and -zones on fs, and -max-future when
// maxFuture is true, with defMaxFuture as its default.
func addDateFlags(fs *flag.FlagSet, maxFuture bool, defMaxFuture time.Duration) *dateFlags {
	d := &dateFlags{}
	fs.StringVar(&d.location, "location", "UTC", "IANA time zone of dates written without an offset, such as Europe/Paris")
	fs.StringVar(&d.zones, "zones", "", "table of time zone abbreviations to read: rfc822 for the US zones of RFC 822 (EST, EDT, CST, …)")
	if maxFuture {
		fs.DurationVar(&d.maxFuture, "max-future", defMaxFuture, "how far in the future a date may be, such as 72h; negative for no limit")
	}
	return d
}

// decoder returns the Decoder the flags describe.
func (d *dateFlags) decoder() (article.Decoder, error) {
	var dec article.Decoder
	if d.location != "" && d.location != "UTC" {
		loc, err := time.LoadLocation(d.location)
		if err != nil {
			return dec, fmt.Errorf("-location: %v", err)
		}
		dec.Location = loc
	}
	switch strings.ToLower(d.zones) {
	case "":
	case "rfc822":
		dec.Zones = article.RFC822Zones()
	default:
		return dec, fmt.Errorf("-zones %q: the table known is rfc822", d.zones)
	}
	return dec, nil
}

// validatorMaxFuture returns Validator.MaxFuture for -max-future: the
// Validator takes zero for its default, so a zero limit is one nanosecond.
func (d *dateFlags) validatorMaxFuture() time.Duration {
	if d.maxFuture == 0 {
		return time.Nanosecond
	}
	return d.maxFuture
}

// flagHints rewrites the library's hints that name a Go field into the
// command's flag that sets it.
var flagHints = strings.NewReplacer(
	"or set Decoder.Zones to RFC822Zones()", "or use -zones rfc822",
	"or add it to Decoder.Zones (RFC822Zones has it)", "or use -zones rfc822",
	"or read it with Decoder.Zones (RFC822Zones has the US zones)", "or use -zones rfc822 for the US zones",
	"or add it to Decoder.Zones", "(-zones rfc822 does not hold it)",
)

// hinted returns msg with hints naming flags rather than Go fields.
func hinted(msg string) string {
	msg = flagHints.Replace(msg)
	if strings.HasSuffix(msg, "in the future") {
		msg += " (-max-future sets the limit)"
	}
	return msg
}
