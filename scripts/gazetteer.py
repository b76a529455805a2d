#!/usr/bin/env python3
"""Regenerates Sources/GovqGeo/GazetteerData.swift, govq's gazetteer, from three PyPI packages
and a hand-kept supplement.

    pip download --no-deps jionlp==1.5.31 cpca==0.5.5 pypinyin==0.55.0 -d /tmp/geo
    python3 scripts/gazetteer.py /tmp/geo/jionlp-1.5.31-*.whl /tmp/geo/cpca-0.5.5-*.whl \
        /tmp/geo/pypinyin-0.55.0-*.whl

Sources:
- jionlp (Apache-2.0): dictionary/china_location.zip, the current divisions (province, city,
  county-level unit, with 6-digit codes and short names); dictionary/china_location_change.txt,
  the dated changes (merges, renames, county → district or city); dictionary/phone_location.zip,
  each city's telephone area code and postcode.
- cpca (MIT): resources/adcodes.csv, divisions as of 2018, only for the codes of units that a
  change since 2019 retired (jionlp's list names them without codes).
- pypinyin (MIT): the pinyin of each division's short name (济南 → ji nan), from which govq
  reads web and email domains (jnlc.gov.cn, @qingdao.gov.cn).
- scripts/gazetteer-supplement.tsv: changes jionlp's list lacks (莱芜市 into 济南, 2019; 临平区
  and 钱塘区, 2021), each with its approval; merged into jionlp's changes.

Output lines (tab-separated), one unit or fact a line:
    p|c|k  code  parent  name  short  since  until     province, city, county-level unit
    x      date  old     new                            a change: unit old is absorbed into new
    t      city  area    post                           a city's phone area code and postcode
A second text holds the pinyin of each unit's short name, one line per unit in the same order.
Dates are yyyymmdd; an empty since means before 2019, an empty until means it still exists.
"""
import csv, io, os, sys, zipfile, hashlib

FIRST_DATE = "2019-01-01"   # changes before the first year the reports cover are not needed
# Misspellings in jionlp's change list, checked against its own location list (and the State
# Council's approval of 2019-06-29 for 伊春): the target as the change list spells it → as listed.
SPELLING = {"大菁山县": "大箐山县"}

SUPPLEMENT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gazetteer-supplement.tsv")

def supplement(path):
    """The supplement's changes, in jionlp's change-list layout, and its created units."""
    changes, created = [], []
    for line in open(path, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if not line.strip() or line.startswith("#"):
            continue
        if f[0] == "change" and len(f) == 11 and f[7] == "=>":
            _, date, _, prov, city, county, short, _, nprov, ncity, ncounty = f
            changes.append(f"{date}\t国批\t{prov}\t\t{city}\t\t{county}\t{short}=>{nprov}\t{ncity}\t{ncounty}")
        elif f[0] == "created" and len(f) == 6:
            created.append((f[1].replace("-", ""), f[3], f[4], f[5]))
        else:
            sys.exit(f"{path}: cannot read line: {line.strip()}")
    return changes, created

def pinyin_of(pypinyin_whl):
    """pypinyin's lazy_pinyin, from the wheel unpacked (it is pure Python, and reads its data
    files from its own folder)."""
    import tempfile
    folder = tempfile.mkdtemp(prefix="gazetteer-pypinyin-")
    zipfile.ZipFile(pypinyin_whl).extractall(folder)
    sys.path.insert(0, folder)
    from pypinyin import lazy_pinyin
    return lambda text: " ".join(lazy_pinyin(text))

def main(jionlp_whl, cpca_whl, pypinyin_whl, out_path):
    jw = zipfile.ZipFile(jionlp_whl)
    cw = zipfile.ZipFile(cpca_whl)
    version = jionlp_whl.rsplit("/", 1)[-1].split("-")[1]
    cversion = cpca_whl.rsplit("/", 1)[-1].split("-")[1]
    pversion = pypinyin_whl.rsplit("/", 1)[-1].split("-")[1]
    pinyin = pinyin_of(pypinyin_whl)
    extra_changes, created = supplement(SUPPLEMENT)
    loc_zip = zipfile.ZipFile(io.BytesIO(jw.read("jionlp/dictionary/china_location.zip")))
    loc = loc_zip.read("china_location.txt").decode("utf-8")
    loc_digest = hashlib.sha256(loc.encode()).hexdigest()[:16]
    changes = jw.read("jionlp/dictionary/china_location_change.txt").decode("utf-8")
    phone_zip = zipfile.ZipFile(io.BytesIO(jw.read("jionlp/dictionary/phone_location.zip")))
    phone = phone_zip.read("phone_location.txt").decode("utf-8")
    old = list(csv.DictReader(io.StringIO(cw.read("cpca/resources/adcodes.csv").decode("utf-8"))))

    units = []           # [level, code, parent, name, short, since, until]
    by_key = {}          # (province name, city name, county name or "") -> unit
    province = city = None
    for line in loc.splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        f = line.strip("\t").split("\t")
        if depth > 2 or len(f) < 3 or not f[1].isdigit():
            continue
        name, code, short = f[0], f[1], f[2]
        if depth == 0:
            province = ["p", code, "", name, short, "", ""]
            units.append(province)
            by_key[(name, "", "")] = province
        elif depth == 1:
            if name.endswith("直辖行政区划"):
                city = None          # counties directly under the province
                continue
            city = ["c", code, province[1], name, short, "", ""]
            units.append(city)
            by_key[(province[3], name, "")] = city
        else:
            if name.endswith("直辖行政区划"):
                continue
            parent = city or province
            u = ["k", code, parent[1], name, short, "", ""]
            units.append(u)
            by_key[(province[3], city[3] if city else "", name)] = u

    old_by = {}
    for r in old:
        old_by.setdefault(r["name"], []).append(r["adcode"][:6])

    facts = []
    for line in changes.splitlines() + extra_changes:
        if not line.strip():
            continue
        left, right = line.split("=>")
        lf, rf = left.split("\t"), right.split("\t")
        date = lf[0]
        if date < FIRST_DATE or len(lf) < 8 or len(rf) < 3:
            continue
        yyyymmdd = date.replace("-", "")
        old_prov, old_city, old_county = lf[2], lf[4], lf[6]
        new = by_key.get((rf[0], rf[1], SPELLING.get(rf[2], rf[2])))
        if new is None:
            # The source misspells a few targets (大菁山县 for 大箐山县): the old unit is kept,
            # retired on that date, with no successor rather than a guessed one.
            print(f"warning: change target not in the current list, no successor kept: {line}", file=sys.stderr)
        gone = by_key.get((old_prov, old_city, old_county))
        if new is None and gone is not None:
            continue    # the location list still has the old unit (无为县): it stays as listed
        if gone is None:
            # Retired: its code is the 2018 one whose prefix is the city's. A city the current
            # list lacks (莱芜市, 2019) is retired with it, under its province.
            if (old_prov, old_city, "") not in by_key:
                prov_unit = by_key[(old_prov, "", "")]
                codes = [c for c in old_by.get(old_city, []) if c[:2] == prov_unit[1][:2] and c[4:] == "00"]
                if len(codes) != 1:
                    sys.exit(f"no single 2018 code for {old_prov}{old_city}: {codes}")
                retired_city = ["c", codes[0], prov_unit[1], old_city, old_city[:-1], "", yyyymmdd]
                units.append(retired_city)
                by_key[(old_prov, old_city, "")] = retired_city
            city_code = by_key[(old_prov, old_city, "")][1]
            codes = [c for c in old_by.get(old_county, []) if c[:4] == city_code[:4]]
            if len(codes) != 1:
                sys.exit(f"no single 2018 code for {old_prov}{old_city}{old_county}: {codes}")
            gone = ["k", codes[0], city_code, old_county, lf[7], "", yyyymmdd]
            units.append(gone)
            by_key[(old_prov, old_city, old_county)] = gone
        elif gone is not new:
            gone[6] = gone[6] or yyyymmdd
        if new is None or gone is new:
            continue
        # A new name (伊美区): exists from its first change on.
        if new[3] not in {r["name"] for r in old if r["adcode"][:4] == new[2][:4] or r["adcode"][:6] == new[1]}:
            new[5] = min(new[5] or yyyymmdd, yyyymmdd)
        facts.append(["x", yyyymmdd, gone[1], new[1]])

    for date, prov, city, county in created:
        u = by_key.get((prov, city, county))
        if u is None:
            sys.exit(f"created unit not in the location list: {prov}{city}{county}")
        u[5] = date

    # Read only when a report's domain is looked up: a separate text, one line per unit.
    pinyin_lines = [pinyin(u[4]) for u in units]

    short_to_city = {}
    for (p, c, k), u in by_key.items():
        if u[0] == "c":
            short_to_city.setdefault((by_key[(p, "", "")][4], u[4]), u)
    for line in phone.splitlines():
        if line.startswith("\t") or not line.strip():
            continue
        place, area, post = line.split("\t")
        prov, _, city_short = place.partition(" ")
        u = short_to_city.get((prov, city_short))
        if u is None or u[6]:
            # Municipalities: 北京 北京 is the province's one city; a retired city keeps none.
            continue
        facts.append(["t", u[1], area, post])

    body = "\n".join("\t".join(u) for u in units) + "\n" + "\n".join("\t".join(f) for f in facts) + "\n"
    header = (
        "// Generated by scripts/gazetteer.py: do not edit; regenerate (see README, Geography).\n"
        f"// Source: jionlp {version} (https://pypi.org/project/jionlp/, Apache-2.0): china_location.txt\n"
        f"//   (sha256 {loc_digest}…), china_location_change.txt (changes from {FIRST_DATE}),\n"
        f"//   phone_location.txt; cpca {cversion} (https://pypi.org/project/cpca/, MIT): adcodes.csv,\n"
        "//   for the codes of units retired since 2019; pypinyin "
        f"{pversion} (https://pypi.org/project/pypinyin/, MIT),\n"
        "//   for the pinyin of short names; scripts/gazetteer-supplement.tsv "
        f"({len(extra_changes)} changes, {len(created)} new units, with their approvals).\n"
        f"// {sum(1 for u in units if u[0]=='p')} provinces, {sum(1 for u in units if u[0]=='c')} cities, "
        f"{sum(1 for u in units if u[0]=='k')} county-level units, "
        f"{sum(1 for f in facts if f[0]=='x')} changes, {sum(1 for f in facts if f[0]=='t')} phone/post codes.\n"
        "// Lines: p|c|k code parent name short since until; x date old new; t city area post.\n"
        "// pinyin: one line per p|c|k line, in order: the pinyin of its short name.\n"
    )
    with open(out_path, "w", encoding="utf-8") as out:
        out.write(header)
        out.write(f'enum GazetteerData {{\n    static let source = "jionlp {version}, cpca {cversion}, pypinyin {pversion}, supplement"\n')
        out.write('    static let text = #"""\n' + body + '"""#\n')
        out.write('    static let pinyin = #"""\n' + "\n".join(pinyin_lines) + '\n"""#\n}\n')

if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else "Sources/GovqGeo/GazetteerData.swift")
