import GovqDiagnostics
import GovqEngine
import Testing
@testable import GovqRender

/// The table's one-pass cells (`TableCells`) against the careful way they shortcut: each text
/// escaped by `TerminalText.escaped` and measured by `TableBytes.width`, each integer spelled by
/// `String`, and the whole table against the renderer's cell-by-cell String path (`writeFitted`,
/// which draws tables that are cut to fit a terminal).
@Suite struct TableCellsTests {
    static let texts = [
        "", "abc", "济南市历城区", "阿坝藏族羌族自治州阿坝县", "a b", "~", "ÿé", "e\u{301}", "𠀀𠀁x", "🙂", "ｱ", "가",
        "€10", "\u{3000}", "\u{303F}", "\u{4DC0}", "\u{FE0F}", "\u{A0}",
        // Characters TerminalText escapes: controls, DEL, C1, bidirectional marks, zero widths.
        "a\u{0}b", "a\u{1B}[31mb\nc", "tab\there", "\r", "\u{7F}", "\u{85}", "\u{9F}", "x\u{202E}y", "\u{200B}", "\u{200E}",
        "\u{2066}a\u{2069}", "\u{061C}", "\u{FEFF}lead", "\u{2060}", "济南\u{200D}市",
    ]

    @Test(arguments: texts)
    func aTextCellIsTheEscapedTextAndItsWidth(text: String) {
        var bytes: [UInt8] = []
        let width = TableCells.append(text, to: &bytes)
        let careful = TerminalText.escaped(text)
        #expect(bytes == Array(careful.utf8), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        #expect(width == TableBytes.width(careful))
    }

    @Test(arguments: [Int64.min, Int64.min + 1, -1_000_000, -10, -9, -1, 0, 1, 9, 10, 99, 100, 12_345, Int64.max - 1, Int64.max])
    func anIntegerCellIsItsDecimalDigits(value: Int64) {
        var bytes: [UInt8] = [UInt8(ascii: "x")]
        let width = TableCells.appendDecimalDigits(value, to: &bytes)
        #expect(bytes == Array(("x" + String(value)).utf8))
        #expect(width == String(value).count)
    }

    /// Every code point from U+0000 to U+3FFFF, between ASCII and Chinese, both ways.
    @Test func everyScalarCellAgrees() {
        var differ: [UInt32] = []
        for v in UInt32(0)...0x3FFFF {
            guard let u = Unicode.Scalar(v) else { continue }
            let s = "a" + String(Character(u)) + "中"
            var bytes: [UInt8] = []
            let width = TableCells.append(s, to: &bytes)
            let careful = TerminalText.escaped(s)
            if bytes != Array(careful.utf8) || width != TableBytes.width(careful) { differ.append(v) }
        }
        #expect(differ.isEmpty, "\(differ.prefix(10).map { String($0, radix: 16) })")
    }

    static let results: [ResultSet] = {
        let columns = [ResultColumn("district", .text), ResultColumn("denied", .integer), ResultColumn("rate", .decimal)]
        var rows: [[Value]] = []
        for (i, t) in texts.enumerated() {
            rows.append([.text(t), i % 3 == 0 ? .null : .integer(Int64(i * 37 - 200)), i % 4 == 0 ? .null : .decimal(Double(i) / 7)])
        }
        rows.append([.null, .integer(Int64.min), .decimal(.nan)])
        rows.append([.text("short row")])           // a short row: its missing cells show as NULL
        rows.append([.text("long"), .integer(1), .decimal(2), .text("past the columns")])
        return [
            ResultSet(columns: columns, rows: rows),
            ResultSet(columns: columns, rows: []),
            ResultSet(columns: [ResultColumn("名\u{1B}字", .text)], rows: [[.text("x")], [.null]]),
            ResultSet(columns: [], rows: [[], []]),
            Fixtures.deniedByDistrict, Fixtures.rates, Fixtures.empty,
        ]
    }()

    @Test(arguments: [false, true], [false, true])
    func theTableIsTheCellByCellTable(color: Bool, header: Bool) {
        for nullText in [nil, "-", "空\u{7}"] as [String?] {
            let renderer = TableRenderer(color: color, options: RenderOptions(header: header, nullText: nullText, maxWidth: nil))
            for r in Self.results {
                var careful = ""
                renderer.writeFitted(r, to: &careful)
                #expect(renderer.render(r) == careful)
                var bytes = Array("prefix".utf8)
                renderer.write(r, bytes: &bytes)
                #expect(bytes == Array(("prefix" + careful).utf8))
            }
        }
    }

    /// A table wider than the terminal is still cut to fit, as before; one that fits is not.
    @Test func aTableTooWideIsCut() {
        let text = TableRenderer(options: RenderOptions(maxWidth: 20)).render(Fixtures.deniedByDistrict)
        #expect(text.contains("(1 column cut to fit 20 columns;"))
        #expect(text.contains("│ 济宁经… │      0 │"))   // 18 columns cut to 7: three characters and …
        #expect(text.split(separator: "\n").allSatisfy { DisplayWidth.of($0) <= 20 || $0.hasPrefix("(") })
        #expect(TableRenderer(options: RenderOptions(maxWidth: 31)).render(Fixtures.deniedByDistrict)
                == TableRenderer().render(Fixtures.deniedByDistrict))
    }

    /// A row with a value past the last column, in a table cut to fit, is drawn as the row
    /// without it (as a table that fits draws it), where it used to index past the widths.
    @Test func aValuePastTheLastColumnIsNotDrawnWhenCut() {
        let columns = Fixtures.deniedByDistrict.columns
        let long = ResultSet(columns: columns, rows: [[.text("济宁经济技术开发区"), .integer(0), .text("多余")]])
        let plain = ResultSet(columns: columns, rows: [[.text("济宁经济技术开发区"), .integer(0)]])
        for width in [20, 31] {
            let renderer = TableRenderer(options: RenderOptions(maxWidth: width))
            #expect(renderer.render(long) == renderer.render(plain))
        }
        #expect(TableRenderer(options: RenderOptions(maxWidth: 20)).render(long).contains("│ 济宁经… │      0 │"))
    }
}
