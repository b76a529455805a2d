/// The format readers' own steps: cell text, charsets, HTML tables, the PDF layout, DOCX
/// merges, and the map from the rendered text back to each document's places.
import Foundation
import Testing
import GovqDiagnostics
@testable import GovqDocument
@testable import GovqHTML
@testable import GovqPDF
@testable import GovqDOCX

@Suite struct CellTextTests {
    static let cases: [([String], String)] = [
        (["三、本年", "度办", "理结果"], "三、本年度办理结果"),
        (["（三）不予", "公开"], "（三）不予公开"),
        (["三、本年度\n   办理结果"], "三、本年度办理结果"),
        (["Page", "2"], "Page 2"),
        (["\u{A0}"], ""),
        (["0", "\u{A0}"], "0"),
        (["<!--[if !supportLists]-->1.<!--[endif]-->属于国家秘密"], "1.属于国家秘密"),
        (["12 （属公安机关刑事司法信息）"], "12（属公安机关刑事司法信息）"),
        // Every space: one between two ASCII characters, none elsewhere.
        (["a\u{3000}b", "中\u{200B}文", "\u{FEFF}x\u{0B}\u{0C}y"], "a b中文x y"),
        (["A B\tC\r\nD"], "A B C D"),
        (["中", "d"], "中d"),
        (["é à"], "éà"),
        // Not spaces: a zero-width non-joiner, U+2000-range dashes.
        (["a\u{200C}b", "—"], "a\u{200C}b—"),
        ([], ""),
        (["", " ", ""], ""),
    ]

    @Test(arguments: cases)
    func joined(_ pieces: [String], _ text: String) { #expect(CellText.join(pieces) == text) }

    /// The rule as it was first written, scalar by scalar: the byte-level join must give the
    /// same text for any pieces.
    static func reference(_ pieces: [String]) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for piece in pieces {
            let text = CellText.mayHoldConditional(piece) ? CellText.stripConditionals(piece) : piece
            for u in text.unicodeScalars {
                if CellText.isSpace(u) { pendingSpace = !out.isEmpty; continue }
                if pendingSpace, let last = out.last, last.isASCII, u.isASCII { out.append(" ") }
                pendingSpace = false
                out.append(u)
            }
            if !out.isEmpty { pendingSpace = true }
        }
        return String(out)
    }

    @Test func joinsAsTheScalarRuleDoes() {
        let alphabet: [String] = [" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{A0}", "\u{3000}", "\u{200B}", "\u{FEFF}",
                                  "\u{200C}", "\u{2003}", "a", "Z", "1", "中", "（", "é", "\u{1F600}", "[", "if ", "]",
                                  "\u{A9}", "—", "、", "\u{FF0C}", "\u{2028}", "\u{E000}", "国", "龙", "㐀"]
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        var scratch: [UInt8] = []
        for _ in 0..<2000 {
            let pieces = (0..<next(4)).map { _ in (0..<next(8)).map { _ in alphabet[next(alphabet.count)] }.joined() }
            #expect(CellText.join(pieces) == Self.reference(pieces), "\(pieces)")
            // The bytes path (a Word cell's paragraphs in one buffer) as well.
            var bytes: [UInt8] = [], ends: [Int] = []
            for piece in pieces { bytes += Array(piece.utf8); ends.append(bytes.count) }
            let joined = bytes.withUnsafeBufferPointer { b in ends.withUnsafeBufferPointer { CellText.join(b, ends: $0) } }
            #expect(joined == Self.reference(pieces), "\(pieces)")
            // And the path of checked bytes (the direct Word reader's), its scratch kept from
            // one cell to the next: the same String, byte for byte and by hash.
            let checked = bytes.withUnsafeBufferPointer { b in ends.withUnsafeBufferPointer { CellText.join(validUTF8: b, ends: $0, scratch: &scratch) } }
            #expect(checked == joined && Array(checked.utf8) == Array(joined.utf8) && checked.hashValue == joined.hashValue, "\(pieces)")
        }
    }
}

@Suite struct HTMLReaderTests {
    static func read(_ page: String) throws -> [DocumentLine] {
        try Array(page.utf8).withUnsafeBytes { try HTMLReader.read($0).get().lines }
    }
    static func texts(_ lines: [DocumentLine]) -> [[String]] { lines.map { $0.cells.map(\.text) } }

    @Test func charsetFromMeta() {
        let cases: [(String, String?)] = [
            ("<meta charset=\"GBK\">", "gbk"), ("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">", "gb2312"),
            ("<meta charset='utf-8'/>", "utf-8"), ("<p>no charset</p>", nil),
        ]
        for (head, want) in cases { #expect(Array(head.utf8).withUnsafeBytes { HTMLReader.charset($0) } == want, "\(head)") }
    }

    @Test func gbkPageIsDecoded() throws {
        // 报告 and 三、本年度 in GBK, as the page declares.
        let gbk = Array("<html><head><meta charset=\"gbk\"><title>".utf8) + [0xB1, 0xA8, 0xB8, 0xE6]
            + Array("</title></head><body><p>".utf8) + [0xC8, 0xFD, 0xA1, 0xA2, 0xB1, 0xBE, 0xC4, 0xEA, 0xB6, 0xC8]
            + Array("</p></body></html>".utf8)
        let lines = try gbk.withUnsafeBytes { try HTMLReader.read($0).get().lines }
        #expect(Self.texts(lines) == [["报告"], ["三、本年度"]])
    }

    @Test func rowspanColspanSplitLabelsAndBlanks() throws {
        let lines = try Self.read("""
        <html><head><title>T</title><style>td { mso-x: 1 }</style><script>var a = "<td>9</td>";</script></head><body>
        <nav><a>首页</a></nav>
        <table>
        <tr><td rowspan="2">三、本年度<br>办理结果</td><td colspan="2"><p>（三）不予</p><p><span>公开</span></p></td><td>1</td><td>&nbsp;</td></tr>
        <tr><td><p class="MsoNormal"><span style="mso-bidi-font-family:宋体">1.属于<o:p></o:p></span><font>国家秘密</font></p></td><td>x</td><td> 2 </td><td></td></tr>
        </table></body></html>
        """)
        #expect(Self.texts(lines) == [["T"], ["三、本年度办理结果", "（三）不予公开", "1", ""], ["1.属于国家秘密", "x", "2", ""]])
        #expect(lines[1].isTableRow && !lines[0].isTableRow)
    }

    @Test func placesAreLinesAndColumnsOfThePageSource() throws {
        let lines = try Self.read("<html><body><table>\n<tr><td>label</td>\n  <td><span>42</span></td></tr></table></body></html>")
        #expect(lines[0].cells.map(\.place) == [.source(line: 2, column: 9, length: 5), .source(line: 3, column: 13, length: 2)])
    }

    @Test func aPageWithoutTableKeepsItsLines() throws {
        let lines = try Self.read("<html><body><pre>一、本年新收\t5\t1\n（一）予以公开\t3</pre></body></html>")
        #expect(Self.texts(lines) == [["一、本年新收\t5\t1"], ["（一）予以公开\t3"]])
    }

    @Test func aLayoutTableIsReadAsFlow() throws {
        let lines = try Self.read("<table><tr><td><h1>标题</h1><table><tr><td>a</td><td>1</td></tr></table><p>完</p></td></tr></table>")
        #expect(Self.texts(lines) == [["标题"], ["a", "1"], ["完"]])
    }
}

@Suite struct PDFLayoutTests {
    typealias G = PDFLayout.Glyph
    static func glyphs(_ text: String, x: Double, y: Double, w: Double = 10, h: Double = 10, vertical: Bool = false) -> [G] {
        text.unicodeScalars.enumerated().map { i, u in
            vertical ? G(scalar: u, x0: x, y0: y + Double(i) * h, x1: x + w, y1: y + Double(i + 1) * h)
                     : G(scalar: u, x0: x + Double(i) * w, y0: y, x1: x + Double(i + 1) * w, y1: y + h)
        }
    }

    @Test func rowsAndColumnsFromPositionsNotOrder() {
        var page = PDFLayout.Page(number: 1, width: 600, height: 800)
        let row = Self.glyphs("（一）予以公开", x: 100, y: 300) + Self.glyphs("50", x: 320, y: 301) + Self.glyphs("0", x: 360, y: 300)
        let next = Self.glyphs("（二）部分公开", x: 100, y: 330) + Self.glyphs("9", x: 320, y: 330)
        page.glyphs = (next + row).reversed()
        let lines = PDFLayout.textLines(page).sorted { $0.y < $1.y }
        #expect(lines.map { $0.words.map(\.text) } == [["（一）予以公开", "50", "0"], ["（二）部分公开", "9"]])
    }

    @Test func verticalLabelIsTakenOutOfTheRows() {
        var page = PDFLayout.Page(number: 1, width: 600, height: 800)
        page.glyphs = Self.glyphs("三、本年度", x: 90, y: 300, vertical: true) + Self.glyphs("1.属于国家秘密", x: 180, y: 301) + Self.glyphs("0", x: 320, y: 300)
        let lines = PDFLayout.textLines(page).sorted { $0.y < $1.y }
        #expect(lines.map { $0.words.map(\.text) } == [["三、本年度"], ["1.属于国家秘密", "0"]])
    }

    @Test func wrappedLabelJoinsItsRow() {
        var page = PDFLayout.Page(number: 1, width: 600, height: 800)
        page.glyphs = Self.glyphs("（二）部分公开（区分", x: 100, y: 569, h: 9) + Self.glyphs("9", x: 322, y: 572, h: 14)
            + Self.glyphs("不计其他情形）", x: 100, y: 582, h: 9)
        let lines = PDFTable.mergeWrappedLabels(PDFLayout.textLines(page).sorted { $0.y < $1.y })
        #expect(lines.map { $0.words.map(\.text) } == [["（二）部分公开（区分不计其他情形）", "9"]])
    }

    /// LibreOffice's PDF of a web page's table: a label cell's text runs to 0.9 of a height
    /// before the next cell's number, and two narrow cells' numbers are as close; beside a
    /// digit a quarter of a height is a cell's edge, while a number's own digits touch.
    @Test func aNumberBesideALabelOrANumberIsACellOfItsOwn() {
        var page = PDFLayout.Page(number: 1, width: 600, height: 800)
        page.glyphs = Self.glyphs("申请数量", x: 100, y: 300, w: 12, h: 15.6) + Self.glyphs("304", x: 162, y: 300, w: 7.6, h: 15.6)
            + Self.glyphs("3", x: 200, y: 300, w: 7.6, h: 15.6) + Self.glyphs("315", x: 219, y: 300, w: 7.6, h: 15.6)
            + Self.glyphs("2.其他", x: 100, y: 340, w: 10, h: 15.6)
        let lines = PDFLayout.textLines(page).sorted { $0.y < $1.y }
        #expect(lines.map { $0.words.map(\.text) } == [["申请数量", "304", "3", "315"], ["2.其他"]])
    }

    /// A wrapped cell's lines start in one column, so their first characters stand stacked;
    /// that is no vertical text (each has a neighbour on its line), and the lines stay whole.
    @Test func wrappedCellLinesAreNoVerticalText() {
        var page = PDFLayout.Page(number: 1, width: 600, height: 800)
        page.glyphs = Self.glyphs("（二）部分公开", x: 100, y: 300) + Self.glyphs("的，只计这一", x: 100, y: 311) + Self.glyphs("他情形）", x: 100, y: 322)
        let lines = PDFLayout.textLines(page).sorted { $0.y < $1.y }
        #expect(lines.map { $0.words.map(\.text) } == [["（二）部分公开"], ["的，只计这一"], ["他情形）"]])
    }

    /// The row's numbers level with its label's first line (LibreOffice): the label's next line
    /// right under it, in its cell, is joined; the next row's label, starting with its
    /// numbering, is not, though as close.
    @Test func aLabelsNextLineUnderItsRowJoinsIt() {
        var page = PDFLayout.Page(number: 1, width: 600, height: 800)
        page.glyphs = Self.glyphs("2.其他法律行", x: 100, y: 300) + Self.glyphs("1", x: 320, y: 299) + Self.glyphs("1", x: 360, y: 299)
            + Self.glyphs("政法规禁止公开", x: 96, y: 311)
            + Self.glyphs("3.危及", x: 100, y: 322) + Self.glyphs("0", x: 320, y: 322) + Self.glyphs("0", x: 360, y: 322)
        let lines = PDFTable.mergeWrappedLabels(PDFLayout.textLines(page).sorted { $0.y < $1.y })
        #expect(lines.map { $0.words.map(\.text) } == [["2.其他法律行政法规禁止公开", "1", "1"], ["3.危及", "0", "0"]])
        #expect(PDFTable.startsWithNumbering("（二）部分公开") && PDFTable.startsWithNumbering("3.危及") && !PDFTable.startsWithNumbering("政法规"))
    }

    /// The label's first line above a row whose numbers stand level with its second line,
    /// with a group cell's text beside it (`果` of `三、本年` / `度办理结` / `果`).
    @Test func aLabelsFirstLineAboveItsRowJoinsIt() {
        var page = PDFLayout.Page(number: 1, width: 600, height: 800)
        page.glyphs = Self.glyphs("果", x: 40, y: 300) + Self.glyphs("（二）部分公开（区分处理", x: 100, y: 300)
            + Self.glyphs("的，只计这一情形", x: 100, y: 311) + Self.glyphs("17", x: 320, y: 311) + Self.glyphs("19", x: 360, y: 311)
        let lines = PDFTable.mergeWrappedLabels(PDFLayout.textLines(page).sorted { $0.y < $1.y })
        #expect(lines.map { $0.words.map(\.text) } == [["果", "（二）部分公开（区分处理的，只计这一情形", "17", "19"]])
    }

    @Test func blankCellsAreEmptyFieldsInTheirColumns() {
        var page = PDFLayout.Page(number: 1, width: 600, height: 800)
        page.glyphs = Self.glyphs("（一）予以公开", x: 100, y: 300) + Self.glyphs("5", x: 320, y: 300) + Self.glyphs("12", x: 355, y: 300)
            + Self.glyphs("7", x: 400, y: 300)
            + Self.glyphs("（二）部分公开", x: 100, y: 330) + Self.glyphs("1", x: 320, y: 330) + Self.glyphs("3", x: 400, y: 330)
            + Self.glyphs("（三）不予公开", x: 100, y: 360) + Self.glyphs("—", x: 360, y: 360)
        let doc = PDFLayout.document([page])
        #expect(doc.lines.map { $0.cells.map(\.text) } == [["（一）予以公开", "5", "12", "7"], ["（二）部分公开", "1", "", "3"],
                                                          ["（三）不予公开", "—"]])
    }

    static let pageNumbers: [(String, Bool)] = [
        ("-3-", true), ("- 12 -", true), ("—3—", true), ("第3页", true), ("第 3 页 共 9 页", true), ("3/10", true),
        ("3", false), ("-", false), ("第三方", false), ("1.属于国家秘密", false), ("2024", false),
    ]

    @Test(arguments: pageNumbers)
    func pageNumber(_ text: String, _ isPageNumber: Bool) { #expect(PDFLayout.isPageNumber(text) == isPageNumber) }

    @Test func runningHeadersAndPageNumbersDropped() {
        let pages = (1...2).map { n in
            var p = PDFLayout.Page(number: n, width: 600, height: 800)
            p.glyphs = Self.glyphs("洪泽区政府信息公开年报", x: 100, y: 20) + Self.glyphs("正文\(n)", x: 100, y: 400) + Self.glyphs("-\(n)-", x: 280, y: 770)
            return p
        }
        let doc = PDFLayout.document(pages)
        #expect(doc.lines.map { $0.cells.map(\.text) } == [["正文1"], ["正文2"]])
    }
}

@Suite struct DOCXReaderTests {
    @Test func mergedCellsAppearOnceWithTheirGridPlace() throws {
        let doc = try Fixtures.bytes("hongze_2024.docx").withUnsafeBytes { try DOCXReader.read($0).get() }
        let rows = doc.lines.filter(\.isTableRow)
        // Row 4 of table 1: the label spans three grid columns, so 95 is in grid column 4.
        let new = try #require(rows.first { $0.cells.first?.text == "一、本年新收政府信息公开申请数量" })
        #expect(new.cells.map(\.text) == ["一、本年新收政府信息公开申请数量", "95", "0", "0", "0", "0", "0", "95"])
        #expect(new.cells[1].place == .cell(table: 1, row: 4, cell: 4))
        // （三）不予公开 spans eight rows (vMerge): it is in its first row only.
        let secret = try #require(rows.first { $0.cells.contains { $0.text == "1.属于国家秘密" } })
        #expect(secret.cells.prefix(2).map(\.text) == ["（三）不予公开", "1.属于国家秘密"])
        let prohibited = try #require(rows.first { $0.cells.contains { $0.text == "2.其他法律行政法规禁止公开" } })
        #expect(prohibited.cells.first?.text == "2.其他法律行政法规禁止公开")
        #expect(doc.lines.first?.cells.first?.text == "淮安市洪泽区人民政府2024年政府信息公开工作年度报告")
        #expect(doc.lines.first?.cells.first?.place == .paragraph(1))
    }
}

@Suite struct RenderedDocumentTests {
    static let doc = Document(kind: .html, lines: [
        .paragraph(DocumentCell("标题", place: .source(line: 3, column: 8, length: 2))),
        .row([DocumentCell("（一）予以公开", place: .source(line: 10, column: 20, length: 7)),
              DocumentCell("", place: nil), DocumentCell("5", place: .source(line: 11, column: 4, length: 1))]),
    ], source: Array((1...12).map { "source line \($0)" }.joined(separator: "\n").utf8))

    @Test func textIsRowsOfTabSeparatedCells() {
        #expect(String(decoding: RenderedDocument(Self.doc).bytes, as: UTF8.self) == "标题\n（一）予以公开\t\t5\n")
    }

    @Test func htmlLocationsGoBackToThePageSource() throws {
        let r = RenderedDocument(Self.doc)
        // Rendered line 2, column 10 is the '5' (after 7 scalars and two tabs).
        let (loc, line, place) = try #require(r.relocate(SourceLocation(line: 2, column: 10, length: 1)))
        #expect(loc == SourceLocation(line: 11, column: 4, length: 1))
        #expect(line == "source line 11")
        #expect(place == nil)
        let (label, _, _) = try #require(r.relocate(SourceLocation(line: 2, column: 3, length: 2)))
        #expect(label == SourceLocation(line: 10, column: 22, length: 2))
    }

    @Test func pdfDiagnosticsNameThePageAndKeepTheRow() {
        let doc = Document(kind: .pdf, lines: [.row([DocumentCell("（七）总计", place: .page(2, x: 103.4, y: 251.2)),
                                                     DocumentCell("95", place: .page(2, x: 318, y: 249))])])
        let d = Diagnostic(.error, "bad total", source: "r.pdf", location: SourceLocation(line: 1, column: 7, length: 2),
                           sourceLine: "（七）总计 95")
        let out = DiagnosticFormatter.format(RenderedDocument(doc).relocate(d))
        #expect(out == "error: bad total\n --> r.pdf: page 2, x 318, y 249\n |\n | （七）总计 95\n |            ^^\n")
    }
}

@Suite struct HTMLLayoutTests {
    @Test func aTableOfProseIsLayout() throws {
        // An article in a one-cell layout table, its report table written as text.
        let prose = (1...10).map { "<p>第\($0)段</p>" }.joined()
        let lines = try HTMLReaderTests.read("<table><tr><td>\(prose)<p>（一）予以公开 5</p></td></tr></table>")
        #expect(lines.count == 11)
        #expect(lines.last?.cells.map(\.text) == ["（一）予以公开 5"])
        #expect(lines.allSatisfy { !$0.isTableRow })
    }

    @Test func validUTF8WinsOverAWrongMeta() throws {
        let lines = try HTMLReaderTests.read("<html><head><meta charset=\"gb2312\"><title>年度报告</title></head></html>")
        #expect(lines.first?.cells.first?.text == "年度报告")
    }
}

/// Inputs the fuzz targets found (Fuzz/crashers): each must read without trapping, its places
/// inside the page.
@Suite struct FuzzRegressionTests {
    static let crashers = Fixtures.folder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/crashers/html")

    @Test func htmlCrashers() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.crashers.path).filter { !$0.hasPrefix(".") }
        #expect(!names.isEmpty)
        for name in names {
            let bytes = [UInt8](FileManager.default.contents(atPath: Self.crashers.appendingPathComponent(name).path) ?? Data())
            let doc = try bytes.withUnsafeBytes { try HTMLReader.read($0).get() }
            for line in doc.lines {
                for cell in line.cells {
                    if case .source(let l, let c, _)? = cell.place {
                        #expect(l >= 1 && l <= max(doc.sourceLineCount, 1) && c >= 1, "\(cell)")
                    }
                    #expect(!line.isTableRow || !(cell.text.contains("\t") || cell.text.contains("\n")), "\(cell)")
                }
            }
        }
    }
}
