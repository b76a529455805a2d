#!/usr/bin/env python3
"""govq against the DuckDB CLI on the same reports, in one run: every figure of issue 14 as a
ratio against DuckDB measured beside it (scripts/bench.sh N runs this; see README, Scale).

  run   --govq BIN --corpus-tool BIN --bench BIN --corpus DIR --work DIR -n N [--runs R] [--json OUT]
  rows  bench-1e4.json bench-1e5.json …      prints the README's table rows from the JSON files

DuckDB gets govq's own export (`govq export`, the long table: report × applicant × outcome),
read by the DuckDB CLI into a database file of its own. When that CSV would not fit on the
disk (10^6 reports: about 40 GB), DuckDB reads a narrower export instead, `govq-bench wide` (one
row per report, a column per cell: 1/40 of the bytes), and unpivots it into the same long table:
the same rows, the same eight columns, the same numbers.

Each comparison is pairwise and interleaved (govq, DuckDB, govq, DuckDB, …) so that the load of
the other processes on the machine falls on both alike; the figure kept is the median of each
side and their ratio. Before any query is timed, both programs' answers are compared, row by row.
"""
import argparse
import csv
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

# govq query → the same question in SQL over the long table. The first four are the issue's.
QUERIES = [
    ("sum denied by district",
     "SELECT district, sum(count) FROM applications WHERE outcome LIKE 'denied.%' GROUP BY district"),
    ("sum new by applicant",
     "SELECT applicant, sum(count) FROM applications WHERE outcome = 'new' GROUP BY applicant"),
    ("count reports by year",
     "SELECT year, count(DISTINCT file) FROM applications GROUP BY year"),
    ("sum denied where year = 2021 and applicant in (business, legal_service) by district",
     "SELECT district, sum(count) FROM applications WHERE outcome LIKE 'denied.%' AND year = 2021 "
     "AND applicant IN ('business', 'legal_service') GROUP BY district"),
]
# The export's columns (govq export --help) and the ones DuckDB keeps.
EXPORT_COLUMNS = ["file", "district", "unit", "year", "template", "status", "province", "city", "county",
                  "adcode", "level", "body_kind", "applicant", "outcome", "count"]
KEPT = {"file": "VARCHAR", "district": "VARCHAR", "unit": "VARCHAR", "year": "SMALLINT", "template": "VARCHAR",
        "applicant": "VARCHAR", "outcome": "VARCHAR", "count": "INTEGER"}
# Bytes of CSV a report makes (156 rows), measured on 10^4 generated reports, rounded up.
CSV_BYTES_PER_REPORT = 40_000


def log(*a):
    print(*a, flush=True)


def read_csv_sql(source):
    columns = ", ".join(f"'{c}': '{KEPT.get(c, 'VARCHAR')}'" for c in EXPORT_COLUMNS)
    return (f"SELECT {', '.join(KEPT)} FROM read_csv('{source}', header = true, auto_detect = false, "
            f"columns = {{{columns}}})")


def unpivot_sql(source):
    """The long table from `govq-bench wide`'s CSV: one row per report × cell, as the export's."""
    return ("SELECT file, district, unit, year::SMALLINT AS year, template, split_part(cell, '|', 1) AS applicant, "
            "split_part(cell, '|', 2) AS outcome, TRY_CAST(NULLIF(count, '') AS INTEGER) AS count FROM (UNPIVOT "
            f"(FROM read_csv('{source}', header = true, all_varchar = true, nullstr = '<none>')) "
            "ON COLUMNS(* EXCLUDE (file, district, unit, year, template)) INTO NAME cell VALUE count)")


def timed(cmd, shell=False, env=None):
    """Runs cmd under GNU time: (seconds, peak KB, stdout, stderr). Fails loudly."""
    out_file = "/tmp/scale-bench-time.%d" % os.getpid()
    full = ["/usr/bin/time", "-f", "%e %M", "-o", out_file] + (["bash", "-o", "pipefail", "-c", cmd] if shell else cmd)
    t = time.perf_counter()
    p = subprocess.run(full, capture_output=True, env=env)
    wall = time.perf_counter() - t
    with open(out_file) as f:
        fields = f.read().split()
    os.remove(out_file)
    if p.returncode != 0:
        sys.exit(f"bench: {' '.join(full[5:])!r} failed ({p.returncode}):\n{p.stderr.decode(errors='replace')[-2000:]}")
    return wall, int(fields[-1]), p.stdout, p.stderr


def wall(cmd):
    t = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    d = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit(f"bench: {cmd!r} failed ({p.returncode})")
    return d


def pairwise(a, b, runs):
    """Interleaved runs of two commands: the median of each."""
    ta, tb = [], []
    for _ in range(runs):
        ta.append(wall(a))
        tb.append(wall(b))
    return statistics.median(ta), statistics.median(tb)


def rows_of(text, header=True):
    rows = list(csv.reader(io.StringIO(text)))
    rows = rows[1:] if header else rows
    norm = lambda v: "" if v in ("", "NULL") else str(int(float(v))) if v.replace(".", "", 1).lstrip("-").isdigit() else v
    return sorted(tuple(norm(v) for v in r) for r in rows if r)


def answers(a, q, sql):
    g = subprocess.run([a.govq, "--data", a.snapshot, "-e", q, "--format", "csv"], capture_output=True, text=True, check=True).stdout
    d = subprocess.run([a.duckdb, "-readonly", a.db, "-csv", "-noheader", "-c", sql], capture_output=True, text=True, check=True).stdout
    mine, theirs = rows_of(g), rows_of(d, header=False)
    if mine == theirs:
        return None, len(mine)
    only_g = [r for r in mine if r not in set(theirs)][:5]
    only_d = [r for r in theirs if r not in set(mine)][:5]
    return f"govq only {only_g}, duckdb only {only_d}", len(mine)


def machine():
    model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    mem = next((int(l.split()[1]) // 1024 for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
    return {"cpu": model, "cores": os.cpu_count(), "memory_mb": mem, "kernel": platform.release(),
            "uptime": subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()}


def text_bytes(corpus):
    total = files = 0
    for root, _, names in os.walk(corpus):
        for n in names:
            if n.endswith(".txt"):
                total += os.path.getsize(os.path.join(root, n))
                files += 1
    return total, files


def run(a):
    r = {"reports_generated": a.n, "machine": machine(), "runs": a.runs}
    r["duckdb_cli"] = subprocess.run([a.duckdb, "--version"], capture_output=True, text=True).stdout.strip()
    r["git_commit"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    log(f"== {a.n} reports; {r['machine']['uptime']}")
    r["text_bytes"], r["text_files"] = text_bytes(a.corpus)

    # Loading in-process (govq-bench load, all cores), at 10^4: above, one more full load would
    # take as long as the index, and the index's own rate stands for it.
    if a.n < 50_000:
        out = subprocess.run([a.bench, "load", a.corpus], capture_output=True, text=True, check=True).stdout
        for line in out.splitlines():
            k, v = line.split()[:2]
            r[k] = float(v)
        log(out.strip())

    # DuckDB's input: the long export when it fits on the disk, else the wide one (or as
    # GOVQ_BENCH_DUCKDB_INPUT=long|wide says). The first round's index makes the snapshot the
    # export reads.
    snapshot, db = a.snapshot, a.db
    free = shutil.disk_usage(a.work).free
    csv_path = os.path.join(a.work, "applications.csv")
    r["duckdb_input"] = os.environ.get("GOVQ_BENCH_DUCKDB_INPUT") or ("long" if a.n * CSV_BYTES_PER_REPORT < free / 3 else "wide")
    if r["duckdb_input"] == "long":
        duck_load = f"rm -f {db} && {a.duckdb} {db} -c \"CREATE TABLE applications AS {read_csv_sql(csv_path)}\""
    else:
        csv_path = os.path.join(a.work, "applications-wide.csv")
        duck_load = f"rm -f {db} && {a.duckdb} {db} -c \"CREATE TABLE applications AS {unpivot_sql(csv_path)}\""
    index = f"rm -f {snapshot} && {a.govq} index -o {snapshot} {a.corpus} 2>/dev/null"
    rounds = 1 if a.n >= 50_000 else 3
    gi, di = [], []
    for k in range(rounds):
        t, kb, _, _ = timed(index, shell=True)
        gi.append((t, kb))
        if k == 0:
            export = ([a.govq, "export", "--data", snapshot, "-o", csv_path] if r["duckdb_input"] == "long"
                      else [a.bench, "wide", snapshot, csv_path])
            r["export_seconds"], _, _, _ = timed(export)
            r["csv_bytes"] = os.path.getsize(csv_path)
        t, kb, _, _ = timed(duck_load, shell=True)
        di.append((t, kb))
    r["index_seconds"] = statistics.median(t for t, _ in gi)
    r["index_peak_mb"] = max(kb for _, kb in gi) / 1024
    r["duckdb_load_seconds"] = statistics.median(t for t, _ in di)
    r["duckdb_load_peak_mb"] = max(kb for _, kb in di) / 1024
    r["snapshot_bytes"], r["duckdb_bytes"] = os.path.getsize(snapshot), os.path.getsize(db)
    if os.path.exists(csv_path):
        os.remove(csv_path)
    log(f"govq index {r['index_seconds']:.1f} s, {r['index_peak_mb']:.0f} MB peak, snapshot {r['snapshot_bytes'] / 1e6:.1f} MB; "
        f"DuckDB load ({r['duckdb_input']}) {r['duckdb_load_seconds']:.1f} s, {r['duckdb_load_peak_mb']:.0f} MB peak, "
        f"database {r['duckdb_bytes'] / 1e6:.1f} MB")

    # Every report that the truth says loads is in the snapshot, and every one is placed.
    r["truth_loaded"] = sum(1 for l in open(os.path.join(a.corpus, "truth.jsonl")) if '"status":"skipped"' not in l)
    by_province = rows_of(subprocess.run([a.govq, "--data", snapshot, "-e", "count reports by province", "--format", "csv"],
                                         capture_output=True, text=True, check=True).stdout)
    r["loaded"] = sum(int(n) for _, n in by_province)
    r["provinces"] = len(by_province)
    r["unplaced"] = sum(int(n) for p, n in by_province if not p or p.startswith("("))
    log(f"loaded {r['loaded']:,} reports (truth: {r['truth_loaded']:,}) in {r['provinces']} provinces, {r['unplaced']} unplaced")
    bad = r["loaded"] != r["truth_loaded"] or r["unplaced"] > 0
    if bad:
        log("MISMATCH: the snapshot does not hold every report the truth says loads, or some are unplaced")

    # The same answers first, then the times.
    r["queries"] = []
    for q, sql in QUERIES:
        diff, groups = answers(a, q, sql)
        row = {"query": q, "sql": sql, "groups": groups, "same_answer": diff is None}
        if diff:
            bad = True
            row["difference"] = diff
            log(f"DIFFERENT answers for '{q}': {diff}")
        else:
            g, d = pairwise([a.govq, "--data", snapshot, "-e", q, "--format", "csv"],
                            [a.duckdb, "-readonly", db, "-csv", "-c", sql], a.runs)
            row.update(govq_s=g, duckdb_s=d)
            log(f"{q[:60]:<60} govq {g * 1000:7.1f} ms  DuckDB {d * 1000:7.1f} ms  {d / g:5.1f}× ({groups} groups)")
        r["queries"].append(row)

    # Peak memory of one query, each side.
    q, sql = QUERIES[0]
    _, r["query_peak_kb_govq"], _, _ = timed([a.govq, "--data", snapshot, "-e", q, "--format", "csv"])
    _, r["query_peak_kb_duckdb"], _, _ = timed([a.duckdb, "-readonly", db, "-csv", "-c", sql])

    incremental(a, r)
    r["machine"]["uptime_after"] = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    with open(a.json, "w") as f:
        json.dump(r, f, indent=1, ensure_ascii=False)
    log(f"wrote {a.json}")
    print_rows([r])
    if bad:
        sys.exit("bench: a check failed (above): different answers, or reports missing or unplaced")


def incremental(a, r):
    """One new report: copy it into the corpus and ask govq (from the snapshot), against
    DuckDB inserting the same report's rows and answering. Afterwards the corpus, the snapshot
    and the database are as before."""
    help_text = subprocess.run([a.govq, "index", "--help"], capture_output=True, text=True).stdout.lower()
    if "incremental" not in help_text and a.n >= 500_000:
        r["incremental"] = {"skipped": "this build has no incremental index: adding a report rebuilds the whole snapshot"}
        log("incremental: skipped (" + r["incremental"]["skipped"] + ")")
        return
    extra = os.path.join(a.work, "extra")
    shutil.rmtree(extra, ignore_errors=True)
    subprocess.run([a.corpus_tool, "-n", "20", "--first", str(a.n), "--seed", "1", "-o", extra], check=True, capture_output=True)
    ok = next(json.loads(l)["file"] for l in open(os.path.join(extra, "truth.jsonl")) if '"status":"ok"' in l)
    one = os.path.join(a.work, "one")
    shutil.rmtree(one, ignore_errors=True)
    os.makedirs(one)
    shutil.copy(os.path.join(extra, ok), one)
    one_csv = os.path.join(a.work, "one.csv")
    subprocess.run([a.govq, "export", "--data", one, "-o", one_csv], check=True, capture_output=True)
    target = os.path.join(a.corpus, ok)
    made_folder = not os.path.isdir(os.path.dirname(target))
    os.makedirs(os.path.dirname(target), exist_ok=True)
    shutil.copy(a.snapshot, a.snapshot + ".bak")
    shutil.copy(a.db, a.db + ".bak")
    q, sql = QUERIES[0]
    try:
        g, _, _, err = timed(f"cp {os.path.join(one, os.path.basename(ok))} {target} && "
                             f"{a.govq} --data {a.snapshot} -e '{q}' --format csv >/dev/null", shell=True)
        d, _, _, _ = timed(f"{a.duckdb} {a.db} -csv -c \"INSERT INTO applications {read_csv_sql(one_csv)}; {sql}\" >/dev/null",
                           shell=True)
        diff, _ = answers(a, q, sql)
        r["incremental"] = {"govq_s": g, "duckdb_s": d, "same_answer": diff is None,
                            "govq_said": err.decode(errors="replace").strip().splitlines()[:2]}
        log(f"add one report and answer '{q}': govq {g:.2f} s, DuckDB {d:.2f} s, {d / g:.1f}×"
            + ("" if diff is None else f"; DIFFERENT answers: {diff}"))
    finally:
        os.remove(target)
        if made_folder:
            os.rmdir(os.path.dirname(target))
        os.replace(a.snapshot + ".bak", a.snapshot)
        os.replace(a.db + ".bak", a.db)
        shutil.rmtree(extra, ignore_errors=True)
        shutil.rmtree(one, ignore_errors=True)
        os.remove(one_csv)


def ratio(d, g):
    return (f"**{d / g:.1f}×**" if d / g >= 1 else f"**{d / g:.2g}×**") if g else "—"


def print_rows(results):
    """The README's rows: one column per size, each figure govq's, DuckDB's and their ratio."""
    results = sorted(results, key=lambda r: r["reports_generated"])
    sizes = [f"10^{len(str(r['reports_generated'])) - 1}" if str(r["reports_generated"]).strip("0") == "1"
             else str(r["reports_generated"]) for r in results]
    print("| figure (govq · DuckDB · DuckDB/govq) | " + " | ".join(sizes) + " |")
    print("|---|" + "---|" * len(results))

    def line(name, cell):
        print(f"| {name} | " + " | ".join(cell(r) for r in results) + " |")

    line("reports generated · loaded, all placed (text)", lambda r: f"{r['reports_generated']:,} · {r['loaded']:,}"
         + ("" if r["unplaced"] == 0 and r["loaded"] == r["truth_loaded"] else " (CHECK FAILED)") + f" ({r['text_bytes'] / 1e9:.2f} GB)")
    for k in range(len(QUERIES)):
        q = QUERIES[k][0]
        line(f"`{q if len(q) < 40 else q[:q.index(' in (') + 5] + '…) by district'}`, end to end", lambda r: (
            lambda q: f"{q['govq_s'] * 1000:.0f} · {q['duckdb_s'] * 1000:.0f} ms · {ratio(q['duckdb_s'], q['govq_s'])}"
            if q.get("same_answer") else "answers differ")(r["queries"][k]))
    line("loading MB/s: govq text (`govq index`; in-process `govq-bench load`) · DuckDB CSV",
         lambda r: f"{r['text_bytes'] / 1e6 / r['index_seconds']:.0f}"
         + (f" ({r['load.throughput']:.0f} in-process)" if "load.throughput" in r else "") + " · "
         + f"{r['csv_bytes'] / 1e6 / r['duckdb_load_seconds']:.0f} MB/s ({r['duckdb_input']} CSV)")
    line("`govq index` from text · DuckDB CSV → database", lambda r: f"{r['index_seconds']:.1f} · {r['duckdb_load_seconds']:.1f} s · "
         f"{ratio(r['duckdb_load_seconds'], r['index_seconds'])}")
    line("peak memory: `govq index` · DuckDB load", lambda r: f"{r['index_peak_mb']:.0f} · {r['duckdb_load_peak_mb']:.0f} MB · "
         f"{r['duckdb_load_peak_mb'] / r['index_peak_mb']:.1f}×")
    line("snapshot · DuckDB database file", lambda r: f"{r['snapshot_bytes'] / 1e6:.0f} · {r['duckdb_bytes'] / 1e6:.0f} MB · "
         f"{r['duckdb_bytes'] / r['snapshot_bytes']:.1f}×")
    line("peak memory of `sum denied by district`", lambda r: f"{r['query_peak_kb_govq'] / 1024:.0f} · "
         f"{r['query_peak_kb_duckdb'] / 1024:.0f} MB · {r['query_peak_kb_duckdb'] / r['query_peak_kb_govq']:.1f}×")
    line("add one report, then `sum denied by district`", lambda r: (
        lambda i: f"skipped: {i['skipped']}" if "skipped" in i else
        f"{i['govq_s']:.2f} · {i['duckdb_s']:.2f} s · {ratio(i['duckdb_s'], i['govq_s'])}")(r["incremental"]))
    line("machine load (`uptime` before · after)", lambda r: r["machine"]["uptime"].split("load average:")[-1].strip()
         + " · " + r["machine"].get("uptime_after", "").split("load average:")[-1].strip())


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "rows":
        print_rows([json.load(open(p)) for p in sys.argv[2:]])
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["run"])
    ap.add_argument("--govq", required=True)
    ap.add_argument("--corpus-tool", required=True)
    ap.add_argument("--bench", required=True)
    ap.add_argument("--duckdb", default=shutil.which("duckdb"))
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("-n", type=int, required=True)
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--json")
    a = ap.parse_args()
    if not a.duckdb:
        sys.exit("bench: no DuckDB CLI (pip install duckdb-cli)")
    a.snapshot = os.path.join(a.work, "corpus.govq")
    a.db = os.path.join(a.work, "corpus.duckdb")
    a.json = a.json or os.path.join(a.work, f"bench-{a.n}.json")
    run(a)


if __name__ == "__main__":
    main()
