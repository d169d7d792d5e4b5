package article

// Hooks for the external tests of the quick check (sanitize_quick_gen_test.go),
// which use internal/gen, a package that imports this one.

// QuickCleanForTest is quickClean.
func QuickCleanForTest(p *Policy, body string) bool { return quickClean(p, body) }

// FullCheckCleanForTest is fullCheckClean.
func FullCheckCleanForTest(p *Policy, body string) string { return fullCheckClean(p, body) }
