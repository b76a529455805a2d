/// Flattened tables: digits run together, cut back into cells by the report's identities, and
/// only where one cut fits.
import Foundation
import Testing
@testable import GovqCube
@testable import GovqLoader

private func digits(_ s: String) -> [UInt8] { s.utf8.filter { $0 != 0x20 }.map { $0 - 0x30 } }

@Suite struct DigitSplitTests {
    /// The examples: one cut each makes 总计 the sum of the six cells.
    @Test(arguments: [
        ("640020470", [64, 0, 0, 2, 0, 4, 70]), ("230 000023", [23, 0, 0, 0, 0, 0, 23]), ("7000007", [7, 0, 0, 0, 0, 0, 7]),
        ("0000000", [0, 0, 0, 0, 0, 0, 0]), ("1000012", [1, 0, 0, 0, 0, 1, 2]),
    ])
    func oneCutFits(run: String, cells: [Int]) {
        #expect(DigitSplits.splits(digits(run), count: 7, group: 7).candidates == [cells])
    }

    /// `102101014`: three cuts fit the row (10|2|1|0|1|0|14, 1|0|2|10|1|0|14, 1|0|2|1|0|10|14).
    @Test func severalCutsAreAllListed() {
        let got = DigitSplits.splits(digits("102101014"), count: 7, group: 7)
        #expect(Set(got.candidates) == [[10, 2, 1, 0, 1, 0, 14], [1, 0, 2, 10, 1, 0, 14], [1, 0, 2, 1, 0, 10, 14]])
        #expect(!got.exhausted)
    }

    /// Section 四's fifteen cells in three groups of five, each ending with its sum.
    @Test func fifteenReviewCells() {
        #expect(DigitSplits.splits(digits("100120100100000"), count: 15, group: 5).candidates
                    == [[1, 0, 0, 1, 2, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0]])
        // Fourteen digits cannot be fifteen cells.
        #expect(DigitSplits.splits(digits("10012010010000"), count: 15, group: 5).candidates.isEmpty)
    }

    /// A hostile run answers at once: 10,000 digits cannot be seven counts; 70 ones are
    /// searched within the budget. (A hang guard, not a timing test: the bound is generous.)
    @Test func hostileRunsAreBounded() {
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            #expect(DigitSplits.splits([UInt8](repeating: 7, count: 10_000), count: 7, group: 7).candidates.isEmpty)
            #expect(DigitSplits.splits([UInt8](repeating: 1, count: 10_000), count: 15, group: 5).candidates.isEmpty)
            _ = DigitSplits.splits([UInt8](repeating: 1, count: 60), count: 7, group: 7)
            _ = DigitSplits.splits([UInt8](repeating: 1, count: 140), count: 15, group: 5)
        }
        #expect(elapsed < .seconds(20))
    }
}

@Suite struct BlankCutTests {
    /// Blanks printed between the digits (positions counted in digits). `102 1 0 1 0 14`: its
    /// digits fit three ways, and one of them ends a cell at every blank. `230 000023`: 23|0 and
    /// 0|0|0|0|23 end a cell at the blank. `1000 0 1 2`: a blank ends a cell, but a run between
    /// blanks may still hold several (1|0|0|0).
    @Test(arguments: [
        ("102 1 0 1 0 14", Set<Int>(), [[10, 2, 1, 0, 1, 0, 14]]),
        ("230 000023", Set<Int>(), [[23, 0, 0, 0, 0, 0, 23]]),
        ("1000 0 1 2", Set<Int>(), [[1, 0, 0, 0, 0, 1, 2]]),
    ])
    func blanksEndCells(run: String, marks: Set<Int>, want: [[Int]]) {
        var cuts = Set<Int>(), n = 0
        for c in run.utf8 { if c == 0x20 { cuts.insert(n) } else { n += 1 } }
        #expect(Set(FlattenedTable.cut(digits(run), cuts: cuts, marks: marks, count: 7, group: 7, limit: 64).candidates) == Set(want))
    }

    /// An NA marker is a cell of 0 with a cut on each side: `1 / 1 0 1 0 14` → the digits
    /// 1 0 1 0 1 0 14 with the marker's 0 at position 1, which can no longer be read as 10.
    @Test func markersAreCellsOfTheirOwn() {
        let got = FlattenedTable.cut(digits("1010114"), cuts: [], marks: [1, 2], count: 7, group: 7, limit: 64)
        #expect(!got.candidates.contains { $0[0] == 10 })
        #expect(got.candidates.allSatisfy { $0[1] == 0 })
    }

    /// Thousands separators (`1,210`, full-width `１,２１０`) are inside one number: the run is
    /// cut into seven cells none of which ends inside it.
    @Test(arguments: ["1,210 7 0 0 1 3 1,221", "１,２１０ ７ ０ ０ １ ３ １,２２１", "1,210 7 / — 1 3 1,221"])
    func thousandsSeparatorsKeepANumberWhole(cells: String) {
        let line = Array(("某某区2020年政府信息公开工作年度报告 一、本年新收政府信息公开申请数量 " + cells + " 二、上年结转政府信息公开申请数量 0000000").utf8)
        let rows = FlattenedTable.tokens(line).rows
        let new = rows.first { $0.outcome == .new }!
        #expect(FlattenedTable.cut(new.digits, cuts: new.cuts, marks: new.marks, keep: new.keep, count: 7, group: 7, limit: 64).candidates
                    == [[1210, 7, 0, 0, 1, 3, 1221]])
    }

    /// A title run into the text after it, or after a short name, is cut apart for the metadata.
    @Test(arguments: [
        ("临淄区人民政府办公室 2019年政府信息公开工作年度报告 一、总体情况 2019年，…", "临淄区人民政府办公室 2019年政府信息公开工作年度报告"),
        ("首页 收藏 青岛市城阳区人民政府2019年政府信息公开工作报告 发布日期:2020-02-06", "青岛市城阳区人民政府2019年政府信息公开工作报告"),
        ("2019年下城区政府信息公开 年度工作报告 2019年下城区政府信息公开工作坚持…。", "2019年下城区政府信息公开 年度工作报告"),
    ])
    func titleApart(line: String, title: String) {
        let parts = FlattenedTable.titleApart(Array(line.utf8)).map { String(decoding: $0, as: UTF8.self) }
        #expect(parts.contains(title), "\(parts)")
    }
}

@Suite struct FlattenedTableTests {
    /// The whole body on one line: every cell read (the layout case), the recovered cells noted.
    @Test func recoveredCellsAreNoted() throws {
        let url = Paths.fixtures.appendingPathComponent("flattened.txt")
        let parsed = ReportParser.parse(bytes: [UInt8](try Data(contentsOf: url)), file: "flat.txt", provenance: true)
        #expect(parsed.summary.status == .ok)
        let note = try #require(parsed.diagnostics.first)
        #expect(note.severity == .note && note.message.hasPrefix("the tables are flattened onto line 2; cells recovered by the report's identities in 23 rows"))
        #expect(parsed.cells.allSatisfy { $0.notes.contains("recovered by the report's identities") })
        #expect(parsed.cells.allSatisfy { $0.location?.line == 2 })
    }

    /// When the columns cannot decide between a row's cuts (here the report's own numbers do not
    /// add up), the row is missing and the diagnostic lists the candidates.
    @Test func severalCutsLeaveTheRowMissing() throws {
        let url = Paths.fixtures.appendingPathComponent("flattened.txt")
        let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            .replacingOccurrences(of: "二、上年结转政府信息公开申请数量1000012", with: "二、上年结转政府信息公开申请数量2000013")
        let parsed = ReportParser.parse(bytes: Array(text.utf8), file: "flat.txt")
        let d = try #require(parsed.diagnostics.first { $0.row == "new" && $0.severity == .error })
        #expect(d.message == "new: the digits '102101014' can be cut into seven cells in 3 ways that fit the identities; the cells are missing")
        #expect(d.help?.contains("10|2|1|0|1|0|14") == true)
        let record = try #require(parsed.record)
        #expect(record[.new, .naturalPerson] == nil)
        #expect(record[.granted, .naturalPerson] == 5)
    }
}
