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

    /// A folder's listing says which files are regular (readdir's `d_type`), and those are
    /// opened without a `stat` first: a file that is a FIFO by the time it is loaded is still
    /// refused by its kind, without waiting on it; a link or a path given as it is gets the stat.
    @Test func listedRegularFilesAreOpenedWithoutAStatAndAFIFOSwappedInIsStillRefused() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govq-listing-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let report = try String(contentsOf: Paths.samples.appendingPathComponent("002_30a4ee9a9a62a807.txt"), encoding: .utf8)
        try report.write(toFile: dir + "/a.txt", atomically: false, encoding: .utf8)
        try report.write(toFile: dir + "/b.txt", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir + "/c.txt", withDestinationPath: dir + "/a.txt")
        let listing = ReportLoader.listing(of: [dir])
        #expect(listing.files == [dir + "/a.txt", dir + "/b.txt", dir + "/c.txt"])
        #expect(listing.listedRegular == [true, true, false])
        #expect(ReportLoader.listing(of: [dir + "/a.txt", dir]).listedRegular == [false, true, false])
        // The same reading either way.
        let listed = ReportLoader.load(file: dir + "/a.txt", provenance: false, listedRegular: true)
        let stated = ReportLoader.load(file: dir + "/a.txt")
        #expect(listed.summary.status == .inconsistent && stated.summary.status == .inconsistent)
        #expect(listed.record?.applications == stated.record?.applications && listed.diagnostics.count == stated.diagnostics.count)
        // b.txt becomes a FIFO after the listing.
        unlink(dir + "/b.txt")
        #expect(mkfifo(dir + "/b.txt", 0o644) == 0)
        let fifo = ReportLoader.load(file: dir + "/b.txt", provenance: false, listedRegular: true)
        #expect(fifo.summary.status == .skipped && fifo.summary.reason == "not a regular file (a FIFO)")
        unlink(dir + "/b.txt")
        let gone = ReportLoader.load(file: dir + "/b.txt", provenance: false, listedRegular: true)
        #expect(gone.summary.reason == "cannot read the file")
    }

    /// A file is read to its end in one read() when it is the size fstat said, and whole at
    /// every size around the read's capacity (size + 1) and its doublings.
    @Test func byteStorageReadsWholeFilesOfEverySize() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govq-read-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var rng = SplitMix(state: 3)
        for size in [0, 1, 2, 3, 4095, 4096, 4097, 65_535, 65_536, 65_537, 200_001] {
            let bytes = (0..<size).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let path = dir + "/f\(size).txt"
            #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
            let storage = try #require(ByteStorage(contentsOf: path))
            #expect(Array(storage.buffer) == bytes, "size \(size)")
        }
    }

    @Test func missingPathIsAnError() {
        let result = ReportLoader.load(paths: ["/no/such/folder"])
        #expect(result.reports.isEmpty)
        #expect(result.diagnostics.first?.message == "no such file or folder '/no/such/folder'")
    }
}
