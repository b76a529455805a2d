#!/usr/bin/env bash
# govq against the DuckDB CLI at scale, every figure a ratio measured in the same run.
#
#   scripts/bench.sh N [WORKDIR]    N generated reports (e.g. 10000, 100000, 1000000); data under
#                                   WORKDIR (default /tmp/scale-1e4, /tmp/scale-1e5, /tmp/scale-1e6, …)
#   scripts/bench.sh rows [JSON…]   the README's table rows from the runs' JSON files (default:
#                                   /tmp/scale-*/bench-*.json)
#
# Steps: build govq, govq-corpus and govq-bench in release (own scratch path) → generate N
# reports (seed 1) unless WORKDIR/corpus holds them → scripts/duckdb_bench.py: load from text
# in-process, `govq index` interleaved with DuckDB loading govq's export into its own database,
# the same answers checked, the queries end to end interleaved, peak memory, sizes, adding one
# report → WORKDIR/bench-N.json and the table rows. Needs swift, python3, GNU time and the DuckDB
# CLI (PyPI's duckdb-cli: installed here when missing).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = rows ]; then
    shift
    if [ $# -eq 0 ]; then set -- /tmp/scale-*/bench-*.json; fi
    exec python3 scripts/duckdb_bench.py rows "$@"
fi

N=${1:?usage: scripts/bench.sh N [WORKDIR] | rows [JSON…]}
case "$N" in
    10000) LABEL=1e4 ;; 100000) LABEL=1e5 ;; 1000000) LABEL=1e6 ;; *) LABEL=$N ;;
esac
W=${2:-/tmp/scale-$LABEL}
SCRATCH=${SCRATCH:-.build-release}
RUNS=${RUNS:-$([ "$N" -ge 500000 ] && echo 5 || echo 11)}
mkdir -p "$W"

echo "== machine: $(nproc) cores, $(free -g | awk '/^Mem/ {print $2}') GB; $(uptime)"
df -h "$W" | tail -1

echo "== build (release, $SCRATCH)"
for product in govq govq-corpus govq-bench; do
    swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH" --product $product 2>&1 | grep -E 'error|warning: unre' || true
done
BIN="$SCRATCH/release"

command -v duckdb >/dev/null || pip install --quiet duckdb-cli

if [ ! -f "$W/corpus/truth.jsonl" ] || [ "$(wc -l < "$W/corpus/truth.jsonl")" -ne "$N" ]; then
    echo "== generate $N reports (about 12.5 KB each: check the disk)"
    rm -rf "$W/corpus"
    "$BIN/govq-corpus" -n "$N" --seed 1 -o "$W/corpus"
fi

python3 scripts/duckdb_bench.py run --govq "$BIN/govq" --corpus-tool "$BIN/govq-corpus" --bench "$BIN/govq-bench" \
    --corpus "$W/corpus" --work "$W" -n "$N" --runs "$RUNS" --json "$W/bench-$N.json"
