/// The snapshot gives back exactly the cube it stored, and a corrupt, truncated, foreign or
/// stale snapshot is noticed and rebuilt from the texts, so answers never change.
import Foundation
import GovqCorpus
import GovqCube
import GovqEngine
import GovqLoader
@testable import GovqSnapshot
import Testing

@Suite struct SnapshotTests {
    /// The samples plus 40 generated reports (both templates, broken ones included).
    static func corpus() throws -> String {
        let dir = try Support.copyOfSamples()
        try CorpusGenerator(seed: 11).write(count: 40, to: dir + "/generated")
        return dir
    }

    @Test func roundTripKeepsEveryValueAndTheAccount() throws {
        let dir = try Self.corpus()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/corpus.govq"
        let built = try SnapshotStore.build(roots: [dir], to: path) { ReportLoader.load(paths: $0) }
        let read = try SnapshotStore.read(path)
        #expect(Support.difference(built.cube, read.cube) == nil)
        #expect(read.reports.map(\.file) == built.reports.map(\.file))
        #expect(read.reports.map(\.status) == built.reports.map(\.status))
        #expect(read.reports.map(\.reason) == built.reports.map(\.reason))
        #expect(read.diagnostics == built.diagnostics)
        #expect(read.sources.files.count == 45)
        // Display ranks are stored, and equal what collating the names gives.
        for (b, r) in [(built.cube.district, read.cube.district), (built.cube.unit, read.cube.unit), (built.cube.file, read.cube.file)] {
            #expect(b.presetRanks == nil)
            #expect(r.presetRanks == Collation.displayRanks(of: b.values))
        }
        // No temporary file is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".tmp") }.isEmpty)
    }

    /// A query run opens the snapshot without the account: only the skipped reports, from their
    /// own region (all its warnings name), while the cube keeps every report and its status.
    @Test func queryRunReadsOnlyTheSkippedReports() throws {
        let dir = try Self.corpus()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data().write(to: URL(fileURLWithPath: dir + "/empty.txt"))
        try Data("关于2020年政府信息公开工作的说明，没有表格。\n".utf8).write(to: URL(fileURLWithPath: dir + "/prose.txt"))
        let path = dir + "/corpus.govq"
        let built = try SnapshotStore.build(roots: [dir], to: path) { ReportLoader.load(paths: $0) }
        let opened = try SnapshotStore.open(path, diagnostics: false, okReports: false, load: { _ in
            Issue.record("rebuilt"); return LoadResult()
        }, warn: { _ in })
        #expect(opened.cube.reportCount == built.cube.reportCount)
        #expect(opened.cube.status == built.cube.status)
        let skipped = built.reports.filter { $0.status == .skipped }
        #expect(skipped.map(\.file).contains(dir + "/empty.txt") && skipped.map(\.file).contains(dir + "/prose.txt"))
        #expect(opened.reports.map(\.file) == skipped.map(\.file))
        #expect(opened.reports.map(\.reason) == skipped.map(\.reason))
        #expect(opened.reports.allSatisfy { $0.status == .skipped })
        #expect(built.reports.contains { $0.status == .inconsistent } || built.reports.contains { $0.status == .ok })
    }

    /// Past five skipped reports a query run's warning counts them by reason, so its open
    /// decodes only their status and reason; five or fewer are named, as the warning names them.
    @Test(arguments: [4, 5])
    func queryRunNamesSkippedReportsOnlyWhenTheWarningDoes(addedFiles: Int) throws {
        let dir = try Self.corpus()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for i in 0..<addedFiles {
            try Data((i % 2 == 0 ? "" : "关于2020年政府信息公开工作的说明，没有表格。\n").utf8)
                .write(to: URL(fileURLWithPath: dir + "/skipped-\(i).txt"))
        }
        let path = dir + "/corpus.govq"
        let built = try SnapshotStore.build(roots: [dir], to: path) { ReportLoader.load(paths: $0) }
        let opened = try SnapshotStore.open(path, diagnostics: false, okReports: false, load: { _ in
            Issue.record("rebuilt"); return LoadResult()
        }, warn: { _ in })
        let skipped = built.reports.filter { $0.status == .skipped }
        #expect(skipped.count == addedFiles + 1)   // the corpus has one of its own: 5, then 6
        #expect(opened.reports.map(\.status) == skipped.map(\.status))
        #expect(opened.reports.map(\.reason) == skipped.map(\.reason))
        #expect(opened.reports.map(\.year) == skipped.map(\.year))
        if skipped.count <= ReportSummary.namedInWarnings {
            #expect(opened.reports.map(\.file) == skipped.map(\.file))
        } else {
            #expect(opened.reports.allSatisfy { $0.file.isEmpty && $0.district == nil && $0.unit == nil })
        }
        // `govq check` and the REPL read the account: every report, named.
        let all = try SnapshotStore.open(path, load: { _ in Issue.record("rebuilt"); return LoadResult() }, warn: { _ in })
        #expect(all.reports.map(\.file) == built.reports.map(\.file))
    }

    /// Counts in every width the format picks: all zero, UInt8, UInt16, Int32 and negatives.
    @Test(arguments: [[0, 0, 0], [0, 255, 7], [256, 65_535, 1], [65_536, 3, 0], [-5, 2, 1_000_000], [Int32.max, 0, Int32.min]])
    func narrowColumns(values: [Int32]) throws {
        var b = CubeBuilder()
        for (i, v) in values.enumerated() {
            var r = ReportRecord(file: "r\(i).txt", district: "临淄区", unit: "临淄区人民政府办公室", year: 2019 + i, template: .t2019)
            r[.deniedStateSecret, .business] = v
            r[.handled, .naturalPerson] = i == 1 ? nil : v
            r[.total, .review] = v
            b.append(r)
        }
        let contents = SnapshotContents(cube: b.cube, sources: SourceList(roots: [], folders: [], files: []), reports: [], diagnostics: [])
        let bytes = SnapshotFormat.encode(contents)
        let back = try bytes.withUnsafeBytes { try SnapshotFormat.decode($0) }
        #expect(Support.difference(b.cube, back.cube) == nil)
    }

    /// A query over an opened snapshot reads its count columns where they are stored (one,
    /// two or four bytes a count, or none for an all-zero column) and must answer exactly as
    /// over the cube that was saved.
    @Test func queriesReadStoredColumnsInPlace() throws {
        let dir = NSTemporaryDirectory() + "govq-stored-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var b = CubeBuilder()
        let wide: [Int32] = [0, 255, 256, 65_535, 65_536, 7, Int32.max / 8]
        for (i, v) in wide.enumerated() {
            var r = ReportRecord(file: "r\(i).txt", district: i % 2 == 0 ? "临淄区" : "下城区", unit: "u", year: 2019 + i % 3,
                                 template: .t2019)
            r[.deniedStateSecret, .business] = v                 // Int32 column
            r[.deniedThirdParty, .business] = i % 3 == 0 ? nil : 300 + Int32(i)  // UInt16, some missing
            r[.granted, .naturalPerson] = Int32(i)               // UInt8
            b.append(r)
        }
        let path = dir + "/stored.govq"
        _ = try SnapshotStore.build(roots: [dir], to: path) { _ in LoadResult(cube: b.cube) }
        let opened = try SnapshotStore.open(path, load: { _ in Issue.record("rebuilt"); return LoadResult() }, warn: { _ in })
        let saved = QueryEngine(cube: b.cube), mapped = QueryEngine(cube: opened.cube)
        for q in ["sum denied by year", "sum denied where applicant in (business) by district", "sum granted, denied by applicant",
                  "max denied by year", "avg denied.third_party by district", "count denied.third_party by year", "sum upheld from reviews by proceeding"] {
            let a = try saved.run(q), m = try mapped.run(q)
            #expect(a.rows == m.rows, "\(q)")
        }
        #expect(try mapped.run("sum denied by year").rows.isEmpty == false)
    }

    /// The eight denied leaves are summed from the stored columns four at a time: one byte
    /// wide for the natural person, two for business (each over 255), four for legal services.
    /// Report i holds 10 + i (one byte), 300 + i (two) and 70,000 (four) in every denied leaf,
    /// so by year: 2019 has reports 0 and 2, 2020 report 1.
    @Test func deniedLeavesSummedInGroupsOfFour() throws {
        let dir = NSTemporaryDirectory() + "govq-batched-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var b = CubeBuilder()
        for i in 0..<3 {
            var r = ReportRecord(file: "r\(i).txt", district: "临淄区", unit: "u", year: 2019 + i % 2, template: .t2019)
            for o in Outcome.allCases where o.name.hasPrefix("denied.") {
                r[o, .naturalPerson] = Int32(10 + i)
                r[o, .business] = Int32(300 + i)
                r[o, .legalService] = 70_000
            }
            b.append(r)
        }
        let path = dir + "/batched.govq"
        _ = try SnapshotStore.build(roots: [dir], to: path) { _ in LoadResult(cube: b.cube) }
        let opened = try SnapshotStore.open(path, verification: .asRead, load: { _ in Issue.record("rebuilt"); return LoadResult() }, warn: { _ in })
        let engine = QueryEngine(cube: opened.cube)
        // 2019: 8 × (10 + 12) + 8 × (300 + 302) + 8 × 2 × 70,000 = 176 + 4,816 + 1,120,000.
        let rows = try engine.run("sum denied by year").rows
        let y2020: Int64 = 8 * 11 + 8 * 301 + 8 * 70_000
        let expected: [[Value]] = [[.integer(2019), .integer(1_124_992)], [.integer(2020), .integer(y2020)]]
        #expect(rows == expected)
        let byApplicant = try engine.run("sum denied where applicant in (natural_person, business) by applicant").rows
        let perApplicant: [[Value]] = [[.text("natural_person"), .integer(264)], [.text("business"), .integer(7_224)]]   // 8 × 33, 8 × 903
        #expect(byApplicant == perApplicant)
    }

    enum Damage: String, CaseIterable, Sendable {
        case magic, version, payloadByte, lastPayloadByte, rootsAndPayload, truncatedHalf, truncatedTail, empty, garbage
    }

    /// Damages a snapshot, opens it, and checks: a warning, the same cube as a fresh load,
    /// and a snapshot that is sound again afterwards.
    @Test(arguments: Damage.allCases)
    func damagedSnapshotIsRebuilt(_ damage: Damage) throws {
        let dir = try Self.corpus()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + ".govq"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fresh = try SnapshotStore.build(roots: [dir], to: path) { ReportLoader.load(paths: $0) }
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let payloadStart = Int(bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 24, as: UInt64.self) })
        switch damage {
        case .magic: bytes[0] ^= 0xFF
        case .version: bytes[8] = 99
        case .payloadByte: bytes[payloadStart + (bytes.count - payloadStart) / 2] ^= 0x01
        case .lastPayloadByte: bytes[bytes.count - 40] ^= 0x80
        case .rootsAndPayload: bytes[70] ^= 0x55; bytes[payloadStart + 9] ^= 0x55
        case .truncatedHalf: bytes = Array(bytes.prefix(bytes.count / 2))
        case .truncatedTail: bytes.removeLast(3)
        case .empty: bytes = []
        case .garbage: bytes = Array(repeating: 0x42, count: 100)
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        var warnings: [String] = []
        let result: LoadResult
        do {
            result = try SnapshotStore.open(path, load: { ReportLoader.load(paths: $0) }, warn: { warnings.append($0) })
        } catch {
            // Nothing to rebuild from: only when neither copy of the roots survived.
            #expect([.empty, .garbage].contains(damage), "\(error)")
            return
        }
        #expect(warnings.count == 1 && warnings[0].hasPrefix("warning: snapshot '\(path)' cannot be used"), "\(warnings)")
        #expect(Support.difference(fresh.cube, result.cube) == nil)
        #expect(result.reports.map(\.status) == fresh.reports.map(\.status))
        // Rewritten: the next open is silent and reads the snapshot.
        var again: [String] = []
        let reopened = try SnapshotStore.open(path, load: { _ in Issue.record("parsed texts again"); return LoadResult() },
                                              warn: { again.append($0) })
        #expect(again.isEmpty)
        #expect(Support.difference(fresh.cube, reopened.cube) == nil)
    }

    enum Change: String, CaseIterable, Sendable { case edited, added, removed }

    @Test(arguments: Change.allCases)
    func staleSnapshotIsRebuilt(_ change: Change) throws {
        let dir = try Self.corpus()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/c.govq"
        try SnapshotStore.build(roots: [dir], to: path) { ReportLoader.load(paths: $0) }
        let victim = dir + "/002_30a4ee9a9a62a807.txt"
        switch change {
        case .edited:
            // Same size, new content and mtime: 临淄's 35 new requests become 36.
            var text = try String(contentsOfFile: victim, encoding: .utf8)
            text = text.replacingOccurrences(of: "数量\n\t35\n", with: "数量\n\t36\n")
            try text.write(toFile: victim, atomically: false, encoding: .utf8)
        case .added:
            try FileManager.default.copyItem(atPath: victim, toPath: dir + "/copy.txt")
        case .removed:
            try FileManager.default.removeItem(atPath: victim)
        }
        var warnings: [String] = []
        // A file rewritten in place keeps its folder's listing: only the full check sees it.
        let result = try SnapshotStore.open(path, check: change == .edited ? .files : nil, load: { ReportLoader.load(paths: $0) },
                                            warn: { warnings.append($0) })
        let fresh = ReportLoader.load(paths: [dir])
        #expect(warnings.count == 1 && warnings[0].contains("is stale"), "\(warnings)")
        #expect(warnings.first?.contains(change == .added ? "copy.txt' was added" : "002_30a4ee9a9a62a807.txt' \(change == .edited ? "changed" : "was removed")") == true)
        #expect(result.cube.reportCount == fresh.cube.reportCount)
        #expect(result.reports.count == fresh.reports.count)
        if change == .edited {
            let i = (0..<result.cube.reportCount).first { result.cube.file[report: $0].hasSuffix("002_30a4ee9a9a62a807.txt") }!
            #expect(result.cube.applications.value(report: i, row: Outcome.new.rawValue, column: ApplicantType.naturalPerson.rawValue) == 36)
        }
    }

    /// By default only folders are checked (names and inode numbers, no stat per file):
    /// added, removed and replaced files are seen; a file rewritten in place is not.
    @Test(arguments: [("added", true), ("added folder", true), ("removed", true), ("replaced", true),
                      ("unrelated file", false), ("rewritten in place", false)])
    func folderCheck(change: String, noticed: Bool) throws {
        let dir = try Self.corpus()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/c.govq"
        try SnapshotStore.build(roots: [dir], to: path) { ReportLoader.load(paths: $0) }
        let victim = dir + "/004_7c44efe8d794ab26.txt"
        switch change {
        case "added": try FileManager.default.copyItem(atPath: victim, toPath: dir + "/generated/new.txt")
        case "added folder":
            try FileManager.default.createDirectory(atPath: dir + "/generated/more", withIntermediateDirectories: false)
            try FileManager.default.copyItem(atPath: victim, toPath: dir + "/generated/more/new.txt")
        case "unrelated file": try Data("notes".utf8).write(to: URL(fileURLWithPath: dir + "/notes.jpg"))   // .md is a report
        case "removed": try FileManager.default.removeItem(atPath: victim)
        case "replaced":
            try FileManager.default.copyItem(atPath: victim, toPath: dir + "/tmp")
            _ = rename(dir + "/tmp", victim)
        default:
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: victim))
            try handle.seekToEnd()
            handle.write(Data("\n".utf8))
            try handle.close()
        }
        var warnings: [String] = []
        #expect(ProcessInfo.processInfo.environment["GOVQ_SNAPSHOT_CHECK"] != nil || SourceCheck.choose(fileCount: 45) == .folders)
        _ = try SnapshotStore.open(path, load: { ReportLoader.load(paths: $0) }, warn: { warnings.append($0) })
        #expect(warnings.contains { $0.contains("is stale") } == noticed, "\(warnings)")
    }

    @Test func checksumNoticesEverySingleBitFlip() {
        var bytes = [UInt8](repeating: 0, count: 1000)
        for i in bytes.indices { bytes[i] = UInt8(truncatingIfNeeded: i &* 31) }
        let base = bytes.withUnsafeBytes { Checksum.of($0) }
        for i in stride(from: 0, to: bytes.count, by: 7) {
            for bit in 0..<8 {
                bytes[i] ^= 1 << bit
                #expect(bytes.withUnsafeBytes { Checksum.of($0) } != base, "byte \(i) bit \(bit)")
                bytes[i] ^= 1 << bit
            }
        }
    }
}
