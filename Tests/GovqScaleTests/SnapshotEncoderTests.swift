/// A full build encodes its regions on every core, each into its own buffer: the file must be
/// the bytes one writer writes region after region (what `RegionMarks` records), and the
/// narrowed columns the bytes the generic `narrow` writes for the same values widened.
import Foundation
import GovqCorpus
import GovqCube
import GovqLoader
@testable import GovqSnapshot
import Testing

@Suite struct SnapshotEncoderTests {
    /// The careful path: every region written by one writer, one after the other, and framed
    /// from the writer's marks, as the encoder did before its regions were encoded apart.
    static func oneWriter(_ contents: SnapshotContents) -> [UInt8] {
        var p = ByteWriter(), x = ByteWriter()
        var marks = RegionMarks()
        for job in SnapshotFormat.regionJobs(contents) {
            marks.begin(&p)
            job(&p, &x)
            marks.end(&p)
        }
        let parts = SnapshotFormat.frame(payload: p, marks: marks, extra: x, roots: contents.sources.roots,
                                         reportCount: contents.cube.reportCount)
        return parts.all.flatMap { $0 }
    }

    /// The samples, 300 generated reports (both templates, broken and duplicated ones among
    /// them) and a file that is no report: encoded apart on both cores, encoded on one, written
    /// to disk region by region, and by one writer, the bytes are the same.
    @Test func regionsEncodedApartAreTheBytesOfOneWriter() throws {
        let dir = try Support.copyOfSamples()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try CorpusGenerator(seed: 5).write(count: 300, to: dir + "/generated")
        try Data("关于2020年政府信息公开工作的说明，没有表格。\n".utf8).write(to: URL(fileURLWithPath: dir + "/prose.txt"))
        let path = dir + "/corpus.govq"
        let built = try SnapshotStore.build(roots: [dir], to: path) { ReportLoader.load(paths: $0) }
        #expect(built.reports.contains { $0.status == .skipped } && built.reports.contains { $0.status == .inconsistent })
        #expect(!built.diagnostics.isEmpty)
        // The source list as it was recorded (scanned before the load), read back whole.
        let stored = try SnapshotStore.read(path)
        #expect(stored.sources.files.count == built.reports.count)
        let fresh = SnapshotContents(cube: built.cube, sources: stored.sources, reports: built.reports, diagnostics: built.diagnostics)
        let careful = Self.oneWriter(fresh)
        #expect(careful.count > 100_000)
        #expect(SnapshotFormat.encode(fresh) == careful)
        let serial = SnapshotFormat.frame(SnapshotFormat.encodeRegions(fresh, inParallel: false), roots: fresh.sources.roots,
                                          reportCount: fresh.cube.reportCount)
        #expect(serial.head + serial.payload.flatMap { $0 } + serial.extra + serial.tail == careful)
        // The file on disk, written region by region as the regions were encoded.
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == careful)
        #expect(Support.difference(built.cube, stored.cube) == nil)
    }

    /// Counts in every width and at every edge of one: the bytes of `narrow(counts:)` are
    /// those of `narrow` over the same values as `Int64`.
    @Test(arguments: [[], [0], [0, 0, 0], [0, 255, 7], [1, 255], [0, 256], [256, 65_535, 1], [65_535], [65_536, 3, 0],
                      [-1, 0], [-5, 2, 1_000_000], [Int32.max, 0, Int32.min], [Int32.min], [300, 300, 300]] as [[Int32]])
    func countsNarrowAsWidened(values: [Int32]) {
        var fast = ByteWriter(), careful = ByteWriter()
        fast.narrow(counts: values)
        careful.narrow(values.map { Int64($0) })
        #expect(fast.bytes == careful.bytes)
    }

    /// Dictionary codes likewise (a one-value dictionary's codes are all zero).
    @Test(arguments: [[], [0, 0], [0, 1, 255], [3, 256], [70_000, 0], [5, 5], [UInt32(Int32.max)]] as [[UInt32]])
    func codesNarrowAsWidened(codes: [UInt32]) {
        var fast = ByteWriter(), careful = ByteWriter()
        fast.narrow(codes: codes)
        careful.narrow(codes.map { Int64($0) })
        #expect(fast.bytes == careful.bytes)
    }
}
