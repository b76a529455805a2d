#!/usr/bin/env python3
"""Checks every number of the golden expected outputs against the hand-read reports.

usage: truthcheck.py TRUTH_JSON [--write]
  TRUTH_JSON   the hand-read cells of the five sample reports (shared/seeds/truth.json)
  --write      also create the .govq files listed below that do not exist yet

The expected .out files are recorded from govq (GOVQ_RECORD=1) for their layout; this script
recomputes each result's rows from the truth file, independently of govq, parses the .out in
its format (table, csv, tsv, json, markdown) and compares every cell. Exit 0 iff all match.
"""
import csv, io, json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
T = json.load(open(sys.argv[1]))
R = T["reports"]
APPL = ["natural_person", "business", "research", "nonprofit", "legal_service", "other_org"]
PROC = ["review", "litigation_direct", "litigation_after_review"]
RESULTS = ["upheld", "corrected", "other", "pending", "total"]
ROWS = T["rows"]
GROUPS = {g: [r for r in ROWS if r.startswith(g + ".")] for g in ("denied", "unavailable", "not_processed")}
PINYIN = ["济南市历城区", "济宁经济技术开发区", "临淄区", "青岛市城阳区", "下城区"]   # the collation order

def leaves(m):
    return GROUPS.get(m, [m])

def cell(f, m, a):
    """A report's value of measure m for applicant a (or all applicants when a is None); None if missing."""
    apps = R[f]["applications"]
    vals = []
    for leaf in leaves(m):
        row = apps.get(leaf)
        if row is None:
            continue
        vals += [row[APPL.index(x)] for x in ([a] if a else APPL)]
    return sum(vals) if vals else None

def review(f, result, proc):
    procs = [proc] if proc else PROC
    return sum(R[f]["reviews"][p][RESULTS.index(result)] for p in procs)

def nsum(xs):
    xs = [x for x in xs if x is not None]
    return sum(xs) if xs else None

def div(a, b):
    return None if a is None or b in (None, 0) else a / b

def reports(pred=lambda f: True):
    return [f for f in R if pred(f)]

def district(f): return R[f]["district"]
def year(f): return R[f]["year"]

def by_district(fs, fn):
    """One row per district present in fs, in collation order: [district, *fn(files)]."""
    out = []
    for d in PINYIN:
        g = [f for f in fs if district(f) == d]
        if g:
            out.append([d] + fn(g))
    return out

ALL = reports()
Y2019 = [f for f in ALL if year(f) == 2019]

# name -> (query header + text, list of expected results, each a list of rows)
def q_denied_by_district():
    return by_district(ALL, lambda g: [nsum(cell(f, "denied", None) for f in g)])

def q_new_by_applicant():
    return [[a, nsum(cell(f, "new", a) for f in ALL)] for a in APPL]

def q_count_by_year():
    return [[y, len([f for f in ALL if year(f) == y])] for y in (2019, 2020)]

def rates(fs=ALL):
    return by_district(fs, lambda g: [div(nsum(cell(f, "denied", None) for f in g), nsum(cell(f, "handled", None) for f in g)),
                                      nsum(cell(f, "handled", None) for f in g)])

def pivot_year():
    return by_district(ALL, lambda g: [nsum(cell(f, "new", None) for f in g if year(f) == y) for y in (2019, 2020)])

CASES = {
    "checks/denied-by-district": ("-- format: csv\n-- mode: e\nsum denied by district\n", [q_denied_by_district()]),
    "checks/new-by-applicant": ("-- format: csv\n-- mode: e\nsum new by applicant\n", [q_new_by_applicant()]),
    "checks/count-reports-by-year": ("-- format: csv\n-- mode: e\ncount reports by year\n", [q_count_by_year()]),
    "constructs/several-measures": ("-- format: all\nsum granted, partial, denied by district\n",
        [by_district(ALL, lambda g: [nsum(cell(f, m, None) for f in g) for m in ("granted", "partial", "denied")])]),
    "constructs/arithmetic-alias": ("-- format: all\n-- x / 0 and x / NULL are NULL (济宁 handled 0, 临淄 handled missing)\nsum denied / handled as denial_rate, handled by district\n", [rates()]),
    "constructs/leaf": ("-- format: all\nsum denied.third_party by district\n",
        [by_district(ALL, lambda g: [nsum(cell(f, "denied.third_party", None) for f in g)])]),
    "constructs/by-two": ("-- format: all\nsum new by district, year\n",
        [[[district(f), year(f), cell(f, "new", None)] for d in PINYIN for f in ALL if district(f) == d]]),
    "constructs/by-outcome": ("-- format: all\nsum denied by outcome\n",
        [[[leaf, nsum(cell(f, leaf, None) for f in ALL)] for leaf in GROUPS["denied"]]]),
    "constructs/where-in": ("-- format: all\nsum new by district where year = 2019 and applicant in (business, legal_service)\n",
        [by_district(Y2019, lambda g: [nsum(cell(f, "new", a) for f in g for a in ("business", "legal_service"))])]),
    "constructs/not-equal-less": ("-- format: all\ncount reports where year != 2020;\nsum new by district where year < 2020\n",
        [[[len(Y2019)]], by_district(Y2019, lambda g: [nsum(cell(f, "new", None) for f in g)])]),
    "constructs/between": ("-- format: all\nsum granted by year where year between 2019 and 2020\n",
        [[[y, nsum(cell(f, "granted", None) for f in ALL if year(f) == y)] for y in (2019, 2020)]]),
    "constructs/not-or-parens": ("-- format: all\nsum new by district where not (district ~ \"历城\" or district = \"下城区\")\n",
        [by_district([f for f in ALL if not ("历城" in district(f) or district(f) == "下城区")],
                     lambda g: [nsum(cell(f, "new", None) for f in g)])]),
    "constructs/contains-chinese-quotes": ("-- format: all\nsum denied by district where district ~ “城”\n",
        [by_district([f for f in ALL if "城" in district(f)], lambda g: [nsum(cell(f, "denied", None) for f in g)])]),
    "constructs/having": ("-- format: all\nsum new by district having new > 100\n",
        [[r for r in by_district(ALL, lambda g: [nsum(cell(f, "new", None) for f in g)]) if r[1] > 100]]),
    "constructs/order-limit": ("-- format: all\nsum new by district order by new desc limit 2\n",
        [sorted(by_district(ALL, lambda g: [nsum(cell(f, "new", None) for f in g)]), key=lambda r: -r[1])[:2]]),
    "constructs/order-asc": ("-- format: all\nsum carried_forward by district order by carried_forward asc, district\n",
        [sorted(by_district(ALL, lambda g: [nsum(cell(f, "carried_forward", None) for f in g)]),
                key=lambda r: (r[1], PINYIN.index(r[0])))]),
    "constructs/pivot": ("-- format: all\nsum new by district pivot year\n", [pivot_year()]),
    "constructs/from-reviews": ("-- format: all\nsum corrected from reviews by proceeding\n",
        [[[p, sum(review(f, "corrected", p) for f in ALL)] for p in PROC]]),
    "constructs/chinese-aliases": ("-- format: all\nsum 不予公开 by 地区\n", [q_denied_by_district()]),
    "constructs/case-and-comments": ("-- format: all\n-- keywords in any case; a comment on its own line\nSUM Denied BY District -- and after a query\n",
        [q_denied_by_district()]),
    "constructs/count-reports": ("-- format: all\ncount reports\n", [[[len(ALL)]]]),
    "constructs/avg-min-max": ("-- format: all\navg new, min new, max new by year\n",
        [[[y, sum(cell(f, "new", None) for f in ALL if year(f) == y) / len([f for f in ALL if year(f) == y]),
           min(cell(f, "new", None) for f in ALL if year(f) == y), max(cell(f, "new", None) for f in ALL if year(f) == y)]
          for y in (2019, 2020)]]),
    "modes/script-file": ("-- format: csv\n-- several statements in one -f file, run in order\ncount reports;\nsum denied by district;\nsum new by applicant\n",
        [[[len(ALL)]], q_denied_by_district(), q_new_by_applicant()]),
    "modes/stdin": ("-- format: csv\n-- mode: stdin\nsum denied by district\n", [q_denied_by_district()]),
    "modes/govq-data-env": ("-- format: csv\n-- data: none\n-- env: GOVQ_DATA=Samples/reports/000_55b3ad02e644708f.txt\nsum new by district\n",
        [[["济南市历城区", cell("000_55b3ad02e644708f.txt", "new", None)]]]),
    "modes/one-file": ("-- format: csv\n-- data: Samples/reports/002_30a4ee9a9a62a807.txt\nsum new, handled by district\n",
        [[["临淄区", cell("002_30a4ee9a9a62a807.txt", "new", None), None]]]),
}
CASES.update({
    "modes/repeated-e": ("-- mode: e-lines\ncount reports\nsum new by applicant where applicant ~ \"org\"\n",
        [[[len(ALL)]], [["other_org", nsum(cell(f, "new", "other_org") for f in ALL)]]]),
    "modes/script-json": ("-- format: json\n-- several results: one JSON document after another\ncount reports by year; sum carried_over by district having carried_over > 0\n",
        [q_count_by_year(), [r for r in by_district(ALL, lambda g: [nsum(cell(f, "carried_over", None) for f in g)]) if r[1] > 0]]),
    "modes/script-table": ("-- several results: tables separated by an empty line\ncount reports by year;\nsum denied by district limit 1\n",
        [q_count_by_year(), q_denied_by_district()[:1]]),
    "formats/csv-bom": ("-- format: csv\n-- args: --bom\nsum denied by district\n", [q_denied_by_district()]),
    "modes/skipped-file": (None, [[[1]]]),
    "constructs/show-districts": ("-- format: all\nshow districts\n", [[[d, 1] for d in PINYIN]]),
})
for fmt in ("table", "csv", "tsv", "json", "markdown"):
    CASES[f"formats/{fmt}-rates"] = (f"-- format: {fmt}\nsum denied / handled as denial_rate, handled by district\n", [rates()])
    CASES[f"formats/{fmt}-pivot"] = (f"-- format: {fmt}\nsum new by district pivot year\n", [pivot_year()])
    CASES[f"formats/{fmt}-reviews"] = (f"-- format: {fmt}\nsum upheld, corrected, pending from reviews by proceeding\n",
        [[[p] + [sum(review(f, r, p) for f in ALL) for r in ("upheld", "corrected", "pending")] for p in PROC]])

def parse(text, fmt):
    """The results in an output, each as data rows (header dropped) of strings/None/numbers."""
    if fmt == "json":
        out, i, dec = [], 0, json.JSONDecoder()
        while i < len(text):
            if text[i].isspace():
                i += 1
                continue
            v, i = dec.raw_decode(text, i)
            out.append([list(o.values()) for o in v])
        return out
    text = text.lstrip("\ufeff")
    blocks, cur = [], []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line == "":
            if cur: blocks.append(cur)
            cur = []
        else:
            cur.append(line)
    if cur: blocks.append(cur)
    out = []
    for b in blocks:
        if fmt == "csv":
            rows = list(csv.reader(io.StringIO("\n".join(b))))[1:]
        elif fmt == "tsv":
            rows = [l.split("\t") for l in b[1:]]
        elif fmt == "markdown":
            rows = [[c.strip() for c in l.strip("|").split("|")] for l in b[2:]]
        else:
            rows = [[c.strip() for c in l.strip("│").split("│")] for l in b if l.startswith("│")][1:]
        out.append(rows)
    return out

def same(want, got, fmt):
    if want is None:
        return got in (None, "", "NULL")
    if isinstance(want, (int, float)):
        try:
            g = float(got)
        except (TypeError, ValueError):
            return False
        tol = 5.1e-5 if fmt in ("table", "markdown") and isinstance(want, float) else 1e-9
        return abs(g - want) <= tol
    return str(got) == str(want)

def main():
    failures = checked = 0
    for name, (govq, results) in sorted(CASES.items()):
        base = os.path.join(HERE, name)
        if govq is None:
            govq = open(base + ".govq").read()
        elif "--write" in sys.argv and not os.path.exists(base + ".govq"):
            os.makedirs(os.path.dirname(base), exist_ok=True)
            open(base + ".govq", "w").write(govq)
        fmt = next((l.split(":", 1)[1].strip() for l in govq.splitlines() if l.startswith("-- format:")), "table")
        runs = [(f, base + "." + ext) for f, ext in EVERY.items()] if fmt == "all" else [(fmt, base + ".out")]
        for fmt, path in runs:
            failures, checked = compare(name + ("" if path.endswith(".out") else " " + fmt), path, fmt, results, failures, checked)
    print(f"truthcheck: {checked} rows checked, {failures} problems")
    return 1 if failures else 0

EVERY = {"table": "table", "csv": "csv", "tsv": "tsv", "json": "json", "markdown": "md"}

def compare(name, path, fmt, results, failures, checked):
    if not os.path.exists(path):
        print(f"{name}: {os.path.basename(path)} not recorded yet")
        return failures + 1, checked
    got = parse(open(path, encoding="utf-8").read(), fmt)
    if len(got) != len(results):
        print(f"{name}: {len(got)} results, want {len(results)}")
        return failures + 1, checked
    for want_rows, got_rows in zip(results, got):
        if len(want_rows) != len(got_rows):
            print(f"{name}: {len(got_rows)} rows, want {len(want_rows)}: {got_rows}")
            failures += 1
            continue
        for w, g in zip(want_rows, got_rows):
            checked += 1
            if len(w) != len(g) or not all(same(a, b, fmt) for a, b in zip(w, g)):
                print(f"{name}: row {g}, want {w}")
                failures += 1
    return failures, checked

sys.exit(main())
