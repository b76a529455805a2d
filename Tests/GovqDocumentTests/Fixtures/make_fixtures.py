#!/usr/bin/env python3
"""Makes the document fixtures the tests read (committed, so the tests need none of these tools).

usage: python3 make_fixtures.py   (needs python-docx and pypdf from PyPI)
The numbers are the hand-read truth of /work/shared/reports/hongze_2024.pdf (truth.json there):
the same report written as a Word table (merged cells as Word makes them) and as a GBK web page
(rowspan/colspan, split labels, &nbsp; cells, mso- styles), plus hostile and broken files.
"""
import io, json, os, struct, zipfile, zlib
import docx
from docx.shared import Pt
import pypdf

HERE = os.path.dirname(os.path.abspath(__file__))
TITLE = "淮安市洪泽区人民政府2024年政府信息公开工作年度报告"
INTRO = ("本报告由淮安市洪泽区人民政府办公室根据《中华人民共和国政府信息公开条例》要求编制。"
         "报告中所列数据统计期限自2024年1月1日起至2024年12月31日止。")
# (group label spanning rows, row label, numbers: 6 applicant columns + 总计)
N = lambda *v: list(v)
ROWS = [
    (None, "一、本年新收政府信息公开申请数量", N(95, 0, 0, 0, 0, 0, 95)),
    (None, "二、上年结转政府信息公开申请数量", N(0, 0, 0, 0, 0, 0, 0)),
    ("三、本年度办理结果", "（一）予以公开", N(50, 0, 0, 0, 0, 0, 50)),
    ("三、本年度办理结果", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", N(9, 0, 0, 0, 0, 0, 9)),
]
DENIED = ["1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
          "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项"]
DENIED_N = [0, 0, 1, 0, 0, 1, 1, 0]
UNAVAIL = ["1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"]
UNAVAIL_N = [31, 1, 0]
NOTPROC = ["1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
           "5.要求行政机关确认或重新出具已获取信息"]
NOTPROC_N = [1, 0, 0, 0, 0]
def one(n):  # natural_person carries every number in this report; the others are 0
    return [n, 0, 0, 0, 0, 0, n]
SUB = [("（三）不予公开", DENIED, DENIED_N), ("（四）无法提供", UNAVAIL, UNAVAIL_N), ("（五）不予处理", NOTPROC, NOTPROC_N)]
TAIL = [("（六）其他处理", one(0)), ("（七）总计", one(95))]
LAST = ("四、结转下年度继续办理", one(0))
HEADER2 = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
REVIEWS = [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3]

def docx_fixture(path):
    d = docx.Document()
    d.add_paragraph(TITLE)
    d.add_paragraph(INTRO)
    d.add_paragraph("三、收到和处理政府信息公开申请情况")
    rows = 3 + 4 + sum(len(s[1]) for s in SUB) + 3
    t = d.add_table(rows=rows, cols=10)
    t.style = "Table Grid"
    def put(r, c, text):
        t.cell(r, c).text = text
    put(0, 0, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
    t.cell(0, 0).merge(t.cell(1, 2))
    put(0, 3, "申请人情况")
    t.cell(0, 3).merge(t.cell(0, 9))
    put(1, 3, "自然人"); t.cell(1, 3).merge(t.cell(2, 3))
    put(1, 4, "法人或其他组织"); t.cell(1, 4).merge(t.cell(1, 8))
    put(1, 9, "总计"); t.cell(1, 9).merge(t.cell(2, 9))
    for k, h in enumerate(HEADER2): put(2, 4 + k, h)
    t.cell(2, 0).merge(t.cell(2, 2))
    r = 3
    def numbers(r, ns):
        for k, n in enumerate(ns): put(r, 3 + k, str(n))
    for label, ns in [(ROWS[0][1], ROWS[0][2]), (ROWS[1][1], ROWS[1][2])]:
        put(r, 0, label); t.cell(r, 0).merge(t.cell(r, 2)); numbers(r, ns); r += 1
    start = r
    for _, label, ns in ROWS[2:]:
        put(r, 1, label); t.cell(r, 1).merge(t.cell(r, 2)); numbers(r, ns); r += 1
    for group, labels, ns in SUB:
        g = r
        for label, n in zip(labels, ns):
            put(r, 2, label); numbers(r, one(n)); r += 1
        put(g, 1, group); t.cell(g, 1).merge(t.cell(r - 1, 1))
    for label, ns in TAIL:
        put(r, 1, label); t.cell(r, 1).merge(t.cell(r, 2)); numbers(r, ns); r += 1
    put(start, 0, "三、本年度办理结果"); t.cell(start, 0).merge(t.cell(r - 1, 0))
    put(r, 0, LAST[0]); t.cell(r, 0).merge(t.cell(r, 2)); numbers(r, LAST[1])
    d.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    rv = d.add_table(rows=4, cols=15)
    rv.cell(0, 0).text = "行政复议"; rv.cell(0, 0).merge(rv.cell(1, 4))
    rv.cell(0, 5).text = "行政诉讼"; rv.cell(0, 5).merge(rv.cell(0, 14))
    rv.cell(1, 5).text = "未经复议直接起诉"; rv.cell(1, 5).merge(rv.cell(1, 9))
    rv.cell(1, 10).text = "复议后起诉"; rv.cell(1, 10).merge(rv.cell(1, 14))
    for k, h in enumerate(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3): rv.cell(2, k).text = h
    for k, n in enumerate(REVIEWS): rv.cell(3, k).text = str(n)
    d.add_paragraph("五、存在的主要问题及改进情况")
    d.add_paragraph("无。")
    d.save(path)

def html_fixture(path):
    td = lambda text, extra="": (f'<td{extra} style="border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt">'
                                 f'<p class="MsoNormal"><span style="font-family:仿宋_GB2312;mso-hansi-font-family:宋体">{text}</span>'
                                 f'<span lang="EN-US"><o:p></o:p></span></p></td>')
    num = lambda n: td(str(n) if n else "&nbsp;")      # a blank cell is 0: the page leaves 0 blank
    split = lambda label: "</span></p><p class=\"MsoNormal\"><span>".join([label[:len(label) // 2], label[len(label) // 2:]])
    rows = ['<tr>' + td("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", ' colspan="3" rowspan="3"')
            + td("申请人情况", ' colspan="7"') + '</tr>',
            '<tr>' + td("自然人", ' rowspan="2"') + td("法人或其他组织", ' colspan="5"') + td("总计", ' rowspan="2"') + '</tr>',
            '<tr>' + "".join(td(h) for h in HEADER2) + '</tr>']
    for _, label, ns in ROWS[:2]:
        rows.append('<tr>' + td(label, ' colspan="3"') + "".join(num(n) for n in ns) + '</tr>')
    total = 2 + sum(len(s[1]) for s in SUB) + 2
    first = True
    for _, label, ns in ROWS[2:]:
        head = td("三、本年度办理结果", f' rowspan="{total}"') if first else ""
        first = False
        rows.append('<tr>' + head + td(split(label), ' colspan="2"') + "".join(num(n) for n in ns) + '</tr>')
    for group, labels, ns in SUB:
        for k, (label, n) in enumerate(zip(labels, ns)):
            g = td(split(group), f' rowspan="{len(labels)}"') if k == 0 else ""
            rows.append('<tr>' + g + td(label) + "".join(num(x) for x in one(n)) + '</tr>')
    for label, ns in TAIL:
        rows.append('<tr>' + td(label, ' colspan="2"') + "".join(num(n) for n in ns) + '</tr>')
    rows.append('<tr>' + td(LAST[0], ' colspan="3"') + "".join(num(n) for n in LAST[1]) + '</tr>')
    reviews = ('<table border="1"><tr>' + td("行政复议", ' colspan="5" rowspan="2"') + td("行政诉讼", ' colspan="10"') + '</tr><tr>'
               + td("未经复议直接起诉", ' colspan="5"') + td("复议后起诉", ' colspan="5"') + '</tr><tr>'
               + "".join(td(h) for h in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3) + '</tr><tr>'
               + "".join(num(n) for n in REVIEWS) + '</tr></table>')
    page = f'''<!DOCTYPE html>
<html xmlns:o="urn:schemas-microsoft-com:office:office">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{TITLE}</title>
<style>p.MsoNormal {{ mso-style-parent:""; margin:0cm; }}</style>
<script>var nav = "<table><tr><td>首页</td></tr></table>";</script>
</head>
<body>
<div class="nav"><a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a></div>
<h1>{TITLE}</h1>
<p>{INTRO}</p>
<p>三、收到和处理政府信息公开申请情况</p>
<table border="1">
{chr(10).join(rows)}
</table>
<p>四、政府信息公开行政复议、行政诉讼情况</p>
{reviews}
<p>五、存在的主要问题及改进情况</p>
<p>无。</p>
</body>
</html>
'''
    open(path, "wb").write(page.encode("gb18030"))

def pdf_fixtures():
    # No text layer: one blank page (a scan would have only an image).
    w = pypdf.PdfWriter(); w.add_blank_page(595, 842)
    w.write(os.path.join(HERE, "scanned.pdf"))
    # Encrypted with a user password.
    r = pypdf.PdfReader("/work/shared/reports/hongze_2024.pdf")
    w = pypdf.PdfWriter()
    for p in r.pages: w.add_page(p)
    w.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    w.write(os.path.join(HERE, "encrypted.pdf"))
    # 10,000 pages.
    w = pypdf.PdfWriter()
    for _ in range(10000): w.add_blank_page(595, 842)
    w.write(os.path.join(HERE, "pages_10000.pdf"))
    data = open("/work/shared/reports/hongze_2024.pdf", "rb").read()
    open(os.path.join(HERE, "truncated.pdf"), "wb").write(data[:2000])

def zip_with(path, xml_chunks, claim=None):
    """A .docx whose document.xml is the chunks given; `claim` overwrites its declared size."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            for c in xml_chunks(): f.write(c)
    if claim is not None:
        b = bytearray(open(path, "rb").read())
        name = b"word/document.xml"
        for sig in (b"PK\x01\x02", b"PK\x03\x04"):
            i = 0
            while (i := b.find(sig, i)) >= 0:
                off = 24 if sig == b"PK\x01\x02" else 22
                nlen = 28 if sig == b"PK\x01\x02" else 26
                n = struct.unpack_from("<H", b, i + nlen)[0]
                start = i + (46 if sig == b"PK\x01\x02" else 30)
                if b[start:start + n] == name:
                    struct.pack_into("<I", b, i + off, claim)
                i += 4
        open(path, "wb").write(bytes(b))

def docx_hostile():
    head = b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    def big():
        yield head
        chunk = b"<w:p><w:r><w:t>" + b"0" * 65000 + b"</w:t></w:r></w:p>"
        for _ in range((1 << 30) // len(chunk) + 1): yield chunk
        yield b"</w:body></w:document>"
    zip_with(os.path.join(HERE, "huge_1gb.docx"), big)
    def bomb():
        yield head
        for _ in range(1600): yield b" " * 65536
        yield b"</w:body></w:document>"
    zip_with(os.path.join(HERE, "bomb_lying.docx"), bomb, claim=4000)
    def deep():
        yield head + b"<w:sdt>" * 100000 + b"</w:sdt>" * 100000 + b"</w:body></w:document>"
    zip_with(os.path.join(HERE, "deep.docx"), deep)
    good = open(os.path.join(HERE, "hongze_2024.docx"), "rb").read()
    open(os.path.join(HERE, "truncated.docx"), "wb").write(good[:len(good) // 2])

if __name__ == "__main__":
    docx_fixture(os.path.join(HERE, "hongze_2024.docx"))
    html_fixture(os.path.join(HERE, "hongze_2024_gbk.html"))
    pdf_fixtures()
    docx_hostile()
