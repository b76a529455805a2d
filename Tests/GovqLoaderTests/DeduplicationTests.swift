/// Each report is counted once: a copy is a duplicate, the same unit and year with other
/// numbers is a conflict that names its differences and keeps the report that adds up (or none).
import Foundation
import Testing
@testable import GovqCube
@testable import GovqDiagnostics
@testable import GovqLoader

@Suite struct DeduplicationTests {
    @Test func aCopyInAnotherFolderIsCountedOnce() throws {
        let dir = NSTemporaryDirectory() + "govq-dedup-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let original = Paths.samples.appendingPathComponent("000_55b3ad02e644708f.txt").path
        try FileManager.default.copyItem(atPath: original, toPath: dir + "/copy.txt")
        let result = ReportLoader.load(paths: [Paths.samples.path, dir])
        #expect(result.cube.reportCount == 5)
        #expect(result.reports.count == 6)
        let copy = try #require(result.reports.last)
        #expect(copy.status == .skipped)
        #expect(copy.reason == "duplicate of '\(Paths.samples.path)/000_55b3ad02e644708f.txt'")
        // 历城's 4.保护第三方合法权益 row (lines 204–211) is 10 natural_person, 1 legal_service: once.
        let thirdParty = (0..<result.cube.reportCount).map { r in
            [ApplicantType.naturalPerson, .legalService].map {
                result.cube.applications.value(report: r, row: Outcome.deniedThirdParty.rawValue, column: $0.rawValue)
            }
        }
        #expect(thirdParty.filter { $0 == [10, 1] }.count == 1)
    }

    /// inconsistent.txt is utf8-bom-crlf.txt with four numbers changed by hand (lines 51, 57,
    /// 66, 284): two are stored cells, two are 总计-column cells (checked, not stored).
    @Test func aConflictKeepsTheReportThatAddsUpAndNamesTheDifferences() throws {
        let good = Paths.fixtures.appendingPathComponent("utf8-bom-crlf.txt").path
        let bad = Paths.fixtures.appendingPathComponent("inconsistent.txt").path
        let result = ReportLoader.load(paths: [bad, good])
        #expect(result.cube.reportCount == 1)
        #expect(result.cube.file[report: 0] == good)
        #expect(result.reports.map(\.status) == [.skipped, .ok])
        #expect(result.reports[0].reason == "conflicts with '\(good)'")
        let conflict = try #require(result.diagnostics.first { $0.message.contains("different numbers") })
        #expect(conflict.severity == .error)
        #expect(conflict.message.hasSuffix("kept '\(good)': it adds up and the other does not"))
        #expect(conflict.notes == ["granted × natural_person: 6 and 5", "total × review: 3 and 2"])
    }

    static func record(_ file: String, unit: String, new: Int32) -> ReportRecord {
        var r = ReportRecord(file: file, district: "某某县", unit: unit, year: 2020, template: .t2019)
        for i in r.applications.indices { r.applications[i] = 0 }
        for i in r.reviews.indices { r.reviews[i] = 0 }
        r[.new, .naturalPerson] = new
        return r
    }

    static func loaded(_ records: [ReportRecord]) -> LoadResult {
        var b = CubeBuilder()
        for r in records { b.append(r) }
        return LoadResult(cube: b.cube, reports: records.map {
            ReportSummary(file: $0.file, district: $0.district, unit: $0.unit, year: $0.year, template: $0.template, status: .ok)
        })
    }

    @Test func twoReportsThatBothAddUpButDifferAreBothLeftOut() {
        let result = Deduplication.apply(Self.loaded([
            Self.record("a.txt", unit: "某某县人民政府", new: 10), Self.record("b.txt", unit: "某某县人民政府", new: 12),
        ]))
        #expect(result.cube.reportCount == 0)
        #expect(result.reports.map(\.reason) == ["conflicts with 'b.txt'", "conflicts with 'a.txt'"])
        #expect(result.diagnostics.map(\.notes) == [["new × natural_person: 10 and 12"]])
        #expect(result.diagnostics.first?.message.hasSuffix("kept neither: nothing tells which is right") == true)
    }

    @Test func sameNumbersFromDifferentUnitsAreDifferentReports() {
        let result = Deduplication.apply(Self.loaded([
            Self.record("a.txt", unit: "某某县人民政府", new: 10), Self.record("b.txt", unit: "某某县教育局", new: 10),
        ]))
        #expect(result.cube.reportCount == 2)
        #expect(result.diagnostics.isEmpty)
    }
}
