#!/usr/bin/env bash
# Benchmarks govq at scale, side by side with DuckDB, in one run.
#
#   scripts/bench.sh [N] [WORKDIR]      N generated reports (default 100000), data under WORKDIR
#
# Steps: build (release) → generate N reports (seed 1) → load them from text (in-process
# throughput, and `govq index` end to end with peak memory) → open the snapshot → in-process
# query times → `govq export` to CSV → DuckDB loads that CSV into its own database file →
# scripts/duckdb_bench.py times the same questions in both, in-process and end to end, and
# prints the ratios. Needs: swift, python3 with duckdb and the DuckDB CLI (pip install duckdb
# duckdb-cli; both are installed here if missing), GNU time.
set -euo pipefail
N=${1:-100000}
W=${2:-/tmp/govq-bench}
SCRATCH=${SCRATCH:-.build-bench-static}
cd "$(dirname "$0")/.."
mkdir -p "$W"

echo "== machine"
lscpu | grep -E '^(Model name|CPU\(s\)|Thread|Core|L2|L3)' | sed 's/  */ /g'
free -h | awk 'NR<=2'
uptime

echo "== build (release, Swift runtime linked statically: a process starts in 8 ms, not 17)"
for product in govq govq-corpus govq-bench; do
    swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH" --product $product >/dev/null
done
BIN="$SCRATCH/release"
CORPUS=${CORPUS:-$W/corpus-$N}   # an existing corpus folder may be given
SNAP="$W/corpus-$N.govq"

if [ ! -f "$CORPUS/truth.jsonl" ]; then
    echo "== generate $N reports"
    rm -rf "$CORPUS"
    "$BIN/govq-corpus" -n "$N" --seed 1 -o "$CORPUS"
fi

echo "== load from text (in-process, all cores)"
"$BIN/govq-bench" load "$CORPUS"

echo "== govq index (end to end; peak memory)"
/usr/bin/time -f "index.wall_seconds %e\nindex.user_seconds %U\nindex.sys_seconds %S\nindex.peak_rss_mb %M KB" \
    "$BIN/govq" index -o "$SNAP" "$CORPUS" 2>&1 | sed 's/\([0-9]*\) KB$/\1 KB/'

echo "== open the snapshot (in-process)"
"$BIN/govq-bench" open "$SNAP"

echo "== query from the snapshot, end to end (peak memory)"
/usr/bin/time -f "query.wall_seconds %e\nquery.peak_rss %M KB" \
    "$BIN/govq" --data "$SNAP" -e "sum denied by district" --format csv 2>&1 >/dev/null | grep -E '^query\.'
if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 3 --runs 20 "$BIN/govq --data $SNAP -e 'sum denied by district' --format csv" 2>/dev/null | grep -E 'Time|Range'
fi

echo "== export (CSV, long table)"
CSV="$W/corpus-$N-applications.csv"
/usr/bin/time -f "export.wall_seconds %e\nexport.peak_rss %M KB" "$BIN/govq" export --data "$SNAP" -o "$CSV"
ls -l "$CSV" | awk '{printf "export.csv_mb %.1f\n", $5 / 1e6}'

echo "== DuckDB, same data, same questions"
python3 -c "import duckdb" 2>/dev/null || pip install --quiet duckdb
command -v duckdb >/dev/null || pip install --quiet duckdb-cli
python3 scripts/duckdb_bench.py --govq "$BIN/govq" --bench "$BIN/govq-bench" --snapshot "$SNAP" \
    --csv "$CSV" --db "$W/corpus-$N.duckdb" --json "$W/bench-$N.json"
