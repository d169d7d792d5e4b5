//go:build race

package article

// raceEnabled: the race detector slows code down unevenly, so timing
// tests do not run under it.
const raceEnabled = true
