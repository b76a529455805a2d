/// Loading many files: folders walked recursively, path order kept, skipped files listed and
/// loading nothing, the cube the same on every run.
import Foundation
import Synchronization
import Testing
@testable import GovqCube
@testable import GovqLoader

@Suite struct ReportLoaderTests {
    @Test func samplesLoadFourOkAndLinziInconsistent() {
        let result = ReportLoader.load(paths: [Paths.samples.path])
        #expect(result.reports.map(\.status) == [.ok, .ok, .inconsistent, .ok, .ok])
        #expect(result.reports[2].district == "临淄区" && result.reports[2].year == 2019)
        #expect(result.cube.reportCount == 5)
        #expect(result.cube.district.values == ["济南市历城区", "济宁经济技术开发区", "临淄区", "青岛市城阳区", "下城区"])
        // 临淄's （七）总计 is missing, not 0.
        #expect(result.cube.applications.value(report: 2, row: Outcome.handled.rawValue, column: 0) == nil)
        #expect(result.cube.applications.value(report: 2, row: Outcome.carriedForward.rawValue, column: 0) == 8)
        #expect(!result.allConsistent)
    }

    @Test func fixturesFolderListsSkippedFilesAndLoadsTheRest() {
        let result = ReportLoader.load(paths: [Paths.fixtures.path])
        // Many fixtures are one report in other layouts: those load once (DeduplicationTests).
        let skipped = result.reports.filter { $0.status == .skipped }
        let unusable = skipped.filter { !($0.reason ?? "").hasPrefix("duplicate of") && !($0.reason ?? "").hasPrefix("conflicts with") }
        #expect(unusable.map { URL(fileURLWithPath: $0.file).lastPathComponent } == ["empty.txt", "no-table.txt", "pre2019.txt", "undecodable.txt"])
        #expect(result.cube.reportCount == result.reports.count - skipped.count)
        #expect(result.reports.map(\.file) == result.reports.map(\.file).sorted())
    }

    @Test func sameCubeEveryRunAndProgressCountsEveryFile() {
        let calls = Mutex<[Int]>([])
        let a = ReportLoader.load(paths: [Paths.fixtures.path, Paths.samples.path]) { done, total in
            calls.withLock { $0.append(done * 1000 + total) }
        }
        let b = ReportLoader.load(paths: [Paths.fixtures.path, Paths.samples.path])
        #expect(a.cube.file.values == b.cube.file.values)
        #expect(a.cube.applications.counts == b.cube.applications.counts)
        #expect(a.cube.applications.missing == b.cube.applications.missing)
        let n = a.reports.count
        #expect(calls.withLock { $0 }.sorted() == (1...n).map { $0 * 1000 + n })
    }

    @Test func missingPathIsAnError() {
        let result = ReportLoader.load(paths: ["/no/such/folder"])
        #expect(result.reports.isEmpty)
        #expect(result.diagnostics.first?.message == "no such file or folder '/no/such/folder'")
    }
}
