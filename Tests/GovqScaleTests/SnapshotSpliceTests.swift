/// The fast incremental update (`SnapshotSplice`) beside what it shortcuts: the folder census
/// against the load's own listing, a query's open of a stale snapshot, and the cases it leaves
/// to the careful path. (`IncrementalIndexTests` compares its files with the careful path's and
/// a full rebuild's, byte for byte, after every kind of change.)
import Foundation
import GovqCube
import GovqEngine
import GovqLoader
@testable import GovqSnapshot
import Testing

@Suite struct SnapshotSpliceTests {
    /// The census counts what the listing lists, and warns about the other files as it does.
    @Test func censusCountsWhatTheListingLists() throws {
        let dir = try Support.temporaryFolder("census")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir + "/a/b", withIntermediateDirectories: true)
        for name in ["x.txt", "a/y.TXT", "a/b/z.html", "a/b/w.docx", "notes.jpg", "a/README", "a/b/c.JPG", "a/b/d.xls"] {
            try Data("x".utf8).write(to: URL(fileURLWithPath: dir + "/" + name))
        }
        let listing = ReportLoader.listing(of: [dir])
        var census = ReportLoader.census(of: dir)
        #expect(census.reports == listing.files.count)
        #expect(census.reports == 4)
        #expect(census.irregular == 0)
        #expect(census.othersWarning(root: dir).map { [$0] } ?? [] == listing.diagnostics)
        #expect(census.others == [".jpg": 2, "(no extension)": 1, ".xls": 1])
        // A link named like a report is listed too, but is not a plain file.
        #expect(symlink(dir + "/x.txt", dir + "/a/link.txt") == 0)
        census = ReportLoader.census(of: dir)
        #expect(census.reports == ReportLoader.listing(of: [dir]).files.count)
        #expect(census.irregular == 1)
        // Folder by folder, as a snapshot stores it, the same counts: 1 report and 1 other
        // file at the top, 2 and 1 (plus the link) in a/, 2 and 2 in a/b/.
        let folders = SourceList.scan([dir]).folders
        #expect(folders.map { $0.path } == [dir, dir + "/a", dir + "/a/b"])
        #expect(folders.map { $0.census.reports } == [1, 2, 2])
        #expect(folders.map { $0.census.others } == [[".jpg": 1], ["(no extension)": 1], [".jpg": 1, ".xls": 1]])
        var summed = FolderCensus()
        for f in folders { summed.add(f.census) }
        #expect(summed == census)
    }

    /// A query's open of a stale snapshot takes the fast path: one warning, the answers a full
    /// rebuild gives, nothing loaded in full, and the file the careful path would have written.
    @Test func aQueryUpdatesByTheFastPath() throws {
        let f = try IncrementalIndexTests.Fixture()
        defer { f.remove() }
        try IncrementalIndexTests.Step.addedNewUnit.apply(in: f.dir, extra: f.extra)
        try IncrementalIndexTests.Step.removed.apply(in: f.dir, extra: f.extra)
        let careful = f.snapshots + "/careful.govq"
        try FileManager.default.copyItem(atPath: f.snapshot, toPath: careful)
        var warnings: [String] = []
        let noLoad: SnapshotStore.Loader = { _ in Issue.record("rebuilt in full"); return LoadResult() }
        let opened = try SnapshotStore.open(f.snapshot, okReports: false, verification: .asRead, load: noLoad, warn: { warnings.append($0) })
        let files = try SnapshotStore.read(f.snapshot).sources.files.count
        #expect(warnings == ["warning: snapshot '\(f.snapshot)' is stale ('\(f.dir)/generated/0000/0000005a.txt' was added); "
                             + "updated it: 1 added, 0 changed, 1 removed (\(files - 1) unchanged)"])
        try f.expectSameAsFullRebuild("after the query's fast update")
        let rebuilt = try SnapshotStore.read(f.full)
        #expect(opened.cube.reportCount == rebuilt.cube.reportCount)
        let x = QueryEngine(cube: opened.cube), y = QueryEngine(cube: rebuilt.cube)
        for q in IncrementalIndexTests.queries { #expect((try? x.run(q).rows) == (try? y.run(q).rows), "\(q)") }
        // The careful path, from the same old snapshot, writes the same bytes.
        let old = try SnapshotStore.read(careful)
        guard case .update(let u) = SnapshotUpdate.plan(old, given: nil, check: .folders) else { Issue.record("rebuilt"); return }
        try SnapshotStore.write(u.contents, to: careful)
        #expect(try Data(contentsOf: URL(fileURLWithPath: careful)) == Data(contentsOf: URL(fileURLWithPath: f.snapshot)))
    }

    /// Names are looked up by their bytes only where that is the same as comparing `String`s:
    /// text in normal form C (by hand: `e` + U+0301 is `é` decomposed, U+2126 OHM SIGN and
    /// U+F900 normalise to other characters, and so does か + U+3099; `≠` and `é` are composed).
    @Test(arguments: [("济南市历城区", true), ("临淄区 2020", true), ("a ≠ b", true), ("caf\u{E9}", true),
                      ("cafe\u{301}", false), ("\u{2126}", false), ("\u{F900}", false), ("\u{304B}\u{3099}", false)])
    func plainTextIsNormalFormC(_ text: String, _ plain: Bool) {
        #expect(NFCText.isPlain(Array(text.utf8)) == plain)
    }

    /// What the fast path leaves to the careful one, and says why.
    @Test func declinesWhatItDoesNotSplice() throws {
        let f = try IncrementalIndexTests.Fixture()
        defer { f.remove() }
        try IncrementalIndexTests.Step.duplicated.apply(in: f.dir, extra: f.extra)
        #expect(try f.update().declined == "a repeated report")
        // Now the snapshot holds a report deduplication took out: every update is careful.
        try IncrementalIndexTests.Step.added.apply(in: f.dir, extra: f.extra)
        #expect(try f.update().declined == "a report deduplication took out")
        try f.expectSameAsFullRebuild("careful")
    }
}
