#!/usr/bin/env python3
"""A stress set of report layouts the samples do not show, for ../shared/tools/cellcheck.py.

usage: scripts/layout_stress.py SEEDS_DIR OUT_DIR [--office]
       scripts/layout_stress.py --check-reviews GOVQ OUT_DIR   (section 四 against the truth)

Each of the five seed reports (SEEDS_DIR/*.txt with SEEDS_DIR/truth.json) is rewritten in the
shapes real sites publish: its own prose before and after the tables, its numbers (from the
hand-read truth) laid out as flattened one-line bodies, Markdown with labels split over rows,
headers over several lines, typed labels, full-width digits, thousands separators, NA markers,
page furniture inside rows, crawler headers, the 2021 template, and HTML pages with rowspan,
colspan, <br> in cells, GBK and layout tables. With --office, LibreOffice (`soffice --headless`)
turns some of the HTML pages into .docx and .pdf. OUT_DIR/truth.json is cellcheck's truth for
every file written (a row the seed lost is printed here as its identities give it).
Deterministic: the same seeds give the same files.
"""
import json, os, random, re, subprocess, sys

ROWS = ["new", "carried_over", "granted", "partial",
        "denied.state_secret", "denied.prohibited", "denied.security", "denied.third_party",
        "denied.internal", "denied.process", "denied.enforcement", "denied.inquiry",
        "unavailable.not_held", "unavailable.needs_creation", "unavailable.unclear",
        "not_processed.complaint", "not_processed.duplicate", "not_processed.publication",
        "not_processed.excessive", "not_processed.confirm", "other", "handled", "carried_forward"]
# (group label or None, leaf label) as the 2019 template prints them
LABELS = {
    "new": (None, "一、本年新收政府信息公开申请数量"), "carried_over": (None, "二、上年结转政府信息公开申请数量"),
    "granted": ("三、本年度办理结果", "（一）予以公开"),
    "partial": ("三、本年度办理结果", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    "denied.state_secret": ("（三）不予公开", "1.属于国家秘密"), "denied.prohibited": ("（三）不予公开", "2.其他法律行政法规禁止公开"),
    "denied.security": ("（三）不予公开", "3.危及“三安全一稳定”"), "denied.third_party": ("（三）不予公开", "4.保护第三方合法权益"),
    "denied.internal": ("（三）不予公开", "5.属于三类内部事务信息"), "denied.process": ("（三）不予公开", "6.属于四类过程性信息"),
    "denied.enforcement": ("（三）不予公开", "7.属于行政执法案卷"), "denied.inquiry": ("（三）不予公开", "8.属于行政查询事项"),
    "unavailable.not_held": ("（四）无法提供", "1.本机关不掌握相关政府信息"),
    "unavailable.needs_creation": ("（四）无法提供", "2.没有现成信息需要另行制作"),
    "unavailable.unclear": ("（四）无法提供", "3.补正后申请内容仍不明确"),
    "not_processed.complaint": ("（五）不予处理", "1.信访举报投诉类申请"), "not_processed.duplicate": ("（五）不予处理", "2.重复申请"),
    "not_processed.publication": ("（五）不予处理", "3.要求提供公开出版物"),
    "not_processed.excessive": ("（五）不予处理", "4.无正当理由大量反复申请"),
    "not_processed.confirm": ("（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"),
    "other": (None, "（六）其他处理"), "handled": (None, "（七）总计"), "carried_forward": (None, "四、结转下年度继续办理"),
}
OTHER_2021 = [("other.no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
              ("other.no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
              ("other.misc", "3.其他")]
TYPOS = {"2.其他法律行政法规禁止公开": "2.其他法律行政止公开", "5.属于三类内部事务信息": "5.属于三类内部事物信息",
         "2.重复申请": "2.重复申清", "6.属于四类过程性信息": "6.属于四类过程信息", "（一）予以公开": "（一） 予以 公开",
         "一、本年新收政府信息公开申请数量": "本 年 新收政府信息公开申请数量", "四、结转下年度继续办理": "结转下年度继续办理"}
HEADER = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
REVIEW_RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
NA = ["/", "／", "—", "——", "-", "－", "不适用", "无", "*", "×"]


def consistent(apps):
    """The seed's numbers with a lost row given by its identities (each row's cells as 7)."""
    a = {r: (list(v) if v else None) for r, v in apps.items()}
    leaves = [r for r in ROWS[2:21]]
    if a.get("handled") is None:
        a["handled"] = [sum(a[r][i] for r in leaves) for i in range(7)]
    if a.get("carried_forward") is None:
        a["carried_forward"] = [a["new"][i] + a["carried_over"][i] - a["handled"][i] for i in range(7)]
    for r in ROWS:
        if a[r] is None:
            a[r] = [0] * 7
    return a


def rows_of(apps, t2021):
    """[(group, label, key, cells)] in template order; 2021 splits （六） into three rows."""
    out = []
    for r in ROWS:
        g, l = LABELS[r]
        if r == "other" and t2021:
            v = apps["other"]
            for k, (key, lab) in enumerate(OTHER_2021):
                out.append(("（六）其他处理", lab, key, v if k == 2 else [0] * 7))
            continue
        out.append((g, l, r, apps[r]))
    return out


def split_seed(text):
    lines = text.split("\n")
    a = next(i for i, l in enumerate(lines) if re.match(r"\s*三、收到和处理", l))
    c = next((i for i, l in enumerate(lines) if re.match(r"\s*五、", l) and i > a), len(lines))
    return lines[:a], lines[c:]


def reviews_rows(rev):
    return [("行政复议", rev["review"]), ("行政诉讼 未经复议直接起诉", rev["litigation_direct"]),
            ("行政诉讼 复议后起诉", rev["litigation_after_review"])]


def fw(s):
    return "".join(chr(ord(c) + 0xFEE0) if "0" <= c <= "9" else c for c in s)


class Text:
    """Renders one seed's tables as text in one layout."""

    def __init__(self, seed, rnd):
        self.seed, self.r = seed, rnd

    def num(self, v, style):
        s = str(v)
        if style.get("na") and v == 0:
            return self.r.choice(NA)
        if style.get("thousands") and v >= 1000:
            s = f"{v:,}"
        if style.get("fullwidth"):
            s = fw(s)
        return s

    def label(self, g, l, style, first_in_group):
        lab = l
        if style.get("typos"):
            lab = TYPOS.get(l, l)
        if style.get("dropnumbers"):
            lab = re.sub(r"^(（[一二三四五六七]）|[0-9]\.)", "", lab)
        return (g + lab) if (g and first_in_group) else lab

    def table(self, apps, rev, style):
        rows = rows_of(apps, style.get("t2021"))
        kind = style["kind"]
        out = []
        if kind == "flat":
            sep = " " if style.get("spaces") else ""
            parts, lastg = [], None
            for g, l, key, v in rows:
                parts.append(self.label(g, l, style, g != lastg) + sep + sep.join(self.num(x, style) for x in v))
                lastg = g
            body = "三、收到和处理政府信息公开申请情况 申请人情况 自然人 法人或其他组织 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计 " \
                   + (sep.join(parts) if sep else "".join(parts))
            rv = "四、政府信息公开行政复议、行政诉讼情况 行政复议 行政诉讼 未经复议直接起诉 复议后起诉 " + " ".join(REVIEW_RESULTS * 3) + " " \
                 + sep.join(sep.join(self.num(x, style) for x in v) for _, v in reviews_rows(rev))
            # the whole body on one line, or each table on a line of its own
            return [body + " " + rv] if style.get("oneline") else [body, rv]
        head = ["申请人情况"] + HEADER
        out.append("三、收到和处理政府信息公开申请情况")
        if kind == "rows":
            # header over 2-3 lines, one row per line, cells separated by tabs or spaces
            sep = "\t" if style.get("tabs") else " "
            out.append("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
            if style.get("header3"):
                out += ["申请人情况", "自然人\t法人或其他组织\t\t\t\t\t总计", "\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他"]
            else:
                out += [sep.join(head)]
            lastg = None
            for i, (g, l, key, v) in enumerate(rows):
                cells = [self.num(x, style) for x in v]
                lab = self.label(g, l, style, g != lastg)
                line = lab + sep + sep.join(cells)
                lastg = g
                if style.get("furniture") and i in (7, 15):
                    # a page break in the middle of the row's cells
                    k = 3
                    line = lab + sep + sep.join(cells[:k])
                    out += [line, "", "                                        - %d -" % (i // 7 + 1), "\f" + "某某政府信息公开年度报告",
                            sep.join(cells[k:])]
                    continue
                out.append(line)
            out.append("四、政府信息公开行政复议、行政诉讼情况")
            if style.get("review_swap"):
                res = ["结果维持", "其他结果", "结果纠正", "尚未审结", "总计"]
                order = [0, 2, 1, 3, 4]
            else:
                res, order = REVIEW_RESULTS, [0, 1, 2, 3, 4]
            out.append("行政复议" + sep + "行政诉讼")
            out.append(sep.join(res) + sep + "未经复议直接起诉" + sep + sep.join(res) + sep + "复议后起诉" + sep + sep.join(res))
            out.append(sep.join(sep.join(self.num(v[j], style) for j in order) for _, v in reviews_rows(rev)))
            return out
        if kind == "markdown-split":
            # PDF→Markdown: labels above their numbers, long labels and group cells split over rows
            out.append("| " + " | ".join(head) + " |")
            out.append("|" + "---|" * 8)
            lastg = None
            for g, l, key, v in rows:
                cells = "| " + " | ".join(self.num(x, style) for x in v) + " |"
                if g and g != lastg:
                    n = len(g) // 2 + 1
                    out += ["| " + g[:n] + " |", "| " + g[n:] + " |"]
                lastg = g
                lab = self.label(None, l, style, False)
                if len(lab) > 8:
                    n = len(lab) // 2
                    out += ["| " + lab[:n] + " |", "| " + lab[n:] + " " + cells]
                else:
                    out.append("| " + lab + " " + cells)
            out.append("四、政府信息公开行政复议、行政诉讼情况")
            out.append("| 行政复议 | " + " | ".join(REVIEW_RESULTS) + " |")
            for name, v in reviews_rows(rev):
                out.append("| " + name + " | " + " | ".join(self.num(x, style) for x in v) + " |")
            return out
        if kind == "cells":
            # one cell a line, tab-indented (the seeds' own shape), page furniture inside rows
            out += ["\t申请人情况", "\t自然人", "\t法人或其他组织", "\t商业企业", "\t科研机构", "\t社会公益组织", "\t法律服务机构", "\t其他", "\t总计"]
            lastg, n = None, 0
            forms = ["- %d -", "— %d —", "第 %d 页 共 9 页", "%d/9", "-%d-"]
            for g, l, key, v in rows:
                if g and g != lastg:
                    out.append("\t" + g)
                lastg = g
                out.append("\t" + self.label(None, l, style, False))
                for j, x in enumerate(v):
                    out.append("\t" + self.num(x, style))
                    n += 1
                    if style.get("furniture") and n % 40 == 0:
                        out += ["", "                    " + forms[(n // 40) % len(forms)] % (n // 40 + 1), "\f"]
            out.append("四、政府信息公开行政复议、行政诉讼情况")
            out += ["\t行政复议", "\t行政诉讼"] + ["\t" + h for h in REVIEW_RESULTS] + ["\t未经复议直接起诉", "\t复议后起诉"] + ["\t" + h for h in REVIEW_RESULTS * 2]
            out += ["\t" + self.num(x, style) for _, v in reviews_rows(rev) for x in v]
            return out
        if kind in ("markdown-grid", "csv-grid"):
            # a web page's grid as Markdown or an Excel CSV export: the group in a column of its
            # own, empty under a merged cell; 一、二、四、 across both label columns
            md = kind == "markdown-grid"
            def row(cells):
                return "| " + " | ".join(cells) + " |" if md else ",".join(cells)
            out.append(row(["申请人情况", ""] + HEADER))
            if md:
                out.append("|" + "---|" * 9)
            lastg = None
            for g, l, key, v in rows:
                first = "" if g == lastg else (g or l)
                label = "" if g is None else l
                if g is None:
                    first, label = l, ""
                out.append(row([first, label] + [self.num(x, style) for x in v]))
                lastg = g
            out.append("四、政府信息公开行政复议、行政诉讼情况")
            out.append(row(["", ""] + REVIEW_RESULTS))
            for name, v in reviews_rows(rev):
                out.append(row([name, ""] + [self.num(x, style) for x in v]))
            return out
        if kind == "after":
            # plain pdftotext: each row's values before its label
            out.append(" ".join(head))
            lastg = None
            for g, l, key, v in rows:
                out += [self.num(x, style) for x in v]
                out.append(self.label(g, l, style, g != lastg))
                lastg = g
            out.append("四、政府信息公开行政复议、行政诉讼情况")
            out.append(" ".join(REVIEW_RESULTS))
            for name, v in reviews_rows(rev):
                out.append(name + " " + " ".join(self.num(x, style) for x in v))
            return out
        raise ValueError(kind)


def html_page(meta, head_lines, apps, rev, style, rnd):
    """A web page: the article's prose as <p>, the tables with rowspan/colspan headers."""
    def td(x, **a):
        attrs = "".join(f' {k}="{v}"' for k, v in a.items())
        if style.get("mso"):
            return f'<td{attrs} style="border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt"><p class="MsoNormal" align="center"><span style="font-size:10.5pt;font-family:宋体">{x}</span><span lang="EN-US"><o:p></o:p></span></p></td>'
        return f"<td{attrs}>{x}</td>"

    def num(v):
        if style.get("na") and v == 0:
            return rnd.choice(NA + ["&nbsp;"])
        return str(v)

    def br(label):
        if style.get("br") and len(label) > 6:
            n = len(label) // 2
            return label[:n] + "<br>" + label[n:]
        return label

    rows = rows_of(apps, style.get("t2021"))
    t = ['<table border="1" cellspacing="0">',
         "<tr>" + td("申请人情况", colspan=3, rowspan=3) + td("申请人情况", colspan=7) + "</tr>",
         "<tr>" + td("自然人", rowspan=2) + td("法人或其他组织", colspan=5) + td("总计", rowspan=2) + "</tr>",
         "<tr>" + "".join(td(h) for h in HEADER[1:6]) + "</tr>"]
    groups = {}
    for g, l, key, v in rows:
        groups[g] = groups.get(g, 0) + 1
    lastg = None
    for i, (g, l, key, v) in enumerate(rows):
        if style.get("split") and i == 12:
            # a Word page break: the table goes on in a table of its own, its group cell repeated
            t.append('</table><p style="page-break-before:always">&nbsp;</p><table border="1">')
            lastg = None
            groups = {k: sum(1 for r in rows[12:] if r[0] == k) for k in groups}
            # the merged 三、本年度办理结果 cell printed again over the rows left
            t.append("<tr>" + td("三、本年度办理结果", rowspan=len(rows) - 12) + td("（续）", colspan=9) + "</tr>")
        cells = "".join(td(num(x) + ("<br>" if style.get("brnum") and x else "")) for x in v)
        if g is None:
            # （六）（七） sit under the merged 三、本年度办理结果 cell; 一、二、四、 span all three
            t.append("<tr>" + td(br(l), colspan=2 if key in ("other", "handled") else 3) + cells + "</tr>")
        elif g == "三、本年度办理结果":
            # 三、本年度办理结果 spans every outcome row
            n = sum(c for k, c in groups.items() if k) + 2  # with （六） and （七）
            first = "" if lastg else td(br(g), rowspan=n)
            t.append("<tr>" + first + td(br(l), colspan=2) + cells + "</tr>")
        else:
            first = td(br(g), rowspan=groups[g]) if g != lastg else ""
            t.append("<tr>" + first + td(br(l)) + cells + "</tr>")
        lastg = g if g else lastg
    t.append("</table>")
    rv = ['<table border="1">', "<tr>" + td("行政复议", colspan=5) + td("行政诉讼", colspan=10) + "</tr>",
          "<tr>" + "".join(td(h, rowspan=2) for h in REVIEW_RESULTS) + td("未经复议直接起诉", colspan=5) + td("复议后起诉", colspan=5) + "</tr>",
          "<tr>" + "".join(td(h) for h in REVIEW_RESULTS * 2) + "</tr>",
          "<tr>" + "".join(td(num(x)) for _, v in reviews_rows(rev) for x in v) + "</tr>", "</table>"]
    charset = "gbk" if style.get("gbk") else "utf-8"
    paras = "\n".join(f"<p>{l.strip()}</p>" for l in head_lines if l.strip() and not l.startswith("[image"))
    article = f"""{paras}
<p>三、收到和处理政府信息公开申请情况</p>
{chr(10).join(t)}
<p>四、政府信息公开行政复议、行政诉讼情况</p>
{chr(10).join(rv)}
<p>五、存在的主要问题及改进情况</p><p>无。</p>"""
    if style.get("layout"):
        article = f'<table width="100%"><tr><td class="nav"><a href="/">首页</a> &gt; 政务公开</td></tr><tr><td>{article}</td></tr></table>'
    page = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{meta['title']}</title><script>var x = "<td>1</td>";</script><style>td {{ border: 1px }}</style></head>
<body><div class="nav">首页 &gt; 政府信息公开 &gt; 年度报告</div>
<div class="article">
{article}
</div></body></html>
"""
    return page.encode("gbk", errors="xmlcharrefreplace") if style.get("gbk") else page.encode("utf-8")


TEXT_STYLES = {
    "flat-nospace": dict(kind="flat", oneline=True),
    "flat-spaces": dict(kind="flat", spaces=True),
    "rows-space": dict(kind="rows"),
    "rows-tabs-header3": dict(kind="rows", tabs=True, header3=True),
    "rows-typos-fullwidth": dict(kind="rows", typos=True, fullwidth=True),
    "rows-dropnumbers": dict(kind="rows", dropnumbers=True, tabs=True),
    "rows-na": dict(kind="rows", na=True),
    "rows-furniture": dict(kind="rows", furniture=True),
    "rows-thousands": dict(kind="rows", thousands=True),
    "rows-2021-reviewswap": dict(kind="rows", t2021=True, review_swap=True, tabs=True),
    "markdown-split": dict(kind="markdown-split"),
    "markdown-split-2021": dict(kind="markdown-split", t2021=True),
    "flat-2021-na": dict(kind="flat", spaces=True, t2021=True, na=True, oneline=True),
    "flat-thousands-fullwidth": dict(kind="flat", spaces=True, thousands=True, fullwidth=True, oneline=True),
    "flat-typos": dict(kind="flat", typos=True, dropnumbers=True, oneline=True),
    "flat-typos-spaces": dict(kind="flat", spaces=True, typos=True),
    "cells-furniture": dict(kind="cells", furniture=True),
    "cells-na-2021": dict(kind="cells", na=True, t2021=True),
    "after-values": dict(kind="after"),
    "markdown-grid": dict(kind="markdown-grid"),
    "csv-grid-na": dict(kind="csv-grid", na=True),
    "rows-title-split": dict(kind="rows", title_split=True, tabs=True),
}
HTML_STYLES = {
    "html-plain": dict(),
    "html-mso-br": dict(mso=True, br=True),
    "html-gbk-layout": dict(gbk=True, layout=True),
    "html-na-2021": dict(na=True, t2021=True, mso=True),
    "html-split-br": dict(split=True, br=True, brnum=True),
}
OFFICE = ["html-plain", "html-mso-br"]


def write_rejects(out):
    """Files that are no 2019+ report, each to be rejected with a reason."""
    files = {
        "reject_notice.txt": ("关于印发某某区2020年政务公开工作要点的通知\n各街道办事处、区政府各部门：\n现将《某某区2020年政务公开工作要点》印发给你们，请认真贯彻落实。\n"
                              "一、总体要求\n坚持以人民为中心。\n二、重点任务\n（一）推进决策公开。\n某某区人民政府办公室\n2020年3月1日\n", "a notice"),
        "reject_2018.txt": ("某某区人民政府2018年政府信息公开工作年度报告\n一、概述\n2018年，我区认真贯彻落实《条例》。\n二、主动公开政府信息情况\n本年度主动公开政府信息1234条。\n"
                            "三、依申请公开政府信息情况\n本年度共受理政府信息公开申请56件，其中当面申请12件、网络申请44件。已答复56件。\n"
                            "四、政府信息公开的收费及减免情况\n本年度未收取任何费用。\n五、因政府信息公开申请行政复议、提起行政诉讼的情况\n行政复议2件，行政诉讼1件。\n"
                            "六、存在的主要问题及改进措施\n无。\n", "a 2018 report"),
        "reject_other_table.txt": ("某某区2020年政府信息公开工作年度报告\n一、总体情况\n略。\n二、主动公开政府信息情况\n"
                                   "第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t3\n行政规范性文件\t5\t1\t40\n"
                                   "第二十条第（五）项\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n行政许可\t120\t+5\t3400\n"
                                   "五、存在的主要问题及改进情况\n无。\n", "a table of another kind"),
    }
    for name, (text, _) in files.items():
        open(os.path.join(out, name), "w", encoding="utf-8").write(text)
    return {name: why for name, (_, why) in files.items()}


def check_reviews(govq, out):
    """Section 四 of every file against its truth (cellcheck reads section 三 only)."""
    truth = json.load(open(os.path.join(out, "truth.json")))["reports"]
    ok = total = 0
    for f, t in sorted(truth.items()):
        p = subprocess.run([govq, "--data", os.path.join(out, f), "-e",
                            "sum upheld, corrected, other, pending, total from reviews by proceeding", "--format", "csv"],
                           capture_output=True, timeout=120)
        got = {r.split(",")[0]: r.split(",")[1:] for r in p.stdout.decode().splitlines()[1:]}
        for proc in ("review", "litigation_direct", "litigation_after_review"):
            want = [str(v) for v in t["reviews"][proc]]
            have = got.get(proc, [""] * 5)
            total += 5
            ok += sum(a == b for a, b in zip(want, have))
            if want != have:
                print(f"{f}: {proc}: want {' '.join(want)}, got {' '.join(have)}")
    print(f"review cells correct: {ok}/{total}")


def main():
    if sys.argv[1] == "--check-reviews":
        return check_reviews(sys.argv[2], sys.argv[3])
    seeds, out = sys.argv[1], sys.argv[2]
    office = "--office" in sys.argv
    os.makedirs(out, exist_ok=True)
    truth = json.load(open(os.path.join(seeds, "truth.json")))
    reports = {}
    for f, t in sorted(truth["reports"].items()):
        rnd = random.Random(f)
        text = open(os.path.join(seeds, f), encoding="utf-8").read()
        head, tail = split_seed(text)
        apps = consistent(t["applications"])
        rev = t["reviews"]
        stem = f.split("_")[0]
        for name, style in TEXT_STYLES.items():
            a = apps
            if style.get("thousands"):
                # 1,2xx granted to natural persons: the new, granted and handled rows grow alike
                a = {k: list(v) for k, v in apps.items()}
                for k in ("new", "granted", "handled"):
                    a[k][0] += 1200
                    a[k][6] += 1200
            lines = list(head)
            if name.startswith("flat"):
                lines = [" ".join(l.strip() for l in head if l.strip())]
            elif style.get("title_split"):
                # the title over two lines with spaces, its year lost: the 统计期限 sentence says it
                title = next(l for l in head if "报告" in l)
                lines = [" ".join(t["unit"]), "政府信息公开工作 年度报告",
                         "本报告所列数据的统计期限自%d年1月1日起至%d年12月31日止。" % (t["year"], t["year"])] + \
                        [re.sub(r"20\d\d年", "本年度", l) for l in head if l != title and not ("政府信息公开" in l and len(l) < 40)]
            elif style.get("typos"):
                # a crawler's header, the title lost
                title = next(l for l in head if "报告" in l)
                lines = ["标题: " + t["unit"] + str(t["year"]) + "年政府信息公开工作年度报告", "发布时间: %d-03-31" % (t["year"] + 1),
                         "来源: 政务公开办"] + [l for l in head if l != title and not ("政府信息公开" in l and len(l) < 40)]
            body = Text(f, rnd).table(a, rev, style)
            doc = "\n".join(lines + body + tail) + "\n"
            name_out = f"{stem}_{name}.txt"
            open(os.path.join(out, name_out), "w", encoding="utf-8").write(doc)
            tr = {r: a[r] for r in ROWS}
            reports[name_out] = dict(district=t["district"], year=t["year"], applications=tr, reviews=rev)
        title = t["unit"] + str(t["year"]) + "年政府信息公开工作年度报告"
        for name, style in HTML_STYLES.items():
            page = html_page(dict(title=title), head, apps, rev, style, rnd)
            name_out = f"{stem}_{name}.html"
            open(os.path.join(out, name_out), "wb").write(page)
            reports[name_out] = dict(district=t["district"], year=t["year"], applications={r: apps[r] for r in ROWS}, reviews=rev)
            if office and name in OFFICE:
                for ext in ("docx", "pdf"):
                    subprocess.run(["soffice", "--headless", "--convert-to", "docx:MS Word 2007 XML" if ext == "docx" else ext, "--outdir", out, os.path.join(out, name_out)],
                                   capture_output=True, timeout=300)
                    conv = os.path.join(out, f"{stem}_{name}.{ext}")
                    if os.path.exists(conv):
                        reports[f"{stem}_{name}.{ext}"] = reports[name_out]
    rejects = write_rejects(out)
    json.dump(dict(columns=HEADER, rows=ROWS, reports=reports, reject=rejects), open(os.path.join(out, "truth.json"), "w"), ensure_ascii=False, indent=1)
    print(f"{len(reports)} files in {out}")


if __name__ == "__main__":
    main()
