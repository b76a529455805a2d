/// The incremental index answers exactly as a full rebuild of the same folder: after each
/// change (a report added, changed, removed, moved to another folder, copied, replaced by a
/// file of the same size and mtime, a conflicting copy), the updated snapshot and one built
/// from scratch hold the same cube, dictionaries, account, diagnostics and sources, and give
/// the same answers. Only the changed files (and those deduplication compares) are parsed.
import Foundation
import GovqCorpus
import GovqCube
import GovqEngine
import GovqLoader
import GovqOutput
@testable import GovqSnapshot
import Testing

@Suite struct IncrementalIndexTests {
    /// One change to the corpus folder (`dir`: the samples, and 40 generated reports under
    /// `generated/0000/`); `extra` holds reports that are not in it yet.
    enum Step: String, CaseIterable, Sendable {
        case added, addedNewUnit, duplicated, removedTheKeptOne, changed, moved, replacedSameSizeAndTime, conflicting,
             removed, otherFile, unchanged

        /// Whether the fast path does the update when this step is the only change: it declines
        /// when deduplication has something to do (a copy, a conflicting copy; `added` is one:
        /// the generator gives report 1 of every seed the same unit and year).
        var fastAlone: Bool { ![.added, .duplicated, .conflicting].contains(self) }

        /// How many files the update parses when this step is the only change to a fresh corpus
        /// (counted by hand from what the step touches).
        var parsedAlone: Int {
            switch self {
            case .added, .addedNewUnit, .duplicated, .changed, .moved, .replacedSameSizeAndTime, .conflicting: 1
            case .removedTheKeptOne, .removed, .otherFile, .unchanged: 0
            }
        }

        func apply(in dir: String, extra: String) throws {
            let fm = FileManager.default
            let sample = dir + "/002_30a4ee9a9a62a807.txt"
            switch self {
            case .added:
                try fm.copyItem(atPath: extra + "/0000/0000001.txt", toPath: dir + "/generated/new.txt")
            case .addedNewUnit:
                // Report 100: a unit the corpus does not have, listed between reports 5 and 6.
                try fm.copyItem(atPath: extra + "/" + CorpusGenerator.path(100), toPath: dir + "/generated/0000/0000005a.txt")
            case .duplicated:
                try fm.createDirectory(atPath: dir + "/generated/copies", withIntermediateDirectories: true)
                try fm.copyItem(atPath: dir + "/generated/0000/0000003.txt", toPath: dir + "/generated/copies/0000003.txt")
            case .removedTheKeptOne:
                try fm.removeItem(atPath: dir + "/generated/0000/0000003.txt")
            case .changed:
                // Same size, new content and mtime: 临淄's 35 new requests become 36.
                try Self.edit(sample) { $0.replacingOccurrences(of: "数量\n\t35\n", with: "数量\n\t36\n") }
            case .moved:
                try fm.createDirectory(atPath: dir + "/generated/moved", withIntermediateDirectories: true)
                try fm.moveItem(atPath: dir + "/generated/0000/0000009.txt", toPath: dir + "/generated/moved/0000009.txt")
            case .replacedSameSizeAndTime:
                // A new file (new inode) renamed over the old, with its size and its mtime.
                var before = stat()
                stat(dir + "/004_7c44efe8d794ab26.txt", &before)
                try Self.replaceDigit(in: dir + "/004_7c44efe8d794ab26.txt", writingTo: dir + "/replacement.tmp")
                var times = [before.st_atim, before.st_mtim]
                #expect(utimensat(AT_FDCWD, dir + "/replacement.tmp", &times, 0) == 0)
                #expect(rename(dir + "/replacement.tmp", dir + "/004_7c44efe8d794ab26.txt") == 0)
            case .conflicting:
                // Another copy of 临淄's report whose numbers differ from the original's.
                try fm.createDirectory(atPath: dir + "/conflicts", withIntermediateDirectories: true)
                // (After `changed`, the original says 36.)
                let text = try String(contentsOfFile: sample, encoding: .utf8)
                let other = text.replacingOccurrences(of: "数量\n\t35\n", with: "数量\n\t34\n").replacingOccurrences(of: "数量\n\t36\n", with: "数量\n\t34\n")
                #expect(other != text)
                try other.write(toFile: dir + "/conflicts/linzi.txt", atomically: false, encoding: .utf8)
            case .removed:
                try fm.removeItem(atPath: dir + "/generated/0000/0000007.txt")
            case .otherFile:
                try Data("notes".utf8).write(to: URL(fileURLWithPath: dir + "/generated/notes.jpg"))
            case .unchanged:
                break
            }
        }

        static func edit(_ path: String, _ change: (String) -> String) throws {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let changed = change(text)
            #expect(changed != text, "the edit of \(path) changed nothing")
            try changed.write(toFile: path, atomically: false, encoding: .utf8)
        }

        /// The text of `file` with its first cell `1` made `2` (same size), written to `path`.
        static func replaceDigit(in file: String, writingTo path: String) throws {
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
            let i = try #require(bytes.indices.first {
                bytes[$0] == UInt8(ascii: "\t") && $0 + 2 < bytes.count && bytes[$0 + 1] == UInt8(ascii: "1") && bytes[$0 + 2] == 0x0A
            })
            bytes[i + 1] = UInt8(ascii: "2")
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }
    }

    /// A fresh corpus, its snapshot, and a folder of reports to add.
    struct Fixture {
        let dir: String, extra: String, snapshots: String, snapshot: String, full: String

        init() throws {
            dir = try SnapshotTests.corpus()
            extra = try Support.temporaryFolder("extra")
            try CorpusGenerator(seed: 12).write(count: 3, to: extra)
            _ = try CorpusGenerator(seed: 12).writeCorpus(count: 1, first: 100, to: extra)
            // Beside neither the texts (the folder's mtime would change) nor in /tmp itself,
            // whose thousands of entries OutputFile would scan for abandoned temporary files.
            snapshots = try Support.temporaryFolder("snapshots")
            snapshot = snapshots + "/incremental.govq"
            full = snapshots + "/full.govq"
            try SnapshotStore.build(roots: [dir], to: snapshot) { ReportLoader.load(paths: $0) }
        }

        func remove() {
            for p in [dir, extra, snapshots] { try? FileManager.default.removeItem(atPath: p) }
        }

        /// Updates the snapshot as `govq index` does: by the fast path (`SnapshotSplice`) when it
        /// applies, checked against the careful path (`SnapshotUpdate.plan`, the full encoder) run
        /// on a copy of the same snapshot, which must write the same bytes. Returns what changed,
        /// how many files were parsed, and why the fast path declined (nil: it did the update).
        @discardableResult
        func update(check: SourceCheck = .files,
                    sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> (changes: SourceChanges, parsed: Int, declined: String?) {
            let careful = snapshots + "/careful.govq"
            try? FileManager.default.removeItem(atPath: careful)
            try FileManager.default.copyItem(atPath: snapshot, toPath: careful)
            defer { try? FileManager.default.removeItem(atPath: careful) }
            let old = try SnapshotStore.read(careful)
            guard case .update(let u) = SnapshotUpdate.plan(old, given: [dir], check: check) else {
                Issue.record("rebuilt in full", sourceLocation: sourceLocation)
                return (SourceChanges(recorded: [], now: []), -1, nil)
            }
            try SnapshotStore.write(u.contents, to: careful)
            switch try SnapshotSplice.update(snapshot, given: [dir], check: check, roots: nil) {
            case .updated(let changes, let parsed):
                #expect(changes == u.changes, sourceLocation: sourceLocation)
                #expect(parsed == u.parsed, sourceLocation: sourceLocation)
                let fast = try Data(contentsOf: URL(fileURLWithPath: snapshot)), slow = try Data(contentsOf: URL(fileURLWithPath: careful))
                #expect(fast == slow, "the fast path wrote other bytes than the careful one (\(fast.count) and \(slow.count))",
                        sourceLocation: sourceLocation)
                return (changes, parsed, nil)
            case .declined(let why):
                try FileManager.default.removeItem(atPath: snapshot)
                try FileManager.default.copyItem(atPath: careful, toPath: snapshot)
                return (u.changes, u.parsed, why)
            }
        }

        /// The updated snapshot against one built from scratch now.
        func expectSameAsFullRebuild(_ context: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
            try SnapshotStore.build(roots: [dir], to: full) { ReportLoader.load(paths: $0) }
            let a = try SnapshotStore.read(snapshot), b = try SnapshotStore.read(full)
            IncrementalIndexTests.expectSame(a, b, context, sourceLocation: sourceLocation)
            // Byte for byte, too: the update writes the file a full rebuild writes.
            #expect(try Data(contentsOf: URL(fileURLWithPath: snapshot)) == Data(contentsOf: URL(fileURLWithPath: full)),
                    "\(context): the bytes differ", sourceLocation: sourceLocation)
        }
    }

    static let queries = [
        "sum denied by district", "sum new by applicant", "count reports by year", "sum granted, partial, denied by year",
        "sum denied where year = 2021 and applicant in (business, research) by district", "sum new by file",
        "sum upheld from reviews by proceeding", "count reports by province",
    ]

    static func expectSame(_ a: SnapshotContents, _ b: SnapshotContents, _ context: String, sourceLocation: Testing.SourceLocation) {
        #expect(Support.difference(a.cube, b.cube) == nil, "\(context)", sourceLocation: sourceLocation)
        // The dictionaries hold the same values in the same order: none lingers from a removed report.
        func dimensions(_ c: Cube) -> [DimensionColumn] { [c.district, c.unit, c.file] + c.place.all }
        for (x, y) in zip(dimensions(a.cube), dimensions(b.cube)) {
            #expect(x.values == y.values && x.codes == y.codes, "\(context): a dictionary differs", sourceLocation: sourceLocation)
        }
        #expect(a.cube.status == b.cube.status, "\(context)", sourceLocation: sourceLocation)
        func account(_ c: SnapshotContents) -> [String] {
            c.reports.map { "\($0.file) \($0.status) \($0.reason ?? "-") \($0.district ?? "-") \($0.unit ?? "-") \($0.year ?? 0) \($0.template?.name ?? "-")" }
        }
        #expect(account(a) == account(b), "\(context)", sourceLocation: sourceLocation)
        #expect(a.diagnostics == b.diagnostics, "\(context)", sourceLocation: sourceLocation)
        #expect(a.sources == b.sources, "\(context)", sourceLocation: sourceLocation)
        let x = QueryEngine(cube: a.cube), y = QueryEngine(cube: b.cube)
        for q in queries {
            #expect((try? x.run(q).rows) == (try? y.run(q).rows), "\(context): \(q)", sourceLocation: sourceLocation)
            #expect((try? x.run(q).rows.isEmpty) == false, "\(context): \(q) has no answer", sourceLocation: sourceLocation)
        }
    }

    /// Each change alone, from a fresh corpus: the same as a full rebuild, parsing only it.
    @Test(arguments: Step.allCases)
    func oneChange(_ step: Step) throws {
        let f = try Fixture()
        defer { f.remove() }
        try step.apply(in: f.dir, extra: f.extra)
        let (changes, parsed, declined) = try f.update()
        #expect(parsed == step.parsedAlone, "\(changes.summary)")
        #expect((declined == nil) == step.fastAlone, "\(step): declined: \(declined ?? "-")")
        #expect(changes.isEmpty == (step == .unchanged || step == .otherFile), "\(changes.summary)")
        try f.expectSameAsFullRebuild(step.rawValue)
    }

    /// The same with the check a query's open makes (`.folders`: a folder whose own mtime is as
    /// recorded is neither read nor listed again); a file rewritten in place (`changed`) is not
    /// seen by it, as Freshness says, so that step is left out.
    @Test(arguments: Step.allCases.filter { $0 != .changed })
    func oneChangeSeenByFolders(_ step: Step) throws {
        let f = try Fixture()
        defer { f.remove() }
        try step.apply(in: f.dir, extra: f.extra)
        let (changes, parsed, declined) = try f.update(check: .folders)
        #expect(parsed == step.parsedAlone, "\(changes.summary)")
        #expect((declined == nil) == step.fastAlone, "\(step): declined: \(declined ?? "-")")
        #expect(changes.isEmpty == (step == .unchanged || step == .otherFile), "\(changes.summary)")
        try f.expectSameAsFullRebuild(step.rawValue)
    }

    /// Every change in turn on one folder, checked after each; a copy is counted once, and
    /// when the kept one of the pair goes, the copy comes back.
    @Test func changesInTurn() throws {
        let f = try Fixture()
        defer { f.remove() }
        for step in Step.allCases {
            try step.apply(in: f.dir, extra: f.extra)
            try f.update()
            try f.expectSameAsFullRebuild(step.rawValue)
            let reports = try SnapshotStore.read(f.snapshot).reports
            let copy = reports.first { $0.file == f.dir + "/generated/copies/0000003.txt" }
            switch step {
            case .duplicated:
                #expect(copy?.status == .skipped && copy?.reason == "duplicate of '\(f.dir)/generated/0000/0000003.txt'")
            case .removedTheKeptOne:
                #expect(copy != nil && copy?.status != .skipped, "\(String(describing: copy))")
            case .changed:
                let cube = try SnapshotStore.read(f.snapshot).cube
                let i = try #require((0..<cube.reportCount).first { cube.file[report: $0].hasSuffix("002_30a4ee9a9a62a807.txt") })
                #expect(cube.applications.value(report: i, row: Outcome.new.rawValue, column: ApplicantType.naturalPerson.rawValue) == 36)
            default:
                break
            }
        }
    }
}

/// What is not updated: a write that fails leaves the old snapshot; a snapshot of another
/// format or other folders, or a corrupt one, is rebuilt in full with the reason; a query's
/// open of a stale snapshot updates it without reading the texts that did not change.
@Suite struct IncrementalIndexSafetyTests {
    struct WriteFailed: Error {}

    @Test func aFailedUpdateLeavesTheOldSnapshot() throws {
        let f = try IncrementalIndexTests.Fixture()
        defer { f.remove() }
        let before = try Data(contentsOf: URL(fileURLWithPath: f.snapshot))
        try IncrementalIndexTests.Step.added.apply(in: f.dir, extra: f.extra)
        // Killed half-way through writing: half the new file is out, and it is never committed.
        let half = before.count / 2
        var written = 0
        #expect(throws: WriteFailed.self) {
            try SnapshotUpdate.index(roots: [f.dir], to: f.snapshot, load: { ReportLoader.load(paths: $0) }) { path, payloadAt in
                FailingSink(try SnapshotFileSink(path: path, payloadAt: payloadAt), after: half) { written = $0 }
            }
        }
        #expect(written == half, "the update wrote \(written) bytes before it failed")
        #expect(try Data(contentsOf: URL(fileURLWithPath: f.snapshot)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: f.snapshots) == ["incremental.govq"])
        // The next update starts from the old snapshot and gets it right.
        let outcome = try SnapshotUpdate.index(roots: [f.dir], to: f.snapshot, load: { _ in
            Issue.record("rebuilt in full"); return LoadResult()
        })
        #expect(outcome.changes?.added.count == 1)
        try f.expectSameAsFullRebuild("after the failed update")
    }

    enum Reason: String, CaseIterable, Sendable { case formatVersion, otherRoots, corrupt }

    @Test(arguments: Reason.allCases)
    func rebuiltInFull(_ reason: Reason) throws {
        let f = try IncrementalIndexTests.Fixture()
        defer { f.remove() }
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: f.snapshot)))
        var roots = [f.dir]
        switch reason {
        case .formatVersion: bytes[8] = UInt8(SnapshotFormat.version - 1)
        case .otherRoots: roots = [f.dir + "/generated"]
        case .corrupt: bytes[bytes.count - 40] ^= 0x80
        }
        try Data(bytes).write(to: URL(fileURLWithPath: f.snapshot))
        try IncrementalIndexTests.Step.changed.apply(in: f.dir, extra: f.extra)
        var loads = 0
        let outcome = try SnapshotUpdate.index(roots: roots, to: f.snapshot, load: { loads += 1; return ReportLoader.load(paths: $0) })
        #expect(loads == 1)
        #expect(outcome.changes == nil)
        let expected = switch reason {
        case .formatVersion: "it has format version \(SnapshotFormat.version - 1); this govq reads version \(SnapshotFormat.version)"
        case .otherRoots: "it was built from '\(f.dir)', not '\(f.dir)/generated'"
        case .corrupt: "its checksum does not match (the file is corrupt)"
        }
        #expect(outcome.rebuiltBecause == expected)
        if reason != .otherRoots { try f.expectSameAsFullRebuild(reason.rawValue) }
    }

    /// `--data X.govq` after a file was added: updated, not rebuilt; said once; the same
    /// answers as a full rebuild; and the next open is silent.
    @Test func aQueryUpdatesAStaleSnapshot() throws {
        let f = try IncrementalIndexTests.Fixture()
        defer { f.remove() }
        try IncrementalIndexTests.Step.duplicated.apply(in: f.dir, extra: f.extra)
        try IncrementalIndexTests.Step.added.apply(in: f.dir, extra: f.extra)
        var warnings: [String] = []
        let noLoad: SnapshotStore.Loader = { _ in Issue.record("rebuilt in full"); return LoadResult() }
        let opened = try SnapshotStore.open(f.snapshot, load: noLoad, warn: { warnings.append($0) })
        let before = try SnapshotStore.read(f.snapshot).sources.files.count
        #expect(warnings == ["warning: snapshot '\(f.snapshot)' is stale ('\(f.dir)/generated/copies/0000003.txt' was added); "
                             + "updated it: 2 added, 0 changed, 0 removed (\(before - 2) unchanged)"])
        #expect(opened.reports.count == ReportLoader.load(paths: [f.dir]).reports.count)
        try f.expectSameAsFullRebuild("after the query's update")
        warnings = []
        _ = try SnapshotStore.open(f.snapshot, load: noLoad, warn: { warnings.append($0) })
        #expect(warnings.isEmpty)
    }
}

/// Writes through to the real temporary file until `after` bytes are out, then fails, as a
/// process killed (or a disk filled) half-way through an update would.
final class FailingSink: SnapshotSink {
    let inner: SnapshotSink, after: Int, report: (Int) -> Void
    var written = 0

    init(_ inner: SnapshotSink, after: Int, report: @escaping (Int) -> Void) {
        self.inner = inner
        self.after = after
        self.report = report
    }

    func append(_ bytes: UnsafeRawBufferPointer) throws {
        let n = min(bytes.count, after - written)
        try inner.append(UnsafeRawBufferPointer(rebasing: bytes[0..<n]))
        written += n
        guard n == bytes.count else { report(written); throw IncrementalIndexSafetyTests.WriteFailed() }
    }

    func writeHead(_ bytes: [UInt8]) throws { report(written); throw IncrementalIndexSafetyTests.WriteFailed() }
    func commit() throws { report(written); throw IncrementalIndexSafetyTests.WriteFailed() }
}
