#!/usr/bin/env python3
"""Each analysis construct against the plain grouped query it builds on (issue 15: within 2×),
by two measures, on one snapshot (README, Analysis, Speed):

  scripts/analysis_bench.py FILE.govq [--bin DIR] [--runs N] [--no-callgrind] [--no-wall] [--only SUBSTR]

- instructions: callgrind's count for the query alone, inside `QueryEngine.run` of
  `govq-bench analysis FILE Q` (five runs of Q in one process), per run. Steady on a loaded
  machine; the first run's one-time costs (checksums of the columns it reads) are included.
- wall: the whole process, `govq --data FILE -e Q`, median of N runs, the two queries of a pair
  interleaved so that the machine's load falls on both alike.

Needs a release build (`swift build -c release --static-swift-stdlib --scratch-path
.build-release`; --bin defaults to .build-release/release) and valgrind for the counts.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

# (plain query, analysis construct on it). The plain query is what the construct adds to.
PAIRS = [
    ("sum new by applicant", "share new by applicant"),
    ("sum new by province, district", "share new by province, district within province"),
    ("sum denied by outcome", "share denied by outcome"),
    ("sum new by district", "change new by district from 2019 to 2021"),
    ("sum new by year", "yoy new by year"),
    ("sum new by district, year", "yoy new by district, year"),
    ("sum denied by district", "sum denied by district with totals"),
    ("sum new by district pivot year", "sum new by district pivot year with totals"),
    ("sum granted, partial, handled by district", "rank disclosure_rate by district min handled 30"),
    ("sum granted, partial, handled by district", "disclosure_rate by district with ci"),
    ("sum granted, partial, handled by district", "disclosure_rate by district"),
    ("sum handled by district", "contest_rate by district"),
]
# QueryEngine.run(_:text:source:), mangled: every query of `govq-bench analysis` passes through it.
ENTRY = "QueryB0V3run_4text6source"


def instructions(bench, data, query):
    """Instructions of one run of `query`: callgrind over `govq-bench analysis DATA QUERY`, which
    runs it five times, counting only inside `QueryEngine.run` (parse, plan, execute), per run."""
    with tempfile.TemporaryDirectory(prefix="analysis3-cg-") as tmp:
        out = os.path.join(tmp, "cg.out")
        subprocess.run(["valgrind", "--tool=callgrind", "--dump-instr=no", f"--callgrind-out-file={out}",
                        bench, "analysis", data, query], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        text = subprocess.run(["callgrind_annotate", "--inclusive=yes", out], check=True, capture_output=True, text=True).stdout
    for line in text.splitlines():
        if ENTRY in line and "=>" not in line:
            return int(line.split()[0].replace(",", "")) / 5
    raise RuntimeError(f"no {ENTRY} in callgrind's output for {query!r}")


def wall(govq, data, queries, runs):
    """Median seconds of the whole process per query, the queries interleaved run by run."""
    times = {q: [] for q in queries}
    for _ in range(runs):
        for q in queries:
            t = time.perf_counter()
            subprocess.run([govq, "--data", data, "-e", q], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times[q].append(time.perf_counter() - t)
    return {q: statistics.median(v) for q, v in times.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("--bin", default=".build-release/release")
    ap.add_argument("--runs", type=int, default=21)
    ap.add_argument("--no-callgrind", action="store_true")
    ap.add_argument("--no-wall", action="store_true")
    ap.add_argument("--only", default="")
    a = ap.parse_args()
    govq, bench = os.path.join(a.bin, "govq"), os.path.join(a.bin, "govq-bench")
    pairs = [p for p in PAIRS if a.only in p[1]]
    print(f"# {a.data}; load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    if not a.no_callgrind:
        memo = {}
        def per_run(q):
            if q not in memo:
                memo[q] = instructions(bench, a.data, q)
            return memo[q]
        print("# instructions of the query alone (callgrind, per run)")
        for plain, analysed in pairs:
            p, x = per_run(plain), per_run(analysed)
            print(f"{analysed:<52} {x / 1e6:8.1f} M  {x / p:5.2f}×  {plain} {p / 1e6:.1f} M", flush=True)
    if not a.no_wall:
        print(f"# whole process, govq --data FILE -e Q, median of {a.runs} interleaved")
        for plain, analysed in pairs:
            t = wall(govq, a.data, [plain, analysed], a.runs)
            print(f"{analysed:<52} {t[analysed] * 1e3:8.1f} ms {t[analysed] / t[plain]:5.2f}×  "
                  f"{plain} {t[plain] * 1e3:.1f} ms", flush=True)


if __name__ == "__main__":
    sys.exit(main())
