/// On the built govq: a query run verifies the snapshot's regions as it reads them. A corrupt
/// region that a query reads is caught before its answer is printed, the snapshot is checked
/// whole and rebuilt (with a warning), and the answer comes from the rebuilt one; a query that
/// does not read it answers at once; `govq check` reads everything and so catches it too.
import Foundation
import Testing

@Suite("Snapshot regions on the command line", .serialized)
struct SnapshotRegionCLITests {
    /// The snapshot with one byte flipped in the middle of region `index` (the format's
    /// directory, at the end of the payload, gives each region's offset and length).
    static func damage(_ snapshot: URL, region index: Int) throws {
        var bytes = try [UInt8](Data(contentsOf: snapshot))
        func u64(_ at: Int) -> Int { Int(bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: at, as: UInt64.self) }) }
        let payload = u64(24), directory = payload + u64(32) - u64(88)
        let offset = payload + u64(directory + 8 + 24 * index), length = u64(directory + 16 + 24 * index)
        bytes[offset + length / 2] ^= 0x10
        try Data(bytes).write(to: snapshot)
    }

    /// Region 1 is the district dictionary.
    @Test func aCorruptDictionaryIsRebuiltBeforeItsAnswerIsShown() throws {
        let (folder, texts) = try SnapshotSourceTests.corpus()
        defer { try? FileManager.default.removeItem(at: folder) }
        var r = try Govq.run(["index", texts.path, "-o", "s.govq"], in: folder)
        #expect(r.status == 0, "\(r.err)")
        let snapshot = folder.appendingPathComponent("s.govq")
        try Self.damage(snapshot, region: 1)

        // Years are not in the district dictionary: answered from the snapshot as it is.
        r = try Govq.run(["--data", "s.govq", "--format", "csv", "-e", "sum new by year"], in: folder)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out == "year,new\r\n2020,28\r\n")
        #expect(!r.err.contains("warning"), "\(r.err)")

        r = try Govq.run(SnapshotSourceTests.query, in: folder)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out == SnapshotSourceTests.answer)
        #expect(r.err.contains("warning: snapshot 's.govq' is corrupt: the checksum of its district dictionary does not match (the answer was not used); checking all of it"), "\(r.err)")
        #expect(r.err.contains("warning: snapshot 's.govq' cannot be used: its checksum does not match (the file is corrupt); rebuilding it"), "\(r.err)")
        // Rebuilt: the next run is silent.
        r = try Govq.run(SnapshotSourceTests.query, in: folder)
        #expect(r.out == SnapshotSourceTests.answer)
        #expect(!r.err.contains("warning"), "\(r.err)")
    }

    @Test func checkReadsEveryRegion() throws {
        let (folder, texts) = try SnapshotSourceTests.corpus()
        defer { try? FileManager.default.removeItem(at: folder) }
        var r = try Govq.run(["index", texts.path, "-o", "s.govq"], in: folder)
        #expect(r.status == 0, "\(r.err)")
        // The unit dictionary (region 3): no query of `-e` reads it here, `govq check` does.
        try Self.damage(folder.appendingPathComponent("s.govq"), region: 3)
        r = try Govq.run(["check", "--data", "s.govq"], in: folder)
        #expect(r.err.contains("warning: snapshot 's.govq' cannot be used: its checksum does not match (the file is corrupt); rebuilding it"), "\(r.err)")
    }
}
