//go:build !unix

package main

import "testing"

// runUnprivileged runs the command in dir; permission bits do not stop a
// user's reads on this platform, so tests that need them skip.
func runUnprivileged(t *testing.T, dir, stdin string, args ...string) runResult {
	t.Helper()
	t.Skip("permission bits do not apply on this platform")
	return runResult{}
}

func removePublicBinary() {}
