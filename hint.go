package article

import "fmt"

// unknownKeyError is ErrUnknownKey for the key k, with a hint such as
// `did you mean "source"?` when k looks like a mistyped schema key (see
// similarKey). Validate and a Decoder with DisallowUnknownKeys both use it,
// so that a typo reads the same from either.
func unknownKeyError(k string) error {
	if want, ok := similarKey(k); ok {
		return fmt.Errorf("%w: did you mean %q?", ErrUnknownKey, want)
	}
	return ErrUnknownKey
}

// similarKey returns the schema key that k, a key outside the schema, looks
// like a misspelling of (see Validator).
func similarKey(k string) (string, bool) {
	if len(k) > 16 || k == "" { // the longest schema key has 12 bytes
		return "", false
	}
	var arr [16]byte
	norm := arr[:len(k)]
	for i := 0; i < len(k); i++ {
		b := k[i]
		switch {
		case 'A' <= b && b <= 'Z':
			b += 'a' - 'A'
		case b == '-':
			b = '_'
		}
		norm[i] = b
	}
	best, bestD := -1, 3
	for i, s := range schemaKeys {
		if string(norm) == s {
			return s, true
		}
		limit := 2
		if len(s) <= 5 {
			limit = 1
		}
		if d := keyDistance(string(norm), s, limit); d <= limit && d < bestD {
			best, bestD = i, d
		}
	}
	if best < 0 {
		return "", false
	}
	return schemaKeys[best], true
}

// keyDistance returns the optimal string alignment distance of a and b
// (insertions, deletions, substitutions and swaps of neighbours, each 1),
// or a number above limit when it is larger than limit. Both are at most 16
// bytes long.
func keyDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	var rows [3][17]int
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= len(b); j++ {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, prev2[j-2]+1)
			}
			cur[j] = d
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
