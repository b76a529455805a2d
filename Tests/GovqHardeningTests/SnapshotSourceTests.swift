/// A snapshot is never destroyed by a missing source (issue 13, item 2), and the index's folder
/// scan ends on symbolic-link loops and skips what is not a plain file (item 3b). Run on the
/// built govq: a folder moved away and back, a corrupt snapshot with one root gone, an emptied
/// mount point, loops of links.
import Foundation
import GovqSnapshot
import Testing

@Suite("Snapshots and their sources", .serialized)
struct SnapshotSourceTests {
    /// A scratch folder with `texts/` holding two reports: 某某市示范区 and 另一区, 14 new each
    /// (the base report's 一、本年新收 row: 10 + 2 + 1 + 0 + 1 + 0).
    static func corpus() throws -> (folder: URL, texts: URL) {
        let folder = try Hardening.scratchFolder()
        let texts = folder.appendingPathComponent("texts")
        try FileManager.default.createDirectory(at: texts, withIntermediateDirectories: true)
        try Data(Hardening.base.utf8).write(to: texts.appendingPathComponent("a.txt"))
        try Data(Hardening.base.replacingOccurrences(of: "某某市示范区", with: "另一区").utf8).write(to: texts.appendingPathComponent("b.txt"))
        return (folder, texts)
    }

    static let query = ["--data", "s.govq", "--format", "csv", "-e", "sum new by district"]
    static let answer = "district,new\r\n另一区,14\r\n某某市示范区,14\r\n"

    @Test func aMovedSourceFolderLeavesTheSnapshotAsItIs() throws {
        let (folder, texts) = try Self.corpus()
        defer { try? FileManager.default.removeItem(at: folder) }
        var r = try Govq.run(["index", texts.path, "-o", "s.govq"], in: folder)
        #expect(r.status == 0, "\(r.err)")
        let snapshot = folder.appendingPathComponent("s.govq")
        let built = try Data(contentsOf: snapshot)

        let away = folder.appendingPathComponent("moved")
        try FileManager.default.moveItem(at: texts, to: away)
        for _ in 0..<2 {   // the second run must not find a snapshot the first one emptied
            r = try Govq.run(Self.query, in: folder)
            #expect(r.status == 0, "\(r.err)")
            #expect(r.out == Self.answer)
            #expect(r.err == "warning: snapshot 's.govq': its sources cannot be checked ('\(texts.path)' is missing); answering from the snapshot as it is\n")
            #expect(try Data(contentsOf: snapshot) == built)
        }

        // The folder comes back: the snapshot is fresh again, with no warning at all.
        try FileManager.default.moveItem(at: away, to: texts)
        r = try Govq.run(Self.query, in: folder)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out == Self.answer)
        #expect(r.err == "")
        #expect(try Data(contentsOf: snapshot) == built)
    }

    /// A root that is still there but empty, where the snapshot had texts, is out of reach too.
    @Test func anEmptiedMountPointIsOutOfReach() throws {
        let (folder, texts) = try Self.corpus()
        defer { try? FileManager.default.removeItem(at: folder) }
        var r = try Govq.run(["index", texts.path, "-o", "s.govq"], in: folder)
        #expect(r.status == 0, "\(r.err)")
        let built = try Data(contentsOf: folder.appendingPathComponent("s.govq"))
        let aside = folder.appendingPathComponent("aside")
        try FileManager.default.createDirectory(at: aside, withIntermediateDirectories: true)
        for name in ["a.txt", "b.txt"] {
            try FileManager.default.moveItem(at: texts.appendingPathComponent(name), to: aside.appendingPathComponent(name))
        }
        r = try Govq.run(Self.query, in: folder)
        #expect(r.out == Self.answer)
        #expect(r.err.contains("'\(texts.path)' is an empty folder (not mounted?)"), "\(r.err)")
        #expect(try Data(contentsOf: folder.appendingPathComponent("s.govq")) == built)
    }

    /// A corrupt snapshot with one of its two roots gone: answered from the root that is there,
    /// and not rewritten (a rewrite would drop the missing root for good). With both gone it
    /// is an error, not an empty answer.
    @Test func aCorruptSnapshotIsRebuiltOnlyFromWhatIsThere() throws {
        let (folder, texts) = try Self.corpus()
        defer { try? FileManager.default.removeItem(at: folder) }
        let other = folder.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try Data(Hardening.base.replacingOccurrences(of: "某某市示范区", with: "第三区").utf8).write(to: other.appendingPathComponent("c.txt"))
        var r = try Govq.run(["index", texts.path, other.path, "-o", "s.govq"], in: folder)
        #expect(r.status == 0, "\(r.err)")
        // Flip one byte near the end (inside the checksummed payload, after the roots).
        let snapshot = folder.appendingPathComponent("s.govq")
        var bytes = [UInt8](try Data(contentsOf: snapshot))
        bytes[bytes.count - 40] ^= 0xFF
        try Data(bytes).write(to: snapshot)
        try FileManager.default.moveItem(at: other, to: folder.appendingPathComponent("gone"))

        r = try Govq.run(Self.query, in: folder)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out == Self.answer)
        #expect(r.err.contains("rebuilding it from '\(texts.path)'\n"), "\(r.err)")
        #expect(r.err.contains("warning: snapshot 's.govq' was not rewritten: '\(other.path)' is missing; answering from the texts that are there\n"), "\(r.err)")
        #expect([UInt8](try Data(contentsOf: snapshot)) == bytes)

        try FileManager.default.moveItem(at: texts, to: folder.appendingPathComponent("gone-too"))
        r = try Govq.run(Self.query, in: folder)
        #expect(r.status == 1)
        #expect(r.out == "")
        #expect(r.err.contains("error: snapshot 's.govq' cannot be used: "), "\(r.err)")
        #expect([UInt8](try Data(contentsOf: snapshot)) == bytes)
    }

    /// Links that loop (to the folder itself, to its parent, two links to each other) end the
    /// index's scan; each text counts once; a FIFO named *.txt is not listed.
    @Test func symlinkLoopsEndTheIndexScan() throws {
        let (folder, texts) = try Self.corpus()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sub = texts.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try Data(Hardening.base.replacingOccurrences(of: "某某市示范区", with: "第三区").utf8).write(to: sub.appendingPathComponent("c.txt"))
        #expect(symlink(".", texts.appendingPathComponent("self").path) == 0)
        #expect(symlink("..", sub.appendingPathComponent("up").path) == 0)
        #expect(symlink("loop-b", texts.appendingPathComponent("loop-a").path) == 0)
        #expect(symlink("loop-a", texts.appendingPathComponent("loop-b").path) == 0)
        #expect(mkfifo(texts.appendingPathComponent("pipe.txt").path, 0o644) == 0)

        let list = SourceList.scan([texts.path])
        #expect(list.files.map(\.path) == ["a.txt", "b.txt", "sub/c.txt"].map { texts.path + "/" + $0 })
        #expect(list.folders.map(\.path) == [texts.path, sub.path])

        unlink(texts.appendingPathComponent("pipe.txt").path)   // the loader's own FIFO rule is not this test's
        let r = try Shell.run("timeout 60 \"$GOVQ\" index '\(texts.path)' -o s.govq", in: folder)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.hasPrefix("indexed 3 reports (3 ok, 0 inconsistent, 0 skipped)"), "\(r.out)")
        let q = try Govq.run(Self.query, in: folder)
        #expect(q.err == "")
        #expect(q.out == "district,new\r\n第三区,14\r\n另一区,14\r\n某某市示范区,14\r\n")
    }
}
