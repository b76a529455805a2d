/// A cell where a number should be but that holds no count (`-5`, `3000000000`, `5x`, `abc`):
/// it keeps its column, its value is missing (NULL, never clamped or shifted), and an error
/// names the file, line, column, row, column name and the text.
import Foundation
import GovqDiagnostics
import Testing
@testable import GovqCube
@testable import GovqLoader

@Suite struct UnreadableNumberTests {
    @Test(arguments: [
        ("3000000000", "is larger than a count can be (2147483647)"),
        ("2147483648", "is larger than a count can be (2147483647)"),
        ("99999999999999999999", "is larger than a count can be (2147483647)"),
        ("９９９９９９９９９９９９９９９９９９９９９", "is larger than a count can be (2147483647)"),
        ("3000000000（含转办件）", "is larger than a count can be (2147483647)"),
        ("-5", "is negative"), ("－5", "is negative"), ("−5", "is negative"), ("–12", "is negative"),
        ("+5", "has a sign; a count has none"), ("-0", "has a sign; a count has none"),
        ("5x", "is not a number"), ("５ｘ", "is not a number"), ("12%", "is not a number"), ("0x1F", "is not a number"),
        ("12,34", "is not a number"), ("1234,567", "is not a number"), ("4.5", "is not a whole number"),
        ("abc", "is not a number"), ("NA", "is not a number"), ("N/A", "is not a number"), ("n.a.", "is not a number"),
        ("ＮＡ", "is not a number"),
    ])
    func classifiesUnreadable(text: String, reason: String) {
        #expect(classified(text) == .unreadable(text, reason: reason))
    }

    /// What must keep reading as before: labels and prose that start with digits, units, notes,
    /// spreadsheet decimals, thousands separators, the largest count.
    @Test(arguments: [
        ("1.申请人无正当理由逾期不补正", Cell.Value.text("1.申请人无正当理由逾期不补正")),
        ("2019年", .text("2019年")), ("1、属于国家秘密", .text("1、属于国家秘密")), ("1,属于国家秘密", .text("1,属于国家秘密")),
        ("1)", .text("1)")), ("1.", .text("1.")), ("1.5万元", .text("1.5万元")),
        ("304.0", .number(304, note: nil)), ("5件", .number(5, note: nil)), ("12人次", .number(12, note: nil)),
        ("12（note）", .number(12, note: "note")), ("12(属公安机关刑事司法信息)", .number(12, note: "属公安机关刑事司法信息")),
        ("1,234,567", .number(1_234_567, note: nil)), ("2147483647", .number(2_147_483_647, note: nil)),
        ("-", .blank), ("－", .blank), ("–", .blank), ("abcdefghi", .text("abcdefghi")), ("http://x.cn", .text("http://x.cn")),
    ])
    func keepsReading(text: String, kind: Cell.Value) {
        #expect(classified(text) == kind)
    }

    /// A letter word is a cell next to numbers or alone, not among words of prose.
    @Test func letterWordsInProseAreText() {
        #expect(kinds("详见 PDF 附件\n") == [t("详见"), t("PDF"), t("附件")])
        #expect(kinds("NA\n") == [.unreadable("NA", reason: "is not a number")])
        #expect(kinds("（一）予以公开 NA 1 0 0 0 0 1\n")
                == [t("（一）予以公开"), .unreadable("NA", reason: "is not a number"), n(1), n(0), n(0), n(0), n(0), n(1)])
    }

    func parse(replacing old: String, with new: String) throws -> ParsedReport {
        var text = try String(contentsOf: Paths.fixtures.appendingPathComponent("rows-tab-separated.txt"), encoding: .utf8)
        #expect(text.contains(old))
        text = text.replacingOccurrences(of: old, with: new)
        return ReportParser.parse(bytes: Array(text.utf8), file: "bad.txt")
    }

    @Test func anApplicationsCellIsMissingAndTheRowDoesNotShift() throws {
        let got = try parse(replacing: "（一）予以公开\t5\t1", with: "（一）予以公开\t5x\t1")
        let record = try #require(got.record)
        #expect(ApplicantType.allCases.map { record[.granted, $0] } == [nil, 1, 0, 0, 0, 0])
        #expect(got.totals[Outcome.granted.rawValue] == 6)
        #expect(got.summary.status == .inconsistent)
        let errors = got.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1)
        let d = try #require(errors.first)
        #expect(d.message == "granted, natural_person: '5x' is not a number")
        #expect(d.source == "bad.txt" && d.location == SourceLocation(line: 11, column: 9, length: 2))
        #expect(d.row == "granted" && d.column == "natural_person")
        #expect(d.sourceLine == "（一）予以公开 5x 1 0 0 0 0 6")
    }

    @Test func theTotalColumnToo() throws {
        let got = try parse(replacing: "（一）予以公开\t5\t1\t0\t0\t0\t0\t6", with: "（一）予以公开\t5\t1\t0\t0\t0\t0\t-6")
        #expect(got.totals[Outcome.granted.rawValue] == nil)
        #expect(got.record?[.granted, .naturalPerson] == 5)
        #expect(got.diagnostics.filter { $0.severity == .error }.map(\.message) == ["granted, total: '-6' is negative"])
    }

    @Test func aReviewCellIsMissingAndTheTableDoesNotShift() throws {
        let got = try parse(replacing: "行政复议\t1\t0\t0\t1\t2", with: "行政复议\t1\t0\t3000000000\t1\t2")
        let record = try #require(got.record)
        #expect(ReviewResult.allCases.map { record[$0, .review] } == [1, 0, nil, 1, 2])
        #expect(ReviewResult.allCases.map { record[$0, .litigationDirect] } == [0, 1, 0, 0, 1])
        let errors = got.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.message) == ["review, other: '3000000000' is larger than a count can be (2147483647)"])
        #expect(errors.first?.location?.line == 34 && errors.first?.location?.column == 10)
        #expect(errors.first?.row == "other" && errors.first?.column == "review")
    }

    /// An unreadable cell among extra cells is named in the message, like a number.
    @Test func extraCellsNameUnreadableOnes() throws {
        let got = try parse(replacing: "（一）予以公开\t5\t1\t0\t0\t0\t0\t6", with: "（一）予以公开\t5\t1\t0\t0\t0\t0\t6\tabc")
        #expect(got.diagnostics.contains { $0.message == "(一)予以公开 has 8 cells, expected 7; extra cells 'abc' ignored" })
        #expect(got.record?[.granted, .naturalPerson] == 5)
    }
}
