/// The five sample reports through the real loader. The issue's numbers are asserted as the
/// issue states them; the rest are recomputed from the hand-read `truth.json` (the loader's
/// fixture), so every measure of both tables is checked per district.
import Foundation
import GovqCube
import GovqLoader
import GovqSyntax
import Testing
@testable import GovqEngine

enum Samples {
    static let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let engine = QueryEngine(cube: ReportLoader.load(paths: [root.appendingPathComponent("Samples/reports").path]).cube)
    nonisolated(unsafe) static let truth: [String: [String: Any]] = {
        let url = root.appendingPathComponent("Tests/GovqLoaderTests/Fixtures/truth.json")
        let json = try! JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        return json["reports"] as! [String: [String: Any]]
    }()
    /// Pinyin order, as the issue lists them.
    static let districts = ["济南市历城区", "济宁经济技术开发区", "临淄区", "青岛市城阳区", "下城区"]

    /// Σ over a district's reports of the measure's stated cells; NULL when none is stated.
    static func expected(_ m: Measure, district: String) -> String {
        var sum = 0, stated = false
        for r in truth.values where r["district"] as? String == district {
            if m.table == .applications {
                let rows = r["applications"] as! [String: Any]
                for leaf in m.leaves {
                    guard let cells = rows[Outcome(rawValue: leaf)!.name] as? [Int] else { continue }
                    sum += cells.prefix(6).reduce(0, +)
                    stated = true
                }
            } else {
                let rows = r["reviews"] as! [String: [Int]]
                for cells in rows.values { sum += m.leaves.map { cells[$0] }.reduce(0, +); stated = true }
            }
        }
        return stated ? String(sum) : "NULL"
    }
}

@Suite struct SampleTests {
    static let issueCases: [QueryCase] = [
        .init("sum denied by district", "district | denied",
              ["济南市历城区 | 22", "济宁经济技术开发区 | 0", "临淄区 | 0", "青岛市城阳区 | 4", "下城区 | 6"]),
        .init("sum new by applicant", "applicant | new",
              ["natural_person | 735", "business | 36", "research | 0", "nonprofit | 0", "legal_service | 3", "other_org | 6"]),
        .init("count reports by year", "year | count reports", ["2019 | 4", "2020 | 1"]),
        // 临淄's (七)总计 has no cells in the text
        .init("sum handled by district", "district | handled",
              ["济南市历城区 | 293", "济宁经济技术开发区 | 0", "临淄区 | NULL", "青岛市城阳区 | 270", "下城区 | 165"]),
        .init("sum denied by district where district ~ \"历城\"", "district | denied", ["济南市历城区 | 22"]),
        .init("count handled, count reports", "count handled | count reports", ["4 | 5"]),
    ]

    @Test(arguments: issueCases) func issueNumbers(_ c: QueryCase) throws { try check(Samples.engine, c) }

    @Test(arguments: Schema.measures.map(\.name))
    func everyMeasureByDistrictMatchesTruth(_ name: String) throws {
        let m = Schema.measures.first { $0.name == name }!
        let from = m.table == .reviews ? " from reviews" : ""
        let r = try Samples.engine.run("sum \(name)\(from) by district")
        let got = r.rows.map { $0.map(show).joined(separator: " | ") }
        let want = Samples.districts.map { "\($0) | \(Samples.expected(m, district: $0))" }
        #expect(got == want)
    }
}

/// The example scripts in `Samples/queries` (what the README points new users to) run on the
/// samples: every statement binds and answers with at least one row.
func sampleQueryStatements() -> [String] {
    let folder = Samples.root.appendingPathComponent("Samples/queries")
    let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".govq") }.sorted()
    return files.flatMap { file -> [String] in
        let text = (try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)) ?? ""
        return QueryParser.splitStatements(text).map(\.text).filter {
            !$0.split(separator: "\n").allSatisfy { $0.trimmingCharacters(in: .whitespaces).hasPrefix("--") || $0.allSatisfy(\.isWhitespace) }
        }
    }
}

@Test func sampleQueryFilesExist() {
    #expect(sampleQueryStatements().count >= 15)
}

@Test(arguments: sampleQueryStatements())
func sampleQueryRuns(_ statement: String) throws {
    let result = try Samples.engine.run(statement, source: "Samples/queries")
    #expect(result.rows.count >= 1)
}

/// `why` on a named metric lists the cells its terms read, and marks the report the
/// missing-cell rule left out: disclosure_rate = (132 + 155 + 125 + 0) / 728 over the four
/// reports that state handled; 临淄 (handled missing) is listed, not counted.
@Test func whyOfAMetricListsItsTermsCellsAndMarksTheReportLeftOut() throws {
    let text = "disclosure_rate"
    let (_, cells, truncated) = try Samples.engine.cellsBehind(QueryParser.parse(text), text: text, source: "<test>")
    #expect(!truncated)
    let cube = Samples.engine.cube
    func district(_ c: CellReference) -> String { cube.district[report: c.report] }
    let counted = cells.filter { !$0.leftOut }
    let grantedOrPartial = counted.filter { $0.row == Outcome.granted.rawValue || $0.row == Outcome.partial.rawValue }
    #expect(grantedOrPartial.compactMap(\.value).reduce(0) { $0 + Int($1) } == 412)
    #expect(counted.filter { $0.row == Outcome.handled.rawValue }.compactMap(\.value).reduce(0) { $0 + Int($1) } == 728)
    #expect(counted.allSatisfy { district($0) != "临淄区" })
    let linzi = cells.filter { district($0) == "临淄区" }
    #expect(!linzi.isEmpty && linzi.allSatisfy(\.leftOut))
    #expect(linzi.contains { $0.row == Outcome.handled.rawValue && $0.value == nil }, "the missing handled cells are why")
}
