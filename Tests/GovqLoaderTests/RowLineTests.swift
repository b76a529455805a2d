/// Rows written on one line with their cells separated by tabs (or pipes, or commas), where a
/// zero is written as nothing: every separator stands between two cells, so blank cells in the
/// middle, at the end, and at the start of a line of values all count.
import Foundation
import Testing
@testable import GovqCube
@testable import GovqLoader

func kinds(_ text: String) -> [Cell.Value] {
    let lines = TextLines(Array(text.utf8))
    return CellScanner.cells(lines, 0..<lines.count).map(lines.value)
}

let b = Cell.Value.blank
func n(_ v: Int) -> Cell.Value { .number(v, note: nil) }
func t(_ s: String) -> Cell.Value { .text(s) }

@Suite struct RowLineTests {
    @Test func aRowOfSevenEmptyCellsKeepsThem() {
        #expect(kinds("4.无正当理由大量反复申请\t\t\t\t\t\t\t\n") == [t("4.无正当理由大量反复申请")] + Array(repeating: b, count: 7))
        // U+3000 and spaces as zeros, trailing
        #expect(kinds("四、结转下年度继续办理\t\u{3000}\t\u{3000}\t \t\u{3000}\n") == [t("四、结转下年度继续办理"), b, b, b, b])
    }

    @Test func blankCellsInTheMiddleAndAtTheEnd() {
        #expect(kinds("（一）予以公开\t5\t\t\t1\t\t\t6\n") == [t("（一）予以公开"), n(5), b, b, n(1), b, b, n(6)])
        #expect(kinds("（一）予以公开\t5\t\t\t\t\t\t5\n（二）部分公开\t\t\t\t\t\t\t\n")
                == [t("（一）予以公开"), n(5), b, b, b, b, b, n(5), t("（二）部分公开")] + Array(repeating: b, count: 7))
    }

    @Test func aLineOfValuesStartingWithEmptyCells() {
        // section 四 on one line, the first two cells empty (the line is not indentation)
        #expect(kinds("行政复议\t行政诉讼\n\t\t3\t\t0\n") == [t("行政复议"), t("行政诉讼"), b, b, n(3), b, n(0)])
        // fifteen empty cells: fourteen tabs
        #expect(kinds("行政复议\t行政诉讼\n" + String(repeating: "\t", count: 14) + "\n")
                == [t("行政复议"), t("行政诉讼")] + Array(repeating: b, count: 15))
    }

    @Test func layoutIsNotACell() {
        // the empty corner before header words, a lone tab beside a line's only cell
        #expect(kinds("\t\t商业企业\t科研机构\t\n") == [t("商业企业"), t("科研机构"), b])
        #expect(kinds("\t5\n6\t\n7\n") == [n(5), n(6), n(7)])
        #expect(kinds("（七）总计\t\n") == [t("（七）总计")])
        // a tab-indented table, one cell a line: the tab is indentation, a lone tab one empty cell
        #expect(kinds("\t自然人\n\t5\n\t\n\t\t7\n") == [t("自然人"), n(5), b, n(7)])
    }

    @Test func markdownAndCSVEmptyCells() {
        #expect(kinds("| （一）予以公开 | 5 |  | 1 |  |\n") == [t("（一）予以公开"), n(5), b, n(1), b])
        #expect(kinds("（二）部分公开,1,,,,,,1\n3.危及三安全一稳定,,,,,,,\n")
                == [t("（二）部分公开"), n(1), b, b, b, b, b, n(1), t("3.危及三安全一稳定")] + Array(repeating: b, count: 7))
    }

    /// The 下城 form of a truncated row 四 (four blank cells), written on one tab-separated line:
    /// zeros with a warning, as when each cell is on its own line.
    @Test func truncatedLastRowOnOneLine() throws {
        var text = try String(contentsOf: Paths.fixtures.appendingPathComponent("rows-tab-separated.txt"), encoding: .utf8)
        text = text.replacingOccurrences(of: "四、结转下年度继续办理\t1\t0\t0\t0\t0\t1\t2", with: "四、结转下年度继续办理\t\u{3000}\t\u{3000}\t\u{3000}\t\u{3000}")
        let got = ReportParser.parse(bytes: Array(text.utf8), file: "truncated.txt")
        let record = try #require(got.record)
        #expect(ApplicantType.allCases.map { record[.carriedForward, $0] } == [0, 0, 0, 0, 0, 0])
        #expect(got.totals[Outcome.carriedForward.rawValue] == 0)
        let warning = try #require(got.diagnostics.first { $0.severity == .warning })
        #expect(warning.message == "四、结转下年度继续办理 has only 4 of 7 cells, all blank: read as 0")
        #expect(warning.location?.line == 31)
        // The rows above are untouched.
        #expect(record[.new, .naturalPerson] == 10 && record[.handled, .naturalPerson] == 10)
    }

    /// A line of values indented by one tab, where the row or table has one cell too many with
    /// it: the tab is indentation (with the right count, as above, it is an empty cell).
    @Test func aTabBeforeOneValueTooManyIsIndentation() throws {
        var text = try String(contentsOf: Paths.fixtures.appendingPathComponent("rows-tab-separated.txt"), encoding: .utf8)
        text = text.replacingOccurrences(of: "（一）予以公开\t5", with: "（一）予以公开\n\t5")
        text = text.replacingOccurrences(of: "行政复议\t1\t0\t0\t1\t2\n行政诉讼未经复议直接起诉\t0\t1\t0\t0\t1\n行政诉讼复议后起诉\t0\t0\t0\t0\t0",
                                         with: "\t1\t0\t0\t1\t2\t0\t1\t0\t0\t1\t0\t0\t0\t0\t0")
        let got = ReportParser.parse(bytes: Array(text.utf8), file: "indented.txt")
        #expect(got.summary.status == .ok, "\(got.diagnostics.map(\.message))")
        let record = try #require(got.record)
        #expect(ApplicantType.allCases.map { record[.granted, $0] } == [5, 1, 0, 0, 0, 0])
        for p in Proceeding.allCases {
            #expect(ReviewResult.allCases.map { record[$0, p].map(Int.init) } == fixtureReviews[p.rawValue])
        }
    }

    /// Section 四 one proceeding a line with blank zeros: the labels between the lines are skipped.
    @Test func reviewsOneProceedingALineWithBlankCells() {
        let lines = TextLines(Array("\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n行政复议\t1\t\t\t1\t2\n行政诉讼未经复议直接起诉\t\t1\t\t\t1\n行政诉讼复议后起诉\t\t\t\t\t\n".utf8))
        let data = ReviewsTable.dataCells(CellScanner.cells(lines, 0..<lines.count))
        #expect(data?.map(lines.value) == [n(1), b, b, n(1), n(2), b, n(1), b, b, n(1), b, b, b, b, b])
    }
}
