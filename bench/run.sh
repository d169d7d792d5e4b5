#!/usr/bin/env bash
# Runs every peer benchmark in this module and the root package's comparison
# benchmarks, compares them with a pinned benchstat, and prints each ratio.
#
#   bench/run.sh                  # COUNT=6 BENCHTIME=1s, about 5 minutes on 2 cores
#   COUNT=10 bench/run.sh         # tighter intervals
#   OUT=/tmp/b bench/run.sh       # keep the raw go test output there
#
# Ratios are of medians, taken within this one run, side by side. Run it on
# an otherwise idle machine; on a shared VM expect ±15%.
set -euo pipefail
cd "$(dirname "$0")"
COUNT=${COUNT:-6}          # benchstat wants at least 6 for a 95% interval
BENCHTIME=${BENCHTIME:-1s}
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"
BENCHSTAT=(go run golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da)

echo "# go test -bench, -count $COUNT -benchtime $BENCHTIME; raw output in $OUT"
go version
(cd .. && go test -run '^$' -bench '^(BenchmarkParse|BenchmarkGoTomlBaseline|BenchmarkEncodeCanonical|BenchmarkParseExtraKeys|BenchmarkGoTomlMapExtraKeys|BenchmarkPages|BenchmarkCorpus)$' \
  -benchmem -count "$COUNT" -benchtime "$BENCHTIME" .) >"$OUT/root.txt"
# The same pages in turns, by the CPU time of the benchmark's thread (see
# BenchmarkPagesRatio): the ratio column is parse/gotoml.
(cd .. && go test -run '^$' -bench '^BenchmarkPagesRatio$' -count "$COUNT" -benchtime "$BENCHTIME" .) >"$OUT/turns.txt"
go test -run '^$' -bench . -benchmem -count "$COUNT" -benchtime "$BENCHTIME" . >"$OUT/peers.txt"
# Issue 21's growth targets on hostile shapes, as the tests log them: one
# edit and Encode of 1 MiB of one-key tables (bytes allocated per byte of
# input, target 30), Parse+Validate of 2 against 8 MiB of them (thread CPU
# time, target 4.8x), and the peak RSS of Parse+Validate of 4 MiB of them
# under lint's soft memory limit (per byte of input; lint's target is 20).
(cd .. && go test -count 1 -v -run '^(TestEditMemory|TestTablesPeakMemory)$' . && go test -run '^$' -bench BenchmarkParseValidateTables -count 4 .) >"$OUT/tables.txt" || true

# ratios reads benchstat's CSV for sec/op and allocs/op and prints, for every
# row and every column but the base one, how many times the base's cost the
# column costs. ours names the columns that are this package.
ratios() {
  local group=$1 ours=$2
  awk -F, -v group="$group" -v ours="$ours" '
    BEGIN { n = split(ours, o, " "); for (i = 1; i <= n; i++) isours[o[i]] = 1 }
    /^,/ && $2 != "" && $3 == "" { for (i = 2; i <= NF; i++) name[i] = $i; next }
    /^,/ { unit = $2; for (i = 2; i <= NF; i++) u[i] = $i; next }
    unit != "sec/op" && unit != "allocs/op" { next }
    NF < 2 || $1 == "geomean" || $1 == "" { next }
    {
      row = ($1 == "*" || $1 ~ /-[0-9]+$/) ? "" : $1  # no -row: the name itself
      base = $2
      for (i = 4; i <= NF; i++) {
        if (u[i] != unit || name[i] == "" || $i == "" || base == 0) continue
        r = $i / base
        if (unit == "sec/op") {
          verdict = ""
          if (isours[name[2]] && r < 1) verdict = "  <- " name[2] " loses"
          if (isours[name[i]] && r > 1 && !isours[name[2]]) verdict = "  <- " name[i] " loses"
          if ($(i + 2) == "~") verdict = verdict "  (not significant: " $(i + 3) ")"
          printf "%-12s %-7s %-22s %8.2fx %s time%s\n", group, row, name[i], r, name[2] "'\''s", verdict
        } else {
          printf "%-12s %-7s %-22s %8.2fx %s allocs\n", group, row, name[i], r, name[2] "'\''s"
        }
      }
    }'
}

compare() { # group ours benchstat-args...
  local group=$1 ours=$2 file=$3
  shift 3
  echo
  echo "## $group"
  "${BENCHSTAT[@]}" "$@" "$file" 2>&1 | grep -v '^\(goos\|goarch\|pkg\|cpu\):'
  "${BENCHSTAT[@]}" -format csv "$@" "$file" 2>/dev/null | ratios "$group" "$ours" >>"$OUT/ratios.txt"
}

: >"$OUT/ratios.txt"
compare Root "Parse EncodeCanonical" "$OUT/root.txt" -col '.name@(GoTomlBaseline Parse EncodeCanonical)'
compare ExtraKeys "ParseExtraKeys" "$OUT/root.txt" -col '.name@(GoTomlMapExtraKeys ParseExtraKeys)'
compare Pages "parse" "$OUT/root.txt" -filter '.name:Pages' -row /page -col /impl
compare Corpus "parse" "$OUT/root.txt" -filter '.name:Corpus' -col /impl
echo
echo "## Pages in turns (ratio = Parse / go-toml, best batch of each by thread CPU time)"
"${BENCHSTAT[@]}" "$OUT/turns.txt" 2>&1 | grep -v '^\(goos\|goarch\|pkg\|cpu\):'
echo
echo "## Hostile shapes: one-key tables (TestEditMemory, TestTablesGrowth, TestTablesPeakMemory)"
grep -E 'allocated per byte|B: .*×|peak RSS|^(--- )?(FAIL|ok)' "$OUT/tables.txt" || true
compare FrontMatter article "$OUT/peers.txt" -filter '.name:FrontMatter' -col /impl
compare Sanitize article "$OUT/peers.txt" -filter '.name:Sanitize' -row /body -col /impl
compare Slug article "$OUT/peers.txt" -filter '.name:Slug' -row /set -col /impl

echo
echo "## Ratios of medians: how many times the first column's cost each other column has"
echo "## (above 1: the first column is cheaper; \"loses\" marks where this package is the dearer one)"
cat "$OUT/ratios.txt"
