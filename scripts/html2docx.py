#!/usr/bin/env python3
"""An HTML report page → a .docx written by python-docx (Word fixtures and benchmark files):
paragraphs as paragraphs, each <table> as a Word table with rowspan/colspan merged (a table
inside a table is not carried over). usage: scripts/html2docx.py PAGE.html OUT.docx"""
import sys, html.parser, docx

class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self.tables, self.text, self.cell, self.skip = [], [], [], None, 0
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "style"): self.skip += 1
        elif tag == "table": self.tables.append([]); 
        elif tag == "tr" and self.tables: self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables and self.tables[-1]:
            self.cell = dict(text=[], rs=int(a.get("rowspan") or 1), cs=int(a.get("colspan") or 1))
        elif tag in ("p", "br", "div") and self.cell is None: self.flush()
    def handle_endtag(self, tag):
        if tag in ("script", "style"): self.skip -= 1
        elif tag in ("td", "th") and self.cell is not None:
            self.cell["text"] = "".join(self.cell["text"]).replace("\xa0", " ").strip()
            self.tables[-1][-1].append(self.cell); self.cell = None
        elif tag == "table" and self.tables:
            t = self.tables.pop()
            if self.tables: return  # a layout table's inner table: kept flat
            self.flush(); self.blocks.append(("table", t))
        elif tag in ("p", "div", "h1", "h2", "title") and self.cell is None: self.flush()
    def handle_data(self, d):
        if self.skip: return
        (self.cell["text"] if self.cell is not None else self.text).append(d)
    def flush(self):
        s = " ".join("".join(self.text).split())
        if s: self.blocks.append(("p", s))
        self.text = []

raw = open(sys.argv[1], "rb").read()
enc = "gb18030" if b"charset=gb" in raw[:2000].lower() else "utf-8"
p = Page(); p.feed(raw.decode(enc, "replace")); p.flush()
d = docx.Document()
for kind, b in p.blocks:
    if kind == "p": d.add_paragraph(b); continue
    rows = [r for r in b if r]
    if not rows: continue
    grid, width = {}, 0
    for r, row in enumerate(rows):           # place each cell on the grid, skipping rowspans above
        c = 0
        for cell in row:
            while (r, c) in grid: c += 1
            for dr in range(cell["rs"]):
                for dc in range(cell["cs"]): grid[(r + dr, c + dc)] = (r, c)
            cell["at"] = (r, c); c += cell["cs"]; width = max(width, c)
    t = d.add_table(rows=len(rows), cols=width); t.style = "Table Grid"
    for row in rows:
        for cell in row:
            r, c = cell["at"]
            t.cell(r, c).text = cell["text"]
            if cell["rs"] > 1 or cell["cs"] > 1:
                t.cell(r, c).merge(t.cell(min(r + cell["rs"], len(rows)) - 1, min(c + cell["cs"], width) - 1))
d.save(sys.argv[2])
