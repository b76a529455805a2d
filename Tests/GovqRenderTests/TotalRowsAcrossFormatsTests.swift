/// A result `with totals` in the formats that came with the cli branch: JSON Lines and xlsx mark
/// each row `member` or `total` in a last column `row_type`, as CSV, TSV and JSON do, so a program
/// can tell the grand total from a member named 合计; `bar` is a format like the others.
import GovqEngine
@testable import GovqRender
import Testing

@Suite struct TotalRowsAcrossFormatsTests {
    static var withTotals: ResultSet {
        var r = ResultSet(columns: [ResultColumn("district", .text), ResultColumn("denied", .integer)],
                          rows: [[.text("济南市历城区"), .integer(22)], [.text("下城区"), .integer(6)], [.text("合计"), .integer(28)]])
        r.rowKinds = [.member, .member, .total]
        return r
    }

    @Test func jsonLinesMarksTheTotalRow() {
        #expect(OutputFormat.jsonl.renderer().render(Self.withTotals) == """
            {"district": "济南市历城区", "denied": 22, "row_type": "member"}
            {"district": "下城区", "denied": 6, "row_type": "member"}
            {"district": "合计", "denied": 28, "row_type": "total"}

            """)
    }

    @Test func anXLSXSheetMarksTheTotalRow() {
        let sheet = XLSXWorkbook.sheet(Self.withTotals)
        #expect(sheet.contains("<c r=\"C1\" s=\"1\" t=\"inlineStr\"><is><t>row_type</t></is></c>"))
        #expect(sheet.contains("<c r=\"C4\" t=\"inlineStr\"><is><t xml:space=\"preserve\">total</t></is></c>"))
    }

    @Test func barIsAFormatByNameOnly() {
        #expect(OutputFormat(name: "bar") == .bar)
        #expect(OutputFormat(fileName: "chart.bar") == nil)
        #expect(OutputFormat.bar.resultSeparator == "\n")
        #expect(OutputFormat.bar.isText)
    }
}
