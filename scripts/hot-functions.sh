#!/usr/bin/env bash
# scripts/hot-functions.sh → scripts/hot-functions.txt: the functions a query runs, which the
# release link lays out together (scripts/release-flags.sh). Builds the release binary, indexes
# a generated corpus of 2,000 reports, runs typical queries under callgrind (valgrind), and
# lists every function of govq's binary they executed, as its symbol names (C++ names mapped
# back from callgrind's demangled ones through nm). Run it again when the query path changes
# much; a stale list only leaves some code where the linker would put it anyway.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "hot-functions: needs valgrind (apt-get install valgrind)" >&2; exit 1; }
scratch=.build-release
read -ra flags <<< "$(scripts/release-flags.sh "$scratch")"
for product in govq govq-corpus; do
    swift build -c release --static-swift-stdlib --disable-local-rpath "${flags[@]}" --scratch-path "$scratch" --product "$product" 2>&1 | grep -E 'error' || true
done
work=$(mktemp -d /tmp/govq-hot.XXXXXX)
trap 'rm -rf "$work"' EXIT
# Symbols kept, debug information dropped: callgrind reads the binary faster.
strip --strip-debug -o "$work/govq" "$scratch/release/govq"
"$scratch/release/govq-corpus" -n 2000 --seed 1 -o "$work/corpus" >/dev/null
"$work/govq" index "$work/corpus" -o "$work/corpus.govq" >/dev/null 2>&1
i=0
while IFS= read -r args; do
    i=$((i + 1))
    eval "valgrind --tool=callgrind --callgrind-out-file=$work/cg.$i $work/govq --data $work/corpus.govq $args" >/dev/null 2>&1 || true
done <<'QUERIES'
-e 'count reports' --format csv
-e 'sum denied by district' --format csv
-e 'sum new by applicant' --format csv
-e 'count reports by year' --format csv
-e 'sum denied where year = 2021 and applicant in (business, legal_service) by district' --format csv
-e 'count reports by province' --format csv
-e 'avg granted, max denied by year'
-e 'sum denied by district order by denied desc limit 10' --format json
-e 'sum upheld from reviews by year' --format markdown
-e 'sum denid by district'
QUERIES
nm --defined-only "$work/govq" | awk '{print $3}' > "$work/mangled"
nm -C --defined-only "$work/govq" | cut -d' ' -f3- > "$work/demangled"
python3 - "$work" > scripts/hot-functions.txt <<'PY'
import glob, re, sys
work = sys.argv[1]
mangled = open(work + "/mangled").read().split("\n")
demangled = open(work + "/demangled").read().split("\n")
known = set(mangled)
by_demangled = {}
for m, d in zip(mangled, demangled):
    by_demangled.setdefault(d, []).append(m)
# How many of the queries ran each function: those every query runs come first, so that the
# code common to all lies in the fewest pages, and what one query alone runs lies after it.
runs = {}
for f in glob.glob(work + "/cg.*"):
    objects, names, current, ran = {}, {}, None, set()
    for line in open(f, errors="replace"):
        m = re.match(r"^(ob|fn|cfn|cob)=\((\d+)\)(?: (.*))?$", line.rstrip("\n"))
        if not m:
            continue
        kind, key, name = m.groups()
        if kind in ("ob", "cob"):
            if name: objects[key] = name
            if kind == "ob": current = objects.get(key)
        else:
            if name: names[key] = name
            if kind == "fn" and current and current.endswith("/govq"):
                ran.add(re.sub(r"'\d+$", "", names[key]))
    for n in ran:
        for m in ([n] if n in known else by_demangled.get(n, [])):
            runs[m] = runs.get(m, 0) + 1
print("\n".join(sorted(runs, key=lambda m: (-runs[m], m))))
PY
echo "hot-functions: $(wc -l < scripts/hot-functions.txt) functions" >&2
