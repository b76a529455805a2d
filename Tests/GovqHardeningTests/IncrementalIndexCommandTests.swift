/// `govq index` run again over the same folder updates the snapshot (issue 14, item 2), and
/// says so; the answers and `govq check` are those of a snapshot built from scratch. Run on the
/// built govq, with the folder named relatively, as a user types it.
import Foundation
import GovqSnapshot
import Testing

@Suite("Incremental index, on the command line", .serialized)
struct IncrementalIndexCommandTests {
    @Test func indexingAgainUpdatesTheSnapshot() throws {
        let (folder, texts) = try SnapshotSourceTests.corpus()
        defer { try? FileManager.default.removeItem(at: folder) }
        var r = try Govq.run(["index", "texts", "-o", "s.govq"], in: folder)
        #expect(r.status == 0 && r.err == "", "\(r.err)")

        // 第三区 is added, 另一区 removed, and a copy of 某某市示范区's report put in a subfolder.
        try Data(Hardening.base.replacingOccurrences(of: "某某市示范区", with: "第三区").utf8).write(to: texts.appendingPathComponent("c.txt"))
        try FileManager.default.removeItem(at: texts.appendingPathComponent("b.txt"))
        let sub = texts.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: texts.appendingPathComponent("a.txt"), to: sub.appendingPathComponent("a-copy.txt"))

        r = try Govq.run(["index", "texts", "-o", "s.govq"], in: folder)
        #expect(r.status == 0)
        #expect(r.err == "updated 's.govq': 2 added, 0 changed, 1 removed (1 unchanged)\n", "\(r.err)")
        #expect(r.out.hasPrefix("indexed 2 reports (2 ok, 0 inconsistent, 1 skipped)"), "\(r.out)")
        r = try Govq.run(SnapshotSourceTests.query, in: folder)
        #expect(r.out == "district,new\r\n第三区,14\r\n某某市示范区,14\r\n", "\(r.err)")

        r = try Govq.run(["index", "texts", "-o", "full.govq"], in: folder)
        #expect(r.status == 0 && r.err == "", "\(r.err)")
        let updated = try Govq.run(["check", "--data", "s.govq"], in: folder), full = try Govq.run(["check", "--data", "full.govq"], in: folder)
        #expect(updated.out == full.out && updated.err == full.err && updated.status == full.status)
        #expect(updated.out.contains("texts/sub/a-copy.txt") && updated.out.contains("duplicate of 'texts/a.txt'"), "\(updated.out)")
    }

    /// A snapshot of another format version is rebuilt in full, and the note says why.
    @Test func anotherFormatIsRebuiltInFull() throws {
        let (folder, _) = try SnapshotSourceTests.corpus()
        defer { try? FileManager.default.removeItem(at: folder) }
        var r = try Govq.run(["index", "texts", "-o", "s.govq"], in: folder)
        #expect(r.status == 0)
        let snapshot = folder.appendingPathComponent("s.govq")
        var bytes = [UInt8](try Data(contentsOf: snapshot))
        bytes[8] = 5
        try Data(bytes).write(to: snapshot)
        r = try Govq.run(["index", "texts", "-o", "s.govq"], in: folder)
        #expect(r.status == 0)
        #expect(r.err == "note: rebuilt 's.govq' in full: it has format version 5; this govq reads version \(SnapshotFormat.version)\n", "\(r.err)")
        r = try Govq.run(SnapshotSourceTests.query, in: folder)
        #expect(r.out == SnapshotSourceTests.answer && r.err == "", "\(r.err)")
    }
}
