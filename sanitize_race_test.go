//go:build race

package article

// raceEnabled: the race detector slows code unevenly, so timing tests skip.
const raceEnabled = true
