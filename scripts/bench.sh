#!/usr/bin/env bash
# govq against the DuckDB CLI at scale, every figure a ratio measured in the same run.
#
#   scripts/bench.sh N [WORKDIR]    N generated reports (e.g. 10000, 20000, 100000, 1000000); data under
#                                   WORKDIR (default /tmp/scale-1e4, /tmp/scale-2e4, /tmp/scale-1e5, /tmp/scale-1e6, …)
#   scripts/bench.sh N --queries [WORKDIR]   (or GOVQ_BENCH_QUERIES=1) only the end-to-end queries and
#                                   the add-one-report step, with a new build, on the corpus, snapshot and
#                                   DuckDB database a full run left there: minutes, not hours. The first
#                                   query's open is timed alone (it rebuilds the snapshot if this build's
#                                   format version differs); the rows replace the queries' in bench-N.json.
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

MODE=run
[ "${GOVQ_BENCH_QUERIES:-}" = 1 ] && MODE=queries
ARGS=()
for arg in "$@"; do
    if [ "$arg" = --queries ]; then MODE=queries; else ARGS+=("$arg"); fi
done
set -- "${ARGS[@]}"
N=${1:?usage: scripts/bench.sh N [--queries] [WORKDIR] | rows [JSON…]}
case "$N" in
    10000) LABEL=1e4 ;; 20000) LABEL=2e4 ;; 100000) LABEL=1e5 ;; 1000000) LABEL=1e6 ;; *) LABEL=$N ;;
esac
W=${2:-/tmp/scale-$LABEL}
SCRATCH=${SCRATCH:-.build-release}
RUNS=${RUNS:-$([ "$N" -ge 500000 ] && echo 5 || echo 11)}
mkdir -p "$W"

echo "== machine: $(nproc) cores, $(free -g | awk '/^Mem/ {print $2}') GB; $(uptime)"
df -h "$W" | tail -1

echo "== build (release, $SCRATCH)"
# Built as scripts/install.sh builds (see there and scripts/release-flags.sh): libstdc++ linked in,
# no $ORIGIN runpath, no exported symbol, a query's code laid out together by lld.
read -ra RELEASE_FLAGS <<< "$(scripts/release-flags.sh "$SCRATCH")"
for product in govq govq-corpus govq-bench; do
    swift build -c release --static-swift-stdlib --disable-local-rpath "${RELEASE_FLAGS[@]}" --scratch-path "$SCRATCH" --product $product 2>&1 | grep -E 'error|warning: unre' || true
done
# The run uses copies: a build in this checkout while a long run goes on does not change its binaries.
# govq is copied as scripts/install.sh installs it, stripped (`install -s`): that binary answers
# about a tenth faster than the unstripped one, interleaved (see the README's Scale section).
BIN=$(mktemp -d /tmp/govq-bench-bin.XXXXXX)
trap 'rm -rf "$BIN"' EXIT
install -s -m 0755 "$SCRATCH/release/govq" "$BIN/govq"
cp "$SCRATCH/release/govq-corpus" "$SCRATCH/release/govq-bench" "$BIN/"

command -v duckdb >/dev/null || pip install --quiet duckdb-cli

if [ "$MODE" = queries ]; then
    [ -f "$W/corpus/truth.jsonl" ] && [ "$(wc -l < "$W/corpus/truth.jsonl")" -eq "$N" ] ||
        { echo "bench: $W/corpus does not hold $N reports: run scripts/bench.sh $N (the full benchmark) first" >&2; exit 1; }
elif [ ! -f "$W/corpus/truth.jsonl" ] || [ "$(wc -l < "$W/corpus/truth.jsonl")" -ne "$N" ]; then
    echo "== generate $N reports (about 12.5 KB each: check the disk)"
    rm -rf "$W/corpus"
    "$BIN/govq-corpus" -n "$N" --seed 1 -o "$W/corpus"
fi

# The corpus read once before anything is timed, when it fits in half the free memory: the first
# loader to read texts that another corpus pushed out of the page cache reads them from disk (20–40
# MB/s here) and the figure is the disk's, not govq's (a fifth-round run measured 40 MB/s so).
corpus_kb=$(du -sk "$W/corpus" 2>/dev/null | cut -f1)
free_kb=$(awk '/^MemAvailable/ {print $2}' /proc/meminfo)
if [ -n "$corpus_kb" ] && [ "$corpus_kb" -lt $((free_kb / 2)) ]; then
    echo "== reading the corpus into the page cache ($((corpus_kb / 1024)) MB)"
    tar cf - -C "$W" corpus | cat > /dev/null
else
    echo "== the corpus ($((${corpus_kb:-0} / 1024)) MB) is not read ahead: more than half the free memory; its first reader may wait for the disk"
fi

python3 scripts/duckdb_bench.py $MODE --govq "$BIN/govq" --corpus-tool "$BIN/govq-corpus" --bench "$BIN/govq-bench" \
    --corpus "$W/corpus" --work "$W" -n "$N" --runs "$RUNS" --json "$W/bench-$N.json"
