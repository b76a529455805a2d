#!/usr/bin/env python3
"""govq against the DuckDB CLI on the same reports, in one run: every figure of issue 14 as a
ratio against DuckDB measured beside it (scripts/bench.sh N runs this; see README, Scale).

  run     --govq BIN --corpus-tool BIN --bench BIN --corpus DIR --work DIR -n N [--runs R] [--json OUT]
  queries (the same arguments)   only the end-to-end queries and the add-one-report step, on the
                                 corpus, snapshot and database a `run` left in DIR, with this build;
                                 its rows replace those in the JSON, the index figures stay
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


def timed(cmd, shell=False, env=None, cpu=None):
    """Runs cmd under GNU time: (seconds, peak KB, stdout, stderr), and its CPU seconds (user +
    system, children included) appended to `cpu` when given. Fails loudly."""
    out_file = "/tmp/scale-bench-time.%d" % os.getpid()
    full = ["/usr/bin/time", "-f", "%e %U %S %M", "-o", out_file] + (["bash", "-o", "pipefail", "-c", cmd] if shell else cmd)
    t = time.perf_counter()
    p = subprocess.run(full, capture_output=True, env=env)
    wall = time.perf_counter() - t
    with open(out_file) as f:
        fields = f.read().split()
    os.remove(out_file)
    if p.returncode != 0:
        sys.exit(f"bench: {' '.join(full[5:])!r} failed ({p.returncode}):\n{p.stderr.decode(errors='replace')[-2000:]}")
    if cpu is not None:
        cpu.append(float(fields[-3]) + float(fields[-2]))
    return wall, int(fields[-1]), p.stdout, p.stderr


def wall(cmd):
    """One run: (wall seconds, CPU seconds: user + system of the process and its threads)."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    d = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"bench: {cmd!r} failed ({os.waitstatus_to_exitcode(status)})")
    return d, usage.ru_utime + usage.ru_stime


def pairwise(a, b, runs, cpu=None):
    """Interleaved runs of two commands: the median wall time of each (and, into `cpu` when
    given, the median CPU time of each: on a machine whose load is 20, CPU time is what depends
    least on the others' processes)."""
    ta, tb = [], []
    for _ in range(runs):
        ta.append(wall(a))
        tb.append(wall(b))
    if cpu is not None:
        cpu.extend([statistics.median(c for _, c in ta), statistics.median(c for _, c in tb)])
    return statistics.median(w for w, _ in ta), statistics.median(w for w, _ in tb)


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
            "uptime": uptime()}


def duckdb_binary(path):
    """The DuckDB CLI itself. PyPI's duckdb-cli installs `duckdb` as a Python entry point (here
    behind a pyenv shim, itself a bash script running `pyenv exec`) that starts Python and runs
    the real binary as its child: timed as "the DuckDB CLI", that wrapper's start-up was counted
    against DuckDB (about 1 s a call at load 18 on this VM). The binary it runs is measured."""
    with open(path, "rb") as f:
        if f.read(4) == b"\x7fELF":
            return path
    import importlib.util
    spec = importlib.util.find_spec("duckdb_cli")
    binary = spec and os.path.join(os.path.dirname(spec.origin), "duckdb")
    if not binary or not os.path.isfile(binary):
        sys.exit(f"bench: '{path}' is a wrapper script and its DuckDB binary was not found: pass --duckdb BINARY")
    return binary


def uptime():
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def git_commit():
    """The commit of the Swift code the binaries were built from (the last that changed Sources
    or Package.swift), with `+` when those files differ from it in this checkout."""
    head = subprocess.run(["git", "log", "-1", "--format=%h", "--", "Sources", "Package.swift"],
                          capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", "Sources", "Package.swift"],
                           capture_output=True, text=True).stdout.strip()
    return head + ("+" if dirty else "")


def text_bytes(corpus):
    total = files = 0
    for root, _, names in os.walk(corpus):
        for n in names:
            if n.endswith(".txt"):
                total += os.path.getsize(os.path.join(root, n))
                files += 1
    return total, files


def run(a):
    """The whole benchmark: loading, both indexes, then what `queries` measures."""
    r = {"reports_generated": a.n, "machine": machine(), "runs": a.runs}
    r["duckdb_cli"] = subprocess.run([a.duckdb, "--version"], capture_output=True, text=True).stdout.strip()
    r["git_commit"] = git_commit()
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
        duck_load = f"rm -f {db}.new && {a.duckdb} {db}.new -c \"CREATE TABLE applications AS {read_csv_sql(csv_path)}\" && mv {db}.new {db}"
    else:
        csv_path = os.path.join(a.work, "applications-wide.csv")
        duck_load = f"rm -f {db}.new && {a.duckdb} {db}.new -c \"CREATE TABLE applications AS {unpivot_sql(csv_path)}\" && mv {db}.new {db}"
    # Built beside the old one and renamed over it: whoever reads the old one meanwhile is not
    # left without a file (and a fresh path makes `govq index` build in full, not update).
    index = f"rm -f {snapshot}.new && {a.govq} index -o {snapshot}.new {a.corpus} 2>/dev/null && mv {snapshot}.new {snapshot}"
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
    r["machine"]["uptime_after"] = uptime()
    measure_queries(a, r)


def queries_only(a):
    """Only the end-to-end queries and the add-one-report step, with this build, on the corpus,
    snapshot and database a full run left in WORK; the rows replace those of bench-N.json (its
    loading and index figures stay, with the build and load they were measured with)."""
    for path, what in ((a.corpus, "corpus"), (a.snapshot, "snapshot"), (a.db, "DuckDB database")):
        if not os.path.exists(path):
            sys.exit(f"bench: no {what} at '{path}': run `scripts/bench.sh {a.n}` (the full benchmark) first")
    r = json.load(open(a.json)) if os.path.exists(a.json) else {"reports_generated": a.n, "machine": machine()}
    if "text_bytes" not in r:
        r["text_bytes"], r["text_files"] = text_bytes(a.corpus)
    # The snapshot as this build reads it: one query, timed alone before the paired ones. A
    # snapshot of another format version (or stale) is rebuilt or updated here, by govq's own
    # freshness check on open, so that every timed query after it reads a fresh one.
    log(f"== {a.n} reports, queries only; {uptime()}")
    t, kb, _, err = timed([a.govq, "--data", a.snapshot, "-e", "count reports by year", "--format", "csv"])
    said = [l for l in err.decode(errors="replace").splitlines() if "snapshot" in l][:3]
    r["refresh"] = {"seconds": t, "peak_mb": kb / 1024, "govq_said": said, "git_commit": git_commit(),
                    "snapshot_bytes": os.path.getsize(a.snapshot)}
    log(f"first open with this build: {t:.2f} s, {kb / 1024:.0f} MB peak" + ("".join(f"\n  govq: {l}" for l in said) or ", fresh"))
    measure_queries(a, r)


def measure_queries(a, r):
    """Placement checked, the answers compared, the queries timed end to end, the query's peak
    memory, one report added; then bench-N.json written."""
    snapshot = a.snapshot
    r["queries_run"] = {"git_commit": git_commit(), "runs": a.runs, "machine": machine(),
                        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    r["duckdb_cli"] = subprocess.run([a.duckdb, "--version"], capture_output=True, text=True).stdout.strip()
    r["duckdb_binary"] = a.duckdb
    if a.duckdb_on_path != a.duckdb:
        # What the wrapper on PATH adds to each call (the figures before this run timed it).
        w, b = pairwise([a.duckdb_on_path, "-readonly", a.db, "-csv", "-c", QUERIES[0][1]],
                        [a.duckdb, "-readonly", a.db, "-csv", "-c", QUERIES[0][1]], min(5, a.runs))
        r["duckdb_wrapper"] = {"path": a.duckdb_on_path, "wrapper_s": w, "binary_s": b}
        log(f"DuckDB: timing the binary {a.duckdb}; the wrapper '{a.duckdb_on_path}' took {w * 1000:.0f} ms "
            f"for the first query against the binary's {b * 1000:.0f} ms")
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
    if r["unplaced"]:
        # Which: a corpus generated before the gazetteer learnt of a division's change names places
        # that did not exist in some years (as the 10^5 and 10^6 corpora of 11:27 and 11:00 did 钱塘区).
        out = subprocess.run([a.govq, "--data", snapshot, "-e", "count reports by province, district, year", "--format", "csv"],
                             capture_output=True, text=True, check=True).stdout
        r["unplaced_groups"] = [f"{d} {y}: {n}" for p, d, y, n in rows_of(out) if not p or p.startswith("(")][:20]
        log("unplaced (district, year: reports): " + "; ".join(r["unplaced_groups"]))
    r["truth_check"] = truth_check(a)
    bad = bad or not r["truth_check"]["same"]

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
            cpu = []
            g, d = pairwise([a.govq, "--data", snapshot, "-e", q, "--format", "csv"],
                            [a.duckdb, "-readonly", a.db, "-csv", "-c", sql], a.runs, cpu)
            row.update(govq_s=g, duckdb_s=d, govq_cpu_s=cpu[0], duckdb_cpu_s=cpu[1])
            log(f"{q[:60]:<60} govq {g * 1000:7.1f} ms  DuckDB {d * 1000:7.1f} ms  {d / g:5.1f}× "
                f"(CPU {cpu[0] * 1000:.0f} · {cpu[1] * 1000:.0f} ms, {cpu[1] / cpu[0]:.1f}×; {groups} groups)")
        r["queries"].append(row)

    # Peak memory of one query, each side.
    q, sql = QUERIES[0]
    _, r["query_peak_kb_govq"], _, _ = timed([a.govq, "--data", snapshot, "-e", q, "--format", "csv"])
    _, r["query_peak_kb_duckdb"], _, _ = timed([a.duckdb, "-readonly", a.db, "-csv", "-c", sql])

    incremental(a, r)
    r["queries_run"]["machine"]["uptime_after"] = uptime()
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
    extra = os.path.join(a.work, "extra")
    shutil.rmtree(extra, ignore_errors=True)
    subprocess.run([a.corpus_tool, "-n", "20", "--first", str(a.n), "--seed", "1", "-o", extra], check=True, capture_output=True)
    # The next generated report is of a body and year the corpus already holds at large sizes
    # (the generator's bodies recur: at 10^6 every one of the next 20 does), which govq keeps
    # once, as a duplicate or a conflict, and DuckDB's blind INSERT counts twice. So the new
    # report is a new body: the first report that loads, its unit renamed as a branch of it
    # (…局 → …分局), under the same district.
    t = next(t for t in map(json.loads, open(os.path.join(extra, "truth.jsonl"))) if t["status"] == "ok")
    ok, unit = t["file"], t["unit"]
    path = os.path.join(extra, ok)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(unit, unit[:-1] + "分" + unit[-1:]))
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
        cpu = []
        g, _, _, err = timed(f"cp {os.path.join(one, os.path.basename(ok))} {target} && "
                             f"{a.govq} --data {a.snapshot} -e '{q}' --format csv >/dev/null", shell=True, cpu=cpu)
        d, _, _, _ = timed(f"{a.duckdb} {a.db} -csv -c \"INSERT INTO applications {read_csv_sql(one_csv)}; {sql}\" >/dev/null",
                           shell=True, cpu=cpu)
        diff, _ = answers(a, q, sql)
        r["incremental"] = {"govq_s": g, "duckdb_s": d, "govq_cpu_s": cpu[0], "duckdb_cpu_s": cpu[1], "same_answer": diff is None,
                            "govq_said": err.decode(errors="replace").strip().splitlines()[:2]}
        log(f"add one report and answer '{q}': govq {g:.2f} s, DuckDB {d:.2f} s, {d / g:.1f}× (CPU {cpu[0]:.2f} · {cpu[1]:.2f} s)"
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


def truth_check(a):
    """`sum denied by district` against the generator's own truth.jsonl, not against govq's
    export as DuckDB's answers are: for every report the truth says loads, its denied cells
    summed by its district, each district's number equal to govq's."""
    want = {}
    for line in open(os.path.join(a.corpus, "truth.jsonl")):
        t = json.loads(line)
        if t["status"] != "skipped":
            denied = sum(v for k, row in t["applications"].items() if k.startswith("denied.") for v in row if v is not None)
            want[t["district"]] = want.get(t["district"], 0) + denied
    out = subprocess.run([a.govq, "--data", a.snapshot, "-e", QUERIES[0][0], "--format", "csv"],
                         capture_output=True, text=True, check=True).stdout
    got = {d: int(v) for d, v in rows_of(out)}
    wrong = sorted(d for d in set(want) | set(got) if want.get(d) != got.get(d))
    log(f"'{QUERIES[0][0]}' against the truth: {len(want) - len([d for d in wrong if d in want])} of {len(want)} districts right"
        + (f"; WRONG: " + ", ".join(f"{d} govq {got.get(d)} truth {want.get(d)}" for d in wrong[:5]) if wrong else ""))
    return {"districts": len(want), "right": sum(1 for d in want if want[d] == got.get(d)), "wrong": len(wrong), "same": not wrong,
            "examples": [f"{d}: govq {got.get(d)}, truth {want.get(d)}" for d in wrong[:5]]}


def ratio(d, g):
    return (f"**{d / g:.1f}×**" if d / g >= 1 else f"**{d / g:.2g}×**") if g else "—"


def size_name(n):
    digits = str(n).rstrip("0")
    return f"10^{len(str(n)) - 1}" if digits == "1" else f"{digits}×10^{len(str(n)) - len(digits)}" if len(digits) == 1 else f"{n:,}"


def load_of(machine):
    """The 1-minute load average before and after, from `uptime`."""
    first = lambda u: u.split("load average:")[-1].split(",")[0].strip() if u else "?"
    return f"{first(machine.get('uptime'))} → {first(machine.get('uptime_after'))}"


def print_rows(results):
    """The README's rows: one column per size, each figure govq's, DuckDB's and their ratio."""
    results = sorted(results, key=lambda r: r["reports_generated"])
    print("| figure (govq · DuckDB · DuckDB/govq) | " + " | ".join(size_name(r["reports_generated"]) for r in results) + " |")
    print("|---|" + "---|" * len(results))

    def line(name, cell):
        def safe(r):
            try:
                return cell(r)
            except (KeyError, TypeError, ZeroDivisionError):
                return "—"
        print(f"| {name} | " + " | ".join(safe(r) for r in results) + " |")

    line("reports generated · loaded, all placed (text)", lambda r: f"{r['reports_generated']:,} · {r['loaded']:,}"
         + ("" if r["unplaced"] == 0 and r["loaded"] == r["truth_loaded"] else " (CHECK FAILED)") + f" ({r['text_bytes'] / 1e9:.2f} GB)")
    line("`sum denied by district` against the generator's truth", lambda r: (
        lambda t: f"{t.get('right', t['districts'] - t['wrong']):,} of {t['districts']:,} districts right"
        + (f" (wrong: {'; '.join(t['examples'][:2])})" if t["wrong"] else ""))(r["truth_check"]))
    for k in range(len(QUERIES)):
        q = QUERIES[k][0]
        line(f"`{q if len(q) < 40 else q[:q.index(' in (') + 5] + '…) by district'}`, end to end", lambda r: (
            lambda q: f"{q['govq_s'] * 1000:.0f} · {q['duckdb_s'] * 1000:.0f} ms · {ratio(q['duckdb_s'], q['govq_s'])}"
            + (f" (CPU {q['govq_cpu_s'] * 1000:.0f} · {q['duckdb_cpu_s'] * 1000:.0f} ms · {q['duckdb_cpu_s'] / q['govq_cpu_s']:.1f}×)"
               if "govq_cpu_s" in q else "") if q.get("same_answer") else "answers differ")(r["queries"][k]))
    line("add one report, then `sum denied by district`", lambda r: (
        lambda i: f"skipped: {i['skipped']}" if "skipped" in i else
        f"{i['govq_s']:.2f} · {i['duckdb_s']:.2f} s · {ratio(i['duckdb_s'], i['govq_s'])}"
        + (f" (CPU {i['govq_cpu_s']:.2f} · {i['duckdb_cpu_s']:.2f} s · {i['duckdb_cpu_s'] / i['govq_cpu_s']:.2g}×)" if "govq_cpu_s" in i else ""))(r["incremental"]))
    line("peak memory of `sum denied by district`", lambda r: f"{r['query_peak_kb_govq'] / 1024:.0f} · "
         f"{r['query_peak_kb_duckdb'] / 1024:.0f} MB · {r['query_peak_kb_duckdb'] / r['query_peak_kb_govq']:.1f}×")
    line("DuckDB timed as: the CLI binary (the PyPI wrapper on PATH, for `sum denied by district`)", lambda r: (
        lambda w: f"binary (wrapper {w['wrapper_s'] * 1000:.0f} ms · binary {w['binary_s'] * 1000:.0f} ms)" if w
        else "binary" if "duckdb_binary" in r else "**the wrapper** (Python start-up counted against DuckDB)")(r.get("duckdb_wrapper")))
    line("queries: govq build · load average (1 min, before → after)", lambda r: (
        lambda q: f"{q['git_commit']} · {load_of(q['machine'])}, {q['runs']} pairs")(r["queries_run"]))
    line("first open by that build (format check; a rebuild if the version differs)", lambda r: (
        lambda f: f"{f['seconds']:.1f} s" + (" (rebuilt)" if any("rebuil" in l for l in f["govq_said"]) else
                                             " (updated)" if any("updated" in l for l in f["govq_said"]) else " (fresh)"))(r["refresh"]))
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
    line("index and load: govq build · load average (1 min, before → after)",
         lambda r: f"{r['git_commit']} · {load_of(r['machine'])}" if "index_seconds" in r else "—")


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "rows":
        print_rows([json.load(open(p)) for p in sys.argv[2:]])
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["run", "queries"])
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
    a.duckdb_on_path, a.duckdb = a.duckdb, duckdb_binary(a.duckdb)
    a.snapshot = os.path.join(a.work, "corpus.govq")
    a.db = os.path.join(a.work, "corpus.duckdb")
    a.json = a.json or os.path.join(a.work, f"bench-{a.n}.json")
    run(a) if a.mode == "run" else queries_only(a)


if __name__ == "__main__":
    main()
