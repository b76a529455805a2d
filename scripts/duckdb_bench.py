#!/usr/bin/env python3
"""Times the same questions in govq and in DuckDB on the same data, in the same run.

DuckDB gets govq's own export (`govq export`, the tidy long table) loaded into a DuckDB
database file. Three comparisons:

  in-process   govq-bench query (median of 21) vs duckdb.sql on an open connection (median of 21)
  end to end   `govq --data X.govq -e Q` vs the DuckDB CLI (`duckdb -readonly DB -csv -c Q`, from
               PyPI's duckdb-cli) on a database file the CLI built itself, each a fresh process,
               process start to last byte (median of --runs). Without the CLI, DuckDB's Python
               package opening its own file is timed instead, with `python3 -c "import duckdb"`
               reported so the reader can subtract the interpreter's start-up.

usage: duckdb_bench.py --govq BIN --bench BIN --snapshot X.govq --csv applications.csv --db X.duckdb [--cli duckdb]
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

import duckdb

# govq query -> the same question in SQL over the long table.
QUERIES = [
    ("sum denied by district",
     "SELECT district, sum(count) AS denied FROM applications WHERE outcome LIKE 'denied.%' GROUP BY district ORDER BY district"),
    ("sum new by applicant",
     "SELECT applicant, sum(count) AS new FROM applications WHERE outcome = 'new' GROUP BY applicant ORDER BY applicant"),
    ("count reports by year",
     "SELECT year, count(DISTINCT file) AS reports FROM applications GROUP BY year ORDER BY year"),
    ("sum granted, partial, denied by year",
     "SELECT year, sum(count) FILTER (WHERE outcome = 'granted') AS granted, sum(count) FILTER (WHERE outcome = 'partial') AS partial, "
     "sum(count) FILTER (WHERE outcome LIKE 'denied.%') AS denied FROM applications GROUP BY year ORDER BY year"),
    ("sum denied where year = 2021 and applicant in (business, legal_service) by district",
     "SELECT district, sum(count) AS denied FROM applications WHERE outcome LIKE 'denied.%' AND year = 2021 "
     "AND applicant IN ('business', 'legal_service') GROUP BY district ORDER BY district"),
]


def median_time(fn, runs):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def run_quiet(cmd):
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--govq", required=True)
    ap.add_argument("--bench", required=True)
    ap.add_argument("--snapshot", required=True)
    ap.add_argument("--csv", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--json", help="also write the results here")
    ap.add_argument("--cli", default=shutil.which("duckdb"), help="the DuckDB CLI (pip install duckdb-cli)")
    a = ap.parse_args()

    results = {"duckdb_version": duckdb.__version__}
    if not os.path.exists(a.db):
        t = time.perf_counter()
        con = duckdb.connect(a.db)
        con.sql(f"CREATE TABLE applications AS SELECT * FROM read_csv('{a.csv}', header = true, "
                "columns = {'file': 'VARCHAR', 'district': 'VARCHAR', 'unit': 'VARCHAR', 'year': 'SMALLINT', "
                "'template': 'VARCHAR', 'applicant': 'VARCHAR', 'outcome': 'VARCHAR', 'count': 'INTEGER'})")
        con.close()
        results["duckdb_load_seconds"] = time.perf_counter() - t
        print(f"duckdb: loaded {a.csv} into {a.db} in {results['duckdb_load_seconds']:.1f} s")
    con = duckdb.connect(a.db, read_only=True)
    rows = con.execute("SELECT count(*) FROM applications").fetchone()[0]
    print(f"duckdb {duckdb.__version__}: {rows:,} rows in {a.db} ({os.path.getsize(a.db) / 1e6:.1f} MB)")

    # In-process: govq-bench prints `query[Q]  ms  ms median (n rows)`.
    out = subprocess.run([a.bench, "query", a.snapshot], capture_output=True, text=True, check=True).stdout
    govq_in = {}
    for line in out.splitlines():
        if line.startswith("query["):
            q = line[len("query["):line.index("]")]
            govq_in[q] = float(line[line.index("]") + 1:].split()[0]) / 1000

    print(f"\n{'query':<58} {'govq in-proc':>12} {'duckdb in-proc':>14} {'ratio':>7}")
    results["in_process"] = []
    # Same answers first: the timing is only fair if both say the same thing.
    for q, sql in QUERIES[:2]:
        out = subprocess.run([a.govq, "--data", a.snapshot, "-e", q, "--format", "csv"], capture_output=True, text=True).stdout
        lines = [l.split(",") for l in out.strip().splitlines()[1:]]
        mine = {k: (int(v) if v else None) for k, v in lines}
        theirs = {k: v for k, v in con.execute(sql).fetchall()}
        same = mine == theirs
        results.setdefault("same_answers", {})[q] = same
        print(f"same answer for '{q}': {'yes' if same else 'NO'} ({len(mine)} groups)")
    for q, sql in QUERIES:
        d = median_time(lambda: con.execute(sql).fetchall(), 21)
        g = govq_in.get(q, float("nan"))
        results["in_process"].append({"query": q, "govq_s": g, "duckdb_s": d})
        print(f"{q[:58]:<58} {g * 1000:10.2f}ms {d * 1000:12.2f}ms {d / g:6.1f}x")
    con.close()

    print(f"\nend to end (fresh process, median of {a.runs}):")
    results["end_to_end"] = []
    cli_db = a.db.replace(".duckdb", ".cli.duckdb")
    if a.cli:
        version = subprocess.run([a.cli, "--version"], capture_output=True, text=True).stdout.strip()
        results["duckdb_cli_version"] = version
        if not os.path.exists(cli_db):
            load = ("CREATE TABLE applications AS SELECT * FROM read_csv('" + a.csv + "', header = true, columns = "
                    "{'file': 'VARCHAR', 'district': 'VARCHAR', 'unit': 'VARCHAR', 'year': 'SMALLINT', 'template': 'VARCHAR', "
                    "'applicant': 'VARCHAR', 'outcome': 'VARCHAR', 'count': 'INTEGER'})")
            subprocess.run([a.cli, cli_db, "-c", load], check=True)
        print(f"  DuckDB CLI {version}, database {cli_db} ({os.path.getsize(cli_db) / 1e6:.1f} MB)")
    python_only = median_time(lambda: run_quiet([sys.executable, "-c", "import duckdb"]), a.runs)
    for q, sql in QUERIES:
        g = median_time(lambda: run_quiet([a.govq, "--data", a.snapshot, "-e", q, "--format", "csv"]), a.runs)
        row = {"query": q, "govq_s": g}
        if a.cli:
            d = median_time(lambda: run_quiet([a.cli, "-readonly", cli_db, "-csv", "-c", sql]), a.runs)
            row["duckdb_cli_s"] = d
            print(f"  {q[:58]:<58} govq {g * 1000:6.1f} ms, duckdb CLI {d * 1000:6.1f} ms: duckdb/govq = {d / g:.1f}x")
        else:
            script = f"import duckdb; print(duckdb.connect({a.db!r}, read_only=True).execute({sql!r}).fetchall())"
            d = median_time(lambda: run_quiet([sys.executable, "-c", script]), a.runs)
            row.update({"duckdb_python_s": d, "python_import_duckdb_s": python_only})
            print(f"  {q[:58]:<58} govq {g * 1000:6.1f} ms, duckdb (python) {d * 1000:6.1f} ms "
                  f"(of which python + import duckdb {python_only * 1000:.1f} ms): duckdb/govq = {d / g:.1f}x")
        results["end_to_end"].append(row)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
