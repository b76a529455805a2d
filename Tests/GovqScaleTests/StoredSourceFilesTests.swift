/// The incremental update's shortcuts beside the careful code they replace: the per-file source
/// list spliced from the stored bytes (`SourceFileSplice`) against `SourceList.rescan` on the
/// decoded list, and strings interned by their bytes (`Account`, `Renumbering`), so that two
/// spellings of one text are each stored as given and found among the stored ones by bytes.
import Foundation
import GovqCube
import GovqDiagnostics
import GovqLoader
@testable import GovqSnapshot
import Testing

@Suite struct StoredSourceFilesTests {
    /// Changes in several folders at once, checked both ways: what changed, and the bytes of the
    /// new list, which must be the ones `SourceList.encode` writes for the careful path's list.
    enum Change: String, CaseIterable, Sendable {
        /// A file in the root, sorting among the subfolders' files.
        case addedAtTheRoot
        /// A file in a new subfolder whose name sorts before the others.
        case newFolderFirst
        /// Every file of a folder gone with the folder.
        case folderRemoved
        /// One file removed, one added, one replaced (new inode) in the same folder.
        case mixedInOneFolder
        /// A file whose name sorts after every stored one.
        case addedLast
        case nothing
    }

    static func apply(_ change: Change, in dir: String) throws {
        let fm = FileManager.default
        let some = dir + "/generated/0000/0000003.txt"
        switch change {
        case .addedAtTheRoot:
            try fm.copyItem(atPath: some, toPath: dir + "/generated/0000a.txt")
        case .newFolderFirst:
            try fm.createDirectory(atPath: dir + "/generated/000", withIntermediateDirectories: true)
            try fm.copyItem(atPath: some, toPath: dir + "/generated/000/x.txt")
        case .folderRemoved:
            try fm.createDirectory(atPath: dir + "/generated/zz", withIntermediateDirectories: true)
            try fm.copyItem(atPath: some, toPath: dir + "/generated/zz/a.txt")
        case .mixedInOneFolder:
            try fm.removeItem(atPath: dir + "/generated/0000/0000007.txt")
            try fm.copyItem(atPath: some, toPath: dir + "/generated/0000/0000007b.txt")
            let text = try Data(contentsOf: URL(fileURLWithPath: dir + "/generated/0000/0000009.txt"))
            try fm.removeItem(atPath: dir + "/generated/0000/0000009.txt")
            try text.write(to: URL(fileURLWithPath: dir + "/generated/0000/0000009.txt"))
        case .addedLast:
            try fm.copyItem(atPath: some, toPath: dir + "/zzzz.txt")
        case .nothing:
            break
        }
    }

    @Test(arguments: [SourceCheck.files, .folders])
    func splicedListIsTheRescannedOne(_ check: SourceCheck) throws {
        let dir = try SnapshotTests.corpus()
        let snapshots = try Support.temporaryFolder("stored-files")
        defer {
            try? FileManager.default.removeItem(atPath: dir)
            try? FileManager.default.removeItem(atPath: snapshots)
        }
        // The folder removed later exists when the snapshot is built.
        try Self.apply(.folderRemoved, in: dir)
        let path = snapshots + "/s.govq"
        try SnapshotStore.build(roots: [dir], to: path) { ReportLoader.load(paths: $0) }
        try FileManager.default.removeItem(atPath: dir + "/generated/zz")
        for change in Change.allCases where change != .folderRemoved { try Self.apply(change, in: dir) }

        let mapped = try MappedFile(path)
        let recorded = try SnapshotStore.read(path).sources
        #expect(recorded.files.count > 40)
        let stored = try StoredSourceFiles(try StoredSnapshot(mapped.raw, cells: Splice.cellCount).extra)
        #expect(stored.count == recorded.files.count)
        #expect((0..<stored.count).map(stored.file) == recorded.files)

        let (careful, carefulChanges) = recorded.rescan(check: check)
        var folderless = recorded
        folderless.files = []
        let (list, files, changes) = folderless.rescan(check: check, stored: stored)
        #expect(changes == carefulChanges)
        #expect(list.folders == careful.folders && list.roots == careful.roots)
        #expect(files.count == careful.files.count)
        // Each kind of change was seen: 4 added (3 files and the new folder's), 1 changed, 2 removed.
        #expect(changes.added.count == 4, "\(changes.summary)")
        #expect(changes.changed == [dir + "/generated/0000/0000009.txt"], "\(changes.summary)")
        #expect(changes.removed.sorted() == [dir + "/generated/0000/0000007.txt", dir + "/generated/zz/a.txt"], "\(changes.summary)")
        var a = ByteWriter(), b = ByteWriter(), unused = ByteWriter()
        files.encode(into: &a)
        careful.encode(into: &unused, files: &b)
        #expect(a.bytes == b.bytes, "the spliced file list differs from the rescanned one")
    }

    /// The update copies the extra region (the per-file list, the diagnostics) from the old file
    /// without decoding it: a flipped byte there is caught by its checksum before anything is
    /// copied, the fast path declines, and the snapshot is rebuilt in full, as for any corrupt one.
    @Test(arguments: [0.1, 0.5, 0.9])
    func aCorruptExtraRegionIsNeverCopied(_ at: Double) throws {
        let f = try IncrementalIndexTests.Fixture()
        defer { f.remove() }
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: f.snapshot)))
        let (offset, length) = bytes.withUnsafeBytes { raw in
            (Int(raw.loadUnaligned(fromByteOffset: 64, as: UInt64.self)), Int(raw.loadUnaligned(fromByteOffset: 72, as: UInt64.self)))
        }
        #expect(length > 1000)
        bytes[offset + Int(Double(length) * at)] ^= 0x04
        try Data(bytes).write(to: URL(fileURLWithPath: f.snapshot))
        try IncrementalIndexTests.Step.addedNewUnit.apply(in: f.dir, extra: f.extra)
        guard case .declined(let why) = try SnapshotSplice.update(f.snapshot, given: [f.dir], check: .files, roots: nil) else {
            Issue.record("the fast path copied a corrupt extra region")
            return
        }
        #expect(why == SnapshotError.checksumMismatch.description)
        let outcome = try SnapshotUpdate.index(roots: [f.dir], to: f.snapshot, load: { ReportLoader.load(paths: $0) })
        #expect(outcome.rebuiltBecause == SnapshotError.checksumMismatch.description)
        try f.expectSameAsFullRebuild("after the rebuild")
    }

    /// Two spellings of 'café' (composed, and e + U+0301) are equal as `String`s, but each is
    /// stored with its own bytes, and a new string is found among the stored ones by its bytes.
    @Test func stringsAreInternedByTheirBytes() throws {
        let composed = "caf\u{E9}", decomposed = "cafe\u{301}"
        #expect(composed == decomposed && Array(composed.utf8) != Array(decomposed.utf8))
        let diagnostics = [composed, decomposed, composed].map { Diagnostic(.warning, $0, source: "a.txt") }
        var w = ByteWriter(), x = ByteWriter()
        let file = DimensionColumn(values: [], codes: [])
        Account.encode(reports: [], diagnostics: diagnostics, files: file, into: &w, extra: &x)
        try x.bytes.withUnsafeBytes { raw in
            let decoded = try Account.decodeDiagnostics(from: ByteReader(raw))
            #expect(decoded.map { Array($0.message.utf8) } == diagnostics.map { Array($0.message.utf8) })
            var r = ByteReader(raw)
            let table = try StoredStrings(&r)
            // warning, café, a.txt, cafe + U+0301: four strings, both spellings kept.
            #expect(table.count == 4)
            var names = Renumbering(table)
            #expect(names.id(decomposed) == 3)
            #expect(names.id(composed) == 1)
            #expect(names.id("new") == 4)
            // Past the first few lookups the table is indexed: the same answers.
            for _ in 0..<10 { _ = names.id(UUID().uuidString) }
            var again = Renumbering(table)
            for s in (0..<10).map({ "n\($0)" }) { _ = again.id(s) }
            #expect(again.id(decomposed) == 3 && again.id(composed) == 1 && again.id("a.txt") == 2)
        }
    }
}
