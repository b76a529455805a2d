/// The parts of an xlsx workbook that a reader is strict about: cell references, XML text, and
/// the limits of a sheet. (Whole workbooks are read back with openpyxl in GovqEndToEndTests.)
import Foundation
import GovqEngine
@testable import GovqRender
import Testing

@Suite struct XLSXWorkbookTests {
    @Test(arguments: [(0, 1, "A1"), (25, 2, "Z2"), (26, 3, "AA3"), (51, 1, "AZ1"), (701, 10, "ZZ10"), (702, 1, "AAA1"),
                      (16_383, 1_048_576, "XFD1048576")])
    func references(column: Int, row: Int, expected: String) {
        #expect(XLSXWorkbook.reference(column: column, row: row) == expected)
    }

    @Test(arguments: [
        ("济南市历城区", "济南市历城区"),
        ("a<b & \"c\">", "a&lt;b &amp; &quot;c&quot;&gt;"),
        ("tab\tand\nline", "tab\tand\nline"),
        ("esc\u{1B}[31m", "esc_x001B_[31m"),
        // A literal `_x…_` would be read as an escape: its underscore is escaped itself.
        ("_x0041_", "_x005F_x0041_"),
    ])
    func xmlText(raw: String, escaped: String) {
        #expect(XLSXWorkbook.escaped(raw) == escaped)
    }

    @Test func aSheetHoldsNumbersAsValuesTextInlineAndNullAsNoCell() {
        let sheet = XLSXWorkbook.sheet(Fixtures.rates)
        #expect(sheet.contains("<c r=\"A1\" s=\"1\" t=\"inlineStr\"><is><t>district</t></is></c>"))
        #expect(sheet.contains("<c r=\"B2\"><v>293</v></c>"))
        #expect(sheet.contains("<c r=\"C2\"><v>0.07508532423208192</v></c>"))
        // Row 3 is 临淄区: handled and rate are NULL, so B3 and C3 are not written at all.
        #expect(sheet.contains("<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t xml:space=\"preserve\">临淄区</t></is></c></row>"))
        #expect(sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
    }

    @Test func theSameResultsGiveTheSameBytes() throws {
        let a = try XLSXWorkbook.bytes([Fixtures.rates, Fixtures.deniedByDistrict])
        let b = try XLSXWorkbook.bytes([Fixtures.rates, Fixtures.deniedByDistrict])
        #expect(a == b)
        #expect(a.prefix(4) == [0x50, 0x4B, 0x03, 0x04])   // a zip local file header
    }

    @Test func aResultTooWideForASheetIsRefused() {
        let wide = ResultSet(columns: (0...16_384).map { ResultColumn("c\($0)", .integer) }, rows: [])
        #expect(throws: XLSXWorkbook.TooLarge.self) { try XLSXWorkbook.bytes([wide]) }
    }
}
